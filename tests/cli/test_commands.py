"""`fko list`, `fko show`, `fko ressorts`, `fko clusters`, the global --db and the exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from fko.store.fileformat import SHIPPED

from ..conftest import Result

Fko = Callable[..., Result]


def test_list_json_has_all_measures(fko: Fko) -> None:
    result = fko("list", "--json")
    assert result.code == 0, result.err
    rows = result.json()
    assert len(rows) == 64
    assert {
        "id",
        "cluster",
        "title",
        "description",
        "goal",
        "runtime",
        "budget",
        "urls",
        "ressorts",
        "partners",
        "publication",
        "in_force",
        "source",
    } <= set(rows[0])


def test_list_filters(fko: Fko) -> None:
    msb = [m["id"] for m in fko("list", "--ressort", "msb", "--json").json()]
    assert {"I.1", "I.2", "I.3", "I.4", "I.5", "I.6", "I.7"} <= set(msb)
    both = fko("list", "-r", "MSB", "-r", "mhkbd", "--cluster", "VI", "--json").json()
    assert [m["id"] for m in both] == ["VI.1", "VI.4", "VI.8"]
    lgh = fko("list", "--partner", "gewerbeförderungsstelle", "--json").json()
    assert [m["id"] for m in lgh] == ["IV.1"]


def test_list_table(fko: Fko) -> None:
    result = fko("list", "--cluster", "4")
    assert result.code == 0
    assert result.out.splitlines()[0] == "11 measures"
    assert result.out.splitlines()[3].split() == [
        "IV.1",
        "Meisterprämie",
        "NRW",
        "MAGS",
        "06/2023",
        "bis",
        "mind.",
        "Ende",
        "der",
        "Legislaturperiode",
        "running",
    ]
    assert result.out.splitlines()[1].split() == ["ID", "Title", "Ministries", "Runtime", "Status"]


def test_unknown_filter_values_are_usage_errors(fko: Fko) -> None:
    result = fko("list", "--ressort", "XYZ")
    assert result.code == 2
    assert result.err.startswith("fko: unknown ministry 'XYZ'; use one of ")
    assert fko("list", "--cluster", "VII").code == 2


def test_show_accepts_lower_case_and_several_ids(fko: Fko) -> None:
    (one,) = fko("show", "iv.1", "--json").json()
    assert one["id"] == "IV.1"
    several = fko("show", "IV.1", "II.9", "--json").json()
    assert [m["id"] for m in several] == ["IV.1", "II.9"]


def test_show_record_is_complete(fko: Fko) -> None:
    out = fko("show", "IV.7").out
    assert "https://www.aok.de/karriere/ausbildung/sozialversicherungsfachangestellte/" in out
    assert "Runtime: not stated" in out
    assert "In force: 07.12.2023" in out
    assert out.startswith("IV.7: Neuer Fortbildungsberuf Krankenkassenfachwirt/in\n")


def test_unknown_id_suggests_the_closest(fko: Fko) -> None:
    result = fko("show", "IV.99")
    assert (result.code, result.out, result.err) == (1, "", "fko: no measure 'IV.99'; did you mean IV.9?\n")


def test_usage_errors_exit_2(fko: Fko) -> None:
    assert fko("show").code == 2
    result = fko("list", "--bogus")
    assert result.code == 2
    assert result.err == "fko: No such option: --bogus; see 'fko list --help'\n"
    assert fko("list", "--json", "--csv").code == 2


def test_reference_tables(fko: Fko) -> None:
    ressorts = {r["code"]: r for r in fko("ressorts", "--json").json()}
    assert len(ressorts) == 13
    assert ressorts["MAGS"]["measures"] == 22
    assert ressorts["FM"]["measures"] == 0
    clusters = fko("clusters", "--json").json()
    assert [c["measures"] for c in clusters] == [12, 10, 13, 11, 10, 8]


def test_db_option_and_environment(fko: Fko, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["measures"] = {"1": data["measures"]["1"]}
    for name in ("recognition", "indicators", "updates", "events"):  # their measures are gone
        data[name] = {}
    small = tmp_path / "small.json"
    small.write_text(json.dumps(data), encoding="utf-8")
    assert len(fko("--db", str(small), "list", "--json").json()) == 1
    monkeypatch.setenv("FKO_DB", str(small))
    assert len(fko("list", "--json").json()) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "not found"),
        ('{"measures": {"1": {"id"', "is not valid JSON"),
        ("[1, 2]", "is not an fko store"),
    ],
)
def test_broken_stores_name_the_file(fko: Fko, tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "store.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = fko("--db", str(path), "list")
    assert result.code == 1
    assert result.err.startswith(f"fko: store {path} {message}")
    assert "Traceback" not in result.err


def test_shipped_store_is_never_written(fko: Fko) -> None:
    before = SHIPPED.stat().st_mtime_ns
    fko("list")
    fko("show", "IV.1")
    assert SHIPPED.stat().st_mtime_ns == before


def test_no_arguments_show_the_help(fko: Fko) -> None:
    """`fko` (or `fko data`) alone asks what fko can do: the help, on stdout, exit 0; stderr keeps
    its rule that every line there is an `fko: ` message."""
    result = fko()
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("Usage: fko [OPTIONS] COMMAND [ARGS]...")
    assert "  search " in result.out and "  budget " in result.out
    group = fko("data")
    assert (group.code, group.err) == (0, "")
    assert group.out.startswith("Usage: fko data [OPTIONS] COMMAND [ARGS]...") and "  build " in group.out


@pytest.mark.parametrize(
    "args",
    [
        ("search", "xyzzyq"),
        ("search", "Ausbildung", "--ressort", "MKW"),
        ("show", "Indien"),
        ("show", "IV.99"),
        ("list", "--no-such-option"),
        ("budget", "--year", "abc"),
        ("indicators", "III.1"),
        ("data", "build", "/nonexistent.txt", "--check"),
        ("export", "--format", "json", "--out", "/nonexistent/dir/x.json"),
        ("--show-completion", "tcsh"),
    ],
)
def test_every_line_on_stderr_is_an_fko_message(fko: Fko, args: tuple[str, ...]) -> None:
    result = fko(*args)
    assert result.err, args  # each of these says something
    assert all(line.startswith("fko: ") for line in result.err.splitlines()), result.err


@pytest.mark.parametrize("command", ["diff", "schema"])
def test_the_help_says_what_json_prints(fko: Fko, command: str) -> None:
    """diff and schema print one object; their help said 'one JSON array of records'."""
    shown = fko(command, "--help").out
    assert "--json" in shown and "Print one JSON object (not an array)." in shown
    assert "array of records" not in shown
