"""The pager: long terminal output goes through $FKO_PAGER / $PAGER / less -FRX; --no-pager."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from fko.output import pager


def test_no_pager_is_taken_anywhere_before_a_double_dash() -> None:
    assert pager.without_flag(["list", "--no-pager", "-c", "IV"]) == (["list", "-c", "IV"], True)
    assert pager.without_flag(["--no-pager", "show", "IV.1"]) == (["show", "IV.1"], True)
    assert pager.without_flag(["search", "--", "--no-pager"]) == (["search", "--", "--no-pager"], False)


def test_which_pager(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FKO_PAGER", "more")
    monkeypatch.setenv("PAGER", "most")
    assert pager.command() == "more"
    monkeypatch.delenv("FKO_PAGER")
    assert pager.command() == "most"
    monkeypatch.setenv("PAGER", "cat")
    assert pager.command() is None
    monkeypatch.setenv("FKO_PAGER", "")
    assert pager.command() is None


def test_short_output_is_written_directly_long_output_is_paged(tmp_path: Path) -> None:
    out = io.StringIO()
    target = tmp_path / "paged.txt"
    command = f"{sys.executable} -c \"import sys; open(r'{target}', 'w').write(sys.stdin.read())\""
    pager.show("one\ntwo\n", out, rows=5, pager=command)
    assert out.getvalue() == "one\ntwo\n" and not target.exists()
    long = "".join(f"line {n}\n" for n in range(10))
    pager.show(long, out, rows=5, pager=command)
    assert target.read_text() == long
    assert out.getvalue() == "one\ntwo\n"


def test_a_pipe_is_never_paged(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("FKO_PAGER", "false")  # would swallow the output if it ran
    from fko.cli import main

    assert main(["list", "-c", "VI"]) == 0
    assert capsys.readouterr().out.startswith("8 measures\n")


LONG = "".join(f"line {n}\n" for n in range(10))


def test_a_missing_pager_still_shows_the_output(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    pager.show(LONG, out, rows=5, pager="/nonexistent")
    assert out.getvalue() == LONG
    assert capsys.readouterr().err == "fko: pager '/nonexistent' not found; output written directly (see --no-pager)\n"


def test_a_pager_that_fails_before_reading_still_shows_the_output(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    pager.show(LONG, out, rows=5, pager="sh -c 'exit 3'")  # fails without reading
    assert out.getvalue() == LONG
    assert capsys.readouterr().err == "fko: pager 'sh -c 'exit 3'' failed (exit 3); output written directly\n"
    pager.show(LONG, out, rows=5, pager="/nonexistent/less $LESS")  # left to the shell: exit 127
    assert out.getvalue() == LONG * 2
    assert "failed (exit 127); output written directly" in capsys.readouterr().err


def test_a_pager_that_works_gets_the_output_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    target = tmp_path / "paged.txt"
    pager.show(LONG, out, rows=5, pager=f"cat > '{target}'")
    assert (out.getvalue(), target.read_text(), capsys.readouterr().err) == ("", LONG, "")


def test_a_plain_pager_runs_without_a_shell_anything_else_through_it() -> None:
    """Starting a shell first costs a terminal run ≈2 ms; only what a shell must read goes to it."""
    assert pager._plain_command("less -FRX") == ["less", "-FRX"]
    assert pager._plain_command("less -R 'a b'") == ["less", "-R", "a b"]
    for command in ("LESS=R less", "less | cat", "cat > x", "less $LESS", "less ~/x", "less *", "less # x", ""):
        assert pager._plain_command(command) is None, command


@pytest.mark.parametrize(("given", "seen"), [(None, "utf-8"), ("latin1", "latin1")])
def test_less_reads_utf8_whatever_the_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str | None, seen: str
) -> None:
    """fko writes UTF-8 to its pager; less in a locale that is not installed (LANG=de_DE.UTF-8 on a
    machine without it) showed "Ma<C3><9F>nahme". A LESSCHARSET the user set is kept."""
    monkeypatch.delenv("LESSCHARDEF", raising=False)
    if given is None:
        monkeypatch.delenv("LESSCHARSET", raising=False)
    else:
        monkeypatch.setenv("LESSCHARSET", given)
    target = tmp_path / "charset.txt"
    reader = tmp_path / "reader.py"
    reader.write_text(
        f"import os, sys\nsys.stdin.read()\nopen({str(target)!r}, 'w').write(os.environ['LESSCHARSET'])\n"
    )
    pager.show("Maßnahme\n" * 10, io.StringIO(), rows=5, pager=f"{sys.executable} {reader}")
    assert target.read_text() == seen
