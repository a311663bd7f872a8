"""`fko budget`: the planned funds of the offensive, and the one total of a year."""

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from fko.commands import choices, options
from fko.i18n import N_, _

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
        typer.Option("--year", "-y", min=1990, max=2100, metavar="YEAR", help="The one total of this year."),
    ] = None,
    annualize: Annotated[
        bool,
        typer.Option(
            "--annualize", help="With --year or --by year: count totals over several years, spread over their months."
        ),
    ] = False,
    split: Annotated[
        choices.Split,
        typer.Option(
            "--split",
            case_sensitive=False,
            help="Money of a shared measure whose payer the report does not name: joint (for its ministries "
            "together), full (in full for each) or equal (divided evenly).",
        ),
    ] = choices.Split.joint,
    by: Annotated[
        choices.BudgetBy | None, typer.Option("--by", case_sensitive=False, help="Sum by group, with a chart.")
    ] = None,
    since: Annotated[
        int | None,
        typer.Option(
            "--from",
            metavar="YEAR",
            min=1990,
            max=2100,
            help="With --by year: start the years at YEAR (default: the first year an amount counts as stated).",
        ),
    ] = None,
    extend_to: Annotated[
        int | None,
        typer.Option(
            "--extend-to",
            metavar="YEAR",
            min=1990,
            max=2100,
            help="With --by year: show the years up to YEAR (default: the last year an amount counts as stated).",
        ),
    ] = None,
    wide: options.Wide = False,
    json: options.Json = False,
    jsonl: options.Jsonl = False,
    csv: options.Csv = False,
    fields: options.Fields = None,
    delimiter: options.Delimiter = ";",
    xlsx: options.Xlsx = None,
    force: options.XlsxForce = False,
) -> None:
    """List the planned funds of every measure, largest first, and the one total of a year (--year).

    A yearly amount counts in each year it runs, pro rata by months where a measure starts or
    ends during the year; totals over several years count only spread (--annualize). Money
    counts for the one who pays; fko's assumptions are marked. Staff and "no separate funds"
    are shown, never counted as euros.

    \b
    Examples:
      fko budget --year 2024
      fko budget -r MAGS --year 2024
      fko budget --year 2024 --by ressort
    """
    from fko.domain.budget import group, view, years
    from fko.errors import UsageError
    from fko.output import channels, tables
    from fko.search.finder import resolve_all
    from fko.views.budget import (
        BUDGET_FIELDS,
        BUDGET_GROUP_FIELDS,
        BUDGET_YEAR_FIELDS,
        budget_footer,
        by_year_notes,
        group_footer,
    )
    from fko.views.rows import emit_rows

    if annualize and year is None and by != "year":
        raise UsageError(_("--annualize needs --year YYYY (or --by year)"))
    if (extend_to is not None or since is not None) and by != "year":
        option = "--from" if since is not None else "--extend-to"
        raise UsageError(_("{option} needs --by year").format(option=option))
    store = options.state(ctx).store()
    display = options.display(ctx, wide)
    per_year = None if by == "year" else year  # --by year shows every year
    found, notes = resolve_all(store, measures or [])
    for line in notes:
        channels.note(line)
    ids = [m["id"] for m in found]
    result = view(store, ressort or (), cluster or (), funding or (), per_year, split.value, annualize, ids)
    if by:
        groups = group(result, by, store, since, extend_to)
        if by == "year":
            shown = BUDGET_YEAR_FIELDS
        else:
            names: tuple[str, ...] = (
                ("year_total", "assumed_eur") if per_year is not None else ("peak_year", "peak_eur")
            )
            names += ("shared_eur",) if by == "ressort" and per_year is not None and split.value == "full" else ()
            shown = [f for f in BUDGET_GROUP_FIELDS if f.name in ("group", "items", *names)]
        total = f": {_euro(result.total)}" if per_year is not None else ""
        emit_rows(
            groups,
            shown,
            output="budget_group",
            json=json,
            jsonl=jsonl,
            json_rows=_group_records(groups, by, per_year),
            csv=csv,
            fields_arg=fields,
            delimiter=delimiter,
            xlsx=xlsx,
            force=force,
            title=_group_title(by, year if per_year is not None else None, total),
            display=display,
        )
        if not (json or jsonl or csv or xlsx):
            _charts(display, groups, by, per_year, annualize)
            tables.separator()
            notes = (
                by_year_notes(groups, result, since, extend_to) if by == "year" else group_footer(result, groups, by)
            )
            tables.lines(display, notes)
        return
    everything = result.rows + result.apart
    if not everything and not (json or csv or xlsx):
        channels.note(_("no planned funds match these filters; see `fko budget` for all"))
        return
    row_fields = BUDGET_FIELDS
    if year is not None or split.value == "equal":  # the counted amount differs from the stated one: show both
        counted = ("counted_eur", "counted_as")
        row_fields = [dataclasses.replace(f, in_table=f.in_table or f.name in counted) for f in BUDGET_FIELDS]
    money = [r for r in result.rows if r["counted_eur"] is not None]
    if year is not None:
        scope = _(" for {ressort}").format(ressort=result.ressort) if result.ressort else ""
        title = _("Planned funds{scope} for {year}: {total} in {n} items, largest first").format(
            scope=scope, year=year, total=_euro(result.total), n=len(money)
        )
    else:
        title = _("Planned funds (Geplante Mittel), largest first")
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
        force=force,
        title=title,
        display=display,
    )
    if json or jsonl or csv or xlsx:
        return
    if result.apart:
        tables.separator()
        shown = [f for f in row_fields if f.in_table and f.name not in ("counted_eur", "counted_as")]
        reason = next(f for f in BUDGET_FIELDS if f.name == "counted_as")
        shown.append(dataclasses.replace(reason, header=N_("Left out because"), in_table=True))
        if year is not None:
            what = _("Not in the {year} total").format(year=year)
        else:
            what = _("Not counted for {ressort}").format(ressort=result.ressort)
        tables.table(display, result.apart, shown, title=what)
    tables.separator()
    tables.lines(display, budget_footer(result, None if year is not None else years(result, None, None)))


#: How a title names the groups of --by (the values stay the option's).
GROUPED_BY = {"ressort": N_("ressort"), "cluster": N_("cluster"), "funding": N_("funding"), "year": N_("year")}


def _group_title(by: str, year: int | None, total: str) -> str:
    """ "Planned funds by ressort, for 2024: 47.778.933 €", "Planned funds by year"."""
    if year is None:
        return _("Planned funds by {group}").format(group=_(GROUPED_BY[by]))
    return _("Planned funds by {group}, for {year}{total}").format(group=_(GROUPED_BY[by]), year=year, total=total)


def _euro(amount: int) -> str:
    from fko.output.numbers import euro_exact

    return euro_exact(amount)


#: The keys of a budget group that only some views have (null in the others).
_GROUP_KEYS: tuple[str, ...] = ("year", "year_total", "assumed_eur", "assumed", "assumed_ids", "shared_eur")
_GROUP_KEYS += ("peak_year", "peak_eur")


def _group_records(groups: list[dict[str, object]], by: str, year: int | None) -> list[dict[str, object]]:
    """Groups with every key of a budget_group record: `by`, the group as text, the year its sums
    are for (the --year, or each year of --by year), null where absent."""
    out = []
    for g in groups:
        record = {**dict.fromkeys(_GROUP_KEYS), **g, "by": by, "group": str(g["group"])}
        if by != "year":
            record["year"] = year
        out.append(record)
    return out


def _charts(display: "Display", groups: list[dict[str, object]], by: str, year: int | None, annualize: bool) -> None:
    from fko.output import charts, numbers, tables
    from fko.views.budget import group_name

    def bars(amount: str, label: Callable[[dict[str, object]], str]) -> list[tuple[str, float, str]]:
        return [(label(g), float(g[amount]), numbers.euro_exact(g[amount])) for g in groups if g[amount]]  # type: ignore[arg-type]

    if by == "year":
        drawn = [
            (
                bars("year_total", lambda g: f"{group_name(g['group'])}{' *' if g['assumed'] else ''}"),
                _("Euro planned in each year (* partly assumed) (totals over several years spread)")
                if annualize
                else _("Euro planned in each year (* partly assumed)"),
            )
        ]
    elif year is not None:
        title = _("Euro planned for {year}, by {group}").format(year=year, group=_(GROUPED_BY[by]))
        drawn = [(bars("year_total", lambda g: group_name(g["group"])), title)]
    else:
        drawn = [
            (
                bars("peak_eur", lambda g: f"{group_name(g['group'])} ({g['peak_year']})"),
                _("Euro planned in each group's peak year, by {group}").format(group=_(GROUPED_BY[by])),
            ),
        ]
    for shown, title in drawn:
        if shown:
            tables.separator()
            charts.bar_chart(display, shown, title=title)
