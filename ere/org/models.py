import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ere.org.enums import Role, Specialty


class Region(models.Model):
    code = models.CharField("code", max_length=20, unique=True)
    name = models.CharField("nom", max_length=120)

    class Meta:
        verbose_name = "direction régionale"
        verbose_name_plural = "directions régionales"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Territory(models.Model):
    region = models.ForeignKey(Region, verbose_name="région", on_delete=models.PROTECT, related_name="territories")
    code = models.CharField("code", max_length=20, unique=True)
    name = models.CharField("nom", max_length=120)

    class Meta:
        verbose_name = "direction territoriale"
        verbose_name_plural = "directions territoriales"
        ordering = ["name"]

    def __str__(self):
        return self.name


class AgencyQuerySet(models.QuerySet):
    def in_territory(self, territory):
        """Agencies of one territory."""
        return self.filter(territory=territory)


class Agency(models.Model):
    territory = models.ForeignKey(
        Territory, verbose_name="direction territoriale", on_delete=models.PROTECT, related_name="agencies"
    )
    code = models.CharField("code", max_length=20, unique=True)
    name = models.CharField("nom", max_length=120)
    city = models.CharField("ville", max_length=120, blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "agence"
        verbose_name_plural = "agences"
        ordering = ["name"]

    def __str__(self):
        return self.name


class UserQuerySet(models.QuerySet):
    def active(self):
        """Accounts that can log in."""
        return self.filter(is_active=True)

    def champions(self):
        """Digital champions (référents numériques)."""
        return self.filter(role=Role.CHAMPION)

    def in_agencies(self, agencies):
        """Members of the given agencies."""
        return self.filter(agency__in=agencies)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.ADMIN)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """An employee of the public employment service. Logs in with their e-mail address."""

    username = None
    email = models.EmailField("adresse e-mail", unique=True)
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.AGENT)
    specialty = models.CharField("dominante", max_length=20, choices=Specialty.choices, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name="agence",
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
    )
    territory_scope = models.ForeignKey(
        Territory,
        verbose_name="périmètre territorial",
        help_text="Pour un manager ou un analyste de direction territoriale. Vide : l'agence (manager) ou la région "
        "entière (analyste).",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                name="frontline_user_has_agency",
                condition=~Q(role__in=[Role.AGENT, Role.CHAMPION]) | Q(agency__isnull=False),
                violation_error_message="Un conseiller ou un référent numérique doit être rattaché à une agence.",
            ),
            models.CheckConstraint(
                name="manager_has_scope",
                condition=~Q(role=Role.MANAGER) | Q(agency__isnull=False) | Q(territory_scope__isnull=False),
                violation_error_message="Un manager doit avoir une agence ou un périmètre territorial.",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)

    @property
    def is_admin(self):
        return self.is_superuser or self.role == Role.ADMIN

    @property
    def initials(self):
        return "".join(part[:1] for part in (self.first_name, self.last_name)).upper()


class ApiClientQuerySet(models.QuerySet):
    def active(self):
        """Clients whose token has not been revoked."""
        return self.filter(revoked_at__isnull=True)


class ApiClient(models.Model):
    """A machine client of the API (a collector, a partner). Only a digest of its token is stored."""

    name = models.CharField("nom du client", max_length=120, unique=True)
    token_prefix = models.CharField("début du jeton", max_length=8, editable=False)
    token_digest = models.CharField("empreinte du jeton", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("créé le", default=timezone.now, editable=False)
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)

    objects = ApiClientQuerySet.as_manager()

    class Meta:
        verbose_name = "client de l'API"
        verbose_name_plural = "clients de l'API"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @staticmethod
    def digest(token):
        return hashlib.sha256(token.encode()).hexdigest()

    def issue_token(self):
        """Give the client a new token, returned once: only its digest is kept."""
        token = secrets.token_urlsafe(32)
        self.token_prefix = token[:8]
        self.token_digest = self.digest(token)
        return token

    @classmethod
    def authenticate(cls, token):
        """The active client holding this token, or None."""
        if not token:
            return None
        client = cls.objects.active().filter(token_digest=cls.digest(token)).first()
        if client:
            client.last_used_at = timezone.now()
            client.save(update_fields=["last_used_at"])
        return client

    @property
    def is_active(self):
        return self.revoked_at is None
