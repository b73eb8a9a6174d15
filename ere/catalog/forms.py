from django import forms
from django.forms import inlineformset_factory

from ere.catalog.enums import Status, UpdateKind
from ere.catalog.models import Category, Offer, Resource, Task, Tool, ToolUpdate
from ere.core.forms import BaseForm, BaseModelForm
from ere.org.enums import Role
from ere.org.models import User


class CatalogFilterForm(BaseForm):
    """The catalogue's search and filters. Every field is optional; a bad value is reported, never a 500."""

    KIND_CHOICES = [("", "Applicatifs et offres"), ("tool", "Applicatifs internes"), ("offer", "Offres numériques")]
    AUDIENCE_CHOICES = [
        ("", "Tous les publics"),
        ("employers", "Entreprises"),
        ("job_seekers", "Demandeurs d'emploi"),
        ("managers", "Managers"),
    ]

    q = forms.CharField(
        label="Rechercher",
        required=False,
        max_length=200,
        help_text="Un nom, un sigle (DPAE, MRS…) ou ce que vous voulez faire",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "ex. publier une offre"}),
    )
    kind = forms.ChoiceField(label="Type", choices=KIND_CHOICES, required=False)
    audience = forms.ChoiceField(label="Public", choices=AUDIENCE_CHOICES, required=False)
    category = forms.ModelChoiceField(
        label="Catégorie", queryset=Category.objects.all(), required=False, to_field_name="slug", empty_label="Toutes"
    )
    task = forms.ModelChoiceField(
        label="Tâche", queryset=Task.objects.all(), required=False, to_field_name="slug", empty_label="Toutes"
    )
    status = forms.ChoiceField(label="Statut", choices=[("", "Tous (sauf retirés)"), *Status.choices], required=False)
    new = forms.BooleanField(label="Nouveautés seulement", required=False)


class CatalogItemForm(BaseModelForm):
    change_reason = forms.CharField(
        label="Note de modification",
        required=False,
        max_length=100,
        help_text="Facultatif : ce qui change, pour l'historique (ex. « nouvelle adresse »).",
    )

    class Meta(BaseModelForm.Meta):
        fields = [
            "name",
            "acronym",
            "slug",
            "summary",
            "description",
            "audience",
            "status",
            "launched_on",
            "owner_department",
            "url",
            "tasks",
            "categories",
        ]
        widgets = {
            "tasks": forms.CheckboxSelectMultiple,
            "categories": forms.CheckboxSelectMultiple,
            "launched_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"slug": "Lettres minuscules, chiffres et tirets ; sert dans l'adresse de la page."}


class ToolForm(CatalogItemForm):
    announce = forms.BooleanField(
        label="Annoncer ce changement dans les « Nouveautés » des agents concernés", required=False
    )
    announce_kind = forms.ChoiceField(label="Nature de l'annonce", choices=UpdateKind.choices, required=False)
    announce_title = forms.CharField(label="Titre de l'annonce", max_length=200, required=False)
    announce_body = forms.CharField(
        label="Ce qui change pour les agents", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    class Meta(CatalogItemForm.Meta):
        model = Tool
        fields = [*CatalogItemForm.Meta.fields, "how_to_start", "related_tools", "champions"]
        widgets = {
            **CatalogItemForm.Meta.widgets,
            "how_to_start": forms.Textarea(attrs={"rows": 4}),
            "related_tools": forms.CheckboxSelectMultiple,
            "champions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        related = Tool.objects.order_by("name")
        if self.instance.pk:
            related = related.exclude(pk=self.instance.pk)
        self.fields["related_tools"].queryset = related
        self.fields["champions"].queryset = User.objects.active().filter(role=Role.CHAMPION).select_related("agency")
        self.fields["champions"].label_from_instance = lambda u: f"{u.get_full_name()} — {u.agency}"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("announce") and not cleaned.get("announce_title"):
            self.add_error("announce_title", "Donnez un titre à l'annonce, ou décochez « Annoncer ce changement ».")
        return cleaned

    def save_announcement(self, author):
        """The ToolUpdate asked for in the form, if any."""
        if not self.cleaned_data.get("announce"):
            return None
        return ToolUpdate.objects.create(
            tool=self.instance,
            kind=self.cleaned_data.get("announce_kind") or UpdateKind.CHANGE,
            title=self.cleaned_data["announce_title"],
            body=self.cleaned_data.get("announce_body", ""),
            author=author,
        )


class OfferForm(CatalogItemForm):
    class Meta(CatalogItemForm.Meta):
        model = Offer
        fields = [*CatalogItemForm.Meta.fields, "related_tools"]
        widgets = {**CatalogItemForm.Meta.widgets, "related_tools": forms.CheckboxSelectMultiple}


class ResourceForm(BaseModelForm):
    class Meta(BaseModelForm.Meta):
        model = Resource
        # A tuple: the inline formset appends its foreign key to a list of fields in place, which would add it to
        # every later form (and the other parent's key, « offer » or « tool », as an editable field).
        fields = ("kind", "title", "url", "body", "position")
        widgets = {"body": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        if self.has_changed() and not cleaned.get("url") and not cleaned.get("body"):
            raise forms.ValidationError("Indiquez une adresse ou un contenu pour cette ressource.")
        return cleaned


def resource_formset(item, data=None):
    """The rollout kit of a tool or an offer, edited with the item."""
    parent = Tool if isinstance(item, Tool) else Offer
    formset_class = inlineformset_factory(
        parent, Resource, form=ResourceForm, fk_name=parent.__name__.lower(), extra=1, can_delete=True
    )
    return formset_class(data=data, instance=item, prefix="kit")
