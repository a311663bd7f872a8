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
        "ressorts": store.ressorts(),
        "clusters": store.clusters(),
        "sources": store.sources(),
    }


def export(
    store: Store, fmt: str, out: Path, force: bool = False, delimiter: str = ";", follow_symlinks: bool = False
) -> list[Path]:
    """Write the dataset through fko.safe_write (atomic, never over the store being read);
    returns the files written."""
    from fko.safe_write import write_file, write_folder, write_text

    if fmt not in FORMATS:
        raise UsageError(f"unknown --format '{fmt}'; use one of {', '.join(FORMATS)}")
    protect = [] if store.path == ":memory:" else [Path(store.path)]
    data = tables(store)  # everything is computed before the target is touched
    if fmt == "json":
        document = {
            "fko_version": __version__,
            "measures": store.measures(),
            "initiatives": store.table("initiatives"),
            **{k: v for k, v in data.items() if k not in ("measures", "measure_ressorts", "measure_partners")},
        }
        text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        write_text(out, text, force=force, protect=protect, follow_symlinks=follow_symlinks)
        return [out]
    if fmt == "csv":
        texts = {}
        for name, rows in data.items():
            fields = [Column(c, c, key(c), numeric=_numeric(rows, c)) for c in _columns(rows, name)]
            texts[f"{name}.csv"] = csv_text(rows, fields, delimiter)

        def produce(folder: Path) -> None:
            for file_name, text in texts.items():
                (folder / file_name).write_text(text, encoding="utf-8", newline="")

        write_folder(out, produce, force=force, protect=protect, follow_symlinks=follow_symlinks)
        return [out / file_name for file_name in texts]
    write_file(out, lambda tmp: _sqlite(data, tmp, out), force=force, protect=protect, follow_symlinks=follow_symlinks)
    return [out]


#: Columns of the flat tables that are not a record type of fko/model.py, for when they are empty.
_LINK_COLUMNS = {
    "measures": list(MEASURE_COLUMNS),
    "measure_ressorts": ["id", "ressort"],
    "measure_partners": ["id", "partner"],
}


def _columns(rows: list[dict[str, Any]], table: str) -> list[str]:
    """The columns of a table: the keys of its rows; for an empty table, those of its record type."""
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    if columns:
        return list(columns)
    import typing

    from fko.model import RECORD_TYPES, BudgetItem

    if table in _LINK_COLUMNS:
        return _LINK_COLUMNS[table]
    if table == "budget_items":
        return ["id", "item", *typing.get_type_hints(BudgetItem)]
    for record_type, name in RECORD_TYPES.values():
        if name == table:
            return list(typing.get_type_hints(record_type))
    return ["id"]


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


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite(data: dict[str, list[dict[str, Any]]], path: Path, out: Path) -> None:
    """Fill the fresh file at path (a temporary file beside out) with the tables and FTS indexes."""
    connection = sqlite3.connect(path)
    try:
        # The file is temporary until it is renamed over out: no journal, safe_write fsyncs it.
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        with connection:
            for name, rows in data.items():
                columns = _columns(rows, name)
                spec = ", ".join(f"{_quoted(c)} {_sql_type(rows, c)}" for c in columns)
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
    except sqlite3.Error as exc:
        raise FkoError(f"cannot write {out}: {exc}; free space or choose another --out ({out} is unchanged)") from None
    finally:
        connection.close()
