"""Registration with e-mail verification, organisations approved by moderators, members by managers."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from marsad.accounts.models import Membership, Organisation, User

pytestmark = pytest.mark.django_db

GOOD = {
    "email": "Amal@Example.org",
    "display_name": "أمل",
    "language": "ar",
    "password": "a long enough passphrase",
}


def test_register_verify_and_register_an_organisation(client, cast):
    response = client.post(reverse("accounts:register"), GOOD)
    assert response.status_code == 302
    user = User.objects.get(email="amal@example.org")
    assert not user.email_verified
    link = re.search(r"https?://\S+/verify/\S+/", mail.outbox[0].body).group(0)
    refused = client.post(reverse("accounts:create_organisation"), {"name_en": "Early org"})
    assert refused.status_code == 403
    client.get(link[link.index("/ar/") :])
    user.refresh_from_db()
    assert user.email_verified
    response = client.post(
        reverse("accounts:create_organisation"),
        {
            "name_ar": "جمعية المثال",
            "country": "TN",
            "kind": "civil-society",
            "website": "https://example.org",
        },
    )
    assert response.status_code == 302
    org = Organisation.objects.get(name_ar="جمعية المثال")
    assert org.status == Organisation.Status.PENDING
    assert not user.active_organisations().exists(), "a pending organisation cannot submit entries yet"
    client.force_login(cast.moderator)
    client.post(reverse("accounts:decide_organisation", args=[org.pk]), {"decision": "approve"})
    org.refresh_from_db()
    assert org.status == Organisation.Status.APPROVED
    assert list(user.active_organisations()) == [org]


def test_a_tampered_or_expired_link_does_not_verify(client):
    client.post(reverse("accounts:register"), GOOD)
    client.get(reverse("accounts:verify", args=["not-a-token"]))
    assert not User.objects.get(email="amal@example.org").email_verified


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("email", "not-an-email", "valid email"),
        ("email", "contributor@example.org", "already exists"),
        ("password", "12345", "too short"),
        ("display_name", "<b>x</b>", "HTML"),
        ("display_name", "x" * 1_000_000, "at most 120"),
        ("display_name", "\u202eevil", "direction"),
        ("language", "de", "valid choice"),
    ],
)
def test_registration_bad_input(client, cast, field, value, message):
    count = User.objects.count()
    response = client.post(reverse("accounts:register"), GOOD | {field: value})
    assert response.status_code == 200
    assert message.lower() in " ".join(response.context["form"].errors[field]).lower()
    assert User.objects.count() == count


def test_joining_needs_a_managers_or_moderators_approval(client, cast):
    manager = Membership.objects.get(user=cast.contributor)
    manager.is_manager = True
    manager.save()
    client.force_login(cast.outsider)
    client.post(reverse("accounts:join"), {"organisation": cast.org_sa.pk})
    request = Membership.objects.get(user=cast.outsider)
    assert request.status == Membership.Status.PENDING
    client.force_login(cast.contributor_ae)
    assert (
        client.post(reverse("accounts:decide_member", args=[request.pk]), {"decision": "approve"}).status_code
        == 403
    )
    client.force_login(cast.contributor)
    client.post(reverse("accounts:decide_member", args=[request.pk]), {"decision": "approve"})
    request.refresh_from_db()
    assert request.status == Membership.Status.ACTIVE


def test_only_moderators_approve_organisations(client, cast):
    org = Organisation.objects.create(
        name_en="Pending", country_id="SA", kind=cast.org_sa.kind, status=Organisation.Status.PENDING
    )
    client.force_login(cast.focal_sa)
    assert (
        client.post(
            reverse("accounts:decide_organisation", args=[org.pk]), {"decision": "approve"}
        ).status_code
        == 403
    )
    org.refresh_from_db()
    assert org.status == Organisation.Status.PENDING


def test_organisation_form_bad_input(client, cast):
    client.force_login(cast.outsider)
    response = client.post(
        reverse("accounts:create_organisation"), {"name_en": "", "country": "ZZ", "kind": "x"}
    )
    assert response.status_code == 400
    errors = response.context["org_form"].errors
    assert {"country", "kind"} <= set(errors) and "__all__" in errors
    assert not Organisation.objects.filter(created_by=cast.outsider).exists()
