"""A store file is read strictly and judged whole when it is opened: one verdict per file, the
same for every command; its search index is a file of its own beside it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko.errors import FkoError
from fko.store.checks import Invalid, check
from fko.store.fileformat import SHIPPED, digest, index_path, serialise
from fko.store.reader import open_store

from ..conftest import Result, shipped_tables
from .hostile import INVALID, shipped_bytes

Tables = dict[str, list[dict[str, Any]]]

REBUILD = "rebuild it with `fko data build`"

#: Commands that read different tables: one verdict for all of them.
READERS = [["list"], ["show", "I.1"], ["show", "IV.1"], ["search", "Meisterprämie", "--json"], ["recognition"]]


def built(tables: Tables, path: Path) -> Path:
    """The tables written as `fko data build` lays a store out."""
    path.write_text(serialise(tables), encoding="utf-8")
    return path


def edited(change: Callable[[Tables], None]) -> Tables:
    tables = shipped_tables()
    change(tables)
    return tables


def measure(tables: Tables, record_id: str) -> dict[str, Any]:
    return next(m for m in tables["measures"] if m["id"] == record_id)


def copy_with_index(folder: Path, raw: bytes) -> Path:
    """A store file with these bytes, and beside it the shipped store's index file."""
    path = folder / "copy.json"
    path.write_bytes(raw)
    index_path(path).write_bytes(index_path(SHIPPED).read_bytes())
    return path


def assert_one_verdict(fko: Callable[..., Result], path: Path, message: str) -> None:
    for args in READERS:
        result = fko("--db", str(path), *args)
        assert (result.code, result.out, result.err) == (1, "", f"fko: store {path}{message}\n"), args


def test_a_damaged_record_fails_every_command_alike(tmp_path: Path, fko: Callable[..., Result]) -> None:
    """Commands that do not read IV.1 (show I.1, recognition) fail too: a store is valid or not."""
    path = built(edited(lambda t: measure(t, "IV.1").update(title=42)), tmp_path / "s.json")
    assert_one_verdict(fko, path, f": measures/IV.1: 'title' is 42, not a string; {REBUILD}")


#: The edited stores of the corpus, but the lone surrogate (UTF-8 text cannot hold one) and
#: the edits of meta's list of tables (the build writes the list of the tables there are).
EDITED = sorted(
    n
    for n, make in INVALID.items()
    if getattr(make, "change", None)
    and "surrogate" not in n
    and n not in ("a listed table deleted", "a table not listed", "meta lists byte ranges (fko 2.2)")
)


@pytest.mark.parametrize("name", EDITED)
def test_invalid_stores_in_the_build_layout(name: str, tmp_path: Path, fko: Callable[..., Result]) -> None:
    """The corpus's edited stores, written as the build writes them: the same one line from
    every command, whatever it reads."""
    path = built(edited(INVALID[name].change), tmp_path / "s.json")  # type: ignore[attr-defined]
    first = fko("--db", str(path), "export", "--format", "sqlite", "--out", str(tmp_path / "x.db"))
    assert first.code == 1 and first.err.startswith(f"fko: store {path}") and first.err.count("\n") == 1
    assert_one_verdict(fko, path, first.err.removeprefix(f"fko: store {path}").removesuffix("\n"))
    assert not (tmp_path / "x.db").exists()


def _doc_number(table: str, key: str, value: str) -> int:
    return next(n for n, row in enumerate(shipped_tables()[table], start=1) if row[key] == value)


@pytest.mark.parametrize(
    ("table", "old", "new", "message"),
    [
        (None, "\n}\n", ',\n "measures": {}\n}\n', 'the table "measures" occurs twice'),
        ("measures", '\n  "36": {', '\n  "35": {', 'measures: the document number "35" occurs twice'),
        (
            "measures",
            '"title": "Meisterprämie NRW",',
            '"title": "Meisterprämie NRW",\n   "title": "Gesellenprämie NRW",',
            'measures/IV.1: the key "title" occurs twice in one object',
        ),
        (
            "measures",
            '"text": "06/2023 bis mind. Ende der Legislaturperiode"',
            '"text": "06/2023 bis mind. Ende der Legislaturperiode", "text": "2023"',
            'measures/IV.1: the key "text" occurs twice in one object',
        ),
        (
            "ressorts",
            '"code": "MAGS",',
            '"code": "MAGS", "code": "MSB",',
            f'ressorts/{_doc_number("ressorts", "code", "MAGS")}: the key "code" occurs twice in one object',
        ),
    ],
    ids=["table", "document number", "record key", "nested key", "natural key"],
)
def test_a_key_written_twice_at_any_level_is_a_store_error(
    table: str | None, old: str, new: str, message: str, tmp_path: Path, fko: Callable[..., Result]
) -> None:
    """JSON parsers keep the last of two equal keys, silently: appending `,"measures": {}` to
    the shipped store made 13 commands answer "no measure matches" with exit 0 (issue #22)."""
    text = shipped_bytes().decode("utf-8")
    at = text.rindex(old) if table is None else text.index(old, text.index(f'\n "{table}": '))
    path = tmp_path / "twice.json"
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    assert_one_verdict(fko, path, f": {message}; {REBUILD}")


@pytest.mark.parametrize(("version", "found"), [(1, "is of format version 1"), ('"2"', 'is of format version "2"')])
def test_a_store_of_another_format_version_is_refused(
    version: object, found: str, tmp_path: Path, fko: Callable[..., Result]
) -> None:
    raw = shipped_bytes().replace(b'"schema_version": 2', f'"schema_version": {version}'.encode(), 1)
    path = tmp_path / "old.json"
    path.write_bytes(raw)
    assert_one_verdict(fko, path, f" {found}; this fko reads version 2: {REBUILD}")


def test_the_tables_meta_lists_are_the_tables_there_are(tmp_path: Path, fko: Callable[..., Result]) -> None:
    raw = shipped_bytes().decode("utf-8")
    assert '\n    "events",\n' in raw
    unlisted = tmp_path / "unlisted.json"
    unlisted.write_text(raw.replace('\n    "events",\n', "\n", 1), encoding="utf-8")
    assert_one_verdict(fko, unlisted, f": the table events is not listed in meta; {REBUILD}")
    tables = shipped_tables()
    del tables["events"]
    text = serialise(tables).replace('"clusters",\n', '"clusters",\n    "events",\n', 1)
    absent = tmp_path / "absent.json"
    absent.write_text(text, encoding="utf-8")
    assert_one_verdict(fko, absent, f": the table events is missing, though meta lists it; {REBUILD}")


def test_a_fact_of_a_measure_the_store_lacks_is_a_store_error(tmp_path: Path, fko: Callable[..., Result]) -> None:
    """Issue #25: an indicator for ZZ.9 was listed under that ID."""
    path = built(edited(lambda t: t["indicators"][2].update(measure_id="ZZ.9")), tmp_path / "zz.json")
    message = f": indicators/3: 'measure_id' is \"ZZ.9\", not a measure or initiative of the store; {REBUILD}"
    assert_one_verdict(fko, path, message)
    result = fko("--db", str(path), "indicators", "--json")
    assert (result.code, result.out) == (1, "") and "ZZ.9" in result.err


def damage(data: st.DataObject, raw: bytearray, bytes_: bytes) -> None:
    """One byte of raw replaced, inserted or deleted at a drawn place."""
    at = data.draw(st.integers(0, len(raw) - 1), label="at")
    byte = data.draw(st.sampled_from(list(bytes_)), label="byte")
    how = data.draw(st.sampled_from(["replace", "insert", "delete"]), label="how")
    if how == "replace":
        raw[at] = byte
    elif how == "insert":
        raw.insert(at, byte)
    else:
        del raw[at]


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    if len({key for key, _ in pairs}) < len(pairs):
        raise ValueError("a key twice in one object")
    return dict(pairs)


@given(data=st.data())
def test_damage_anywhere_is_refused_or_read_as_written(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """One to three bytes changed anywhere in the shipped store: fko either refuses the file
    (one FkoError naming it) or reads exactly what a strict JSON parser reads, every table."""
    raw = bytearray(shipped_bytes())
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        damage(data, raw, b'{}[]",:\n 0123456789aeI.\\')
    path = tmp_path_factory.mktemp("damaged") / "s.json"
    path.write_bytes(bytes(raw))
    try:
        store = open_store(str(path))
    except FkoError as exc:
        assert exc.message.startswith(f"store {path}") and "\n" not in exc.message
        return
    strict = json.loads(bytes(raw), object_pairs_hook=_unique_keys)
    assert store.trusted is (bytes(raw) == shipped_bytes())
    for name, table in strict.items():
        assert store.table(name) == [table[k] for k in sorted(table, key=int)], name


@pytest.mark.parametrize(
    ("path", "values", "valid"),
    [
        (("budget", "items", 0, "amount_eur"), [-1, 0, 1, 10**13 - 1, 10**13, 0.5, True], [0, 1, 1, 1, 0, 0, 0]),
        (
            ("budget", "items", 0, "quantity"),
            [-1, -0.5, 0, -0.0, 0.5, 10**13 - 1, 10**13, float("nan")],
            [0, 0, 1, 1, 1, 1, 0, 0],
        ),
        (("budget", "items", 0, "year_from"), [1899, 1900, 2100, 2101, 2024.0, None], [0, 1, 1, 0, 0, 1]),
        (("budget", "items", 0, "year_to"), [1899, 1900, 2100, 2101, False], [0, 1, 1, 0, 0]),
        (("id",), ["IV.1", "IV.1000", "ABCD.1", "ABCDE.1", "iv.1", "IV.1\n", "IV.١"], [1, 0, 1, 0, 0, 0, 0]),
        (
            ("source_lines",),
            [[], [1, 2], [1, 10**13], [-(10**13), 1], [1, True], [1, 2.0], None],
            [1, 1, 0, 0, 0, 0, 1],
        ),
        (
            ("runtime", "start"),
            ["2024", "2024-02", "2024-02-29", "2023-02-29", "1899", "2024-2", None],
            [1, 1, 1, 0, 0, 0, 1],
        ),
        (
            ("runtime", "parts"),
            [[], [{"label": None, "text": "x", "start": None, "end": None}], [{}], [1]],
            [1, 1, 0, 0],
        ),
        (("title",), ["x", "", "Meister\ud800", "Meister\U0001f600", 1, None], [1, 1, 0, 1, 0, 0]),
    ],
)
def test_the_range_rules_at_their_edges(path: tuple[Any, ...], values: list[Any], valid: list[int]) -> None:
    """Years 1900-2100, amounts from 0 below 10^13, bools are no numbers, measure IDs, real
    dates, whole numbers, records in lists, no lone surrogate."""
    from fko.model.records import Measure

    base = next(m for m in shipped_tables()["measures"] if m["budget"]["items"])
    for value, expected in zip(values, valid, strict=True):
        row = json.loads(json.dumps(base))
        target = row
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        try:
            check(row, Measure, ids=True)
            fits = True
        except Invalid:
            fits = False
        assert fits is bool(expected), value


@pytest.mark.parametrize("quantity", [1e-05, -0.0, 1e-4, 0.5, 2])
def test_a_small_number_is_printed_as_json_dumps_prints_it(
    quantity: float, tmp_path: Path, fko: Callable[..., Result]
) -> None:
    """A quantity of 1e-05 is valid but orjson writes it 0.00001: `list --json` and `--jsonl`
    print it as json.dumps does, as before."""
    raw = shipped_bytes().decode("utf-8")
    assert raw.count('"quantity": 30.0,') == 1
    path = tmp_path / "small.json"
    path.write_text(raw.replace('"quantity": 30.0,', f'"quantity": {json.dumps(quantity)},'), "utf-8")
    listed = fko("--db", str(path), "list", "--json")
    assert listed.code == 0 and f'"quantity": {json.dumps(quantity)},' in listed.out
    lines = fko("--db", str(path), "list", "--jsonl")
    assert lines.code == 0 and f'"quantity":{json.dumps(quantity)},' in lines.out


def test_a_lone_surrogate_anywhere_fails_every_command(tmp_path: Path, fko: Callable[..., Result]) -> None:
    """JSON can write a lone surrogate only as an escape, which the standard parser lets in."""
    text = shipped_bytes().decode("utf-8")
    path = tmp_path / "surrogate.json"
    path.write_text(text.replace('"title": "Meisterprämie NRW"', '"title": "Meister\\ud800prämie NRW"'), "utf-8")
    for args in READERS:
        result = fko("--db", str(path), *args)
        assert result.code == 1 and result.out == "" and "measures/IV.1: 'title' is" in result.err, args
        assert "lone surrogate" in result.err and result.err.count("\n") == 1, args


def test_the_shipped_store_lists_its_tables_in_meta() -> None:
    whole = json.loads(shipped_bytes())
    meta = whole["meta"]["1"]
    assert meta["schema_version"] == 2
    assert meta["tables"] == sorted(set(whole) - {"meta"})
    assert list(whole)[0] == "meta" and "search" not in whole


def test_plain_tinydb_opens_the_store(tmp_path: Path) -> None:
    """The layout is one TinyDB JSON document: TinyDB itself reads every table and record as
    fko does."""
    from tinydb import TinyDB

    copy = tmp_path / "fko.json"
    copy.write_bytes(shipped_bytes())
    with TinyDB(str(copy), access_mode="r") as db:
        assert set(db.tables()) == set(json.loads(shipped_bytes()))
        assert db.table("measures").get(doc_id=1)["id"] == "I.1"
        assert len(db.table("measures")) == 64
        assert "measures" in db.table("meta").get(doc_id=1)["tables"]
    store = open_store(str(copy))
    assert [m["id"] for m in store.measures()] == [m["id"] for m in shipped_tables()["measures"]]


def test_a_store_in_another_layout_reads_the_same(tmp_path: Path, fko: Callable[..., Result]) -> None:
    """Re-saved by another tool (json.dumps: one line, other spacing): the same tables, checked
    (not the shipped bytes); the index file beside it no longer fits those bytes: made anew in
    memory, with a warning, and the search finds the same (its curated aliases kept)."""
    resaved = json.dumps(json.loads(shipped_bytes())).encode("utf-8")
    path = copy_with_index(tmp_path, resaved)
    store = open_store(str(path))
    assert not store.trusted and store.digest == digest(resaved)
    for name, rows in shipped_tables().items():
        assert store.table(name) == rows, name
    result = fko("--db", str(path), "search", "Meisterprämie", "--json")
    assert result.code == 0 and result.out == fko("search", "Meisterprämie", "--json").out
    assert result.err == (
        f"fko: store {path}: the search index {index_path(path)} is stale (made from other bytes than the store's); "
        "rebuilt it in memory for this run\n"
    )


def test_a_record_edited_by_hand_is_found_by_its_new_words(tmp_path: Path, fko: Callable[..., Result]) -> None:
    text = shipped_bytes().decode("utf-8")
    old = '"title": "Meisterprämie NRW"'
    assert text.count(old) == 1
    path = copy_with_index(tmp_path, text.replace(old, '"title": "Meisterbonus NRW"').encode("utf-8"))
    result = fko("--db", str(path), "search", "Meisterbonus", "--json")
    assert result.code == 0 and result.json()[0]["id"] == "IV.1"
    assert result.json()[0]["title"] == "Meisterbonus NRW"
    assert "the search index" in result.err and "is stale" in result.err


def test_an_index_that_lies_about_a_hit_is_made_anew(tmp_path: Path, fko: Callable[..., Result]) -> None:
    """The index file's own entries edited, its checksum still the store's: each hit is checked
    against the store, and an index that lies is made anew in memory."""
    path = copy_with_index(tmp_path, shipped_bytes())
    raw = index_path(path).read_text(encoding="utf-8")
    a, b = '"id":"IV.1","kind":"measure"', '"id":"IV.2","kind":"measure"'
    assert raw.count(a) == 1 and raw.count(b) == 1
    index_path(path).write_text(raw.replace(a, "@A").replace(b, a).replace("@A", b), encoding="utf-8")
    result = fko("--db", str(path), "search", "Meisterprämie", "--json")
    assert result.code == 0 and result.json()[0]["id"] == "IV.1" and result.json()[0]["title"] == "Meisterprämie NRW"
    assert result.err == (
        f"fko: store {path}: the search index {index_path(path)} is stale (it names records the store does not hold); "
        "rebuilt it in memory for this run\n"
    )
    figure = '"id":"IV.1","kind":"indicator"'
    assert raw.count(figure) >= 1
    index_path(path).write_text(raw.replace(figure, '"id":"ZZ.9","kind":"indicator"', 1), encoding="utf-8")
    result = fko("--db", str(path), "search", "Meisterprämie", "--json")
    assert result.code == 0 and "ZZ.9" not in result.out and "is stale" in result.err


def test_the_index_file_of_a_store(tmp_path: Path) -> None:
    """Beside the store, its suffix replaced: fko.json -> fko.index.json."""
    assert index_path(SHIPPED) == SHIPPED.with_name("fko.index.json")
    assert index_path(tmp_path / "store") == tmp_path / "store.index.json"
    assert index_path(tmp_path / "a.b.json") == tmp_path / "a.b.index.json"


def test_a_store_without_an_index_file_is_indexed_in_memory_quietly(tmp_path: Path, fko: Callable[..., Result]) -> None:
    path = tmp_path / "bare.json"
    path.write_bytes(shipped_bytes())
    result = fko("--db", str(path), "search", "Meisterprämie", "--json")
    assert result.code == 0 and result.err == "" and result.json()[0]["id"] == "IV.1"


def test_bidi_controls_in_a_store_never_reach_a_table(tmp_path: Path, fko: Callable[..., Result]) -> None:
    """A title with a right-to-left override would show '1.000 €' reversed in a table: tables
    and records drop the bidi controls; --json keeps the data, escaped."""
    title = "Förderung \u202e000.1 € \u2066x\u2069"
    path = built(edited(lambda t: measure(t, "IV.1").update(title=title)), tmp_path / "bidi.json")
    for args in (["list"], ["show", "IV.1"], ["search", "Förderung"]):
        result = fko("--db", str(path), *args)
        assert result.code == 0, result.err
        assert "Förderung 000.1 € x" in result.out.replace("\n", " ") or "Förderung" in result.out, args
        assert not any(c in result.out for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), args
    data = fko("--db", str(path), "show", "IV.1", "--json")
    assert "\\u202e" in data.out and data.json()[0]["title"] == title


def test_a_title_with_a_newline_stays_one_header_line(tmp_path: Path, fko: Callable[..., Result]) -> None:
    path = built(edited(lambda t: measure(t, "IV.1").update(title="Zauber\nfko: forged line")), tmp_path / "nl.json")
    result = fko("--db", str(path), "show", "IV.1")
    assert result.code == 0 and result.out.splitlines()[0] == "IV.1: Zauber fko: forged line"
    assert not any(line.startswith("fko:") for line in result.out.splitlines())


def test_meta_with_document_number_0_is_refused(tmp_path: Path) -> None:
    """Found by Hypothesis: '0' is no TinyDB document number, in meta as anywhere."""
    raw = bytearray(shipped_bytes())
    assert raw[15:18] == b'"1"'
    raw[16:17] = b"0"
    path = tmp_path / "zero.json"
    path.write_bytes(bytes(raw))
    with pytest.raises(FkoError, match="'0' is not a document number"):
        open_store(str(path))


def test_records_are_read_in_the_order_of_their_document_numbers(tmp_path: Path) -> None:
    data = json.loads(shipped_bytes())
    data["measures"] = dict(reversed(data["measures"].items()))
    path = tmp_path / "reversed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert open_store(str(path)).ids("measures") == [m["id"] for m in shipped_tables()["measures"]]
