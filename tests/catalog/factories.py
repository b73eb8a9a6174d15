import datetime

import factory
from django.utils import timezone

from ere.catalog.enums import OfferAudience, ResourceKind, Status, ToolAudience, UpdateKind
from ere.catalog.models import Category, GlossaryTerm, Offer, Resource, Task, Tool, ToolUpdate


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Catégorie {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    name = factory.Sequence(lambda n: f"Tâche {n}")
    slug = factory.Sequence(lambda n: f"tache-{n}")


class ToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tool
        skip_postgeneration_save = True

    class Params:
        new = factory.Trait(
            launched_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
        )
        retired = factory.Trait(status=Status.RETIRED)
        pilot = factory.Trait(status=Status.PILOT)

    name = factory.Sequence(lambda n: f"Applicatif {n}")
    slug = factory.Sequence(lambda n: f"applicatif-{n}")
    summary = "Un applicatif pour travailler."
    audience = ToolAudience.ALL
    status = Status.GENERALISED
    launched_on = datetime.date(2022, 3, 1)

    @factory.post_generation
    def tasks(self, create, extracted, **kwargs):
        if create and extracted:
            self.tasks.set(extracted)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)

    @factory.post_generation
    def champions(self, create, extracted, **kwargs):
        if create and extracted:
            self.champions.set(extracted)


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Offre {n}")
    slug = factory.Sequence(lambda n: f"offre-{n}")
    summary = "Une offre numérique pour le public."
    audience = OfferAudience.EMPLOYERS
    status = Status.GENERALISED
    launched_on = datetime.date(2021, 9, 1)

    @factory.post_generation
    def tasks(self, create, extracted, **kwargs):
        if create and extracted:
            self.tasks.set(extracted)


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    tool = factory.SubFactory(ToolFactory)
    kind = ResourceKind.LINK
    title = factory.Sequence(lambda n: f"Ressource {n}")
    url = "https://intranet.example.fr/guide"


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryTerm

    acronym = factory.Sequence(lambda n: f"SIG{n}")
    meaning = factory.Sequence(lambda n: f"signification numéro {n}")


class ToolUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ToolUpdate

    tool = factory.SubFactory(ToolFactory)
    kind = UpdateKind.CHANGE
    title = factory.Sequence(lambda n: f"Annonce {n}")
    published_on = factory.LazyFunction(timezone.localdate)


def tool_form_data(tool, **overrides):
    """What the tool edit form posts back when nothing is changed (its kit included, with an empty extra row)."""
    resources = list(tool.resources.all())
    data = {
        "name": tool.name,
        "acronym": tool.acronym,
        "slug": tool.slug,
        "summary": tool.summary,
        "description": tool.description,
        "audience": tool.audience,
        "status": tool.status,
        "launched_on": tool.launched_on.isoformat() if tool.launched_on else "",
        "owner_department": tool.owner_department,
        "url": tool.url,
        "how_to_start": tool.how_to_start,
        "tasks": [t.pk for t in tool.tasks.all()],
        "categories": [c.pk for c in tool.categories.all()],
        "related_tools": [t.pk for t in tool.related_tools.all()],
        "champions": [u.pk for u in tool.champions.all()],
        "change_reason": "",
        "announce_kind": "change",
        "announce_title": "",
        "announce_body": "",
        "kit-TOTAL_FORMS": str(len(resources) + 1),
        "kit-INITIAL_FORMS": str(len(resources)),
        "kit-MIN_NUM_FORMS": "0",
        "kit-MAX_NUM_FORMS": "1000",
    }
    for n, resource in enumerate([*resources, Resource(kind=ResourceKind.LINK, title="", url="")]):
        data |= {
            f"kit-{n}-id": resource.pk or "",
            f"kit-{n}-kind": resource.kind,
            f"kit-{n}-title": resource.title,
            f"kit-{n}-url": resource.url,
            f"kit-{n}-body": resource.body,
            f"kit-{n}-position": resource.position,
        }
    data.update(overrides)
    return data
