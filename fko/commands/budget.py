"""`fko budget`: the planned funds of the offensive, structured and summed honestly."""

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from fko.commands import choices, options
from fko.i18n import _

if TYPE_CHECKING:
    from fko.output.display import Display


def run(
    ctx: typer.Context,
    measures: options.SomeMeasures = None,
    ressort: options.Ressort = None,
    cluster: options.Cluster = None,
    funding: Annotated[
        list[str] | None,
        typer.Option(
            "--funding",
            metavar="SOURCE",
            help="Only items funded by SOURCE (Land, ESF, EFRE, JTF, BMBF; repeatable).",
            autocompletion=options.complete_funding,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", min=1990, max=2100, metavar="YEAR", help="Funds planned for this year."),
    ] = None,
    annualize: Annotated[
        bool, typer.Option("--annualize", help="With --year: spread totals over several years evenly.")
    ] = False,
    split: Annotated[
        choices.Split,
        typer.Option("--split", case_sensitive=False, help="Shared measures: count in full or divide evenly."),
    ] = choices.Split.full,
    by: Annotated[
        choices.BudgetBy | None, typer.Option("--by", case_sensitive=False, help="Sum by group, with a chart.")
    ] = None,
    extend_to: Annotated[
        int | None,
        typer.Option(
            "--extend-to",
            metavar="YEAR",
            min=1990,
            max=2100,
            help="With --by year: show the years up to YEAR (default: the last year any item states).",
        ),
    ] = None,
    wide: options.Wide = False,
    json: options.Json = False,
    jsonl: options.Jsonl = False,
    csv: options.Csv = False,
    fields: options.Fields = None,
    delimiter: options.Delimiter = ";",
    xlsx: options.Xlsx = None,
) -> None:
    """List the planned funds of every measure, largest first, with honest totals.

    Yearly amounts, totals over several years, amounts for one year and one-off amounts are
    summed apart; staff and "no separate funds" are shown, never counted as euros.

    \b
    Examples:
      fko budget -r MAGS -r MSB
      fko budget Meisterprämie II.9
      fko budget --year 2024 --by ressort
    """
    from fko.domain.budget import group, view
    from fko.errors import UsageError
    from fko.output import channels, tables
    from fko.search.finder import resolve_all
    from fko.views.budget import BUDGET_FIELDS, BUDGET_GROUP_FIELDS, BUDGET_YEAR_FIELDS, budget_footer
    from fko.views.rows import emit_rows

    if annualize and year is None and by != "year":
        raise UsageError(_("--annualize needs --year YYYY (or --by year)"))
    if extend_to is not None and by != "year":
        raise UsageError(_("--extend-to needs --by year"))
    store = options.state(ctx).store()
    display = options.display(ctx, wide)
    per_year = None if by == "year" else year  # --by year shows every year
    ids = [m["id"] for m in resolve_all(store, measures)] if measures else []
    result = view(store, ressort or (), cluster or (), funding or (), per_year, split, annualize, ids)
    if by:
        groups = group(result, by, store, extend_to)
        if by == "year":
            shown = BUDGET_YEAR_FIELDS
        else:
            names = (
                ("year_total",) if per_year is not None else ("peak_year", "peak", "peak_eur", "peak_assumed", "total")
            )
            shown = [f for f in BUDGET_GROUP_FIELDS if f.name in ("group", "items", *names)]
        emit_rows(
            groups,
            shown,
            output="budget_group",
            json=json,
            jsonl=jsonl,
            json_rows=_group_records(groups, by),
            csv=csv,
            fields_arg=fields,
            delimiter=delimiter,
            xlsx=xlsx,
            title=f"Planned funds by {by}" + (f", for {year}" if per_year is not None else ""),
            display=display,
        )
        if not (json or jsonl or csv or xlsx):
            _charts(display, groups, by, per_year, annualize)
            tables.separator()
            notes = budget_footer(result) if by != "year" else _year_notes(groups, annualize, extend_to)
            if by != "year" and any(g.get("peak_assumed") for g in groups):
                notes.insert(0, "* the group's peak year rests on an assumption: an open end carried on (--by year).")
            tables.lines(display, notes)
        return
    everything = result.rows + result.apart
    if not everything and not (json or csv or xlsx):
        channels.note(_("no planned funds match these filters; see `fko budget` for all"))
        return
    row_fields = BUDGET_FIELDS
    if annualize or split == "equal":  # the counted amount differs from the stated one: show both
        counted = ("counted_eur", "attribution")
        row_fields = [dataclasses.replace(f, in_table=f.in_table or f.name in counted) for f in BUDGET_FIELDS]
    title = "Planned funds (Geplante Mittel), largest first" + (f", for {year}" if year else "")
    emit_rows(
        everything if json or jsonl or csv or xlsx else result.rows,
        row_fields,
        output="budget",
        json=json,
        jsonl=jsonl,
        csv=csv,
        fields_arg=fields,
        delimiter=delimiter,
        xlsx=xlsx,
        title=title,
        json_rows=[_json_row(r) for r in everything],
        display=display,
    )
    if json or jsonl or csv or xlsx:
        return
    if result.apart:
        tables.separator()
        shown = [f for f in row_fields if f.in_table]
        tables.table(
            display,
            result.apart,
            shown,
            title=f"Not attributable to {year}: totals over several years, or years not stated",
        )
    tables.separator()
    tables.lines(display, budget_footer(result))


def _json_row(row: dict[str, object]) -> dict[str, object]:
    return {**row, "attribution": row["attribution"] or None}


#: The keys of a budget group that only some views have (null in the others).
_GROUP_KEYS: tuple[str, ...] = ("peak_year", "peak_eur", "peak_assumed", "total", "year_total", "year")
_GROUP_KEYS += ("totals_running_eur", "totals_running_items", "assumed", "assumed_ids")


def _group_records(groups: list[dict[str, object]], by: str) -> list[dict[str, object]]:
    """Groups with every key of a budget_group record: `by`, the group as text, null where absent."""
    return [{**dict.fromkeys(_GROUP_KEYS), **g, "by": by, "group": str(g["group"])} for g in groups]


def _charts(display: "Display", groups: list[dict[str, object]], by: str, year: int | None, annualize: bool) -> None:
    from fko.output import charts, numbers, tables

    def bars(amount: str, label: Callable[[dict[str, object]], str]) -> list[tuple[str, float, str]]:
        return [(label(g), float(g[amount]), numbers.euro_exact(g[amount])) for g in groups if g[amount]]  # type: ignore[arg-type]

    if by == "year":
        drawn = [
            (
                bars("year_total", lambda g: f"{g['group']}{' *' if g['assumed'] else ''}"),
                "Euro planned in each year" + (" (totals over several years annualized)" if annualize else ""),
            )
        ]
    elif year is not None:
        drawn = [(bars("year_total", lambda g: str(g["group"])), f"Euro planned for {year}, by {by}")]
    else:
        drawn = [
            (
                bars("peak_eur", lambda g: f"{g['group']} ({g['peak_year']}{' *' if g['peak_assumed'] else ''})"),
                f"Euro planned in each group's peak year, by {by}",
            ),
            (
                sorted(bars("total", lambda g: str(g["group"])), key=lambda b: -b[1]),
                f"Euro in totals over several years, by {by}",
            ),
        ]
    for shown, title in drawn:
        if shown:
            tables.separator()
            charts.bar_chart(display, shown, title=title)


def _year_notes(groups: list[dict[str, object]], annualize: bool, extend_to: int | None) -> list[str]:
    lines = [
        "Planned: yearly amounts running that year and amounts stated for it"
        + ("; totals over several years spread evenly over their years (annualized)." if annualize else ".")
    ]
    lines.append(
        "Totals running: totals over several years whose span includes the year, each in full and not in Planned"
        + (
            " (only those without a stated end, which cannot be spread)."
            if annualize
            else " (--annualize spreads them evenly)."
        )
    )
    if any(g["assumed"] for g in groups):
        lines.append(
            '* rests on an assumption: an item without a stated end ("laufend", "seit", "ab", "bis mind. '
            'Ende der Legislaturperiode") is carried on past its first stated year; the IDs are listed.'
        )
    if extend_to is None and groups:
        lines.append(
            f"The years stop at {groups[-1]['group']}, the last year any item states (--extend-to YEAR for more)."
        )
    return lines
