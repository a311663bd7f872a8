"""A generated corpus of hostile and damaged stores and index files, every class a user or an
attacker can make."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from fko.store.fileformat import SHIPPED, index_path

from ..conftest import shipped_tables

Tables = dict[str, list[Any]]


def layout(tables: Tables) -> dict[str, Any]:
    """The TinyDB file layout of tables: {"measures": {"1": {...}, ...}, ...}."""
    return {name: {str(n): row for n, row in enumerate(rows, start=1)} for name, rows in tables.items()}


@cache
def _base() -> Tables:
    return shipped_tables()


def _edit(change: Callable[[Tables], None]) -> Callable[[], bytes]:
    def make() -> bytes:
        tables = {name: list(rows.values()) for name, rows in json.loads(_shipped_text()).items()}
        change(tables)
        return json.dumps(layout(tables)).encode("ascii")  # \u escapes: lone surrogates too

    make.change = change  # type: ignore[attr-defined]  # test_reading.py: the build's layout too
    return make


def _set(*path: Any, value: Any) -> Callable[[], bytes]:
    def change(tables: Tables) -> None:
        target: Any = tables
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return _edit(change)


def _drop(*path: Any) -> Callable[[], bytes]:
    def change(tables: Tables) -> None:
        target: Any = tables
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return _edit(change)


def _raw(text: str | bytes) -> Callable[[], bytes]:
    return lambda: text if isinstance(text, bytes) else text.encode("utf-8")


@cache
def _shipped_text() -> str:
    return json.dumps(layout(_base()), ensure_ascii=False)


@cache
def shipped_bytes() -> bytes:
    return SHIPPED.read_bytes()


def _shipped_replaced(old: str, new: str) -> Callable[[], bytes]:
    """The shipped file (the build's layout) with the first `old` after the measures table's
    start replaced by `new`: damage a parser that keeps the last of two keys would not see."""

    def make() -> bytes:
        text = shipped_bytes().decode("utf-8")
        at = text.index(old, text.index('\n "measures": '))
        return (text[:at] + new + text[at + len(old) :]).encode("utf-8")

    return make


def _without(*names: str, listed: bool = False) -> Callable[[], bytes]:
    """A store without these tables: as one written without them, or (listed=True) with meta
    still naming them, as when a person deletes a table by hand."""

    def change(tables: Tables) -> None:
        for name in names:
            del tables[name]
            if not listed:
                tables["meta"][0]["tables"].remove(name)

    return _edit(change)


def _unlisted(name: str) -> Callable[[Tables], None]:
    def change(tables: Tables) -> None:
        tables["meta"][0]["tables"].remove(name)

    return change


def _extra_table(tables: Tables) -> None:
    tables["search"] = [{"docs": []}]  # fko 2.2 kept its search index here
    tables["meta"][0]["tables"].append("search")


#: Stores that are not valid: every command must exit 1 with the same one line naming the store.
INVALID: dict[str, Callable[[], bytes]] = {
    "empty file": _raw(b""),
    "truncated": lambda: _shipped_text()[:100_000].encode("utf-8"),
    "binary": _raw(bytes(range(256)) * 4),
    "utf-16": lambda: _shipped_text()[:2000].encode("utf-16"),
    "json null": _raw("null"),
    "json array": _raw("[1, 2, 3]"),
    "json string": _raw('"fko"'),
    "no tables": _raw("{}"),
    "table is a list": _raw(json.dumps({"meta": [], "measures": [], "clusters": [], "ressorts": [], "sources": []})),
    "nan": lambda: _shipped_text().replace('"year_from": 2023', '"year_from": NaN', 1).encode(),
    "infinity": lambda: _shipped_text().replace('"year_from": 2023', '"year_from": Infinity', 1).encode(),
    "1e999": lambda: _shipped_text().replace('"year_from": 2023', '"year_from": 1e999', 1).encode(),
    "400-digit integer": lambda: _shipped_text().replace('"year_from": 2023', '"year_from": ' + "9" * 400, 1).encode(),
    "5000-digit integer": lambda: (
        _shipped_text().replace('"year_from": 2023', '"year_from": ' + "9" * 5000, 1).encode()
    ),
    "deep nesting": lambda: ('{"meta": ' + "[" * 100_000 + "]" * 100_000 + "}").encode(),
    "non-integer document id": lambda: _shipped_text().replace('"measures": {"1":', '"measures": {"x1":', 1).encode(),
    "record is null": _set("measures", 3, value=None),
    "record is a string": _set("clusters", 0, value="I"),
    "record is empty": _set("ressorts", 0, value={}),
    "missing key": _drop("measures", 5, "title"),
    "unknown key": _set("measures", 5, "evil", value=1),
    "title is a number": _set("measures", 2, "title", value=42),
    "partners is a string": _set("measures", 2, "partners", value="notalist"),
    "ressorts is null": _set("measures", 2, "ressorts", value=None),
    "runtime is a list": _set("measures", 2, "runtime", value=[]),
    "month 13": _set("measures", 30, "runtime", "start", value="2023-13"),
    "day 31 in February": _set("measures", 30, "runtime", "end", value="2024-02-31"),
    "year 99999": _set("measures", 30, "runtime", "end", value="99999"),
    "year_to 10^12": lambda: _edit(_budget_year)(),
    "amount 10^15": lambda: _edit(_budget_amount)(),
    "negative amount": lambda: _edit(_budget_negative)(),
    "bool as amount": lambda: _edit(_budget_bool)(),
    "kind not a known one": lambda: _edit(_budget_kind)(),
    "id not an ID": _set("measures", 0, "id", value="../../etc"),
    "duplicate id": _set("measures", 1, "id", value="I.1"),
    "initiative with a measure's id": _set("initiatives", 0, "id", value="I.1"),
    "indicator value a string": _set("indicators", 0, "value", value="7000"),
    "recognition year 3000": _set("recognition", 0, "year", value=3000),
    "source date 2025-00": _set("sources", 0, "date", value="2025-00"),
    "meta empty": _set("meta", value=[]),
    "events record null": _set("events", 0, value=None),
    "lone surrogate": _set("measures", 0, "title", value="Meister\ud800prämie"),
    # found by an outside test of 2.1: each was accepted, and a view then dropped or miscounted
    "cluster the store lacks": _set("measures", 35, "cluster", value="VII"),
    "ministry the store lacks": _set("measures", 2, "ressorts", value=["mags"]),
    "funds that end before they start": _set("measures", 7, "budget", "items", 0, "year_to", value=2022),
    "initiative among the measures": _set("measures", 2, "kind", value="initiative"),
    "date in Arabic-Indic digits": _set("measures", 30, "runtime", "start", value="\u0662\u0660\u0662\u0663-06"),
    # issue #25: a fact naming a measure the store lacks was listed under that ID
    "indicator of ZZ.9": _set("indicators", 0, "measure_id", value="ZZ.9"),
    "update of ZZ.9": _set("updates", 0, "measure_id", value="ZZ.9"),
    "event of ZZ.9": _set("events", 0, "measure_id", value="ZZ.9"),
    "recognition of ZZ.9": _set("recognition", 0, "measure_id", value="ZZ.9"),
    # issue #22: a key written twice at any level (JSON parsers keep the last, silently)
    "a table twice": lambda: shipped_bytes()[: -len(b"\n}\n")] + b',"measures": {}\n}\n',
    "a document number twice": _shipped_replaced('\n  "36": {', '\n  "35": {'),
    "a record key twice": _shipped_replaced(
        '"title": "Meisterprämie NRW",', '"title": "Meisterprämie NRW",\n   "title": "Gesellenprämie NRW",'
    ),
    "a nested key twice": _shipped_replaced('"start": "2023-06"', '"start": "2023-06", "start": "2025-01"'),
    # issue #22: the format's version and the tables meta lists
    "schema_version 1 (fko 2.2)": _set("meta", 0, "schema_version", value=1),
    "schema_version 3": _set("meta", 0, "schema_version", value=3),
    "schema_version a string": _set("meta", 0, "schema_version", value="2"),
    "no schema_version": _drop("meta", 0, "schema_version"),
    "a listed table deleted": _without("recognition", listed=True),
    "a table not listed": _edit(_unlisted("events")),
    "a table fko does not know": _edit(_extra_table),
    "meta lists byte ranges (fko 2.2)": _set("meta", 0, "tables", value={"measures": [1, 2]}),
}


def _items(tables: Tables) -> list[dict[str, Any]]:
    return next(m["budget"]["items"] for m in tables["measures"] if m["budget"]["items"])  # type: ignore[no-any-return]


def _budget_year(tables: Tables) -> None:
    _items(tables)[0]["year_to"] = 10**12


def _budget_amount(tables: Tables) -> None:
    _items(tables)[0]["amount_eur"] = 10**15


def _budget_negative(tables: Tables) -> None:
    _items(tables)[0]["amount_eur"] = -5


def _budget_bool(tables: Tables) -> None:
    _items(tables)[0]["amount_eur"] = True


def _empty_ministry(tables: Tables) -> None:
    """The ministry without measures (FM) with an empty code and name."""
    at = next(n for n, r in enumerate(tables["ressorts"]) if r["code"] == "FM")
    tables["ressorts"][at] = {"code": "", "name": ""}


def _budget_kind(tables: Tables) -> None:
    _items(tables)[0]["kind"] = "gold"


#: Valid stores with odd content: every command exits 0, 1 or 2, never with a traceback.
TOLERATED: dict[str, Callable[[], bytes]] = {
    "no optional tables": _without("initiatives", "recognition", "indicators", "updates", "events"),
    "control characters": _set("measures", 0, "title", value="\x1b[2J\x07evil\nfko: forged\u202e"),
    "empty strings": lambda: _edit(_empty_ministry)(),
}


def _index_document() -> dict[str, Any]:
    return json.loads(index_path(SHIPPED).read_bytes())  # type: ignore[no-any-return]


def _index_edit(change: Callable[[dict[str, Any]], None]) -> Callable[[], bytes]:
    """The shipped index file, its index changed (its store checksum still the shipped one's)."""

    def make() -> bytes:
        document = _index_document()
        change(document["index"])
        return json.dumps(document).encode("ascii")

    return make


def _index_set(key: str, value: Any) -> Callable[[], bytes]:
    def change(index: dict[str, Any]) -> None:
        index[key] = value

    return _index_edit(change)


def _without_checksum() -> bytes:
    document = _index_document()
    del document["store_blake2b"]
    return json.dumps(document).encode("ascii")


def _first_line(index: dict[str, Any], table: str, line: str) -> None:
    """A line put first in a table of words of the index: a query's search of the text finds it first."""
    index[table] = f"{line}\n{index[table]}"


def _earlier_layout(index: dict[str, Any]) -> None:
    """The index as fko 3.0.0 first wrote it: its tables of words as objects."""
    from fko.search.wordmap import WORD_MAPS, WordMap

    for name in WORD_MAPS:
        if name != "glossary_closed":
            index[name] = WordMap(index[name]).whole()
    del index["glossary_closed"]


def _alias(index: dict[str, Any]) -> None:
    index["aliases"]["IV.1"] = ["x\udc80"]


#: Index files beside a copy of the shipped store (None: no index file): the store is valid,
#: so every command answers; a search finds what the store holds, warned where the file is
#: damaged (and quietly where there is none).
INDEX_FILES: dict[str, Callable[[], bytes] | None] = {
    "no index file": None,
    "the shipped index file": lambda: index_path(SHIPPED).read_bytes(),
    "stale index file": lambda: (
        index_path(SHIPPED).read_bytes().replace(b'"store_blake2b":"', b'"store_blake2b":"0', 1)
    ),
    "index file without a checksum": lambda: _without_checksum(),
    "malformed postings": _index_set("postings", {"x": [[999, 0, 1]]}),
    "postings that do not decode": _index_edit(lambda index: _first_line(index, "postings", "meisterpraemie\t1,x")),
    "a stem naming a word without postings": _index_edit(
        lambda index: _first_line(index, "stems", "meisterprami\tmeisterpraemie zzzword")
    ),
    "a line of postings without its tab": _index_edit(lambda index: _first_line(index, "postings", "meisterpraemie")),
    "an index of the earlier layout": _index_edit(_earlier_layout),
    "index not an object": _index_set("docs", 5),
    "lone surrogate in the index": _index_edit(_alias),
    "truncated index file": lambda: index_path(SHIPPED).read_bytes()[:5000],
    "empty index file": _raw(b""),
    "index file a JSON array": _raw(b"[]"),
}


def corpus(folder: Path) -> Iterator[tuple[str, Path, bool]]:
    """(name, path, valid) for every store of the corpus, written into folder."""
    for name, make in {**INVALID, **TOLERATED}.items():
        path = folder / (name.replace(" ", "_").replace("^", "").replace("'", "") + ".json")
        path.write_bytes(make())
        yield name, path, name in TOLERATED


def index_corpus(folder: Path) -> Iterator[tuple[str, Path]]:
    """(name, store) for every index file of the corpus: each beside a copy of the shipped store."""
    for number, (name, make) in enumerate(INDEX_FILES.items()):
        path = folder / f"index{number}" / "fko.json"
        path.parent.mkdir()
        path.write_bytes(shipped_bytes())
        if make is not None:
            index_path(path).write_bytes(make())
        yield name, path
