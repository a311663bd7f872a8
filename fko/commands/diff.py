"""`fko diff`: what differs between two stores, e.g. two editions of the report."""

from typing import Annotated

import typer

from fko.commands import options
from fko.i18n import _


def run(
    ctx: typer.Context,
    old: Annotated[
        str, typer.Argument(metavar="OLD", help="The older store (a JSON file built by fko data build; - for stdin).")
    ],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The newer store (- for stdin).")],
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields",
            metavar="A,B,C",
            help="Compare only these fields: title, cluster, ressorts, runtime, funds, partners, urls, goal, "
            "description, publication, in_force.",
        ),
    ] = None,
    json: options.JsonObject = False,
) -> None:
    """Compare two stores: measures added, removed and renumbered (matched by title and
    content, not only by ID), the fields that changed with old and new value, and the change
    in planned funds per basis and per ministry. Identical stores print "no changes".

    Either store may be - (standard input), e.g. `fko diff old.json - < new.json`.
    Example: fko diff fko/data/fko.json new.json --fields funds,runtime
    """
    from fko.domain.diff import check_fields, diff, is_empty
    from fko.output import json_writer, tables
    from fko.store.reader import open_store
    from fko.views.diff import diff_entries, diff_summary

    display = options.display(ctx)
    compared = check_fields(fields)
    if old == new == "-":
        from fko.errors import UsageError

        raise UsageError(_("only one of OLD and NEW can be - (standard input holds one store)"))
    before, after = open_store(old), open_store(new)
    result = diff(before, after, compared)
    if json:
        json_writer.emit_json(result)
    elif is_empty(result):
        tables.lines(display, [_("no changes")])
    else:
        tables.blocks(display, diff_entries(result), title=f"{before.name} → {after.name}: {diff_summary(result)}")
