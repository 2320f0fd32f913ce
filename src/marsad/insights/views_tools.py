"""A country's tools: the what-if simulator with gap analysis, the priorities page and the profile PDF."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language_bidi

from marsad import charts
from marsad.insights import places, priorities, profiles, simulate
from marsad.insights.selection import Selection, select
from marsad.insights.views import unit_in_edition
from marsad.maturity import MaturityError
from marsad.reports.pdf import render_pdf


def scored_unit(sel: Selection, code: str) -> str:
    unit = unit_in_edition(sel, code)
    if unit not in sel.result.unit_position:
        raise Http404("this country has no score in the selected year")
    return unit


def whatif_page(request: HttpRequest, unit: str) -> HttpResponse:
    sel = select(request)
    unit = scored_unit(sel, unit)
    asked, errors = simulate.parse_changes(sel, request.GET)
    moves = simulate.sliders(sel, unit, asked)
    changes = {s.code: s.value for s in moves if s.changed}  # only movable indicators, only real moves
    simulation = simulate.simulate(sel, unit, changes)
    context = {
        "sel": sel,
        "unit": unit,
        "name": places.name_of(unit, places.countries()),
        "sliders": moves,
        "sim": simulation,
        "errors": errors,
        "chart": _whatif_chart(sel, simulation),
    }
    if request.headers.get("HX-Request"):
        return render(request, "insights/_whatif_result.html", context)
    profile = profiles.build_profile(sel, unit)
    context |= {
        "targets": _gap_targets(sel, unit, profile),
        "next_stage": profile.next_stage,
    }
    return render(request, "insights/whatif.html", context)


def _whatif_chart(sel: Selection, simulation: simulate.Simulation) -> str:
    rows = [
        charts.Bar(o.name, o.after, reference=o.before, highlight=o.level >= 3, note="")
        for o in simulation.outcomes
        if o.level >= 2
    ]
    return charts.bars(rows, language=sel.language, rtl=get_language_bidi())


def _gap_targets(sel: Selection, unit: str, profile: profiles.Profile) -> dict:
    """Stages above the country's, and the countries that score higher (the reachable targets)."""
    fw, result = sel.framework, sel.result
    own = result.score(unit)
    stages = [(s.code, sel.stage_name(s.code), s.min) for s in fw.stages if s.min > own]
    known = places.countries()
    above = sorted(
        (u for u in result.units if result.score(u) > own),
        key=lambda u: result.score(u),
    )
    return {
        "stages": stages,
        "countries": [(u, places.name_of(u, known), result.score(u)) for u in above],
    }


def gap_page(request: HttpRequest, unit: str) -> HttpResponse:
    sel = select(request)
    unit = scored_unit(sel, unit)
    target = request.GET.get("target", "")
    strategy = request.GET.get("strategy", "greedy")
    if strategy not in ("greedy", "balanced"):
        strategy = "greedy"
    known = places.countries()
    context = {"sel": sel, "unit": unit, "name": places.name_of(unit, known), "strategy": strategy}
    if not target:
        target = profiles.build_profile(sel, unit).next_stage or ""
    try:
        plan = simulate.gap(sel, unit, target.upper() if target.upper() in known else target, strategy)
    except MaturityError as exc:
        context["error"] = exc.message
    else:
        context |= {"plan": plan, "plan_query": sel.query(**plan.query)}
    template = "insights/_gap.html" if request.headers.get("HX-Request") else "insights/gap.html"
    return render(request, template, context)


def priorities_page(request: HttpRequest, unit: str) -> HttpResponse:
    sel = select(request)
    unit = scored_unit(sel, unit)
    profile = profiles.build_profile(sel, unit, request.GET.get("peers", ""))
    return render(
        request,
        "insights/priorities.html",
        {
            "sel": sel,
            "p": profile,
            "groups": places.groups(),
            "priorities": priorities.priorities(sel, unit, profile.peer_units),
        },
    )


def profile_pdf(request: HttpRequest, unit: str) -> HttpResponse:
    """The country profile as a PDF in the page's language (WeasyPrint; charts keep their text in HTML)."""
    sel = select(request)
    unit = unit_in_edition(sel, unit)
    profile = profiles.build_profile(sel, unit, request.GET.get("peers", ""))
    html = render_to_string(
        "insights/profile_pdf.html",
        {"sel": sel, "p": profile, **profiles.charts_for(sel, profile, rtl=get_language_bidi())},
        request=request,
    )
    pdf = render_pdf(
        html,
        language=sel.language,
        base_url=request.build_absolute_uri("/"),
        stylesheets=[charts.stylesheet()],
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"marsad-{sel.framework.id}-{unit}-{sel.year}-{sel.language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
