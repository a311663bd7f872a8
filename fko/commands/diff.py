"""`fko diff`: what differs between two stores, e.g. two editions of the report."""

from typing import Annotated

import typer

from fko import options


def run(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The older store (a JSON file built by fko data build).")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The newer store.")],
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields",
            metavar="A,B,C",
            help="Compare only these fields: title, cluster, ressorts, runtime, funds, partners, urls, goal, "
            "description, publication, in_force.",
        ),
    ] = None,
    json: options.Json = False,
) -> None:
    """Compare two stores: measures added, removed and renumbered (matched by title and
    content, not only by ID), the fields that changed with old and new value, and the change
    in planned funds per basis and per ministry. Identical stores print "no changes".

    Example: fko diff fko/data/fko.json new.json --fields funds,runtime
    """
    from fko import render
    from fko.diff import check_fields, diff, is_empty
    from fko.store import open_store
    from fko.views_other import diff_entries, diff_summary

    compared = check_fields(fields)
    result = diff(open_store(old), open_store(new), compared)
    if json:
        render.emit_json(result)
    elif is_empty(result):
        render.lines(["no changes"])
    else:
        render.blocks(diff_entries(result), title=f"{old} → {new}: {diff_summary(result)}")
