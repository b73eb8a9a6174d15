import datetime

from django import forms

from ere.core.forms import BaseModelForm
from ere.practice.models import TeamSlot

EARLIEST, LATEST = datetime.time(7, 0), datetime.time(19, 0)


class TeamSlotForm(BaseModelForm):
    """The team's weekly slot: a weekday, a start time, a duration."""

    weekday = forms.TypedChoiceField(
        label="Jour",
        choices=TeamSlot.WEEKDAYS,
        coerce=int,
        help_text="Un jour ouvré, le même chaque semaine.",
        error_messages={
            "required": "Choisissez le jour du créneau.",
            "invalid_choice": "Choisissez un jour du lundi au vendredi.",
        },
    )
    start = forms.TimeField(
        label="Heure de début",
        help_text="Par exemple 08:45. Entre 7 h et 19 h.",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": "Indiquez l'heure de début.",
            "invalid": "Indiquez une heure au format 08:45.",
        },
    )
    minutes = forms.IntegerField(
        label="Durée (en minutes)",
        min_value=10,
        max_value=60,
        help_text="15 minutes conseillées ; de 10 à 60.",
        error_messages={
            "required": "Indiquez la durée du créneau.",
            "invalid": "La durée est un nombre de minutes.",
            "min_value": "Le créneau dure au moins 10 minutes.",
            "max_value": "Le créneau dure au plus 60 minutes.",
        },
    )

    class Meta(BaseModelForm.Meta):
        model = TeamSlot
        fields = ["weekday", "start", "minutes"]

    def clean_start(self):
        start = self.cleaned_data["start"]
        if not EARLIEST <= start <= LATEST:
            raise forms.ValidationError("Choisissez une heure de début entre 7 h et 19 h.")
        return start.replace(second=0, microsecond=0)
