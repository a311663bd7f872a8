"""Budget rows and honest sums: amounts are only added up within one basis.

A yearly amount, a total over several years, an amount for one stated year and a one-off
amount are four different things; a sum never mixes them. Staff and "no separate funds"
entries are listed, never counted as euros.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from fko.domain.measures import filter_measures, ressort_codes
from fko.errors import UsageError
from fko.i18n import N_, _
from fko.store.reader import Store

BASES = ("per_year", "total", "year", "one_off")
BASIS_LABEL = {
    "per_year": N_("per year"),
    "total": N_("total"),
    "year": N_("one year"),
    "one_off": N_("one-off"),
    None: "",
}
GROUPINGS = ("ressort", "cluster", "year", "funding")
_FUNDING_ALIASES = {"esf+": "esf", "bund": "bund (bmbf)", "bmbf": "bund (bmbf)", "landesmittel": "land"}


class BudgetView:
    """The rows of `fko budget` and what their sums mean.

    A plain class rather than a dataclass: `fko show` imports this module for `years_text`,
    and the dataclass decorator cost ≈0.7 ms at start-up (issue #16)."""

    __slots__ = ("rows", "apart", "totals", "year", "ressort", "split", "annualize", "notes", "codes", "this_year")

    def __init__(
        self,
        rows: list[dict[str, Any]],
        apart: list[dict[str, Any]],  # totals over several years, not attributable to the asked year
        totals: dict[str, dict[str, int]],  # basis -> {"eur": sum, "items": n}
        year: int | None,
        ressort: str | None,
        split: str,
        annualize: bool,
        notes: list[str] | None = None,
        codes: list[str] | None = None,  # the --ressort codes; `ressort` joins them
        this_year: int | None = None,  # for "this year" in the footer; default: today's
    ) -> None:
        self.rows = rows
        self.apart = apart
        self.totals = totals
        self.year = year
        self.ressort = ressort
        self.split = split
        self.annualize = annualize
        self.notes = [] if notes is None else notes
        self.codes = [] if codes is None else codes
        self.this_year = dt.date.today().year if this_year is None else this_year


def years_text(item: dict[str, Any]) -> str:
    """An item's years as CSV and tables show them (the same in every language: a CSV column)."""
    a, b = item.get("year_from"), item.get("year_to")
    mark = " (derived)" if item.get("years_derived") else ""
    if a is None and b is None:
        return ""
    if a == b:
        return f"{a}{mark}"
    if b is None:
        return f"from {a}{mark}"
    if a is None:
        return f"until {b}{mark}"
    return f"{a}–{b}{mark}"


def covers(item: dict[str, Any], year: int) -> bool:
    """Whether the item's years include `year`; an open end runs on, unknown years do not count."""
    a, b = item.get("year_from"), item.get("year_to")
    if a is None and b is None:
        return False
    return (a is None or a <= year) and (b is None or year <= b)


def _funding_key(name: str) -> str:
    key = name.strip().casefold()
    return _FUNDING_ALIASES.get(key, key)


def budget_rows(store: Store, clusters: Sequence[str] = (), funding: Sequence[str] = ()) -> list[dict[str, Any]]:
    """One row per budget item of every measure, with the measure's ID, title and ministries."""
    wanted = {_funding_key(f) for f in funding}
    names = sorted({f for m in store.measures() for i in m["budget"].get("items", []) for f in i["funding"]})
    unknown = sorted(wanted - {_funding_key(n) for n in names})
    if unknown:
        raise UsageError(
            _("unknown funding source '{value}'; use one of {names}").format(value=unknown[0], names=", ".join(names))
        )
    rows = []
    for measure in filter_measures(store, clusters):
        for n, item in enumerate(measure["budget"].get("items", []), start=1):
            if wanted and not wanted & {_funding_key(f) for f in item["funding"]}:
                continue
            rows.append(
                {
                    "id": measure["id"],
                    "item": n,
                    "title": measure["title"],
                    "cluster": measure["cluster"],
                    "ressorts": measure["ressorts"],
                    **item,
                    "years": years_text(item),
                    "budget_text": measure["budget"]["text"],
                    "source": measure["source"],
                }
            )
    return rows


def _belongs(row: dict[str, Any], code: str) -> bool:
    if row["ressort"]:
        return bool(row["ressort"] == code)
    return code in row["ressorts"]


def _shared(row: dict[str, Any]) -> bool:
    return not row["ressort"] and len(row["ressorts"]) > 1


def view(
    store: Store,
    ressorts: Sequence[str] = (),
    clusters: Sequence[str] = (),
    funding: Sequence[str] = (),
    year: int | None = None,
    split: str = "full",
    annualize: bool = False,
    measures: Sequence[str] = (),
) -> BudgetView:
    """The budget rows for the filters, each with the amount counted under the stated rule."""
    if split not in ("full", "equal"):
        raise UsageError(_("unknown --split '{split}'; use full or equal").format(split=split))
    codes = list(dict.fromkeys(ressort_codes(store, ressorts)))
    rows = budget_rows(store, clusters, funding)
    if measures:
        rows = [r for r in rows if r["id"] in measures]
    if codes:  # the union: a measure of several of the ministries is one row, counted once
        rows = [r for r in rows if any(_belongs(r, c) for c in codes)]
    counted: list[dict[str, Any]] = []
    apart: list[dict[str, Any]] = []
    apart_share: dict[int, float] = {}  # id(row) -> the share of a row kept apart (--split equal)
    for row in rows:
        row = dict(row)
        row["shared"] = _shared(row)
        row["shared_with"] = [c for c in row["ressorts"] if c not in codes] if codes and row["shared"] else []
        row["counted_eur"] = None
        row["attribution"] = ""
        amount = row["amount_eur"]
        if row["kind"] == "money":
            share = 1.0
            if codes and row["shared"] and split == "equal" and row["shared_with"]:
                mine = len(row["ressorts"]) - len(row["shared_with"])
                share = mine / len(row["ressorts"])
                row["attribution"] = f"{mine}/{len(row['ressorts'])} of a shared measure"
            if year is not None:
                apart_share[id(row)] = share
                if row["year_from"] is None and row["year_to"] is None:
                    row["attribution"] = "years not stated"
                    apart.append(row)
                    continue
                if not covers(row, year):
                    continue
                if row["basis"] == "total" and row["year_from"] != row["year_to"]:
                    if annualize and row["year_from"] is not None and row["year_to"] is not None:  # else: in full
                        span = row["year_to"] - row["year_from"] + 1
                        share /= span
                        row["attribution"] = ", ".join(
                            filter(None, [row["attribution"], f"annualized: 1/{span} of the total"])
                        )
                    else:
                        row["attribution"] = "not attributable to one year"
                        apart.append(row)
                        continue
            row["counted_eur"] = round(amount * share)
        elif year is not None and row["kind"] == "staff" and not covers(row, year):
            continue
        counted.append(row)
    counted.sort(key=_size_order)
    apart.sort(key=_size_order)
    totals: dict[str, dict[str, int]] = {}
    for row in counted:
        if row["counted_eur"] is None:
            continue
        basis = "year_total" if year is not None else row["basis"]
        entry = totals.setdefault(basis, {"eur": 0, "items": 0})
        entry["eur"] += row["counted_eur"]
        entry["items"] += 1
    unstated = [r for r in apart if r["attribution"] == "years not stated"]
    spread = [r for r in apart if r["attribution"] != "years not stated"]

    def kept(rows: list[dict[str, Any]]) -> int:  # the ministries' share of what is kept apart, as counted rows
        return sum(round(r["amount_eur"] * apart_share.get(id(r), 1.0)) for r in rows)

    if spread:
        totals["not_attributable"] = {"eur": kept(spread), "items": len(spread)}
    if unstated:
        totals["years_not_stated"] = {"eur": kept(unstated), "items": len(unstated)}
    return BudgetView(counted, apart, totals, year, " + ".join(codes) or None, split, annualize, codes=codes)


def _size_order(row: dict[str, Any]) -> tuple[int, int, str, int]:
    kind_rank = {"money": 0, "staff": 1, "none": 2}[row["kind"]]
    size = row["counted_eur"] if row["counted_eur"] is not None else (row["amount_eur"] or 0)
    return (kind_rank, -size, row["id"], row["item"])


def group(result: BudgetView, by: str, store: Store, extend_to: int | None = None) -> list[dict[str, Any]]:
    """Sums per ministry, cluster, funding source or year.

    With --year: what is planned for that year, per group. Without: each group's peak year
    and the amount planned in it (never a sum over years that do not run at the same time),
    beside the sum of its totals over several years. Groups are sorted by the shown amount.
    """
    if by not in GROUPINGS:
        raise UsageError(_("unknown --by '{by}'; use one of {groupings}").format(by=by, groupings=", ".join(GROUPINGS)))
    money = [r for r in result.rows if r["counted_eur"] is not None]
    if by == "year":
        return years(money, result.annualize, extend_to)
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in money:
        if by == "ressort":
            keys = [row["ressort"]] if row["ressort"] else row["ressorts"]
            if result.codes:
                keys = [k for k in keys if k in result.codes]
        elif by == "cluster":
            keys = [row["cluster"]]
        else:
            keys = [" + ".join(row["funding"]) or "not named"]
        for key in keys:
            share = dict(row)
            if by == "ressort" and len(keys) > 1 and result.split == "equal":
                share["counted_eur"] = round(row["counted_eur"] / len(keys))
            members[key].append(share)
    order = _group_order(by, store)
    out = []
    for key, rows in members.items():
        entry: dict[str, Any] = {"group": key, "items": len(rows)}
        if result.year is not None:
            entry["year_total"] = sum(r["counted_eur"] for r in rows)
        else:
            peak = peak_year(years(rows, False, None))
            entry["peak_year"] = peak["year"] if peak else None
            entry["peak_eur"] = peak["year_total"] if peak else 0
            entry["peak_assumed"] = bool(peak and peak["assumed"])
            entry["total"] = sum(r["counted_eur"] for r in rows if _spread(r))
        out.append(entry)
    amount = "year_total" if result.year is not None else "peak_eur"
    out.sort(key=lambda g: (-g[amount], -g.get("total", 0), order.get(g["group"], 99), g["group"]))
    return out


def _group_order(by: str, store: Store) -> dict[str, int]:
    if by == "ressort":
        return {r["code"]: i for i, r in enumerate(store.ressorts())}
    if by == "cluster":
        return {c["numeral"]: i for i, c in enumerate(store.clusters())}
    return {}


def _spread(row: dict[str, Any]) -> bool:
    """A total over several years (or over years not stated): not an amount for one year."""
    return bool(row["basis"] == "total" and (row["year_from"] != row["year_to"] or row["year_from"] is None))


def _carried(row: dict[str, Any], year: int) -> bool:
    """Counted in `year` only by carrying an open end past the item's first stated year."""
    return row["year_to"] is None and row["year_from"] is not None and year > row["year_from"]


def years(rows: list[dict[str, Any]], annualize: bool, extend_to: int | None) -> list[dict[str, Any]]:
    """Per calendar year: yearly amounts running that year plus amounts stated for it
    (`year_total`), and, apart, the totals over several years whose span includes the year
    (`totals_running_eur`, each in full; with --annualize they are spread evenly into
    `year_total` instead). A year that counts an open-ended item past its first stated year
    rests on an assumption (`assumed`, `assumed_ids`). The years run from the first to the
    last year any item states, or to `extend_to`."""
    money = [r for r in rows if r["kind"] == "money" and r["counted_eur"] is not None]
    bounded = [y for r in money for y in (r["year_from"], r["year_to"]) if y is not None]
    if not bounded:
        return []
    first, last = min(bounded), max(bounded)
    if extend_to is not None:
        if extend_to < first:
            raise UsageError(
                _("--extend-to {extend_to} is before {first}, the first year an item states").format(
                    extend_to=extend_to, first=first
                )
            )
        last = extend_to
    out = []
    for year in range(first, last + 1):
        planned = items = running = running_items = 0
        assumed: list[str] = []
        for row in money:
            if not covers(row, year):
                continue
            amount = row["counted_eur"]
            if _spread(row):
                if annualize and row["year_from"] is not None and row["year_to"] is not None:
                    planned += round(amount / (row["year_to"] - row["year_from"] + 1))
                    items += 1
                else:
                    running += amount
                    running_items += 1
                if _carried(row, year) and row["id"] not in assumed:
                    assumed.append(row["id"])
                continue
            planned += amount
            items += 1
            if _carried(row, year) and row["id"] not in assumed:
                assumed.append(row["id"])
        out.append(
            {
                "group": str(year),
                "year": year,
                "items": items,
                "year_total": planned,
                "totals_running_eur": running,
                "totals_running_items": running_items,
                "assumed": bool(assumed),
                "assumed_ids": sorted(assumed, key=_id_order),
            }
        )
    return out


def _id_order(measure_id: str) -> tuple[int, int]:
    numerals = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "N": 7}
    head, _, tail = measure_id.partition(".")
    return (numerals.get(head, 9), int(tail) if tail.isdigit() else 0)


def peak_year(per_year: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The year with the largest planned amount (the earliest of equal ones); None if none."""
    best = None
    for entry in per_year:
        if entry["year_total"] and (best is None or entry["year_total"] > best["year_total"]):
            best = entry
    return best
