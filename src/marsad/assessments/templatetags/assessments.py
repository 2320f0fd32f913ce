"""Template tags that show a revision's responsible-AI results on the entry, manage and queue pages."""

from typing import Any

from django import template
from django.utils.translation import get_language

from marsad.assessments import services
from marsad.assessments.models import Kind
from marsad.initiatives.models import Entry, Revision

register = template.Library()


def _lang() -> str:
    return (get_language() or "en").split("-")[0]


@register.inclusion_tag("assessments/_results.html")
def ai_assessments(
    entry: Entry, revision: Revision | None, public: bool = False, with_status: bool = False
) -> dict[str, Any]:
    """The tier badges with their explanation, the impact level with its obligations, the record; with
    `with_status`, whether each questionnaire is complete (for reviewers)."""
    if not services.is_ai(revision):
        return {"shown": False}
    lang = _lang()
    found = {o.kind: o for o in services.outcomes(revision)}
    if public and not any(o.complete for o in found.values()):
        return {"shown": False}  # a published entry never assessed (e.g. from before the questionnaires)
    eu, impact, record = (found[k] for k in services.KINDS)
    return {
        "shown": True,
        "public": public,
        "with_status": with_status,
        "entry": entry,
        "outcomes": list(found.values()),
        "classification": eu.result.as_dict(lang) if eu.complete else None,
        "impact": impact.result.as_dict(lang) if impact.complete else None,
        "record": _readable(record.result, lang) if record.complete else None,
        "eu_disclaimer": eu.questionnaire.disclaimer.get(lang) if eu.questionnaire.disclaimer else "",
        "lang": lang,
    }


@register.filter
def listing(items: Any) -> str:
    """Items joined with the comma of the page's language (the Arabic comma on Arabic pages)."""
    return ("، " if _lang() == "ar" else ", ").join(str(item) for item in items)


def _readable(record: Any, lang: str) -> list[dict[str, Any]]:
    """The record's sections in `lang`, a multiple choice written as one list of words."""
    sections = record.readable(lang)
    for section in sections:
        for row in section["fields"]:
            if isinstance(row["value"], list):
                row["value"] = listing(row["value"])
    return sections


@register.inclusion_tag("assessments/_badges.html")
def ai_badges(revision: Revision | None) -> dict[str, Any]:
    """The tiers and level of a revision in a line (the review queue), or whether assessments are missing."""
    if not services.is_ai(revision):
        return {"ai": False}
    tiers = [t.code for t in revision.risk_tiers.all()]
    level = getattr(revision, "impact_level", None)
    lang = _lang()
    complete = {a.kind for a in revision.ai_assessments.all() if a.complete}
    return {
        "ai": True,
        "tiers": services.facet_labels("risk_tier", tiers, lang).items(),
        "level": services.facet_labels("impact_level", [level.code], lang).get(level.code) if level else "",
        "level_code": level.code if level else "",
        "missing": [Kind(k).label for k in services.KINDS if k not in complete],
    }
