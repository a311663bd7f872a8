"""Recognition figures, dated indicators, later updates and the source documents. Derived values
(rates, changes) are computed here and always marked as derived."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fko.errors import FkoError, UsageError
from fko.i18n import _
from fko.store.reader import Store

AREA_METRIC = "Verfahren nach Zuständigkeitsbereich"
COUNTRY_METRIC = "Verfahren nach Ausbildungsstaat"
_MATRIX_KEYS = ("body", "metric", "derived", "unit", "source")
RATES = (("Anerkennungsquote", "anerkannt"), ("Ablehnungsquote", "abgelehnt"))


def _body_key(text: str) -> str:
    from fko.german import normalise  # lazy: `fko list` and `fko show` import this module, not search

    return normalise(text).replace("nordrhein westfalen", "nrw")


def recognition_rows(
    store: Store, bodies: Sequence[str] = (), year: int | None = None, metric: str | None = None
) -> list[dict[str, Any]]:
    """The long rows, filtered: a body matches by part of its name ("architekten", "IHK")."""
    wanted = [_body_key(b) for b in bodies]
    out = []
    for row in store.table("recognition"):
        if wanted and not any(w in _body_key(row["body"]) for w in wanted):
            continue
        if year is not None and row["year"] != year:
            continue
        if metric is not None and row["metric"] != metric:
            continue
        out.append({**row, "derived": False, "unit": None})
    return out


def with_rates(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The chamber rows plus derived rates (per cent of applications, one decimal), marked derived."""
    out = list(rows)
    applied = {(r["body"], r["year"]): r["value"] for r in rows if r["metric"] == "Anträge gestellt"}
    for name, metric in RATES:
        for row in rows:
            total = applied.get((row["body"], row["year"])) if row["metric"] == metric else None
            if total:
                out.append(
                    {
                        **row,
                        "metric": f"{name} ({metric} / Anträge gestellt)",
                        "label": None,
                        "value": round(100 * row["value"] / total, 1),
                        "unit": "%",
                        "derived": True,
                        "note": "derived by fko from the two figures of the report",
                    }
                )
    return out


def chamber_matrix(
    rows: list[dict[str, Any]], years: Sequence[int] | None = None
) -> tuple[list[int], list[dict[str, Any]]]:
    """Metrics as rows, years as columns, per body; change between the first and last year."""
    tables = [r for r in rows if r["year"] is not None]
    shown_years = sorted({r["year"] for r in tables}) if years is None else list(years)
    missing = [y for y in shown_years if y not in {r["year"] for r in tables}]
    if missing:
        raise FkoError(
            _("no recognition figures for {years}; the report has 2022 and 2023").format(
                years=", ".join(map(str, missing))
            )
        )
    matrix: dict[tuple[str, str], dict[str, Any]] = {}
    for row in tables:
        if row["year"] not in shown_years:
            continue
        entry = matrix.setdefault((row["body"], row["metric"]), {k: row[k] for k in _MATRIX_KEYS} | {"values": {}})
        entry["values"][row["year"]] = row["value"]
    out = []
    for entry in matrix.values():
        values = entry["values"]
        first, last = shown_years[0], shown_years[-1]
        change = pct = None
        if len(shown_years) > 1 and first in values and last in values:
            change = round(values[last] - values[first], 1)
            if entry["unit"] is None and values[first]:
                pct = round(100 * change / values[first], 1)
        out.append({**entry, "change": change, "change_pct": pct})
    return shown_years, out


def by_area(store: Store) -> list[dict[str, Any]]:
    return sorted(recognition_rows(store, metric=AREA_METRIC), key=lambda r: -r["value"])


def by_country(store: Store, bodies: Sequence[str] = ()) -> list[dict[str, Any]]:
    return sorted(recognition_rows(store, bodies, metric=COUNTRY_METRIC), key=lambda r: -r["value"])


def indicator_rows(store: Store, measure_id: str | None = None) -> list[dict[str, Any]]:
    """Indicators in date order per measure; all of them, or one measure's."""
    rows = [r for r in store.table("indicators") if measure_id is None or r["measure_id"] == measure_id]
    order = {record_id: n for n, record_id in enumerate(store.ids("measures"))}
    return sorted(rows, key=lambda r: (order.get(r["measure_id"], 999), r["as_of"], r["metric"]))


def update_rows(store: Store, measure_id: str) -> list[dict[str, Any]]:
    return sorted((u for u in store.table("updates") if u["measure_id"] == measure_id), key=lambda u: u["date"])


def event_rows(store: Store, measure_id: str | None = None) -> list[dict[str, Any]]:
    """Dated facts in date order (undated ones at the date of their source); all, or one record's."""
    rows = [e for e in store.table("events") if measure_id is None or e["measure_id"] == measure_id]
    return sorted(rows, key=lambda e: (e["date"] or e["source_date"] or "", e["title"]))


def source_rows(store: Store) -> list[dict[str, Any]]:
    """The source documents and how many records of each kind cite them."""
    tables = ("measures", "initiatives", "clusters", "recognition", "indicators", "updates", "events")
    out = []
    for source in store.sources():
        counts = {t: sum(1 for r in store.table(t) if r.get("source") == source["file"]) for t in tables}
        out.append({**source, **{f"cites_{t}": n for t, n in counts.items()}, "records": sum(counts.values())})
    return out


def source_key(store: Store, given: str) -> str:
    """A source named by its key ("dhb"), its file name, or "all"."""
    value = given.strip()
    if value.casefold() == "all":
        return "all"
    for source in store.sources():
        if value.casefold() in (source["key"].casefold(), source["file"].casefold()):
            return str(source["file"])
    keys = ", ".join(f"{s['key']} ({s['file']})" for s in store.sources())
    raise UsageError(_("unknown source '{given}'; use all or one of {keys}").format(given=given, keys=keys))


def report_date(store: Store) -> str | None:
    """The date of the report the store was built from (YYYY-MM), from its source record."""
    meta = store.table("meta")
    report = meta[0].get("report") if meta else None
    for source in store.sources():
        if source.get("file") == report or (report is None and source.get("key") == "report"):
            date = source.get("date")
            return str(date) if date else None
    return None
