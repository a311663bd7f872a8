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
from fko.i18n import N_, _
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
        super().__init__(_("store {path}: {problem}; {rebuild}").format(path=path, problem=problem, rebuild=_(REBUILD)))


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


def table_name(name: str) -> str:
    """A table's name as a message shows it: as it is, or JSON-quoted where it holds a character
    a one-line message cannot show (a damaged store's "ev\\nts")."""
    return name if name.isprintable() else shown(name)


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
        return N_("a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    if not YEARS[0] <= year <= YEARS[1]:
        return N_("a date between {first} and {last}")
    try:
        dt.date(year, month, day)
    except ValueError:
        return N_("a date")
    return None


def _year(value: int) -> str | None:
    return None if YEARS[0] <= value <= YEARS[1] else N_("a year between {first} and {last}")


def _measure_id(value: str) -> str | None:
    return None if _MEASURE_ID.fullmatch(value) else N_("a measure ID such as IV.1")


def _not_negative(value: float) -> str | None:
    return None if value >= 0 else N_("a number of 0 or more")


#: Range rules by key name, applied to non-null values that already have the right type; each
#: says what the value should be (a text of the catalog, with the years of YEARS to fill in).
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


#: The JSON kinds of scalars as messages name them, one and several.
_SCALARS: dict[Any, tuple[str, str]] = {
    str: (N_("a string"), N_("strings")),
    int: (N_("an integer"), N_("integers")),
    float: (N_("a number"), N_("numbers")),
    bool: (N_("a boolean"), N_("booleans")),
}


def type_name(annotation: Any, several: bool = False) -> str:
    """A JSON-minded name for an annotation, in the reader's language: "a string or null", "an
    array of strings" (`several`: the name of the items of an array). Made when a message is
    raised, not when a checker is made: the checkers are cached, the language is the run's."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (NotRequired, Required):
        return type_name(args[0], several)
    if origin in (Union, types.UnionType):
        names = (" " + _("or") + " ").join(type_name(a) for a in args if a is not type(None))
        return _("{types} or null").format(types=names) if type(None) in args else names
    if origin is Literal:
        return _("one of {values}").format(values=", ".join(shown(a) for a in args))
    if origin is list:
        return (_("array of {items}s") if several else _("an array of {items}")).format(items=type_name(args[0], True))
    if origin is dict:
        return _("objects") if several else _("an object")
    if isinstance(annotation, type) and typing.is_typeddict(annotation):
        return (_("object ({name})s") if several else _("an object ({name})")).format(name=annotation.__name__)
    if annotation in _SCALARS:
        return _(_SCALARS[annotation][several])
    return str(annotation)


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
    args = typing.get_args(annotation)
    options = [a for a in args if a is not type(None)]
    nullable = type(None) in args
    if nullable and len(options) == 1 and options[0] in (str, int, float, bool):  # most keys: a scalar or null
        rule = RULES.get(name or "") or (ID_RULES.get(name or "") if ids else None)
        check_scalar = _scalar_checker(options[0], rule, annotation)

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
        raise _not(value, annotation)

    return check_union


def _not(value: Any, annotation: Any) -> Invalid:
    """ "is 3, not a string": a value that does not fit its annotation."""
    return Invalid(_("is {value}, not {expected}").format(value=shown(value), expected=type_name(annotation)))


def _literal_checker(annotation: Any) -> Checker:
    allowed = typing.get_args(annotation)
    kinds = {type(a) for a in allowed}

    def check_literal(value: Any) -> None:
        if type(value) not in kinds or value not in allowed:
            raise _not(value, annotation)

    return check_literal


def _list_checker(annotation: Any, check_item: Checker) -> Checker:
    def check_list(value: Any) -> None:
        if type(value) is not list:
            raise _not(value, annotation)
        for n, item in enumerate(value):
            try:
                check_item(item)
            except Invalid as exc:
                raise exc.inside(f"[{n}]") from None

    return check_list


def _dict_checker(annotation: Any, check_entry: Checker) -> Checker:
    def check_dict(value: Any) -> None:
        if type(value) is not dict:
            raise _not(value, annotation)
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
            raise _not(value, record_type)
        if value.keys() != required:  # else every key is known and none is missing
            for key in value:
                if key not in fields:
                    raise Invalid(_("is not a field of {record}").format(record=title), str(key))
            for key in sorted(required - value.keys()):
                raise Invalid(_("is missing"), key)
        for key, entry in value.items():
            try:
                fields[key](entry)
            except Invalid as exc:
                raise exc.inside(key) from None

    return check_record


def _scalar_checker(annotation: Any, rule: Callable[[Any], str | None] | None, named: Any = None) -> Checker:
    """A string, a number or a boolean: the JSON kind, then the range rule (if any). bool is
    no number here (JSON tells `true` from `1`), and no string holds a lone surrogate (the
    standard parser lets `\\ud800` through; it cannot be written out as UTF-8). A message names
    the type `named` (a union of the scalar and null), else the scalar's."""

    def wrong(value: Any) -> Invalid:
        return _not(value, annotation if named is None else named)

    def ruled(value: Any) -> None:
        problem = rule(value) if rule else None
        if problem:
            expected = _(problem).format(first=YEARS[0], last=YEARS[1])
            raise Invalid(_("is {value}, not {expected}").format(value=shown(value), expected=expected))

    if annotation is str:

        def check_text(value: Any) -> None:
            if type(value) is not str:
                raise wrong(value)
            if not value.isascii() and _SURROGATE.search(value):
                raise Invalid(
                    _("is {value}, not valid Unicode text (it holds a lone surrogate)").format(value=shown(value))
                )
            if rule:
                ruled(value)

        return check_text
    if annotation in (int, float):
        kinds = (int,) if annotation is int else (int, float)

        def check_number(value: Any) -> None:
            if type(value) not in kinds:
                raise wrong(value)
            if not (-MAX_NUMBER < value < MAX_NUMBER and math.isfinite(value)):
                raise Invalid(_("is {value}, not a number below 10^13").format(value=shown(value)))
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
        return _("a boolean")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, list):
        return _("an array")
    return _("an object")


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
            _("store {path} is not an fko store (missing tables: {tables}); {rebuild}").format(
                path=path, tables=", ".join(missing) or _("malformed"), rebuild=_(REBUILD)
            )
        )
    tables: dict[str, list[Any]] = {}
    for name, table in data.items():
        if not isinstance(table, dict):
            raise StoreError(path, _("{table}: the table is not an object of records").format(table=table_name(name)))
        for number in table:
            if not _DOC_NUMBER.fullmatch(number):
                raise StoreError(
                    path,
                    _("{table}: {number} is not a document number").format(table=table_name(name), number=repr(number)),
                )
        tables[name] = [table[number] for number in sorted(table, key=int)]
    meta = tables["meta"]
    if len(meta) != 1 or not isinstance(meta[0], dict):
        raise StoreError(path, _("meta: the table holds no record"))
    version = meta[0].get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        if version is None:
            found = _("store {path} has no format version; this fko reads version {version}: {rebuild}")
        else:
            found = _("store {path} is of format version {found}; this fko reads version {version}: {rebuild}")
        raise FkoError(found.format(path=path, found=shown(version), version=SCHEMA_VERSION, rebuild=_(REBUILD)))
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
            return _("meta: 'tables' lists meta itself")
        if name not in tables:
            return _("the table {table} is missing, though meta lists it").format(table=table_name(name))
        if listed.count(name) > 1:
            return _("meta: 'tables' lists {table} twice").format(table=table_name(name))
    for name in held:
        if name not in listed:
            return _("the table {table} is not listed in meta").format(table=table_name(name))
        if name not in REQUIRED_TABLES + OPTIONAL_TABLES:
            return _("the table {table} is not a table of an fko store").format(table=shown(name))
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
            return _("{where}: the record is {kind}, not an object").format(where=where, kind=record_kind(row))
        try:
            check_row(row)
        except Invalid as exc:
            return f"{where}: {exc}"
        if key:
            if row[key] in seen:
                return _("{where}: {key} {value} occurs twice").format(
                    where=where, key=key, value=json.dumps(row[key], ensure_ascii=False)
                )
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
                return _("{where}: id {id} is also a measure's").format(where=where, id=json.dumps(row["id"]))
            ids.add(row["id"])
            if row["kind"] != kind:
                return _("{where}: 'kind' is {kind}, not {expected} (the table of {table})").format(
                    where=where, kind=json.dumps(row["kind"]), expected=json.dumps(kind), table=name
                )
            if row["cluster"] not in clusters and (row["cluster"] is not None or kind == "measure"):
                return _("{where}: 'cluster' is {cluster}, not one of {known}").format(
                    where=where,
                    cluster=json.dumps(row["cluster"], ensure_ascii=False),
                    known=", ".join(sorted(clusters)),
                )
            for code in row["ressorts"]:
                if code not in codes:
                    return _("{where}: 'ressorts' holds {code}, not a ministry of the store").format(
                        where=where, code=json.dumps(code, ensure_ascii=False)
                    )
            for n, item in enumerate(row["budget"]["items"]):
                first, last = item["year_from"], item["year_to"]
                if first is not None and last is not None and last < first:
                    return _("{where}: 'budget.items[{n}].year_to' is {last}, before 'year_from' {first}").format(
                        where=where, n=n, last=last, first=first
                    )
    for name in ("recognition", "indicators", "updates", "events"):
        for n, row in enumerate(tables.get(name, ()), start=1):
            if row["measure_id"] is not None and row["measure_id"] not in ids:
                shown_id = json.dumps(row["measure_id"], ensure_ascii=False)
                return _("{where}: 'measure_id' is {id}, not a measure or initiative of the store").format(
                    where=f"{name}/{n}", id=shown_id
                )
    return None
