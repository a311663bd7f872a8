"""Where fko's output goes and how it is drawn, decided once per run: a terminal or a pipe, colour,
width, --wide, and the Rich console of the terminal views (made only when one is drawn)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def wants_colour(choice: str, environ: Mapping[str, str], is_terminal: bool) -> bool:
    """Colour or not: `--color always|never` decides; with `auto` (the default) NO_COLOR turns
    it off, FORCE_COLOR turns it on (also into a pipe), else a terminal that is not dumb gets it."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    return is_terminal and environ.get("TERM") != "dumb"


def width_of(environ: Mapping[str, str], is_terminal: bool) -> int | None:
    """The width output must fit: $COLUMNS, else the terminal's; None into a pipe without $COLUMNS."""
    columns = environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and 0 < len(columns) <= 5 and int(columns) > 0:
        return int(columns)
    if is_terminal:
        import shutil

        return shutil.get_terminal_size((80, 24)).columns
    return None


def isatty(stream: Any) -> bool:
    """Whether `stream` is a terminal (False for a closed or odd stream)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


class Display:
    """stdout as one run of fko draws on it (like httpie's Environment): whether it is a
    terminal, whether to use colour, the width to fit, whether --wide shows every column.

    Commands get it from the Typer context and hand it to the views; nothing else keeps
    per-run display state. Tests build one directly instead of patching the terminal.
    """

    def __init__(
        self, *, is_terminal: bool, colour: bool, width: int | None, wide: bool = False, file: IO[str] | None = None
    ) -> None:
        self.is_terminal = is_terminal
        self.colour = colour
        self.width = width
        self.wide = wide
        #: Where the Rich console writes: None for stdout as it is when it prints (the pager may
        #: stand in for it); a test gives a StringIO.
        self.file = file
        self._console: Console | None = None

    @classmethod
    def detect(cls, colour: str = "auto", wide: bool = False, environ: Mapping[str, str] | None = None) -> Display:
        """The display of this process: stdout as it is now (the pager's stand-in counts as the
        terminal it stands for), the environment's colour and width rules, `--color` and --wide."""
        env = os.environ if environ is None else environ
        tty = isatty(sys.stdout)
        return cls(is_terminal=tty, colour=wants_colour(colour, env, tty), width=width_of(env, tty), wide=wide)

    @property
    def styled(self) -> bool:
        """Draw the terminal views (with Rich): on a terminal, or into a pipe when colour is
        forced; otherwise the plain writer keeps a pipe's bytes stable for scripts."""
        return self.is_terminal or self.colour

    def console(self) -> Console:
        """The Rich console of the terminal views, made on first use (Rich is imported only
        here and by fko.output.styled): the width fixed to ours, styles only with colour, and
        markup, emoji and highlighting off, so data is shown exactly as it is."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                file=self.file,
                width=self.width or 80,
                height=25,  # with both given, Rich asks the terminal (or TERM=dumb) for neither
                color_system="standard" if self.colour else None,
                force_terminal=True,
                force_jupyter=False,
                force_interactive=False,
                no_color=False,
                markup=False,
                emoji=False,
                highlight=False,
                legacy_windows=False,
                soft_wrap=False,
            )
        return self._console
