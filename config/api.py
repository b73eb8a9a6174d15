"""The JSON API under /api/, with its OpenAPI description at /api/docs. Each module adds its router here."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from ere.catalog.api import router as catalog_router
from ere.org.api_auth import api_auth
from ere.usage.api import router as usage_router

api = NinjaAPI(
    title="API ERE Digitale",
    version="1.0",
    description="Lecture du catalogue des applicatifs, des offres numériques et du glossaire. "
    "Authentification : jeton d'un client de l'API (en-tête `Authorization: Bearer <jeton>`) ou session.",
    auth=api_auth,
    urls_namespace="api",
)
api.add_router("/", catalog_router)
api.add_router("/", usage_router)

# Errors in French, as the catalogue's own filter errors are (422 « Filtre non valable — … »).
_PARAMETER_ERRORS = {
    "bool_parsing": "doit valoir true ou false",
    "int_parsing": "doit être un nombre entier",
    "greater_than_equal": "doit être supérieur ou égal à {ge}",
    "missing": "est obligatoire",
}


@api.exception_handler(ValidationError)
def invalid_parameter(request, exc):
    messages, in_body = [], False
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        in_body = in_body or (location[:1] == ["body"])
        # « events.3.start » names the event and the field of a posted batch.
        name = (
            ".".join(location[2:]) if location[:1] == ["body"] and len(location) > 2 else (location or ["requête"])[-1]
        )
        if template := _PARAMETER_ERRORS.get(error.get("type")):
            messages.append(f"{name} {template.format(**error.get('ctx', {}))}")
        else:
            messages.append(f"{name} : {error['msg']}")
    what = "Données non valables" if in_body else "Filtre non valable"
    return api.create_response(request, {"detail": f"{what} — {' ; '.join(messages)}"}, status=422)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Introuvable"}, status=404)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    detail = "Authentification requise : jeton d'un client de l'API (Authorization: Bearer …) ou session."
    return api.create_response(request, {"detail": detail}, status=401)
