"""Output that scripts, spreadsheets and terminals can trust: CSV, JSON, plain text, pipes."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fko.model.records import RECORD_TYPES
from fko.output import tables
from fko.output import terminal as term
from fko.output.fields import Field, Marked, key
from fko.store.fileformat import SHIPPED
from fko.store.reader import Store

from ..conftest import Result

Fko = Callable[..., Result]
HOSTILE = '=HYPERLINK("http://evil.example","klick") [bold red]rot[/] [link=x]y[/link] \x1b[31mESC\x1b[0m \x07BEL \x9b'


#: fko's own styles in a colour terminal: bold, dim, bold reverse, and the reset.
OWN_STYLES = re.compile(r"\x1b\[(?:1|2|1;7|0)m")


def marked_field() -> Field:
    return Field("x", "X", key("x"), marked=lambda row: Marked(row["x"], [(0, 3), (5, 400)]))


@settings(max_examples=200)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
    | st.sampled_from(["[", "]", "[/]", "[link=x]", "[bold]x[/bold]", "\x1b[2J", "\x07", "a\x9bb", "[red]"]),
    st.booleans(),
    st.sampled_from([10, 40, 200]),
)
def test_any_string_renders_through_the_terminal_table_without_escapes(text: str, colour: bool, width: int) -> None:
    fields = [Field("id", "ID", key("x"), keep_whole=True), marked_field(), Field("y", "Y", key("x"), drop=1)]
    for output in (
        tables.terminal_table([{"x": text}], fields, title=text, footer=[text], width=width, colour=colour),
        tables.terminal_record(text, [("Label", text), (text, "x")], width=width, colour=colour),
    ):
        if colour:
            output = OWN_STYLES.sub("", output)
        assert "\x1b" not in output and "\x07" not in output and "\x9b" not in output


@given(st.text(alphabet=st.sampled_from("[]/=abc:#ä@+-"), min_size=1, max_size=30), st.booleans())
def test_markup_like_text_is_shown_unchanged(text: str, colour: bool) -> None:
    output = tables.terminal_table([{"x": text}], [marked_field()], width=400, colour=colour)
    assert text in OWN_STYLES.sub("", output)
    shown = tables.terminal_record("T", [("Label", text)], width=400, colour=colour)
    assert text in OWN_STYLES.sub("", shown)


def test_list_csv_for_spreadsheets(fko: Fko) -> None:
    result = fko("list", "--csv")
    assert result.code == 0
    assert result.out.startswith("\ufeffid;kind;cluster;title;")
    rows = list(csv.DictReader(io.StringIO(result.out.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 64
    assert next(r for r in rows if r["id"] == "IV.1")["title"] == "Meisterprämie NRW"
    assert next(r for r in rows if r["id"] == "I.2")["title"].startswith(
        "Weitere Einstellungsmöglichkeit für Lehrkräfte"
    )
    comma = fko("list", "--csv", "--delimiter", ",", "--fields", "id,title")
    assert comma.out.splitlines()[0] == "id,title"
    assert fko("list", "--csv", "--delimiter", "ab").code == 2


def test_unknown_field_lists_the_valid_ones(fko: Fko) -> None:
    result = fko("list", "--json", "--fields", "id,colour")
    assert result.code == 2
    assert result.err.startswith("fko: unknown field 'colour' for --fields; valid fields: id, kind, cluster, title")
    picked = fko("budget", "--json", "--fields", "id,amount_eur").json()
    assert set(picked[0]) == {"id", "amount_eur"}


def hostile_store(tmp_path: Path) -> Path:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    first = data["measures"]["1"]
    first["title"] = HOSTILE
    first["partners"] = ["[blink]Partner[/blink]", "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\"]
    first["description"] = "Beschreibung \x1b[2J mit [b]Markup[/b]"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_hostile_store_is_harmless(fko: Fko, tmp_path: Path) -> None:
    db = str(hostile_store(tmp_path))
    for args in (["list"], ["show", "I.1"], ["list", "--csv"], ["search", "Seiteneinstieg"], ["compare", "I.1", "I.2"]):
        result = fko("--db", db, *args)
        assert result.code == 0, (args, result.err)
        assert "\x1b" not in result.out and "\x07" not in result.out, args
    assert "[bold red]rot[/]" in fko("--db", db, "list").out
    rows = list(csv.reader(io.StringIO(fko("--db", db, "list", "--csv").out.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][3].startswith("'=HYPERLINK(")
    assert fko("--db", db, "show", "I.1", "--json").json()[0]["title"] == HOSTILE  # JSON keeps the data as it is


def test_json_is_utf8_and_one_document(fko: Fko) -> None:
    result = fko("show", "IV.1", "--json")
    assert "Meisterprämie" in result.out and "\\u00e4" not in result.out
    assert isinstance(json.loads(result.out), list)
    assert isinstance(fko("search", "zdi", "--json").json(), list)


def test_colour_only_in_terminals_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert term.use_colour()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not term.use_colour()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    monkeypatch.delenv("NO_COLOR")
    assert not term.use_colour()


def run_fko(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FKO_DB")}
    environment.update(env or {"TERM": "xterm-256color"})
    return subprocess.run([sys.executable, "-m", "fko", *args], capture_output=True, env=environment, check=False)


def test_the_console_script_ends_at_once_with_everything_written(fko: Fko, tmp_path: Path) -> None:
    """`python -m fko` (the console script's entry, which skips the interpreter's shutdown) writes
    the same bytes and exits with the same codes as main() in-process, and leaves whole files."""
    whole = run_fko("list", "--json")
    assert (whole.returncode, whole.stderr) == (0, b"")
    assert whole.stdout.decode("utf-8") == fko("list", "--json").out
    missing = run_fko("show", "ZZ.9")
    assert missing.returncode == 1 and missing.stdout == b"" and missing.stderr.count(b"\n") == 1
    usage = run_fko("list", "--bogus")
    assert usage.returncode == 2 and usage.stderr.startswith(b"fko: No such option: --bogus")
    target = tmp_path / "all.db"
    wrote = run_fko("export", "--format", "sqlite", "--out", str(target))
    assert wrote.returncode == 0
    with contextlib.closing(sqlite3.connect(target)) as db:
        assert db.execute("select count(*) from measures where id = 'IV.1'").fetchone() == (1,)


def test_a_closed_pipe_ends_quietly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "fko", "list", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    head = process.stdout.read(100)
    process.stdout.close()
    code = process.wait(timeout=30)
    assert head.startswith(b"[")
    assert (code, process.stderr.read()) == (0, b"")


def test_pipes_get_whole_lines_and_no_escape_codes() -> None:
    show = run_fko("show", "IV.7")
    assert b"https://www.aok.de/karriere/ausbildung/sozialversicherungsfachangestellte/" in show.stdout
    listing = run_fko("list")
    assert listing.returncode == 0 and b"\x1b" not in listing.stdout
    assert (
        b"Weitere Einstellungsm\xc3\xb6glichkeit f\xc3\xbcr Lehrkr\xc3\xa4fte an Gymnasien und Gesamtschulen"
        b" f\xc3\xbcr Grundschulen" in listing.stdout
    )


def test_ctrl_c_exits_130_without_a_traceback(monkeypatch: pytest.MonkeyPatch, fko: Fko) -> None:
    import fko.domain.measures as measures

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(measures, "filter_measures", interrupted)
    result = fko("list")
    assert (result.code, result.err) == (130, "fko: interrupted\n")


def test_entry_point_maps_ctrl_c_during_start(monkeypatch: pytest.MonkeyPatch) -> None:
    import fko.cli
    from fko.__main__ import run

    def interrupted(argv: Any = None) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(fko.cli, "main", interrupted)
    with pytest.raises(SystemExit) as exited:
        run()
    assert exited.value.code == 130


def test_entry_point_names_a_missing_dependency(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An install without a dependency (2.1 added orjson; an editable install not reinstalled
    lacks it): one line naming the module and the fix, exit 1, no traceback."""
    import gc

    import fko.cli
    from fko.__main__ import run

    def missing(argv: Any = None) -> int:
        raise ModuleNotFoundError("No module named 'orjson'", name="orjson")

    monkeypatch.setattr(fko.cli, "main", missing)
    try:
        with pytest.raises(SystemExit) as exited:
            run()
    finally:
        gc.enable()  # run() turns the collector off for the command line
    assert exited.value.code == 1
    assert capsys.readouterr().err == "fko: the module orjson is missing; reinstall fko (pip install .)\n"


def test_completion_of_ids_codes_and_clusters() -> None:
    ids = run_fko(env={"_FKO_COMPLETE": "complete_bash", "COMP_WORDS": "fko show VI.", "COMP_CWORD": "2"})
    assert ids.stdout.split() == [b"VI.1", b"VI.2", b"VI.3", b"VI.4", b"VI.5", b"VI.6", b"VI.7", b"VI.8"]
    codes = run_fko(env={"_FKO_COMPLETE": "complete_bash", "COMP_WORDS": "fko list --ressort MK", "COMP_CWORD": "3"})
    assert codes.stdout.split() == [b"MKJFGFI", b"MKW"]
    clusters = run_fko(env={"_FKO_COMPLETE": "complete_bash", "COMP_WORDS": "fko list --cluster V", "COMP_CWORD": "3"})
    assert clusters.stdout.split() == [b"V", b"VI"]


def test_every_record_of_the_store_matches_its_type(store: Store) -> None:
    from jsonschema import Draft202012Validator

    from fko.model.schema import _names, json_schema, record_schema

    defs = json_schema()["$defs"]
    for name, (record_type, table) in RECORD_TYPES.items():
        assert table is not None
        check = Draft202012Validator({"$defs": defs, **record_schema(record_type, _names())})
        records = store.table(table)
        assert records, name
        for record in records:
            errors = [e.message for e in check.iter_errors(record)]
            assert not errors, (name, record.get("id"), errors[:3])


def test_schema_command(fko: Fko) -> None:
    result = fko("schema", "budget_item", "--json").json()
    assert result["$defs"]["budget_item"]["properties"]["amount_eur"]["type"] == ["integer", "null"]
    assert "\nbudget_item\n" in fko("schema").out
    assert fko("schema", "unicorn").code == 2


def test_export_formats(fko: Fko, tmp_path: Path) -> None:
    db = tmp_path / "fko.db"
    assert fko("export", "--format", "sqlite", "--out", str(db)).code == 0
    connection = sqlite3.connect(db)
    found = connection.execute(
        "SELECT m.id FROM measures_fts f JOIN measures m ON m.rowid = f.rowid WHERE measures_fts MATCH 'Meisterprämie'"
    ).fetchall()
    assert found == [("IV.1",)]
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"measures", "budget_items", "recognition", "indicators", "sources"} <= tables
    assert connection.execute("SELECT amount_eur FROM budget_items WHERE measure_id='III.7' AND item=1").fetchone() == (
        5355028,
    )
    connection.close()
    folder = tmp_path / "csv"
    assert fko("export", "--format", "csv", "--out", str(folder)).code == 0
    assert (folder / "measures.csv").read_text(encoding="utf-8").startswith("\ufeffid;")
    document = tmp_path / "fko.json"
    assert fko("export", "--format", "json", "--out", str(document)).code == 0
    data = json.loads(document.read_text(encoding="utf-8"))
    assert len(data["measures"]) == 64 and len(data["initiatives"]) == 4
    again = fko("export", "--format", "json", "--out", str(document))
    assert again.code == 1 and "--force" in again.err
    assert fko("export", "--format", "json", "--out", str(document), "--force").code == 0
    assert fko("export", "--format", "xml", "--out", str(tmp_path / "x")).code == 2


def test_hostile_store_in_a_colour_terminal_gets_only_fkos_own_styles(
    fko: Fko, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(hostile_store(tmp_path))
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(term, "is_terminal", lambda: True)
    for args in (["list"], ["show", "I.1"], ["search", "Seiteneinstieg"], ["compare", "I.1", "I.2"]):
        result = fko("--db", db, *args)
        assert result.code == 0, (args, result.err)
        assert "\x1b[1m" in result.out, args
        rest = OWN_STYLES.sub("", result.out)
        assert "\x1b" not in rest and "\x07" not in rest and "\x9b" not in rest, args
    assert "[bold red]rot[/]" in OWN_STYLES.sub("", fko("--db", db, "list", "--wide").out)


def test_terminal_tables_and_records_do_not_import_rich() -> None:
    code = (
        "import sys\n"
        "from fko.output import terminal\n"
        "from fko.cli import main\n"
        "terminal.is_terminal = lambda: True\n"
        "commands = [['list'], ['search', 'Meisterprämie'], ['budget'], ['compare', 'IV.1', 'II.9'],\n"
        "            ['show', 'IV.1']]\n"
        "for args in commands:\n"
        "    assert main(['--no-pager', *args]) == 0\n"
        "assert 'rich' not in sys.modules, sorted(m for m in sys.modules if m.startswith('rich'))\n"
    )
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FKO_DB", "FORCE_COLOR")}
    environment["TERM"] = "xterm-256color"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=environment, check=False)
    assert done.returncode == 0, done.stderr.decode()[-500:]
    assert b"\x1b[1mIV.1: Meisterpr\xc3\xa4mie NRW\x1b[0m" in done.stdout
