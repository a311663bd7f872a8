"""`fko show`: one or more measures as complete records."""

import typer

from fko.commands import options


@options.json_output
def run(
    ctx: typer.Context,
    ids: options.MeasureIds,
    on: options.On = None,
    *,
    out: options.Output,
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
    from fko.output import tables
    from fko.views.measures import measure_record

    store = options.store(ctx)
    display = options.display(ctx)
    day = on_date(on)
    found = options.measures(store, ids)
    if out.json_asked("show"):
        out.emit(display, [show_record(store, m, day) for m in found], [], "show")
        return
    for n, measure in enumerate(found):
        if n:
            tables.separator()
        title, items = measure_record(store, measure, day)
        tables.record(display, title, items)
