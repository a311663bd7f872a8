"""The typed records of fko: what the store holds and what `--json` prints (the contract).

The JSON Schema that `fko schema --json` prints is generated from these types, and a test
validates every command's `--json` output against it. A breaking change bumps the major
version of fko and SCHEMA_VERSION, and is listed in CHANGELOG.md.

How to add an output type (keep to this pattern):

1. Write a TypedDict per record, keys in the order `--json` prints them. Nested objects are
   TypedDicts of their own; enumerations are `Literal[...]`; unknown values are `None` (null),
   never 0 or "". Use `NotRequired[...]` only for a key that is truly absent on some records.
2. Describe every key once in KEYS below. One key has one meaning and one type across all
   commands (a test walks every output and checks it): reuse a key only for the same thing,
   otherwise choose a new name.
3. Register the record in OUTPUTS under the name of its command (the `$defs` name, e.g.
   "budget_group" for `fko budget --by`), with the command line that prints it; register a
   nested type in NESTED.
4. Let the command print its rows through `views.emit_rows` (or `render.emit_json` of
   `views.records("name", rows)`), and add its command lines to tests/test_schema.py.
5. Regenerate the key table that `--json` reads at run time: `python -m fko.model > fko/_keys.py`
   (a test says when it is stale). The table spares every command the import of this module.

The rule for the document: every command's `--json` prints a JSON array of records (even for
one record, e.g. `fko show IV.1`, and `[]` for none); `--jsonl` prints the same records one a
line. Only `fko schema --json` prints an object: the schema itself.
"""

# No `from __future__ import annotations` here: a TypedDict would compile every key's string
# annotation when its class is made (≈5 ms at start-up); the types below are defined before use.
import types
import typing
from typing import Any, Literal, NotRequired, TypedDict, Union

#: The version of the JSON contract: its major number changes with every breaking change.
SCHEMA_VERSION = "2.0"


# --- the store's records (and the nested objects of the output) ----------------------------


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
    approximate: bool
    qualifier: str | None
    funding: list[str]
    ressort: str | None
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
    measure: str | None
    source: str
    source_date: str | None
    note: str | None


class Indicator(TypedDict):
    """A dated key figure of a measure, with the source's quote (one element of `fko indicators --json`)."""

    measure: str
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
    quote: str
    note: str | None


class Update(TypedDict):
    """A later development of a measure reported by a newer source."""

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


# --- output records: one per command ---------------------------------------------------------


class StatusOn(TypedDict):
    """A measure's status on a date, derived from its runtime (the keys shared by list, show,
    compare and timeline)."""

    on: str
    status: Literal["planned", "running", "ended", "unknown"]
    open_ended: bool
    period_start: str | None
    period_end: str | None
    status_derived: bool
    status_rule: str
    reported_status: str | None
    reported_date: str | None
    reported_source: str | None
    reported_quote: str | None
    reported_inference: str | None


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
    """A synonym a search hit was found through (fko/ingest/synonyms.toml)."""

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
    figure, indicator or update."""

    id: str | None
    kind: str
    title: str
    ressorts: list[str]
    score: int
    field: str
    matched: list[str]
    synonyms: list[SearchSynonym]
    snippet: str
    explain: NotRequired[SearchExplain]


class BudgetRow(TypedDict):
    """One element of `fko budget --json`: one budget item of a measure, with how it is counted."""

    id: str
    item: int
    title: str
    cluster: str | None
    ressorts: list[str]
    kind: Literal["money", "staff", "none"]
    amount_eur: int | None
    quantity: float | None
    unit: str | None
    basis: Literal["per_year", "total", "year", "one_off"] | None
    year_from: int | None
    year_to: int | None
    years_derived: bool
    approximate: bool
    qualifier: str | None
    funding: list[str]
    ressort: str | None
    text: str
    note: str | None
    source: str
    shared: bool
    shared_with: list[str]
    counted_eur: int | None
    attribution: str | None


class BudgetGroup(TypedDict):
    """One element of `fko budget --by ressort|cluster|year|funding --json`: a group's sums,
    never adding amounts of years that do not run at the same time (null where this view
    makes no such sum: the peak keys without --year, year_total_eur with --year or --by year,
    the totals_running and assumed keys with --by year)."""

    by: Literal["ressort", "cluster", "year", "funding"]
    group: str
    year: int | None
    item_count: int
    peak_year: int | None
    peak_eur: int | None
    peak_assumed: bool | None
    total_eur: int | None
    year_total_eur: int | None
    totals_running_eur: int | None
    totals_running_items: int | None
    assumed: bool | None
    assumed_ids: list[str] | None


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
    peak_assumed: bool | None
    total_eur: int | None


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
    measure: str | None
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
    """What `fko cite --json` prints for a measure, an initiative or a key figure."""

    id: str
    kind: str
    title: str
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


#: Store record types by name, with the store table that holds them (checked by a test).
RECORD_TYPES: dict[str, tuple[type, str | None]] = {
    "measure": (Measure, "measures"),
    "initiative": (Measure, "initiatives"),
    "ressort": (Ressort, "ressorts"),
    "cluster": (Cluster, "clusters"),
    "source": (Source, "sources"),
    "recognition": (Recognition, "recognition"),
    "indicator": (Indicator, "indicators"),
    "update": (Update, "updates"),
    "event": (Event, "events"),
}

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
        "funds_peak_year_assumed": "peak_assumed",
        "funds_total_eur": "total_eur",
    },
    "budget_group": {"items": "item_count", "total": "total_eur", "year_total": "year_total_eur"},
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

# --- one key, one meaning: the description of every key of every record ---------------------

_ISO = "ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source)"
_SUM = "The sum in integer euros of the money items"

KEYS: dict[str, str] = {
    "proximity": "The part of the score for matched words standing together (0-15).",
    "word_score": "The part of the score from the matched words (0-100).",
    "words_total": "How many words the query has (after stop words; compounds split into parts).",
    "words_matched": "How many of the query's words the hit matches.",
    "weight": "How much the query word counts: the rarer in the data, the more.",
    "quality": "How good the match is, 0-1: the field's weight times the way of matching.",
    "synonym": "The word of the data the query word matched through a synonym, or null.",
    "how": "How the query word matched: exact, stem, umlaut, prefix, head or part (of a compound), infix, fuzzy or "
    "synonym.",
    "word_matches": "For each word of the query: its best match in the hit.",
    "explain": "Why the search hit ranks where it does (with --explain).",
    "reason": "Why the synonym table holds this entry.",
    "data_word": "A word of the data, as it stands there.",
    "query_word": "A word of the search query, as typed.",
    "synonyms": "The synonyms (fko/ingest/synonyms.toml) the search hit was found through.",
    "amount_eur": "The amount in integer euros, or null where the item names none.",
    "approximate": 'True where the source qualifies the figure ("ca.", "rund", "fast", "mind."); see qualifier.',
    "as_of": f"The date the figure refers to, {_ISO}.",
    "as_of_from_source": "True where the source states no date for the figure and the source's own date is used.",
    "as_of_text": "The source's wording of the date of the figure, or null.",
    "attribution": "How counted_eur was found (e.g. 'annualized: 1/7 of the total', "
    "'not attributable to one year'), or null where the row counts as it stands.",
    "basis": "What an amount covers: per_year (each year), total (over several years), year (one stated "
    "year), one_off; null where none applies.",
    "body": "The body that reports the figure (a chamber, the WHKT).",
    "budget": "The planned funds ('Geplante Mittel'): the report's wording and the structured items.",
    "by": "What the groups are formed by: ressort, cluster, year or funding.",
    "change": "The change from the previous figure of the same metric (value - previous_value), or null.",
    "change_approximate": "True where either figure of the change is approximate; null where there is no change.",
    "cites_clusters": "The number of clusters that cite this source.",
    "cites_indicators": "The number of key figures that cite this source.",
    "cites_initiatives": "The number of initiatives that cite this source.",
    "cites_measures": "The number of measures that cite this source.",
    "cites_recognition": "The number of recognition figures that cite this source.",
    "cites_updates": "The number of later developments that cite this source.",
    "cluster": "The numeral of the measure's cluster (I … VI), or null (initiatives).",
    "cluster_title": "The title of the measure's cluster, or null.",
    "code": "A ministry's code, e.g. MAGS.",
    "counted_eur": "What the total counts for this row under the stated rule (integer euros); null for "
    "staff, no-funds and not-attributable rows.",
    "date": f"The date of the record (an initiative, a development, a source, a change), {_ISO}.",
    "date_note": "How the date of the source was found, or null.",
    "date_text": "The source's wording of the date, or null.",
    "derived": "True where fko computed the value (rates); false where the source prints it.",
    "description": "The report's description of the measure (paragraphs separated by a blank line), or the "
    "quote of an initiative.",
    "dimension": "The country of training for figures by country, else null.",
    "end": f"The end date the wording states (in a diff's period: the derived end), {_ISO}, or null.",
    "field": "A measure's field by name: where a search hit matched best (id, alias, title, ressorts, goal, partners, "
    "description, budget, updates, what: the kind and source of a record beyond the measures), or the field a diff "
    "found changed.",
    "file": "The file name of the source document.",
    "footnotes": "The report's footnotes to this measure.",
    "funding": "The funding sources named (Land, ESF, EFRE, JTF, Bund (BMBF)).",
    "event_status": "For events: held, planned, reported, announced or funded; else null.",
    "fields": "The measure fields a diff compared.",
    "summary": "The counts of a diff.",
    "added_measures": "The measures and initiatives only the new store has.",
    "removed_measures": "The measures and initiatives only the old store has.",
    "changed_measures": "The measures whose compared fields differ.",
    "funds": "How the planned funds changed, per basis and per ministry.",
    "old_store": "The path of the old store of a diff.",
    "new_store": "The path of the new store of a diff.",
    "old_count": "The number of measures in the old store.",
    "new_count": "The number of measures in the new store.",
    "added_count": "The number of measures only the new store has.",
    "removed_count": "The number of measures only the old store has.",
    "renumbered_count": "The number of measures whose ID changed.",
    "changed_count": "The number of measures whose compared fields differ.",
    "unchanged_count": "The number of measures whose compared fields are equal.",
    "old_id": "The measure's ID in the old store.",
    "new_id": "The measure's ID in the new store.",
    "renumbered": "True where the measure's ID changed.",
    "matched_by": "How the measure was matched across the stores: title, id or content.",
    "changes": "The fields of the measure that differ.",
    "old": "The field's value in the old store, as in the measure record.",
    "new": "The field's value in the new store, as in the measure record.",
    "values_added": "For list fields: the values only the new store has; else null.",
    "values_removed": "For list fields: the values only the old store has; else null.",
    "words": "For text fields: the word diff; else null.",
    "old_period": "For the runtime: the period derived in the old store; else null.",
    "new_period": "For the runtime: the period derived in the new store; else null.",
    "change_kind": "How a budget item changed: changed, added or removed.",
    "keys": "The keys of the budget item that changed.",
    "old_item": "The budget item in the old store, or null (added).",
    "new_item": "The budget item in the new store, or null (removed).",
    "peak_year": "The year in which the most is planned (amounts of one year added only where they run then), or null.",
    "peak_eur": "Integer euros planned in the peak year, or null.",
    "peak_assumed": "True where the peak rests on an assumption (an item without a stated end carried on); "
    "null where there is no peak.",
    "totals_running_eur": "Integer euros of totals over several years whose span includes the year (each "
    "in full, not in year_total_eur), or null.",
    "totals_running_items": "The number of those totals, or null.",
    "assumed": "True where the year's sum rests on an assumption (an item without a stated end carried on); "
    "null where not made.",
    "assumed_ids": "The IDs of the measures whose items are carried on by that assumption, or null.",
    "per_year_approximate": "True where a yearly amount summed is approximate.",
    "total_approximate": "True where a total summed is approximate.",
    "one_year_approximate": "True where an amount for one year summed is approximate.",
    "one_off_approximate": "True where a one-off amount summed is approximate.",
    "per_basis": "The planned funds per basis in both stores.",
    "per_ressort": "The planned funds per ministry and basis in both stores.",
    "old_eur": "Integer euros in the old store: for total the sum of the totals; for per_year, year and "
    "one_off the amount planned in the peak year (never a sum over years that do not run at the same time).",
    "new_eur": "Integer euros in the new store, as old_eur.",
    "change_eur": "new_eur - old_eur.",
    "funds_text": "The report's wording of the planned funds, or null.",
    "goal": "The measure's goal ('Ziel'), or null.",
    "group": "The group's key as text: a ministry code, a cluster numeral, a year or a funding source.",
    "id": "The ID of the measure or initiative, e.g. IV.1; in a search hit null for recognition figures that belong "
    "to no measure.",
    "ids": "The IDs of the ministry's measures.",
    "in_common": "The IDs of the measures all compared ministries share (the same on every element).",
    "in_force": "The report's 'Inkrafttreten', or null.",
    "indicators": "The measure's key figures in date order (the records of `fko indicators`).",
    "inference": "What fko concludes beyond the quote, or null.",
    "introduction": "The cluster's introduction in the report.",
    "item": "The number of the budget item within its measure, from 1.",
    "item_count": "The number of budget items in the group.",
    "items": "The structured budget items.",
    "item_changes": "For the funds and the runtime: the budget items that changed (with the runtime: whose "
    "derived years moved with it); else null.",
    "key": "The short key of the source document (report, whkt, dhb, rvr, om).",
    "kind": "The sort of record: measure or initiative (measures); money, staff or none (budget items); update, "
    "indicator, event or initiative (changes); measure, initiative or figure (citations); measure, initiative, "
    "recognition, indicator or update (search hits).",
    "label": "The label the source prints for this part or figure, or null.",
    "latest_indicators": "The latest value of each key figure of the measure.",
    "matched": "The words of the data that matched the query, as they stand in the data (not folded).",
    "measure": "The ID of the measure the record belongs to, or null.",
    "measure_title": "The title of the measure the record belongs to, or null.",
    "measures": "The number of measures (a measure shared by several ministries counts for each).",
    "metric": "What the figure counts, in the source's words.",
    "ministries": "The measure's ministries with their names, in the order of ressorts.",
    "name": "The ministry's full name, or null where the store has none.",
    "note": "A note by the source or the reviewer, or null.",
    "numeral": "The cluster's numeral, I … VI.",
    "on": "The date the status is for, YYYY-MM-DD (--on, default today).",
    "one_off_eur": f"{_SUM} that are one-off amounts; null where there is none.",
    "one_year_eur": f"{_SUM} stated for one year; null where there is none.",
    "open_ended": "True where the measure runs without a stated end.",
    "overview": "The cluster's overview text, or null.",
    "overview_title": "The title of the cluster's overview, or null.",
    "partners": "The partners in the implementation ('Partner in der Umsetzung'); [] where the report says '-'.",
    "partners_curated": "True where the partner list was taken from prose by the reviewed curation file.",
    "partners_text": "The report's wording of the partners, or null.",
    "parts": "The periods where the report states several (each with label, text, start, end).",
    "per_cluster": "The number of the ministry's measures in each cluster, by numeral.",
    "per_year_eur": f"{_SUM} that are yearly amounts (euros per year); null where there is none.",
    "period_end": "The end of the interpreted period, YYYY-MM-DD, or null (open or unknown).",
    "period_start": "The start of the interpreted period, YYYY-MM-DD, or null (unknown).",
    "place": "Where an event takes place, or null.",
    "placed": "True where the timeline can draw the measure (a start is known).",
    "previous_approximate": "Whether the previous figure is approximate; null where there is none.",
    "previous_date": "The date of the previous figure of the same metric, or null.",
    "previous_qualifier": "The qualifier of the previous figure, or null.",
    "previous_value": "The previous figure of the same metric, or null.",
    "publication": "The report's 'Veröffentlichung', or null.",
    "publisher": "The publisher of the source document, or null.",
    "quantity": "The number of staff (posts, hours) an item names, or null.",
    "qualifier": "The source's qualifier of the figure ('fast', 'rund', 'ca.', 'über', 'mehr als', …), or null.",
    "quote": "The source's words the record is taken from.",
    "records": "The number of records that cite this source.",
    "quote_of": "What the quote is: the measure's goal or description, or the figure's own words.",
    "source_publisher": "The publisher of the source document, or null.",
    "source_date_note": "How the date of the source document was found, or null.",
    "reports_status": "The status a later development reports for the measure (running, ended, …), or null.",
    "reported_status": "The status a later source reports on or before `on` (it weighs over the runtime's "
    "status in --status), or null.",
    "reported_date": "The date of that report, or null.",
    "reported_source": "The file name of the source of that report, or null.",
    "reported_quote": "The source's words of that report, or null.",
    "reported_inference": "What fko concludes beyond that quote, or null.",
    "ressort": "A ministry's code: the ministry of a portfolio, or the one the report assigns an item to (else null).",
    "ressorts": 'The codes of the measure\'s ministries, e.g. ["MKJFGFI", "MSB"].',
    "ressorts_text": "The report's wording of the ministries ('Ressort').",
    "runtime": "The runtime: the report's wording and the dates it states.",
    "score": "The relevance of the hit, 0-100 (100: the exact ID, an alias or a cluster numeral).",
    "shared": "True where the measure has more than one ministry.",
    "shared_measures": "The IDs of the ministry's measures that other ministries share.",
    "shared_with": "With --ressort: the other ministries of a shared measure; else [].",
    "snippet": "The text around the best match.",
    "source": "The file name of the source document the record comes from.",
    "source_date": f"The date of the source document, {_ISO}, or null.",
    "source_key": "The short key of the source document (report, whkt, dhb, rvr, om), or null.",
    "source_lines": "The first and last line of the record in the source file, or null.",
    "source_title": "The title of the source document, or null.",
    "staff": "The staff the planned funds name (not euros, not summed).",
    "start": f"The start date the wording states (in a diff's period: the derived start), {_ISO}, or null.",
    "status": "The status on the date `on`: planned, running, ended or unknown (a running measure "
    "without an end is open_ended).",
    "status_derived": "True where the status rests on a rule that interprets the wording (see status_rule).",
    "status_rule": "The rule the status was found by, in words.",
    "target": "True where the figure is a target, not a result.",
    "text": "The source's exact wording.",
    "title": "The title of the record as its source prints it.",
    "total_eur": f"{_SUM} that are totals over several years; null where there is none.",
    "unit": "The unit of the figure (EUR, %, Stellen, …), or null for a count.",
    "updates": "Later developments of the measure reported by newer sources, in date order.",
    "events": "Dated events and statements of the sources about the record, in date order.",
    "urls": "The links, rejoined where the PDF broke them, without duplicates.",
    "urls_text": "The report's wording of the links ('Internetpräsenz'), or null.",
    "value": "The figure as a number (raw, never formatted).",
    "year": "A calendar year, or null where none is stated.",
    "year_from": "The first year an amount covers, or null.",
    "year_to": "The last year an amount covers, or null (open or not stated).",
    "year_total_eur": f"{_SUM} planned for the year (with --year or --by year); null where this sum is not made.",
    "years_derived": "True where the years of the item come from the runtime, not its own wording.",
}


# --- the JSON Schema, generated from the types ---------------------------------------------------

_SIMPLE = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def _names() -> dict[type, str]:
    names: dict[type, str] = {t: n for n, t in NESTED.items()}
    names.update({t: n for n, (t, _) in OUTPUTS.items()})
    return names


def hints(record_type: type) -> dict[str, Any]:
    """The keys of a record type with their annotations, in order (NotRequired kept)."""
    return typing.get_type_hints(record_type, include_extras=True)


def _required(annotation: Any) -> tuple[Any, bool]:
    if typing.get_origin(annotation) is NotRequired:
        return typing.get_args(annotation)[0], False
    return annotation, True


def type_schema(annotation: Any, names: dict[type, str]) -> dict[str, Any]:
    """The JSON Schema of one annotation."""
    if annotation is Any:
        return {}
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        parts = [type_schema(a, names) for a in typing.get_args(annotation)]
        if all(set(p) == {"type"} for p in parts):
            return {"type": [p["type"] for p in parts]}
        return {"anyOf": parts}
    if origin is Literal:
        return {"enum": list(typing.get_args(annotation))}
    if origin is list:
        return {"type": "array", "items": type_schema(typing.get_args(annotation)[0], names)}
    if origin is dict:
        return {"type": "object", "additionalProperties": type_schema(typing.get_args(annotation)[1], names)}
    if isinstance(annotation, type) and typing.is_typeddict(annotation):
        return {"$ref": f"#/$defs/{names[annotation]}"}
    return {"type": _SIMPLE[annotation]}


def record_schema(record_type: type, names: dict[type, str]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required = []
    for key, annotation in hints(record_type).items():
        inner, needed = _required(annotation)
        properties[key] = {**type_schema(inner, names), "description": KEYS[key]}
        if needed:
            required.append(key)
    return {
        "type": "object",
        "description": " ".join((record_type.__doc__ or "").split()),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of every command's `--json` output."""
    from fko import __version__

    names = _names()
    defs = {name: record_schema(t, names) for name, (t, _) in OUTPUTS.items()}
    for name, (_, command) in OUTPUTS.items():
        defs[name]["description"] += f" Printed by: {command}."
    defs.update({name: record_schema(t, names) for name, t in NESTED.items()})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://fko.invalid/schema/{SCHEMA_VERSION}/output.json",
        "title": "fko --json output",
        "description": "Every command's --json prints a JSON array of records of the $defs type named after "
        "the command (one element for one record, [] for none); --jsonl prints the same records one a line. "
        "Only fko diff prints one object (its $defs type diff). "
        "Keys are snake_case with one meaning and one type across all commands; null means unknown or not "
        "stated; dates are ISO 8601 strings as precise as the source; amounts are raw numbers.",
        "schema_version": SCHEMA_VERSION,
        "fko_version": __version__,
        "anyOf": [
            {
                "type": "array",
                "items": {"anyOf": [{"$ref": f"#/$defs/{n}"} for n in OUTPUTS if n not in OBJECT_OUTPUTS]},
            },
            *({"$ref": f"#/$defs/{n}"} for n in OBJECT_OUTPUTS),
        ],
        "$defs": defs,
    }


def output_keys(name: str) -> list[str]:
    """The keys of an output type in the order --json prints them."""
    return list(hints(OUTPUTS[name][0]))


def paths(name: str) -> list[str]:
    """The names --fields accepts for an output type: its keys, and dotted paths into nested objects."""
    out: list[str] = []

    def walk(record_type: type, prefix: str) -> None:
        for key, annotation in hints(record_type).items():
            inner, _ = _required(annotation)
            out.append(prefix + key)
            if typing.get_origin(inner) in (Union, types.UnionType):
                inner = next((a for a in typing.get_args(inner) if a is not type(None)), inner)
            if isinstance(inner, type) and typing.is_typeddict(inner):
                walk(inner, f"{prefix}{key}.")

    walk(OUTPUTS[name][0], "")
    return out


def key_table() -> str:
    """The source of fko/_keys.py: each output type's keys in --json order, the keys some records
    lack, the names --fields accepts and RENAMES, derived from the types above. Commands read
    the table instead of importing this module (tests/test_schema.py checks it is current)."""
    tables: dict[str, Any] = {
        "KEYS": {name: list(hints(t)) for name, (t, _) in OUTPUTS.items()},
        "OPTIONAL": {
            name: [k for k, a in hints(t).items() if not _required(a)[1]]
            for name, (t, _) in OUTPUTS.items()
            if any(not _required(a)[1] for a in hints(t).values())
        },
        "PATHS": {name: paths(name) for name in OUTPUTS},
        "RENAMES": RENAMES,
    }
    comments = {
        "KEYS": "Output type -> its keys in the order --json prints them.",
        "OPTIONAL": "Output type -> its keys that only some records have (NotRequired).",
        "PATHS": "Output type -> the names --fields accepts: keys and dotted paths into nested objects.",
        "RENAMES": "Keys of the domain's rows that a record prints under another name (model.RENAMES).",
    }
    kinds = {"KEYS": "tuple[str, ...]", "OPTIONAL": "tuple[str, ...]", "PATHS": "tuple[str, ...]"}
    lines = [
        '"""GENERATED by `python -m fko.model > fko/_keys.py` from the types of fko/model.py; do not edit.',
        "",
        "The keys of every output type as plain data, so that --json, --csv and --fields need no",
        'typing machinery at start-up. tests/test_schema.py checks that this file is current."""',
    ]
    for name, table in tables.items():
        kind = kinds.get(name, "dict[str, str]")
        lines += ["", f"#: {comments[name]}", f"{name}: dict[str, {kind}] = {{"]
        for output, items in table.items():
            if isinstance(items, dict):
                lines.append(f'    "{output}": {{')
                lines += [f'        "{k}": "{v}",' for k, v in items.items()]
                lines.append("    },")
            elif len(items) == 1:  # a one-element tuple stays on one line (ruff format)
                lines.append(f'    "{output}": ("{items[0]}",),')
            else:
                lines.append(f'    "{output}": (')
                lines += [f'        "{k}",' for k in items]
                lines.append("    ),")
        lines.append("}")
    return "\n".join(lines) + "\n"


def schema_text(schema: dict[str, Any]) -> list[str]:
    """The schema for people: each type with its keys, types and meanings."""
    lines = [
        f"fko JSON output, schema version {schema['schema_version']} (fko {schema['fko_version']})",
        "",
        *_wrap(schema["description"], ""),
    ]
    for name, definition in schema["$defs"].items():
        lines += ["", name, *_wrap(definition["description"], "  ")]
        width = max(len(k) for k in definition["properties"])
        for key, prop in definition["properties"].items():
            optional = "" if key in definition["required"] else " (only where present)"
            lines.append(f"  {key.ljust(width)}  {describe_type(prop)}{optional}")
    glossary = {k: p["description"] for d in schema["$defs"].values() for k, p in d["properties"].items()}
    lines += ["", "Keys (one meaning each, in every type)"]
    for key in sorted(glossary):
        lines += _wrap(f"{key}: {glossary[key]}", "  ")
    return lines


def _wrap(text: str, indent: str) -> list[str]:
    import textwrap

    return textwrap.wrap(text, 78, initial_indent=indent, subsequent_indent=indent + ("  " if indent else ""))


def describe_type(prop: dict[str, Any]) -> str:
    """A JSON Schema type in words: "string or null", "array of integer", "object (runtime)"."""
    if set(prop) <= {"description"}:
        return "any JSON value"
    if "$ref" in prop:
        return f"object ({prop['$ref'].rsplit('/', 1)[1]})"
    if "enum" in prop:
        return "one of " + ", ".join("null" if v is None else str(v) for v in prop["enum"])
    if "anyOf" in prop:
        return " or ".join(describe_type(p) for p in prop["anyOf"])
    kind = prop["type"]
    if isinstance(kind, list):
        return " or ".join(kind)
    if kind == "array":
        return f"array of {describe_type(prop['items'])}"
    if kind == "object":
        return f"object of {describe_type(prop['additionalProperties'])}"
    return str(kind)


if __name__ == "__main__":
    import sys

    sys.stdout.write(key_table())
