"""Reading the build's input files, with errors that name the file and the fix.

Inputs are untrusted: only regular files of at most MAX_INPUT_MB are read (a FIFO or a
device such as /dev/zero fails at once instead of hanging or filling memory).
"""

from __future__ import annotations

import os
import stat
import sys
import tomllib
from pathlib import Path
from typing import Any

from fko.errors import FkoError, UsageError
from fko.i18n import N_, _, os_reason
from fko.store.fileformat import read_at_most

#: The report is about 0.2 MB; anything far larger is not a source text.
MAX_INPUT_MB = 50
_KINDS = {
    stat.S_IFDIR: N_("a folder"),
    stat.S_IFIFO: N_("a FIFO"),
    stat.S_IFSOCK: N_("a socket"),
    stat.S_IFCHR: N_("a device"),
}


def read_bytes(path: Path, what: str) -> bytes:
    """The bytes of a regular file (or, for `-`, of standard input) of at most MAX_INPUT_MB;
    FkoError naming the file otherwise."""
    if str(path) == "-":
        return _read_stdin(what)
    try:
        kind = _KINDS.get(stat.S_IFMT(os.stat(path).st_mode))
        if kind:
            raise FkoError(
                _("{what} {path} is {kind}, not a file; check the path").format(what=_(what), path=path, kind=_(kind))
            )
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                raise FkoError(
                    _("{what} {path} is {kinds}; check the path").format(
                        what=_(what), path=path, kinds=_(_KINDS.get(stat.S_IFMT(mode), N_("not a file")))
                    )
                )
            raw = read_at_most(fd, MAX_INPUT_MB * 2**20)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise FkoError(_("{what} {path} not found; check the path").format(what=_(what), path=path)) from None
    except OSError as exc:
        raise FkoError(
            _("{what} {path} cannot be read ({strerror}); check the path").format(
                what=_(what), path=path, strerror=os_reason(exc)
            )
        ) from None
    if raw is None:
        raise FkoError(
            _("{what} {path} is larger than {max_input_mb} MB; is it the right file?").format(
                what=_(what), path=path, max_input_mb=MAX_INPUT_MB
            )
        )
    return raw


def _read_stdin(what: str) -> bytes:
    """What is piped into fko, at most MAX_INPUT_MB; never a terminal."""
    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError(
            _("a {what} from stdin (-) needs one piped in, e.g. fko data build - --out x.json < report.txt").format(
                what=_(what)
            )
        )
    raw = read_at_most(sys.stdin.fileno(), MAX_INPUT_MB * 2**20)
    if raw is None:
        raise FkoError(
            _("the {what} on stdin is larger than {max_input_mb} MB; is it the right file?").format(
                what=_(what), max_input_mb=MAX_INPUT_MB
            )
        )
    return raw


def read_text(path: Path, what: str) -> str:
    try:
        text = read_bytes(path, what).decode("utf-8")
    except UnicodeDecodeError:
        raise FkoError(_("{what} {path} is not UTF-8 text").format(what=_(what), path=path)) from None
    if "\x00" in text:
        raise FkoError(
            _("{what} {path} holds NUL characters: it is not a plain text file").format(what=_(what), path=path)
        )
    return text


def load_toml(path: Path, what: str) -> dict[str, Any]:
    try:
        return tomllib.loads(read_bytes(path, what).decode("utf-8"))
    except UnicodeDecodeError:
        raise FkoError(_("{what} {path} is not UTF-8 text").format(what=_(what), path=path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise FkoError(
            _("{what} {path} is not valid TOML: {problem}").format(what=_(what), path=path, problem=exc)
        ) from None
