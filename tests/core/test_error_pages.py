"""Error pages speak the visitor's language inside the site's frame; the 500 page needs no context at all."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.cast import make_user

pytestmark = pytest.mark.django_db


def test_an_unknown_entry_is_a_404_page_in_the_asked_language(client):
    response = client.get("/en/entries/no-such-entry/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and 'href="/en/entries/"' in body
    response = client.get("/ar/entries/no-such-entry/")
    assert response.status_code == 404 and 'dir="rtl"' in response.content.decode()


def test_a_forbidden_page_says_so(client):
    client.force_login(make_user("nobody@example.org"))
    response = client.get("/en/review/")
    assert response.status_code == 403
    body = response.content.decode()
    main = body.split("<main>")[1].split("</main>")[0]
    assert "Not allowed" in main and "Sign in" not in main, "a signed-in user is not asked to sign in"


def test_the_server_error_page_renders_without_a_request_context():
    response = server_error(RequestFactory().get("/"))
    body = response.content.decode()
    assert response.status_code == 500 and "Server error" in body and "حدث خطأ في الخادم" in body
