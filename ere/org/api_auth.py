"""API authentication: a machine client's bearer token, or the logged-in user's session."""

from ninja.security import HttpBearer, django_auth

from ere.org.models import ApiClient


class ClientToken(HttpBearer):
    openapi_description = "Jeton d'un client de l'API, créé et révoqué dans l'administration."

    def authenticate(self, request, token):
        client = ApiClient.authenticate(token)
        if client:
            request.api_client = client
        return client


api_auth = [ClientToken(), django_auth]
