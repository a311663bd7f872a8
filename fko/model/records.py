"""The records the store holds: one TypedDict per record, keys in the order `--json` prints them.

These types are the contract of the store file (checked on open) and the base of the output
records in fko/model/outputs.py. Enumerations are `Literal[...]`; unknown values are None.
"""

# No `from __future__ import annotations`: the types are read at run time (checks, schema).
from typing import Literal, NotRequired, TypedDict


class RuntimePart(TypedDict):
    """One of several periods the report states for a measure."""

    label: str | None
    text: str
    start: str | None
    end: str | None


class Runtime(TypedDict):
    """A measure's runtime: the report's wording and the dates it states."""

    text: str | None
    start: str | None
    end: str | None
    parts: list[RuntimePart]


class BudgetItem(TypedDict):
    """One amount, staff figure or "no separate funds" parsed from the planned funds."""

    kind: Literal["money", "staff", "none"]
    amount_eur: int | None
    quantity: float | None
    unit: str | None
    basis: Literal["per_year", "total", "year", "one_off"] | None
    year_from: int | None
    year_to: int | None
    years_derived: bool
    stated_years: int | None
    growth_percent: float | None
    growth_until: int | None
    approximate: bool
    qualifier: str | None
    funding: list[str]
    payer: str | None
    payer_text: str | None
    text: str
    note: str | None


class Budget(TypedDict):
    """A measure's planned funds: the report's wording and its structured items."""

    text: str | None
    items: list[BudgetItem]


class Measure(TypedDict):
    """A measure of the report, or an initiative from a newer source (kind "initiative")."""

    id: str
    kind: Literal["measure", "initiative"]
    cluster: str | None
    title: str
    description: str
    goal: str | None
    runtime: Runtime
    budget: Budget
    urls: list[str]
    urls_text: str | None
    ressorts: list[str]
    ressorts_text: str
    partners: list[str]
    partners_text: str | None
    partners_curated: bool
    publication: str | None
    in_force: str | None
    footnotes: list[str]
    source: str
    source_lines: list[int] | None
    date: NotRequired[str]


class Ressort(TypedDict):
    """A ministry (Ressort) of the NRW state government."""

    code: str
    name: str


class Cluster(TypedDict):
    """One of the six thematic clusters of the report."""

    numeral: str
    title: str
    introduction: str
    overview_title: str | None
    overview: str | None
    source: str


class Source(TypedDict):
    """A source document."""

    file: str
    key: str
    title: str | None
    publisher: str | None
    date: str | None
    date_note: str | None


class Recognition(TypedDict):
    """A recognition figure of a body (chamber, WHKT) for a year, area or country."""

    body: str
    year: int | None
    metric: str
    label: str | None
    dimension: str | None
    value: float
    measure_id: str | None
    source: str
    source_date: str | None
    source_lines: list[int] | None
    quote: str
    caveat: str | None
    note: str | None


class Indicator(TypedDict):
    """A dated key figure of a measure, with the source's quote (one element of `fko indicators --json`)."""

    measure_id: str
    metric: str
    value: float
    unit: str | None
    qualifier: str | None
    approximate: bool
    target: bool
    as_of: str
    as_of_text: str | None
    as_of_from_source: bool
    source: str
    source_date: str | None
    source_lines: list[int] | None
    quote: str
    note: str | None


class Update(TypedDict):
    """A later development of a measure reported by a newer source."""

    measure_id: str
    title: str
    date: str
    source: str
    quote: str
    reports_status: str | None
    inference: str | None


class Event(TypedDict):
    """A dated fact of a source that is not a measure's field: an event held or planned, or a
    statement (a figure, a caveat) the source reports. `inference` is null where the record
    only restates its quote, else fko's reason for what it concludes beyond it."""

    measure_id: str | None
    kind: str
    title: str
    date: str | None
    date_text: str | None
    place: str | None
    status: str
    source: str
    source_date: str | None
    source_lines: list[int] | None
    quote: str
    inference: str | None
    note: str | None


class Meta(TypedDict):
    """The store's own record: the version of its format, the report it was built from and the
    other tables it holds (fko/store/fileformat.py writes the list)."""

    schema_version: int
    report: str
    tables: list[str]


#: The store's tables and the type of their records, in the order they are checked: what a
#: record names (a ministry, a cluster, a measure) before the record.
RECORD_TYPES: dict[str, type] = {
    "ressorts": Ressort,
    "clusters": Cluster,
    "sources": Source,
    "measures": Measure,
    "initiatives": Measure,
    "recognition": Recognition,
    "indicators": Indicator,
    "updates": Update,
    "events": Event,
}
