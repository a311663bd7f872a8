"""`fko ressorts`: the ministries of the report and how many measures each has."""

import typer

from fko.commands import options
from fko.i18n import _


@options.rows_output
def run(ctx: typer.Context, wide: options.Wide = False, *, out: options.Output) -> None:
    """List the 13 ministries (Ressorts) with their codes and number of measures.

    \b
    Examples:
      fko ressorts
      fko list -r MAGS
    """
    from fko.domain.measures import ressort_table
    from fko.views.measures import RESSORT_FIELDS

    rows = ressort_table(options.store(ctx))
    title = _("Ministries (a measure shared by several counts for each)")
    out.emit(options.display(ctx, wide), rows, RESSORT_FIELDS, "ressorts", title=title)
