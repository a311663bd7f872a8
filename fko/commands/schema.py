"""`fko schema`: the JSON Schema of every command's --json output (the contract for scripts)."""

from typing import Annotated

import typer

from fko.commands import options
from fko.i18n import _


def run(
    ctx: typer.Context,
    record_type: Annotated[
        str | None,
        typer.Argument(
            metavar="[TYPE]",
            help="One output type, e.g. budget_group.",
            autocompletion=options.completer("record_types"),
        ),
    ] = None,
    json: options.JsonObject = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of --json: one type per command, every key described.

    Without --json, the same document for people: each type's keys and types, then what each
    key means (one meaning per key in all commands).
    Example: fko schema budget_group
    """
    from fko.errors import UsageError
    from fko.model.schema import json_schema, schema_text
    from fko.output import json_writer, tables

    schema = json_schema()
    if record_type is not None:
        defs = schema["$defs"]
        if record_type not in defs:
            raise UsageError(
                _("unknown output type '{record_type}'; use one of {defs}").format(
                    record_type=record_type, defs=", ".join(defs)
                )
            )
        if json:
            json_writer.emit_json(
                {"$ref": f"#/$defs/{record_type}", **{k: v for k, v in schema.items() if k not in ("anyOf", "items")}}
            )
            return
        schema = {**schema, "$defs": {record_type: defs[record_type]}}
    if json:
        json_writer.emit_json(schema)
        return
    tables.lines(options.display(ctx), schema_text(schema))
