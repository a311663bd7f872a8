"""Options shared by several commands, declared once; the way rows go out; the per-run context."""

import functools
import inspect
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

if TYPE_CHECKING:
    from fko.output.display import Display
    from fko.output.fields import Field
    from fko.store.reader import Store


# The fixed choices of single commands (--by, --format, --kind, …) are enums in commands/choices.py,
# imported by those commands only; the global --color is here.

#: The German words fko shows for the English values of a fixed choice, taken as input too (folded
#: like search text: umlauts or ae/oe/ue/ss, any case): `--by jahr`, `--kind Kennzahl`.
GERMAN_CHOICES = {
    "jahr": "year",
    "finanzierung": "funding",
    "maßnahme": "measure",
    "anerkennung": "recognition",
    "kennzahl": "indicator",
    "entwicklung": "update",
    "termin": "event",
    "bereich": "area",
    "land": "country",
}

#: Other forms taken as input but not offered by completion: plurals, German and English, and the
#: other German word for an event (`-k Veranstaltungen`, `-k events`).
OTHER_FORMS = {
    "termine": "event",
    "veranstaltung": "event",
    "veranstaltungen": "event",
    "events": "event",
    "kennzahlen": "indicator",
    "indicators": "indicator",
    "maßnahmen": "measure",
    "measures": "measure",
    "entwicklungen": "update",
    "updates": "update",
    "initiativen": "initiative",
    "initiatives": "initiative",
}


class Colour(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def german_choice(token: str) -> str:
    """Click's token normaliser for fko's commands: the German word fko shows for a fixed choice's
    value (`jahr`, `Kennzahl`, umlauts or ae/oe/ue/ss) as that English value, any other token as
    it is. Click applies it to both sides of a choice, so a command gets the English value (the
    keys and JSON name only those) and an unknown value is Click's one error, naming them."""
    if token.startswith("-"):  # an option's name
        return token
    from fko.german import normalise

    return _folded_choices().get(normalise(token), token)


@functools.cache
def _folded_choices() -> dict[str, str]:
    from fko.german import normalise

    return {normalise(word): value for word, value in {**GERMAN_CHOICES, **OTHER_FORMS}.items()}


def completer(name: str) -> Callable[[str], list[str]]:
    """A completion callback that calls commands.completion.NAME, imported only when a shell asks."""

    def complete(incomplete: str) -> list[str]:
        import importlib

        found: list[str] = getattr(importlib.import_module("fko.commands.completion"), name)(incomplete)
        return found

    return complete


def complete_choice(values: Iterable[str]) -> Callable[[str], list[str]]:
    """Completion of a fixed choice (commands.completion.choice): English and German words."""
    english = [str(value) for value in values]

    def complete(incomplete: str) -> list[str]:
        import importlib

        found: list[str] = importlib.import_module("fko.commands.completion").choice(english, incomplete)
        return found

    return complete


def _complete_fields(ctx: typer.Context, incomplete: str) -> list[str]:
    """--fields completes the keys of the command being completed (commands.completion.field_names)."""
    import importlib

    found: list[str] = importlib.import_module("fko.commands.completion").field_names(ctx.info_name or "", incomplete)
    return found


complete_ids = completer("measure_ids")
_complete_ressorts = completer("ressort_codes")


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
        autocompletion=_complete_fields,
    ),
]
#: --fields of a command whose view for people is no table: it cuts records only.
FieldsOfRecords = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B.C",
        help="Only these JSON keys (dotted for nested: runtime.start), with --json or --jsonl.",
        autocompletion=_complete_fields,
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
        autocompletion=completer("clusters"),
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


class Output(NamedTuple):
    """How a command's rows go out, as --json, --jsonl, --csv, --fields, --delimiter, --xlsx and
    --force chose: records, CSV, a workbook, or (none of them) a view for people. A named tuple:
    immutable, and made without the code a dataclass generates on every start."""

    json: bool = False
    jsonl: bool = False
    csv: bool = False
    fields: str | None = None
    delimiter: str = ";"
    xlsx: Path | None = None
    force: bool = False

    @property
    def for_people(self) -> bool:
        """No records and no file are asked for: the command draws its own view (--fields may cut a table)."""
        return not (self.json or self.jsonl or self.csv or self.xlsx is not None)

    def emit(
        self,
        display: "Display",
        rows: Sequence[dict[str, Any]],
        fields: Sequence["Field"],
        output: str,
        *,
        title: str | None = None,
        footer: Sequence[str] = (),
        json_rows: Sequence[dict[str, Any]] | None = None,
        empty: str | None = None,
    ) -> None:
        """The rows as records of output type `output`, CSV, a workbook or a table: views.rows.emit_rows."""
        from fko.views.rows import emit_rows

        emit_rows(
            rows,
            fields,
            display=display,
            output=output,
            json=self.json,
            jsonl=self.jsonl,
            csv=self.csv,
            fields_arg=self.fields,
            delimiter=self.delimiter,
            xlsx=self.xlsx,
            force=self.force,
            title=title,
            footer=footer,
            json_rows=json_rows,
            empty=empty,
        )

    def json_asked(self, command: str) -> bool:
        """Whether --json or --jsonl asks for records; --fields alone is a usage error, for the
        text view of `command` has no columns to cut."""
        if self.fields is not None and not (self.json or self.jsonl):
            from fko.errors import UsageError
            from fko.i18n import _

            raise UsageError(_("--fields with {command} needs --json or --jsonl").format(command=command))
        return self.json or self.jsonl


def _receiving(**options: Any) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A decorator that adds `options` (Output's fields, each with its declaration) to a command,
    after its own parameters, and hands them to it as one `out: Output` (sqlite-utils' output_options)."""
    defaults = Output()
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=declared, default=getattr(defaults, name))
        for name, declared in options.items()
    ]

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        own = [p for p in inspect.signature(command).parameters.values() if p.name != "out"]

        @functools.wraps(command)
        def run(**given: Any) -> None:
            out = Output(**{name: given.pop(name) for name in options})
            command(**given, out=out)

        run.__signature__ = inspect.Signature([*own, *added])  # type: ignore[attr-defined]
        return run

    return decorate


#: The options of a command that prints rows: records, CSV, a workbook, or a table.
rows_output = _receiving(
    json=Json, jsonl=Jsonl, csv=Csv, fields=Fields, delimiter=Delimiter, xlsx=Xlsx, force=XlsxForce
)
#: The options of a command whose view for people is no table: records only.
json_output = _receiving(json=Json, jsonl=Jsonl, fields=FieldsOfRecords)


class State(NamedTuple):
    """What the global options chose for one run: the store to read (--db) and the colour (--color)."""

    db: str | None
    colour: str = "auto"


def state(ctx: typer.Context) -> State:
    obj: State = ctx.find_root().obj
    return obj


def store(ctx: typer.Context) -> "Store":
    """The run's store: --db, FKO_DB or the shipped one. No file the run writes may replace
    it, its search index or (the shipped store's) checksum: fko would destroy what it reads."""
    from fko.output.files import reading
    from fko.store.fileformat import SHIPPED, SHIPPED_DIGEST, index_path
    from fko.store.reader import open_store, resolve_path

    path = resolve_path(state(ctx).db)
    if path != "-":
        shipped = Path(path) == SHIPPED
        for read in (Path(path), index_path(Path(path)), *([SHIPPED_DIGEST] if shipped else [])):
            reading(read, shipped=shipped)
    return open_store(path)


def display(ctx: typer.Context, wide: bool = False) -> "Display":
    """Where the command's output goes (stdout as it is when the command runs, which the pager
    may stand in for), with --color and the command's --wide."""
    from fko.output.display import Display

    return Display.detect(state(ctx).colour, wide)


def measures(store: "Store", names: Sequence[str]) -> list[dict[str, Any]]:
    """The measures `names` name (IDs in any spelling, titles, aliases), in their order, each once;
    what a user should read about them goes to stderr."""
    if not names:
        return []
    from fko.output import channels
    from fko.search.finder import resolve_all

    found, notes = resolve_all(store, names)
    for line in notes:
        channels.note(line)
    return found
