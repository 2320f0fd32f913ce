"""API tokens: created on the account page, shown once, stored hashed, scoped, expiring, revocable."""

import hashlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from marsad.api.models import ApiToken
from tests.api.helpers import Api, token_for

pytestmark = pytest.mark.django_db


def test_a_token_is_shown_once_and_stored_only_as_a_digest(cast, client):
    client.force_login(cast.contributor)
    url = reverse("exchange:api_tokens:list")
    created = client.post(url, {"name": "portal sync", "scopes": ["read", "write"], "days": "90"})
    assert created.status_code == 302 and created["Location"] == url, "post/redirect/get"
    response = client.get(url)
    secret = response.context["secret"]
    assert secret.startswith("msd_") and len(secret) > 40 and response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get()
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest() and secret not in str(token.__dict__)
    assert token.scopes == ["read", "write"] and token.expires_at > timezone.now() + timedelta(days=89)
    assert secret not in client.get(url).content.decode()
    assert Api(client, secret).get("/me").json()["token"]["scopes"] == ["read", "write"]
    assert ApiToken.objects.get().last_used_at is not None


def test_reloading_after_creating_shows_the_list_without_a_second_token(cast, client):
    client.force_login(cast.contributor)
    url = reverse("exchange:api_tokens:list")
    client.post(url, {"name": "portal sync", "scopes": ["read"], "days": "30"}, follow=True)
    reloaded = client.get(url)
    assert reloaded.context["secret"] is None and "Cache-Control" not in reloaded
    assert ApiToken.objects.count() == 1


def test_scopes_are_listed_in_the_page_language(cast, client):
    token_for(cast.contributor, scopes=["read", "write"])
    client.force_login(cast.contributor)
    page = client.get("/ar/account/api-tokens/").content.decode()
    assert "<td>قراءة، كتابة</td>" in page
    page = client.get("/fr/account/api-tokens/").content.decode()
    assert "<td>lecture, écriture</td>" in page


def test_only_reviewers_are_offered_the_review_scope(cast, client):
    client.force_login(cast.contributor)
    response = client.post(
        reverse("exchange:api_tokens:list"), {"name": "x", "scopes": ["review"], "days": "30"}
    )
    assert "scopes" in response.context["form"].errors and not ApiToken.objects.exists()


def test_revoked_and_expired_tokens_are_refused(cast, client):
    secret = token_for(cast.contributor)
    token = ApiToken.objects.get()
    client.force_login(cast.contributor)
    client.post(reverse("exchange:api_tokens:revoke", args=[token.pk]))
    assert Api(client, secret).get("/me").status_code == 401
    expired = token_for(cast.contributor)
    ApiToken.objects.filter(revoked_at__isnull=True).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = Api(client, expired).get("/entries")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


def test_nobody_revokes_someone_elses_token(cast, client):
    token_for(cast.contributor)
    client.force_login(cast.colleague)
    assert (
        client.post(reverse("exchange:api_tokens:revoke", args=[ApiToken.objects.get().pk])).status_code
        == 404
    )
    assert ApiToken.objects.get().revoked_at is None


def test_a_token_of_a_deactivated_user_stops_working(cast, client):
    secret = token_for(cast.contributor)
    cast.contributor.is_active = False
    cast.contributor.save()
    assert Api(client, secret).get("/me").status_code == 401
