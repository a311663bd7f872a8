"""The columns of a view: one Field definition serves tables, CSV and --fields."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from fko.errors import UsageError
from fko.i18n import _
from fko.output.channels import clean


class Field(NamedTuple):
    """One column of a view: how to read it from a row and how to show it to people. A named
    tuple: immutable, a variant made by `_replace`, and defined without the code a dataclass
    generates on every start (each command imports it)."""

    name: str
    header: str
    get: Callable[[dict[str, Any]], Any]
    show: Callable[[Any], str] | None = None
    numeric: bool = False
    in_table: bool = True
    marked: Callable[[dict[str, Any]], Marked] | None = None
    #: The text a table shows, made from the whole row (e.g. "running (derived)"); CSV and
    #: JSON keep the raw value of `get`.
    view: Callable[[dict[str, Any]], str] | None = None
    #: In a narrow terminal: 0 = always shown; higher numbers are hidden first (see `layout`).
    drop: int = 0
    #: The column that gets the space first (the title); it wraps only at spaces and hyphens.
    main: bool = False
    #: Never wrapped (IDs, amounts, dates); numeric fields never wrap either.
    keep_whole: bool = False


class Marked:
    """Text with spans to emphasise in a terminal (matched words); plain elsewhere."""

    __slots__ = ("spans", "text")

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.spans = spans


def key(name: str) -> Callable[[dict[str, Any]], Any]:
    return lambda row: row.get(name)


def path(*keys: str) -> Callable[[dict[str, Any]], Any]:
    def get(row: dict[str, Any]) -> Any:
        value: Any = row
        for k in keys:
            value = value.get(k) if isinstance(value, dict) else None
        return value

    return get


def select_paths(valid: Sequence[str], wanted: str) -> list[str]:
    """The JSON keys and dotted paths named in --fields a,b.c, in that order.

    An empty list or name, or a name that is not a key of the record, is a usage error that
    lists the valid names.
    """
    names = [n.strip() for n in wanted.split(",")]
    if not wanted.strip() or not all(names):
        raise UsageError(
            _("--fields needs comma-separated key names, e.g. --fields {example}").format(example=",".join(valid[:2]))
        )
    unknown = [n for n in names if n not in valid]
    if unknown:
        raise UsageError(
            _("unknown field '{value}' for --fields; valid fields: {valid}").format(
                value=unknown[0], valid=", ".join(valid)
            )
        )
    return list(dict.fromkeys(names))


def dotted(name: str) -> Callable[[dict[str, Any]], Any]:
    """A getter for a key or dotted path (runtime.start) of a record."""
    return path(*name.split("."))


def pick(record: dict[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """The record cut to the given keys and dotted paths, nested as in the record (like jq's pick)."""
    out: dict[str, Any] = {}
    for name in names:
        *parents, last = name.split(".")
        source: Any = record
        target = out
        for k in parents:
            source = source.get(k) if isinstance(source, dict) else None
            if source is None:
                target[k] = None
                break
            target = target.setdefault(k, {})
        else:
            target[last] = source.get(last) if isinstance(source, dict) else None
    return out


def cell_text(field: Field, row: dict[str, Any]) -> str:
    """The text a table shows for `field` in `row`, cleaned of control characters: its view of
    the whole row, else its marked text, else its value as people read it."""
    if field.view is not None:
        return clean(field.view(row))
    if field.marked is not None:
        return clean(field.marked(row).text)
    value = field.get(row)
    if field.show is not None:
        return field.show(value)
    if value is None:
        return ""
    import json

    if isinstance(value, list):
        return ", ".join(clean(json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v) for v in value)
    if isinstance(value, dict):
        return clean(json.dumps(value, ensure_ascii=False))
    return clean(value)
