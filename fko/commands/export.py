"""`fko export`: the whole dataset as JSON, CSV files or an SQLite database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fko import options


def run(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="json|csv|sqlite", help="What to write.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="PATH", help="File (json, sqlite) or folder (csv).")],
    force: options.Force = False,
    delimiter: options.Delimiter = ";",
    follow_symlinks: options.FollowSymlinks = False,
) -> None:
    """Export every record: measures, initiatives, budget items, recognition, indicators, sources.

    The SQLite file has one table per record type and full-text search (measures_fts),
    so it opens directly in Datasette.
    Example: fko export --format sqlite --out fko.db
    """
    from fko import render
    from fko.export import export

    written = export(options.state(ctx).store(), fmt, out, force, delimiter, follow_symlinks)
    render.note(f"wrote {', '.join(str(p) for p in written)}")
