"""Search: the relevance suite (expected first hits, written from the data) and properties."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko.errors import UsageError
from fko.german import normalise
from fko.search.finder import find, resolve, store_index
from fko.search.lookup import Lookup
from fko.search.snippets import snippet
from fko.store.reader import Store

from ..conftest import Result


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
    scores = {r["id"]: r["score"] for r in rows if r["kind"] == "measure"}
    assert scores["VI.8"] > scores["VI.4"] > 0


def test_uber_matches_ueber_only_as_a_weaker_match(store: Store) -> None:
    index, _ = store_index(store)
    assert "uber" not in Lookup(index).postings
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
    found = find(store, "Qwrtzplk")
    assert found.rows == []
    assert found.closest


def test_a_compound_the_data_does_not_hold_is_split_by_the_general_word_list(store: Store) -> None:
    """Lokführerschein: Lokführer + Schein (wordfreq's words); Lokführer is a word of the synonym table,
    and the hit names the part as typed."""
    found = find(store, "Lokführerschein")
    assert found.rows[0]["id"] == "IV.6"
    assert found.rows[0]["synonyms"] == [
        {
            "query_word": "Lokführer",
            "data_word": "Schienenpersonennahverkehr",
            "reason": "IV.6 trains Triebfahrzeugführende, the official word for Lokführer, for the "
            "Schienenpersonennahverkehr.",
        }
    ]


def test_resolve_by_title_alias_and_ambiguity(store: Store) -> None:
    assert resolve(store, "Meisterprämie")[0]["id"] == "IV.1"
    assert resolve(store, "Meisterprämie NRW")[0]["id"] == "IV.1"
    assert resolve(store, "ZFE")[0]["id"] == "VI.6"
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
        "measure_id": "IV.1",
        "source": "002_a45909dfd521d212.txt",
        "score": 100,
        "kind": "measure",
        "field": "alias",
        "matched": ["Meisterprämie"],
        "synonyms": [],
        "snippet": "Meisterprämie",
    }


def test_events_are_found_and_name_their_measure_and_source(fko: Callable[..., Result]) -> None:
    hits = fko("search", "Förderkonferenz", "--json").json()
    assert [(h["kind"], h["title"]) for h in hits] == [
        ("event", "Erste ÜBS-Förderkonferenz zur Umsetzung des Modernisierungspakts II"),
        ("event", "Nächste ÜBS-Förderkonferenz"),
    ]
    assert {(h["measure_id"], h["source"]) for h in hits} == {("N.1", "000_819d8d142bf3d751.txt")}
    jva = fko("search", "JVA", "--kind", "event", "--json").json()
    assert sorted(h["title"] for h in jva) == [
        "Werkstatt-Tage 2026: Besichtigung der JVA Heinsberg",
        "Werkstatt-Tage 2026: JVA Bochum-Langendreer öffnet für Handwerksbetriebe",
    ]
    assert {(h["measure_id"], h["source"]) for h in jva} == {(None, "000_819d8d142bf3d751.txt")}
    assert fko("search", "JVA", "--kind", "measure", "--json").json() == []


def test_search_without_hits_exits_0_with_a_hint(fko: Callable[..., Result]) -> None:
    result = fko("search", "Qwrtzplk", "--json")
    assert (result.code, result.out) == (0, "[]\n")
    assert result.err.startswith("fko: nothing matches 'Qwrtzplk'; closest words in the data: ")


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


# --- German word forms ------------------------------------------------------------------------

LEXICON = frozenset({"pflege", "ausbildung", "arbeit", "markt", "gesundheit", "fachberufe", "weiter", "bildung"})


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("pflegeausbildung", ["pflege", "ausbildung"]),
        ("arbeitsmarkt", ["arbeit", "markt"]),  # the linking s dropped
        ("gesundheitsfachberufe", ["gesundheit", "fachberufe"]),
        ("weiterbildung", ["weiter", "bildung"]),
        ("anerkennung", None),
        ("pflege", None),  # a word of the lexicon is not split into itself
    ],
)
def test_split_compound(word: str, parts: list[str] | None) -> None:
    from fko.german import split_compound

    assert split_compound(word, LEXICON) == parts


def test_coordination_ellipses_are_completed() -> None:
    from fko.german import ellipses

    text = "Zukunftsbündnis Pflege-, Betreuungs- und Gesundheitsfachberufe sowie Aus- und Weiterbildung"
    assert ellipses(text, LEXICON) == [
        ("Pflege-", "pflegefachberufe"),
        ("Betreuungs-", "betreuungsfachberufe"),
        ("Aus-", "ausbildung"),
    ]


@pytest.mark.parametrize(
    ("forms", "same"),
    [
        (["Lehrer", "Lehrerinnen", "Lehrerin"], True),
        (["Lehrkräfte", "Lehrkraft", "Lehrkraefte"], True),
        (["dualer", "duales", "dual"], True),
        (["Pflegeberufe", "Pflegeberuf"], True),
        (["Lehrer", "Lehrkraft"], False),  # meaning, not form: the synonym table's job
    ],
)
def test_stems(forms: list[str], same: bool) -> None:
    from fko.german import stem

    assert (len({stem(f) for f in forms}) == 1) is same


@given(st.lists(st.sampled_from(sorted(LEXICON)), min_size=2, max_size=4))
def test_a_compound_of_lexicon_words_splits_into_lexicon_words(pieces: list[str]) -> None:
    from fko.german import split_compound

    parts = split_compound("".join(pieces), LEXICON)
    assert parts is not None and all(p in LEXICON for p in parts)
    assert len(parts) <= len(pieces)


@given(st.text(max_size=40))
def test_any_query_is_answered_without_error(text: str) -> None:
    from fko.store.fileformat import SHIPPED
    from fko.store.reader import open_store

    global _STORE
    if _STORE is None:
        _STORE = open_store(str(SHIPPED))
    if not normalise(text):  # no word at all: the usage error every empty query gives
        with pytest.raises(UsageError, match="has no word to search for"):
            find(_STORE, text)
        return
    found = find(_STORE, text)
    assert all(0 < r["score"] <= 100 for r in found.rows)
    assert found.total >= len(found.rows)


_STORE: Store | None = None


# --- what people see ---------------------------------------------------------------------------


def test_counts_say_how_many_hits_there_are_beyond_the_limit(fko: Callable[..., Result]) -> None:
    limited = fko("search", "Pflege", "Ausbildung", "--limit", "3")
    head = limited.out.splitlines()[0]
    total = len(fko("search", "Pflege", "Ausbildung", "--limit", "0", "--json").json())
    assert head == f"3 of {total} hits for 'Pflege Ausbildung' (--limit 0 for all)"
    assert total > 10


def test_hidden_hits_are_counted_where_filters_hide_them(fko: Callable[..., Result]) -> None:
    result = fko("search", "KAoA", "-r", "MKW")
    assert result.code == 0
    unfiltered = fko("search", "KAoA", "--json", "--limit", "0").json()
    assert result.err == f"fko: {len(unfiltered)} hits outside MKW; drop the filter to see them\n"
    assert "closest" not in result.err


def test_a_cluster_numeral_lists_that_cluster(fko: Callable[..., Result]) -> None:
    rows = fko("search", "VI", "--json").json()
    assert [r["id"] for r in rows] == [f"VI.{n}" for n in range(1, 9)]


def test_hints_never_show_internal_tokens(fko: Callable[..., Result]) -> None:
    result = fko("search", "vi9x")
    assert result.code == 0
    assert result.err.startswith("fko: nothing matches 'vi9x'; closest words in the data: vier, viele, Revier")
    assert "vi1" not in result.err and "vi8" not in result.err


def test_json_matched_gives_the_words_as_they_stand_in_the_data(fko: Callable[..., Result]) -> None:
    rows = fko("search", "Flüchtlinge", "--json").json()
    assert rows[0]["id"] == "V.2"
    assert rows[0]["matched"] == ["Geflüchteter"]
    assert rows[0]["synonyms"] == [
        {
            "query_word": "Flüchtlinge",
            "data_word": "Geflüchtete",
            "reason": "The report says Geflüchtete (V.2) and Frauen mit Fluchterfahrung (V.7); Flüchtling is the "
            "everyday word for the same people.",
        }
    ]


def test_synonym_hits_rank_below_direct_hits(store: Store) -> None:
    direct = find(store, "Geflüchtete").rows[0]
    through = find(store, "Flüchtlinge").rows[0]
    assert direct["id"] == through["id"] == "V.2"
    assert direct["synonyms"] == [] and through["synonyms"][0]["data_word"] == "Geflüchtete"
    assert direct["score"] > through["score"] > 0


def test_the_match_column_does_not_repeat_the_title(fko: Callable[..., Result]) -> None:
    line = fko("search", "Meisterprämie").out.splitlines()[3]
    assert line.startswith("IV.1")
    assert "Mit der Meisterprämie NRW soll" in line


def test_kind_filter_and_labels(fko: Callable[..., Result]) -> None:
    rows = fko("search", "Handwerkskammer", "--json").json()
    assert [(r["id"], r["kind"], r["title"]) for r in rows] == [(None, "recognition", "Handwerkskammern")]
    only = fko("search", "Meisterprämie", "--kind", "indicator", "--json").json()
    assert {r["kind"] for r in only} == {"indicator"} and only[0]["title"] == "Meisterprämien ausgezahlt"
    assert fko("search", "Meisterprämie", "--kind", "measures", "--json").json()[0]["id"] == "IV.1"  # a plural too
    wrong = fko("search", "x", "--kind", "things")
    assert wrong.code == 2
    assert wrong.err == (
        "fko: Invalid value for '--kind' / '-k': 'things' is not one of 'measure', 'initiative', 'recognition', "
        "'indicator', 'update', 'event'; see 'fko search --help'\n"
    )


def test_explain_names_the_words_fields_and_score_parts(fko: Callable[..., Result]) -> None:
    result = fko("search", "Pflege", "Ausbildung", "--limit", "1", "--explain")
    assert "III.12 (measure) score 84 = 84 for the words + 0 for words standing together" in result.out
    assert "  Pflege -> Pflege in title: exact, quality 1.00" in result.out
    assert "  Ausbildung -> Ausbildung in description: exact, quality 0.45" in result.out
    hit = fko("search", "Pflege", "Ausbildung", "--limit", "1", "--explain", "--json").json()[0]
    assert [m["query_word"] for m in hit["explain"]["word_matches"]] == ["Pflege", "Ausbildung"]
    assert hit["explain"]["words_matched"] == hit["explain"]["words_total"] == 2
    assert hit["explain"]["word_score"] + hit["explain"]["proximity"] == hit["score"]


def test_an_id_that_names_no_measure_is_not_found_as_show_says(fko: Callable[..., Result]) -> None:
    cases = [
        (("search", "VI.9"), "VI.9"),
        (("search", "vi", "9"), "vi 9"),
        (("search", "VI.9", "--json"), "VI.9"),
        (("show", "VI.9"), "VI.9"),
    ]
    for args, named in cases:
        result = fko(*args)
        assert (result.code, result.out) == (1, ""), args
        assert result.err == f"fko: no measure '{named}'; did you mean V.9?\n", args
    assert fko("search", "IV 1", "--json").json()[0]["id"] == "IV.1"  # an existing ID still finds its measure


@pytest.mark.parametrize("word", ["x" * 100_000, "Pflegeausbildung" * 5_000, "Meisterprämie" + "e" * 70])
def test_an_overlong_word_is_matched_as_it_is(store: Store, word: str) -> None:
    """Compound splitting and fuzzy matching grow faster than the word (100,000 letters ran for
    minutes): words over MAX_WORD letters are matched only as they are. A CPU alarm turns a
    regression into a failure, not a hang."""
    import signal

    from fko.search.words import MAX_WORD

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"a {len(word)}-letter word took more than 20 CPU seconds")

    previous = signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, 20)
    try:
        found = find(store, word)
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
    assert len(word) > MAX_WORD and found.rows == [] and found.closest == []


# --- issue #24: generalising beyond the tables -------------------------------------------------


@pytest.mark.parametrize("query", ["Pflege Ausbildung", "Lehrkräftemangel", "Menschen mit Behinderung finden Arbeit"])
def test_the_score_falls_with_the_rank(store: Store, query: str) -> None:
    scores = [r["score"] for r in find(store, query, limit=None).rows]
    assert len(scores) > 3 and scores == sorted(scores, reverse=True), scores


@pytest.mark.parametrize("query", ["apprenticeship coaching", "Lehrer", "fast"])
def test_a_figure_ranks_after_its_own_measure_and_its_matches_add_up(store: Store, query: str) -> None:
    """Coaches (II.9's key figure) matches "coaching" in its title, II.9 in its description: II.9
    comes first, its figure right after with no higher score (the same score where the figure
    alone would have scored higher: "Coaches"); the figure's word matches, times their weights,
    still make its share of the words."""
    rows = find(store, query, limit=None).rows
    first = {r["id"]: n for n, r in enumerate(rows) if r["kind"] == "measure"}
    assert first
    totals: dict[str, float] = {}
    for n, row in enumerate(rows):
        measure = first.get(row["measure_id"]) if row["kind"] != "measure" else None
        if measure is not None:
            assert measure < n and rows[measure]["score"] >= row["score"], (query, row["title"])
        hit = row["_hit"]
        assert hit.score == min(99, round(100 * hit.share + hit.proximity)), (query, row["title"])
        # share = sum of weight x quality over the query's words / the same total for every hit
        total = sum(m.weight * m.quality for m in hit.matches) / hit.share
        assert total == pytest.approx(totals.setdefault(query, total)), (query, row["title"])
    for words in ("apprenticeship coaching", "Coaches"):
        coaches = find(store, words).rows[:2]
        assert [(r["id"] or r["measure_id"], r["kind"]) for r in coaches] == [
            ("II.9", "measure"),
            ("II.9", "indicator"),
        ]
    alone = coaches[1]["_hit"]
    assert alone.matches[0].field == "title" and alone.matches[0].how == "exact"  # it would have ranked first
    assert coaches[1]["score"] == coaches[0]["score"]


def test_frequent_words_do_not_pull_unrelated_measures_into_the_top_3(store: Store) -> None:
    top = [r["id"] for r in find(store, "Menschen mit Behinderung finden Arbeit").rows[:3]]
    assert set(top[:2]) == {"V.8", "V.10"}, top  # the two measures on people with Behinderungen
    indien = [r["id"] for r in find(store, "Wie kann man Fachkräfte aus Indien finden").rows[:1]]
    assert indien == ["VI.2"]


def test_a_small_number_weighs_as_little_as_a_frequent_word(store: Store) -> None:
    """ "16" is as common in German as "Jahre" (wordfreq Zipf 5.4): the girl's age does not lead
    with the 16 Regionalagenturen, the app does (II.4). A rare number still counts ("über 300")."""
    rows = find(store, "Meine Tochter ist 16, gibt es eine App").rows
    assert rows[0]["id"] == "II.4"
    weights = {m.word: m.weight for r in rows for m in r["_hit"].matches}
    assert weights["16"] < weights["App"] / 2
    top = find(store, "Integrationskongress 300 Teilnehmer").rows[0]
    assert "300" in {m.word for m in top["_hit"].matches} and "300 Expertinnen" in top["title"]


def test_a_query_word_that_heads_a_data_compound_is_not_split(store: Store) -> None:
    """ "Fachwirt" is the head of IV.7's Krankenkassenfachwirt, a kind of Fachwirt: it finds that, not
    every Berufsfachschule by a part "Fach" (III.6 led the noisy query in probe3)."""
    hit = find(store, "Fachwirt").rows[0]
    assert hit["id"] == "IV.7"
    assert [(m.word, m.term, m.how) for m in hit["_hit"].matches] == [("Fachwirt", "krankenkassenfachwirt", "head")]
    noisy = "re: AOK Weiterbildung Fachwirt neue Prüfungsordnung seit Dez. 2023 (bitte kurz prüfen)"
    assert find(store, noisy).rows[0]["id"] == "IV.7"


def test_a_compound_typed_without_umlaut_dots_is_split_as_with_them(store: Store) -> None:
    """ "Gartnermangel" is "Gärtnermangel" (no word of the data): Gärtner, Mangel; horticulture (III.13).
    A near spelling of a data word stays a typo of it ("Krankenkasenfachwirt": IV.7)."""
    dotted = find(store, "Gärtnermangel").rows[:3]
    assert [r["id"] for r in find(store, "Gartnermangel").rows[:3]] == [r["id"] for r in dotted]
    assert dotted[0]["id"] == "III.13"
    assert find(store, "Krankenkasenfachwirt").rows[0]["id"] == "IV.7"


def test_lemmas_meet_derived_words(store: Store) -> None:
    """behinderte (a form of behindern) meets Behinderungen, the noun derived from the verb."""
    hit = find(store, "behinderte Menschen").rows[0]
    assert hit["id"] == "V.8"
    assert ("behinderte", "lemma") in {(m.word, m.how) for m in hit["_hit"].matches}


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("Studenten brechen das Studium ab", ["abbrechen"]),
        ("Betriebe bieten Kurse an, sagt die Studie", ["anbieten"]),
        ("Azubis brechen ab was tun", ["abbrechen"]),
        ("Kinder ab 3", []),  # "ab" before a number closes no clause
        ("Lehrer an eine andere Schule schicken", []),  # a preposition inside the clause
        ("Kurse finden in Essen statt", ["stattfinden"]),
    ],
)
def test_a_separable_verb_whose_particle_closes_the_clause_is_joined(text: str, joined: list[str]) -> None:
    from fko import german
    from fko.search.index import STOPWORDS, WORD
    from fko.search.lexicon import lexicon

    matches = list(WORD.finditer(text))
    keys = [normalise(m.group(0)) for m in matches]
    ends = german.clause_ends(text, [m.span() for m in matches], keys)
    words = lexicon().german

    def join(particle: str, j: int) -> str | None:
        verbal = not matches[j].group(0)[:1].isupper() and keys[j] not in STOPWORDS
        return particle + keys[j] if verbal and particle + keys[j] in words else None

    assert [j for _, _, j in german.separable_verbs(keys, ends, join)] == joined


def test_a_query_with_a_separated_particle_finds_what_the_joined_verb_finds(store: Store) -> None:
    """ "Studium brechen ab" is "Studium abbrechen": Studienabbrecher (III.9), not any Studium."""
    apart = find(store, "Studium brechen ab").rows
    together = find(store, "Studium abbrechen").rows
    assert [r["id"] for r in apart[:3]] == [r["id"] for r in together[:3]]
    assert apart[0]["id"] == "III.9"
    assert any("abbrechen" in m.word for m in apart[0]["_hit"].matches)


@pytest.mark.parametrize(
    ("query", "first", "term"),
    [
        ("Lehramt Wechsler", "I.3", "lehramtswechsler"),  # linking s: Lehramtswechsler
        ("Heilerziehung Pflege", "V.3", "heilerziehungspflege"),
        ("Ausbildung Abbrüche", "III.12", "ausbildungsabbruechen"),  # linking s, and another case of the head
    ],
)
def test_words_written_apart_meet_the_compound_the_data_writes_with_a_linking_element(
    store: Store, query: str, first: str, term: str
) -> None:
    hit = find(store, query).rows[0]
    assert hit["id"] == first
    assert [(m.word, m.term) for m in hit["_hit"].matches] == [(query, term)]


@pytest.mark.parametrize(
    ("key", "male"),
    [
        ("lehrerinnenmangel", "lehrermangel"),
        ("aerztinnenausbildung", "aerztausbildung"),
        ("lehrerinnen", "lehrerinnen"),  # the stemmer's case: "-innen" at the end
        ("innenstadt", "innenstadt"),
        ("binnenmarkt", "binnenmarkt"),
    ],
)
def test_masculine(key: str, male: str) -> None:
    from fko import german

    assert german.masculine(key) == male


def test_a_compound_of_a_feminine_plural_finds_what_its_masculine_form_finds(store: Store) -> None:
    """ "Lehrerinnenmangel" is "Lehrermangel": the teacher measures, not horticulture's Fachlehrermangel."""
    female = [r["id"] for r in find(store, "Lehrerinnenmangel").rows[:5]]
    assert female == [r["id"] for r in find(store, "Lehrermangel").rows[:5]]
    assert set(female) <= {"I.1", "I.2", "I.3", "I.4", "I.5", "I.6", "I.7"}, female


def test_a_separable_verb_of_the_data_is_indexed_joined_where_its_verb_stands(store: Store) -> None:
    """The event "Nur 6 % der Betriebe in NRW werben Fachkräfte im Ausland an" says anwerben: the
    synonym table's Anwerbung (rekrutieren) meets it by its stem, in its title."""
    index, _ = store_index(store)
    assert index["separable"]["an werben"] == "anwerben"
    hit = find(store, "Betriebe rekrutieren im Ausland").rows[0]
    assert hit["title"] == "Nur 6 % der Betriebe in NRW werben Fachkräfte im Ausland an"
    assert ("rekrutieren", "anwerben", "title") in {(m.word, m.term, m.field) for m in hit["_hit"].matches}


@pytest.mark.parametrize(
    ("key", "forms"),
    [
        ("integriert", ["integration"]),
        ("kommunizieren", ["kommunization", "kommunikation"]),
        ("koordination", ["koordinieren", "koordiniert"]),
        ("ausbildung", []),
    ],
)
def test_ation_forms(key: str, forms: list[str]) -> None:
    from fko import german

    assert german.ation_forms(key) == forms


@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=12),
    st.sampled_from(["isch", "lich"]),
    st.sampled_from(["", "e", "en", "em", "er", "es"]),
)
def test_an_adjective_in_isch_or_lich_gives_its_noun(base: str, suffix: str, ending: str) -> None:
    from fko import german

    found = german.adjective_base(base + suffix + ending)
    assert found is not None and (base + suffix + ending).startswith(found) and len(found) >= 4
    assert german.adjective_base(base) is None or base.endswith(("isch", "lich", "ische", "liche"))


#: ation_forms and adjective_base as patterns (fko 3.0.0 before they were endings): the reference.
_IEREN = r"(?P<base>[a-z]{3,}?)(?:ieren|iert|ierte|ierten|ierter|iertes|iere|ierst|ierend|ierende|ierenden)"
_ATION = r"(?P<base>[a-z]{3,}?)(?:ation|ationen)"
_ADJECTIVE = r"(?P<base>[a-z]{4,}?)(?:isch|lich)(?:e|en|em|er|es)?"


@given(
    st.text(alphabet="abcdeilnorstuzäß1", max_size=8),
    st.sampled_from(["", "ieren", "iert", "ierte", "ierten", "ierenden", "ation", "ationen", "isch", "lichen", "es"]),
)
def test_endings_are_read_as_the_patterns_read_them(front: str, ending: str) -> None:
    import re

    from fko import german

    key = front + ending
    verb, noun, adjective = (re.fullmatch(p, key) for p in (_IEREN, _ATION, _ADJECTIVE))
    base = verb.group("base") if verb else noun.group("base") if noun else None
    if base is None:
        assert german.ation_forms(key) == []
    else:
        assert german.ation_forms(key)[0] == base + ("ation" if verb else "ieren")
    assert german.adjective_base(key) == (adjective.group("base") if adjective else None)


def test_an_adjective_meets_the_noun_it_is_made_from(store: Store) -> None:
    """gärtnerische: no word of the data, its noun Gärtner a word of the synonym table (Gartenbau,
    III.13), which ranked sixth for a query with it; städtische and schulisch found nothing of
    Städte and Schule (the stemmer leaves them apart)."""
    hit = find(store, "gärtnerische Berufe").rows[0]
    assert hit["id"] == "III.13"
    assert ("gärtnerische", "synonym") in {(m.word, m.how) for m in hit["_hit"].matches}
    for word, noun in (("städtische", "Städte"), ("schulisch", "Schule")):
        matches = {(m.word, m.how, m.shown) for r in find(store, word, limit=None).rows for m in r["_hit"].matches}
        assert (word, "lemma", noun) in matches, (word, matches)
    assert german_base("ehrliche") is None and german_base("Tisch") is None


def german_base(word: str) -> str | None:
    from fko import german

    return german.adjective_base(normalise(word))


def test_a_verb_in_ieren_meets_its_noun_in_ation_and_its_compounds(store: Store) -> None:
    """kooperieren: Kooperationsbüros (III.10); integrieren: Arbeitsmarktintegration."""
    hit = find(store, "Hochschulen kooperieren").rows[0]
    assert hit["id"] == "III.10"
    assert "kooperieren" in {m.word for m in hit["_hit"].matches}
    terms = {m.term for r in find(store, "integrieren", limit=0).rows for m in r["_hit"].matches}
    assert {"integration", "arbeitsmarktintegration"} <= terms


@pytest.mark.parametrize(
    ("key", "other"),
    [("studium", ["studien", "studia"]), ("zentren", ["zentrum"]), ("praktika", ["praktikum"]), ("kita", [])],
)
def test_latin_number(key: str, other: list[str]) -> None:
    from fko import german

    assert german.latin_number(key) == other


def test_a_latin_noun_meets_its_other_number_and_its_compounds(store: Store) -> None:
    """Kompetenzzentrum meets Kompetenzzentren (V.5); Studium meets Studienabbrecherinnen (III.9)."""
    hit = find(store, "Kompetenzzentrum").rows[0]
    assert hit["id"] == "V.5"
    assert {(m.term, m.how) for m in hit["_hit"].matches} >= {("kompetenzzentren", "stem")}
    hit = next(r for r in find(store, "Studium", limit=0).rows if r["id"] == "III.9")
    assert [(m.term[:7], m.how) for m in hit["_hit"].matches] == [("studien", "part")]


@pytest.mark.parametrize(
    "query", ["fast track visa", "will teachers get permanent contracts", "gift for master craftsmen"]
)
def test_an_english_query_never_matches_a_german_homograph(store: Store, query: str) -> None:
    """fast, will, gift are German words too (fast 7000 Meisterprämien); in an English query they
    match only through the English-German glossary."""
    homographs = {"fast", "will", "gift"}
    rows = find(store, query, limit=None).rows
    assert rows
    for row in rows:
        for match in row["_hit"].matches:
            assert match.word not in homographs or match.how == "glossary", (query, row["id"], match.as_dict())


def test_an_english_compound_meets_the_glossary_written_open_or_closed(store: Store) -> None:
    """The glossary says "part time" (I.6, Teilzeit); "parttime" means it too, as "work force"
    means its "workforce"."""
    hit = find(store, "parttime teachers").rows[0]
    assert hit["id"] == "I.6"
    assert ("parttime", "glossary") in {(m.word, m.how) for m in hit["_hit"].matches}
    matches = {(m.word, m.how) for r in find(store, "work force shortage").rows for m in r["_hit"].matches}
    assert ("work force shortage", "glossary") in matches  # the glossary's "workforce shortage"


def test_a_german_homograph_alone_is_the_german_word(store: Store) -> None:
    """ "fast" alone is the German word (almost): IV.1's update "Fast 7000 Meisterprämien
    überwiesen", right after IV.1 itself, which holds it."""
    rows = find(store, "fast").rows
    assert [(r["measure_id"], r["kind"]) for r in rows[:2]] == [("IV.1", "measure"), ("IV.1", "update")]
    assert rows[1]["title"] == "Fast 7000 Meisterprämien überwiesen"
    for row in rows:
        assert all(m.how == "exact" and m.shown == "Fast" for m in row["_hit"].matches), row["title"]


def test_a_long_query_answers_within_3_seconds_with_a_note(fko: Callable[..., Result]) -> None:
    import random
    import time

    from ..conftest import shipped_tables

    words = " ".join(m["description"] for m in shipped_tables()["measures"]).split()
    pick = random.Random(7).choice
    query = " ".join(pick(words) for _ in range(12_500))  # about 2,000 distinct words
    start = time.perf_counter()
    result = fko("search", query, "--json")
    assert time.perf_counter() - start <= 3.0
    assert result.code == 0
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("fko: the query has "), lines
    assert "searched the first 64, left out " in lines[0]


def test_a_long_query_of_unknown_words_answers_within_3_seconds(fko: Callable[..., Result]) -> None:
    """12,500 words the data does not hold (4.5 s before: the closest data words were sought for
    every word of the query, not for the 64 it searched): the note, and closest words of those 64."""
    import random
    import string
    import time

    pick = random.Random(11).choice
    junk = ["".join(pick(string.ascii_lowercase) for _ in range(8)) for _ in range(12_500)]
    start = time.perf_counter()
    result = fko("search", " ".join([*junk, "Meisterprämie"]))
    assert time.perf_counter() - start <= 3.0
    assert result.code == 0 and result.out == ""
    note, nothing = result.err.splitlines()
    assert note == "fko: the query has 12501 distinct words; searched the first 64, left out 12437"
    assert nothing.startswith("fko: nothing matches ") and "closest words in the data: " in nothing
    assert "Meisterprämie" not in nothing  # word 12,501 was not searched, so nothing is said to be near it


def test_what_a_figure_is_counts_more_than_where_it_was_reported(store: Store) -> None:
    """A record beyond the measures is found by what it is ("Anerkennung", "Verfahren" of a
    recognition figure; an event's place) nearly as by its title, and only weakly by the title of
    its source: the IHK's recognition figures were fifth for a query naming them, below measures
    that do not count them; "WHKT Report" still leads with the WHKT's initiative, not with every
    figure the WHKT reported."""
    rows = find(store, "Anerkennung ausländischer Abschlüsse IHK Zahl der Verfahren").rows
    assert ("recognition", "IHK") in [(r["kind"], r["title"]) for r in rows[:3]], [r["title"] for r in rows[:5]]
    recognition = next(r for r in rows if r["kind"] == "recognition" and r["title"] == "IHK")
    assert {m.field for m in recognition["_hit"].matches} >= {"title", "what"}
    assert find(store, "WHKT Report").rows[0]["id"] == "N.3"
    by_source = find(store, "Handwerksblatt").rows
    assert by_source and all(m.field == "source_title" for r in by_source for m in r["_hit"].matches)
    assert all(r["score"] < 30 for r in by_source)


def test_a_key_figure_reported_by_two_sources_is_two_hits_each_citing_its_own(store: Store) -> None:
    """ "Meisterprämien ausgezahlt": 2.186 in the report, "fast 7000" in the Handwerksblatt. They were
    one hit whose text mixed both quotes and whose source was always the report: whoever cited the
    7000 from it named the wrong document (a new user's finding)."""
    rows = [r for r in find(store, "Meisterprämien ausgezahlt", limit=None).rows if r["kind"] == "indicator"]
    paid = [r for r in rows if r["title"] == "Meisterprämien ausgezahlt"]
    by_source = {r["source"]: r["_hit"].text["description"] for r in paid}
    assert len(paid) == 2 and len(by_source) == 2, by_source
    assert sum("7000" in text or "7.000" in text for text in by_source.values()) == 1, by_source
    assert "7000" not in by_source["002_a45909dfd521d212.txt"] and "7.000" not in by_source["002_a45909dfd521d212.txt"]


def test_a_table_and_csv_of_search_name_each_figures_source(fko: Callable[..., Result]) -> None:
    """The two hits titled "Meisterprämien ausgezahlt" differ by their source: the table names it by
    its key (report, dhb) as `fko indicators` does, CSV by its file as JSON does."""
    table = fko("search", "Meisterprämien", "ausgezahlt", "-k", "indicator").out.splitlines()
    assert table[1].split() == ["ID", "Kind", "Title", "Ministries", "Source", "Match", "Score"]
    assert sorted(line.split()[5] for line in table[3:]) == ["dhb", "report"]
    rows = fko("search", "Meisterprämien", "ausgezahlt", "-k", "indicator", "--csv", "--delimiter", ",").out
    assert rows.splitlines()[0].split(",")[5] == "source" and "001_4b5943aa954268f7.txt" in rows


def test_an_event_of_an_initiative_names_the_initiatives_ministries(store: Store) -> None:
    """N.2's events showed no ministry (only measures lent theirs), yet a ministry filter kept them."""
    rows = [r for r in find(store, "Welcome Center", limit=None).rows if r.get("measure_id") == "N.2"]
    assert {r["kind"] for r in rows} >= {"initiative", "event"}
    assert all(r["ressorts"] == ["MAGS"] for r in rows), [(r["kind"], r["ressorts"]) for r in rows]


def test_the_word_list_loader_takes_what_it_can(tmp_path: Path) -> None:
    from fko.search.lexicon import lexicon

    assert lexicon(Path("/nonexistent/words.tsv")).german == {}
    path = tmp_path / "words.tsv"
    path.write_text("de 4.5\tlehrer mangel\nde x\tkaputt\nxx 3.0\tfoo\nen 6.4\twill\n\n", encoding="utf-8")
    words = lexicon(path)
    assert (words.german, words.english) == ({"lehrer": 4.5, "mangel": 4.5}, {"will": 6.4})


def test_a_word_two_letters_off_in_eleven_is_no_typo(fko: Callable[..., Result]) -> None:
    """ "Künstliche" is not "dienstliche" (newcomer report, finding 7): nothing matches, exit 0."""
    result = fko("search", "Künstliche", "Intelligenz", "--json")
    assert (result.code, result.json()) == (0, [])
    assert result.err == (
        "fko: nothing matches 'Künstliche Intelligenz'; closest words in the data: "
        "dienstliche, einstellen, Jugendliche, üblichen, zeitliche\n"
    )
    typo = fko("search", "Pflage", "--json").json()  # one letter off in six still is
    assert typo[0]["id"] == "III.12" and typo[0]["matched"] == ["Pflege"]


def test_a_question_for_a_number_counts_the_records_that_hold_figures_fully(store: Store) -> None:
    """Records beyond the measures hold the figures; a query that asks for a number ("wie oft",
    "wie viele", "how many", "Anzahl") counts them as fully as the measures, where they otherwise
    count FIGURE_FACTOR: the Handwerkskammern's recognition figures and the 80,000 workers lacking
    in 2023 (an event) rise."""
    from fko.search.query import _asks_for_a_number

    def rank(query: str, wanted: Callable[[dict[str, Any]], bool]) -> int:
        rows = find(store, query, limit=None).rows
        return next(n for n, row in enumerate(rows, start=1) if wanted(row))

    def chambers(row: dict[str, Any]) -> bool:
        return row["kind"] == "recognition" and row["title"] == "Handwerkskammern"

    def lacking(row: dict[str, Any]) -> bool:
        return row["kind"] == "event" and "80.000" in row["title"]

    asked = rank("wie oft werden ausländische Abschlüsse im Handwerk anerkannt", chambers)
    assert asked <= 3 < rank("ausländische Abschlüsse im Handwerk anerkannt", chambers)
    assert rank("wie viele Fachkräfte fehlen in NRW", lacking) < rank("Fachkräfte fehlen in NRW", lacking)
    assert [_asks_for_a_number(normalise(q)) for q in ("Wie viele", "wieviele", "How many", "Anzahl der", "viele")] == [
        True,
        True,
        True,
        True,
        False,
    ]


def test_a_person_noun_in_er_keeps_apart_from_the_other_words_of_its_stem(store: Store) -> None:
    """Snowball gives Schüler and Schule one stem ("schul"), Helfer and helfen one ("helf"): a query
    for pupils found every Berufsfachschule as a kind of Schüler. Where the data holds the person
    noun's feminine in -erin, the index keys the person nouns apart ("schul-er"), and a query meets
    the other words of the stem as "related" (FACTOR 0.5, not 0.9), not their compounds; a plural in
    -er (Häuser, Länder) or an adjective (digitaler) has no -erin and stays with its stem."""
    from fko.german import person_stems, stem_of

    assert person_stems(["Schüler", "Schülerinnen", "Schule", "Häuser", "Haus", "digitaler", "digitale"]) == {"schul"}
    assert [stem_of(w, {"schul"}) for w in ("Schüler", "Schülerinnen", "schuelern", "Schule", "Häuser")] == [
        "schul-er",
        "schul-er",
        "schul-er",
        "schul",
        "haus",
    ]
    index, _ = store_index(store)
    assert {"schul", "helf", "erzieh"} <= Lookup(index).persons and "land" not in Lookup(index).persons

    def found(query: str) -> dict[str, str]:
        from fko.search.words import query_words

        words, _ = query_words(query, Lookup(index), False)
        return {term: how for term, (_, how, _, _) in words[0].found.items()}

    pupils, school = found("Schüler"), found("Schule")
    assert (pupils["schueler"], pupils["schuelerinnen"], pupils["schule"], pupils["schulen"]) == (
        "exact",
        "stem",
        "related",
        "related",
    )
    assert "berufsfachschule" not in pupils and school["berufsfachschule"] == "head"
    assert (school["schulen"], school["schueler"], school["schuelerinnen"]) == ("stem", "related", "related")
    assert [r["id"] for r in find(store, "Schüler ohne Ausbildungsplatz").rows[:1]] == ["II.8"]


@given(st.text(max_size=20), st.sets(st.text(alphabet="abcdeghilnrsu", min_size=1, max_size=6), max_size=4))
def test_a_stem_kept_apart_is_snowballs_stem_or_it_marked(word: str, persons: set[str]) -> None:
    from fko.german import PERSON, stem, stem_of

    assert stem_of(word, persons) in (stem(word), stem(word) + PERSON)
    assert stem_of(word, ()) == stem(word)
