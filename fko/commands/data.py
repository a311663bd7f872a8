"""`fko data build`: rebuild the store from the report text and the curation file."""

import os
from pathlib import Path
from typing import Annotated

import typer

from fko.commands import options
from fko.i18n import N_, _, ngettext

app = typer.Typer(help="Build the store from the source documents.", no_args_is_help=True)


@app.command("build", short_help="Rebuild a store from the report text.")
def build(
    ctx: typer.Context,
    source: Annotated[
        Path, typer.Argument(metavar="SOURCE.txt", help="The Fortschrittsbericht as plain text; - for stdin.")
    ],
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="PATH", help="Where to write the store.")] = None,
    curation: Annotated[
        Path | None, typer.Option("--curation", metavar="PATH", help="Reviewed curation file (default: shipped).")
    ] = None,
    sources: Annotated[
        Path | None,
        typer.Option(
            "--sources",
            metavar="DIR",
            help="The folder of the other source documents the facts quote (default: the report's folder; "
            "with - the current folder).",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Only validate the report, the curation and the facts; write nothing; exit 1 on a warning."
        ),
    ] = False,
    force: options.Force = False,
    follow_symlinks: options.FollowSymlinks = False,
) -> None:
    """Rebuild a store from the report text; the output is byte-identical for the same input.

    Beside PATH goes the store's search index (fko.json: fko.index.json). Either file is
    replaced only with --force, and never when it is the source, a curation file or
    the store named by --db/FKO_DB. Curation entries and facts that no longer fit their
    measure (a new edition) are reported as warnings and not applied; --check validates
    without writing and exits 1 on a warning.
    SOURCE.txt may be - (standard input): it is recorded under the file name the curation
    file gives the report.
    Example: fko data build ../shared/sources/002_a45909dfd521d212.txt --out fko/data/fko.json --force
    """
    from fko.errors import FkoError, UsageError
    from fko.ingest.build import CURATION, build_from, invalid_tables, report_name, write
    from fko.ingest.facts import FACTS
    from fko.ingest.files import read_text
    from fko.output import channels, tables
    from fko.output.files import check_target
    from fko.store.fileformat import index_path

    db = options.state(ctx).db or os.environ.get("FKO_DB")
    protect = [source, curation or CURATION, FACTS, *([Path(db)] if db else [])]
    if check and out is not None:
        raise UsageError(_("--check writes nothing; drop --out PATH (or drop --check to build)"))
    if not check and out is None:
        raise UsageError(_("missing --out PATH: where to write the store (or --check to validate without writing)"))
    for option, path in (("--out", out), ("--curation", curation), ("--sources", sources)):
        if path is not None and str(path) == "-":
            if option == "--out":
                dash = _(
                    "{option} cannot be - (stdin or stdout): it is two files (the store and its index); give a path"
                )
            else:
                dash = _("{option} cannot be - (stdin or stdout): it is read from a file; give a path")
            raise UsageError(dash.format(option=option))
    if out is not None:  # before a long build: the store and its search index beside it
        check_target(out, force=force, protect=protect, follow_symlinks=follow_symlinks)
        check_target(index_path(out), force=force, protect=protect, follow_symlinks=follow_symlinks)
    try:
        piped = str(source) == "-"
        shown = "<stdin>" if piped else str(source)
        text = read_text(source, N_("source file"))
        name = report_name(curation or CURATION) if piped else source.name
        folder = sources or (Path.cwd() if piped else source.parent)
        result = build_from(text, name, folder, curation or CURATION)
    except (IndexError, KeyError, ValueError, TypeError, AttributeError, StopIteration, RecursionError) as exc:
        # The inputs are untrusted text: a parser that trips over them is not the user's fault,
        # but it is their input, so one line (naming where, for a bug report), never a traceback.
        raise FkoError(
            _(
                "cannot build from {source} ({where}): is it the report, and are the curation and "
                "facts files well-formed?"
            ).format(source=source, where=_where(exc))
        ) from None
    problem = invalid_tables(result.tables)
    if problem:
        raise FkoError(
            _(
                "the build made an invalid store ({problem}); nothing was written, check the source "
                "text and the curation files"
            ).format(problem=problem)
        )
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in result.tables.items() if name != "meta")
    if check:
        for warning in result.warnings:
            channels.note(_("warning: {warning}").format(warning=warning))
        problems = len(result.warnings)
        if problems:
            raise FkoError(
                ngettext(
                    "check of {source} found {n} warning (above); nothing written",
                    "check of {source} found {n} warnings (above); nothing written",
                    problems,
                ).format(source=source, n=problems)
            )
        checked = _("checked {source}: {counts}; no warnings; nothing written").format(source=shown, counts=counts)
        tables.lines(options.display(ctx), [checked])
        return
    assert out is not None
    store, index = write(result, out, force=force, protect=protect, follow_symlinks=follow_symlinks)
    for warning in result.warnings:
        channels.note(_("warning: {warning}").format(warning=warning))
    channels.note(
        _("wrote {store}: {counts}; its search index: {index}").format(store=store, counts=counts, index=index)
    )


def _where(exc: BaseException) -> str:
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1] if frames else None
    place = f" at {Path(last.filename).name}:{last.lineno}" if last else ""
    return f"{type(exc).__name__}{place}"
