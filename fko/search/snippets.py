"""What a hit shows of its text: a window around the matched words, with their spans; and, for a
query that found nothing, the closest words of the data."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fko.german import normalise
from fko.search.index import WORD
from fko.search.lookup import Lookup
from fko.search.words import MAX_WORD, MAX_WORDS


def closest_terms(index: dict[str, Any], query: str, limit: int = 5) -> list[str]:
    """Words of the data closest to a query that found nothing, as printed in the data (never
    the index's own tokens such as joined IDs), for the hint on stderr."""
    from rapidfuzz import fuzz, process

    look = Lookup(index)
    synthetic = set(index.get("synthetic", ()))
    vocabulary = [t for t in look.vocabulary if t not in synthetic and t.isalpha() and len(t) >= 3]
    scored: list[tuple[float, str]] = []
    for word in list(dict.fromkeys(normalise(query).split()))[:MAX_WORDS]:  # the words the search read
        if len(word) > MAX_WORD:
            continue  # nothing of the data is close to it, and comparing would take long
        for term, similarity, _ in process.extract(word, vocabulary, scorer=fuzz.ratio, limit=limit):
            scored.append((similarity, look.surface.get(term) or term))
    out: list[str] = []
    for _, shown in sorted(scored, key=lambda s: -s[0]):
        if shown not in out:
            out.append(shown)
    return out[:limit]


def highlight_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans of the words in text whose normalised form is one of the matched terms."""
    wanted = set(terms)
    spans = []
    for match in WORD.finditer(text):
        word = match.group(0)
        key = word.lower() if word.isascii() else normalise(word)  # the same key, faster for ASCII
        if key in wanted:
            spans.append((match.start(), match.end()))
    return spans


def snippet(text: str, terms: Iterable[str], width: int = 70) -> tuple[str, list[tuple[int, int]]]:
    """A window of text around the first matched word, and the spans to highlight in it."""
    text = " ".join(text.split())
    spans = highlight_spans(text, terms)
    if not spans:
        cut = text[:width]
        return (cut + ("…" if len(text) > width else ""), [])
    start = max(0, spans[0][0] - width // 3)
    if start:
        start = text.rfind(" ", 0, start) + 1
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > spans[0][1] else end
    prefix = "…" if start else ""
    window = prefix + text[start:end] + ("…" if end < len(text) else "")
    shift = len(prefix) - start
    return window, [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
