"""A query over the search index: the words of the query matched, the records ranked, snippets."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from fko import german
from fko.german import _NON_WORD, THOUSANDS, normalise
from fko.i18n import gettext
from fko.search.index import (
    FIELD_NAMES,
    FIELDS,
    STOPWORDS,
    WORD,
    decode_glossary,
    decode_postings,
    decode_synonym,
    route_numbers,
    stem_key,
)

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
    "split": 0.7,  # times the factor of how a part of the query's compound matched
    "lemma": 0.8,  # a form of the same lemma, or of the verb a noun is derived from (behinderte: Behinderung)
    "synonym": 0.8,  # times the factor of how the synonym itself matched
    "glossary": 0.8,  # an English word, through the English-German glossary; times how its German word matched
}


#: How much a weak word counts beside the query's other words (times its weight by rarity): a word
#: of a weak synonym entry ("Mangel", "fehlen", "gesucht") says that something is lacking or
#: sought; the other words say what ("Kita-Personal fehlt": Kita and Personal decide).
WEAK_WEIGHT = 0.25


#: A query of more distinct words than this is searched for its first MAX_WORDS distinct words
#: (with a note): each word costs a pass over the vocabulary, and a query of 12,500 words ran 10 s.
MAX_WORDS = 64


#: How much a query word counts by its frequency in German at large (wordfreq's Zipf value, kept
#: in the index for the data's frequent words): a word as common as "finden" (5.6) or "Menschen"
#: (5.9) counts about a third of a rare word; below Zipf 4 a word counts fully.
def general_weight(zipf: float | None) -> float:
    if zipf is None or zipf <= 4.0:
        return 1.0
    return max(0.15, 1.0 - (zipf - 4.0) / 2.5)


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
    as printed; how: exact, stem, umlaut, prefix, head, part, infix, lemma, split, fuzzy, synonym or
    glossary; quality: field weight x how good the match is; weight: how rare the query word is in
    the data; via: the data's word of the synonym or glossary term it matched through; reason: why
    that entry is in the synonym table or the glossary."""

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
            "id": self.id if self.kind in ("measure", "initiative") else None,  # a figure has no ID of its own
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
        """The synonyms and glossary terms this hit was found through: the query's word, the data's
        word, the reason (which for a glossary term names the glossary)."""
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

    __slots__ = ("hits", "unmatched", "total", "hidden", "note")

    def __init__(self, hits: list[Hit], unmatched: list[str], total: int = 0, hidden: int = 0, note: str = "") -> None:
        self.hits, self.unmatched, self.total, self.hidden = hits, unmatched, total, hidden
        self.note = note  # what the search left out of the query, if anything


class _Word:
    """A query word: as typed, normalised (key), its group (words split from one compound share
    one), what it found (term -> (factor, how, via, reason)) and whether it is weak (counts
    WEAK_WEIGHT: a word of a weak synonym entry)."""

    __slots__ = ("text", "key", "group", "found", "weak")

    def __init__(
        self,
        text: str,
        key: str,
        group: int,
        found: dict[str, tuple[float, str, str | None, str | None]],
        weak: bool = False,
    ) -> None:
        self.text, self.key, self.group, self.found, self.weak = text, key, group, found, weak


class _Lookup:
    """The index, with the few derived views a query needs made once."""

    def __init__(self, index: dict[str, Any]) -> None:
        self.index = index
        self.postings: dict[str, str] = index["postings"]
        self.vocabulary = list(self.postings)
        self._lexicon: frozenset[str] | None = None
        self._general: dict[str, float] | None = None
        self._decoded: dict[str, list[list[int]]] = {}
        self.zipf = _number_map(index.get("zipf"))
        self.english = _number_map(index.get("english"))
        forms, lemmas = index.get("lemma_forms"), index.get("lemmas")
        self.lemma_forms: dict[str, Any] = forms if isinstance(forms, dict) else {}
        self.lemmas: dict[str, Any] = lemmas if isinstance(lemmas, dict) else {}
        self._glossary: dict[str, list[tuple[list[str], str]]] | None = None
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
    """A table of the index that maps words to numbers, with anything else left out (untrusted)."""
    if not isinstance(value, dict):
        return {}
    return {k: float(v) for k, v in value.items() if isinstance(v, int | float) and not isinstance(v, bool)}


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
    for term in _s_plural(key):  # Kita, Kitas; Azubi, Azubis: the stemmer leaves these apart
        if term in look.postings:
            _add(found, term, FACTOR["stem"], "stem")
    _lemma(key, look, found)
    if len(key) >= 4:
        for term in index["heads"].get(stemmed, "").split():
            _add(found, term, FACTOR["head"], "head")
        for term in index["parts"].get(stemmed, "").split():
            _add(found, term, FACTOR["part"], "part")
        surface = index["surface"]
        for term in look.vocabulary:
            if term != key and term.startswith(key):
                _add(found, term, FACTOR["prefix"], "prefix")
            elif len(key) >= 5 and key in term and surface.get(term, term)[:1].isupper():
                # inside a noun ("Pflegekräfte" in "Altenpflegekräfte"); inside a verb it is another
                # word ("finden" in "stattfinden")
                _add(found, term, FACTOR["infix"], "infix")
    return found


def _s_plural(key: str) -> list[str]:
    """The other number of a noun that ends in a full vowel and takes -s in the plural (Kita, Kitas;
    Azubi, Azubis; Uni, Unis), which Snowball does not join: the word with -s added or dropped."""
    if len(key) >= 3 and key[-1] in "aiouy":
        return [key + "s"]
    if len(key) >= 4 and key[-1] == "s" and key[-2] in "aiouy":
        return [key[:-1]]
    return []


#: Endings of adjectives and participles a word form may carry beyond its lemma's forms.
_ENDINGS = ("en", "em", "er", "es", "e")


def _lemma(key: str, look: _Lookup, found: dict[str, tuple[float, str, str | None, str | None]]) -> None:
    """Data words that share a lemma with the query word (simplemma's, computed by the build), or
    whose noun is derived from the verb it is a form of: "behinderte" -> "Behinderungen"."""
    candidates = [key, *(key[: -len(e)] for e in _ENDINGS if key.endswith(e) and len(key) - len(e) >= 5)]
    for candidate in candidates:
        lemma = look.lemma_forms.get(candidate, candidate)
        terms = look.lemmas.get(lemma) if isinstance(lemma, str) else None
        if isinstance(terms, str):
            for term in terms.split():
                if term in look.postings:
                    _add(found, term, FACTOR["lemma"], "lemma")
            return


def _strong(found: dict[str, tuple[float, str, str | None, str | None]]) -> bool:
    return any(how in ("exact", "stem", "umlaut") for _, how, _, _ in found.values())


def _synonym_entries(raw: str, key: str, look: _Lookup) -> list[tuple[list[str], str, bool]]:
    """The synonym entries of a query word or phrase: by its normalised form, else by its stems."""
    return look.synonyms(key) or look.synonyms(stem_key(raw))


def _synonyms(raw: str, key: str, look: _Lookup, found: dict[str, tuple[float, str, str | None, str | None]]) -> bool:
    """Add the data's words the synonym table says a query word means; whether the word is weak."""
    entries = _synonym_entries(raw, key, look)
    _through([(means, reason) for means, reason, _ in entries], "synonym", look, found)
    return bool(entries) and all(weak for _, _, weak in entries)


def _weak_head(key: str, look: _Lookup) -> str | None:
    """The weak word a compound ends in ("lehrermangel": mangel), if any, the longest first."""
    heads = [w for w in look.weak_words if len(w) >= 3 and len(key) - len(w) >= german.MIN_PART and key.endswith(w)]
    return max(heads, key=len) if heads else None


def english_forms(key: str) -> list[str]:
    """The glossary keys an English word or phrase (normalised) may stand for: itself, then with its
    last word in the singular ("teachers" -> "teacher", "job centres" -> "job centre", "nurseries"
    -> "nursery"). The glossary lists irregular forms (women, children) itself."""
    head, _, last = key.rpartition(" ")
    before = head + " " if head else ""
    forms = [key]
    if len(last) > 4 and last.endswith("ies"):
        forms.append(before + last[:-3] + "y")
    if len(last) > 3 and last.endswith("es"):
        forms.append(before + last[:-2])
    if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        forms.append(before + last[:-1])
    return forms


def _glossary_terms(key: str, look: _Lookup) -> list[tuple[list[str], str]]:
    """The glossary terms of an English word or phrase (normalised), by its first form the glossary holds."""
    for form in english_forms(key):
        terms = look.glossary.get(form)
        if terms:
            return terms
    return []


def _glossary(key: str, look: _Lookup, found: dict[str, tuple[float, str, str | None, str | None]]) -> None:
    """The data's German words an English word or phrase means, through the English-German glossary."""
    _through(_glossary_terms(key, look), "glossary", look, found)


def _through(
    entries: Sequence[tuple[list[str], str]],
    how: str,
    look: _Lookup,
    found: dict[str, tuple[float, str, str | None, str | None]],
    scale: float = 1.0,
) -> None:
    """The data's words that synonym or glossary entries mean, each as the German word itself
    would match them, times FACTOR[how] (the first meaning is the main one) and `scale`. A glossary
    term's German word does not stand for the words it merely begins or is found inside: "Inder"
    (Indians) is no part of "Kinder", "Land" (state) no beginning of "Landwirtschaft"."""
    for meanings, reason in entries:
        for rank, means in enumerate(meanings):
            weight = (FACTOR[how] - (0.05 if rank else 0.0)) * scale
            for term, (factor, way, _, _) in _direct(means.casefold(), normalise(means), look).items():
                if how != "glossary" or way not in ("prefix", "infix"):
                    _add(found, term, weight * factor, how, means, reason)


#: A near spelling of a query word (rapidfuzz's ratio of 80 or more) begins with its letter, as a
#: typo seldom changes the first, or is at most one edit (a letter added, dropped, changed, or two
#: swapped) per LETTERS_PER_EDIT letters away: "Kinderbetruung", "meisterprämei" and "Pflage" are
#: typos, but "Künstliche" is no "dienstliche" (two edits in eleven letters, the first changed).
LETTERS_PER_EDIT = 6


def _typo_of(key: str, term: str) -> bool:
    """Whether a data word is a near spelling of a query word (LETTERS_PER_EDIT)."""
    from rapidfuzz.distance import OSA

    most = max(1, len(key) // LETTERS_PER_EDIT)
    return key[:1] == term[:1] or OSA.distance(key, term, score_cutoff=most) <= most


def _fuzzy(key: str, look: _Lookup, found: dict[str, tuple[float, str, str | None, str | None]]) -> None:
    from rapidfuzz import fuzz, process  # lazy: only a word that matched nothing needs fuzzy matching

    for term, similarity, _ in process.extract(key, look.vocabulary, scorer=fuzz.ratio, score_cutoff=80, limit=5):
        if _typo_of(key, term):
            _add(found, term, 0.6 * similarity / 100, "fuzzy")
    variants = look.index["variants"]
    for variant, similarity, _ in process.extract(key, list(variants), scorer=fuzz.ratio, score_cutoff=85, limit=3):
        for real in variants[variant].split():
            _add(found, real, 0.55 * similarity / 100, "fuzzy")
    # a misspelt everyday word of the synonym table ("Schulabrecher"): through its entries, as weakly as a near spelling
    for typed, similarity, _ in process.extract(key, look.synonym_words(), scorer=fuzz.ratio, score_cutoff=85, limit=2):
        entries = [(means, reason) for means, reason, weak in look.synonyms(typed) if not weak]
        _through(entries, "synonym", look, found, 0.75 * similarity / 100)


def _reading(keys: Sequence[str], look: _Lookup) -> str | None:
    """How a query of several words reads: "en" when more of its words lean English than German,
    "de" for the reverse, None for one word alone, a tie, or a query with no English word that the
    data or the glossary knows (then the word list is not even loaded). Homographs ("fast",
    "will", "gift") do not vote: the other words decide what they are."""
    distinct = list(dict.fromkeys(keys))
    if len(distinct) < 2:
        return None
    if not any(k in look.english or _glossary_terms(k, look) for k in distinct):
        return None
    votes = [look.language_of(k) for k in distinct if not look.homograph(k)]
    english, german = votes.count("en"), votes.count("de")
    return "en" if english > german else "de" if german > english else None


def _split(key: str, look: _Lookup) -> list[str] | None:
    """A query compound split by the data's words, else by the general word list."""
    from fko import german

    return german.split_compound(key, look.lexicon) or german.split_by_frequency(key, look.general)


#: A compound of the query found in at most this many records is also looked for by its parts.
RARE = 3


def _rare(found: dict[str, tuple[float, str, str | None, str | None]], look: _Lookup) -> bool:
    """Whether a query word's exact or inflected matches stand in at most RARE records."""
    strong = {
        e[0] for t, (_, how, _, _) in found.items() if how in ("exact", "stem", "umlaut") for e in look.entries(t)
    }
    return 0 < len(strong) <= RARE


def _records(found: dict[str, tuple[float, str, str | None, str | None]], look: _Lookup) -> set[int]:
    """The records a word's good matches (factor 0.5 and more) stand in."""
    return {e[0] for t, (factor, _, _, _) in found.items() if factor >= 0.5 for e in look.entries(t)}


def _modifier_too(key: str, look: _Lookup, found: dict[str, tuple[float, str, str | None, str | None]]) -> None:
    """A compound the data holds in a few records also finds the records of its other parts, as
    weaker matches, where its head is at least as common in the data as they are: the head says
    what kind of thing is meant, the other parts which one. "Lehrkräftemangel" stands once in the
    data, "Mangel" in as many records as "Lehrkräfte", and the records on Lehrkräfte answer it;
    "Ausbildungsabbruch" is not looked for by "Ausbildung"."""
    if any(how in ("synonym", "glossary") for _, how, _, _ in found.values()):
        return
    pieces = _split(key, look)
    if not pieces:
        return
    *modifiers, head = pieces
    head_records = _records(_direct(head, head, look), look)
    for piece in modifiers:
        part = _direct(piece, piece, look)
        _synonyms(piece, piece, look, part)
        if len(_records(part, look)) > len(head_records):
            continue
        for term, (factor, _, via, reason) in part.items():
            if factor >= FACTOR["umlaut"]:  # the part itself, inflected or by synonym; not words it begins
                _add(found, term, FACTOR["split"] * factor, "split", via, reason)


def _english_word(key: str, look: _Lookup) -> dict[str, tuple[float, str, str | None, str | None]]:
    """What an English word of a query read as English matches: the data's word itself where the
    data has it as English too ("Welcome", "Career"), and the German words the glossary says it
    means. Never a German word spelt alike ("fast", "will", "gift", "art"), nor German
    inflections, compounds, synonyms or near spellings of it: English reaches German only through
    the glossary, and the hit shows that route."""
    found: dict[str, tuple[float, str, str | None, str | None]] = {}
    if key in look.postings and not look.homograph(key):
        _add(found, key, FACTOR["exact"], "exact")
    _glossary(key, look, found)
    return found


def _glossed(key: str, reading: str | None, look: _Lookup) -> bool:
    """Whether a query word not read as English also goes through the glossary: in a query read as
    German, unless it is a German word too ("Art der Förderung"); in a query of one word or of no
    leaning, unless it is a word of the data ("fast" alone is Fast 7000 Meisterprämien)."""
    if reading == "de":
        return not look.homograph(key)
    return reading == "en" or key not in look.postings


def _query_words(query: str, look: _Lookup, named: bool = False) -> tuple[list[_Word], str]:
    """The query as words to match: stop words dropped, synonym and glossary phrases joined,
    compounds split; and a note if words were left out (more than MAX_WORDS distinct words). A
    query read as English matches its English words only through the glossary (_english_word). A
    query that is a record's alias (`named`) is not widened to the parts of its compounds: it
    names what it means."""
    raw_words: list[tuple[str, str]] = []
    for match in WORD.finditer(THOUSANDS.sub("", query)):
        for key in normalise(match.group(0)).split():
            raw_words.append((match.group(0) if normalise(match.group(0)) == key else key, key))
    kept = [(r, k) for r, k in raw_words if k not in STOPWORDS] or raw_words
    note = ""
    distinct = list(dict.fromkeys(k for _, k in kept))
    if len(distinct) > MAX_WORDS:
        allowed = set(distinct[:MAX_WORDS])
        kept = [(r, k) for r, k in kept if k in allowed]
        left = len(distinct) - MAX_WORDS
        note = gettext("the query has {n} distinct words; searched the first {first}, left out {left}").format(
            n=len(distinct), first=MAX_WORDS, left=left
        )
    seen: set[str] = set()
    kept = [(r, k) for r, k in kept if not (k in seen or seen.add(k))]  # type: ignore[func-returns-value]
    reading = _reading([k for _, k in kept], look)
    words: list[_Word] = []
    i = 0
    group = 0
    while i < len(kept):
        for size in (3, 2):  # "heat pump", "recognition of qualifications"
            if i + size <= len(kept):
                phrase = " ".join(k for _, k in kept[i : i + size])
                raw_phrase = " ".join(r for r, _ in kept[i : i + size])
                in_data = all(k in look.postings for _, k in kept[i : i + size])
                listed = _synonym_entries(raw_phrase, phrase, look) or _glossary_terms(phrase, look)
                if not in_data and listed:
                    found: dict[str, tuple[float, str, str | None, str | None]] = {}
                    weak = _synonyms(raw_phrase, phrase, look, found)
                    _glossary(phrase, look, found)
                    words.append(_Word(raw_phrase, phrase, group, found, weak))
                    break
        else:
            raw, key = kept[i]
            size = 1
            for word in _read(raw, key, look, reading, named):
                word.group = group
                words.append(word)
        i += size
        group += 1
    return words, note


def _read(raw: str, key: str, look: _Lookup, reading: str | None, named: bool) -> list[_Word]:
    """One word of a query as the words to match: itself (with its inflections, compounds, synonyms
    and, where _glossed, glossary terms); an English word of an English query through the glossary
    alone; a compound that matches nothing strongly, by its parts; a compound of something lacking
    ("Lehrermangel", "Personalnot") as that thing and a weak word (_lacking)."""
    if reading == "en" and (look.homograph(key) or look.language_of(key) == "en"):
        return [_Word(raw, key, 0, _english_word(key, look))]
    found = _direct(raw, key, look)
    if _synonyms(raw, key, look, found):
        return [_Word(raw, key, 0, found, weak=True)]
    if _glossed(key, reading, look):
        _glossary(key, look, found)
    routed = any(how in ("synonym", "glossary") for _, how, _, _ in found.values())
    compound = key.isalpha() and len(key) <= MAX_WORD
    head = _weak_head(key, look) if compound and not routed else None
    pieces = _split(key, look) if head else None
    if pieces and pieces[-1] == head:
        return _lacking(raw, key, pieces, found, look, reading)
    if not _strong(found) and compound:
        pieces = pieces or _split(key, look)
        if pieces and not routed:
            words = []
            for piece in pieces:
                part = _direct(piece, piece, look)
                weak = _synonyms(piece, piece, look, part)
                words.append(_Word(_as_typed(raw, piece), piece, 0, part, weak))
            return words
    elif not named and key.isalpha() and len(key) <= MAX_WORD and _rare(found, look):
        _modifier_too(key, look, found)
    if not found and 5 <= len(key) <= MAX_WORD:
        _fuzzy(key, look, found)
    return [_Word(raw, key, 0, found)]


def _as_typed(raw: str, piece: str) -> str:
    """A part of a query compound (normalised) as the user typed it: "gaertner" of "Gärtnermangel" is
    "Gärtner"; the part itself where the typed word does not hold it (a linking letter dropped)."""
    for start in range(len(raw)):
        for end in range(start + 1, min(len(raw), start + len(piece) + 2) + 1):
            if normalise(raw[start:end]) == piece:
                return raw[start:end]
    return piece


def _lacking(
    raw: str,
    key: str,
    pieces: list[str],
    found: dict[str, tuple[float, str, str | None, str | None]],
    look: _Lookup,
    reading: str | None,
) -> list[_Word]:
    """A compound whose head is a weak word ("lehrermangel" -> lehrer, mangel; "personalnot") read
    as what is lacking, a word of its own (split further, given synonyms, as any query word), and
    the weak word. The compound itself, where the data holds it, counts for both ("Fachkräftemangel")."""
    *front, head = pieces
    itself = {t: v for t, v in found.items() if v[1] in ("exact", "stem", "umlaut", "lemma")}
    lacking = "".join(front)
    words = _read(_as_typed(raw, lacking), lacking, look, reading, named=True)
    weak_found = _direct(head, head, look)
    _synonyms(head, head, look, weak_found)
    words.append(_Word(_as_typed(raw, head), head, 0, weak_found, weak=True))
    for word in words:
        for term, (factor, how, via, reason) in itself.items():
            _add(word.found, term, factor, how, via, reason)
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

    words, note = _query_words(query, look, bool(exact))
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
        weight = math.log(1 + n_docs / max(len(strong or every), 1)) * general_weight(_zipf_of(word, look))
        if word.weak:
            weight *= WEAK_WEIGHT
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
    # rank_key rounded: products of factors that are equal on paper (0.75 x 0.6, 1.0 x 0.45) are equal here
    hits.sort(key=lambda h: (-h.score, -round(h.rank_key, 9), _order(h.id), h.title))
    return _limited(hits, unmatched, limit, hidden, note)


def _zipf_of(word: _Word, look: _Lookup) -> float | None:
    """How frequent a query word is in German at large: its own Zipf value where the index has it
    (a data word, or a word of the synonym table: "Geld"), else that of the data word it meets as an
    inflection or lemma, or means through the glossary (the index keeps the frequent ones), else
    the general word list's where this query loaded it already (to split a compound)."""
    if word.key in look.zipf:
        return look.zipf[word.key]
    values = [look.zipf[t] for t, (_, how, _, _) in word.found.items() if how in ("stem", "lemma") and t in look.zipf]
    meant = {normalise(via) for _, how, via, _ in word.found.values() if how == "glossary" and via}
    values += [look.zipf[t] for t in meant if t in look.zipf]  # an English word counts as its German word
    if not values and look.general_loaded and word.key not in look.postings:
        return look.general.get(word.key)
    return min(values) if values else None


def _plain_hit(doc: dict[str, Any], field: str, terms: list[str], shown: str) -> Hit:
    kind = doc.get("kind", "measure")
    hit = Hit(doc["id"], doc["title"], doc["ressorts"], 100, field, terms, 1.0, kind, [shown])
    hit.measure_id, hit.source = doc.get("measure_id"), doc.get("source")
    return hit


def _limited(hits: list[Hit], unmatched: list[str], limit: int | None, hidden: int, note: str = "") -> SearchResult:
    return SearchResult(hits[:limit] if limit else hits, unmatched, len(hits), hidden, note)


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
