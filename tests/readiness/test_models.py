"""The database keeps the rules of assessments even when code forgets them: one draft per organisation at a
time, and no completed assessment without its completion date."""

import pytest
from django.db import IntegrityError, transaction

from marsad.readiness.models import Assessment
from tests.readiness.conftest import answers

pytestmark = pytest.mark.django_db


def test_a_second_draft_of_the_same_organisation_is_refused_by_the_database(cast):
    Assessment.objects.create(organisation=cast.org_sa, version=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(organisation=cast.org_sa, version=1)
    Assessment.objects.create(organisation=cast.org_ae, version=1)  # another organisation may have its own
    Assessment.objects.create(
        organisation=cast.org_sa, version=1, status="completed", completed_at="2026-01-01T00:00Z"
    )


def test_start_returns_the_draft_another_member_created_meanwhile(cast):
    first, created = Assessment.start(cast.org_sa, cast.contributor)
    again, created_again = Assessment.start(cast.org_sa, cast.colleague)
    assert created and not created_again and again == first and again.started_by == cast.contributor


def test_a_completed_assessment_needs_its_completion_date(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(organisation=cast.org_sa, version=1, status="completed", answers=answers())


def test_previous_is_the_last_completed_assessment_before_this_one(cast):
    def done(day: str) -> Assessment:
        return Assessment.objects.create(
            organisation=cast.org_sa,
            version=1,
            status="completed",
            completed_at=f"2026-{day}T10:00Z",
            answers=answers(),
        )

    march, june, september = done("03-01"), done("06-01"), done("09-01")
    Assessment.objects.create(
        organisation=cast.org_ae, version=1, status="completed", completed_at="2026-08-01T10:00Z"
    )
    assert (march.previous(), june.previous(), september.previous()) == (None, march, june)
    assert Assessment.objects.create(organisation=cast.org_sa, version=1).previous() is None  # a draft


def test_visible_to(cast):
    mine = Assessment.objects.create(organisation=cast.org_sa, version=1)
    theirs = Assessment.objects.create(organisation=cast.org_ae, version=1)
    assert list(Assessment.objects.visible_to(cast.colleague)) == [mine]
    assert set(Assessment.objects.visible_to(cast.moderator)) == {mine, theirs}
    assert not Assessment.objects.visible_to(cast.outsider).exists()
    assert not Assessment.objects.visible_to(cast.focal_sa).exists()  # reviewing entries gives no access here
