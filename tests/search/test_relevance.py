"""The relevance suites as tests with floors: the tuning suite (tests/data/relevance.toml) and the
held-out suite (tests/data/heldout.toml), queries as people type them."""

from __future__ import annotations

import pytest

from fko.store.reader import Store

from .relevance_suite import HELDOUT, Report, evaluate, load

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


def test_held_out_floors() -> None:
    """The held-out queries were written before search changed for issue #24 and never tuned on:
    2.2.0 scored hits@3 0.705 and MRR 0.647 on them; 3.0.0 scores 0.943 and 0.912. The floors
    keep what was reached (the issue asks for hits@3 0.95, not yet met, and MRR 0.90)."""
    from fko.store.fileformat import SHIPPED
    from fko.store.reader import open_store

    queries = load(HELDOUT)
    assert len(queries) >= 100
    report = evaluate(open_store(str(SHIPPED)), queries)
    assert report.hits_at(3) >= 0.94
    assert report.mrr >= 0.90
