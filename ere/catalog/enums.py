from django.db import models


class Status(models.TextChoices):
    PILOT = "pilot", "Pilote"
    GENERALISED = "generalised", "Généralisé"
    RETIRED = "retired", "Retiré"


class ToolAudience(models.TextChoices):
    ALL = "all", "Tous les agents"
    EMPLOYERS = "employers", "Conseillers à dominante entreprises"
    JOB_SEEKERS = "job_seekers", "Conseillers à dominante demandeurs d'emploi"
    MANAGERS = "managers", "Managers et équipes de direction"


class OfferAudience(models.TextChoices):
    ALL = "all", "Tous publics"
    EMPLOYERS = "employers", "Entreprises et recruteurs"
    JOB_SEEKERS = "job_seekers", "Demandeurs d'emploi"


class ResourceKind(models.TextChoices):
    LINK = "link", "Lien"
    DOCUMENT = "document", "Document"
    VIDEO = "video", "Vidéo"
    FAQ = "faq", "Question fréquente"


class UpdateKind(models.TextChoices):
    LAUNCH = "launch", "Nouvel outil"
    CHANGE = "change", "Évolution"
    RETIREMENT = "retirement", "Retrait"
