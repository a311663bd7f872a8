"""`fko data build`: rebuild the store from the report text and the curation file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from fko import options

app = typer.Typer(help="Build the store from the source documents.", no_args_is_help=True)


@app.command("build")
def build(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(metavar="SOURCE.txt", help="The Fortschrittsbericht as plain text.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="PATH", help="Where to write the store.")],
    curation: Annotated[
        Path | None, typer.Option("--curation", metavar="PATH", help="Reviewed curation file (default: shipped).")
    ] = None,
    force: options.Force = False,
    follow_symlinks: options.FollowSymlinks = False,
) -> None:
    """Rebuild a store from the report text; the output is byte-identical for the same input.

    PATH is replaced only with --force, and never when it is the source, a curation file or
    the store named by --db/FKO_DB.
    Example: fko data build ../shared/sources/002_a45909dfd521d212.txt --out fko/data/fko.json --force
    """
    from fko import render
    from fko.ingest.build import CURATION, build, write
    from fko.ingest.facts import FACTS
    from fko.safe_write import check_target

    db = options.state(ctx).db or os.environ.get("FKO_DB")
    protect = [source, curation or CURATION, FACTS, *([Path(db)] if db else [])]
    check_target(out, force=force, protect=protect, follow_symlinks=follow_symlinks)  # before a long build
    result = build(source, curation or CURATION)
    write(result.tables, out, force=force, protect=protect, follow_symlinks=follow_symlinks)
    for warning in result.warnings:
        render.note(f"warning: {warning}")
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in result.tables.items() if name != "meta")
    render.note(f"wrote {out}: {counts}")
