"""Figures dated as their source dates them, qualifiers kept, and wording that keeps its lines."""

from __future__ import annotations

from collections.abc import Callable

from fko.domain.figures import indicator_rows
from fko.domain.measures import get
from fko.store.reader import Store

from ..conftest import Result


def test_indicators_are_in_date_order(fko: Callable[..., Result]) -> None:
    rows = fko("indicators", "IV.1", "--json").json()
    assert [r["as_of"] for r in rows] == ["2024-03-31", "2024-04", "2025-10"]


def test_seit_ende_2023_is_not_the_date_of_the_count(store: Store) -> None:
    lotsen = next(r for r in indicator_rows(store, "II.8") if r["value"] == 133)
    assert (lotsen["as_of"], lotsen["as_of_from_source"]) == ("2024-04", True)
    assert "seit Ende 2023" in lotsen["note"]


def test_the_reports_figures_from_description_text(store: Store) -> None:
    got = {
        (r["measure_id"], r["value"], r["qualifier"], r["target"])
        for m in ("II.3", "II.9", "III.3", "III.7", "IV.5", "IV.4", "VI.6", "VI.1", "III.6")
        for r in indicator_rows(store, m)
    }
    assert {
        ("II.3", 23, None, False),
        ("II.3", 600, "rund", False),
        ("II.9", 500, "rund", True),
        ("II.9", 300, None, True),
        ("III.3", 125, None, True),
        ("III.7", 12, None, False),
        ("IV.5", 1500, "max.", False),
        ("IV.4", 400, "bis zu", True),
        ("VI.6", 24, None, False),
        ("VI.1", 50000, "bis zu", False),
        ("III.6", 900, None, False),
    } <= got


def test_lines_the_report_prints_one_per_line_stay_apart(store: Store) -> None:
    assert (
        "\n\nAG 1: Gute Berufswahl / Berufsorientierung\n\nAG 2: Gute Ausbildung\n\nAG 3: Gute Beschäftigung\n\n"
        in (get(store, "III.12")["description"])
    )
    assert "gezielt weiter:\n\nBerufsfachschule Ingenieurtechnik: Absolventinnen" in get(store, "III.5")["description"]
    assert get(store, "II.4")["budget"]["text"] == (
        "547.000 Euro (ESF-Mittel)\nMSB - Übernahme der Hostingkosten: 610.000 EUR"
    )


def test_partner_names_in_the_nominative(store: Store) -> None:
    n4 = next(r for r in store.table("initiatives") if r["id"] == "N.4")
    assert "Freie Berufe NRW" in n4["partners"] and "Freien Berufe NRW" not in n4["partners"]


def test_the_report_date_note_names_its_later_dates(store: Store) -> None:
    report = next(s for s in store.sources() if s["key"] == "report")
    assert report["date"] == "2024-04"
    assert "23.05.2024, 24.06.2024, Herbst 2024" in report["date_note"]


def test_compare_calls_iii_3_an_amount_for_2023(fko: Callable[..., Result]) -> None:
    rows = fko("compare", "III.3", "IV.1", "--on", "2024-06-01", "--json").json()
    assert (rows[0]["one_year_eur"], rows[0]["total_eur"]) == (19_600_000, None)


def test_show_json_lists_the_events(fko: Callable[..., Result]) -> None:
    record = fko("show", "N.2", "--json").json()[0]
    assert [(e["date"], e["status"]) for e in record["events"]] == [("2025-10", "funded"), ("2025-11-06", "held")]


def test_diff_never_sums_yearly_amounts_over_years(fko: Callable[..., Result]) -> None:
    from fko.store.fileformat import SHIPPED

    data = fko("diff", str(SHIPPED), str(SHIPPED), "--json").json()
    data = data[0] if isinstance(data, list) else data
    per_basis = {r["basis"]: r["old_eur"] for r in data["funds"]["per_basis"]}
    # the yearly amounts running in 2024, the largest year (II.2's 10 Mio. Euro a year counted from its
    # runtime "seit 2005" as V.6's from "seit 2020"); not 148.267.000, the sum over all years
    assert per_basis == {"per_year": 137_737_000, "total": 1_098_381_933, "year": 25_100_000, "one_off": 100_000}
