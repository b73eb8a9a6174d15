import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ere.catalog.models import Tool
from ere.org.models import Agency
from ere.roleplay.enums import Difficulty, Level, Mode, RoleKind, Status, TranscriptStatus

# Join codes: short, typed on a phone, read aloud in a room — no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


class ScenarioQuerySet(models.QuerySet):
    def published(self):
        """Scenarios trainers and peers may open a session on."""
        return self.filter(is_published=True)


class Scenario(models.Model):
    """A mise en situation: a context, a card per role, objectives and an observation grid; optionally a branching
    script in Twee 3 (Twine) for the interlocutor's reactions."""

    slug = models.SlugField("identifiant", max_length=100, unique=True)
    title = models.CharField("titre", max_length=200)
    summary = models.CharField("en une phrase", max_length=300)
    context = models.TextField("contexte")
    objectives = models.JSONField("objectifs", default=list, blank=True)
    difficulty = models.CharField("difficulté", max_length=10, choices=Difficulty, default=Difficulty.MEDIUM)
    minutes = models.PositiveSmallIntegerField("durée (min)", default=10)
    tools = models.ManyToManyField(Tool, verbose_name="applicatifs mobilisés", blank=True, related_name="+")
    script = models.TextField(
        "script à embranchements (Twee 3)", blank=True, help_text="Histoire Twine au format Twee 3 (docs/roleplay.md)."
    )
    is_published = models.BooleanField("publié", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        verbose_name = "mise en situation"
        verbose_name_plural = "mises en situation"
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("roleplay:scenario", args=[self.slug])

    def card(self, role):
        """The role card of `role`, or None."""
        return next((card for card in self.roles.all() if card.role == role), None)


class RoleCard(models.Model):
    """What one role reads before playing. The interlocutor's card holds what the advisor must find out."""

    scenario = models.ForeignKey(
        Scenario, verbose_name="mise en situation", on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField("rôle", max_length=20, choices=RoleKind)
    title = models.CharField("personnage", max_length=200, help_text="Par exemple « Mme Durand, gérante ».")
    brief = models.TextField("consigne")
    hidden = models.TextField(
        "informations cachées", blank=True, help_text="Ce que le personnage sait et ne dit que si on le lui demande."
    )
    reactions = models.TextField("comment réagir", blank=True)

    class Meta:
        verbose_name = "fiche de rôle"
        verbose_name_plural = "fiches de rôle"
        ordering = ["scenario", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "role"],
                name="roleplay_one_card_per_role",
                violation_error_message="Cette mise en situation a déjà une fiche pour ce rôle.",
            )
        ]

    def __str__(self):
        return f"{self.scenario} — {self.get_role_display()}"


class Criterion(models.Model):
    """One line of the observation grid, with what each of the four levels looks like."""

    scenario = models.ForeignKey(
        Scenario, verbose_name="mise en situation", on_delete=models.CASCADE, related_name="criteria"
    )
    order = models.PositiveSmallIntegerField("ordre", default=0)
    label = models.CharField("critère", max_length=200)
    descriptors = models.JSONField(
        "descripteurs", default=list, blank=True, help_text="Quatre descriptions, du niveau 1 (non observé) au 4."
    )

    class Meta:
        verbose_name = "critère d'observation"
        verbose_name_plural = "grille d'observation"
        ordering = ["scenario", "order", "pk"]

    def __str__(self):
        return self.label

    @property
    def levels(self):
        """(level, name, descriptor) for the four levels."""
        descriptors = list(self.descriptors) + [""] * (len(Level) - len(self.descriptors))
        return [(level.value, level.label, descriptors[index]) for index, level in enumerate(Level)]


class PlaySessionQuerySet(models.QuerySet):
    def open(self):
        """Sessions one can still join."""
        return self.exclude(status=Status.FINISHED)

    def for_user(self, user):
        """Sessions the user runs or takes part in."""
        return self.filter(Q(facilitator=user) | Q(participants__user=user)).distinct()


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class PlaySession(models.Model):
    """A live role-play (or forum-theatre) session: a facilitator, a scenario, participants joined by a short code."""

    code = models.CharField("code", max_length=CODE_LENGTH, unique=True, default=new_code)
    scenario = models.ForeignKey(
        Scenario, verbose_name="mise en situation", on_delete=models.PROTECT, related_name="sessions"
    )
    mode = models.CharField("mode", max_length=10, choices=Mode, default=Mode.ROLEPLAY)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="animateur", on_delete=models.CASCADE, related_name="led_sessions"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="agence", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField("état", max_length=10, choices=Status, default=Status.WAITING)
    duration = models.PositiveSmallIntegerField("durée du jeu (min)", default=10)
    scene = models.TextField(
        "scène rejouée", blank=True, help_text="Théâtre forum : le moment de l'échange que le public réécrit."
    )
    created_at = models.DateTimeField("créée le", default=timezone.now)
    started_at = models.DateTimeField("démarrée le", null=True, blank=True)
    ended_at = models.DateTimeField("terminée le", null=True, blank=True)

    objects = PlaySessionQuerySet.as_manager()

    class Meta:
        verbose_name = "session de mise en situation"
        verbose_name_plural = "sessions de mise en situation"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.scenario} ({self.code})"

    def get_absolute_url(self):
        return reverse("roleplay:session", args=[self.code])

    def deadline(self):
        """When the shared timer runs out, or None before the start."""
        if self.started_at is None:
            return None
        return self.started_at + timezone.timedelta(minutes=self.duration)


class Participant(models.Model):
    session = models.ForeignKey(
        PlaySession, verbose_name="session", on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="participant", on_delete=models.CASCADE, related_name="roleplays"
    )
    role = models.CharField("rôle", max_length=20, choices=RoleKind)
    joined_at = models.DateTimeField("arrivé le", default=timezone.now)

    class Meta:
        verbose_name = "participant"
        verbose_name_plural = "participants"
        ordering = ["session", "role", "joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                name="roleplay_one_seat_per_user",
                violation_error_message="Vous participez déjà à cette session.",
            ),
            # One advisor and one interlocutor per session; observers and audience are as many as come.
            models.UniqueConstraint(
                fields=["session", "role"],
                condition=Q(role__in=[RoleKind.ADVISOR, RoleKind.INTERLOCUTOR]),
                name="roleplay_one_player_per_role",
                violation_error_message="Ce rôle est déjà pris dans cette session.",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"


class Observation(models.Model):
    """An observer's level on one criterion of the grid, for the advisor of the session."""

    session = models.ForeignKey(
        PlaySession, verbose_name="session", on_delete=models.CASCADE, related_name="observations"
    )
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="observateur", on_delete=models.CASCADE, related_name="+"
    )
    criterion = models.ForeignKey(Criterion, verbose_name="critère", on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField("niveau", choices=Level, null=True, blank=True)
    note = models.TextField("remarque", blank=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "observation"
        verbose_name_plural = "observations"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "observer", "criterion"],
                name="roleplay_one_observation_per_criterion",
                violation_error_message="Ce critère est déjà noté par cet observateur.",
            )
        ]

    def __str__(self):
        return f"{self.criterion} : {self.level}"


class ForumLine(models.Model):
    """Forum theatre: a line the audience proposes instead of the one heard; votes pick the ones kept as examples."""

    session = models.ForeignKey(PlaySession, verbose_name="session", on_delete=models.CASCADE, related_name="lines")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField("réplique proposée", max_length=500)
    is_kept = models.BooleanField("gardée en exemple", default=False)
    created_at = models.DateTimeField("proposée le", default=timezone.now)
    voters = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="votes", blank=True, related_name="+")

    class Meta:
        verbose_name = "réplique du public"
        verbose_name_plural = "répliques du public"
        ordering = ["created_at"]

    def __str__(self):
        return self.text


class TranscriptQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Transcripts of the user, and those of the sessions they ran or took part in (peers comment on them)."""
        return self.filter(
            Q(owner=user) | Q(session__facilitator=user) | Q(session__participants__user=user)
        ).distinct()


class Transcript(models.Model):
    """The words of a call (a session or a real call), as uploaded or pasted, and their analysis."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="conseiller", on_delete=models.CASCADE, related_name="transcripts"
    )
    session = models.ForeignKey(
        PlaySession,
        verbose_name="session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transcripts",
    )
    title = models.CharField("titre", max_length=200)
    source = models.TextField("transcription", blank=True)
    source_format = models.CharField("format", max_length=10, blank=True)
    advisor = models.CharField("locuteur conseiller", max_length=200, blank=True)
    audio = models.FileField(
        "enregistrement",
        upload_to="roleplay/audio/",
        blank=True,
        help_text="Gardé le temps de la transcription locale, puis effacé.",
    )
    status = models.CharField("état", max_length=15, choices=TranscriptStatus, default=TranscriptStatus.READY)
    error = models.TextField("erreur", blank=True)
    analysis = models.JSONField("analyse", default=dict, blank=True)
    created_at = models.DateTimeField("déposée le", default=timezone.now)

    objects = TranscriptQuerySet.as_manager()

    class Meta:
        verbose_name = "transcription d'appel"
        verbose_name_plural = "transcriptions d'appel"
        ordering = ["-created_at"]
        indexes = [
            # The progress chart: an agent's transcripts in time order.
            models.Index(fields=["owner", "created_at"], name="roleplay_transcript_owner"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("roleplay:transcript", args=[self.pk])


class TranscriptComment(models.Model):
    """A peer's or an observer's comment on a transcript, optionally on one line."""

    transcript = models.ForeignKey(
        Transcript, verbose_name="transcription", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.CASCADE, related_name="+"
    )
    line = models.PositiveIntegerField("ligne", null=True, blank=True)
    text = models.TextField("commentaire")
    created_at = models.DateTimeField("écrit le", default=timezone.now)

    class Meta:
        verbose_name = "commentaire de transcription"
        verbose_name_plural = "commentaires de transcription"
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]
