from django.db import models


class Difficulty(models.TextChoices):
    EASY = "easy", "Découverte"
    MEDIUM = "medium", "Intermédiaire"
    HARD = "hard", "Confirmé"


class RoleKind(models.TextChoices):
    """The three roles of a role-play, and the audience of a forum-theatre session."""

    ADVISOR = "advisor", "Conseiller"
    INTERLOCUTOR = "interlocutor", "Chef d'entreprise / recruteur"
    OBSERVER = "observer", "Observateur"
    AUDIENCE = "audience", "Public"


# The roles a scenario writes a card for.
CARD_ROLES = (RoleKind.ADVISOR, RoleKind.INTERLOCUTOR, RoleKind.OBSERVER)


class Mode(models.TextChoices):
    ROLEPLAY = "roleplay", "Jeu de rôle"
    FORUM = "forum", "Théâtre forum"


class Status(models.TextChoices):
    WAITING = "waiting", "En attente des participants"
    RUNNING = "running", "En cours"
    FINISHED = "finished", "Terminée"


class Level(models.IntegerChoices):
    """The four levels of an observation grid; each criterion describes what each level looks like."""

    NOT_SEEN = 1, "Non observé"
    PARTLY = 2, "En partie"
    MET = 3, "Atteint"
    EXEMPLARY = 4, "Exemplaire"


class TranscriptStatus(models.TextChoices):
    READY = "ready", "Analysée"
    TRANSCRIBING = "transcribing", "Transcription en cours"
    FAILED = "failed", "Échec de la transcription"
