from django.db import models


class AreaKind(models.TextChoices):
    TOOL = "tool", "Applicatif"
    CRCN = "crcn", "Compétence numérique transversale (CRCN)"


class ToolLevel(models.IntegerChoices):
    """The four levels of a tool skill."""

    DISCOVERY = 1, "Découverte"
    PRACTICE = 2, "Pratique"
    MASTERY = 3, "Maîtrise"
    EXPERT = 4, "Référent"


# The CRCN's eight levels, grouped in four stages by the framework itself.
CRCN_LEVELS = {
    1: "Niveau 1 — novice",
    2: "Niveau 2 — novice",
    3: "Niveau 3 — indépendant",
    4: "Niveau 4 — indépendant",
    5: "Niveau 5 — avancé",
    6: "Niveau 6 — avancé",
    7: "Niveau 7 — expert",
    8: "Niveau 8 — expert",
}


class SelfRating(models.IntegerChoices):
    """Self-positioning before a diagnostic: it centres the prior of the adaptive test."""

    NEVER = 0, "Je ne l'ai jamais utilisé"
    HELPED = 1, "Je l'ai déjà utilisé, avec de l'aide"
    ALONE = 2, "Je l'utilise seul·e pour les tâches courantes"
    FLUENT = 3, "Je le maîtrise, y compris les cas moins courants"
    TEACH = 4, "Je peux l'expliquer à un collègue"


class ItemKind(models.TextChoices):
    SINGLE = "single", "Choix unique"
    MULTIPLE = "multiple", "Choix multiple"
    ORDERING = "ordering", "Remettre les étapes dans l'ordre"
    MATCHING = "matching", "Associer"
    HOTSPOT = "hotspot", "Cliquer au bon endroit"
    SANDBOX = "sandbox", "Mission dans un applicatif-école"


class ItemStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publiée"
    ARCHIVED = "archived", "Archivée"


class Frequency(models.TextChoices):
    """How often a role uses a tool: weighs the gaps in the learning path and the practice quarter."""

    DAILY = "daily", "Chaque jour"
    WEEKLY = "weekly", "Chaque semaine"
    MONTHLY = "monthly", "Chaque mois"
    RARELY = "rarely", "Rarement"


FREQUENCY_WEIGHT = {
    Frequency.DAILY: 1.0,
    Frequency.WEEKLY: 0.6,
    Frequency.MONTHLY: 0.3,
    Frequency.RARELY: 0.1,
}


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "En cours"
    FINISHED = "finished", "Terminé"
    ABANDONED = "abandoned", "Abandonné"
