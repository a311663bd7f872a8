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
    """The word list at path, as fko/ingest/resources.py writes it (one line per language and Zipf
    value: `de 4.5<TAB>word word ...`); empty if it is missing or unreadable: a query then splits
    compounds by the data's own words alone, as before."""
    found: dict[str, dict[str, float]] = {"de": {}, "en": {}}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    for line in text.splitlines():
        head, _, words = line.partition("\t")
        lang, _, value = head.partition(" ")
        try:
            zipf = float(value)
        except ValueError:
            continue
        if lang in found:
            found[lang].update(dict.fromkeys(words.split(), zipf))
    return Lexicon(found["de"], found["en"])
