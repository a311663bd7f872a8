"""The views of `fko budget`: the item columns, the group and year columns, and the footer that
says what each sum adds."""

from __future__ import annotations

from typing import Any

from fko.i18n import N_
from fko.output import numbers
from fko.output.fields import Field, key
from fko.views.measures import _amount, _basis_label


def _ministries(row: dict[str, Any]) -> str:
    if row.get("ressort"):
        return f"{row['ressort']} (assigned)"
    codes = ", ".join(row["ressorts"])
    return f"{codes} (shared)" if row.get("shared") else codes


BUDGET_FIELDS: list[Field] = [
    Field("id", N_("ID"), key("id"), keep_whole=True),
    Field("item", N_("Item"), key("item"), numeric=True, in_table=False),
    Field("title", N_("Title"), key("title"), main=True),
    Field("ressorts", N_("Ministries"), key("ressorts"), show=lambda v: "", in_table=False),
    Field("ministries", N_("Ministries"), lambda r: _ministries(r), drop=1),
    Field("kind", N_("Kind"), key("kind"), in_table=False),
    Field("amount", N_("Amount"), lambda r: _amount(r), keep_whole=True),
    Field("amount_eur", N_("Euro"), key("amount_eur"), numeric=True, in_table=False),
    Field("quantity", N_("Quantity"), key("quantity"), numeric=True, in_table=False),
    Field("unit", N_("Unit"), key("unit"), in_table=False),
    Field("basis", N_("Basis"), key("basis"), show=lambda v: _basis_label(v, v or ""), drop=2),
    Field("year_from", N_("From"), key("year_from"), numeric=True, in_table=False),
    Field("year_to", N_("To"), key("year_to"), numeric=True, in_table=False),
    Field("years", N_("Years"), key("years"), drop=3),
    Field("years_derived", N_("Years derived"), key("years_derived"), in_table=False),
    Field("approximate", N_("Approximate"), key("approximate"), in_table=False),
    Field("qualifier", N_("Qualifier"), key("qualifier"), in_table=False),
    Field("funding", N_("Funding"), key("funding"), drop=4),
    Field("ressort", N_("Assigned ministry"), key("ressort"), in_table=False),
    Field("shared", N_("Shared"), key("shared"), in_table=False),
    Field(
        "counted_eur",
        N_("Counted €"),
        key("counted_eur"),
        numeric=True,
        in_table=False,
        show=lambda v: numbers.euro_exact(v) if v is not None else "",
    ),
    Field("attribution", N_("Counted as"), key("attribution"), in_table=False),
    Field("text", N_("Wording"), key("text"), in_table=False),
    Field("note", N_("Note"), key("note"), in_table=False),
    Field("source", N_("Source"), key("source"), in_table=False),
]


def _items(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"


def _per_year_text(entries: list[dict[str, Any]]) -> str:
    """ "2023: 25.100.000 € (2 items)" per year, for amounts of one stated year or one-off ones."""
    by_year: dict[Any, list[int]] = {}
    for row in entries:
        by_year.setdefault(row["year_from"], []).append(row["counted_eur"])
    return "; ".join(
        f"{year if year is not None else 'year not stated'}: {numbers.euro_exact(sum(v))} ({_items(len(v))})"
        for year, v in sorted(by_year.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
    )


def _assumption(entry: dict[str, Any]) -> str:
    """ " It rests on an assumption: the open end of V.6 is carried on." or "" """
    ids = entry["assumed_ids"]
    if not ids:
        return ""
    what = f"the open end of {ids[0]} is" if len(ids) == 1 else f"the open ends of {', '.join(ids)} are"
    return f" It rests on an assumption: {what} carried on."


def _years_footer(result: Any, scope: str) -> list[str]:
    """Without --year: the peak year and the current year, never a sum over years that do not
    run at the same time; totals over several years, and one-year and one-off amounts by year."""
    from fko.domain.budget import peak_year, years

    eur = numbers.euro_exact
    t = result.totals
    money = [r for r in result.rows if r["kind"] == "money" and r["counted_eur"] is not None]
    per_year = years(money, False, None)
    lines = []
    peak = peak_year(per_year)
    if peak:
        lines.append(
            f"Peak year{scope}: {peak['year']}, with {numbers.euro_exact(peak['year_total'])} planned (yearly "
            "amounts running then and amounts stated for that year; totals over several years not included)."
            + _assumption(peak)
        )
        now = next((e for e in per_year if e["year"] == result.this_year), None)
        if now:
            lines.append(
                f"This year ({result.this_year}){scope}: {numbers.euro_exact(now['year_total'])} planned."
                + _assumption(now)
            )
        lines.append("Every year: --by year; one year in detail: --year YYYY.")
    if "total" in t:
        lines.append(
            f"Totals over their stated or derived periods{scope}: {eur(t['total']['eur'])} "
            f"({_items(t['total']['items'])}), each over its own years; not an amount per year."
        )
    for basis, label in (("year", "Amounts for one stated year"), ("one_off", "One-off amounts")):
        entries = [r for r in money if r["basis"] == basis]
        if entries:
            lines.append(f"{label}{scope}: {_per_year_text(entries)}.")
    unstated = [r for r in money if r["basis"] == "per_year" and r["year_from"] is None and r["year_to"] is None]
    if unstated:
        listed = ", ".join(f"{r['id']} {_amount(r)}" for r in unstated)
        lines.append(f"Yearly amounts whose years are not stated, in no year: {listed}.")
    lines.append("These sums are kept apart: a yearly amount and a total over several years do not add up.")
    return lines


def budget_footer(result: Any) -> list[str]:
    """The total lines: each says exactly what it adds up, one basis at a time."""
    lines = []
    eur = numbers.euro_exact
    t = result.totals
    scope = f" for {result.ressort}" if result.ressort else ""
    if result.year is not None:
        parts = f"yearly amounts running in {result.year} and amounts stated for {result.year}"
        if result.annualize:
            parts += ", and totals over several years spread evenly over their years (annualized)"
        entry = t.get("year_total", {"eur": 0, "items": 0})
        lines.append(
            f"Total planned{scope} for {result.year}: {eur(entry['eur'])}, {_items(entry['items'])} ({parts})."
        )
        if "not_attributable" in t:
            apart = t["not_attributable"]
            lines.append(
                f"Not attributable to {result.year}: {eur(apart['eur'])} in {apart['items']} totals over several "
                "years, listed apart and not in the total (--annualize spreads them evenly)."
            )
        if "years_not_stated" in t:
            unstated = t["years_not_stated"]
            lines.append(
                f"Years not stated: {_items(unstated['items'])} ({eur(unstated['eur'])}), listed apart and not in "
                "the total."
            )
    else:
        lines += _years_footer(result, scope)
    staff = [r for r in result.rows if r["kind"] == "staff"]
    if staff:
        listed = "; ".join(f"{r['id']} {numbers.quantity_text(r['quantity'], r['unit'], r['basis'])}" for r in staff)
        lines.append(f"Staff, not in euros and not summed: {listed}.")
    none = [r["id"] for r in result.rows if r["kind"] == "none"]
    if none:
        lines.append(f"No separate funds (not counted as zero): {', '.join(none)}.")
    if not result.ressort:
        lines.append(
            "A measure shared by several ministries is counted once here (and in full for each with --by ressort)."
        )
    elif len(result.codes) > 1:
        lines.append(f"A measure shared by {' and '.join(result.codes)} is counted once here.")
    if result.ressort and any(r["shared_with"] for r in result.rows):
        if result.split == "equal":
            lines.append("Measures shared with other ministries are divided evenly between them (--split equal).")
        else:
            lines.append(
                "Measures shared with other ministries are counted in full (--split equal divides them evenly)."
            )
    return lines


def _peak(row: dict[str, Any]) -> str:
    if row["peak_year"] is None:
        return ""
    return f"{row['peak_year']}{' *' if row['peak_assumed'] else ''}"


#: `fko budget --by ressort|cluster|funding`: without --year each group's peak year and the
#: amount planned in it, beside its totals over several years; with --year what is planned then.
BUDGET_GROUP_FIELDS: list[Field] = [
    Field("group", N_("Group"), key("group"), keep_whole=True),
    Field("items", N_("Items"), key("items"), numeric=True),
    Field("peak_year", N_("Peak year"), key("peak_year"), numeric=True, show=lambda v: "", in_table=False),
    Field("peak", N_("Peak year"), lambda r: _peak(r)),
    Field(
        "peak_eur", N_("Planned in peak year €"), key("peak_eur"), numeric=True, show=lambda v: numbers.euro_exact(v)
    ),
    Field("peak_assumed", N_("Peak rests on an assumption"), key("peak_assumed"), in_table=False),
    Field("total", N_("Totals over several years €"), key("total"), numeric=True, show=lambda v: numbers.euro_exact(v)),
    Field("year_total", N_("Planned €"), key("year_total"), numeric=True, show=lambda v: numbers.euro_exact(v)),
]


#: `fko budget --by year`: what is planned in each year, the totals over several years running
#: then (in full, apart), and the years that rest on an assumption.
BUDGET_YEAR_FIELDS: list[Field] = [
    Field("year", N_("Year"), key("year"), numeric=True, show=lambda v: str(v)),
    Field("items", N_("Items"), key("items"), numeric=True),
    Field("year_total", N_("Planned €"), key("year_total"), numeric=True, show=lambda v: numbers.euro_exact(v)),
    Field(
        "totals_running_eur",
        N_("Totals running €"),
        key("totals_running_eur"),
        numeric=True,
        show=lambda v: numbers.euro_exact(v) if v else "",
    ),
    Field(
        "totals_running_items", N_("Totals running (items)"), key("totals_running_items"), numeric=True, in_table=False
    ),
    Field("assumed", N_("Assumed"), key("assumed"), show=lambda v: "yes *" if v else "", drop=1),
    Field("assumed_ids", N_("Open ends carried"), key("assumed_ids"), drop=2),
]
