"""Options shared by several commands, declared once, and the per-run context."""

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from fko.output.display import Display
    from fko.store.reader import Store


# The fixed choices of single commands (--by, --format, --kind, …) are enums in fko/choices.py,
# imported by those commands only; the global --color is here.


class Colour(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def _completer(name: str) -> Callable[[str], list[str]]:
    """A completion callback that calls fko.completion.NAME, imported only when a shell asks."""

    def complete(incomplete: str) -> list[str]:
        import importlib

        found: list[str] = getattr(importlib.import_module("fko.commands.completion"), name)(incomplete)
        return found

    complete.__name__ = f"complete_{name}"
    return complete


complete_ids = _completer("measure_ids")
_complete_ressorts = _completer("ressort_codes")
_complete_clusters = _completer("clusters")
complete_status = _completer("statuses")
complete_sources = _completer("sources")
complete_funding = _completer("funding")
complete_record_types = _completer("record_types")


Wide = Annotated[
    bool,
    typer.Option(
        "--wide",
        "-w",
        help="Show every column even where the terminal is too narrow (tables move some under the title).",
    ),
]
Json = Annotated[
    bool, typer.Option("--json", help="Print one JSON array of records (keys: `fko schema`; README: JSON output).")
]
JsonObject = Annotated[bool, typer.Option("--json", help="Print one JSON object (not an array).")]
Jsonl = Annotated[bool, typer.Option("--jsonl", help="Print JSON Lines: one record a line, written as it comes.")]
Csv = Annotated[bool, typer.Option("--csv", help="Print CSV: for German spreadsheets by default (see --delimiter).")]
Xlsx = Annotated[
    Path | None,
    typer.Option(
        "--xlsx",
        metavar="FILE",
        help="Write the rows to an Excel workbook (the columns of --csv); - for stdout (not a terminal).",
    ),
]
XlsxForce = Annotated[bool, typer.Option("--force", help="With --xlsx: replace FILE if it exists (atomically).")]
Fields = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B.C",
        help="Only these JSON keys (dotted for nested: runtime.start), for --json, --jsonl, --csv and tables.",
    ),
]


def _delimiter(value: str) -> str:
    from fko.output.csv_writer import csv_delimiter

    return csv_delimiter(value)


Delimiter = Annotated[
    str,
    typer.Option(
        "--delimiter",
        metavar="CHAR",
        help="CSV separator: ';' (default) for German spreadsheets (BOM, decimal comma, formulas "
        "neutralised with a leading '); ',' or 'tab' for programs (no BOM, decimal point, values unchanged).",
        callback=_delimiter,
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Replace PATH if it exists (atomically).")]
FollowSymlinks = Annotated[
    bool, typer.Option("--follow-symlinks", help="If PATH is a symlink, replace the file it points to.")
]
Limit = Annotated[int, typer.Option("--limit", "-n", min=0, metavar="N", help="Show at most N results (0: all).")]
Ressort = Annotated[
    list[str] | None,
    typer.Option(
        "--ressort",
        "-r",
        metavar="CODE",
        help=(
            "Only measures of this ministry (e.g. MAGS; case-insensitive). Repeated (-r MAGS -r MSB):"
            " the measures of any of them, a shared measure counted once."
        ),
        autocompletion=_complete_ressorts,
    ),
]
RessortCompare = Annotated[
    list[str] | None,
    typer.Option(
        "--ressort",
        "-r",
        metavar="CODE",
        help="Compare the portfolios of these ministries (e.g. -r MAGS -r MSB; case-insensitive; repeatable).",
        autocompletion=_complete_ressorts,
    ),
]
Lead = Annotated[
    list[str] | None,
    typer.Option(
        "--lead",
        metavar="CODE",
        help="Only measures this ministry leads: the one the report names first (repeatable; beside --ressort).",
        autocompletion=_complete_ressorts,
    ),
]
Cluster = Annotated[
    list[str] | None,
    typer.Option(
        "--cluster",
        "-c",
        metavar="NUMERAL",
        help="Only measures of this cluster (I … VI or 1 … 6; repeatable).",
        autocompletion=_complete_clusters,
    ),
]
MeasureIds = Annotated[
    list[str],
    typer.Argument(
        metavar="MEASURE...",
        help="Measures: IDs in any spelling (IV.1, iv.1, IV 1), titles or aliases (Meisterprämie).",
        autocompletion=complete_ids,
    ),
]
SomeMeasures = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[MEASURE]...",
        help="Only these measures: IDs (IV.1, iv.1), titles or aliases (Meisterprämie).",
        autocompletion=complete_ids,
        show_default=False,
    ),
]


class State:
    """What the global options chose for one run: the store to read and the colour of the
    output; and, made on first use, the store and the Display the command draws on."""

    def __init__(self, db: str | None, colour: str = "auto") -> None:
        self.db = db
        self.colour = colour
        self._store: Store | None = None
        self._display: Display | None = None

    def store(self) -> "Store":
        if self._store is None:
            from fko.store.reader import open_store

            self._store = open_store(self.db)
        return self._store

    def display(self, wide: bool = False) -> "Display":
        """Where the command's output goes (stdout as it is when the command runs, which the
        pager may stand in for), with --color and the command's --wide."""
        if self._display is None:
            from fko.output.display import Display

            self._display = Display.detect(self.colour, wide)
        return self._display


def display(ctx: typer.Context, wide: bool = False) -> "Display":
    """The run's Display, for a command to hand to its views."""
    return state(ctx).display(wide)


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = State(None)
        ctx.find_root().obj = obj
    return obj


On = Annotated[
    str | None,
    typer.Option(
        "--on",
        metavar="DATE",
        help="Status on this date: 2024-06-01, 01.06.2024, 06/2024 or 2024 (its first day); default: today.",
    ),
]
During = Annotated[
    str | None,
    typer.Option(
        "--during",
        metavar="PERIOD",
        help="Only measures running at any time in PERIOD: a year (2025), month (06/2024), date, or DATE..DATE.",
    ),
]
