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
    API = "api", "Lot JSON (API)"


class Frequency(models.TextChoices):
    """How often an agent says they use a tool (surveys), from never to several times a day."""

    NEVER = "never", "Jamais"
    LESS_THAN_MONTHLY = "less_than_monthly", "Moins d'une fois par mois"
    MONTHLY = "monthly", "Chaque mois"
    WEEKLY = "weekly", "Chaque semaine"
    DAILY = "daily", "Chaque jour"
    SEVERAL_DAILY = "several_daily", "Plusieurs fois par jour"


class Ease(models.IntegerChoices):
    VERY_HARD = 1, "1 — très difficile"
    HARD = 2, "2 — difficile"
    MEDIUM = 3, "3 — moyen"
    EASY = 4, "4 — facile"
    VERY_EASY = 5, "5 — très facile"


class Usefulness(models.IntegerChoices):
    USELESS = 1, "1 — inutile"
    NOT_VERY = 2, "2 — peu utile"
    FAIRLY = 3, "3 — assez utile"
    USEFUL = 4, "4 — utile"
    ESSENTIAL = 5, "5 — indispensable"


class CampaignStatus(models.TextChoices):
    UPCOMING = "upcoming", "À venir"
    OPEN = "open", "En cours"
    CLOSED = "closed", "Close"
