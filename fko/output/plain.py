"""Tables, records and text blocks as plain text, for pipes: no styles, and fitted to $COLUMNS
only when it is set, so that scripts get the same bytes run after run."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fko.i18n import _, german
from fko.output.channels import clean
from fko.output.fields import Field, cell_text
from fko.output.numbers import BINDS

GAP = 3  # spaces between columns (the look of Rich's SIMPLE_HEAD box, which the terminal views use)

MAIN_MIN = 30  # the main column (title) is not squeezed below this while others can give way

WORD_CAP = 24  # a column need not be wider than this for one long word (cut with … here, folded by Rich)

SMALL = 16  # a short column (ministries, dates) is kept on one line before the title grows

_BREAK = r"[^\s-]*[^\W\d]-+(?=\w)|\S+"  # words, split after a hyphen that follows a letter (not in 2025-10)


def wrap(text: str, width: int | None) -> list[str]:
    """`text` as lines of at most `width` characters, cut only at spaces and after hyphens
    (``Pflege-`` / ``Betreuungs``), never inside a word or an amount; a word longer than `width`
    keeps its own line, shortened with `…`. Newlines are kept."""
    if width is None:
        return text.split("\n")
    out: list[str] = []
    for paragraph in text.split("\n"):
        bound = re.sub(BINDS, "\ue000", paragraph) if "\ue000" not in paragraph else paragraph  # an amount is one word
        lines: list[tuple[int, int]] = []
        for word in re.finditer(_BREAK, bound):
            if lines and word.end() - lines[-1][0] <= width:
                lines[-1] = (lines[-1][0], word.end())
            else:
                lines.append(word.span())
        for a, b in lines or [(0, 0)]:
            line = paragraph[a:b]
            out.append(line if len(line) <= width else line[: max(0, width - 1)] + "…")
    return out


@dataclass(slots=True)
class Layout:
    """Which columns a table shows and how wide each is; `hidden` are the columns that did not
    fit, shown instead as a second line under the main column when there is one."""

    shown: list[int]
    widths: list[int | None]
    hidden: list[int]
    main: int | None


def movable(fields: Sequence[Field], i: int, main: int | None) -> bool:
    """A hidden column's values can move under the main column: there is one, and they are text."""
    return main is not None and not fields[i].numeric


def hidden_note(fields: Sequence[Field], hidden: Sequence[int], main: int | None) -> str | None:
    """The footer that names the columns a narrow terminal hid, and where they went."""
    if not hidden:
        return None
    moved = [_(fields[i].header) for i in hidden if movable(fields, i, main)]
    dropped = [_(fields[i].header) for i in hidden if not movable(fields, i, main)]
    parts = []
    if moved and main is not None:
        under = _(fields[main].header)  # "the title"; German writes its nouns capitalised
        column = under if german() else under.lower()
        parts.append(_("{columns}: shown under the {column}").format(columns=" · ".join(moved), column=column))
    if dropped:
        parts.append(_("not shown: {columns}").format(columns=", ".join(dropped)))
    text = "; ".join(parts)
    return _("{text} (to fit the terminal; --wide shows every column).").format(text=f"{text[0].upper()}{text[1:]}")


def under_main(fields: Sequence[Field], hidden: Sequence[int], main: int | None, values: Sequence[str]) -> str:
    """The hidden columns' values of one row, as the second line of its main cell."""
    moved = [values[i] for i in hidden if movable(fields, i, main)]
    return " · ".join(v.replace("\n", "; ") for v in moved if v)


def layout(fields: Sequence[Field], cells: Sequence[Sequence[str]], width: int | None, wide: bool = False) -> Layout:
    """The width policy of plain tables: natural widths when they fit; otherwise columns that
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
        return min(max(words, default=1), WORD_CAP)

    def whole(i: int) -> int:  # the widest cell; a header may wrap at its spaces
        body = max((len(part) for row in cells[1:] for part in row[i].split("\n")), default=0)
        return max([body, *(len(w) for w in re.findall(_BREAK, cells[0][i]))]) if cells else 0

    least = [whole(i) if fixed(i) else longest_word(i) for i in range(n)]
    wanted = [max(least[i], min(natural[i], MAIN_MIN)) if fields[i].main else least[i] for i in range(n)]
    shown = list(range(n))

    def need(columns: list[int], sizes: list[int]) -> int:
        return sum(sizes[i] for i in columns) + GAP * (len(columns) - 1)

    hidden: list[int] = []
    if not wide:
        droppable = sorted((i for i in range(n) if fields[i].drop), key=lambda i: (-fields[i].drop, -i))
        for i in droppable:
            if need(shown, wanted) <= width:
                break
            shown.remove(i)
            hidden.append(i)
    sizes = {i: wanted[i] for i in shown}
    spare = width - need(shown, wanted)
    if spare < 0 and not wide:  # still too wide: text columns give way down to a few characters, title last
        for i in sorted((i for i in shown if not fixed(i)), key=lambda i: (fields[i].main, -sizes[i])):
            cut = min(-spare, sizes[i] - (12 if fields[i].main else 6))
            if cut > 0:
                sizes[i] -= cut
                spare += cut
    others = [i for i in shown if not fields[i].main and not fixed(i)]
    steps = [(i, SMALL) for i in others] + [(i, natural[i]) for i in shown if fields[i].main]
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


def plain_table(
    rows: Sequence[dict[str, Any]],
    fields: Sequence[Field],
    title: str | None = None,
    footer: Sequence[str] = (),
    width: int | None = None,
    wide: bool = False,
) -> str:
    """The table as plain text: a title, a header, a rule, one line per row (more where a cell
    has several lines or wraps), columns three spaces apart, numbers right-aligned; fitted to
    `width` by the width policy (`layout`), unwrapped without one."""
    cells = [[_(f.header) for f in fields]]
    for row in rows:
        cells.append([cell_text(f, row) for f in fields])
    plan = layout(fields, cells, width, wide)
    chosen = [fields[i] for i in plan.shown]
    for line in cells[1:]:
        extra = under_main(fields, plan.hidden, plan.main, line)
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
    note_line = hidden_note(fields, plan.hidden, plan.main)
    for text in [*footer, *([note_line] if note_line else [])]:
        lines += wrap(clean(text), width)
    return "\n".join(lines) + "\n"


def record_text(title: str, items: Sequence[tuple[str, str]]) -> str:
    """One record as labelled fields, unwrapped: the title underlined, `Label: value` lines,
    a value of several lines indented under its label."""
    title = clean(title).replace("\n", " ")  # one line: a store's title cannot start a line of its own
    lines = [title, "=" * min(len(title), 100)]
    for label, value in items:
        value = clean(value)
        if "\n" in value:
            lines.append(f"{label}:")
            lines.extend(f"  {v}" if v else "" for v in value.split("\n"))
        else:
            lines.append(f"{label}: {value}")
    return "\n".join(lines) + "\n"


def blocks_text(entries: Sequence[tuple[str, Sequence[str]]], title: str | None, footer: Sequence[str]) -> str:
    """Entries of a heading line and detail lines indented by two spaces, nothing wrapped or
    cut off; a blank line between entries."""
    out = [clean(title), ""] if title else []
    for n, (heading, details) in enumerate(entries):
        if n:
            out.append("")
        out.append(clean(heading))
        out += ["  " + clean(part) for detail in details for part in detail.split("\n")]
    if footer:
        out += ["", *(clean(t) for t in footer)]
    return "\n".join(out) + "\n"


def lines_text(texts: Sequence[str], width: int | None) -> str:
    """Lines for people, each wrapped at `width` when there is one."""
    return "".join(line + "\n" for t in texts for line in wrap(clean(t), width))
