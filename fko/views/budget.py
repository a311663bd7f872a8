"""The views of `fko budget`: the item columns, the group and year columns, and the footer that
says what each sum adds, what it leaves out and what fko assumes."""

from __future__ import annotations

from typing import Any

from fko.i18n import N_
from fko.output import numbers
from fko.output.fields import Field, key
from fko.views.measures import _amount, _basis_label

eur = numbers.euro_exact

#: The funding sources a year's total names one by one, with how the footer calls them.
FUNDING_NAMES = {"Land": "Land", "ESF": "ESF", "EFRE": "EFRE", "JTF": "JTF", "Bund (BMBF)": "federal money (BMBF)"}

#: fko's assumptions as the views name them (the JSON key `assumptions` holds the codes).
ASSUMPTION_TEXT = {
    "prorated": "a part of the year counted by its months",
    "spread": "a total spread evenly over its months",
    "growth": "the stated yearly increase compounded",
    "carried_back": "the report's yearly amount counted in a year before the report's period",
    "carried_on": "an amount without a stated end carried on after the years the report states",
}

LEFT_OUT_TEXT = {
    "total": "a total over several years",
    "no_end": "a total without an end",
    "years_not_stated": "years not stated",
    "other_payer": "paid by another",
    "shared": "shared, payer not stated",
}


def _payer(row: dict[str, Any]) -> str:
    return f"{row['payer']} (Bund)" if row["payer"] == "BMBF" else str(row["payer"])


def _ministries(row: dict[str, Any]) -> str:
    """ "MWIKE, MAGS; paid by MWIKE", "MAGS, MSB (shared)", "MAGS": the measure's ministries, the
    payer where the report names one, and whether the money is shared."""
    codes = ", ".join(row["ressorts"])
    if row.get("payer") and row["ressorts"] != [row["payer"]]:
        return f"{codes}; paid by {_payer(row)}"
    return f"{codes} (shared, {row['ressorts'][0]} named first)" if row.get("shared") else codes


def counted_text(row: dict[str, Any]) -> str:
    """How a row's counted amount was found: "2 of 12 months of 10.100.000 €/Jahr *", "in full"."""
    if row["counted_eur"] is None:
        if row.get("left_out") == "other_payer":
            return f"paid by {_payer(row)}"
        return LEFT_OUT_TEXT.get(row.get("left_out") or "", "")
    parts = []
    if row["months"] is not None and row["rate_eur"] is not None:
        rate = f"{eur(row['rate_eur'])}/Jahr"
        if "spread" in row["assumptions"]:
            parts.append(f"{row['months']} of 12 months of {rate} (the total spread)")
        elif row["months"] < 12:
            parts.append(f"{row['months']} of 12 months of {rate}")
        elif "growth" in row["assumptions"]:
            parts.append(f"{rate}, grown {numbers.german_number(row['growth_percent'], 1).removesuffix(',0')} % a year")
        elif row["share"] is None:
            parts.append("in full")
    elif row["share"] is None:
        parts.append("in full")
    if row["share"] is not None:
        parts.append(f"{numbers.german_number(100 * row['share'], 0)} % of a shared measure (--split equal)")
    if "carried_back" in row["assumptions"]:
        parts.append("carried back")
    if "carried_on" in row["assumptions"]:
        parts.append("carried on")
    return ", ".join(parts) + (" *" if row["assumed"] else "")


BUDGET_FIELDS: list[Field] = [
    Field("id", "ID", key("id"), keep_whole=True),
    Field("item", "Item", key("item"), numeric=True, in_table=False),
    Field("title", "Title", key("title"), main=True),
    Field("ressorts", "Ministries", key("ressorts"), show=lambda v: "", in_table=False),
    Field("ministries", "Ministries", lambda r: _ministries(r), drop=1),
    Field("lead", "Lead", key("lead"), in_table=False),
    Field("kind", "Kind", key("kind"), in_table=False),
    Field("amount", "Amount", lambda r: _amount(r), keep_whole=True),
    Field("amount_eur", "Euro", key("amount_eur"), numeric=True, in_table=False),
    Field("quantity", "Quantity", key("quantity"), numeric=True, in_table=False),
    Field("unit", "Unit", key("unit"), in_table=False),
    Field("basis", "Basis", key("basis"), show=lambda v: _basis_label(v, v or ""), drop=2),
    Field("year_from", "From", key("year_from"), numeric=True, in_table=False),
    Field("year_to", "To", key("year_to"), numeric=True, in_table=False),
    Field("years", "Years", key("years"), drop=3),
    Field("years_derived", "Years derived", key("years_derived"), in_table=False),
    Field("stated_years", "Stated years", key("stated_years"), numeric=True, in_table=False),
    Field("growth_percent", "Growth % a year", key("growth_percent"), numeric=True, in_table=False),
    Field("growth_until", "Growth until", key("growth_until"), numeric=True, in_table=False),
    Field("approximate", "Approximate", key("approximate"), in_table=False),
    Field("qualifier", "Qualifier", key("qualifier"), in_table=False),
    Field("funding", "Funding", key("funding"), drop=4),
    Field("payer", "Payer", key("payer"), in_table=False),
    Field("payer_text", "Payer (report)", key("payer_text"), in_table=False),
    Field("shared", "Shared", key("shared"), in_table=False),
    Field("period_start", "Period start", key("period_start"), in_table=False),
    Field("period_end", "Period end", key("period_end"), in_table=False),
    Field(
        "counted_eur",
        N_("Counted €"),
        key("counted_eur"),
        numeric=True,
        in_table=False,
        show=lambda v: eur(v) if v is not None else "",
    ),
    Field("rate_eur", "Rate €/year", key("rate_eur"), numeric=True, in_table=False),
    Field("months", "Months", key("months"), numeric=True, in_table=False),
    Field("share", "Share", key("share"), numeric=True, in_table=False),
    Field("counted_as", "Counted as", lambda r: counted_text(r), in_table=False),
    Field("assumptions", "fko's assumptions", key("assumptions"), in_table=False),
    Field("left_out", "Left out", key("left_out"), in_table=False),
    Field("text", "Wording", key("text"), in_table=False),
    Field("note", "Note", key("note"), in_table=False),
    Field("source", "Source", key("source"), in_table=False),
]


def _items(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"


def _ids(rows: list[dict[str, Any]]) -> str:
    return ", ".join(dict.fromkeys(r["id"] for r in rows))


def _per_year_text(entries: list[dict[str, Any]]) -> str:
    """ "2023: 25.100.000 € (2 items)" per year, for amounts of one stated year or one-off ones."""
    by_year: dict[Any, list[int]] = {}
    for row in entries:
        by_year.setdefault(row["year_from"], []).append(row["counted_eur"])
    return "; ".join(
        f"{year if year is not None else 'year not stated'}: {eur(sum(v))} ({_items(len(v))})"
        for year, v in sorted(by_year.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
    )


def assumed_text(rows: list[dict[str, Any]]) -> str:
    """ "a part of the year counted by its months (II.8, II.9, I.8)": each assumption behind the
    rows with the measures that rest on it."""
    from fko.domain.budget import ASSUMPTIONS

    parts = []
    for name in ASSUMPTIONS:
        marked = [r for r in rows if name in r["assumptions"]]
        if marked:
            parts.append(f"{ASSUMPTION_TEXT[name]} ({_ids(marked)})")
    return "; ".join(parts)


def _funding_line(rows: list[dict[str, Any]], apart: list[dict[str, Any]]) -> str:
    """What a year's total includes, by the funding the report names, each with its amount; a
    funding source it holds nothing of is named as such (in totals left out, or none)."""
    sums: dict[tuple[str, ...], int] = {}
    for row in rows:
        sums[tuple(row["funding"])] = sums.get(tuple(row["funding"]), 0) + row["counted_eur"]
    named = []
    for funding, amount in sorted(sums.items(), key=lambda kv: -kv[1]):
        if not funding:
            continue
        words = [FUNDING_NAMES.get(f, f) for f in funding]
        together = " and ".join(words) + (" together (the report does not split them)" if len(words) > 1 else "")
        named.append(f"{together} {eur(amount)}")
    if () in sums:
        named.append(f"funding not named {eur(sums[()])}")
    seen = {f for funding in sums for f in funding}
    left = {f for r in apart for f in r["funding"]}
    line = "It includes: " + "; ".join(named) if named else "It includes nothing"
    for names, what in (
        ([f for f in FUNDING_NAMES if f not in seen and f in left], "only in amounts it leaves out"),
        ([f for f in FUNDING_NAMES if f not in seen and f not in left], "none"),
    ):
        words = [FUNDING_NAMES[f] for f in names]
        if words:
            line += f"; {', '.join(words[:-1])}{' and ' if len(words) > 1 else ''}{words[-1]}: {what}"
    return line + "."


def _left_out_lines(result: Any) -> list[str]:
    """What a year's total leaves out, by reason, with the year's share where one exists."""
    from fko.domain.budget import spread_share

    apart = result.apart
    lines = []
    totals = [r for r in apart if r["left_out"] == "total"]
    no_end = [r for r in apart if r["left_out"] == "no_end"]
    unstated = [r for r in apart if r["left_out"] == "years_not_stated"]
    parts = []
    if totals:
        parts.append(
            f"{len(totals)} totals over several years ({_ids(totals)}); spread over their months they would "
            f"add {eur(spread_share(result))} to {result.year} (--annualize)"
            if len(totals) > 1
            else f"1 total over several years ({_ids(totals)}); spread over its months it would add "
            f"{eur(spread_share(result))} to {result.year} (--annualize)"
        )
    if no_end:
        parts.append("totals without a stated end, which no rule spreads: " + ", ".join(_amounted(no_end)))
    if unstated:
        parts.append("amounts whose years are not stated: " + ", ".join(_amounted(unstated)))
    lines.append("It leaves out: " + "; ".join(parts) + "." if parts else "It leaves out nothing that runs then.")
    return lines + _others_lines(result)


def _amounted(rows: list[dict[str, Any]]) -> list[str]:
    return [f"{r['id']} {_amount(r)}" for r in rows]


def year_footer(result: Any) -> list[str]:
    """With --year: the one total, what it adds, the part fko assumes, the funding it holds and
    what it leaves out."""
    scope = f" for {result.ressort}" if result.ressort else ""
    money = [r for r in result.rows if r["counted_eur"] is not None]
    adds = (
        f"yearly amounts running in {result.year} (pro rata by months where a measure starts or ends during the "
        f"year) and amounts stated for {result.year}"
    )
    if result.annualize:
        adds += ", and totals over several years spread evenly over their months (--annualize)"
    lines = [f"Total{scope} for {result.year}: {eur(result.total)} in {_items(len(money))}: {adds}."]
    assumed = [r for r in money if r["assumed"]]
    if assumed:
        lines.append(f"Of it, {eur(result.assumed_eur)} rest on fko's assumptions (marked *): {assumed_text(assumed)}.")
    else:
        lines.append("None of it rests on an assumption of fko.")
    lines.append(_funding_line(money, result.apart))
    lines += _left_out_lines(result)
    return lines


def years_footer(result: Any, per_year: list[dict[str, Any]], scope: str) -> list[str]:
    """Without --year: the peak year where the data supports one, this year, the one-year and
    one-off amounts by year; never a sum over years that do not run at the same time."""
    from fko.domain.budget import peak_year

    money = [r for r in result.rows if r["kind"] == "money" and r["counted_eur"] is not None]
    lines = []
    peak = peak_year(per_year)
    if peak:
        rest = (
            "none of it rests on an assumption of fko"
            if not peak["assumed_eur"]
            else f"{eur(peak['assumed_eur'])} of it rest on fko's assumptions"
        )
        lines.append(
            f"Peak year{scope}: {peak['year']}, with {eur(peak['year_total'])} (yearly amounts running then and "
            f"amounts stated for it; {rest})."
        )
    elif per_year:
        lines.append(f"No peak year{scope}: no year's sum without what fko assumes exceeds every other year's sum.")
    from fko.domain.budget import this_year

    now = this_year(result)
    if now["year_total"]:
        rest = (
            f", of which {eur(now['assumed_eur'])} rest on fko's assumptions: {assumed_text(now['_rows'])}"
            if now["assumed_eur"]
            else ""
        )
        lines.append(f"This year ({result.this_year}){scope}: {eur(now['year_total'])}{rest}.")
    if per_year:
        lines.append("Every year: --by year; one year with its rows: --year YYYY.")
    for basis, label in (("year", "Amounts for one stated year"), ("one_off", "One-off amounts")):
        entries = [r for r in money if r["basis"] == basis]
        if entries:
            lines.append(f"{label}{scope}: {_per_year_text(entries)}.")
    totals = [r for r in money if r["basis"] == "total"]
    if totals:
        lines.append(
            f"{_items(len(totals)).replace('item', 'total')} over several years{scope} are listed with their years and "
            "not added up: each covers its own years (--annualize with --year or --by year counts their share of a "
            "year)."
        )
    unstated = [r for r in money if not r["period_start"] and not r["period_end"]]
    if unstated:
        lines.append(f"Amounts whose years are not stated, in no year: {', '.join(_amounted(unstated))}.")
    return lines


def budget_footer(result: Any, per_year: list[dict[str, Any]] | None = None) -> list[str]:
    """The footer of `fko budget`: each line says exactly what it adds up, and what it leaves."""
    scope = f" for {result.ressort}" if result.ressort else ""
    lines = year_footer(result) if result.year is not None else years_footer(result, per_year or [], scope)
    if result.year is None:
        lines += _others_lines(result)
    staff = [r for r in result.rows if r["kind"] == "staff"]
    if staff:
        listed = "; ".join(f"{r['id']} {numbers.quantity_text(r['quantity'], r['unit'], r['basis'])}" for r in staff)
        lines.append(f"Staff, not in euros and not summed: {listed}.")
    none = [r["id"] for r in result.rows if r["kind"] == "none"]
    if none:
        lines.append(f"No separate funds (not counted as zero): {', '.join(none)}.")
    noted = [r for r in result.rows + result.apart if r["kind"] == "money" and r["note"]]
    if noted:
        lines.append("Notes: " + "; ".join(f"{r['id']}: {r['note']}" for r in noted) + ".")
    paid = [r for r in result.rows + result.apart if r["kind"] == "money" and r["payer"]]
    if paid:
        lines.append(
            "Where the report says who pays, the amount is the payer's: "
            + ", ".join(f"{r['id']} {_payer(r)}" for r in sorted(paid, key=lambda r: _id_key(r["id"])))
            + "; the money of a measure of several ministries whose payer it does not name is theirs together"
            + (" (--split full or equal for each)." if not result.ressort else ".")
        )
    return lines


def _id_key(measure_id: str) -> tuple[int, int]:
    from fko.domain.budget import _id_order

    return _id_order(measure_id)


def _others_lines(result: Any) -> list[str]:
    """With --ressort: the rows the report says another pays, and the shared ones not counted."""
    lines = []
    others = [r for r in result.apart if r["left_out"] == "other_payer"]
    if others:
        lines.append(
            "Left to others (the report says who pays): "
            + "; ".join(f"{r['id']} {_amount(r)}, paid by {_payer(r)}" for r in others)
            + "."
        )
    shared = [r for r in result.apart if r["left_out"] == "shared"]
    if shared:
        lines.append(
            f"Shared with other ministries, payer not stated (not counted for {result.ressort}; --split full counts "
            "them in full, --split equal divides them): "
            + "; ".join(f"{r['id']} {_amount(r)} with {', '.join(r['shared_with'])}" for r in shared)
            + "."
        )
    return lines


def group_footer(result: Any, groups: list[dict[str, Any]], by: str) -> list[str]:
    """`--by ressort|cluster|funding`: with --year, the one total the groups add up to (or by how
    much and why they exceed it); without, what a peak year means."""
    from fko.domain.budget import counted_twice

    if result.year is None:
        none = [g["group"] for g in groups if g["peak_year"] is None]
        lines = [
            "Peak year: the year with the group's largest sum, named only where that sum without what fko assumes "
            "exceeds every other year's sum."
        ]
        if none:
            lines.append(
                f"No peak year for {', '.join(none)}: the same amount every year, or a largest sum only through "
                "fko's assumptions (--by year with -r or -c shows the years)."
            )
        lines.append("One year, adding up to its total: --year YYYY.")
        return lines
    lines = year_footer(result)
    over = counted_twice(groups, result.total)
    if by == "ressort" and over:
        shared = sorted({g["group"] for g in groups if g["shared_eur"]})
        lines.insert(
            1,
            f"The ministries' rows add up to {eur(result.total + over)}, {eur(over)} more than the total: "
            f"--split full counts each shared measure whose payer the report does not name in full for each of "
            f"its ministries ({', '.join(shared)}).",
        )
    elif by == "ressort":
        lines.insert(
            1,
            "The rows add up to the total: each amount counts for its payer or its only ministry; shared measures "
            "whose payer the report does not name "
            + ("are divided evenly (--split equal)." if result.split == "equal" else "form a group of their own."),
        )
    else:
        lines.insert(1, "The rows add up to the total.")
    return lines


def by_year_notes(groups: list[dict[str, Any]], result: Any, first: int | None, last: int | None) -> list[str]:
    """`--by year`: what each column adds, what is assumed, and why the years run as they do."""
    first_report, last_report = result.report_years
    lines = [
        "Planned: what --year counts in the year: yearly amounts running then, pro rata by months where a measure "
        "starts or ends during the year, and amounts stated for it"
        + ("; totals over several years spread evenly over their months (--annualize)." if result.annualize else ".")
    ]
    if not result.annualize:
        lines.append("Totals over several years are not in it: --annualize spreads them over their months.")
    assumed = [g for g in groups if g["assumed"]]
    if assumed:
        lines.append(
            "Assumed: the part of Planned that rests on fko's assumptions (* years): a part of a year counted by its "
            f"months; a yearly amount of a programme running 'seit' a year counted before {first_report} (before the "
            f"report's period {first_report}–{last_report}); an amount without a stated end carried on after "
            f"{last_report} (or after the last year of a stated increase); the stated increase compounded"
            + ("; a total spread over its months" if result.annualize else "")
            + ". The IDs are listed."
        )
    if groups:
        shown = f"The years run from {groups[0]['group']} to {groups[-1]['group']}"
        if first is None and last is None:
            shown += (
                ", the first and last year in which an amount counts as the report states it (--from YEAR and "
                "--extend-to YEAR for more)."
            )
        else:
            shown += " (--from, --extend-to)."
        lines.append(shown)
    return lines


def _peak(row: dict[str, Any]) -> str:
    return "" if row["peak_year"] is None else str(row["peak_year"])


#: `fko budget --by ressort|cluster|funding`: without --year each group's peak year (where the
#: data supports one) and its sum there; with --year what each group counts in that year.
BUDGET_GROUP_FIELDS: list[Field] = [
    Field("group", "Group", key("group"), keep_whole=True),
    Field("items", "Items", key("items"), numeric=True),
    Field("peak_year", "Peak year", key("peak_year"), numeric=True, show=lambda v: "" if v is None else str(v)),
    Field("peak_eur", "Planned in peak year €", key("peak_eur"), numeric=True, show=lambda v: eur(v)),
    Field("year_total", "Planned €", key("year_total"), numeric=True, show=lambda v: eur(v)),
    Field("assumed_eur", "Assumed €", key("assumed_eur"), numeric=True, show=lambda v: eur(v) if v else ""),
    Field("shared_eur", "Shared €", key("shared_eur"), numeric=True, show=lambda v: eur(v) if v else ""),
]


#: `fko budget --by year`: what is planned in each year, the part fko assumes, and the measures
#: behind that part.
BUDGET_YEAR_FIELDS: list[Field] = [
    Field("year", "Year", key("year"), numeric=True, show=lambda v: str(v)),
    Field("items", "Items", key("items"), numeric=True),
    Field("year_total", "Planned €", key("year_total"), numeric=True, show=lambda v: eur(v)),
    Field("assumed_eur", "Assumed €", key("assumed_eur"), numeric=True, show=lambda v: eur(v) if v else "", drop=1),
    Field("assumed", "Assumed", key("assumed"), show=lambda v: "*" if v else "", in_table=False),
    Field("assumed_ids", "Assumed for", key("assumed_ids"), drop=2),
]
