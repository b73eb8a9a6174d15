from django.contrib import admin

from ere.peers.models import HelpRequest, Notification, PeerProfile, Post, Proposal, WeeklyTip


@admin.register(PeerProfile)
class PeerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "is_visible", "availability", "weekly_cap", "beyond_cap"]
    list_filter = ["is_visible", "availability"]
    search_fields = ["user__email", "user__last_name"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["tools"]


class ProposalInline(admin.TabularInline):
    model = Proposal
    extra = 0
    fields = ["candidate", "status", "score", "created_at", "responded_at"]
    readonly_fields = fields


@admin.register(HelpRequest)
class HelpRequestAdmin(admin.ModelAdmin):
    # No thanks column: thanks are private between the two people.
    list_display = ["tool", "requester", "status", "urgency", "helper", "created_at"]
    list_filter = ["status", "urgency", "mode", "tool"]
    search_fields = ["requester__email", "helper__email", "tool__name"]
    exclude = ["thanks"]
    raw_id_fields = ["requester", "helper", "agency"]
    inlines = [ProposalInline]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "tool", "author", "vote_count", "is_hidden", "created_at"]
    list_filter = ["kind", "is_hidden", "tool"]
    search_fields = ["title", "body"]
    raw_id_fields = ["author", "parent", "accepted_answer", "duplicate_of", "moderated_by", "outdated_by"]
    raw_id_fields += ["reviewed_by", "edited_by"]


@admin.register(WeeklyTip)
class WeeklyTipAdmin(admin.ModelAdmin):
    list_display = ["week", "post", "sent_at"]
    raw_id_fields = ["post"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user"]
