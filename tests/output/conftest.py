"""Fixtures of the output tests: fko in-process as a terminal shows it, and on a real pseudo-terminal."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Callable

import pytest
from rich.cells import cell_len

from ..conftest import Result

#: ANSI SGR codes (styles); fko's own are bold, dim, bold reverse and the reset.
SGR = re.compile(r"\x1b\[[0-9;]*m")


def unstyled(text: str) -> str:
    return SGR.sub("", text)


def too_wide(text: str, width: int) -> list[str]:
    """The lines of `text` (styles removed) that take more than `width` terminal columns."""
    return [line for line in unstyled(text).splitlines() if cell_len(line) > width]


class FakeTerminal(io.StringIO):
    """stdout that says it is a terminal and keeps what is written to it."""

    def isatty(self) -> bool:
        return True


@pytest.fixture()
def tty(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run fko in-process on a colour terminal of `width` columns (Rich draws; the pager is off)."""

    def run(width: int, *args: str) -> Result:
        from fko.cli import main

        monkeypatch.setenv("COLUMNS", str(width))
        monkeypatch.setenv("TERM", "xterm-256color")
        monkeypatch.setenv("FKO_PAGER", "cat")
        for name in ("NO_COLOR", "FORCE_COLOR", "FKO_DB"):
            monkeypatch.delenv(name, raising=False)
        screen, errors = FakeTerminal(), io.StringIO()
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = screen, errors
        try:
            code = main(list(args))
        finally:
            sys.stdout, sys.stderr = saved
        return Result(code, screen.getvalue(), errors.getvalue())

    return run


def on_pty(args: list[str], width: int, env: dict[str, str] | None = None, python: bool = False) -> Result:
    """`python -m fko ARGS` (or `python ARGS`) on a real pseudo-terminal of `width` columns, as
    a person runs it: no $COLUMNS (fko asks the terminal), colour, the pager off. The
    terminal's CR LF line ends are read back as LF."""
    import fcntl
    import pty
    import struct
    import termios
    import threading

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, width, 0, 0))
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "FKO_DB")}
    environment.update({"TERM": "xterm-256color", "FKO_PAGER": "cat", **(env or {})})
    chunks: list[bytes] = []

    def read() -> None:
        try:
            while data := os.read(master, 65536):
                chunks.append(data)
        except OSError:  # the terminal closed: EIO
            pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        child = subprocess.run(
            [sys.executable, *([] if python else ["-m", "fko"]), *args],
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=subprocess.PIPE,
            env=environment,
            check=False,
            timeout=60,
        )
    finally:
        os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    out = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    return Result(child.returncode, out, child.stderr.decode("utf-8"))
