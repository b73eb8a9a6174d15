from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "ere.catalog"
    verbose_name = "Catalogue"
