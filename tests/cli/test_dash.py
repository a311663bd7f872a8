"""`-` is stdin or stdout, as in git, jq and sqlite-utils; every other file option refuses it in one line."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fko.store.fileformat import SHIPPED

from ..conftest import REPORT, ROOT, Result

Fko = Callable[..., Result]


def piped(*args: str, stdin: bytes = b"") -> tuple[int, bytes, str]:
    """fko as a pipe runs it: bytes in on stdin, bytes out of stdout."""
    done = subprocess.run(
        [sys.executable, "-m", "fko", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1", "FKO_DB": "", "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr.decode("utf-8")


def test_export_json_to_stdout_is_the_file_export(fko: Fko, tmp_path: Path) -> None:
    path = tmp_path / "all.json"
    assert fko("export", "--format", "json", "--out", str(path)).code == 0
    code, out, err = piped("export", "--format", "json", "--out", "-")
    assert (code, err) == (0, "")
    assert out == path.read_bytes() and json.loads(out)["budget_items"][0]["measure_id"] == "I.8"
    assert not Path("-").exists()  # no file named -


def test_export_csv_to_stdout_is_one_table(fko: Fko) -> None:
    code, out, err = piped("export", "--format", "csv", "--out", "-", "--table", "measures", "--delimiter", ",")
    assert (code, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out.decode("utf-8"))))
    assert rows[0][:4] == ["id", "kind", "cluster", "title"] and len(rows) == 1 + 64 + 4  # measures and initiatives
    refused = fko("export", "--format", "csv", "--out", "-")
    assert refused.code == 2 and refused.err.startswith("fko: --format csv --out - writes one table: add --table NAME")
    assert fko("export", "--format", "csv", "--out", "-", "--table", "nope").err.startswith(
        "fko: unknown --table 'nope'; use one of sources, clusters"
    )
    assert fko("export", "--format", "json", "--out", "-", "--table", "measures").code == 2


def test_binary_exports_go_to_a_pipe_never_to_a_terminal(tmp_path: Path) -> None:
    code, out, err = piped("export", "--format", "sqlite", "--out", "-")
    assert (code, err) == (0, "")
    (tmp_path / "p.db").write_bytes(out)
    assert sqlite3.connect(tmp_path / "p.db").execute("select count(*) from measures").fetchone() == (68,)
    code, out, err = piped("export", "--format", "xlsx", "--out", "-")
    assert (code, err, out[:2]) == (0, "", b"PK")
    code, out, err = piped("budget", "--xlsx", "-")
    assert (code, err, out[:2]) == (0, "", b"PK")
    code, _, err = piped("export", "--format", "sqlite", "--out", "-", "--metadata")
    assert (code, err) == (2, "fko: --metadata writes a file beside the database: give --out a file name, not -\n")


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--format", "sqlite", "--out", "-"),
        ("export", "--format", "xlsx", "--out", "-"),
        ("list", "--xlsx", "-"),
    ],
)
def test_binary_data_is_refused_on_a_terminal(args: tuple[str, ...]) -> None:
    from ..output.conftest import on_pty

    result = on_pty(list(args), 80)
    assert result.code == 2 and "writes binary data: redirect stdout to a file or a pipe" in result.err


def test_a_store_from_stdin() -> None:
    code, out, err = piped("--db", "-", "list", "--json", stdin=SHIPPED.read_bytes())
    assert (code, err) == (0, "") and len(json.loads(out)) == 64
    code, out, err = piped("--db", "-", "search", "Meisterprämie", "--json", stdin=SHIPPED.read_bytes())
    assert (code, err) == (0, "") and json.loads(out)[0]["id"] == "IV.1"  # indexed in memory, quietly
    code, out, err = piped("--db", "-", "list", stdin=b'{"meta": {}}')
    assert (code, out) == (1, b"") and err.startswith("fko: store <stdin> is not an fko store")


def test_diff_reads_the_second_store_from_stdin() -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["measures"]["1"]["title"] += " (neu)"
    code, out, err = piped("diff", str(SHIPPED), "-", "--json", stdin=json.dumps(data).encode("utf-8"))
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert (result["new_store"], result["summary"]["changed_count"]) == ("<stdin>", 1)
    code, _, err = piped("diff", "-", "-", stdin=SHIPPED.read_bytes())
    assert (code, err) == (2, "fko: only one of OLD and NEW can be - (standard input holds one store)\n")


def test_data_build_reads_the_report_from_stdin(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "piped.json"
    code, _, err = piped("data", "build", "-", "--out", str(out), "--sources", str(sources), stdin=REPORT.read_bytes())
    assert code == 0, err
    assert out.read_bytes() == SHIPPED.read_bytes()  # recorded under the report's own file name


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("data", "build", "x.txt", "--out", "-"), "--out cannot be - (stdin or stdout): it is two files"),
        (("data", "build", "x.txt", "--check", "--curation", "-"), "--curation cannot be - (stdin or stdout)"),
        (("data", "build", "x.txt", "--check", "--sources", "-"), "--sources cannot be - (stdin or stdout)"),
    ],
)
def test_file_options_that_cannot_take_a_dash_say_so(fko: Fko, args: tuple[str, ...], message: str) -> None:
    result = fko(*args)
    assert result.code == 2 and result.err.startswith(f"fko: {message}") and result.err.count("\n") == 1
