"""People, the organisations that own entries, and the roles that decide who may do what.

Roles, from the WSIS Stocktaking model:
- contributor: an active member of an approved organisation; edits that organisation's entries;
- national focal point: reviews the entries covering their country (`FocalPoint`);
- moderator (AICTO staff): reviews everything, approves organisations, manages vocabularies;
- admin: Django superuser; manages users and roles.
"""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from marsad.core.i18n import localise


class MarsadUserManager(UserManager):
    def create_user(self, email: str, password: str | None = None, **extra):  # type: ignore[override]
        extra.setdefault("username", email.lower())
        return super().create_user(email=email.lower(), password=password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):  # type: ignore[override]
        extra.setdefault("username", email.lower())
        return super().create_superuser(email=email.lower(), password=password, **extra)


class User(AbstractUser):
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=120, blank=True)
    language = models.CharField(_("preferred language"), max_length=2, default="ar")
    email_verified = models.BooleanField(default=False)
    is_moderator = models.BooleanField(
        default=False, help_text="AICTO staff: review every entry, approve organisations, edit vocabularies."
    )

    objects = MarsadUserManager()
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    def __str__(self) -> str:
        return self.display_name or self.email

    def save(self, *args, **kwargs) -> None:
        # Moderators manage vocabularies in the admin, which only lets staff in.
        if self.is_moderator:
            self.is_staff = True
        super().save(*args, **kwargs)

    @property
    def is_reviewer(self) -> bool:
        return self.is_moderator or self.focal_countries.exists()

    def active_organisations(self) -> models.QuerySet:
        return Organisation.objects.filter(
            memberships__user=self,
            memberships__status=Membership.Status.ACTIVE,
            status=Organisation.Status.APPROVED,
        )


class Organisation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        LISTED = "listed", _("listed (no members)")

    name_ar = models.CharField(_("name in Arabic"), max_length=300, blank=True)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=300, blank=True)
    country = models.ForeignKey("vocab.Country", on_delete=models.PROTECT, verbose_name=_("country"))
    kind = models.ForeignKey(
        "vocab.Term",
        on_delete=models.PROTECT,
        limit_choices_to={"kind": "stakeholder_type"},
        verbose_name=_("type"),
    )
    website = models.URLField(_("website"), blank=True, max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["name_en", "name_ar"]

    @property
    def name(self) -> str:
        return localise(self, "name").text

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        ACTIVE = "active", _("active")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    is_manager = models.BooleanField(
        default=False, help_text="May approve other members of the organisation."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")]


class FocalPoint(models.Model):
    """A national focal point: reviews, before publication, the entries that cover their country."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="focal_countries")
    country = models.ForeignKey("vocab.Country", on_delete=models.CASCADE, related_name="focal_points")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "country"], name="focal_point_unique")]
