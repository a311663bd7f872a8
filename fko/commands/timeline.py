"""`fko timeline`: the runtimes of all measures as a chart, with the --on date marked."""

from typing import Annotated

import typer

from fko.commands import choices, options
from fko.i18n import _, date


@options.json_output
def run(
    ctx: typer.Context,
    measures: options.SomeMeasures = None,
    by: Annotated[
        choices.TimelineBy, typer.Option("--by", case_sensitive=False, help="Group the bars.")
    ] = choices.TimelineBy.cluster,
    on: options.On = None,
    since: Annotated[
        int | None,
        typer.Option("--from", min=1990, max=2100, metavar="YEAR", help="Start the axis in YEAR (default: to fit)."),
    ] = None,
    until: Annotated[
        int | None,
        typer.Option("--to", min=1990, max=2100, metavar="YEAR", help="End the axis in YEAR (default: to fit)."),
    ] = None,
    cluster: options.Cluster = None,
    ressort: options.Ressort = None,
    *,
    out: options.Output,
) -> None:
    """Draw every measure's runtime as a bar, grouped, with its status and today marked.

    The axis fits the terminal: when the years do not fit, it starts later (◀ marks bars
    that began before); --from/--to choose the years. Measures without a start date are
    listed as not placed.

    \b
    Examples:
      fko timeline
      fko timeline --by ressort -r MAGS --on 2024-06-01
      fko timeline Meisterprämie II.9 --from 2020
    """
    from fko.domain.compare import timeline
    from fko.domain.measures import filter_measures
    from fko.domain.status import on_date
    from fko.errors import UsageError
    from fko.output import channels, charts, tables

    if since is not None and until is not None and until < since:
        raise UsageError(_("--to {until} is before --from {since}").format(until=until, since=since))
    store = options.store(ctx)
    display = options.display(ctx)
    day = on_date(on)
    records = filter_measures(store, cluster or (), ressort or ())
    if measures:
        wanted = {m["id"] for m in options.measures(store, measures)}
        records = [r for r in records if r["id"] in wanted]
    rows = timeline(store, records, day)
    if out.json_asked("timeline"):
        out.emit(display, rows, [], "timeline")
        return
    # The bars show the status `list` and `show` weigh: a later source's report over the runtime's.
    placed = [{**r, "status": r["weighed_status"]} for r in rows if r["placed"]]
    unplaced = [r["id"] for r in rows if not r["placed"]]
    if by == "cluster":
        groups = [
            (f"Cluster {c['numeral']}: {c['title']}", [r for r in placed if r["cluster"] == c["numeral"]])
            for c in store.clusters()
        ]
    else:
        codes = {c.casefold() for c in ressort or ()}
        groups = [
            (f"{m['code']}: {m['name']}", [r for r in placed if m["code"] in r["ressorts"]])
            for m in store.ressorts()
            if not codes or m["code"].casefold() in codes
        ]
    axis = charts.gantt(display, [(title, rows) for title, rows in groups if rows], day, since=since, until=until)
    if axis is None:
        channels.note(_("no measure to draw; see `fko timeline` for all"))
        return
    symbols = "  ".join(f"{s} {_(name)}" for name, s in charts.STATUS_SYMBOL.items())
    bars = _("█ runtime  ▶ open end  ◆? only a start stated  │ the --on date")
    cut = []
    if axis.cut_before and since is not None:
        cut.append(_("◀ began before {year}").format(year=axis.first))
    elif axis.cut_before:
        cut.append(_("◀ began before {year} (--from YEAR shows earlier years)").format(year=axis.first))
    if axis.cut_after and until is not None:
        cut.append(_("› runs past {year}").format(year=axis.last))
    lines = ["", _("Status on {date}: {symbols}  * derived").format(date=date(day.isoformat()), symbols=symbols), bars]
    if cut:
        lines.append("  ".join(cut))
    if by == "ressort":
        lines.append(_("A measure of several ministries appears under each."))
    lines.append(_("* derived by a rule from the wording; `fko show ID --on DATE` names the rule."))
    reported = [r["id"] for r in rows if r["placed"] and r["weighed_status"] != r["status"]]
    if reported:
        lines.append(
            _("Status as a later source reports it (as list and show weigh it): {ids}.").format(ids=", ".join(reported))
        )
    if unplaced:
        lines.append(_("Not placed (no start date stated): {ids}").format(ids=", ".join(unplaced)))
    tables.lines(display, lines)
