"""The English-German glossary (fko/data/english.toml): English reaches the data's German words
through it alone, each hit says so, and every word of it is a word of the data."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from fko import german
from fko.errors import FkoError
from fko.search.finder import find, store_index
from fko.search.index import GLOSSARY, build_index, decode_glossary, english_key, load_glossary
from fko.search.indexfile import index_problem
from fko.search.lookup import Lookup
from fko.search.wordmap import MalformedIndex
from fko.store.reader import Store

from ..conftest import Result
from .glossary_candidates import candidates, uncovered

TERMS = load_glossary()
LEFT_OUT: dict[str, list[str]] = tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))["left_out"]


def test_an_english_query_finds_the_measure_through_the_glossary_and_says_so(fko: Callable[..., Result]) -> None:
    rows = fko("search", "job centres placing benefit recipients", "--json").json()
    assert rows[0]["id"] == "V.9" and rows[0]["title"] == "Vermittlungsoffensive"
    assert rows[0]["synonyms"][0] == {
        "query_word": "job centres",
        "data_word": "Jobcentern",
        "reason": "English-German glossary: job centre = Jobcenter, Jobcentern",
    }
    assert [v["data_word"] for v in rows[0]["synonyms"]] == ["Jobcentern", "Vermittlung", "Bürgergeldbezug"]
    explained = fko("search", "retraining to become a special needs carer", "--explain", "--limit", "1").out
    lines = explained.splitlines()
    assert lines[3].startswith("V.3 ") and lines[5].startswith("The words' points are 100 x the sum")
    assert lines[7].startswith("V.3 (measure) score 39 = 39 for the words")
    assert (
        "  retraining -> Umschüler in goal: glossary Umschüler (English-German glossary: retraining = Umschulungen,"
        " Umschüler, Umschülerinnen, Umschulungsprüfung), quality 0.45 x weight 3.95" in explained
    )


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("teacher shortage primary schools", "I.2"),
        ("part-time teachers", "I.6"),
        ("kindergarten helpers", "I.11"),
        ("STEM for young people", "II.2"),
        ("train drivers", "IV.6"),
        ("maternity protection for self-employed women", "V.1"),
        ("hiring people with disabilities", "V.8"),
        ("recruiting skilled workers from Indonesia", "VI.3"),
    ],
)
def test_everyday_english_leads_with_the_measure(store: Store, query: str, first: str) -> None:
    top = find(store, query).rows[0]
    assert top["id"] == first, (query, top["id"])
    assert top["synonyms"] and all(v["reason"].startswith("English-German glossary: ") for v in top["synonyms"])


def test_a_misspelt_english_word_still_goes_through_the_glossary(store: Store) -> None:
    """ "apprentiseship ambasadors" found nothing at all: near spellings were looked for among the
    data's German words and the synonym table only. Now also among the glossary's English keys,
    as weakly as a near spelling counts, and the hit names the route."""
    top = find(store, "apprentiseship ambasadors").rows[0]
    assert top["id"] == "II.5"
    routes = {(m.word, m.how, m.via) for m in top["_hit"].matches}
    assert ("ambasadors", "glossary", "Ausbildungsbotschafter") in routes, routes
    exact = find(store, "apprenticeship ambassadors").rows[0]
    assert exact["id"] == "II.5" and exact["score"] > top["score"]
    assert find(store, "childcar").rows[0]["id"] in ("I.10", "I.11", "IV.2")  # "childcare", 1 off
    assert find(store, "xqzvbn").rows == []


def test_a_false_friend_in_an_english_query_never_hits_the_german_homograph(store: Store) -> None:
    """fast (quick) is not fast (almost: "Fast 7000 Meisterprämien überwiesen"); art (Kunst) is not Art
    (kind: "die größte ... Initiative ihrer Art", II.2)."""
    rows = find(store, "fast recognition of foreign qualifications", limit=None).rows
    assert {r["id"] for r in rows[:2]} == {"VI.4", "VI.8"}
    assert not any(r["title"].startswith("Fast 7000") for r in rows)
    art = find(store, "art teachers in daycare", limit=None).rows
    assert art[0]["id"] == "I.10" and "II.2" not in {r["id"] for r in art}
    for row in rows + art:
        for match in row["_hit"].matches:
            assert match.word not in ("fast", "art") or match.how == "glossary", (row["id"], match.as_dict())


def test_english_stop_words_tell_a_query_of_homographs_it_is_english(store: Store) -> None:
    """In "art and media jobs" every word but "and" is German too (Art, Media, Jobs); "and" says the
    query is English: art is no Art (II.2's "Initiative ihrer Art"), media is Medien (IV.8)."""
    rows = find(store, "art and media jobs", limit=None).rows
    assert rows[0]["id"] == "IV.8"
    assert "II.2" not in {r["id"] for r in rows[:3]}
    for row in rows:
        for match in row["_hit"].matches:
            assert match.word not in ("art", "media") or match.how == "glossary", (row["id"], match.as_dict())


def test_in_a_german_query_a_homograph_is_the_german_word(store: Store) -> None:
    """ "Art" in "Art der Förderung" is the German word (kind), not the glossary's art (Kunstpädagogik)."""
    for row in find(store, "Art der Förderung", limit=None).rows:
        assert all(m.how != "glossary" for m in row["_hit"].matches), row["id"]


def test_the_glossary_does_not_reach_words_its_german_word_only_begins_or_is_inside(store: Store) -> None:
    """India -> Indien, indische: not Kinder (which holds "inder"), not Landwirtschaft for state -> Land."""
    assert [(r["measure_id"], r["kind"]) for r in find(store, "India").rows] == [("VI.2", "measure"), ("VI.2", "event")]


def test_every_german_word_of_the_glossary_is_a_word_of_the_data(store: Store) -> None:
    index, _ = store_index(store)
    look = Lookup(index)
    missing = [
        word
        for term in TERMS
        for word in term["de"]
        if german.normalise(word) not in look.postings
        and not any(look.words_of(table, german.stem(word)) for table in ("stems", "heads", "parts"))
    ]
    assert missing == []
    assert len(index["glossary_entries"]) == len(TERMS)  # the build left no term out


def test_the_build_warns_about_a_glossary_word_the_data_lacks() -> None:
    doc = {"id": "X.1", "title": "Meisterprämie", "ressorts": [], "alias": []}
    warnings: list[str] = []
    index = build_index(
        [doc], glossary=[{"de": ["Quatschwort", "Meisterprämie"], "en": ["master bonus"]}], warnings=warnings
    )
    assert warnings == [
        "glossary 'master bonus' -> 'Quatschwort': 'Quatschwort' is neither a word of the data nor a part of its "
        "compounds (fko/data/english.toml)"
    ]
    assert index["glossary_entries"] == ["master bonus\t\tMeisterprämie"]
    assert index["glossary"] == "master bonus\t0"
    assert decode_glossary(index["glossary"], index["glossary_entries"]) == {
        "master bonus": [(["Meisterprämie"], "English-German glossary: master bonus = Meisterprämie")]
    }
    assert index["glossary_closed"] == "masterbonus\tmaster bonus"
    assert Lookup(index).glossary_terms("masterbonus") == Lookup(index).glossary_terms("master bonus") != []


def test_a_key_looked_up_reads_as_the_decoded_glossary(store: Store) -> None:
    """Each key of the shipped glossary, and each written without its spaces, finds by a lookup
    the terms the glossary decoded whole gives it (the key so written, else the first key of
    several words with its letters)."""
    index, _ = store_index(store)
    whole = decode_glossary(index["glossary"], index["glossary_entries"])
    closed: dict[str, str] = {}
    for key in sorted(whole, key=lambda k: (" " in k, k)):
        closed.setdefault(key.replace(" ", ""), key)
    look = Lookup(index)
    assert all(look.glossary_terms(key) == terms for key, terms in whole.items())
    assert all(look.glossary_terms(form) == whole[key] for form, key in closed.items())
    assert len(whole) > 1000 and len(closed) > 1000 and look.glossary_terms("lehrkraft") == []


def test_every_candidate_of_the_data_is_translated_or_left_out_with_a_reason(store: Store) -> None:
    """The candidates come from the data (tests/search/glossary_candidates.py), not from queries."""
    index, _ = store_index(store)
    found = candidates(index)
    assert len(found) >= 700
    assert uncovered(index, TERMS, LEFT_OUT) == []
    translated = {german.stem(word) for term in TERMS for word in term["de"]}
    for words in LEFT_OUT.values():
        for word in words:
            assert german.stem(word) in found, f"{word!r} is left out but is no candidate"
            assert german.stem(word) not in translated, f"{word!r} is left out and translated"
    assert sum(1 for stem in found if stem in translated) >= 500


def test_every_english_phrase_is_one_a_query_can_join() -> None:
    keys = [english_key(phrase) for term in TERMS for phrase in term["en"]]
    assert all(1 <= len(key.split()) <= 3 for key in keys)
    assert len(TERMS) >= 450 and len(keys) >= 2000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[term]]\nde = ["Pflege"]\n', "term 1 of english.toml needs `de` and `en`, each a list of words; add them"),
        (
            '[[term]]\nde = ["Pflege"]\nen = ["care of elderly sick people"]\n',
            "term 1 of english.toml: 'care of elderly sick people' is not 1 to 3 words beside stop words; shorten it",
        ),
    ],
)
def test_a_malformed_glossary_is_refused_with_the_term_and_the_fix(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "english.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FkoError) as caught:
        load_glossary(path)
    assert str(caught.value) == message


def test_an_index_with_a_damaged_glossary_is_malformed_and_one_without_it_is_not(store: Store) -> None:
    index, _ = store_index(store)
    assert index_problem(index) is None
    assert index_problem({**index, "glossary": {"teacher": [0]}}) == "malformed"
    assert index_problem({**index, "glossary_entries": [["Lehrkräfte"]]}) == "malformed"
    older = {k: v for k, v in index.items() if k not in ("glossary", "glossary_entries")}
    assert index_problem(older) is None
    assert find(store, "teacher").rows[0]["synonyms"][0]["data_word"] == "Lehrkräfte"
    for text, entries in [
        ("teacher\t99999", index["glossary_entries"]),
        ("teacher 1", []),
        ("teacher\t0", ["x"]),
        ("teacher\t²", ["teacher\t\tLehrkräfte"]),
    ]:
        with pytest.raises(MalformedIndex):
            decode_glossary(text, entries)


def test_a_store_whose_glossary_lines_are_damaged_is_searched_through_an_index_made_anew(
    tmp_path: Path, fko: Callable[..., Result]
) -> None:
    """The glossary's lines are checked when a query first reads them, as postings are."""
    import json

    from fko.store.fileformat import SHIPPED, index_path

    store = tmp_path / "fko.json"
    store.write_bytes(SHIPPED.read_bytes())
    document = json.loads(index_path(SHIPPED).read_text(encoding="utf-8"))
    document["index"]["glossary"] = "teacher\t99999"
    index_path(store).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = fko("--db", str(store), "search", "teacher", "--json")
    assert result.code == 0
    assert (
        result.err
        == f"fko: store {store}: the search index {index_path(store)} is malformed; rebuilt it in memory for this run\n"
    )
    assert result.json()[0]["synonyms"][0]["data_word"] == "Lehrkräfte"
