from django.db import models


class RuleField(models.TextChoices):
    APP = "app", "Nom de l'application"
    TITLE = "title", "Titre de la fenêtre"
    URL = "url", "Adresse (URL)"


class RuleKind(models.TextChoices):
    EXACT = "exact", "Égal à (sans tenir compte de la casse)"
    REGEX = "regex", "Expression régulière"


class ImportStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    RUNNING = "running", "En cours"
    DONE = "done", "Terminé"
    FAILED = "failed", "Refusé"


class ImportFormat(models.TextChoices):
    AUTO = "auto", "Détection automatique"
    CSV = "csv", "CSV"
    PARQUET = "parquet", "Parquet"
    JSONL = "jsonl", "JSON Lines"
    ACTIVITYWATCH = "activitywatch", "Export ActivityWatch"
