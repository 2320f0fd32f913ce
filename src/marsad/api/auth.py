"""Who is calling: an API token (`Authorization: Bearer msd_…`) or nobody; scopes; rate limits.

Reading public data needs no token. A token acts as its user, within its scopes; what the user may do with a
given entry is decided by `marsad.initiatives.permissions`, as on the web pages. Rate limits count requests per
token, or per client address without one, in Django's cache (Redis when `REDIS_URL` is set, so every app
server behind a load balancer counts together).
"""

import math
import threading
import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.conf import settings as ninja_settings
from ninja.errors import AuthenticationError, Throttled
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from marsad.api import tokens
from marsad.api.models import ApiToken
from marsad.api.problems import Problem


class Anonymous:
    """The caller without a token: may read what is public."""

    scopes: tuple[str, ...] = ()
    user = AnonymousUser()
    pk = None

    def has_scope(self, scope: str) -> bool:
        return False

    def __bool__(self) -> bool:  # ninja takes a falsy result as "not authenticated"
        return True


ANONYMOUS = Anonymous()


def _bearer(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _sep, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise AuthenticationError()
    return value.strip()


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; a wrong, expired or revoked token is refused (401), never ignored."""

    optional = False

    def __call__(self, request: HttpRequest) -> ApiToken | Anonymous | None:
        raw = _bearer(request)
        if raw is None:
            return ANONYMOUS if self.optional else None
        return self.authenticate(request, raw)

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = tokens.authenticate(token)
        if found is None:
            # django-ninja throttles after authenticating: a refused token counts against its address here,
            # or guessing tokens would be the one unlimited thing to do.
            if not rate_limit.allow_request(request):
                raise Throttled(rate_limit.wait())
            raise AuthenticationError()
        request.user = found.user
        return found


class OptionalTokenAuth(TokenAuth):
    """Anonymous without an Authorization header: public data need no token."""

    optional = True


required_token = TokenAuth()
optional_token = OptionalTokenAuth()


def require(request: HttpRequest, scope: str) -> ApiToken:
    """The request's token, if it carries `scope`; else a 403 that names the scope."""
    token = request.auth
    if not token.has_scope(scope):
        raise Problem(
            403,
            "scope",
            _("This token lacks the “%(scope)s” scope.") % {"scope": scope},
            _("Create a token with the “%(scope)s” scope on your account page.") % {"scope": scope},
        )
    return token


class RateLimit(BaseThrottle):
    """A fixed window per token (or per client address): `MARSAD_API_RATE_TOKEN`, `MARSAD_API_RATE_ANON`."""

    def __init__(self) -> None:
        self.last = threading.local()

    def limits(self, request: HttpRequest) -> tuple[str, int, int]:
        auth = getattr(request, "auth", None)
        if isinstance(auth, ApiToken):
            ident, rate = f"token:{auth.pk}", getattr(settings, "MARSAD_API_RATE_TOKEN", "1200/60")
        else:
            ident, rate = f"ip:{self.get_ident(request)}", getattr(settings, "MARSAD_API_RATE_ANON", "120/60")
        count, seconds = (int(part) for part in rate.split("/"))
        return ident, count, seconds

    @staticmethod
    def key(ident: str, window: int) -> str:
        """The cache key counting one window's requests of a token (`token:<id>`) or address (`ip:<addr>`)."""
        return f"marsad:api-rate:{ident}:{window}"

    def get_ident(self, request: HttpRequest) -> str | None:
        # X-Forwarded-For is whatever the client wrote unless a proxy in front sets it: trust it only when
        # NINJA_NUM_PROXIES says how many proxies there are.
        if ninja_settings.NUM_PROXIES is None:
            return request.META.get("REMOTE_ADDR")
        return super().get_ident(request)

    def allow_request(self, request: HttpRequest) -> bool:
        ident, limit, seconds = self.limits(request)
        now = time.time()
        window = int(now // seconds)
        key = self.key(ident, window)
        cache.add(key, 0, timeout=seconds + 1)
        try:
            used = cache.incr(key)
        except ValueError:  # the key expired between add and incr
            cache.set(key, 1, timeout=seconds + 1)
            used = 1
        self.last.wait = (window + 1) * seconds - now
        return used <= limit

    def wait(self) -> float | None:
        return math.ceil(getattr(self.last, "wait", 1))


rate_limit = RateLimit()
