"""A date the reader gave, echoed in a message: in German as fko writes dates (01.06.2024,
06/2024), never the ISO form beside them; in English as typed."""

from __future__ import annotations

import shlex
from collections.abc import Callable

import pytest

from ..conftest import Result


@pytest.mark.parametrize(
    ("line", "english", "german"),
    [
        (
            "changes --since 2024-04",
            "58 changes reported since 2024-04, newest first",
            "58 Meldungen seit 04/2024, die neuesten zuerst",
        ),
        (
            "changes --since 2025-01 --until 2025-06",
            "2 changes reported since 2025-01 until 2025-06, newest first",
            "2 Meldungen seit 01/2025 bis 06/2025, die neuesten zuerst",
        ),
        (
            "changes --since 2031-01 --until 2031",
            "No changes reported since 2031-01 until 2031.",
            "Keine Meldungen seit 01/2031 bis 2031.",
        ),
        (
            "list --during 2024-06..2025",
            "50 measures running at any time in 2024-06-01 to 2025-12-31",
            "50 Maßnahmen, die im Zeitraum 01.06.2024 bis 31.12.2025 laufen",
        ),
        (
            "list --during 2024-6-1",
            "43 measures running at any time in 2024-6-1",
            "43 Maßnahmen, die im Zeitraum 01.06.2024 laufen",
        ),
        (
            "list --during 06/2024",
            "44 measures running at any time in 06/2024",
            "44 Maßnahmen, die im Zeitraum 06/2024 laufen",
        ),
    ],
)
def test_a_title_echoes_the_reader_s_date_as_fko_writes_dates(
    fko: Callable[..., Result], line: str, english: str, german: str
) -> None:
    assert fko(*shlex.split(line)).out.splitlines()[0] == english
    assert fko("--lang", "de", *shlex.split(line)).out.splitlines()[0] == german


@pytest.mark.parametrize(
    ("line", "english", "german"),
    [
        (
            "cite IV.1 --figure Meister --as-of 2099-01-01",
            "fko: IV.1 has no figure 'Meister' dated 2099-01-01; its figures: Meisterprämien ausgezahlt; "
            "Prämie je bestandener Meisterprüfung (Euro)",
            "fko: IV.1 hat keine Kennzahl 'Meister' vom 01.01.2099; ihre Kennzahlen: Meisterprämien ausgezahlt; "
            "Prämie je bestandener Meisterprüfung (Euro)",
        ),
        (
            "changes --since 2025-06 --until 2025-01",
            "fko: --until 2025-01 lies before the start of the listing (2025-06-01)",
            "fko: --until 01/2025 liegt vor dem Beginn der Auflistung (01.06.2025)",
        ),
        (
            "list --during 2025-03..2024",
            "fko: --during 2025-03..2024: the end is before the start",
            "fko: --during 03/2025..2024: das Ende liegt vor dem Beginn",
        ),
    ],
)
def test_an_error_echoes_the_reader_s_date_as_fko_writes_dates(
    fko: Callable[..., Result], line: str, english: str, german: str
) -> None:
    assert fko(*shlex.split(line)).err == english + "\n"
    assert fko("--lang", "de", *shlex.split(line)).err == german + "\n"


def test_cite_as_of_takes_the_date_as_fko_shows_it(fko: Callable[..., Result]) -> None:
    """`fko cite` shows "Meisterprämien ausgezahlt: 2.186 (31.03.2024)" in German; that date picks it."""
    iso = fko("cite", "IV.1", "--figure", "Meister", "--as-of", "2024-03-31", "--json").json()
    assert [(c["metric"], c["value"], c["as_of"]) for c in iso] == [("Meisterprämien ausgezahlt", 2186, "2024-03-31")]
    assert fko("cite", "IV.1", "--figure", "Meister", "--as-of", "31.03.2024", "--json").json() == iso
    monthly = fko("cite", "IV.1", "--figure", "Meister", "--as-of", "10/2025", "--json").json()
    assert [(c["value"], c["as_of"]) for c in monthly] == [(7000, "2025-10")]
