"""Normalisation of German text for matching, and the ranked search over measures."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_UMLAUT = {"a\u0308": "ae", "o\u0308": "oe", "u\u0308": "ue"}
_UMLAUT_RE = re.compile("|".join(_UMLAUT))
_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """The matching key of a text: one function for the index and for the query.

    NFKC, soft hyphens and zero-width characters removed, casefolded (ß -> ss), umlauts
    transliterated (ä -> ae) so "Meisterprämie" and "Meisterpraemie" meet, other accents
    dropped, punctuation turned into single spaces.
    """
    text = unicodedata.normalize("NFKD", text.translate(_INVISIBLE)).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = _UMLAUT_RE.sub(lambda m: _UMLAUT[m.group(0)], text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFKC", text)
    return _NON_WORD.sub(" ", text).strip()
