"""What the report page and its PDF show: the pillar profile, the weakest pillars, next steps, progress, examples.

Everything is computed from the stored answers with `marsad.rai` (scores, levels and next steps come from the
questionnaire file the answers were given to) and laid out by `marsad.charts`, whose charts keep their text in
HTML so that Arabic labels come out shaped and right to left in the browser and in WeasyPrint alike.

Progress compares pillars by their id with the organisation's previous completed assessment, which may have
answered an older questionnaire version: a pillar that version did not have shows no change.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from marsad import charts, rai
from marsad.accounts.models import Organisation
from marsad.readiness.examples import Examples, ai_technologies, examples_for
from marsad.readiness.models import Assessment

WEAKEST = 2


@dataclass
class PillarRow:
    id: str
    name: str
    score: float
    level: str
    level_description: str
    next_steps: list[str]
    previous: float | None = None
    examples: Examples | None = None

    @property
    def change(self) -> float | None:
        return None if self.previous is None else self.score - self.previous


@dataclass
class Report:
    assessment: Assessment
    score: float
    level: str
    level_description: str
    pillars: list[PillarRow]
    weakest: list[PillarRow]
    previous: Assessment | None
    previous_score: float | None
    chart: SafeString
    day: str
    previous_day: str
    levels: list[tuple[str, float]]  # every level's name and lowest score, for the method note
    disclaimer: str = ""

    @property
    def change(self) -> float | None:
        return None if self.previous_score is None else self.score - self.previous_score


def _lang() -> str:
    return (get_language() or "ar")[:2]


def day(assessment: Assessment, form: str = "DATE_FORMAT") -> str:
    """The completion (or start) date, as the page's language writes dates, in its digits.

    `form` is a Django date format; the progress chart uses "M Y", short enough for an axis label.
    """
    when = assessment.completed_at or assessment.created_at
    return charts.localise_digits(date_format(when, form), _lang())


def build(assessment: Assessment, *, rtl: bool, examples: bool = True) -> Report:
    """The report of a completed assessment in the current language (`rtl`: mirror the bars)."""
    lang = _lang()
    result: rai.ReadinessResult = assessment.result()
    previous = assessment.previous()
    before = {p.id: p.score for p in previous.result().pillars} if previous else {}
    rows = [
        PillarRow(
            p.id,
            p.name.get(lang),
            p.score,
            p.level.name.get(lang),
            p.level.description.get(lang),
            [r.get(lang) for r in p.recommendations],
            before.get(p.id),
        )
        for p in result.pillars
    ]
    by_id = {row.id: row for row in rows}
    weakest = [by_id[p.id] for p in result.weakest(WEAKEST)]
    if examples:
        technologies = ai_technologies()
        for row in weakest:
            row.examples = examples_for(row.id, technologies=technologies)
    previous_score = previous.result().score if previous else None
    bars = [charts.Bar(_("Overall"), result.score, reference=previous_score, highlight=True)]
    bars += [charts.Bar(row.name, row.score, reference=row.previous) for row in rows]
    legend = [("mc-ref", _("previous assessment, %(date)s") % {"date": day(previous)})] if previous else []
    chart = charts.bars(bars, language=lang, rtl=rtl, caption=_("Score per pillar (0–100)"), legend=legend)
    questionnaire = assessment.form
    return Report(
        assessment,
        result.score,
        result.level.name.get(lang),
        result.level.description.get(lang),
        rows,
        weakest,
        previous,
        previous_score,
        chart,
        day(assessment),
        day(previous) if previous else "",
        [(level.name.get(lang), float(level.start)) for level in questionnaire.rules.levels],
        questionnaire.disclaimer.get(lang) if questionnaire.disclaimer else "",
    )


@dataclass(frozen=True)
class Summary:
    """One completed assessment in the organisation's list."""

    assessment: Assessment
    day: str
    score: float
    level: str
    weakest: list[str]


def progress(organisation: Organisation) -> tuple[list[Summary], SafeString]:
    """The organisation's completed assessments, newest first, and a line chart of the overall score and each
    pillar over them, oldest to newest (empty with fewer than two assessments)."""
    lang = _lang()
    done = Assessment.objects.completed().filter(organisation=organisation).order_by("completed_at", "id")
    results = [(a, a.result()) for a in done]
    summaries = [
        Summary(a, day(a), r.score, r.level.name.get(lang), [p.name.get(lang) for p in r.weakest(WEAKEST)])
        for a, r in reversed(results)
    ]
    if len(results) < 2:
        return summaries, SafeString("")
    names: dict[str, str] = {}
    for _assessment, result in results:
        names |= {p.id: p.name.get(lang) for p in result.pillars}
    scores = [{p.id: p.score for p in result.pillars} for _assessment, result in results]
    series = [charts.Series(_("Overall"), [r.score for _a, r in results], highlight=True)]
    series += [charts.Series(name, [s.get(pillar) for s in scores]) for pillar, name in names.items()]
    chart = charts.line(
        series,
        [day(a, "M Y") for a, _r in results],
        language=lang,
        scale=(0, 100),
        caption=_("Scores over time"),
    )
    return summaries, chart
