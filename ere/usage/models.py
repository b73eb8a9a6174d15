from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ere.catalog.models import Task, Tool
from ere.org.models import Agency, User
from ere.usage.enums import (
    CampaignStatus,
    Ease,
    Frequency,
    ImportFormat,
    ImportStatus,
    RuleField,
    RuleKind,
    Usefulness,
)


class MappingRule(models.Model):
    """Maps a raw application, window title or URL to a tool of the catalogue, at import time."""

    position = models.PositiveIntegerField("ordre", default=100, help_text="Les règles s'appliquent dans l'ordre.")
    field = models.CharField("champ examiné", max_length=10, choices=RuleField.choices, default=RuleField.APP)
    kind = models.CharField("type de correspondance", max_length=10, choices=RuleKind.choices, default=RuleKind.EXACT)
    pattern = models.CharField("motif", max_length=300)
    tool = models.ForeignKey(Tool, verbose_name="applicatif", on_delete=models.CASCADE, related_name="mapping_rules")

    class Meta:
        verbose_name = "règle de rattachement"
        verbose_name_plural = "règles de rattachement"
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.get_field_display()} {self.get_kind_display().lower()} « {self.pattern} » → {self.tool}"


class RawApplication(models.Model):
    """An application seen in usage logs that no rule maps to a tool: listed « à rattacher » for an admin.

    Once `tool` is set, analyses count its past and future events as that tool (re-mapping applies to history).
    """

    name = models.CharField("application", max_length=200, unique=True, help_text="Nom en minuscules, sans « .exe ».")
    tool = models.ForeignKey(
        Tool, verbose_name="rattachée à", on_delete=models.SET_NULL, null=True, blank=True, related_name="raw_names"
    )
    events = models.PositiveBigIntegerField("événements importés", default=0)
    first_seen = models.DateTimeField("vue la première fois", auto_now_add=True)
    last_seen = models.DateTimeField("vue la dernière fois", auto_now=True)

    class Meta:
        verbose_name = "application à rattacher"
        verbose_name_plural = "applications à rattacher"
        ordering = ["-events", "name"]

    def __str__(self):
        return self.name


class UsageImport(models.Model):
    """One import of usage events into the lake: from the command, the upload page or the API."""

    source = models.CharField("source", max_length=120, help_text="Collecteur, outil ou personne à l'origine.")
    filename = models.CharField("fichier", max_length=255, blank=True)
    format = models.CharField("format", max_length=20, choices=ImportFormat.choices, default=ImportFormat.AUTO)
    status = models.CharField("état", max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0)
    rows = models.PositiveBigIntegerField("lignes lues", default=0)
    inserted = models.PositiveBigIntegerField("événements ajoutés", default=0)
    duplicates = models.PositiveBigIntegerField("doublons ignorés", default=0)
    dropped = models.PositiveBigIntegerField("événements écartés", default=0)
    errors = models.JSONField("erreurs", default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="importé par", on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        verbose_name = "import d'usage"
        verbose_name_plural = "imports d'usage"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import {self.pk} ({self.filename or self.source})"


# Surveys (enquêtes): a campaign asks targeted agents how they use the tools in scope. Managers see aggregates only.


class SurveyCampaignQuerySet(models.QuerySet):
    def open(self):
        """Campaigns whose period includes today (Europe/Paris)."""
        today = timezone.localdate()
        return self.filter(starts_on__lte=today, ends_on__gte=today)

    def overseen_by(self, user):
        """Campaigns targeting at least one agency this user oversees (managers, analysts, admins)."""
        from ere.org.access import managed_agencies

        return self.filter(agencies__in=managed_agencies(user)).distinct()

    def targeting(self, user):
        """Campaigns whose target agencies and roles include this user.

        Target roles are a JSON list, which SQLite cannot search: the roles are checked in Python on the few
        campaigns of the user's agency.
        """
        if not user.is_authenticated or not user.agency_id:
            return self.none()
        candidates = self.filter(agencies=user.agency_id).values_list("pk", "target_roles")
        return self.filter(pk__in=[pk for pk, roles in candidates if user.role in roles])


class SurveyCampaign(models.Model):
    """A survey of how agents use a set of tools, sent to chosen roles in chosen agencies for a period."""

    title = models.CharField("titre", max_length=200)
    description = models.TextField(
        "présentation aux agents", blank=True, help_text="Pourquoi cette enquête, ce que deviendront les réponses."
    )
    starts_on = models.DateField("ouverture le")
    ends_on = models.DateField("clôture le", help_text="Dernier jour pour répondre.")
    agencies = models.ManyToManyField(Agency, verbose_name="agences ciblées", related_name="survey_campaigns")
    target_roles = models.JSONField("rôles ciblés", default=list, help_text="Valeurs de Role.")
    tools = models.ManyToManyField(Tool, verbose_name="applicatifs concernés", related_name="survey_campaigns")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    objects = SurveyCampaignQuerySet.as_manager()

    class Meta:
        verbose_name = "campagne d'enquête"
        verbose_name_plural = "campagnes d'enquête"
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="survey_campaign_period",
                condition=Q(ends_on__gte=models.F("starts_on")),
                violation_error_message="La clôture doit tomber le jour de l'ouverture ou après.",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def status(self):
        today = timezone.localdate()
        if today < self.starts_on:
            return CampaignStatus.UPCOMING
        if today > self.ends_on:
            return CampaignStatus.CLOSED
        return CampaignStatus.OPEN

    @property
    def is_open(self):
        return self.status == CampaignStatus.OPEN

    def get_status_display(self):
        return self.status.label

    def targets(self, user):
        """True when this user is one of the agents the campaign asks."""
        return (
            user.is_authenticated
            and user.agency_id is not None
            and user.role in self.target_roles
            and self.agencies.filter(pk=user.agency_id).exists()
        )

    def targeted_users(self, agencies=None):
        """The active agents the campaign asks, in `agencies` (a subset of its own) when given."""
        users = User.objects.active().filter(agency__in=self.agencies.all(), role__in=self.target_roles)
        if agencies is not None:
            users = users.filter(agency__in=agencies)
        return users


class SurveyResponseQuerySet(models.QuerySet):
    def submitted(self):
        """Responses the agent has sent (they count in the results)."""
        return self.filter(submitted_at__isnull=False)

    def drafts(self):
        """Responses started and saved, not sent yet."""
        return self.filter(submitted_at__isnull=True)


class SurveyResponse(models.Model):
    """One targeted agent's answers to a campaign: saved step by step, counted once submitted."""

    campaign = models.ForeignKey(
        SurveyCampaign, verbose_name="campagne", on_delete=models.CASCADE, related_name="responses"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="répondant", on_delete=models.CASCADE, related_name="survey_responses"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="agence du répondant",
        help_text="Son agence quand il a commencé : les résultats par agence n'ont pas à suivre les mutations.",
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_at = models.DateTimeField("commencée le", default=timezone.now)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    submitted_at = models.DateTimeField("envoyée le", null=True, blank=True)
    comment = models.TextField("commentaire libre", blank=True)

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        verbose_name = "réponse à une enquête"
        verbose_name_plural = "réponses aux enquêtes"
        ordering = ["campaign", "started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "respondent"],
                name="unique_survey_response",
                violation_error_message="Cette personne a déjà une réponse à cette enquête.",
            ),
        ]

    def __str__(self):
        return f"Réponse de {self.respondent} à « {self.campaign} »"

    @property
    def is_submitted(self):
        return self.submitted_at is not None


class SurveyToolAnswer(models.Model):
    """What one respondent says about one tool: how often, how easy, how useful, and whether they want training."""

    response = models.ForeignKey(
        SurveyResponse, verbose_name="réponse", on_delete=models.CASCADE, related_name="tool_answers"
    )
    tool = models.ForeignKey(Tool, verbose_name="applicatif", on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField("fréquence d'utilisation", max_length=20, choices=Frequency.choices)
    ease = models.PositiveSmallIntegerField(
        "facilité d'utilisation", choices=Ease.choices, null=True, blank=True, help_text="Vide si jamais utilisé."
    )
    usefulness = models.PositiveSmallIntegerField(
        "utilité", choices=Usefulness.choices, null=True, blank=True, help_text="Vide si jamais utilisé."
    )
    wants_training = models.BooleanField("souhaite une formation")

    class Meta:
        verbose_name = "réponse sur un applicatif"
        verbose_name_plural = "réponses sur les applicatifs"
        constraints = [
            models.UniqueConstraint(
                fields=["response", "tool"],
                name="unique_survey_tool_answer",
                violation_error_message="Cet applicatif a déjà une réponse dans ce questionnaire.",
            ),
            models.CheckConstraint(
                name="survey_ease_between_1_and_5",
                condition=Q(ease__isnull=True) | Q(ease__gte=1, ease__lte=5),
                violation_error_message="La facilité se note de 1 à 5.",
            ),
            models.CheckConstraint(
                name="survey_usefulness_between_1_and_5",
                condition=Q(usefulness__isnull=True) | Q(usefulness__gte=1, usefulness__lte=5),
                violation_error_message="L'utilité se note de 1 à 5.",
            ),
            models.CheckConstraint(
                name="survey_used_tool_is_rated",
                condition=Q(frequency=Frequency.NEVER) | Q(ease__isnull=False, usefulness__isnull=False),
                violation_error_message="Un applicatif utilisé doit être noté en facilité et en utilité.",
            ),
        ]

    def __str__(self):
        return f"{self.tool} : {self.get_frequency_display().lower()}"


class SurveyTaskAnswer(models.Model):
    """One of a respondent's three main tasks, and the tools they use together for it."""

    response = models.ForeignKey(
        SurveyResponse, verbose_name="réponse", on_delete=models.CASCADE, related_name="task_answers"
    )
    position = models.PositiveSmallIntegerField("rang", help_text="1 à 3, la plus importante d'abord.")
    task = models.ForeignKey(Task, verbose_name="tâche", on_delete=models.CASCADE, related_name="+")
    tools = models.ManyToManyField(Tool, verbose_name="applicatifs utilisés ensemble", related_name="+")

    class Meta:
        verbose_name = "tâche principale"
        verbose_name_plural = "tâches principales"
        ordering = ["response", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "position"],
                name="unique_survey_task_position",
                violation_error_message="Ce rang de tâche est déjà rempli.",
            ),
            models.UniqueConstraint(
                fields=["response", "task"],
                name="unique_survey_task",
                violation_error_message="Cette tâche est déjà citée dans ce questionnaire.",
            ),
            models.CheckConstraint(
                name="survey_task_position_1_to_3",
                condition=Q(position__gte=1, position__lte=3),
                violation_error_message="Le rang d'une tâche principale va de 1 à 3.",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.task}"
