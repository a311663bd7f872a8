"""Measures and ministries side by side, and the timeline of the offensive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from fko.domain.budget import peak_sum, peak_year, view, years
from fko.domain.figures import indicator_rows
from fko.domain.measures import NUMERALS, ressort_codes
from fko.domain.status import first_day, status_in, statuses_in
from fko.errors import UsageError
from fko.i18n import _
from fko.store.reader import Store

#: The bases of the funds, by the name `fko compare` gives them.
_FUNDS = {"per_year": "per_year", "total": "total", "one_year": "year", "one_off": "one_off"}


def _sum(items: list[dict[str, Any]]) -> int | None:
    """One measure's amounts of one basis. Yearly amounts are added only where they run in the
    same year (the largest such sum); amounts without stated years are not added: the largest counts."""
    if not items:
        return None
    if items[0]["basis"] == "per_year" and len(items) > 1:
        if all(i["year_from"] is not None for i in items):
            return peak_sum(items)
        return max(int(i["amount_eur"]) for i in items)
    return sum(int(i["amount_eur"]) for i in items)


def measure_summary(store: Store, record: dict[str, Any], on: dt.date) -> dict[str, Any]:
    """The fields `fko compare` puts side by side on a date; amounts as integers, each basis apart."""
    items = record["budget"].get("items", [])
    money = {name: [i for i in items if i["kind"] == "money" and i["basis"] == basis] for name, basis in _FUNDS.items()}
    status = status_in(store, record, on)
    latest: dict[str, dict[str, Any]] = {}
    for row in indicator_rows(store, record["id"]):
        if first_day(row["as_of"]) > on:  # a figure of a later date was not known on that date
            continue
        if row["metric"] not in latest or row["as_of"] >= latest[row["metric"]]["as_of"]:
            latest[row["metric"]] = row
    return {
        "id": record["id"],
        "title": record["title"],
        "cluster": record["cluster"],
        "ressorts": record["ressorts"],
        "runtime": record["runtime"],
        "on": on.isoformat(),
        **status.as_row(),
        "funds_text": record["budget"]["text"],
        **{f"funds_{name}_eur": _sum(chosen) for name, chosen in money.items()},
        **{f"funds_{name}_approximate": any(i["approximate"] for i in chosen) for name, chosen in money.items()},
        "funding": sorted({f for i in items for f in i["funding"]}),
        "staff": [{k: i[k] for k in ("quantity", "unit", "basis")} for i in items if i["kind"] == "staff"],
        "partners": record["partners"],
        "goal": record["goal"],
        "latest_indicators": [
            {k: row[k] for k in ("metric", "value", "unit", "qualifier", "approximate", "as_of", "source")}
            for row in latest.values()
        ],
        "source": record["source"],
    }


def compare_measures(store: Store, records: Sequence[dict[str, Any]], on: dt.date) -> list[dict[str, Any]]:
    """Each record's side of the comparison, in the order given."""
    return [measure_summary(store, record, on) for record in records]


def compare_ressorts(store: Store, codes: Sequence[str]) -> dict[str, Any]:
    """Portfolios: measures per cluster, the peak year of each ministry's own money (what `fko
    budget -r CODE` counts) where the data supports one, and the measures the ministries have
    in common. A sum over years that do not run at the same time is never given."""
    if len(codes) < 2:
        raise UsageError(_("give at least two ministries to compare, e.g. fko compare -r MAGS -r MSB"))
    found = ressort_codes(store, codes)
    portfolios: list[dict[str, Any]] = []
    for code in found:
        measures = [m for m in store.measures() if code in m["ressorts"]]
        shared = [m["id"] for m in measures if len(m["ressorts"]) > 1]
        peak = peak_year(years(view(store, [code])))
        portfolios.append(
            {
                "ressort": code,
                "measures": len(measures),
                "ids": [m["id"] for m in measures],
                "per_cluster": {n: sum(1 for m in measures if m["cluster"] == n) for n in NUMERALS},
                "shared": shared,
                "funds_peak_year": peak["year"] if peak else None,
                "funds_peak_year_eur": peak["year_total"] if peak else None,
            }
        )
    common = set.intersection(*(set(p["ids"]) for p in portfolios))
    order = [m["id"] for m in store.measures()]
    return {"ressorts": portfolios, "in_common": [i for i in order if i in common]}


def timeline(store: Store, records: Sequence[dict[str, Any]], on: dt.date) -> list[dict[str, Any]]:
    """Each record's interpreted period on a date; `placed` where it can be drawn (a start is known)."""
    rows = []
    for record, status in zip(records, statuses_in(store, records, on), strict=True):  # updates read once
        rows.append(
            {
                "id": record["id"],
                "title": record["title"],
                "cluster": record["cluster"],
                "ressorts": record["ressorts"],
                "on": on.isoformat(),
                **status.as_row(),
                "placed": status.start is not None,
                "label": status.label(),
            }
        )
    return rows
