"""The one output writer: closed and full stdout/stderr, closed pipes, invalid bytes, one-line errors."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko.cli import main
from fko.output.channels import one_line

from ..conftest import ROOT, Result


class Failing(io.RawIOBase):
    """A stdout that fails every write like /dev/full, or like a pipe whose reader left."""

    def __init__(self, error: OSError) -> None:
        self.error = error

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise self.error


def stream(error: OSError) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BufferedWriter(Failing(error)), encoding="utf-8")


@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["--help"], ["--version"], ["show", "--help"]])
def test_full_stdout_is_one_line_and_exit_1(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", stream(OSError(errno.ENOSPC, "No space left on device")))
    assert main(args) == 1
    assert capsys.readouterr().err == "fko: cannot write the output to stdout: No space left on device\n"


@pytest.mark.parametrize("args", [["list"], ["--help"], ["--version"], ["budget", "--by", "year"]])
def test_closed_pipe_exits_0_quietly(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", stream(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    assert main(args) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("args", [["list"], ["--help"], ["--version"]])
def test_closed_stdout(args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    assert main(args) == 1
    assert capsys.readouterr().err == "fko: cannot write the output to stdout: it is closed\n"


def test_closed_stderr_keeps_the_exit_code(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["show", "IV.99"]) == 1
    assert main(["list", "--limit", "x"]) == 2
    assert main(["clusters"]) == 0
    assert "Fachkräfte" in capsys.readouterr().out


def test_invalid_bytes_in_arguments_are_replaced(fko: Callable[..., Result]) -> None:
    bad = os.fsdecode(b"Meister\xffpr\xe4mie")  # as Python decodes invalid UTF-8 in argv
    result = fko("show", bad)
    assert result.code == 0 and result.out.startswith("IV.1: Meisterprämie NRW\n")
    assert result.err == (
        "fko: taking IV.1 Meisterprämie NRW: the only measure whose name matches 'Meister\\xffpr\\xe4mie'\n"
    )
    result = fko("show", os.fsdecode(b"qq\xffzz"))
    assert (result.code, result.err) == (1, "fko: no measure 'qq\\xffzz'; try `fko search 'qq\\xffzz'` or `fko list`\n")
    for args in (["search", bad], ["search", bad, "--json"], ["list", "--partner", bad], ["budget", bad]):
        result = fko(*args)
        assert result.code in (0, 1, 2) and "\\ud" not in result.out + result.err
        result.out.encode("utf-8")


def test_an_error_cannot_forge_a_second_line(fko: Callable[..., Result]) -> None:
    result = fko("show", "x\nfko: all is well\x1b[2J\u202e")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "x\\nfko: all is well\\x1b[2J\\u202e" in result.err


def test_weird_arguments_are_usage_errors(fko: Callable[..., Result]) -> None:
    assert fko("list", "--cluster", "²").err == "fko: unknown cluster '²'; use one of I, II, III, IV, V, VI (or 1-6)\n"
    result = fko("--db", "", "list")
    assert (result.code, result.err) == (
        2,
        "fko: --db is empty; name a store file, or leave --db out to read the shipped store\n",
    )
    for delimiter in ("ab", '"', "\n", "\r"):
        result = fko("list", "--csv", "--delimiter", delimiter)
        assert result.code == 2 and result.err.startswith("fko: --delimiter must be one character"), delimiter
        assert result.err.count("\n") == 1
    assert fko("list", "--csv", "--delimiter", "").err == (
        "fko: Invalid value for '--delimiter': is empty; give a value, or leave it out; see 'fko list --help'\n"
    )


@given(st.text())
def test_one_line_is_one_printable_line(text: str) -> None:
    line = one_line(text)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert not any(0xD800 <= ord(c) <= 0xDFFF or ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in line)
    line.encode("utf-8")  # never raises: no lone surrogates left
    if text.isprintable() and not any(c in text for c in "\u2028\u2029\u202a\u202b\u202c\u202d\u202e"):
        assert line == text


def shell(command: str) -> subprocess.CompletedProcess[str]:
    """Run a bash command line in which `fko` is this checkout's fko."""
    return subprocess.run(
        ["bash", "-c", f'fko() {{ "{sys.executable}" -m fko "$@"; }}; {command}'],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
        cwd=Path(ROOT),
    )


def test_real_closed_and_full_stdout_and_pipes() -> None:
    """As a shell runs them: `fko list >&-`, `> /dev/full`, `--help | true`, `2>&-`."""
    closed = shell("fko list >&-")
    assert (closed.returncode, closed.stderr) == (1, "fko: cannot write the output to stdout: it is closed\n")
    full = shell("fko --help > /dev/full")
    assert (full.returncode, full.stderr) == (1, "fko: cannot write the output to stdout: No space left on device\n")
    piped = shell("fko --help | true; exit ${PIPESTATUS[0]}")
    assert (piped.returncode, piped.stderr) == (0, "")
    head = shell("fko list --json | head -c 10 >/dev/null; exit ${PIPESTATUS[0]}")
    assert (head.returncode, head.stderr) == (0, "")
    assert shell("fko show IV.99 2>&-").returncode == 1
