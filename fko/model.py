"""The record types of the fko store and of its JSON output: the contract for scripts.

`fko schema` prints these; a test checks every record of the shipped store against them.
A breaking change to a type bumps the major version of fko.
"""

from __future__ import annotations

import types
import typing
from typing import Any, NotRequired, TypedDict, Union


class RuntimePart(TypedDict):
    label: str | None
    text: str
    start: str | None
    end: str | None


class Runtime(TypedDict):
    text: str | None
    start: str | None
    end: str | None
    parts: list[RuntimePart]


class BudgetItem(TypedDict):
    kind: str
    amount_eur: int | None
    quantity: float | None
    unit: str | None
    basis: str | None
    year_from: int | None
    year_to: int | None
    years_derived: bool
    approximate: bool
    funding: list[str]
    ressort: str | None
    text: str
    note: str | None


class Budget(TypedDict):
    text: str | None
    items: list[BudgetItem]


class Measure(TypedDict):
    id: str
    kind: str
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
    code: str
    name: str


class Cluster(TypedDict):
    numeral: str
    title: str
    introduction: str
    overview_title: str | None
    overview: str | None
    source: str


class Source(TypedDict):
    file: str
    key: str
    title: str | None
    publisher: str | None
    date: str | None
    date_note: str | None


class Recognition(TypedDict):
    body: str
    year: int | None
    metric: str
    label: str | None
    dimension: str | None
    value: int
    measure: str | None
    source: str
    source_date: str | None
    note: str | None


class Indicator(TypedDict):
    measure: str
    metric: str
    value: int
    unit: str | None
    qualifier: str | None
    approximate: bool
    target: bool
    as_of: str
    as_of_text: str | None
    as_of_from_source: bool
    source: str
    source_date: str | None
    quote: str
    note: str | None


class Update(TypedDict):
    measure: str
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

    measure: str | None
    kind: str
    title: str
    date: str | None
    date_text: str | None
    place: str | None
    status: str
    source: str
    source_date: str | None
    quote: str
    inference: str | None
    note: str | None


class SearchVia(TypedDict):
    word: str  # the query's word
    means: str  # the data's word the synonym table gives for it
    reason: str  # why the table has that entry


class SearchMatch(TypedDict):
    word: str
    matched: str
    field: str
    how: str  # exact, stem, umlaut, prefix, head, part, infix, fuzzy, synonym
    via: str | None
    quality: float
    weight: float


class SearchExplain(TypedDict):
    words: list[SearchMatch]
    words_matched: int
    words_total: int
    word_score: int
    proximity: int


class SearchHit(TypedDict):
    id: str | None  # the measure or initiative; null for recognition figures of no measure
    kind: str  # measure, initiative, recognition, indicator, update
    title: str
    ressorts: list[str]
    score: int
    field: str
    matched: list[str]  # the data's words that matched, as they stand in the data
    via: list[SearchVia]
    snippet: str
    explain: NotRequired[SearchExplain]  # with --explain


class Change(TypedDict):
    """One dated fact that `fko changes` lists: a later development, figure, event or initiative."""

    date: str
    date_text: str | None
    kind: str
    measure: str | None
    measure_title: str | None
    title: str
    value: int | None
    unit: str | None
    qualifier: str | None
    approximate: bool
    target: bool
    previous_value: int | None
    previous_date: str | None
    previous_qualifier: str | None
    previous_approximate: bool | None
    change: int | None
    change_approximate: bool | None
    place: str | None
    event_status: str | None
    quote: str
    source: str
    source_key: str | None
    source_title: str | None
    source_date: str | None
    inference: str | None
    note: str | None


class MeasureRef(TypedDict):
    id: str
    title: str
    kind: str


class Period(TypedDict):
    """The period fko derives from a runtime (see "Status on a date")."""

    start: str | None
    end: str | None
    open_ended: bool


class ItemChange(TypedDict):
    item: int
    change_kind: str
    keys: list[str]
    old_item: BudgetItem | None
    new_item: BudgetItem | None


class FieldChange(TypedDict):
    field: str
    old: Any
    new: Any
    values_added: list[str] | None
    values_removed: list[str] | None
    words: str | None
    items: list[ItemChange] | None
    old_period: Period | None
    new_period: Period | None


class DiffMeasure(TypedDict):
    old_id: str
    new_id: str
    title: str
    renumbered: bool
    matched_by: str
    changes: list[FieldChange]


class DiffSummary(TypedDict):
    old_count: int
    new_count: int
    added_count: int
    removed_count: int
    renumbered_count: int
    changed_count: int
    unchanged_count: int


class FundsBasis(TypedDict):
    basis: str
    old_eur: int
    new_eur: int
    change_eur: int


class FundsRessort(TypedDict):
    ressort: str
    basis: str
    old_eur: int
    new_eur: int
    change_eur: int


class FundsChange(TypedDict):
    per_basis: list[FundsBasis]
    per_ressort: list[FundsRessort]


class Diff(TypedDict):
    """What `fko diff --json` prints: one object."""

    old_store: str
    new_store: str
    fields: list[str]
    summary: DiffSummary
    added_measures: list[MeasureRef]
    removed_measures: list[MeasureRef]
    changed_measures: list[DiffMeasure]
    funds: FundsChange


class Citation(TypedDict):
    """What `fko cite --json` prints for a measure, an initiative or a key figure."""

    id: str
    kind: str
    title: str
    metric: str | None
    value: int | None
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


#: Record types by the name `fko schema` uses, with the store table that holds them.
RECORD_TYPES: dict[str, tuple[type, str | None]] = {
    "measure": (Measure, "measures"),
    "initiative": (Measure, "initiatives"),
    "runtime": (Runtime, None),
    "runtime_part": (RuntimePart, None),
    "budget": (Budget, None),
    "budget_item": (BudgetItem, None),
    "ressort": (Ressort, "ressorts"),
    "cluster": (Cluster, "clusters"),
    "source": (Source, "sources"),
    "recognition": (Recognition, "recognition"),
    "indicator": (Indicator, "indicators"),
    "update": (Update, "updates"),
    "event": (Event, "events"),
    "search_hit": (SearchHit, None),
    "changes": (Change, None),
    "diff": (Diff, None),
    "diff_summary": (DiffSummary, None),
    "diff_measure": (DiffMeasure, None),
    "field_change": (FieldChange, None),
    "item_change": (ItemChange, None),
    "period": (Period, None),
    "measure_ref": (MeasureRef, None),
    "funds_change": (FundsChange, None),
    "funds_basis": (FundsBasis, None),
    "funds_ressort": (FundsRessort, None),
    "cite": (Citation, None),
}


def type_name(annotation: Any) -> str:
    """A JSON-minded name for a Python annotation: "string or null", "array of integer"."""
    if annotation is Any:
        return "any (as in the measure record)"
    origin = typing.get_origin(annotation)
    if origin is NotRequired:
        return type_name(typing.get_args(annotation)[0]) + " (only where present)"
    if origin in (Union, types.UnionType):
        names = [type_name(a) for a in typing.get_args(annotation) if a is not type(None)]
        nullable = type(None) in typing.get_args(annotation)
        return " or ".join(names) + (" or null" if nullable else "")
    if origin is list:
        return f"array of {type_name(typing.get_args(annotation)[0])}"
    if isinstance(annotation, type) and typing.is_typeddict(annotation):
        return f"object ({annotation.__name__})"
    return {str: "string", int: "integer", float: "number", bool: "boolean"}.get(annotation, str(annotation))


def fields(record_type: type) -> dict[str, str]:
    hints = typing.get_type_hints(record_type, include_extras=True)
    return {name: type_name(hint) for name, hint in hints.items()}


def schema() -> dict[str, dict[str, str]]:
    return {name: fields(record_type) for name, (record_type, _) in RECORD_TYPES.items()}
