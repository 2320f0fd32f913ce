"""HTTP conversation around every operation: the language, conditional requests and cache headers.

The language is `lang=` when given, else the request's Accept-Language (ar, en or fr); messages, labels and
problem details follow it. Each successful read carries a strong ETag of its body: a client sending it back in
If-None-Match gets 304 Not Modified without the body. Public reads may be cached briefly by anyone; reads made
with a token only by the client, after revalidation.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_vary_headers

from marsad.api.models import ApiToken

LANGUAGES = tuple(settings.CONTENT_LANGUAGES)
PUBLIC_MAX_AGE = 60


def language(request: HttpRequest) -> str:
    asked = request.GET.get("lang", "")
    if asked in LANGUAGES:
        return asked
    found = translation.get_language_from_request(request)[:2]
    return found if found in LANGUAGES else settings.LANGUAGE_CODE


def _matches(header: str, etag: str) -> bool:
    candidates = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in candidates or etag in candidates


def conversation(run: Callable) -> Callable:
    """A django-ninja "view" decorator: wraps the whole operation, authentication and errors included."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        lang = language(request)
        with translation.override(lang):
            response = run(request, *args, **kwargs)
        if not response.has_header("Content-Language"):
            response["Content-Language"] = lang
        patch_vary_headers(response, ["Accept-Language", "Authorization"])
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.streaming:
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            private = isinstance(getattr(request, "auth", None), ApiToken)
            cache_control = "private, no-cache" if private else f"public, max-age={PUBLIC_MAX_AGE}"
            if _matches(request.headers.get("If-None-Match", ""), etag):
                response = HttpResponseNotModified()
                patch_vary_headers(response, ["Accept-Language", "Authorization"])
            response["ETag"] = etag
            response["Cache-Control"] = cache_control
        return response

    return wrapper
