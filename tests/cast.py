"""The usual cast of the tests, in two countries and two organisations, and entries in any workflow state.

- contributor / colleague: members of org_sa (Saudi Arabia); contributor_ae: member of org_ae (UAE)
- focal_sa / focal_ae: national focal points; moderator: AICTO staff; outsider: verified, no organisation
"""

from dataclasses import dataclass
from typing import Any

from marsad.accounts.models import FocalPoint, Membership, Organisation, User
from marsad.initiatives import workflow
from marsad.initiatives.models import Entry
from marsad.vocab.models import Country, Term

PASSWORD = "correct horse battery staple"


@dataclass
class Cast:
    contributor: User
    colleague: User
    contributor_ae: User
    focal_sa: User
    focal_ae: User
    moderator: User
    outsider: User
    org_sa: Organisation
    org_ae: Organisation


def make_user(email: str, **flags: Any) -> User:
    return User.objects.create_user(
        email=email, password=PASSWORD, email_verified=True, display_name=email, **flags
    )


def make_cast() -> Cast:
    org_sa, org_ae = make_org("Org SA", "SA"), make_org("Org AE", "AE")
    people = {
        name: make_user(f"{name}@example.org")
        for name in ("contributor", "colleague", "contributor_ae", "focal_sa", "focal_ae", "outsider")
    }
    people["moderator"] = make_user("moderator@example.org", is_moderator=True)
    for name, org in (("contributor", org_sa), ("colleague", org_sa), ("contributor_ae", org_ae)):
        Membership.objects.create(user=people[name], organisation=org, status=Membership.Status.ACTIVE)
    FocalPoint.objects.create(user=people["focal_sa"], country_id="SA")
    FocalPoint.objects.create(user=people["focal_ae"], country_id="AE")
    return Cast(org_sa=org_sa, org_ae=org_ae, **people)


def make_org(name: str, country: str) -> Organisation:
    return Organisation.objects.create(
        name_en=name,
        country=Country.objects.get(code=country),
        kind=Term.objects.get(kind="stakeholder_type", code="government"),
        status=Organisation.Status.APPROVED,
    )


def form_data(org: Organisation, **overrides: Any) -> dict[str, Any]:
    """A valid entry form submission, as a browser would POST it."""
    data = {
        "title_en": "National AI skills programme",
        "summary_en": "Trains civil servants in applied machine learning.",
        "title_ar": "البرنامج الوطني لمهارات الذكاء الاصطناعي",
        "summary_ar": "يدرّب موظفي الحكومة على تطبيقات تعلّم الآلة.",
        "description_en": "A **two-year** programme.",
        "action_lines": ["C4"],
        "technologies": ["ai", "ai-ml"],
        "sdgs": ["SDG4"],
        "beneficiaries": ["public-sector"],
        "stakeholder_type": "government",
        "scope": "national",
        "status": "ongoing",
        "countries": [org.country_id],
        "lead_organisation": org.pk,
        "start": "2023",
        "end": "2025-06",
        "source_url": "https://example.org/programme",
        "links_text": "https://example.org/report Annual report",
    }
    data.update(overrides)
    return data


def entry_data(org: Organisation, **overrides: Any) -> dict[str, Any]:
    """The same record as cleaned revision data, for calling the workflow directly."""
    from marsad.initiatives.forms import EntryForm

    form = EntryForm(form_data(org, **overrides))
    assert form.is_valid(), form.errors
    return form.revision_data()


def make_entry(cast: Cast, state: str = "draft", org: Organisation | None = None, **overrides: Any) -> Entry:
    """An entry of `org` (default org_sa) brought to `state` through the real workflow."""
    org = org or cast.org_sa
    author = cast.contributor if org == cast.org_sa else cast.contributor_ae
    entry = workflow.create_entry(author, org, entry_data(org, **overrides))
    steps = {
        "draft": [],
        "submitted": [workflow.submit],
        "in_review": [workflow.submit, workflow.start_review],
        "returned": [workflow.submit, lambda u, e: workflow.return_for_changes(u, e, "fix it")],
        "rejected": [workflow.submit, lambda u, e: workflow.reject(u, e, "out of scope")],
        "published": [workflow.submit, workflow.publish],
        "withdrawn": [workflow.submit, workflow.publish, lambda u, e: workflow.withdraw(u, e, "ended")],
    }[state]
    for step in steps:
        actor = author if step is workflow.submit else cast.moderator
        entry = step(actor, entry)
    entry.refresh_from_db()
    return entry
