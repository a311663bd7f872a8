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
        Path,
        typer.Option(
            "--out",
            "-o",
            metavar="PATH",
            help="File (json, sqlite, xlsx) or folder (csv); - for stdout (csv: one --table; sqlite and xlsx: "
            "not to a terminal).",
        ),
    ],
    table: Annotated[
        str | None, typer.Option("--table", metavar="NAME", help="With --format csv --out -: the table to write.")
    ] = None,
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
    --out - writes to stdout: fko export --format json --out - | jq '.measures | length'.
    Example: fko export --format sqlite --out fko.db --metadata
    """
    from fko.domain.export import export, exported
    from fko.errors import UsageError
    from fko.output import channels

    store = options.store(ctx)
    aliases: dict[str, list[str]] = {}
    if fmt.value == "sqlite":  # its search text holds the aliases, as the search index has them
        from fko.search.finder import store_index

        index, warnings = store_index(store)
        aliases = index["aliases"]
        for line in warnings:
            channels.note(line)
    if str(out) == "-":  # binary formats never onto a terminal
        if metadata:
            raise UsageError(_("--metadata writes a file beside the database: give --out a file name, not -"))
        if fmt.value in ("sqlite", "xlsx") and options.display(ctx).is_terminal:
            raise UsageError(
                _("--format {format} --out - writes binary data: redirect stdout to a file or a pipe").format(
                    format=fmt.value
                )
            )
        channels.write_bytes(exported(store, fmt.value, delimiter, table, aliases))
        return
    if table is not None:
        raise UsageError(_("--table goes with --format csv --out - (a csv folder holds every table)"))
    written = export(store, fmt.value, out, force, delimiter, metadata, follow_symlinks, aliases)
    channels.note(_("wrote {path}").format(path=", ".join(str(p) for p in written)))
