"""Normalisation of German text for matching, and the ranked search over measures."""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_UMLAUT = {"a\u0308": "ae", "o\u0308": "oe", "u\u0308": "ue"}
_UMLAUT_RE = re.compile("|".join(_UMLAUT))
_NON_WORD = re.compile(r"[\W_]+")
_THOUSANDS = re.compile(r"(?<=\d)\.(?=\d{3}(?!\d))")


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
    text = _THOUSANDS.sub("", unicodedata.normalize("NFKC", text))  # "2.500" and "2500" meet
    return _NON_WORD.sub(" ", text).strip()


#: Searchable fields and how much a hit in each counts (a title hit outranks a description hit).
FIELDS: tuple[tuple[str, float], ...] = (
    ("id", 1.0),
    ("alias", 1.0),
    ("title", 1.0),
    ("ressorts", 0.6),
    ("goal", 0.55),
    ("partners", 0.5),
    ("description", 0.4),
    ("budget", 0.4),
    ("updates", 0.45),
)
FIELD_NAMES = tuple(name for name, _ in FIELDS)
_WEIGHT = dict(FIELDS)
STOPWORDS = frozenset(
    "und oder der die das den dem des ein eine einer eines einem einen in im fuer von vom mit zu zur zum "
    "auf an am aus bei als wie ist sind wird werden nach sowie bzw auch sich es nicht so dass um the of".split()
)
_PLAIN_UMLAUT = {"a\u0308": "a", "o\u0308": "o", "u\u0308": "u"}
_PLAIN_RE = re.compile("|".join(_PLAIN_UMLAUT))
_ACRONYM = re.compile(r"\b([A-ZÄÖÜ][A-Za-zÄÖÜäöü]*[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*(?:[.-][A-Za-z]+)?|[a-z]{2,}\.NRW)\b")
_WORD = re.compile(r"[^\W_]+")


def normalise_plain(text: str) -> str:
    """Like normalise, but umlauts lose their dots ("ü" -> "u"): the form of a user who skipped them."""
    text = unicodedata.normalize("NFKD", text.translate(_INVISIBLE)).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = _PLAIN_RE.sub(lambda m: _PLAIN_UMLAUT[m.group(0)], text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", _THOUSANDS.sub("", unicodedata.normalize("NFKC", text))).strip()


def acronyms(text: str) -> list[str]:
    """Acronyms a measure defines or uses prominently: "(KIM)", "(zdi.NRW)", "OBAS", "SiA-NRW"."""
    found: list[str] = []
    for match in _ACRONYM.finditer(text):
        word = match.group(1)
        if word.upper() == "NRW" or len(word) < 2 or word in found:
            continue
        found.append(word)
    return found


# --- building the index (at build time) ----------------------------------------------------


def document(record: dict[str, Any], aliases: Sequence[str], updates: Sequence[str] = ()) -> dict[str, Any]:
    """The searchable text of one record, by field (updates: later developments from newer sources)."""
    return {
        "id": record["id"],
        "alias": list(aliases),
        "title": record["title"],
        "ressorts": list(record.get("ressorts") or []),
        "goal": record.get("goal") or "",
        "partners": list(record.get("partners") or []),
        "description": record.get("description") or "",
        "budget": (record.get("budget") or {}).get("text") or "",
        "updates": list(updates),
    }


def _texts(doc: dict[str, Any], name: str) -> list[str]:
    value = doc.get(name)
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value else []


def build_index(docs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Postings of every normalised word, the umlaut-free variants, and document frequencies."""
    postings: dict[str, dict[tuple[int, int], int]] = defaultdict(dict)
    variants: dict[str, set[str]] = defaultdict(set)
    surface: dict[str, str] = {}
    for n, doc in enumerate(docs):
        for f, name in enumerate(FIELD_NAMES):
            for text in _texts(doc, name):
                words = normalise(text).split()
                plain = normalise_plain(text).split()
                if name == "id":
                    words = [normalise(text).replace(" ", "")]
                elif name == "alias":
                    words = [*words, normalise(text).replace(" ", "")]
                for word in words:
                    postings[word][(n, f)] = postings[word].get((n, f), 0) + 1
                for printed in _WORD.findall(text):
                    surface.setdefault(normalise(printed), printed)
                if len(plain) == len(words[: len(plain)]):
                    for word, variant in zip(words, plain, strict=False):
                        if variant != word:
                            variants[variant].add(word)
    return {
        "docs": [{"id": d["id"], "title": d["title"], "ressorts": d["ressorts"]} for d in docs],
        "aliases": {d["id"]: d["alias"] for d in docs if d["alias"]},
        "postings": {w: sorted([n, f, c] for (n, f), c in p.items()) for w, p in sorted(postings.items())},
        "variants": {v: sorted(ws) for v, ws in sorted(variants.items())},
        "surface": {t: w for t, w in sorted(surface.items()) if t != w and t in postings},
    }


# --- querying --------------------------------------------------------------------------------


@dataclass
class Hit:
    """One ranked result: the record, its score (0-100) and where the query matched."""

    id: str
    title: str
    ressorts: list[str]
    score: int
    field: str
    terms: list[str] = dataclasses.field(default_factory=list)
    rank_key: float = 0.0

    def as_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "ressorts": self.ressorts,
            "score": self.score,
            "field": self.field,
            "matched": self.terms,
        }


@dataclass
class SearchResult:
    hits: list[Hit]
    unmatched: list[str]  # query words that matched nothing


def _candidates(word: str, index: dict[str, Any], vocabulary: Sequence[str]) -> list[tuple[str, float]]:
    """Index words a query word stands for, with how good the match is (1.0 = exact)."""
    postings = index["postings"]
    found: dict[str, float] = {}
    if word in postings:
        found[word] = 1.0
    for real in index["variants"].get(word, ()):
        found.setdefault(real, 0.75)  # "uber" -> "ueber": only where nothing exact exists is it first
    if len(word) >= 4:
        for term in vocabulary:
            if term != word and term.startswith(word):
                found.setdefault(term, 0.7)
    if len(word) >= 5:
        for term in vocabulary:
            if word in term and not term.startswith(word):
                found.setdefault(term, 0.5)
    if not found and len(word) >= 5:
        from rapidfuzz import fuzz, process  # lazy: only a word that matched nothing needs fuzzy matching

        for term, similarity, _ in process.extract(word, vocabulary, scorer=fuzz.ratio, score_cutoff=80, limit=5):
            found[term] = 0.6 * similarity / 100
        for variant, similarity, _ in process.extract(
            word, list(index["variants"]), scorer=fuzz.ratio, score_cutoff=85, limit=3
        ):
            for real in index["variants"][variant]:
                found.setdefault(real, 0.55 * similarity / 100)
    return sorted(found.items())


def search(
    index: dict[str, Any],
    query: str,
    allowed: Iterable[str] | None = None,
    limit: int | None = 10,
) -> SearchResult:
    """Rank records for a query. An exact ID or alias comes first; then the share of the query's
    words (weighted by how rare they are) that match, and how well they match (title > description).
    """
    docs = index["docs"]
    keep = set(allowed) if allowed is not None else None
    postings = index["postings"]
    vocabulary = list(postings)
    n_docs = max(len(docs), 1)
    whole = normalise(query)
    words = [w for w in whole.split() if w not in STOPWORDS] or whole.split()
    if not words:
        return SearchResult([], [])

    exact: dict[int, float] = {}
    compact = whole.replace(" ", "")
    for doc in docs:  # a query that is an ID finds that record alone
        if normalise(doc["id"]).replace(" ", "") == compact and (keep is None or doc["id"] in keep):
            return SearchResult([Hit(doc["id"], doc["title"], doc["ressorts"], 100, "id", [compact], 1.0)], [])
    for n, doc in enumerate(docs):
        keys = {normalise(doc["id"]).replace(" ", "")} | {
            normalise(a).replace(" ", "") for a in index["aliases"].get(doc["id"], [])
        }
        if compact in keys:
            exact[n] = 1.0

    quality: dict[int, list[float]] = defaultdict(lambda: [0.0] * len(words))
    bonus: dict[int, float] = defaultdict(float)
    best_field: dict[int, tuple[float, str]] = {}
    matched_terms: dict[int, set[str]] = defaultdict(set)
    weights: list[float] = []
    unmatched: list[str] = []
    for i, word in enumerate(words):
        candidates = _candidates(word, index, vocabulary)
        if not candidates:
            unmatched.append(word)
        rarest = 0.0
        for term, factor in candidates:
            entries = postings[term]
            idf = math.log(1 + n_docs / len({e[0] for e in entries}))
            rarest = max(rarest, idf)
            for n, f, count in entries:
                name = FIELD_NAMES[f]
                q = _WEIGHT[name] * factor
                if q > quality[n][i]:
                    quality[n][i] = q
                if q > best_field.get(n, (0.0, ""))[0]:
                    best_field[n] = (q, name)
                bonus[n] += q * idf * min(count, 3) / 100
                matched_terms[n].add(term)
        weights.append(rarest or math.log(1 + n_docs))

    total = sum(weights)
    hits: list[Hit] = []
    for n in set(quality) | set(exact):
        doc = docs[n]
        if keep is not None and doc["id"] not in keep:
            continue
        share = sum(w * q for w, q in zip(weights, quality[n], strict=True)) / total
        score = 100 if n in exact else min(99, round(100 * share))
        if score <= 0:
            continue
        field_name = "alias" if n in exact else best_field.get(n, (0.0, "title"))[1]
        hits.append(
            Hit(doc["id"], doc["title"], doc["ressorts"], score, field_name, sorted(matched_terms[n]), share + bonus[n])
        )
    hits.sort(key=lambda h: (-h.score, -h.rank_key, _order(h.id)))
    return SearchResult(hits[:limit] if limit else hits, unmatched)


def _order(record_id: str) -> tuple[int, int, str]:
    numerals = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}
    head, _, tail = record_id.partition(".")
    return (numerals.get(head, 9), int(tail) if tail.isdigit() else 0, record_id)


def closest_terms(index: dict[str, Any], query: str, limit: int = 5) -> list[str]:
    """Words of the data closest to a query that found nothing, for the hint on stderr."""
    from rapidfuzz import fuzz, process

    words = normalise(query).split()
    scored: list[tuple[float, str]] = []
    for word in words:
        for term, similarity, _ in process.extract(word, list(index["postings"]), scorer=fuzz.ratio, limit=limit):
            scored.append((similarity, index["surface"].get(term, term)))
    out: list[str] = []
    for _, shown in sorted(scored, key=lambda s: -s[0]):
        if shown not in out:
            out.append(shown)
    return out[:limit]


def highlight_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans of the words in text whose normalised form is one of the matched terms."""
    wanted = set(terms)
    spans = []
    for match in _WORD.finditer(text):
        if normalise(match.group(0)) in wanted:
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
