from django.apps import AppConfig


class UsageConfig(AppConfig):
    name = "ere.usage"
    verbose_name = "Cartographie des usages"
