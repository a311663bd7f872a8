"""Narrow and wide terminals: a number is never cut or split, a table that cannot fit falls back
to moved columns or one block per row, headers keep their words, and the room goes where it
is read (the newcomer's findings 2, 5, 6 and 12)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from fko.output.numbers import euro_exact, euro_text

from ..conftest import Result
from .conftest import too_wide, unstyled

RULE = re.compile(r"^─+$")


def screen(tty: Callable[..., Result], width: int, *args: str) -> str:
    result = tty(width, *args)
    assert result.code == 0, result.err
    out = unstyled(result.out)
    assert not too_wide(out, width), too_wide(out, width)[:3]
    return "\n".join(line.rstrip() for line in out.splitlines()) + "\n"


def header_line(out: str) -> list[str]:
    """The words of the first table's header line (the line above its rule)."""
    lines = out.splitlines()
    return lines[next(n for n, line in enumerate(lines) if line and RULE.match(line)) - 1].split()


def header_words(out: str) -> list[str]:
    """The words of every table header: the line above each rule, and the lines above it that
    a header wrapped into (they start with blanks, where a title line does not)."""
    lines = out.splitlines()
    words = []
    for n, line in enumerate(lines):
        if n and line.strip() and RULE.match(line.strip()):
            k = n - 1
            words += lines[k].split()
            while k > 0 and lines[k - 1].startswith(" ") and lines[k - 1].strip():
                k -= 1
                words += lines[k].split()
    return words


def piped_header_words(fko: Callable[..., Result], *args: str) -> set[str]:
    """The header words of the same view in a pipe without a width: never wrapped."""
    lines = fko(*args).out.splitlines()
    return {w for n, line in enumerate(lines) if RULE.match(line) for w in lines[n - 1].split()}


BUDGET_VIEWS = [
    ("budget", "--year", "2024"),
    ("budget", "--ressort", "MAGS"),
    ("budget", "--year", "2024", "--by", "ressort"),
    ("budget", "--ressort", "MAGS", "--year", "2024"),
]


@pytest.mark.parametrize("lang", [(), ("--lang", "de")], ids=["en", "de"])
@pytest.mark.parametrize("width", [40, 80])
@pytest.mark.parametrize("view", BUDGET_VIEWS, ids=" ".join)
def test_every_amount_is_shown_whole_on_one_line(
    tty: Callable[..., Result], fko: Callable[..., Result], view: tuple[str, ...], width: int, lang: tuple[str, ...]
) -> None:
    out = screen(tty, width, *lang, *view)
    lines = out.splitlines()
    if "--by" in view:
        groups = fko(*view, "--json").json()
        assert groups, view
        wanted = [euro_exact(g["year_total_eur"]) for g in groups]
    else:
        rows = [r for r in fko(*view, "--json").json() if r["kind"] == "money"]
        assert rows, view
        wanted = [euro_text(r["amount_eur"], r["approximate"], r["basis"], r.get("qualifier")) for r in rows]
        wanted += [euro_exact(r["counted_eur"]) for r in rows if r["counted_eur"] is not None and "--year" in view]
    if "--year" in view:
        wanted.append("137.837.000 €" if "--ressort" not in view else "27.700.000 €")
    missing = [amount for amount in wanted if not any(amount in line for line in lines)]
    assert not missing, (missing[:3], out[:2000])
    assert "…" not in out  # nothing cut with an ellipsis


@pytest.mark.parametrize("lang", [(), ("--lang", "de")], ids=["en", "de"])
@pytest.mark.parametrize("width", [40, 80, 120])
@pytest.mark.parametrize(
    "view",
    [*BUDGET_VIEWS, ("compare", "IV.1", "II.9"), ("list",), ("search", "Meisterprämie"), ("budget", "--by", "year")],
    ids=" ".join,
)
def test_no_header_word_is_split(
    tty: Callable[..., Result], fko: Callable[..., Result], view: tuple[str, ...], width: int, lang: tuple[str, ...]
) -> None:
    """Every word of a table header in a terminal is a whole word of that header (as a pipe
    without a width shows it), never a piece such as `Ite`/`ms` or `Ti`/`tl`/`e`."""
    whole = piped_header_words(fko, *lang, *view)  # first: the terminal's run sets $COLUMNS
    shown = header_words(screen(tty, width, *lang, *view))
    assert set(shown) <= whole, sorted(set(shown) - whole)


def test_at_40_columns_tables_stack_or_become_blocks_never_ribbons(tty: Callable[..., Result]) -> None:
    groups = screen(tty, 40, "budget", "--year", "2024", "--by", "ressort").splitlines()
    assert header_line("\n".join(groups)) == ["Group", "Items", "Planned", "€"]  # the empty Assumed € is left out
    assert "MKJFGFI               3   75.957.000 €" in groups
    mags = screen(tty, 40, "budget", "--ressort", "MAGS")
    assert "II.9     Ausbildungswege NRW" in mags.splitlines()
    assert "MAGS · 16,7 Mio. €/Jahr · per" in mags  # the amount moves under the title, whole
    assert not re.search(r"^\s+\S{1,2}\s*$", mags, re.M)  # no column of one or two letters
    compared = screen(tty, 40, "compare", "IV.1", "II.9").splitlines()
    assert compared[1:4] == ["≠  Title", "  IV.1: Meisterprämie NRW", "  II.9: Ausbildungswege NRW"]
    assert "  IV.1: ca. 11.000.000 €/Jahr" in compared


def test_at_80_columns_budget_titles_wrap_at_words_and_columns_hold_no_blanks(tty: Callable[..., Result]) -> None:
    year = screen(tty, 80, "budget", "--year", "2024")
    assert "Integrationsmanagement (KIM)" in year and "Integrationsmanage\n" not in year
    assert "Gemeinschaftsoffensive" in year
    header = year.splitlines()[1]
    assert header.split() == ["ID", "Title", "Amount", "Counted", "€"]
    amount = header.index("Amount")
    widths = [
        len(line[amount:].split("  ")[0]) for line in year.splitlines()[3:30] if line[amount : amount + 1].strip()
    ]
    assert max(widths) >= 18  # "ca. 11 Mio. €/Jahr"
    assert header.index("Counted") - amount <= 30  # the Amount column is not padded far beyond it
    groups = screen(tty, 80, "budget", "--year", "2024", "--by", "ressort")
    assert "Assumed" not in groups  # empty in every row of 2024


def test_the_not_counted_table_has_the_same_columns_in_english_and_german(tty: Callable[..., Result]) -> None:
    def columns(*lang: str) -> list[str]:
        lines = screen(tty, 80, *lang, "budget", "--ressort", "MAGS").splitlines()
        at = next(n for n, line in enumerate(lines) if line.startswith(("Not counted", "Nicht für")))
        return lines[at + 1].split()

    assert columns() == ["ID", "Title", "Amount", "Left", "out", "because"]
    assert columns("--lang", "de") == ["ID", "Titel", "Betrag", "Grund"]


@pytest.mark.parametrize("width", [40, 80])
@pytest.mark.parametrize("query", ["Meisterprämie", "Lehrer", "Kita"])
def test_search_shows_the_score_for_every_query(tty: Callable[..., Result], width: int, query: str) -> None:
    out = screen(tty, width, "search", query)
    assert header_line(out)[-1] == "Score"
    assert "not shown: Score" not in " ".join(out.split())


def test_a_search_hit_takes_at_most_three_lines_at_80_columns(tty: Callable[..., Result]) -> None:
    lines = screen(tty, 80, "search", "Meisterprämie").splitlines()
    starts = [n for n, line in enumerate(lines) if line.startswith("IV.1 ")]
    assert len(starts) == 4  # the measure, its update, its key figure from each of two sources
    end = next(n for n in range(starts[-1] + 1, len(lines)) if not lines[n].startswith(" "))
    assert [b - a for a, b in zip(starts, [*starts[1:], end], strict=True)] == [3, 3, 2, 3]


def test_compare_keeps_the_status_short_and_words_whole_at_80_columns(tty: Callable[..., Result]) -> None:
    lines = screen(tty, 80, "compare", "IV.1", "II.9").splitlines()
    status = next(n for n, line in enumerate(lines) if line.startswith("≠   Status"))
    after = next(n for n in range(status + 1, len(lines)) if lines[n].startswith("≠"))
    assert after - status <= 7
    assert any("Landes-Gewerbeförderungsstelle" in line for line in lines)


def test_list_at_120_columns_keeps_the_runtime_on_one_line(
    tty: Callable[..., Result], fko: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = screen(tty, 120, "list")
    assert header_line(out) == ["ID", "Title", "Ministries", "Runtime", "Status"]
    for runtime in ("05/2023 (Befristung auf fünf Jahre)", "05/2023 (Befristung auf zwei Jahre)"):
        monkeypatch.delenv("COLUMNS", raising=False)
        assert out.count(runtime) == fko("list").out.count(runtime) > 1


def test_budget_at_120_columns_keeps_the_basis_on_one_line(tty: Callable[..., Result]) -> None:
    out = screen(tty, 120, "budget")
    assert "per year" in out
    assert not re.search(r"\bper\s*$", out, re.M)


def test_timeline_titles_use_the_room_and_grow_with_the_terminal(tty: Callable[..., Result]) -> None:
    at80 = screen(tty, 80, "timeline")
    assert "Erweiterte…" not in at80 and "Kommunales…" not in at80
    assert "I.3    Erweiterte Einstellungsmöglichke…" in at80
    at120 = screen(tty, 120, "timeline")
    assert "I.1    Seiteneinstieg Grundschule mit OBAS " in at120
    assert "I.3    Erweiterte Einstellungsmöglichkeiten für…" in at120


@pytest.mark.parametrize("lang", [(), ("--lang", "de")], ids=["en", "de"])
def test_the_list_table_shows_each_measures_status(
    tty: Callable[..., Result], fko: Callable[..., Result], lang: tuple[str, ...]
) -> None:
    records = {r["id"]: r["weighed_status"] for r in fko("list", "--json").json()}
    words = {"running": "läuft", "ended": "beendet"} if lang else {}
    piped = fko(*lang, "list").out.splitlines()  # a pipe without a width: before the terminal's runs
    assert piped[1].split()[-1] == "Status" and piped[3].split()[-1] == words.get(records["I.1"], records["I.1"])
    for width in (40, 80, 120):
        lines = screen(tty, width, *lang, "list").splitlines()
        for ident in ("IV.1", "I.2", "III.4"):
            at = next(n for n, line in enumerate(lines) if line.startswith(ident + " "))
            end = next(n for n in range(at + 1, len(lines)) if not lines[n].startswith(" "))
            block = " ".join(lines[at:end])
            assert words.get(records[ident], records[ident]) in block, (width, ident)
    assert fko("list", "--csv").out.splitlines()[0] == (
        "\ufeffid;kind;cluster;title;ressorts;runtime.text;runtime.start;runtime.end;budget.text;goal;"
        "description;urls;partners;publication;in_force;source"
    )
