"""Opening the fko store: the shipped TinyDB JSON file, another one, or one in memory.

The store is only ever read: its storage refuses to write. Everything in it is untrusted
input: the file must be a regular file below a size cap holding plain JSON, and every table,
or record read alone, is checked against its record type of fko/model.py when a command first
reads it. In the layout `fko data build` writes, a command reads only the tables and records
it needs: meta's table of contents gives each table's bytes, each record starts a line of its
own, and the search index says where each record stands (every such claim is checked against
the bytes before it is used).
"""

from __future__ import annotations

import itertools
import json
import math
import operator
import os
import re
from collections.abc import Callable
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage, Storage

from fko.errors import FkoError
from fko.i18n import _
from fko.store.fileformat import (
    INDEX_SOURCES,
    RECORD_TABLES,
    SHIPPED,
    _read,
    _record_slices,
    content_digest,
    digest,
    records_digest,
    shipped_digest,
)

REQUIRED_TABLES = ("meta", "measures", "clusters", "ressorts", "sources")
#: The tables whose records must name measures by valid IDs (validate.ID_RULES).
_WITH_IDS = frozenset({"measures", "initiatives", "indicators", "updates", "events"})
#: The natural key of a record in messages (`measures/III.8`), by table.
_KEYS = {"ressorts": "code", "clusters": "numeral", "sources": "file", "measures": "id", "initiatives": "id"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_DOC_ID = re.compile(r"[1-9][0-9]{0,8}")


class StoreError(FkoError):
    """A store that cannot be read or is not a valid fko store: exit 1, the file named."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"store {path}: {problem}")


class ReadOnlyJSONStorage(Storage):
    """A TinyDB storage that reads a JSON file once and never writes it.

    `trusted` is True for the store shipped with fko (or a byte-identical copy): its checksum
    matches the one `fko data build` recorded beside it, so its records need no check.

    A store in the layout `fko data build` writes (one top-level key per line starting with
    ` "`, every deeper line indented further) is cut into its tables without parsing them, and
    each table is parsed when it is first asked for (`table`): `fko list` never parses the
    search index. Within a table of that layout each record starts on a line of its own, so one
    record can be found by its natural key and parsed alone (`record`): `fko show IV.1` parses
    one measure. Any other layout is parsed whole, as before. `read()` (TinyDB's interface)
    parses every table.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.trusted = False
        self._slices: dict[str, tuple[int, int]] | None = None
        self._raw = b""
        self._tables: dict[str, dict[str, Any]] = {}
        self._records: dict[str, dict[str, tuple[int, int]] | None] = {}
        #: What orjson parsed (tables by name, records as (table, key), "" the whole file): it
        #: refuses a lone surrogate, so no string of theirs holds one (see may_hold_surrogates).
        self._strict: set[str | tuple[str, str]] = set()

    def open(self) -> list[str]:
        """Read the file, check its frame; the names of its tables (none parsed yet if sliced)."""
        if self._slices is None:
            raw = _read(self.path)
            self.trusted = _is_shipped(raw)
            slices = _slices(raw)
            if slices is not None and not all(name in slices for name in REQUIRED_TABLES):
                slices = None  # the layout only looked like the build's: the whole document decides
            if slices is None:
                self._raw = raw
                self._whole()
            else:
                self._raw, self._slices = raw, slices
        return list(self._slices) if self._slices else list(self._tables)

    def table(self, name: str) -> dict[str, Any] | None:
        """One table's documents, parsed (and its framing checked) on first use."""
        self.open()
        assert self._slices is not None
        if self._slices and name not in self._slices:
            # Not among the slices, yet perhaps in the document: a table whose key line is in
            # another layout (`\n"events": `) hides inside the slice before it, which would fail
            # only when that slice is parsed. The whole document decides.
            self._whole()
        if name not in self._tables and name in self._slices:
            start, end = self._slices[name]
            try:
                parsed, strict = self._parse(start, end)
                table = _check_table(self.path, name, parsed)
                _no_key_twice(self.path, name, self._raw, start, end, table)
                self._tables[name] = table
                if strict:
                    self._strict.add(name)
            except _KeyTwice as exc:
                raise StoreError(self.path, f"{name}: {exc}; rebuild it with `fko data build`") from None
            except FkoError:
                # a slice that does not parse alone: the layout only looked like the build's.
                # The whole document decides (valid after all, or the error with its line).
                self._whole()
        return self._tables.get(name)

    def _whole(self) -> None:
        """Parse the whole document: no slices (any more), no records read alone."""
        self._tables, strict = _load(self.path, self._raw)
        self._slices, self._records, self._strict = {}, {}, {""} if strict else set()

    def raw_table(self, name: str) -> memoryview | None:
        """The bytes of one table of a sliced store (its `{...}`), unparsed; None otherwise."""
        self.open()
        if not self._slices or name not in self._slices:
            return None
        start, end = self._slices[name]
        return memoryview(self._raw)[start:end]

    def locate(self, name: str, key: str) -> dict[str, tuple[int, int]] | None:
        """Where each record of a table stands in the file, by its natural key `key` (read off
        its `"id": "…"` line, not parsed), if the table is sliced, in the build's layout, and
        every record has one such line with a key of its own; None otherwise (then the table
        is read whole)."""
        if name not in self._records:
            self.open()
            found = None
            if self._slices and name in self._slices and name not in self._tables:
                found = _record_slices(self._raw, *self._slices[name], key)
            self._records[name] = found
        return self._records[name]

    def may_hold_surrogates(self, name: str, record: str | None = None) -> bool:
        """Whether a table (of a sliced store; else the file), or one record of it read alone,
        could hold a string with a lone surrogate; spares the check of every string. Not if
        orjson parsed it: orjson refuses lone surrogates (only the standard parser, which reads
        what orjson refuses, lets them in). Else: JSON text can only write one as a
        \\uD800-\\uDFFF escape, so bytes without `\\ud` or `\\uD` cannot (found at C speed)."""
        self.open()
        if "" in self._strict or name in self._strict or (record is not None and (name, record) in self._strict):
            return False
        places = self._records.get(name) or {}
        if record is not None and record in places:
            start, end = places[record]
        else:
            start, end = (self._slices or {}).get(name, (0, len(self._raw)))
        first = self._raw.find(b"\\u", start, end)  # most stores have no escape at all: one pass
        if first == -1:
            return False
        return self._raw.find(b"\\ud", first, end) != -1 or self._raw.find(b"\\uD", first, end) != -1

    def place(self, name: str, places: dict[str, tuple[int, int]]) -> None:
        """Where the records of a table stand, by ID, relative to the table's `{` (as the search
        index of a store in the build's layout says): spares `locate` its scan. Each place is
        still checked when its record is parsed."""
        if self._slices and name in self._slices and name not in self._records:
            start, end = self._slices[name]
            if all(b <= end - start for _, b in places.values()):
                self._records[name] = {key: (start + a, start + b) for key, (a, b) in places.items()}

    def record(self, name: str, key: str, value: str) -> dict[str, Any] | None:
        """The record of a sliced table whose `key` is `value`, parsed alone; None if there is
        none, or if the record cannot be read alone (the caller then reads the whole table)."""
        where = self.locate(name, key)
        if where is None or value not in where:
            return None
        start, end = where[value]
        try:
            row, strict = _loads(memoryview(self._raw)[start:end])
        except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            return None  # read the whole table instead: it names the line that is wrong
        if not isinstance(row, dict) or row.get(key) != value:
            return None
        if self._raw.count(b'\n   "', start, end) > len(row):
            return None  # a key written twice (the parser kept the last): the whole table says which
        if strict:
            self._strict.add((name, value))
        return row

    def _parse(self, start: int, end: int) -> tuple[Any, bool]:
        return _parse(self.path, memoryview(self._raw)[start:end], lambda: self._raw.count(b"\n", 0, start))

    def read(self) -> dict[str, dict[str, Any]] | None:
        names = self.open()
        return {name: table for name in names if (table := self.table(name)) is not None}

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raise FkoError(_("store {path} is opened read-only; fko never writes it").format(path=self.path))


def _slices(raw: bytes) -> dict[str, tuple[int, int]] | None:
    """Byte ranges of the tables of a store in the build's layout, or None for any other layout.

    A raw newline cannot occur inside a JSON string, so in that layout `\\n "` starts a
    top-level key and nothing else; each slice must then hold exactly `"name": {...}` (checked
    when it is parsed), which makes the tables read one by one equal to the document read whole.
    """
    if not (raw.startswith(b'{\n "') and raw.endswith(b"\n}\n")):
        return None
    listed = _contents(raw)
    if listed is not None:
        return listed
    slices: dict[str, tuple[int, int]] = {}
    starts = [2]
    at = raw.find(b'\n "', 2)
    while at != -1:
        starts.append(at + 1)
        at = raw.find(b'\n "', at + 1)
    ends = [s - 2 for s in starts[1:]] + [len(raw) - 3]
    for start, end in zip(starts, ends, strict=True):
        if end != len(raw) - 3 and raw[end : end + 2] != b",\n":
            return None
        colon = raw.find(b'": ', start, end)
        if colon == -1:
            return None
        try:
            name = json.loads(raw[start + 1 : colon + 1])
        except ValueError:
            return None
        if not isinstance(name, str) or raw[colon + 3 : colon + 4] != b"{":
            return None
        slices[name] = (colon + 3, end)
    return slices


_META = b'{\n "meta": '


def _contents(raw: bytes) -> dict[str, tuple[int, int]] | None:
    """The tables' byte ranges from the table of contents the build writes into `meta` (the
    first table), if it describes these bytes exactly: `{`, meta, then each table as
    `,\\n "name": {...}` in the order given, then `\\n}\\n`, nothing between or left over.
    None if there is none or it does not fit (the tables are then found by scanning)."""
    if not raw.startswith(_META + b"{"):
        return None
    after = raw.find(b'\n "', len(_META))  # meta's lines are indented further: its end
    if after < 1 or raw[after - 1 : after] != b",":
        return None
    meta_end = after - 1
    try:
        meta = json.loads(raw[len(_META) : meta_end])
        tables = next(iter(meta.values()))["tables"]
        listed = sorted((int(a), int(b), name) for name, (a, b) in tables.items() if isinstance(name, str))
    except (ValueError, TypeError, AttributeError, KeyError, StopIteration, RecursionError):
        return None
    if len(listed) != len(tables) or not listed:
        return None
    slices = {"meta": (len(_META), meta_end)}
    at = meta_end
    for start, end, name in listed:
        head = b",\n " + json.dumps(name).encode("utf-8") + b": "
        if name in slices or raw[at:start] != head or raw[start : start + 1] != b"{" or raw[end - 1 : end] != b"}":
            return None
        slices[name] = (start, end)
        at = end
    return slices if at == len(raw) - 3 else None


class _KeyTwice(ValueError):
    pass


def _no_key_twice(path: str, name: str, raw: bytes, start: int, end: int, table: dict[str, Any]) -> None:
    """Raise _KeyTwice if the table's JSON writes a key twice in one object (JSON parsers keep
    the last, silently: a second document "35" hides the first, a second "title" the first).

    In the build's layout each document starts a line at two spaces and each key of a record a
    line at three: more such lines than the parsed table holds is the sign, counted at C speed;
    only then is the table parsed again with a hook that sees every key. Other layouts are
    not counted."""
    documents = raw.count(b'\n  "', start, end)
    keys = raw.count(b'\n   "', start, end)
    if documents <= len(table) and keys <= sum(len(row) for row in table.values() if isinstance(row, dict)):
        return

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _KeyTwice(f"the key {json.dumps(key, ensure_ascii=False)} occurs twice in one object")
            seen.add(key)
        return dict(pairs)

    json.loads(str(raw[start:end], "utf-8"), object_pairs_hook=unique)


def _bad_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is too large")
    return value


def _is_shipped(raw: bytes) -> bool:
    """Whether these are the bytes of the shipped store: same size (one stat call rules out any
    other store at once), then the same checksum as `fko data build` recorded beside it."""
    try:
        if os.stat(SHIPPED).st_size != len(raw):
            return False
    except OSError:
        return False
    return digest(raw) == shipped_digest()


def _loads(raw: bytes | memoryview) -> tuple[Any, bool]:
    """Plain JSON from UTF-8 bytes, and whether orjson parsed it (then no string holds a lone
    surrogate): no NaN, no infinite numbers (ValueError), and no parse_int
    hook (it would slow every start): Python refuses integers of more than 4300 digits itself,
    and the record check bounds the rest.

    orjson parses first (twice as fast on a big store). What it refuses (invalid UTF-8 or JSON,
    NaN, 1e999, nesting deeper than 1024, a lone surrogate escaped as \\ud800) the standard
    parser reads again, so that the message says what is wrong, or the record check names the
    record. The one thing orjson reads differently: an integer beyond 64 bits becomes a float;
    the record check refuses every number beyond 10^13 either way."""
    import orjson

    try:
        return orjson.loads(raw), True
    except orjson.JSONDecodeError:
        return json.loads(str(raw, "utf-8"), parse_constant=_bad_constant, parse_float=_float), False


def _parse(path: str, raw: bytes | memoryview, first_line: Callable[[], int] = lambda: 0) -> tuple[Any, bool]:
    """Plain JSON from bytes (and whether orjson parsed it), or an FkoError naming the file (and
    the line, counted in the file: `first_line` tells how many lines stand before raw, computed
    only for a message)."""
    rebuild = "rebuild it with `fko data build`"
    try:
        return _loads(raw)
    except UnicodeDecodeError:
        raise FkoError(_("store {path} is not UTF-8 text; {rebuild}").format(path=path, rebuild=rebuild)) from None
    except json.JSONDecodeError as exc:
        raise FkoError(
            _("store {path} is not valid JSON (line {value}: {msg}); it may be truncated, {rebuild}").format(
                path=path, value=first_line() + exc.lineno, msg=exc.msg, rebuild=rebuild
            )
        ) from None
    except ValueError as exc:
        reason = "a number has more than 4300 digits" if "digits" in str(exc) else str(exc)
        raise FkoError(
            _("store {path} is not plain JSON ({reason}); {rebuild}").format(path=path, reason=reason, rebuild=rebuild)
        ) from None
    except RecursionError:
        raise FkoError(
            _("store {path} is nested too deeply to be an fko store; {rebuild}").format(path=path, rebuild=rebuild)
        ) from None


def _check_table(path: str, name: str, table: Any) -> dict[str, Any]:
    rebuild = "rebuild it with `fko data build`"
    if not isinstance(table, dict):
        raise StoreError(path, f"{name}: the table is not an object of records; {rebuild}")
    for doc_id in table:
        if not _DOC_ID.fullmatch(doc_id):
            raise StoreError(path, f"{name}: {doc_id!r} is not a document number; {rebuild}")
    return table


def _load(path: str, raw: bytes) -> tuple[dict[str, dict[str, Any]], bool]:
    data, strict = _parse(path, raw)
    if not isinstance(data, dict) or any(not isinstance(data.get(t), dict) for t in REQUIRED_TABLES):
        missing = [t for t in REQUIRED_TABLES if not isinstance(data, dict) or t not in data]
        raise FkoError(
            _("store {path} is not an fko store (missing tables: {value}); rebuild it with `fko data build`").format(
                path=path, value=", ".join(missing) or "malformed"
            )
        )
    for name, table in data.items():
        _check_table(path, name, table)
    return data, strict


class Store:
    """Read access to the tables of one store, each table or record read (and, from a file,
    checked against fko/model.py) once, when a command first asks for it."""

    def __init__(self, db: TinyDB, path: str, validate: bool = True) -> None:
        self.db = db
        self.path = path
        self.validate = validate
        self._cache: dict[str, list[dict[str, Any]]] = {}
        self._keyed: dict[str, dict[str, dict[str, Any]]] = {}
        self._records: dict[str, dict[str, Any]] = {}  # records read alone, by ID
        self._exact: dict[str, bool] = {}  # tables checked with validate.fits(exact=True)

    def table(self, name: str) -> list[dict[str, Any]]:
        """Every record of a table, in order, each checked."""
        if name not in self._cache:
            storage = self.db.storage
            if isinstance(storage, ReadOnlyJSONStorage):
                found = storage.table(name)  # parses this table alone
            else:
                found = (storage.read() or {}).get(name)
            if (
                found is None
                and isinstance(storage, ReadOnlyJSONStorage)
                and name not in ("meta", "search")
                and name in self._listed()
            ):
                raise StoreError(
                    self.path, f"the table {name} is missing, though meta lists it; rebuild it with `fko data build`"
                )
            raw = found or {}
            rows = [raw[k] for k in sorted(raw, key=int)]
            if self.validate:
                self._check(name, rows)
            if name == "search":
                rows = self._search_index(rows)
            if not isinstance(storage, ReadOnlyJSONStorage):
                rows = [dict(row) for row in rows]  # a memory store's own documents stay its own
            self._cache[name] = rows
        return self._cache[name]

    def _listed(self) -> set[str]:
        """The tables meta's table of contents names (`fko data build` writes it into a file
        since 2.1): one that the file lacks was deleted, and is not silently empty. (A missing
        search index is rebuilt in memory, with a note.)"""
        meta = self.table("meta")
        tables = meta[0].get("tables") if meta and isinstance(meta[0], dict) else None
        return set(tables) if isinstance(tables, dict) else set()

    def record(self, record_id: str) -> dict[str, Any] | None:
        """The measure or initiative with this ID, checked; None if there is none.

        From a file in the build's layout only that record is parsed. An ID that is not there is
        answered from the whole tables, read and checked: "not found" is never said of a store
        whose damaged record might have been the one asked for."""
        if record_id in self._records:
            return self._records[record_id]
        storage = self.db.storage
        if isinstance(storage, ReadOnlyJSONStorage):
            for name in RECORD_TABLES:
                if name in self._cache:
                    continue
                where = storage.locate(name, "id")
                if where is not None and record_id in where:
                    row = storage.record(name, "id", record_id)
                    if row is None:
                        break  # not readable alone: the whole table says why
                    if self.validate:
                        self._check(name, [row], storage.may_hold_surrogates(name, record_id))
                    self._records[record_id] = row
                    return row
        for name in RECORD_TABLES:
            found = self._by_id(name).get(record_id)
            if found is not None:
                return found
        return None

    def ids(self, name: str) -> list[str]:
        """The IDs of the records of `measures` or `initiatives`, in order (read off their ID
        lines where the layout allows, so without parsing the records)."""
        storage = self.db.storage
        if name not in self._cache and isinstance(storage, ReadOnlyJSONStorage):
            where = storage.locate(name, "id")
            if where is not None:
                return list(where)
        return list(self._by_id(name))

    def _by_id(self, name: str) -> dict[str, dict[str, Any]]:
        if name not in self._keyed:
            self._keyed[name] = {row["id"]: row for row in self.table(name)}
        return self._keyed[name]

    def _check(self, name: str, rows: list[Any], surrogates: bool | None = None) -> None:
        storage = self.db.storage
        whole = surrogates is None  # the table, not one record read alone
        if surrogates is None:
            surrogates = not isinstance(storage, ReadOnlyJSONStorage) or storage.may_hold_surrogates(name)
        problem, exact = _table_check(name, rows, surrogates)
        if whole:
            self._exact[name] = exact
        if problem is None and name in RECORD_TABLES:
            problem = self._reference_problem(name, rows)
        if problem:
            raise StoreError(self.path, f"{problem}; rebuild it with `fko data build`")

    def json_exact(self, *names: str) -> bool:
        """Whether every record of these tables is made of exact JSON types and prints alike
        with orjson and with json.dumps (validate.fits with exact=True): then fko's JSON writer
        need not walk them (render._json, checked). Found while the tables were checked; the
        shipped store is (tests/test_store_lazy.py); a memory store is looked at now."""
        from fko.store.checks import fits

        storage = self.db.storage
        if isinstance(storage, ReadOnlyJSONStorage) and storage.trusted:
            return True  # the shipped store (or a byte-identical copy)
        for name in names:
            rows = self.table(name)
            if name not in self._exact:
                record_type = record_types().get(name)
                ids = name in _WITH_IDS
                self._exact[name] = record_type is not None and all(map(fits(record_type, ids, True, True), rows))
            if not self._exact[name]:
                return False
        return True

    def _reference_problem(self, name: str, rows: list[Any]) -> str | None:
        """A measure or initiative that names what the store does not hold, or that stands in
        the other table: a cluster or ministry code the store lacks (`timeline` would drop the
        record, the cluster counts would not add up), or `kind` "initiative" among the report's
        measures (their sums would count it); or funds that end in a year before they start
        (`budget --by year` would drop them from every year)."""
        for row in rows:
            for n, item in enumerate(row["budget"]["items"]):
                first, last = item["year_from"], item["year_to"]
                if first is not None and last is not None and last < first:
                    return f"{name}/{row['id']}: 'budget.items[{n}].year_to' is {last}, before 'year_from' {first}"
        kind = "measure" if name == "measures" else "initiative"
        clusters = {c["numeral"] for c in self.clusters()}
        codes = {r["code"] for r in self.ressorts()}
        allowed = clusters | {None} if kind == "initiative" else clusters
        if (  # the common case, at C speed over the checked records; else the loop says which
            {*map(operator.itemgetter("kind"), rows)} <= {kind}
            and {*map(operator.itemgetter("cluster"), rows)} <= allowed
            and {*itertools.chain.from_iterable(map(operator.itemgetter("ressorts"), rows))} <= codes
        ):
            return None
        for row in rows:
            where = f"{name}/{row['id']}"
            if row["kind"] != kind:
                return f"{where}: 'kind' is {json.dumps(row['kind'])}, not {json.dumps(kind)} (the table of {name})"
            if row["cluster"] not in clusters and (row["cluster"] is not None or kind == "measure"):
                known = ", ".join(sorted(clusters))
                return f"{where}: 'cluster' is {json.dumps(row['cluster'], ensure_ascii=False)}, not one of {known}"
            for code in row["ressorts"]:
                if code not in codes:
                    shown = json.dumps(code, ensure_ascii=False)
                    return f"{where}: 'ressorts' holds {shown}, not a ministry of the store"
        return None

    def _search_index(self, rows: list[Any]) -> list[dict[str, Any]]:
        """The search index, or one rebuilt in memory (with a note) if it is missing or stale."""
        index = rows[0] if len(rows) == 1 else None
        if index is not None and not self.validate:
            return rows  # the shipped store, or a memory store built by fko
        from fko.search.index import FIELD_NAMES

        problem = "missing" if index is None else _index_problem(index, len(FIELD_NAMES))
        if problem is None and index is not None and not self._index_fits(index):
            problem = "stale (its records differ from the store's)"
        if problem is None:
            return rows
        return [self.rebuilt_index(problem, index)]

    def _index_fits(self, index: dict[str, Any]) -> bool:
        """Whether the index was made from this store's tables (INDEX_SOURCES).

        The build wrote two checksums into the index. One of the bytes of those tables as it
        laid them out (`records_digest`): equal bytes need no parsing, and the places of the
        records the index holds can be used. One of their content (`records_content`), whatever
        the layout: a store re-saved by another tool, or edited, is parsed and compared by it.
        An index without them (fko 2.0) is compared record by record (ID, title, ministries)."""
        storage = self.db.storage
        if isinstance(storage, ReadOnlyJSONStorage) and storage.raw_table("measures") is not None:
            parts = [storage.raw_table(name) for name in INDEX_SOURCES]
            if index.get("records_digest") == records_digest(parts):
                for name, places in _places(index["docs"]).items():
                    storage.place(name, places)
                return True
        if "records_content" in index:
            return bool(index["records_content"] == content_digest([self.table(n) for n in INDEX_SOURCES]))
        records = self.measures() + self.table("initiatives")
        named = [d for d in index["docs"] if d.get("kind", "measure") in ("measure", "initiative")]
        return [(d.get("id"), d.get("title"), d.get("ressorts")) for d in named] == [
            (r["id"], r["title"], r["ressorts"]) for r in records
        ]

    def rebuilt_index(self, problem: str, index: Any = None) -> dict[str, Any]:
        """A search index made in memory from the records, with a note saying why."""
        from fko.output.channels import note
        from fko.search.index import later_texts, search_index

        if self.path != ":memory:":
            note(
                _("store {path}: the search index is {problem}; rebuilt it in memory for this run").format(
                    path=self.path, problem=problem
                )
            )
        records = self.measures() + self.table("initiatives")
        figures = {name: self.table(name) for name in ("measures", "sources", "recognition", "indicators", "updates")}
        rebuilt = search_index(records, later_texts(self.table("updates")), index_aliases(index), figures)
        self._cache["search"] = [rebuilt]
        return rebuilt

    def measures(self) -> list[dict[str, Any]]:
        return self.table("measures")

    def clusters(self) -> list[dict[str, Any]]:
        return self.table("clusters")

    def ressorts(self) -> list[dict[str, Any]]:
        return self.table("ressorts")

    def sources(self) -> list[dict[str, Any]]:
        return self.table("sources")


def _places(docs: list[dict[str, Any]]) -> dict[str, dict[str, tuple[int, int]]]:
    """Where the index says each record stands in its table (`at`, written by the build), by
    table; a table for which any record lacks a sound place is left out (then it is scanned)."""
    out: dict[str, dict[str, tuple[int, int]]] = {"measures": {}, "initiatives": {}}
    broken: set[str] = set()
    tables = {"measure": out["measures"], "initiative": out["initiatives"]}
    for doc in docs:
        places = tables.get(doc.get("kind", "measure"))
        if places is None:
            continue  # a figure: no record of its own
        at, record_id = doc.get("at"), doc.get("id")
        try:
            start, end = at  # type: ignore[misc]
            sound = type(start) is int and type(end) is int and 0 <= start < end and record_id not in places
        except (TypeError, ValueError):
            sound = False
        if sound and type(record_id) is str:
            places[record_id] = (start, end)
        else:
            broken.add("measures" if places is out["measures"] else "initiatives")
    return {table: places for table, places in out.items() if table not in broken}


def table_problem(name: str, rows: list[Any], surrogates: bool = True) -> str | None:
    """What is wrong with the records of one table, as `measures/III.8: 'title' is missing`;
    None if every record fits its type in fko/model.py and the range rules of fko/validate.py.
    surrogates=False: no string can hold a lone surrogate (see validate.check)."""
    return _table_check(name, rows, surrogates)[0]


def _table_check(name: str, rows: list[Any], surrogates: bool = True) -> tuple[str | None, bool]:
    """table_problem, and whether every record also prints alike with orjson (validate.fits
    with exact=True), found in the same pass: records that fit but not exactly take the slow
    path, which the common case never does."""
    from fko.store.checks import Invalid, check, fits, record_kind

    if name == "meta":
        return (None if len(rows) == 1 and isinstance(rows[0], dict) else "meta: the table holds no record"), False
    record_type = record_types().get(name)
    key = _KEYS.get(name) if record_type else None
    seen: set[Any] = set()
    ids = name in _WITH_IDS
    sound = fits(record_type, ids, surrogates, exact=True) if record_type else None
    exact = record_type is not None
    for n, row in enumerate(rows, start=1):
        fine = sound is not None and sound(row)
        if not fine and record_type is not None and fits(record_type, ids, surrogates)(row):
            fine, exact = True, False  # it fits, but a number prints differently with orjson
        if fine:
            if key:  # the common case: no message to make
                if row[key] in seen:
                    return f"{name}/{row[key]}: {key} {json.dumps(row[key], ensure_ascii=False)} occurs twice", exact
                seen.add(row[key])
            continue
        label = row.get(key) if key and isinstance(row, dict) else None
        where = f"{name}/{label}" if isinstance(label, str) and label else f"{name}/{n}"
        if not isinstance(row, dict):
            return f"{where}: the record is {record_kind(row)}, not an object", exact
        if record_type is None:
            continue  # search (checked as it is used) or a table fko does not read
        try:
            check(row, record_type, ids=ids, surrogates=surrogates)
        except Invalid as exc:
            return f"{where}: {exc}", exact
        if key:
            if row[key] in seen:
                return f"{where}: {key} {json.dumps(row[key], ensure_ascii=False)} occurs twice", exact
            seen.add(row[key])
    return None, exact


def record_types() -> dict[str, type]:
    """Store table -> its record type, from fko/model.py."""
    from fko.model.records import RECORD_TYPES

    return {table: record_type for record_type, table in RECORD_TYPES.values() if table}


def index_aliases(index: Any) -> dict[str, list[str]]:
    """The aliases an index holds, if they are well-formed (they are curated, worth keeping)."""
    aliases = index.get("aliases") if isinstance(index, dict) else None
    if not isinstance(aliases, dict):
        return {}
    return {
        k: v
        for k, v in aliases.items()
        if type(v) is list and all(type(a) is str and (a.isascii() or not _SURROGATE.search(a)) for a in [k, *v])
    }


def _index_problem(index: Any, fields: int) -> str | None:
    """Why an index cannot be used ("malformed"), or None if its frame is sound. Each word's
    postings are checked when a query decodes them (search.decode_postings): a store of 10,000
    measures holds about a million of them, and a query reads a few."""
    if not isinstance(index, dict):
        return "malformed"
    docs = index.get("docs")
    if not isinstance(docs, list) or not all(isinstance(d, dict) for d in docs):
        return "malformed"
    from fko.search.index import KINDS

    kinds = frozenset(KINDS)
    for doc in docs:  # one tight loop: 10,000 measures have as many documents
        ressorts, text, record_id = doc.get("ressorts"), doc.get("text"), doc.get("id", 0)
        if (
            type(doc.get("title")) is not str
            or (record_id is not None and type(record_id) is not str)
            or type(ressorts) is not list
            or doc.get("kind", "measure") not in kinds
            or (ressorts and not all(type(r) is str for r in ressorts))
            or (text is not None and (type(text) is not dict or not all(type(t) is str for t in text.values())))
        ):
            return "malformed"
    postings = index.get("postings")
    if not isinstance(postings, dict) or not all(isinstance(text, str) for text in postings.values()):
        return "malformed"
    word_maps = [index.get(name) for name in ("variants", "stems", "heads", "parts")]
    surface = index.get("surface")
    if not (all(isinstance(m, dict) for m in word_maps) and isinstance(surface, dict)):
        return "malformed"
    if len(index_aliases(index)) != len(index.get("aliases") or {}):
        return "malformed"
    for mapping in word_maps:
        assert isinstance(mapping, dict)
        for words in mapping.values():
            if not isinstance(words, str) or not all(w in postings for w in words.split()):
                return "malformed"
    if not all(isinstance(v, str) for v in surface.values()):
        return "malformed"
    synonyms, entries = index.get("synonyms"), index.get("synonym_entries")
    if not (isinstance(synonyms, dict) and isinstance(entries, list) and isinstance(index.get("synthetic"), list)):
        return "malformed"
    if not all(
        isinstance(e, dict)
        and isinstance(e.get("reason"), str)
        and isinstance(e.get("means"), list)
        and all(isinstance(m, str) for m in e["means"])
        for e in entries
    ):
        return "malformed"
    for numbers in synonyms.values():
        if not isinstance(numbers, list) or not all(type(n) is int and 0 <= n < len(entries) for n in numbers):
            return "malformed"
    return None


def resolve_path(db: str | None) -> str:
    """--db wins over FKO_DB, which wins over the store shipped with fko."""
    return db or os.environ.get("FKO_DB") or str(SHIPPED)


def open_store(db: str | None = None) -> Store:
    """The store at --db, FKO_DB or the shipped one. The file is read and its frame checked now
    (a file that is no store fails every command alike); each table, and in the build's layout
    each record, is checked against fko/model.py when a command first reads it, so a command
    never uses a record that was not checked and reads only what it needs."""
    path = resolve_path(db)
    database = TinyDB(path, storage=ReadOnlyJSONStorage)
    storage = database.storage
    assert isinstance(storage, ReadOnlyJSONStorage)
    storage.open()  # fail now, with the file named, rather than on first use
    store = Store(database, path, validate=not storage.trusted)
    store.table("meta")  # one small record: a file whose frame is no fko store fails at once
    return store


def memory_store(tables: dict[str, list[dict[str, Any]]]) -> Store:
    """A store held in memory, for tests and for building (trusted: not checked)."""
    db = TinyDB(storage=MemoryStorage)
    for name in REQUIRED_TABLES:
        db.table(name)
    for name, rows in tables.items():
        db.table(name).insert_multiple(rows)
    return Store(db, ":memory:", validate=False)
