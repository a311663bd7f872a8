"""`fko changes`: what the sources report after a date, newest first."""

from typing import Annotated

import typer

from fko.commands import choices, options
from fko.i18n import _, ngettext


def run(
    ctx: typer.Context,
    ids: options.SomeMeasures = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="From this date on (YYYY-MM-DD, YYYY-MM or YYYY; default: after the report).",
        ),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="Up to this date (a month or year: to its end).")
    ] = None,
    kind: Annotated[
        list[choices.ChangeKind] | None,
        typer.Option("--kind", "-k", case_sensitive=False, help="Only records of this kind (repeatable)."),
    ] = None,
    ressort: options.Ressort = None,
    cluster: options.Cluster = None,
    json: options.Json = False,
    jsonl: options.Jsonl = False,
    csv: options.Csv = False,
    fields: options.Fields = None,
    delimiter: options.Delimiter = ";",
    xlsx: options.Xlsx = None,
    force: options.XlsxForce = False,
) -> None:
    """List what the sources report after a date, newest first: later developments, new
    figures (with the change from the previous figure of the same metric), events and new
    initiatives, each with its quote and source: facts dated since the date, from sources that
    appeared since then. Default: after the report's date.

    Example: fko changes --since 2025-01
    """
    from fko.domain.changes import change_rows, check_kinds, window
    from fko.output import channels, tables
    from fko.search.finder import resolve_all
    from fko.views.changes import CHANGE_FIELDS, change_entries
    from fko.views.rows import emit_rows

    store = options.state(ctx).store()
    display = options.display(ctx)
    span = window(store, since, until)
    found, notes = resolve_all(store, ids or [])
    for line in notes:
        channels.note(line)
    wanted = [m["id"] for m in found]
    rows = change_rows(store, span, wanted, cluster or [], ressort or [], check_kinds(kind or []))
    until_text = _(" until {date}").format(date=span.until_text) if span.until_text else ""
    title = ngettext(
        "{n} change reported {since}{until}, newest first",
        "{n} changes reported {since}{until}, newest first",
        len(rows),
    ).format(n=len(rows), since=span.since_text, until=until_text)
    if json or jsonl or csv or xlsx or fields:
        emit_rows(
            rows,
            CHANGE_FIELDS,
            output="changes",
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
        return
    if not rows:
        tables.lines(
            display, [_("No changes reported {since}{until}.").format(since=span.since_text, until=until_text)]
        )
        return
    tables.blocks(display, change_entries(rows), title=title)
