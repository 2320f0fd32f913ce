"""Opaque cursors for paging through entries.

Newest-first pages (the default order) use a keyset cursor — the publication time and id of the last entry
seen — so entries published while a client pages through never shift or repeat what it reads. Orders of the
search engine (relevance, title, start date) page by position. Either way the cursor records a fingerprint of
the query it belongs to; using it with other filters is a 400, not a silently wrong page.
"""

import base64
import hashlib
import json
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from marsad.api.problems import Problem

PAGING_PARAMS = ("cursor", "limit", "fields", "lang")


def fingerprint(params: QueryDict) -> str:
    kept = sorted(
        (key, value) for key, values in params.lists() if key not in PAGING_PARAMS for value in values
    )
    return hashlib.sha256(json.dumps(kept).encode()).hexdigest()[:12]


def encode(params: QueryDict, **position: Any) -> str:
    data = {"f": fingerprint(params), **position}
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")


def decode(raw: str, params: QueryDict) -> dict[str, Any]:
    """The position a cursor names; a 400 for a cursor that is damaged or belongs to another query."""
    try:
        data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        valid = isinstance(data, dict) and isinstance(data.get("f"), str)
    except (ValueError, UnicodeDecodeError):
        valid = False
    if not valid:
        raise Problem(
            400,
            "cursor",
            _("This cursor is not valid."),
            _("Use the `next` address of a previous page as it is."),
        )
    if data["f"] != fingerprint(params):
        raise Problem(
            400,
            "cursor",
            _("This cursor belongs to another query."),
            _("Keep the filters and the order of the first page when following `next`."),
        )
    return data
