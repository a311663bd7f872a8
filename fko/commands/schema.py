"""`fko schema`: the fields and types of each record type (the JSON contract)."""

from __future__ import annotations

from typing import Annotated

import typer

from fko import options


def run(
    record_type: Annotated[
        str | None,
        typer.Argument(
            metavar="[TYPE]", help="One record type, e.g. measure.", autocompletion=options.complete_record_types
        ),
    ] = None,
    json: options.Json = False,
) -> None:
    """Print each record type's fields with their types, as --json prints them.

    Example: fko schema budget_item
    """
    from fko import __version__, render
    from fko.errors import UsageError
    from fko.model import schema

    types = schema()
    if record_type is not None:
        if record_type not in types:
            raise UsageError(f"unknown record type '{record_type}'; use one of {', '.join(types)}")
        types = {record_type: types[record_type]}
    if json:
        render.emit_json({"fko_version": __version__, "types": types})
        return
    lines = [f"fko {__version__}: a breaking change to these types bumps the major version.", ""]
    for name, fields in types.items():
        lines.append(name)
        width = max(len(f) for f in fields)
        lines.extend(f"  {field.ljust(width)}  {kind}" for field, kind in fields.items())
        lines.append("")
    render.lines(lines[:-1])
