from django import forms

from ere.core.forms import BaseForm
from ere.usage.enums import ImportFormat

MAX_UPLOAD_MB = 500


class UploadForm(BaseForm):
    file = forms.FileField(
        label="Fichier de journaux d'usage",
        help_text="CSV (séparateur « ; » ou « , », y compris un export d'Excel), Parquet, JSON Lines ou export "
        f"ActivityWatch (aw-buckets-export.json). {MAX_UPLOAD_MB} Mo au plus.",
    )
    format = forms.ChoiceField(
        label="Format",
        choices=[(value, label) for value, label in ImportFormat.choices if value != ImportFormat.API],
        initial=ImportFormat.AUTO,
    )
    agent = forms.CharField(
        label="Agent (export ActivityWatch)",
        required=False,
        max_length=254,
        help_text="Pour un export ActivityWatch : l'identifiant (e-mail) de la personne dont c'est le poste.",
    )
    source = forms.CharField(
        label="Source", required=False, max_length=120, help_text="Facultatif : le collecteur ou le service d'origine."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise forms.ValidationError("Le fichier est vide.")
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(f"Le fichier dépasse {MAX_UPLOAD_MB} Mo : importez-le avec la commande.")
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("format") == ImportFormat.ACTIVITYWATCH and not cleaned.get("agent"):
            self.add_error("agent", "Indiquez à qui appartient cet export ActivityWatch.")
        return cleaned
