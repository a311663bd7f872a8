"""`fko list`'s records: built once in the model's key order, whatever the store's order."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fko._keys import KEYS
from fko.status import status_in, statuses_in
from fko.store import SHIPPED, Store, memory_store
from fko.views import list_row, records
from tests.conftest import Result

Fko = Callable[..., Result]
ON = dt.date(2025, 11, 1)


def _old_row(record: dict[str, Any], store: Store) -> dict[str, Any]:
    """How `fko list` built a record before list_row: merged, then reordered by `records`."""
    found = status_in(store, record, ON)
    return records("list", [{**record, "on": ON.isoformat(), **found.as_row(), "status_label": found.label()}])[0]


def test_list_rows_are_the_records_in_model_order_and_passed_on_as_they_are(store: Store) -> None:
    pool = store.measures() + store.table("initiatives")
    rows = [list_row(r, ON.isoformat(), s) for r, s in zip(pool, statuses_in(store, pool, ON), strict=True)]
    assert list(store.measures()[0]) != list(rows[0])[:20]  # the store's keys are sorted, not in model order
    assert [list(r) for r in rows[:2]] == [[k for k in KEYS["list"] if k != "date"]] * 2
    assert list(rows[-1]) == list(KEYS["list"])  # an initiative has a date
    out = records("list", rows)
    assert all(o is r for o, r in zip(out, rows, strict=True))  # no second copy
    old = [_old_row(r, store) for r in pool]
    assert [json.dumps(o) for o in out] == [json.dumps(o) for o in old]  # same keys, order and values
    iv1 = next(r for r in out if r["id"] == "IV.1")  # 06/2023 bis mind. Ende der Legislaturperiode
    assert (iv1["status"], iv1["period_start"], iv1["on"]) == ("running", "2023-06-01", "2025-11-01")


def test_records_reorder_a_row_in_another_order_and_keep_a_missing_key_an_error(store: Store) -> None:
    record = store.measures()[0]
    found = status_in(store, record, ON)
    shuffled = dict(reversed(list(record.items())))
    row = list_row(shuffled, ON.isoformat(), found)
    assert list(row) == [k for k in KEYS["list"] if k != "date"]
    odd = list_row({**shuffled, "extra": 1}, ON.isoformat(), found)  # not a checked record: merged as before
    assert list(odd)[:2] == ["urls_text", "urls"] and "extra" in odd
    assert list(records("list", [odd])[0]) == list(row) and records("list", [odd]) == [row]
    reversed_row = dict(reversed(list(row.items())))
    assert records("list", [reversed_row]) == [row] and list(records("list", [reversed_row])[0]) == list(row)
    lacking = {k: v for k, v in record.items() if k != "title"}
    with pytest.raises(KeyError):  # a missing key stays an error, never a null
        records("list", [list_row(lacking, ON.isoformat(), found)])


def test_a_store_with_its_keys_in_another_order_lists_the_same_bytes(fko: Fko, tmp_path: Path) -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    for name in ("measures", "initiatives"):
        data[name] = {k: dict(reversed(list(r.items()))) for k, r in data[name].items()}
    other = tmp_path / "reversed.json"
    other.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert list(data["measures"]["1"])[0] == "urls_text"
    for args in (
        ["list", "--json"],
        ["list", "--source", "all", "--on", "2025-11-01", "--jsonl"],
        ["list", "--status", "running", "--on", "2024-06-01", "--csv"],
        ["list", "--on", "2025-11-01", "--fields", "id,status,date"],
        ["list", "--on", "2025-11-01"],
    ):
        shipped = fko(*args)
        assert shipped.code == 0 and shipped.out.count("IV.1") >= 1, shipped.err
        assert fko("--db", str(other), *args).out == shipped.out, args


def _reports(measure: str, *dated: tuple[str, str, str | None]) -> list[dict[str, Any]]:
    return [{"measure": measure, "date": d, "source": s, "reports_status": r} for d, s, r in dated]


def test_statuses_in_index_the_updates_and_agree_with_status_in(tables: dict[str, list[dict[str, Any]]]) -> None:
    updates = [
        *_reports("IV.1", ("2024-03", "b.txt", "running"), ("2025-10", "a.txt", "ended"), ("2025-10", "a.txt", "x")),
        *_reports("V.9", ("2025-10", "z.txt", "running"), ("2025-10", "a.txt", "planned"), ("2026", "z.txt", "ended")),
        *_reports("IV.2", ("2024", "c.txt", None)),  # reports no status: never the report
    ]
    store = memory_store({**tables, "updates": [{**u, "quote": "q", "title": "t"} for u in updates]})
    pool = store.measures() + store.table("initiatives")
    for day in (dt.date(2023, 1, 1), dt.date(2024, 3, 1), dt.date(2025, 10, 1), ON, dt.date(2026, 6, 1)):
        assert statuses_in(store, pool, day) == [status_in(store, r, day) for r in pool]
    found = dict(zip([r["id"] for r in pool], statuses_in(store, pool, ON), strict=True))
    assert found["IV.1"].reported is not None and found["IV.1"].reported["reports_status"] == "ended"  # first of equals
    assert found["V.9"].reported is not None and found["V.9"].reported["source"] == "z.txt"
    assert found["IV.2"].reported is None
    assert statuses_in(store, [], ON) == []
