"""The fixed choices of single commands, as enums: typer validates them (case-insensitively),
lists them in --help and completes them from these classes. The domain modules keep the same
names (a test checks they agree). Apart from fko/options.py, so that a command without such a
choice does not pay for making the enums (≈0.1 ms each at start-up)."""

from enum import StrEnum


class ExportFormat(StrEnum):
    """What `fko export --format` writes."""

    json = "json"
    csv = "csv"
    sqlite = "sqlite"
    xlsx = "xlsx"


class BudgetBy(StrEnum):
    ressort = "ressort"
    cluster = "cluster"
    year = "year"
    funding = "funding"


class Split(StrEnum):
    joint = "joint"
    full = "full"
    equal = "equal"


class RecognitionBy(StrEnum):
    area = "area"
    country = "country"


class TimelineBy(StrEnum):
    cluster = "cluster"
    ressort = "ressort"


class CiteFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    bibtex = "bibtex"


class ChangeKind(StrEnum):
    update = "update"
    indicator = "indicator"
    event = "event"
    initiative = "initiative"
