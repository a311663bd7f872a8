"""`fko export`: the whole dataset as JSON, CSV files, an SQLite database or an Excel workbook."""

from pathlib import Path
from typing import Annotated

import typer

from fko.commands import choices, options
from fko.i18n import _


def run(
    ctx: typer.Context,
    fmt: Annotated[choices.ExportFormat, typer.Option("--format", "-f", help="What to write.", case_sensitive=False)],
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="PATH", help="File (json, sqlite, xlsx) or folder (csv).")
    ],
    force: options.Force = False,
    delimiter: options.Delimiter = ";",
    follow_symlinks: options.FollowSymlinks = False,
    metadata: Annotated[
        bool,
        typer.Option("--metadata", help="With sqlite: also write Datasette's NAME.metadata.json beside it."),
    ] = False,
) -> None:
    """Export every record: measures, initiatives, budget items, recognition, indicators, sources.

    sqlite: one table per record type with primary and foreign keys and full-text search
    (measures_fts) that Datasette and sqlite-utils find as they are.
    xlsx: an Excel workbook, one sheet per table.
    Example: fko export --format sqlite --out fko.db --metadata
    """
    from fko.domain.export import export
    from fko.output import channels

    written = export(options.state(ctx).store(), fmt.value, out, force, delimiter, metadata, follow_symlinks)
    channels.note(_("wrote {value}").format(value=", ".join(str(p) for p in written)))
