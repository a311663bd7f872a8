"""Reading the build's input files, with errors that name the file and the fix.

Inputs are untrusted: only regular files of at most MAX_INPUT_MB are read (a FIFO or a
device such as /dev/zero fails at once instead of hanging or filling memory).
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from fko.errors import FkoError
from fko.store.fileformat import read_at_most

#: The report is about 0.2 MB; anything far larger is not a source text.
MAX_INPUT_MB = 50
_KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device"}


def read_bytes(path: Path, what: str) -> bytes:
    """The bytes of a regular file of at most MAX_INPUT_MB; FkoError naming the file otherwise."""
    try:
        kind = _KINDS.get(stat.S_IFMT(os.stat(path).st_mode))
        if kind:
            raise FkoError(f"{what} {path} is {kind}, not a file; check the path")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise FkoError(f"{what} {path} not found; check the path") from None
    except OSError as exc:
        raise FkoError(f"{what} {path} cannot be read ({exc.strerror}); check the path") from None
    try:
        info = os.fstat(fd)
        limit = MAX_INPUT_MB * 2**20
        if not stat.S_ISREG(info.st_mode):
            raise FkoError(f"{what} {path} is {_KINDS.get(stat.S_IFMT(info.st_mode), 'not a file')}; check the path")
        raw = read_at_most(fd, limit)
        if raw is None:
            raise FkoError(f"{what} {path} is larger than {MAX_INPUT_MB} MB; is it the right file?")
        return raw
    except OSError as exc:
        raise FkoError(f"{what} {path} cannot be read ({exc.strerror}); check the path") from None
    finally:
        os.close(fd)


def read_text(path: Path, what: str) -> str:
    try:
        text = read_bytes(path, what).decode("utf-8")
    except UnicodeDecodeError:
        raise FkoError(f"{what} {path} is not UTF-8 text") from None
    if "\x00" in text:
        raise FkoError(f"{what} {path} holds NUL characters: it is not a plain text file")
    return text


def load_toml(path: Path, what: str) -> dict[str, Any]:
    try:
        return tomllib.loads(read_bytes(path, what).decode("utf-8"))
    except UnicodeDecodeError:
        raise FkoError(f"{what} {path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise FkoError(f"{what} {path} is not valid TOML: {exc}") from None
