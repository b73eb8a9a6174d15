from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ere.catalog.models import Task, Tool
from ere.org.enums import Role, Specialty
from ere.skills.enums import (
    CRCN_LEVELS,
    AreaKind,
    AssessmentStatus,
    Frequency,
    ItemKind,
    ItemStatus,
    SelfRating,
    ToolLevel,
)


class AreaQuerySet(models.QuerySet):
    def tools(self):
        """Areas that are one internal application each."""
        return self.filter(kind=AreaKind.TOOL)

    def crcn(self):
        """The five domains of the national framework (CRCN)."""
        return self.filter(kind=AreaKind.CRCN)

    def assessable(self):
        """Areas with at least one published item a diagnostic can ask."""
        return self.filter(
            skills__items__status=ItemStatus.PUBLISHED, skills__items__use_in_diagnostic=True
        ).distinct()


class Area(models.Model):
    """What one adaptive test measures on one scale: a tool (its tasks are its skills) or a CRCN domain."""

    kind = models.CharField("nature", max_length=10, choices=AreaKind.choices)
    code = models.SlugField("identifiant", max_length=80, unique=True)
    name = models.CharField("intitulé", max_length=150)
    description = models.TextField("description", blank=True)
    tool = models.OneToOneField(
        Tool, verbose_name="applicatif", on_delete=models.CASCADE, null=True, blank=True, related_name="skill_area"
    )
    position = models.PositiveSmallIntegerField("ordre", default=100)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = "domaine de compétences"
        verbose_name_plural = "domaines de compétences"
        ordering = ["kind", "position", "name"]
        constraints = [
            models.CheckConstraint(
                name="tool_area_has_tool",
                condition=Q(kind=AreaKind.CRCN, tool__isnull=True) | Q(kind=AreaKind.TOOL, tool__isnull=False),
                violation_error_message="Un domaine « applicatif » est lié à un applicatif ; un domaine du CRCN, à "
                "aucun.",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_tool(self):
        return self.kind == AreaKind.TOOL

    @property
    def level_count(self):
        return len(ToolLevel) if self.is_tool else len(CRCN_LEVELS)

    def level_label(self, level):
        if level is None:
            return "Non évalué"
        return ToolLevel(level).label if self.is_tool else CRCN_LEVELS[level]

    @property
    def level_choices(self):
        return list(ToolLevel.choices) if self.is_tool else list(CRCN_LEVELS.items())


class Skill(models.Model):
    """One task of a tool (« publier une offre dans Suivi des offres ») or one CRCN competence (« 1.1 »)."""

    area = models.ForeignKey(Area, verbose_name="domaine", on_delete=models.CASCADE, related_name="skills")
    code = models.SlugField("identifiant", max_length=100, unique=True)
    name = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True)
    task = models.ForeignKey(
        Task, verbose_name="tâche du catalogue", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    discovery = models.CharField("niveau découverte", max_length=300, blank=True)
    practice = models.CharField("niveau pratique", max_length=300, blank=True)
    mastery = models.CharField("niveau maîtrise", max_length=300, blank=True)
    expert = models.CharField("niveau référent", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=100)

    class Meta:
        verbose_name = "compétence"
        verbose_name_plural = "compétences"
        ordering = ["area", "position", "code"]

    def __str__(self):
        return self.name

    @property
    def descriptors(self):
        """The level descriptors of a tool skill, as (level, label, text)."""
        texts = [self.discovery, self.practice, self.mastery, self.expert]
        return [(level.value, level.label, text) for level, text in zip(ToolLevel, texts, strict=True) if text]


class RoleProfileQuerySet(models.QuerySet):
    def for_user(self, user):
        """Profiles that fit this user's role and specialty, the most specific first."""
        matches = self.filter(Q(role="") | Q(role=user.role)).filter(Q(specialty="") | Q(specialty=user.specialty))
        return sorted(matches, key=lambda profile: (not profile.role, not profile.specialty, profile.name))


class RoleProfile(models.Model):
    """What a job needs: which tools and CRCN domains, at which level, and how often the job uses them."""

    name = models.CharField("intitulé", max_length=150, unique=True)
    slug = models.SlugField("identifiant", max_length=150, unique=True)
    role = models.CharField(
        "rôle", max_length=20, choices=Role.choices, blank=True, help_text="Vide : tous les rôles."
    )
    specialty = models.CharField(
        "dominante", max_length=20, choices=Specialty.choices, blank=True, help_text="Vide : toutes les dominantes."
    )
    description = models.TextField("description", blank=True)

    objects = RoleProfileQuerySet.as_manager()

    class Meta:
        verbose_name = "profil de poste"
        verbose_name_plural = "profils de poste"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("skills:role_profile_edit", args=[self.slug])


class Requirement(models.Model):
    """One line of a role profile: an area, the level the job needs, how often the job uses it."""

    profile = models.ForeignKey(
        RoleProfile, verbose_name="profil de poste", on_delete=models.CASCADE, related_name="requirements"
    )
    area = models.ForeignKey(Area, verbose_name="domaine", on_delete=models.CASCADE, related_name="requirements")
    target_level = models.PositiveSmallIntegerField("niveau attendu")
    frequency = models.CharField("fréquence d'usage", max_length=10, choices=Frequency.choices)
    key_skills = models.ManyToManyField(Skill, verbose_name="tâches clés", blank=True, related_name="+")

    class Meta:
        verbose_name = "attendu du profil"
        verbose_name_plural = "attendus du profil"
        ordering = ["profile", "area"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "area"],
                name="unique_requirement_per_area",
                violation_error_message="Ce domaine figure déjà dans ce profil de poste.",
            ),
            models.CheckConstraint(
                name="requirement_level_in_range",
                condition=Q(target_level__gte=1, target_level__lte=8),
                violation_error_message="Le niveau attendu va de 1 à 8 (de 1 à 4 pour un applicatif).",
            ),
        ]

    def __str__(self):
        return f"{self.profile} : {self.area} (niveau {self.target_level})"


class ItemQuerySet(models.QuerySet):
    def published(self):
        """Items learners may be asked."""
        return self.filter(status=ItemStatus.PUBLISHED)

    def for_diagnostic(self):
        """Published items short enough for the adaptive test (sandbox missions are for practice)."""
        return self.published().filter(use_in_diagnostic=True)


class Item(models.Model):
    """A question of the bank, calibrated for the 2-parameter IRT model.

    `data` holds what depends on the kind (choices, steps, pairs, regions of a screenshot, the sandbox), in the
    format of docs/skills.md, the same as the JSON import and export.
    """

    uid = models.SlugField("identifiant", max_length=100, unique=True)
    skill = models.ForeignKey(Skill, verbose_name="compétence mesurée", on_delete=models.PROTECT, related_name="items")
    kind = models.CharField("type", max_length=10, choices=ItemKind.choices)
    stem = models.TextField("énoncé")
    data = models.JSONField("contenu", default=dict, blank=True)
    explanation = models.TextField("explication", blank=True, help_text="Montrée après la réponse, juste ou non.")
    difficulty = models.FloatField(
        "difficulté (b)", default=0.0, help_text="De −3 (très facile) à 3 (très difficile)."
    )
    discrimination = models.FloatField(
        "discrimination (a)", default=1.0, help_text="De 0,3 (peu discriminante) à 2,5 (très discriminante)."
    )
    seconds = models.PositiveSmallIntegerField("durée estimée (s)", default=45)
    use_in_diagnostic = models.BooleanField("utilisable en diagnostic", default=True)
    status = models.CharField("statut", max_length=10, choices=ItemStatus.choices, default=ItemStatus.PUBLISHED)
    exposure_count = models.PositiveIntegerField("nombre de passations", default=0, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "question"
        verbose_name_plural = "questions"
        ordering = ["skill", "difficulty", "uid"]
        constraints = [
            models.CheckConstraint(
                name="item_difficulty_in_range",
                condition=Q(difficulty__gte=-4, difficulty__lte=4),
                violation_error_message="La difficulté va de −4 à 4.",
            ),
            models.CheckConstraint(
                name="item_discrimination_in_range",
                condition=Q(discrimination__gt=0, discrimination__lte=4),
                violation_error_message="La discrimination est strictement positive et au plus 4.",
            ),
        ]

    def __str__(self):
        return f"{self.uid} — {self.stem[:60]}"

    def get_absolute_url(self):
        return reverse("skills:item_edit", args=[self.uid])


class AssessmentQuerySet(models.QuerySet):
    def finished(self):
        """Diagnostics that went to their end."""
        return self.filter(status=AssessmentStatus.FINISHED)

    def shared(self):
        """Finished diagnostics whose results the agent shares with their manager."""
        return self.finished().filter(shared_at__isnull=False)


class Assessment(models.Model):
    """One adaptive diagnostic taken by one agent, over one or several areas."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="agent", on_delete=models.CASCADE, related_name="assessments"
    )
    status = models.CharField(
        "statut", max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS
    )
    max_items = models.PositiveSmallIntegerField("questions au plus par domaine", default=12)
    started_at = models.DateTimeField("commencé le", default=timezone.now)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    shared_at = models.DateTimeField(
        "partagé avec le manager le",
        null=True,
        blank=True,
        help_text="Vide : les résultats restent privés. L'agent seul décide de les partager, et peut retirer ce "
        "partage.",
    )
    seed = models.PositiveIntegerField("graine du tirage", default=0)
    current_item = models.ForeignKey(
        "Item",
        verbose_name="question en cours",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Tirée une fois, pour qu'un rechargement de la page repose la même question.",
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = "diagnostic"
        verbose_name_plural = "diagnostics"
        ordering = ["-started_at"]
        indexes = [
            # The profile: an agent's finished diagnostics, newest first.
            models.Index(fields=["user", "status", "-started_at"], name="assessment_user_status_idx"),
        ]

    def __str__(self):
        return f"Diagnostic de {self.user} du {timezone.localtime(self.started_at):%d/%m/%Y}"

    def get_absolute_url(self):
        if self.status == AssessmentStatus.IN_PROGRESS:
            return reverse("skills:assessment_question", args=[self.pk])
        return reverse("skills:assessment_result", args=[self.pk])

    @property
    def is_shared(self):
        return self.shared_at is not None


class AssessmentArea(models.Model):
    """One area of a diagnostic: the self-positioning, then the running (and final) estimate."""

    assessment = models.ForeignKey(
        Assessment, verbose_name="diagnostic", on_delete=models.CASCADE, related_name="areas"
    )
    area = models.ForeignKey(Area, verbose_name="domaine", on_delete=models.CASCADE, related_name="+")
    self_rating = models.PositiveSmallIntegerField("auto-positionnement", choices=SelfRating.choices)
    theta = models.FloatField("niveau estimé (θ)", default=0.0)
    sd = models.FloatField("écart type", default=1.0)
    items_count = models.PositiveSmallIntegerField("questions posées", default=0)
    finished = models.BooleanField("terminé", default=False)
    level = models.PositiveSmallIntegerField("niveau", null=True, blank=True)
    confidence = models.FloatField(
        "confiance", null=True, blank=True, help_text="Probabilité que le niveau soit le bon."
    )

    class Meta:
        verbose_name = "domaine du diagnostic"
        verbose_name_plural = "domaines du diagnostic"
        ordering = ["assessment", "area"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "area"],
                name="unique_area_per_assessment",
                violation_error_message="Ce domaine figure déjà dans ce diagnostic.",
            )
        ]

    def __str__(self):
        return f"{self.assessment} — {self.area}"

    @property
    def level_label(self):
        return self.area.level_label(self.level)


class Response(models.Model):
    """One answer given in a diagnostic."""

    assessment = models.ForeignKey(
        Assessment, verbose_name="diagnostic", on_delete=models.CASCADE, related_name="responses"
    )
    area = models.ForeignKey(
        AssessmentArea, verbose_name="domaine", on_delete=models.CASCADE, related_name="responses"
    )
    item = models.ForeignKey(Item, verbose_name="question", on_delete=models.PROTECT, related_name="responses")
    answer = models.JSONField("réponse", default=dict)
    correct = models.BooleanField("juste")
    position = models.PositiveSmallIntegerField("rang")
    answered_at = models.DateTimeField("répondu le", default=timezone.now)

    class Meta:
        verbose_name = "réponse"
        verbose_name_plural = "réponses"
        ordering = ["assessment", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item"],
                name="unique_item_per_assessment",
                violation_error_message="Cette question a déjà été posée dans ce diagnostic.",
            )
        ]

    def __str__(self):
        return f"{self.item.uid} : {'juste' if self.correct else 'à revoir'}"
