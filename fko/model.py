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
    "search_hit": (SearchHit, None),
}


def type_name(annotation: Any) -> str:
    """A JSON-minded name for a Python annotation: "string or null", "array of integer"."""
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
