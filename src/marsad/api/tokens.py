"""Issue, recognise and revoke API tokens; the secret itself is never stored."""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from marsad.accounts.models import User
from marsad.api.models import ApiToken, Scope, TokenWrite
from marsad.exchange.models import ImportRun
from marsad.initiatives.models import Entry

PREFIX = "msd_"
LIFETIMES_DAYS = (30, 90, 365)
# Writing `last_used_at` on every request would turn each read into a write; a minute's precision is enough.
LAST_USED_PRECISION = timedelta(minutes=1)


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def issue(user: User, name: str, scopes: list[str], days: int) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which the caller shows once and forgets."""
    unknown = set(scopes) - set(Scope.values)
    if unknown or not scopes:
        raise ValueError(f"unknown or no scopes: {sorted(unknown)}")
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[:12],
        digest=digest(raw),
        scopes=sorted(set(scopes)),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, raw


def authenticate(raw: str) -> ApiToken | None:
    """The active token with this secret, or None; marks it as used."""
    if not raw.startswith(PREFIX) or len(raw) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest(raw)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def revoke(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def record_write(
    token: ApiToken, action: str, entry: Entry | None = None, import_run: ImportRun | None = None
) -> TokenWrite:
    """Log a write made with the token, inside the write's transaction (see `TokenWrite`)."""
    revision = None
    if entry is not None:
        revision = Entry.objects.filter(pk=entry.pk).values_list("latest_revision__number", flat=True).first()
    return TokenWrite.objects.create(
        token=token, action=action, entry=entry, revision=revision, import_run=import_run
    )
