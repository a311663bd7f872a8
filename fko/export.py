"""Export the whole dataset as one JSON document, a folder of CSV files, or an SQLite file
with full-text search (opens directly in Datasette or any SQLite tool)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from fko import __version__
from fko.errors import FkoError, UsageError
from fko.render import Field as Column
from fko.render import csv_text, key
from fko.store import Store

FORMATS = ("json", "csv", "sqlite")
#: Columns of the measures table in CSV and SQLite (lists as JSON arrays in SQLite).
MEASURE_COLUMNS = (
    "id",
    "kind",
    "cluster",
    "title",
    "description",
    "goal",
    "runtime_text",
    "runtime_start",
    "runtime_end",
    "budget_text",
    "urls",
    "urls_text",
    "ressorts",
    "partners",
    "partners_text",
    "publication",
    "in_force",
    "footnotes",
    "date",
    "source",
)


def _measure_row(record: dict[str, Any]) -> dict[str, Any]:
    return {
        **{k: record.get(k) for k in MEASURE_COLUMNS},
        "runtime_text": record["runtime"]["text"],
        "runtime_start": record["runtime"]["start"],
        "runtime_end": record["runtime"]["end"],
        "budget_text": record["budget"]["text"],
    }


def tables(store: Store) -> dict[str, list[dict[str, Any]]]:
    """The dataset as flat tables: one per record type, plus link tables for lists."""
    records = store.measures() + store.table("initiatives")
    budget_items = [
        {"id": r["id"], "item": n, **item}
        for r in records
        for n, item in enumerate(r["budget"].get("items", []), start=1)
    ]
    return {
        "measures": [_measure_row(r) for r in records],
        "measure_ressorts": [{"id": r["id"], "ressort": c} for r in records for c in r["ressorts"]],
        "measure_partners": [{"id": r["id"], "partner": p} for r in records for p in r["partners"]],
        "budget_items": budget_items,
        "recognition": store.table("recognition"),
        "indicators": store.table("indicators"),
        "updates": store.table("updates"),
        "events": store.table("events"),
        "ressorts": store.ressorts(),
        "clusters": store.clusters(),
        "sources": store.sources(),
    }


def _prepare(out: Path, force: bool, folder: bool) -> None:
    if out.exists() and not force and (not folder or any(out.iterdir())):
        raise FkoError(f"{out} exists; choose another --out or pass --force to replace it")
    if out.exists() and not folder and out.is_dir():
        raise FkoError(f"{out} is a directory; --format {'json' if not folder else 'csv'} writes a file")
    if folder and out.exists() and not out.is_dir():
        raise FkoError(f"{out} is a file; --format csv writes a folder of CSV files")


def export(store: Store, fmt: str, out: Path, force: bool = False, delimiter: str = ";") -> list[Path]:
    """Write the dataset; returns the files written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown --format '{fmt}'; use one of {', '.join(FORMATS)}")
    try:
        if fmt == "json":
            _prepare(out, force, folder=False)
            document = {
                "fko_version": __version__,
                "measures": store.measures(),
                "initiatives": store.table("initiatives"),
                **{
                    k: v
                    for k, v in tables(store).items()
                    if k not in ("measures", "measure_ressorts", "measure_partners")
                },
            }
            out.write_text(json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n", "utf-8")
            return [out]
        if fmt == "csv":
            _prepare(out, force, folder=True)
            out.mkdir(parents=True, exist_ok=True)
            written = []
            for name, rows in tables(store).items():
                columns = _columns(rows)
                path = out / f"{name}.csv"
                fields = [Column(c, c, key(c), numeric=_numeric(rows, c)) for c in columns]
                path.write_text(csv_text(rows, fields, delimiter), encoding="utf-8", newline="")
                written.append(path)
            return written
        _prepare(out, force, folder=False)
        if out.exists():
            out.unlink()
        _sqlite(store, out)
        return [out]
    except OSError as exc:
        raise FkoError(f"cannot write {out}: {exc.strerror}; choose another --out") from None


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def _numeric(rows: list[dict[str, Any]], column: str) -> bool:
    values = [r.get(column) for r in rows if r.get(column) is not None]
    return bool(values) and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


def _sql_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value


def _sql_type(rows: list[dict[str, Any]], column: str) -> str:
    values = [r.get(column) for r in rows if r.get(column) is not None]
    if values and all(isinstance(v, bool | int) for v in values):
        return "INTEGER"
    if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "REAL"
    return "TEXT"


def _sqlite(store: Store, out: Path) -> None:
    connection = sqlite3.connect(out)
    try:
        with connection:
            for name, rows in tables(store).items():
                columns = _columns(rows)
                spec = ", ".join(f'"{c}" {_sql_type(rows, c)}' for c in columns)
                connection.execute(f'CREATE TABLE "{name}" ({spec})')
                marks = ", ".join("?" for _ in columns)
                connection.executemany(
                    f'INSERT INTO "{name}" VALUES ({marks})',
                    [[_sql_value(r.get(c)) for c in columns] for r in rows],
                )
            connection.execute(
                "CREATE VIRTUAL TABLE measures_fts USING fts5("
                "title, description, goal, partners, content='measures', content_rowid='rowid')"
            )
            connection.execute(
                "INSERT INTO measures_fts(rowid, title, description, goal, partners) "
                "SELECT rowid, title, description, goal, partners FROM measures"
            )
            connection.execute(
                "CREATE VIRTUAL TABLE indicators_fts USING fts5(metric, quote, content='indicators', "
                "content_rowid='rowid')"
            )
            connection.execute(
                "INSERT INTO indicators_fts(rowid, metric, quote) SELECT rowid, metric, quote FROM indicators"
            )
    finally:
        connection.close()
