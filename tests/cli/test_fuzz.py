"""Hypothesis over the whole command line: any argv gives exit 0, 1 or 2 and never a traceback.

Every command gets random option lists built from its own options (so the options are reached,
not just rejected), with values from a pool of awkward ones (bad IDs, numbers, dates, unicode,
invalid bytes, control characters) and free text. The short CI profile draws a few lists per
command; HYPOTHESIS_PROFILE=long draws hundreds.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from types import FrameType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fko.cli import COMMANDS, build, main

from ..conftest import LONG

#: Values that have broken parsers before, or could.
AWKWARD = [
    "IV.1", "iv.1", "IV 1", "VII.99", "I.0", "N.1", "Meisterprämie", "MAGS", "mags", "XX", "I", "vi", "7",
    "²", "٣", "-1", "0", "1", "99999999999999999999", "1e309", "nan", "inf", "2024", "2024-02-30", "2023-13",
    "31.02.2024", "06/2024", "0000", "9999", "json", "csv", "sqlite", "xlsx", "year", "ressort", "cluster",
    "funding", "area", "country", "id,title", ",", "", " ", "-", "--", "tab", "\\t", "\t", "\n", '"', "'",
    "\x00", "\x1b[31m", "\u202e", "\ufeff", "a" * 300, "../../etc/passwd", "/dev/full", "/dev/null",
    "fko: forged\nline", os.fsdecode(b"\xff\xfe"), os.fsdecode(b"Meister\xe4"),
    "9" * 5000, "x" * 100_000, "IV." + "1" * 5000, " ".join(["Pflege"] * 2000),
]  # fmt: skip

values = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(max_size=20),
    st.binary(max_size=12).map(os.fsdecode),  # invalid UTF-8, as Python decodes argv
)


def options_of(name: str) -> list[tuple[str, bool]]:
    """(option, is_flag) for every option of a command, from its Click definition."""
    import typer

    group = typer.main.get_command(build(name))
    command = group.commands[name]  # type: ignore[attr-defined]
    found = []
    for param in command.params:
        for opt in [*param.opts, *param.secondary_opts]:
            if opt.startswith("-"):
                found.append((opt, bool(getattr(param, "is_flag", False))))
    return found


def argv_for(name: str) -> st.SearchStrategy[list[str]]:
    options = options_of(name)

    def token(choice: tuple[str, bool]) -> st.SearchStrategy[list[str]]:
        opt, flag = choice
        return st.just([opt]) if flag else values.map(lambda value: [opt, value])

    option_tokens = st.sampled_from(options).flatmap(token) if options else st.just([])
    parts = st.lists(st.one_of(option_tokens, values.map(lambda v: [v])), max_size=5)
    return parts.map(lambda groups: [name, *(t for group in groups for t in group)])


class Timeout(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Timeout()


@contextlib.contextmanager
def in_scratch_folder() -> Iterator[None]:
    """Run in an empty folder with the shipped store: an export lands there, not in the repo."""
    here = os.getcwd()
    saved = {k: os.environ.get(k) for k in ("FKO_DB", "NO_COLOR", "COLUMNS", "FKO_PAGER")}
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        os.environ.pop("FKO_DB", None)
        os.environ.update(NO_COLOR="1", COLUMNS="80")
        previous = signal.signal(signal.SIGVTALRM, _alarm)
        try:
            yield
        finally:
            signal.signal(signal.SIGVTALRM, previous)
            os.chdir(here)
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    signal.setitimer(signal.ITIMER_VIRTUAL, 10)  # CPU seconds: a loaded CI machine is no hang
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
    return code, out.getvalue(), err.getvalue()


def check(argv: list[str]) -> None:
    code, out, err = run(argv)
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err, (argv, err)
    for line in err.splitlines():
        assert "\x1b" not in line and "\r" not in line, (argv, line)
    out.encode("utf-8")  # no lone surrogates reach stdout
    # every line on stderr is an fko message: notes may come first ("taking IV.4 …"), an error last
    assert all(line.startswith("fko: ") for line in err.splitlines()), (argv, err)
    assert not err or err.endswith("\n"), (argv, err)
    assert code == 0 or err, (argv, code)  # a failure says why
    assert all(len(line) < 2_000 for line in err.splitlines()), (argv, len(err))  # arguments echoed short


FUZZED = sorted(set(COMMANDS) - {"data"})  # `fko data build` on hostile input: tests/test_safe_write.py


@pytest.mark.parametrize("name", FUZZED)
def test_any_option_list_of_every_command(name: str) -> None:
    strategy = argv_for(name)

    @settings(max_examples=300 if LONG else 6, database=None)
    @given(strategy)
    def fuzz(argv: list[str]) -> None:
        with in_scratch_folder():  # a fresh one per example: a file one run wrote cannot refuse the next
            check(argv)

    fuzz()


@settings(max_examples=300 if LONG else 20, database=None)
@given(st.lists(values, max_size=4))
def test_any_argv(argv: list[str]) -> None:
    with in_scratch_folder():
        check(argv)
        check(["--db", *argv])


def test_fuzzing_reaches_the_commands() -> None:
    """The option lists are the commands' own, so the fuzz gets past the parser."""
    assert ("--by", False) in options_of("budget")
    assert ("--json", True) in options_of("list")
    with in_scratch_folder():
        assert run(["list", "--cluster", "IV", "--json"])[0] == 0
    assert sys.stdout is not None


@pytest.mark.parametrize(
    "argv",
    [
        ["anerkennung", "--xlsx", "\x00"],  # NUL: a usage error, not ValueError
        ["search", os.fsdecode(b"\xd5cM\x12\xf1\x1bk"), "--xlsx", "IV.1"],  # invalid bytes in an xlsx title
        ["search", "--xlsx", "IV.1", "IV.1", "00000\U00010000\U00010000"],  # Excel counts UTF-16 units
    ],
)
def test_found_by_fuzzing(argv: list[str]) -> None:
    with in_scratch_folder():
        check(argv)
