"""fko.safe_write and the commands that write files: the old target survives every failure."""

from __future__ import annotations

import errno
import os
import resource
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fko.errors import FkoError
from fko.output.files import write_file, write_folder, write_text

from ..conftest import REPORT, ROOT, Result

OLD = "the old content\n" * 100


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture()
def old(tmp_path: Path) -> Path:
    target = tmp_path / "out.json"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o640)
    return target


def test_new_file_and_replacement_keep_the_mode(old: Path) -> None:
    with pytest.raises(FkoError, match=r"out.json exists; choose another --out or pass --force"):
        write_text(old, "new", force=False)
    assert old.read_text(encoding="utf-8") == OLD
    write_text(old, "new\r\n", force=True)
    assert old.read_bytes() == b"new\r\n"
    assert old.stat().st_mode & 0o777 == 0o640
    fresh = old.with_name("fresh.txt")
    write_text(fresh, "x", force=False)
    assert fresh.read_text(encoding="utf-8") == "x"
    assert leftovers(old.parent) == []


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_failure_half_way_leaves_the_old_file_and_no_temp_file(old: Path, failure: BaseException) -> None:
    def produce(tmp: Path) -> None:
        tmp.write_text("half of the new", encoding="utf-8")
        raise failure

    with pytest.raises(FkoError if isinstance(failure, OSError) else KeyboardInterrupt) as caught:
        write_file(old, produce, force=True)
    if isinstance(failure, OSError):
        assert str(caught.value) == (
            f"cannot write {old}: No space left on device; nothing was replaced, free space or choose another --out"
        )
    assert old.read_text(encoding="utf-8") == OLD
    assert leftovers(old.parent) == []


def test_read_only_folder(old: Path) -> None:
    """A folder fko may not write in (chmod for users; root ignores that, so `chattr +i`)."""
    if os.geteuid() != 0:
        old.parent.chmod(0o500)
        undo = ["chmod", "700", str(old.parent)]
    elif subprocess.run(["chattr", "+i", str(old.parent)], capture_output=True).returncode == 0:
        undo = ["chattr", "-i", str(old.parent)]
    else:
        pytest.skip("cannot make a folder read-only here")
    try:
        with pytest.raises(FkoError, match=r"cannot write .*out.json: (Permission denied|Operation not permitted)"):
            write_text(old, "new", force=True)
    finally:
        subprocess.run(undo, check=True)
    assert old.read_text(encoding="utf-8") == OLD
    assert leftovers(old.parent) == []


def test_refuses_fifo_device_socket_folder_without_opening_them(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # opening it for writing would block forever
    with pytest.raises(FkoError, match=r"fifo is a FIFO, not a file; choose another --out"):
        write_text(fifo, "x", force=True)
    with pytest.raises(FkoError, match=r"/dev/null is a device, not a file"):
        write_text(Path("/dev/null"), "x", force=True)
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "sock"))
        with pytest.raises(FkoError, match=r"sock is a socket, not a file"):
            write_text(tmp_path / "sock", "x", force=True)
    finally:
        sock.close()
    with pytest.raises(FkoError, match=r"is a folder, not a file"):
        write_text(tmp_path, "x", force=True)
    with pytest.raises(FkoError, match=r"fifo is a FIFO, not a folder"):
        write_folder(fifo, lambda d: None, force=True)
    assert leftovers(tmp_path) == []


def test_symlink_refused_unless_followed(old: Path) -> None:
    link = old.with_name("link.json")
    link.symlink_to(old.name)
    with pytest.raises(FkoError, match=r"link.json is a symlink; pass --follow-symlinks"):
        write_text(link, "new", force=True)
    assert old.read_text(encoding="utf-8") == OLD
    write_text(link, "new", force=True, follow_symlinks=True)
    assert link.is_symlink() and old.read_text(encoding="utf-8") == "new"
    loop = old.with_name("loop")
    loop.symlink_to("loop")
    with pytest.raises(FkoError, match=r"broken symlink or a loop"):
        write_text(loop, "x", force=True, follow_symlinks=True)


def test_protected_files_refused_also_through_a_hard_link(old: Path) -> None:
    hard = old.with_name("hard.json")
    os.link(old, hard)
    for target in (old, hard):
        with pytest.raises(FkoError, match=r"refusing to replace .*: fko is reading it"):
            write_text(target, "new", force=True, protect=[old])
    with pytest.raises(FkoError, match=r"it holds .*out.json, which fko is reading"):
        write_folder(old.parent, lambda d: None, force=True, protect=[old])
    assert old.read_text(encoding="utf-8") == OLD


def test_folder_swap_and_failure(tmp_path: Path) -> None:
    folder = tmp_path / "csv"

    def produce(version: str, fail: bool = False) -> None:
        def fill(tmp: Path) -> None:
            (tmp / "a.csv").write_text(version, encoding="utf-8")
            if fail:
                raise OSError(errno.ENOSPC, "No space left on device")
            (tmp / "b.csv").write_text(version, encoding="utf-8")

        write_folder(folder, fill, force=True)

    produce("one")
    produce("two")
    assert {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()} == {"a.csv": "two", "b.csv": "two"}
    with pytest.raises(FkoError, match="No space left"):
        produce("three", fail=True)
    assert {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()} == {"a.csv": "two", "b.csv": "two"}
    (folder / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FkoError, match=r"holds 'mine.txt', which fko did not write"):
        produce("four")
    assert (folder / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (folder / "a.csv").read_text(encoding="utf-8") == "two"
    assert leftovers(tmp_path) == []


def run_fko(*args: str, cwd: Path, fsize: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run(
        [sys.executable, "-m", "fko", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT), "FKO_DB": ""},
    )


@pytest.mark.parametrize("fmt", ["json", "sqlite", "xlsx"])
def test_full_disk_leaves_the_old_export(tmp_path: Path, fmt: str) -> None:
    """Like `ulimit -f 64`: the export fails in one line, the old file is byte-identical."""
    if fmt == "xlsx":
        pytest.importorskip("xlsxwriter")
    old = tmp_path / f"old.{fmt}"
    old.write_bytes(b"x" * 1000)
    result = run_fko("export", "--format", fmt, "--out", old.name, "--force", cwd=tmp_path, fsize=64 * 1024)
    assert result.returncode == 1
    assert result.stderr.startswith(f"fko: cannot write old.{fmt}: ") and result.stderr.count("\n") == 1
    assert result.stderr.endswith("; nothing was replaced, free space or choose another --out\n")
    assert old.read_bytes() == b"x" * 1000
    assert leftovers(tmp_path) == []


def test_sigkill_mid_write_leaves_the_old_file(old: Path) -> None:
    child = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from fko.output.files import write_file\n"
        "def produce(tmp):\n"
        "    tmp.write_text('partial new content', encoding='utf-8')\n"
        "    print('ready', flush=True)\n"
        "    time.sleep(60)\n"
        "write_file(Path(sys.argv[1]), produce, force=True)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", child, str(old)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert old.read_text(encoding="utf-8") == OLD  # the partial new file never took its place
    assert all(name.endswith(".tmp") for name in leftovers(old.parent))


def test_data_build_refuses_existing_source_and_store(tmp_path: Path, fko: Callable[..., Result]) -> None:
    run = fko
    if not REPORT.exists():
        pytest.skip("source texts not found")
    existing = tmp_path / "existing.json"
    existing.write_text("{}", encoding="utf-8")
    result = run("data", "build", str(REPORT), "--out", str(existing))
    assert (result.code, result.err) == (
        1,
        f"fko: {existing} exists; choose another --out or pass --force to replace it\n",
    )
    result = run("data", "build", str(REPORT), "--out", str(REPORT), "--force")
    assert (result.code, result.err) == (
        1,
        f"fko: refusing to replace {REPORT}: fko is reading it; choose another --out\n",
    )
    result = run("--db", str(existing), "data", "build", str(REPORT), "--out", str(existing), "--force")
    assert result.code == 1 and "fko is reading it" in result.err
    assert existing.read_text(encoding="utf-8") == "{}"
    result = run("data", "build", str(REPORT), "--out", str(existing), "--force")
    assert result.code == 0, result.err
    assert existing.stat().st_size > 100_000


def test_sqlite_export_of_a_store_without_optional_tables(tmp_path: Path, tables: dict[str, list[Any]]) -> None:
    import sqlite3

    from fko.domain.export import export
    from fko.store.reader import memory_store

    required = {k: v for k, v in tables.items() if k in ("meta", "measures", "clusters", "ressorts", "sources")}
    out = tmp_path / "fko.db"
    assert export(memory_store(required), "sqlite", out) == [out]
    connection = sqlite3.connect(out)
    try:
        assert connection.execute("SELECT count(*) FROM measures").fetchone() == (64,)
        assert connection.execute("SELECT count(*) FROM indicators").fetchone() == (0,)
        columns = [row[1] for row in connection.execute("PRAGMA table_info(indicators)")]
        assert {"id", "measure_id", "metric", "quote"} <= set(columns)
        assert connection.execute("SELECT count(*) FROM indicators_fts WHERE indicators_fts MATCH 'x'").fetchone() == (
            0,
        )
    finally:
        connection.close()


@pytest.fixture(scope="module")
def source_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The source texts in a folder of their own (the build reads the later sources beside the report)."""
    if not REPORT.exists():
        pytest.skip("source texts not found")
    folder = tmp_path_factory.mktemp("sources")
    for text in REPORT.parent.glob("*.txt"):
        (folder / text.name).write_bytes(text.read_bytes())
    return folder


def test_data_build_on_hostile_sources(tmp_path: Path, source_copy: Path, fko: Callable[..., Result]) -> None:
    """Empty, foreign, truncated, binary sources, a folder, a device: one line, exit 1, nothing written."""
    report = source_copy / REPORT.name
    text = REPORT.read_text(encoding="utf-8")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    cases = {
        "empty": b"",
        "foreign": b"Sehr geehrte Damen und Herren,\nanbei die Unterlagen.\n",
        "truncated": text[: len(text) // 3].encode(),
        "cut in the overview": text[:9000].encode(),  # an IndexError in the parser once
        "binary": bytes(range(256)) * 10,
        "nul": b"abc\x00def",
    }
    out = tmp_path / "out.json"
    for name, content in cases.items():
        source = source_copy / f"{name}.txt"
        source.write_bytes(content)
        result = fko("data", "build", str(source), "--out", str(out))
        assert result.code == 1, (name, result.err)
        assert result.err.count("\n") == 1 and result.err.startswith("fko: "), (name, result.err)
        assert not out.exists(), name
    for source, message in (
        (tmp_path, f"fko: source file {tmp_path} is a folder, not a file; check the path\n"),
        (Path("/dev/zero"), "fko: source file /dev/zero is a device, not a file; check the path\n"),
        (fifo, f"fko: source file {fifo} is a FIFO, not a file; check the path\n"),
    ):
        result = fko("data", "build", str(source), "--out", str(out))
        assert (result.code, result.err) == (1, message)
    assert report.exists()


@pytest.mark.parametrize(
    ("curation", "message"),
    [
        ('[partners]\n"IV.1" = "notalist"\n', "'partners.IV.1' is \"notalist\", not an array of strings"),
        ("partners = 5\n", "'partners' is 5, not an object"),
        ('[[budget]]\nid = "IV.1"\nitem = "1"\n', "'budget[0].item' is \"1\", not an integer"),
        ('[[sources]]\nkey = "report"\n', "'sources[0].file' is missing"),
        ('[aliases]\n"IV.1" = [1]\n', "'aliases.IV.1[0]' is 1, not a string"),
        ("unknown = 1\n", "'unknown' is not a field of Curation"),
    ],
)
def test_data_build_refuses_a_curation_file_with_wrong_types(
    curation: str, message: str, tmp_path: Path, source_copy: Path, fko: Callable[..., Result]
) -> None:
    path = tmp_path / "curation.toml"
    path.write_text(curation, encoding="utf-8")
    out = tmp_path / "out.json"
    result = fko("data", "build", str(source_copy / REPORT.name), "--curation", str(path), "--out", str(out))
    assert (result.code, result.err) == (1, f"fko: curation file {path}: {message}\n")
    assert not out.exists()
