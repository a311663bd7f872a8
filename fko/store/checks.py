"""Checking untrusted JSON against the record types of fko/model.py: one generic validator.

The TypedDicts are the one definition of a record; this module walks a value along one of
them (keys, types, nesting) and adds the range rules the types cannot say: dates, years,
amounts, measure IDs. A problem is reported as `'runtime.start' is "2023-13", not a date`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import types
import typing
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any, Literal, NotRequired, Required, Union

#: Numbers a store may hold: amounts in euro, counts, quantities.
MAX_NUMBER = 10**13
YEARS = (1900, 2100)

_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits: \d takes any script's
_SURROGATE = re.compile("[\ud800-\udfff]")
_MEASURE_ID = re.compile(r"[A-Z]{1,4}\.[0-9]{1,3}")


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
def _date(value: Any) -> str | None:
    match = _ISO.fullmatch(value) if isinstance(value, str) else None
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


def _year(value: Any) -> str | None:
    return None if YEARS[0] <= value <= YEARS[1] else f"a year between {YEARS[0]} and {YEARS[1]}"


def _measure_id(value: Any) -> str | None:
    return None if _MEASURE_ID.fullmatch(value) else "a measure ID such as IV.1"


def _not_negative(value: Any) -> str | None:
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
#: The rules above as expressions, written inline by the compiled check (no call per value):
#: each is true exactly where its rule returns None, for a value of the rule's type.
_INLINE_RULES: dict[Callable[[Any], str | None], str] = {
    _year: "{lo} <= {var} <= {hi}",
    _not_negative: "{var} >= 0",
    _measure_id: "_ID_MATCH({var}) is not None",
}

#: Rules that hold only in some record types: the IDs of measures and the references to them.
ID_RULES: dict[str, Callable[[Any], str | None]] = {"id": _measure_id, "measure": _measure_id}


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


def check(value: Any, annotation: Any, ids: bool = False, surrogates: bool = True) -> None:
    """Raise Invalid unless value fits annotation (a TypedDict, list[..], a union, a scalar).

    ids: also require measure IDs where a record names one (`id`, `measure`).

    surrogates=False: the caller knows no string can hold a lone surrogate (the JSON it was
    parsed from has no \\uD800-\\uDFFF escape), so strings are not searched for one.

    A predicate compiled for the type answers first (fits(), several times faster: a store of
    10,000 measures is checked in a fraction of a second); only a value it refuses walks the
    checker below, which says where and why."""
    if not fits(annotation, ids, surrogates)(value):
        checker(annotation, None, ids)(value)
        raise Invalid(f"is {shown(value)}, not {type_name(annotation)}")  # pragma: no cover - they agree


@cache
def fits(annotation: Any, ids: bool = False, surrogates: bool = True, exact: bool = False) -> Callable[[Any], bool]:
    """A function telling whether a value fits annotation, exactly as check() judges it, made
    once per type from Python source generated for it (no messages, no exceptions: fast).

    exact=True: and also every number prints the same with orjson as with json.dumps. A value
    that fits is made of exact JSON types (`type(x) is str`, …), its numbers finite and below
    10^13; what orjson writes otherwise is a float below 1e-4 (0.00001, not 1e-05), which
    this refuses, as it refuses any value of type Any (unchecked). fko's JSON writer can then
    skip its own walk over the value (render._json)."""
    return _Compiler(ids, surrogates, exact).compile(annotation)


class _Compiler:
    """Python source for the predicates of check(): one function per record type and union,
    scalar tests written inline. tests/test_store.py checks it agrees with checker()."""

    def __init__(self, ids: bool, surrogates: bool = True, exact: bool = False) -> None:
        self.ids = ids
        self.surrogates = surrogates
        self.exact = exact
        self.lines: list[str] = []
        self.env: dict[str, Any] = {
            "_SURROGATE": _SURROGATE,
            "_ID_MATCH": _MEASURE_ID.fullmatch,
            "MAX": MAX_NUMBER,
            "isfinite": math.isfinite,
        }
        self.names: dict[tuple[Any, str | None], str] = {}

    def compile(self, annotation: Any) -> Callable[[Any], bool]:
        name = self.function(annotation, None)
        exec(compile("\n".join(self.lines), "<fko.validate>", "exec"), self.env)  # source made from fko/model.py
        return self.env[name]  # type: ignore[no-any-return]

    def constant(self, value: Any) -> str:
        name = f"_c{len(self.env)}"
        self.env[name] = value
        return name

    def function(self, annotation: Any, key: str | None) -> str:
        """The name of a function `name(v) -> bool` for annotation (at key `key`)."""
        if (annotation, key) in self.names:
            return self.names[(annotation, key)]
        name = f"_f{len(self.names)}"
        self.names[(annotation, key)] = name
        body = self.body(annotation, key)
        self.lines += [f"def {name}(v):", *(f"    {line}" for line in body), ""]
        return name

    def body(self, annotation: Any, key: str | None) -> list[str]:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin in (NotRequired, Required):
            return [f"return {self.function(args[0], key)}(v)"]
        if origin in (Union, types.UnionType):
            lines = ["if v is None: return True"] if type(None) in args else []
            for option in args:
                if option is not type(None):
                    lines.append(f"if {self.kind(option, 'v')}: return {self.test(option, key, 'v')}")
            return [*lines, "return False"]
        if isinstance(annotation, type) and typing.is_typeddict(annotation):
            return self.record(annotation)
        return [f"return {self.test(annotation, key, 'v')}"]

    def record(self, record_type: type) -> list[str]:
        hints = typing.get_type_hints(record_type, include_extras=True)
        total = getattr(record_type, "__total__", True)
        required = set()
        for field, hint in hints.items():
            marked = typing.get_origin(hint)
            if marked is Required or (total and marked is not NotRequired):
                required.add(field)
        known, needed = self.constant(frozenset(hints)), self.constant(frozenset(required))
        lines = ["if type(v) is not dict: return False"]
        if required == set(hints):
            lines.append(f"if v.keys() != {needed}: return False")
        else:  # the common case first: no optional key
            either = f"(v.keys() <= {known} and v.keys() >= {needed})"
            lines.append(f"if v.keys() != {needed} and not {either}: return False")
        for field, hint in hints.items():
            value = f"v[{field!r}]"
            test = self.test(hint, field, "x")
            if field in required:
                lines.append(f"x = {value}")
                lines.append(f"if not ({test}): return False")
            else:
                lines.append(f"if {field!r} in v:")
                lines.append(f"    x = {value}")
                lines.append(f"    if not ({test}): return False")
        return [*lines, "return True"]

    def kind(self, annotation: Any, var: str) -> str:
        """An expression: does var have the JSON kind of annotation (as _kind says)?"""
        test = _kind(annotation)
        return f"{self.constant(test)}({var})"

    def test(self, annotation: Any, key: str | None, var: str) -> str:
        """An expression: does var fit annotation at key?"""
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin in (NotRequired, Required):
            return self.test(args[0], key, var)
        if annotation is Any:
            return "False" if self.exact else "True"
        options = [a for a in args if a is not type(None)]
        if origin in (Union, types.UnionType) and len(options) == 1:
            # X | None written inline: each test below implies the JSON kind of its type
            inner = self.test(options[0], key, var)
            return f"({var} is None or {inner})" if len(args) == 2 else inner
        if origin in (Union, types.UnionType) or (isinstance(annotation, type) and typing.is_typeddict(annotation)):
            return f"{self.function(annotation, key)}({var})"
        if origin is Literal:
            allowed, kinds = self.constant(args), self.constant({type(a) for a in args})
            return f"({var} in {allowed} and type({var}) in {kinds})"
        if origin is list:
            item = self.test(args[0], key, "y")
            if item == "(type(y) is str)":  # strings, nothing more to check: the types at C speed
                return f"(type({var}) is list and (not {var} or {{*map(type, {var})}} == {self.constant({str})}))"
            if item == "(type(y) is int and -MAX < y < MAX)":  # whole numbers: the same at C speed
                ints = f"{{*map(type, {var})}} == {self.constant({int})}"
                return f"(type({var}) is list and (not {var} or ({ints} and -MAX < min({var}) and max({var}) < MAX)))"
            if item.startswith("_f") and item.endswith("(y)"):  # a record type: no generator frame
                return f"(type({var}) is list and all(map({item[:-3]}, {var})))"
            return f"(type({var}) is list and all({item} for y in {var}))"
        if origin is dict:
            entry = self.test(args[1], key, "y")
            return f"(type({var}) is dict and all({entry} for y in {var}.values()))"
        rule = RULES.get(key or "") or (ID_RULES.get(key or "") if self.ids else None)
        inline = _INLINE_RULES.get(rule)  # type: ignore[arg-type]
        if inline is not None:
            checked = " and " + inline.format(var=var, lo=YEARS[0], hi=YEARS[1])
        else:
            checked = f" and {self.constant(rule)}({var}) is None" if rule else ""
        if annotation is str:
            unicode = f" and ({var}.isascii() or not _SURROGATE.search({var}))" if self.surrogates else ""
            return f"(type({var}) is str{unicode}{checked})"
        if annotation is int:
            return f"(type({var}) is int and -MAX < {var} < MAX{checked})"
        if annotation is float:
            printed = f" and ({var} == 0 or abs({var}) >= 1e-4)" if self.exact else ""
            number = f"(type({var}) is float or type({var}) is int) and -MAX < {var} < MAX and isfinite({var})"
            return f"({number}{printed}{checked})"
        if annotation is bool:
            return f"type({var}) is bool{checked}"
        if annotation is type(None):
            return f"{var} is None"
        return f"{self.constant(_agrees(checker(annotation, key, self.ids)))}({var})"  # anything else: the checker


def _agrees(check_value: Checker) -> Callable[[Any], bool]:
    def passes(value: Any) -> bool:
        try:
            check_value(value)
        except Invalid:
            return False
        return True

    return passes


@cache
def checker(annotation: Any, name: str | None, ids: bool) -> Checker:
    """A function checking values of one annotation (built once per type and key name)."""
    expected = type_name(annotation)
    origin = typing.get_origin(annotation)
    if origin in (NotRequired, Required):
        return checker(typing.get_args(annotation)[0], name, ids)
    if origin in (Union, types.UnionType):
        options = [(_kind(a), checker(a, name, ids)) for a in typing.get_args(annotation) if a is not type(None)]
        nullable = type(None) in typing.get_args(annotation)

        def check_union(value: Any) -> None:
            if value is None and nullable:
                return
            for fits, check_option in options:
                if fits(value):
                    check_option(value)
                    return
            raise Invalid(f"is {shown(value)}, not {expected}")

        return check_union
    if origin is Literal:
        allowed = typing.get_args(annotation)

        def check_literal(value: Any) -> None:
            if value not in allowed or type(value) not in {type(a) for a in allowed}:
                raise Invalid(f"is {shown(value)}, not {expected}")

        return check_literal
    if annotation is Any:
        return lambda value: None
    fits = _kind(annotation)
    if origin is list:
        check_item = checker(typing.get_args(annotation)[0], name, ids)

        def check_list(value: Any) -> None:
            if not isinstance(value, list):
                raise Invalid(f"is {shown(value)}, not {expected}")
            for n, item in enumerate(value):
                try:
                    check_item(item)
                except Invalid as exc:
                    raise exc.inside(f"[{n}]") from None

        return check_list
    if origin is dict:
        check_entry = checker(typing.get_args(annotation)[1], name, ids)

        def check_dict(value: Any) -> None:
            if not isinstance(value, dict):
                raise Invalid(f"is {shown(value)}, not {expected}")
            for key, entry in value.items():
                try:
                    check_entry(entry)
                except Invalid as exc:
                    raise exc.inside(str(key)) from None

        return check_dict
    if isinstance(annotation, type) and typing.is_typeddict(annotation):
        return _record_checker(annotation, ids)
    rule = RULES.get(name or "") or (ID_RULES.get(name or "") if ids else None)
    number = annotation in (int, float)
    text = annotation is str

    def check_scalar(value: Any) -> None:
        if not fits(value):
            raise Invalid(f"is {shown(value)}, not {expected}")
        if text and not value.isascii() and _SURROGATE.search(value):
            raise Invalid(f"is {shown(value)}, not valid Unicode text (it holds a lone surrogate)")
        if number and not (-MAX_NUMBER < value < MAX_NUMBER and math.isfinite(value)):
            raise Invalid(f"is {shown(value)}, not a number below 10^13")
        problem = rule(value) if rule else None
        if problem:
            raise Invalid(f"is {shown(value)}, not {problem}")

    return check_scalar


def _record_checker(record_type: type, ids: bool) -> Checker:
    hints = typing.get_type_hints(record_type, include_extras=True)
    total = getattr(record_type, "__total__", True)
    fields = {}
    for key, hint in hints.items():
        # Not __required_keys__: under `from __future__ import annotations` it misses NotRequired.
        marked = typing.get_origin(hint)
        required = marked is Required or (total and marked is not NotRequired)
        fields[key] = (checker(hint, key, ids), required)
    required_keys = {k for k, (_, needed) in fields.items() if needed}
    title = record_type.__name__

    def check_record(value: Any) -> None:
        if not isinstance(value, dict):
            raise Invalid(f"is {shown(value)}, not an object ({title})")
        for key in value:
            if key not in fields:
                raise Invalid(f"is not a field of {title}", str(key))
        for key in sorted(required_keys - value.keys()):
            raise Invalid("is missing", key)
        for key, entry in value.items():
            try:
                fields[key][0](entry)
            except Invalid as exc:
                raise exc.inside(key) from None

    return check_record


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
        bool: lambda value: isinstance(value, bool),
        int: lambda value: isinstance(value, int) and not isinstance(value, bool),
        float: lambda value: isinstance(value, int | float) and not isinstance(value, bool),
        str: lambda value: isinstance(value, str),
        list: lambda value: isinstance(value, list),
        dict: lambda value: isinstance(value, dict),
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
