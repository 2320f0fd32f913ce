"""Published initiatives that can serve as examples for a readiness pillar.

A pillar is matched to the WSIS Action Lines whose scope is that pillar's work, among the repository's AI
initiatives (the technology "ai" and its sub-technologies), so that an organisation weak in, say, governance
sees AI initiatives filed under ethics and trust:

| pillar | WSIS Action Lines | why |
|---|---|---|
| strategy | C1 | national e-strategies and ICT-for-development leadership |
| policy_regulation | C6 | legal, regulatory and policy frameworks |
| data_infrastructure | C2, C3 | infrastructure; access to information (open data, archives) |
| talent_skills | C4 | capacity building: skills, training, education and research capacity |
| governance_ethics | C10, C5 | ethics of the information society; confidence, security and personal data |

Filters combine as on the public list (OR within a facet, AND across facets), so the "see all" link is that
list's URL and shows exactly the initiatives counted here. A pillar of a future questionnaire version that is
not in the table gets no examples rather than a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from marsad.initiatives.filters import EntryQuery
from marsad.initiatives.models import Revision
from marsad.vocab.models import Kind, Term

PILLAR_ACTION_LINES: dict[str, tuple[str, ...]] = {
    "strategy": ("C1",),
    "policy_regulation": ("C6",),
    "data_infrastructure": ("C2", "C3"),
    "talent_skills": ("C4",),
    "governance_ethics": ("C10", "C5"),
}
AI_TECHNOLOGY = "ai"


@dataclass(frozen=True)
class Examples:
    revisions: list[Revision]  # the live revisions shown, most recently published first
    total: int  # all matching published initiatives
    url: str  # the public list filtered the same way


def ai_technologies() -> list[str]:
    """The technology codes that count as AI: "ai" and its sub-technologies (machine learning, NLP, ...)."""
    codes = Term.objects.filter(kind=Kind.TECHNOLOGY, parent__code=AI_TECHNOLOGY).values_list(
        "code", flat=True
    )
    return [AI_TECHNOLOGY, *sorted(codes)]


def examples_for(pillar: str, limit: int = 3, technologies: list[str] | None = None) -> Examples | None:
    """Up to `limit` published AI initiatives for `pillar`, or None when the pillar has no mapping."""
    lines = PILLAR_ACTION_LINES.get(pillar)
    if lines is None:
        return None
    selected = {"action_line": list(lines), "technology": technologies or ai_technologies()}
    query = EntryQuery(selected, sort="recent")
    results = query.results()
    return Examples(
        list(results[:limit]), results.count(), f"{reverse('initiatives:list')}?{query.toggled()}"
    )
