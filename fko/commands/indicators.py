"""`fko indicators`: dated key figures of the measures, with their sources."""

from typing import Annotated

import typer

from fko.commands import options
from fko.i18n import _


@options.rows_output
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
    *,
    out: options.Output,
) -> None:
    """List key figures (premiums paid, participants, posts filled …) in date order, with sources.

    Approximate values keep their qualifier ("fast 7.000"); targets are marked.

    \b
    Examples:
      fko indicators Meisterprämie
      fko indicators --csv > figures.csv
    """
    from fko.domain.figures import indicator_rows
    from fko.views.figures import INDICATOR_FIELDS, with_source_keys

    store = options.store(ctx)
    measure_id = options.measures(store, [measure])[0]["id"] if measure else None
    if measure_id:
        title = _("Key figures of {id}").format(id=measure_id)
        empty = _("no key figures for {id}; `fko indicators` lists all").format(id=measure_id)
    else:
        title, empty = _("Key figures"), _("no key figures in this store")
    fields = with_source_keys(store, INDICATOR_FIELDS)
    out.emit(
        options.display(ctx, wide), indicator_rows(store, measure_id), fields, "indicators", title=title, empty=empty
    )
