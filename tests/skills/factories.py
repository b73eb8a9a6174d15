import factory

from ere.skills.enums import AreaKind, Frequency, ItemKind, ItemStatus
from ere.skills.models import Area, Item, Requirement, RoleProfile, Skill
from tests.catalog.factories import ToolFactory


def single_data():
    return {
        "choices": [
            {
                "id": "a",
                "text": "Depuis l'onglet « Offres »",
                "correct": True,
                "feedback": "Oui, c'est le bon onglet.",
            },
            {"id": "b", "text": "Depuis l'accueil", "correct": False, "feedback": "L'accueil ne publie rien."},
            {"id": "c", "text": "Depuis la messagerie", "correct": False, "feedback": ""},
        ]
    }


def multiple_data():
    return {
        "choices": [
            {"id": "a", "text": "Le métier", "correct": True, "feedback": "Le métier est obligatoire."},
            {"id": "b", "text": "Le lieu de travail", "correct": True, "feedback": "Le lieu est obligatoire."},
            {"id": "c", "text": "La couleur préférée", "correct": False, "feedback": "Ce n'est pas demandé."},
        ]
    }


def ordering_data():
    return {
        "steps": [
            {"id": "s1", "text": "Ouvrir le dossier"},
            {"id": "s2", "text": "Vérifier les informations"},
            {"id": "s3", "text": "Enregistrer"},
        ],
        "feedback": {"correct": "Bien vu.", "incorrect": "On vérifie avant d'enregistrer."},
    }


def matching_data():
    return {
        "pairs": [
            {"id": "a", "left": "DPAE", "right": "Déclaration préalable à l'embauche", "feedback": ""},
            {"id": "b", "left": "PPAE", "right": "Projet personnalisé d'accès à l'emploi", "feedback": ""},
            {"id": "c", "left": "ROME", "right": "Répertoire des métiers", "feedback": "Le ROME liste les métiers."},
        ]
    }


def hotspot_data():
    return {
        "image": "skills/screens/exemple.png",
        "alt": "L'écran d'accueil de l'applicatif, avec un menu à gauche.",
        "width": 1280,
        "height": 720,
        "regions": [
            {"id": "a", "label": "Menu", "x": 0, "y": 0, "w": 20, "h": 100, "correct": True, "feedback": "Oui."},
            {"id": "b", "label": "Bandeau", "x": 20, "y": 0, "w": 80, "h": 10, "correct": False, "feedback": "Non."},
        ],
        "miss_feedback": "Cherchez le menu.",
    }


class AreaFactory(factory.django.DjangoModelFactory):
    """A tool area (linked to a catalog tool)."""

    class Meta:
        model = Area

    kind = AreaKind.TOOL
    code = factory.Sequence(lambda n: f"applicatif-{n}")
    name = factory.Sequence(lambda n: f"Applicatif {n}")
    description = "Les tâches courantes de cet applicatif."
    tool = factory.SubFactory(ToolFactory)


class CrcnAreaFactory(AreaFactory):
    """A domain of the national framework (CRCN): no tool."""

    kind = AreaKind.CRCN
    code = factory.Sequence(lambda n: f"crcn-{n}")
    name = factory.Sequence(lambda n: f"Domaine {n}")
    description = "Une compétence numérique transversale du cadre national."
    tool = None


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    area = factory.SubFactory(AreaFactory)
    code = factory.Sequence(lambda n: f"competence-{n}")
    name = factory.Sequence(lambda n: f"Compétence {n}")
    discovery = "Suit une procédure guidée."
    practice = "Réalise la tâche seul."
    mastery = "Traite les cas moins courants."
    expert = "Explique la tâche à un collègue."


class RoleProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleProfile

    name = factory.Sequence(lambda n: f"Profil {n}")
    slug = factory.Sequence(lambda n: f"profil-{n}")


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement
        skip_postgeneration_save = True

    profile = factory.SubFactory(RoleProfileFactory)
    area = factory.SubFactory(AreaFactory)
    target_level = 2
    frequency = Frequency.WEEKLY

    @factory.post_generation
    def key_skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.key_skills.set(extracted)


class ItemFactory(factory.django.DjangoModelFactory):
    """A published single-choice item by default; one Trait per other kind: `ItemFactory(multiple=True)`."""

    class Meta:
        model = Item

    class Params:
        multiple = factory.Trait(kind=ItemKind.MULTIPLE, data=factory.LazyFunction(multiple_data))
        ordering = factory.Trait(kind=ItemKind.ORDERING, data=factory.LazyFunction(ordering_data))
        matching = factory.Trait(kind=ItemKind.MATCHING, data=factory.LazyFunction(matching_data))
        hotspot = factory.Trait(kind=ItemKind.HOTSPOT, data=factory.LazyFunction(hotspot_data))
        sandbox = factory.Trait(
            kind=ItemKind.SANDBOX, data={"sandbox": "ecole-demo"}, use_in_diagnostic=False, seconds=300
        )
        draft = factory.Trait(status=ItemStatus.DRAFT)
        archived = factory.Trait(status=ItemStatus.ARCHIVED)

    uid = factory.Sequence(lambda n: f"question-{n}")
    skill = factory.SubFactory(SkillFactory)
    kind = ItemKind.SINGLE
    stem = factory.Sequence(lambda n: f"Question {n} : où publiez-vous une offre ?")
    data = factory.LazyFunction(single_data)
    explanation = "L'onglet « Offres » regroupe tout ce qui concerne les offres."
    difficulty = 0.0
    discrimination = 1.0
    seconds = 45
    status = ItemStatus.PUBLISHED
    use_in_diagnostic = True


KIND_DATA = {
    ItemKind.SINGLE: single_data,
    ItemKind.MULTIPLE: multiple_data,
    ItemKind.ORDERING: ordering_data,
    ItemKind.MATCHING: matching_data,
    ItemKind.HOTSPOT: hotspot_data,
    ItemKind.SANDBOX: lambda: {"sandbox": "ecole-demo"},
}
ENTRY_FIELDS = {
    "choices": ("text", "correct", "feedback"),
    "steps": ("text",),
    "pairs": ("left", "right", "feedback"),
    "regions": ("label", "x", "y", "w", "h", "correct", "feedback"),
}


def management_data(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def item_form_data(item=None, kind=ItemKind.SINGLE, skill=None, data=None, **overrides):
    """What the item form posts: an item's current values (unchanged edit), or a valid new item of `kind`.

    `data` replaces the content (in the format of `Item.data`); `overrides` set or replace posted fields.
    """
    kind = item.kind if item else kind
    data = data if data is not None else (item.data if item else KIND_DATA[kind]())
    skill = skill or (item.skill if item else None)
    post = {
        "skill": skill.pk if skill else "",
        "stem": item.stem if item else "Où publiez-vous une offre d'emploi ?",
        "explanation": item.explanation if item else "Dans l'onglet « Offres ».",
        "difficulty": str(item.difficulty if item else 0.5),
        "discrimination": str(item.discrimination if item else 1.2),
        "seconds": str(item.seconds if item else 45),
        "status": item.status if item else ItemStatus.PUBLISHED,
    }
    if item.use_in_diagnostic if item else kind != ItemKind.SANDBOX:
        post["use_in_diagnostic"] = "on"
    for name, entries in data.items():
        if name not in ENTRY_FIELDS:
            continue
        post |= management_data("content", len(entries), len(entries) if item else 0)
        for n, entry in enumerate(entries):
            post[f"content-{n}-key"] = entry.get("id", "") if item else ""
            if name == "steps":
                post[f"content-{n}-ORDER"] = str(n + 1)
            for field in ENTRY_FIELDS[name]:
                value = entry.get(field, "")
                if field == "correct":
                    if value:
                        post[f"content-{n}-correct"] = "on"
                else:
                    post[f"content-{n}-{field}"] = str(value)
    if kind == ItemKind.ORDERING:
        feedback = data.get("feedback", {})
        post |= {"settings-correct": feedback.get("correct", ""), "settings-incorrect": feedback.get("incorrect", "")}
    elif kind == ItemKind.HOTSPOT:
        post |= {f"settings-{name}": str(data.get(name, "")) for name in ("image", "alt", "width", "height")}
        post["settings-miss_feedback"] = data.get("miss_feedback", "")
    elif kind == ItemKind.SANDBOX:
        post["settings-sandbox"] = data.get("sandbox", "")
    post.update(overrides)
    return {key: value for key, value in post.items() if value is not None}


def area_form_data(area, **overrides):
    """What the area form posts back unchanged: the area, its skills and an empty row to add one."""
    skills = list(area.skills.order_by("position", "code"))
    post = {
        "name": area.name,
        "description": area.description,
        **management_data("skills", len(skills) + 1, len(skills)),
    }
    fields = ("name", "task", "description", "discovery", "practice", "mastery", "expert")
    if not area.is_tool:
        fields = ("name", "description")
    for n, skill in enumerate([*skills, None]):
        post[f"skills-{n}-id"] = skill.pk if skill else ""
        post[f"skills-{n}-area"] = area.pk
        for field in fields:
            value = getattr(skill, field) if skill else ""
            post[f"skills-{n}-{field}"] = (value.pk if value else "") if field == "task" and skill else value
    post.update(overrides)
    return {key: value for key, value in post.items() if value is not None}


def role_profile_form_data(profile=None, **overrides):
    """What the profile form posts back unchanged (or an empty new profile), with an empty requirement row."""
    requirements = (
        list(profile.requirements.order_by("-area__kind", "area__position", "area__name")) if profile else []
    )
    post = {
        "name": profile.name if profile else "",
        "role": profile.role if profile else "",
        "specialty": profile.specialty if profile else "",
        "description": profile.description if profile else "",
        **management_data("requirements", len(requirements) + 1, len(requirements)),
    }
    for n, requirement in enumerate([*requirements, None]):
        post |= {
            f"requirements-{n}-id": requirement.pk if requirement else "",
            f"requirements-{n}-profile": profile.pk if profile else "",
            f"requirements-{n}-area": requirement.area_id if requirement else "",
            f"requirements-{n}-target_level": requirement.target_level if requirement else "",
            f"requirements-{n}-frequency": requirement.frequency if requirement else "",
            f"requirements-{n}-key_skills": [s.pk for s in requirement.key_skills.all()] if requirement else [],
        }
    post.update(overrides)
    return {key: value for key, value in post.items() if value is not None}
