"""All output of fko: JSON, CSV, tables, records, charts and messages.

Data strings are always rendered as plain text (never Rich markup), with control
characters removed. JSON and CSV are written straight to stdout, never through Rich.
Rich is imported only when a table or record is drawn for a terminal.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fko.errors import UsageError

if TYPE_CHECKING:
    import datetime

    from rich.console import Console

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: object) -> str:
    """Text safe for a terminal: C0/C1 control characters other than newline and tab removed."""
    return _CONTROL.sub("", str(value))


def is_terminal() -> bool:
    return sys.stdout.isatty()


def use_colour() -> bool:
    return is_terminal() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


class PipeClosed(Exception):
    """The reader of stdout went away (`fko list | head -1`): stop writing, quietly."""


def _write(text: str) -> None:
    """Write UTF-8 to stdout whatever the locale says."""
    try:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (tests)
            sys.stdout.write(text)
        else:
            buffer.write(text.encode("utf-8"))
            buffer.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so that the interpreter's final flush stays quiet too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise PipeClosed() from None


# --- messages -------------------------------------------------------------------------


def error(message: str) -> None:
    """One line on stderr: what went wrong and how to fix it."""
    sys.stderr.write(f"fko: {clean(message)}\n")


def note(message: str) -> None:
    """A hint on stderr that does not change the result."""
    sys.stderr.write(f"{clean(message)}\n")


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


@dataclass(frozen=True)
class Marked:
    """Text with spans to emphasise in a terminal (matched words); plain elsewhere."""

    text: str
    spans: list[tuple[int, int]]


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
_INVISIBLE = re.compile(
    "[\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_text(data: Any, indent: int | None = 2) -> str:
    """JSON as UTF-8 text, not ASCII-escaped, no NaN; invisible and control characters escaped
    (\\u009b), so that the same document is safe in a terminal and equal when parsed."""
    separators = None if indent is not None else (",", ":")
    return _INVISIBLE.sub(
        _escape, json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False, separators=separators)
    )


def emit_json(data: Any) -> None:
    """Exactly one JSON document on stdout."""
    _write(json_text(data) + "\n")


def emit_jsonl(records: Iterable[Any]) -> None:
    """JSON Lines: one record a line, each written and flushed as it comes."""
    for record in records:
        _write(json_text(record, indent=None) + "\n")


# --- CSV ------------------------------------------------------------------------------


#: What starts a formula in a spreadsheet, also in full width (Excel folds ＝ to =).
_FORMULA_START = tuple("=+-@\uff1d\uff0b\uff0d\uff20")
#: What can hide a formula start: whitespace, zero-width characters, soft hyphen, BOM.
_HIDING = " \t\r\n\u00a0\u00ad\u200b\u200c\u200d\u2060\ufeff\u3000"
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def formula_like(text: str) -> bool:
    """True if a spreadsheet would run `text` as a formula: it starts with = + - @ (or their
    full-width forms), also behind leading spaces or zero-width characters. A lone sign and
    plain numbers ("-", "-5", "+1,5") are not formulas."""
    stripped = text.lstrip(_HIDING)
    if not stripped.startswith(_FORMULA_START):
        return False
    return stripped not in ("-", "+") and not _PLAIN_NUMBER.fullmatch(stripped)


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
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([f.name for f in fields])
    for row in rows:
        writer.writerow([csv_cell(f.get(row), decimal) for f in fields])
    return ("\ufeff" if german else "") + out.getvalue()


def emit_csv(rows: Iterable[dict[str, Any]], fields: Sequence[Field], delimiter: str = ";") -> None:
    _write(csv_text(rows, fields, csv_delimiter(delimiter)))


# --- tables and records for people ------------------------------------------------------


def console() -> Console:
    """A Rich console for the terminal that never interprets markup, emoji or highlighting.

    Only terminals get Rich; into a pipe, tables and records are written as plain text.
    """
    from rich.console import Console  # lazy: Rich costs start-up time that pipes do not need

    return Console(
        markup=False,
        emoji=False,
        highlight=False,
        no_color=not use_colour(),
        color_system="auto" if use_colour() else None,
        soft_wrap=False,
    )


def table(
    rows: Sequence[dict[str, Any]],
    fields: Sequence[Field],
    title: str | None = None,
    footer: Sequence[str] = (),
    out: Console | None = None,
    styles: Callable[[dict[str, Any]], str | None] | None = None,
) -> None:
    """Draw rows as a table; every cell is plain text, nothing is cut off.

    For a terminal (or a given console) Rich draws it; into a pipe it is plain aligned text,
    without Rich, colour, wrapping or trailing padding.
    """
    shown = [f for f in fields if f.in_table]
    if out is None and not is_terminal():
        _write(plain_table(rows, shown, title, footer))
        return
    from rich import box
    from rich.table import Table
    from rich.text import Text

    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for f in shown:
        grid.add_column(Text(f.header), justify="right" if f.numeric else "left", overflow="fold")
    for row in rows:
        style = styles(row) if styles else None
        grid.add_row(*(_cell(f, row) for f in shown), style=style or "")
    target = out or console()
    if title:
        target.print(Text(clean(title), style="bold"))
    target.print(grid)
    for line in footer:
        target.print(Text(clean(line)))


def plain_table(
    rows: Sequence[dict[str, Any]], fields: Sequence[Field], title: str | None = None, footer: Sequence[str] = ()
) -> str:
    """The table as plain text: a title, a header, a rule, one line per row (more where a cell
    has several lines), columns three spaces apart, numbers right-aligned."""
    cells = [[f.header for f in fields]]
    for row in rows:
        cells.append([_plain(f, row) for f in fields])
    widths = [max(len(part) for line in cells for part in line[i].split("\n")) for i in range(len(fields))]
    lines = [clean(title)] if title else []

    def render_row(line: list[str]) -> list[str]:
        parts = [cell.split("\n") for cell in line]
        out = []
        for k in range(max(len(p) for p in parts)):
            texts = []
            for i, f in enumerate(fields):
                text = parts[i][k] if k < len(parts[i]) else ""
                texts.append(text.rjust(widths[i]) if f.numeric else text.ljust(widths[i]))
            out.append("   ".join(texts).rstrip())
        return out

    lines += render_row(cells[0])
    lines.append("─" * (sum(widths) + 3 * (len(widths) - 1)))
    for line in cells[1:]:
        lines += render_row(line)
    lines += [clean(t) for t in footer]
    return "\n".join(lines) + "\n"


def _plain(field: Field, row: dict[str, Any]) -> str:
    if field.view is not None:
        return clean(field.view(row))
    if field.marked is not None:
        return clean(field.marked(row).text)
    return _show(field, field.get(row))


def _cell(field: Field, row: dict[str, Any]) -> Any:
    from rich.text import Text

    if field.view is not None:
        return Text(clean(field.view(row)))
    if field.marked is None:
        return Text(_show(field, field.get(row)))
    marked = field.marked(row)
    text = Text(clean(marked.text))
    if is_terminal():
        for start, end in marked.spans:
            text.stylize("bold reverse" if use_colour() else "bold", start, end)
    return text


def record(title: str, items: Sequence[tuple[str, str]], out: Console | None = None) -> None:
    """One record as labelled fields; wrapped to the terminal, unwrapped into a pipe."""
    if out is None and not is_terminal():
        lines = [clean(title), "=" * min(len(clean(title)), 100)]
        for label, value in items:
            value = clean(value)
            if "\n" in value:
                lines.append(f"{label}:")
                lines.extend(f"  {v}" if v else "" for v in value.split("\n"))
            else:
                lines.append(f"{label}: {value}")
        _write("\n".join(lines) + "\n")
        return
    from rich.table import Table
    from rich.text import Text

    target = out or console()
    target.print(Text(clean(title), style="bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in items:
        grid.add_row(Text(label), Text(clean(value)))
    target.print(grid)


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

    out = [clean(title), ""] if title else []
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
    lines = [clean(title)] if title else []
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
        _write("".join(clean(t) + "\n" for t in texts))


def gantt(
    groups: Sequence[tuple[str, Sequence[dict[str, Any]]]],
    on: datetime.date,
    width: int | None = None,
    since: int | None = None,
) -> None:
    """A plain-text Gantt chart: one bar per row from period_start to period_end.

    █ the period; ▶ an open end (runs on); ◀ started before the axis (--from); ◆? only a
    start is known; │ the --on date.
    """
    import datetime as dt

    rows = [r for _, group in groups for r in group]
    if not rows:
        _write("nothing to draw\n")
        return
    starts = [dt.date.fromisoformat(r["period_start"]) for r in rows]
    ends = [dt.date.fromisoformat(r["period_end"]) for r in rows if r["period_end"]]
    first = min(starts).year if since is None else since
    last = max([*(e.year for e in ends), on.year, *(s.year for s in starts), first])
    years = last - first + 1
    label_width = max(len(clean(r["id"])) for r in rows) + 2
    if width is None:
        import shutil

        width = shutil.get_terminal_size((100, 24)).columns if is_terminal() else 100
    per_year = max(1, min(12, (width - label_width - 2) // years))
    span = years * per_year

    def column(day: dt.date) -> int:
        if day.year < first:
            return -1
        return int(min(span - 1, (day.year - first) * per_year + (day.month - 1) * per_year // 12))

    marker = column(on) if first <= on.year <= last else None
    axis = [" "] * span
    for year in range(first, last + 1):
        text = str(year) if per_year >= 4 or (year - first) % max(1, 5 // per_year) == 0 else ""
        pos = (year - first) * per_year
        if text and all(c == " " for c in axis[pos : pos + len(text) + 1]) and pos + len(text) <= span:
            axis[pos : pos + len(text)] = list(text)
    out = [" " * label_width + "".join(axis).rstrip()]
    if marker is not None:
        out.append(" " * (label_width + marker) + f"▼ {on.isoformat()}")
    for title, group in groups:
        out.append(clean(title))
        for row in group:
            cells = [" "] * span
            start = column(dt.date.fromisoformat(row["period_start"]))
            ends_before = bool(row["period_end"]) and dt.date.fromisoformat(row["period_end"]).year < first
            before = start < 0 and not ends_before
            start = max(start, 0)
            if ends_before:
                pass  # the whole period lies before the axis
            elif row["period_end"]:
                end = column(dt.date.fromisoformat(row["period_end"]))
                for i in range(start, end + 1):
                    cells[i] = "█"
            elif row["open_ended"]:
                for i in range(start, span):
                    cells[i] = "█"
                cells[span - 1] = "▶"
            elif not before:
                cells[start] = "◆"
                if start + 1 < span:
                    cells[start + 1] = "?"
            if before:
                cells[0] = "◀"
            if marker is not None and cells[marker] == " ":
                cells[marker] = "│"
            out.append(f"{clean(row['id']).ljust(label_width)}{''.join(cells).rstrip()}  {clean(row['label'])}")
    _write("\n".join(out) + "\n")
