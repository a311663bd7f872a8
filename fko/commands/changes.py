"""`fko changes`: what the sources report after a date, newest first."""

from typing import Annotated

import typer

from fko.commands import choices, options
from fko.i18n import _, ngettext


@options.rows_output
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
        typer.Option(
            "--kind",
            "-k",
            case_sensitive=False,
            autocompletion=options.complete_choice(choices.ChangeKind),
            help="Only records of this kind (repeatable).",
        ),
    ] = None,
    ressort: options.Ressort = None,
    cluster: options.Cluster = None,
    *,
    out: options.Output,
) -> None:
    """List what the sources report after a date, newest first: later developments, new
    figures (with the change from the previous figure of the same metric), events and new
    initiatives, each with its quote and source: facts dated since the date, from sources that
    appeared since then. Default: after the report's date.

    Example: fko changes --since 2025-01
    """
    from fko.domain.changes import change_rows, check_kinds, window
    from fko.output import tables
    from fko.views.changes import CHANGE_FIELDS, change_entries

    store = options.store(ctx)
    display = options.display(ctx)
    span = window(store, since, until)
    wanted = [m["id"] for m in options.measures(store, ids or [])]
    rows = change_rows(store, span, wanted, cluster or [], ressort or [], check_kinds(kind or []))
    until_text = _(" until {date}").format(date=span.until_text) if span.until_text else ""
    title = ngettext(
        "{n} change reported {since}{until}, newest first",
        "{n} changes reported {since}{until}, newest first",
        len(rows),
    ).format(n=len(rows), since=span.since_text, until=until_text)
    if not out.for_people or out.fields:
        out.emit(display, rows, CHANGE_FIELDS, "changes", title=title)
    elif rows:
        tables.blocks(display, change_entries(rows), title=title)
    else:
        none = _("No changes reported {since}{until}.").format(since=span.since_text, until=until_text)
        tables.lines(display, [none])
