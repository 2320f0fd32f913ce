"""Tokens and requests for the API tests."""

import json
from typing import Any

from django.test import Client

from marsad.accounts.models import User
from marsad.api import tokens

API = "/api/v1"


def token_for(user: User, scopes: tuple[str, ...] = ("read", "write", "review"), days: int = 30) -> str:
    return tokens.issue(user, "test", list(scopes), days)[1]


class Api:
    """A client speaking JSON to the API, with an optional token and language."""

    def __init__(self, client: Client, token: str = "", lang: str = "en") -> None:
        self.client, self.headers = client, {"Accept-Language": lang}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def get(self, path: str, **headers: str):
        return self.client.get(API + path, headers={**self.headers, **headers})

    def send(self, method: str, path: str, body: Any = None, raw: bytes | None = None):
        data = raw if raw is not None else json.dumps(body if body is not None else {})
        return getattr(self.client, method)(
            API + path, data=data, content_type="application/json", headers=self.headers
        )

    def post(self, path: str, body: Any = None, **kwargs):
        return self.send("post", path, body, **kwargs)

    def put(self, path: str, body: Any = None, **kwargs):
        return self.send("put", path, body, **kwargs)


def fields_of(response) -> dict[str, str]:
    return {item["field"]: item["detail"] for item in response.json().get("errors", [])}
