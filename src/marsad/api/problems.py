"""Errors as RFC 9457 problem details, in the language of the request, with a list of the fields at fault.

Every refusal of the API goes through `Problem`: the body says what went wrong (`title`, `detail`), where
(`instance`, and `errors`: one item per field with a JSON pointer into the request), and its `type` names an
anchor of the documentation page. Django and django-ninja exceptions are translated into problems here, so a
client never sees an HTML error page or a stack trace for bad input.
"""

import json
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from marsad.exchange.shape import type_message
from marsad.initiatives.workflow import WorkflowError

MEDIA_TYPE = "application/problem+json"
DOCS = "/api/v1/docs"


class Problem(Exception):
    def __init__(
        self,
        status: int,
        kind: str,
        title: str,
        detail: str = "",
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(title)
        self.status, self.kind, self.title, self.detail = status, kind, title, detail
        self.errors, self.headers, self.extra = errors or [], headers or {}, extra

    def response(self, request: HttpRequest) -> HttpResponse:
        body = {
            "type": request.build_absolute_uri(DOCS) + f"#problem-{self.kind}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail or self.title,
            "instance": request.get_full_path()[:500],
            **self.extra,
        }
        if self.errors:
            body["errors"] = self.errors
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False), status=self.status, content_type=MEDIA_TYPE
        )
        response["Content-Language"] = get_language() or "en"
        for name, value in self.headers.items():
            response[name] = value
        return response


def field_error(path: str, message: str, label: str = "") -> dict[str, str]:
    """One item of a problem's `errors`: the field as a dotted path and as a JSON pointer into the body."""
    pointer = "#/" + path.replace("[", ".").replace("]", "").replace(".", "/") if path else "#"
    item = {"field": path, "pointer": pointer, "detail": message}
    if label:
        item["label"] = label
    return item


def invalid(errors: list[dict[str, str]], detail: str = "") -> Problem:
    return Problem(
        422,
        "validation",
        _("Some fields are not valid."),
        detail or _("Correct the fields listed in “errors” and send the request again."),
        errors,
    )


def not_found() -> Problem:
    return Problem(
        404, "not-found", _("Not found."), _("There is nothing at this address, or it is not public.")
    )


def forbidden(detail: str = "") -> Problem:
    return Problem(403, "forbidden", _("Not allowed."), detail or _("You do not have the right to do this."))


def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Pydantic's findings, messages translated: 422 for a body that does not fit, 400 for bad parameters."""
    errors, in_body = [], False
    for item in exc.errors:
        location = [str(part) for part in item.get("loc", ())]
        # ninja names the parameter's source, then its name: ("body", "payload", "title", "en"), ("query", "limit")
        source = location[0] if location else ""
        path = location[2:] if source == "body" else location[1:]
        in_body = in_body or source == "body"
        errors.append(field_error(".".join(path) or source, type_message(item)))
    if in_body:
        return invalid(errors).response(request)
    return Problem(400, "bad-request", _("The request's parameters are not valid."), "", errors).response(
        request
    )


def install(api: NinjaAPI) -> None:
    """Route every error the API can raise to a problem response."""
    handlers = {
        Problem: lambda request, exc: exc.response(request),
        ValidationError: _validation,
        AuthenticationError: lambda request, exc: Problem(
            401,
            "unauthenticated",
            _("A valid API token is needed."),
            _("Send “Authorization: Bearer <token>” with an active token; create one on your account page."),
            headers={"WWW-Authenticate": 'Bearer realm="marsad"'},
        ).response(request),
        Throttled: lambda request, exc: Problem(
            429,
            "rate-limited",
            _("Too many requests."),
            _("Wait a little and try again; the Retry-After header says how many seconds."),
            headers={"Retry-After": str(exc.wait)} if exc.wait else None,
        ).response(request),
        HttpError: lambda request, exc: Problem(
            exc.status_code,
            "bad-request" if exc.status_code == 400 else "error",
            _("The request cannot be read.") if exc.status_code == 400 else str(exc.message),
            _("Send a JSON body (Content-Type: application/json) that follows the documented schema.")
            if exc.status_code == 400
            else "",
        ).response(request),
        Http404: lambda request, exc: not_found().response(request),
        RequestDataTooBig: lambda request, exc: Problem(
            413,
            "too-large",
            _("The request is too large."),
            _("Send a smaller body; import large files in parts."),
        ).response(request),
        PermissionDenied: lambda request, exc: forbidden(str(exc) if exc.args else "").response(request),
        WorkflowError: lambda request, exc: Problem(
            409, "state-conflict", _("Not possible in this state."), str(exc)
        ).response(request),
    }
    for exception, handler in handlers.items():
        api.add_exception_handler(exception, handler)
