"""The forms of tips and questions: search and filters, writing, answering, flagging, moderating.

They validate what people type; the changes themselves are made by ere.peers.posts.
"""

import re

from django import forms
from django.db.models import Q
from django.urls import reverse

from ere.catalog.models import Task, Tool
from ere.core.forms import BaseForm, BaseModelForm
from ere.peers.enums import PostKind
from ere.peers.models import Post
from ere.peers.posts import LISTINGS

BODY_HELP = "En Markdown : **gras**, *italique*, listes avec « - », liens [texte](https://…). Aucune donnée d'usager."


class PostFilterForm(BaseForm):
    """Search and filters of the list. Every field is optional; a bad value is reported, never a 500."""

    SORTS = [("", "Pertinence (sinon date)"), ("recentes", "Les plus récentes"), ("utiles", "Les plus utiles")]

    q = forms.CharField(
        label="Rechercher",
        required=False,
        max_length=200,
        help_text="Un mot, un écran, un sigle : « brouillon », « DPAE »…",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    outil = forms.ModelChoiceField(
        label="Applicatif",
        queryset=Tool.objects.in_service(),
        required=False,
        to_field_name="slug",
        empty_label="Tous",
    )
    tache = forms.ModelChoiceField(
        label="Tâche", queryset=Task.objects.all(), required=False, to_field_name="slug", empty_label="Toutes"
    )
    type = forms.ChoiceField(label="Type", choices=[("", "Astuces et questions"), *LISTINGS.items()], required=False)
    tri = forms.ChoiceField(label="Ordre", choices=SORTS, required=False)


class PostForm(BaseModelForm):
    """A new tip or question, or changes to one. The tasks offered are the tool's, when it has some."""

    kind = forms.ChoiceField(
        label="Vous partagez",
        choices=[(PostKind.TIP, "Une astuce"), (PostKind.QUESTION, "Une question")],
        widget=forms.RadioSelect,
        initial=PostKind.TIP,
    )

    class Meta(BaseModelForm.Meta):
        model = Post
        fields = ["kind", "tool", "tasks", "title", "body"]
        widgets = {
            "tasks": forms.CheckboxSelectMultiple,
            "body": forms.Textarea(attrs={"rows": 10}),
        }
        labels = {"tool": "Applicatif", "tasks": "Tâches concernées (facultatif)", "body": "Texte"}
        help_texts = {
            "title": "En une phrase : « Retrouver une offre en brouillon », « Comment dupliquer un rendez-vous ? »",
            "body": BODY_HELP,
        }

    def __init__(self, *args, tool=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A post on a tool retired since stays editable.
        in_service = Tool.objects.in_service()
        self.fields["tool"].queryset = (
            in_service | Tool.objects.filter(pk=self.instance.tool_id) if self.instance.pk else in_service
        )
        self.fields["title"].required = True
        self.fields["tool"].empty_label = "Choisissez l'applicatif"
        # With JavaScript, choosing the tool offers its tasks (ere/peers/post_views.py: post_new).
        self.fields["tool"].widget.attrs.update(
            {
                "hx-get": reverse("peers:post_new"),
                "hx-trigger": "change",
                "hx-target": "#post-tasks",
                "hx-swap": "outerHTML",
                "hx-include": "[name='tasks']",
            }
        )
        if self.instance.pk:
            # The kind of a post does not change once published.
            del self.fields["kind"]
        tool = tool or self._bound_tool() or (self.instance.tool if self.instance.tool_id else None)
        if tool is not None and tool.tasks.exists():
            chosen = self.data.getlist("tasks") if self.is_bound else []
            chosen = [value for value in chosen if str(value).isdigit()]
            self.fields["tasks"].queryset = Task.objects.filter(Q(tools=tool) | Q(pk__in=chosen)).distinct()
            self.fields["tasks"].help_text = f"Les tâches de {tool.name}."

    def _bound_tool(self):
        value = self.data.get("tool") if self.is_bound else None
        return Tool.objects.filter(pk=value).first() if value and str(value).isdigit() else None


class AnswerForm(BaseModelForm):
    class Meta(BaseModelForm.Meta):
        model = Post
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        labels = {"body": "Votre réponse"}
        help_texts = {"body": BODY_HELP}


def offer_review(form):
    """Let a champion editing a flagged post also mark it « toujours valable »."""
    form.fields["reviewed"] = forms.BooleanField(
        label="Toujours valable après cette modification : retirer de la file « à revoir »",
        required=False,
        initial=True,
    )
    return form


class OutdatedForm(BaseForm):
    note = forms.CharField(
        label="Ce qui a changé",
        max_length=300,
        help_text="Par exemple : « Le bouton Dupliquer a disparu depuis la mise à jour de mars. »",
        widget=forms.TextInput,
    )


class HideForm(BaseForm):
    reason = forms.CharField(
        label="Motif",
        max_length=200,
        help_text="Visible des référents seulement. Par exemple : « Contient le nom d'un usager ».",
    )


class UnhideForm(BaseForm):
    reason = forms.CharField(label="Motif (facultatif)", max_length=200, required=False)


class MergeForm(BaseForm):
    target = forms.CharField(
        label="Sujet principal : son numéro ou son adresse",
        max_length=300,
        help_text="Par exemple « 42 » ou « /entraide/astuces/42/ ». Les réponses y sont déplacées.",
    )

    def clean_target(self):
        value = self.cleaned_data["target"].strip()
        match = re.search(r"(?:^|/astuces/)(\d+)(?:/|$|#|\?)", value) or re.fullmatch(r"n?°?\s*(\d+)", value)
        if not match:
            raise forms.ValidationError("Indiquez le numéro du sujet (ex. 42) ou son adresse.")
        return int(match.group(1))
