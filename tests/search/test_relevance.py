"""The relevance suites as tests with floors: the tuning suite (tests/data/relevance.toml) and the
held-out suites (tests/data/heldout.toml, heldout2.toml), queries as people type them."""

from __future__ import annotations

from pathlib import Path

import pytest

from fko.store.reader import Store

from .relevance_suite import HELDOUT, HELDOUT2, HELDOUT3, Report, evaluate, load

QUERIES = load()


@pytest.fixture(scope="module")
def report() -> Report:
    from fko.store.fileformat import SHIPPED
    from fko.store.reader import open_store

    return evaluate(open_store(str(SHIPPED)), QUERIES)


def test_the_suite_is_large_and_every_entry_has_a_reason() -> None:
    assert len(QUERIES) >= 120
    assert all(q.reason.strip() and q.expect for q in QUERIES)
    assert len({q.q for q in QUERIES}) == len(QUERIES), "a query is listed twice"


def test_floors(report: Report) -> None:
    misses = [(o.query.q, o.got[:3]) for o in report.misses(3)]
    assert report.hits_at(3) >= 0.95, misses
    assert report.hits_at(1) >= 0.90
    assert report.mrr >= 0.93


@pytest.mark.parametrize("query", [q for q in QUERIES if q.issue], ids=lambda q: q.q)
def test_every_query_of_the_issue_is_answered_in_the_top_3(store: Store, query: object) -> None:
    from fko.search.finder import find

    from .relevance_suite import Query, key

    assert isinstance(query, Query)
    got = [key(r) for r in find(store, query.q).rows[:3]]
    assert set(got) & set(query.expect), (query.q, got)
    if query.first:
        assert got[0] == query.first, (query.q, got)


@pytest.mark.parametrize(
    ("suite", "before"),
    [
        (HELDOUT, "2.2.0 scored hits@3 0.705, MRR 0.647; the first 3.0.0 0.943 and 0.912; now 0.962 and 0.933"),
        (HELDOUT2, "written before the second round of changes: 0.980 and 0.954 before it, 0.980 and 0.949 after"),
        (HELDOUT3, "written after the third round of changes: 0.986 and 0.956 when first measured"),
    ],
    ids=["heldout", "heldout2", "heldout3"],
)
def test_held_out_floors(suite: Path, before: str) -> None:
    """Three held-out sets, written from the sources by testers who saw neither the code nor any other
    query set, and never tuned on. The floors are the issue's: hits@3 0.95 and MRR 0.90."""
    from fko.store.fileformat import SHIPPED
    from fko.store.reader import open_store

    queries = load(suite)
    assert len(queries) >= 100
    report = evaluate(open_store(str(SHIPPED)), queries)
    assert report.hits_at(3) >= 0.95, before
    assert report.mrr >= 0.90, before
