"""Measures and ministries side by side, and the timeline of the offensive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from fko.errors import UsageError
from fko.figures import indicator_rows
from fko.measures import NUMERALS, ressort_codes
from fko.status import status_on
from fko.store import Store


def _sum(items: list[dict[str, Any]], basis: str) -> int | None:
    amounts = [i["amount_eur"] for i in items if i["kind"] == "money" and i["basis"] == basis]
    return sum(amounts) if amounts else None


def _sums(items: list[dict[str, Any]]) -> dict[str, int | None]:
    """The money items summed per basis (null where there is none of that basis)."""
    return {
        "per_year_eur": _sum(items, "per_year"),
        "total_eur": _sum(items, "total"),
        "one_year_eur": _sum(items, "year"),
        "one_off_eur": _sum(items, "one_off"),
    }


def measure_summary(store: Store, record: dict[str, Any], on: dt.date) -> dict[str, Any]:
    """The fields `fko compare` puts side by side; amounts as integers, each basis apart."""
    items = record["budget"].get("items", [])
    status = status_on(record, on)
    latest: dict[str, dict[str, Any]] = {}
    for row in indicator_rows(store, record["id"]):
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
        **_sums(items),
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


def compare_measures(store: Store, ids: Sequence[str], on: dt.date) -> list[dict[str, Any]]:
    if len(ids) < 2:
        raise UsageError("give at least two measures to compare, e.g. fko compare IV.1 II.9")
    from fko.finder import resolve_all

    return [measure_summary(store, record, on) for record in resolve_all(store, ids)]


def compare_ressorts(store: Store, codes: Sequence[str]) -> list[dict[str, Any]]:
    """Portfolios: measures per cluster, funds per basis (shared measures counted in full and
    marked), and the measures the ministries have in common (in_common, on each portfolio)."""
    if len(codes) < 2:
        raise UsageError("give at least two ministries to compare, e.g. fko compare -r MAGS -r MSB")
    found = ressort_codes(store, codes)
    portfolios: list[dict[str, Any]] = []
    for code in found:
        measures = [m for m in store.measures() if code in m["ressorts"]]
        items = [
            i
            for m in measures
            for i in m["budget"].get("items", [])
            if i["kind"] == "money" and (i["ressort"] in (None, code))
        ]
        shared = [m["id"] for m in measures if len(m["ressorts"]) > 1]
        portfolios.append(
            {
                "ressort": code,
                "measures": len(measures),
                "ids": [m["id"] for m in measures],
                "per_cluster": {n: sum(1 for m in measures if m["cluster"] == n) for n in NUMERALS},
                "shared_measures": shared,
                **_sums(items),
            }
        )
    common = set(portfolios[0]["ids"])
    for p in portfolios[1:]:
        common &= set(p["ids"])
    order = [m["id"] for m in store.measures()]
    in_common = [i for i in order if i in common]
    return [{**p, "in_common": in_common} for p in portfolios]


def timeline(store: Store, records: Sequence[dict[str, Any]], on: dt.date) -> list[dict[str, Any]]:
    """Each record's interpreted period on a date; `placed` where it can be drawn (a start is known)."""
    rows = []
    for record in records:
        status = status_on(record, on)
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
