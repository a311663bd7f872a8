"""stdout and stderr as fko writes them: UTF-8 always, failures of the streams handled in one place,
data cleaned of control characters, messages one line each."""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from collections.abc import Iterator
from typing import Any

from fko.errors import FkoError
from fko.i18n import _, os_reason

#: Removed from text for people: C0/C1 controls but newline and tab, and the bidi controls
#: (marks, embeddings, overrides, isolates), with which a store could make "1.000 €" show
#: reversed in a table.
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"

_SURROGATE = "[\ud800-\udfff]"


def clean(value: object) -> str:
    """Text safe for a terminal and for any UTF-8 file: C0/C1 control characters other than
    newline and tab and the bidi controls removed, lone surrogates (invalid bytes in arguments)
    shown as U+FFFD."""
    text = str(value)
    if text.isprintable():  # the common case: none of those characters is printable
        return text
    return re.sub(_SURROGATE, "\ufffd", re.sub(_CONTROL, "", text))


class PipeClosed(Exception):
    """The reader of stdout went away (`fko list | head -1`): stop writing, quietly."""


class OutputError(FkoError):
    """stdout is closed or cannot take more (`fko list >&-`, `> /dev/full`): exit 1."""


class Channel(io.TextIOBase):
    """stdout or stderr as fko writes them, the one place that handles their failures.

    Text is written as UTF-8 whatever the locale; lone surrogates (invalid bytes in arguments
    or file names) become U+FFFD. On stdout, a closed pipe raises PipeClosed (exit 0) and a
    closed or full stream OutputError (exit 1); stderr failures are dropped, as there is
    nowhere left to report them. After a failure the stream is pointed at /dev/null so that
    the interpreter's final flush stays quiet, and later writes are ignored.
    """

    def __init__(self, stream: Any, name: str) -> None:
        super().__init__()
        self.stream = stream
        self.name = name
        self.failed = False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    @property
    def errors(self) -> str:  # type: ignore[override]
        return "strict"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        try:
            return not self.failed and self.stream is not None and bool(self.stream.isatty())
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self.stream is None:
            raise io.UnsupportedOperation(f"{self.name} is closed")
        return int(self.stream.fileno())

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"{self.name} takes text, not {type(text).__name__}")
        self._put(re.sub(_SURROGATE, "\ufffd", text))
        return len(text)

    def write_utf8(self, data: bytes) -> None:
        """Write text already encoded as valid UTF-8 (orjson's JSON) without decoding it."""
        self._put(data)

    def _put(self, data: str | bytes) -> None:
        if self.failed or not data:
            return
        if self.stream is None:
            self._fail(_("it is closed"))
            return
        try:
            buffer = getattr(self.stream, "buffer", None)
            if buffer is None:  # a text-only stream (tests)
                self.stream.write(data if isinstance(data, str) else data.decode("utf-8"))
                self.stream.flush()
            else:
                self.stream.flush()
                buffer.write(data if isinstance(data, bytes) else data.encode("utf-8"))
                buffer.flush()
        except BrokenPipeError:
            self._fail(None)
        except (OSError, ValueError) as exc:
            self._fail(os_reason(exc))

    def flush(self) -> None:
        if self.failed or self.stream is None:
            return
        try:
            self.stream.flush()
        except BrokenPipeError:
            self._fail(None)
        except (OSError, ValueError) as exc:
            self._fail(os_reason(exc))

    def _fail(self, reason: str | None) -> None:
        self.failed = True
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
            os.close(devnull)
        except (AttributeError, OSError, ValueError):
            pass
        if self.name != "stdout":
            return
        if reason is None:
            raise PipeClosed()
        raise OutputError(_("cannot write the output to stdout: {reason}").format(reason=reason))


@contextlib.contextmanager
def channels() -> Iterator[None]:
    """Route sys.stdout and sys.stderr through Channel while fko runs (also Click's help)."""
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, Channel):
        sys.stdout = Channel(sys.stdout, "stdout")
    if not isinstance(sys.stderr, Channel):
        sys.stderr = Channel(sys.stderr, "stderr")
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def write(text: str) -> None:
    """Write to stdout through its Channel (made here when fko runs outside main())."""
    stdout = sys.stdout if isinstance(sys.stdout, Channel) else Channel(sys.stdout, "stdout")
    stdout.write(text)


def write_bytes(data: bytes) -> None:
    """Write bytes to stdout through its Channel as they are: UTF-8 text, or a file's bytes."""
    stdout = sys.stdout if isinstance(sys.stdout, Channel) else Channel(sys.stdout, "stdout")
    stdout.write_utf8(data)


_UNSAFE_IN_LINE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of an argument or file name
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: object) -> str:
    """Text as one safe line: newlines, control, bidi and line-separator characters escaped
    (`\\n`, `\\x1b`, `\\u202e`), invalid bytes shown as `\\xff`, so no message can
    forge a second line."""
    return re.sub(_UNSAFE_IN_LINE, _escaped, str(text))


#: How much of an argument a message repeats: a quoted part ('…', `…`), and a word without
#: spaces (a file name: whole up to the longest name a file system allows).
ECHO = 80
ECHO_WORD = 255
#: Every quoted part is matched (and a short one left as it is), so that the closing quote of
#: one part never opens the next: `fko search 'a;b'` stays whole.
_LONG = rf"'([^']*)'|`([^`]*)`|[^\s'`]{{{ECHO_WORD + 1},}}"  # compiled by `re` when a message is first said


def _shortened(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return match.group(0) if len(match.group(1)) <= ECHO else f"'{match.group(1)[: ECHO - 1]}…'"
    if match.group(2) is not None:
        return match.group(0) if len(match.group(2)) <= ECHO else f"`{match.group(2)[: ECHO - 1]}…`"
    return match.group(0)[: ECHO_WORD - 1] + "…"


def shortened(message: str) -> str:
    """A message whose echoed arguments are cut with … (about ECHO characters each, a file name
    ECHO_WORD): an argument of 100,000 characters is named, not repeated."""
    return re.sub(_LONG, _shortened, message)


def error(message: str) -> None:
    """One line on stderr, marked as fko's: what went wrong and how to fix it, or (as `note`) a
    hint that does not change the result."""
    sys.stderr.write(f"fko: {one_line(shortened(message))}\n")


note = error
