"""Shared fixtures: the committed store in memory, the source texts when present, a CLI runner."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from fko.store.fileformat import SHIPPED
from fko.store.reader import Store, open_store

# Hypothesis: a short profile by default (CI), a long one by hand: HYPOTHESIS_PROFILE=long pytest
settings.register_profile("ci", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
#: The long profile also runs every command on every store of the hostile corpus.
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "sources"
REPORT = SOURCES / "002_a45909dfd521d212.txt"


def shipped_tables() -> dict[str, list[dict[str, Any]]]:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    return {name: [rows[k] for k in sorted(rows, key=int)] for name, rows in data.items()}


@pytest.fixture(scope="session")
def tables() -> dict[str, list[dict[str, Any]]]:
    return shipped_tables()


@pytest.fixture()
def store() -> Store:
    """The shipped store as fko opens it: trusted by its checksum, searched through the index
    file beside it (a store in memory has no curated aliases in its index: tests/store)."""
    return open_store(str(SHIPPED))


@pytest.fixture(scope="session")
def sources() -> Path:
    if not REPORT.exists():
        pytest.skip(f"source texts not found at {SOURCES} (../shared is absent)")
    from fko.ingest import resources

    if not resources.available():  # a build without them warns, and its index differs from the shipped one
        pytest.skip("the build extra (wordfreq, simplemma) is not installed")
    return SOURCES


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code = code
        self.out = out
        self.err = err

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture()
def fko(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the fko command line in-process, as a pipe would see it (NO_COLOR, no COLUMNS: tables
    unwrapped; tests of the width policy set COLUMNS themselves)."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("FKO_DB", raising=False)
    for name in ("FKO_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):  # English, whatever the machine's locale
        monkeypatch.delenv(name, raising=False)

    def run(*args: str) -> Result:
        from fko.cli import main

        capsys.readouterr()
        code = main(list(args))
        sys.stdout.flush()
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
