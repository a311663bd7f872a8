"""Opening the fko store (the shipped TinyDB JSON file, another one, or one in memory), read-only.
A store file is untrusted: it is judged whole when opened (fko/store/checks.py), so no command
reads an unchecked record and every command gives a file the same verdict. Only the shipped
store, known by its checksum, is read without checks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage, Storage

from fko.errors import FkoError
from fko.i18n import _
from fko.store.fileformat import SHIPPED, STDIN, STDIN_NAME, _read, digest, parse, parse_trusted, shipped_digest


class ReadOnlyJSONStorage(Storage):
    """A TinyDB storage that reads a store file once, checks it, and never writes it.

    `trusted` is True for the store shipped with fko (or a byte-identical copy): its checksum
    matches the one `fko data build` recorded beside it, so it is parsed without checks."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.trusted = False
        self._raw = b""
        self._data: dict[str, dict[str, Any]] | None = None
        self._digest: str | None = None

    def read(self) -> dict[str, dict[str, Any]]:
        """The file's tables, checked (or trusted); an FkoError naming the file otherwise."""
        if self._data is None:
            raw = _read(self.path)
            self._digest = shipped_digest(raw)
            self.trusted = self._digest is not None
            if self.trusted:
                data = parse_trusted(raw)
            else:  # the checks are imported only for a store that needs them
                from fko.store.checks import check_store

                name = STDIN_NAME if self.path == STDIN else self.path
                data = parse(name, raw)
                check_store(name, data)
            self._raw, self._data = raw, data
        return self._data

    def digest(self) -> str:
        """The BLAKE2b checksum of the file's bytes as they were read."""
        if self._digest is None:
            self.read()
            self._digest = digest(self._raw)
        return self._digest

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raise FkoError(_("store {path} is opened read-only; fko never writes it").format(path=self.path))


class Store:
    """Read access to the tables of one store: each table's records in the order of their
    document numbers, and the measures and initiatives by ID."""

    def __init__(self, db: TinyDB, path: str) -> None:
        self.db = db
        self.path = path
        self._tables: dict[str, list[dict[str, Any]]] = {}
        self._by_id: dict[str, dict[str, Any]] | None = None

    @property
    def trusted(self) -> bool:
        """Whether the store is the one shipped with fko, known by its checksum."""
        storage = self.db.storage
        return isinstance(storage, ReadOnlyJSONStorage) and storage.trusted

    @property
    def file(self) -> Path | None:
        """The store's file; None for a store held in memory or read from standard input."""
        return None if self.in_memory or self.path == STDIN else Path(self.path)

    @property
    def name(self) -> str:
        """How messages name the store: its path, or <stdin>."""
        return STDIN_NAME if self.path == STDIN else self.path

    @property
    def in_memory(self) -> bool:
        """Whether the store is held in memory (memory_store) rather than read from a file."""
        return not isinstance(self.db.storage, ReadOnlyJSONStorage)

    @property
    def digest(self) -> str | None:
        """The BLAKE2b checksum of the store file's bytes; None for a store held in memory.
        What is made from a store (its search index) names the store by it."""
        storage = self.db.storage
        return storage.digest() if isinstance(storage, ReadOnlyJSONStorage) else None

    def table(self, name: str) -> list[dict[str, Any]]:
        """Every record of a table, in order ([] for a table the store does not hold)."""
        if name not in self._tables:
            storage = self.db.storage
            documents = (storage.read() or {}).get(name) or {}
            rows = [documents[number] for number in sorted(documents, key=int)]
            if not isinstance(storage, ReadOnlyJSONStorage):
                rows = [dict(row) for row in rows]  # a memory store's own documents stay its own
            self._tables[name] = rows
        return self._tables[name]

    def record(self, record_id: str) -> dict[str, Any] | None:
        """The measure or initiative with this ID; None if there is none."""
        if self._by_id is None:
            self._by_id = {row["id"]: row for row in self.table("initiatives")}
            self._by_id.update({row["id"]: row for row in self.measures()})
        return self._by_id.get(record_id)

    def ids(self, name: str) -> list[str]:
        """The IDs of the records of `measures` or `initiatives`, in order."""
        return [row["id"] for row in self.table(name)]

    def measures(self) -> list[dict[str, Any]]:
        return self.table("measures")

    def clusters(self) -> list[dict[str, Any]]:
        return self.table("clusters")

    def ressorts(self) -> list[dict[str, Any]]:
        return self.table("ressorts")

    def sources(self) -> list[dict[str, Any]]:
        return self.table("sources")


def resolve_path(db: str | None) -> str:
    """--db wins over FKO_DB, which wins over the store shipped with fko."""
    return db or os.environ.get("FKO_DB") or str(SHIPPED)


def open_store(db: str | None = None) -> Store:
    """The store at --db, FKO_DB or the shipped one, read and judged now: a file that is no
    valid store fails every command alike, in one line naming it."""
    path = resolve_path(db)
    database = TinyDB(path, storage=ReadOnlyJSONStorage)
    database.storage.read()
    return Store(database, path)


def memory_store(tables: dict[str, list[dict[str, Any]]]) -> Store:
    """A store held in memory, for tests and for building (trusted: not checked)."""
    from fko.store.checks import REQUIRED_TABLES

    db = TinyDB(storage=MemoryStorage)
    for name in REQUIRED_TABLES:
        db.table(name)
    for name, rows in tables.items():
        db.table(name).insert_multiple(rows)
    return Store(db, ":memory:")
