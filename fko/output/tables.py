"""Tables, records and text blocks for people: fitted to the terminal, plain into a pipe."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

from fko.output import terminal
from fko.output.channels import clean, write
from fko.output.fields import Field, _show

GAP = 3  # spaces between columns, in pipes and terminals alike (the look of Rich's SIMPLE_HEAD box)


_MAIN_MIN = 30  # the main column (title) is not squeezed below this while others can give way


_WORD_CAP = 24  # a column need not be wider than this for one long word (it is cut with …)


_SMALL = 16  # a short column (ministries, dates) is kept on one line before the title grows


_BREAK = r"[^\s-]*[^\W\d]-+(?=\w)|\S+"  # words, split after a hyphen that follows a letter (not in 2025-10)


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
    if not terminal.settings.wide:
        droppable = sorted((i for i in range(n) if fields[i].drop), key=lambda i: (-fields[i].drop, -i))
        for i in droppable:
            if need(shown, wanted) <= width:
                break
            shown.remove(i)
            hidden.append(i)
    sizes = {i: wanted[i] for i in shown}
    spare = width - need(shown, wanted)
    if (
        spare < 0 and not terminal.settings.wide
    ):  # still too wide: text columns give way down to a few characters, title last
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
    if not terminal.styled():
        write(plain_table(rows, shown, title, footer, terminal.terminal_width()))
        return
    write(terminal_table(rows, shown, title, footer, terminal.terminal_width() or 80, terminal.use_colour(), styles))


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
    if not terminal.styled():
        lines = [title, "=" * min(len(title), 100)]
        for label, value in items:
            value = clean(value)
            if "\n" in value:
                lines.append(f"{label}:")
                lines.extend(f"  {v}" if v else "" for v in value.split("\n"))
            else:
                lines.append(f"{label}: {value}")
        write("\n".join(lines) + "\n")
        return
    write(terminal_record(title, items, terminal.terminal_width() or 80, terminal.use_colour()))


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

    width = shutil.get_terminal_size((100, 24)).columns if terminal.is_terminal() else 0

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
    write("\n".join(out) + "\n")


def separator() -> None:
    write("\n")


def lines(texts: Sequence[str]) -> None:
    """Plain lines for people on stdout (after a table or chart)."""
    if texts:
        width = terminal.terminal_width()
        write("".join(line + "\n" for t in texts for line in wrap(clean(t), width)))
