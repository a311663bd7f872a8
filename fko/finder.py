"""Search over the store's records: ranked hits with snippets, and name-to-record resolution."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fko.errors import FkoError
from fko.measures import by_id as all_records
from fko.measures import filter_measures, get, normalise_id
from fko.search import normalise, search, snippet
from fko.store import Store


@dataclass
class Found:
    rows: list[dict[str, Any]]
    closest: list[str]


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


def find(
    store: Store,
    query: str,
    clusters: Sequence[str] = (),
    ressorts: Sequence[str] = (),
    limit: int | None = 10,
) -> Found:
    """Ranked hits for a query, each a row with id, title, ressorts, score, field, snippet."""
    index = store.table("search")[0]
    allowed = None
    if clusters or ressorts:
        allowed = [m["id"] for m in filter_measures(store, clusters, ressorts, source="all")]
    result = search(index, query, allowed, limit)
    by_id = records(store)
    rows = []
    for hit in result.hits:
        if hit.field == "updates":
            text = " ".join(f"{u['title']}. {u['quote']}" for u in store.table("updates") if u["measure"] == hit.id)
        else:
            text = _field_text(by_id[hit.id], hit.field, index["aliases"].get(hit.id, []))
        window, spans = snippet(text, hit.terms)
        rows.append({**hit.as_row(), "snippet": window, "snippet_spans": spans})
    closest: list[str] = []
    if not rows and normalise(query):
        from fko.search import closest_terms

        closest = closest_terms(index, query)
    return Found(rows, closest)


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
    hits = search(index, text, None, 6).hits
    top = [h for h in hits if h.score == 100] if not named else [h for h in hits if h.id in named]
    if len(top) == 1 and not named:
        return by_id[top[0].id]
    candidates = [h for h in hits if not named or h.id in named] or hits
    if not candidates:
        raise FkoError(f"no measure '{text}'; try `fko search {text}`")
    listed = "; ".join(f"{h.id} {h.title}" for h in candidates[:5])
    raise FkoError(f"'{text}' names more than one measure; use an ID: {listed}")
