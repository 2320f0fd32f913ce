"""What the pages, the index and the signals do with assessments: read them, save a step, derive the facets.

Every write goes through `save_answers`, which checks `marsad.initiatives.permissions.can_edit` and starts a new
revision through `marsad.initiatives.workflow.save_revision` when the entry's latest revision is published or
rejected — the same rule as an edit of the entry's text, so there is one copy of the rules.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from marsad import rai
from marsad.accounts.models import User
from marsad.assessments.models import Assessment, ImpactLevel, Kind, RiskTier
from marsad.initiatives import permissions, workflow
from marsad.initiatives.models import Entry, Revision

AI_TECHNOLOGY = "ai"
KINDS = tuple(Kind.values)  # the order of the submission steps


@cache
def _registry_at(directory: str) -> rai.Registry:
    return rai.Registry(directory)


def registry() -> rai.Registry:
    """The questionnaire files in use: the bundled ones, or `MARSAD_RAI_QUESTIONNAIRES` (a folder) if set."""
    directory = getattr(settings, "MARSAD_RAI_QUESTIONNAIRES", None)
    return _registry_at(str(Path(directory))) if directory else rai.registry.default_registry


def is_ai(revision: Revision | None) -> bool:
    """A revision tagged with artificial intelligence or one of its sub-fields (technology 'ai' and children)."""
    if revision is None:
        return False
    return revision.technologies.filter(Q(code=AI_TECHNOLOGY) | Q(parent__code=AI_TECHNOLOGY)).exists()


def questionnaire_for(assessment: Assessment | None, kind: str) -> rai.Questionnaire:
    """The version a stored assessment answered, or the latest version for a new one."""
    if assessment is None:
        return registry().load(kind)
    return registry().load_for(assessment.answer_set)


@dataclass
class Outcome:
    """One kind's assessment of a revision as a page shows it: answers, questionnaire, result when complete."""

    kind: str
    assessment: Assessment | None
    questionnaire: rai.Questionnaire
    result: Any = None  # Classification | ImpactResult | Record when complete

    @property
    def started(self) -> bool:
        return self.assessment is not None

    @property
    def complete(self) -> bool:
        return self.result is not None

    @property
    def title(self) -> str:
        return Kind(self.kind).label


def outcomes(revision: Revision) -> list[Outcome]:
    """The three assessments of a revision in step order (not started ones included)."""
    stored = {a.kind: a for a in revision.ai_assessments.all()}
    found = []
    for kind in KINDS:
        assessment = stored.get(kind)
        questionnaire = questionnaire_for(assessment, kind)
        result = None
        if assessment is not None and assessment.complete:
            result = rai.evaluate(questionnaire, assessment.answer_set)
        found.append(Outcome(kind, assessment, questionnaire, result))
    return found


def _content_of(revision: Revision) -> dict[str, Any]:
    """A revision's content as `workflow.save_revision` takes it, to start a revision with the same content."""
    skip = {"id", "entry", "number", "author", "created_at", "live"}
    data = {f.name: getattr(revision, f.name) for f in Revision._meta.concrete_fields if f.name not in skip}
    data |= {name: list(getattr(revision, name).all()) for name in workflow.M2M_FIELDS}
    data["change_note"] = _("Responsible-AI assessment changed")
    return data


@transaction.atomic
def save_answers(actor: User, entry: Entry, kind: str, version: int, answers: dict[str, Any]) -> Assessment:
    """Store checked answers (a draft or complete) on the entry's working revision, in one transaction.

    The caller has validated `answers` against the questionnaire `kind` at `version`. A published or rejected
    entry gets a new revision first (back to draft, to be reviewed again); the published one stays online.
    """
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if not permissions.can_edit(actor, entry):
        raise PermissionDenied(_("You cannot edit this entry in its current state."))
    if (
        entry.state not in permissions.EDITABLE_STATES
        or entry.latest_revision_id == entry.published_revision_id
    ):
        workflow.save_revision(actor, entry, _content_of(entry.latest_revision))
        entry.refresh_from_db()
    questionnaire = registry().load(kind, version)
    answer_set = rai.AnswerSet(kind, version, rai.prune(questionnaire, answers))
    values = {
        "version": version,
        "answers": answer_set.to_dict(),
        "complete": not rai.validate(questionnaire, answer_set),
        "updated_by": actor,
    }
    assessment, _created = Assessment.objects.update_or_create(
        revision=entry.latest_revision,
        kind=kind,
        defaults=values,
        create_defaults={**values, "created_by": actor},
    )
    refresh_ratings(entry.latest_revision)
    return assessment


def refresh_ratings(revision: Revision) -> None:
    """Recompute the revision's facet rows from its complete assessments (none unless it is an AI entry)."""
    RiskTier.objects.filter(revision=revision).delete()
    ImpactLevel.objects.filter(revision=revision).delete()
    if not is_ai(revision):
        return
    for outcome in outcomes(revision):
        if outcome.kind == Kind.EU_AI_ACT and outcome.complete:
            RiskTier.objects.bulk_create(RiskTier(revision=revision, code=t) for t in outcome.result.tier_ids)
        elif outcome.kind == Kind.IMPACT_ASSESSMENT and outcome.complete:
            ImpactLevel.objects.create(revision=revision, code=outcome.result.level.id)


def carry_over(revision: Revision) -> None:
    """Give a new revision a copy of the assessments of the entry's previous revision."""
    previous = (
        Revision.objects.filter(entry_id=revision.entry_id, number__lt=revision.number)
        .order_by("-number")
        .first()
    )
    if previous is None:
        return
    Assessment.objects.bulk_create(
        Assessment(
            revision=revision,
            kind=a.kind,
            version=a.version,
            answers=a.answers,
            complete=a.complete,
            created_by=a.created_by,
            updated_by=a.updated_by,
        )
        for a in previous.ai_assessments.all()
    )
    refresh_ratings(revision)


def public_revision(entry: Entry) -> Revision | None:
    """The revision whose assessments the public may see: the published one of a public entry."""
    return entry.published_revision if entry.is_public else None


def facet_labels(param: str, codes: Any, lang: str) -> dict[str, str]:
    """Labels of risk-tier or impact-level codes in `lang`, from the latest questionnaire (the files are
    trilingual); unknown codes get none, so a code typed into a URL is not offered as a facet value."""
    if param == "risk_tier":
        names = {t.id: t.name for t in registry().load(Kind.EU_AI_ACT).rules.tiers}
    else:
        names = {lv.id: lv.name for lv in registry().load(Kind.IMPACT_ASSESSMENT).rules.levels}
    return {code: names[code].get(lang) for code in codes if code in names}
