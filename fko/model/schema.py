"""The JSON Schema of `--json`, derived from the output types, and the same for people."""

from __future__ import annotations

import textwrap
import types
import typing
from typing import Any, Literal, Union

from fko import __version__
from fko.i18n import N_, _
from fko.model.keys import KEYS
from fko.model.outputs import NESTED, OBJECT_OUTPUTS, OUTPUTS, SCHEMA_VERSION, hints, split_required

_SIMPLE = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def _names() -> dict[type, str]:
    return {t: n for n, t in NESTED.items()} | {t: n for n, (t, _) in OUTPUTS.items()}


def type_schema(annotation: Any, names: dict[type, str]) -> dict[str, Any]:
    """The JSON Schema of one annotation."""
    if annotation is Any:
        return {}
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        parts = [type_schema(a, names) for a in typing.get_args(annotation)]
        if all(set(p) == {"type"} for p in parts):
            return {"type": [p["type"] for p in parts]}
        return {"anyOf": parts}
    if origin is Literal:
        return {"enum": list(typing.get_args(annotation))}
    if origin is list:
        return {"type": "array", "items": type_schema(typing.get_args(annotation)[0], names)}
    if origin is dict:
        return {"type": "object", "additionalProperties": type_schema(typing.get_args(annotation)[1], names)}
    if isinstance(annotation, type) and typing.is_typeddict(annotation):
        return {"$ref": f"#/$defs/{names[annotation]}"}
    return {"type": _SIMPLE[annotation]}


def record_schema(record_type: type, names: dict[type, str]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required = []
    for key, annotation in hints(record_type).items():
        inner, needed = split_required(annotation)
        properties[key] = {**type_schema(inner, names), "description": KEYS[key]}
        if needed:
            required.append(key)
    return {
        "type": "object",
        "description": " ".join((record_type.__doc__ or "").split()),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of every command's `--json` output."""
    names = _names()
    defs = {name: record_schema(t, names) for name, (t, _) in OUTPUTS.items()}
    for name, (_record, command) in OUTPUTS.items():
        defs[name]["description"] += f" Printed by: {command}."
    defs.update({name: record_schema(t, names) for name, t in NESTED.items()})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://fko.invalid/schema/{SCHEMA_VERSION}/output.json",
        "title": "fko --json output",
        "description": "Every command's --json prints a JSON array of records of the $defs type named after "
        "the command (one element for one record, [] for none); --jsonl prints the same records one a line. "
        "Only fko diff prints one object (its $defs type diff). "
        "Keys are snake_case with one meaning and one type across all commands; null means unknown or not "
        "stated; dates are ISO 8601 strings as precise as the source; amounts are raw numbers.",
        "schema_version": SCHEMA_VERSION,
        "fko_version": __version__,
        "anyOf": [
            {
                "type": "array",
                "items": {"anyOf": [{"$ref": f"#/$defs/{n}"} for n in OUTPUTS if n not in OBJECT_OUTPUTS]},
            },
            *({"$ref": f"#/$defs/{n}"} for n in OBJECT_OUTPUTS),
        ],
        "$defs": defs,
    }


def schema_text(schema: dict[str, Any]) -> list[str]:
    """The schema for people: each type with its keys, types and meanings."""
    lines = [
        _("fko JSON output, schema version {version} (fko {fko})").format(
            version=schema["schema_version"], fko=schema["fko_version"]
        ),
        "",
        *_wrap(_(schema["description"]), ""),
    ]
    for name, definition in schema["$defs"].items():
        lines += ["", name, *_wrap(_(definition["description"]), "  ")]
        width = max(len(k) for k in definition["properties"])
        for key, prop in definition["properties"].items():
            optional = "" if key in definition["required"] else _(" (only where present)")
            lines.append(f"  {key.ljust(width)}  {describe_type(prop)}{optional}")
    glossary = {k: p["description"] for d in schema["$defs"].values() for k, p in d["properties"].items()}
    lines += ["", _("Keys (one meaning each, in every type)")]
    for key in sorted(glossary):
        lines += _wrap(f"{key}: {_(glossary[key])}", "  ")
    return lines


def schema_texts(schema: dict[str, Any]) -> list[str]:
    """The descriptions the schema holds (its own, each type's, each key's), in English: the
    texts `schema_text` shows in the reader's language (tests/i18n/catalog.py adds them to the
    catalog, as it adds the help Typer builds)."""
    texts = [schema["description"]]
    for definition in schema["$defs"].values():
        texts.append(definition["description"])
        texts += [p["description"] for p in definition["properties"].values()]
    return list(dict.fromkeys(texts))


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, 78, initial_indent=indent, subsequent_indent=indent + ("  " if indent else ""))


def describe_type(prop: dict[str, Any]) -> str:
    """A JSON Schema type in words, in the reader's language: "string or null", "array of
    integer", "object (runtime)"; enum values and type names stay as the schema has them."""
    if set(prop) <= {"description"}:
        return _("any JSON value")
    if "$ref" in prop:
        return _("object ({name})").format(name=prop["$ref"].rsplit("/", 1)[1])
    if "enum" in prop:
        return _("one of {values}").format(values=", ".join("null" if v is None else str(v) for v in prop["enum"]))
    either = " " + _("or") + " "
    if "anyOf" in prop:
        return either.join(describe_type(p) for p in prop["anyOf"])
    kind = prop["type"]
    if isinstance(kind, list):
        return either.join(_(JSON_TYPES[k]) for k in kind)
    if kind == "array":
        return _("array of {items}").format(items=describe_type(prop["items"]))
    if kind == "object":
        return _("object of {items}").format(items=describe_type(prop["additionalProperties"]))
    return _(JSON_TYPES[kind])


#: JSON's types as `fko schema` names them for people.
JSON_TYPES = {
    "string": N_("string"),
    "integer": N_("integer"),
    "number": N_("number"),
    "boolean": N_("boolean"),
    "null": N_("null"),
    "array": N_("array"),
    "object": N_("object"),
}
