from django import forms
from django.db import transaction
from dsfr.widgets import InlineRadioSelect

from ere.catalog.models import Task
from ere.core.forms import BaseForm, BaseModelForm
from ere.org.access import managed_agencies
from ere.org.enums import Role
from ere.usage import survey_import
from ere.usage.enums import Ease, Frequency, Usefulness
from ere.usage.models import SurveyCampaign, SurveyTaskAnswer, SurveyToolAnswer
from ere.usage.survey_services import in_french_order, tools_in_service_or

# Roles a campaign can ask: the people who work in an agency.
TARGET_ROLES = [(role.value, role.label) for role in (Role.AGENT, Role.CHAMPION, Role.MANAGER, Role.TRAINER)]
YES_NO = [("oui", "Oui"), ("non", "Non")]
MAIN_TASKS = 3


class CampaignForm(BaseModelForm):
    target_roles = forms.MultipleChoiceField(
        label="Rôles interrogés",
        choices=TARGET_ROLES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choisissez au moins un rôle."},
    )

    class Meta(BaseModelForm.Meta):
        model = SurveyCampaign
        fields = ["title", "description", "starts_on", "ends_on", "agencies", "target_roles", "tools"]
        labels = {"agencies": "Agences interrogées", "tools": "Applicatifs sur lesquels porte l'enquête"}
        help_texts = {
            "agencies": "Parmi les agences de votre périmètre.",
            "tools": "Chaque applicatif ajoute quatre questions : une dizaine au plus garde l'enquête courte.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "agencies": forms.CheckboxSelectMultiple,
            "tools": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "title": {"required": "Donnez un titre à l'enquête."},
            "starts_on": {"required": "Indiquez la date d'ouverture.", "invalid": "Saisissez une date valide."},
            "ends_on": {"required": "Indiquez la date de clôture.", "invalid": "Saisissez une date valide."},
            "agencies": {
                "required": "Choisissez au moins une agence.",
                "invalid_choice": "Cette agence n'est pas dans votre périmètre.",
            },
            "tools": {"required": "Choisissez au moins un applicatif."},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = in_french_order(managed_agencies(user))
        self.fields["tools"].queryset = tools_in_service_or(self.instance.tools.all() if self.instance.pk else [])

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "La clôture doit tomber le jour de l'ouverture ou après.")
        return cleaned


def _scale(label, choices, help_text):
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=InlineRadioSelect,
    )


class ToolAnswerForm(BaseForm):
    """The four questions about one tool. Ease and usefulness are asked only of those who use it."""

    def __init__(self, *args, tool, answer=None, **kwargs):
        if answer is not None:
            kwargs["initial"] = {
                "frequency": answer.frequency,
                "ease": answer.ease,
                "usefulness": answer.usefulness,
                "wants_training": "oui" if answer.wants_training else "non",
            }
        kwargs.setdefault("prefix", f"outil-{tool.pk}")
        kwargs["use_required_attribute"] = False
        super().__init__(*args, **kwargs)
        self.tool = tool
        name = tool.name
        self.fields["frequency"] = forms.ChoiceField(
            label=f"À quelle fréquence utilisez-vous « {name} » ?",
            choices=Frequency.choices,
            widget=InlineRadioSelect,
            error_messages={"required": f"Indiquez à quelle fréquence vous utilisez « {name} »."},
        )
        self.fields["ease"] = _scale(
            f"« {name} » est-il facile à utiliser ?",
            Ease.choices,
            "De 1 (très difficile) à 5 (très facile). Laissez vide si vous ne l'utilisez jamais.",
        )
        self.fields["usefulness"] = _scale(
            f"« {name} » vous est-il utile ?",
            Usefulness.choices,
            "De 1 (inutile) à 5 (indispensable). Laissez vide si vous ne l'utilisez jamais.",
        )
        self.fields["wants_training"] = forms.TypedChoiceField(
            label=f"Souhaitez-vous une formation à « {name} » ?",
            choices=YES_NO,
            coerce=lambda value: value == "oui",
            widget=InlineRadioSelect,
            error_messages={"required": f"Dites si vous souhaitez une formation à « {name} »."},
        )

    def clean(self):
        cleaned = super().clean()
        frequency = cleaned.get("frequency")
        if frequency == Frequency.NEVER:
            cleaned["ease"] = cleaned["usefulness"] = None
        elif frequency:
            if cleaned.get("ease") is None and "ease" not in self.errors:
                self.add_error("ease", "Notez la facilité de 1 à 5, ou répondez « Jamais » à la fréquence.")
            if cleaned.get("usefulness") is None and "usefulness" not in self.errors:
                self.add_error("usefulness", "Notez l'utilité de 1 à 5, ou répondez « Jamais » à la fréquence.")
        return cleaned

    def save(self, response):
        data = self.cleaned_data
        SurveyToolAnswer.objects.update_or_create(
            response=response,
            tool=self.tool,
            defaults={
                "frequency": data["frequency"],
                "ease": data["ease"],
                "usefulness": data["usefulness"],
                "wants_training": data["wants_training"],
            },
        )


class MainTasksForm(BaseForm):
    """The agent's three main tasks, most important first, and the tools they use together for each."""

    LABELS = ["Votre tâche principale", "Votre deuxième tâche", "Votre troisième tâche"]

    def __init__(self, *args, tools, response=None, **kwargs):
        if response is not None:
            initial = {}
            for answer in response.task_answers.prefetch_related("tools"):
                initial[f"task_{answer.position}"] = answer.task_id
                initial[f"tools_{answer.position}"] = [tool.pk for tool in answer.tools.all()]
            kwargs["initial"] = initial
        kwargs["use_required_attribute"] = False
        super().__init__(*args, **kwargs)
        tasks = in_french_order(Task.objects.all())
        for n, label in enumerate(self.LABELS, start=1):
            self.fields[f"task_{n}"] = forms.ModelChoiceField(
                label=label,
                help_text=None if n == 1 else "Facultatif.",
                queryset=tasks,
                required=n == 1,
                empty_label="Choisissez une tâche",
                error_messages={
                    "required": "Choisissez au moins votre tâche principale.",
                    "invalid_choice": "Choisissez une tâche de la liste.",
                },
            )
            self.fields[f"tools_{n}"] = forms.ModelMultipleChoiceField(
                label=f"Applicatifs que vous utilisez pour la tâche {n}",
                queryset=tools,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": "Choisissez des applicatifs de la liste."},
            )

    def rows(self):
        """(number, task field, tools field) for the template."""
        return [(n, self[f"task_{n}"], self[f"tools_{n}"]) for n in range(1, MAIN_TASKS + 1)]

    def clean(self):
        cleaned = super().clean()
        seen = set()
        for n in range(1, MAIN_TASKS + 1):
            task, tools = cleaned.get(f"task_{n}"), cleaned.get(f"tools_{n}")
            if task is not None:
                if task in seen:
                    self.add_error(f"task_{n}", "Cette tâche est déjà citée : choisissez-en une autre, ou aucune.")
                seen.add(task)
                if not tools and f"tools_{n}" not in self.errors:
                    self.add_error(f"tools_{n}", "Cochez au moins un applicatif que vous utilisez pour cette tâche.")
            elif tools:
                self.add_error(f"task_{n}", "Choisissez la tâche pour laquelle vous utilisez ces applicatifs.")
        return cleaned

    @transaction.atomic
    def save(self, response):
        response.task_answers.all().delete()
        position = 0
        for n in range(1, MAIN_TASKS + 1):
            task = self.cleaned_data.get(f"task_{n}")
            if task is None:
                continue
            position += 1
            answer = SurveyTaskAnswer.objects.create(response=response, position=position, task=task)
            answer.tools.set(self.cleaned_data[f"tools_{n}"])


class CommentForm(BaseForm):
    comment = forms.CharField(
        label="Un commentaire ? (facultatif)",
        help_text="Ce qui vous aide, ce qui vous manque, ce que vous changeriez. N'y écrivez le nom de personne.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "Le commentaire ne peut dépasser 2 000 caractères (il en a %(show_value)d)."},
    )

    def __init__(self, *args, **kwargs):
        kwargs["use_required_attribute"] = False
        super().__init__(*args, **kwargs)


class ResultsFilterForm(BaseForm):
    agency = forms.ModelChoiceField(
        label="Agence",
        queryset=None,
        required=False,
        to_field_name="code",
        empty_label="Toutes les agences de votre périmètre",
        error_messages={
            "invalid_choice": "Cette agence n'est pas interrogée par l'enquête ou hors de votre périmètre."
        },
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class ImportUploadForm(BaseForm):
    """First step of a LimeSurvey import: the file, read and checked at once."""

    file = forms.FileField(
        label="Export CSV de LimeSurvey",
        help_text="Dans LimeSurvey : Réponses, Exporter, format CSV, en-têtes « Code et texte de la question », "
        "réponses « complètes ». Séparateur « ; » ou « , », encodage UTF-8.",
        error_messages={"required": "Choisissez le fichier à importer.", "empty": "Le fichier est vide."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > survey_import.MAX_BYTES:
            raise forms.ValidationError("Le fichier dépasse 2 Mo : exportez moins de réponses à la fois.")
        try:
            self.text = survey_import.decode(upload.read())
            self.parsed = survey_import.parse(self.text)
        except survey_import.ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class ColumnMappingForm(BaseForm):
    """Second step: what each column of the file holds."""

    def __init__(self, *args, columns, choices, **kwargs):
        kwargs["use_required_attribute"] = False
        super().__init__(*args, **kwargs)
        self.columns = columns
        for column in columns:
            samples = ", ".join(f"« {sample[:40]} »" for sample in column.samples)
            self.fields[f"col_{column.index}"] = forms.ChoiceField(
                label=column.label,
                choices=choices,
                required=False,
                help_text=f"Par exemple : {samples}" if samples else "Colonne vide dans les premières lignes.",
            )

    def clean(self):
        cleaned = super().clean()
        used = {}
        for column in self.columns:
            name = f"col_{column.index}"
            target = cleaned.get(name)
            if not target:
                continue
            if target in used:
                self.add_error(name, f"Déjà choisi pour la colonne « {used[target]} ».")
            used.setdefault(target, column.label)
        if survey_import.EMAIL not in used:
            raise forms.ValidationError("Indiquez la colonne qui donne l'adresse e-mail du répondant.")
        if not any(":" in target for target in used):
            raise forms.ValidationError("Indiquez au moins une colonne de réponse sur un applicatif.")
        return cleaned

    def mapping(self):
        """{column index: target} for the columns not ignored."""
        return {
            column.index: self.cleaned_data[f"col_{column.index}"]
            for column in self.columns
            if self.cleaned_data.get(f"col_{column.index}")
        }
