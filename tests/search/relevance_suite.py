"""The relevance suite of `fko search` (tests/data/relevance.toml) and its measures: MRR, hits@k."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fko.search.finder import find
from fko.store.reader import Store

SUITE = Path(__file__).parents[1] / "data" / "relevance.toml"
HELDOUT = Path(__file__).parents[1] / "data" / "heldout.toml"
HELDOUT2 = Path(__file__).parents[1] / "data" / "heldout2.toml"
HELDOUT3 = Path(__file__).parents[1] / "data" / "heldout3.toml"


@dataclass
class Query:
    q: str
    expect: list[str]
    reason: str = ""
    issue: bool = False
    first: str | None = None
    group: str | None = None  # a class of queries (`class` in a file), for scores by class
    # `expect` names hits as the table prints them: a figure (indicator, update, event, recognition
    # figure) of a measure by that measure's ID, as well as by "kind:title" (probe2.toml's convention)
    printed_id: bool = False


@dataclass
class Outcome:
    query: Query
    got: list[str]  # the first hits, as keys
    rank: int | None  # 1-based rank of the first expected hit among the first 10, or None


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def hits_at(self, k: int) -> float:
        return sum(1 for o in self.outcomes if o.rank is not None and o.rank <= k) / len(self.outcomes)

    @property
    def mrr(self) -> float:
        return sum(1 / o.rank for o in self.outcomes if o.rank) / len(self.outcomes)

    def misses(self, k: int) -> list[Outcome]:
        return [o for o in self.outcomes if o.rank is None or o.rank > k]


def load(path: Path = SUITE, printed_id: bool = False) -> list[Query]:
    """The queries of a suite file; keys other than Query's are ignored, `class` (or `group`) kept
    as the query's group; `printed_id` for every query of a file written in that convention."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    queries = []
    for entry in data["query"]:
        group = entry.get("class", entry.get("group"))
        known = {k: v for k, v in entry.items() if k in ("q", "expect", "reason", "issue", "first", "printed_id")}
        known.setdefault("printed_id", printed_id)
        queries.append(Query(**known, group=str(group) if group is not None else None))
    return queries


def key(row: dict[str, Any]) -> str:
    """A hit as the suite names it: the ID of a measure or initiative, else "kind:title"."""
    if row["kind"] in ("measure", "initiative"):
        return str(row["id"])
    return f"{row['kind']}:{row['title']}"


def printed(row: dict[str, Any]) -> str | None:
    """The ID the table prints for a hit: its own, or that of the measure a figure belongs to."""
    return row["id"] or row.get("measure_id")


def evaluate(store: Store, queries: Sequence[Query]) -> Report:
    report = Report()
    for query in queries:
        rows = find(store, query.q, limit=10).rows
        got = [key(r) for r in rows]
        answers = [
            k in query.expect or (query.printed_id and printed(r) in query.expect)
            for k, r in zip(got, rows, strict=True)
        ]
        rank = next((i for i, answered in enumerate(answers, start=1) if answered), None)
        report.outcomes.append(Outcome(query, got, rank))
    return report
