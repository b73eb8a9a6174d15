"""The forms of help requests: asking for help, answering a proposal, thanking, and the helper's own settings."""

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone

from ere.catalog.models import Task, Tool
from ere.core.forms import BaseForm, BaseModelForm
from ere.peers.enums import Availability, HelpMode, Urgency
from ere.peers.models import PeerProfile


def _pk_or_none(value):
    """A posted id as an int, or None for anything else (a word, a number too large for the database…)."""
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) < 10 else None


class RequestForm(BaseForm):
    """« J'ai besoin d'aide »: the tool (and a task of it), how urgent, how, and what blocks."""

    tool = forms.ModelChoiceField(
        label="Sur quel applicatif ?",
        queryset=Tool.objects.none(),
        empty_label="Choisissez un applicatif",
        error_messages={
            "required": "Choisissez l'applicatif sur lequel vous avez besoin d'aide.",
            "invalid_choice": "Choisissez un applicatif de la liste.",
        },
    )
    task = forms.ModelChoiceField(
        label="Pour quelle tâche ?",
        queryset=Task.objects.none(),
        required=False,
        empty_label="Je ne sais pas, ou une autre tâche",
        help_text="Facultatif. La liste suit l'applicatif choisi.",
        error_messages={"invalid_choice": "Choisissez une tâche de cet applicatif, ou aucune."},
    )
    urgency = forms.ChoiceField(
        label="C'est urgent ?",
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
        error_messages={"required": "Dites-nous si c'est urgent.", "invalid_choice": "Choisissez une urgence."},
    )
    mode = forms.ChoiceField(
        label="Comment voulez-vous être aidé·e ?",
        choices=HelpMode.choices,
        initial=HelpMode.BESIDE,
        widget=forms.RadioSelect,
        help_text="« À côté de moi » : un collègue de votre agence vient à votre poste.",
        error_messages={"required": "Choisissez comment être aidé·e.", "invalid_choice": "Choisissez une façon."},
    )
    context = forms.CharField(
        label="Ce que vous essayez de faire",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Quelques lignes : l'écran où vous êtes, ce qui bloque. N'écrivez aucune donnée d'usager (nom, "
        "identifiant, situation).",
        error_messages={
            "required": "Décrivez en quelques lignes ce que vous essayez de faire.",
            "max_length": "Faites plus court : 2 000 caractères au plus.",
        },
    )

    def __init__(self, *args, task_url="", **kwargs):
        super().__init__(*args, **kwargs)
        tools = Tool.objects.in_service().order_by("name")
        self.fields["tool"].queryset = tools
        if task_url:
            # With JavaScript, choosing the tool brings its tasks at once; without, every task is listed.
            self.fields["tool"].widget.attrs.update(
                {"hx-get": task_url, "hx-trigger": "change", "hx-target": "#task-field", "hx-swap": "outerHTML"}
            )
        hours = settings.PEERS_ANSWER_HOURS
        self.fields["urgency"].help_text = (
            f"Le collègue sollicité a {hours['high']} h pour répondre à une demande urgente, {hours['normal']} h "
            f"dans la journée, {hours['low']} h sinon ; sans réponse, la demande passe au suivant."
        )
        self.chosen_tool = tools.filter(pk=self._tool_pk()).first() if self._tool_pk() else None
        if self.chosen_tool:
            self.fields["task"].queryset = self.chosen_tool.tasks.order_by("position", "name")
        else:
            self.fields["task"].queryset = Task.objects.filter(tools__in=tools).distinct().order_by("position", "name")

    def _tool_pk(self):
        if self.is_bound:
            return _pk_or_none(self.data.get(self.add_prefix("tool")))
        tool = self.initial.get("tool")
        return tool.pk if isinstance(tool, Tool) else _pk_or_none(tool)

    def clean(self):
        cleaned = super().clean()
        tool, task = cleaned.get("tool"), cleaned.get("task")
        if tool and task and not tool.tasks.filter(pk=task.pk).exists():
            self.add_error("task", f"« {task} » n'est pas une tâche de {tool} : choisissez-en une autre, ou aucune.")
        return cleaned


class AcceptForm(BaseForm):
    proposed_time = forms.DateTimeField(
        label="Proposer un créneau",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Facultatif : le jour et l'heure où vous pouvez aider.",
        error_messages={"invalid": "Indiquez une date et une heure, par exemple 14/03/2027 14:30."},
    )
    message = forms.CharField(
        label="Un mot pour votre collègue",
        required=False,
        max_length=300,
        widget=forms.TextInput(),
        help_text="Facultatif, par exemple « Je passe à ton bureau après ma réunion ». 300 caractères au plus.",
        error_messages={"max_length": "Faites plus court : 300 caractères au plus."},
    )

    def clean_proposed_time(self):
        value = self.cleaned_data.get("proposed_time")
        if value and value < timezone.now() - datetime.timedelta(minutes=5):
            raise forms.ValidationError("Ce créneau est déjà passé : choisissez un moment à venir.")
        return value


class DeclineForm(BaseForm):
    reason = forms.CharField(
        label="Pourquoi ?",
        required=False,
        max_length=200,
        help_text="Facultatif. Votre collègue ne le voit pas : on lui dit seulement que sa demande passe à un autre "
        "collègue.",
        error_messages={"max_length": "Faites plus court : 200 caractères au plus."},
    )


class ThanksForm(BaseForm):
    text = forms.CharField(
        label="Votre message",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Écrivez quelques mots de remerciement.",
            "max_length": "Faites plus court : 1 000 caractères au plus.",
        },
    )


class PeerProfileForm(BaseModelForm):
    """The helper's choices: visible or not, when, how, how often, on which tools."""

    modes = forms.MultipleChoiceField(
        label="Comment je veux bien aider",
        choices=HelpMode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="« À côté de moi » : seul·es les collègues de votre agence peuvent vous le demander.",
        error_messages={"invalid_choice": "Choisissez parmi les façons proposées."},
    )

    class Meta(BaseModelForm.Meta):
        model = PeerProfile
        fields = ["is_visible", "availability", "modes", "weekly_cap", "beyond_cap", "tools", "note", "weekly_digest"]
        labels = {
            "is_visible": "Je veux bien aider mes collègues",
            "availability": "En ce moment, je suis",
            "weekly_cap": "Nombre de demandes par semaine, au plus",
            "beyond_cap": "Je veux bien être sollicité·e au-delà de ce nombre",
            "tools": "Les applicatifs sur lesquels je peux aider",
            "note": "Ce que je sais bien expliquer",
            "weekly_digest": "Recevoir « l'astuce de la semaine » par e-mail",
        }
        help_texts = {
            "is_visible": "Décoché, personne ne vous propose de demande et vous n'apparaissez dans aucune liste "
            "d'aidants.",
            "weekly_cap": "De 1 à 20. Au-delà, on ne vous propose plus de demande jusqu'au lundi suivant.",
            "beyond_cap": "Vous pourrez alors recevoir jusqu'à deux demandes de plus, quand personne d'autre n'est "
            "disponible.",
            "tools": "En plus de ceux où votre diagnostic vous situe au niveau « Maîtrise » ou « Référent ».",
            "note": "Facultatif, par exemple « les offres en brouillon, la diffusion sur les sites partenaires ». "
            "200 caractères au plus.",
        }
        widgets = {
            "availability": forms.RadioSelect,
            "tools": forms.CheckboxSelectMultiple,
            "note": forms.TextInput,
        }
        error_messages = {
            "weekly_cap": {
                "required": "Indiquez un nombre de demandes par semaine.",
                "invalid": "Indiquez un nombre entier.",
                "min_value": "Au moins 1 demande par semaine (décochez « Je veux bien aider » pour n'en recevoir "
                "aucune).",
                "max_value": "20 demandes par semaine au plus.",
            },
            "availability": {"invalid_choice": "Choisissez l'une des disponibilités proposées."},
            "tools": {"invalid_choice": "Choisissez des applicatifs de la liste."},
            "note": {"max_length": "Faites plus court : 200 caractères au plus."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tools"].queryset = Tool.objects.in_service().order_by("name")
        self.fields["availability"].choices = Availability.choices
        self.fields["weekly_cap"].widget.attrs.update({"min": 1, "max": 20})

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_visible") and "modes" in cleaned and not cleaned["modes"]:
            self.add_error("modes", "Choisissez au moins une façon d'aider.")
        return cleaned
