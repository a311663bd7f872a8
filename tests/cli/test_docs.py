"""Every command has help with an example and is named in the README; the README's commands hold."""

from __future__ import annotations

import re
from collections.abc import Callable

import typer

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
    for name, help_text in commands():
        assert re.search(r"Examples?:\s+fko ", help_text), name
        assert f"`fko {name}" in README, name


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


def test_readme_examples_are_real_output(fko: Callable[..., Result]) -> None:
    import shlex

    examples = readme_examples()
    assert len(examples) >= 5
    for command, shown in examples:
        args = shlex.split(command)[1:]
        result = fko(*args)
        assert result.code == 0, command
        produced = {line.rstrip() for line in result.out.splitlines()}
        missing = [line for line in shown if line.rstrip() not in produced]
        assert not missing, (command, missing[:3])
