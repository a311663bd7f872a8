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
    welcome = sorted((e["date"], e["status"], e["source"]) for e in _events(store) if e["measure"] == "N.2")
    assert welcome == [
        ("2025-10", "funded", "001_4b5943aa954268f7.txt"),
        ("2025-11-06", "planned", "004_f790c0335cc9d5ae.txt"),
    ]


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
    rows = events(facts, texts, {"N.1", "N.2", "V.2", "V.10"}, {})
    assert len(rows) == len(facts["events"])
    bad = {**facts["events"][0], "title": "Die Fachkräfteoffensive startet mit 99 Maßnahmen"}
    with pytest.raises(FkoError, match=r"the title states \[99\]"):
        events({"events": [bad]}, texts, set(), {})
    with pytest.raises(FkoError, match="is not in"):
        events({"events": [{**facts["events"][0], "place": "Bielefeld"}]}, texts, set(), {})


def test_vi_7_update_says_no_more_than_the_source(store: Store, fko: Callable[..., Result]) -> None:
    fai = [u for u in store.table("updates") if u["measure"] == "VI.7"]
    assert all("IFA" not in u["title"] for u in fai)
    assert all("No source says" in u["inference"] or "no source says" in u["inference"] for u in fai)
    shown = fko("show", "VI.7").out
    assert "fko's inference, not the source's: fko links the FAI NRW to VI.7" in shown
    assert fko("show", "VI.7", "--json").code == 0


def test_show_lists_events_with_dates_and_quotes(fko: Callable[..., Result]) -> None:
    out = fko("show", "N.1").out
    assert "2025-12-08 (am 08.12.2025): Erste ÜBS-Förderkonferenz" in out
    assert "„Eine nächste Konferenz ist für das Jahr 2027 geplant.“" in out
