from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "ere.practice"
    verbose_name = "Pratique"
