"""The review workflow as stories: submit, review, publish, change, return, reject, withdraw."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from marsad.initiatives import workflow
from marsad.initiatives.models import Entry, ReviewEvent, Revision, State
from tests.cast import entry_data, make_entry

pytestmark = pytest.mark.django_db


def test_a_submitted_entry_is_published_by_its_countrys_focal_point(cast, django_capture_on_commit_callbacks):
    entry = make_entry(cast, "submitted")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.start_review(cast.focal_sa, entry)
        workflow.publish(cast.focal_sa, entry, "good")
    entry.refresh_from_db()
    assert entry.state == State.PUBLISHED and entry.is_public
    assert entry.published_revision == entry.latest_revision and entry.published_revision.live
    assert [e.to_state for e in entry.events.order_by("id")] == [
        "draft",
        "submitted",
        "in_review",
        "published",
    ]
    assert [m.to for m in mail.outbox] == [["contributor@example.org"]] * 2
    assert "منشور" in mail.outbox[-1].subject, "the contributor's preferred language (Arabic) is used"


def test_notifications_follow_each_contributors_language(cast, django_capture_on_commit_callbacks):
    cast.contributor.language = "en"
    cast.contributor.save(update_fields=["language"])
    entry = make_entry(cast, "submitted")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.start_review(cast.focal_sa, entry)
        workflow.publish(cast.focal_sa, entry, "good")
    assert "published" in mail.outbox[-1].subject


def test_a_focal_point_of_another_country_cannot_review(cast):
    entry = make_entry(cast, "submitted")
    with pytest.raises(PermissionDenied):
        workflow.publish(cast.focal_ae, entry)
    assert Entry.objects.get(pk=entry.pk).state == State.SUBMITTED


def test_nobody_but_a_moderator_reviews_their_own_revision(cast):
    entry = make_entry(cast, "submitted", countries=["SA", "AE"])
    cast.contributor_ae.focal_countries.create(country_id="SA")  # a focal point who is also the author
    entry.latest_revision.author = cast.contributor_ae
    entry.latest_revision.save()
    with pytest.raises(PermissionDenied):
        workflow.publish(cast.contributor_ae, entry)
    workflow.publish(cast.focal_sa, entry)


def test_a_published_entry_changes_through_a_reviewed_revision_while_staying_online(cast):
    entry = make_entry(cast, "published")
    first = entry.published_revision
    workflow.save_revision(cast.contributor, entry, entry_data(cast.org_sa, title_en="Renamed programme"))
    entry.refresh_from_db()
    assert entry.state == State.DRAFT and entry.is_public and entry.published_revision == first
    assert entry.has_pending_change
    workflow.submit(cast.contributor, entry)
    workflow.publish(cast.moderator, entry)
    entry.refresh_from_db()
    assert entry.published_revision.number == 2 and entry.published_revision.title_en == "Renamed programme"
    assert list(Revision.objects.filter(entry=entry, live=True)) == [entry.published_revision]


def test_returning_needs_a_comment_and_the_contributor_can_fix_and_resubmit(cast):
    entry = make_entry(cast, "submitted")
    with pytest.raises(workflow.WorkflowError):
        workflow.return_for_changes(cast.focal_sa, entry, "   ")
    workflow.return_for_changes(cast.focal_sa, entry, "Add the English summary source.")
    entry.refresh_from_db()
    assert entry.state == State.RETURNED
    workflow.save_revision(
        cast.contributor, entry, entry_data(cast.org_sa, source_url="https://example.org/src")
    )
    workflow.submit(cast.contributor, entry)
    assert Entry.objects.get(pk=entry.pk).state == State.SUBMITTED
    assert entry.events.filter(to_state=State.RETURNED, comment__startswith="Add the").exists()


def test_rejection_needs_a_reason_and_is_final_for_that_revision(cast):
    entry = make_entry(cast, "submitted")
    with pytest.raises(workflow.WorkflowError):
        workflow.reject(cast.moderator, entry, "")
    workflow.reject(cast.moderator, entry, "Not an emerging-technology initiative.")
    entry.refresh_from_db()
    with pytest.raises(workflow.WorkflowError):
        workflow.submit(cast.contributor, entry)
    assert not entry.is_public


def test_a_draft_cannot_be_published_without_being_submitted(cast):
    entry = make_entry(cast, "draft")
    with pytest.raises(workflow.WorkflowError):
        workflow.publish(cast.moderator, entry)


def test_withdrawal_keeps_the_entry_and_its_reason(cast):
    entry = make_entry(cast, "published")
    with pytest.raises(workflow.WorkflowError):
        workflow.withdraw(cast.contributor, entry, "")
    workflow.withdraw(cast.contributor, entry, "The programme ended in 2025.")
    entry.refresh_from_db()
    assert entry.state == State.WITHDRAWN and not entry.is_public
    assert entry.withdrawn_reason == "The programme ended in 2025."
    assert entry.revisions.count() == 1 and not entry.revisions.filter(live=True).exists()


def test_a_failure_inside_a_transition_leaves_nothing_half_written(cast):
    entry = make_entry(cast, "submitted")
    events_before = ReviewEvent.objects.count()

    def broken_index(sender, entry, **kwargs):
        raise RuntimeError("index unavailable")

    workflow.entry_visibility_changed.connect(broken_index)
    try:
        with pytest.raises(RuntimeError):
            workflow.publish(cast.moderator, entry)
    finally:
        workflow.entry_visibility_changed.disconnect(broken_index)
    entry.refresh_from_db()
    assert entry.state == State.SUBMITTED and entry.published_revision is None
    assert ReviewEvent.objects.count() == events_before
    assert not Revision.objects.filter(entry=entry, live=True).exists()
