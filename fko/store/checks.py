"""Checking a store against the record types of fko/model/records.py: one verdict per file.
A checker made once per type from its annotations walks a value along it and adds the range rules
the types cannot say (dates, years, amounts, IDs); then the tables are checked against each
other. A problem reads `measures/III.9: 'runtime.start' is "2023-13", not a date`."""

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
from fko.model.records import RECORD_TYPES, Meta
from fko.store.fileformat import NATURAL_KEYS, REBUILD, SCHEMA_VERSION

#: Numbers a store may hold: amounts in euro, counts, quantities.
MAX_NUMBER = 10**13
YEARS = (1900, 2100)

#: The tables every store holds; the others of RECORD_TYPES are optional.
REQUIRED_TABLES = ("meta", "measures", "clusters", "ressorts", "sources")

#: The tables whose records name measures by ID (`id`, `measure_id`): the ID rule applies there.
_WITH_IDS = frozenset({"measures", "initiatives", "indicators", "updates", "events"})

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
        # a key path that holds a line break or control character is JSON-quoted: messages are one line
        named = f"'{where}'" if where.isprintable() else shown(where)
        super().__init__(f"{named} {problem}" if where else problem)
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


Rule = Callable[[Any], str | None]

#: Range rules by key name, for values of the right type; each says what the value should be
#: (a text of the catalog, with the years of YEARS to fill in).
RULES: dict[str, Rule] = {
    **dict.fromkeys(("start", "end", "date", "as_of", "source_date"), _date),
    **dict.fromkeys(("year", "year_from", "year_to"), _year),
    **dict.fromkeys(("amount_eur", "quantity"), _not_negative),
}

#: Rules that hold only in the tables of _WITH_IDS: the IDs of measures and the references to them.
ID_RULES: dict[str, Rule] = {"id": _measure_id, "measure_id": _measure_id}

#: The JSON kinds of scalars as messages name them, one and several.
_SCALARS: dict[Any, tuple[str, str]] = {
    str: (N_("a string"), N_("strings")),
    int: (N_("an integer"), N_("integers")),
    float: (N_("a number"), N_("numbers")),
    bool: (N_("a boolean"), N_("booleans")),
}

#: The Python types each scalar annotation accepts: bool is no number (JSON tells `true` from `1`).
_ACCEPTED = {str: (str,), int: (int,), float: (int, float), bool: (bool,)}


def type_name(annotation: Any, several: bool = False) -> str:
    """A JSON-minded name for an annotation in the reader's language: "a string or null", "an array
    of strings" (`several`: the name of an array's items). Made when a message is raised, not
    when a checker is made: the checkers are cached, the language is the run's."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (Union, types.UnionType):
        return _("{types} or null").format(types=type_name(_not_null(args)))
    if origin is Literal:
        return _("one of {values}").format(values=", ".join(shown(a) for a in args))
    if origin is list:
        return (_("array of {items}s") if several else _("an array of {items}")).format(items=type_name(args[0], True))
    if origin is dict:
        return _("objects") if several else _("an object")
    if typing.is_typeddict(annotation):
        return (_("object ({name})s") if several else _("an object ({name})")).format(name=annotation.__name__)
    return _(_SCALARS[annotation][several])


def _not_null(args: tuple[Any, ...]) -> Any:
    """The type of `X | None`, the only unions of the model."""
    (option,) = (a for a in args if a is not type(None))
    return option


def _not(value: Any, annotation: Any) -> Invalid:
    """ "is 3, not a string": a value that does not fit its annotation."""
    return Invalid(_("is {value}, not {expected}").format(value=shown(value), expected=type_name(annotation)))


def check(value: Any, annotation: Any, ids: bool = False) -> None:
    """Raise Invalid unless value fits annotation (a TypedDict, list[..], a union, a scalar).

    ids: also require measure IDs where a record names one (`id`, `measure_id`)."""
    checker(annotation, None, ids)(value)


Checker = Callable[[Any], None]


@cache
def checker(annotation: Any, name: str | None, ids: bool, named: Any = None) -> Checker:
    """A function checking values of one annotation at key `name` (made once per type and key).
    A message names the type `named` (the annotation with null, for a value that may be null)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    named = annotation if named is None else named
    if origin in (NotRequired, Required):
        return checker(args[0], name, ids)
    if annotation is Any:  # anything goes (the build's curation patches, checked once applied)
        return _anything
    if origin in (Union, types.UnionType):
        return _optional(checker(_not_null(args), name, ids, annotation))
    if origin is Literal:
        return _literal_checker(args, named)
    if origin is list:
        return _items_checker(list, checker(args[0], name, ids), named)
    if origin is dict:
        return _items_checker(dict, checker(args[1], name, ids), named)
    if typing.is_typeddict(annotation):
        return _record_checker(annotation, ids, named)
    rule = RULES.get(name or "") or (ID_RULES.get(name or "") if ids else None)
    return _scalar_checker(_ACCEPTED[annotation], rule, named)


def _anything(value: Any) -> None:
    return None


def _optional(check_value: Checker) -> Checker:
    def check_optional(value: Any) -> None:
        if value is not None:
            check_value(value)

    return check_optional


def _literal_checker(allowed: tuple[Any, ...], named: Any) -> Checker:
    kinds = {type(a) for a in allowed}

    def check_literal(value: Any) -> None:
        if type(value) not in kinds or value not in allowed:
            raise _not(value, named)

    return check_literal


def _items_checker(kind: type[Any], check_item: Checker, named: Any) -> Checker:
    """An array (a problem named by the item's place, `[3]`) or an object (by the entry's key)."""

    def check_items(value: Any) -> None:
        if type(value) is not kind:
            raise _not(value, named)
        steps = value.items() if kind is dict else ((f"[{n}]", item) for n, item in enumerate(value))
        for step, item in steps:
            try:
                check_item(item)
            except Invalid as exc:
                raise exc.inside(str(step)) from None

    return check_items


def _record_checker(record_type: Any, ids: bool, named: Any) -> Checker:
    # get_type_hints, not __required_keys__: under `from __future__ import annotations` (the
    # build's Curation) the latter misses NotRequired.
    fields: dict[str, Checker] = {}
    required = set()
    for key, hint in typing.get_type_hints(record_type, include_extras=True).items():
        marked = typing.get_origin(hint)
        if marked is Required or (record_type.__total__ and marked is not NotRequired):
            required.add(key)
        fields[key] = checker(hint, key, ids)
    title = record_type.__name__

    def check_record(value: Any) -> None:
        if type(value) is not dict:
            raise _not(value, named)
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


def _scalar_checker(accepted: tuple[type, ...], rule: Rule | None, named: Any) -> Checker:
    """A string, a number or a boolean: its JSON kind, then the range rule (if any). No string
    holds a lone surrogate (the standard parser lets `\\ud800` through; it cannot be written out
    as UTF-8), no number reaches 10^13."""

    def check_scalar(value: Any) -> None:
        if type(value) not in accepted:
            raise _not(value, named)
        if type(value) is str:
            if not value.isascii() and _SURROGATE.search(value):
                raise Invalid(
                    _("is {value}, not valid Unicode text (it holds a lone surrogate)").format(value=shown(value))
                )
        elif type(value) is not bool and not (-MAX_NUMBER < value < MAX_NUMBER and math.isfinite(value)):
            raise Invalid(_("is {value}, not a number below 10^13").format(value=shown(value)))
        problem = rule(value) if rule else None
        if problem:
            expected = _(problem).format(first=YEARS[0], last=YEARS[1])
            raise Invalid(_("is {value}, not {expected}").format(value=shown(value), expected=expected))

    return check_scalar


#: The JSON kinds of values (but null) as messages name them.
_KINDS = {bool: N_("a boolean"), int: N_("a number"), float: N_("a number"), str: N_("a string"), list: N_("an array")}


def record_kind(value: Any) -> str:
    """The JSON kind of a value, for messages: "a string", "null", "an array"."""
    return "null" if value is None else _(_KINDS.get(type(value), N_("an object")))


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
        if name not in RECORD_TYPES:
            return _("the table {table} is not a table of an fko store").format(table=shown(name))
    return None


def tables_problem(tables: Mapping[str, Sequence[Any]]) -> str | None:
    """What is wrong with the records of a store's tables, as `measures/III.8: 'title' is
    missing`: a record that does not fit its type, a natural key twice, or a reference to what
    the store does not hold; None if there is nothing. meta is the file's (see check_store)."""
    for name, record_type in RECORD_TYPES.items():
        problem = _records_problem(name, tables.get(name, ()), record_type)
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
                return _("{where}: 'measure_id' is {id}, not a measure or initiative of the store").format(
                    where=f"{name}/{n}", id=json.dumps(row["measure_id"], ensure_ascii=False)
                )
    return None
