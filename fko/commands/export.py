"""`fko export`: the whole dataset as JSON, CSV files, an SQLite database or an Excel workbook."""

from pathlib import Path
from typing import Annotated

import typer

from fko.commands import choices, options


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

    store = options.state(ctx).store()
    aliases: dict[str, list[str]] = {}
    if fmt.value == "sqlite":  # its search text holds the aliases, as the search index has them
        from fko.search.finder import store_index

        index, warnings = store_index(store)
        aliases = index["aliases"]
        for line in warnings:
            channels.note(line)
    written = export(store, fmt.value, out, force, delimiter, metadata, follow_symlinks, aliases)
    channels.note(f"wrote {', '.join(str(p) for p in written)}")
