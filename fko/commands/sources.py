"""`fko sources`: the source documents and how many records cite each."""

import typer

from fko.commands import options
from fko.i18n import _, data_note


@options.rows_output
def run(ctx: typer.Context, wide: options.Wide = False, *, out: options.Output) -> None:
    """List the five source documents (key, title, publisher, date) and what cites them.

    Each document's file name is in --json (`file`), or in the table with --fields file.

    \b
    Examples:
      fko sources
      fko sources --json | jq -r '.[].title'
    """
    from fko.domain.figures import source_rows
    from fko.views.figures import SOURCE_FIELDS

    rows = source_rows(options.store(ctx))
    inferred = [r for r in rows if (r.get("date_note") or "").startswith("inferred")]
    footer = [_("Date of {key}: {note}").format(key=r["key"], note=data_note(r["date_note"])) for r in inferred]
    out.emit(options.display(ctx, wide), rows, SOURCE_FIELDS, "sources", title=_("Sources"), footer=footer)
