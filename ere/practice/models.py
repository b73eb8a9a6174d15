import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ere.catalog.models import Tool
from ere.org.models import Agency
from ere.skills.models import Item, Skill


class SandboxQuerySet(models.QuerySet):
    def published(self):
        """Sandboxes agents may play."""
        return self.filter(is_published=True)


class Sandbox(models.Model):
    """An applicatif-école: simulated screens of a tool and a mission, in the declarative format of
    docs/sandboxes.md (validated against ere/practice/schema/sandbox.schema.json)."""

    slug = models.SlugField("identifiant", max_length=100, unique=True)
    title = models.CharField("titre", max_length=200)
    tool = models.ForeignKey(
        Tool, verbose_name="applicatif simulé", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    skill = models.ForeignKey(
        Skill, verbose_name="compétence travaillée", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mission = models.TextField("mission")
    definition = models.JSONField("définition")
    minutes = models.PositiveSmallIntegerField("durée estimée (min)", default=5)
    is_published = models.BooleanField("publié", default=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = SandboxQuerySet.as_manager()

    class Meta:
        verbose_name = "applicatif-école"
        verbose_name_plural = "applicatifs-écoles"
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practice:sandbox_play", args=[self.slug])


class SandboxAttempt(models.Model):
    """One finished attempt at a sandbox mission, checked again on the server from the player's action log."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="agent", on_delete=models.CASCADE, related_name="sandbox_attempts"
    )
    sandbox = models.ForeignKey(
        Sandbox, verbose_name="applicatif-école", on_delete=models.CASCADE, related_name="attempts"
    )
    client_id = models.UUIDField(
        "identifiant de la tentative",
        default=uuid.uuid4,
        unique=True,
        help_text="Donné par le navigateur : une "
        "tentative envoyée deux fois (hors ligne puis en ligne) n'est comptée qu'une fois.",
    )
    succeeded = models.BooleanField("réussie")
    mistakes = models.JSONField("erreurs", default=list, blank=True)
    actions = models.PositiveIntegerField("actions", default=0)
    seconds = models.PositiveIntegerField("durée (s)", default=0)
    finished_at = models.DateTimeField("terminée le", default=timezone.now)

    class Meta:
        verbose_name = "tentative d'applicatif-école"
        verbose_name_plural = "tentatives d'applicatif-école"
        ordering = ["-finished_at"]

    def __str__(self):
        return f"{self.sandbox} — {self.user} ({'réussie' if self.succeeded else 'à reprendre'})"


class ReviewCard(models.Model):
    """The spaced-repetition state (FSRS) of one item for one agent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="agent", on_delete=models.CASCADE, related_name="review_cards"
    )
    item = models.ForeignKey(Item, verbose_name="question", on_delete=models.CASCADE, related_name="+")
    card = models.JSONField("état FSRS")
    due = models.DateTimeField("à revoir le")
    last_review = models.DateTimeField("dernière révision", null=True, blank=True)

    class Meta:
        verbose_name = "carte de révision"
        verbose_name_plural = "cartes de révision"
        ordering = ["due"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "item"],
                name="unique_review_card",
                violation_error_message="Cette question a déjà une carte de révision pour cet agent.",
            )
        ]
        indexes = [
            # The practice quarter: an agent's reviews that are due.
            models.Index(fields=["user", "due"], name="reviewcard_user_due_idx"),
        ]

    def __str__(self):
        return f"{self.item.uid} pour {self.user} (le {timezone.localtime(self.due):%d/%m/%Y})"


def week_start(day=None):
    """The Monday of the week of `day` (today by default)."""
    day = day or timezone.localdate()
    return day - datetime.timedelta(days=day.weekday())


class PracticeQuarter(models.Model):
    """One agent's weekly quart d'heure de pratique: the plan assembled for the week, and how it went."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="agent", on_delete=models.CASCADE, related_name="practice_quarters"
    )
    week = models.DateField("semaine du", help_text="Le lundi de la semaine.")
    plan = models.JSONField("programme", default=list)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    seconds = models.PositiveIntegerField("temps passé (s)", default=0)
    skipped = models.JSONField(
        "questions passées",
        default=list,
        blank=True,
        help_text="Les questions du programme que l'agent a passées sans répondre (identifiants).",
    )

    class Meta:
        verbose_name = "quart d'heure de pratique"
        verbose_name_plural = "quarts d'heure de pratique"
        ordering = ["-week"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "week"],
                name="unique_quarter_per_week",
                violation_error_message="Cet agent a déjà un quart d'heure de pratique cette semaine.",
            ),
        ]

    def __str__(self):
        return f"Quart d'heure de {self.user}, semaine du {self.week:%d/%m/%Y}"

    @classmethod
    def practised(cls):
        """Quarters finished with at least one answer: what the streak and participation count (a quarter whose
        questions were all skipped is closed, but was not practice)."""
        return cls.objects.filter(finished_at__isnull=False, answers__isnull=False).distinct()

    @property
    def is_done(self):
        return self.finished_at is not None


class PracticeAnswer(models.Model):
    """One item answered during a practice quarter."""

    quarter = models.ForeignKey(
        PracticeQuarter, verbose_name="quart d'heure", on_delete=models.CASCADE, related_name="answers"
    )
    item = models.ForeignKey(Item, verbose_name="question", on_delete=models.CASCADE, related_name="+")
    answer = models.JSONField("réponse", default=dict)
    correct = models.BooleanField("juste")
    answered_at = models.DateTimeField("répondu le", default=timezone.now)

    class Meta:
        verbose_name = "réponse de pratique"
        verbose_name_plural = "réponses de pratique"
        ordering = ["quarter", "answered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["quarter", "item"],
                name="unique_item_per_quarter",
                violation_error_message="Cette question a déjà reçu une réponse dans ce quart d'heure.",
            )
        ]

    def __str__(self):
        return f"{self.item.uid} : {'juste' if self.correct else 'à revoir'}"


class TeamSlot(models.Model):
    """The weekly slot an agency's team chose for its quart d'heure de pratique."""

    WEEKDAYS = [(0, "lundi"), (1, "mardi"), (2, "mercredi"), (3, "jeudi"), (4, "vendredi")]

    agency = models.OneToOneField(
        Agency, verbose_name="agence", on_delete=models.CASCADE, related_name="practice_slot"
    )
    weekday = models.PositiveSmallIntegerField("jour", choices=WEEKDAYS)
    start = models.TimeField("heure de début")
    minutes = models.PositiveSmallIntegerField("durée (min)", default=15)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="choisi par", on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "créneau d'équipe"
        verbose_name_plural = "créneaux d'équipe"
        constraints = [
            models.CheckConstraint(
                name="slot_on_a_weekday",
                condition=Q(weekday__gte=0, weekday__lte=4),
                violation_error_message="Le créneau tombe un jour ouvré, du lundi au vendredi.",
            ),
            models.CheckConstraint(
                name="slot_duration_in_range",
                condition=Q(minutes__gte=10, minutes__lte=60),
                violation_error_message="Le créneau dure de 10 à 60 minutes.",
            ),
        ]

    def __str__(self):
        return f"{self.agency} : le {self.get_weekday_display()} à {self.start:%H:%M}"


class Reminder(models.Model):
    """A reminder e-mail sent for one week, so that it is sent once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="agent", on_delete=models.CASCADE, related_name="+"
    )
    week = models.DateField("semaine du")
    sent_at = models.DateTimeField("envoyé le", default=timezone.now)

    class Meta:
        verbose_name = "rappel envoyé"
        verbose_name_plural = "rappels envoyés"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "week"],
                name="unique_reminder_per_week",
                violation_error_message="Le rappel de cette semaine a déjà été envoyé.",
            )
        ]

    def __str__(self):
        return f"Rappel à {self.user}, semaine du {self.week:%d/%m/%Y}"
