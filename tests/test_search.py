"""Search: the relevance suite (expected first hits, written from the data) and properties."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko.finder import find, resolve
from fko.search import normalise, snippet
from fko.store import Store

from .conftest import Result

# (query, expected first hit): umlaut-free, capitals, typos, acronyms, IDs, several words.
RELEVANCE = [
    ("Meisterpraemie", "IV.1"),
    ("meisterprämei", "IV.1"),
    ("MEISTERPRÄMIE", "IV.1"),
    ("Meisterprämie", "IV.1"),
    ("meister prämie", "IV.1"),
    ("Indien", "VI.2"),
    ("indonesien", "VI.3"),
    ("Architekten Anerkennung", "VI.8"),
    ("Anerkennung Architekten", "VI.8"),
    ("zdi", "II.2"),
    ("ZDI", "II.2"),
    ("KAoA", "II.5"),
    ("OBAS", "I.1"),
    ("SiA", "III.7"),
    ("KIM", "V.6"),
    ("ZFE", "VI.6"),
    ("MID", "III.2"),
    ("AZAV", "V.3"),
    ("QiK", "IV.2"),
    ("SPNV", "IV.6"),
    ("WTFuture", "I.8"),
    ("iv.1", "IV.1"),
    ("II.9", "II.9"),
    ("vi 8", "VI.8"),
    ("Ubergangslotsen", "II.8"),
    ("Uebergangslotsen", "II.8"),
    ("UEBERGANGSLOTSEN", "II.8"),
    ("Waermepumpen", "IV.5"),
    ("Warmepumpe", "IV.5"),
    ("Talentscuting", "II.3"),
    ("Krankenkasenfachwirt", "IV.7"),
    ("Vermitlungsoffensive", "V.9"),
    ("Kita Helfer", "I.11"),
    ("Sofortprogramm Kita", "I.10"),
    ("Zentralstelle Fachkräfteeinwanderung", "VI.6"),
    ("Fachkraefteagentur", "VI.7"),
    ("Frau Beruf", "V.5"),
    ("Jobcenter Bürgergeld", "V.9"),
    ("Medien Beirat", "IV.8"),
    ("Bewerbertag Film", "IV.4"),
    ("Lemgo", "III.4"),
    ("Zukunftsbündnis Pflege", "III.12"),
    ("FOS Polizei", "III.5"),
    ("Gleichwertigkeit Gesetz", "III.1"),
    ("Quereinstieg Kinderbetreuung", "IV.2"),
    ("Seiteneinstieg Grundschule", "I.1"),
    ("Teilzeit Lehrkräfte", "I.6"),
    ("Mutterschutz Selbstständige", "V.1"),
    ("Runde Tische Geflüchtete", "V.2"),
    ("Drittstaaten Lehrkräfte", "VI.4"),
    ("Studie Kinder Jugendhilfe", "I.9"),
    ("Westbalkan", "VI.1"),
    ("Prämie 2.500", "IV.1"),
    ("EFRE", "II.2"),
    ("Next Career", "III.9"),
]


@pytest.mark.parametrize(("query", "expected"), RELEVANCE)
def test_relevance(store: Store, query: str, expected: str) -> None:
    hits = find(store, query).rows
    assert hits, query
    assert hits[0]["id"] == expected, [(h["id"], h["score"]) for h in hits[:3]]


def test_relevance_suite_is_large_enough() -> None:
    assert len(RELEVANCE) >= 40


def test_exact_id_and_acronym_score_100(store: Store) -> None:
    assert [(h["id"], h["score"], h["field"]) for h in find(store, "iv.1").rows] == [("IV.1", 100, "id")]
    top = find(store, "zdi").rows[0]
    assert (top["id"], top["score"], top["field"]) == ("II.2", 100, "alias")


def test_a_typo_scores_below_an_exact_hit(store: Store) -> None:
    exact = find(store, "Meisterprämie").rows[0]["score"]
    typo = find(store, "Meisterprämei").rows[0]["score"]
    assert 0 < typo < exact == 100


def test_more_matched_words_rank_higher(store: Store) -> None:
    rows = find(store, "Architekten Anerkennung").rows
    scores = {r["id"]: r["score"] for r in rows}
    assert scores["VI.8"] > scores["VI.4"] > 0


def test_uber_matches_ueber_only_as_a_weaker_match(store: Store) -> None:
    index = store.table("search")[0]
    assert "uber" not in index["postings"]
    rows = find(store, "über").rows
    uber = find(store, "Uber").rows
    assert uber and rows and uber[0]["score"] < rows[0]["score"]


def test_filters_combine_with_the_query(store: Store) -> None:
    ids = [r["id"] for r in find(store, "Anerkennung", ressorts=["msb"]).rows]
    assert ids == ["VI.4"]
    assert find(store, "Meisterprämie", clusters=["I"]).rows == []


def test_limit(store: Store) -> None:
    assert len(find(store, "Ausbildung", limit=3).rows) == 3


def test_no_hit_gives_closest_terms(store: Store) -> None:
    found = find(store, "Lokführerschein")
    assert found.rows == []
    assert found.closest


def test_resolve_by_title_alias_and_ambiguity(store: Store) -> None:
    assert resolve(store, "Meisterprämie")["id"] == "IV.1"
    assert resolve(store, "Meisterprämie NRW")["id"] == "IV.1"
    assert resolve(store, "ZFE")["id"] == "VI.6"
    with pytest.raises(Exception, match=r"'KAoA' names 3 measures: II.5 "):
        resolve(store, "KAoA")


def test_snippet_highlights_the_matched_word() -> None:
    text, spans = snippet("Die Meisterprämie NRW wird gezahlt.", ["meisterpraemie"])
    assert [text[a:b] for a, b in spans] == ["Meisterprämie"]


# --- normalisation properties ---------------------------------------------------------------


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


@given(st.text())
def test_nfc_and_nfd_give_the_same_key(text: str) -> None:
    assert normalise(unicodedata.normalize("NFD", text)) == normalise(unicodedata.normalize("NFC", text))


@given(st.text(alphabet=st.sampled_from("aouAOUbcdefghijklmnpqrstvwxyzß ")))
def test_umlaut_and_transliteration_meet(text: str) -> None:
    umlauts = text.replace("a", "ä").replace("o", "ö").replace("u", "ü")
    spelled = text.replace("a", "ae").replace("o", "oe").replace("u", "ue")
    assert normalise(umlauts) == normalise(spelled)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Straße", "strasse"),
        ("MEISTERPRÄMIE", "meisterpraemie"),
        ("Fach\u00adkräfte", "fachkraefte"),
        ("Zero\u200bwidth", "zerowidth"),
        ("zdi.NRW", "zdi nrw"),
        ("2.500 Euro", "2500 euro"),
        ("10,1 Mio.", "10 1 mio"),
    ],
)
def test_normalise_examples(text: str, key: str) -> None:
    assert normalise(text) == key


# --- the command ---------------------------------------------------------------------------


def test_search_command_json(fko: Callable[..., Result]) -> None:
    result = fko("search", "Meisterpraemie", "--json")
    assert result.code == 0
    hits = result.json()
    assert hits[0] == {
        "id": "IV.1",
        "title": "Meisterprämie NRW",
        "ressorts": ["MAGS"],
        "score": 100,
        "field": "alias",
        "matched": ["meisterpraemie", "meisterpraemien"],
        "snippet": "Meisterprämie",
    }


def test_search_without_hits_exits_0_with_a_hint(fko: Callable[..., Result]) -> None:
    result = fko("search", "Lokführerschein", "--json")
    assert (result.code, result.out) == (0, "[]\n")
    assert result.err.startswith("no measure matches 'Lokführerschein'; closest terms in the data: ")


def test_search_table_and_filters(fko: Callable[..., Result]) -> None:
    result = fko("search", "Anerkennung", "--ressort", "MSB")
    assert result.code == 0
    assert result.out.splitlines()[0] == "1 hit for 'Anerkennung'"
    assert result.out.splitlines()[3].startswith("VI.4")


def test_show_by_name(fko: Callable[..., Result]) -> None:
    assert fko("show", "Meisterprämie", "--json").json()[0]["id"] == "IV.1"
    ambiguous = fko("show", "KAoA")
    assert ambiguous.code == 1
    assert ambiguous.err.startswith("fko: 'KAoA' names 3 measures: II.5 Weiterentwicklung")
