from django.conf import settings
from django.db import models

from ere.catalog.models import Tool
from ere.usage.enums import ImportFormat, ImportStatus, RuleField, RuleKind


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
