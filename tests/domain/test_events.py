"""Dated facts of the sources (events and statements), and fko's inferences marked as such."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fko.errors import FkoError
from fko.ingest.facts import Sources, events, load_facts
from fko.store.reader import Store

from ..conftest import Result


def _events(store: Store) -> list[dict[str, Any]]:
    return store.table("events")


def test_the_events_of_the_newer_sources(store: Store) -> None:
    got = {(e["date"], e["place"], e["status"]) for e in _events(store)}
    assert {
        ("2025-12-08", "HWK Düsseldorf", "held"),  # first ÜBS-Förderkonferenz
        ("2027", None, "planned"),  # the next one
        ("2025-12-04", "Essen", "held"),  # NRW.integrativ
        ("2025-03-19", "Philharmonie Essen", "held"),
        ("2025-05-19", "HWK-Bildungszentrum", "held"),
        ("2025-11-06", None, "held"),
        ("2025-11-27", "H2PopUpLab, Bahnhofstraße 69, 45879 Gelsenkirchen", "planned"),
        ("2026-04-21", "JVA Bochum-Langendreer", "planned"),
        ("2026-04-28", "JVA Heinsberg", "planned"),
        ("2026-02", None, "planned"),  # DQR8-Praxistalk
        (None, None, "announced"),  # MINT-Konferenz, no date stated
    } <= got


def test_the_year_of_nrw_integrativ_is_marked_as_inferred(store: Store) -> None:
    congress = next(e for e in _events(store) if "NRW.integrativ" in e["title"])
    assert congress["date_text"] == "am 4. Dezember"
    assert "no year" in congress["inference"]
    assert "über 300" in congress["quote"]


def test_welcome_center_planned_and_funded_are_both_kept(store: Store) -> None:
    """The DHB calls it funded; the RVR reports plans for it, made known on 06.11.2025: that
    announcement was held (it is reported in the past tense), the plans are its title."""
    welcome = sorted(
        (e["date"], e["status"], e["source"], e["title"][:23]) for e in _events(store) if e["measure_id"] == "N.2"
    )
    assert welcome == [
        ("2025-10", "funded", "001_4b5943aa954268f7.txt", "Welcome Center im nördl"),
        ("2025-11-06", "held", "004_f790c0335cc9d5ae.txt", "Planungen für ein neues"),
    ]
    assert all("the sources disagree on its state" in e["note"] for e in _events(store) if e["measure_id"] == "N.2")


def test_report_and_dhb_disagree_on_the_start_of_the_offensive(store: Store) -> None:
    starts = {
        (e["date"], e["date_text"], e["source"]) for e in _events(store) if "Fachkräfteoffensive NRW" in e["title"]
    }
    assert starts == {
        ("2022", "im Herbst 2022", "002_a45909dfd521d212.txt"),
        ("2023", "im Jahr 2023", "001_4b5943aa954268f7.txt"),
    }


def test_statements_keep_their_figures(store: Store) -> None:
    titles = {e["title"] for e in _events(store) if e["kind"] == "statement"}
    assert "Nur 6 % der Betriebe in NRW werben Fachkräfte im Ausland an" in titles
    assert any("40 Unternehmen" in t and "19 Praxisprojekte" in t for t in titles)
    assert any("nur auf das BQFG" in t and "Validierung" in t for t in titles)


def test_every_event_is_checked_against_its_source(sources: Path) -> None:
    facts = load_facts()
    texts = Sources(sources)
    named = {e["measure"] for e in facts["events"] if e.get("measure")}  # the facts file names it `measure`
    assert named == {"N.1", "N.2", "V.2", "V.10", "I.10", "III.5", "III.8", "III.10", "V.8", "VI.2", "VI.3", "VI.8"}
    rows = events(facts, texts, named, {})
    assert len(rows) == len(facts["events"])
    bad = {**facts["events"][0], "title": "Die Fachkräfteoffensive startet mit 99 Maßnahmen"}
    with pytest.raises(FkoError, match=r"the title states \[99\]"):
        events({"events": [bad]}, texts, set(), {})
    with pytest.raises(FkoError, match="is not in"):
        events({"events": [{**facts["events"][0], "place": "Bielefeld"}]}, texts, set(), {})


def test_vi_7_update_says_no_more_than_the_source(store: Store, fko: Callable[..., Result]) -> None:
    fai = [u for u in store.table("updates") if u["measure_id"] == "VI.7"]
    assert all("IFA" not in u["title"] for u in fai)
    assert all("No source says" in u["inference"] or "no source says" in u["inference"] for u in fai)
    shown = fko("show", "VI.7").out
    assert "fko's inference, not the source's: fko links the FAI NRW to VI.7" in shown
    assert fko("show", "VI.7", "--json").code == 0


def test_show_lists_events_with_dates_and_quotes(fko: Callable[..., Result]) -> None:
    out = fko("show", "N.1").out
    assert "2025-12-08 (am 08.12.2025): Erste ÜBS-Förderkonferenz" in out
    assert "„Eine nächste Konferenz ist für das Jahr 2027 geplant.“" in out


#: The figures and dates the report leads with or states only in descriptions (issue #23): the
#: record's measure, date and the report's lines its quote stands on.
REPORT_FACTS = [
    (None, "2023", "rund 80.000 qualifizierte Arbeitskräfte", [144, 146]),
    (None, "2024", "rund 80 Prozent der Unternehmen", [124, 128]),
    (None, "2023-05", "Strategiepapier", [250, 254]),
    (None, "2024-04", "16 Regionalagenturen", [488, 492]),
    (None, "2024", "Fachkräftetour von Minister Laumann", [496, 504]),
    ("III.8", "2024-04-24", "Erste Lesung am 24. April 2024", [2083, 2085]),
    ("V.8", "2024-04-10", "Am 10. April 2024 wurde", [3419, 3429]),
    ("VI.3", "2024-03-08", "Am 8. März 2024 haben", [3700, 3706]),
    ("VI.2", "2023-11", "Letter of Intent, den die indische Fachkräfteagentur NSDC", [3658, 3666]),
    ("VI.8", "2021-12-01", "am 1. Dezember 2021 neu in Kraft getretene Baukammerngesetz", [3912, 3916]),
    ("III.10", "2023-12-01", "Der Projektaufruf wurde am 1. Dezember 2023 veröffentlicht", [2183, 2187]),
    ("III.10", "2025-06-30", "bis 30. Juni 2025", [2183, 2187]),
    ("I.10", "2030-12", "bis Ende 2030 verlängert", [893, 895]),
    ("III.5", "2024", "Ende des Schulversuchs jeweils 2024", [1871, 1873]),
    ("III.5", "2027", "frühestens 2027", [1883, 1885]),
]


def test_the_reports_lead_figures_and_dates_are_dated_quoted_facts(store: Store) -> None:
    report = "002_a45909dfd521d212.txt"
    events = [e for e in store.table("events") if e["source"] == report]
    for measure, date, words, lines in REPORT_FACTS:
        found = [e for e in events if e["measure_id"] == measure and e["date"] == date and words in e["quote"]]
        assert len(found) == 1, (measure, date, words)
        assert found[0]["source_lines"] == lines, (measure, date, found[0]["source_lines"])
    kofa = next(e for e in events if "80.000" in e["title"])
    assert (kofa["kind"], kofa["date_text"]) == ("statement", "im Jahr 2023")
    assert "KOFA Sonderauswertung, Stand 31.12.2023" in kofa["note"]
    firms = next(e for e in events if "80 Prozent" in e["title"])
    assert "companies in Germany, not in NRW alone" in firms["note"]


def test_the_reports_facts_are_in_show_changes_and_search(fko: Callable[..., Result]) -> None:
    assert "2024-04-24 (24. April 2024): Gesetz zur Änderung des Hochschulgesetzes" in fko("show", "III.8").out
    assert (
        "2023-11 (im November 2023): Letter of Intent der indischen Fachkräfteagentur NSDC" in fko("show", "VI.2").out
    )
    since = fko("changes", "--since", "2023", "--kind", "event", "--json").json()
    titles = {r["title"] for r in since}
    assert "In Nordrhein-Westfalen fehlten im Jahr 2023 rund 80.000 qualifizierte Arbeitskräfte" in titles
    assert "Die 16 Regionalagenturen stehen im Zentrum der Netzwerke für die Arbeitspolitik des Landes" in titles
    default = fko("changes", "--json").json()  # the report's own facts are no change after it
    assert not [r for r in default if r["source_key"] == "report"]
    for query, words in (
        ("Fachkräftelücke 80.000", "80.000 qualifizierte Arbeitskräfte"),
        ("Regionalagenturen", "16 Regionalagenturen"),
        ("Fachkräftetour", "Fachkräftetour"),
        ("Strategiepapier", "Strategiepapier"),
        ("Investitionsrisiko", "80 Prozent"),
    ):
        hits = fko("search", query, "--kind", "event", "--json").json()
        assert hits and words in hits[0]["title"], query


def test_recognition_by_area_carries_the_whkt_caveat_everywhere(store: Store, fko: Callable[..., Result]) -> None:
    caveat = (
        "Problematisch für die politische Diskussion um Zahlen ist immer wieder, dass die Anerkennungsstatistik, "
        "die sich nur auf das BQFG bezieht, zur Grundlage der Anerkennungen gemacht wird."
    )
    area = [r for r in store.table("recognition") if r["metric"] == "Verfahren nach Zuständigkeitsbereich"]
    assert len(area) == 5 and {r["caveat"] for r in area} == {caveat}
    rows = fko("recognition", "--by", "area", "--json").json()
    assert {r["caveat"] for r in rows} == {caveat}
    for args in (("recognition",), ("recognition", "--by", "area"), ("recognition", "--body", "handwerk")):
        assert f"„{caveat}“" in fko(*args).out, args
    csv = fko("recognition", "--by", "area", "--csv").out
    assert "nur auf das BQFG bezieht" in csv
    assert f"Caveat of the source: „{caveat}“" in fko("cite", "--recognition", "IHK").out


def test_iii_3s_125_are_the_target_of_the_lehrfabrik_not_of_the_measure(store: Store) -> None:
    [row] = [r for r in store.table("indicators") if r["measure_id"] == "III.3"]
    assert (row["metric"], row["value"], row["target"]) == (
        "Lehrfabrik Möbelindustrie in Löhne: auszubildende Fachkräfte pro Jahr",
        125,
        True,
    )
    assert "not of the measure as a whole" in row["note"]


def test_v9s_update_says_what_the_dhb_says(store: Store) -> None:
    [v9] = [u for u in store.table("updates") if u["measure_id"] == "V.9"]
    assert "fortgesetzt" not in v9["title"] and "setzen" in v9["title"] and "um" in v9["title"].split()
    assert "setzen wir gemeinsam mit den kommunalen Jobcentern eine Vermittlungsoffensive um" in v9["quote"]
