"""The German words fko shows for a fixed choice's value are taken as input too (`--by jahr`,
`--kind Kennzahl`, `--status laeuft`): the same rows as the English value, keys and JSON English;
an unknown value is one error, whichever command takes the choice."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from fko.commands.options import GERMAN_CHOICES, german_choice
from fko.i18n import speaking
from fko.views.words import kind_name

from ..conftest import Result


@pytest.mark.parametrize(
    ("german", "english"),
    [
        (("changes", "--kind", "Kennzahl"), ("changes", "--kind", "indicator")),
        (("changes", "-k", "termin", "-k", "ENTWICKLUNG"), ("changes", "-k", "event", "-k", "update")),
        (("search", "Meister", "-k", "Kennzahl"), ("search", "Meister", "-k", "indicator")),
        (("search", "Meister", "-k", "Maßnahme"), ("search", "Meister", "-k", "measure")),
        (("search", "Meister", "-k", "Massnahme"), ("search", "Meister", "-k", "measure")),
        (("search", "Handwerk", "-k", "anerkennung"), ("search", "Handwerk", "-k", "recognition")),
        (("search", "Dortmund", "-k", "Veranstaltungen"), ("search", "Dortmund", "-k", "event")),
        (("changes", "-k", "Kennzahlen", "-k", "events"), ("changes", "-k", "indicator", "-k", "event")),
        (("budget", "--by", "jahr"), ("budget", "--by", "year")),
        (("budget", "--by", "Finanzierung"), ("budget", "--by", "funding")),
        (("anerkennung", "--by", "Land"), ("anerkennung", "--by", "country")),
        (("anerkennung", "--by", "bereich"), ("anerkennung", "--by", "area")),
        (("list", "--status", "laeuft"), ("list", "--status", "running")),
        (("list", "--status", "LÄUFT"), ("list", "--status", "running")),
    ],
)
def test_a_german_word_fko_shows_is_taken_as_its_english_value(
    fko: Callable[..., Result], german: tuple[str, ...], english: tuple[str, ...]
) -> None:
    wanted = fko(*english, "--json")
    assert wanted.code == 0 and wanted.json()  # a real listing, not an empty one
    assert fko(*german, "--json").out == wanted.out
    assert fko("--lang", "de", *german).out == fko("--lang", "de", *english).out


def test_the_kinds_in_german_are_the_words_fko_shows_for_them() -> None:
    with speaking("de"):
        shown = {value: kind_name(value) for value in ("measure", "recognition", "indicator", "update", "event")}
    assert shown == {
        "measure": "Maßnahme",
        "recognition": "Anerkennung",
        "indicator": "Kennzahl",
        "update": "Entwicklung",
        "event": "Termin",
    }
    assert {GERMAN_CHOICES[word.lower()] for word in shown.values()} == set(shown)


def test_only_a_german_word_is_normalised_never_an_option_or_another_value() -> None:
    assert [german_choice(t) for t in ("Jahr", "KENNZAHL", "massnahme", "year", "--kind", "-k", "Meister", "")] == [
        "year",
        "indicator",
        "measure",
        "year",
        "--kind",
        "-k",
        "Meister",
        "",
    ]


@pytest.mark.parametrize(
    ("line", "values"),
    [
        (("changes", "--kind", "foo"), "'update', 'indicator', 'event', 'initiative'"),
        (("search", "x", "--kind", "foo"), "'measure', 'initiative', 'recognition', 'indicator', 'update', 'event'"),
    ],
)
def test_an_unknown_kind_is_one_error_for_every_command(
    fko: Callable[..., Result], line: tuple[str, ...], values: str
) -> None:
    english = fko(*line)
    assert (english.code, english.err) == (
        2,
        f"fko: Invalid value for '--kind' / '-k': 'foo' is not one of {values}; see 'fko {line[0]} --help'\n",
    )
    german = fko("--lang", "de", *line)
    assert (german.code, german.err) == (
        2,
        f"fko: Ungültiger Wert für '--kind' / '-k': 'foo' ist keiner der Werte {values}; "
        f"siehe 'fko {line[0]} --help'\n",
    )


def test_a_german_word_of_another_choice_is_still_wrong(fko: Callable[..., Result]) -> None:
    wrong = fko("budget", "--by", "Land")  # a recognition grouping, not a budget one
    assert (wrong.code, wrong.err) == (
        2,
        "fko: Invalid value for '--by': 'Land' is not one of 'ressort', 'cluster', 'year', 'funding'; "
        "see 'fko budget --help'\n",
    )
