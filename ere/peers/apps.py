from django.apps import AppConfig


class PeersConfig(AppConfig):
    name = "ere.peers"
    verbose_name = "Entraide"

    def ready(self):
        from ere.peers import signals  # noqa: F401  (connects the receivers)
