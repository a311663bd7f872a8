"""Every command has help with an example and is named in the README; the README's examples are what a
terminal shows; docs/schema.md is `fko schema`."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import typer
from rich.cells import cell_len

from fko.cli import build

from ..conftest import ROOT, Result
from .regen_docs import REGENERATE, SCHEMA_DOC, schema_document

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> list[tuple[str, str]]:
    group = typer.main.get_command(build())
    out = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        if hasattr(command, "commands"):
            out.extend((f"{name} {sub}", c.help or "") for sub, c in command.commands.items())
        else:
            out.append((name, command.help or ""))
    return out


def test_every_command_has_help_with_an_example_and_is_in_the_readme() -> None:
    reference = README.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    for name, help_text in commands():
        assert re.search(r"Examples?:\s+fko ", help_text), name
        assert f"`fko {name}" in README, name
        # a section of its own in the reference, or (an alias) named in its command's section
        assert f"\n### `fko {name}`\n" in reference or help_text.startswith("Alias of"), name
        assert f"`fko {name}`" in reference, name


def test_help_runs(fko: Callable[..., Result]) -> None:
    for name, _ in commands():
        result = fko(*name.split(), "--help")
        assert result.code == 0, name
        assert "Usage: fko" in result.out


def test_readme_quick_start_has_two_commands() -> None:
    start = README.split("## Quick start", 1)[1].split("## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", start, re.S)
    assert blocks == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/fko search Meisterprämie\n",
        ".venv/bin/pip install '.[test]' && .venv/bin/pytest\n",
    ]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for block in blocks:
        assert block.strip() in ci


def test_docs_schema_md_is_the_output_of_fko_schema(fko: Callable[..., Result]) -> None:
    """docs/schema.md is `fko schema`'s listing (the README points to it; the sdist carries it)."""
    assert "(docs/schema.md)" in README
    listing = fko("schema").out
    assert listing.startswith("fko JSON output, schema version ")
    written = SCHEMA_DOC.read_text(encoding="utf-8") if SCHEMA_DOC.exists() else ""
    assert written == schema_document(listing), f"docs/schema.md differs from `fko schema`: run {REGENERATE}"


def readme_examples() -> list[tuple[str, list[str]]]:
    """(command, shown lines) of every `$ fko ...` example in the README's console blocks."""
    examples: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *shown = chunk.rstrip("\n").split("\n")
            if "|" not in command:
                examples.append((command, [line for line in shown if line and "…" not in line]))
    return examples


#: What a terminal gets besides text: CSI sequences (styles) and OSC strings (e.g. links).
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def test_readme_examples_are_what_an_80_column_terminal_shows(
    fko: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each `$ fko ...` example shows lines of what fko draws on a terminal of 80 columns (its
    Rich view, which FORCE_COLOR draws into the capture), in their order and no wider; a line
    with `…` is shortened by hand and skipped."""
    import shlex

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    examples = readme_examples()
    assert len(examples) >= 20
    styled = 0
    for command, shown in examples:
        assert not [line for line in shown if cell_len(line) > 80], command
        result = fko(*shlex.split(command)[1:])
        assert result.code == 0, (command, result.err)
        styled += "\x1b[" in result.out
        produced = [line.rstrip() for line in ESCAPES.sub("", result.out).splitlines()]
        missing, at = [], 0
        for line in shown:
            if line.rstrip() in produced[at:]:
                at = produced.index(line.rstrip(), at) + 1
            else:
                missing.append(line)
        assert not missing, (command, missing[:3])
    assert styled >= len(examples) // 2  # the terminal view was drawn, not the pipe's
