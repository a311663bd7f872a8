"""The terminal views, drawn by Rich (imported only for a terminal, or colour forced into a pipe):
tables fitted to the width, records, text blocks, lines. Data enters Rich only as a cleaned
`rich.text.Text`, and the console has markup, emoji and highlighting off: a store's `[bold]` or
escape code is shown as it is."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich import box
from rich.align import Align
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.containers import Lines
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from fko.i18n import _
from fko.output.channels import clean
from fko.output.display import Display
from fko.output.fields import Field, cell_text
from fko.output.numbers import BINDS
from fko.output.plain import GAP, MAIN_MIN, SMALL, WORD_CAP, hidden_note, movable, under_main

MATCH = "bold reverse"  # matched words

#: A tab would jump to the terminal's next tab stop; Unicode's line and paragraph separators
#: break lines where Rich would not count one. Each is replaced by one character.
_LAYOUT = str.maketrans({"\t": " ", "\u2028": "\n", "\u2029": "\n"})


def text(value: object, style: str = "") -> Text:
    """Data as a Rich Text, never as markup: cleaned of control characters, tabs as spaces.
    The style covers the characters only, not the spaces Rich pads a line or cell with."""
    shown = Text(clean(value).translate(_LAYOUT))
    if style:
        shown.stylize(style)
    return shown


def _cell(field: Field, row: dict[str, Any], shown: str) -> Text:
    """A table cell; the words a search matched (the field's marked spans) in bold reverse."""
    cell = Text(shown.translate(_LAYOUT))
    if field.marked is not None and field.view is None:
        marked = field.marked(row)
        if marked.text == shown:  # the spans count characters of the text before it was cleaned
            for start, end in marked.spans:
                cell.stylize(MATCH, start, end)
    return cell


#: Stands for a space that must not break (inside "137.837.000 €", "ca. 5,5 Mio. €", "81,0 %")
#: while Rich wraps a text; a private-use character, one column wide like the space it replaces.
_GLUE = "\ue000"


def _glued(value: Text) -> Text:
    """`value` with the spaces inside amounts and percentages replaced by `_GLUE` (same length,
    so its styles stay where they are)."""
    out = value.copy()
    if _GLUE not in out.plain:
        out.plain = re.sub(BINDS, _GLUE, out.plain)
    return out


def wrapped(console: Console, value: Text, width: int) -> Lines:
    """`value` wrapped by Rich at `width`: at spaces, never inside an amount with its unit; a
    word longer than the width is folded."""
    lines = _glued(value).wrap(console, max(1, width), overflow="fold")
    if _GLUE not in value.plain:  # a text that holds the character itself was not glued: shown as it is
        for line in lines:
            line.plain = line.plain.replace(_GLUE, " ")
    return lines


def _span(console: Console, texts: Iterable[Text]) -> Measurement:
    """The narrowest and widest a column of these texts can be (Rich's measurement): its
    longest word (an amount with its unit counts as one), and its longest line."""
    options = console.options
    measured = [Measurement.get(console, options, _glued(t)) for t in texts]
    return Measurement(max((m.minimum for m in measured), default=0), max((m.maximum for m in measured), default=0))


def _typical(texts: Sequence[Text]) -> int:
    """The width that holds four in five of these texts on one line (the widest line of each)."""
    widths = sorted(max((cell_len(line) for line in t.plain.split("\n")), default=0) for t in texts)
    return widths[(len(widths) * 4) // 5 - 1] if len(widths) >= 5 else (widths[-1] if widths else 0)


class _Column:
    """One column of a table as Rich measures it: the widths of its header and of its cells."""

    __slots__ = ("body", "field", "floor", "fold", "head", "movable", "typical")

    def __init__(self, field: Field, head: Measurement, body: Measurement, typical: int, movable: bool) -> None:
        self.field = field
        self.head = head
        self.body = body
        self.typical = typical
        #: Its cells can move under the title (there is one, and they are text).
        self.movable = movable
        #: The title's least width while the plan tries it (MAIN_MIN, then _MAIN_LEAST), and
        #: whether its words longer than that may be folded.
        self.floor = MAIN_MIN
        self.fold = False

    @property
    def fixed(self) -> bool:
        """IDs, numbers, dates: never wrapped (their header may wrap, between its words)."""
        return self.field.numeric or self.field.keep_whole

    @property
    def widest(self) -> int:
        """Every cell and the header on one line."""
        return max(self.body.maximum, self.head.maximum)

    @property
    def least(self) -> int:
        """The narrowest the column may be: a fixed column its widest cell; a text column its
        longest word (up to WORD_CAP; longer ones are folded) and, if it can move under the
        title, half its typical cell (up to WORD_CAP: no ribbon of a long text); the title up
        to its floor (its words too, when it may fold them). Never less than the header's longest
        word: no header word is split."""
        if self.fixed:
            return max(self.body.maximum, self.head.minimum)
        word = WORD_CAP
        if self.field.main:
            floor = self.floor
            word = min(word, floor) if self.fold else word
        elif self.movable:  # rather under the title than a ribbon
            floor = max(_TEXT_MIN, min(self.typical // 2, WORD_CAP))
        else:
            floor = _TEXT_MIN
        return max(min(self.body.minimum, word), min(self.body.maximum, floor), self.head.minimum)


_TEXT_MIN = 8  # a text column narrower than this (and than its text) wraps into a ribbon

_MAIN_LEAST = 16  # the title's least where MAIN_MIN leaves no room for the numbers beside it

_MOVED_WORD = 20  # a word moved under the title up to this long is never folded: "ca. 10,1 Mio. €/Jahr"


#: What the width policy decided: the width of each column shown, by its place, and the columns hidden.
_Plan = tuple[dict[int, int], list[int]]


def _plan(columns: Sequence[_Column], width: int, wide: bool) -> _Plan | None:
    """The width policy (`_fit`), with the title at least MAIN_MIN wide, else at least
    _MAIN_LEAST and its longest word, else at least _MAIN_LEAST with longer words folded; None
    when none fits (then one block per row)."""
    for floor, fold in ((MAIN_MIN, False), (_MAIN_LEAST, False), (_MAIN_LEAST, True)):
        for column in columns:
            column.floor, column.fold = floor, fold
        plan = _fit(columns, width, wide)
        if plan is not None:
            return plan
    return None


def _fit(columns: Sequence[_Column], width: int, wide: bool) -> _Plan | None:
    """The width policy: which columns to show, how wide each is, which to hide (moved under
    the title, or not shown); None when even that does not fit (then one block per row).

    Every column at its widest if that fits. Otherwise the columns that may give way hide
    (highest `drop` first; never with --wide), then the other text columns, from the right,
    until the rest fit at their least; while the declared ones hide, the title keeps two
    fifths of the width. The room left goes first to the short text columns (up to SMALL)
    whole and to the others up to SMALL as far as their typical cell and their header need;
    then to the title up to two fifths of the width; then to the other text columns up to
    the width that holds four in five of their cells; then to the title; then evenly to the
    other text columns; what is left lets fixed columns' headers stand on one line.
    """

    def need(shown: list[int], size: Callable[[_Column], int]) -> int:
        return sum(size(columns[i]) for i in shown) + GAP * (len(shown) - 1)

    shown = list(range(len(columns)))
    if need(shown, lambda c: c.widest) <= width:
        return {i: columns[i].widest for i in shown}, []
    main = next((i for i, c in enumerate(columns) if c.field.main), None)
    hidden: list[int] = []

    def least(c: _Column) -> int:  # the title holds the longest word (an amount) moved under it
        if not c.field.main:
            return c.least
        return max([c.least, *(min(columns[j].body.minimum, _MOVED_WORD) for j in hidden if columns[j].movable)])

    if not wide:
        droppable = sorted(
            (i for i, c in enumerate(columns) if c.field.drop), key=lambda i: (-columns[i].field.drop, -i)
        )
        declared = len(droppable)
        if main is not None:  # then the other text columns, which move under the title
            droppable += [i for i in reversed(shown) if i != main and not columns[i].fixed and i not in droppable]
        roomy = min(columns[main].widest, max(MAIN_MIN, width * 2 // 5)) if main is not None else 0

        def kept(c: _Column) -> int:  # the title keeps two fifths of the width while columns can hide
            return max(least(c), roomy) if c.field.main else c.least

        for n, i in enumerate(droppable):
            if need(shown, kept if n < declared else least) <= width:
                break
            shown.remove(i)
            hidden.append(i)
    if need(shown, least) > width:
        return None
    widths = {i: least(columns[i]) for i in shown}
    spare = width - need(shown, least)
    others = [i for i in shown if i != main and not columns[i].fixed]
    fixed = [i for i in shown if columns[i].fixed]
    titles = [main] if main in widths else []
    steps: list[tuple[list[int], Callable[[_Column], int]]] = [
        (others, lambda c: c.widest if c.widest <= SMALL else max(min(SMALL, c.typical), c.head.maximum)),
        (titles, lambda c: min(c.widest, max(MAIN_MIN, width * 2 // 5))),
        (others, lambda c: min(c.widest, max(c.typical, c.head.maximum))),
        (titles, lambda c: c.widest),
    ]
    for group, target in steps:
        for i in group:
            grow = max(0, min(spare, target(columns[i]) - widths[i]))
            widths[i] += grow
            spare -= grow
    while spare > 0:  # the rest, evenly
        growing = [i for i in others if widths[i] < columns[i].widest]
        if not growing:
            break
        step = max(1, spare // len(growing))
        for i in growing:
            grow = min(step, spare, columns[i].widest - widths[i])
            widths[i] += grow
            spare -= grow
    for i in fixed:  # what is left: fixed columns' headers on one line
        grow = max(0, min(spare, columns[i].widest - widths[i]))
        widths[i] += grow
        spare -= grow
    return widths, hidden


def table(
    display: Display,
    rows: Sequence[dict[str, Any]],
    fields: Sequence[Field],
    title: str | None = None,
    footer: Sequence[str] = (),
    styles: Callable[[dict[str, Any]], str | None] | None = None,
) -> None:
    """Rows as a Rich table that fits the terminal (see `_plan`): the column names bold above a
    rule, columns three spaces apart, numbers right-aligned, IDs, numbers and dates never
    wrapped or cut; the columns that did not fit as a dim line under the title, named in a
    footer; a column empty in every row left out. Where the columns cannot fit even so, each
    row is a block of `Name: value` lines. `styles` may name a style ("bold") for a row."""
    console = display.console()
    all_texts = [[cell_text(f, row) for f in fields] for row in rows]
    used = [i for i in range(len(fields)) if any(line[i] for line in all_texts)] or list(range(len(fields)))
    fields = [fields[i] for i in used]
    shown_texts = [[line[i] for i in used] for line in all_texts]
    cells = [
        [_cell(f, row, s) for f, s in zip(fields, line, strict=True)]
        for row, line in zip(rows, shown_texts, strict=True)
    ]
    headers = [text(_(f.header), "bold") for f in fields]
    main = next((i for i in range(len(fields)) if fields[i].main), None)
    columns = [
        _Column(
            f,
            _span(console, [headers[i]]),
            _span(console, (line[i] for line in cells)),
            _typical([line[i] for line in cells]),
            i != main and movable(fields, i, main),
        )
        for i, f in enumerate(fields)
    ]
    plan = _plan(columns, console.width, display.wide)
    if title:
        console.print(Text("\n").join(wrapped(console, text(title, "bold"), console.width)), no_wrap=True, crop=True)
    if plan is None:
        _blocks_of_rows(console, fields, headers, cells, rows, styles)
        if footer:
            lines(display, footer)
        return
    widths, hidden = plan
    shown, hidden = sorted(widths), sorted(hidden)
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), header_style="")
    for i in shown:
        column = columns[i]
        grid.add_column(
            Align(
                Text("\n").join(wrapped(console, headers[i], widths[i])),
                "right" if column.field.numeric else "left",
                vertical="bottom",
            ),
            justify="right" if column.field.numeric else "left",
            no_wrap=True,
            overflow="fold",
            width=widths[i],
        )
    for row, line, values in zip(rows, cells, shown_texts, strict=True):
        extra = under_main(fields, hidden, main, values) if hidden else ""
        drawn: list[RenderableType] = []
        for i in shown:
            cell = line[i]
            if i == main and extra:
                cell = Text.assemble(cell, "\n", text(extra, "dim"))
            drawn.append(cell if columns[i].fixed else Text("\n").join(wrapped(console, cell, widths[i])))
        grid.add_row(*drawn, style=(styles(row) or "") if styles else None)
    console.print(grid)
    note = hidden_note(fields, hidden, main)
    notes = [*footer, *([note] if note else [])]
    if notes:
        lines(display, notes)


def _blocks_of_rows(
    console: Console,
    fields: Sequence[Field],
    headers: Sequence[Text],
    cells: Sequence[Sequence[Text]],
    rows: Sequence[dict[str, Any]],
    styles: Callable[[dict[str, Any]], str | None] | None,
) -> None:
    """Rows too wide for any table at this width, one block each: a heading of the row's
    leading IDs and its title (bold), then a `Name: value` line for each other cell that is
    not empty, wrapped under itself."""
    main = next((i for i in range(len(fields)) if fields[i].main), None)
    lead = []
    for i, f in enumerate(fields):
        if not f.keep_whole or f.numeric:
            break
        lead.append(i)
    first = main if main is not None else next((i for i in range(len(fields)) if i not in lead), None)
    heads = [*lead, *([first] if first is not None and first not in lead else [])]
    out: list[Text] = []
    for n, (row, line) in enumerate(zip(rows, cells, strict=True)):
        if n:
            out.append(Text())
        heading = Text("  ").join(line[i] for i in heads if line[i].plain)
        heading.stylize("bold" if not styles else styles(row) or "bold")
        out += [*wrapped(console, heading, console.width)]
        for i, cell in enumerate(line):
            if i in heads or not cell.plain:
                continue
            label = Text.assemble(headers[i], ": ") if headers[i].plain else Text()
            out += _hanging(console, Text.assemble(label, cell), 2)
    console.print(Text("\n").join(out), no_wrap=True, crop=True)


def _hanging(console: Console, value: Text, indent: int) -> list[Text]:
    """`value` wrapped at the console's width, its first line indented by `indent` and the lines
    it wraps to by two more; amounts kept whole, long words folded."""
    out = []
    for n, line in enumerate(wrapped(console, value, console.width - indent - 2)):
        out.append(Text(" " * (indent + (2 if n else 0))) + line)
    return out


def _paragraphs(value: str) -> RenderableType:
    """A record's value: its lines as they are; a line that starts with spaces keeps that
    indent on the lines it wraps to (a quote under its figure)."""
    parts: list[RenderableType] = []
    plain: list[str] = []
    for line in clean(value).translate(_LAYOUT).split("\n"):
        words = line.lstrip(" ")
        indent = min(len(line) - len(words), 4)
        if not indent or not cell_len(words):  # (in a padding, text of no width would vanish)
            plain.append(line)
            continue
        if plain:
            parts.append(Text("\n".join(plain), overflow="fold"))
            plain = []
        parts.append(Padding(Text(words, overflow="fold"), (0, 0, 0, indent)))
    if plain:
        parts.append(Text("\n".join(plain), overflow="fold"))
    return parts[0] if len(parts) == 1 else Group(*parts)


def record(display: Display, title: str, items: Sequence[tuple[str, str]]) -> None:
    """One record as a Rich grid: the title, then each label (bold) with its value wrapped
    beside it; a word longer than the line (a link) is folded, never cut."""
    console = display.console()
    grid = Table.grid(padding=(0, 2), pad_edge=False)
    grid.add_column(overflow="fold")
    grid.add_column(overflow="fold")
    for label, value in items:
        grid.add_row(text(label, "bold"), _paragraphs(value))
    console.print(text(" ".join(clean(title).splitlines()), "bold"))  # one line, wrapped only by the width
    console.print(grid)


def blocks(
    display: Display, entries: Sequence[tuple[str, Sequence[str]]], title: str | None, footer: Sequence[str]
) -> None:
    """Entries of a heading (bold) and detail lines indented by two, each wrapped at the
    terminal's width with a hanging indent; a blank line between entries."""
    console = display.console()
    out: list[Text] = [*_hanging(console, text(title, "bold"), 0), Text()] if title else []
    for n, (heading, details) in enumerate(entries):
        if n:
            out.append(Text())
        out += _hanging(console, text(heading, "bold"), 0)
        for detail in details:
            for part in detail.split("\n"):
                out += _hanging(console, text(part), 2)
    if footer:
        out.append(Text())
        for line in footer:
            out += _hanging(console, text(line), 0)
    console.print(Text("\n").join(out), no_wrap=True, crop=True)


def lines(display: Display, texts: Sequence[str]) -> None:
    """Lines for people, wrapped by Rich at the terminal's width (amounts kept whole, long
    words folded)."""
    console = display.console()
    console.print(Text("\n").join(wrapped(console, text("\n".join(texts)), console.width)), no_wrap=True, crop=True)


def bar_chart(display: Display, bars: Sequence[tuple[str, str, str]], title: str | None) -> None:
    """Bars as a Rich grid: the labels (wrapped if the terminal is narrow), then each bar
    followed by its value; `bars` are (label, bar, value as text)."""
    console = display.console()
    grid = Table.grid(padding=(0, 2), pad_edge=False)
    grid.add_column(overflow="fold")
    grid.add_column(no_wrap=True)
    for label, bar, shown in bars:
        grid.add_row(text(label), Text.assemble(bar, " ", text(shown)))
    if title:
        console.print(text(title, "bold"))
    console.print(grid)


def chart_lines(display: Display, drawn: Sequence[tuple[str, str]]) -> None:
    """Lines of a chart fko laid out to the width (the timeline): each with its style, cut at
    the terminal's edge rather than wrapped."""
    out = Text("\n").join(text(line, style) for line, style in drawn)
    display.console().print(out, no_wrap=True, crop=True, overflow="crop")
