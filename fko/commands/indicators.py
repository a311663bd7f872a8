"""`fko indicators`: dated key figures of the measures, with their sources."""

from typing import Annotated

import typer

from fko.commands import options
from fko.i18n import _


def run(
    ctx: typer.Context,
    measure: Annotated[
        str | None,
        typer.Argument(
            metavar="[MEASURE]",
            help="Only this measure's figures: an ID (IV.1, iv.1), title or alias.",
            autocompletion=options.complete_ids,
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
    """List key figures (premiums paid, participants, posts filled …) in date order, with sources.

    Approximate values keep their qualifier ("fast 7.000"); targets are marked.

    \b
    Examples:
      fko indicators Meisterprämie
      fko indicators --csv > figures.csv
    """
    from fko.domain.figures import indicator_rows
    from fko.output import channels
    from fko.search.finder import resolve
    from fko.views.figures import INDICATOR_FIELDS, with_source_keys
    from fko.views.rows import emit_rows

    store = options.state(ctx).store()
    measure_id = None
    if measure:
        record, notes = resolve(store, measure)
        for line in notes:
            channels.note(line)
        measure_id = record["id"]
    rows = indicator_rows(store, measure_id)
    emit_rows(
        rows,
        with_source_keys(store, INDICATOR_FIELDS),
        output="indicators",
        json=json,
        jsonl=jsonl,
        csv=csv,
        fields_arg=fields,
        delimiter=delimiter,
        xlsx=xlsx,
        force=force,
        title=_("Key figures of {id}").format(id=measure_id) if measure_id else _("Key figures"),
        display=options.display(ctx, wide),
        empty=(
            _("no key figures for {id}; `fko indicators` lists all").format(id=measure_id)
            if measure_id
            else _("no key figures in this store")
        ),
    )
