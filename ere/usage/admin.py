from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join

from ere.usage.enums import RuleKind
from ere.usage.imports.mapping import regex_error
from ere.usage.models import MappingRule, RawApplication, UsageImport


class MappingRuleForm(forms.ModelForm):
    class Meta:
        model = MappingRule
        fields = ["position", "field", "kind", "pattern", "tool"]
        help_texts = {
            "pattern": "« Égal à » compare sans tenir compte de la casse (pour une application, « winword » couvre "
            "aussi « WINWORD.EXE »). Une expression régulière est cherchée n'importe où dans le texte, sans tenir "
            "compte de la casse : « ^https://aude\\. » pour les adresses qui commencent ainsi.",
        }

    def clean(self):
        cleaned = super().clean()
        pattern = cleaned.get("pattern")
        if cleaned.get("kind") == RuleKind.REGEX and pattern and (reason := regex_error(pattern)):
            self.add_error("pattern", reason[0].upper() + reason[1:] + ".")
        return cleaned


@admin.register(MappingRule)
class MappingRuleAdmin(admin.ModelAdmin):
    form = MappingRuleForm
    list_display = ["__str__", "position", "field", "kind", "pattern", "tool"]
    list_editable = ["position", "field", "kind", "pattern", "tool"]
    list_filter = ["field", "kind"]
    list_select_related = ["tool"]
    search_fields = ["pattern", "tool__name"]
    autocomplete_fields = ["tool"]


class ToBeMappedFilter(admin.SimpleListFilter):
    title = "rattachement"
    parameter_name = "a_rattacher"

    def lookups(self, request, model_admin):
        return [("oui", "À rattacher"), ("non", "Rattachées à un applicatif")]

    def queryset(self, request, queryset):
        if self.value() == "oui":
            return queryset.filter(tool__isnull=True)
        if self.value() == "non":
            return queryset.filter(tool__isnull=False)
        return queryset


@admin.register(RawApplication)
class RawApplicationAdmin(admin.ModelAdmin):
    """Applications seen in the logs that no rule maps. Setting `tool` re-maps their whole history in the analyses."""

    list_display = ["name", "tool", "events", "first_seen", "last_seen"]
    list_editable = ["tool"]
    list_filter = [ToBeMappedFilter]
    list_select_related = ["tool"]
    search_fields = ["name"]
    fields = ["name", "tool", "events", "first_seen", "last_seen"]
    readonly_fields = ["name", "events", "first_seen", "last_seen"]
    autocomplete_fields = ["tool"]

    def has_add_permission(self, request):
        return False  # imports create them


@admin.register(UsageImport)
class UsageImportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at", "source", "format", "status", "rows", "inserted", "duplicates", "dropped"]
    list_filter = ["status", "format"]
    search_fields = ["source", "filename"]
    fields = [
        "source", "filename", "format", "status", "progress", "rows", "inserted", "duplicates", "dropped",
        "error_list", "created_by", "created_at", "finished_at",
    ]  # fmt: skip
    readonly_fields = fields

    @admin.display(description="erreurs")
    def error_list(self, obj):
        if not obj.errors:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((error,) for error in obj.errors)))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
