"""The frame check of an index file (indexfile.index_problem): the shipped index is sound, and each
kind of damage to its tables is "malformed", whatever else the index holds; its number tables as a
query reads them (lookup.Lookup)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from fko.search.indexfile import index_aliases, index_problem
from fko.search.lookup import Lookup
from fko.store.fileformat import SHIPPED, index_path


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    index: dict[str, Any] = json.loads(index_path(SHIPPED).read_bytes())["index"]
    return index


def test_the_shipped_index_is_sound(shipped: dict[str, Any]) -> None:
    assert index_problem(shipped) is None
    assert index_aliases(shipped) == shipped["aliases"]
    assert "Meisterprämie" in index_aliases(shipped)["IV.1"]


def _first(table: dict[str, Any]) -> str:
    return next(iter(table))


DAMAGES: dict[str, Callable[[dict[str, Any]], None]] = {
    "a posting that is no text": lambda i: i["postings"].update({_first(i["postings"]): [1, 2]}),
    "a stem naming a word without postings": lambda i: i["stems"].update({"zzz": "meisterpraemie zzzword"}),
    "a head that is no text": lambda i: i["heads"].update({_first(i["heads"]): None}),
    "a part naming a word without postings": lambda i: i["parts"].update({"zzz": "zzzword"}),
    "a variant naming a word without postings": lambda i: i["variants"].update({"zzz": "zzzword"}),
    "a surface form that is no text": lambda i: i["surface"].update({_first(i["surface"]): 1}),
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


def test_the_number_tables_keep_numbers_only(shipped: dict[str, Any]) -> None:
    """The frequency tables of an index are read as numbers; a value of another type (a bool too)
    is left out, an integer is a float."""
    index = copy.deepcopy(shipped)
    index["zipf"] = {"a": 3.5, "b": 4, "c": True, "d": "5", "e": None, "f": [1]}
    index["english"] = {"teacher": 5, "yes": False}
    look = Lookup(index)
    assert look.zipf == {"a": 3.5, "b": 4.0} and type(look.zipf["b"]) is float
    assert look.english == {"teacher": 5.0}
    assert Lookup(shipped).zipf == {k: float(v) for k, v in shipped["zipf"].items()}
