"""The JSON writer: orjson where it gives the same bytes as the standard library, the stdlib
path everywhere else, and the same escaping of invisible characters either way."""

from __future__ import annotations

import collections
import datetime
import io
import json
import math
import re
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko.output import channels, json_writer
from fko.store.fileformat import SHIPPED

#: The writer as it was before orjson (fko 2.0.0), kept here as the reference.
_OLD_INVISIBLE = re.compile(
    "[\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def _old_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def old_json_text(data: Any, indent: int | None = 2) -> str:
    separators = None if indent is not None else (",", ":")
    return _OLD_INVISIBLE.sub(
        _old_escape, json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False, separators=separators)
    )


def outcome(write: Any, *args: Any) -> tuple[str, Any]:
    try:
        return "ok", write(*args)
    except Exception as exc:  # the same kind of failure counts as the same outcome
        return "error", type(exc)


#: Characters that JSON writers treat differently: C0/C1 controls, quotes, backslash, slash,
#: DEL, the invisible and bidi characters fko escapes, their neighbours, lone surrogates,
#: characters of every UTF-8 length, and what German text is made of.
NASTY = (
    [chr(c) for c in range(0x20)]
    + list('"\\/\x7f\x80\x9b\x9f\xa0\xad\xae')
    + list("\u0600\u0605\u0606\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200a\u200b\u200f\u2010")
    + list("\u2027\u2028\u2029\u202e\u202f\u205f\u2060\u2064\u2065\u2066\u206f\u2070\ufeff\ufff8\ufff9\ufffb\ufffc")
    + list("\U000110bd\U000110cd\U0001343f\U00013440\U0001bca3\U0001d173\U0001d17a\U000e0001\U000e0020\U000e007f")
    + list("\U000e0080\U0001f600\ud800\udc00\udfff\udcff")
    + list("äöüßÄ€„“”–—…·Ω𝄞 aZ09")
)
texts = st.text(st.sampled_from(NASTY) | st.characters(codec=None), max_size=30)
floats = st.floats() | st.sampled_from([0.0, -0.0, 1e-4, 9.999e-5, 1e-5, 1e16, 9999999999999998.0, 1e300, 5e-324])
integers = st.integers() | st.sampled_from([2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1])
scalars = st.none() | st.booleans() | integers | floats | texts
keys = texts | st.integers(-5, 5) | st.booleans() | st.none() | floats
json_like = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=25,
)


@given(json_like, st.sampled_from([2, None]))
def test_the_writer_equals_the_stdlib_path_on_anything(data: Any, indent: int | None) -> None:
    assert outcome(json_writer.json_text, data, indent) == outcome(old_json_text, data, indent)


@given(st.lists(st.dictionaries(texts, texts | st.integers(-(2**63), 2**63 - 1) | st.none(), max_size=5)))
def test_plain_records_with_nasty_strings_take_the_fast_path_and_equal_the_old_text(
    records: list[dict[str, Any]],
) -> None:
    if any(0xD800 <= ord(c) <= 0xDFFF for r in records for k, v in r.items() for c in f"{k}{v}"):
        return  # lone surrogates: orjson refuses them; the stdlib path (tested above) takes them
    assert isinstance(json_writer._json(records, 2), bytes)  # orjson wrote it
    assert json_writer.json_text(records) == old_json_text(records)
    assert json_writer.json_text(records, None) == old_json_text(records, None)


@given(json_like)
def test_emit_json_writes_the_same_bytes_as_before(data: Any) -> None:
    try:
        expected = (old_json_text(data) + "\n").encode("utf-8", "surrogatepass")
    except (ValueError, TypeError, RecursionError) as exc:
        with pytest.raises(type(exc)):
            json_writer.json_text(data)
        return
    # what the Channel made of the old text: lone surrogates shown as U+FFFD
    expected = re.sub(channels._SURROGATE, "\ufffd", expected.decode("utf-8", "surrogatepass")).encode("utf-8")
    buffer = io.BytesIO()
    stdout = channels.Channel(io.TextIOWrapper(buffer, encoding="utf-8"), "stdout")
    saved, sys.stdout = sys.stdout, stdout
    try:
        json_writer.emit_json(data)
    finally:
        sys.stdout = saved
    assert buffer.getvalue() == expected


def test_the_escapes_are_exactly_the_invisible_characters_of_the_old_writer() -> None:
    """Over every code point: the writer escapes the characters the old pattern matched (205), each
    as the old writer did, and the check of orjson's output finds each of them in its UTF-8
    bytes with ASCII (but DEL) taken out, as the writer looks for them."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    old = _OLD_INVISIBLE.findall(every)
    assert sorted(map(ord, old)) == sorted(json_writer._ESCAPES) and len(old) == 205
    assert every.translate(json_writer._ESCAPES) == _OLD_INVISIBLE.sub(_old_escape, every)
    for char in old:
        left = f"a{char}ä".encode().translate(None, json_writer._ASCII_BUT_DEL).decode("utf-8")
        assert not json_writer._INVISIBLE.isdisjoint(left), hex(ord(char))
    assert json_writer._INVISIBLE.isdisjoint("äöüß€„“–…\u00a0")


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"a": "x\u2028y\x9b\u202e"}, '{\n  "a": "x\\u2028y\\u009b\\u202e"\n}'),
        (['\x00\x1f\n\t\b\f\r"\\/'], '[\n  "\\u0000\\u001f\\n\\t\\b\\f\\r\\"\\\\/"\n]'),
        ({"e": "\U000e0041"}, '{\n  "e": "\\udb40\\udc41"\n}'),
        ([1e16, 1e-5, 0.5, -0.0], "[\n  1e+16,\n  1e-05,\n  0.5,\n  -0.0\n]"),
        ({1: True, None: 2}, '{\n  "1": true,\n  "null": 2\n}'),
        ([2**64, -(2**63) - 1], "[\n  18446744073709551616,\n  -9223372036854775809\n]"),
        ([[], {}, [{}]], "[\n  [],\n  {},\n  [\n    {}\n  ]\n]"),
    ],
)
def test_edge_cases_print_as_before(data: Any, text: str) -> None:
    assert json_writer.json_text(data) == old_json_text(data) == text


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, [1.0, {"x": math.nan}]])
def test_nan_is_refused_as_before_never_written_as_null(bad: Any) -> None:
    with pytest.raises(ValueError, match="Out of range float"):
        json_writer.json_text(bad)
    with pytest.raises(ValueError, match="Out of range float"):
        json_writer.json_text(bad, None)


def test_the_shipped_records_take_the_fast_path() -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    measures = list(data["measures"].values())
    out = json_writer._json(measures, 2)
    assert isinstance(out, bytes)
    assert out.decode("utf-8") == old_json_text(measures)
    assert b'"title": "Meisterpr\xc3\xa4mie NRW"' in out


class _Text(str):
    pass


@pytest.mark.parametrize(
    "value",
    [
        _Text("x"),
        {"a": _Text("b")},
        [collections.OrderedDict(a=1)],
        {"when": datetime.date(2024, 1, 2)},
        [{"x": 1e-05}],
        {"x": 1e16},
    ],
)
def test_what_orjson_would_write_otherwise_takes_the_standard_library(value: Any) -> None:
    """Subclasses, dates and numbers orjson prints otherwise (1e-05 as 0.00001) reach the
    standard library, which decides as json.dumps always did: the same text, or TypeError."""
    try:
        expected: str | type[Exception] = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)
    except TypeError:
        expected = TypeError
    if expected is TypeError:
        with pytest.raises(TypeError):
            json_writer._json(value, 2)
    else:
        assert json_writer._json(value, 2) == expected
