"""The machine's refusals (a full disk, a folder without write permission) in the reader's
language: the OS's own words in English, the catalog's for a common errno in German."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fko.cli import main
from fko.i18n import _OS_REASONS, os_reason, speaking

from ..conftest import ROOT, Result
from ..output.test_channels import stream


@pytest.mark.parametrize(
    ("number", "german"),
    [
        (errno.ENOSPC, "Kein Speicherplatz mehr auf dem Gerät"),
        (errno.EACCES, "Keine Berechtigung"),
        (errno.EPERM, "Vorgang nicht erlaubt"),
        (errno.ENOENT, "Datei oder Ordner nicht gefunden"),
        (errno.EISDIR, "Ist ein Ordner"),
        (errno.ENOTDIR, "Ist kein Ordner"),
        (errno.EROFS, "Dateisystem nur lesbar"),
        (errno.EEXIST, "Datei existiert bereits"),
        (errno.ENAMETOOLONG, "Dateiname zu lang"),
        (errno.ELOOP, "Zu viele Ebenen symbolischer Verknüpfungen"),
        (errno.EBUSY, "Gerät oder Ressource belegt"),
        (errno.EIO, "Ein-/Ausgabefehler"),
        (errno.EMFILE, "Zu viele offene Dateien"),
        (errno.EXDEV, "Verknüpfung über Gerätegrenzen hinweg nicht möglich"),
    ],
)
def test_a_common_errno_reads_german_by_its_number(number: int, german: str) -> None:
    error = OSError(number, "the OS's own words")  # the number decides, never the text
    with speaking("de"):
        assert os_reason(error) == german
    with speaking("en"):
        assert os_reason(error) == "the OS's own words"


def test_every_mapped_errno_has_german_words() -> None:
    with speaking("de"):
        german = {number: os_reason(OSError(number, os.strerror(number))) for number in _OS_REASONS}
    assert len(german) >= 20
    assert {n: text for n, text in german.items() if text in (_OS_REASONS[n], os.strerror(n))} == {}


def test_an_errno_fko_does_not_know_and_an_error_without_one_keep_the_os_words() -> None:
    with speaking("de"):
        assert os_reason(OSError(errno.ECONNRESET, "Connection reset by peer")) == "Connection reset by peer"
        assert os_reason(OSError("SQLite: disk I/O error")) == "SQLite: disk I/O error"
        assert os_reason(ValueError("I/O operation on closed file.")) == "I/O operation on closed file."


def test_full_stdout_in_german(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdout", stream(OSError(errno.ENOSPC, "No space left on device")))
    assert main(["--lang", "de", "list"]) == 1
    err = capsys.readouterr().err
    assert err == "fko: die Ausgabe kann nicht nach stdout geschrieben werden: Kein Speicherplatz mehr auf dem Gerät\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_real_full_disk_in_german_and_english() -> None:
    def shell(line: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
        command = f"{sys.executable} -m fko {line} > /dev/full"
        return subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=30, env=env, cwd=ROOT)

    german = shell("--lang de list")
    assert (german.returncode, german.stderr) == (
        1,
        "fko: die Ausgabe kann nicht nach stdout geschrieben werden: Kein Speicherplatz mehr auf dem Gerät\n",
    )
    english = shell("--lang en list")
    assert (english.returncode, english.stderr) == (
        1,
        "fko: cannot write the output to stdout: " + os.strerror(28) + "\n",
    )


def test_a_store_and_an_export_behind_a_symlink_loop(fko: Callable[..., Result], tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    store = fko("--lang", "de", "--db", str(loop), "list")
    assert (store.code, store.err) == (
        1,
        f"fko: Datenbank {loop} kann nicht gelesen werden (Zu viele Ebenen symbolischer Verknüpfungen); "
        "prüfen Sie --db oder FKO_DB\n",
    )
    english = fko("--db", str(loop), "list")
    assert english.err == f"fko: store {loop} cannot be read ({os.strerror(errno.ELOOP)}); check --db or FKO_DB\n"
    export = fko("--lang", "de", "export", "--format", "sqlite", "--out", str(loop / "x.db"))
    assert (export.code, export.err) == (
        1,
        f"fko: kann {loop / 'x.db'} nicht schreiben: Zu viele Ebenen symbolischer Verknüpfungen; "
        "wählen Sie ein anderes --out\n",
    )
    (tmp_path / "a file").write_text("", encoding="utf-8")
    inside = fko("--lang", "de", "list", "--xlsx", str(tmp_path / "a file" / "a.xlsx"))
    assert (inside.code, inside.err) == (
        1,
        f"fko: kann {tmp_path / 'a file' / 'a.xlsx'} nicht schreiben: Ist kein Ordner; wählen Sie ein anderes --xlsx\n",
    )


def test_a_source_or_index_file_the_machine_refuses_reads_german(
    monkeypatch: pytest.MonkeyPatch, fko: Callable[..., Result], tmp_path: Path
) -> None:
    """The report text of `data build` and a store's index file are read like the store: their
    refusals read German too (the two readers had kept the OS's English words)."""
    from fko.search.indexfile import UnreadableIndex, read_index_file

    refused = tmp_path / "refused.txt"
    refused.write_text("x")
    real_open = os.open

    def open_refusing(path: object, *args: object, **kwargs: object) -> int:
        if str(path) == str(refused):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_refusing)
    result = fko("--lang", "de", "data", "build", str(refused), "--check")
    assert (result.code, result.err) == (
        1,
        f"fko: Quelldatei {refused} kann nicht gelesen werden (Keine Berechtigung); prüfen Sie den Pfad\n",
    )
    with speaking("de"), pytest.raises(UnreadableIndex, match="^Keine Berechtigung$"):
        read_index_file(refused)
    with pytest.raises(UnreadableIndex, match="^Permission denied$"):
        read_index_file(refused)
