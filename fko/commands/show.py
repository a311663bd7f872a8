"""`fko show`: one or more measures as complete records."""

import typer

from fko.commands import options
from fko.i18n import _


def run(
    ctx: typer.Context,
    ids: options.MeasureIds,
    on: options.On = None,
    json: options.Json = False,
    jsonl: options.Jsonl = False,
    fields: options.Fields = None,
) -> None:
    """Show measures in full: every field of the report, wrapped, nothing cut off.

    Accepts IDs in any case (iv.1 or IV.1), and a title or alias that names one measure.
    The status is derived from the runtime on --on DATE (default today). --json prints an
    array of records, one per measure, with everything the text view shows.

    \b
    Examples:
      fko show IV.1
      fko show Indien --on 01.06.2024
      fko show IV.1 II.9 --json | jq '.[].status'
    """
    from fko.domain.measures import show_record
    from fko.domain.status import on_date
    from fko.errors import UsageError
    from fko.output import channels, tables
    from fko.search.finder import resolve_all
    from fko.views.measures import measure_record
    from fko.views.rows import emit_rows

    store = options.state(ctx).store()
    display = options.display(ctx)
    day = on_date(on)
    found, notes = resolve_all(store, ids)
    for line in notes:
        channels.note(line)
    if json or jsonl or fields is not None:
        if fields is not None and not (json or jsonl):
            raise UsageError(_("--fields with show needs --json or --jsonl"))
        rows = [show_record(store, m, day) for m in found]
        emit_rows(rows, [], display=display, output="show", json=json, csv=False, jsonl=jsonl, fields_arg=fields)
        return
    for n, measure in enumerate(found):
        if n:
            tables.separator()
        title, items = measure_record(store, measure, day)
        tables.record(display, title, items)
