"""Factories of « Mises en situation »: a scenario with its three role cards and a three-criterion grid, sessions,
participants, transcripts."""

import factory

from ere.roleplay.enums import RoleKind
from ere.roleplay.models import (
    Criterion,
    ForumLine,
    Observation,
    Participant,
    PlaySession,
    RoleCard,
    Scenario,
    Transcript,
    TranscriptComment,
)
from tests.org.factories import UserFactory


class ScenarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scenario
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"premier-recrutement-{n}")
    title = factory.Sequence(lambda n: f"Un premier recrutement ({n})")
    summary = "Une gérante de boulangerie veut recruter son premier salarié et ne sait pas par où commencer."
    context = "Mme Durand appelle l'agence : sa boulangerie marche bien, elle veut embaucher un vendeur."
    objectives = ["Reformuler le besoin", "Proposer un service adapté", "Conclure sur une action datée"]
    minutes = 10

    @factory.post_generation
    def cards(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        RoleCard.objects.create(
            scenario=obj, role=RoleKind.ADVISOR, title="Conseiller entreprises", brief="Vous prenez l'appel."
        )
        RoleCard.objects.create(
            scenario=obj,
            role=RoleKind.INTERLOCUTOR,
            title="Mme Durand, gérante",
            brief="Vous voulez recruter un vendeur.",
            hidden="Vous ne pouvez payer qu'un temps partiel.",
            reactions="Vous vous agacez si l'on emploie des sigles.",
        )
        RoleCard.objects.create(
            scenario=obj, role=RoleKind.OBSERVER, title="Observateur", brief="Notez la grille pendant l'appel."
        )

    @factory.post_generation
    def grid(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        for order, label in enumerate(["Reformule le besoin", "Évite le jargon", "Conclut sur une action datée"]):
            Criterion.objects.create(
                scenario=obj,
                order=order,
                label=label,
                descriptors=["Absent", "Esquissé", "Net", "Net et vérifié auprès de l'interlocuteur"],
            )


class PlaySessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaySession

    scenario = factory.SubFactory(ScenarioFactory)
    facilitator = factory.SubFactory(UserFactory, trainer=True)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    session = factory.SubFactory(PlaySessionFactory)
    user = factory.SubFactory(UserFactory)
    role = RoleKind.ADVISOR


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    session = factory.SubFactory(PlaySessionFactory)
    observer = factory.SubFactory(UserFactory)
    criterion = factory.LazyAttribute(lambda o: o.session.scenario.criteria.first())
    level = 3


class ForumLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumLine

    session = factory.SubFactory(PlaySessionFactory)
    author = factory.SubFactory(UserFactory)
    text = "Je vous propose qu'on regarde ensemble l'offre dès maintenant."


class TranscriptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transcript

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Appel {n}")
    source = "Sophie : Bonjour, qu'est-ce qui vous amène ?\nMme Durand : Je veux recruter un vendeur.\n"
    source_format = "text"
    advisor = "Sophie"


class TranscriptCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TranscriptComment

    transcript = factory.SubFactory(TranscriptFactory)
    author = factory.SubFactory(UserFactory)
    text = "Belle reformulation ligne 3."
