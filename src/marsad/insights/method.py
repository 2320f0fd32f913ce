"""The methodology page, generated from the edition itself: tree and weights, choices, checks, audit, robustness.

Nothing here is written by hand about the numbers: weights are the result's effective weights, the choices are
the framework's `method`, the audit is `marsad.maturity.audit` on the headline result, the sensitivity indices
were computed when the edition was published. Pillars without data say so, with the reason from the pillar
links (`links.yaml`), instead of being filled.
"""

from __future__ import annotations

import math
import statistics

import numpy as np
from django.utils.translation import gettext as _

from marsad import charts
from marsad import maturity as mi
from marsad.insights import places
from marsad.insights.models import Score
from marsad.insights.robustness import ASSUMPTIONS_TEXT
from marsad.insights.selection import Selection


def _choices() -> dict[tuple[str, str], str]:
    return {
        ("impute", "latest"): _("each country's latest earlier value, at most %(max_age)s years old"),
        ("impute", "none"): _("none: a missing value leaves its pillar averaged over the values present"),
        ("impute", "mean"): _("the indicator's mean over countries"),
        ("impute", "em"): _("expectation-maximisation (regression on the country's other indicators)"),
        ("treat", "skew_kurtosis"): _(
            "indicators with |skewness| ≥ %(skew)s and kurtosis ≥ %(kurtosis)s are winsorised (up to "
            "%(winmax)s points), else log-transformed"
        ),
        ("treat", "none"): _("none"),
        ("normalise", "minmax"): _(
            "min-max to %(low)s-%(high)s within each year: 0 the lowest, 100 the highest"
        ),
        ("normalise", "zscore"): _("z-scores with mean %(mean)s and standard deviation %(sd)s"),
        ("normalise", "goalposts"): _("goalposts fixed in the framework, scaled to %(scale)s"),
        ("weights", "framework"): _("the framework's weights (equal within each group unless stated)"),
        ("weights", "equal"): _("equal weights within each group"),
        ("weights", "pca"): _("from the first principal component of each group"),
        ("aggregate", "arithmetic"): _(
            "arithmetic mean of the available children; no score below %(min_share)s of them present"
        ),
        ("aggregate", "geometric"): _(
            "geometric mean of the available children; no score below %(min_share)s of them present"
        ),
    }


def describe(sel: Selection) -> dict:
    result = sel.result
    return {
        "tree": tree(sel),
        "choices": choices(result),
        "checks": checks(sel),
        "audit": audit(sel),
        "robustness": robustness(sel),
    }


def tree(sel: Selection) -> list[dict]:
    """Dimensions → pillars → indicators with relative and effective weights and what is not measured."""
    result, fw = sel.result, sel.framework
    weights, effective = result.weights, result.effective_weights
    planned = sel.built.planned(sel.language)

    def node(code: str) -> dict:
        k = fw.position[code]
        n = fw.by_code[code]
        measured = bool(np.any(~np.isnan(result.column(code))))
        entry = {
            "code": code,
            "name": sel.name(code),
            "weight": float(weights[k]) * 100 if measured else None,
            "effective": float(effective[k]) * 100 if measured else None,
            "measured": measured,
        }
        if n.kind == "indicator":
            entry |= {
                "unit": n.unit,
                "source": n.source,
                "direction": n.direction,
                "denominator": sel.name(n.denominator) if n.denominator else "",
            }
        else:
            entry["children"] = [node(c) for c in fw.children(code)]
            entry["children"] += [
                {**p, "measured": False, "planned": True} for p in planned if p["parent"] == code
            ]
        return entry

    return [node(d) for d in fw.children(fw.root)]


def choices(result: mi.Result) -> list[dict]:
    texts, method = _choices(), result.method
    names = {
        "impute": _("Imputation"),
        "treat": _("Outliers"),
        "normalise": _("Normalisation"),
        "weights": _("Weights"),
        "aggregate": _("Aggregation"),
    }
    out = []
    for step, name in names.items():
        chosen = getattr(method, step)
        params = {k: v for k, v in chosen.as_dict().items() if k != "method"}
        if step == "aggregate":
            params.setdefault("min_share", 0)
        template = texts.get((step, chosen.method))
        text = template % params if template else f"{chosen.method} {params}"
        out.append({"step": name, "method": chosen.method, "text": text})
    screen = method.screen
    if screen.get("min_unit_coverage"):
        out.append(
            {
                "step": _("Coverage"),
                "method": "screen",
                "text": _(
                    "countries with fewer than %(share)s%% of the indicators (after imputation) are not scored"
                )
                % {"share": round(100 * float(screen["min_unit_coverage"]))},
            }
        )
    return out


def checks(sel: Selection) -> dict:
    result = sel.result
    known = places.countries()
    treatment = result.stage.treatment
    fw = sel.framework
    return {
        "scored": len(result.units),
        "in_data": len(result.dataset.units),
        "dropped_units": sorted(places.name_of(u, known) for u in result.dropped_units),
        "dropped_indicators": [
            sel.name(c)
            for c, keep in zip(fw.indicators, result.prepared.keep_indicators, strict=True)
            if not keep
        ],
        "imputed": int(result.imputed_mask.sum()),
        "treated": [
            {
                "name": sel.name(c),
                "winsorised": int(treatment.winsorised[j]),
                "logged": bool(treatment.logged[j]),
            }
            for j, c in enumerate(fw.indicators)
            if treatment.winsorised[j] or treatment.logged[j]
        ],
    }


def audit(sel: Selection) -> dict:
    result, fw = sel.result, sel.framework
    report = mi.audit(result)
    scored = set(sel.built.scored_aggregates(sel.year))
    kept = [c for c, keep in zip(fw.indicators, result.prepared.keep_indicators, strict=True) if keep]
    columns = [c for c in [*fw.aggregates] if c in scored]
    rows = kept + columns
    pos = {c: i for i, c in enumerate(report.codes)}
    matrix = [[_num(report.correlations[pos[r], pos[c]]) for c in columns] for r in rows]
    groups = [
        {
            "name": sel.name(g.code),
            "children": len(g.children),
            "alpha": _num(g.cronbach_alpha),
            "pc1": _num(g.pc1_share * 100) if not math.isnan(g.pc1_share) else None,
            "above_one": g.components_above_one,
        }
        for g in report.groups
        if g.code in scored and len(g.children) > 1
    ]
    weights = dict(zip(fw.codes, result.effective_weights, strict=True))
    return {
        "heatmap": charts.heatmap(
            [sel.name(r) for r in rows],
            columns,
            matrix,
            language=sel.language,
            column_titles=[sel.name(c) for c in columns],
        ),
        "groups": groups,
        "flags": [
            {"kind": f.kind, "names": [sel.name(c) for c in f.codes], "value": f.value} for f in report.flags
        ],
        "importance": [
            {"name": sel.name(c), "importance": report.importance[c] * 100, "weight": float(weights[c]) * 100}
            for c in kept
        ],
    }


def robustness(sel: Selection) -> dict:
    analysis = sel.edition.analysis or {}
    root = sel.framework.root
    widths = [
        high - low
        for low, high in Score.objects.filter(
            edition=sel.edition, year=sel.year, code=root, rank_low__isnull=False
        ).values_list("rank_low", "rank_high")
    ]
    sensitivity = analysis.get("sensitivity", {})
    bars = charts.bars(
        [
            charts.Bar(str(ASSUMPTIONS_TEXT.get(a["name"], a["name"])), (a["total"] or 0) * 100)
            for a in sensitivity.get("assumptions", [])
        ],
        language=sel.language,
        rtl=sel.language == "ar",
        caption=_("Total-effect Sobol index on the mean rank shift (%)"),
    )
    return {
        "runs": analysis.get("runs"),
        "assumptions": [str(ASSUMPTIONS_TEXT.get(a, a)) for a in analysis.get("assumptions", [])],
        "median_width": statistics.median(widths) if widths else None,
        "sensitivity": [
            {**a, "text": str(ASSUMPTIONS_TEXT.get(a["name"], a["name"]))}
            for a in sensitivity.get("assumptions", [])
        ],
        "sensitivity_runs": sensitivity.get("runs"),
        "chart": bars,
    }


def _num(x: float) -> float | None:
    return None if x is None or math.isnan(x) else float(x)
