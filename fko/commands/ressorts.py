"""`fko ressorts`: the ministries of the report and how many measures each has."""

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
    """List the 13 ministries (Ressorts) with their codes and number of measures.

    \b
    Examples:
      fko ressorts
      fko list -r MAGS
    """
    from fko.domain.measures import ressort_table
    from fko.views.measures import RESSORT_FIELDS
    from fko.views.rows import emit_rows

    rows = ressort_table(options.state(ctx).store())
    emit_rows(
        rows,
        RESSORT_FIELDS,
        output="ressorts",
        json=json,
        jsonl=jsonl,
        csv=csv,
        fields_arg=fields,
        delimiter=delimiter,
        xlsx=xlsx,
        force=force,
        title=_("Ministries (a measure shared by several counts for each)"),
        display=options.display(ctx, wide),
    )
