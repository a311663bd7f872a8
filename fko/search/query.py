"""A query over the search index: the records its words match, ranked and scored."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from fko.german import _NON_WORD, normalise
from fko.search.hits import Hit, Match, SearchResult
from fko.search.index import FIELD_NAMES, FIELDS
from fko.search.lookup import Lookup
from fko.search.words import Word, query_words

_WEIGHT = dict(FIELDS)


#: Records beyond measures and initiatives count a little less than the measures they belong to,
#: unless the query asks for a number (NUMBER_QUESTIONS).
FIGURE_FACTOR = 0.7


#: Words that ask for a number: then records beyond the measures, which hold the figures, count as
#: fully as the measures ("wie viele Fachkräfte fehlen in NRW": the 80,000 of 2023, an event).
NUMBER_QUESTIONS = ("wie viele", "wieviele", "wie oft", "anzahl", "how many", "how often", "number of")


def _asks_for_a_number(whole: str) -> bool:
    """Whether a query (normalised) asks for a number (NUMBER_QUESTIONS)."""
    padded = f" {whole} "
    return any(f" {words} " in padded for words in NUMBER_QUESTIONS)


#: How much a weak word counts beside the query's other words (times its weight by rarity): a word
#: of a weak synonym entry ("Mangel", "fehlen", "gesucht") says that something is lacking or
#: sought; the other words say what ("Kita-Personal fehlt": Kita and Personal decide).
WEAK_WEIGHT = 0.25


#: How much a query word counts by its frequency in German at large (wordfreq's Zipf value, kept
#: in the index for the data's frequent words): a word as common as "finden" (5.6) or "Menschen"
#: (5.9) counts about a third of a rare word; below Zipf 4 a word counts fully.
def general_weight(zipf: float | None) -> float:
    if zipf is None or zipf <= 4.0:
        return 1.0
    return max(0.15, 1.0 - (zipf - 4.0) / 2.5)


#: The cluster numerals a query may be.
_NUMERALS = frozenset(("i", "ii", "iii", "iv", "v", "vi"))


#: What a record ID (`IV.1`, `N.2`; validate.py) normalises to.
_ID_KEY = re.compile(r"[a-z]{1,4}[0-9]{1,3}")


def _id_key(record_id: str) -> str:
    """normalise(record_id) without spaces; the same, faster, for an ASCII ID."""
    if record_id.isascii():
        return _NON_WORD.sub("", record_id.casefold())
    return normalise(record_id).replace(" ", "")


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

    look = Lookup(index)
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
    if compact in _NUMERALS:  # a cluster numeral: its measures in order
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

    words, note = query_words(query, look, bool(exact))
    figure = [d.get("kind", "measure") not in ("measure", "initiative") for d in docs]
    n_docs = max(len(docs), 1)
    best: dict[int, dict[int, Match]] = defaultdict(dict)
    where: dict[int, dict[int, dict[int, set[int]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    weights: list[float] = []
    unmatched: list[str] = []
    surface = look.surface
    figure_factor = 1.0 if _asks_for_a_number(whole) else FIGURE_FACTOR
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
                q = _WEIGHT[name] * factor * (figure_factor if figure[n] else 1.0)
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
    _below_their_measures(hits)
    # rank_key rounded: products of factors that are equal on paper (0.75 x 0.6, 1.0 x 0.45) are equal here
    hits.sort(
        key=lambda h: (-h.score, -round(h.rank_key, 9), _order(h.id), h.kind not in ("measure", "initiative"), h.title)
    )
    return _limited(hits, unmatched, limit, hidden, note)


def _below_their_measures(hits: list[Hit]) -> None:
    """A key figure, update, event or recognition figure that would rank above its own measure,
    which the query finds too, scores no more than that measure and ranks right after it: the
    measure says what the figure counts ("apprenticeship coaching": II.9, then its Coaches), unless
    the query names the figure (_named). Its matches count less by the same factor, so that they
    still add up to its score (--explain)."""
    measures = {h.id: h for h in hits if h.kind in ("measure", "initiative") and h.id}
    for hit in hits:
        measure = measures.get(hit.measure_id) if hit.measure_id and hit.kind not in ("measure", "initiative") else None
        if measure is None or (hit.score, hit.rank_key) <= (measure.score, measure.rank_key) or _named(hit):
            continue
        proximity = min(hit.proximity, measure.proximity)
        share = max(0.0, measure.rank_key - proximity / 100)
        scale = share / hit.share if hit.share else 0.0
        for match in hit.matches:
            match.quality *= scale
        hit.share, hit.proximity, hit.rank_key = share, proximity, share + proximity / 100
        hit.score = min(99, round(100 * share + proximity))


def _named(hit: Hit) -> bool:
    """Whether a hit's title holds every word of a query of several words ("fast 7000
    Meisterprämien"): the query names it. One word names no record ("Coaches", "fast")."""
    return (
        hit.words_total >= 2 and hit.words_matched == hit.words_total and all(m.field == "title" for m in hit.matches)
    )


def _zipf_of(word: Word, look: Lookup) -> float | None:
    """How frequent a query word is in German at large: its own Zipf value where the index has it
    (a data word, or a word of the synonym table: "Geld"), else that of the data word it meets as an
    inflection or lemma, or means through the glossary (the index keeps the frequent ones), else
    the general word list's where this query loaded it already (to split a compound)."""
    own = look.zipf(word.key)
    if own is not None:
        return own
    found = [look.zipf(t) for t, (_, how, _, _) in word.found.items() if how in ("stem", "lemma")]
    meant = {normalise(via) for _, how, via, _ in word.found.values() if how == "glossary" and via}
    found += [look.zipf(t) for t in meant]  # an English word counts as its German word
    values = [value for value in found if value is not None]
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


def _proximity(words: Sequence[Word], where: dict[int, dict[int, set[int]]]) -> int:
    """Points for query words that stand together in one field: in the query's order with at most two
    words between them (stop words the query dropped: "Bundesagentur für Arbeit", "Suche nach einem
    Ausbildungsplatz"), or in one compound, 8; within four words 4; times the field's weight."""
    points = 0.0
    for i in range(len(words) - 1):
        left, right = where.get(i), where.get(i + 1)
        if not left or not right:
            continue
        best = 0.0
        for f in set(left) & set(right):
            gaps = [b - a for a in left[f] for b in right[f]]
            if any(0 <= g <= 3 for g in gaps):
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
