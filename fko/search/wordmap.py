"""The index's tables of words as text: one `word<TAB>value` line per word, sorted by word.

Where each word of the data stands, its stems, compound parts, spellings, lemmas and frequencies
are thousands of words each, and a query reads a few of them. As JSON objects every start would
make all of their strings (about 20,000); as text they are one string each, and a query finds a
word's line by one search of the text, as it finds the synonym table's (index.route_numbers),
and the words that hold a query word by searches for it (WordMap.holding). A query that reads a
table whole (every word of the data, to find a misspelt word's nearest) decodes it once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import overload

#: The index's tables of words (build_index): each `word<TAB>value` lines (word_map_text).
WORD_MAPS = (
    "postings",
    "surface",
    "variants",
    "stems",
    "heads",
    "parts",
    "splits",
    "zipf",
    "english",
    "lemma_forms",
    "lemmas",
    "glossary_closed",
)

#: After this many words looked up one by one, the table is decoded whole: a search of the text
#: costs a pass over it, and a long query looks up hundreds of words.
MAX_SEARCHES = 64


class MalformedIndex(Exception):
    """A part of a store's search index that is not what the build writes: a line of a table of
    words, a word's postings, the synonym table or the glossary."""


def word_map_text(mapping: Mapping[str, object]) -> str:
    """The text of a table of words: `word<TAB>value` lines, sorted by word; a value's whitespace
    (a line break in a word as printed) as one space, so that each word keeps one line."""
    lines = []
    for word, value in sorted(mapping.items()):
        if not word or word != "".join(word.split()):
            raise ValueError(f"not a word of the index: {word!r}")
        lines.append(f"{word}\t{' '.join(str(value).split())}")
    return "\n".join(lines)


class WordMap:
    """A table of words read from its text (word_map_text): a word's value found by one search of
    the text, remembered; the whole table decoded once where a query asks for all of it, or has
    looked up many words. The text is untrusted: a line without a tab raises MalformedIndex when
    the table is decoded whole."""

    __slots__ = ("_text", "_found", "_whole", "_words")

    def __init__(self, text: str) -> None:
        self._text = f"\n{text}\n"
        self._found: dict[str, str | None] = {}
        self._whole: dict[str, str] | None = None
        self._words: list[str] | None = None

    @overload
    def get(self, word: str) -> str | None: ...

    @overload
    def get(self, word: str, default: str) -> str: ...

    def get(self, word: str, default: str | None = None) -> str | None:
        value = self._value(word)
        return default if value is None else value

    def __getitem__(self, word: str) -> str:
        value = self._value(word)
        if value is None:
            raise KeyError(word)
        return value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._value(word) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.words())

    def __len__(self) -> int:
        return len(self.whole())

    def words(self) -> list[str]:
        """The table's words in its order, without decoding their values (as a query scans them)."""
        if self._words is None:
            if self._whole is not None:
                self._words = list(self._whole)
            else:
                lines = [line.partition("\t") for line in self._text.split("\n") if line]
                if not all(word and tab for word, tab, _ in lines):
                    raise MalformedIndex(next(word for word, tab, _ in lines if not (word and tab))[:40])
                self._words = [word for word, _, _ in lines]
        return self._words

    def holding(self, part: str) -> list[str]:
        """The table's words that hold `part`, in the table's order: found by searches of the text
        for `part` where a query asks which words of the data begin with, or hold, a query word.
        `part` is letters only; a match in a value (postings are digits) is no word's."""
        if not part.isalpha():
            raise ValueError(f"not letters: {part!r}")
        if self._whole is not None:
            return [word for word in self._whole if part in word]
        text, found = self._text, []
        at = text.find(part)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            tab = text.find("\t", start, end)
            if tab <= 0 or tab == start:
                raise MalformedIndex(text[start : start + 40])
            if at < tab:
                found.append(text[start:tab])
            at = text.find(part, end)
        return found

    def whole(self) -> dict[str, str]:
        """The table as a dict (the first line of a word counts, as a search finds it)."""
        if self._whole is None:
            whole: dict[str, str] = {}
            for line in self._text.split("\n"):
                if not line:
                    continue
                word, tab, value = line.partition("\t")
                if not (word and tab):
                    raise MalformedIndex(line[:40])
                whole.setdefault(word, value)
            self._whole = whole
        return self._whole

    def _value(self, word: str) -> str | None:
        if self._whole is not None:
            return self._whole.get(word)
        if word in self._found:
            return self._found[word]
        if len(self._found) >= MAX_SEARCHES:
            return self.whole().get(word)
        value = None
        if word and "\n" not in word and "\t" not in word:
            start = self._text.find(f"\n{word}\t")
            if start >= 0:
                start += len(word) + 2
                value = self._text[start : self._text.index("\n", start)]
        self._found[word] = value
        return value


def as_frequency(value: str | None) -> float | None:
    """A value of a table of frequencies as a number; None for none, or for one that is no finite
    decimal number (the text is untrusted: "nan", "inf" and "1_0" are no frequencies)."""
    if not value or not value.replace(".", "", 1).isdigit() or not value.isascii():
        return None
    return float(value)
