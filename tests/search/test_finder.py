"""The one resolver of measure references: IDs in any spelling, titles, aliases, one candidate
taken with a note, several listed, and hints where a ministry, cluster or funder is given."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko.errors import FkoError, UsageError
from fko.search.finder import resolve, resolve_all
from fko.store.fileformat import SHIPPED
from fko.store.reader import Store, open_store

from ..conftest import Result

_STORE = open_store(str(SHIPPED))  # read-only here: one store for every generated input


@pytest.mark.parametrize("text", ["IV.1", "iv.1", "IV 1", " iv 1 ", "IV1", "Meisterprämie NRW", "meisterprämie"])
def test_ids_titles_and_aliases(store: Store, text: str) -> None:
    assert resolve(store, text) == (store.record("IV.1"), [])


def test_initiatives_by_id(store: Store) -> None:
    assert resolve(store, "n.1")[0]["id"] == "N.1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Indien", "VI.2"), ("Wärmepumpen", "IV.5"), ("Meisterpramie", "IV.1"), ("Übergangslotsen", "II.8")],
)
def test_a_single_candidate_is_taken_with_a_note(
    store: Store, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    """The note comes back for the command to print: the finder itself prints nothing."""
    found, notes = resolve(store, text)
    assert found["id"] == expected
    assert capsys.readouterr().err == ""
    if found["title"].casefold() != text.casefold():
        assert notes == [f"taking {expected} {found['title']}: the only measure whose name matches '{text}'"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("MAGS", "'MAGS' is a ministry, not a measure; its measures: `fko list --ressort MAGS`"),
        ("msb", "'msb' is a ministry, not a measure; its measures: `fko list --ressort MSB`"),
        ("IV", "'IV' is a cluster, not a measure; its measures: `fko list --cluster IV`"),
        ("II", "'II' is a cluster, not a measure; its measures: `fko list --cluster II`"),
        ("BMBF", "'BMBF' is a funding source, not a measure; its items: `fko budget --funding BMBF`"),
        ("ESF", "'ESF' is a funding source, not a measure; its items: `fko budget --funding ESF`"),
        ("IV.99", "no measure 'IV.99'; did you mean IV.9?"),
        ("xyzzy", "no measure 'xyzzy'; try `fko search xyzzy` or `fko list`"),
    ],
)
def test_only_measures_match(store: Store, text: str, message: str) -> None:
    with pytest.raises(FkoError) as raised:
        resolve(store, text)
    assert raised.value.message == message
    assert raised.value.exit_code == 1


def test_several_candidates_are_listed(store: Store) -> None:
    with pytest.raises(FkoError) as raised:
        resolve(store, "OBAS")
    assert raised.value.message == (
        "'OBAS' names 2 measures: I.1 Seiteneinstieg Grundschule mit OBAS; "
        "I.3 Erweiterte Einstellungsmöglichkeiten für Lehramtswechsler; use an ID"
    )


def test_resolve_all_keeps_order_and_drops_repeats(store: Store) -> None:
    found, notes = resolve_all(store, ["II.9", "iv.1", "Meisterprämie", "Meisterpramie", "Meisterpramie"])
    assert [m["id"] for m in found] == ["II.9", "IV.1"]
    assert notes == ["taking IV.1 Meisterprämie NRW: the only measure whose name matches 'Meisterpramie'"]


def test_empty_reference_is_a_usage_error(store: Store) -> None:
    with pytest.raises(UsageError):
        resolve(store, "  ")


@given(st.text(max_size=30))
def test_any_text_resolves_or_fails_cleanly(text: str) -> None:
    store = _STORE
    try:
        found, _ = resolve(store, text)
    except FkoError as exc:
        assert exc.exit_code in (1, 2)
    else:
        assert found["id"]


def test_commands_take_names(fko: Callable[..., Result]) -> None:
    shown = fko("show", "Indien")
    assert shown.code == 0, shown.err
    assert shown.out.startswith("VI.2: Fachkräftegewinnung in Indien")
    compared = fko("compare", "Meisterprämie", "Übergangslotsen", "--json")
    assert compared.code == 0, compared.err
    assert [r["id"] for r in compared.json()] == ["IV.1", "II.8"]
    figures = fko("indicators", "Meisterprämie", "--json")
    assert figures.code == 0, figures.err
    assert {r["measure_id"] for r in figures.json()} == {"IV.1"}
    budget = fko("budget", "IV.1", "--json")
    assert budget.code == 0, budget.err
    assert sorted(r["amount_eur"] for r in budget.json()) == [5_500_000, 11_000_000]
    hint = fko("show", "MAGS")
    assert (hint.code, hint.out) == (1, "")
    assert hint.err == "fko: 'MAGS' is a ministry, not a measure; its measures: `fko list --ressort MAGS`\n"
    ministries = fko("compare", "MAGS", "MSB")
    assert ministries.code == 2
    assert "`fko compare -r MAGS -r MSB`" in ministries.err


def test_budget_union_of_ministries(fko: Callable[..., Result]) -> None:
    both = fko("budget", "-r", "MAGS", "-r", "msb", "--json").json()
    mags = fko("budget", "-r", "MAGS", "--json").json()
    msb = fko("budget", "-r", "MSB", "--json").json()
    keys = {(r["measure_id"], r["item"]) for r in both}
    assert keys == {(r["measure_id"], r["item"]) for r in mags + msb}
    assert len(keys) == len(both)  # a measure of both is one row
    shared = {r["measure_id"] for r in mags} & {r["measure_id"] for r in msb}
    assert shared  # the data has measures of both: the union must not count them twice


# --- dates as people write them, --during, German status words ----------------------------


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2024-06-01", "2024-06-01", "2024-06-01"),
        ("01.06.2024", "2024-06-01", "2024-06-01"),
        ("1.6.2024", "2024-06-01", "2024-06-01"),
        ("2024-06", "2024-06-01", "2024-06-30"),
        ("06/2024", "2024-06-01", "2024-06-30"),
        ("2/2024", "2024-02-01", "2024-02-29"),
        ("2024", "2024-01-01", "2024-12-31"),
    ],
)
def test_dates_as_people_write_them(text: str, first: str, last: str) -> None:
    from fko.domain.status import parse_date, parse_span

    assert [d.isoformat() for d in parse_span(text)] == [first, last]
    assert parse_date(text).isoformat() == first


@pytest.mark.parametrize("text", ["32.01.2024", "13/2024", "2024-13", "24", "yesterday", "", "2024..2023"])
def test_impossible_dates_are_usage_errors(text: str) -> None:
    from fko.domain.status import parse_period

    with pytest.raises(UsageError):
        parse_period(text)


@given(st.text(max_size=20))
def test_any_date_text_parses_or_is_a_usage_error(text: str) -> None:
    from fko.domain.status import parse_period

    try:
        first, last = parse_period(text)
    except UsageError:
        return
    assert first is None or last is None or first <= last


def test_list_on_german_date_and_german_status(fko: Callable[..., Result]) -> None:
    german = fko("list", "--on", "01.06.2024", "--status", "laufend", "--json").json()
    english = fko("list", "--on", "2024-06-01", "--status", "running", "--json").json()
    assert german == english
    assert "IV.1" in {r["id"] for r in german}
    assert fko("list", "--on", "2024", "--status", "Beendet").code == 0
    assert fko("list", "--status", "fertig").code == 2


def test_list_during_a_year_means_at_any_time_in_it(fko: Callable[..., Result]) -> None:
    during = {r["id"] for r in fko("list", "--during", "2025", "--json").json()}
    on_first_day = {r["id"] for r in fko("list", "--on", "2025-01-01", "--status", "running", "--json").json()}
    assert on_first_day <= during
    # II.9 ran 07/2023 to 12/2024: not in 2025, but in 2024 and in the period 06/2024..2025
    assert "II.9" not in during
    assert "II.9" in {r["id"] for r in fko("list", "--during", "06/2024..2025", "--json").json()}
    assert "IV.1" in during  # open-ended since 06/2023
    text = fko("list", "--during", "2025", "-c", "IV")
    assert text.out.startswith("7 measures running at any time in 2025\n")
    assert fko("list", "--during", "2025", "--status", "running").code == 2


def test_empty_results_print_one_line_on_stderr_and_nothing_on_stdout(fko: Callable[..., Result]) -> None:
    for args in (("list", "-p", "xyzzy"), ("indicators", "N.2"), ("budget", "-r", "MUNV", "--funding", "ESF")):
        result = fko(*args)
        assert (result.code, result.out) == (0, ""), args
        assert result.err.count("\n") == 1, args
    assert fko("list", "-p", "xyzzy", "--json").out == "[]\n"


def test_counts_say_singular_and_plural() -> None:
    from fko.output.numbers import count

    assert count(1, "measures") == "1 measure"
    assert count(2, "measures") == "2 measures"
    assert count(1, "measures running at any time in 2025") == "1 measure running at any time in 2025"
    assert count(1, "hits for 'x'") == "1 hit for 'x'"
    assert count(0, "records") == "0 records"


# --- recognition: the overview first ------------------------------------------------------


def test_recognition_starts_with_an_overview_of_every_figure(fko: Callable[..., Result]) -> None:
    out = fko("recognition").out
    overview = out.split("\n\n")[0]
    for shown in ("19.164", "1.125", "822", "438", "Türkei 387", "42 / 34 (81,0 %)", "66 / 60 (90,9 %)"):
        assert shown in overview, shown
    assert "Architektenkammer Nordrhein-Westfalen (source: report, measure VI.8)" in out  # then the details


def test_recognition_body_handwerk_and_year(fko: Callable[..., Result]) -> None:
    crafts = fko("recognition", "--body", "handwerk")
    assert crafts.code == 0 and "1.125" in crafts.out and "Türkei" in crafts.out
    assert "Architektenkammer" not in crafts.out
    only_2023 = fko("recognition", "--year", "2023").out
    assert "19.164" not in only_2023
    assert "Only 2023: the figures by area and by country state no year" in only_2023
    refused = fko("recognition", "--by", "area", "--year", "2023")
    assert refused.code == 2 and "state no year" in refused.err


def test_help_summaries_are_whole_sentences(fko: Callable[..., Result]) -> None:
    commands = fko("--help").out.split("Commands:", 1)[1]
    assert "..." not in commands
    summaries = re.findall(r"^  (\w+)\s+(.*(?:\n {4,}.*)*)", commands, re.M)
    assert len(summaries) >= 15
    for name, text in summaries:
        assert " ".join(text.split()).endswith("."), name


def test_the_number_of_an_unknown_id_mentions_nothing(fko: Callable[..., Result]) -> None:
    """ "XX.9" is no measure, and the "9" of IV.4 and II.2 does not mention it (newcomer report, finding 7)."""
    result = fko("show", "XX.9")
    assert (result.code, result.out) == (1, "")
    assert result.err == "fko: no measure 'XX.9'; try `fko search XX.9` or `fko list`\n"
