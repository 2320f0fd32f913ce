"""The Marsad API, version 1: routers, errors, rate limits, the OpenAPI document and its documentation page."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase
from ninja.renderers import JSONRenderer

from marsad.api import account, problems, read, reference, write  # noqa: F401 (write adds to read's router)
from marsad.api.auth import rate_limit
from marsad.api.http import conversation, language
from marsad.insights.api import router as insights_router

DESCRIPTION = """
Read the regional repository of emerging-technology initiatives of the Arab region, and write into it.

* **Reading** needs no token: entries (every filter of the list page and the full-text query `q`, in Arabic
  or English), vocabularies, countries, statistics, similar entries. Answers carry an `ETag`: send it back in
  `If-None-Match` to get `304 Not Modified`.
* **Writing** needs a token (`Authorization: Bearer msd_…`), created on your account page with the scopes
  `read`, `write` and/or `review`. The same rules apply as on the web pages.
* **Errors** are RFC 9457 problem details (`application/problem+json`) in the language asked for (`lang=ar|en|fr`
  or `Accept-Language`), with `errors`: one item per field at fault.
* **Entries** travel in the record format of imports and exports; send `base_revision` with a change, or get
  `409 Conflict` when someone changed the entry since you read it.
* **Rate limits** apply per token and, without one, per address: `429` with `Retry-After`.

Every schema shows an example in Arabic and English (أمثلة بالعربية والإنجليزية).
"""


class MarsadDocs(DocsBase):
    """The guide and Swagger UI in a page of the site, served from Marsad's own static files."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        lang = language(request)
        with translation.override(lang):
            links = [
                (code, name, f"?lang={code}")
                for code, name in (("ar", "العربية"), ("en", "English"), ("fr", "Français"))
            ]
            context = {"openapi_url": self.get_openapi_url(api, kwargs), "language_links": links}
            return render(request, "api/docs.html", context)


class Utf8Renderer(JSONRenderer):
    """Arabic as itself, not as \\u escapes: half the bytes, and readable with curl."""

    json_dumps_params = {"ensure_ascii": False}


def _document_common_problems(path: str, operation: dict) -> None:
    """Answers any operation may give, whichever app wrote it: bad or unusable parameters, a bad token, an
    unknown thing named, too many requests; and for a body, one too large."""
    statuses = ["400", "401", "404", "422", "429"] + ["413"] * ("requestBody" in operation)
    problem = {"schema": {"$ref": "#/components/schemas/ProblemOut"}}
    # django-ninja keys responses by int: one kind of key, or JSON gets "400" twice.
    operation["responses"] = {str(status): answer for status, answer in operation["responses"].items()}
    for status in statuses:
        operation["responses"].setdefault(
            status, {"description": "problem details", "content": {problems.MEDIA_TYPE: problem}}
        )


class MarsadAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict | None = None):
        """django-ninja's document, with problem details under their own media type and one bearer scheme."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {})
        components["securitySchemes"] = {
            "token": {"type": "http", "scheme": "bearer", "description": "an API token, msd_…"}
        }
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                _document_common_problems(path, operation)
                security = operation.get("security") or []
                names = {name for item in security for name in item}
                if "OptionalTokenAuth" in names:
                    operation["security"] = [{"token": []}, {}]
                elif names:
                    operation["security"] = [{"token": []}]
                for status, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        answer["content"] = {problems.MEDIA_TYPE: content["application/json"]}
        return schema


api = MarsadAPI(
    title="Marsad API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs=MarsadDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[rate_limit],
    renderer=Utf8Renderer(),
)
problems.install(api)
api.add_decorator(conversation, mode="view")
api.add_router("", read.router)
api.add_router("", reference.router)
api.add_router("", account.router)
api.add_router("/index/", insights_router)  # the maturity index, served by the insights app
