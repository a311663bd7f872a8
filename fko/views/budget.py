"""The views of `fko budget`: the item columns, the group and year columns, and the footer that
says what each sum adds, what it leaves out and what fko assumes."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fko.i18n import N_, _, data_note, in_english, ngettext
from fko.output import numbers
from fko.output.fields import Field, key
from fko.views.measures import _amount, _basis_label, amount_text, date_shown, years_shown

eur = numbers.euro_exact

#: The funding sources a year's total names one by one, with how the footer calls them.
FUNDING_NAMES = {
    "Land": "Land",
    "ESF": "ESF",
    "EFRE": "EFRE",
    "JTF": "JTF",
    "Bund (BMBF)": N_("federal money (BMBF)"),
    "GRW (Bund und Land)": N_("GRW (Bund and Land)"),
}

#: fko's assumptions as the views name them (the JSON key `assumptions` holds the codes).
ASSUMPTION_TEXT = {
    "prorated": N_("a part of the year counted by its months"),
    "spread": N_("a total spread evenly over its months"),
    "growth": N_("the stated yearly increase compounded"),
    "carried_on": N_("an amount without a stated end carried on after the years the report states"),
}

LEFT_OUT_TEXT = {
    "total": N_("a total over several years"),
    "no_end": N_("a total without an end"),
    "years_not_stated": N_("years not stated"),
    "before_report": N_("'seit': counted from the report's period"),
    "other_payer": N_("paid by another"),
    "shared": N_("shared, payer not stated"),
}


def _payer(row: dict[str, Any]) -> str:
    return f"{row['payer']} (Bund)" if row["payer"] == "BMBF" else str(row["payer"])


def _ministries(row: dict[str, Any]) -> str:
    """ "MWIKE, MAGS; paid by MWIKE", "MAGS, MSB (shared)", "MAGS": the measure's ministries, the
    payer where the report names one, and whether the money is shared."""
    codes = ", ".join(row["ressorts"])
    if row.get("payer") and row["ressorts"] != [row["payer"]]:
        return _("{codes}; paid by {payer}").format(codes=codes, payer=_payer(row))
    if row.get("shared"):
        return _("{codes} (shared, {first} named first)").format(codes=codes, first=row["ressorts"][0])
    return codes


def counted_text(row: dict[str, Any]) -> str:
    """How a row's counted amount was found: "2 of 12 months of 10.100.000 €/Jahr *", "in full"."""
    if row["counted_eur"] is None:
        if row.get("left_out") == "other_payer":
            return _("paid by {payer}").format(payer=_payer(row))
        return _(LEFT_OUT_TEXT.get(row.get("left_out") or "", ""))
    parts = []
    if row["months"] is not None and row["rate_eur"] is not None:
        rate = f"{eur(row['rate_eur'])}/Jahr"
        if "spread" in row["assumptions"]:
            parts.append(
                _("{months} of 12 months of {rate} (the total spread)").format(months=row["months"], rate=rate)
            )
        elif row["months"] < 12:
            parts.append(_("{months} of 12 months of {rate}").format(months=row["months"], rate=rate))
        elif "growth" in row["assumptions"]:
            growth = numbers.german_number(row["growth_percent"], 1).removesuffix(",0")
            parts.append(_("{rate}, grown {percent} % a year").format(rate=rate, percent=growth))
        elif row["share"] is None:
            parts.append(_("in full"))
    elif row["share"] is None:
        parts.append(_("in full"))
    if row["share"] is not None:
        share = numbers.german_number(100 * row["share"], 0)
        parts.append(_("{percent} % of a shared measure (--split equal)").format(percent=share))
    if "carried_on" in row["assumptions"]:
        parts.append(_("carried on"))
    return ", ".join(parts) + (" *" if row["assumed"] else "")


BUDGET_FIELDS: list[Field] = [
    Field("id", N_("ID"), key("id"), keep_whole=True),
    Field("item", N_("Item"), key("item"), numeric=True, in_table=False),
    Field("title", N_("Title"), key("title"), main=True),
    Field("ressorts", N_("Ministries"), key("ressorts"), show=lambda v: "", in_table=False),
    Field("ministries", N_("Ministries"), lambda r: in_english(_ministries, r), view=_ministries, drop=1),
    Field("lead", N_("Lead"), key("lead"), in_table=False),
    Field("kind", N_("Kind"), key("kind"), in_table=False),
    Field("amount", N_("Amount"), _amount, view=amount_text),
    Field("amount_eur", N_("Euro"), key("amount_eur"), numeric=True, in_table=False),
    Field("quantity", N_("Quantity"), key("quantity"), numeric=True, in_table=False),
    Field("unit", N_("Unit"), key("unit"), in_table=False),
    Field("basis", N_("Basis"), key("basis"), show=lambda v: _basis_label(v, v or ""), drop=2),
    Field("year_from", N_("From"), key("year_from"), numeric=True, in_table=False),
    Field("year_to", N_("To"), key("year_to"), numeric=True, in_table=False),
    Field("years", N_("Years"), key("years"), view=years_shown, drop=3),
    Field("years_derived", N_("Years derived"), key("years_derived"), in_table=False),
    Field("stated_years", N_("Stated years"), key("stated_years"), numeric=True, in_table=False),
    Field("growth_percent", N_("Growth % a year"), key("growth_percent"), numeric=True, in_table=False),
    Field("growth_until", N_("Growth until"), key("growth_until"), numeric=True, in_table=False),
    Field("approximate", N_("Approximate"), key("approximate"), in_table=False),
    Field("qualifier", N_("Qualifier"), key("qualifier"), in_table=False),
    Field("funding", N_("Funding"), key("funding"), drop=4),
    Field("payer", N_("Payer"), key("payer"), in_table=False),
    Field("payer_text", N_("Payer (report)"), key("payer_text"), in_table=False),
    Field("shared", N_("Shared"), key("shared"), in_table=False),
    Field("period_start", N_("Period start"), key("period_start"), in_table=False, show=date_shown),
    Field("period_end", N_("Period end"), key("period_end"), in_table=False, show=date_shown),
    Field("counted_eur", N_("Counted €"), key("counted_eur"), numeric=True, in_table=False, show=eur),
    Field("rate_eur", N_("Rate €/year"), key("rate_eur"), numeric=True, in_table=False),
    Field("months", N_("Months"), key("months"), numeric=True, in_table=False),
    Field("share", N_("Share"), key("share"), numeric=True, in_table=False),
    Field("counted_as", N_("Counted as"), lambda r: in_english(counted_text, r), view=counted_text, in_table=False),
    Field("assumptions", N_("fko's assumptions"), key("assumptions"), in_table=False),
    Field("left_out", N_("Left out"), key("left_out"), in_table=False),
    Field("text", N_("Wording"), key("text"), in_table=False),
    Field("note", N_("Note"), key("note"), in_table=False),
    Field("source", N_("Source"), key("source"), in_table=False),
]


def _items(n: int) -> str:
    return ngettext("{n} item", "{n} items", n).format(n=n)


def _ids(rows: list[dict[str, Any]]) -> str:
    return ", ".join(dict.fromkeys(r["id"] for r in rows))


def _ids_counted(rows: list[dict[str, Any]]) -> str:
    """ "I.11, II.4 (2 items)": each measure once, with its number of rows where it has several."""
    counts = Counter(row["id"] for row in rows)
    return ", ".join(f"{i} ({_items(n)})" if n > 1 else i for i, n in counts.items())


def _per_year_text(entries: list[dict[str, Any]]) -> str:
    """ "2023: 25.100.000 € (2 items)" per year, for amounts of one stated year or one-off ones."""
    by_year: dict[Any, list[int]] = {}
    for row in entries:
        by_year.setdefault(row["year_from"], []).append(row["counted_eur"])
    unstated = _("year not stated")
    return "; ".join(
        f"{year if year is not None else unstated}: {eur(sum(v))} ({_items(len(v))})"
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
            parts.append(f"{_(ASSUMPTION_TEXT[name])} ({_ids(marked)})")
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
        words = [_(FUNDING_NAMES.get(f, f)) for f in funding]
        together = (" " + _("and") + " ").join(words)
        if len(words) > 1:
            together = _("{names} together (the report does not split them)").format(names=together)
        named.append(f"{together} {eur(amount)}")
    if () in sums:
        named.append(_("funding not named {amount}").format(amount=eur(sums[()])))
    seen = {f for funding in sums for f in funding}
    left = {f for r in apart for f in r["funding"]}
    line = _("It includes: {parts}").format(parts="; ".join(named)) if named else _("It includes nothing")
    for names, what in (
        ([f for f in FUNDING_NAMES if f not in seen and f in left], _("only in amounts it leaves out")),
        ([f for f in FUNDING_NAMES if f not in seen and f not in left], _("none")),
    ):
        words = [_(FUNDING_NAMES[f]) for f in names]
        if words:
            last = " " + _("and") + " " if len(words) > 1 else ""
            line += f"; {', '.join(words[:-1])}{last}{words[-1]}: {what}"
    return line + "."


def _left_out_lines(result: Any) -> list[str]:
    """What a year's total leaves out, by reason, with the year's share where one exists."""
    from fko.domain.budget import spread_share

    apart = result.apart
    totals = [r for r in apart if r["left_out"] == "total"]
    no_end = [r for r in apart if r["left_out"] == "no_end"]
    unstated = [r for r in apart if r["left_out"] == "years_not_stated"]
    parts = []
    if totals:
        parts.append(
            ngettext(
                "{n} total over several years ({ids}); spread over its months it would add {amount} to {year} "
                "(--annualize)",
                "{n} totals over several years ({ids}); spread over their months they would add {amount} to {year} "
                "(--annualize)",
                len(totals),
            ).format(n=len(totals), ids=_ids_counted(totals), amount=eur(spread_share(result)), year=result.year)
        )
    if no_end:
        parts.append(
            _("totals without a stated end, which no rule spreads: {amounts}").format(amounts=_amounted(no_end))
        )
    if unstated:
        parts.append(_("amounts whose years are not stated: {amounts}").format(amounts=_amounted(unstated)))
    before = [r for r in apart if r["left_out"] == "before_report"]
    if before:
        parts.append(
            _(
                "yearly amounts of programmes running 'seit' an earlier year, which the report plans for its period "
                "{first}–{last}, not for {year}: {amounts}"
            ).format(
                first=result.report_years[0],
                last=result.report_years[1],
                year=result.year,
                amounts=_amounted(before),
            )
        )
    if parts:
        line = _("It leaves out: {parts}.").format(parts="; ".join(parts))
    else:
        line = _("It leaves out nothing that runs then.")
    return [line, *_others_lines(result)]


def _amounted(rows: list[dict[str, Any]]) -> str:
    return ", ".join(f"{r['id']} {amount_text(r)}" for r in rows)


def year_footer(result: Any) -> list[str]:
    """With --year: the one total, what it adds, the part fko assumes, the funding it holds and
    what it leaves out."""
    scope = scope_text(result)
    money = [r for r in result.rows if r["counted_eur"] is not None]
    adds = _(
        "yearly amounts running in {year} (pro rata by months where a measure starts or ends during the "
        "year) and amounts stated for {year}"
    ).format(year=result.year)
    if result.annualize:
        adds += _(", and totals over several years spread evenly over their months (--annualize)")
    lines = [
        _("Total{scope} for {year}: {total} in {items}: {adds}.").format(
            scope=scope, year=result.year, total=eur(result.total), items=_items(len(money)), adds=adds
        )
    ]
    assumed = [r for r in money if r["assumed"]]
    if assumed:
        lines.append(
            _("Of it, {amount} rest on fko's assumptions (marked *): {assumptions}.").format(
                amount=eur(result.assumed_eur), assumptions=assumed_text(assumed)
            )
        )
    else:
        lines.append(_("None of it rests on an assumption of fko."))
    lines.append(_funding_line(money, result.apart))
    lines += _left_out_lines(result)
    return lines


def years_footer(result: Any, per_year: list[dict[str, Any]], scope: str) -> list[str]:
    """Without --year: the peak year where the data supports one, this year, the one-year and
    one-off amounts by year; never a sum over years that do not run at the same time."""
    from fko.domain.budget import peak_year, this_year

    money = [r for r in result.rows if r["kind"] == "money" and r["counted_eur"] is not None]
    lines = []
    peak = peak_year(per_year)
    if peak:
        rest = (
            _("none of it rests on an assumption of fko")
            if not peak["assumed_eur"]
            else _("{amount} of it rest on fko's assumptions").format(amount=eur(peak["assumed_eur"]))
        )
        lines.append(
            _(
                "Peak year{scope}: {year}, with {total} (yearly amounts running then and amounts stated for it; "
                "{rest})."
            ).format(scope=scope, year=peak["year"], total=eur(peak["year_total"]), rest=rest)
        )
    elif per_year:
        lines.append(
            _("No peak year{scope}: no year's sum without what fko assumes exceeds every other year's sum.").format(
                scope=scope
            )
        )
    now = this_year(result)
    if now["year_total"]:
        rest = (
            _(", of which {amount} rest on fko's assumptions: {assumptions}").format(
                amount=eur(now["assumed_eur"]), assumptions=assumed_text(now["_rows"])
            )
            if now["assumed_eur"]
            else ""
        )
        lines.append(
            _("This year ({year}){scope}: {total}{rest}.").format(
                year=result.this_year, scope=scope, total=eur(now["year_total"]), rest=rest
            )
        )
    if per_year:
        lines.append(_("Every year: --by year; one year with its rows: --year YYYY."))
    for basis, label in (("year", N_("Amounts for one stated year")), ("one_off", N_("One-off amounts"))):
        entries = [r for r in money if r["basis"] == basis]
        if entries:
            lines.append(f"{_(label)}{scope}: {_per_year_text(entries)}.")
    endless = [r for r in money if r["basis"] == "total" and r["period_start"] and not r["period_end"]]
    totals = [r for r in money if r["basis"] == "total" and r not in endless]
    if totals:
        lines.append(
            ngettext(
                "{n} total over several years{scope} are listed with their years and not added up: each covers its "
                "own years (--annualize with --year or --by year counts their share of a year).",
                "{n} totals over several years{scope} are listed with their years and not added up: each covers its "
                "own years (--annualize with --year or --by year counts their share of a year).",
                len(totals),
            ).format(n=len(totals), scope=scope)
        )
    if endless:
        lines.append(
            _("Totals without a stated end, counted in no year (--annualize cannot spread them): {amounts}.").format(
                amounts=_amounted(endless)
            )
        )
    unstated = [r for r in money if not r["period_start"] and not r["period_end"]]
    if unstated:
        lines.append(
            _("Amounts whose years are not stated, in no year: {amounts}.").format(amounts=_amounted(unstated))
        )
    return lines


def budget_footer(result: Any, per_year: list[dict[str, Any]] | None = None) -> list[str]:
    """The footer of `fko budget`: each line says exactly what it adds up, and what it leaves."""
    scope = scope_text(result)
    lines = year_footer(result) if result.year is not None else years_footer(result, per_year or [], scope)
    if result.year is None:
        lines += _others_lines(result)
    lines += _mixed_lines(result)
    staff = [r for r in result.rows if r["kind"] == "staff"]
    if staff:
        listed = "; ".join(f"{r['id']} {numbers.quantity_text(r['quantity'], r['unit'], r['basis'])}" for r in staff)
        lines.append(_("Staff, not in euros and not summed: {staff}.").format(staff=listed))
    none = [r["id"] for r in result.rows if r["kind"] == "none"]
    if none:
        lines.append(_("No separate funds (not counted as zero): {ids}.").format(ids=", ".join(none)))
    noted = [r for r in result.rows + result.apart if r["kind"] == "money" and r["note"]]
    if noted:
        lines.append(_("Notes: {notes}.").format(notes="; ".join(f"{r['id']}: {data_note(r['note'])}" for r in noted)))
    paid = [r for r in result.rows + result.apart if r["kind"] == "money" and r["payer"]]
    if paid:
        from fko.domain.budget import _id_order

        payers = ", ".join(f"{r['id']} {_payer(r)}" for r in sorted(paid, key=lambda r: _id_order(r["id"])))
        if result.ressort:
            text = _(
                "Where the report says who pays, the amount is the payer's: {payers}; the money of a measure of "
                "several ministries whose payer it does not name is theirs together."
            )
        else:
            text = _(
                "Where the report says who pays, the amount is the payer's: {payers}; the money of a measure of "
                "several ministries whose payer it does not name is theirs together (--split full or equal for each)."
            )
        lines.append(text.format(payers=payers))
    return lines


def scope_text(result: Any) -> str:
    """ " for MAGS" with --ressort, " (funding: Land)" with --funding, else nothing: where a title or a
    sentence of the footer names what it is filtered to."""
    text = _(" for {ressort}").format(ressort=result.ressort) if result.ressort else ""
    if result.funding:
        text += _(" (funding: {names})").format(names=", ".join(_(FUNDING_NAMES.get(f, f)) for f in result.funding))
    return text


def _mixed_lines(result: Any) -> list[str]:
    """With --funding: the items whose funding the report names only together with another
    source, counted here in full and again under the other (II.8, II.9 "Landes- und ESF-Mittel")."""
    if not result.funding:
        return []
    mixed = [r for r in result.rows + result.apart if r["kind"] == "money" and len(r["funding"]) > 1]
    if not mixed:
        return []
    listed = "; ".join(f"{r['id']} {amount_text(r)} ({' + '.join(r['funding'])})" for r in mixed)
    return [
        _(
            "Not split: the report names these funds only together, so they count here in full and again under "
            "--funding for each of their other sources: {rows}."
        ).format(rows=listed)
    ]


def _others_lines(result: Any) -> list[str]:
    """With --ressort: the rows the report says another pays, and the shared ones not counted."""
    lines = []
    others = [r for r in result.apart if r["left_out"] == "other_payer"]
    if others:
        paid = _("{id} {amount}, paid by {payer}")
        listed = "; ".join(paid.format(id=r["id"], amount=amount_text(r), payer=_payer(r)) for r in others)
        lines.append(_("Left to others (the report says who pays): {rows}.").format(rows=listed))
    shared = [r for r in result.apart if r["left_out"] == "shared"]
    if shared:
        listed = "; ".join(
            _("{id} {amount} with {ministries}").format(
                id=r["id"], amount=amount_text(r), ministries=", ".join(r["shared_with"])
            )
            for r in shared
        )
        lines.append(
            _(
                "Shared with other ministries, payer not stated (not counted for {ressort}; --split full counts "
                "them in full, --split equal divides them): {rows}."
            ).format(ressort=result.ressort, rows=listed)
        )
    return lines


def group_footer(result: Any, groups: list[dict[str, Any]], by: str) -> list[str]:
    """`--by ressort|cluster|funding`: with --year, the one total the groups add up to (or by how
    much and why they exceed it); without, what a peak year means."""
    from fko.domain.budget import counted_twice

    if result.year is None:
        none = [g["group"] for g in groups if g["peak_year"] is None]
        lines = [
            _(
                "Peak year: the year with the group's largest sum, named only where that sum without what fko "
                "assumes exceeds every other year's sum."
            )
        ]
        if none:
            lines.append(
                _(
                    "No peak year for {groups}: the same amount every year, or a largest sum only through "
                    "fko's assumptions (--by year with -r or -c shows the years)."
                ).format(groups=", ".join(none))
            )
        lines.append(_("One year, adding up to its total: --year YYYY."))
        return lines + _mixed_lines(result)
    lines = year_footer(result)
    over = counted_twice(groups, result.total)
    if by == "ressort" and over:
        shared = sorted({g["group"] for g in groups if g["shared_eur"]})
        lines.insert(
            1,
            _(
                "The ministries' rows add up to {sum}, {over} more than the total: --split full counts each shared "
                "measure whose payer the report does not name in full for each of its ministries ({shared})."
            ).format(sum=eur(result.total + over), over=eur(over), shared=", ".join(shared)),
        )
    elif by == "ressort":
        lines.insert(
            1,
            _(
                "The rows add up to the total: each amount counts for its payer or its only ministry; shared "
                "measures whose payer the report does not name are divided evenly (--split equal)."
            )
            if result.split == "equal"
            else _(
                "The rows add up to the total: each amount counts for its payer or its only ministry; shared "
                "measures whose payer the report does not name form a group of their own."
            ),
        )
    else:
        lines.insert(1, _("The rows add up to the total."))
    return lines + _mixed_lines(result)


def by_year_notes(groups: list[dict[str, Any]], result: Any, first: int | None, last: int | None) -> list[str]:
    """`--by year`: what each column adds, what is assumed, and why the years run as they do."""
    first_report, last_report = result.report_years
    if result.annualize:
        lines = [
            _(
                "Planned: what --year counts in the year: yearly amounts running then, pro rata by months where a "
                "measure starts or ends during the year, and amounts stated for it; totals over several years spread "
                "evenly over their months (--annualize)."
            )
        ]
    else:
        lines = [
            _(
                "Planned: what --year counts in the year: yearly amounts running then, pro rata by months where a "
                "measure starts or ends during the year, and amounts stated for it."
            ),
            _("Totals over several years are not in it: --annualize spreads them over their months."),
        ]
    assumed = [g for g in groups if g["assumed"]]
    if assumed:
        if result.annualize:
            text = _(
                "Assumed: the part of Planned that rests on fko's assumptions (* years): a part of a year counted by "
                "its months; an amount without a stated end carried on after {last}, the end of the report's period "
                "{first}–{last} (or after the last year of a stated increase); the stated increase compounded; a "
                "total spread over its months. Stated: the rest, as the report states it. The IDs are listed."
            )
        else:
            text = _(
                "Assumed: the part of Planned that rests on fko's assumptions (* years): a part of a year counted by "
                "its months; an amount without a stated end carried on after {last}, the end of the report's period "
                "{first}–{last} (or after the last year of a stated increase); the stated increase compounded. "
                "Stated: the rest, as the report states it. The IDs are listed."
            )
        lines.append(text.format(first=first_report, last=last_report))
    since = [f"{r['id']} seit {r['year_from']}" for r in result.rows if r.get("_open_start")]
    if since:
        lines.append(
            _(
                "A yearly amount of a programme running 'seit' an earlier year ({since}) counts from {first}: the "
                "report plans it for its own period, not for the years before."
            ).format(since=", ".join(dict.fromkeys(since)), first=first_report)
        )
    if groups:
        if first is None and last is None:
            shown = _(
                "The years run from {first} to {last}, the first and last year in which an amount counts as the "
                "report states it (--from YEAR and --extend-to YEAR for more)."
            )
        else:
            shown = _("The years run from {first} to {last} (--from, --extend-to).")
        lines.append(shown.format(first=groups[0]["group"], last=groups[-1]["group"]))
    return lines + _mixed_lines(result)


#: The groups of --by that are words (a measure without a cluster, money without a named funding).
GROUP_WORDS = {"none": N_("none"), "not named": N_("not named")}


def group_name(group: Any) -> str:
    """A group as a table or chart names it: a code, numeral or year as it is, a word in the reader's language."""
    return _(GROUP_WORDS[group]) if group in GROUP_WORDS else str(group)


#: `fko budget --by ressort|cluster|funding`: without --year each group's peak year (where the
#: data supports one) and its sum there; with --year what each group counts in that year.
BUDGET_GROUP_FIELDS: list[Field] = [
    Field("group", N_("Group"), key("group"), show=group_name, keep_whole=True),
    Field("items", N_("Items"), key("items"), numeric=True),
    Field("peak_year", N_("Peak year"), key("peak_year"), numeric=True, show=lambda v: "" if v is None else str(v)),
    Field("peak_eur", N_("Planned in peak year €"), key("peak_eur"), numeric=True, show=eur),
    Field("year_total", N_("Planned €"), key("year_total"), numeric=True, show=eur),
    Field("assumed_eur", N_("Assumed €"), key("assumed_eur"), numeric=True, show=lambda v: eur(v) if v else ""),
    Field("shared_eur", N_("Shared €"), key("shared_eur"), numeric=True, show=lambda v: eur(v) if v else ""),
]


#: `fko budget --by year`: what each year holds as the report states it, the part fko assumes
#: (the measures behind it), and the two together.
BUDGET_YEAR_FIELDS: list[Field] = [
    Field("year", N_("Year"), key("year"), numeric=True, show=str),
    Field("items", N_("Items"), key("items"), numeric=True),
    Field("stated_eur", N_("Stated €"), key("stated_eur"), numeric=True, show=eur, drop=1),
    Field("assumed_eur", N_("Assumed €"), key("assumed_eur"), numeric=True, show=lambda v: eur(v) if v else "", drop=2),
    # the year's total, what `--year` counts: never moved out of a narrow table
    Field("year_total", N_("Planned €"), key("year_total"), numeric=True, show=eur),
    Field("assumed", N_("Assumed"), key("assumed"), show=lambda v: "*" if v else "", in_table=False),
    Field("assumed_ids", N_("Assumed for"), key("assumed_ids"), drop=3),
]
