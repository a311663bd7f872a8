"""Export the whole dataset: one JSON document, a folder of CSV files, an SQLite database
(opens as it is in Datasette and sqlite-utils) or an Excel workbook. A producer per format
writes the complete file or folder to a path it is given; fko/output/files.py puts it in place."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fko import __version__
from fko.domain.measures import records as all_records
from fko.errors import UsageError
from fko.i18n import N_, _, german
from fko.store.reader import Store

if TYPE_CHECKING:
    from fko.output.fields import Field

FORMATS = ("json", "csv", "sqlite", "xlsx")

#: Said wherever the data leaves fko: the code is MIT, the source documents are not fko's (in
#: the reader's language only in a workbook of a listing; exports keep the English).
SOURCE_NOTE = N_(
    "fko's code is under the MIT licence. The data is extracted from public documents of the "
    "NRW state government and other publishers (table 'sources'); those documents are not "
    "covered by that licence and remain their publishers'. Quote figures with their source."
)


@dataclass(frozen=True)
class Table:
    """How one exported table is keyed and linked, and what it holds."""

    description: str
    pk: tuple[str, ...]
    fks: dict[str, tuple[str, str]] = field(default_factory=dict)
    label: str | None = None
    units: dict[str, str] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)


_SOURCE = {"source": ("sources", "file")}
_MEASURE = {"measure_id": ("measures", "id")}

#: The exported tables in creation order (referenced tables first).
TABLES: dict[str, Table] = {
    "sources": Table("The source documents fko's data comes from.", ("file",), label="title"),
    "clusters": Table("The six thematic clusters of the report.", ("numeral",), _SOURCE, label="title"),
    "ressorts": Table("The ministries (Ressorts) and their codes.", ("code",), label="name"),
    "measures": Table(
        "The 64 measures of the progress report and 4 later initiatives (kind 'initiative'). "
        "runtime_* is the report's wording and its dates as precise as stated; period_* are full "
        "ISO dates interpreted from it (period_rule says how).",
        ("id",),
        {"cluster": ("clusters", "numeral"), **_SOURCE},
        label="title",
        columns={
            "runtime_start": "start as precise as the report states it (YYYY, YYYY-MM or YYYY-MM-DD)",
            "runtime_end": "end as precise as the report states it",
            "period_start": "first day of the runtime (ISO date), interpreted from the wording",
            "period_end": "last day of the runtime (ISO date); empty if open-ended or unknown",
            "search_folded": "title, goal, description, partners and aliases folded the way fko search "
            "folds them (ä -> ae, ß -> ss), so that Meisterpraemie finds Meisterprämie",
        },
    ),
    "measure_ressorts": Table(
        "Which ministries are responsible for a measure.",
        ("measure_id", "ressort"),
        {**_MEASURE, "ressort": ("ressorts", "code")},
    ),
    "measure_partners": Table(
        "Partners in implementing a measure, in the report's order.", ("measure_id", "item"), _MEASURE
    ),
    "budget_items": Table(
        "Planned funds and staff of a measure, one row per amount the report states; "
        "never add amounts of different basis.",
        ("measure_id", "item"),
        _MEASURE,
        units={"amount_eur": "EUR"},
        columns={
            "amount_eur": "euro, exact integer as stated",
            "basis": "per_year, total, year or one_off",
            "payer": "who pays where the report says so (a ministry's code, or BMBF for federal money)",
            "text": "the report's wording of this amount",
        },
    ),
    "recognition": Table(
        "Recognition of foreign professional qualifications: figures by body, year and metric.",
        ("id",),
        {**_MEASURE, **_SOURCE},
    ),
    "indicators": Table("Dated key figures about measures, each with its quote.", ("id",), {**_MEASURE, **_SOURCE}),
    "updates": Table("Later developments of measures reported in newer sources.", ("id",), {**_MEASURE, **_SOURCE}),
    "events": Table(
        "Dated events and statements of the sources (held, planned, announced, reported, funded), "
        "each with its quote; `inference` says what fko concludes beyond the quote.",
        ("id",),
        {**_MEASURE, **_SOURCE},
    ),
    "meta": Table("What this export is: fko version, store schema version, sources, licence.", ("key",)),
}

#: Full-text search tables: name -> (content table, columns).
FTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "measures_fts": ("measures", ("title", "goal", "description", "partners", "search_folded")),
    "indicators_fts": ("indicators", ("metric", "quote")),
}


def _measure_row(record: dict[str, Any]) -> dict[str, Any]:
    from fko.domain.status import period

    start, end, open_ended, derived, rule = period(record)
    runtime = record["runtime"]
    return {
        "id": record["id"],
        "kind": record["kind"],
        "cluster": record.get("cluster"),
        "title": record["title"],
        "goal": record.get("goal"),
        "description": record["description"],
        "ressorts": record["ressorts"],
        "partners": record["partners"],
        "partners_text": record.get("partners_text"),
        "runtime_text": runtime["text"],
        "runtime_start": runtime["start"],
        "runtime_end": runtime["end"],
        "period_start": start.isoformat() if start else None,
        "period_end": end.isoformat() if end else None,
        "open_ended": open_ended,
        "period_derived": derived,
        "period_rule": rule,
        "budget_text": record["budget"]["text"],
        "urls": record["urls"],
        "urls_text": record.get("urls_text"),
        "publication": record.get("publication"),
        "in_force": record.get("in_force"),
        "footnotes": record.get("footnotes", []),
        "date": record.get("date"),
        "source": record["source"],
    }


def _child(row: dict[str, Any], number: int) -> dict[str, Any]:
    """A row about a measure, numbered: `id` first, then `measure_id` (None where it names none)."""
    return {"id": number, "measure_id": row.get("measure_id"), **{k: v for k, v in row.items() if k != "measure"}}


def _budget_items(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A row per budget item, named by its measure's ID (`measure_id`) and number (`item`)."""
    return [
        {"measure_id": r["id"], "item": n, **item}
        for r in records
        for n, item in enumerate(r["budget"].get("items", []), start=1)
    ]


def tables(store: Store) -> dict[str, list[dict[str, Any]]]:
    """The dataset as flat tables: one per record type, plus link tables for lists."""
    records = all_records(store)
    meta = (store.table("meta") or [{}])[0]
    return {
        "sources": store.sources(),
        "clusters": store.clusters(),
        "ressorts": store.ressorts(),
        "measures": [_measure_row(r) for r in records],
        "measure_ressorts": [{"measure_id": r["id"], "ressort": c} for r in records for c in r["ressorts"]],
        "measure_partners": [
            {"measure_id": r["id"], "item": n, "partner": p}
            for r in records
            for n, p in enumerate(r["partners"], start=1)
        ],
        "budget_items": _budget_items(records),
        "recognition": [_child(r, n) for n, r in enumerate(store.table("recognition"), start=1)],
        "indicators": [_child(r, n) for n, r in enumerate(store.table("indicators"), start=1)],
        "updates": [_child(r, n) for n, r in enumerate(store.table("updates"), start=1)],
        "events": [_child(r, n) for n, r in enumerate(store.table("events"), start=1)],
        "meta": [
            {"key": "fko_version", "value": __version__},
            {"key": "schema_version", "value": str(meta.get("schema_version", ""))},
            {"key": "report", "value": str(meta.get("report", ""))},
            {
                "key": "sources",
                "value": "; ".join(f"{s['file']} ({s['title']}, {s['date']})" for s in store.sources()),
            },
            {"key": "licence", "value": SOURCE_NOTE},
        ],
    }


def columns(rows: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(key for row in rows for key in row))


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def numeric(rows: list[dict[str, Any]], column: str) -> bool:
    values = [r.get(column) for r in rows if r.get(column) is not None]
    return bool(values) and all(is_number(v) for v in values)


# --- producers: each writes one complete file (or folder) to the path it is given ----------


def write_json(store: Store, path: Path) -> None:
    """The records with the keys `--json` prints (a budget item names its measure `measure_id`)."""
    document = {
        "fko_version": __version__,
        "measures": store.measures(),
        "initiatives": store.table("initiatives"),
        "budget_items": _budget_items(all_records(store)),
        **{name: store.table(name) for name in ("recognition", "indicators", "updates", "events")},
        "ressorts": store.ressorts(),
        "clusters": store.clusters(),
        "sources": store.sources(),
    }
    _dump(document, path)


def _dump(document: Any, path: Path) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n", encoding="utf-8")


def _table_csv(rows: list[dict[str, Any]], delimiter: str) -> str:
    from fko.output.csv_writer import csv_text
    from fko.output.fields import Field, key

    return csv_text(rows, [Field(c, c, key(c), numeric=numeric(rows, c)) for c in columns(rows)], delimiter)


def write_csv_folder(store: Store, folder: Path, delimiter: str = ";") -> None:
    folder.mkdir(exist_ok=True)
    suffix = ".tsv" if delimiter == "\t" else ".csv"
    for name, rows in tables(store).items():
        with (folder / f"{name}{suffix}").open("w", encoding="utf-8", newline="") as out:
            out.write(_table_csv(rows, delimiter))


def exported(
    store: Store,
    fmt: str,
    delimiter: str = ";",
    table: str | None = None,
    aliases: Mapping[str, list[str]] | None = None,
) -> bytes:
    """The export as the bytes `--out -` writes to stdout: the JSON document, one table (`table`)
    as CSV, or the bytes of the SQLite database or the workbook (made in a temporary folder)."""
    if fmt == "csv":
        data = tables(store)
        if table not in data:
            names = ", ".join(data)
            if table is None:
                raise UsageError(
                    _("--format csv --out - writes one table: add --table NAME (one of {names})").format(names=names)
                )
            raise UsageError(_("unknown --table '{table}'; use one of {names}").format(table=table, names=names))
        return _table_csv(data[table], delimiter).encode("utf-8")
    if table is not None:
        raise UsageError(_("--table goes with --format csv --out - (the other formats hold every table)"))
    import tempfile

    with tempfile.TemporaryDirectory(prefix="fko-export-") as folder:
        path = Path(folder) / f"export.{fmt}"
        producer(store, fmt, delimiter, aliases)(path)
        return path.read_bytes()


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
    if values and all(is_number(v) for v in values):
        return "REAL"
    return "TEXT"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _fts_triggers(table: str, fts: str, fts_columns: Sequence[str]) -> str:
    """The triggers that keep a full-text index in step with rows a user adds, changes or deletes
    later, as `sqlite-utils enable-fts --create-triggers` writes them."""
    names = ", ".join(_quote(c) for c in fts_columns)
    old = ", ".join(f"old.{_quote(c)}" for c in fts_columns)
    new = ", ".join(f"new.{_quote(c)}" for c in fts_columns)
    t, f = _quote(table), _quote(fts)
    return f"""
        CREATE TRIGGER {_quote(table + "_ai")} AFTER INSERT ON {t} BEGIN
          INSERT INTO {f} (rowid, {names}) VALUES (new.rowid, {new});
        END;
        CREATE TRIGGER {_quote(table + "_ad")} AFTER DELETE ON {t} BEGIN
          INSERT INTO {f} ({f}, rowid, {names}) VALUES('delete', old.rowid, {old});
        END;
        CREATE TRIGGER {_quote(table + "_au")} AFTER UPDATE ON {t} BEGIN
          INSERT INTO {f} ({f}, rowid, {names}) VALUES('delete', old.rowid, {old});
          INSERT INTO {f} (rowid, {names}) VALUES (new.rowid, {new});
        END;
    """


def write_sqlite(store: Store, path: Path, aliases: Mapping[str, list[str]]) -> None:
    """An SQLite database with primary and foreign keys and FTS5 search that Datasette and
    sqlite-utils detect (content="measures"), kept in step with its table by triggers;
    `aliases` by measure ID go into its search text."""
    from fko.german import normalise

    data = tables(store)
    for row in data["measures"]:  # the searchable text with the aliases, folded as `fko search` folds it
        texts = [row["title"], row["goal"] or "", row["description"], *row["partners"], *aliases.get(row["id"], [])]
        row["search_folded"] = normalise(" ".join(texts))
    connection = sqlite3.connect(path)
    try:
        # The file is temporary until safe_write renames it into place (and fsyncs it): no journal.
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        with connection:
            for name, spec in TABLES.items():
                rows = data[name]
                # An empty (or absent) table still gets the columns its full-text index reads.
                names = columns(rows) or list(
                    dict.fromkeys([*spec.pk, *spec.fks, *(c for t, cs in FTS.values() if t == name for c in cs)])
                )
                defs = []
                for c in names:
                    kind = "INTEGER" if c == "id" and spec.pk == ("id",) and name != "measures" else _sql_type(rows, c)
                    not_null = " NOT NULL" if c in spec.pk else ""
                    defs.append(f"{_quote(c)} {kind}{not_null}")
                defs.append(f"PRIMARY KEY ({', '.join(_quote(c) for c in spec.pk)})")
                defs += [
                    f"FOREIGN KEY ({_quote(c)}) REFERENCES {_quote(t)}({_quote(k)})" for c, (t, k) in spec.fks.items()
                ]
                connection.execute(f"CREATE TABLE {_quote(name)} (\n  " + ",\n  ".join(defs) + "\n)")
                connection.executemany(
                    f"INSERT INTO {_quote(name)} ({', '.join(_quote(c) for c in names)}) "
                    f"VALUES ({', '.join('?' for _ in names)})",
                    [[_sql_value(r.get(c)) for c in names] for r in rows],
                )
            for fts, (content, fts_columns) in FTS.items():
                # The exact form sqlite-utils writes: its detect_fts() and Datasette's look for content="table".
                connection.execute(
                    f"CREATE VIRTUAL TABLE {_quote(fts)} USING FTS5 "
                    f'({", ".join(_quote(c) for c in fts_columns)}, content="{content}")'
                )
                connection.execute(f"INSERT INTO {_quote(fts)} ({_quote(fts)}) VALUES ('rebuild')")
                connection.executescript(_fts_triggers(content, fts, fts_columns))
    except sqlite3.Error as exc:
        raise OSError(f"SQLite: {exc}") from None  # safe_write turns it into one line, the target unchanged
    finally:
        connection.close()


def datasette_metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata.json for an export named `database` (the file name without .db)."""
    described: dict[str, dict[str, Any]] = {}
    for name, spec in TABLES.items():
        entry: dict[str, Any] = {
            "description": spec.description,
            "label_column": spec.label,
            "columns": spec.columns,
            "units": spec.units,
        }
        described[name] = {key: value for key, value in entry.items() if value}
    for fts, (content, _columns) in FTS.items():
        described[content]["fts_table"] = fts
        described[fts] = {"hidden": True}
    return {
        "title": "Fachkräfteoffensive NRW (fko)",
        "description": "Measures, ministries, funds and figures of the Fachkräfteoffensive NRW, exported by fko "
        f"{__version__}. Every row names its source document.",
        "license": "Code: MIT; data: see source",
        "source": "Fortschrittsbericht der Fachkräfteoffensive NRW (2024) and later documents, table sources",
        "about": SOURCE_NOTE,
        # Datasette reads units with Pint, which has no currencies: define the euro.
        "custom_units": ["euro = [currency] = EUR"],
        "databases": {database: {"tables": described}},
    }


def producer(
    store: Store, fmt: str, delimiter: str = ";", aliases: Mapping[str, list[str]] | None = None
) -> Callable[[Path], None]:
    """The function that writes `fmt` to a path."""
    if fmt == "json":
        return lambda path: write_json(store, path)
    if fmt == "csv":
        return lambda path: write_csv_folder(store, path, delimiter)
    if fmt == "sqlite":
        return lambda path: write_sqlite(store, path, aliases or {})
    from fko.output.xlsx import write_workbook

    return lambda path: write_workbook(tables(store), path, SOURCE_NOTE)


def export(
    store: Store,
    fmt: str,
    out: Path,
    force: bool = False,
    delimiter: str = ";",
    metadata: bool = False,
    follow_symlinks: bool = False,
    aliases: Mapping[str, list[str]] | None = None,
) -> list[Path]:
    """Write the dataset (and Datasette's metadata beside an SQLite file) atomically, never over
    the store being read; returns the paths written. `aliases`: see `write_sqlite`."""
    from fko.output.files import write_file, write_folder

    if fmt not in FORMATS:
        raise UsageError(
            _("unknown --format '{fmt}'; use one of {formats}").format(fmt=fmt, formats=", ".join(FORMATS))
        )
    if metadata and fmt != "sqlite":
        raise UsageError(_("--metadata goes with --format sqlite (it describes the database for Datasette)"))
    protect = [] if store.path == ":memory:" else [Path(store.path)]
    options: dict[str, Any] = {"force": force, "protect": protect, "follow_symlinks": follow_symlinks}
    write = write_folder if fmt == "csv" else write_file
    write(out, producer(store, fmt, delimiter, aliases), **options)
    written = [out]
    if metadata:
        meta = out.with_name(f"{out.stem}.metadata.json")
        write_file(meta, partial(_dump, datasette_metadata(out.stem)), **options)
        written.append(meta)
    return written


def write_rows_xlsx(
    rows: Sequence[dict[str, Any]], fields: Sequence[Field], target: Path, title: str | None, force: bool = False
) -> None:
    """--xlsx FILE of a listing command: the rows with the columns --csv would have, one sheet;
    an existing FILE is replaced only with force."""
    from fko.output.channels import clean
    from fko.output.files import write_file
    from fko.output.xlsx import write_sheets

    projected = [{f.name: f.get(row) for f in fields} for row in rows]
    sheet = sheet_name(title or "fko")
    headers = [clean(f"fko {__version__}" + (f": {title}" if title else ""))]
    # In German a row of the columns' German names under the keys (a workbook is for people;
    # the keys stay, as in CSV); not where the columns are only keys (--fields).
    labels = {f.name: _(f.header) for f in fields} if german() and any(f.header != f.name for f in fields) else None
    write_file(
        target,
        lambda path: write_sheets({sheet: projected}, path, _(SOURCE_NOTE), headers, labels),
        force=force,
        option="--xlsx",
    )


def sheet_name(title: str) -> str:
    """A worksheet name Excel accepts: none of []:*?/\\ or quotes, no control characters,
    at most 31 characters, cut at a word; "fko" if nothing is left."""
    from fko.output.channels import clean

    def units(text: str) -> int:  # Excel counts UTF-16 code units: 𐀀 is two
        return len(text.encode("utf-16-le")) // 2

    name = " ".join("".join(" " if c in "[]:*?/\\'\"" else c for c in clean(title)).split())
    while units(name) > 31 and " " in name:
        name = name.rsplit(" ", 1)[0].rstrip(" ,;(")
    while units(name) > 31:
        name = name[:-1]
    return name.strip() or "fko"
