"""Budget rows and the one total of a year: money counted in the years it is for, for the one who pays.

Each row names what fko assumes to count it in a year (ASSUMPTIONS). Staff and "no separate funds"
are listed, never counted as euros.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from fko.domain.figures import report_date
from fko.domain.measures import filter_measures, ressort_codes
from fko.domain.status import month_end, period, runs_during, runtime_period
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
#: How money of a measure shared by several ministries, whose payer the report does not name,
#: is counted for a ministry: joint (for the ministries together, apart from each one's own),
#: full (in full for each), equal (divided evenly).
SPLITS = ("joint", "full", "equal")
#: fko's assumptions behind a counted amount (key `assumptions`), in the order a row names them.
ASSUMPTIONS = ("prorated", "spread", "growth", "carried_on")
#: Why a row is not in the total (key `left_out`).
LEFT_OUT = ("total", "no_end", "years_not_stated", "before_report", "other_payer", "shared")
#: Payers that are not a ministry of the Land: their money is the Bund's (III.7: "vom BMBF").
FEDERAL = frozenset({"BMBF"})
_FUNDING_ALIASES = {
    "esf+": "esf",
    "bund": "bund (bmbf)",
    "bmbf": "bund (bmbf)",
    "landesmittel": "land",
    "grw": "grw (bund und land)",
}


@dataclass
class BudgetView:
    """The rows of `fko budget`, the rows left out of its total (`apart`, each with `left_out`),
    and with --year the one total and the part of it that rests on fko's assumptions."""

    rows: list[dict[str, Any]]
    apart: list[dict[str, Any]]
    year: int | None
    ressort: str | None  # the --ressort codes joined by " + "
    split: str
    annualize: bool
    codes: list[str]
    report_years: tuple[int, int]
    funding: list[str] = field(default_factory=list)  # the --funding names as the store spells them
    this_year: int = field(init=False)
    total: int = field(init=False)
    assumed_eur: int = field(init=False)

    def __post_init__(self) -> None:
        self.this_year = dt.date.today().year  # for "this year" in the footer
        money = [r for r in self.rows if r["counted_eur"] is not None]
        self.total = sum(r["counted_eur"] for r in money)
        self.assumed_eur = sum(r["counted_eur"] for r in money if r["assumed"])


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


def peak_sum(items: list[dict[str, Any]]) -> int:
    """The largest sum of the amounts that run in the same year (0 where none states its years)."""
    spans = [y for i in items for y in (i["year_from"], i["year_to"]) if y is not None]
    if not spans:
        return 0
    return max(sum(int(i["amount_eur"]) for i in items if covers(i, y)) for y in range(min(spans), max(spans) + 1))


def report_years(store: Store) -> tuple[int, int]:
    """The report's own years: the year of its date and the year before (2023 and 2024 for the
    report of April 2024, which states amounts "für 2023" and those of 2024)."""
    date = report_date(store)
    year = int(date[:4]) if date and date[:4].isdigit() else dt.date.today().year
    return year - 1, year


def _funding_key(name: str) -> str:
    key = name.strip().casefold()
    return _FUNDING_ALIASES.get(key, key)


def item_period(record: dict[str, Any], item: dict[str, Any]) -> tuple[dt.date | None, dt.date | None, str | None]:
    """The first and last day an amount covers, and how they were found (None: years not stated):
    its years from January to December, the runtime's months where its years come from the runtime
    (II.8: 11/2023 bis 12/2024), August to July for a school or Kita year ("Jahrgang 2023/24")."""
    first, last = item["year_from"], item["year_to"]
    if first is None and last is None:
        return None, None, None
    cohort = f"{first}/{str(first + 1)[2:]}" if first is not None and last == first + 1 else None
    if cohort and cohort in item["text"]:
        return dt.date(first, 8, 1), dt.date(last, 7, 31), f"'{cohort}': a school or Kita year runs from August to July"
    start = dt.date(first, 1, 1) if first is not None else None
    end = dt.date(last, 12, 31) if last is not None else None
    if not item["years_derived"]:
        return start, end, "the years the funds state"
    run_start, run_end, _, _, rule = runtime_period(record)
    if run_start is not None and start is not None and run_start.year == start.year:
        start = dt.date(run_start.year, run_start.month, 1)
    if run_end is not None and end is not None and run_end.year == end.year:
        end = month_end(run_end.year, run_end.month)
    return start, end, f"the runtime's months ({' '.join((record['runtime']['text'] or '').split())}; {rule})"


def _open_start(record: dict[str, Any], item: dict[str, Any]) -> bool:
    """Whether an amount's years come from a runtime "seit" its first year (V.6 "seit 2020"): the
    report's present amount of the programme, which never counts before the report's years."""
    text = " ".join((record["runtime"]["text"] or "").split())
    first = item["year_from"]
    return bool(item["years_derived"] and first is not None and f"seit {first}" in text)


def budget_rows(store: Store, clusters: Sequence[str] = (), funding: Sequence[str] = ()) -> list[dict[str, Any]]:
    """One row per budget item (of a funding source where given), with its measure's ID, title,
    ministries and lead (the first named), and the period the amount covers."""
    wanted = {_funding_key(f) for f in funding}
    names = sorted({f for m in store.measures() for i in m["budget"].get("items", []) for f in i["funding"]})
    unknown = sorted(wanted - {_funding_key(n) for n in names})
    if unknown:
        raise UsageError(
            _("unknown funding source '{value}'; use one of {names}").format(value=unknown[0], names=", ".join(names))
        )
    rows = []
    for record in filter_measures(store, clusters):
        for n, item in enumerate(record["budget"].get("items", []), start=1):
            if wanted and not wanted & {_funding_key(f) for f in item["funding"]}:
                continue
            start, end, rule = item_period(record, item)
            rows.append(
                {
                    "id": record["id"],
                    "item": n,
                    "title": record["title"],
                    "cluster": record["cluster"],
                    "ressorts": record["ressorts"],
                    "lead": record["ressorts"][0] if record["ressorts"] else None,
                    **item,
                    "years": years_text(item),
                    "budget_text": record["budget"]["text"],
                    "source": record["source"],
                    "period_start": start.isoformat() if start else None,
                    "period_end": end.isoformat() if end else None,
                    "period_rule": rule,
                    "_open_start": item["basis"] == "per_year" and _open_start(record, item),
                    "_record": record,
                }
            )
    return rows


def owner(row: dict[str, Any]) -> str | None:
    """Whose money a row is: the payer the report names, else the measure's only ministry; None
    for a measure of several ministries whose payer the report does not name."""
    if row["payer"]:
        return str(row["payer"])
    return str(row["ressorts"][0]) if len(row["ressorts"]) == 1 else None


def _months(start: dt.date, end: dt.date | None, year: int) -> int:
    """The months of `year` from the month of `start` to the month of `end` (None: open)."""
    first = start.month if start.year == year else 1
    last = 12 if end is None or end.year > year else end.month
    return max(0, last - first + 1) if start.year <= year and (end is None or year <= end.year) else 0


def _euro(value: Fraction) -> int:
    """Whole euros, halves up (amounts are never negative)."""
    return int(value + Fraction(1, 2))


@dataclass(slots=True)
class Count:
    """What a money row counts in one year: the exact amount, the yearly rate behind it, the
    months, and fko's assumptions."""

    eur: Fraction
    rate: Fraction | None
    months: int | None
    assumptions: list[str]


def in_year(row: dict[str, Any], year: int, report: tuple[int, int]) -> Count | str | None:
    """What an item's amount counts in `year` (before any share between ministries): a Count; a
    reason from LEFT_OUT where the item runs then but is not counted; None where it does not run.

    A yearly amount counts pro rata by months; a total over several years is spread over its months
    (whether that counts is the caller's choice: --annualize)."""
    amount = Fraction(row["amount_eur"])
    start = dt.date.fromisoformat(row["period_start"]) if row["period_start"] else None
    end = dt.date.fromisoformat(row["period_end"]) if row["period_end"] else None
    if start is None and end is None:
        return "years_not_stated"
    basis = row["basis"]
    day = start or end
    if basis in ("year", "one_off") or (basis == "total" and start and end and start.year == end.year):
        return Count(amount, None, None, []) if day is not None and day.year == year else None  # as stated
    if start is None:
        return None
    if basis == "total":
        if year < start.year:
            return None
        if end is None:
            return "no_end"
        months = _months(start, end, year)
        if not months:
            return None
        span = (end.year - start.year) * 12 + end.month - start.month + 1
        rate = amount / row["stated_years"] if row["stated_years"] else amount * 12 / span
        return Count(amount * months / span, rate, months, ["spread", *(["prorated"] if months < 12 else [])])
    months = _months(start, end, year)
    if not months:
        return None
    if row["_open_start"] and year < report[0]:
        return "before_report"
    assumptions = ["prorated"] if months < 12 else []
    rate = amount
    growth, until = row["growth_percent"], row["growth_until"]
    if growth and year > start.year:
        rate = amount * (1 + Fraction(growth).limit_denominator(1000) / 100) ** (min(year, until or year) - start.year)
        assumptions.append("growth")
    if end is None and year > max(report[1], until or 0):
        assumptions.append("carried_on")
    return Count(rate * months / 12, rate, months, assumptions)


def _counted(row: dict[str, Any], count: Count, share: Fraction | None) -> dict[str, Any]:
    part = share if share is not None else Fraction(1)
    row["counted_eur"] = _euro(count.eur * part)
    row["rate_eur"] = _euro(count.rate * part) if count.rate is not None else None
    row["months"] = count.months
    row["assumptions"] = list(count.assumptions)
    row["assumed"] = bool(count.assumptions)
    return row


def _blank(row: dict[str, Any], left_out: str | None = None) -> dict[str, Any]:
    row.update(counted_eur=None, rate_eur=None, months=None, assumed=None, assumptions=[], left_out=left_out)
    return row


def _share(row: dict[str, Any], codes: list[str], split: str) -> Fraction | str | None:
    """With --ressort: the part of a row the ministries count (None: all of it), or why they
    count none of it (other_payer, shared)."""
    if not codes:
        return None
    payer = owner(row)
    if payer is not None:
        return None if payer in codes else "other_payer"
    mine = [c for c in row["ressorts"] if c in codes]
    if len(mine) == len(row["ressorts"]) or split == "full":
        return None
    if split == "equal":
        return Fraction(len(mine), len(row["ressorts"]))
    return "shared"


def view(
    store: Store,
    ressorts: Sequence[str] = (),
    clusters: Sequence[str] = (),
    funding: Sequence[str] = (),
    year: int | None = None,
    split: str = "joint",
    annualize: bool = False,
    measures: Sequence[str] = (),
) -> BudgetView:
    """The budget rows for the filters, each with the amount counted under the stated rule.

    With --ressort: each ministry's own money (see `owner`), a shared measure's by `split`; money
    another paid is listed apart. With a year: what each row counts in it (see `in_year`)."""
    if split not in SPLITS:
        raise UsageError(_("unknown --split '{split}'; use {splits}").format(split=split, splits=", ".join(SPLITS)))
    codes = list(dict.fromkeys(ressort_codes(store, ressorts)))
    report = report_years(store)
    rows = budget_rows(store, clusters, funding)
    if measures:
        rows = [r for r in rows if r["id"] in measures]
    if codes:  # the union: a measure of several of the ministries is one row, counted once
        rows = [r for r in rows if r["payer"] in codes or any(c in r["ressorts"] for c in codes)]
    counted: list[dict[str, Any]] = []
    apart: list[dict[str, Any]] = []
    for source in rows:
        row = dict(source)
        row["shared"] = row["payer"] is None and len(row["ressorts"]) > 1
        row["shared_with"] = [c for c in row["ressorts"] if c not in codes] if codes and row["shared"] else []
        share = _share(row, codes, split)
        part = share if isinstance(share, Fraction) else None
        row["share"] = float(part) if part is not None else None
        row["_share"] = part
        if row["kind"] != "money":  # listed in the years it runs: staff by its years, no funds by the runtime
            if year is None or (covers(row, year) if row["kind"] == "staff" else _runs_in(row["_record"], year)):
                counted.append(_blank(row))
            continue
        found = in_year(row, year, report) if year is not None else None
        if year is not None and found is None:
            continue  # not a row of this year
        if isinstance(share, str):
            apart.append(_blank(row, share))
        elif year is None:  # the stated amount (its share): nothing assumed
            counted.append(_blank(row))
            row["counted_eur"] = _euro(Fraction(row["amount_eur"]) * (part or 1))
            row["assumed"] = False
        elif isinstance(found, str):
            apart.append(_blank(row, found))
        elif isinstance(found, Count) and "spread" in found.assumptions and not annualize:
            apart.append(_blank(row, "total"))
        elif isinstance(found, Count):
            counted.append(_counted(_blank(row), found, part))
    counted.sort(key=_size_order)
    apart.sort(key=_size_order)
    names = sorted({f for r in rows for f in r["funding"] if _funding_key(f) in {_funding_key(w) for w in funding}})
    return BudgetView(counted, apart, year, " + ".join(codes) or None, split, annualize, codes, report, names)


def _runs_in(record: dict[str, Any], year: int) -> bool:
    """Whether a measure runs at some time in `year` by its runtime (an unknown runtime: it may)."""
    start, end, _open_ended, _derived, _rule = period(record)
    return (start is None and end is None) or runs_during(record, dt.date(year, 1, 1), dt.date(year, 12, 31))


def _size_order(row: dict[str, Any]) -> tuple[int, int, str, int]:
    kind_rank = {"money": 0, "staff": 1, "none": 2}[row["kind"]]
    size = row["counted_eur"] if row["counted_eur"] is not None else (row["amount_eur"] or 0)
    return (kind_rank, -size, row["id"], row["item"])


def spread_share(result: BudgetView) -> int:
    """With a year and without --annualize: the sum --annualize would add."""
    if result.year is None:
        return 0
    out = 0
    for row in result.apart:
        if row["left_out"] == "total":
            found = in_year(row, result.year, result.report_years)
            if isinstance(found, Count):
                out += _euro(found.eur * (row["_share"] or 1))
    return out


def year_rows(result: BudgetView, year: int) -> list[dict[str, Any]]:
    """The money rows of a view without --year (shares taken) that count in `year`, with `counted_eur`."""
    out = []
    for source in result.rows:
        if source["kind"] != "money":
            continue
        found = in_year(source, year, result.report_years)
        if not isinstance(found, Count) or ("spread" in found.assumptions and not result.annualize):
            continue
        out.append(_counted(dict(source), found, source["_share"]))
    return out


def _year_entry(year: int, rows: list[dict[str, Any]]) -> dict[str, Any]:
    assumed = [r for r in rows if r["assumed"]]
    ids = sorted(dict.fromkeys(r["id"] for r in assumed), key=_id_order)
    return {
        "group": str(year),
        "year": year,
        "items": len(rows),
        "year_total": sum(r["counted_eur"] for r in rows),
        "stated_eur": sum(r["counted_eur"] for r in rows if not r["assumed"]),
        "assumed_eur": sum(r["counted_eur"] for r in assumed),
        "assumed": bool(assumed),
        "assumed_ids": ids,
        "_rows": rows,
    }


def this_year(result: BudgetView) -> dict[str, Any]:
    """The current year (`result.this_year`) as `years` counts it, whatever years it shows."""
    return _year_entry(result.this_year, year_rows(result, result.this_year))


def year_range(result: BudgetView) -> tuple[int, int] | None:
    """The years `--by year` shows by default: the first to the last year an amount counts as the
    report states it (nothing carried on); None where no amount counts in any year."""
    years = []
    for row in result.rows:
        if row["kind"] != "money" or not row["period_start"]:
            continue
        start = dt.date.fromisoformat(row["period_start"]).year
        end = dt.date.fromisoformat(row["period_end"]).year if row["period_end"] else None
        if row["basis"] == "total" and (end is None or (end != start and not result.annualize)):
            continue
        last = end if end is not None else max(result.report_years[1], row["growth_until"] or 0)
        first = max(start, result.report_years[0]) if row["_open_start"] else start
        years += [first, last]
    return (min(years), max(years)) if years else None


def years(result: BudgetView, first: int | None = None, last: int | None = None) -> list[dict[str, Any]]:
    """Per calendar year (`year_range`, or from `first` / to `last`): what `--year` counts in it,
    the part that rests on fko's assumptions and the measures behind that part."""
    found = year_range(result)
    if found is None and (first is None or last is None):
        return []
    start = first if first is not None else found[0]  # type: ignore[index]
    end = last if last is not None else found[1]  # type: ignore[index]
    if end < start:
        raise UsageError(
            _("the years run from {first} to {last}: the end is before the start").format(first=start, last=end)
        )
    return [_year_entry(year, year_rows(result, year)) for year in range(start, end + 1)]


def peak_year(per_year: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The year with the largest sum where its stated part alone beats every other year's whole
    sum; None otherwise (a peak made by fko's assumptions is no peak)."""
    best = max(per_year, key=lambda e: e["year_total"], default=None)
    if best is None or not best["year_total"]:
        return None
    stated = best["year_total"] - best["assumed_eur"]
    if all(stated > e["year_total"] for e in per_year if e is not best):
        return best
    return None


def _divide(amount: int, parts: int) -> list[int]:
    """`amount` in `parts` whole-euro parts that add up to it exactly (the first ones a euro more)."""
    base, rest = divmod(amount, parts)
    return [base + (1 if n < rest else 0) for n in range(parts)]


def _group_keys(row: dict[str, Any], by: str, result: BudgetView, rank: dict[str, int]) -> list[tuple[str, int]]:
    """The groups a counted row adds to, each with the euros it adds (exactly its counted_eur
    in all, except --by ressort --split full, where a shared row adds it in full to each)."""
    amount = row["counted_eur"]
    if by == "cluster":
        return [(row["cluster"] or "none", amount)]
    if by == "funding":
        return [(" + ".join(row["funding"]) or "not named", amount)]
    payer = owner(row)
    if payer is not None:
        return [(payer, amount)]
    # With --ressort, a shared row counts here only for the asked ministries (its share taken).
    codes = [c for c in row["ressorts"] if not result.codes or c in result.codes]
    if result.split == "full":
        return [(c, amount) for c in codes]
    if result.split == "equal":
        return list(zip(codes, _divide(amount, len(codes)), strict=True))
    return [(" + ".join(sorted(codes, key=lambda c: rank.get(c, 99))), amount)]


def group(
    result: BudgetView, by: str, store: Store, first: int | None = None, last: int | None = None
) -> list[dict[str, Any]]:
    """Sums per ministry (the payer), cluster, funding source or year: with --year what each group
    counts in it (adding up to the one total, except with --split full); without, each group's peak."""
    if by not in GROUPINGS:
        raise UsageError(_("unknown --by '{by}'; use one of {groupings}").format(by=by, groupings=", ".join(GROUPINGS)))
    if by == "year":
        return [{k: v for k, v in e.items() if k != "_rows"} for e in years(result, first, last)]
    # Groups of the same sum in the store's order of the ministries (the first named) or clusters.
    if by == "cluster":
        rank = {c["numeral"]: i for i, c in enumerate(store.clusters())}
    else:
        rank = {r["code"]: i for i, r in enumerate(store.ressorts())} if by == "ressort" else {}

    def place(key: str) -> int:
        return rank.get(key.split(" + ")[0], 99)

    if result.year is not None:
        members = _members(result.rows, by, result, rank)
        out = [_group_entry(key, rows, by, result.year) for key, rows in members.items()]
        out.sort(key=lambda g: (-g["year_total"], place(g["group"]), g["group"]))
        return out
    per_group: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in years(result):
        for key, rows in _members(entry["_rows"], by, result, rank).items():
            per_group[key].append(_year_entry(entry["year"], rows))
    out = []
    for key, entries in per_group.items():
        peak = peak_year(entries)
        out.append(
            {
                "group": key,
                "items": len({(r["id"], r["item"]) for e in entries for r in e["_rows"]}),
                "peak_year": peak["year"] if peak else None,
                "peak_eur": peak["year_total"] if peak else None,
            }
        )
    out.sort(key=lambda g: (g["peak_eur"] is None, -(g["peak_eur"] or 0), place(g["group"])))
    return out


def _members(
    rows: list[dict[str, Any]], by: str, result: BudgetView, rank: dict[str, int]
) -> dict[str, list[dict[str, Any]]]:
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["kind"] != "money" or row["counted_eur"] is None:
            continue
        for key, amount in _group_keys(row, by, result, rank):
            members[key].append({**row, "counted_eur": amount})
    return members


def _group_entry(key: str, rows: list[dict[str, Any]], by: str, year: int) -> dict[str, Any]:
    entry = _year_entry(year, rows)
    entry.pop("_rows")
    entry["group"] = key
    entry["shared_eur"] = sum(r["counted_eur"] for r in rows if r["shared"]) if by == "ressort" else None
    return entry


def _id_order(measure_id: str) -> tuple[int, int]:
    numerals = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "N": 7}
    head, _, tail = measure_id.partition(".")
    return (numerals.get(head, 9), int(tail) if tail.isdigit() else 0)


def counted_twice(groups: list[dict[str, Any]], total: int) -> int:
    """By how much the groups of `--by ressort --split full` exceed the one total."""
    return sum(int(g["year_total"]) for g in groups) - total
