"""The frame check of an index file (indexfile.index_problem): the shipped index is sound, and each
kind of damage to its frame is "malformed", whatever else the index holds; the lines of its tables
of words as a query reads them (wordmap.WordMap, lookup.Lookup), damaged ones "malformed" then."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from fko.search.indexfile import index_aliases, index_problem
from fko.search.lookup import Lookup
from fko.search.wordmap import MAX_SEARCHES, WORD_MAPS, MalformedIndex, WordMap
from fko.store.fileformat import SHIPPED, index_path


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    index: dict[str, Any] = json.loads(index_path(SHIPPED).read_bytes())["index"]
    return index


def test_the_shipped_index_is_sound(shipped: dict[str, Any]) -> None:
    assert index_problem(shipped) is None
    assert index_aliases(shipped) == shipped["aliases"]
    assert "Meisterprämie" in index_aliases(shipped)["IV.1"]


DAMAGES: dict[str, Callable[[dict[str, Any]], None]] = {
    "postings that are no text": lambda i: i.update(postings={"meisterpraemie": "1,0,0"}),
    "stems that are no text": lambda i: i.update(stems=["meisterprami"]),
    "heads that are missing": lambda i: i.pop("heads"),
    "surface forms that are no text": lambda i: i.update(surface=None),
    "frequencies that are no text": lambda i: i.update(zipf={"geld": 5.6}),
    "an alias with a lone surrogate": lambda i: i["aliases"]["IV.1"].append("Meister\ud800prämie"),
    "an alias key with a lone surrogate": lambda i: i["aliases"].update({"IV.\udc99": ["x"]}),
    "an alias that is no text": lambda i: i["aliases"]["IV.1"].append(1),
    "a synonym entry that is no text": lambda i: i["synonym_entries"].append({"means": ["x"]}),
    "a glossary entry that is no text": lambda i: i["glossary_entries"].append(["x"]),
}


@pytest.mark.parametrize("name", sorted(DAMAGES))
def test_each_damage_is_malformed(name: str, shipped: dict[str, Any]) -> None:
    index = copy.deepcopy(shipped)
    DAMAGES[name](index)
    assert index_problem(index) == "malformed"


def test_aliases_with_a_lone_surrogate_are_left_out_the_others_kept(shipped: dict[str, Any]) -> None:
    index = copy.deepcopy(shipped)
    index["aliases"]["IV.1"].append("Meister\ud800prämie")
    kept = index_aliases(index)
    assert "IV.1" not in kept
    assert {k: v for k, v in shipped["aliases"].items() if k != "IV.1"} == kept


def _first_line(index: dict[str, Any], table: str, line: str) -> None:
    """A line put first in a table of words: a search of the text finds it before the build's."""
    index[table] = f"{line}\n{index[table]}"


def test_a_table_naming_a_word_without_postings_is_malformed_when_a_query_reads_it(shipped: dict[str, Any]) -> None:
    """The frame check leaves the lines to the query; a word a table names must have postings
    (a query reads them), and the query says the index is malformed where it has none."""
    assert Lookup(shipped).words_of("stems", "meisterprami") == ["meisterpraemie", "meisterpraemien"]
    for table in ("stems", "heads", "parts", "variants"):
        index = copy.deepcopy(shipped)
        _first_line(index, table, "meisterprami\tmeisterpraemie zzzword")
        assert index_problem(index) is None
        with pytest.raises(MalformedIndex, match=table):
            Lookup(index).words_of(table, "meisterprami")
        key = "lehrkrafte" if table == "variants" else "lehrkraft"
        assert Lookup(index).words_of(table, key) == Lookup(shipped).words_of(table, key) != []


def test_a_line_without_its_tab_is_malformed_when_a_table_is_read_whole(shipped: dict[str, Any]) -> None:
    index = copy.deepcopy(shipped)
    _first_line(index, "postings", "zzzword")
    look = Lookup(index)
    assert look.postings.get("meisterpraemie") == Lookup(shipped).postings.get("meisterpraemie")
    with pytest.raises(MalformedIndex):
        look.postings.words()
    with pytest.raises(MalformedIndex):
        look.postings.whole()


def test_the_number_tables_keep_finite_numbers_only(shipped: dict[str, Any]) -> None:
    """The frequency tables of an index are read as numbers; a value that is no finite decimal
    number is no frequency."""
    index = copy.deepcopy(shipped)
    index["zipf"] = "a\t3.5\nb\t4\nc\tTrue\nd\tnan\ne\t\nf\tinf\ng\t-1\nh\t1e9\ni\t٣"
    index["english"] = "teacher\t5\nyes\tFalse"
    look = Lookup(index)
    assert [look.zipf(w) for w in "abcdefghi"] == [3.5, 4.0, None, None, None, None, None, None, None]
    assert type(look.zipf("b")) is float
    assert look.in_english("teacher") and not look.in_english("yes") and not look.in_english("zzz")
    assert Lookup(shipped).zipf("geld") == 5.6 and Lookup(shipped).zipf("zzz") is None


def test_a_table_of_words_reads_alike_by_search_and_whole(shipped: dict[str, Any]) -> None:
    """A word found by a search of the text has the value the decoded table gives it, for every
    word of every table, and a word of none is None."""
    for name in WORD_MAPS:
        table = WordMap(shipped[name]).whole()
        searched = WordMap(shipped[name])
        sample = list(table)[:: max(1, len(table) // (MAX_SEARCHES - 1))]
        assert {w: searched.get(w) for w in sample} == {w: table[w] for w in sample}, name
        assert searched.get("zzz") is None and "zzz" not in searched
    assert len(WordMap(shipped["postings"])) == 2987
