"""A store without its index file is indexed in memory, and finds what the shipped store finds,
with the same scores: the build's curated aliases, compound splits and word frequencies come
with it (newcomer report, finding 3)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from fko.store.fileformat import SHIPPED, index_path

from ..conftest import Result
from .relevance_suite import load

#: The tuning suite's queries (every eighth: all its classes), and the newcomer's.
QUERIES = sorted({q.q for q in load()[::8]} | {"Lehrer", "Meisterprämie", "Pflege Ausbildung"})


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("copy") / "store.json"
    shutil.copyfile(SHIPPED, path)
    assert not index_path(path).exists()
    return path


def test_a_copy_without_its_index_file_finds_what_the_shipped_store_finds(copy: Path) -> None:
    """Every row of every hit, scores and matched words included (one store each: its index is made once)."""
    from fko.search.finder import find, store_index
    from fko.store.reader import open_store

    shipped, copied = open_store(str(SHIPPED)), open_store(str(copy))
    assert store_index(copied)[0] == store_index(shipped)[0]
    assert len(QUERIES) >= 30
    for query in QUERIES:
        expected = [{k: v for k, v in row.items() if k != "_hit"} for row in find(shipped, query, limit=None).rows]
        got = [{k: v for k, v in row.items() if k != "_hit"} for row in find(copied, query, limit=None).rows]
        assert got == expected, query


def test_the_newcomers_queries_on_a_copy(copy: Path, fko: Callable[..., Result]) -> None:
    def hits(*query: str) -> list[tuple[str | None, str, int]]:
        rows = fko("--db", str(copy), "search", *query, "--limit", "0", "--json").json()
        return [(r["id"] or r["measure_id"], r["kind"], r["score"]) for r in rows]

    teachers = hits("Lehrer")
    assert len(teachers) == 15
    assert ("III.3", "measure") in [(i, k) for i, k, _ in teachers]
    # the Lehrfabrik indicator matches better than its measure (in its title) and ranks right after it
    at = teachers.index(("III.3", "measure", 22))
    assert teachers[at + 1] == ("III.3", "indicator", 22)
    assert hits("Meisterprämie")[0] == ("IV.1", "measure", 100)
    assert [s for _, _, s in hits("Pflege", "Ausbildung")[:2]] == [84, 76]
