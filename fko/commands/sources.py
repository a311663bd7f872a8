"""`fko sources`: the source documents and how many records cite each."""

import typer

from fko.commands import options
from fko.i18n import _


def run(
    ctx: typer.Context,
    wide: options.Wide = False,
    json: options.Json = False,
    jsonl: options.Jsonl = False,
    csv: options.Csv = False,
    fields: options.Fields = None,
    delimiter: options.Delimiter = ";",
    xlsx: options.Xlsx = None,
    force: options.XlsxForce = False,
) -> None:
    """List the five source documents (file, title, publisher, date) and what cites them.

    \b
    Examples:
      fko sources
      fko sources --json | jq -r '.[].title'
    """
    from fko.domain.figures import source_rows
    from fko.views.figures import SOURCE_FIELDS
    from fko.views.rows import emit_rows

    rows = source_rows(options.state(ctx).store())
    footer = [
        _("Date of {key}: {note}").format(key=r["key"], note=r["date_note"])
        for r in rows
        if (r.get("date_note") or "").startswith("inferred")
    ]
    emit_rows(
        rows,
        SOURCE_FIELDS,
        output="sources",
        json=json,
        jsonl=jsonl,
        csv=csv,
        fields_arg=fields,
        delimiter=delimiter,
        xlsx=xlsx,
        force=force,
        title=_("Sources"),
        footer=footer,
        display=options.display(ctx, wide),
    )
