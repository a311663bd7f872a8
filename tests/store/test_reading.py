"""A store in the build's layout is read lazily: one table, one record at a time, each checked
before use; what the search index says about the records is checked against them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko.errors import FkoError
from fko.store.checks import checker, fits
from fko.store.fileformat import SHIPPED, record_ranges, serialise
from fko.store.reader import REQUIRED_TABLES as REQUIRED
from fko.store.reader import ReadOnlyJSONStorage, open_store

from ..conftest import Result, shipped_tables
from .hostile import INVALID

Tables = dict[str, list[dict[str, Any]]]


def built(tables: Tables, path: Path) -> Path:
    """The tables written as `fko data build` writes them (index checksum and places included)."""
    path.write_text(serialise(tables), encoding="utf-8")
    return path


def edited(change: Callable[[Tables], None]) -> Tables:
    tables = shipped_tables()
    change(tables)
    return tables


def measure(tables: Tables, record_id: str) -> dict[str, Any]:
    return next(m for m in tables["measures"] if m["id"] == record_id)


def test_the_shipped_store_is_in_the_layout_that_reads_one_record() -> None:
    raw = SHIPPED.read_bytes()
    storage = ReadOnlyJSONStorage(str(SHIPPED))
    storage.open()
    table = storage.raw_table("measures")
    assert table is not None
    places = record_ranges(bytes(table))
    assert places is not None and list(places)[:3] == ["I.1", "I.2", "I.3"] and len(places) == 64
    start, end = places["IV.1"]
    assert json.loads(bytes(table)[start:end])["title"] == "Meisterprämie NRW"
    index = json.loads(raw)["search"]["1"]
    docs = {d["id"]: d for d in index["docs"] if d["kind"] == "measure"}
    assert docs["IV.1"]["at"] == [start, end]  # the index says where each record stands
    assert index["records_digest"].startswith("crc32:")


def test_show_parses_one_record_and_checks_it(tmp_path: Path, fko: Callable[..., Result]) -> None:
    """A damaged record fails the commands that read it, in one line; the others answer."""
    path = built(edited(lambda t: measure(t, "IV.1").update(title=42)), tmp_path / "s.json")
    failed = fko("--db", str(path), "show", "IV.1")
    assert failed.code == 1
    assert failed.err == (
        f"fko: store {path}: measures/IV.1: 'title' is 42, not a string; rebuild it with `fko data build`\n"
    )
    assert fko("--db", str(path), "search", "Meisterprämie", "--json").err == failed.err  # IV.1 is its hit
    assert fko("--db", str(path), "list").err == failed.err
    other = fko("--db", str(path), "show", "I.1", "--json")
    assert other.code == 0 and other.json()[0]["id"] == "I.1" and other.err == ""
    found = fko("--db", str(path), "search", "Lehrkräfte", "--json")
    assert found.code == 0 and found.json()[0]["id"].startswith("I.")


def test_a_record_edited_by_hand_makes_the_index_stale(tmp_path: Path, fko: Callable[..., Result]) -> None:
    """Bytes of the records that differ from those the index was made from: rebuilt, with a note."""
    text = SHIPPED.read_text(encoding="utf-8")
    old = '"title": "Meisterprämie NRW"'
    assert text.count(old) == 1
    path = tmp_path / "hand.json"
    path.write_text(text.replace(old, '"title": "Meisterbonus NRW"'), encoding="utf-8")
    result = fko("--db", str(path), "search", "Meisterbonus", "--json")
    assert result.code == 0 and result.json()[0]["id"] == "IV.1"
    assert result.json()[0]["title"] == "Meisterbonus NRW"
    assert result.err == f"fko: store {path}: the search index is stale (its records differ from the store's); " + (
        "rebuilt it in memory for this run\n"
    )


def test_places_the_index_gets_wrong_are_caught(tmp_path: Path, fko: Callable[..., Result]) -> None:
    """A forged index (its checksum matches, its places do not): each record read is still the
    one asked for, or the whole table is read."""
    text = SHIPPED.read_text(encoding="utf-8")
    docs = json.loads(text)["search"]["1"]["docs"]
    first, second, third = (docs[n]["at"] for n in range(3))
    index_line = next(line for line in text.splitlines() if line.startswith(' "search": '))
    forged = index_line.replace(f'"at":[{first[0]},{first[1]}]', "AT1", 1)
    forged = forged.replace(f'"at":[{second[0]},{second[1]}]', f'"at":[{first[0]},{first[1]}]', 1)
    forged = forged.replace("AT1", f'"at":[{second[0]},{second[1]}]', 1)  # I.1 and I.2 swapped
    forged = forged.replace(f'"at":[{third[0]},{third[1]}]', '"at":[5,9]', 1)  # I.3 into nowhere
    assert forged.count('"at":[5,9]') == 1
    path = tmp_path / "forged.json"
    path.write_text(text.replace(index_line, forged), encoding="utf-8")
    for query, expected in (("I.1", "I.1"), ("I.2", "I.2"), ("I.3", "I.3")):
        result = fko("--db", str(path), "search", query, "--json")
        assert result.code == 0 and [h["id"] for h in result.json()] == [expected], (query, result.err)


#: The edited stores of the corpus, but the lone surrogate: UTF-8 text (the build's layout)
#: cannot hold one; tests/test_store.py covers it as a \\ud800 escape. Nor a table deleted by
#: hand: the build writes a table of contents of the tables there are.
EDITED = sorted(
    n
    for n, make in INVALID.items()
    if getattr(make, "change", None) is not None and "surrogate" not in n and n != "a listed table deleted"
)


@pytest.mark.parametrize("name", EDITED)
def test_invalid_stores_in_the_build_layout(name: str, tmp_path: Path, fko: Callable[..., Result]) -> None:
    """The corpus's edited stores, written as the build writes them (so with an index whose
    checksum matches the damaged records): every command that reads the damage fails in one
    line, the SQLite export (which reads all) among them; none shows a traceback."""
    path = built(edited(INVALID[name].change), tmp_path / "s.json")  # type: ignore[attr-defined]
    probe = ["export", "--format", "sqlite", "--out", str(tmp_path / "x.db"), "--force"]
    result = fko("--db", str(path), *probe)
    assert result.code == 1 and result.err.startswith(f"fko: store {path}") and result.err.count("\n") == 1
    for args in (["search", "Meister", "--json"], ["show", "I.1"], ["list", "--json"], ["show", "IV.1", "--json"]):
        result = fko("--db", str(path), *args)
        assert result.code in (0, 1) and "Traceback" not in result.err, (args, result.err)
        if result.code:
            assert result.err.startswith(f"fko: store {path}") and result.err.count("\n") == 1, (args, result.err)


def damage(data: st.DataObject, raw: bytearray, where: st.SearchStrategy[int], bytes_: bytes) -> None:
    """One byte of raw replaced, inserted or deleted at a drawn place."""
    at = data.draw(where, label="at")
    byte = data.draw(st.sampled_from(list(bytes_)), label="byte")
    how = data.draw(st.sampled_from(["replace", "insert", "delete"]), label="how")
    if how == "replace":
        raw[at] = byte
    elif how == "insert":
        raw.insert(at, byte)
    else:
        del raw[at]


@cache
def shipped_bytes() -> bytes:
    return SHIPPED.read_bytes()


@given(data=st.data())
def test_a_record_read_alone_is_the_record_read_whole(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Damage anywhere in the records' bytes: a record read alone is exactly the one the whole
    file holds (where the file still parses) or the undamaged one; else one FkoError."""
    raw = bytearray(shipped_bytes())
    start = raw.index(b'\n "measures": ')
    end = raw.index(b'\n "recognition": ')  # the table after it
    damage(data, raw, st.integers(start, end), b'{}[]",:\n 0aI.\\')
    path = tmp_path_factory.mktemp("mutated") / "m.json"
    path.write_bytes(bytes(raw))
    original = {m["id"]: m for m in shipped_tables()["measures"]}
    try:
        whole: dict[str, Any] | None = {m["id"]: m for m in json.loads(bytes(raw))["measures"].values()}
    except (ValueError, KeyError, TypeError):
        whole = None
    wanted = data.draw(st.sampled_from(sorted(original)), label="id")
    try:
        store = open_store(str(path))
        found = store.record(wanted)
    except FkoError:
        return
    if found is not None:
        assert found == (whole or {}).get(wanted) or (whole is None and found == original[wanted])


@given(data=st.data())
def test_the_compiled_check_agrees_with_the_checker(data: st.DataObject) -> None:
    """validate.fits (generated code) and validate.checker (which says why) judge alike, on
    records with one value anywhere replaced by any JSON value."""
    from fko.model.records import RECORD_TYPES

    kind = data.draw(st.sampled_from(sorted(RECORD_TYPES)), label="kind")
    record_type, table = RECORD_TYPES[kind]
    rows = shipped_tables().get(table or "", [])
    if not rows:
        return
    row = json.loads(json.dumps(data.draw(st.sampled_from(rows), label="row")))
    paths: list[list[Any]] = []

    def walk(value: Any, path: list[Any]) -> None:
        paths.append(path)
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, [*path, k])
        elif isinstance(value, list):
            for n, v in enumerate(value):
                walk(v, [*path, n])

    walk(row, [])
    path = data.draw(st.sampled_from(paths[1:]), label="path")
    leaf = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**14), 10**14),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=8),
        st.sampled_from(["2024-13", "2024-02-29", "IV.1", "iv.1", "\ud800", "1899", "planned", "total"]),
        st.sampled_from([1899, 1900, 2100, 2101, -1, 0, 0.5, -0.0, 10**13, 10**13 - 1]),  # the inline rules' edges
    )
    value = data.draw(
        st.one_of(leaf, st.lists(leaf, max_size=2), st.dictionaries(st.text(max_size=4), leaf, max_size=2))
    )
    target: Any = row
    for step in path[:-1]:
        target = target[step]
    if data.draw(st.booleans(), label="delete") and isinstance(target, dict):
        del target[path[-1]]
    else:
        target[path[-1]] = value
    ids = kind in ("measure", "initiative", "indicator", "update", "event")
    for surrogates in (True, False):
        try:
            checker(record_type, None, ids)(row)
            slow = True
        except Exception:
            slow = False
        if not surrogates and isinstance(value, str) and "\ud800" in value:
            continue  # surrogates=False promises there are none
        assert fits(record_type, ids, surrogates)(row) == slow


@pytest.mark.parametrize(
    ("path", "values"),
    [
        (("budget", "items", 0, "amount_eur"), [-1, 0, 1, 10**13 - 1, 10**13, 0.5, True]),
        (("budget", "items", 0, "quantity"), [-1, -0.5, 0, -0.0, 0.5, 10**13 - 1, 10**13, float("nan")]),
        (("budget", "items", 0, "year_from"), [1899, 1900, 2100, 2101, 2024.0, None]),
        (("budget", "items", 0, "year_to"), [1899, 1900, 2100, 2101, False]),
        (("id",), ["IV.1", "IV.1000", "ABCD.1", "ABCDE.1", "iv.1", "IV.1\n", "IV.١"]),
        (("source_lines",), [[], [1, 2], [1, 10**13], [-(10**13), 1], [1, True], [1, 2.0], None]),
        (("runtime", "parts"), [[], [{"label": None, "text": "x", "start": None, "end": None}], [{}], [1]]),
    ],
)
def test_the_compiled_check_agrees_at_the_edges_of_its_inline_rules(path: tuple[Any, ...], values: list[Any]) -> None:
    """The rules the compiled check writes inline (years, amounts of 0 or more, measure IDs,
    lists of whole numbers, lists of records) judge each edge as the checker does."""
    from fko.model.records import Measure

    base = next(m for m in shipped_tables()["measures"] if m["budget"]["items"])
    for value in values:
        row = json.loads(json.dumps(base))
        target = row
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        try:
            checker(Measure, None, True)(row)
            slow = True
        except Exception:
            slow = False
        assert fits(Measure, True, False)(row) == slow, value


def test_the_shipped_store_prints_alike_with_orjson() -> None:
    """Store.json_exact answers True for the shipped store without looking (it is trusted):
    every record of it fits its type with exact=True."""
    from fko.store.checks import fits
    from fko.store.reader import _WITH_IDS, record_types

    tables = shipped_tables()
    for name, record_type in record_types().items():
        check = fits(record_type, name in _WITH_IDS, True, True)
        assert all(map(check, tables.get(name, []))), name
    assert open_store(str(SHIPPED)).json_exact("measures", "initiatives", "updates")


@pytest.mark.parametrize("quantity", [1e-05, -0.0, 1e-4, 0.5, 2])
def test_a_small_number_is_printed_as_json_dumps_prints_it(
    quantity: float, tmp_path: Path, fko: Callable[..., Result]
) -> None:
    """A quantity of 1e-05 is valid but orjson writes it 0.00001: the store says the table is
    not exact, and `list --json` and `--jsonl` walk the records and print 1e-05 as before."""
    raw = shipped_bytes().decode("utf-8")
    assert raw.count('"quantity": 30.0,') == 1
    path = tmp_path / "small.json"
    path.write_text(raw.replace('"quantity": 30.0,', f'"quantity": {json.dumps(quantity)},'), "utf-8")
    store = open_store(str(path))
    store.measures()
    assert store.json_exact("measures") is (quantity == 0 or abs(quantity) >= 1e-4)
    listed = fko("--db", str(path), "list", "--json")
    assert listed.code == 0 and f'"quantity": {json.dumps(quantity)},' in listed.out
    lines = fko("--db", str(path), "list", "--jsonl")
    assert lines.code == 0 and f'"quantity":{json.dumps(quantity)},' in lines.out


def test_a_lone_surrogate_in_a_record_read_alone(tmp_path: Path, fko: Callable[..., Result]) -> None:
    """JSON can write a lone surrogate only as an escape: the record's bytes hold one, so its
    strings are searched (the records without an escape are not)."""
    text = SHIPPED.read_text(encoding="utf-8")
    path = tmp_path / "surrogate.json"
    path.write_text(text.replace('"title": "Meisterprämie NRW"', '"title": "Meister\\ud800prämie NRW"'), "utf-8")
    result = fko("--db", str(path), "show", "IV.1")
    assert result.code == 1
    assert "measures/IV.1: 'title' is" in result.err and "lone surrogate" in result.err
    assert fko("--db", str(path), "show", "I.1").code == 0


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    if len({key for key, _ in pairs}) < len(pairs):
        raise ValueError("a key twice in one object")
    return dict(pairs)


@given(data=st.data())
def test_the_table_of_contents_is_used_only_where_it_fits(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Damage in meta's table of contents, or anywhere else: the tables fko cuts out are those
    the whole document holds (or it finds none and reads the file whole)."""
    raw = bytearray(shipped_bytes())
    meta_end = raw.index(b'\n "clusters": ')
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        damage(data, raw, st.one_of(st.integers(0, meta_end), st.integers(0, len(raw) - 1)), b'0123456789{}[]",: \n')
    try:
        whole = json.loads(bytes(raw))
    except ValueError:
        whole = None
    try:
        json.loads(bytes(raw), object_pairs_hook=_unique_keys)
        twice = False
    except ValueError:
        twice = whole is not None  # a key twice in one object: fko may refuse it (build layout)
    path = tmp_path_factory.mktemp("toc") / "s.json"
    path.write_bytes(bytes(raw))
    storage = ReadOnlyJSONStorage(str(path))
    try:
        names = set(storage.open()) | set(REQUIRED) | set(whole if isinstance(whole, dict) else ())
        tables = {name: table for name in sorted(names) if (table := storage.table(name)) is not None}
    except FkoError:
        assert (
            twice
            or not isinstance(whole, dict)
            or not all(isinstance(t, dict) for t in whole.values())
            or (set(REQUIRED) - set(whole))
            or not all(re.fullmatch("[1-9][0-9]{0,8}", k) for t in whole.values() for k in t)
        ), "a valid document was refused"
        return
    assert isinstance(whole, dict) and tables == whole


@pytest.mark.parametrize("table", ["events", "indicators", "recognition", "updates", "initiatives", "search"])
def test_a_table_whose_key_line_is_in_another_layout_is_not_lost(
    table: str, tmp_path: Path, fko: Callable[..., Result]
) -> None:
    """`\n"indicators": ` (no indent) is valid JSON but not the build's layout: the scan does
    not see the table, which then sits inside the slice of the table before it. Asking for it
    reads the whole document, never answers as if the store had no such table."""
    raw = shipped_bytes()
    path = tmp_path / "reindented.json"
    path.write_bytes(raw.replace(f'\n "{table}": '.encode(), f'\n"{table}": '.encode(), 1))
    storage = ReadOnlyJSONStorage(str(path))
    storage.open()
    assert storage.table(table) == json.loads(raw)[table]
    if table == "indicators":
        result = fko("--db", str(path), "indicators", "--json")
        assert result.code == 0 and len(json.loads(result.out)) == len(json.loads(raw)["indicators"])
    if table == "recognition":
        assert fko("--db", str(path), "recognition", "--json").out == fko("recognition", "--json").out


def test_the_shipped_store_lists_its_tables_in_meta() -> None:
    from fko.store.reader import _contents

    raw = shipped_bytes()
    listed = _contents(raw)
    assert listed is not None and list(listed)[:3] == ["meta", "clusters", "events"]
    whole = json.loads(raw)
    assert {name: json.loads(raw[a:b]) for name, (a, b) in listed.items()} == whole
    meta = whole["meta"]["1"]
    assert meta["tables"]["measures"] == list(listed["measures"]) and "meta" not in meta["tables"]


def test_plain_tinydb_opens_the_store(tmp_path: Path) -> None:
    """The layout is still one TinyDB JSON document: TinyDB itself reads every table and record
    as fko does (meta's table of contents and the index's places are only extra keys)."""
    from tinydb import TinyDB

    copy = tmp_path / "fko.json"
    copy.write_bytes(shipped_bytes())
    with TinyDB(str(copy), access_mode="r") as db:
        assert set(db.tables()) == set(json.loads(shipped_bytes()))
        assert db.table("measures").get(doc_id=1)["id"] == "I.1"
        assert len(db.table("measures")) == 64
        assert db.table("meta").get(doc_id=1)["tables"]["measures"][0] > 0
    store = open_store(str(copy))
    assert [m["id"] for m in store.measures()] == [m["id"] for m in shipped_tables()["measures"]]


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


def _resaved(tmp_path: Path, name: str, change: Callable[[dict[str, Any]], None] | None = None) -> Path:
    """The shipped store as another tool writes it (json.dump: another layout), maybe edited."""
    data = json.loads(shipped_bytes())
    if change:
        change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _iv1(data: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in data["measures"].values() if r["id"] == "IV.1")


def test_the_index_is_checked_against_the_content_in_any_layout(tmp_path: Path, fko: Callable[..., Result]) -> None:
    """Re-saved by another tool, the same records: the index is fresh (its content checksum);
    an edit anywhere in a record (here a number in a description): stale, rebuilt, right hits."""
    same = _resaved(tmp_path, "same.json")
    result = fko("--db", str(same), "search", "Meisterprämie", "--json")
    assert result.code == 0 and result.err == "" and result.json()[0]["id"] == "IV.1"
    assert "2186" in _iv1(json.loads(shipped_bytes()))["description"]
    edited_path = _resaved(
        tmp_path, "edited.json", lambda d: _iv1(d).update(description=_iv1(d)["description"].replace("2186", "9186"))
    )
    found = fko("--db", str(edited_path), "search", "9186", "--json")
    assert found.code == 0 and [h["id"] for h in found.json()] == ["IV.1"]
    assert "the search index is stale" in found.err
    gone = fko("--db", str(edited_path), "search", "2186", "--json")
    assert "IV.1" not in [h["id"] for h in gone.json() if h["kind"] == "measure"]


def test_an_index_that_lies_about_a_hit_is_rebuilt(tmp_path: Path, fko: Callable[..., Result]) -> None:
    """The index's own entries edited (the records untouched, so its checksums still match):
    each hit is checked against the store, and an index that lies is rebuilt."""
    raw = shipped_bytes().decode("utf-8")
    docs = json.loads(raw)["search"]["1"]["docs"]
    iv1 = next(d for d in docs if d["id"] == "IV.1" and d["kind"] == "measure")
    iv2 = next(d for d in docs if d["id"] == "IV.2" and d["kind"] == "measure")
    at1, at2 = (json.dumps(d["at"], separators=(",", ":")) for d in (iv1, iv2))
    a, b = f'"at":{at1},"id":"IV.1"', f'"at":{at2},"id":"IV.2"'
    assert raw.count(a) == 1 and raw.count(b) == 1
    # the IDs of two entries swapped, their places kept (as an outside tester did)
    swapped = raw.replace(a, "@A").replace(b, f'"at":{at2},"id":"IV.1"').replace("@A", f'"at":{at1},"id":"IV.2"')
    path = tmp_path / "swapped.json"
    path.write_text(swapped, encoding="utf-8")
    result = fko("--db", str(path), "search", "Meisterprämie", "--json")
    assert result.code == 0 and result.json()[0]["id"] == "IV.1" and result.json()[0]["title"] == "Meisterprämie NRW"
    assert "the search index is stale" in result.err
    figure = '"id":"IV.1","kind":"indicator"'
    assert raw.count(figure) >= 1
    path.write_text(raw.replace(figure, '"id":"ZZ.9","kind":"indicator"', 1), encoding="utf-8")
    result = fko("--db", str(path), "search", "Meisterprämie", "--json")
    assert result.code == 0 and "ZZ.9" not in result.out and "the search index is stale" in result.err


def test_an_edited_figure_makes_the_index_stale(tmp_path: Path, fko: Callable[..., Result]) -> None:
    raw = shipped_bytes().decode("utf-8")
    old = '"metric": "Meisterprämien ausgezahlt"'
    assert old in raw
    path = tmp_path / "figure.json"
    path.write_text(raw.replace(old, '"metric": "Gesellenbriefe gedruckt"'), encoding="utf-8")
    result = fko("--db", str(path), "search", "Gesellenbriefe", "--json")
    assert result.code == 0 and any(h["kind"] == "indicator" and h["id"] == "IV.1" for h in result.json())
    assert "the search index is stale" in result.err


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


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('\n  "36": {', '\n  "35": {', '"35"'),  # a second document 35 would hide III.13
        (
            '"title": "Meisterprämie NRW",',
            '"title": "Meisterprämie NRW",\n   "title": "Gesellenprämie NRW",',
            '"title"',
        ),
    ],
)
def test_a_key_written_twice_is_a_store_error(
    old: str, new: str, key: str, tmp_path: Path, fko: Callable[..., Result]
) -> None:
    """JSON parsers keep the last of two equal keys, silently; in the build's layout fko sees it."""
    text = SHIPPED.read_text(encoding="utf-8")
    at = text.index(old, text.index('\n "measures": '))
    path = tmp_path / "twice.json"
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    for args in (["list"], ["show", "IV.1"], ["search", "Meisterprämie"]):
        result = fko("--db", str(path), *args)
        assert result.code == 1 and result.err == (
            f"fko: store {path}: measures: the key {key} occurs twice in one object; rebuild it with `fko data build`\n"
        ), args
