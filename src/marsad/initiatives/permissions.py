"""Who may do what with an entry: the single copy of the rules, used by pages, API and import alike."""

from marsad.accounts.models import Membership, User
from marsad.initiatives.models import Entry, State

EDITABLE_STATES = {State.DRAFT, State.RETURNED}
REVIEWABLE_STATES = {State.SUBMITTED, State.IN_REVIEW}


def is_member(user: User, entry: Entry) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user,
        organisation_id=entry.organisation_id,
        status=Membership.Status.ACTIVE,
        organisation__status="approved",
    ).exists()


def reviews_country_of(user: User, entry: Entry) -> bool:
    """A focal point reviews an entry when one of the countries it covers is theirs."""
    if not user.is_authenticated or entry.latest_revision_id is None:
        return False
    return entry.latest_revision.countries.filter(focal_points__user=user).exists()


def is_reviewer_of(user: User, entry: Entry) -> bool:
    return user.is_authenticated and (user.is_moderator or reviews_country_of(user, entry))


def can_view(user: User, entry: Entry) -> bool:
    return entry.is_public or can_view_history(user, entry)


def can_view_history(user: User, entry: Entry) -> bool:
    return (
        is_member(user, entry) or is_reviewer_of(user, entry) or (user.is_authenticated and user.is_superuser)
    )


def can_edit(user: User, entry: Entry) -> bool:
    if not (is_member(user, entry) or (user.is_authenticated and user.is_moderator)):
        return False
    if entry.state in EDITABLE_STATES:
        return True
    # A published (or published-then-rejected) entry changes through a new revision; the public one stays online.
    return entry.published_revision_id is not None and entry.state in {State.PUBLISHED, State.REJECTED}


def can_submit(user: User, entry: Entry) -> bool:
    # Moderators may submit on an organisation's behalf, e.g. initiatives documented from public sources.
    return (
        is_member(user, entry) or (user.is_authenticated and user.is_moderator)
    ) and entry.state in EDITABLE_STATES


def can_review(user: User, entry: Entry) -> bool:
    if entry.state not in REVIEWABLE_STATES or not is_reviewer_of(user, entry):
        return False
    # Nobody reviews their own work; moderators may, as AICTO staff are the last resort.
    return user.is_moderator or entry.latest_revision.author_id != user.id


def can_withdraw(user: User, entry: Entry) -> bool:
    return entry.is_public and (is_member(user, entry) or (user.is_authenticated and user.is_moderator))
