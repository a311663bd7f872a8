"""`fko budget`: the planned funds of the offensive, and the one total of a year."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from fko.commands import choices, options
from fko.i18n import N_, _

if TYPE_CHECKING:
    from fko.output.display import Display


@options.rows_output
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
            help="Only items funded by SOURCE (Land, ESF, EFRE, JTF, GRW, BMBF; repeatable).",
            autocompletion=options.completer("funding"),
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
        choices.BudgetBy | None,
        typer.Option(
            "--by",
            case_sensitive=False,
            autocompletion=options.complete_choice(choices.BudgetBy),
            help="Sum by group, with a chart.",
        ),
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
    *,
    out: options.Output,
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
    from fko.output.numbers import euro_exact
    from fko.views.budget import (
        BUDGET_FIELDS,
        BUDGET_GROUP_FIELDS,
        BUDGET_YEAR_FIELDS,
        budget_footer,
        by_year_notes,
        group_footer,
        scope_text,
    )

    if annualize and year is None and by != "year":
        raise UsageError(_("--annualize needs --year YYYY (or --by year)"))
    if (extend_to is not None or since is not None) and by != "year":
        option = "--from" if since is not None else "--extend-to"
        raise UsageError(_("{option} needs --by year").format(option=option))
    store = options.store(ctx)
    display = options.display(ctx, wide)
    per_year = None if by == "year" else year  # --by year shows every year
    ids = [m["id"] for m in options.measures(store, measures or [])]
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
        if per_year is None:
            title = _("Planned funds{scope} by {group}").format(scope=scope_text(result), group=_(GROUPED_BY[by]))
        else:
            title = _("Planned funds{scope} by {group}, for {year}{total}").format(
                scope=scope_text(result), group=_(GROUPED_BY[by]), year=per_year, total=f": {euro_exact(result.total)}"
            )
        out.emit(display, groups, shown, "budget_group", title=title, json_rows=_group_records(groups, by, per_year))
        if out.for_people:
            _chart(display, groups, by, per_year, annualize)
            tables.separator()
            notes = (
                by_year_notes(groups, result, since, extend_to) if by == "year" else group_footer(result, groups, by)
            )
            tables.lines(display, notes)
        return
    everything = result.rows + result.apart
    if not everything and not (out.json or out.csv or out.xlsx):
        if year is not None:
            channels.note(_("no planned funds run in {year}; `fko budget --by year` shows the years").format(year=year))
        else:
            channels.note(_("no planned funds match these filters; see `fko budget` for all"))
        return
    counted = ("counted_eur", "counted_as")
    row_fields = BUDGET_FIELDS
    if year is not None or split.value == "equal":  # the counted amount differs from the stated one: show both
        row_fields = [f._replace(in_table=f.in_table or f.name in counted) for f in BUDGET_FIELDS]
    if year is not None:
        money = [r for r in result.rows if r["counted_eur"] is not None]
        scope = scope_text(result)
        title = _("Planned funds{scope} for {year}: {total} in {n} items, largest first").format(
            scope=scope, year=year, total=euro_exact(result.total), n=len(money)
        )
    else:
        title = _("Planned funds{scope} (Geplante Mittel), largest first").format(scope=scope_text(result))
    out.emit(display, result.rows if out.for_people else everything, row_fields, "budget", title=title)
    if not out.for_people:
        return
    if result.apart:
        tables.separator()
        shown = [f for f in row_fields if f.in_table and f.name not in counted]
        reason = next(f for f in BUDGET_FIELDS if f.name == "counted_as")
        shown.append(reason._replace(header=N_("Left out because"), in_table=True))
        if year is not None:
            what = _("Not in the {year} total").format(year=year)
        else:
            what = _("Not counted for {ressort}").format(ressort=result.ressort)
        tables.table(display, result.apart, shown, title=what)
    tables.separator()
    tables.lines(display, budget_footer(result, None if year is not None else years(result, None, None)))


#: How a title names the groups of --by (the values stay the option's).
GROUPED_BY = {"ressort": N_("ressort"), "cluster": N_("cluster"), "funding": N_("funding"), "year": N_("year")}

#: The keys of a budget group that only some views have (null in the others).
_GROUP_KEYS = (
    *("year", "year_total", "stated_eur", "assumed_eur", "assumed", "assumed_ids"),
    *("shared_eur", "peak_year", "peak_eur"),
)


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


def _chart(display: "Display", groups: list[dict[str, Any]], by: str, year: int | None, annualize: bool) -> None:
    """The bars under a --by table: the euros of each group in the --year, of each year, or of
    each group in its peak year."""
    from fko.output import charts, numbers, tables
    from fko.views.budget import group_name

    amount = "peak_eur" if by != "year" and year is None else "year_total"
    if by == "year":  # solid: what the report states; light: the part fko assumes (Assumed €)
        title = _("Euro planned for each year: █ as the report states it, ░ what fko assumes (*)")
        if annualize:
            title = _(
                "Euro planned for each year: █ as the report states it, ░ what fko assumes (*; totals over "
                "several years spread)"
            )
    elif year is not None:
        title = _("Euro planned for {year}, by {group}").format(year=year, group=_(GROUPED_BY[by]))
    else:
        title = _("Euro planned in each group's peak year, by {group}").format(group=_(GROUPED_BY[by]))
    bars, light = [], []
    for g in groups:
        if by == "year" and g["year_total"]:
            label = group_name(g["group"]) + (" *" if g["assumed"] else "")
            bars.append((label, float(g["stated_eur"]), numbers.euro_exact(g["year_total"])))
            light.append(float(g["assumed_eur"] or 0))
        elif g[amount]:
            label = group_name(g["group"])
            if amount == "peak_eur":
                label += f" ({g['peak_year']})"
            bars.append((label, float(g[amount]), numbers.euro_exact(g[amount])))
            light.append(0.0)
    if bars:
        tables.separator()
        charts.bar_chart(display, bars, title=title, light=light)
