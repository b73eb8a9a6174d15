"""Entraide: help requests matched to colleagues, tips and questions per tool, in-app notifications.

Privacy (docs/peers.md): a colleague is proposed as a helper only if they chose to be visible (PeerProfile); a
request is seen by its requester, the colleagues it was proposed to and its helper; thanks are private between the
two people; managers see aggregates only.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ere.catalog.models import Task, Tool
from ere.catalog.search import fold
from ere.peers import markdown
from ere.peers.enums import (
    ACTIVE_STATUSES,
    Availability,
    HelpMode,
    NotificationKind,
    PostKind,
    ProposalStatus,
    RequestStatus,
    Urgency,
)


def all_modes():
    return list(HelpMode.values)


class PeerProfileQuerySet(models.QuerySet):
    def visible(self):
        """Colleagues who chose to be proposed as helpers."""
        return self.filter(is_visible=True, user__is_active=True)


class PeerProfile(models.Model):
    """One employee's choices in Entraide: whether to be proposed as a helper, when, how, how often."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="agent", on_delete=models.CASCADE, related_name="peer_profile"
    )
    is_visible = models.BooleanField(
        "je veux bien aider mes collègues",
        default=False,
        help_text="Décoché : personne ne vous propose comme aidant et vous n'apparaissez dans aucun annuaire.",
    )
    availability = models.CharField(
        "disponibilité", max_length=12, choices=Availability.choices, default=Availability.AVAILABLE
    )
    modes = models.JSONField("façons d'aider", default=all_modes, blank=True)
    weekly_cap = models.PositiveSmallIntegerField(
        "demandes par semaine au plus",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Au-delà, on ne vous propose plus de demande jusqu'à la semaine suivante.",
    )
    beyond_cap = models.BooleanField(
        "je veux bien être sollicité·e au-delà de ce nombre",
        default=False,
    )
    tools = models.ManyToManyField(
        Tool,
        verbose_name="applicatifs sur lesquels je peux aider",
        related_name="declared_helpers",
        blank=True,
        help_text="En plus de ceux que votre diagnostic situe au niveau « Maîtrise » ou au-delà.",
    )
    note = models.CharField("ce que je sais bien expliquer", max_length=200, blank=True)
    weekly_digest = models.BooleanField("recevoir « l'astuce de la semaine » par e-mail", default=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)

    objects = PeerProfileQuerySet.as_manager()

    class Meta:
        verbose_name = "profil d'entraide"
        verbose_name_plural = "profils d'entraide"

    def __str__(self):
        return f"Entraide — {self.user}"


class HelpRequestQuerySet(models.QuerySet):
    def active(self):
        """Requests still looking for a colleague or being handled."""
        return self.filter(status__in=ACTIVE_STATUSES)

    def visible_to(self, user):
        """Requests the user asked, helps with, or was proposed."""
        return self.filter(Q(requester=user) | Q(helper=user) | Q(proposals__candidate=user)).distinct()

    def waiting(self):
        """Requests with nobody proposed yet: the matcher's input."""
        return self.filter(status__in=[RequestStatus.OPEN, RequestStatus.UNMATCHED])


class HelpRequest(models.Model):
    """« J'ai besoin d'aide sur <outil / tâche> »."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="demandeur", on_delete=models.CASCADE, related_name="help_requests"
    )
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name="agence du demandeur",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Au moment de la demande : pour les chiffres agrégés de l'agence.",
    )
    tool = models.ForeignKey(Tool, verbose_name="applicatif", on_delete=models.CASCADE, related_name="help_requests")
    task = models.ForeignKey(
        Task, verbose_name="tâche", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    urgency = models.CharField("urgence", max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    mode = models.CharField("comment", max_length=10, choices=HelpMode.choices, default=HelpMode.BESIDE)
    context = models.TextField(
        "ce que vous essayez de faire",
        max_length=2000,
        help_text="Quelques lignes : l'écran où vous êtes, ce qui bloque. Aucune donnée d'usager.",
    )
    status = models.CharField("statut", max_length=12, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="collègue qui aide",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helped_requests",
    )
    proposed_time = models.DateTimeField("créneau proposé", null=True, blank=True)
    helper_message = models.CharField("message du collègue", max_length=300, blank=True)
    thanks = models.TextField("remerciement", max_length=1000, blank=True)
    thanked_at = models.DateTimeField("remercié le", null=True, blank=True)
    created_at = models.DateTimeField("demandée le", default=timezone.now)
    accepted_at = models.DateTimeField("acceptée le", null=True, blank=True)
    resolved_at = models.DateTimeField("résolue le", null=True, blank=True)
    closed_at = models.DateTimeField("close le", null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "demande d'aide"
        verbose_name_plural = "demandes d'aide"
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The matcher's input and the dashboards: active requests on a tool.
            models.Index(fields=["status", "tool"], name="helprequest_status_tool_idx"),
            # The managers' aggregates: an agency's requests over time.
            models.Index(fields=["agency", "created_at"], name="helprequest_agency_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="helprequest_accepted_has_helper",
                condition=~Q(status__in=[RequestStatus.ACCEPTED, RequestStatus.RESOLVED]) | Q(helper__isnull=False),
                violation_error_message="Une demande acceptée ou résolue a un collègue qui aide.",
            ),
            models.CheckConstraint(
                name="helprequest_thanks_after_help",
                condition=Q(thanks="") | Q(helper__isnull=False),
                violation_error_message="On ne remercie que le collègue qui a aidé.",
            ),
        ]

    def __str__(self):
        return f"Aide sur {self.tool} — {self.requester}"

    def get_absolute_url(self):
        return reverse("peers:request", args=[self.pk])

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES

    def pending_proposal(self):
        return self.proposals.filter(status=ProposalStatus.PENDING).select_related("candidate").first()


class Proposal(models.Model):
    """One colleague proposed for one request by the matcher, with why; they accept or decline it."""

    request = models.ForeignKey(
        HelpRequest, verbose_name="demande", on_delete=models.CASCADE, related_name="proposals"
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="collègue proposé", on_delete=models.CASCADE, related_name="proposals"
    )
    score = models.FloatField("score", default=0.0)
    reasons = models.JSONField("pourquoi ce collègue", default=list, blank=True)
    status = models.CharField("statut", max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING)
    decline_reason = models.CharField("motif", max_length=200, blank=True)
    created_at = models.DateTimeField("proposée le", default=timezone.now)
    expires_at = models.DateTimeField("réponse attendue avant", null=True, blank=True)
    responded_at = models.DateTimeField("répondu le", null=True, blank=True)

    class Meta:
        verbose_name = "proposition"
        verbose_name_plural = "propositions"
        ordering = ["request", "created_at", "pk"]
        indexes = [
            # Fairness and load: a colleague's proposals of the week.
            models.Index(fields=["candidate", "created_at"], name="proposal_candidate_date_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "candidate"],
                name="unique_candidate_per_request",
                violation_error_message="Ce collègue a déjà été proposé pour cette demande.",
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status=ProposalStatus.PENDING),
                name="one_pending_proposal_per_request",
                violation_error_message="Cette demande attend déjà la réponse d'un collègue.",
            ),
        ]

    def __str__(self):
        return f"{self.request} → {self.candidate}"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        """Notifications the user has not opened yet."""
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message in the user's « Notifications », also sent by e-mail when it asks for an action."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="destinataire", on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("nature", max_length=20, choices=NotificationKind.choices)
    title = models.CharField("titre", max_length=200)
    body = models.TextField("message", blank=True)
    url = models.CharField("lien", max_length=300, blank=True)
    created_at = models.DateTimeField("créée le", default=timezone.now)
    read_at = models.DateTimeField("lue le", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "notification"
        verbose_name_plural = "notifications"
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The header's counter and the list: a user's unread notifications, newest first.
            models.Index(fields=["user", "read_at", "-created_at"], name="notification_user_unread_idx"),
        ]

    def __str__(self):
        return self.title


class PostQuerySet(models.QuerySet):
    def visible(self):
        """Posts anybody may read: not hidden by a moderator, not merged into another."""
        return self.filter(is_hidden=False, duplicate_of__isnull=True)

    def tips(self):
        """Tips (astuces)."""
        return self.filter(kind=PostKind.TIP)

    def questions(self):
        """Questions."""
        return self.filter(kind=PostKind.QUESTION)

    def topics(self):
        """Tips and questions: what lists and search show (answers live under their question)."""
        return self.filter(kind__in=[PostKind.TIP, PostKind.QUESTION])

    def to_review(self):
        """Posts flagged outdated since their last review: the review queue."""
        return self.filter(outdated_at__isnull=False).filter(
            Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=models.F("outdated_at"))
        )

    def on_tools(self, tools):
        """Posts about these tools."""
        return self.filter(tool__in=tools)


class Post(models.Model):
    """A tip, a question or an answer about one tool, written in Markdown and shown sanitised."""

    kind = models.CharField("nature", max_length=10, choices=PostKind.choices, default=PostKind.TIP)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.SET_NULL, null=True, related_name="posts"
    )
    tool = models.ForeignKey(Tool, verbose_name="applicatif", on_delete=models.CASCADE, related_name="posts")
    tasks = models.ManyToManyField(Task, verbose_name="tâches", related_name="posts", blank=True)
    title = models.CharField("titre", max_length=200, blank=True)
    body = models.TextField("texte", max_length=10000, help_text="En Markdown : **gras**, listes, liens.")
    body_html = models.TextField("texte mis en forme", blank=True, editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name="question",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
    )
    accepted_answer = models.ForeignKey(
        "self", verbose_name="réponse retenue", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    vote_count = models.PositiveIntegerField("votes « utile »", default=0, editable=False)
    is_hidden = models.BooleanField("masqué par la modération", default=False)
    moderation_note = models.CharField("motif de modération", max_length=200, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="modéré par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name="doublon de",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    outdated_at = models.DateTimeField("signalé obsolète le", null=True, blank=True)
    outdated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="signalé par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    outdated_note = models.CharField("ce qui a changé", max_length=300, blank=True)
    reviewed_at = models.DateTimeField("relu le", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="relu par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    search_text = models.TextField("texte de recherche", blank=True, editable=False)
    created_at = models.DateTimeField("publié le", default=timezone.now)
    updated_at = models.DateTimeField("modifié le", null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="modifié par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = "astuce ou question"
        verbose_name_plural = "astuces et questions"
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The lists of a tool: its visible tips and questions, newest first.
            models.Index(fields=["tool", "kind", "is_hidden", "-created_at"], name="post_tool_kind_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="post_answer_has_question",
                condition=Q(kind=PostKind.ANSWER, parent__isnull=False) | (~Q(kind=PostKind.ANSWER) & Q(parent=None)),
                violation_error_message="Une réponse répond à une question ; une astuce ou une question, à rien.",
            ),
            models.CheckConstraint(
                name="post_topic_has_title",
                condition=Q(kind=PostKind.ANSWER) | ~Q(title=""),
                violation_error_message="Une astuce ou une question a un titre.",
            ),
        ]

    def __str__(self):
        return self.title or f"Réponse à « {self.parent} »"

    def save(self, *args, **kwargs):
        self.body_html = markdown.render(self.body)
        self.search_text = self.searchable_text()
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html", "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.parent_id:
            return f"{reverse('peers:post', args=[self.parent_id])}#reponse-{self.pk}"
        return reverse("peers:post", args=[self.pk])

    @property
    def topic(self):
        """The tip or question this post belongs to (itself, or an answer's question)."""
        return self.parent if self.parent_id else self

    def searchable_text(self, task_names=()):
        """What search looks at, folded (no accents, lower case): title, text, tool, tasks."""
        parts = [self.title, markdown.plain(self.body, length=10000), self.tool.name, self.tool.acronym, *task_names]
        return fold(" ".join(part for part in parts if part))

    @property
    def needs_review(self):
        return self.outdated_at is not None and (self.reviewed_at is None or self.reviewed_at < self.outdated_at)


class Vote(models.Model):
    """One colleague found a post useful. No down-votes: the tone stays kind."""

    post = models.ForeignKey(Post, verbose_name="message", on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="agent", on_delete=models.CASCADE, related_name="post_votes"
    )
    created_at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "vote"
        verbose_name_plural = "votes"
        constraints = [
            models.UniqueConstraint(
                fields=["post", "user"],
                name="one_vote_per_post_and_user",
                violation_error_message="Vous avez déjà trouvé ce message utile.",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.post}"


class WeeklyTip(models.Model):
    """« L'astuce de la semaine »: one tip chosen per week, shown on the pages and sent once to those who want it."""

    week = models.DateField("semaine du", unique=True, help_text="Le lundi de la semaine.")
    post = models.ForeignKey(Post, verbose_name="astuce", on_delete=models.CASCADE, related_name="weeks")
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)

    class Meta:
        verbose_name = "astuce de la semaine"
        verbose_name_plural = "astuces de la semaine"
        ordering = ["-week"]

    def __str__(self):
        return f"Semaine du {self.week:%d/%m/%Y} : {self.post}"
