"""The life of an edition: check an uploaded release, keep it as a draft, preview its changes, publish it.

The upload page, the `marsad index_publish` command and `load_default_edition` (called by `marsad demo`) all go
through these functions, so a release is checked the same way whichever door it came in by. Nothing here
touches the published editions until `publish` commits: a bad file leaves them exactly as they were.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from marsad import maturity as mi
from marsad.core.i18n import current_language
from marsad.insights import robustness
from marsad.insights.built import built, read_files
from marsad.insights.models import Edition, Score
from marsad.maturity.data import ALIASES
from marsad.maturity.tables import cell, read_table
from marsad.vocab.models import Country

DEFAULT_DIR = settings.PROJECT_DIR / "data" / "maturity"
DATA_SUFFIXES = (".csv", ".xlsx", ".xlsm")
MAX_UPLOAD_BYTES = getattr(settings, "INSIGHTS_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)


@dataclass(frozen=True)
class Problem:
    """One line of an upload report: where (file, row, field) and what is wrong."""

    file: str
    message: str
    row: int | None = None
    field: str | None = None


@dataclass
class Release:
    """An uploaded framework and data file after the checks; `problems` empty means it can become a draft."""

    framework_text: str
    data: bytes
    data_name: str
    problems: list[Problem] = field(default_factory=list)
    framework: mi.Framework | None = None
    dataset: mi.Dataset | None = None
    years: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_release(data: bytes, data_name: str, framework_text: str, framework_name: str = "") -> Release:
    """Every problem of an uploaded release, one per bad row where the engine can tell (see docs/insights.md).

    Beyond the engine's own checks (columns, text in numbers, unknown indicator codes, units without data),
    a release is refused for duplicated (unit, year, indicator) rows — which value is right? — and for unit
    codes that are not ISO 3166-1 alpha-3 countries of the vocabulary, since pages and groups hang on them.
    """
    release = Release(framework_text, data, data_name)
    name = Path(data_name).name or "data"
    if len(data) > MAX_UPLOAD_BYTES:
        release.problems.append(Problem(name, too_large_message(len(data))))
        return release
    if Path(name).suffix.lower() not in DATA_SUFFIXES:
        release.problems.append(Problem(name, "the data file must be a .csv (UTF-8) or .xlsx file"))
        return release
    try:
        framework, dataset = read_files(framework_text, data, name)
    except mi.FrameworkError as exc:
        release.problems.append(Problem(framework_name or "framework", exc.message, exc.line, exc.field))
        return release
    except mi.DataError:
        release.problems.extend(_data_problems(framework_text, data, name))
        return release
    release.problems.extend(_duplicates(dataset, name))
    release.problems.extend(_unknown_units(_dataset_rows(dataset), name))
    release.years = robustness.choose_years(framework, dataset)
    if not release.years:
        release.problems.append(
            Problem(
                name, "no year has values for at least 90% of the indicators that have data", field="year"
            )
        )
    release.framework, release.dataset = framework, dataset
    return release


def too_large_message(size: int) -> str:
    return (
        f"the file is {size / 2**20:.1f} MB; the limit is {MAX_UPLOAD_BYTES / 2**20:.0f} MB "
        "(the bundled World Bank release is about 2 MB)"
    )


def _data_problems(framework_text: str, data: bytes, name: str) -> list[Problem]:
    """The engine's per-row report, plus unknown unit codes (which the engine does not know about), by row.

    `validate_data` reads paths: the bytes are written under the uploaded name so messages carry it.
    """
    with tempfile.TemporaryDirectory(prefix="marsad-upload-") as tmp:
        fw_path, data_path = Path(tmp) / "framework.yaml", Path(tmp) / name
        fw_path.write_text(framework_text, encoding="utf-8")
        data_path.write_bytes(data)
        problems = [
            Problem(name, e.message, e.row, e.field)
            for e in mi.validate_data(data_path, mi.load_framework(fw_path))
        ]
        if not any(p.row in (None, 1) for p in problems):  # the header is readable
            try:
                problems.extend(_unknown_units(_first_rows(data_path), name))
            except (
                mi.DataError
            ):  # the file itself is unreadable further on (e.g. broken UTF-8): reported above
                pass
    return sorted(problems, key=lambda p: (p.row or 0, p.field or ""))


def _first_rows(path: Path) -> dict[str, int]:
    """Each unit code of a data file and the first row it appears on."""
    header, rows = read_table(path)
    lowered = [h.lower() for h in header]
    column = next(lowered.index(a) for a in ALIASES["unit"] if a in lowered)
    first: dict[str, int] = {}
    for number, row in rows:
        first.setdefault(cell(row, column), number)
    first.pop("", None)
    return first


def _dataset_rows(dataset: mi.Dataset) -> dict[str, int]:
    first: dict[str, int] = {}
    for (unit, _year, _code), row in dataset.rows.items():
        first[unit] = min(row, first.get(unit, row))
    return first


def _duplicates(dataset: mi.Dataset, name: str) -> Iterable[Problem]:
    for d in dataset.duplicates:
        yield Problem(
            name,
            f"{d.unit} {d.year} {d.series} is given twice (first on row {d.first_row}); keep one value",
            d.row,
            "indicator",
        )


def _unknown_units(first_rows: dict[str, int], name: str) -> Iterable[Problem]:
    """Unit codes that are not ISO 3166-1 alpha-3 countries of the vocabulary, at the first row of each."""
    known = set(Country.objects.values_list("alpha3", flat=True))
    for unit, row in first_rows.items():
        if unit not in known:
            yield Problem(
                name,
                f"unknown unit '{unit}': units are ISO 3166-1 alpha-3 country codes (e.g. SAU, TUN)",
                row,
                "unit",
            )


def create_draft(release: Release, user, label: str, notes: str = "", links: dict | None = None) -> Edition:
    """Keep a checked release as a draft edition (not public) for the preview."""
    if not release.ok:
        raise ValueError("a release with problems cannot become a draft")
    current = Edition.objects.current()
    return Edition.objects.create(
        label=label,
        notes=notes,
        framework_id=release.framework.id,
        framework_version=release.framework.version,
        framework_digest=release.framework.digest,
        framework_text=release.framework_text,
        links=links if links is not None else (current.links if current else {}),
        data_name=Path(release.data_name).name,
        data=release.data,
        data_digest=release.dataset.digest,
        years=release.years,
        year=release.years[-1],
        created_by=user,
    )


@dataclass(frozen=True)
class Movement:
    unit: str
    name: str
    rank_before: float | None
    rank_after: float | None
    score_before: float | None
    score_after: float | None

    @property
    def change(self) -> float | None:
        """Places gained (positive) or lost."""
        if self.rank_before is None or self.rank_after is None:
            return None
        return self.rank_before - self.rank_after


@dataclass(frozen=True)
class Change:
    """What one edition changes in the index against another, at their headline years (a draft's preview,
    or the comparison of two published editions)."""

    year_before: int
    year_after: int
    movements: list[Movement]
    added: tuple[tuple[str, str], ...]  # (unit, name)
    removed: tuple[tuple[str, str], ...]
    mean_shift: list[tuple[str, str, float]]  # aggregate, its name, mean absolute rank change

    @property
    def moved(self) -> list[Movement]:
        """The countries whose index score or rank changed, largest rank change first."""
        return [
            m
            for m in self.movements
            if m.change
            or (
                m.score_before is not None
                and m.score_after is not None
                and abs(m.score_after - m.score_before) > 1e-9
            )
        ]


def compare(later: Edition, earlier: Edition) -> Change:
    after, before = built(later).result(), built(earlier).result()
    change = mi.compare_editions(before, after)
    root = change.codes.index(after.framework.root) if after.framework.root in change.codes else None
    known = {c.alpha3: c.label for c in Country.objects.all()}
    movements = []
    if root is not None:
        for i, unit in enumerate(change.units):
            movements.append(
                Movement(
                    unit,
                    known.get(unit, unit),
                    _num(change.rank_before[i, root]),
                    _num(change.rank_after[i, root]),
                    _num(change.score_before[i, root]),
                    _num(change.score_after[i, root]),
                )
            )
    movements.sort(key=lambda m: -abs(m.change or 0))
    with warnings.catch_warnings():  # an aggregate no unit is scored on in both editions has no mean
        warnings.simplefilter("ignore", RuntimeWarning)
        shift = np.nanmean(np.abs(change.rank_after - change.rank_before), axis=0)
    return Change(
        before.prepared.year,
        after.prepared.year,
        movements,
        tuple((u, known.get(u, u)) for u in change.added_units),
        tuple((u, known.get(u, u)) for u in change.removed_units),
        [
            (c, after.framework.by_code[c].label(current_language()), float(s))
            for c, s in zip(change.codes, shift, strict=True)
            if not np.isnan(s)
        ],
    )


def publish(
    edition: Edition,
    user=None,
    runs: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> Edition:
    """Compute the scores and rank intervals of every year and publish the edition as the next number.

    Rank intervals are computed for every aggregate in the headline year and for the index in the other
    years (each aggregate and year is one Monte Carlo run of `runs` replications; default the setting
    `INSIGHTS_MONTE_CARLO_RUNS`, else 1000).
    """
    runs = runs or getattr(settings, "INSIGHTS_MONTE_CARLO_RUNS", robustness.RUNS)
    b = built(edition)
    rows = []
    for year in b.years:
        result = b.result(year)
        codes = b.scored_aggregates(year)
        targets = codes if year == edition.year else [b.framework.root]
        intervals = robustness.rank_intervals(b.framework, b.dataset, year, targets, runs, progress=progress)
        rows.extend(_score_rows(edition, result, codes, intervals))
    analysis = {
        "runs": runs,
        "seed": robustness.SEED,
        "assumptions": list(robustness.ASSUMPTIONS_TEXT),  # names; pages show them translated
        "sensitivity": robustness.sensitivity_indices(
            b.framework, b.dataset, edition.year, max(runs // 5, 10)
        ),
    }
    with transaction.atomic():
        Score.objects.filter(edition=edition).delete()
        Score.objects.bulk_create(rows, batch_size=2000)
        edition.number = (Edition.objects.aggregate(n=Max("number"))["n"] or 0) + 1
        edition.status = Edition.Status.PUBLISHED
        edition.published_by = user
        edition.published_at = timezone.now()
        edition.analysis = analysis
        edition.save()
    return edition


def _score_rows(
    edition: Edition, result: mi.Result, codes: list[str], intervals: dict[str, dict[str, tuple]]
) -> list[Score]:
    fw = result.framework
    root = fw.position[fw.root]
    rows = []
    for code in codes:
        k = fw.position[code]
        for i, unit in enumerate(result.units):
            value = result.values[i, k]
            if np.isnan(value):
                continue
            low, median, high = intervals.get(code, {}).get(unit, (None, None, None))
            stage = fw.stage_of(value) if k == root else None
            rows.append(
                Score(
                    edition=edition,
                    year=result.prepared.year,
                    unit=unit,
                    code=code,
                    score=float(value),
                    rank=int(result.ranks[i, k]),
                    rank_low=low,
                    rank_median=median,
                    rank_high=high,
                    stage=stage.code if stage else "",
                )
            )
    return rows


def default_files() -> tuple[Path, Path, Path]:
    return DEFAULT_DIR / "framework.yaml", DEFAULT_DIR / "wdi.csv", DEFAULT_DIR / "links.yaml"


def load_default_edition(runs: int | None = None, progress: Callable[[str], None] | None = None) -> Edition:
    """Publish the bundled framework and World Bank data as an edition, unless it is already published.

    Idempotent (the edition is recognised by the digests of its framework and data), so `marsad demo` can call
    it on every run. Raises `ValueError` with the report if the bundled files do not pass the checks.
    """
    framework_path, data_path, links_path = default_files()
    framework_text = framework_path.read_text(encoding="utf-8")
    release = check_release(data_path.read_bytes(), data_path.name, framework_text, framework_path.name)
    if not release.ok:
        raise ValueError("; ".join(f"{p.file} row {p.row}: {p.message}" for p in release.problems[:5]))
    existing = Edition.objects.published().filter(
        framework_digest=release.framework.digest, data_digest=release.dataset.digest
    )
    if existing.exists():
        return existing.order_by("-number").first()
    links = yaml.safe_load(links_path.read_text(encoding="utf-8"))
    links.pop("framework", None)
    label = f"World Bank WDI, data {min(release.dataset.years)}–{max(release.dataset.years)}"
    draft = create_draft(release, None, label, "Bundled default edition (data/maturity/).", links)
    return publish(draft, runs=runs, progress=progress)


def _num(x: float) -> float | None:
    return None if np.isnan(x) else float(x)
