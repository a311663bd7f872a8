"""Status on a date, compare (measures, portfolios, recognition years) and the timeline."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

from fko.domain.compare import compare_measures, compare_ressorts, timeline
from fko.domain.measures import get
from fko.domain.status import parse_date, status_on
from fko.search.finder import resolve_all
from fko.store.reader import Store

from ..conftest import Result

JUNE_2024 = dt.date(2024, 6, 1)


@pytest.mark.parametrize(
    ("measure_id", "expected"),
    [
        ("IV.1", "running"),
        ("II.9", "running"),
        ("V.5", "running"),
        ("V.6", "running"),
        ("III.4", "ended"),
        ("IV.8", "ended"),
        ("II.1", "planned"),
        ("VI.5", "ended"),
        ("I.10", "unknown"),
    ],
)
def test_status_on_june_2024(store: Store, measure_id: str, expected: str) -> None:
    assert status_on(get(store, measure_id), JUNE_2024).status == expected


def test_open_ended_and_derived_rules(store: Store) -> None:
    v6 = status_on(get(store, "V.6"), JUNE_2024)
    assert (v6.open_ended, v6.derived) == (True, False)
    iv1 = status_on(get(store, "IV.1"), JUNE_2024)
    assert iv1.open_ended and iv1.derived and "Legislaturperiode" in iv1.rule
    i2 = status_on(get(store, "I.2"), JUNE_2024)
    assert (i2.end, i2.derived) == (dt.date(2025, 4, 30), True)
    assert status_on(get(store, "I.2"), dt.date(2025, 6, 1)).status == "ended"
    # a start the report only expects ("voraussichtlich") is expected before it, unknown after it
    vi7 = status_on(get(store, "VI.7"), JUNE_2024)
    assert (vi7.status, vi7.start, vi7.derived) == ("expected", dt.date(2024, 9, 1), True)
    assert vi7.note == "Beginn/Laufzeit voraussichtlich Herbst 2024"
    assert status_on(get(store, "VI.7"), dt.date(2025, 1, 1)).status == "unknown"
    iii1 = status_on(get(store, "III.1"), JUNE_2024)
    assert (iii1.status, iii1.start) == ("expected", dt.date(2024, 10, 1))


def test_parse_date() -> None:
    assert parse_date("2024-06") == dt.date(2024, 6, 1)
    with pytest.raises(Exception, match="invalid date"):
        parse_date("June")


def test_compare_measures(store: Store) -> None:
    rows = compare_measures(store, resolve_all(store, ["IV.1", "ii.9"])[0], JUNE_2024)
    assert [(r["id"], r["ressorts"], r["funds_per_year_eur"], r["funds_one_year_eur"]) for r in rows] == [
        ("IV.1", ["MAGS"], 11_000_000, 5_500_000),
        ("II.9", ["MAGS"], 16_700_000, None),
    ]
    assert rows[0]["runtime"]["text"] == "06/2023 bis mind. Ende der Legislaturperiode"
    assert {  # on 01.06.2024 the report's figure of 31.03.2024 is the latest
        "metric": "Meisterprämien ausgezahlt",
        "value": 2186,
        "unit": None,
        "qualifier": None,
        "approximate": False,
        "as_of": "2024-03-31",
        "source": "002_a45909dfd521d212.txt",
    } in rows[0]["latest_indicators"]
    later = compare_measures(store, resolve_all(store, ["IV.1"])[0], dt.date(2025, 11, 1))
    assert {
        "metric": "Meisterprämien ausgezahlt",
        "value": 7000,
        "unit": None,
        "qualifier": "fast",
        "approximate": True,
        "as_of": "2025-10",
        "source": "001_4b5943aa954268f7.txt",
    } in later[0]["latest_indicators"]


def test_compare_portfolios(store: Store) -> None:
    result = compare_ressorts(store, ["mags", "MSB"])
    mags, msb = result["ressorts"]
    assert (mags["measures"], msb["measures"]) == (22, 21)
    assert msb["per_cluster"]["I"] == 8
    # the peak year of each ministry's own money, as `fko budget -r CODE --year` counts it: MAGS
    # 2024 = II.9 16.700.000 + IV.1 11.000.000 (shared II.8, VI.2, VI.3 are no one's alone;
    # III.4 is MWIKE's, III.7 the Bund's); MSB has the same 30.000 € (V.3) every year: no peak
    assert (mags["funds_peak_year"], mags["funds_peak_year_eur"]) == (2024, 27_700_000)
    assert (msb["funds_peak_year"], msb["funds_peak_year_eur"]) == (None, None)
    assert "funds_peak_year_assumed" not in mags and "funds_total_eur" not in mags
    assert "funds_per_year_eur" not in mags
    assert result["in_common"] == ["II.4", "II.5", "II.6", "II.7", "II.8", "III.1", "III.7"]


def test_timeline_places_what_has_a_start(store: Store) -> None:
    rows = timeline(store, store.measures(), JUNE_2024)
    assert [r["id"] for r in rows if not r["placed"]] == ["I.9", "I.10", "II.7", "VI.5"]
    assert len(rows) == 64


def test_list_status_on_a_date(fko: Callable[..., Result]) -> None:
    running = {m["id"] for m in fko("list", "--status", "running", "--on", "2024-06-01", "--json").json()}
    assert {"IV.1", "II.9", "V.5", "V.6"} <= running
    assert not {"III.4", "IV.8", "II.1"} & running
    ended = [m["id"] for m in fko("list", "--status", "ended", "--on", "2024-06-01", "--json").json()]
    assert {"III.4", "IV.8"} <= set(ended)
    planned = [m["id"] for m in fko("list", "--status", "planned", "--on", "2024-06-01", "--json").json()]
    assert "II.1" in planned
    opened = {m["id"] for m in fko("list", "--status", "open-ended", "--on", "2024-06-01", "--json").json()}
    assert "V.6" in opened and "II.9" not in opened
    assert fko("list", "--status", "sleeping").code == 2
    assert fko("list", "--on", "tomorrow").code == 2


def test_compare_command(fko: Callable[..., Result]) -> None:
    result = fko("compare", "IV.1", "II.9", "--on", "2024-06-01")
    assert result.code == 0, result.err
    title = next(line for line in result.out.splitlines() if "Title" in line)
    assert title.startswith("≠") and "Meisterprämie NRW" in title and "Ausbildungswege NRW" in title
    assert "16.700.000 €/Jahr" in result.out and "MAGS" in result.out
    rows = fko("compare", "IV.1", "II.9", "--json").json()
    assert [r["per_year_eur"] for r in rows] == [11_000_000, 16_700_000]
    assert fko("compare", "IV.1").code == 2
    assert fko("compare", "IV.1", "IV.99").code == 1
    portfolio = fko("compare", "--ressort", "MAGS", "MSB")
    assert "Measures in common: II.4, II.5, II.6, II.7, II.8, III.1, III.7." in portfolio.out
    years = fko("compare", "--recognition", "2022", "2023")
    assert "Change 2022→2023" in years.out
    no_year = fko("compare", "--recognition", "2022", "2031")  # not found: exit 1
    assert (no_year.code, no_year.err) == (1, "fko: no recognition figures for 2031; the report has 2022 and 2023\n")


def test_timeline_command(fko: Callable[..., Result]) -> None:
    result = fko("timeline", "--on", "2024-06-01")
    assert result.code == 0
    assert "▼ 2024-06-01" in result.out
    assert "Not placed (no start date stated): I.9, I.10, II.7, VI.5" in result.out
    line = next(ln for ln in result.out.splitlines() if ln.startswith("V.6 "))
    assert "▶" in line
    by_ressort = fko("timeline", "--by", "ressort", "--ressort", "MUNV")
    assert "IV.6" in by_ressort.out and "MUNV" in by_ressort.out
    assert fko("timeline", "--by", "planet").code == 2


def test_timeline_from_a_later_year(fko: Callable[..., Result]) -> None:
    result = fko("timeline", "--on", "2024-06-01", "--from", "2020", "--cluster", "II")
    assert result.out.splitlines()[0].split() == [str(y) for y in range(2020, 2028)]
    ii2 = next(ln for ln in result.out.splitlines() if ln.startswith("II.2 "))
    assert "◀" in ii2 and ii2.rstrip().endswith("▶") and " ● " in ii2  # running, open-ended
    later = fko("timeline", "--from", "2030", "--cluster", "III", "--on", "2024-06-01")
    iii4 = next(ln for ln in later.out.splitlines() if ln.startswith("III.4 "))
    assert "◀" not in iii4 and "█" not in iii4  # ended in 2023, before the axis


def test_compare_keeps_the_sources_qualifiers(fko: Callable[..., Result]) -> None:
    csv = fko("compare", "IV.1", "II.9", "--on", "2025-11-01", "--csv").out
    assert "Meisterprämien ausgezahlt: fast 7000 (2025-10)" in csv
    assert "Meisterprämien ausgezahlt: 7000" not in csv
    table = fko("compare", "IV.1", "II.9", "--on", "2024-06-01").out
    assert "ca. 11.000.000 €/Jahr" in table and "ca. 5.500.000 €" in table
    rows = fko("compare", "IV.1", "II.9", "--on", "2024-06-01", "--json").json()
    assert [(r["per_year_approximate"], r["one_year_approximate"]) for r in rows] == [
        (True, True),
        (False, False),
    ]


def test_one_measures_yearly_amounts_are_not_added_when_they_do_not_add_up(store: Store) -> None:
    # N.1: 16 Mio. Euro of Land funds a year are part of the 80 Mio. Euro total investment a year
    n1 = compare_measures(store, resolve_all(store, ["N.1", "IV.1"])[0], JUNE_2024)[0]
    assert n1["funds_per_year_eur"] == 80_000_000


def test_compare_on_a_date_shows_the_figures_known_on_it(fko: Callable[..., Result]) -> None:
    """`--on 2024-06-01` with IV.1's 10/2025 figure ("fast 7.000") had listed it as the latest (a new
    user's finding): the latest figure on the date is the report's 2.186 of 31.03.2024."""

    def figures(*on: str) -> dict[str, str]:
        rows = json.loads(fko("compare", "IV.1", "II.9", *on, "--json").out)
        return {i["metric"]: f"{i['value']} ({i['as_of']})" for i in rows[0]["latest_indicators"]}

    assert figures("--on", "2024-06-01")["Meisterprämien ausgezahlt"] == "2186 (2024-03-31)"
    assert figures()["Meisterprämien ausgezahlt"] == "7000 (2025-10)"  # today: the newest
    assert figures("--on", "2020-01-01") == {}
    assert "fast 7.000" not in fko("--lang", "de", "compare", "IV.1", "II.9", "--on", "01.06.2024").out
