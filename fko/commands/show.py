"""`fko show`: one or more measures as complete records."""

from __future__ import annotations

import typer

from fko import options


def run(
    ctx: typer.Context,
    ids: options.MeasureIds,
    on: options.On = None,
    json: options.Json = False,
) -> None:
    """Show measures in full: every field of the report, wrapped, nothing cut off.

    Accepts IDs in any case (iv.1 or IV.1), and a title or alias that names one measure.
    The status is derived from the runtime on --on DATE (default today).
    Example: fko show IV.1
    """
    from fko import render
    from fko.finder import resolve_all
    from fko.status import on_date, status_in
    from fko.views import measure_record

    store = options.state(ctx).store()
    day = on_date(on)
    found = resolve_all(store, ids)
    if json and on:
        found = [{**m, **status_in(store, m, day).as_row(), "on": day.isoformat()} for m in found]
    if json:
        render.emit_json(found[0] if len(found) == 1 else found)
        return
    for n, measure in enumerate(found):
        if n:
            render.separator()
        title, items = measure_record(store, measure, day)
        render.record(title, items)
