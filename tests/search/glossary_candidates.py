"""The data words the English-German glossary (fko/data/english.toml) must consider, derived from
the search index alone, never from queries: every word of a title or goal, and every word that
stands in three records or more; acronyms and frequent lower-case words (function words) aside.
Grouped by stem, so that one entry covers a word's forms."""

from __future__ import annotations

import re
from typing import Any

from fko import german
from fko.search.index import FIELD_NAMES, STOPWORDS, decode_postings
from fko.search.lookup import Lookup

#: A word standing in this many records or more is a candidate wherever it stands.
MIN_RECORDS = 3
#: A word printed in lower case this frequent in German at large (Zipf) is a function word.
MAX_ZIPF_LOWER = 5.0

_ACRONYM = re.compile(r"^[A-ZÄÖÜ].*[A-ZÄÖÜ]")  # NRW, KAoA, InnovationSPIN
_NAMED_FIELDS = frozenset({FIELD_NAMES.index("title"), FIELD_NAMES.index("goal")})


def candidates(index: dict[str, Any]) -> dict[str, list[str]]:
    """Stem -> the data's words of that stem (as printed) that the glossary must consider."""
    synthetic = set(index["synthetic"])
    look = Lookup(index)
    found: dict[str, set[str]] = {}
    for term, text in look.postings.whole().items():
        if term in synthetic or not term.isalpha() or len(term) < 3 or term in STOPWORDS:
            continue
        printed = look.surface.get(term, term)
        if _ACRONYM.match(printed):
            continue
        if printed[:1].islower() and (look.zipf(term) or 0.0) >= MAX_ZIPF_LOWER:
            continue
        entries = decode_postings(text)
        records = {e[0] for e in entries}
        if len(records) >= MIN_RECORDS or any(e[1] in _NAMED_FIELDS for e in entries):
            found.setdefault(german.stem(printed), set()).add(printed)
    return {stem: sorted(words) for stem, words in sorted(found.items())}


def uncovered(index: dict[str, Any], glossary: list[dict[str, Any]], left_out: dict[str, list[str]]) -> list[str]:
    """The candidates (one printed word each) that no glossary term translates and no list of
    left_out names, by stem."""
    covered = {german.stem(word) for term in glossary for word in term["de"]}
    covered |= {german.stem(word) for words in left_out.values() for word in words}
    return [words[0] for stem, words in candidates(index).items() if stem not in covered]


def print_coverage(
    index: dict[str, Any], meant: list[tuple[str, str]], left_out: dict[str, list[str]], only_uncovered: bool
) -> tuple[int, int, int]:
    """Print each candidate's words and what covers it: the label of the first (word, label) of
    `meant` with its stem, else the `left_out` list that names it, else UNCOVERED (with
    `only_uncovered`, those alone). Returns (candidates, meant, uncovered) for bench/glossary.py
    and bench/synonyms.py."""
    covers: dict[str, str] = {}
    for word, label in meant:
        covers.setdefault(german.stem(word), label)
    meant_stems = set(covers)
    for name, words in left_out.items():
        for word in words:
            covers.setdefault(german.stem(word), f"left out ({name})")
    found = candidates(index)
    missing = 0
    for stem, words in found.items():
        cover = covers.get(stem)
        missing += cover is None
        if cover is None or not only_uncovered:
            print(f"{' '.join(words):60} {cover or 'UNCOVERED'}")
    return len(found), sum(1 for stem in found if stem in meant_stems), missing
