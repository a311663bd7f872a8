"""`fko list`: the measures, filtered by cluster, ministry and partner."""

from typing import Annotated

import typer

from fko.commands import options
from fko.i18n import _


@options.rows_output
def run(
    ctx: typer.Context,
    cluster: options.Cluster = None,
    ressort: options.Ressort = None,
    lead: options.Lead = None,
    partner: Annotated[
        str | None,
        typer.Option("--partner", "-p", metavar="TEXT", help="Only measures with a partner containing TEXT."),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            "-s",
            metavar="KEY|FILE|all",
            help="Records of one source (report, whkt, dhb, om, rvr) or all; default: the report's measures.",
            autocompletion=options.completer("sources"),
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Status on the --on date: planned, expected, running, ended, open-ended, unknown "
            "(or geplant, erwartet, laufend, …).",
            autocompletion=options.completer("statuses"),
        ),
    ] = None,
    on: options.On = None,
    during: options.During = None,
    starts_in: Annotated[
        int | None,
        typer.Option(
            "--starts-in",
            min=1900,
            max=2100,
            metavar="YEAR",
            help="Only measures that start in YEAR (not a start the report only expects).",
        ),
    ] = None,
    ends_in: Annotated[
        int | None,
        typer.Option(
            "--ends-in",
            min=1900,
            max=2100,
            metavar="YEAR",
            help="Only measures that end in YEAR (a stated or derived end).",
        ),
    ] = None,
    wide: options.Wide = False,
    *,
    out: options.Output,
) -> None:
    """List the measures: ID, title, ministries and runtime.

    With --status (and --on DATE, default today) only measures of that status are listed;
    with --during YEAR or DATE..DATE those that run at any time in it; with --starts-in or
    --ends-in YEAR those whose interpreted period starts or ends then.

    \b
    Examples:
      fko list --ressort MSB --json | jq '.[].title'
      fko list --status laufend --on 01.06.2024
      fko list --during 2025 -c IV
      fko list --lead MAGS --ends-in 2026
    """
    from fko.domain.measures import filter_measures
    from fko.i18n import ngettext
    from fko.output import channels
    from fko.views.measures import MEASURE_FIELDS, SOURCE_LIST_FIELDS, STATUS_FIELDS, STATUS_TODAY
    from fko.views.rows import list_row

    store = options.store(ctx)
    chosen = None
    if source:
        from fko.domain.figures import source_key

        chosen = source_key(store, source)
    rows = filter_measures(store, cluster or (), ressort or (), partner, chosen, lead or ())
    filters = []  # what the title says of the filters, in the reader's language
    if starts_in is not None:
        from fko.domain.status import starts_in as starting

        rows = [r for r in rows if starting(r, starts_in)]
        filters.append(_(" starting in {year}").format(year=starts_in))
    if ends_in is not None:
        from fko.domain.status import ends_in as ending

        rows = [r for r in rows if ending(r, ends_in)]
        filters.append(_(" ending in {year}").format(year=ends_in))
    if during is not None:
        from fko.domain.status import given, parse_period, runs_during
        from fko.errors import UsageError
        from fko.i18n import date

        if status or on:
            raise UsageError(_("--during lists what runs at any time in a period; for a status use --on DATE --status"))
        first, last = parse_period(during)
        rows = [r for r in rows if runs_during(r, first, last)]
        if ".." in during:
            period = _("{first} to {last}").format(
                first=date(first.isoformat()) if first else "…", last=date(last.isoformat()) if last else "…"
            )
        else:
            period = given(during)
        filters.append(_(" running at any time in {period}").format(period=period))
    if status or on or out.json or out.jsonl or out.for_people or out.fields is not None:  # a filter, columns, keys
        from fko.domain.status import check_status, matches, on_date, statuses_in

        day = on_date(on)
        wanted = check_status(status) if status else None
        labelled = out.for_people and out.fields is None  # only a table shows the label
        with_status = []
        for row, found in zip(rows, statuses_in(store, rows, day), strict=True):
            if wanted is None or matches(found, wanted):
                new = list_row(row, day.isoformat(), found)
                if labelled:
                    new["status_label"] = found.label()
                with_status.append(new)
        rows = with_status
    if source:
        title = ngettext("{n} record", "{n} records", len(rows))
    else:
        title = ngettext("{n} measure", "{n} measures", len(rows))
    extra = STATUS_FIELDS if status or on else [STATUS_TODAY] if out.for_people and rows else []  # the table's status
    fields = (SOURCE_LIST_FIELDS if source else MEASURE_FIELDS) + extra
    title = title.format(n=len(rows)) + "".join(filters)
    out.emit(options.display(ctx, wide), rows, fields, "list", title=title)
    if not rows and out.for_people:
        channels.note(_("no measure matches these filters; see `fko list` for all"))
