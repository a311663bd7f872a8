"""The search package by concept (issue #22): no module over 800 lines, and no import circle
among its modules (the layer contract checks the packages, not the modules inside one)."""

from __future__ import annotations

import itertools
from pathlib import Path

import fko.search

PACKAGE = Path(fko.search.__file__).parent


def test_no_module_of_the_search_is_over_800_lines() -> None:
    lines = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in PACKAGE.glob("*.py")}
    assert {"query.py", "words.py", "lookup.py", "hits.py", "snippets.py"} <= set(lines)
    assert {name: n for name, n in lines.items() if n > 800} == {}


def test_the_search_modules_import_no_circle() -> None:
    import grimp

    graph = grimp.build_graph("fko")
    modules = sorted(m for m in graph.modules if m.startswith("fko.search."))
    assert graph.find_modules_directly_imported_by("fko.search.hits") == set()
    circles = [
        (a, b) for a, b in itertools.combinations(modules, 2) if graph.chain_exists(a, b) and graph.chain_exists(b, a)
    ]
    assert circles == []
