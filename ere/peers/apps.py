from django.apps import AppConfig


class PeersConfig(AppConfig):
    name = "ere.peers"
    verbose_name = "Entraide"
