"""Start-up cost (issue #16): what a command imports is part of its speed. These tests pin the
imports each hot path must NOT pay for, so that a top-level import added elsewhere cannot slow
`fko search --json` or `fko list` unnoticed (bench/ measures the time itself)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

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
        # --json prints records: no table writer; the shipped store is trusted by its
        # checksum, so its checks are not imported
        (
            ("search", "Meisterprämie", "--json"),
            {
                "fko.output.tables",
                "fko.output.plain",
                "fko.store.checks",
                "fko.model.schema",
                "fko.domain.budget",
                "fko.domain.status",
                "fko.domain.figures",
                "fko.commands.choices",
                "fko.views.budget",
            },
        ),
        # a list table needs no search, figures, calendar or enums (its status column: fko.domain.status)
        (
            ("list",),
            {
                "fko.model.schema",
                "fko.domain.budget",
                "fko.search.finder",
                "fko.search.query",
                "fko.domain.figures",
                "calendar",
                "fko.commands.choices",
                "fko.views.budget",
            },
        ),
        # an ID names its record: no search module (finder imports it where a search runs)
        (("show", "IV.1"), {"fko.model.schema", "fko.search.query", "fko.commands.choices", "fko.views.budget"}),
    ],
)
def test_hot_paths_do_not_import_what_they_do_not_use(args: tuple[str, ...], not_needed: set[str]) -> None:
    modules = imported(*args)
    assert "fko.store.reader" in modules  # the probe ran the command
    import typer

    if tuple(int(n) for n in typer.__version__.split(".")[:2]) >= (0, 29):
        not_needed = not_needed - {"calendar"}  # Typer 0.29 validates through pydantic, which imports it
    assert not modules & not_needed


def test_typer_reads_real_annotations_not_strings() -> None:
    """Typer inspects every parameter of the command being run on each start; with
    `from __future__ import annotations` it must evaluate each as a string first (≈3 ms)."""
    import fko

    package = Path(fko.__file__).parent  # the fko being tested: the source tree, or an installed wheel
    files = [package / "cli.py", *sorted((package / "commands").glob("*.py"))]
    assert len(files) > 10
    future = re.compile(r"^from __future__ import annotations", re.MULTILINE)
    assert [f.name for f in files if future.search(f.read_text(encoding="utf-8"))] == []


def test_help_lists_every_command_as_typer_builds_it_without_building_one() -> None:
    """`fko --help` lists the commands from their help texts; Typer building every command
    (inspecting all their parameters) would print the same lines, only slower."""
    import typer

    from fko.cli import ORDER, _register, build

    def help_text(group: typer.core.TyperGroup, width: int = 80) -> str:
        return group.get_help(typer.Context(group, info_name="fko", terminal_width=width, max_content_width=width))

    lazy = typer.main.get_command(build())
    full_app = build()
    for name in ORDER:
        _register(full_app, name)
    full = typer.main.get_command(full_app)
    for width in (40, 60, 80, 120, 200):  # narrow: Click shortens a help text to the width
        assert help_text(lazy, width) == help_text(full, width), width  # type: ignore[arg-type]
    assert lazy.commands.built == {}  # type: ignore[attr-defined]
    assert "  search       Search measures, initiatives" in help_text(lazy)  # type: ignore[arg-type]


def test_a_command_not_named_first_is_built_when_run_or_completed(fko: Any) -> None:
    assert fko("--", "search", "Meisterprämie", "--json").out == fko("search", "Meisterprämie", "--json").out
    done = subprocess.run(
        [sys.executable, "-m", "fko"],
        env={**os.environ, "_FKO_COMPLETE": "complete_bash", "COMP_WORDS": "fko search --li", "COMP_CWORD": "2"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["--limit"]


def test_each_summary_is_the_first_sentence_of_its_commands_help() -> None:
    import importlib

    from fko.cli import COMMANDS, SUMMARIES, first_sentence

    assert set(SUMMARIES) == set(COMMANDS)
    for name, module in COMMANDS.items():
        if name not in ("anerkennung", "data"):
            doc = importlib.import_module(f"fko.commands.{module}").run.__doc__ or ""
            assert SUMMARIES[name] == first_sentence(doc), f"update SUMMARIES[{name!r}] in fko/cli.py"


def test_help_imports_no_command() -> None:
    modules = imported("--help")
    assert "fko.cli" in modules
    assert not {m for m in modules if m.startswith("fko.commands.") and m != "fko.commands.options"}
