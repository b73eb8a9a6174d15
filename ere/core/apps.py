from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ere.core"
    verbose_name = "Socle"
