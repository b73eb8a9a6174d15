from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from ere.catalog.models import Category, GlossaryTerm, Offer, Resource, Task, Tool, ToolUpdate

HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "slug"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class ResourceInline(admin.TabularInline):
    model = Resource
    extra = 0
    fields = ["kind", "title", "url", "body", "position"]
    formfield_overrides = HTTPS_URLS


class CatalogItemAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "audience", "status", "launched_on"]
    list_filter = ["status", "audience", "categories", "tasks"]
    search_fields = ["name", "acronym", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["tasks", "categories", "related_tools"]
    inlines = [ResourceInline]
    formfield_overrides = HTTPS_URLS


@admin.register(Tool)
class ToolAdmin(CatalogItemAdmin):
    filter_horizontal = [*CatalogItemAdmin.filter_horizontal, "champions"]


@admin.register(Offer)
class OfferAdmin(CatalogItemAdmin):
    pass


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["acronym", "meaning", "tool", "offer"]
    search_fields = ["acronym", "meaning"]
    autocomplete_fields = ["tool", "offer"]


@admin.register(ToolUpdate)
class ToolUpdateAdmin(admin.ModelAdmin):
    list_display = ["title", "tool", "kind", "published_on"]
    list_filter = ["kind"]
    search_fields = ["title", "tool__name"]
    autocomplete_fields = ["tool"]
    date_hierarchy = "published_on"
