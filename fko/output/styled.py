"""The terminal views, drawn by Rich: tables fitted to the terminal, records, text blocks, lines.

Imported only when stdout is a terminal (or colour is forced into a pipe). Data enters Rich
only as `rich.text.Text`, cleaned of control and bidi characters first, and the console has
markup, emoji and highlighting off: a store's `[bold]` or escape code is shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich import box
from rich.align import Align
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from fko.i18n import _
from fko.output.channels import clean
from fko.output.display import Display
from fko.output.fields import Field, cell_text
from fko.output.plain import GAP, MAIN_MIN, SMALL, WORD_CAP, hidden_note, under_main

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


def _span(console: Console, texts: Iterable[Text]) -> Measurement:
    """The narrowest and widest a column of these texts can be (Rich's measurement): its
    longest word, and its longest line."""
    options = console.options
    measured = [Measurement.get(console, options, t) for t in texts]
    return Measurement(max((m.minimum for m in measured), default=0), max((m.maximum for m in measured), default=0))


class _Column:
    """One column of a table as Rich measures it: the widths of its header and of its cells."""

    __slots__ = ("body", "field", "head")

    def __init__(self, field: Field, head: Measurement, body: Measurement) -> None:
        self.field = field
        self.head = head
        self.body = body

    @property
    def fixed(self) -> bool:
        """IDs, numbers, dates: never wrapped (their header may wrap)."""
        return self.field.numeric or self.field.keep_whole

    @property
    def widest(self) -> int:
        if self.fixed:
            return max(self.body.maximum, self.head.minimum)
        return max(self.body.maximum, self.head.maximum)

    @property
    def least(self) -> int:
        """The width below which this column should not be squeezed while others can hide."""
        if self.fixed:
            return self.widest
        word = min(max(self.body.minimum, self.head.minimum), WORD_CAP)
        return max(word, min(self.widest, MAIN_MIN)) if self.field.main else word

    def share(self) -> int:
        """What the column keeps before the title grows: all of it if fixed, else up to SMALL."""
        return self.widest if self.fixed else min(self.widest, max(self.least, SMALL))


class _Plan:
    """What the width policy decided: the columns shown and hidden, the title's width (None: as
    Rich finds it), and the most each text column may take (`max_width`)."""

    __slots__ = ("hidden", "limits", "shown", "title")

    def __init__(
        self, shown: list[int], hidden: list[int], title: int | None = None, limits: dict[int, int] | None = None
    ) -> None:
        self.shown = shown
        self.hidden = sorted(hidden)
        self.title = title
        self.limits = limits or {}


def _plan(columns: Sequence[_Column], width: int, wide: bool) -> _Plan:
    """The width policy: which columns to show, which to hide (moved under the title, or not
    shown), and the widths to give Rich: the title's, and the most each other text column may
    take (none when Rich's natural widths fit).

    Every column at its widest if that fits. Otherwise the columns that may give way hide
    (highest `drop` first; never with --wide) until the rest fit at their least. The title
    then gets the room left after the other columns' share (short columns whole), or, if that
    leaves it less than its least, what is left when they give way down to theirs. Whatever
    the title does not take goes to the other text columns: up to their share first, then
    evenly. Where even the least does not fit, Rich narrows the text columns from there (the
    widest first) and folds their words.
    """

    def need(shown: list[int], size: Callable[[_Column], int]) -> int:
        return sum(size(columns[i]) for i in shown) + GAP * (len(shown) - 1)

    shown = list(range(len(columns)))
    if need(shown, lambda c: c.widest) <= width:
        return _Plan(shown, [])
    hidden: list[int] = []
    if not wide:
        droppable = sorted(
            (i for i, c in enumerate(columns) if c.field.drop), key=lambda i: (-columns[i].field.drop, -i)
        )
        for i in droppable:
            if need(shown, lambda c: c.least) <= width:
                break
            shown.remove(i)
            hidden.append(i)
    if need(shown, lambda c: c.widest) <= width:
        return _Plan(shown, hidden)
    least = {i: columns[i].least for i in shown if not columns[i].fixed}
    spare = width - need(shown, lambda c: c.least)  # what the text columns may take beyond their least
    if spare < 0:  # not even the least fits: Rich narrows the text columns from there
        return _Plan(shown, hidden, None, least)
    main = next((i for i in shown if columns[i].field.main), None)
    rest = [i for i in shown if i != main]
    title_width = None
    if main is not None:
        title = columns[main]
        by_share = width - need(rest, lambda c: c.share()) - GAP
        by_least = width - need(rest, lambda c: c.least) - GAP
        title_width = min(title.widest, max(by_share, min(title.least, by_least)))
        spare = by_least - title_width
    limits = {i: size for i, size in least.items() if i != main}
    for target in (_Column.share, lambda c: c.widest):  # short columns whole first, then evenly
        while spare > 0:
            growing = [i for i in limits if limits[i] < target(columns[i])]
            if not growing:
                break
            step = max(1, spare // len(growing))
            for i in growing:
                grow = min(step, spare, target(columns[i]) - limits[i])
                limits[i] += grow
                spare -= grow
    return _Plan(shown, hidden, title_width, limits)


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
    wrapped; the columns that did not fit as a dim line under the title, named in a footer.
    `styles` may name a style ("bold") for a row."""
    console = display.console()
    shown_texts = [[cell_text(f, row) for f in fields] for row in rows]
    cells = [
        [_cell(f, row, s) for f, s in zip(fields, line, strict=True)]
        for row, line in zip(rows, shown_texts, strict=True)
    ]
    headers = [text(_(f.header), "bold") for f in fields]
    for header in headers:
        header.no_wrap, header.overflow = False, "fold"  # a name may wrap, in an unwrapped column too
    columns = [
        _Column(f, _span(console, [headers[i]]), _span(console, (line[i] for line in cells)))
        for i, f in enumerate(fields)
    ]
    plan = _plan(columns, console.width, display.wide)
    shown, hidden = plan.shown, plan.hidden
    main = next((i for i in range(len(fields)) if fields[i].main), None)
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), header_style="")
    for i in shown:
        column = columns[i]
        grid.add_column(
            Align(headers[i], "right" if column.field.numeric else "left", vertical="bottom"),
            justify="right" if column.field.numeric else "left",
            no_wrap=column.fixed,
            overflow="ellipsis" if column.fixed else "fold",
            max_width=column.widest if column.fixed else plan.limits.get(i),
            width=plan.title if i == main else None,
        )
    for row, line, values in zip(rows, cells, shown_texts, strict=True):
        drawn: list[RenderableType] = [line[i] for i in shown]
        extra = under_main(fields, hidden, main, values) if hidden else ""
        if extra and main is not None and main in shown:
            drawn[shown.index(main)] = Text.assemble(line[main], "\n", text(extra, "dim"))
        grid.add_row(*drawn, style=(styles(row) or "") if styles else None)
    if title:
        console.print(text(title, "bold"))
    console.print(grid)
    note = hidden_note(fields, hidden, main)
    notes = [*footer, *([note] if note else [])]
    if notes:
        console.print(text("\n".join(notes)))


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


def _hanging(console: Console, value: str, indent: int, style: str = "") -> Text:
    """`value` wrapped by Rich at the console's width, its first line indented by `indent`
    spaces and the lines it wraps to by two more; long words folded."""
    width = max(1, console.width - indent - 2)
    lines = text(value, style).wrap(console, width, overflow="fold")
    out = Text()
    for n, line in enumerate(lines):
        out.append_text(Text(" " * (indent + (2 if n else 0))) + line)
        if n < len(lines) - 1:
            out.append("\n")
    return out


def blocks(
    display: Display, entries: Sequence[tuple[str, Sequence[str]]], title: str | None, footer: Sequence[str]
) -> None:
    """Entries of a heading (bold) and detail lines indented by two, each wrapped at the
    terminal's width with a hanging indent; a blank line between entries."""
    console = display.console()
    out: list[Text] = [_hanging(console, title, 0, "bold"), Text()] if title else []
    for n, (heading, details) in enumerate(entries):
        if n:
            out.append(Text())
        out.append(_hanging(console, heading, 0, "bold"))
        out += [_hanging(console, part, 2) for detail in details for part in detail.split("\n")]
    if footer:
        out += [Text(), *(_hanging(console, t, 0) for t in footer)]
    console.print(Text("\n").join(out), no_wrap=True, crop=True)


def lines(display: Display, texts: Sequence[str]) -> None:
    """Lines for people, wrapped by Rich at the terminal's width (long words folded)."""
    display.console().print(text("\n".join(texts)), overflow="fold")


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
