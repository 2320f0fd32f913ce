"""Assessments are private: members answer and read, moderators read, everyone else finds nothing."""

import pytest

from marsad.accounts.models import Membership
from marsad.readiness.models import Assessment
from tests.readiness.conftest import answers, completed, step_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def done(cast) -> Assessment:
    return completed(cast, answers())


@pytest.fixture
def draft(cast) -> Assessment:
    assessment, _ = Assessment.start(cast.org_ae, cast.contributor_ae)
    return assessment


def test_visitors_are_sent_to_sign_in(client, done):
    for url in ("/en/readiness/", f"/en/readiness/{done.pk}/", f"/en/readiness/{done.pk}/report.pdf"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/")


def test_a_member_of_another_organisation_cannot_read_a_report(client, cast, done):
    client.force_login(cast.contributor_ae)
    for url in (f"/en/readiness/{done.pk}/", f"/en/readiness/{done.pk}/report.pdf"):
        response = client.get(url)
        assert response.status_code == 404
        assert "There is no such assessment, or it belongs to an organisation you are not part of." in (
            response.content.decode()
        )


def test_a_member_of_another_organisation_cannot_see_its_list_nor_start_one(client, cast, done):
    client.force_login(cast.contributor_ae)
    assert client.get(f"/en/readiness/organisations/{cast.org_sa.pk}/").status_code == 404
    assert client.post(f"/en/readiness/organisations/{cast.org_sa.pk}/start/").status_code == 404
    assert not Assessment.objects.filter(organisation=cast.org_sa, status="draft").exists()
    assert "Org SA" not in client.get("/en/readiness/").content.decode()


def test_a_member_of_another_organisation_cannot_write_into_a_draft(client, cast, draft):
    client.force_login(cast.contributor)
    response = client.post(f"/en/readiness/{draft.pk}/answer/", step_data(draft, "organisation", answers()))
    assert response.status_code == 404
    assert client.get(f"/en/readiness/{draft.pk}/answer/").status_code == 404
    draft.refresh_from_db()
    assert draft.answers == {}


def test_the_refusal_is_in_the_visitors_language(client, cast, done):
    client.force_login(cast.contributor_ae)
    response = client.get(f"/ar/readiness/{done.pk}/")
    assert response.status_code == 404
    assert "لا يوجد تقييم كهذا" in response.content.decode()


def test_a_pending_member_is_not_yet_a_member(client, cast, done):
    Membership.objects.filter(user=cast.colleague).update(status=Membership.Status.PENDING)
    client.force_login(cast.colleague)
    assert client.get(f"/en/readiness/{done.pk}/").status_code == 404


def test_a_colleague_reads_and_continues_the_organisations_assessments(client, cast, done):
    client.force_login(cast.colleague)
    assert client.get(f"/en/readiness/{done.pk}/").status_code == 200
    assert client.post(f"/en/readiness/organisations/{cast.org_sa.pk}/start/").status_code == 302


def test_a_moderator_reads_but_does_not_answer(client, cast, done, draft):
    client.force_login(cast.moderator)
    assert client.get(f"/en/readiness/{done.pk}/").status_code == 200
    assert client.get(f"/en/readiness/{done.pk}/report.pdf").status_code == 200
    assert client.get(f"/en/readiness/organisations/{cast.org_sa.pk}/").status_code == 200
    response = client.post(f"/en/readiness/{draft.pk}/answer/", step_data(draft, "organisation", answers()))
    assert response.status_code == 403
    assert "Only active members of the organisation may answer its assessments." in response.content.decode()
    assert client.post(f"/en/readiness/organisations/{cast.org_ae.pk}/start/").status_code == 403
    draft.refresh_from_db()
    assert draft.answers == {}
    listing = client.get("/en/readiness/").content.decode()
    assert "Org SA" in listing and "Org AE" in listing  # every organisation with assessments


def test_someone_without_an_organisation_is_told_how_to_start(client, cast):
    client.force_login(cast.outsider)
    page = client.get("/en/readiness/").content.decode()
    assert "Join or register an organisation to start one." in page


def test_an_assessment_that_does_not_exist(client, cast):
    client.force_login(cast.moderator)
    assert client.get("/en/readiness/999/").status_code == 404
    assert client.get("/en/readiness/organisations/999/").status_code == 404


def test_a_draft_has_no_report_nor_pdf_yet(client, cast, draft):
    client.force_login(cast.contributor_ae)
    assert client.get(f"/en/readiness/{draft.pk}/")["Location"] == f"/en/readiness/{draft.pk}/answer/"
    response = client.get(f"/en/readiness/{draft.pk}/report.pdf")
    assert response.status_code == 409 and "complete the assessment first" in response.content.decode()


def test_start_only_accepts_post(client, cast):
    client.force_login(cast.contributor)
    assert client.get(f"/en/readiness/organisations/{cast.org_sa.pk}/start/").status_code == 405
