"""JSON for scripts: exactly the bytes of json.dumps(ensure_ascii=False), written by orjson where
it gives the same, invisible and control characters escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from fko.output.channels import write, write_bytes

#: What must not reach a terminal raw from JSON: C1 controls and DEL (JSON escapes C0
#: itself), line and paragraph separators, bidi overrides and other invisible format characters.
_INVISIBLE_CLASS = (
    "[\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)

#: The same characters as UTF-8 byte sequences, to find them in orjson's output without
#: decoding it (tests/output/test_json.py checks both against every code point).
_INVISIBLE_UTF8 = (
    rb"\x7f|\xc2[\x80-\x9f\xad]|\xd8[\x80-\x85\x9c]|\xdb\x9d|\xdc\x8f|\xe0\xa2[\x90\x91]|\xe0\xa3\xa2"
    rb"|\xe1\xa0\x8e|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa0-\xa4\xa6-\xaf]|\xef\xbb\xbf|\xef\xbf[\xb9-\xbb]"
    rb"|\xf0\x91\x82\xbd|\xf0\x91\x83\x8d|\xf0\x93\x90[\xb0-\xbf]|\xf0\x9b\xb2[\xa0-\xa3]|\xf0\x9d\x85[\xb3-\xba]"
    rb"|\xf3\xa0\x80[\x81\xa0-\xbf]|\xf3\xa0\x81[\x80-\xbf]"
)

_ASCII_BUT_DEL = bytes(range(0x7F))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def _escape_invisible(text: str) -> str:
    return re.compile(_INVISIBLE_CLASS).sub(_escape, text)  # re caches the compiled pattern


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
                if re.search(_INVISIBLE_UTF8, out.translate(None, _ASCII_BUT_DEL)) is None:
                    return out
                return _escape_invisible(out.decode("utf-8")).encode("utf-8")
    import json

    separators = None if indent is not None else (",", ":")
    return _escape_invisible(
        json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False, separators=separators)
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
