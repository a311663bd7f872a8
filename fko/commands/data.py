"""`fko data build`: rebuild the store from the report text and the curation file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Build the store from the source documents.", no_args_is_help=True)


@app.command("build")
def build(
    source: Annotated[Path, typer.Argument(metavar="SOURCE.txt", help="The Fortschrittsbericht as plain text.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="PATH", help="Where to write the store.")],
    curation: Annotated[
        Path | None, typer.Option("--curation", metavar="PATH", help="Reviewed curation file (default: shipped).")
    ] = None,
) -> None:
    """Rebuild a store from the report text; the output is byte-identical for the same input.

    Example: fko data build ../shared/sources/002_a45909dfd521d212.txt --out fko/data/fko.json
    """
    from fko import render
    from fko.ingest.build import CURATION, build, write

    result = build(source, curation or CURATION)
    write(result.tables, out)
    for warning in result.warnings:
        render.note(f"warning: {warning}")
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in result.tables.items() if name != "meta")
    render.note(f"wrote {out}: {counts}")
