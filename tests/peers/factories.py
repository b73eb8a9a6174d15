"""Factories of Entraide: peer profiles, help requests and proposals, posts (tips, questions, answers), votes."""

import factory
from django.utils import timezone

from ere.peers.enums import HelpMode, NotificationKind, PostKind, ProposalStatus, RequestStatus, Urgency
from ere.peers.models import HelpRequest, Notification, PeerProfile, Post, Proposal, Vote
from tests.catalog.factories import ToolFactory
from tests.org.factories import UserFactory


class PeerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeerProfile
        django_get_or_create = ["user"]
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    is_visible = True

    @factory.post_generation
    def tools(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tools.set(extracted)


class HelpRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpRequest

    class Params:
        accepted = factory.Trait(
            status=RequestStatus.ACCEPTED,
            helper=factory.SubFactory(UserFactory),
            accepted_at=factory.LazyFunction(timezone.now),
        )
        resolved = factory.Trait(
            status=RequestStatus.RESOLVED,
            helper=factory.SubFactory(UserFactory),
            accepted_at=factory.LazyFunction(timezone.now),
            resolved_at=factory.LazyFunction(timezone.now),
        )

    requester = factory.SubFactory(UserFactory)
    agency = factory.SelfAttribute("requester.agency")
    tool = factory.SubFactory(ToolFactory)
    urgency = Urgency.NORMAL
    mode = HelpMode.BESIDE
    context = "Je n'arrive pas à retrouver l'offre que j'ai enregistrée hier en brouillon."


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    request = factory.SubFactory(HelpRequestFactory, status=RequestStatus.PROPOSED)
    candidate = factory.SubFactory(UserFactory)
    score = 0.8
    reasons = ["Dans votre agence", "Niveau « Maîtrise » à son diagnostic sur cet applicatif"]
    status = ProposalStatus.PENDING


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post
        skip_postgeneration_save = True

    class Params:
        question = factory.Trait(kind=PostKind.QUESTION, title=factory.Sequence(lambda n: f"Comment faire {n} ?"))

    kind = PostKind.TIP
    author = factory.SubFactory(UserFactory)
    tool = factory.SubFactory(ToolFactory)
    title = factory.Sequence(lambda n: f"Astuce {n} : retrouver un brouillon")
    body = "Dans **Mes brouillons**, triez par date : le dernier enregistré est en haut."

    @factory.post_generation
    def tasks(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tasks.set(extracted)


class AnswerFactory(PostFactory):
    kind = PostKind.ANSWER
    parent = factory.SubFactory(PostFactory, question=True)
    tool = factory.SelfAttribute("parent.tool")
    title = ""
    body = "Passez par le menu **Actions** puis « Dupliquer »."


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    post = factory.SubFactory(PostFactory)
    user = factory.SubFactory(UserFactory)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = NotificationKind.PROPOSAL
    title = "Un collègue a besoin de votre aide"
    url = "/entraide/"
