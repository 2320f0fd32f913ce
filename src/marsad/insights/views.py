"""Public pages of the index: rankings, country profiles (and their comparison), methodology, editions.

Views only read the selection from the URL and call the service modules (`rankings`, `profiles`, `method`);
htmx requests get the partial that changed (`HX-Request`), everything works without JavaScript too.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language_bidi

from marsad import charts
from marsad.insights import method, places, profiles, rankings
from marsad.insights.editions import compare
from marsad.insights.models import Edition
from marsad.insights.selection import Selection, select

CHART_ROWS = 30


def _node(sel: Selection, code: str) -> str:
    fw = sel.framework
    return code if code in fw.aggregates else fw.root


def node_choices(sel: Selection) -> list[dict]:
    """The index, then each dimension followed by its pillars; pillars without data (and planned pillars, not in
    the framework yet) are listed but disabled."""
    fw, scored = sel.framework, set(sel.built.scored_aggregates(sel.year))
    out = [{"code": fw.root, "name": sel.name(fw.root), "depth": 0, "scored": True}]
    planned = sel.built.planned(sel.language)
    for dim in fw.children(fw.root):
        out.append({"code": dim, "name": sel.name(dim), "depth": 1, "scored": dim in scored})
        out.extend(
            {"code": p, "name": sel.name(p), "depth": 2, "scored": p in scored}
            for p in fw.children(dim)
            if p in fw.aggregates
        )
        out.extend(
            {"code": p["code"], "name": p["name"], "depth": 2, "scored": False}
            for p in planned
            if p["parent"] == dim
        )
    return out


def ranking_page(request: HttpRequest) -> HttpResponse:
    sel = select(request)
    code = _node(sel, request.GET.get("node", ""))
    group = request.GET.get("group", "")
    known_groups = places.groups()
    if group not in {g.code for g in known_groups}:
        group = ""
    sort = request.GET.get("sort", "rank")
    rows = rankings.ranking(sel, code, group, sort)
    rtl, lang = get_language_bidi(), sel.language
    shown = rows[:CHART_ROWS]
    node = code if code != sel.framework.root else None
    context = {
        "sel": sel,
        "code": code,
        "node_name": sel.name(code),
        "group": group,
        "group_label": next((g.label for g in known_groups if g.code == group), ""),
        "groups": known_groups,
        "sort": sort,
        "rows": rows,
        "nodes": node_choices(sel),
        "scored": code in sel.built.scored_aggregates(sel.year),
        "bars": charts.bars(
            [charts.Bar(r.name, r.score) for r in shown], language=lang, rtl=rtl, caption=sel.name(code)
        ),
        "intervals": charts.intervals(
            [charts.Interval(r.name, r.rank, r.rank_low, r.rank_high) for r in shown],
            language=lang,
            rtl=rtl,
            worst=max((r.rank_high or r.rank for r in rows), default=1),
        ),
        "chart_rows": len(shown),
        "query": sel.query(node=node, group=group or None),
        "sort_links": {
            key: sel.query(node=node, group=group or None, sort=(f"-{key}" if sort == key else key))
            for key in ("rank", "name")
        },
    }
    template = "insights/_ranking.html" if request.headers.get("HX-Request") else "insights/rankings.html"
    return render(request, template, context)


def unit_in_edition(sel: Selection, code: str) -> str:
    """The alpha-3 code of a country of the edition's data (any case in the URL), else 404."""
    unit = code.upper()
    if unit not in sel.built.dataset.units:
        raise Http404("this country is not in the edition")
    return unit


def profile_page(request: HttpRequest, unit: str) -> HttpResponse:
    sel = select(request)
    unit = unit_in_edition(sel, unit)
    profile = profiles.build_profile(sel, unit, request.GET.get("peers", ""))
    compared = [u.upper() for u in request.GET.getlist("compare") if u.upper() != unit][
        : profiles.MAX_COMPARE
    ]
    compared = [u for u in compared if u in sel.result.unit_position]
    context = {
        "sel": sel,
        "p": profile,
        "groups": places.groups(),
        "units": _unit_choices(sel),
        "compared": compared,
        "comparison": profiles.comparison(sel, unit, compared) if compared else None,
        **profiles.charts_for(sel, profile, rtl=get_language_bidi()),
    }
    return render(request, "insights/profile.html", context)


def _unit_choices(sel: Selection) -> list[tuple[str, str]]:
    known = places.countries()
    return sorted(((u, places.name_of(u, known)) for u in sel.result.units), key=lambda pair: pair[1])


def methodology_page(request: HttpRequest) -> HttpResponse:
    sel = select(request)
    return render(request, "insights/methodology.html", {"sel": sel, **method.describe(sel)})


def editions_page(request: HttpRequest) -> HttpResponse:
    editions = list(Edition.objects.published().order_by("-number"))
    if not editions:
        raise Http404("no edition of the index is published yet")
    by_number = {str(e.number): e for e in editions}
    after = by_number.get(request.GET.get("a", ""), editions[0])
    before = by_number.get(request.GET.get("b", ""), editions[1] if len(editions) > 1 else None)
    change = compare(after, before) if before and before.pk != after.pk else None
    known = places.countries()
    return render(
        request,
        "insights/editions.html",
        {"editions": editions, "after": after, "before": before, "change": change, "names": known},
    )
