"""Checking a store against the record types of fko/model/records.py: one verdict per file.

The TypedDicts are the one definition of a record. A checker, made once per type from its
annotations, walks a value along it (keys, types, nesting) and adds the range rules the types
cannot say: dates, years, amounts, measure IDs. Then the tables are checked against each
other: the clusters, ministries and measures a record names must be in the store. A problem
is reported as `measures/III.9: 'runtime.start' is "2023-13", not a date`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from functools import cache, lru_cache
from typing import Any, Literal, NotRequired, Required, Union

from fko.errors import FkoError
from fko.store.fileformat import NATURAL_KEYS, REBUILD, SCHEMA_VERSION

#: Numbers a store may hold: amounts in euro, counts, quantities.
MAX_NUMBER = 10**13
YEARS = (1900, 2100)

#: The tables every store holds, and those it may hold.
REQUIRED_TABLES = ("meta", "measures", "clusters", "ressorts", "sources")
OPTIONAL_TABLES = ("initiatives", "recognition", "indicators", "updates", "events")

#: The tables whose records name measures by ID (`id`, `measure`): the ID rule applies there.
_WITH_IDS = frozenset({"measures", "initiatives", "indicators", "updates", "events"})
#: The order in which tables are checked: what a record names is checked before it.
_ORDER = (
    "ressorts",
    "clusters",
    "sources",
    "measures",
    "initiatives",
    "recognition",
    "indicators",
    "updates",
    "events",
)

_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits: \d takes any script's
_SURROGATE = re.compile("[\ud800-\udfff]")
_MEASURE_ID = re.compile(r"[A-Z]{1,4}\.[0-9]{1,3}")
_DOC_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


class StoreError(FkoError):
    """A store that is not a valid fko store: exit 1, the file named, the fix said."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"store {path}: {problem}; {REBUILD}")


class Invalid(Exception):
    """A value that does not fit its type; `where` is the dotted key path inside the record."""

    def __init__(self, problem: str, where: str = "") -> None:
        super().__init__(f"'{where}' {problem}" if where else problem)
        self.where = where
        self.problem = problem

    def inside(self, step: str) -> Invalid:
        """The same problem, one level up: under key `step` or at index `[n]`."""
        if not self.where:
            return Invalid(self.problem, step)
        joiner = "" if self.where.startswith("[") else "."
        return Invalid(self.problem, f"{step}{joiner}{self.where}")


def shown(value: Any) -> str:
    """A value as a message shows it: JSON, cut to 40 characters."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


@lru_cache(maxsize=4096)  # a store repeats its dates: 10,000 measures, a few hundred months
def _date(value: str) -> str | None:
    match = _ISO.fullmatch(value)
    if match is None:
        return "a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    year, month, day = (int(g) if g else 1 for g in match.groups())
    if not YEARS[0] <= year <= YEARS[1]:
        return f"a date between {YEARS[0]} and {YEARS[1]}"
    try:
        dt.date(year, month, day)
    except ValueError:
        return "a date"
    return None


def _year(value: int) -> str | None:
    return None if YEARS[0] <= value <= YEARS[1] else f"a year between {YEARS[0]} and {YEARS[1]}"


def _measure_id(value: str) -> str | None:
    return None if _MEASURE_ID.fullmatch(value) else "a measure ID such as IV.1"


def _not_negative(value: float) -> str | None:
    return None if value >= 0 else "a number of 0 or more"


#: Range rules by key name, applied to non-null values that already have the right type.
RULES: dict[str, Callable[[Any], str | None]] = {
    "start": _date,
    "end": _date,
    "date": _date,
    "as_of": _date,
    "source_date": _date,
    "year": _year,
    "year_from": _year,
    "year_to": _year,
    "amount_eur": _not_negative,
    "quantity": _not_negative,
}

#: Rules that hold only in some record types: the IDs of measures and the references to them.
ID_RULES: dict[str, Callable[[Any], str | None]] = {"id": _measure_id, "measure_id": _measure_id}


Checker = Callable[[Any], None]


def type_name(annotation: Any) -> str:
    """A JSON-minded name for an annotation: "a string or null", "an array of strings"."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (NotRequired, Required):
        return type_name(args[0])
    if origin in (Union, types.UnionType):
        names = [type_name(a) for a in args if a is not type(None)]
        return " or ".join(names) + (" or null" if type(None) in args else "")
    if origin is Literal:
        return "one of " + ", ".join(shown(a) for a in args)
    if origin is list:
        return f"an array of {_plural(type_name(args[0]))}"
    if origin is dict:
        return "an object"
    if isinstance(annotation, type) and typing.is_typeddict(annotation):
        return f"an object ({annotation.__name__})"
    return {str: "a string", int: "an integer", float: "a number", bool: "a boolean"}.get(annotation, str(annotation))


def _plural(name: str) -> str:
    for article in ("an ", "a "):
        if name.startswith(article) and " or " not in name:
            return name[len(article) :] + "s"
    return name


def check(value: Any, annotation: Any, ids: bool = False) -> None:
    """Raise Invalid unless value fits annotation (a TypedDict, list[..], a union, a scalar).

    ids: also require measure IDs where a record names one (`id`, `measure`)."""
    checker(annotation, None, ids)(value)


@cache
def checker(annotation: Any, name: str | None, ids: bool) -> Checker:
    """A function checking values of one annotation at key `name` (made once per type and key)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (NotRequired, Required):
        return checker(args[0], name, ids)
    if annotation is Any:  # anything goes (the build's curation patches, checked once applied)
        return lambda value: None
    if origin in (Union, types.UnionType):
        return _union_checker(annotation, name, ids)
    if origin is Literal:
        return _literal_checker(annotation)
    if origin is list:
        return _list_checker(annotation, checker(args[0], name, ids))
    if origin is dict:
        return _dict_checker(annotation, checker(args[1], name, ids))
    if isinstance(annotation, type) and typing.is_typeddict(annotation):
        return _record_checker(annotation, ids)
    rule = RULES.get(name or "") or (ID_RULES.get(name or "") if ids else None)
    return _scalar_checker(annotation, rule)


def _union_checker(annotation: Any, name: str | None, ids: bool) -> Checker:
    expected = type_name(annotation)
    args = typing.get_args(annotation)
    options = [a for a in args if a is not type(None)]
    nullable = type(None) in args
    if nullable and len(options) == 1 and options[0] in (str, int, float, bool):  # most keys: a scalar or null
        rule = RULES.get(name or "") or (ID_RULES.get(name or "") if ids else None)
        check_scalar = _scalar_checker(options[0], rule, expected)

        def check_optional(value: Any) -> None:
            if value is not None:
                check_scalar(value)

        return check_optional
    checks = [(_kind(a), checker(a, name, ids)) for a in options]

    def check_union(value: Any) -> None:
        if value is None and nullable:
            return
        for fits, check_option in checks:
            if fits(value):
                check_option(value)
                return
        raise Invalid(f"is {shown(value)}, not {expected}")

    return check_union


def _literal_checker(annotation: Any) -> Checker:
    expected = type_name(annotation)
    allowed = typing.get_args(annotation)
    kinds = {type(a) for a in allowed}

    def check_literal(value: Any) -> None:
        if type(value) not in kinds or value not in allowed:
            raise Invalid(f"is {shown(value)}, not {expected}")

    return check_literal


def _list_checker(annotation: Any, check_item: Checker) -> Checker:
    expected = type_name(annotation)

    def check_list(value: Any) -> None:
        if type(value) is not list:
            raise Invalid(f"is {shown(value)}, not {expected}")
        for n, item in enumerate(value):
            try:
                check_item(item)
            except Invalid as exc:
                raise exc.inside(f"[{n}]") from None

    return check_list


def _dict_checker(annotation: Any, check_entry: Checker) -> Checker:
    expected = type_name(annotation)

    def check_dict(value: Any) -> None:
        if type(value) is not dict:
            raise Invalid(f"is {shown(value)}, not {expected}")
        for key, entry in value.items():
            try:
                check_entry(entry)
            except Invalid as exc:
                raise exc.inside(str(key)) from None

    return check_dict


def _record_checker(record_type: type, ids: bool) -> Checker:
    hints = typing.get_type_hints(record_type, include_extras=True)
    total = getattr(record_type, "__total__", True)
    fields: dict[str, Checker] = {}
    required = set()
    for key, hint in hints.items():
        # Not __required_keys__: under `from __future__ import annotations` it misses NotRequired.
        marked = typing.get_origin(hint)
        if marked is Required or (total and marked is not NotRequired):
            required.add(key)
        fields[key] = checker(hint, key, ids)
    title = record_type.__name__

    def check_record(value: Any) -> None:
        if type(value) is not dict:
            raise Invalid(f"is {shown(value)}, not an object ({title})")
        if value.keys() != required:  # else every key is known and none is missing
            for key in value:
                if key not in fields:
                    raise Invalid(f"is not a field of {title}", str(key))
            for key in sorted(required - value.keys()):
                raise Invalid("is missing", key)
        for key, entry in value.items():
            try:
                fields[key](entry)
            except Invalid as exc:
                raise exc.inside(key) from None

    return check_record


def _scalar_checker(annotation: Any, rule: Callable[[Any], str | None] | None, expected: str = "") -> Checker:
    """A string, a number or a boolean: the JSON kind, then the range rule (if any). bool is
    no number here (JSON tells `true` from `1`), and no string holds a lone surrogate (the
    standard parser lets `\\ud800` through; it cannot be written out as UTF-8)."""
    expected = expected or type_name(annotation)

    def wrong(value: Any) -> Invalid:
        return Invalid(f"is {shown(value)}, not {expected}")

    def ruled(value: Any) -> None:
        problem = rule(value) if rule else None
        if problem:
            raise Invalid(f"is {shown(value)}, not {problem}")

    if annotation is str:

        def check_text(value: Any) -> None:
            if type(value) is not str:
                raise wrong(value)
            if not value.isascii() and _SURROGATE.search(value):
                raise Invalid(f"is {shown(value)}, not valid Unicode text (it holds a lone surrogate)")
            if rule:
                ruled(value)

        return check_text
    if annotation in (int, float):
        kinds = (int,) if annotation is int else (int, float)

        def check_number(value: Any) -> None:
            if type(value) not in kinds:
                raise wrong(value)
            if not (-MAX_NUMBER < value < MAX_NUMBER and math.isfinite(value)):
                raise Invalid(f"is {shown(value)}, not a number below 10^13")
            if rule:
                ruled(value)

        return check_number
    fits = _kind(annotation)

    def check_other(value: Any) -> None:
        if not fits(value):
            raise wrong(value)
        if rule:
            ruled(value)

    return check_other


def _kind(annotation: Any) -> Callable[[Any], bool]:
    """A test of the JSON kind of a value against an annotation (its first level only)."""
    origin = typing.get_origin(annotation) or annotation
    if origin in (NotRequired, Required):
        return _kind(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        tests = [_kind(a) for a in typing.get_args(annotation)]
        return lambda value: any(test(value) for test in tests)
    if origin is Literal:
        allowed = typing.get_args(annotation)
        return lambda value: value in allowed
    simple: dict[Any, Callable[[Any], bool]] = {
        Any: lambda value: True,
        type(None): lambda value: value is None,
        bool: lambda value: type(value) is bool,
        int: lambda value: type(value) is int,
        float: lambda value: type(value) is float or type(value) is int,
        str: lambda value: type(value) is str,
        list: lambda value: type(value) is list,
        dict: lambda value: type(value) is dict,
    }
    if origin in simple:
        return simple[origin]
    if isinstance(annotation, type) and typing.is_typeddict(annotation):
        return simple[dict]
    return lambda value: False


def record_kind(value: Any) -> str:
    """The JSON kind of a value, for messages: "a string", "null", "an array"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def record_types() -> dict[str, type]:
    """Store table -> the type of its records, from fko/model/records.py."""
    from fko.model.records import RECORD_TYPES

    return {table: record_type for record_type, table in RECORD_TYPES.values() if table}


def check_store(path: str, data: Any) -> None:
    """Raise an FkoError naming the file unless a parsed store file is a valid fko store.

    The whole file is judged at once, so that every command gives it the same verdict: its
    frame (tables of numbered documents), meta (this fko's format version, the tables it lists
    are the tables there are), every record against its type, and the references between them.
    """
    if not isinstance(data, dict) or any(not isinstance(data.get(t), dict) for t in REQUIRED_TABLES):
        missing = [t for t in REQUIRED_TABLES if not isinstance(data, dict) or t not in data]
        raise FkoError(
            f"store {path} is not an fko store (missing tables: {', '.join(missing) or 'malformed'}); {REBUILD}"
        )
    tables: dict[str, list[Any]] = {}
    for name, table in data.items():
        if not isinstance(table, dict):
            raise StoreError(path, f"{name}: the table is not an object of records")
        for number in table:
            if not _DOC_NUMBER.fullmatch(number):
                raise StoreError(path, f"{name}: {number!r} is not a document number")
        tables[name] = [table[number] for number in sorted(table, key=int)]
    meta = tables["meta"]
    if len(meta) != 1 or not isinstance(meta[0], dict):
        raise StoreError(path, "meta: the table holds no record")
    version = meta[0].get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        found = "has no format version" if version is None else f"is of format version {shown(version)}"
        raise FkoError(f"store {path} {found}; this fko reads version {SCHEMA_VERSION}: {REBUILD}")
    problem = _contents_problem(meta[0], tables) or tables_problem(tables)
    if problem:
        raise StoreError(path, problem)


def _contents_problem(meta: dict[str, Any], tables: Mapping[str, list[Any]]) -> str | None:
    """What is wrong with meta, or with the tables it lists: each table the file holds is
    listed, each listed one is there, and each is a table of an fko store."""
    from fko.model.records import Meta

    try:
        check(meta, Meta)
    except Invalid as exc:
        return f"meta: {exc}"
    listed = meta["tables"]
    held = [name for name in tables if name != "meta"]
    for name in listed:
        if name == "meta":
            return "meta: 'tables' lists meta itself"
        if name not in tables:
            return f"the table {name} is missing, though meta lists it"
        if listed.count(name) > 1:
            return f"meta: 'tables' lists {name} twice"
    for name in held:
        if name not in listed:
            return f"the table {name} is not listed in meta"
        if name not in REQUIRED_TABLES + OPTIONAL_TABLES:
            return f"the table {shown(name)} is not a table of an fko store"
    return None


def tables_problem(tables: Mapping[str, Sequence[Any]]) -> str | None:
    """What is wrong with the records of a store's tables, as `measures/III.8: 'title' is
    missing`: a record that does not fit its type, a natural key twice, or a reference to what
    the store does not hold; None if there is nothing. meta is the file's (see check_store)."""
    types_ = record_types()
    for name in _ORDER:
        problem = _records_problem(name, tables.get(name, ()), types_[name])
        if problem:
            return problem
    return _reference_problem(tables)


def _records_problem(name: str, rows: Sequence[Any], record_type: type) -> str | None:
    check_row = checker(record_type, None, name in _WITH_IDS)
    key = NATURAL_KEYS.get(name)
    seen: set[Any] = set()
    for n, row in enumerate(rows, start=1):
        label = row.get(key) if key and isinstance(row, dict) else None
        where = f"{name}/{label}" if isinstance(label, str) and label else f"{name}/{n}"
        if not isinstance(row, dict):
            return f"{where}: the record is {record_kind(row)}, not an object"
        try:
            check_row(row)
        except Invalid as exc:
            return f"{where}: {exc}"
        if key:
            if row[key] in seen:
                return f"{where}: {key} {json.dumps(row[key], ensure_ascii=False)} occurs twice"
            seen.add(row[key])
    return None


def _reference_problem(tables: Mapping[str, Sequence[Any]]) -> str | None:
    """A record that names what the store does not hold, or that stands in the wrong table: a
    cluster or ministry code the store lacks (`timeline` would drop the record, the cluster
    counts would not add up), `kind` "initiative" among the report's measures (their sums
    would count it), funds that end in a year before they start (`budget --by year` would drop
    them from every year), or a figure, update or event of a measure the store lacks (it
    would be listed under an ID that names nothing)."""
    clusters = {c["numeral"] for c in tables.get("clusters", ())}
    codes = {r["code"] for r in tables.get("ressorts", ())}
    ids: set[str] = set()
    for name, kind in (("measures", "measure"), ("initiatives", "initiative")):
        for row in tables.get(name, ()):
            where = f"{name}/{row['id']}"
            if row["id"] in ids:
                return f"{where}: id {json.dumps(row['id'])} is also a measure's"
            ids.add(row["id"])
            if row["kind"] != kind:
                return f"{where}: 'kind' is {json.dumps(row['kind'])}, not {json.dumps(kind)} (the table of {name})"
            if row["cluster"] not in clusters and (row["cluster"] is not None or kind == "measure"):
                known = ", ".join(sorted(clusters))
                return f"{where}: 'cluster' is {json.dumps(row['cluster'], ensure_ascii=False)}, not one of {known}"
            for code in row["ressorts"]:
                if code not in codes:
                    return (
                        f"{where}: 'ressorts' holds {json.dumps(code, ensure_ascii=False)}, not a ministry of the store"
                    )
            for n, item in enumerate(row["budget"]["items"]):
                first, last = item["year_from"], item["year_to"]
                if first is not None and last is not None and last < first:
                    return f"{where}: 'budget.items[{n}].year_to' is {last}, before 'year_from' {first}"
    for name in ("recognition", "indicators", "updates", "events"):
        for n, row in enumerate(tables.get(name, ()), start=1):
            if row["measure_id"] is not None and row["measure_id"] not in ids:
                shown_id = json.dumps(row["measure_id"], ensure_ascii=False)
                return f"{name}/{n}: 'measure_id' is {shown_id}, not a measure or initiative of the store"
    return None
