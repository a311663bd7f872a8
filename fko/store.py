"""Opening the fko store: the shipped TinyDB JSON file, another one, or one in memory.

The store is only ever read: its storage refuses to write.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage, Storage

from fko.errors import FkoError

SHIPPED = Path(__file__).parent / "data" / "fko.json"
REQUIRED_TABLES = ("meta", "measures", "clusters", "ressorts", "sources")


class ReadOnlyJSONStorage(Storage):
    """A TinyDB storage that reads a JSON file once and never writes it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._data: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._data is None:
            self._data = _load(self.path)
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raise FkoError(f"store {self.path} is opened read-only; fko never writes it")


def _load(path: str) -> dict[str, dict[str, Any]]:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise FkoError(f"store {path} not found; check --db or FKO_DB") from None
    except IsADirectoryError:
        raise FkoError(f"store {path} is a directory; point --db at the JSON file") from None
    except PermissionError:
        raise FkoError(f"store {path} cannot be read (permission denied)") from None
    except UnicodeDecodeError:
        raise FkoError(f"store {path} is not UTF-8 text; rebuild it with `fko data build`") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FkoError(
            f"store {path} is not valid JSON (line {exc.lineno}: {exc.msg}); it may be truncated, "
            "rebuild it with `fko data build`"
        ) from None
    if not isinstance(data, dict) or any(not isinstance(data.get(t), dict) for t in REQUIRED_TABLES):
        missing = [t for t in REQUIRED_TABLES if not isinstance(data, dict) or t not in data]
        raise FkoError(
            f"store {path} is not an fko store (missing tables: {', '.join(missing) or 'malformed'}); "
            "rebuild it with `fko data build`"
        )
    return data


class Store:
    """Read access to the tables of one store, each read once."""

    def __init__(self, db: TinyDB, path: str) -> None:
        self.db = db
        self.path = path
        self._cache: dict[str, list[dict[str, Any]]] = {}

    def table(self, name: str) -> list[dict[str, Any]]:
        if name not in self._cache:
            docs = sorted(self.db.table(name).all(), key=lambda doc: doc.doc_id)
            self._cache[name] = [dict(doc) for doc in docs]
        return self._cache[name]

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
    path = resolve_path(db)
    database = TinyDB(path, storage=ReadOnlyJSONStorage)
    database.storage.read()  # fail now, with the file named, rather than on first use
    return Store(database, path)


def memory_store(tables: dict[str, list[dict[str, Any]]]) -> Store:
    """A store held in memory, for tests and for building."""
    db = TinyDB(storage=MemoryStorage)
    for name in REQUIRED_TABLES:
        db.table(name)
    for name, rows in tables.items():
        db.table(name).insert_multiple(rows)
    return Store(db, ":memory:")
