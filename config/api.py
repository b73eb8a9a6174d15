"""The JSON API under /api/, with its OpenAPI description at /api/docs. Each module adds its router here."""

from ninja import NinjaAPI

from ere.catalog.api import router as catalog_router
from ere.org.api_auth import api_auth

api = NinjaAPI(
    title="API ERE Digitale",
    version="1.0",
    description="Lecture du catalogue des applicatifs, des offres numériques et du glossaire. "
    "Authentification : jeton d'un client de l'API (en-tête `Authorization: Bearer <jeton>`) ou session.",
    auth=api_auth,
    urls_namespace="api",
)
api.add_router("/", catalog_router)
