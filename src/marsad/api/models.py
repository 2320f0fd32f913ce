"""API tokens: how another system acts on behalf of a Marsad user.

A token is shown once when it is created and stored only as the SHA-256 digest of its secret (the secret has
256 bits of entropy, so a fast hash is enough: there is nothing to brute-force). Each token carries scopes,
an expiry date and can be revoked; the workflow records which token made each change (`via="api:token:<id>"`).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Scope(models.TextChoices):
    READ = "read", _("read: your organisations' unpublished entries")
    WRITE = "write", _("write: create, change, submit and withdraw entries, import files")
    REVIEW = "review", _("review: start reviews, publish, return and reject entries")


SCOPE_NAMES = {
    Scope.READ: pgettext_lazy("token scope", "read"),
    Scope.WRITE: pgettext_lazy("token scope", "write"),
    Scope.REVIEW: pgettext_lazy("token scope", "review"),
}


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. “national portal sync”.")
    )
    prefix = models.CharField(max_length=16, help_text="The first characters of the token, to recognise it.")
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"token:{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def scope_names(self) -> list[str]:
        """The scopes in the page's language (the API itself speaks the codes)."""
        return [str(SCOPE_NAMES.get(scope, scope)) for scope in self.scopes]

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def via(self) -> str:
        """What the workflow records as the channel of a change made with this token."""
        return f"api:token:{self.pk}"


class TokenWrite(models.Model):
    """One change made with a token. The workflow records the token (`via`) on the entry it creates and on each
    review event, but a new revision of a draft makes no event, and an import is recorded under its run; this
    log holds every write, so "which token changed this, and when" always has an answer."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="writes")
    action = models.CharField(max_length=20)  # create, update, submit, review:<action>, withdraw, import
    entry = models.ForeignKey("initiatives.Entry", null=True, on_delete=models.SET_NULL, related_name="+")
    revision = models.PositiveIntegerField(null=True, help_text="the entry's latest revision after the write")
    import_run = models.ForeignKey(
        "exchange.ImportRun", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.token}: {self.action}"
