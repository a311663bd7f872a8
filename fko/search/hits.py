"""What a search returns: each ranked hit, how each query word met it, and the result as a whole."""

from __future__ import annotations

from typing import Any


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
