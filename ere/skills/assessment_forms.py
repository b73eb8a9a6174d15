from django import forms

from ere.core.forms import BaseForm
from ere.skills.enums import SelfRating

SKIP = ""
SKIP_LABEL = "Pas cette fois"

# The same five steps, worded for a transversal (CRCN) domain rather than for an application.
CRCN_RATINGS = {
    SelfRating.NEVER: "Je ne sais pas le faire",
    SelfRating.HELPED: "Je le fais avec de l'aide",
    SelfRating.ALONE: "Je le fais seul·e dans les cas courants",
    SelfRating.FLUENT: "Je le fais seul·e, y compris dans les cas moins courants",
    SelfRating.TEACH: "Je peux l'expliquer à un collègue",
}


class SelfPositioningForm(BaseForm):
    """One question per area: « where do you stand? ». At least one area must be rated to start a diagnostic."""

    def __init__(self, *args, areas, suggested, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        self.suggested = set(suggested)
        for area in self.areas:
            labels = dict(SelfRating.choices) if area.is_tool else CRCN_RATINGS
            self.fields[self.field_name(area)] = forms.TypedChoiceField(
                label=area.name,
                choices=[(SKIP, SKIP_LABEL), *((value, label) for value, label in labels.items())],
                coerce=int,
                empty_value=None,
                required=False,
                initial=SKIP,
                widget=forms.Select,
            )

    @staticmethod
    def field_name(area):
        return f"area-{area.code}"

    def suggested_fields(self):
        return [self[self.field_name(a)] for a in self.areas if a.pk in self.suggested]

    def other_fields(self):
        return [self[self.field_name(a)] for a in self.areas if a.pk not in self.suggested]

    def clean(self):
        cleaned = super().clean()
        if not self.ratings():
            raise forms.ValidationError(
                "Choisissez au moins un domaine à évaluer : indiquez où vous en êtes pour l'un d'eux."
            )
        return cleaned

    def ratings(self):
        """{area: self-rating} for the areas the agent chose to be assessed on."""
        data = getattr(self, "cleaned_data", {})
        return {
            area: data[self.field_name(area)] for area in self.areas if data.get(self.field_name(area)) is not None
        }
