"""JSON for scripts: exactly the bytes of json.dumps(ensure_ascii=False), written by orjson where
it gives the same, invisible and control characters escaped."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fko.output.channels import write, write_bytes

#: What must not reach a terminal raw from JSON: C1 controls and DEL (JSON escapes C0
#: itself), line and paragraph separators, bidi overrides and other invisible format characters
#: (first and last code point of each run).
_INVISIBLE_RUNS = (
    (0x7F, 0x9F), (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F),
    (0x890, 0x891), (0x8E2, 0x8E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x2028, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)  # fmt: skip


def _escaped(code: int) -> str:
    """A character as JSON escapes it: \\u009b, or a surrogate pair beyond the first plane."""
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


#: Each invisible character's escape, for str.translate.
_ESCAPES = {code: _escaped(code) for first, last in _INVISIBLE_RUNS for code in range(first, last + 1)}
_INVISIBLE = frozenset(map(chr, _ESCAPES))

_ASCII_BUT_DEL = bytes(range(0x7F))


def _fast_json(value: Any) -> bool:
    """True if orjson writes `value` byte for byte as `json.dumps` does: only dicts (str keys,
    which orjson checks itself), lists, tuples, str, int, bool, None and finite floats that
    Python prints without an exponent (0 and 1e-4 <= |x| < 1e16; orjson writes 1e-05 as
    0.00001 and 1e+16 as 1e16, and NaN or infinity as null, where json.dumps refuses them)."""
    if isinstance(value, dict):
        items: Iterable[Any] = value.values()
    elif type(value) is list or type(value) is tuple:
        items = value
    else:
        items = (value,)
    for v in items:
        t = type(v)
        if t is str or v is None or t is bool or t is int:
            continue
        if t is float:
            if not (v == 0 or 1e-4 <= abs(v) < 1e16):  # also false for NaN
                return False
        elif not (isinstance(v, dict) or t is list or t is tuple) or not _fast_json(v):
            return False
    return True


def _refuse(value: Any) -> Any:
    raise TypeError(f"{type(value).__name__} is left to the standard library")


def _json(data: Any, indent: int | None) -> bytes | str:
    """JSON, not ASCII-escaped, no NaN; invisible and control characters escaped (\\u009b), so
    that the same document is safe in a terminal and equal when parsed.

    The text is exactly what `json.dumps(data, ensure_ascii=False, indent=indent,
    allow_nan=False)` gives (compact separators without indent), escaped as above. orjson
    writes it (as UTF-8 bytes) where it gives the same bytes (see `_fast_json`); everything
    else, and all orjson refuses (integers beyond 64 bits, keys that are not strings, lone
    surrogates, deep nesting), goes through the standard library (as text), which raises for
    NaN and for values JSON cannot hold.
    """
    if indent in (2, None):
        try:
            fast = _fast_json(data)
        except RecursionError:
            fast = False
        if fast:
            import orjson

            # what orjson writes and json.dumps refuses or writes otherwise (subclasses, dates,
            # dataclasses) goes to `default`, which refuses it: then the standard library decides
            passthrough = (
                orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
            )
            try:
                out = orjson.dumps(data, default=_refuse, option=passthrough | (orjson.OPT_INDENT_2 if indent else 0))
            except orjson.JSONEncodeError:
                pass
            else:
                # The common case, nothing to escape, checked on the non-ASCII bytes and DEL only
                # (what is left is still whole UTF-8 characters).
                if _INVISIBLE.isdisjoint(out.translate(None, _ASCII_BUT_DEL).decode("utf-8")):
                    return out
                return out.decode("utf-8").translate(_ESCAPES).encode("utf-8")
    import json

    separators = None if indent is not None else (",", ":")
    return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False, separators=separators).translate(
        _ESCAPES
    )


def json_text(data: Any, indent: int | None = 2) -> str:
    """JSON as text (see `_json`)."""
    out = _json(data, indent)
    return out.decode("utf-8") if isinstance(out, bytes) else out


def emit_json(data: Any) -> None:
    """Exactly one JSON document on stdout."""
    _emit(_json(data, 2))


def emit_jsonl(records: Iterable[Any]) -> None:
    """JSON Lines: one record a line, each written and flushed as it comes."""
    for record in records:
        _emit(_json(record, None))


def _emit(out: bytes | str) -> None:
    if isinstance(out, str):
        write(out + "\n")
    elif len(out) > 1 << 20:  # a large document: no second copy just for the newline
        write_bytes(out)
        write_bytes(b"\n")
    else:
        write_bytes(out + b"\n")
