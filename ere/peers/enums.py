from django.db import models


class Availability(models.TextChoices):
    """What a helper declares of their time; the matcher reads it."""

    AVAILABLE = "available", "Disponible"
    LIMITED = "limited", "Peu disponible"
    AWAY = "away", "Absent·e (ne pas me solliciter)"


class HelpMode(models.TextChoices):
    BESIDE = "beside", "À côté de moi"
    VISIO = "visio", "En visio"
    MESSAGE = "message", "Par message"


class Urgency(models.TextChoices):
    LOW = "low", "Quand vous pourrez"
    NORMAL = "normal", "Dans la journée"
    HIGH = "high", "Urgent : un usager attend"


class RequestStatus(models.TextChoices):
    OPEN = "open", "En recherche d'un collègue"
    PROPOSED = "proposed", "Proposée à un collègue"
    ACCEPTED = "accepted", "Acceptée"
    RESOLVED = "resolved", "Résolue"
    UNMATCHED = "unmatched", "Aucun collègue disponible"
    CANCELLED = "cancelled", "Annulée"


# Requests still waiting for someone, or being handled.
ACTIVE_STATUSES = (RequestStatus.OPEN, RequestStatus.PROPOSED, RequestStatus.ACCEPTED, RequestStatus.UNMATCHED)


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "En attente de réponse"
    ACCEPTED = "accepted", "Acceptée"
    DECLINED = "declined", "Déclinée"
    EXPIRED = "expired", "Sans réponse à temps"
    WITHDRAWN = "withdrawn", "Retirée"


class PostKind(models.TextChoices):
    TIP = "tip", "Astuce"
    QUESTION = "question", "Question"
    ANSWER = "answer", "Réponse"


class NotificationKind(models.TextChoices):
    PROPOSAL = "proposal", "Demande d'aide proposée"
    ACCEPTED = "accepted", "Demande acceptée"
    DECLINED = "declined", "Demande passée à un autre collègue"
    UNMATCHED = "unmatched", "Aucun collègue disponible"
    RESOLVED = "resolved", "Demande résolue"
    THANKS = "thanks", "Remerciement"
    ANSWER = "answer", "Nouvelle réponse"
    ACCEPTED_ANSWER = "accepted_answer", "Réponse retenue"
    OUTDATED = "outdated", "Contenu signalé comme obsolète"
    DIGEST = "digest", "L'astuce de la semaine"
