"""The one width policy: every view fits 60, 80, 120 and 200 columns, words are never broken
inside, the title column gets the space first, and what does not fit is named. Pipes keep the
plain writer; a terminal's views are drawn by Rich on a real pseudo-terminal."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from fko.output import plain, styled
from fko.output.display import Display
from fko.output.fields import Field, key
from fko.output.plain import wrap
from fko.store.fileformat import SHIPPED

from ..conftest import Result
from .conftest import on_pty, too_wide, unstyled

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


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", [*COMMANDS, ("show", "IV.1"), ("list", "--wide")], ids=" ".join)
def test_no_line_is_wider_than_the_terminal_in_a_terminal(
    tty: Callable[..., Result], at: Callable[..., Result], width: int, args: tuple[str, ...]
) -> None:
    """Rich draws for the terminal (bold names), within its width, and shows the words a pipe
    of that width shows (a word too long for its column may be folded, where a pipe cuts it)."""
    piped = at(width, *args).out
    result = tty(width, *args)
    assert result.code == 0, result.err
    assert "\x1b[1m" in result.out
    assert not too_wide(result.out, width), too_wide(result.out, width)[:3]
    if args[0] == "timeline" or (args[-1] == "--wide" and width < 120):  # titles shortened; all squeezed
        return
    shown = {w.rstrip(":") for w in pieces(unstyled(result.out))}  # labels and moved names lose their colon
    headings = {"Field"} if args[0] == "compare" and width < 80 else set()  # one block per field, named by it
    missing = {
        w
        for w in pieces(piped)
        if w.rstrip(":") not in shown | headings and len(w) < 16 and not any(c in w for c in "─=█…")
    }
    assert not missing, sorted(missing)[:5]


#: Every terminal view, as people run them (diff gets a second store with changes).
VIEWS = [
    ["list"],
    ["list", "--source", "all"],
    ["search", "Ausbildung"],
    ["search", "Meisterprämie", "--explain"],
    ["show", "IV.7"],
    ["show", "VI.8", "IV.1"],
    ["budget"],
    ["budget", "--ressort", "MAGS"],
    ["budget", "--by", "year"],
    ["budget", "--by", "ressort"],
    ["budget", "--year", "2024", "--by", "funding"],
    ["recognition"],
    ["recognition", "--by", "area"],
    ["recognition", "--by", "country"],
    ["recognition", "--compare", "2022", "2023"],
    ["indicators"],
    ["changes"],
    ["compare", "IV.1", "II.9", "III.4"],
    ["compare", "-r", "MAGS", "-r", "MSB", "-r", "MKJFGFI"],
    ["compare", "--recognition", "2022", "2023"],
    ["timeline"],
    ["timeline", "--by", "ressort"],
    ["sources"],
    ["ressorts"],
    ["clusters"],
    ["diff", str(SHIPPED), "CHANGED"],
    ["cite", "IV.1"],
    ["cite", "IV.1", "--figure", "Meisterprämien", "--format", "markdown"],
]


def changed_store(folder: Path) -> Path:
    """The shipped store with a measure's title, runtime and funds changed and one removed."""
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    measures = data["measures"]
    first = measures["1"]
    first["title"] += " und Quereinstieg in Gesundheitsfachberufe (Pflege-, Betreuungs- und Erziehungsberufe)"
    first["runtime"]["text"] = "ab 08/2024 bis Ende der Legislaturperiode, danach Verstetigung geplant"
    referenced = {
        row.get("measure_id")
        for name in ("indicators", "updates", "events", "recognition")
        for row in data.get(name, {}).values()
    }
    gone = next(key for key in reversed(measures) if measures[key]["id"] not in referenced)
    measures.pop(gone)  # a measure no figure names: the store stays valid
    path = folder / "changed.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def on_terminals(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], Result]:
    """Every view on a real pseudo-terminal of 80 and 120 columns (run four at a time)."""
    changed = str(changed_store(tmp_path_factory.mktemp("diff")))
    keys = [(" ".join(view), width) for view in VIEWS for width in (80, 120)]
    runs = [([changed if a == "CHANGED" else a for a in view], width) for view in VIEWS for width in (80, 120)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda run: on_pty(*run), runs))
    return dict(zip(keys, results, strict=True))


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_every_view_fits_a_real_terminal(
    on_terminals: dict[tuple[str, int], Result], view: list[str], width: int
) -> None:
    result = on_terminals[(" ".join(view), width)]
    assert result.code == 0, result.err
    assert result.out.strip(), view
    assert not too_wide(result.out, width), too_wide(result.out, width)[:3]
    if view[0] != "cite":  # a citation is one paragraph of text, without a heading
        assert "\x1b[1m" in result.out, view  # drawn for a colour terminal: bold names and titles


def test_the_terminal_shows_what_a_pipe_shows(
    on_terminals: dict[tuple[str, int], Result], fko: Callable[..., Result]
) -> None:
    """IDs, amounts and dates are never wrapped; every title's words are there, unbroken."""
    listed = unstyled(on_terminals[("list", 80)].out)
    for row in fko("list", "--json").json():
        assert re.search(rf"^{re.escape(row['id'])}\s", listed, re.M), row["id"]
        assert pieces(row["title"]) <= pieces(listed), row["title"]
    budget = unstyled(on_terminals[("budget --ressort MAGS", 80)].out)
    for line in fko("budget", "--ressort", "MAGS", "--csv", "--fields", "id,amount_eur").out.splitlines()[1:]:
        ident, amount = line.split(";")
        if amount:
            euros = f"{int(amount):,}".replace(",", ".")
            assert any(ident in row for row in budget.splitlines()), ident
            assert euros in budget or "Mio. €" in budget
    for amount in ("27 Mio. €", "16,7 Mio. €/Jahr", "ca. 11 Mio. €/Jahr", "5.355.028 €"):
        assert any(amount in row for row in budget.splitlines()), amount
    shown = unstyled(on_terminals[("changes", 80)].out)
    assert re.search(r"^\d{4}-\d{2}-\d{2}", shown, re.M)


def test_at_80_columns_the_list_moves_the_runtime_and_at_120_keeps_every_column(tty: Callable[..., Result]) -> None:
    wide = unstyled(tty(120, "list", "-c", "I").out).splitlines()
    assert wide[1].split() == ["ID", "Title", "Ministries", "Runtime", "Status"]
    assert wide[2] == "─" * 120
    assert (
        wide[3].split()
        == "I.1 Seiteneinstieg Grundschule mit OBAS MSB 05/2023 (Befristung auf fünf Jahre) running".split()
    )
    narrow = unstyled(tty(80, "list", "-c", "I").out)
    lines = narrow.splitlines()
    assert lines[1].split() == ["ID", "Title", "Ministries", "Status"]
    assert lines[3].split() == "I.1 Seiteneinstieg Grundschule mit OBAS MSB running".split()
    assert lines[4].strip() == "05/2023 (Befristung auf fünf Jahre)"  # the runtime, under the title
    assert "Runtime: shown under the title (to fit the terminal; --wide shows every column)." in " ".join(
        narrow.split()
    )
    dim = tty(80, "list", "-c", "I").out
    assert "\x1b[2m05/2023 (Befristung auf fünf Jahre)\x1b[0m" in dim
    every = unstyled(tty(80, "list", "-c", "I", "--wide").out)
    assert every.splitlines()[1].split() == ["ID", "Title", "Ministries", "Runtime", "Status"]
    assert "shown under the title" not in every
    assert not too_wide(every, 80)


def test_the_terminal_table_is_drawn_by_rich_with_fkos_styles(tty: Callable[..., Result]) -> None:
    out = tty(80, "search", "Meisterprämie").out
    lines = out.splitlines()
    assert lines[0] == "\x1b[1m4 hits for 'Meisterprämie'\x1b[0m"
    assert unstyled(lines[1]).split() == ["ID", "Title", "Match", "Score"]
    assert lines[2] == "─" * 80
    assert unstyled(lines[3]).split()[:3] == ["IV.1", "Meisterprämie", "NRW"]
    assert unstyled(lines[3]).rstrip().endswith("100")  # the score, right-aligned at the edge
    assert "\x1b[2mmeasure · MAGS · report\x1b[0m" in lines[4]  # kind, ministries and source, under the title
    assert "\x1b[1;7mMeisterprämie\x1b[0m" in lines[3]  # the matched word
    budget = unstyled(tty(80, "budget", "--by", "year").out).splitlines()
    assert budget[1].split() == ["Year", "Items", "Stated", "€", "Assumed", "€", "Planned", "€", "Assumed", "for"]
    assert budget[2] == "─" * 80 and budget[5].split() == ["2024", "16", "137.837.000", "€", "137.837.000", "€"]
    narrow = unstyled(tty(40, "budget", "--by", "year").out).splitlines()
    # the columns that do not fit move, never wrap; the year's total (what --year counts) stays
    assert narrow[1].split() == ["Year", "Items", "Planned", "€"]


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
    out = plain.plain_table(
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
    assert (
        "16,7 Mio. €/Jahr" in narrow and "1,5 Lehrkräftestellen/Jahr" not in narrow
    )  # an amount whole; a staff unit may wrap
    wide = at(80, "budget", "-r", "MAGS", "--wide").out
    assert "Funding" in wide.splitlines()[1]
    assert "shown under the title" not in wide


def drawn(width: int, colour: bool = False) -> Display:
    """A terminal Display that draws into a StringIO (read back with `text_of`)."""
    return Display(is_terminal=True, colour=colour, width=width, file=io.StringIO())


def text_of(display: Display) -> str:
    assert isinstance(display.file, io.StringIO)
    return display.file.getvalue()


def test_terminal_tables_follow_the_same_policy() -> None:
    fields = [
        Field("id", "ID", key("id"), keep_whole=True),
        Field("title", "Title", key("title"), main=True),
        Field("ministries", "Ministries", key("ministries"), drop=1),
        Field("amount", "Amount €", key("amount"), numeric=True),
    ]
    rows = [
        {
            "id": "V.3",
            "title": "AZAV-Zertifizierung der praxisintegrierten Fachschule für Heilerziehungspflege",
            "ministries": "MAGS, MSB",
            "amount": "1.000 €",
        }
    ]
    display = drawn(40)
    styled.table(display, rows, fields)
    lines = text_of(display).splitlines()
    assert max(cell_len(line) for line in lines) <= 40
    assert pieces(rows[0]["title"]) <= pieces(text_of(display))
    assert [line.rstrip() for line in lines[:5]] == [
        "                                  Amount",
        "ID    Title                            €",
        "─" * 40,
        "V.3   AZAV-Zertifizierung der    1.000 €",
        "      praxisintegrierten",
    ]
    assert lines[7].strip() == "MAGS, MSB"  # the hidden column under the title ...
    assert (
        " ".join(lines[8:]).split()
        == "Ministries: shown under the title (to fit the terminal; --wide shows every column).".split()
    )
    wide = Display(is_terminal=True, colour=False, width=40, wide=True, file=io.StringIO())
    styled.table(wide, rows, fields)  # every column does not fit 40: one block per row, every value named
    assert [line.rstrip() for line in text_of(wide).splitlines()[:5]] == [
        "V.3  AZAV-Zertifizierung der",
        "praxisintegrierten Fachschule für",
        "Heilerziehungspflege",
        "  Ministries: MAGS, MSB",
        "  Amount €: 1.000 €",
    ]
    assert max(cell_len(line) for line in text_of(wide).splitlines()) <= 40


def test_a_word_longer_than_the_column_is_cut_with_an_ellipsis_in_pipes() -> None:
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
    assert lines[1].split() == ["Year", "Items", "Stated", "€", "Planned", "€"]
    assert "2023       9   110.407.000 €   120.511.166 €" in lines
    assert "Not shown: Assumed €, Assumed for (to fit the\nterminal; --wide shows every column)." in text
    wide = at(80, "budget", "--by", "year").out
    assert "2023       9   110.407.000 €    10.104.166 €   120.511.166 €   I.8, II.8, II.9" in wide.splitlines()


wide_text = st.text(st.sampled_from(list("ab -Ää€„“漢字か😀\u0301\u200bＷ\t")), max_size=60)


@given(wide_text, wide_text, st.integers(min_value=20, max_value=120), st.booleans())
def test_terminal_lines_fit_in_columns_with_wide_and_combining_characters(
    title: str, text: str, width: int, colour: bool
) -> None:
    fields = [Field("id", "ID", key("id"), keep_whole=True), Field("t", "Title", key("t"), main=True)]
    fields.append(Field("x", "Text", key("x"), drop=1))
    table, record = drawn(width, colour), drawn(width, colour)
    styled.table(table, [{"id": "IV.1", "t": title, "x": text}], fields, title)
    styled.record(record, title, [("Title", title), ("Text", text)])
    for output in (text_of(table), text_of(record)):
        assert not too_wide(output, width)
        assert "\t" not in output  # a tab would jump to the next tab stop
    shown = "".join(unstyled(text_of(record)).split())
    assert "".join(text.split()) in shown  # a record loses nothing: long words are folded, not cut


def test_dates_are_not_broken_at_their_hyphen() -> None:
    """A plain cell wraps after a hyphen between letters (Pflege-/Ausbildung), never inside a date."""
    words = re.findall(plain._BREAK, "running (reported 2025-10); Pflege-Ausbildung bis 2024-04-30")
    assert "2025-10);" in words and "2024-04-30" in words and "Pflege-" in words
