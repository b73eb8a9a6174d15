from django.apps import AppConfig


class RoleplayConfig(AppConfig):
    name = "ere.roleplay"
    verbose_name = "Mises en situation"
