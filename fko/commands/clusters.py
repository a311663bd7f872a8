"""`fko clusters`: the six thematic clusters and how many measures each has."""

import typer

from fko.commands import options
from fko.i18n import _


@options.rows_output
def run(ctx: typer.Context, wide: options.Wide = False, *, out: options.Output) -> None:
    """List the six clusters with their titles and number of measures.

    \b
    Examples:
      fko clusters
      fko list -c IV
    """
    from fko.domain.measures import cluster_table
    from fko.views.measures import CLUSTER_FIELDS

    rows = cluster_table(options.store(ctx))
    out.emit(options.display(ctx, wide), rows, CLUSTER_FIELDS, "clusters", title=_("Clusters"))
