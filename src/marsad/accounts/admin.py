from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from marsad.accounts.models import FocalPoint, Membership, Organisation, User


class FocalPointInline(admin.TabularInline):
    model = FocalPoint
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "display_name", "is_moderator", "email_verified", "is_staff", "is_active")
    list_filter = ("is_moderator", "email_verified", "is_staff", "is_active")
    search_fields = ("email", "display_name")
    fieldsets = (
        (None, {"fields": ("email", "password", "display_name", "language")}),
        (
            "Roles",
            {"fields": ("is_moderator", "is_staff", "is_superuser", "is_active", "email_verified", "groups")},
        ),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    inlines = [FocalPointInline, MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_ar", "country", "kind", "status")
    list_filter = ("status", "kind")
    search_fields = ("name_ar", "name_en", "name_fr")
    inlines = [MembershipInline]
