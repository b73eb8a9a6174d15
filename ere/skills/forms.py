"""Forms of the authoring pages: the framework (areas, skills, role profiles) and the item bank.

An item's content (`Item.data`, whose format depends on its kind, see docs/skills.md) is edited as structured fields:
a formset of entries (choices, steps, pairs, regions) and/or a small form of settings, put together by `ItemContent`
and checked by `items.validate`, the same check as the JSON import.
"""

import json
import re
import string
from dataclasses import dataclass
from itertools import count, product
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, BaseInlineFormSet, formset_factory, inlineformset_factory

from ere.catalog.models import Task
from ere.catalog.search import fold
from ere.core.forms import BaseForm
from ere.practice.models import Sandbox
from ere.skills import items as item_kinds
from ere.skills.enums import AreaKind, ItemKind, ItemStatus, ToolLevel
from ere.skills.models import Area, Item, Requirement, RoleProfile, Skill

# The screenshots a « cliquer au bon endroit » item may show, as static paths (« skills/screens/… »).
SCREENS_DIR = Path(__file__).resolve().parent / "static" / "skills" / "screens"
SCREEN_SUFFIXES = {".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif"}
MAX_IMPORT_BYTES = 5 * 1024 * 1024
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,30}")


def screen_choices(current=""):
    """The screenshots under ere/skills/static/skills/screens/, and the item's current one if it is elsewhere."""
    paths = []
    if SCREENS_DIR.is_dir():
        paths = sorted(
            f"skills/screens/{path.relative_to(SCREENS_DIR).as_posix()}"
            for path in SCREENS_DIR.rglob("*")
            if path.is_file() and path.suffix.lower() in SCREEN_SUFFIXES
        )
    if current and current not in paths:
        paths.insert(0, current)
    return [("", "Choisir une capture d'écran"), *((path, path.removeprefix("skills/screens/")) for path in paths)]


def grouped_skill_choices(blank_label, value=lambda skill: skill.pk):
    """Skills grouped by area, for a select: tool areas first, then the CRCN domains."""
    groups = {}
    for skill in Skill.objects.select_related("area").order_by(
        "-area__kind", "area__position", "area__name", "position"
    ):
        groups.setdefault(skill.area, []).append((value(skill), skill.name))
    return [("", blank_label), *((area.name, choices) for area, choices in groups.items())]


def grouped_area_choices(blank_label):
    tools = [(area.pk, area.name) for area in Area.objects.tools()]
    crcn = [(area.pk, area.name) for area in Area.objects.crcn()]
    return [("", blank_label), ("Applicatifs", tools), ("Compétences numériques (CRCN)", crcn)]


# ---------------------------------------------------------------------------------------------------------------
# The framework: an area and its skills


class AreaForm(forms.ModelForm, BaseForm):
    class Meta:
        model = Area
        fields = ("name", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ToolSkillForm(forms.ModelForm, BaseForm):
    """A task of a tool, with what each of the four levels means for it."""

    class Meta:
        model = Skill
        # Tuples: an inline formset appends its foreign key to a list of fields in place.
        fields = ("name", "task", "description", "discovery", "practice", "mastery", "expert")
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "discovery": forms.Textarea(attrs={"rows": 2}),
            "practice": forms.Textarea(attrs={"rows": 2}),
            "mastery": forms.Textarea(attrs={"rows": 2}),
            "expert": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "discovery": f"Niveau 1 — {ToolLevel.DISCOVERY.label}",
            "practice": f"Niveau 2 — {ToolLevel.PRACTICE.label}",
            "mastery": f"Niveau 3 — {ToolLevel.MASTERY.label}",
            "expert": f"Niveau 4 — {ToolLevel.EXPERT.label}",
        }
        help_texts = {
            "task": "La tâche du catalogue à laquelle correspond cette compétence (facultatif).",
            "discovery": "Ce que sait faire un agent à ce niveau, en une phrase.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = Task.objects.order_by("position", "name")
        self.fields["task"].empty_label = "Aucune"


class CrcnSkillForm(forms.ModelForm, BaseForm):
    """A competence of the national framework: its levels are the CRCN's own."""

    class Meta:
        model = Skill
        fields = ("name", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class SkillFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        blocked = []
        for form in self.deleted_forms:
            if form.instance.pk and (used := form.instance.items.count()):
                questions = f"{used} questions la mesurent" if used > 1 else "une question la mesure"
                blocked.append(
                    f"« {form.instance.name} » ne peut pas être supprimée : {questions}. Rattachez-les d'abord à "
                    "une autre compétence, ou gardez la compétence."
                )
        if blocked:
            raise ValidationError(blocked)


def skill_formset(area, data=None):
    """The skills of an area, edited with it: an empty row to add one, « Supprimer » to remove one."""
    form = ToolSkillForm if area.kind == AreaKind.TOOL else CrcnSkillForm
    formset_class = inlineformset_factory(
        Area, Skill, form=form, formset=SkillFormSet, extra=1, can_delete=True, can_delete_extra=False
    )
    return formset_class(data=data, instance=area, prefix="skills", queryset=area.skills.order_by("position", "code"))


# ---------------------------------------------------------------------------------------------------------------
# The framework: a role profile and its requirements


class RoleProfileForm(forms.ModelForm, BaseForm):
    class Meta:
        model = RoleProfile
        fields = ("name", "role", "specialty", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"unique": "Un profil de poste porte déjà ce nom : choisissez-en un autre."}}
        # The empty choices say it (« Tous les rôles »): no need for the models' « Vide : … » hints.
        help_texts = {"name": "Par exemple « Conseiller à dominante entreprises ».", "role": "", "specialty": ""}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "Tous les rôles"), *self.fields["role"].choices[1:]]
        self.fields["specialty"].choices = [("", "Toutes les dominantes"), *self.fields["specialty"].choices[1:]]


class SkillsField(forms.ModelMultipleChoiceField):
    """Skills by id; an id too large for the database is an invalid choice, not a database error."""

    def _check_values(self, value):
        for pk in value:
            if not str(pk).isdigit() or len(str(pk)) > 9:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


def _area_or_none(value):
    """The area of a posted id, or None for anything else (a word, a number too large for the database…)."""
    value = str(value or "")
    return Area.objects.filter(pk=int(value)).first() if value.isdigit() and len(value) < 10 else None


class RequirementForm(forms.ModelForm, BaseForm):
    """One line of a profile. Its key skills are those of its area: the choices follow the area posted or saved."""

    class Meta:
        model = Requirement
        fields = ("area", "target_level", "frequency", "key_skills")
        field_classes = {"key_skills": SkillsField}
        widgets = {
            "key_skills": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "key_skills": "Les tâches que ce poste doit savoir faire en priorité dans ce domaine (facultatif).",
        }

    def __init__(self, *args, key_skills_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = grouped_area_choices("Choisir un domaine")
        if key_skills_url:
            # With JavaScript, choosing the area brings its skills at once; without, they show after saving.
            self.fields["area"].widget.attrs.update(
                {
                    "hx-get": key_skills_url,
                    "hx-trigger": "change",
                    "hx-target": f"#key-skills-{self.prefix}",
                    "hx-include": "this",
                    "hx-vals": json.dumps({"key_skills_for": self.prefix}),
                }
            )
        self.fields["target_level"].widget.attrs.update({"min": 1, "max": 8})
        # Not `self.area`: templates would read it as the bound field « area ».
        self.line_area = self._area()
        key_skills = self.fields["key_skills"]
        key_skills.queryset = self.line_area.skills.order_by("position") if self.line_area else Skill.objects.none()
        key_skills.error_messages["invalid_choice"] = "Choisissez des tâches clés du domaine de cette ligne."
        key_skills.widget.option_template_name = "skills/authoring/_checkbox_option.html"
        self.fields["frequency"].choices = [("", "Choisir"), *self.fields["frequency"].choices[1:]]

    def _area(self):
        """The area of this line: the one posted, else the one saved."""
        if self.is_bound:
            return _area_or_none(self.data.get(self.add_prefix("area")))
        if self.instance.area_id:
            return self.instance.area
        return _area_or_none(self.initial.get("area"))

    def clean(self):
        cleaned = super().clean()
        area, level = cleaned.get("area"), cleaned.get("target_level")
        if area and level is not None and not 1 <= level <= area.level_count:
            if area.is_tool:
                message = "Pour un applicatif, le niveau attendu va de 1 (découverte) à 4 (référent)."
            else:
                message = "Pour un domaine du CRCN, le niveau attendu va de 1 à 8."
            self.add_error("target_level", message)
        return cleaned


class RequirementFormSet(BaseInlineFormSet):
    def clean(self):
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or self._should_delete_form(form):
                continue
            area = form.cleaned_data.get("area")
            if area in seen:
                raise ValidationError(
                    f"Le domaine « {area} » figure deux fois dans ce profil : gardez une seule ligne par domaine."
                )
            seen.add(area)
        super().clean()


def requirement_formset(profile, data=None, key_skills_url=""):
    formset_class = inlineformset_factory(
        RoleProfile,
        Requirement,
        form=RequirementForm,
        formset=RequirementFormSet,
        extra=1 if profile.pk else 3,
        can_delete=True,
        can_delete_extra=False,
    )
    queryset = None
    if profile.pk:
        # Tools first, then the CRCN domains, as on the framework page.
        queryset = (
            Requirement.objects.filter(profile=profile)
            .select_related("area")
            .order_by("-area__kind", "area__position", "area__name")
        )
    return formset_class(
        data=data,
        instance=profile,
        prefix="requirements",
        queryset=queryset,
        form_kwargs={"key_skills_url": key_skills_url},
    )


# ---------------------------------------------------------------------------------------------------------------
# The item bank: the list's filters, the common fields of an item, the import


class ItemFilterForm(BaseForm):
    """The bank's search and filters (the export takes the same). A bad value is reported, never a 500."""

    q = forms.CharField(
        label="Rechercher",
        required=False,
        max_length=200,
        help_text="Un mot de l'énoncé, de l'explication ou l'identifiant, avec ou sans accents",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    area = forms.ModelChoiceField(
        label="Domaine", queryset=Area.objects.all(), to_field_name="code", required=False, empty_label="Tous"
    )
    skill = forms.ModelChoiceField(
        label="Compétence", queryset=Skill.objects.all(), to_field_name="code", required=False, empty_label="Toutes"
    )
    kind = forms.ChoiceField(label="Type", choices=[("", "Tous"), *ItemKind.choices], required=False)
    status = forms.ChoiceField(label="Statut", choices=[("", "Tous"), *ItemStatus.choices], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = grouped_skill_choices("Toutes", value=lambda skill: skill.code)

    @property
    def filtered(self):
        return self.is_valid() and any(self.cleaned_data.values())

    def filter(self, queryset):
        """The items matching the valid filters; the text search ignores case and accents."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("area"):
            queryset = queryset.filter(skill__area=data["area"])
        if data.get("skill"):
            queryset = queryset.filter(skill=data["skill"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        words = fold(data.get("q", "")).split()
        if words:
            # Folding accents is not portable in SQL (SQLite has no unaccent): match in Python, then by id.
            rows = queryset.values_list("pk", "uid", "stem", "explanation")
            found = [pk for pk, *texts in rows if all(word in fold(" ".join(texts)) for word in words)]
            queryset = queryset.filter(pk__in=found)
        return queryset


class ItemForm(forms.ModelForm, BaseForm):
    """The fields every kind of item has; the content of its kind is in `ItemContent`."""

    class Meta:
        model = Item
        fields = (
            "skill",
            "stem",
            "explanation",
            "difficulty",
            "discrimination",
            "seconds",
            "status",
            "use_in_diagnostic",
        )
        widgets = {
            "stem": forms.Textarea(attrs={"rows": 3}),
            "explanation": forms.Textarea(attrs={"rows": 3}),
            "difficulty": forms.NumberInput(attrs={"min": -4, "max": 4, "step": 0.1}),
            "discrimination": forms.NumberInput(attrs={"min": 0.1, "max": 4, "step": 0.1}),
            "seconds": forms.NumberInput(attrs={"min": 5, "max": 1800}),
        }
        help_texts = {
            "stem": "La question, en langage clair, adressée à l'agent (« vous »).",
            "explanation": "Montrée après la réponse, juste ou non : pourquoi, et la bonne pratique.",
            "difficulty": "De −3 (très facile) à 3 (très difficile) ; 0 convient à un agent au niveau habituel.",
            "discrimination": "De 0,3 à 2,5 ; entre 1 et 1,8 pour une bonne question. Laissez 1 si vous ne savez pas.",
            "seconds": "Le temps moyen pour lire et répondre.",
            "status": "Seules les questions publiées sont posées aux agents.",
            "use_in_diagnostic": "Décochez pour une question réservée à l'entraînement (une mission trop longue…).",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = grouped_skill_choices("Choisir une compétence")

    def clean_difficulty(self):
        value = self.cleaned_data["difficulty"]
        if not -4 <= value <= 4:
            raise ValidationError("La difficulté va de −4 à 4 (de −3, très facile, à 3, très difficile).")
        return value

    def clean_discrimination(self):
        value = self.cleaned_data["discrimination"]
        if not 0.1 <= value <= 4:
            raise ValidationError("La discrimination va de 0,1 à 4 (entre 1 et 1,8 pour une bonne question).")
        return value

    def clean_seconds(self):
        value = self.cleaned_data["seconds"]
        if not 5 <= value <= 1800:
            raise ValidationError("La durée estimée va de 5 secondes à 30 minutes (1800 secondes).")
        return value


class ItemImportForm(BaseForm):
    file = forms.FileField(
        label="Fichier de questions (JSON)",
        help_text="Un fichier .json au format de l'export de la banque, 5 Mo au plus.",
        widget=forms.FileInput(attrs={"accept": ".json,application/json", "class": "fr-upload"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.group_class = "fr-upload-group"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError("Le fichier dépasse 5 Mo : découpez-le en plusieurs fichiers.")
        return upload


# ---------------------------------------------------------------------------------------------------------------
# The content of an item, by kind


class EntryForm(BaseForm):
    """One entry of a content list; `key` carries its id (a, b… or s1, s2…) so that edits keep answers' ids."""

    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=30)


def _feedback_field(help_text):
    return forms.CharField(
        label="Retour à l'agent",
        required=False,
        max_length=1000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ChoiceForm(EntryForm):
    text = forms.CharField(label="Réponse proposée", max_length=500)
    correct = forms.BooleanField(label="C'est une bonne réponse", required=False)
    feedback = _feedback_field("Montré quand l'agent se trompe sur ce choix (ou le choisit, pour un choix unique).")


class StepForm(EntryForm):
    text = forms.CharField(label="Étape", max_length=500)


class PairForm(EntryForm):
    left = forms.CharField(label="Élément à gauche", max_length=300)
    right = forms.CharField(label="Réponse à lui associer", max_length=300)
    feedback = _feedback_field("Montré quand l'agent associe mal cet élément.")


def _percent_field(label):
    return forms.FloatField(
        label=label,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 0.1}),
    )


class RegionForm(EntryForm):
    label = forms.CharField(
        label="Nom de la zone",
        max_length=200,
        help_text="Lu par les lecteurs d'écran, par exemple « Bouton Publier ».",
    )
    x = _percent_field("Gauche (x, en %)")
    y = _percent_field("Haut (y, en %)")
    w = _percent_field("Largeur (w, en %)")
    h = _percent_field("Hauteur (h, en %)")
    correct = forms.BooleanField(label="C'est la bonne zone", required=False)
    feedback = _feedback_field("Montré quand l'agent clique sur cette zone.")


class OrderingSettingsForm(BaseForm):
    correct = forms.CharField(
        label="Retour quand l'ordre est juste",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    incorrect = forms.CharField(
        label="Retour quand l'ordre est faux",
        required=False,
        max_length=1000,
        help_text="L'agent voit aussi les deux premières étapes mal placées.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HotspotSettingsForm(BaseForm):
    image = forms.ChoiceField(
        label="Capture d'écran",
        help_text="Les fichiers du dossier ere/skills/static/skills/screens/.",
    )
    alt = forms.CharField(
        label="Description de la capture",
        max_length=300,
        help_text="L'écran décrit en une phrase, pour les lecteurs d'écran.",
    )
    width = forms.IntegerField(label="Largeur de l'image (pixels)", min_value=1, max_value=10000)
    height = forms.IntegerField(label="Hauteur de l'image (pixels)", min_value=1, max_value=10000)
    miss_feedback = forms.CharField(
        label="Retour pour un clic en dehors des zones",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].choices = screen_choices(self.initial.get("image", ""))


class SandboxSettingsForm(BaseForm):
    sandbox = forms.ModelChoiceField(
        label="Applicatif-école",
        queryset=Sandbox.objects.none(),
        to_field_name="slug",
        empty_label="Choisir un applicatif-école",
        help_text="La mission est réussie quand l'agent la termine dans l'applicatif-école.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.initial.get("sandbox", "")
        # The published ones, and the item's own even if it was withdrawn since.
        self.fields["sandbox"].queryset = Sandbox.objects.filter(is_published=True) | Sandbox.objects.filter(
            slug=current
        )


class EntryFormSet(BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "ORDER" in form.fields:
            form.fields["ORDER"].label = "Rang"
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Supprimer"


def _letters():
    """a, b, … z, aa, ab, …"""
    for size in count(1):
        for letters in product(string.ascii_lowercase, repeat=size):
            yield "".join(letters)


def _steps():
    for number in count(1):
        yield f"s{number}"


def _with_ids(rows, ids, reserved):
    """Give each row its kept id (a valid, unique `key`) or the next free one; ids of removed rows are not reused."""
    kept, used = [], set(reserved)
    for row in rows:
        key = row.pop("key", "") or ""
        if KEY_PATTERN.fullmatch(key) and key not in {k for k in kept if k}:
            kept.append(key)
        else:
            kept.append("")
    used |= {key for key in kept if key}
    for row, key in zip(rows, kept, strict=True):
        if not key:
            key = next(candidate for candidate in ids() if candidate not in used)
            used.add(key)
        row["id"] = key
    return [{"id": row.pop("id"), **row} for row in rows]


@dataclass(frozen=True)
class KindSpec:
    entries: str | None  # the key of the list in `data`
    entry_form: type | None
    settings_form: type | None
    ids: object = _letters
    extra_new: int = 4

    @property
    def ordered(self):
        return self.entries == "steps"


KIND_SPECS = {
    ItemKind.SINGLE: KindSpec("choices", ChoiceForm, None),
    ItemKind.MULTIPLE: KindSpec("choices", ChoiceForm, None),
    ItemKind.ORDERING: KindSpec("steps", StepForm, OrderingSettingsForm, ids=_steps),
    ItemKind.MATCHING: KindSpec("pairs", PairForm, None),
    ItemKind.HOTSPOT: KindSpec("regions", RegionForm, HotspotSettingsForm, extra_new=3),
    ItemKind.SANDBOX: KindSpec(None, None, SandboxSettingsForm),
}

KIND_HELP = {
    ItemKind.SINGLE: "Une question et plusieurs réponses, dont une seule est juste.",
    ItemKind.MULTIPLE: "Une question et plusieurs réponses, dont une ou plusieurs sont justes.",
    ItemKind.ORDERING: "Des étapes à remettre dans l'ordre : saisissez-les dans le bon ordre, elles seront mélangées.",
    ItemKind.MATCHING: "Des éléments à associer deux à deux (au moins 3 paires) : les réponses seront mélangées.",
    ItemKind.HOTSPOT: "Une capture d'écran sur laquelle cliquer au bon endroit (une bonne zone).",
    ItemKind.SANDBOX: "Une mission à réussir dans un applicatif-école ; trop longue pour le diagnostic.",
}

ENTRY_SINGULAR = {"choices": "Réponse", "steps": "Étape", "pairs": "Paire", "regions": "Zone"}
ENTRY_NAMES = {
    "choices": "Réponses proposées",
    "steps": "Étapes, dans le bon ordre",
    "pairs": "Paires",
    "regions": "Zones",
}


def _entry_rows(spec, data):
    """The initial rows of the entries formset, read defensively from a stored `data`."""
    entries = data.get(spec.entries) if isinstance(data, dict) else None
    rows = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        row = {name: entry.get(name) for name in spec.entry_form.base_fields if name != "key" and name in entry}
        row["key"] = str(entry.get("id", ""))
        rows.append(row)
    return rows


def _settings_initial(kind, data):
    data = data if isinstance(data, dict) else {}
    if kind == ItemKind.ORDERING:
        feedback = data.get("feedback") if isinstance(data.get("feedback"), dict) else {}
        return {"correct": feedback.get("correct", ""), "incorrect": feedback.get("incorrect", "")}
    if kind == ItemKind.HOTSPOT:
        names = ("image", "alt", "width", "height", "miss_feedback")
        return {name: data[name] for name in names if name in data}
    if kind == ItemKind.SANDBOX:
        return {"sandbox": data.get("sandbox", "")}
    return {}


class ItemContent:
    """The content of an item of one kind, edited as a formset of entries and a form of settings.

    `is_valid()` builds `data` in the format of docs/skills.md and checks it with `items.validate`; its French
    problems are in `problems`.
    """

    def __init__(self, kind, data=None, stored=None, is_new=True):
        self.kind = kind
        self.spec = KIND_SPECS[kind]
        stored = stored if isinstance(stored, dict) else {}
        self.reserved = set()
        self.formset = None
        self.form = None
        if self.spec.entries:
            rows = _entry_rows(self.spec, stored)
            self.reserved = {row["key"] for row in rows if row["key"]}
            formset_class = formset_factory(
                self.spec.entry_form,
                formset=EntryFormSet,
                extra=max(self.spec.extra_new - len(rows), 1) if is_new else 2,
                can_delete=True,
                can_delete_extra=False,
                can_order=self.spec.ordered,
                max_num=50,
                validate_max=True,
            )
            self.formset = formset_class(data=data, initial=rows, prefix="content")
        if self.spec.settings_form:
            self.form = self.spec.settings_form(data=data, initial=_settings_initial(kind, stored), prefix="settings")
        self.data = stored
        self.problems = []

    @property
    def entries_label(self):
        return ENTRY_NAMES.get(self.spec.entries, "")

    @property
    def entry_label(self):
        return ENTRY_SINGULAR.get(self.spec.entries, "")

    def is_valid(self):
        parts = [part for part in (self.formset, self.form) if part is not None]
        # Every part validated, so that all their errors show at once.
        results = [part.is_valid() for part in parts]
        if not all(results):
            return False
        self.data = self.build()
        self.problems = item_kinds.validate(
            self.kind, self.data, sandbox_exists=lambda slug: Sandbox.objects.filter(slug=slug).exists()
        )
        return not self.problems

    def _rows(self):
        if self.spec.ordered:
            forms_ = self.formset.ordered_forms
        else:
            forms_ = [
                form for form in self.formset.forms if form.cleaned_data and not self.formset._should_delete_form(form)
            ]
        rows = []
        for form in forms_:
            row = {name: value for name, value in form.cleaned_data.items() if name not in ("DELETE", "ORDER")}
            for name, value in row.items():
                if isinstance(value, str):
                    row[name] = value.strip()
                elif isinstance(value, float) and value.is_integer():
                    row[name] = int(value)
            rows.append(row)
        return _with_ids(rows, self.spec.ids, self.reserved)

    def build(self):
        """The item's `data` from the cleaned fields."""
        data = {}
        if self.spec.entries:
            data[self.spec.entries] = self._rows()
        settings = self.form.cleaned_data if self.form is not None else {}
        if self.kind == ItemKind.ORDERING:
            data["feedback"] = {"correct": settings["correct"].strip(), "incorrect": settings["incorrect"].strip()}
        elif self.kind == ItemKind.HOTSPOT:
            data = {
                "image": settings["image"],
                "alt": settings["alt"].strip(),
                "width": settings["width"],
                "height": settings["height"],
                **data,
                "miss_feedback": settings["miss_feedback"].strip(),
            }
        elif self.kind == ItemKind.SANDBOX:
            data["sandbox"] = settings["sandbox"].slug
        return data
