"""`fko clusters`: the six thematic clusters and how many measures each has."""

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
    """List the six clusters with their titles and number of measures.

    \b
    Examples:
      fko clusters
      fko list -c IV
    """
    from fko.domain.measures import cluster_table
    from fko.views.measures import CLUSTER_FIELDS
    from fko.views.rows import emit_rows

    rows = cluster_table(options.state(ctx).store())
    emit_rows(
        rows,
        CLUSTER_FIELDS,
        output="clusters",
        json=json,
        jsonl=jsonl,
        csv=csv,
        fields_arg=fields,
        delimiter=delimiter,
        xlsx=xlsx,
        force=force,
        title=_("Clusters"),
        display=options.display(ctx, wide),
    )
