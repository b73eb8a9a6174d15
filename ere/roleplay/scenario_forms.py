"""Forms of the scenario library: its filters, the authoring form (scenario, three role cards, the observation grid)
and the Twee 3 import."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms import BaseFormSet, formset_factory

from ere.catalog.models import Tool
from ere.core.forms import BaseForm, BaseModelForm
from ere.roleplay import twee
from ere.roleplay.enums import Difficulty, Level, RoleKind
from ere.roleplay.models import RoleCard, Scenario
from ere.roleplay.scenarios import MAX_MINUTES

MAX_IMPORT_BYTES = 512 * 1024
MAX_CRITERIA = 10


class LibraryFilterForm(BaseForm):
    """The library's search and filters, all optional; a bad value is reported, never a 500."""

    q = forms.CharField(
        label="Rechercher",
        required=False,
        max_length=200,
        help_text="Un mot du titre ou du résumé, par exemple « apprenti »",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    difficulty = forms.ChoiceField(label="Difficulté", choices=[("", "Toutes"), *Difficulty.choices], required=False)
    tool = forms.ModelChoiceField(
        label="Applicatif mobilisé",
        queryset=Tool.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label="Tous",
    )

    def __init__(self, *args, tools=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tool"].queryset = tools if tools is not None else Tool.objects.order_by("name")


class ScenarioForm(BaseModelForm):
    objectives = forms.CharField(
        label="Objectifs",
        required=False,
        help_text="Un objectif par ligne, par exemple « Reformuler le besoin ».",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    minutes = forms.IntegerField(
        label="Durée du jeu (en minutes)",
        initial=10,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MINUTES)],
    )

    class Meta(BaseModelForm.Meta):
        model = Scenario
        fields = ("title", "summary", "context", "objectives", "difficulty", "minutes", "tools", "script")
        labels = {"summary": "Résumé en une phrase", "script": "Script à embranchements (Twee 3, facultatif)"}
        help_texts = {
            "summary": "Affiché sur la carte de la bibliothèque.",
            "context": "La situation telle que tous les joueurs la lisent avant de commencer.",
            "tools": "",
            "script": "Collez ici une histoire Twine au format Twee 3 : chaque passage est une réplique de "
            "l'interlocuteur, ses liens sont les réponses possibles du conseiller, les fins portent l'étiquette "
            "« bonne-fin » ou « mauvaise-fin ». Voir la documentation « Mises en situation ».",
        }
        widgets = {
            "context": forms.Textarea(attrs={"rows": 5}),
            "tools": forms.CheckboxSelectMultiple,
            "script": forms.Textarea(attrs={"rows": 16, "spellcheck": "false", "class": "fr-input ere-code"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tools"].queryset = Tool.objects.order_by("name")
        if self.instance.pk and not self.is_bound:
            self.initial["objectives"] = "\n".join(self.instance.objectives)

    def clean_objectives(self):
        return [line.strip() for line in self.cleaned_data["objectives"].splitlines() if line.strip()]

    def clean_script(self):
        script = self.cleaned_data["script"].replace("\r\n", "\n").strip()
        if not script:
            return ""
        try:
            twee.parse(script)
        except twee.TweeError as error:
            raise ValidationError(f"Le script n'est pas lisible. {error}") from None
        return script + "\n"


class RoleCardForm(BaseModelForm):
    """One role's card; only the interlocutor's has hidden information and reactions."""

    class Meta(BaseModelForm.Meta):
        model = RoleCard
        fields = ("title", "brief", "hidden", "reactions")
        widgets = {
            "brief": forms.Textarea(attrs={"rows": 3}),
            "hidden": forms.Textarea(attrs={"rows": 3}),
            "reactions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, role, **kwargs):
        super().__init__(*args, prefix=f"card-{role}", **kwargs)
        self.role = RoleKind(role)
        if self.role != RoleKind.INTERLOCUTOR:
            del self.fields["hidden"], self.fields["reactions"]
        if self.role == RoleKind.ADVISOR:
            self.fields["title"].help_text = "Par exemple « Conseillère entreprises, agence de Lyon »."


class CriterionForm(BaseForm):
    """One line of the observation grid: a label and what each of the four levels looks like."""

    label = forms.CharField(
        label="Critère", max_length=200, required=False, help_text="Par exemple « Reformule le besoin »."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for level in Level:
            self.fields[f"level_{level.value}"] = forms.CharField(
                label=f"Niveau {level.value} — {level.label}", max_length=300, required=False
            )

    @property
    def level_fields(self):
        return [self[f"level_{level.value}"] for level in Level]

    def clean(self):
        cleaned = super().clean()
        descriptors = [cleaned.get(f"level_{level.value}", "").strip() for level in Level]
        if not cleaned.get("label", "").strip():
            if any(descriptors):
                self.add_error("label", "Donnez un nom à ce critère, ou videz ses quatre niveaux pour le retirer.")
            return cleaned
        for level, descriptor in zip(Level, descriptors, strict=True):
            if not descriptor:
                self.add_error(f"level_{level.value}", "Décrivez ce niveau en une phrase.")
        return cleaned

    def row(self):
        """{label, descriptors}, or None for a block left empty."""
        label = self.cleaned_data.get("label", "").strip()
        if not label:
            return None
        return {"label": label, "descriptors": [self.cleaned_data[f"level_{level.value}"].strip() for level in Level]}


class CriterionFormSet(BaseFormSet):
    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        if not any(form.row() for form in self.forms):
            raise ValidationError("Ajoutez au moins un critère à la grille d'observation.")

    def rows(self):
        return [row for form in self.forms if (row := form.row())]


def criterion_formset(data=None, criteria=()):
    """The grid as blocks: one per existing criterion, and two empty ones to add more."""
    formset_class = formset_factory(
        CriterionForm, formset=CriterionFormSet, extra=2, max_num=MAX_CRITERIA, validate_max=True
    )
    initial = [
        {"label": criterion.label, **{f"level_{n}": text for n, text in enumerate(criterion.descriptors, start=1)}}
        for criterion in criteria
    ]
    return formset_class(data=data, initial=initial, prefix="criteria")


class TweeImportForm(BaseForm):
    file = forms.FileField(
        label="Fichier Twee 3",
        help_text="Un fichier .twee (ou .tw, .txt) exporté de Twine, 512 ko au plus.",
        widget=forms.FileInput(attrs={"accept": ".twee,.tw,.txt,text/plain", "class": "fr-upload"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.group_class = "fr-upload-group"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError("Le fichier dépasse 512 ko : ce n'est sans doute pas une histoire Twee.")
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                "Le fichier n'est pas encodé en UTF-8. Dans Twine, exportez l'histoire avec « Construire › Exporter "
                "en Twee » : ce fichier est en UTF-8."
            ) from None
        if "\x00" in text:
            raise ValidationError("Ce fichier n'est pas un fichier texte : choisissez le fichier .twee exporté.")
        return text
