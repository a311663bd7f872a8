"""Tables, records, text blocks and lines for people: drawn by Rich on a terminal (see
fko.output.styled), plain into a pipe (see fko.output.plain), as the run's Display says."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fko.output import plain
from fko.output.channels import write
from fko.output.display import Display
from fko.output.fields import Field

# Each function imports fko.output.styled (and with it Rich) only when it draws for a terminal:
# pipes, JSON and CSV never pay for Rich's import.


def table(
    display: Display,
    rows: Sequence[dict[str, Any]],
    fields: Sequence[Field],
    title: str | None = None,
    footer: Sequence[str] = (),
    styles: Callable[[dict[str, Any]], str | None] | None = None,
) -> None:
    """Rows as a table that fits the width: the title column gets the room, columns that do not
    fit move under it (--wide shows them all). `styles` may name a style ("bold") for a row,
    shown in colour terminals."""
    shown = [f for f in fields if f.in_table]
    if display.styled:
        from fko.output import styled

        styled.table(display, rows, shown, title, footer, styles)
    else:
        write(plain.plain_table(rows, shown, title, footer, display.width, display.wide))


def record(display: Display, title: str, items: Sequence[tuple[str, str]]) -> None:
    """One record as labelled fields: in a terminal the values wrap beside their labels (long
    words folded, nothing cut); into a pipe `Label: value` lines, unwrapped."""
    if display.styled:
        from fko.output import styled

        styled.record(display, title, items)
    else:
        write(plain.record_text(title, items))


def blocks(
    display: Display, entries: Sequence[tuple[str, Sequence[str]]], title: str | None = None, footer: Sequence[str] = ()
) -> None:
    """Entries of a heading line and indented detail lines (changes, diffs). In a terminal long
    lines wrap at its width with a hanging indent; into a pipe nothing is wrapped or cut off."""
    if display.styled:
        from fko.output import styled

        styled.blocks(display, entries, title, footer)
    else:
        write(plain.blocks_text(entries, title, footer))


def lines(display: Display, texts: Sequence[str]) -> None:
    """Plain lines for people on stdout (after a table or chart), wrapped at the width."""
    if not texts:
        return
    if display.styled:
        from fko.output import styled

        styled.lines(display, texts)
    else:
        write(plain.lines_text(texts, display.width))


def separator() -> None:
    """An empty line between two views (Rich writes each view out as soon as it is drawn)."""
    write("\n")
