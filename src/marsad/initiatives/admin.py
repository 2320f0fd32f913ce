from django.contrib import admin

from marsad.initiatives.models import Entry, ReviewEvent


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0
    can_delete = False
    readonly_fields = ("revision", "actor", "from_state", "to_state", "comment", "via", "at")


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    """Read-only: entries change through the workflow, never behind its back."""

    list_display = ("slug", "organisation", "state", "published_at")
    list_filter = ("state",)
    search_fields = ("slug",)
    readonly_fields = [f.name for f in Entry._meta.fields]
    inlines = [ReviewEventInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
