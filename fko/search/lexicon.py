"""The general word list a query reads when the data's own words do not suffice: German words to
split a compound the data does not hold ("Lehrermangel"), and English words to tell an English
query, whose "fast" or "will" is not the German word.

`fko data build` writes it (fko/ingest/resources.py, from wordfreq: CC BY-SA 4.0, see
fko/data/LICENSES.md); a query loads it only when a word needs it, once.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

WORDS = Path(__file__).parents[1] / "data" / "words.tsv"


class Lexicon:
    """German and English words (normalised) with their Zipf frequency."""

    __slots__ = ("german", "english")

    def __init__(self, german: dict[str, float], english: dict[str, float]) -> None:
        self.german, self.english = german, english


@lru_cache(maxsize=1)
def lexicon(path: Path = WORDS) -> Lexicon:
    """The word list at path (empty if it is missing or unreadable: a query then splits compounds
    by the data's own words alone, as before)."""
    german: dict[str, float] = {}
    english: dict[str, float] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Lexicon(german, english)
    for line in text.splitlines():
        word, _, rest = line.partition("\t")
        de, _, en = rest.partition("\t")
        try:
            if de:
                german[word] = float(de)
            if en:
                english[word] = float(en)
        except ValueError:
            continue
    return Lexicon(german, english)
