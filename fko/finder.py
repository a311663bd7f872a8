"""Search over the store's records: ranked hits with snippets, and name-to-record resolution."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fko.errors import FkoError
from fko.measures import by_id as all_records
from fko.measures import filter_measures, get, normalise_id
from fko.search import Hit, normalise, search, snippet
from fko.store import Store

TITLE_LIKE = ("title", "id", "alias")


@dataclass
class Found:
    rows: list[dict[str, Any]]
    closest: list[str]
    total: int = 0  # hits before --limit
    hidden: int = 0  # hits the filters left out
    unmatched: list[str] = dataclasses.field(default_factory=list)


def records(store: Store) -> dict[str, dict[str, Any]]:
    """Every searchable record by ID: the report's measures and the newer sources' initiatives."""
    return all_records(store)


def _field_text(record: dict[str, Any], field: str, aliases: Sequence[str]) -> str:
    if field == "alias":
        return ", ".join(aliases)
    value = record.get(field)
    if isinstance(value, dict):  # budget, runtime: their wording
        value = value.get("text")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value or "")


def _highlight_words(hit: Hit) -> set[str]:
    """The normalised words to mark in a snippet: each matched data word as printed, split."""
    words = set(hit.terms)
    for shown in hit.matched:
        words.update(normalise(shown).split())
    return words


def find(
    store: Store,
    query: str,
    clusters: Sequence[str] = (),
    ressorts: Sequence[str] = (),
    limit: int | None = 10,
    kinds: Sequence[str] = (),
) -> Found:
    """Ranked hits for a query, each a row with id, kind, title, ressorts, score, field, matched,
    via, snippet (the best-matching field) and match (the best field other than the title, for the
    table: the title is shown beside it anyway)."""
    index = store.table("search")[0]
    allowed = None
    if clusters or ressorts:
        allowed = [m["id"] for m in filter_measures(store, clusters, ressorts, source="all")]
    result = search(index, query, allowed, limit, kinds or None)
    by_id = records(store)

    def text_of(hit: Hit, field: str) -> str:
        if field == "title":
            return hit.title
        if hit.text is not None:
            return hit.text.get(field, "")
        if field == "updates":
            return " ".join(f"{u['title']}. {u['quote']}" for u in store.table("updates") if u["measure"] == hit.id)
        return _field_text(by_id[hit.id or ""], field, index["aliases"].get(hit.id, []))

    rows = []
    for hit in result.hits:
        marked = _highlight_words(hit)
        window, spans = snippet(text_of(hit, hit.field), marked)
        # the table's Match column: never the title again (it stands beside it)
        in_title = hit.field in ("title", "id") or normalise(window.strip("…")) in normalise(hit.title)
        other = [m for m in sorted(hit.matches, key=lambda m: -m.quality * m.weight) if m.field not in TITLE_LIKE]
        if in_title and other:
            match, match_spans = snippet(text_of(hit, other[0].field), marked)
        elif in_title:  # the words where else they stand, if anywhere
            match, match_spans = "", []
            for field in ("goal", "description"):
                window_, spans_ = snippet(text_of(hit, field), marked)
                if spans_:
                    match, match_spans = window_, spans_
                    break
        else:
            match, match_spans = window, spans
        via = hit.via()
        if via:
            prefix = "(" + ", ".join(f"{v['word']} → {v['means']}" for v in via) + ")" + (" " if match else "")
            match = prefix + match
            match_spans = [(a + len(prefix), b + len(prefix)) for a, b in match_spans]
        row = {**hit.as_row(), "snippet": window, "match": match, "match_spans": match_spans}
        row["_hit"] = hit
        rows.append(row)
    closest: list[str] = []
    if not rows and not result.hidden and normalise(query):
        from fko.search import closest_terms

        closest = closest_terms(index, query)
    return Found(rows, closest, result.total, result.hidden, result.unmatched)


def resolve(store: Store, text: str) -> dict[str, Any]:
    """A record named by ID, exact title or alias, or a search with one clear winner.

    Anything else is "not found" (exit 1) with the candidates listed.
    """
    if normalise_id(text) or text.strip().upper() in records(store):
        return get(store, text.strip().upper() if not normalise_id(text) else text)
    by_id = records(store)
    index = store.table("search")[0]
    key = normalise(text)
    titles = [r for r in by_id.values() if normalise(r["title"]) == key]
    if len(titles) == 1:
        return titles[0]
    named = [i for i, names in index["aliases"].items() if key in {normalise(a) for a in names}]
    if len(named) == 1:
        return by_id[named[0]]
    hits = search(index, text, None, 6, ("measure", "initiative")).hits
    top = [h for h in hits if h.score == 100] if not named else [h for h in hits if h.id in named]
    if len(top) == 1 and not named:
        return by_id[top[0].id or ""]
    candidates = [h for h in hits if not named or h.id in named] or hits
    if not candidates:
        raise FkoError(f"no measure '{text}'; try `fko search {text}`")
    listed = "; ".join(f"{h.id} {h.title}" for h in candidates[:5])
    raise FkoError(f"'{text}' names more than one measure; use an ID: {listed}")
