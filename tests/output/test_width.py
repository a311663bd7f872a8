"""The one width policy: tables fit 60, 80, 120 and 200 columns, words are never broken inside,
the title column gets the space first, and what does not fit is named."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko.output import tables
from fko.output import terminal as term
from fko.output.fields import Field, key
from fko.output.tables import wrap

from ..conftest import Result

WIDTHS = (60, 80, 120, 200)
COMMANDS = (
    ("budget", "-r", "MAGS"),
    ("budget", "--by", "ressort"),
    ("budget", "--by", "cluster"),
    ("budget", "--by", "year"),
    ("budget", "--by", "funding"),
    ("list",),
    ("search", "Ausbildung"),
    ("compare", "IV.1", "II.9"),
    ("timeline",),
)
_PIECES = re.compile(r"[^\s-]*\w-+(?=\w)|\S+")


def pieces(text: str) -> set[str]:
    """The unbreakable parts of a text: words, split after a hyphen between letters."""
    return set(_PIECES.findall(text))


@pytest.fixture()
def at(fko: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    def run(width: int, *args: str) -> Result:
        monkeypatch.setenv("COLUMNS", str(width))
        return fko(*args)

    return run


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_line_is_wider_than_the_terminal(at: Callable[..., Result], width: int, args: tuple[str, ...]) -> None:
    result = at(width, *args)
    assert result.code == 0, result.err
    too_long = [line for line in result.out.splitlines() if len(line) > width]
    assert not too_long, too_long[:3]


@pytest.fixture()
def terminal(fko: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """fko as a colour terminal of a given width shows it (fko's own table writer, no Rich)."""

    def run(width: int, *args: str) -> Result:
        monkeypatch.setenv("COLUMNS", str(width))
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setenv("TERM", "xterm-256color")
        monkeypatch.setattr(term, "is_terminal", lambda: True)
        return fko(*args)

    return run


_SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", [*COMMANDS, ("show", "IV.1")], ids=" ".join)
def test_no_line_is_wider_than_the_terminal_in_a_terminal(
    terminal: Callable[..., Result], at: Callable[..., Result], width: int, args: tuple[str, ...]
) -> None:
    piped = at(width, *args).out
    result = terminal(width, *args)
    assert result.code == 0, result.err
    assert "\x1b[1m" in result.out or args == ("timeline",)  # drawn for a colour terminal (gantt: plain)
    shown = _SGR.sub("", result.out)
    too_long = [line for line in shown.splitlines() if len(line) > width]
    assert not too_long, too_long[:3]
    if args[0] == "show":  # a record: labels without their colon, no underline, long links folded
        words = {w.rstrip(":") for w in piped.split() if w.strip("=") and len(w) < width // 3}
        assert words <= {w.rstrip(":") for w in shown.split()}
        return
    words = {w for w in pieces(shown) if not w.startswith("─")}
    assert words == {w for w in pieces(piped) if not w.startswith("─")}  # the same words as into a pipe


def test_the_terminal_table_is_the_pipe_table_with_planned_widths_and_styles(
    terminal: Callable[..., Result], at: Callable[..., Result]
) -> None:
    out = terminal(80, "search", "Meisterprämie").out
    lines = out.splitlines()
    assert lines[0] == "\x1b[1m3 hits for 'Meisterprämie'\x1b[0m"
    assert _SGR.sub("", lines[1]) == "ID     Title                               Ministries   Match              Score"
    assert lines[2] == "─" * 80
    assert lines[4] == (
        "       \x1b[2mmeasure\x1b[0m                                          \x1b[1;7mMeisterprämie\x1b[0m"
    )
    budget = _SGR.sub("", terminal(80, "budget", "--by", "year").out).splitlines()
    assert budget[1].split() == ["Year", "Items", "Planned", "€", "Assumed", "€", "Assumed", "for"]
    assert budget[2] == "─" * 75 and budget[5].split() == ["2024", "16", "137.837.000", "€"]
    narrow = _SGR.sub("", terminal(40, "budget", "--by", "year").out).splitlines()
    assert narrow[1].split() == ["Year", "Items", "Planned", "€"]  # the columns that do not fit move, never wrap


@pytest.mark.parametrize("width", WIDTHS)
def test_titles_are_never_broken_inside_a_word(at: Callable[..., Result], width: int) -> None:
    rows = at(width, "budget", "-r", "MAGS", "--json").json()
    shown = pieces(at(width, "budget", "-r", "MAGS").out)
    for row in rows:
        assert pieces(row["title"]) <= shown, row["title"]
    listed = at(width, "list").out
    for row in at(width, "list", "--json").json():
        assert pieces(row["title"]) <= pieces(listed), row["title"]


def test_at_80_columns_the_title_gets_the_space_and_secondary_columns_move() -> None:
    out = tables.plain_table(
        [{"id": "III.4", "title": "InnovationSPIN Lemgo", "basis": "total", "funding": "Land"}],
        [
            Field("id", "ID", key("id"), keep_whole=True),
            Field("title", "Title", key("title"), main=True),
            Field("basis", "Basis", key("basis"), drop=1),
            Field("funding", "Funding", key("funding"), drop=2),
        ],
        width=24,
    )
    assert out.splitlines() == [
        "ID      Title",
        "──────────────────────",
        "III.4   InnovationSPIN",
        "        Lemgo",
        "        total · Land",
        "Basis · Funding: shown",
        "under the title (to fit",
        "the terminal; --wide",
        "shows every column).",
    ]


def test_the_budget_names_what_moved_and_wide_shows_every_column(at: Callable[..., Result]) -> None:
    narrow = at(80, "budget", "-r", "MAGS").out
    assert "Basis · Years · Funding: shown under the title" in narrow
    assert "MAGS, MSB (shared, MAGS named first)" in narrow
    wide = at(80, "budget", "-r", "MAGS", "--wide").out
    assert "Funding" in wide.splitlines()[1]
    assert "shown under the title" not in wide


def test_terminal_tables_follow_the_same_policy() -> None:
    fields = [Field("id", "ID", key("id"), keep_whole=True), Field("title", "Title", key("title"), main=True)]
    rows = [{"id": "V.3", "title": "AZAV-Zertifizierung der praxisintegrierten Fachschule für Heilerziehungspflege"}]
    text = tables.terminal_table(rows, fields, width=40)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 40
    assert pieces(rows[0]["title"]) <= pieces(text)
    assert lines[:3] == ["ID    Title", "─" * 40, "V.3   AZAV-Zertifizierung der"]


def test_a_word_longer_than_the_column_is_cut_with_an_ellipsis() -> None:
    assert wrap("Gesundheitsfachberufe und Pflege", 10) == ["Gesundhei…", "und Pflege"]
    assert wrap("Pflege-, Betreuungs- und Gesundheitsfachberufe", 21) == [
        "Pflege-, Betreuungs-",
        "und",
        "Gesundheitsfachberufe",
    ]


@given(st.text(), st.integers(min_value=1, max_value=50))
def test_wrap_never_exceeds_the_width_and_keeps_every_short_word(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(len(line) <= width for line in lines)
    for word in pieces(text):
        if len(word) <= width and "…" not in word:
            assert any(word in line for line in lines)


def test_budget_by_year_at_50_columns_drops_the_assumed_ids_and_says_so(at: Callable[..., Result]) -> None:
    text = at(50, "budget", "--by", "year").out
    lines = text.splitlines()
    assert lines[1].split() == ["Year", "Items", "Planned", "€", "Assumed", "€"]
    assert "2023       9   120.511.166 €    10.104.166 €" in lines
    assert "Not shown: Assumed for (to fit the terminal;\n--wide shows every column)." in text
    wide = at(80, "budget", "--by", "year").out
    assert "2023       9   120.511.166 €    10.104.166 €   I.8, II.8, II.9" in wide.splitlines()


wide_text = st.text(st.sampled_from(list("ab -Ää€„“漢字か😀\u0301\u200bＷ\t")), max_size=60)


@given(wide_text, wide_text, st.integers(min_value=20, max_value=120), st.booleans())
def test_terminal_lines_fit_in_columns_with_wide_and_combining_characters(
    title: str, text: str, width: int, colour: bool
) -> None:
    fields = [Field("id", "ID", key("id"), keep_whole=True), Field("t", "Title", key("t"), main=True)]
    fields.append(Field("x", "Text", key("x"), drop=1))
    table = tables.terminal_table([{"id": "IV.1", "t": title, "x": text}], fields, title, width=width, colour=colour)
    record = tables.terminal_record(title, [("Title", title), ("Text", text)], width=width, colour=colour)
    for output in (table, record):
        lines = _SGR.sub("", output).splitlines()
        assert all(tables._cells(line) <= width for line in lines), [tables._cells(line) for line in lines]
    shown = "".join(_SGR.sub("", record).split())
    assert "\t" not in table + record  # a tab would jump to the next tab stop
    assert "".join(text.split()) in shown  # a record loses nothing: long words are folded, not cut


def test_dates_are_not_broken_at_their_hyphen() -> None:
    """A cell wraps after a hyphen between letters (Pflege-/Ausbildung), never inside a date."""
    import re

    from fko.output.tables import _BREAK

    words = re.findall(_BREAK, "running (reported 2025-10); Pflege-Ausbildung bis 2024-04-30")
    assert "2025-10);" in words and "2024-04-30" in words and "Pflege-" in words
