"""The collectors' endpoint: a batch of usage events, imported like a file (validated first, all or nothing)."""

import datetime

from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from ere.org.api_auth import ClientToken
from ere.usage import services
from ere.usage.enums import ImportStatus

MAX_EVENTS = 10_000

router = Router(tags=["Usages"])


class EventIn(Schema):
    agent: str = Field(description="Identifiant de l'agent (e-mail ou identifiant du poste) ; pseudonymisé à l'import")
    tool: str = Field(description="Identifiant d'un applicatif du catalogue, ou nom brut de l'application")
    start: datetime.datetime | str = Field(description="Début, ISO 8601 ; sans décalage : heure de Paris")
    end: datetime.datetime | str | None = None
    duration_s: float | None = Field(None, description="Durée en secondes, si `end` n'est pas donné")
    device: str | None = None
    url: str | None = Field(None, description="Sert au rattachement, puis effacée")
    title: str | None = Field(None, description="Titre de fenêtre : sert au rattachement, puis effacé")


class BatchIn(Schema):
    source: str = Field("", description="Nom du collecteur ; par défaut, celui du client de l'API")
    events: list[EventIn] = Field(description=f"Au plus {MAX_EVENTS} événements")


class BatchOut(Schema):
    import_id: int
    inserted: int
    duplicates: int
    dropped: int
    summary: str


@router.post(
    "/usage/events",
    response={201: BatchOut},
    auth=ClientToken(),
    summary="Envoyer un lot d'événements d'usage (collecteurs)",
)
def post_events(request, batch: BatchIn):
    if not batch.events:
        raise HttpError(422, "Le lot ne contient aucun événement.")
    if len(batch.events) > MAX_EVENTS:
        raise HttpError(422, f"Le lot contient {len(batch.events)} événements : {MAX_EVENTS} au plus par envoi.")
    records = [
        {key: _text(value) for key, value in event.dict().items() if value is not None} for event in batch.events
    ]
    usage_import = services.import_records(records, source=batch.source or request.api_client.name)
    if usage_import.status != ImportStatus.DONE:
        raise HttpError(422, "Lot refusé, rien n'a été importé — " + " ; ".join(usage_import.errors))
    return Status(
        201,
        {
            "import_id": usage_import.pk,
            "inserted": usage_import.inserted,
            "duplicates": usage_import.duplicates,
            "dropped": usage_import.dropped,
            "summary": services.summary(usage_import),
        },
    )


def _text(value):
    return value.isoformat() if isinstance(value, datetime.datetime) else value
