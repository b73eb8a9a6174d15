from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils import timezone

from ere.org.models import Agency, ApiClient, Region, Territory, User


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "city", "territory"]
    list_filter = ["territory"]
    search_fields = ["name", "code", "city"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "last_name", "first_name", "role", "specialty", "agency", "is_active"]
    list_filter = ["role", "specialty", "agency__territory", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    autocomplete_fields = ["agency"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name"]}),
        ("Rôle et rattachement", {"fields": ["role", "specialty", "agency", "territory_scope"]}),
        ("Droits", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "email",
                    "first_name",
                    "last_name",
                    "role",
                    "specialty",
                    "agency",
                    "password1",
                    "password2",
                ],
            },
        )
    ]


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "token_prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["token_prefix", "created_at", "last_used_at"]
    fields = ["name", "token_prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke", "renew"]

    def save_model(self, request, obj, form, change):
        if not change:
            token = obj.issue_token()
            messages.warning(
                request,
                f"Jeton du client « {obj.name} » : {token} — copiez-le maintenant, il ne sera plus jamais affiché.",
            )
        super().save_model(request, obj, form, change)

    @admin.action(description="Révoquer le jeton des clients sélectionnés")
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        messages.success(request, f"{count} jeton(s) révoqué(s).")

    @admin.action(description="Donner un nouveau jeton (l'ancien cesse de fonctionner)")
    def renew(self, request, queryset):
        for client in queryset:
            token = client.issue_token()
            client.revoked_at = None
            client.save()
            messages.warning(request, f"Nouveau jeton de « {client.name} » : {token} — copiez-le maintenant.")
