"""Start-up cost (issue #16): what a command imports is part of its speed. These tests pin the
imports each hot path must NOT pay for, so that a top-level import added elsewhere cannot slow
`fko search --json` or `fko list` unnoticed (bench/ measures the time itself)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, sys
sys.argv = ["fko", *json.loads(sys.argv[1])]
from fko.cli import main
code = main()
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""


def imported(*args: str) -> set[str]:
    """The modules loaded by one run of `fko ARGS` with stdout into a pipe."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES "))
    return set(json.loads(line.removeprefix("MODULES ")))


@pytest.mark.parametrize(
    ("args", "not_needed"),
    [
        # --json prints records through the generated key table, not the TypedDicts
        (
            ("search", "Meisterprämie", "--json"),
            {"fko.model", "fko.budget", "fko.status", "fko.figures", "fko.choices"},
        ),
        # list derives a status per measure; it needs no search, figures, calendar or enums
        (("list",), {"fko.model", "fko.budget", "fko.finder", "fko.search", "fko.figures", "calendar", "fko.choices"}),
        (("show", "IV.1"), {"fko.model"}),
    ],
)
def test_hot_paths_do_not_import_what_they_do_not_use(args: tuple[str, ...], not_needed: set[str]) -> None:
    modules = imported(*args)
    assert "fko.store" in modules  # the probe ran the command
    assert not modules & not_needed


def test_typer_reads_real_annotations_not_strings() -> None:
    """Typer inspects every parameter of the command being run on each start; with
    `from __future__ import annotations` it must evaluate each as a string first (≈3 ms)."""
    files = [ROOT / "fko" / "cli.py", ROOT / "fko" / "options.py", *sorted((ROOT / "fko" / "commands").glob("*.py"))]
    future = re.compile(r"^from __future__ import annotations", re.MULTILINE)
    assert [f.name for f in files if future.search(f.read_text(encoding="utf-8"))] == []
