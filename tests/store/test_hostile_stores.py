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

from fko.store.checks import StoreError, check_store
from fko.store.fileformat import SHIPPED, SHIPPED_DIGEST, digest, index_path
from fko.store.reader import Store, open_store

from ..conftest import LONG, ROOT, Result, shipped_tables
from .hostile import INDEX_FILES, INVALID, TOLERATED, corpus, index_corpus


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


@pytest.mark.parametrize("name", sorted(INVALID))
def test_every_invalid_store_fails_every_command_in_the_same_line(
    name: str, stores: dict[str, tuple[Path, bool]], run_fko: Callable[..., Result], tmp_path: Path
) -> None:
    """The whole file is judged when it is opened: every command that reads the store fails
    with the same one line, whether or not it would read the damaged table (`recognition`
    reads no measure; the SQLite export reads every table). The long profile runs every
    command on every store; nothing is written."""
    path, _ = stores[name]
    probe = ["export", "--format", "sqlite", "--out", str(tmp_path / "x.db"), "--force"]
    first = run_fko("--db", str(path), *probe)
    assert_store_error(first, path, probe)
    assert not (tmp_path / "x.db").exists()
    runs = commands(path, tmp_path) if LONG else [["search", "Meister", "--json"], ["recognition"], ["show", "I.1"]]
    for args in runs:
        result = run_fko("--db", str(path), *args)
        assert (result.code, result.out, result.err) == (1, "", first.err), args
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("name", ["a table twice", "schema_version 1 (fko 2.2)", "indicator of ZZ.9"])
def test_every_command_refuses_the_new_store_errors(
    name: str, stores: dict[str, tuple[Path, bool]], run_fko: Callable[..., Result], tmp_path: Path
) -> None:
    """The store errors of issue #22 and #25, run through every command in any profile: a
    table written twice (13 commands answered "no measure matches" with exit 0), a store of
    fko 2.2's format, a fact naming a measure the store lacks."""
    path, _ = stores[name]
    errors = set()
    for args in commands(path, tmp_path):
        result = run_fko("--db", str(path), *args)
        assert_store_error(result, path, args)
        assert result.out == "", args
        errors.add(result.err)
    assert len(errors) == 1, errors
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("name", sorted(TOLERATED))
def test_valid_stores_with_odd_content_never_crash(
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
            line.startswith(("fko: ", "taking ", "wrote ", "no ")) for line in result.err.splitlines()
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


@pytest.fixture(scope="module")
def index_stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return dict(index_corpus(tmp_path_factory.mktemp("indexes")))


#: What each index file of the corpus makes fko say (None: nothing; it is used, or there is none).
INDEX_WARNINGS = {
    "no index file": None,
    "the shipped index file": None,
    "stale index file": "stale (made from other bytes than the store's)",
    "index file without a checksum": "stale (made from other bytes than the store's)",
    "malformed postings": "malformed",
    "postings that do not decode": "malformed",
    "a stem naming a word without postings": "malformed",
    "a line of postings without its tab": "malformed",
    "an index of the earlier layout": "from an earlier fko (`fko data build` writes it anew)",
    "index not an object": "malformed",
    "lone surrogate in the index": "unreadable (not JSON)",
    "truncated index file": "unreadable (not JSON)",
    "empty index file": "unreadable (not JSON)",
    "index file a JSON array": "unreadable (not an index file)",
}


@pytest.mark.parametrize("name", sorted(INDEX_FILES))
def test_a_damaged_index_file_is_made_anew_in_memory_with_a_warning(
    name: str, index_stores: dict[str, Path], run_fko: Callable[..., Result]
) -> None:
    """The store beside the index file is a valid copy of the shipped one: its search finds
    what the shipped store's finds, whatever the index file holds; a missing one is made in
    memory quietly, a stale or damaged one with one warning line naming both files. Made in
    memory, it takes the curated aliases and the general-language tables from the shipped index."""
    path = index_stores[name]
    expected = run_fko("--db", str(SHIPPED), "search", "Meisterprämie", "--json")
    result = run_fko("--db", str(path), "search", "Meisterprämie", "--json")
    assert (result.code, result.out) == (0, expected.out), (name, result.err)
    assert result.json()[0]["id"] == "IV.1"
    problem = INDEX_WARNINGS[name]
    if problem is None:
        assert result.err == ""
    else:
        assert result.err == (
            f"fko: store {path}: the search index {index_path(path)} is {problem}; rebuilt it in memory for this run\n"
        )
    shown = run_fko("--db", str(path), "show", "Meisterpramie")
    assert shown.code == 0 and shown.out.startswith("IV.1: Meisterprämie NRW"), shown.err
    assert (
        shown.err.splitlines()[-1]
        == "fko: taking IV.1 Meisterprämie NRW: the only measure whose name matches 'Meisterpramie'"
    )


def test_the_index_files_corpus_is_all_described() -> None:
    assert set(INDEX_WARNINGS) == set(INDEX_FILES)


def test_an_index_file_that_is_a_directory_or_fifo_is_no_index(tmp_path: Path, run_fko: Callable[..., Result]) -> None:
    for number, make in enumerate((os.mkdir, os.mkfifo)):
        path = tmp_path / f"s{number}" / "fko.json"
        path.parent.mkdir()
        path.write_bytes(SHIPPED.read_bytes())
        make(index_path(path))
        result = run_fko("--db", str(path), "search", "Meisterprämie", "--json")
        assert result.code == 0 and result.json()[0]["id"] == "IV.1"
        assert result.err == (
            f"fko: store {path}: the search index {index_path(path)} is unreadable (not a regular file); "
            "rebuilt it in memory for this run\n"
        )


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
    check_store(str(SHIPPED), json.loads(raw))  # it would pass the check it is spared
    store = open_store(str(SHIPPED))
    assert store.trusted and store.digest == digest(raw)
    index = json.loads(index_path(SHIPPED).read_bytes())
    assert index["store_blake2b"] == store.digest, "the shipped index was made from other bytes: rebuild both"


def test_a_copy_that_differs_by_one_byte_is_checked(tmp_path: Path) -> None:
    """Not the shipped bytes, so not trusted: checked, whether the byte breaks it or not."""
    raw = SHIPPED.read_bytes()
    harmless = tmp_path / "harmless.json"
    harmless.write_bytes(raw.replace(b'"Meisterpr\xc3\xa4mie NRW"', b'"Meisterpr\xc3\xa4mie NRX"', 1))
    store = open_store(str(harmless))
    assert not store.trusted and store.record("IV.1")["title"] == "Meisterprämie NRX"  # type: ignore[index]
    broken = tmp_path / "broken.json"
    broken.write_bytes(raw.replace(b'"year_from": 2023', b'"year_from": 1023', 1))
    with pytest.raises(StoreError, match=r"'budget.items\[0\].year_from' is 1023, not a year between 1900 and 2100"):
        open_store(str(broken))
    copy = tmp_path / "copy.json"
    copy.write_bytes(raw)
    assert open_store(str(copy)).trusted  # a byte-identical copy is the shipped store


def test_build_never_writes_a_store_its_own_check_refuses(tmp_path: Path) -> None:
    from fko.errors import FkoError
    from fko.ingest.build import BuildResult, write

    tables: dict[str, list[Any]] = shipped_tables()
    tables["measures"][2]["partners"] = "notalist"
    out = tmp_path / "out.json"
    with pytest.raises(FkoError, match=r"the build made an invalid store \(measures/I.3: 'partners' is \"notalist\""):
        write(BuildResult(tables=tables), out)
    assert not list(tmp_path.iterdir())


def test_memory_stores_are_not_checked(tables: dict[str, list[Any]]) -> None:
    """A store in memory is made by fko itself (tests, the build): taken as it is."""
    from fko.store.reader import memory_store

    store: Store = memory_store({**tables, "measures": [{"id": "odd"}]})
    assert store.measures() == [{"id": "odd"}] and store.in_memory and store.digest is None
