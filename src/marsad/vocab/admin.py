"""Vocabulary management for moderators, in the Django admin: add terms, rename labels, deactivate.

Terms are never deleted (entries keep pointing at them); a term that should no longer be offered is
deactivated instead.
"""

from django.contrib import admin
from django.http import HttpRequest

from marsad.vocab.models import Country, Term


class ModeratedAdmin(admin.ModelAdmin):
    def _allowed(self, request: HttpRequest) -> bool:
        return request.user.is_active and (request.user.is_superuser or request.user.is_moderator)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Term)
class TermAdmin(ModeratedAdmin):
    list_display = ("code", "kind", "label_ar", "label_en", "label_fr", "parent", "active")
    list_filter = ("kind", "active")
    list_editable = ("label_ar", "label_en", "label_fr", "active")
    search_fields = ("code", "label_ar", "label_en", "label_fr")
    readonly_fields = ("source_version",)


@admin.register(Country)
class CountryAdmin(ModeratedAdmin):
    list_display = ("code", "alpha3", "label_ar", "label_en", "label_fr")
    search_fields = ("code", "alpha3", "label_ar", "label_en", "label_fr")
    filter_horizontal = ("groups",)
