import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ere.catalog.enums import OfferAudience, ResourceKind, Status, ToolAudience, UpdateKind
from ere.org.enums import Role, Specialty


def news_since():
    return timezone.localdate() - datetime.timedelta(days=settings.ERE_NEWS_DAYS)


class Category(models.Model):
    name = models.CharField("nom", max_length=80, unique=True)
    slug = models.SlugField("identifiant", max_length=80, unique=True)

    class Meta:
        verbose_name = "catégorie"
        verbose_name_plural = "catégories"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Task(models.Model):
    """A job to be done (« publier une offre »): tools and offers are grouped by the tasks they serve."""

    name = models.CharField("intitulé", max_length=120, unique=True)
    slug = models.SlugField("identifiant", max_length=120, unique=True)
    description = models.CharField("description", max_length=255, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=100)

    class Meta:
        verbose_name = "tâche"
        verbose_name_plural = "tâches"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class CatalogItemQuerySet(models.QuerySet):
    def in_service(self):
        """Items that are not retired."""
        return self.exclude(status=Status.RETIRED)

    def new(self):
        """Items launched within the « Nouveautés » window."""
        return self.filter(launched_on__gte=news_since(), launched_on__lte=timezone.localdate())


class CatalogItem(models.Model):
    """What tools (internal applications) and offers (public digital services) have in common."""

    name = models.CharField("nom", max_length=120)
    slug = models.SlugField("identifiant", max_length=120, unique=True)
    acronym = models.CharField("sigle", max_length=20, blank=True)
    summary = models.CharField(
        "résumé en langage clair", max_length=300, help_text="Une ou deux phrases : à quoi ça sert, pour qui."
    )
    description = models.TextField("description", blank=True)
    categories = models.ManyToManyField(Category, verbose_name="catégories", related_name="%(class)ss", blank=True)
    tasks = models.ManyToManyField(Task, verbose_name="tâches", related_name="%(class)ss", blank=True)
    url = models.URLField("adresse", blank=True)
    status = models.CharField("statut", max_length=20, choices=Status.choices, default=Status.GENERALISED)
    launched_on = models.DateField("date de lancement", null=True, blank=True)
    owner_department = models.CharField("direction responsable", max_length=120, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym and self.acronym != self.name else self.name

    @property
    def is_new(self):
        return self.launched_on is not None and news_since() <= self.launched_on <= timezone.localdate()


class ToolQuerySet(CatalogItemQuerySet):
    def for_user(self, user):
        """Tools that concern this user's role and specialty."""
        audiences = [ToolAudience.ALL]
        if user.specialty == Specialty.EMPLOYERS:
            audiences.append(ToolAudience.EMPLOYERS)
        elif user.specialty == Specialty.JOB_SEEKERS:
            audiences.append(ToolAudience.JOB_SEEKERS)
        elif user.role in (Role.TRAINER, Role.ADMIN, Role.ANALYST):
            audiences += [ToolAudience.EMPLOYERS, ToolAudience.JOB_SEEKERS]
        if user.role in (Role.MANAGER, Role.ADMIN, Role.ANALYST):
            audiences.append(ToolAudience.MANAGERS)
        return self.filter(audience__in=audiences)


class Tool(CatalogItem):
    """An internal application (applicatif) used by agents."""

    audience = models.CharField("public", max_length=20, choices=ToolAudience.choices, default=ToolAudience.ALL)
    how_to_start = models.TextField(
        "pour commencer", blank=True, help_text="Les premiers pas, en quelques lignes : accès, premier écran, astuce."
    )
    related_tools = models.ManyToManyField("self", verbose_name="outils liés", blank=True)
    champions = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="référents numériques",
        related_name="championed_tools",
        blank=True,
        limit_choices_to={"role": Role.CHAMPION},
    )

    is_tool = True

    objects = ToolQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=["tasks", "categories"])

    class Meta(CatalogItem.Meta):
        verbose_name = "applicatif"
        verbose_name_plural = "applicatifs"

    def get_absolute_url(self):
        return reverse("catalog:tool", args=[self.slug])


class Offer(CatalogItem):
    """A public digital service offered to job seekers or employers."""

    audience = models.CharField("public", max_length=20, choices=OfferAudience.choices, default=OfferAudience.ALL)
    related_tools = models.ManyToManyField(Tool, verbose_name="applicatifs liés", related_name="offers", blank=True)

    is_tool = False

    objects = CatalogItemQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=["tasks", "categories"])

    class Meta(CatalogItem.Meta):
        verbose_name = "offre numérique"
        verbose_name_plural = "offres numériques"

    def get_absolute_url(self):
        return reverse("catalog:offer", args=[self.slug])


class Resource(models.Model):
    """One piece of a rollout kit: a link, a document, a video or a FAQ entry."""

    tool = models.ForeignKey(
        Tool, verbose_name="applicatif", on_delete=models.CASCADE, related_name="resources", null=True, blank=True
    )
    offer = models.ForeignKey(
        Offer, verbose_name="offre", on_delete=models.CASCADE, related_name="resources", null=True, blank=True
    )
    kind = models.CharField("type", max_length=20, choices=ResourceKind.choices, default=ResourceKind.LINK)
    title = models.CharField("titre", max_length=200, help_text="Pour une question fréquente : la question.")
    url = models.URLField("adresse", blank=True)
    body = models.TextField("contenu", blank=True, help_text="Pour une question fréquente : la réponse.")
    position = models.PositiveSmallIntegerField("ordre", default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "ressource du kit de déploiement"
        verbose_name_plural = "ressources du kit de déploiement"
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                name="resource_belongs_to_one_item",
                condition=Q(tool__isnull=False, offer__isnull=True) | Q(tool__isnull=True, offer__isnull=False),
                violation_error_message="Une ressource appartient à un applicatif ou à une offre, pas aux deux.",
            ),
            models.CheckConstraint(
                name="resource_has_content",
                condition=~Q(url="") | ~Q(body=""),
                violation_error_message="Une ressource doit avoir une adresse ou un contenu.",
            ),
        ]

    def __str__(self):
        return self.title


class GlossaryTerm(models.Model):
    """An acronym of the field and its plain meaning (also used by public search and transcript feedback)."""

    acronym = models.CharField("sigle", max_length=30, unique=True)
    meaning = models.CharField("signification", max_length=200)
    explanation = models.TextField(
        "en clair", blank=True, help_text="Une explication pour quelqu'un qui ne connaît pas."
    )
    tool = models.ForeignKey(
        Tool, verbose_name="applicatif lié", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    offer = models.ForeignKey(
        Offer, verbose_name="offre liée", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "terme du glossaire"
        verbose_name_plural = "glossaire"
        ordering = ["acronym"]

    def __str__(self):
        return f"{self.acronym} : {self.meaning}"


class ToolUpdateQuerySet(models.QuerySet):
    def recent(self):
        """Announcements published within the « Nouveautés » window, not in the future."""
        return self.filter(published_on__gte=news_since(), published_on__lte=timezone.localdate())

    def for_user(self, user):
        """Recent announcements about tools of this user's role that the user has not dismissed."""
        return (
            self.recent()
            .filter(tool__in=Tool.objects.for_user(user))
            .exclude(dismissals__user=user)
            .select_related("tool")
        )


class ToolUpdate(models.Model):
    """An announcement about a tool (launch, change, retirement) shown in agents' « Nouveautés »."""

    tool = models.ForeignKey(Tool, verbose_name="applicatif", on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField("nature", max_length=20, choices=UpdateKind.choices, default=UpdateKind.CHANGE)
    title = models.CharField("titre", max_length=200)
    body = models.TextField("ce qui change", blank=True)
    published_on = models.DateField("publié le", default=timezone.localdate)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.SET_NULL, null=True, blank=True
    )

    objects = ToolUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = "nouveauté"
        verbose_name_plural = "nouveautés"
        ordering = ["-published_on", "-id"]
        indexes = [
            # « Nouveautés » block: recent announcements, newest first.
            models.Index(fields=["published_on"], name="toolupdate_published_idx"),
        ]

    def __str__(self):
        return self.title


class DismissedUpdate(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="utilisateur", on_delete=models.CASCADE, related_name="+"
    )
    update = models.ForeignKey(
        ToolUpdate, verbose_name="nouveauté", on_delete=models.CASCADE, related_name="dismissals"
    )
    dismissed_at = models.DateTimeField("masquée le", auto_now_add=True)

    class Meta:
        verbose_name = "nouveauté masquée"
        verbose_name_plural = "nouveautés masquées"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "update"],
                name="unique_dismissal",
                violation_error_message="Cette nouveauté est déjà masquée.",
            )
        ]

    def __str__(self):
        return f"{self.user} a masqué « {self.update} »"


class Favorite(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="utilisateur", on_delete=models.CASCADE, related_name="favorites"
    )
    tool = models.ForeignKey(Tool, verbose_name="applicatif", on_delete=models.CASCADE, related_name="favorites")
    created_at = models.DateTimeField("ajouté le", auto_now_add=True)

    class Meta:
        verbose_name = "favori"
        verbose_name_plural = "favoris"
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "tool"],
                name="unique_favorite",
                violation_error_message="Cet outil est déjà en favori.",
            )
        ]

    def __str__(self):
        return f"{self.tool} (favori de {self.user})"
