"""The store is untrusted input: validated on open, damaged and hostile stores fail in one line."""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from fko.store.fileformat import SHIPPED, SHIPPED_DIGEST, digest
from fko.store.reader import Store, open_store, table_problem

from ..conftest import LONG, ROOT, Result, shipped_tables
from .hostile import INVALID, TOLERATED, corpus


def commands(db: Path, out: Path) -> list[list[str]]:
    """One or more runs of every command that reads a store."""
    runs = [
        ["list"],
        ["list", "--json"],
        ["list", "--csv", "--status", "running"],
        ["show", "I.1"],
        ["show", "Meisterprämie", "--json"],
        ["search", "Meister"],
        ["search", "Meister", "--json"],
        ["budget"],
        ["budget", "--by", "year"],
        ["compare", "I.1", "I.2"],
        ["compare", "-r", "MAGS", "-r", "MSB"],
        ["timeline"],
        ["indicators"],
        ["recognition"],
        ["anerkennung", "--by", "area"],
        ["ressorts"],
        ["clusters"],
        ["sources"],
        ["changes"],
        ["cite", "IV.1"],
        ["diff", str(SHIPPED), str(db)],
        ["export", "--format", "json", "--out", str(out / "x.json"), "--force"],
        ["export", "--format", "sqlite", "--out", str(out / "x.db"), "--force"],
        ["export", "--format", "csv", "--out", str(out / "csv"), "--force"],
    ]
    from fko.cli import COMMANDS

    named = {args[0] for args in runs}
    assert named >= set(COMMANDS) - {"data", "schema"}, "a new command needs a run here"
    return runs


class Timeout(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Timeout()


@pytest.fixture()
def run_fko(fko: Callable[..., Result]) -> Iterator[Callable[..., Result]]:
    """fko in-process, each run stopped after 5 seconds."""
    previous = signal.signal(signal.SIGVTALRM, _alarm)

    def run(*args: str) -> Result:
        signal.setitimer(signal.ITIMER_VIRTUAL, 5)  # CPU seconds: a loaded CI machine is no hang
        try:
            return fko(*args)
        finally:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)

    yield run
    signal.signal(signal.SIGVTALRM, previous)


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, bool]]:
    folder = tmp_path_factory.mktemp("hostile")
    return {name: (path, tolerated) for name, path, tolerated in corpus(folder)}


def assert_store_error(result: Result, path: Path, args: list[str]) -> None:
    assert result.code == 1, (args, result.err)
    assert result.err.startswith(f"fko: store {path}"), (args, result.err)
    assert result.err.count("\n") == 1 and "Traceback" not in result.err, (args, result.err)


#: Commands that read no measure (the recognition figures stand alone): a damaged measure
#: does not stop them, since each table is checked when a command first reads it.
READ_NO_MEASURES = {"recognition", "anerkennung"}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_every_invalid_store_fails_in_one_line(
    name: str, stores: dict[str, tuple[Path, bool]], run_fko: Callable[..., Result], tmp_path: Path
) -> None:
    """Every table (and, in the build's layout, every record) is checked before a command uses
    it: the SQLite export reads them all, so it fails on each store; every other command either
    fails in the same one line or, where it does not read the damage, answers (exit 0); the long
    profile runs every command on every store."""
    path, _ = stores[name]
    probe = ["export", "--format", "sqlite", "--out", str(tmp_path / "x.db"), "--force"]
    assert_store_error(run_fko("--db", str(path), *probe), path, probe)
    assert not (tmp_path / "x.db").exists()
    for args in commands(path, tmp_path) if LONG else [["search", "Meister", "--json"]]:
        result = run_fko("--db", str(path), *args)
        if result.code != 0:
            assert result.code == 1 and result.err.startswith(f"fko: store {path}"), (args, result.err)
            assert result.err.count("\n") == 1 and "Traceback" not in result.err, (args, result.err)


@pytest.mark.parametrize("name", ["month 13"])
def test_every_command_that_reads_a_damaged_measure_fails(
    name: str, stores: dict[str, tuple[Path, bool]], run_fko: Callable[..., Result], tmp_path: Path
) -> None:
    path, _ = stores[name]
    for args in commands(path, tmp_path):
        result = run_fko("--db", str(path), *args)
        if args[0] in READ_NO_MEASURES:
            assert result.code == 0 and "III.9" not in result.out, (args, result.err)
        elif args[0] == "diff":
            assert result.code == 1 and result.err.startswith(f"fko: store {path}"), result.err
        else:
            assert_store_error(result, path, args)
    assert not (tmp_path / "x.json").exists()


@pytest.mark.parametrize("name", sorted(TOLERATED))
def test_damaged_but_usable_stores_never_crash(
    name: str, stores: dict[str, tuple[Path, bool]], run_fko: Callable[..., Result], tmp_path: Path
) -> None:
    path, _ = stores[name]
    runs = commands(path, tmp_path)
    if not LONG:
        runs = runs[::4]
    for args in runs:
        result = run_fko("--db", str(path), *args)
        assert result.code in (0, 1, 2), (args, result.err)
        assert "Traceback" not in result.err and all(
            line.startswith(("fko: ", "store ", "taking ", "wrote ", "no ")) for line in result.err.splitlines()
        ), (args, result.err)


def test_the_message_names_file_table_record_and_key(
    stores: dict[str, tuple[Path, bool]], run_fko: Callable[..., Result]
) -> None:
    path, _ = stores["month 13"]
    result = run_fko("--db", str(path), "list")
    assert result.err == (
        f"fko: store {path}: measures/III.9: 'runtime.start' is \"2023-13\", not a date; "
        "rebuild it with `fko data build`\n"
    )
    path, _ = stores["partners is a string"]
    assert "measures/I.3: 'partners' is \"notalist\", not an array of strings" in run_fko("--db", str(path), "list").err


def test_missing_or_stale_search_index_is_rebuilt_in_memory(
    stores: dict[str, tuple[Path, bool]], run_fko: Callable[..., Result]
) -> None:
    path, _ = stores["no search index"]
    result = run_fko("--db", str(path), "search", "Meisterprämie", "--json")
    assert result.code == 0
    assert result.json()[0]["id"] == "IV.1"
    assert result.err == f"fko: store {path}: the search index is missing; rebuilt it in memory for this run\n"
    path, _ = stores["stale search index"]
    result = run_fko("--db", str(path), "search", "ganz anderer", "--json")
    assert result.code == 0 and result.json()[0]["id"] == "I.1"
    assert "the search index is stale" in result.err
    path, _ = stores["malformed search index"]
    result = run_fko("--db", str(path), "show", "Meisterprämie")
    assert result.code == 0 and result.out.startswith("IV.1: Meisterprämie NRW")


def test_a_store_without_optional_tables_exports_sqlite(
    stores: dict[str, tuple[Path, bool]], run_fko: Callable[..., Result], tmp_path: Path
) -> None:
    import sqlite3

    path, _ = stores["no optional tables"]
    out = tmp_path / "x.db"
    assert run_fko("--db", str(path), "export", "--format", "sqlite", "--out", str(out)).code == 0
    connection = sqlite3.connect(out)
    try:
        assert connection.execute("SELECT count(*) FROM measures").fetchone() == (64,)
        assert connection.execute("SELECT count(*) FROM indicators_fts").fetchone() == (0,)
    finally:
        connection.close()


def test_files_that_are_not_stores(tmp_path: Path, run_fko: Callable[..., Result]) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # opening it for reading would block without O_NONBLOCK
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock"))
    try:
        cases = {
            str(fifo): f"fko: store {fifo} is a FIFO, not a file; point --db at the JSON file\n",
            "/dev/zero": "fko: store /dev/zero is a device, not a file; point --db at the JSON file\n",
            str(tmp_path): f"fko: store {tmp_path} is a directory, not a file; point --db at the JSON file\n",
            str(
                tmp_path / "sock"
            ): f"fko: store {tmp_path / 'sock'} is a socket, not a file; point --db at the JSON file\n",
            str(loop): f"fko: store {loop} cannot be read (Too many levels of symbolic links); check --db or FKO_DB\n",
            str(SHIPPED / "x"): f"fko: store {SHIPPED / 'x'} cannot be read (Not a directory); check --db or FKO_DB\n",
            # a name longer than any file system allows is not repeated whole
            "x" * 300: f"fko: store {'x' * 79}… cannot be read (File name too long); check --db or FKO_DB\n",
        }
        for db, message in cases.items():
            result = run_fko("--db", db, "list")
            assert (result.code, result.err) == (1, message)
    finally:
        sock.close()


def test_size_cap(tmp_path: Path, run_fko: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FKO_MAX_STORE_MB", "0.1")
    result = run_fko("list")
    assert result.code == 1
    assert re.fullmatch(
        rf"fko: store {re.escape(str(SHIPPED))} is 0\.\d MB, more than FKO_MAX_STORE_MB=0\.1; "
        r"raise the limit if you trust it\n",
        result.err,
    )
    monkeypatch.setenv("FKO_MAX_STORE_MB", "nan")
    assert run_fko("list").err == "fko: FKO_MAX_STORE_MB is 'nan', not a number of megabytes above 0\n"


def test_hostile_stores_stay_within_5_seconds_and_500_mb(tmp_path: Path, stores: dict[str, tuple[Path, bool]]) -> None:
    """As processes with a memory limit: /dev/zero, a FIFO, deep nesting, a huge number."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (500 * 2**20, 500 * 2**20))
        resource.setrlimit(resource.RLIMIT_CPU, (5, 5))  # CPU seconds: a loaded CI machine is no hang

    worst = ["/dev/zero", str(stores["deep nesting"][0])]
    if LONG:
        worst += [str(fifo), str(stores["5000-digit integer"][0]), str(stores["truncated"][0])]
    for db in worst:
        result = subprocess.run(
            [sys.executable, "-m", "fko", "--db", db, "budget", "--by", "year"],
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=limit,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith(f"fko: store {db}") and result.stderr.count("\n") == 1


def test_the_shipped_store_is_valid_and_trusted_by_its_checksum() -> None:
    raw = SHIPPED.read_bytes()
    assert SHIPPED_DIGEST.read_text(encoding="ascii").strip() == digest(raw), (
        "the shipped store changed without its checksum: rebuild it with `fko data build` (README, Data)"
    )
    data = json.loads(raw)
    for name, table in data.items():
        assert table_problem(name, [table[k] for k in sorted(table, key=int)]) is None, name
    store = open_store(str(SHIPPED))
    assert not store.validate  # trusted: no check at start-up


def test_a_copy_that_differs_by_one_byte_is_checked(tmp_path: Path) -> None:
    copy = tmp_path / "copy.json"
    copy.write_bytes(SHIPPED.read_bytes().replace(b'"MAGS"', b'"MAGX"', 1))
    store = open_store(str(copy))
    assert store.validate


def test_build_never_writes_a_store_its_own_check_refuses(tmp_path: Path) -> None:
    from fko.errors import FkoError
    from fko.ingest.build import write

    tables: dict[str, list[Any]] = shipped_tables()
    tables["measures"][2]["partners"] = "notalist"
    out = tmp_path / "out.json"
    with pytest.raises(FkoError, match=r"the build made an invalid store \(measures/I.3: 'partners' is \"notalist\""):
        write(tables, out)
    assert not out.exists()


def test_memory_stores_are_trusted(tables: dict[str, list[Any]]) -> None:
    from fko.store.reader import memory_store

    store: Store = memory_store({**tables, "measures": [{"id": "odd"}]})
    assert store.measures() == [{"id": "odd"}]
