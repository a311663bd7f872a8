"""Charts for people: horizontal bars and the timeline's Gantt chart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fko.i18n import date
from fko.output.channels import clean, write
from fko.output.display import Display
from fko.output.plain import wrap

if TYPE_CHECKING:
    import datetime


def bar_chart(
    display: Display,
    items: Sequence[tuple[str, float, str]],
    width: int = 40,
    title: str | None = None,
    light: Sequence[float] | None = None,
) -> None:
    """Horizontal bars: (label, value, value as text), scaled to the largest value; in a
    terminal a Rich grid (labels wrap if it is narrow), into a pipe plain lines. `light`, one
    value per item, is drawn after the solid part in a light shade (░): a part of another kind,
    such as what fko assumes beside what the report states."""
    extra = list(light) if light is not None else [0.0] * len(items)
    top = max((v + x for (_, v, _), x in zip(items, extra, strict=True)), default=0) or 1
    label_width = max((len(clean(label)) for label, _, _ in items), default=0)
    room = display.width or (80 if display.styled else None)
    if room is not None:  # the bars shrink to fit the width, down to 10 characters
        longest = max((len(clean(shown)) for _, _, shown in items), default=0)
        width = max(10, min(width, room - label_width - 3 - longest))
    bars = []
    for (label, value, shown), more in zip(items, extra, strict=True):
        solid = max(1 if value > 0 else 0, round(width * value / top))
        shade = max(1 if more > 0 else 0, round(width * (value + more) / top) - solid)
        bars.append((label, "█" * solid + "░" * shade, shown))
    if display.styled:
        from fko.output import styled  # Rich, for a terminal only

        styled.bar_chart(display, bars, title)
        return
    lines = wrap(clean(title), room) if title else []
    for label, bar, shown in bars:
        lines.append(f"{clean(label).ljust(label_width)}  {bar} {clean(shown)}")
    write("\n".join(lines) + "\n")


#: The status of a bar as one symbol (legend in `fko timeline`); * marks a status derived from the wording.
STATUS_SYMBOL = {"running": "●", "planned": "○", "expected": "◌", "ended": "✓", "unknown": "?"}

_MIN_PER_YEAR = 3  # characters per year below which the axis starts later (bars marked ◀)


@dataclass(slots=True)
class Axis:
    """The years a timeline shows and how many characters each gets; bars that began before
    `first` are marked ◀ (`cut_before`), bars that run past `last` › (`cut_after`)."""

    first: int
    last: int
    per_year: int
    cut_before: bool
    cut_after: bool


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


def _short(text: str, width: int, fill: bool = False) -> str:
    """A title shortened to `width` at a word boundary, with …; whole if it fits. With `fill`
    (a terminal) a boundary that would leave a third of the room empty is not used: the title is cut
    at the width instead, so that no room is left while words are cut off."""
    text = clean(text)
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[(2 * width // 3 if fill else width // 3) :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–") + "…"


def gantt(
    display: Display,
    groups: Sequence[tuple[str, Sequence[dict[str, Any]]]],
    on: datetime.date,
    since: int | None = None,
    until: int | None = None,
) -> Axis | None:
    """A Gantt chart that fits the width (into a pipe without $COLUMNS: 100): per row the ID,
    the title shortened to the space, a status symbol and a bar from period_start to
    period_end; in a terminal printed by Rich with the group titles bold.

    █ the period; ▶ an open end; ◀ began before the axis; › runs past it; ◆? only a start
    is known; │ the --on date. Returns the axis drawn (None when there is nothing to draw).
    """
    drawn = gantt_lines(groups, on, display.width or (80 if display.styled else 100), since, until, display.styled)
    if drawn is None:
        return None
    lines, axis = drawn
    if display.styled:
        from fko.output import styled  # Rich, for a terminal only

        styled.chart_lines(display, lines)
    else:
        write("".join(line + "\n" for line, _ in lines))
    return axis


def gantt_lines(
    groups: Sequence[tuple[str, Sequence[dict[str, Any]]]],
    on: datetime.date,
    width: int,
    since: int | None = None,
    until: int | None = None,
    fill: bool = False,
) -> tuple[list[tuple[str, str]], Axis] | None:
    """The lines of the Gantt chart, each with its style ("bold" for a group's title), and the
    axis drawn; None when there is nothing to draw. With `fill` (a terminal) the titles take up
    to half the width, so that they grow with it, and are cut only where the room ends."""
    import datetime as dt

    rows = [r for _, group in groups for r in group]
    if not rows:
        return None
    id_width = max(len(clean(r["id"])) for r in rows)
    longest = max(len(clean(r["title"])) for r in rows)
    first, last = timeline_years(rows, on, since, until)
    years = last - first + 1
    share = min(width // 2 - id_width, width - id_width - 5 - years * 4) if fill else width // 4  # bars: 4 a year
    title_width = min(longest, max(30, share), max(12, width - id_width - 5 - years * _MIN_PER_YEAR))
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
    out = [(" " * label_width + "".join(labels).rstrip(), "")]
    if marker is not None:
        day = date(on.isoformat())  # 07.12.2026 in German, as the legend's "Status am 07.12.2026"
        text = f"▼ {day}"
        pad = label_width + marker
        at = " " * pad + text if pad + len(text) <= width else " " * (pad - len(text) + 1) + f"{day} ▼"
        out.append((at, ""))
    for title, group in groups:
        out.append((_short(title, width), "bold"))
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
                label += _short(row["title"], title_width, fill).ljust(title_width) + " "
            out.append((f"{label}{symbol} {''.join(cells).rstrip()}".rstrip(), ""))
    return out, axis
