"""All output of fko: JSON, CSV, tables, records, charts and messages.

Data strings are always rendered as plain text (never parsed as markup), with control
characters removed. JSON and CSV are written straight to stdout. Tables and records are drawn
by fko itself, for terminals too (ANSI styles only from fko, never from data); Rich is not used.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fko.errors import FkoError, UsageError

if TYPE_CHECKING:
    import datetime

#: Regular expressions are compiled on first use (the `re` module keeps them): few runs need all.
#: Removed from text for people: C0/C1 controls but newline and tab, and the bidi controls
#: (marks, embeddings, overrides, isolates), with which a store could make "1.000 €" show
#: reversed in a table.
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
_SURROGATE = "[\ud800-\udfff]"


def clean(value: object) -> str:
    """Text safe for a terminal and for any UTF-8 file: C0/C1 control characters other than
    newline and tab and the bidi controls removed, lone surrogates (invalid bytes in arguments)
    shown as U+FFFD."""
    text = str(value)
    if text.isprintable():  # the common case: none of those characters is printable
        return text
    return re.sub(_SURROGATE, "\ufffd", re.sub(_CONTROL, "", text))


def is_terminal() -> bool:
    return sys.stdout.isatty()


def use_colour() -> bool:
    """Colour or not: `--color always|never` decides; with `auto` (the default) NO_COLOR turns
    it off, FORCE_COLOR turns it on (also into a pipe), else a terminal that is not dumb gets it."""
    if settings.colour != "auto":
        return settings.colour == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    return is_terminal() and os.environ.get("TERM") != "dumb"


def styled() -> bool:
    """Draw for a terminal (planned column widths, styles when colour is on): in a terminal,
    or into a pipe when colour is forced."""
    return is_terminal() or use_colour()


class PipeClosed(Exception):
    """The reader of stdout went away (`fko list | head -1`): stop writing, quietly."""


class OutputError(FkoError):
    """stdout is closed or cannot take more (`fko list >&-`, `> /dev/full`): exit 1."""


class Channel(io.TextIOBase):
    """stdout or stderr as fko writes them, the one place that handles their failures.

    Text is written as UTF-8 whatever the locale; lone surrogates (invalid bytes in arguments
    or file names) become U+FFFD. On stdout, a closed pipe raises PipeClosed (exit 0) and a
    closed or full stream OutputError (exit 1); stderr failures are dropped, as there is
    nowhere left to report them. After a failure the stream is pointed at /dev/null so that
    the interpreter's final flush stays quiet, and later writes are ignored.
    """

    def __init__(self, stream: Any, name: str) -> None:
        super().__init__()
        self.stream = stream
        self.name = name
        self.failed = False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    @property
    def errors(self) -> str:  # type: ignore[override]
        return "strict"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        try:
            return not self.failed and self.stream is not None and bool(self.stream.isatty())
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self.stream is None:
            raise io.UnsupportedOperation(f"{self.name} is closed")
        return int(self.stream.fileno())

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"{self.name} takes text, not {type(text).__name__}")
        if self.failed or not text:
            return len(text)
        if self.stream is None:
            self._fail("it is closed")
            return len(text)
        self._put(re.sub(_SURROGATE, "\ufffd", text))
        return len(text)

    def write_utf8(self, data: bytes) -> None:
        """Write text already encoded as valid UTF-8 (orjson's JSON) without decoding it."""
        if self.failed or not data:
            return
        if self.stream is None:
            self._fail("it is closed")
            return
        self._put(data)

    def _put(self, data: str | bytes) -> None:
        try:
            buffer = getattr(self.stream, "buffer", None)
            if buffer is None:  # a text-only stream (tests)
                self.stream.write(data if isinstance(data, str) else data.decode("utf-8"))
                self.stream.flush()
            else:
                self.stream.flush()
                buffer.write(data if isinstance(data, bytes) else data.encode("utf-8"))
                buffer.flush()
        except BrokenPipeError:
            self._fail(None)
        except (OSError, ValueError) as exc:
            self._fail(getattr(exc, "strerror", None) or str(exc))

    def flush(self) -> None:
        if self.failed or self.stream is None:
            return
        try:
            self.stream.flush()
        except BrokenPipeError:
            self._fail(None)
        except (OSError, ValueError) as exc:
            self._fail(getattr(exc, "strerror", None) or str(exc))

    def _fail(self, reason: str | None) -> None:
        self.failed = True
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
            os.close(devnull)
        except (AttributeError, OSError, ValueError):
            pass
        if self.name != "stdout":
            return
        if reason is None:
            raise PipeClosed()
        raise OutputError(f"cannot write the output to stdout: {reason}")


@contextlib.contextmanager
def channels() -> Iterator[None]:
    """Route sys.stdout and sys.stderr through Channel while fko runs (also Click's help)."""
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, Channel):
        sys.stdout = Channel(sys.stdout, "stdout")
    if not isinstance(sys.stderr, Channel):
        sys.stderr = Channel(sys.stderr, "stderr")
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _write(text: str) -> None:
    """Write to stdout through its Channel (made here when fko runs outside main())."""
    stdout = sys.stdout if isinstance(sys.stdout, Channel) else Channel(sys.stdout, "stdout")
    stdout.write(text)


def _write_bytes(data: bytes) -> None:
    """Write valid UTF-8 to stdout through its Channel."""
    stdout = sys.stdout if isinstance(sys.stdout, Channel) else Channel(sys.stdout, "stdout")
    stdout.write_utf8(data)


# --- messages -------------------------------------------------------------------------

_UNSAFE_IN_LINE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of an argument or file name
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: object) -> str:
    """Text as one safe line: newlines, control, bidi and line-separator characters escaped
    (`\\n`, `\\x1b`, `\\u202e`), invalid bytes shown as `\\xff`, so no message can
    forge a second line."""
    return re.sub(_UNSAFE_IN_LINE, _escaped, str(text))


def error(message: str) -> None:
    """One line on stderr: what went wrong and how to fix it."""
    sys.stderr.write(f"fko: {one_line(message)}\n")


def note(message: str) -> None:
    """A hint on stderr that does not change the result; one line."""
    sys.stderr.write(f"{one_line(message)}\n")


def count(n: int, noun: str, singular: str | None = None) -> str:
    """ "1 measure", "2 measures": `noun` is the plural; for 1 its first word loses the plural
    ending, unless `singular` says how it reads."""
    if n != 1:
        return f"{n} {noun}"
    if singular is not None:
        return f"1 {singular}"
    first, _, rest = noun.partition(" ")
    one = _SINGULAR.get(first, first[:-1] if first.endswith("s") else first)
    return f"1 {one}{' ' + rest if rest else ''}"


_SINGULAR = {"hits": "hit", "matches": "match", "entries": "entry", "changes": "change", "facts": "fact"}


# --- fields: one definition serves tables, CSV and --fields ---------------------------


@dataclass(frozen=True)
class Field:
    """One column of a view: how to read it from a row and how to show it to people."""

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
        raise UsageError(f"--fields needs comma-separated key names, e.g. --fields {','.join(valid[:2])}")
    unknown = [n for n in names if n not in valid]
    if unknown:
        raise UsageError(f"unknown field '{unknown[0]}' for --fields; valid fields: {', '.join(valid)}")
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


def _show(field: Field, value: Any) -> str:
    import json

    if field.show is not None:
        return field.show(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(clean(json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v) for v in value)
    if isinstance(value, dict):
        return clean(json.dumps(value, ensure_ascii=False))
    return clean(value)


# --- JSON -----------------------------------------------------------------------------


#: What must not reach a terminal raw from JSON: C1 controls and DEL (JSON escapes C0
#: itself), line and paragraph separators, bidi overrides and other invisible format characters.
_INVISIBLE_CLASS = (
    "[\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
#: The same characters as UTF-8 byte sequences, to find them in orjson's output without
#: decoding it (tests/test_json_writer.py checks both against every code point).
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
    0.00001 and 1e+16 as 1e16, and NaN or infinity as null, where json.dumps refuses them).
    Anything else (subclasses, dates, …) takes the stdlib path and behaves as it always did."""
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


#: Set by the tests: every `checked` promise is then walked as well, and must hold.
VERIFY_CHECKED = False


def _json(data: Any, indent: int | None, checked: bool = False) -> bytes | str:
    """JSON, not ASCII-escaped, no NaN; invisible and control characters escaped (\\u009b), so
    that the same document is safe in a terminal and equal when parsed.

    The text is exactly what `json.dumps(data, ensure_ascii=False, indent=indent,
    allow_nan=False)` gives (compact separators without indent), escaped as above. orjson
    writes it (as UTF-8 bytes) where it gives the same bytes (see `_fast_json`), ~12× faster on
    a large listing; everything else, and everything orjson refuses (integers beyond 64 bits,
    keys that are not strings, lone surrogates, deep nesting), goes through the standard
    library as before (as text), which raises for NaN and for values JSON cannot hold.

    checked: the caller vouches for what `_fast_json` would look for: `data` is made of values
    of store tables that Store.json_exact vouches for (checked types, numbers that print alike)
    and of plain values fko makes itself (str, int, bool, None): no walk (a 10,000-measure
    listing: ≈50 ms less). The tests walk every such promise too (VERIFY_CHECKED).
    """
    if indent in (2, None):
        try:
            fast = checked
            if fast and VERIFY_CHECKED:
                assert _fast_json(data), "a checked promise that does not hold"
            fast = fast or _fast_json(data)
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
                # (what is left is still whole UTF-8 characters): ~20 ms for 25 MB, not 150.
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


def emit_json(data: Any, checked: bool = False) -> None:
    """Exactly one JSON document on stdout (checked: see `_json`)."""
    _emit(_json(data, 2, checked))


def emit_jsonl(records: Iterable[Any], checked: bool = False) -> None:
    """JSON Lines: one record a line, each written and flushed as it comes (checked: see
    `_json`)."""
    for record in records:
        _emit(_json(record, None, checked))


def _emit(out: bytes | str) -> None:
    if isinstance(out, str):
        _write(out + "\n")
    elif len(out) > 1 << 20:  # a large document: no second copy just for the newline
        _write_bytes(out)
        _write_bytes(b"\n")
    else:
        _write_bytes(out + b"\n")


# --- CSV ------------------------------------------------------------------------------


#: What starts a formula in a spreadsheet, also in full width (Excel folds ＝ to =).
_FORMULA_START = tuple("=+-@\uff1d\uff0b\uff0d\uff20")
#: What can hide a formula start: whitespace, zero-width characters, soft hyphen, BOM.
_HIDING = " \t\r\n\u00a0\u00ad\u200b\u200c\u200d\u2060\ufeff\u3000"
_PLAIN_NUMBER = r"[+-]?\d+(?:[.,]\d+)*"


def formula_like(text: str) -> bool:
    """True if a spreadsheet would run `text` as a formula: it starts with = + - @ (or their
    full-width forms), also behind leading spaces or zero-width characters. A lone sign and
    plain numbers ("-", "-5", "+1,5") are not formulas."""
    stripped = text.lstrip(_HIDING)
    if not stripped.startswith(_FORMULA_START):
        return False
    return stripped not in ("-", "+") and not re.fullmatch(_PLAIN_NUMBER, stripped)


def csv_number(value: int | float, decimal: str = ".") -> str:
    """A number for CSV: whole numbers without ".0", the given decimal mark, no thousands mark."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", decimal) if decimal != "." else str(value)


def csv_cell(value: Any, decimal: str = ".") -> str:
    """A CSV cell: numbers with the dialect's decimal mark, text cleaned and neutralised
    against spreadsheet formulas (a leading ')."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return csv_number(value, decimal)
    if isinstance(value, list):
        text = "; ".join(clean(v) for v in value)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = clean(value)
    return "'" + text if formula_like(text) else text


def csv_delimiter(value: str) -> str:
    """--delimiter: one character other than a quote or newline; `tab` and `\\t` mean a tab."""
    if value.lower() in ("tab", "\\t"):
        return "\t"
    if len(value) != 1 or value in '"\r\n':
        raise UsageError(f"--delimiter must be one character (or 'tab') other than a quote or newline, not {value!r}")
    return value


def csv_text(rows: Iterable[dict[str, Any]], fields: Sequence[Field], delimiter: str = ";") -> str:
    """CSV in one of two dialects, chosen by the delimiter.

    `;` (the default) is for German spreadsheets: UTF-8 with a byte-order mark, decimal comma.
    Any other delimiter (`,`, tab) is for programs: no byte-order mark, decimal point.
    Both: a header row, CRLF line ends, quoting as RFC 4180.
    """
    german = delimiter == ";"
    decimal = "," if german else "."
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([f.name for f in fields])
    for row in rows:
        writer.writerow([csv_cell(f.get(row), decimal) for f in fields])
    return ("\ufeff" if german else "") + out.getvalue()


def emit_csv(rows: Iterable[dict[str, Any]], fields: Sequence[Field], delimiter: str = ";") -> None:
    _write(csv_text(rows, fields, csv_delimiter(delimiter)))


# --- tables and records for people ------------------------------------------------------


# --- the width policy: one place decides what fits -------------------------------------------

GAP = 3  # spaces between columns, in pipes and terminals alike (the look of Rich's SIMPLE_HEAD box)
_MAIN_MIN = 30  # the main column (title) is not squeezed below this while others can give way
_WORD_CAP = 24  # a column need not be wider than this for one long word (it is cut with …)
_SMALL = 16  # a short column (ministries, dates) is kept on one line before the title grows
_BREAK = r"[^\s-]*[^\W\d]-+(?=\w)|\S+"  # words, split after a hyphen that follows a letter (not in 2025-10)


class _Settings:
    """Per-run display choices: --wide, --color, and the short keys of the store's source files."""

    wide = False
    colour = "auto"
    source_keys: dict[str, str] = {}  # noqa: RUF012 - one per run, set when the store opens


settings = _Settings()


def set_colour(value: str) -> str:
    """--color auto|always|never (set once per run by the global option)."""
    settings.colour = str(value)
    return value


def set_wide(value: bool) -> bool:
    """Typer callback of --wide: show every column however narrow the terminal is."""
    settings.wide = bool(value)
    return value


def source_short(value: Any) -> str:
    """A source as people name it in a table: its key (report, whkt, …), not its file name."""
    if value is None:
        return ""
    return clean(settings.source_keys.get(str(value), value))


def terminal_width() -> int | None:
    """The width tables must fit: the terminal's, or $COLUMNS; None into a pipe without $COLUMNS."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if is_terminal():
        import shutil

        return shutil.get_terminal_size((80, 24)).columns
    return None


def wrap_ranges(text: str, width: int) -> list[tuple[int, int]]:
    """Where to cut `text` into lines of at most `width` characters: only at spaces and after
    hyphens (``Pflege-`` / ``Betreuungs``), never inside a word. A single word longer than
    `width` keeps its own line (the caller shortens it with …). Newlines are kept."""
    out: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        words = [(m.start() + offset, m.end() + offset) for m in re.finditer(_BREAK, paragraph)]
        line: tuple[int, int] | None = None
        for a, b in words:
            if line is None:
                line = (a, b)
            elif b - line[0] <= width:
                line = (line[0], b)
            else:
                out.append(line)
                line = (a, b)
        out.append(line or (offset, offset))
        offset += len(paragraph) + 1
    return out


def wrap(text: str, width: int | None) -> list[str]:
    """`text` as lines of at most `width` characters (see `wrap_ranges`); `…` ends a word cut."""
    if width is None:
        return text.split("\n")
    return [_fit(text[a:b], width) for a, b in wrap_ranges(text, width)]


def _fit(line: str, width: int) -> str:
    return line if len(line) <= width else line[: max(0, width - 1)] + "…"


class Layout:
    """Which columns a table shows and how wide each is; `hidden` are the columns that did not
    fit, shown instead as a second line under the main column when there is one."""

    __slots__ = ("hidden", "main", "shown", "widths")

    def __init__(self, shown: list[int], widths: list[int | None], hidden: list[int], main: int | None) -> None:
        self.shown = shown
        self.widths = widths
        self.hidden = hidden
        self.main = main

    def note(self, fields: Sequence[Field]) -> str | None:
        if not self.hidden:
            return None
        moved = [fields[i].header for i in self.hidden if self.movable(fields, i)]
        dropped = [fields[i].header for i in self.hidden if not self.movable(fields, i)]
        parts = []
        if moved and self.main is not None:
            parts.append(f"{' · '.join(moved)}: shown under the {fields[self.main].header.lower()}")
        if dropped:
            parts.append(f"not shown: {', '.join(dropped)}")
        text = "; ".join(parts)
        return f"{text[0].upper()}{text[1:]} (to fit the terminal; --wide shows every column)."

    def movable(self, fields: Sequence[Field], i: int) -> bool:
        return self.main is not None and not fields[i].numeric

    def under_main(self, fields: Sequence[Field], values: Sequence[str]) -> str:
        """The hidden columns' values of one row, as the second line of its main cell."""
        moved = [values[i] for i in self.hidden if self.movable(fields, i)]
        return " · ".join(v.replace("\n", "; ") for v in moved if v)


def layout(fields: Sequence[Field], cells: Sequence[Sequence[str]], width: int | None) -> Layout:
    """The width policy for every table: natural widths when they fit; otherwise columns that
    may give way are hidden (highest `drop` first, unless --wide), text columns shrink to
    their longest word, and the main column (the title) gets the space that is left first."""
    n = len(fields)
    natural = [max((len(part) for row in cells for part in row[i].split("\n")), default=0) for i in range(n)]
    main = next((i for i in range(n) if fields[i].main), None)
    if width is None:
        return Layout(list(range(n)), [None] * n, [], main)

    def fixed(i: int) -> bool:
        return fields[i].numeric or fields[i].keep_whole

    def longest_word(i: int) -> int:
        words = (len(w) for row in cells for w in re.findall(_BREAK, row[i]))
        return min(max(words, default=1), _WORD_CAP)

    def whole(i: int) -> int:  # the widest cell; a header may wrap at its spaces
        body = max((len(part) for row in cells[1:] for part in row[i].split("\n")), default=0)
        return max([body, *(len(w) for w in re.findall(_BREAK, cells[0][i]))]) if cells else 0

    least = [whole(i) if fixed(i) else longest_word(i) for i in range(n)]
    wanted = [max(least[i], min(natural[i], _MAIN_MIN)) if fields[i].main else least[i] for i in range(n)]
    shown = list(range(n))

    def need(columns: list[int], sizes: list[int]) -> int:
        return sum(sizes[i] for i in columns) + GAP * (len(columns) - 1)

    hidden: list[int] = []
    if not settings.wide:
        droppable = sorted((i for i in range(n) if fields[i].drop), key=lambda i: (-fields[i].drop, -i))
        for i in droppable:
            if need(shown, wanted) <= width:
                break
            shown.remove(i)
            hidden.append(i)
    sizes = {i: wanted[i] for i in shown}
    spare = width - need(shown, wanted)
    if spare < 0 and not settings.wide:  # still too wide: text columns give way down to a few characters, title last
        for i in sorted((i for i in shown if not fixed(i)), key=lambda i: (fields[i].main, -sizes[i])):
            cut = min(-spare, sizes[i] - (12 if fields[i].main else 6))
            if cut > 0:
                sizes[i] -= cut
                spare += cut
    others = [i for i in shown if not fields[i].main and not fixed(i)]
    steps = [(i, _SMALL) for i in others] + [(i, natural[i]) for i in shown if fields[i].main]
    for i, limit in steps:  # short columns whole, then the title
        grow = min(spare, min(limit, natural[i]) - sizes[i])
        if grow > 0:
            sizes[i] += grow
            spare -= grow
    while spare > 0:  # the rest shared evenly by the columns that can still use it
        growing = [i for i in others if sizes[i] < natural[i]]
        if not growing:
            break
        share = max(1, spare // len(growing))
        for i in growing:
            grow = min(share, spare, natural[i] - sizes[i])
            sizes[i] += grow
            spare -= grow
    return Layout(shown, [sizes.get(i) for i in range(n)], sorted(hidden), main)


def table(
    rows: Sequence[dict[str, Any]],
    fields: Sequence[Field],
    title: str | None = None,
    footer: Sequence[str] = (),
    styles: Callable[[dict[str, Any]], str | None] | None = None,
) -> None:
    """Draw rows as a table that fits the terminal (see `layout`); every cell is plain text.

    For a terminal (or into a pipe when colour is forced) see `terminal_table`; into a pipe it
    is `plain_table`, without colour, fitted to $COLUMNS when that is set and unwrapped otherwise.
    `styles` may name a style ("bold") for a row, shown in colour terminals.
    """
    shown = [f for f in fields if f.in_table]
    if not styled():
        _write(plain_table(rows, shown, title, footer, terminal_width()))
        return
    _write(terminal_table(rows, shown, title, footer, terminal_width() or 80, use_colour(), styles))


def need_width(plan: Layout) -> int:
    return sum(w or 0 for i, w in enumerate(plan.widths) if i in plan.shown) + GAP * (len(plan.shown) - 1)


#: A line of a terminal table: pieces of text, each with its SGR codes ("1" bold, "2" dim,
#: "1;7" bold reverse; "" plain).
_Line = list[tuple[str, str]]
_SGR = {"bold": "1", "dim": "2", "reverse": "7"}


def terminal_table(
    rows: Sequence[dict[str, Any]],
    fields: Sequence[Field],
    title: str | None = None,
    footer: Sequence[str] = (),
    width: int = 80,
    colour: bool = False,
    styles: Callable[[dict[str, Any]], str | None] | None = None,
) -> str:
    """The table as a terminal shows it, drawn by fko itself (no Rich): the width policy of
    `plain_table`, each column as wide as `layout` planned, the column names on the line above
    the rule (a name that wraps grows upwards), columns three spaces apart, numbers
    right-aligned; nothing wider than `width` (wide characters count two columns).

    With `colour`, ANSI styles: the title and column names bold, matched words bold reverse,
    the columns moved under the title dim, rows that `styles` names ("bold") in that style.
    Data is always cleaned of control characters first, so only fko's own codes reach the
    terminal.
    """
    cells = [[f.header for f in fields]] + [[_plain(f, row) for f in fields] for row in rows]
    plan = layout(fields, cells, width)
    chosen = [fields[i] for i in plan.shown]
    widths = [plan.widths[i] or 0 for i in plan.shown]
    bold = "1" if colour else ""
    out: list[_Line] = [[(line, bold)] for line in _fit_lines(wrap(clean(title), width), width)] if title else []
    header = [
        [[(part, bold)] for part in _fit_lines(wrap(f.header, w), w)] for f, w in zip(chosen, widths, strict=True)
    ]
    depth = max((len(c) for c in header), default=0)
    out += _row_lines([[[]] * (depth - len(c)) + c for c in header], chosen, widths)  # names sit on the rule
    out.append([("─" * need_width(plan), "")])
    for row, values in zip(rows, cells[1:], strict=True):
        row_style = _SGR.get(styles(row) or "", "") if styles and colour else ""
        parts = []
        for i, f, w in zip(plan.shown, chosen, widths, strict=True):
            marked = f.marked(row) if f.marked is not None and f.view is None else None
            if marked is not None:
                text, spans = clean(marked.text), (marked.spans if colour else [])
            else:
                text, spans = values[i], []
            lines = _styled_wrap(text, spans, w, row_style)
            extra = plan.under_main(fields, values) if i == plan.main else ""
            if extra:
                lines += _styled_wrap(extra, [], w, "2" if colour else "")
            parts.append(lines)
        out += _row_lines(parts, chosen, widths)
    note_line = plan.note(fields)
    for text in [*footer, *([note_line] if note_line else [])]:
        out += [[(line, "")] for line in _fit_lines(wrap(clean(text), width), width)]
    return "".join(_sgr_line(line) + "\n" for line in out)


def _row_lines(parts: list[list[_Line]], fields: Sequence[Field], widths: Sequence[int]) -> list[_Line]:
    """One table row as lines: cell k's i-th line padded to its column, GAP spaces apart."""
    out = []
    for k in range(max((len(p) for p in parts), default=0)):
        line: _Line = []
        for n, (f, w) in enumerate(zip(fields, widths, strict=True)):
            pieces = parts[n][k] if k < len(parts[n]) else []
            pad = " " * max(0, w - sum(_cells(text) for text, _ in pieces))
            if n:
                line.append((" " * GAP, ""))
            line += [(pad, ""), *pieces] if f.numeric else [*pieces, (pad, "")]
        out.append(line)
    return out


def _sgr_line(line: _Line) -> str:
    """A line with its styles as ANSI SGR codes; trailing blanks dropped."""
    while line and not line[-1][1] and not line[-1][0].strip():
        line = line[:-1]
    if line and not line[-1][1]:
        line = [*line[:-1], (line[-1][0].rstrip(), "")]
    return "".join(f"\x1b[{code}m{text}\x1b[0m" if code and text else text for text, code in line)


def _styled_wrap(text: str, spans: Sequence[tuple[int, int]], width: int, base: str) -> list[_Line]:
    """`text` cut into lines by the width policy (`wrap_ranges`; a word too long for the line
    ends in …), the spans (matched words) bold reverse on top of the base style."""
    text = text.replace("\t", " ")  # a tab would jump to the terminal's next tab stop
    if not spans:  # the common case: the line as it is
        return [
            [(line, base)] if line else []
            for line in (_fit_cells(text[a:b], width)[0] for a, b in wrap_ranges(text, width))
        ]
    match = ";".join(sorted({*base.split(";"), "1", "7"} - {""}))
    out = []
    for a, b in wrap_ranges(text, width):
        line, cut = _fit_cells(text[a:b], width)
        end = a + len(line) - (1 if cut else 0)
        marks = sorted((max(s, a), min(e, end)) for s, e in spans if s < end and e > a)
        pieces: _Line = []
        pos = a
        for s, e in marks:
            if s < pos:
                s = pos
            if s >= e:
                continue
            pieces += [(text[pos:s], base), (text[s:e], match)]
            pos = e
        pieces.append((text[pos:end] + ("…" if cut else ""), base))
        out.append([p for p in pieces if p[0]])
    return out


def _fit_lines(lines: list[str], width: int) -> list[str]:
    return [_fit_cells(line.replace("\t", " "), width)[0] for line in lines]


def _fit_cells(line: str, width: int) -> tuple[str, bool]:
    """`line` cut to `width` terminal columns, ending in … when cut; and whether it was cut."""
    if _cells(line) <= width:
        return line, False
    keep = line[: max(0, width - 1)]
    while keep and _cells(keep) > width - 1:
        keep = keep[:-1]
    return keep + "…", True


def _cells(text: str) -> int:
    """The columns `text` takes in a terminal: wide (East Asian) characters two, combining
    and zero-width characters none."""
    if text.isascii():
        return len(text)
    n = len(text)
    for char in set(text):
        if char >= "\u0300":
            w = _char_cells(char)
            if w != 1:
                n += (w - 1) * text.count(char)
    return n


@functools.cache
def _char_cells(char: str) -> int:
    import unicodedata

    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf") or char == "\u200b":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def plain_table(
    rows: Sequence[dict[str, Any]],
    fields: Sequence[Field],
    title: str | None = None,
    footer: Sequence[str] = (),
    width: int | None = None,
) -> str:
    """The table as plain text: a title, a header, a rule, one line per row (more where a cell
    has several lines or wraps), columns three spaces apart, numbers right-aligned; fitted to
    `width` by the one width policy (`layout`)."""
    cells = [[f.header for f in fields]]
    for row in rows:
        cells.append([_plain(f, row) for f in fields])
    plan = layout(fields, cells, width)
    chosen = [fields[i] for i in plan.shown]
    for line in cells[1:]:
        extra = plan.under_main(fields, line)
        if extra and plan.main is not None:
            line[plan.main] += "\n" + extra
    wrapped = [[wrap(line[i], plan.widths[i]) for i in plan.shown] for line in cells]
    widths = [max((len(part) for line in wrapped for part in line[k]), default=0) for k in range(len(chosen))]
    lines = wrap(clean(title), width) if title else []

    def render_row(parts: list[list[str]]) -> list[str]:
        out = []
        for k in range(max((len(p) for p in parts), default=0)):
            texts = []
            for i, f in enumerate(chosen):
                text = parts[i][k] if k < len(parts[i]) else ""
                texts.append(text.rjust(widths[i]) if f.numeric else text.ljust(widths[i]))
            out.append((" " * GAP).join(texts).rstrip())
        return out

    lines += render_row(wrapped[0])
    lines.append("─" * (sum(widths) + GAP * (len(widths) - 1)))
    for parts in wrapped[1:]:
        lines += render_row(parts)
    note_line = plan.note(fields)
    for text in [*footer, *([note_line] if note_line else [])]:
        lines += wrap(clean(text), width)
    return "\n".join(lines) + "\n"


def _plain(field: Field, row: dict[str, Any]) -> str:
    if field.view is not None:
        return clean(field.view(row))
    if field.marked is not None:
        return clean(field.marked(row).text)
    return _show(field, field.get(row))


def record(title: str, items: Sequence[tuple[str, str]]) -> None:
    """One record as labelled fields: unwrapped into a pipe; in a terminal the values wrap
    beside their labels at its width (by the width policy, long words folded, not cut) and,
    in colour, the title and labels are bold."""
    title = clean(title).replace("\n", " ")  # one line: a store's title cannot start a line of its own
    if not styled():
        lines = [title, "=" * min(len(title), 100)]
        for label, value in items:
            value = clean(value)
            if "\n" in value:
                lines.append(f"{label}:")
                lines.extend(f"  {v}" if v else "" for v in value.split("\n"))
            else:
                lines.append(f"{label}: {value}")
        _write("\n".join(lines) + "\n")
        return
    _write(terminal_record(title, items, terminal_width() or 80, use_colour()))


def terminal_record(title: str, items: Sequence[tuple[str, str]], width: int = 80, colour: bool = False) -> str:
    """A record for a terminal: the title, then each label (bold in colour) with its value
    wrapped beside it at spaces (a word longer than the line, such as a link, is folded, not
    cut); a line's leading spaces indent its continuation lines too."""
    bold = "\x1b[1m{}\x1b[0m" if colour else "{}"
    items = [(clean(label).replace("\t", " "), value) for label, value in items]
    labels = max((_cells(label) for label, _ in items), default=0)
    room = max(10, width - labels - 2)
    out = [bold.format(line) for line in _fit_lines(wrap(clean(title), width), width)]
    for label, value in items:
        lines = []
        for paragraph in clean(value).replace("\t", " ").split("\n"):
            words = paragraph.lstrip(" ")
            indent = " " * min(len(paragraph) - len(words), room // 2)
            lines += [indent + line for line in _fill(words, room - len(indent))]
        for n, line in enumerate(lines or [""]):
            head = bold.format(label + " " * (labels - _cells(label))) if n == 0 else " " * labels
            out.append(f"{head}  {line}".rstrip())
    return "".join(line + "\n" for line in out)


def _fill(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns, broken at spaces; a longer word is folded."""
    out: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and _cells(line) + 1 + _cells(word) <= width:
            line += " " + word
            continue
        if line:
            out.append(line)
        pieces = _fold(word, width)
        out += pieces[:-1]
        line = pieces[-1]
    return [*out, line]


def _fold(word: str, width: int) -> list[str]:
    """A word longer than `width` columns in pieces that fit: nothing is lost."""
    out = []
    while _cells(word) > width:
        cut = width
        while cut > 1 and _cells(word[:cut]) > width:
            cut -= 1
        out.append(word[:cut])
        word = word[cut:]
    return [*out, word]


def blocks(entries: Sequence[tuple[str, Sequence[str]]], title: str | None = None, footer: Sequence[str] = ()) -> None:
    """Entries of a heading line and indented detail lines (changes, diffs).

    In a terminal, long lines wrap at its width with a hanging indent; into a pipe nothing is
    wrapped or cut off.
    """
    import shutil
    import textwrap

    width = shutil.get_terminal_size((100, 24)).columns if is_terminal() else 0

    def wrap(text: str, indent: str) -> list[str]:
        text = clean(text)
        if not width or len(indent) + len(text) <= width:
            return [indent + text]
        return textwrap.wrap(
            text, width, initial_indent=indent, subsequent_indent=indent + "  ", break_on_hyphens=False
        ) or [indent]

    out = [*wrap(title, ""), ""] if title else []
    for n, (heading, details) in enumerate(entries):
        if n:
            out.append("")
        out += wrap(heading, "")
        for detail in details:
            for part in detail.split("\n"):
                out += wrap(part, "  ")
    if footer:
        out += ["", *(clean(t) for t in footer)]
    _write("\n".join(out) + "\n")


def separator() -> None:
    _write("\n")


def bar_chart(items: Sequence[tuple[str, float, str]], width: int = 40, title: str | None = None) -> None:
    """Horizontal bars: (label, value, value as text), scaled to the largest value."""
    top = max((v for _, v, _ in items), default=0) or 1
    label_width = max((len(clean(label)) for label, _, _ in items), default=0)
    room = terminal_width()
    if room is not None:  # the bars shrink to fit the terminal, down to 10 characters
        longest = max((len(clean(shown)) for _, _, shown in items), default=0)
        width = max(10, min(width, room - label_width - 3 - longest))
    lines = wrap(clean(title), room) if title else []
    for label, value, shown in items:
        bar = "█" * max(1 if value > 0 else 0, round(width * value / top))
        lines.append(f"{clean(label).ljust(label_width)}  {bar} {clean(shown)}")
    _write("\n".join(lines) + "\n")


# --- numbers the German way ---------------------------------------------------------------


def german_number(value: float, decimals: int = 0) -> str:
    """1234567 -> "1.234.567"; 10.1 with decimals=1 -> "10,1"."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def euro_text(amount: int | None, approximate: bool = False, basis: str | None = None) -> str:
    """An amount as the report would write it: "ca. 5,5 Mio. €", "850.000 €", "10,1 Mio. €/Jahr"."""
    if amount is None:
        return ""
    if amount >= 1_000_000_000 and amount % 100_000_000 == 0:
        shown = f"{german_number(amount / 1_000_000_000, 1).removesuffix(',0')} Mrd. €"
    elif amount >= 1_000_000 and amount % 100_000 == 0:
        shown = f"{german_number(amount / 1_000_000, 1).removesuffix(',0')} Mio. €"
    else:
        shown = f"{german_number(amount)} €"
    return ("ca. " if approximate else "") + shown + ("/Jahr" if basis == "per_year" else "")


def quantity_text(quantity: float | None, unit: str | None, basis: str | None = None) -> str:
    if quantity is None:
        return ""
    number = german_number(quantity, 0 if float(quantity).is_integer() else 1)
    return f"{number} {unit or ''}".strip() + ("/Jahr" if basis == "per_year" else "")


def euro_exact(amount: int | None) -> str:
    """A sum, to the euro: "47.778.933 €"."""
    return "" if amount is None else f"{german_number(amount)} €"


def lines(texts: Sequence[str]) -> None:
    """Plain lines for people on stdout (after a table or chart)."""
    if texts:
        width = terminal_width()
        _write("".join(line + "\n" for t in texts for line in wrap(clean(t), width)))


#: The status of a bar as one symbol (legend in `fko timeline`); * marks a status derived from the wording.
STATUS_SYMBOL = {"running": "●", "planned": "○", "ended": "✓", "unknown": "?"}
_MIN_PER_YEAR = 3  # characters per year below which the axis starts later (bars marked ◀)


class Axis:
    """The years a timeline shows and how many characters each gets; bars that began before
    `first` are marked ◀ (`cut_before`), bars that run past `last` › (`cut_after`)."""

    __slots__ = ("cut_after", "cut_before", "first", "last", "per_year")

    def __init__(self, first: int, last: int, per_year: int, cut_before: bool, cut_after: bool) -> None:
        self.first = first
        self.last = last
        self.per_year = per_year
        self.cut_before = cut_before
        self.cut_after = cut_after


def timeline_years(
    rows: Sequence[dict[str, Any]], on: datetime.date, since: int | None, until: int | None
) -> tuple[int, int]:
    """The years a timeline should show: --from/--to, else from the year by which nine in ten
    bars have begun (a few early starters are marked ◀) to the last stated year or --on."""
    import datetime as dt

    starts = sorted(dt.date.fromisoformat(r["period_start"]).year for r in rows)
    ends = [dt.date.fromisoformat(r["period_end"]).year for r in rows if r["period_end"]]
    first = since if since is not None else starts[len(starts) // 10]
    last = until if until is not None else max([*ends, starts[-1], on.year])
    return first, max(first, last)


def timeline_axis(rows: Sequence[dict[str, Any]], first: int, last: int, room: int, fixed: bool) -> Axis:
    """The axis in `room` characters; when the years do not fit at 3 characters a year, the
    earliest give way (unless --from fixed them)."""
    import datetime as dt

    if (last - first + 1) * _MIN_PER_YEAR > room and not fixed:
        first = max(first, last - room // _MIN_PER_YEAR + 1)
    per_year = max(1, min(12, room // (last - first + 1)))
    starts = [dt.date.fromisoformat(r["period_start"]).year for r in rows]
    ends = [dt.date.fromisoformat(r["period_end"]).year for r in rows if r["period_end"]]
    cut_before = any(s < first for s in starts)
    cut_after = any(e > last for e in ends) or any(not r["period_end"] and r["open_ended"] for r in rows)
    return Axis(first, last, per_year, cut_before, cut_after)


def _short(text: str, width: int) -> str:
    """A title shortened to `width` at a word boundary, with …; whole if it fits."""
    text = clean(text)
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 3 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–") + "…"


def gantt(
    groups: Sequence[tuple[str, Sequence[dict[str, Any]]]],
    on: datetime.date,
    width: int | None = None,
    since: int | None = None,
    until: int | None = None,
) -> Axis | None:
    """A plain-text Gantt chart that fits `width`: per row the ID, the title shortened to the
    space, a status symbol and a bar from period_start to period_end.

    █ the period; ▶ an open end; ◀ began before the axis; › runs past it; ◆? only a start
    is known; │ the --on date. Returns the axis drawn (None when there is nothing to draw).
    """
    import datetime as dt

    rows = [r for _, group in groups for r in group]
    if not rows:
        return None
    width = width or terminal_width() or 100
    id_width = max(len(clean(r["id"])) for r in rows)
    longest = max(len(clean(r["title"])) for r in rows)
    first, last = timeline_years(rows, on, since, until)
    years = last - first + 1
    title_width = min(longest, max(30, width // 4), max(12, width - id_width - 5 - years * _MIN_PER_YEAR))
    if width - id_width - 5 - title_width < 20:  # too narrow for titles: the bars come first
        title_width = 0
    label_width = id_width + 1 + (title_width + 1 if title_width else 0) + 3
    room = max(10, width - label_width)
    axis = timeline_axis(rows, first, last, room, since is not None)
    first, last, per_year = axis.first, axis.last, axis.per_year
    span = (last - first + 1) * per_year

    def column(day: dt.date) -> int:
        if day.year < first:
            return -1
        if day.year > last:
            return span
        return int((day.year - first) * per_year + (day.month - 1) * per_year // 12)

    marker = column(on) if first <= on.year <= last else None
    step = next(k for k in (1, 2, 5, 10, 20, 50) if k * per_year >= 5)
    labels = [" "] * span
    for year in range(first, last + 1):
        pos = (year - first) * per_year
        if (year % step == 0 or step == 1) and pos + 4 <= span:
            labels[pos : pos + 4] = list(str(year))
    out = [" " * label_width + "".join(labels).rstrip()]
    if marker is not None:
        text = f"▼ {on.isoformat()}"
        pad = label_width + marker
        out.append(
            " " * pad + text if pad + len(text) <= width else " " * (pad - len(text) + 1) + f"{on.isoformat()} ▼"
        )
    for title, group in groups:
        out.append(_short(title, width))
        for row in group:
            cells = [" "] * span
            start_day = dt.date.fromisoformat(row["period_start"])
            end_day = dt.date.fromisoformat(row["period_end"]) if row["period_end"] else None
            start = column(start_day)
            outside = (end_day is not None and end_day.year < first) or start >= span
            if not outside:
                begin = max(start, 0)
                if end_day is not None:
                    end = column(end_day)
                    for i in range(begin, min(end, span - 1) + 1):
                        cells[i] = "█"
                    if end >= span:
                        cells[span - 1] = "›"
                elif row["open_ended"]:
                    for i in range(begin, span):
                        cells[i] = "█"
                    cells[span - 1] = "▶"
                elif start >= 0:
                    cells[begin] = "◆"
                    if begin + 1 < span:
                        cells[begin + 1] = "?"
                if start < 0:
                    cells[0] = "◀"
            if marker is not None and 0 <= marker < span and cells[marker] == " ":
                cells[marker] = "│"
            symbol = STATUS_SYMBOL.get(row["status"], "?") + ("*" if row["status_derived"] else " ")
            label = clean(row["id"]).ljust(id_width) + " "
            if title_width:
                label += _short(row["title"], title_width).ljust(title_width) + " "
            out.append(f"{label}{symbol} {''.join(cells).rstrip()}".rstrip())
    _write("\n".join(out) + "\n")
    return axis
