"""The search index as a query reads it: postings decoded as needed, the synonym table and the
glossary looked up word by word, and the frequencies that tell German words from English ones."""

from __future__ import annotations

from typing import Any

from fko import german
from fko.search.index import (
    STOPWORDS,
    decode_glossary,
    decode_glossary_entry,
    decode_postings,
    decode_synonym,
    route_numbers,
)
from fko.search.wordmap import MalformedIndex, WordMap, as_frequency


class Lookup:
    """The index, with its tables of words read as a query needs them (fko/search/wordmap.py)."""

    def __init__(self, index: dict[str, Any]) -> None:
        self.index = index
        self.postings = _table(index, "postings")
        self.surface = _table(index, "surface")
        self.lemma_forms = _table(index, "lemma_forms")
        self.lemmas = _table(index, "lemmas")
        self._tables = {name: _table(index, name) for name in ("stems", "heads", "parts", "variants")}
        self.variants = self._tables["variants"]
        self._zipf = _table(index, "zipf")
        self._english = _table(index, "english")
        self._lexicon: frozenset[str] | None = None
        self._general: dict[str, float] | None = None
        self._dotless: dict[str, str] | None = None
        self._decoded: dict[str, list[list[int]]] = {}
        self._glossary: dict[str, list[tuple[list[str], str]]] | None = None
        self._closed = _table(index, "glossary_closed")
        self._terms: dict[str, list[tuple[list[str], str]]] = {}
        self._route_texts: dict[str, str] = {}
        persons = index.get("person_stems")
        self.persons = frozenset(persons.split()) if isinstance(persons, str) else frozenset()
        weak = index.get("weak_words")
        self.weak_words = frozenset(weak.split()) if isinstance(weak, str) else frozenset()
        self._synonyms: dict[str, list[tuple[list[str], str, bool]]] = {}

    @property
    def vocabulary(self) -> list[str]:
        """Every word of the data (with postings), in the index's order."""
        return self.postings.words()

    def words_of(self, table: str, key: str) -> list[str]:
        """The data's words that a table of the index names for a key: "stems" (a stem: its
        inflections), "heads" and "parts" (a stem: the compounds that end in it or hold it),
        "variants" (an umlaut-free spelling: the words so spelt). Each must have postings, else the
        index is damaged (MalformedIndex): a query reads the postings of every word found."""
        words = self._tables[table].get(key, "").split()
        for word in words:
            if word not in self.postings:
                raise MalformedIndex(f"{table} {key[:40]}")
        return words

    def zipf(self, key: str) -> float | None:
        """How frequent a word is in German at large, where the index keeps it (frequent data words
        and words of the synonym table)."""
        return as_frequency(self._zipf.get(key))

    def english(self, key: str) -> float | None:
        """How frequent a data word that is also an English word is in English, where the index
        keeps it."""
        return as_frequency(self._english.get(key))

    def in_english(self, key: str) -> bool:
        """Whether a data word is also an English word the index knows."""
        return self.english(key) is not None

    def synonym_words(self) -> list[str]:
        """The typed words of the synonym table (normalised), for near spellings of them."""
        text = self.index.get("synonyms") or ""
        return [line.partition("\t")[0] for line in text.split("\n") if line and " " not in line.partition("\t")[0]]

    def _route(self, table: str, entries_of: str, key: str) -> tuple[list[int], list[Any]]:
        """The numbers of a key's entries in the synonym table or the glossary (`table`), found in the
        index's text (index.route_numbers), and the table's entries (`entries_of`)."""
        if table not in self._route_texts:
            self._route_texts[table] = "\n" + (self.index.get(table) or "")
        entries = self.index.get(entries_of) or []
        return route_numbers(self._route_texts[table], key, len(entries)), entries

    def synonyms(self, key: str) -> list[tuple[list[str], str, bool]]:
        """The synonym entries of a typed word or phrase (normalised, or its stem_key): (the data's
        words, reason, weak), looked up in the index's text without decoding the table."""
        if key not in self._synonyms:
            numbers, entries = self._route("synonyms", "synonym_entries", key)
            self._synonyms[key] = [decode_synonym(entries[n]) for n in numbers]
        return self._synonyms[key]

    @property
    def glossary(self) -> dict[str, list[tuple[list[str], str]]]:
        """The English-German glossary: English key -> its terms ([the data's words], reason),
        decoded when a query first needs it."""
        if self._glossary is None:
            self._glossary = decode_glossary(self.index.get("glossary") or "", self.index.get("glossary_entries") or [])
        return self._glossary

    def glossary_terms(self, key: str) -> list[tuple[list[str], str]]:
        """The glossary terms of an English word or phrase (normalised) written as the glossary
        writes it, or with the spaces of a key of several words closed ("parttime": "part time"),
        looked up in the index's text without decoding the glossary."""
        if key not in self._terms:
            numbers, entries = self._route("glossary", "glossary_entries", key)
            written = self._closed.get(key) if not numbers and " " not in key else None
            if written:
                numbers, entries = self._route("glossary", "glossary_entries", written)
            self._terms[key] = [decode_glossary_entry(entries[n]) for n in numbers]
        return self._terms[key]

    def entries(self, term: str) -> list[list[int]]:
        """[[doc, field, position, ...], ...] of one word of the data."""
        if term not in self._decoded:
            self._decoded[term] = decode_postings(self.postings[term], len(self.index["docs"]))
        return self._decoded[term]

    @property
    def lexicon(self) -> frozenset[str]:
        if self._lexicon is None:
            self._lexicon = frozenset(w for w in self.vocabulary if len(w) >= 3 and w.isalpha() and w not in STOPWORDS)
        return self._lexicon

    @property
    def general_loaded(self) -> bool:
        """Whether this query has loaded the general word list (to split a compound)."""
        return self._general is not None

    @property
    def general(self) -> dict[str, float]:
        """German words with their Zipf frequency: the general word list and the data's words."""
        if self._general is None:
            from fko.search.lexicon import lexicon

            self._general = dict.fromkeys(self.lexicon, 2.5)
            self._general.update(lexicon().german)
        return self._general

    @property
    def general_dotless(self) -> dict[str, str]:
        """German words of the general list with an umlaut, by their form typed without its dots
        ("gartner" -> "gaertner"; the more frequent word where two meet): for a compound typed so."""
        if self._dotless is None:
            general = self.general
            self._dotless = {}
            for word in sorted(general, key=general.__getitem__):
                plain = german.dotless(word)
                if plain != word and plain not in general:
                    self._dotless[plain] = word
        return self._dotless

    def _frequencies(self, key: str) -> tuple[float, float]:
        """A word's Zipf frequency in German and in English (0 where unknown; a word of the data
        that the general list lacks counts as a rare German word)."""
        from fko.search.lexicon import lexicon

        words = lexicon()
        de = words.german.get(key)
        if de is None:
            de = self.zipf(key)
        if de is None:
            de = 2.5 if key in self.postings else 0.0
        en = words.english.get(key)
        if en is None:
            en = self.english(key)
        return de, en or 0.0

    def language_of(self, key: str) -> str | None:
        """'en' for a word more common in English than in German, 'de' for the reverse, else None."""
        de, en = self._frequencies(key)
        if en >= 3.0 and en >= de + 0.5:
            return "en"
        if de >= 3.0 and de >= en + 0.5:
            return "de"
        return None

    def homograph(self, key: str) -> bool:
        """Whether a word is a common word of both languages, as common in German as in English or
        nearly ("fast", "will", "gift", "art", "team"): the query's other words say which it is."""
        de, en = self._frequencies(key)
        return de >= 3.0 and en >= 3.0 and de >= en - 1.0


def _table(index: dict[str, Any], name: str) -> WordMap:
    """A table of words of the index (its frame is checked: indexfile.index_problem)."""
    text = index.get(name)
    return WordMap(text if isinstance(text, str) else "")
