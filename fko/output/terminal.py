"""What the terminal is and what the user chose for it: width, colour, --wide, source keys."""

from __future__ import annotations

import os
import sys
from typing import Any

from fko.output.channels import clean


def is_terminal() -> bool:
    return sys.stdout.isatty()


def use_colour() -> bool:
    """Colour or not: `--color always|never` decides; with `auto` (the default) NO_COLOR turns
    it off, FORCE_COLOR turns it on (also into a pipe), else a terminal that is not dumb gets it."""
    if settings.colour != "auto":
        return settings.colour == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    return is_terminal() and os.environ.get("TERM") != "dumb"


def styled() -> bool:
    """Draw for a terminal (planned column widths, styles when colour is on): in a terminal,
    or into a pipe when colour is forced."""
    return is_terminal() or use_colour()


class _Settings:
    """Per-run display choices: --wide, --color, and the short keys of the store's source files."""

    wide = False
    colour = "auto"
    source_keys: dict[str, str] = {}  # noqa: RUF012 - one per run, set when the store opens


settings = _Settings()


def set_colour(value: str) -> str:
    """--color auto|always|never (set once per run by the global option)."""
    settings.colour = str(value)
    return value


def set_wide(value: bool) -> bool:
    """Typer callback of --wide: show every column however narrow the terminal is."""
    settings.wide = bool(value)
    return value


def source_short(value: Any) -> str:
    """A source as people name it in a table: its key (report, whkt, …), not its file name."""
    if value is None:
        return ""
    return clean(settings.source_keys.get(str(value), value))


def terminal_width() -> int | None:
    """The width tables must fit: the terminal's, or $COLUMNS; None into a pipe without $COLUMNS."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and 0 < len(columns) <= 5 and int(columns) > 0:
        return int(columns)
    if is_terminal():
        import shutil

        return shutil.get_terminal_size((80, 24)).columns
    return None
