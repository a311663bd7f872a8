"""The records every command's `--json` prints: one TypedDict per output type (the contract).

Every command's `--json` prints a JSON array of records (`[]` for none; `--jsonl` one a line); only
`fko diff --json` prints one object. To add an output type: write its TypedDict (keys in the order
`--json` prints them; `Literal[...]` for enumerations; None, never 0 or "", for unknown; `NotRequired`
only for a key truly absent on some records), describe each new key once in fko/model/keys.py (one
meaning and one type per key across all commands), register it in OUTPUTS (a nested type in NESTED),
print it through `views.rows.emit_rows`, and add its command lines to the schema tests.
"""

# No `from __future__ import annotations`: the types are read at run time (schema, --fields).
import types
import typing
from typing import Any, Literal, NotRequired, TypedDict, Union

from fko.model.records import (
    Budget,
    BudgetItem,
    Cluster,
    Event,
    Indicator,
    Measure,
    Recognition,
    Ressort,
    Runtime,
    RuntimePart,
    Source,
    Update,
)

#: The version of the JSON contract: its major number changes with every breaking change.
SCHEMA_VERSION = "3.0"


class StatusOn(TypedDict):
    """A measure's status on a date, derived from its runtime (the keys shared by list, show,
    compare and timeline)."""

    on: str
    status: Literal["planned", "expected", "running", "ended", "unknown"]
    open_ended: bool
    period_start: str | None
    period_end: str | None
    status_derived: bool
    status_rule: str
    status_note: str | None
    reported_status: str | None
    reported_date: str | None
    reported_source: str | None
    reported_quote: str | None
    reported_inference: str | None
    weighed_status: Literal["planned", "expected", "running", "ended", "unknown"]


class ListRow(Measure, StatusOn):
    """One element of `fko list --json`: a measure (or with --source, any record) with its
    status on --on (default today)."""


class Ministry(TypedDict):
    """A ministry by code and name."""

    code: str
    name: str | None


class ShowRecord(Measure, StatusOn):
    """One element of `fko show ID... --json`: a measure with everything its text view shows."""

    cluster_title: str | None
    ministries: list[Ministry]
    indicators: list[Indicator]
    updates: list[Update]
    events: list[Event]
    source_key: str | None
    source_title: str | None
    source_date: str | None


class SearchSynonym(TypedDict):
    """A synonym (fko/data/synonyms.toml) or English-German glossary term (fko/data/english.toml) a
    search hit was found through."""

    query_word: str
    data_word: str
    reason: str


class SearchMatch(TypedDict):
    """How one word of the query met a search hit."""

    query_word: str
    data_word: str
    field: str
    how: str
    synonym: str | None
    quality: float
    weight: float


class SearchExplain(TypedDict):
    """Why a search hit ranks where it does (--explain)."""

    word_matches: list[SearchMatch]
    words_matched: int
    words_total: int
    word_score: int
    proximity: int


class SearchHit(TypedDict):
    """One element of `fko search --json`, in rank order: a measure, initiative, recognition
    figure, indicator, update or event."""

    id: str | None
    kind: str
    title: str
    ressorts: list[str]
    measure_id: str | None
    source: str | None
    score: int
    field: str
    matched: list[str]
    synonyms: list[SearchSynonym]
    snippet: str
    explain: NotRequired[SearchExplain]


class ItemOf(TypedDict):
    """The measure a budget row's item belongs to: the keys `fko budget --json` prints before the item's own."""

    measure_id: str
    item: int
    title: str
    cluster: str | None
    ressorts: list[str]
    lead: str | None


class BudgetRow(ItemOf, BudgetItem):
    """One element of `fko budget --json`: one budget item of a measure, with how it is counted
    (with --year: in that year) and what fko assumes for it."""

    source: str
    period_start: str | None
    period_end: str | None
    period_rule: str | None
    shared: bool
    shared_with: list[str]
    share: float | None
    counted_eur: int | None
    rate_eur: int | None
    months: int | None
    assumed: bool | None
    assumptions: list[Literal["prorated", "spread", "growth", "carried_on"]]
    left_out: Literal["total", "no_end", "years_not_stated", "before_report", "other_payer", "shared"] | None


class BudgetGroup(TypedDict):
    """One element of `fko budget --by ressort|cluster|year|funding --json`: a group's sums.

    With --year (and each year of --by year): what the group counts in that year; the groups
    add up to the year's one total (--by ressort --split full counts shared measures for each
    of their ministries: see shared_eur). Without --year: the group's peak year where the data
    supports one, and its sum there. Keys a view does not fill are null."""

    by: Literal["ressort", "cluster", "year", "funding"]
    group: str
    year: int | None
    item_count: int
    year_total_eur: int | None
    stated_eur: int | None
    assumed_eur: int | None
    assumed: bool | None
    assumed_ids: list[str] | None
    shared_eur: int | None
    peak_year: int | None
    peak_eur: int | None


class RecognitionRow(Recognition):
    """One element of `fko recognition --json` (also with --by, --compare, and of
    `fko compare --recognition`): one figure, long format."""

    unit: str | None
    derived: bool


class SourceRow(Source):
    """One element of `fko sources --json`: a source document and what cites it."""

    cites_measures: int
    cites_initiatives: int
    cites_clusters: int
    cites_recognition: int
    cites_indicators: int
    cites_updates: int
    records: int


class RessortRow(Ressort):
    """One element of `fko ressorts --json`."""

    measures: int


class ClusterRow(Cluster):
    """One element of `fko clusters --json`."""

    measures: int


class LatestIndicator(TypedDict):
    """The latest value of one key figure of a measure."""

    metric: str
    value: float
    unit: str | None
    qualifier: str | None
    approximate: bool
    as_of: str
    source: str


class Staff(TypedDict):
    """Staff the planned funds name instead of euros (not summed)."""

    quantity: float | None
    unit: str | None
    basis: Literal["per_year", "total", "year", "one_off"] | None


class CompareRow(StatusOn):
    """One element of `fko compare ID ID... --json`: one measure's side of the comparison."""

    id: str
    title: str
    cluster: str | None
    ressorts: list[str]
    runtime: Runtime
    funds_text: str | None
    per_year_eur: int | None
    total_eur: int | None
    one_year_eur: int | None
    one_off_eur: int | None
    per_year_approximate: bool
    total_approximate: bool
    one_year_approximate: bool
    one_off_approximate: bool
    funding: list[str]
    staff: list[Staff]
    partners: list[str]
    goal: str | None
    latest_indicators: list[LatestIndicator]
    source: str


class Portfolio(TypedDict):
    """One element of `fko compare --ressort CODE... --json`: one ministry's portfolio."""

    ressort: str
    measures: int
    ids: list[str]
    per_cluster: dict[str, int]
    shared_measures: list[str]
    in_common: list[str]
    peak_year: int | None
    peak_eur: int | None


class TimelineRow(StatusOn):
    """One element of `fko timeline --json`: a measure's interpreted period."""

    id: str
    title: str
    cluster: str | None
    ressorts: list[str]
    placed: bool


class Change(TypedDict):
    """One element of `fko changes --json`: a dated fact (a later development, figure, event or
    initiative), newest first."""

    date: str
    date_text: str | None
    kind: str
    measure_id: str | None
    measure_title: str | None
    title: str
    value: float | None
    unit: str | None
    qualifier: str | None
    approximate: bool
    target: bool
    previous_value: float | None
    previous_date: str | None
    previous_qualifier: str | None
    previous_approximate: bool | None
    change: float | None
    change_approximate: bool | None
    place: str | None
    event_status: str | None
    event_date_passed: bool | None
    quote: str
    source: str
    source_key: str | None
    source_title: str | None
    source_date: str | None
    inference: str | None
    note: str | None


class MeasureRef(TypedDict):
    """A measure or initiative a diff added or removed."""

    id: str
    title: str
    kind: str


class Period(TypedDict):
    """The period fko derives from a runtime (see "Status on a date")."""

    start: str | None
    end: str | None
    open_ended: bool


class ItemChange(TypedDict):
    """A budget item a diff found changed, added or removed."""

    item: int
    change_kind: str
    keys: list[str]
    old_item: BudgetItem | None
    new_item: BudgetItem | None


class FieldChange(TypedDict):
    """One field of a measure that differs between two stores (keys that do not apply are null)."""

    field: str
    old: Any
    new: Any
    values_added: list[str] | None
    values_removed: list[str] | None
    words: str | None
    item_changes: list[ItemChange] | None
    old_period: Period | None
    new_period: Period | None


class DiffMeasure(TypedDict):
    """A measure found in both stores whose compared fields differ."""

    old_id: str
    new_id: str
    title: str
    renumbered: bool
    matched_by: str
    changes: list[FieldChange]


class DiffSummary(TypedDict):
    """The counts of a diff."""

    old_count: int
    new_count: int
    added_count: int
    removed_count: int
    renumbered_count: int
    changed_count: int
    unchanged_count: int


class FundsBasis(TypedDict):
    """The planned funds of one basis in both stores."""

    basis: Literal["per_year", "total", "year", "one_off"]
    old_eur: int
    new_eur: int
    change_eur: int


class FundsRessort(TypedDict):
    """The planned funds of one ministry and basis in both stores."""

    ressort: str
    basis: Literal["per_year", "total", "year", "one_off"]
    old_eur: int
    new_eur: int
    change_eur: int


class FundsChange(TypedDict):
    """How the planned funds changed between two stores."""

    per_basis: list[FundsBasis]
    per_ressort: list[FundsRessort]


class Diff(TypedDict):
    """What `fko diff OLD NEW --json` prints: one object (not an array), the differences of two
    stores."""

    old_store: str
    new_store: str
    fields: list[str]
    summary: DiffSummary
    added_measures: list[MeasureRef]
    removed_measures: list[MeasureRef]
    changed_measures: list[DiffMeasure]
    funds: FundsChange


class Citation(TypedDict):
    """What `fko cite --json` prints for a measure, an initiative, a key figure or a recognition figure."""

    measure_id: str | None
    kind: str
    title: str | None
    body: str | None
    metric: str | None
    value: float | None
    unit: str | None
    qualifier: str | None
    approximate: bool
    as_of: str | None
    quote: str
    quote_of: str
    source: str
    source_key: str | None
    source_title: str | None
    source_publisher: str | None
    source_date: str | None
    source_date_note: str | None
    source_lines: list[int] | None
    caveat: str | None
    citation: str


#: The output types by the name of their command (the `$defs` names): type and command line.
OUTPUTS: dict[str, tuple[type, str]] = {
    "list": (ListRow, "fko list --json"),
    "show": (ShowRecord, "fko show ID... --json"),
    "search": (SearchHit, "fko search QUERY --json"),
    "budget": (BudgetRow, "fko budget --json"),
    "budget_group": (BudgetGroup, "fko budget --by ressort|cluster|year|funding --json"),
    "recognition": (RecognitionRow, "fko recognition --json (also --by, --compare; fko compare --recognition)"),
    "indicators": (Indicator, "fko indicators --json"),
    "sources": (SourceRow, "fko sources --json"),
    "ressorts": (RessortRow, "fko ressorts --json"),
    "clusters": (ClusterRow, "fko clusters --json"),
    "compare": (CompareRow, "fko compare ID ID... --json"),
    "compare_ressorts": (Portfolio, "fko compare --ressort CODE --ressort CODE --json"),
    "timeline": (TimelineRow, "fko timeline --json"),
    "changes": (Change, "fko changes --json"),
    "diff": (Diff, "fko diff OLD NEW --json (one object, not an array)"),
    "cite": (Citation, "fko cite ID... --json"),
}


#: The output types printed as one object rather than an array of records.
OBJECT_OUTPUTS = ("diff",)


#: Keys of the domain's rows that a record prints under another name (one name per meaning).
RENAMES: dict[str, dict[str, str]] = {
    "compare": {
        **{f"funds_{b}_eur": f"{b}_eur" for b in ("per_year", "total", "one_year", "one_off")},
        **{f"funds_{b}_approximate": f"{b}_approximate" for b in ("per_year", "total", "one_year", "one_off")},
    },
    "compare_ressorts": {
        "shared": "shared_measures",
        "funds_peak_year": "peak_year",
        "funds_peak_year_eur": "peak_eur",
    },
    "budget_group": {"items": "item_count", "year_total": "year_total_eur"},
    "budget": {"id": "measure_id"},
}


#: Nested object types by their `$defs` name.
NESTED: dict[str, type] = {
    "search_synonym": SearchSynonym,
    "search_match": SearchMatch,
    "search_explain": SearchExplain,
    "runtime": Runtime,
    "runtime_part": RuntimePart,
    "planned_funds": Budget,
    "budget_item": BudgetItem,
    "ministry": Ministry,
    "update": Update,
    "event": Event,
    "latest_indicator": LatestIndicator,
    "staff": Staff,
    "measure_ref": MeasureRef,
    "period": Period,
    "item_change": ItemChange,
    "field_change": FieldChange,
    "diff_measure": DiffMeasure,
    "diff_summary": DiffSummary,
    "funds_basis": FundsBasis,
    "funds_ressort": FundsRessort,
    "funds_change": FundsChange,
}


def hints(record_type: type) -> dict[str, Any]:
    """The keys of a record type with their annotations, in order (NotRequired kept). The model
    is written without string annotations, so the class's own table is the truth."""
    annotations: dict[str, Any] = record_type.__annotations__
    return annotations


def split_required(annotation: Any) -> tuple[Any, bool]:
    """An annotation without NotRequired, and whether the key is required."""
    if typing.get_origin(annotation) is NotRequired:
        return typing.get_args(annotation)[0], False
    return annotation, True


def optional_keys(name: str) -> frozenset[str]:
    """The keys of an output type that only some records have (NotRequired)."""
    keys: frozenset[str] = OUTPUTS[name][0].__optional_keys__  # type: ignore[attr-defined]
    return keys


def output_keys(name: str) -> list[str]:
    """The keys of an output type in the order --json prints them."""
    return list(hints(OUTPUTS[name][0]))


def paths(name: str) -> list[str]:
    """The names --fields accepts for an output type: its keys, and dotted paths into nested objects."""
    out: list[str] = []

    def walk(record_type: type, prefix: str) -> None:
        for key, annotation in hints(record_type).items():
            inner, _ = split_required(annotation)
            out.append(prefix + key)
            if typing.get_origin(inner) in (Union, types.UnionType):
                inner = next((a for a in typing.get_args(inner) if a is not type(None)), inner)
            if isinstance(inner, type) and typing.is_typeddict(inner):
                walk(inner, f"{prefix}{key}.")

    walk(OUTPUTS[name][0], "")
    return out
