"""The search index as a query reads it: postings decoded as needed, the synonym table and the
glossary looked up word by word, and the frequencies that tell German words from English ones."""

from __future__ import annotations

from typing import Any

from fko.search.index import STOPWORDS, decode_glossary, decode_postings, decode_synonym, route_numbers


class Lookup:
    """The index, with the few derived views a query needs made once."""

    def __init__(self, index: dict[str, Any]) -> None:
        self.index = index
        self.postings: dict[str, str] = index["postings"]
        self.vocabulary = list(self.postings)
        self._lexicon: frozenset[str] | None = None
        self._general: dict[str, float] | None = None
        self._dotless: dict[str, str] | None = None
        self._decoded: dict[str, list[list[int]]] = {}
        self.zipf = _number_map(index.get("zipf"))
        self.english = _number_map(index.get("english"))
        forms, lemmas = index.get("lemma_forms"), index.get("lemmas")
        self.lemma_forms: dict[str, Any] = forms if isinstance(forms, dict) else {}
        self.lemmas: dict[str, Any] = lemmas if isinstance(lemmas, dict) else {}
        self._glossary: dict[str, list[tuple[list[str], str]]] | None = None
        self._closed: dict[str, str] | None = None
        self._synonym_text: str | None = None
        weak = index.get("weak_words")
        self.weak_words = frozenset(weak.split()) if isinstance(weak, str) else frozenset()
        self._synonyms: dict[str, list[tuple[list[str], str, bool]]] = {}

    def synonym_words(self) -> list[str]:
        """The typed words of the synonym table (normalised), for near spellings of them."""
        text = self.index.get("synonyms") or ""
        return [line.partition("\t")[0] for line in text.split("\n") if line and " " not in line.partition("\t")[0]]

    def synonyms(self, key: str) -> list[tuple[list[str], str, bool]]:
        """The synonym entries of a typed word or phrase (normalised, or its stem_key): (the data's
        words, reason, weak), looked up in the index's text without decoding the table."""
        if key not in self._synonyms:
            if self._synonym_text is None:
                self._synonym_text = "\n" + (self.index.get("synonyms") or "")
            entries = self.index.get("synonym_entries") or []
            numbers = route_numbers(self._synonym_text, key, len(entries))
            self._synonyms[key] = [decode_synonym(entries[n]) for n in numbers]
        return self._synonyms[key]

    @property
    def glossary(self) -> dict[str, list[tuple[list[str], str]]]:
        """The English-German glossary: English key -> its terms ([the data's words], reason),
        decoded when a query first needs it."""
        if self._glossary is None:
            self._glossary = decode_glossary(self.index.get("glossary") or "", self.index.get("glossary_entries") or [])
        return self._glossary

    @property
    def glossary_closed(self) -> dict[str, str]:
        """The glossary's keys by their letters alone ("parttime" -> "part time"; a key that is
        already closed keeps its own place), decoded when a query first needs it."""
        if self._closed is None:
            self._closed = {}
            for key in sorted(self.glossary, key=lambda k: (" " in k, k)):
                self._closed.setdefault(key.replace(" ", ""), key)
        return self._closed

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
                plain = word.replace("ae", "a").replace("oe", "o").replace("ue", "u")
                if plain != word and plain not in general:
                    self._dotless[plain] = word
        return self._dotless

    def _frequencies(self, key: str) -> tuple[float, float]:
        """A word's Zipf frequency in German and in English (0 where unknown; a word of the data
        that the general list lacks counts as a rare German word)."""
        from fko.search.lexicon import lexicon

        words = lexicon()
        de = words.german.get(key, self.zipf.get(key, 2.5 if key in self.postings else 0.0))
        return de, words.english.get(key, self.english.get(key, 0.0))

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


def _number_map(value: Any) -> dict[str, float]:
    """A table of the index that maps words to numbers, with anything else left out (untrusted).
    Its values come from JSON, so their exact types are asked (a bool's type is not int)."""
    if not isinstance(value, dict):
        return {}
    return {k: float(v) for k, v in value.items() if type(v) is float or type(v) is int}
