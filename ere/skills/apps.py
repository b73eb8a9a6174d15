from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "ere.skills"
    verbose_name = "Compétences"
