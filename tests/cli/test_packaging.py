"""The sdist carries every file its tests read: each file under tests/, bench/ and docs/ matches MANIFEST.in."""

from __future__ import annotations

import fnmatch

import pytest

from ..conftest import ROOT


def patterns() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in (ROOT / "MANIFEST.in").read_text(encoding="utf-8").splitlines():
        words = line.split()
        if words[:1] == ["recursive-include"]:
            found.setdefault(words[1], []).extend(words[2:])
    return found


@pytest.mark.parametrize(("folder", "known"), [("tests", "conftest.py"), ("bench", "bench.py"), ("docs", "schema.md")])
def test_every_file_under_the_folder_goes_into_the_sdist(folder: str, known: str) -> None:
    if not (ROOT / "MANIFEST.in").exists():
        pytest.skip("run from an installed wheel: no MANIFEST.in")
    wanted = patterns()[folder]
    files = [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert known in {p.name for p in files}
    missed = [str(p.relative_to(ROOT)) for p in files if not any(fnmatch.fnmatch(p.name, w) for w in wanted)]
    assert missed == []
