"""Normalisation of German text for matching, and the ranked search over measures."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
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


#: Searchable fields and how much a hit in each counts: title > aliases > goal > description > partners.
FIELDS: tuple[tuple[str, float], ...] = (
    ("id", 1.0),
    ("alias", 0.9),
    ("title", 1.0),
    ("ressorts", 0.5),
    ("goal", 0.6),
    ("partners", 0.4),
    ("description", 0.45),
    ("budget", 0.35),
    ("updates", 0.4),
    ("what", 0.3),  # records beyond measures: what they are ("Anerkennungsverfahren") and their source
)
FIELD_NAMES = tuple(name for name, _ in FIELDS)
_WEIGHT = dict(FIELDS)
#: What a search can find, as `--kind` names them.
KINDS = ("measure", "initiative", "recognition", "indicator", "update")
#: The words for what a record beyond the measures is, searchable in its "what" field.
KIND_WORDS = {
    "recognition": "Anerkennung, Anerkennungsverfahren",
    "indicator": "Kennzahl, Indikator",
    "update": "Aktuelles, Neuigkeit",
}
#: Records beyond measures and initiatives count a little less than the measures they belong to.
FIGURE_FACTOR = 0.7
STOPWORDS = frozenset(
    "und oder der die das den dem des ein eine einer eines einem einen in im fuer von vom mit zu zur zum "
    "auf an am aus bei als wie ist sind wird werden nach sowie bzw auch sich es nicht so dass um the of "
    "innen wer was wo wann warum welche welcher welches gibt kann ich man mich mir meine brauche suche werde "
    "and for to a an is are do does i my how what where which who in on with".split()
)
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
_PLAIN_UMLAUT = {"a\u0308": "a", "o\u0308": "o", "u\u0308": "u"}
_PLAIN_RE = re.compile("|".join(_PLAIN_UMLAUT))
_ACRONYM = re.compile(r"\b([A-ZÄÖÜ][A-Za-zÄÖÜäöü]*[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*(?:[.-][A-Za-z]+)?|[a-z]{2,}\.NRW)\b")
_WORD = re.compile(r"[^\W_]+")


def _id_key(record_id: str) -> str:
    """normalise(record_id) without spaces; the same, faster, for an ASCII ID."""
    if record_id.isascii():
        return _NON_WORD.sub("", record_id.casefold())
    return normalise(record_id).replace(" ", "")


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
    """The searchable text of one measure or initiative, by field (updates: later developments)."""
    return {
        "id": record["id"],
        "kind": record.get("kind") or "measure",
        "alias": list(aliases),
        "title": record["title"],
        "ressorts": list(record.get("ressorts") or []),
        "goal": record.get("goal") or "",
        "partners": list(record.get("partners") or []),
        "description": record.get("description") or "",
        "budget": (record.get("budget") or {}).get("text") or "",
        "updates": list(updates),
    }


def figure_documents(tables: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Searchable documents for the records beyond measures: recognition figures (one per body and
    source), indicators (one per measure and metric) and updates (one each). Their text is kept in
    the document, since no single store row holds it."""
    ressorts = {m["id"]: list(m.get("ressorts") or []) for m in tables.get("measures", [])}
    sources = {s["file"]: s.get("title") or "" for s in tables.get("sources", [])}
    docs: list[dict[str, Any]] = []
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for row in tables.get("recognition", []):
        groups.setdefault((row.get("measure") or "", row["source"], row["body"]), []).append(row)
    for (measure, _, body), rows in groups.items():  # _: the source file
        labels: list[str] = []
        for row in rows:
            for text in (row["label"], row["metric"], row.get("dimension") or ""):
                if text and text not in labels and text != body:
                    labels.append(text)
        named = [sources[_]] if sources.get(_) else []
        docs.append(_figure(measure or None, "recognition", body, ", ".join(labels), ressorts, named))
    indicators: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in tables.get("indicators", []):
        indicators.setdefault((row["measure"], row["metric"]), []).append(row)
    for (measure, metric), rows in indicators.items():
        quotes: list[str] = []
        for row in rows:
            if row.get("quote") and row["quote"] not in quotes:
                quotes.append(row["quote"])
        named = sorted({sources.get(row["source"]) or "" for row in rows} - {""})
        docs.append(_figure(measure, "indicator", metric, " ".join(quotes), ressorts, named))
    for row in tables.get("updates", []):
        text = row.get("quote") or ""
        named = [sources[row["source"]]] if sources.get(row["source"]) else []
        docs.append(_figure(row["measure"], "update", row["title"], text, ressorts, named))
    return docs


def _figure(
    measure: str | None,
    kind: str,
    title: str,
    description: str,
    ressorts: dict[str, list[str]],
    sources: list[str],
) -> dict[str, Any]:
    return {
        "id": measure,
        "kind": kind,
        "alias": [],
        "title": title,
        "ressorts": ressorts.get(measure or "", []),
        "description": description,
        "what": [KIND_WORDS[kind], *sources],
    }


def _texts(doc: dict[str, Any], name: str) -> list[str]:
    value = doc.get(name)
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value else []


_JOIN = re.compile(r"-|-\)\s*")


class _Tokens:
    """The words of one field of one document: (position, normalised word, as printed), and
    hyphenated compounds written as one word ("westbalkanregelung").

    Plain classes with slots here, not dataclasses: the decorator costs each start ~0.7 ms."""

    __slots__ = ("words", "joins")

    def __init__(self, words: list[tuple[int, str, str]], joins: list[tuple[int, str, str]]) -> None:
        self.words = words
        self.joins = joins


def _tokenise(text: str, start: int) -> _Tokens:
    text = _THOUSANDS.sub("", text)
    words: list[tuple[int, str, str]] = []
    joins: list[tuple[int, str, str]] = []
    pos = start
    previous_end = -1
    chain: list[tuple[str, str]] = []  # the parts of a hyphenated compound so far
    chain_start = 0
    for match in _WORD.finditer(text):
        raw = match.group(0)
        keys = normalise(raw).split()
        if not keys:
            continue
        between = text[previous_end : match.start()] if previous_end >= 0 else " "
        hyphenated = bool(_JOIN.fullmatch(between))
        if not hyphenated:
            chain, chain_start = [], match.start()
        for key in keys:
            words.append((pos, key, raw))
            pos += 1
        chain.append(("".join(keys), raw))
        if len(chain) >= 2:
            joined = "".join(k for k, _ in chain)
            joins.append((pos - 1, joined, text[chain_start : match.end()]))
        previous_end = match.end()
    return _Tokens(words, joins)


def build_index(
    docs: Sequence[dict[str, Any]],
    synonyms: Sequence[dict[str, Any]] = (),
    warnings: list[str] | None = None,
) -> dict[str, Any]:
    """Everything a query needs, computed once by `fko data build`: postings with positions of every
    normalised word, hyphenated compounds joined, coordination ellipses completed, stems, the parts
    of compounds (split by the data's own vocabulary), umlaut-free variants and the synonym table.
    A synonym whose meaning is not a word of the data is left out, with a warning."""
    from fko import german

    postings: dict[str, dict[tuple[int, int], list[int]]] = defaultdict(lambda: defaultdict(list))
    variants: dict[str, set[str]] = defaultdict(set)
    surface: dict[str, str] = {}
    synthetic: set[str] = set()
    natural: set[str] = set()
    raw_of: dict[str, str] = {}
    fields_text: list[tuple[int, int, str, _Tokens]] = []
    for n, doc in enumerate(docs):
        for f, name in enumerate(FIELD_NAMES):
            pos = 0
            for text in _texts(doc, name):
                if name == "id":
                    key = normalise(text).replace(" ", "")
                    postings[key][(n, f)].append(0)
                    synthetic.add(key)
                    surface.setdefault(key, text)
                    continue
                tokens = _tokenise(text, pos)
                fields_text.append((n, f, text, tokens))
                for p, key, raw in tokens.words:
                    postings[key][(n, f)].append(p)
                    natural.add(key)
                    raw_of.setdefault(key, raw)
                    surface.setdefault(key, raw)
                for p, key, raw in tokens.joins:
                    postings[key][(n, f)].append(p)
                    synthetic.add(key)
                    surface.setdefault(key, raw)
                if name == "alias":
                    key = normalise(text).replace(" ", "")
                    postings[key][(n, f)].append(pos)
                    synthetic.add(key)
                    surface.setdefault(key, text)
                plain = normalise_plain(text).split()
                keys = [k for _, k, _ in tokens.words]
                if len(plain) == len(keys):
                    for word, variant in zip(keys, plain, strict=True):
                        if variant != word:
                            variants[variant].add(word)
                pos = (tokens.words[-1][0] if tokens.words else pos) + 10  # list items are not neighbours
    lexicon = frozenset(w for w in natural if len(w) >= german.MIN_PART and w.isalpha() and w not in STOPWORDS)
    for n, f, text, tokens in fields_text:
        for truncated, completed in german.ellipses(text, lexicon):
            head = normalise(truncated)
            for p, key, _ in tokens.words:
                if key == head:
                    postings[completed][(n, f)].append(p)
                    synthetic.add(completed)
                    surface.setdefault(completed, truncated)
                    break
    stems: dict[str, set[str]] = defaultdict(set)
    heads: dict[str, set[str]] = defaultdict(set)
    parts: dict[str, set[str]] = defaultdict(set)
    for term in postings:
        if not term.isalpha():
            continue
        stems[german.stem(raw_of.get(term, term))].add(term)
        found_heads, found_parts = _compound_parts(term, lexicon)
        for piece in found_heads:
            heads[german.stem(piece)].add(term)
        for piece in found_parts:
            parts[german.stem(piece)].add(term)
    synonym_table: dict[str, list[int]] = defaultdict(list)  # a typed word -> its entries
    synonym_entries: list[dict[str, Any]] = []
    for entry in synonyms:
        known = [m for m in entry["means"] if normalise(m) in postings or german.stem(m) in stems]
        for means in entry["means"]:
            if means not in known and warnings is not None:
                warnings.append(f"synonym {entry['words'][0]!r} -> {means!r}: {means!r} is not a word of the data")
        if not known:
            continue
        synonym_entries.append({"means": known, "reason": entry["reason"]})
        for word in entry["words"]:
            for key in sorted({normalise(word), _stem_key(word)}):
                if len(synonym_entries) - 1 not in synonym_table[key]:
                    synonym_table[key].append(len(synonym_entries) - 1)
    return {
        "docs": [_doc_row(d) for d in docs],
        "aliases": {d["id"]: d["alias"] for d in docs if d.get("alias")},
        # strings, not nested lists: a start parses the whole store, and a query decodes a few words
        "postings": {w: encode_postings(p) for w, p in sorted(postings.items())},
        "variants": {v: " ".join(sorted(ws)) for v, ws in sorted(variants.items())},
        "surface": {t: w for t, w in sorted(surface.items()) if t != w},
        "synthetic": sorted(synthetic - natural),
        "stems": {s: " ".join(sorted(ts)) for s, ts in sorted(stems.items()) if len(ts) > 1 or s not in ts},
        "heads": {s: " ".join(sorted(ts)) for s, ts in sorted(heads.items())},
        "parts": {s: " ".join(sorted(ts)) for s, ts in sorted(parts.items())},
        "synonyms": dict(sorted(synonym_table.items())),
        "synonym_entries": synonym_entries,
    }


def encode_postings(postings: dict[tuple[int, int], list[int]]) -> str:
    """Where a word stands, as text: "doc,field,position,position doc,field,position"."""
    return " ".join(",".join(map(str, [n, f, *sorted(ps)])) for (n, f), ps in sorted(postings.items()))


class MalformedIndex(Exception):
    """A word's postings in a store's search index are not what the build writes."""


_POSTINGS = re.compile(r"\d{1,9},\d{1,2}(?:,\d{1,9})+(?: \d{1,9},\d{1,2}(?:,\d{1,9})+)*")


def decode_postings(text: str, docs: int | None = None) -> list[list[int]]:
    """[[doc, field, position, ...], ...] from encode_postings' text; with `docs` (how many
    documents the index has) checked first, so that a damaged index raises MalformedIndex."""
    if docs is not None and not _POSTINGS.fullmatch(text):
        raise MalformedIndex(text[:40])
    entries = [[int(x) for x in entry.split(",")] for entry in text.split()]
    if docs is not None and not all(e[0] < docs and e[1] < len(FIELDS) for e in entries):
        raise MalformedIndex(text[:40])
    return entries


def _doc_row(doc: dict[str, Any]) -> dict[str, Any]:
    row = {"id": doc["id"], "kind": doc.get("kind") or "measure", "title": doc["title"], "ressorts": doc["ressorts"]}
    if row["kind"] not in ("measure", "initiative"):
        row["text"] = {"description": doc.get("description") or ""}
    return row


def _compound_parts(word: str, lexicon: frozenset[str]) -> tuple[list[str], list[str]]:
    """The heads (last parts, at every level) and the other parts of a compound word."""
    from fko import german

    segments = german.split_compound(word, lexicon)
    if not segments:
        return [], []
    *front, last = segments
    inner_heads, inner_parts = _compound_parts(last, lexicon)
    others = list(front) + inner_parts
    for piece in front:
        deeper_heads, deeper_parts = _compound_parts(piece, lexicon)
        others += deeper_heads + deeper_parts
    return [last, *inner_heads], others


def _stem_key(phrase: str) -> str:
    from fko import german

    return " ".join(german.stem(w) for w in normalise(phrase).split())


# --- querying --------------------------------------------------------------------------------


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
    ) -> None:
        self.id, self.title, self.ressorts, self.score, self.field = id, title, ressorts, score, field
        self.terms, self.rank_key, self.kind = terms if terms is not None else [], rank_key, kind
        self.matched = matched if matched is not None else []
        self.matches = matches if matches is not None else []
        self.words_matched, self.words_total, self.share, self.proximity = words_matched, words_total, share, proximity
        self.text = text

    def as_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "ressorts": self.ressorts,
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
    from fko import german

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
    numbers = table.get(key) or table.get(_stem_key(raw)) or []
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
    for match in _WORD.finditer(_THOUSANDS.sub("", query)):
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
                if not in_data and (phrase in table or _stem_key(raw_phrase) in table):
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
            )
        )
    hits.sort(key=lambda h: (h.score != 100, -h.words_matched, -h.score, -h.rank_key, _order(h.id), h.title))
    return _limited(hits, unmatched, limit, hidden)


def _plain_hit(doc: dict[str, Any], field: str, terms: list[str], shown: str) -> Hit:
    return Hit(doc["id"], doc["title"], doc["ressorts"], 100, field, terms, 1.0, doc.get("kind", "measure"), [shown])


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
    for match in _WORD.finditer(text):
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
