from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "ere.org"
    verbose_name = "Organisation"
