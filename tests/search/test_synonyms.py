"""The synonym table (fko/data/synonyms.toml): the everyday German words for the data's words, each
candidate of the data covered or left out with a reason, every word it means a word of the data;
weak words (something lacking or sought) count little, and a query compound of something lacking
reads as that thing."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from fko import german
from fko.errors import FkoError
from fko.search.finder import find, store_index
from fko.search.index import (
    SYNONYMS,
    WEAK,
    MalformedIndex,
    build_index,
    decode_synonym,
    load_synonyms,
    route_numbers,
)
from fko.search.indexfile import index_problem
from fko.search.lookup import Lookup
from fko.search.query import WEAK_WEIGHT
from fko.store.reader import Store

from ..conftest import Result
from .glossary_candidates import candidates
from .relevance_suite import load

ENTRIES = load_synonyms()
LEFT_OUT: dict[str, list[str]] = tomllib.loads(SYNONYMS.read_text(encoding="utf-8"))["left_out"]


def _meant(entries: list[dict[str, object]]) -> set[str]:
    return {german.stem(word) for entry in entries for word in entry["means"]}  # type: ignore[attr-defined]


def test_every_candidate_of_the_data_is_meant_by_an_entry_or_left_out_with_a_reason(store: Store) -> None:
    """The candidates come from the data (tests/search/glossary_candidates.py), not from queries."""
    index, _ = store_index(store)
    found = candidates(index)
    meant = _meant(ENTRIES)  # type: ignore[arg-type]
    left = {german.stem(word) for words in LEFT_OUT.values() for word in words}
    assert [words[0] for stem, words in found.items() if stem not in meant | left] == []
    for words in LEFT_OUT.values():
        for word in words:
            assert german.stem(word) in found, f"{word!r} is left out but is no candidate"
            assert german.stem(word) not in meant, f"{word!r} is left out and meant by an entry"
    assert len(found) >= 700 and sum(1 for stem in found if stem in meant) >= 240
    assert len(ENTRIES) >= 190 and sum(len(e["words"]) for e in ENTRIES) >= 900


def test_every_word_the_table_means_is_a_word_of_the_data(store: Store) -> None:
    index, _ = store_index(store)
    look = Lookup(index)
    missing = [
        word
        for entry in ENTRIES
        for word in entry["means"]
        if german.normalise(word) not in look.postings and not look.words_of("stems", german.stem(word))
    ]
    assert missing == []
    assert len(index["synonym_entries"]) == len(ENTRIES)  # the build left no entry out


def test_the_build_warns_about_a_synonym_the_data_lacks_and_keeps_the_rest() -> None:
    doc = {"id": "X.1", "title": "Meisterprämie Mangel", "ressorts": [], "alias": []}
    warnings: list[str] = []
    entries = [
        {"words": ["Meistergeld"], "means": ["Quatschwort", "Meisterprämie"], "reason": "the bonus"},
        {"words": ["fehlt"], "means": ["Mangel"], "reason": "lacking", "weak": True},
    ]
    index = build_index([doc], synonyms=entries, warnings=warnings)
    assert warnings == ["synonym 'Meistergeld' -> 'Quatschwort': 'Quatschwort' is not a word of the data"]
    assert index["synonym_entries"] == ["\tthe bonus\tMeisterprämie", "weak\tlacking\tMangel"]
    assert index["synonyms"] == "fehlt\t1\nmeistergeld\t0"
    assert index["weak_words"] == "fehlt"
    text = "\n" + index["synonyms"]
    assert route_numbers(text, "meistergeld", 2) == [0] and route_numbers(text, "meister", 2) == []
    assert decode_synonym(index["synonym_entries"][1]) == (["Mangel"], "lacking", True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[synonym]]\nwords = ["Lehrer"]\nmeans = ["Lehrkräfte"]\n', "synonym entry 1 of synonyms.toml lacks"),
        (
            '[[synonym]]\nwords = ["Lehrer\\tin"]\nmeans = ["Lehrkräfte"]\nreason = "x"\n',
            "synonym entry 1 of synonyms.toml has an empty word or a tab or line break; remove it",
        ),
    ],
)
def test_a_malformed_entry_is_refused_with_its_number_and_the_fix(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "synonyms.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FkoError) as caught:
        load_synonyms(path)
    assert str(caught.value).startswith(message)


def test_an_index_whose_synonym_table_is_no_text_is_malformed_and_a_damaged_line_raises(store: Store) -> None:
    """The table is text since the everyday entries grew it to 200 entries: an index of fko 2.2, whose
    table is a mapping, is made anew in memory."""
    index, _ = store_index(store)
    assert index_problem(index) is None
    assert index_problem({**index, "synonyms": {"lehrer": [0]}}) == "malformed"
    assert index_problem({**index, "synonym_entries": [{"means": ["Lehrkraft"], "reason": "x"}]}) == "malformed"
    for text in ["\nlehrer\t99999", "\nlehrer\tx", "\nlehrer\t"]:
        with pytest.raises(MalformedIndex):
            route_numbers(text, "lehrer", 3)
    for entry in ["strong\treason\tLehrkraft", "\t\tLehrkraft", "\treason"]:
        with pytest.raises(MalformedIndex):
            decode_synonym(entry)


def test_a_store_whose_synonym_lines_are_damaged_is_searched_through_an_index_made_anew(
    tmp_path: Path, fko: Callable[..., Result]
) -> None:
    from fko.store.fileformat import SHIPPED, index_path

    store = tmp_path / "fko.json"
    store.write_bytes(SHIPPED.read_bytes())
    document = json.loads(index_path(SHIPPED).read_text(encoding="utf-8"))
    document["index"]["synonyms"] = "azubi\t99999"
    index_path(store).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = fko("--db", str(store), "search", "Azubi", "--json")
    assert result.code == 0
    assert (
        result.err
        == f"fko: store {store}: the search index {index_path(store)} is malformed; rebuilt it in memory for this run\n"
    )
    assert result.json()[0]["synonyms"][0]["data_word"] == "Auszubildende"


# --- everyday words for the data's terms ------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "first", "data_word"),
    [
        ("Arbeitsamt Umschulung", "V.3", "Bundesagentur"),
        ("Gefängnis Handwerksbetriebe", None, "JVA"),
        ("Bauarbeiter fehlen", "VI.1", "Baugewerbe"),
        ("Kita Gehalt Ausbildung Infos", "I.8", "Bezahlung"),
        ("Schulamt Lehrer versetzen", "I.5", "Abordnungen"),
        ("Ausländerbehörde", "VI.6", "Zentralstelle"),
    ],
)
def test_an_everyday_word_leads_to_the_measure_and_names_the_data_word(
    store: Store, query: str, first: str | None, data_word: str
) -> None:
    top = find(store, query).rows[0]
    assert top["id"] == first or (first is None and top["title"].startswith("Werkstatt-Tage 2026: JVA")), top
    assert any(v["data_word"].startswith(data_word) for v in top["synonyms"]), top["synonyms"]


def test_a_misspelt_everyday_word_still_finds_its_entry(store: Store) -> None:
    """Schulabrecher is no word of the data; Schulabbrecher is a word of the table (Anschlussperspektive)."""
    top = find(store, "Schulabrecher").rows[0]
    assert top["id"] == "II.7"
    assert top["synonyms"][0]["query_word"] == "Schulabrecher"
    assert top["synonyms"][0]["data_word"] in ("Anschlussperspektive", "Abschlussperspektive")


# --- something lacking: weak words, and compounds read as what is lacking -------------------------------


def test_lehrkraeftemangel_leads_with_the_teacher_recruitment_measures(store: Store) -> None:
    """Issue #24: "Lehrkräftemangel" answered with horticulture (III.13) alone, then second. The
    table says what the report calls a shortage of teachers (Unterrichtsversorgung, unterversorgte
    Schulen): the measures that recruit and keep teachers lead, horticulture comes after them."""
    for query in ("Lehrkräftemangel", "Lehrermangel"):
        rows = find(store, query, limit=None).rows
        ids = [r["id"] for r in rows]
        assert ids[:3] == ["I.1", "I.2", "I.3"], (query, ids)  # Seiteneinstieg, Gymnasium teachers, Lehramtswechsler
        assert ids.index("III.13") > max(ids.index(i) for i in ("I.1", "I.2", "I.3", "I.5", "I.7")), (query, ids)
        assert rows[0]["synonyms"][0] == {
            "query_word": query,
            "data_word": "Unterrichtsversorgung",
            "reason": next(e["reason"] for e in ENTRIES if "Lehrermangel" in e["words"]),
        }
        assert [r["score"] for r in rows[:3]] == [48, 48, 48]


@pytest.mark.parametrize(
    ("query", "first", "lacking", "data_word"),
    [
        ("Gärtnermangel", ["III.13"], "Gärtner", "Produktionsgartenbau"),
        ("Handwerkermangel", ["V.1", "IV.5", "IV.1"], "Handwerker", None),
        ("Personalnot Eingliederungshilfe", ["IV.10", "IV.9"], "Personal", "Arbeitskräfte"),
        ("Pflegenotstand", ["III.12"], "Pflege", None),
    ],
)
def test_a_compound_of_something_lacking_reads_as_that_thing_and_a_weak_word(
    store: Store, query: str, first: list[str], lacking: str, data_word: str | None
) -> None:
    """No entry holds these compounds: the rule reads each as its first part and the weak head, which
    counts a quarter (Handwerkermangel: V.1 holds Handwerk in its title, IV.5 the Bedarf an
    Handwerkerinnen, IV.1 the Fachkräftemangel im Handwerk; Pflegenotstand: the data has no word for
    Notstand)."""
    rows = find(store, query).rows
    assert [r["id"] for r in rows[: len(first)]] == first, (query, [r["id"] for r in rows[:3]])
    hit = rows[len(first) - 1]
    assert hit["_hit"].words_total == len(query.split()) + 1  # the compound counts as two words
    words = {m.word: m for m in hit["_hit"].matches}
    assert lacking in words, words
    if data_word:
        assert words[lacking].via == data_word and words[lacking].how == "synonym"
    weak = [m for m in hit["_hit"].matches if m.word in ("mangel", "not", "notstand")]
    assert all(m.how == "synonym" and m.weight < words[lacking].weight / 2 for m in weak), [m.as_dict() for m in weak]
    assert weak or query == "Pflegenotstand"


def test_a_weak_word_counts_a_quarter_of_its_weight(store: Store) -> None:
    """ "fehlt" says something is lacking: it counts WEAK_WEIGHT; Kita and Personal say what."""
    assert WEAK_WEIGHT == 0.25
    hit = find(store, "Kita-Personal fehlt").rows[0]
    assert hit["id"] == "I.10"
    by_word = {m.word: m for m in hit["_hit"].matches}
    assert by_word["fehlt"].how == "synonym" and by_word["fehlt"].via == "Fachkräftemangel"
    assert by_word["fehlt"].weight < min(by_word["Kita"].weight, by_word["Personal"].weight) / 2
    entry = next(e for e in ENTRIES if "fehlt" in e["words"])
    assert entry.get("weak") is True and WEAK == "weak"


def test_the_data_word_of_a_shortage_counts_for_both_its_parts(store: Store) -> None:
    """Fachkräftemangel is a word of the data: the records that hold it lead, matched in full."""
    rows = find(store, "Fachkräftemangel Baugewerbe").rows
    assert rows[0]["id"] == "VI.1" and rows[0]["score"] == 99
    assert [(m.word, m.shown, m.how) for m in rows[0]["_hit"].matches] == [
        ("Fachkräfte", "Fachkräftemangels", "stem"),
        ("mangel", "Fachkräftemangels", "stem"),
        ("Baugewerbe", "Baugewerbe", "exact"),
    ]


# --- morphology beyond the stemmer ----------------------------------------------------------------------


def test_an_s_plural_meets_its_singular(store: Store) -> None:
    """Kita, Kitas; Azubi, Azubis: Snowball leaves them apart."""
    hit = next(r for r in find(store, "Kita", limit=None).rows if r["id"] == "VI.5")
    assert ("Kitas", "stem") in {(m.shown, m.how) for m in hit["_hit"].matches}


def test_a_word_is_not_found_inside_a_verb(store: Store) -> None:
    """finden is not part of stattfinden, bringen not of einbringen."""
    for query in ("finden", "bringen"):
        for row in find(store, query, limit=None).rows:
            assert all(m.shown not in ("stattfinden", "einbringen") for m in row["_hit"].matches), (query, row["id"])


# --- false friends: a German query stays German; English reaches the data through the glossary only -------


FALSE_FRIENDS = [q for q in load() if q.group == "false_friend"]


@pytest.mark.parametrize("query", [q.q for q in FALSE_FRIENDS])
def test_a_hit_in_the_top_3_through_a_false_friend_shows_its_route(store: Store, query: str) -> None:
    """A word that is English and German (fast, will, also, die, hat, art, rat, gift, kind, bald, hell)
    matches through the glossary only in a query read as English, and the hit then names the route."""
    index, _ = store_index(store)
    look = Lookup(index)
    for row in find(store, query).rows[:3]:
        routes = {(v["query_word"], v["data_word"]) for v in row["synonyms"]}
        for match in row["_hit"].matches:
            if look.homograph(german.normalise(match.word)) and match.how == "glossary":
                assert (match.word, match.via) in routes, (query, row["id"], match.as_dict())


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("fast 7000 Meisterprämien", "Fast 7000 Meisterprämien überwiesen"),
        ("Rat für Medien Fachkräfte", "Einberufung eines Medien-Fachkräfte-Beirats"),
        ("Art der Ausbildung Kinderpflege", "Finanzielle Förderung der praxisintegrierten Ausbildung Kinderpflege"),
        ("wer hat Anspruch auf die Meisterprämie", "Meisterprämie NRW"),
        ("ich will Meister werden", "Meisterprämie NRW"),
    ],
)
def test_in_a_german_query_a_word_that_is_english_too_stays_german(store: Store, query: str, first: str) -> None:
    rows = find(store, query, limit=None).rows
    assert rows[0]["title"] == first, (query, rows[0]["title"])
    assert all(m.how != "glossary" for r in rows for m in r["_hit"].matches), query


def test_a_frequent_everyday_word_counts_little(store: Store) -> None:
    """ "Geld" is no word of the data but a word of the table, as frequent in German as "finden"
    (wordfreq, Zipf 5.6): the index keeps its frequency, and it weighs about a third of a rare word."""
    look = Lookup(store_index(store)[0])
    assert look.zipf("geld") == 5.6 and "geld" not in look.postings
    hit = find(store, "Geld für Meister").rows[0]
    assert hit["id"] == "IV.1"
    weights = {m.word: m.weight for m in hit["_hit"].matches}
    assert weights["Geld"] < weights["Meister"] / 3, weights


def test_a_frequent_word_form_counts_as_frequent_as_it_is(store: Store) -> None:
    """ "hilft" (Zipf 4.9) meets the data only through its lemma "helfen" (and the Helfer derived
    from it): the index keeps the form's own frequency, so it weighs as the frequent word it is,
    not as the rarer "Helfer" (4.2), and an everyday question is decided by its other words."""
    look = Lookup(store_index(store)[0])
    assert look.lemma_forms["hilft"] == "helfen" and look.zipf("hilft") == 4.9
    hit = find(store, "hilft Kita").rows[0]
    weights = {m.word: m.weight for m in hit["_hit"].matches}
    assert weights["hilft"] < weights["Kita"], weights  # 3.6 against 2.7 when it counted as "Helfer"
    assert find(store, "Studienberatung für Arbeiterkinder").rows[0]["id"] == "II.3"


@pytest.mark.parametrize(
    ("query", "first", "word", "how", "shown"),
    [
        ("Lehrer abordnen", "I.5", "abordnen", "stem", "Abordnungen"),
        ("Abschlüsse anerkennen", "VI.8", "anerkennen", "stem", "Anerkennung"),
        ("umschulen Heilerziehungspflege", "V.3", "umschulen", "stem", "Umschulungen"),
        ("zertifiziert Fachschule", "V.3", "zertifiziert", "synonym", "Zertifizierung"),
        ("Teilzeit beantragen Lehrerin", "I.6", "beantragen", "synonym", "Anträge"),
        ("Studium abbrechen Ausbildung", "III.9", "Studium abbrechen", "synonym", "Studienabbrecherinnen"),
        ("Ausbildung abgebrochen Pflege", "III.12", "abgebrochen", "synonym", "Ausbildungsabbrüchen"),
        ("Lehrer dürfen nicht einfach ihre Stunden reduzieren", "I.6", "Stunden reduzieren", "synonym", "Teilzeit"),
        ("jemand der den Lehrern den Papierkram abnimmt", "I.4", "Papierkram", "synonym", "Dokumentationsaufträgen"),
    ],
)
def test_a_verb_meets_the_noun_of_the_data_and_back(
    store: Store, query: str, first: str, word: str, how: str, shown: str
) -> None:
    """Verbs for the report's nouns: by the stem, or through the table where the stem does not join them."""
    hit = find(store, query).rows[0]
    assert hit["id"] == first, (query, hit["id"])
    assert (word, how, shown) in {(m.word, m.how, m.shown) for m in hit["_hit"].matches}, [
        m.as_dict() for m in hit["_hit"].matches
    ]


def test_a_country_meets_the_rules_for_its_people(store: Store) -> None:
    """A Serbian construction worker comes under the Westbalkan-Regelung (VI.1), a Syrian teacher
    under the recognition of qualifications from Drittstaaten (VI.4): neither country is named in
    those measures, and both queries found neither in the top 10. "Bau" is not "Bauern" (the
    stemmer makes both "bau"): it no longer reaches farming (Landwirtschaft)."""
    assert find(store, "arbeit auf bau aus serbien").rows[0]["id"] == "VI.1"
    assert find(store, "ich bin lehrerin aus syrien wie kann arbeiten in schule").rows[0]["id"] == "VI.4"
    shown = {m.shown for r in find(store, "Bau", limit=None).rows for m in r["_hit"].matches}
    assert not any(word.startswith("Landwirtschaft") for word in shown), shown
    assert find(store, "Landwirt").rows[0]["title"] == "Landwirtschaft"


def test_lehrerinnen_are_teachers_not_an_apprenticeship(store: Store) -> None:
    """The stemmer makes Lehrerinnen, Lehrer and Lehre all "lehr"; the table's entry for Lehre (an
    apprenticeship: Ausbildung) put three training measures beside I.2 for the help's own example.
    Lehrerinnen is Lehrerin inflected: only the teachers' entry is meant. Lehre keeps its entry."""
    rows = find(store, "Lehrerinnen", limit=None).rows
    assert rows[0]["id"] == "I.2"
    assert all(m.shown != "Ausbildung" for r in rows for m in r["_hit"].matches), [r["id"] for r in rows[:4]]
    assert find(store, "Lehre").rows[0]["id"] in ("I.12", "III.6", "III.7")


def test_nrw_meets_nordrhein_westfalen(store: Store) -> None:
    """The 80,000 workers lacking in 2023 stand in an event that writes Nordrhein-Westfalen, never NRW."""
    rows = find(store, "NRW 2023 Arbeitskräfte", limit=None).rows
    event = next(r for r in rows if "80.000" in r["title"])
    assert ("NRW", "synonym", "Nordrhein") in {(m.word, m.how, m.shown) for m in event["_hit"].matches}
    assert rows.index(event) < 3, [r["title"] for r in rows[:3]]


def test_young_people_without_a_place_are_the_unplaced_young_people(store: Store) -> None:
    """ "ohne Lehrstelle" and "ohne Ausbildungsplatz" are phrases of the synonym table (though both
    words of the second are words of the data): the report's unversorgte and ausbildungsinteressierte
    young people of II.9 and II.8, who lead; "Schüler ohne Ausbildungsplatz" had the Berufsfachschule
    of III.6 first (Schüler and Schule share a stem). Elsewhere "ohne" says what is lacking, a weak
    word, and KAoA's title word "ohne" (II.5) does not lead."""
    led = {"Jugendliche ohne Lehrstelle": ["II.9", "II.8"], "Schüler ohne Ausbildungsplatz": ["II.8"]}
    for query, first in led.items():
        rows = find(store, query).rows
        assert [r["id"] for r in rows[: len(first)]] == first, query
        phrase = query.split(" ", 1)[1]
        assert {(m.word, m.how) for m in rows[0]["_hit"].matches} >= {(phrase, "synonym")}, query
    rows = find(store, "Schüler ohne Perspektive").rows
    assert rows[0]["id"] == "II.7"
    ohne = [m for r in rows for m in r["_hit"].matches if m.word == "ohne"]
    assert ohne and all(m.weight < 0.2 for m in ohne)
