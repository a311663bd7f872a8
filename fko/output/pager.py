"""The pager: terminal output longer than the screen goes through `$FKO_PAGER`, `$PAGER` or
`less -FRX`, as git and gh do; `--no-pager` (anywhere on the line) turns it off."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import sys
from collections.abc import Iterator

from fko.i18n import _, os_reason
from fko.output.display import isatty

DEFAULT = "less -FRX"
NO_PAGER = "--no-pager"


class Capture(io.StringIO):
    """Stands in for a terminal's stdout while a command runs: it keeps the text and still
    says it is a terminal, so tables are drawn for the terminal's width."""

    def __init__(self, terminal: object) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return int(self.terminal.fileno())  # type: ignore[attr-defined]


def command() -> str | None:
    """The pager to run, or None: $FKO_PAGER, then $PAGER, then `less -FRX`; empty or `cat`
    means none."""
    for name in ("FKO_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            return value.strip() if value.strip() not in ("", "cat") else None
    return DEFAULT if shutil.which("less") else None


def without_flag(args: list[str]) -> tuple[list[str], bool]:
    """The arguments without `--no-pager` (accepted anywhere before `--`), and whether it was given."""
    end = args.index("--") if "--" in args else len(args)
    wanted = NO_PAGER in args[:end]
    return [a for i, a in enumerate(args) if not (i < end and a == NO_PAGER)], wanted


def show(text: str, terminal: object, rows: int, pager: str | None) -> None:
    """Write `text` to the terminal, through the pager when it has more lines than `rows`."""
    if pager is None or text.count("\n") < rows:
        _directly(text, terminal)
        return
    import subprocess

    missing = _missing_program(pager)
    if missing:
        _directly(
            text,
            terminal,
            _("pager '{missing}' not found; output written directly (see --no-pager)").format(missing=missing),
        )
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # as git does: quit if one screen, keep colours, no clearing
    env.setdefault("LV", "-c")
    if "LESSCHARSET" not in env and "LESSCHARDEF" not in env:  # fko writes UTF-8 whatever the locale says
        env["LESSCHARSET"] = "utf-8"
    try:
        # a plain program with arguments runs directly (as git does): no shell to start first
        words = _plain_command(pager)
        process = subprocess.Popen(words or pager, shell=words is None, stdin=subprocess.PIPE, env=env)
    except OSError as exc:
        _directly(
            text,
            terminal,
            _("pager '{pager}' could not start ({strerror}); output written directly").format(
                pager=pager, strerror=os_reason(exc)
            ),
        )
        return
    assert process.stdin is not None
    # Ctrl-C belongs to the pager (less reads it itself): fko goes on until the pager has quit.
    # Ignored only from here: a pager started while fko ignores SIGINT would inherit that.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        try:
            process.stdin.write(text.encode("utf-8", "replace"))
            process.stdin.close()
        except BrokenPipeError:  # the reader quit the pager early: fine
            pass
        code = process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    if code > 0:  # the pager failed (126/127: the shell could not run it); a signal is the reader's doing
        _directly(
            text,
            terminal,
            _("pager '{pager}' failed (exit {code}); output written directly").format(pager=pager, code=code),
        )


def _missing_program(pager: str) -> str | None:
    """The pager's program when it is plainly not there (no such command), else None; a
    command the shell must interpret (VAR=x less, pipes) is left to the shell."""
    words = _words(pager, "|&;<>$`(")
    return words[0] if words and not shutil.which(words[0]) else None


def _plain_command(pager: str) -> list[str] | None:
    """The words of the pager command when it is a plain program with arguments, else None: a
    command the shell must interpret (VAR=x less, pipes, quotes' expansions, ~, globs) is left to
    the shell."""
    return _words(pager, "|&;<>$`()~*?[]{}#!\\\n")


def _words(pager: str, special: str) -> list[str] | None:
    """The words of the pager command, or None where it holds one of `special`, does not split
    (an open quote) or starts with an assignment (VAR=x less)."""
    import shlex

    if any(c in pager for c in special):
        return None
    try:
        words = shlex.split(pager)
    except ValueError:
        return None
    return words if words and "=" not in words[0] else None


def _directly(text: str, terminal: object, message: str | None = None) -> None:
    """Write `text` to the terminal without the pager; with `message`, say on stderr why."""
    from fko.output.channels import note

    terminal.write(text)  # type: ignore[attr-defined]
    terminal.flush()  # type: ignore[attr-defined]
    if message:
        note(message)
        sys.stderr.flush()


@contextlib.contextmanager
def paging(enabled: bool) -> Iterator[None]:
    """While a command runs, keep what it writes to a terminal; then show it (paged if long)."""
    terminal = sys.stdout
    if not enabled or not isatty(terminal):
        yield
        return
    capture = Capture(terminal)
    from fko.output.channels import Channel

    sys.stdout = Channel(capture, "stdout")
    try:
        yield
    finally:
        sys.stdout = terminal
        rows = shutil.get_terminal_size((80, 24)).lines
        show(capture.getvalue(), terminal, max(1, rows - 1), command())
