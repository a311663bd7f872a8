"""Recognition figures, indicators, updates, initiatives and sources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko.domain.figures import by_area, by_country, chamber_matrix, indicator_rows, recognition_rows, with_rates
from fko.ingest.facts import Sources, load_facts, numbers_in
from fko.store.reader import Store

from ..conftest import Result, shipped_tables


def test_chamber_tables_from_the_report(store: Store) -> None:
    rows = recognition_rows(store, ["Architektenkammer"], 2022)
    assert {r["metric"]: r["value"] for r in rows} == {
        "Anträge gestellt": 79,
        "anerkannt": 68,
        "Nachqualifizierungen": 0,
        "abgelehnt": 4,
    }
    ing = recognition_rows(store, ["ingenieurkammer"], 2023)
    assert {r["metric"]: r["value"] for r in ing} == {
        "Anträge gestellt": 66,
        "anerkannt": 60,
        "Nachqualifizierungen": 0,
        "abgelehnt": 0,
        "in Bearbeitung": 2,
        "Rücknahmen": 4,
    }
    assert {r["source"] for r in rows} == {"002_a45909dfd521d212.txt"}


def test_rates_are_derived_and_marked(store: Store) -> None:
    rows = with_rates(recognition_rows(store, ["Architektenkammer NRW"]))
    rate = next(r for r in rows if r["year"] == 2022 and r["metric"].startswith("Anerkennungsquote"))
    assert (rate["value"], rate["unit"], rate["derived"]) == (86.1, "%", True)
    years, matrix = chamber_matrix(rows)
    assert years == [2022, 2023]
    applied = next(m for m in matrix if m["metric"] == "Anträge gestellt")
    assert (applied["values"], applied["change"], applied["change_pct"]) == ({2022: 79, 2023: 42}, -37, -46.8)


def test_whkt_figures_by_area_and_country(store: Store) -> None:
    assert [(r["body"], r["value"]) for r in by_area(store)] == [
        ("Öffentlicher Dienst", 19164),
        ("Handwerkskammern", 1125),
        ("IHK", 822),
        ("Freie Berufe", 438),
        ("Landwirtschaft", 18),
    ]
    countries = by_country(store)
    assert len(countries) == 11
    assert (countries[0]["dimension"], countries[0]["value"]) == ("Türkei", 387)
    assert (countries[-1]["dimension"], countries[-1]["value"]) == ("Griechenland", 21)
    assert all(r["year"] is None and r["source_date"] == "2025-12" for r in countries)


def test_meisterpraemie_history(store: Store) -> None:
    paid = [r for r in indicator_rows(store, "IV.1") if r["metric"] == "Meisterprämien ausgezahlt"]
    assert [(r["as_of"], r["value"], r["approximate"], r["source"]) for r in paid] == [
        ("2024-03-31", 2186, False, "002_a45909dfd521d212.txt"),
        ("2025-10", 7000, True, "001_4b5943aa954268f7.txt"),
    ]
    assert paid[1]["qualifier"] == "fast"


def test_pia_k_and_other_figures(store: Store) -> None:
    pia = [r["value"] for r in indicator_rows(store, "III.6") if r["metric"].startswith("PiA-Kinderpflege")]
    assert pia == [396, 849, 1277]
    places = [(r["as_of"], r["value"]) for r in indicator_rows(store, "III.6") if r["metric"].startswith("PIA-K")]
    assert places == [("2023", 900)]  # the 900 places stand in III.6's text too
    kim = indicator_rows(store, "V.6")
    assert any(r["value"] == 76 and r["unit"] == "%" and r["as_of_text"] == "Stand Q3/2023" for r in kim)
    spnv = {(r["metric"], r["value"], r["target"]) for r in indicator_rows(store, "IV.6")}
    assert ("SPNV: Ziel zu qualifizierende Mitarbeitende", 250, True) in spnv
    assert ("SPNV: Personen in Qualifikationskursen gestartet", 200, False) in spnv


@given(st.integers(min_value=0, max_value=10**9))
def test_numbers_written_with_or_without_separators_are_the_same(value: int) -> None:
    dotted = f"{value:,}".replace(",", ".")
    assert value in numbers_in(f"genau {dotted} Fälle") and value in numbers_in(f"genau {value} Fälle")


def test_every_curated_number_occurs_in_its_source(sources: Path) -> None:
    facts = load_facts()
    texts = Sources(sources)
    for entry in facts["indicators"]:
        texts.check(entry["quote"], entry["source"], entry["metric"])
        assert entry["value"] in numbers_in(entry["quote"]), entry
    for entry in facts["recognition"] + facts["updates"] + facts["initiatives"]:
        texts.check(entry["quote"], entry["source"], str(entry.get("metric") or entry.get("title")))


def test_recognition_command(fko: Callable[..., Result]) -> None:
    result = fko("recognition")
    assert result.code == 0
    assert "Architektenkammer Nordrhein-Westfalen" in result.out and "Ingenieurkammer-Bau" in result.out
    line = next(ln for ln in result.out.splitlines() if ln.startswith("Anerkennungsquote"))
    assert line.split()[-4:-2] == ["86,1", "%"] or "86,1 %" in line
    rows = fko("anerkennung", "--json").json()
    assert {"body", "year", "metric", "value", "source", "derived"} <= set(rows[0])
    assert "Türkei" in fko("recognition", "--by", "country").out
    assert "19.164" in fko("recognition", "--by", "area").out
    assert fko("recognition", "--by", "planet").code == 2
    no_year = fko("recognition", "--year", "2019")  # not found: exit 1, as every "no such thing"
    assert (no_year.code, no_year.err) == (
        1,
        "fko: no recognition figures for 2019; the figures with a year are for 2022 and 2023\n",
    )


def test_show_lists_history_and_updates(fko: Callable[..., Result]) -> None:
    iv1 = fko("show", "IV.1").out
    assert iv1.index("2024-03-31  Meisterprämien ausgezahlt: 2.186") < iv1.index(
        "2025-10  Meisterprämien ausgezahlt: fast 7.000"
    )
    vi7 = fko("show", "VI.7").out
    assert "NRW Fachkräfteagentur International (FAI NRW)" in vi7


def test_initiatives_are_records_of_their_own(fko: Callable[..., Result]) -> None:
    assert fko("search", "Modernisierungspakt", "--json").json()[0]["id"] == "N.1"
    assert fko("search", "Welcome Center", "--json").json()[0]["id"] == "N.2"
    (n1,) = fko("show", "N.1", "--json").json()
    assert (n1["kind"], n1["source"]) == ("initiative", "000_819d8d142bf3d751.txt")
    assert [i["amount_eur"] for i in n1["budget"]["items"]] == [16_000_000, 80_000_000]
    assert len(fko("list", "--json").json()) == 64
    assert [r["id"] for r in fko("list", "--source", "whkt", "--json").json()] == ["N.1", "N.4"]
    assert len(fko("list", "--source", "all", "--json").json()) == 68
    assert fko("list", "--source", "nowhere").code == 2


def test_sources(fko: Callable[..., Result]) -> None:
    rows = fko("sources", "--json").json()
    assert len(rows) == 5
    report = next(r for r in rows if r["key"] == "report")
    assert (report["cites_measures"], report["cites_clusters"]) == (64, 6)
    assert {r["file"] for r in rows} == {
        "000_819d8d142bf3d751.txt",
        "001_4b5943aa954268f7.txt",
        "002_a45909dfd521d212.txt",
        "003_ee0b2af671e1797e.txt",
        "004_f790c0335cc9d5ae.txt",
    }


def test_indicators_command(fko: Callable[..., Result]) -> None:
    rows = fko("indicators", "iv.1", "--json").json()
    assert {r["measure_id"] for r in rows} == {"IV.1"}
    assert len(fko("indicators", "--json").json()) == 39
    assert fko("indicators", "IV.99").code == 1
    none = fko("indicators", "I.1")
    assert (none.code, none.out, none.err) == (0, "", "fko: no key figures for I.1; `fko indicators` lists all\n")


def test_a_store_without_key_figures_says_so(fko: Callable[..., Result], tmp_path: Path) -> None:
    import json

    from fko.store.fileformat import serialise

    tables = shipped_tables()
    tables["indicators"] = []
    path = tmp_path / "none.json"
    path.write_text(serialise(tables), encoding="utf-8")
    empty = fko("--db", str(path), "indicators")
    assert (empty.code, empty.out, empty.err) == (0, "", "fko: no key figures in this store\n")
    assert json.loads(fko("--db", str(path), "indicators", "--json").out) == []


@pytest.mark.parametrize("name", ["Architektenkammer NRW", "architektenkammer nordrhein-westfalen"])
def test_body_filter_understands_nrw(store: Store, name: str) -> None:
    assert len(recognition_rows(store, [name])) == 8


def test_recognition_json_holds_every_figure_the_overview_shows(fko: Callable[..., Result]) -> None:
    """The 16 WHKT figures state no year: --json, --jsonl and --csv held only the chamber
    tables' rows (28 of 44), and `--body handwerk --json` printed [] while the overview showed
    the Handwerkskammern' figures."""
    rows = fko("recognition", "--json").json()
    stored = shipped_tables()["recognition"]
    assert len(rows) == len(stored) + 8  # and the 8 derived rates of the chambers
    assert sum(not r["derived"] for r in rows) == len(stored) == 36
    assert {"Öffentlicher Dienst", "IHK", "Handwerkskammern"} <= {r["body"] for r in rows}
    handwerk = fko("recognition", "--body", "handwerk", "--json").json()
    assert handwerk[0]["body"] == "Handwerkskammern" and handwerk[0]["value"] == 1125 and len(handwerk) == 12
    assert len(fko("recognition", "--jsonl").out.splitlines()) == 44
    assert len(fko("recognition", "--csv").out.splitlines()) == 45
    assert {r["year"] for r in fko("recognition", "--year", "2023", "--json").json()} == {2023}
