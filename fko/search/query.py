"""A query over the search index: the words of the query matched, the records ranked, snippets."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from fko import german
from fko.german import _NON_WORD, THOUSANDS, normalise
from fko.search.index import FIELD_NAMES, FIELDS, STOPWORDS, WORD, decode_postings, stem_key

_WEIGHT = dict(FIELDS)


#: Records beyond measures and initiatives count a little less than the measures they belong to.
FIGURE_FACTOR = 0.7


#: How good each way of matching a query word is (1.0 = the word itself).
FACTOR = {
    "exact": 1.0,
    "stem": 0.9,
    "umlaut": 0.75,
    "prefix": 0.65,
    "head": 0.6,
    "part": 0.5,
    "infix": 0.4,
    "synonym": 0.8,  # times the factor of how the synonym itself matched
}


_ID_WORD = re.compile(r"^(vi|iv|v|i{1,3})$")


#: Longer query words are matched as they are (exactly, inflected, umlaut-free), not split into
#: compounds or matched fuzzily: both grow faster than the word (a word of 100,000 letters ran
#: for minutes). The longest word of the data has 39 letters.
MAX_WORD = 64


#: What a record ID (`IV.1`, `N.2`; validate.py) normalises to.
_ID_KEY = re.compile(r"[a-z]{1,4}[0-9]{1,3}")


def _id_key(record_id: str) -> str:
    """normalise(record_id) without spaces; the same, faster, for an ASCII ID."""
    if record_id.isascii():
        return _NON_WORD.sub("", record_id.casefold())
    return normalise(record_id).replace(" ", "")


class Match:
    """How one query word met one record: which word of the data, in which field, and how.

    word: the query word as typed; term: the data's word, normalised; shown: the data's word
    as printed; how: exact, stem, umlaut, prefix, head, part, infix, fuzzy or synonym; quality:
    field weight x how good the match is; weight: how rare the query word is in the data; via:
    the synonym it matched through; reason: why that synonym is in the table."""

    __slots__ = ("word", "term", "shown", "field", "how", "quality", "weight", "via", "reason")

    def __init__(
        self,
        word: str,
        term: str,
        shown: str,
        field: str,
        how: str,
        quality: float,
        weight: float,
        via: str | None = None,
        reason: str | None = None,
    ) -> None:
        self.word, self.term, self.shown, self.field, self.how = word, term, shown, field, how
        self.quality, self.weight, self.via, self.reason = quality, weight, via, reason

    def as_dict(self) -> dict[str, Any]:
        return {
            "query_word": self.word,
            "data_word": self.shown,
            "field": self.field,
            "how": self.how,
            "synonym": self.via,
            "quality": round(self.quality, 3),
            "weight": round(self.weight, 3),
        }


class Hit:
    """One ranked result: the record, its score (0-100) and where the query matched."""

    __slots__ = (
        "id",
        "title",
        "ressorts",
        "score",
        "field",
        "terms",
        "rank_key",
        "kind",
        "matched",
        "matches",
        "words_matched",
        "words_total",
        "share",
        "proximity",
        "text",
        "measure_id",
        "source",
    )

    def __init__(
        self,
        id: str | None,
        title: str,
        ressorts: list[str],
        score: int,
        field: str,
        terms: list[str] | None = None,
        rank_key: float = 0.0,
        kind: str = "measure",
        matched: list[str] | None = None,
        matches: list[Match] | None = None,
        words_matched: int = 0,
        words_total: int = 0,
        share: float = 0.0,
        proximity: int = 0,
        text: dict[str, str] | None = None,
        measure_id: str | None = None,
        source: str | None = None,
    ) -> None:
        self.id, self.title, self.ressorts, self.score, self.field = id, title, ressorts, score, field
        self.terms, self.rank_key, self.kind = terms if terms is not None else [], rank_key, kind
        self.matched = matched if matched is not None else []
        self.matches = matches if matches is not None else []
        self.words_matched, self.words_total, self.share, self.proximity = words_matched, words_total, share, proximity
        self.text = text
        self.measure_id, self.source = measure_id, source

    def as_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "ressorts": self.ressorts,
            "measure_id": self.measure_id,
            "source": self.source,
            "score": self.score,
            "field": self.field,
            "matched": self.matched,
            "synonyms": self.synonyms(),
        }

    def synonyms(self) -> list[dict[str, str]]:
        """The synonyms this hit was found through: the query's word, the data's word, the reason."""
        out: list[dict[str, str]] = []
        for m in self.matches:
            if m.via and not any(v["query_word"] == m.word and v["data_word"] == m.via for v in out):
                out.append({"query_word": m.word, "data_word": m.via, "reason": m.reason or ""})
        return out

    def explain(self) -> dict[str, Any]:
        return {
            "word_matches": [m.as_dict() for m in self.matches],
            "words_matched": self.words_matched,
            "words_total": self.words_total,
            "word_score": round(100 * self.share),
            "proximity": self.proximity,
        }


class SearchResult:
    """The hits shown, the query words that matched nothing, the hits before --limit (total) and
    those the filters (cluster, ministry, kind) left out (hidden)."""

    __slots__ = ("hits", "unmatched", "total", "hidden")

    def __init__(self, hits: list[Hit], unmatched: list[str], total: int = 0, hidden: int = 0) -> None:
        self.hits, self.unmatched, self.total, self.hidden = hits, unmatched, total, hidden


class _Word:
    """A query word: as typed, normalised (key), its group (words split from one compound share
    one) and what it found: term -> (factor, how, via, reason)."""

    __slots__ = ("text", "key", "group", "found")

    def __init__(
        self, text: str, key: str, group: int, found: dict[str, tuple[float, str, str | None, str | None]]
    ) -> None:
        self.text, self.key, self.group, self.found = text, key, group, found


class _Lookup:
    """The index, with the few derived views a query needs made once."""

    def __init__(self, index: dict[str, Any]) -> None:
        self.index = index
        self.postings: dict[str, str] = index["postings"]
        self.vocabulary = list(self.postings)
        self._lexicon: frozenset[str] | None = None
        self._decoded: dict[str, list[list[int]]] = {}

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


def _add(
    found: dict[str, tuple[float, str, str | None, str | None]],
    term: str,
    factor: float,
    how: str,
    via: str | None = None,
    reason: str | None = None,
) -> None:
    if term not in found or found[term][0] < factor:
        found[term] = (factor, how, via, reason)


def _direct(raw: str, key: str, look: _Lookup) -> dict[str, tuple[float, str, str | None, str | None]]:
    """Data words a query word stands for without synonyms: itself, its inflections, compounds
    that contain it, words it begins, umlaut-free spellings."""

    index = look.index
    found: dict[str, tuple[float, str, str | None, str | None]] = {}
    if key in look.postings:
        _add(found, key, FACTOR["exact"], "exact")
    for real in index["variants"].get(key, "").split():
        _add(found, real, FACTOR["umlaut"], "umlaut")
    if not key.isalpha():
        return found
    stemmed = german.stem(raw)
    for term in [*index["stems"].get(stemmed, "").split(), *([stemmed] if stemmed in look.postings else [])]:
        _add(found, term, FACTOR["stem"], "stem")
    if len(key) >= 4:
        for term in index["heads"].get(stemmed, "").split():
            _add(found, term, FACTOR["head"], "head")
        for term in index["parts"].get(stemmed, "").split():
            _add(found, term, FACTOR["part"], "part")
        for term in look.vocabulary:
            if term != key and term.startswith(key):
                _add(found, term, FACTOR["prefix"], "prefix")
            elif len(key) >= 5 and key in term:
                _add(found, term, FACTOR["infix"], "infix")
    return found


def _strong(found: dict[str, tuple[float, str, str | None, str | None]]) -> bool:
    return any(how in ("exact", "stem", "umlaut") for _, how, _, _ in found.values())


def _synonyms(raw: str, key: str, look: _Lookup, found: dict[str, tuple[float, str, str | None, str | None]]) -> None:
    table = look.index.get("synonyms", {})
    numbers = table.get(key) or table.get(stem_key(raw)) or []
    for entry in (look.index["synonym_entries"][n] for n in numbers):
        for rank, means in enumerate(entry["means"]):
            weight = FACTOR["synonym"] - (0.05 if rank else 0.0)  # the first meaning is the main one
            for term, (factor, _, _, _) in _direct(means.casefold(), normalise(means), look).items():
                _add(found, term, weight * factor, "synonym", means, entry["reason"])


def _fuzzy(key: str, look: _Lookup, found: dict[str, tuple[float, str, str | None, str | None]]) -> None:
    from rapidfuzz import fuzz, process  # lazy: only a word that matched nothing needs fuzzy matching

    for term, similarity, _ in process.extract(key, look.vocabulary, scorer=fuzz.ratio, score_cutoff=80, limit=5):
        _add(found, term, 0.6 * similarity / 100, "fuzzy")
    variants = look.index["variants"]
    for variant, similarity, _ in process.extract(key, list(variants), scorer=fuzz.ratio, score_cutoff=85, limit=3):
        for real in variants[variant].split():
            _add(found, real, 0.55 * similarity / 100, "fuzzy")


def _query_words(query: str, look: _Lookup) -> list[_Word]:
    """The query as words to match: stop words dropped, synonym phrases joined, compounds split."""
    raw_words: list[tuple[str, str]] = []
    for match in WORD.finditer(THOUSANDS.sub("", query)):
        for key in normalise(match.group(0)).split():
            raw_words.append((match.group(0) if normalise(match.group(0)) == key else key, key))
    kept = [(r, k) for r, k in raw_words if k not in STOPWORDS] or raw_words
    table = look.index.get("synonyms", {})
    words: list[_Word] = []
    i = 0
    group = 0
    while i < len(kept):
        for size in (3, 2):  # "heat pump", "recognition of qualifications"
            if i + size <= len(kept):
                phrase = " ".join(k for _, k in kept[i : i + size])
                raw_phrase = " ".join(r for r, _ in kept[i : i + size])
                in_data = all(k in look.postings for _, k in kept[i : i + size])
                if not in_data and (phrase in table or stem_key(raw_phrase) in table):
                    found: dict[str, tuple[float, str, str | None, str | None]] = {}
                    _synonyms(raw_phrase, phrase, look, found)
                    words.append(_Word(raw_phrase, phrase, group, found))
                    break
        else:
            raw, key = kept[i]
            found = _direct(raw, key, look)
            _synonyms(raw, key, look, found)
            size = 1
            if not _strong(found) and key.isalpha() and len(key) <= MAX_WORD:
                from fko import german

                pieces = german.split_compound(key, look.lexicon)
                if pieces and not any(how == "synonym" for _, how, _, _ in found.values()):
                    for piece in pieces:
                        part = _direct(piece, piece, look)
                        _synonyms(piece, piece, look, part)
                        words.append(_Word(piece, piece, group, part))
                    i += 1
                    group += 1
                    continue
            if not found and 5 <= len(key) <= MAX_WORD:
                _fuzzy(key, look, found)
            words.append(_Word(raw, key, group, found))
        i += size
        group += 1
    return words


def search(
    index: dict[str, Any],
    query: str,
    allowed: Iterable[str] | None = None,
    limit: int | None = 10,
    kinds: Iterable[str] | None = None,
) -> SearchResult:
    """Rank records for a query. An exact ID or alias comes first; then records that match more of
    the query's words; then the score: the share of the query's words (weighted by how rare they
    are) that match, times how well (title > alias > goal > description > partners; the word itself
    > an inflection > a compound containing it > a synonym), plus a bonus where matched words
    stand next to each other.
    """
    docs = index["docs"]
    keep = set(allowed) if allowed is not None else None
    wanted_kinds = set(kinds) if kinds else None

    def shown(doc: dict[str, Any]) -> bool:
        if wanted_kinds is not None and doc.get("kind", "measure") not in wanted_kinds:
            return False
        return keep is None or doc["id"] in keep

    look = _Lookup(index)
    whole = normalise(query)
    if not whole:
        return SearchResult([], [])
    compact = whole.replace(" ", "")
    named = [n for n, d in enumerate(docs) if d.get("kind", "measure") in ("measure", "initiative") and d["id"]]
    if _ID_KEY.fullmatch(compact):  # a query that is an ID finds that record alone
        for n in named:
            doc = docs[n]
            if _id_key(doc["id"]) == compact:
                hit = _plain_hit(doc, "id", [compact], doc["id"])
                return _limited([hit] if shown(doc) else [], [], limit, 0 if shown(doc) else 1)
    if _ID_WORD.match(compact):  # a cluster numeral: its measures in order
        cluster = [docs[n] for n in named if docs[n]["id"].split(".")[0].casefold() == compact]
        listed = [_plain_hit(d, "id", [], d["id"]) for d in cluster]
        visible = [h for h, d in zip(listed, cluster, strict=True) if shown(d)]
        return _limited(visible, [], limit, len(listed) - len(visible))

    # a query that is a whole alias: the build indexes each alias also as one word
    exact: set[int] = set()
    is_named = set(named)
    alias_field = FIELD_NAMES.index("alias")
    for entry in look.entries(compact) if compact in look.postings else []:
        n = entry[0]
        if entry[1] == alias_field and n in is_named:
            keys = {normalise(a).replace(" ", "") for a in index["aliases"].get(docs[n]["id"], [])}
            if compact in keys:
                exact.add(n)

    words = _query_words(query, look)
    figure = [d.get("kind", "measure") not in ("measure", "initiative") for d in docs]
    n_docs = max(len(docs), 1)
    best: dict[int, dict[int, Match]] = defaultdict(dict)
    where: dict[int, dict[int, dict[int, set[int]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    weights: list[float] = []
    unmatched: list[str] = []
    surface = index["surface"]
    for i, word in enumerate(words):
        if not word.found:
            unmatched.append(word.text)
        strong = {e[0] for t, (fac, _, _, _) in word.found.items() if fac >= 0.75 for e in look.entries(t)}
        every = {e[0] for t in word.found for e in look.entries(t)}
        weight = math.log(1 + n_docs / max(len(strong or every), 1))
        weights.append(weight)
        for term, (factor, how, via, reason) in word.found.items():
            for entry in look.entries(term):
                n, f, positions = entry[0], entry[1], entry[2:]
                name = FIELD_NAMES[f]
                q = _WEIGHT[name] * factor * (FIGURE_FACTOR if figure[n] else 1.0)
                if len(words) > 1:  # positions count only for words standing together
                    where[n][i][f].update(positions)
                current = best[n].get(i)
                if current is None or q > current.quality:
                    best[n][i] = Match(word.text, term, surface.get(term, term), name, how, q, weight, via, reason)

    total = sum(weights) or 1.0
    hits: list[Hit] = []
    hidden = 0
    for n in set(best) | exact:
        doc = docs[n]
        matches = [best[n][i] for i in sorted(best[n])]
        share = sum(m.weight * m.quality for m in matches) / total
        proximity = _proximity(words, where[n])
        score = 100 if n in exact else min(99, round(100 * share + proximity))
        if score <= 0:
            continue
        if not shown(doc):
            hidden += 1
            continue
        top = max(matches, key=lambda m: m.weight * m.quality) if matches else None
        field_name = "alias" if n in exact or top is None else top.field
        terms = sorted({m.term for m in matches})
        printed: list[str] = []
        for m in matches:
            if m.shown not in printed:
                printed.append(m.shown)
        hits.append(
            Hit(
                doc["id"],
                doc["title"],
                doc["ressorts"],
                score,
                field_name,
                terms,
                share + proximity / 100,
                doc.get("kind", "measure"),
                printed,
                matches,
                len(matches),
                len(words),
                share,
                proximity,
                doc.get("text"),
                doc.get("measure_id"),
                doc.get("source"),
            )
        )
    hits.sort(key=lambda h: (h.score != 100, -h.words_matched, -h.score, -h.rank_key, _order(h.id), h.title))
    return _limited(hits, unmatched, limit, hidden)


def _plain_hit(doc: dict[str, Any], field: str, terms: list[str], shown: str) -> Hit:
    kind = doc.get("kind", "measure")
    hit = Hit(doc["id"], doc["title"], doc["ressorts"], 100, field, terms, 1.0, kind, [shown])
    hit.measure_id, hit.source = doc.get("measure_id"), doc.get("source")
    return hit


def _limited(hits: list[Hit], unmatched: list[str], limit: int | None, hidden: int) -> SearchResult:
    return SearchResult(hits[:limit] if limit else hits, unmatched, len(hits), hidden)


def _proximity(words: Sequence[_Word], where: dict[int, dict[int, set[int]]]) -> int:
    """Points for query words that stand together in one field: in the query's order with at most one
    word between them (a stop word the query dropped: "Bundesagentur für Arbeit"), or in one
    compound, 8; within four words 4; times the field's weight."""
    points = 0.0
    for i in range(len(words) - 1):
        left, right = where.get(i), where.get(i + 1)
        if not left or not right:
            continue
        best = 0.0
        for f in set(left) & set(right):
            gaps = [b - a for a in left[f] for b in right[f]]
            if any(0 <= g <= 2 for g in gaps):
                best = max(best, 8 * _WEIGHT[FIELD_NAMES[f]])
            elif any(abs(g) <= 4 for g in gaps):
                best = max(best, 4 * _WEIGHT[FIELD_NAMES[f]])
        points += best
    return min(15, round(points))


def _order(record_id: str | None) -> tuple[int, int, str]:
    if record_id is None:
        return (99, 0, "")
    numerals = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}
    head, _, tail = record_id.partition(".")
    return (numerals.get(head, 9), int(tail) if tail.isdigit() else 0, record_id)


def closest_terms(index: dict[str, Any], query: str, limit: int = 5) -> list[str]:
    """Words of the data closest to a query that found nothing, as printed in the data (never
    the index's own tokens such as joined IDs), for the hint on stderr."""
    from rapidfuzz import fuzz, process

    synthetic = set(index.get("synthetic", ()))
    vocabulary = [t for t in index["postings"] if t not in synthetic and t.isalpha() and len(t) >= 3]
    scored: list[tuple[float, str]] = []
    for word in normalise(query).split():
        if len(word) > MAX_WORD:
            continue  # nothing of the data is close to it, and comparing would take long
        for term, similarity, _ in process.extract(word, vocabulary, scorer=fuzz.ratio, limit=limit):
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
