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
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fko.model.records import RECORD_TYPES
from fko.output import styled
from fko.output.channels import clean
from fko.output.display import Display
from fko.output.fields import Field, Marked, key
from fko.store.fileformat import SHIPPED
from fko.store.reader import Store

from ..conftest import Result
from .conftest import on_pty, unstyled

Fko = Callable[..., Result]
HOSTILE = '=HYPERLINK("http://evil.example","klick") [bold red]rot[/] [link=x]y[/link] \x1b[31mESC\x1b[0m \x07BEL \x9b'


#: fko's own styles in a colour terminal: bold, dim, bold reverse, and the reset.
OWN_STYLES = re.compile(r"\x1b\[(?:1|2|1;7|0)m")


def marked_field() -> Field:
    return Field("x", "X", key("x"), marked=lambda row: Marked(row["x"], [(0, 3), (5, 400)]))


def on_screen(width: int, colour: bool) -> Display:
    """A terminal of `width` columns that Rich draws on, into a StringIO."""
    return Display(is_terminal=True, colour=colour, width=width, file=io.StringIO())


def screen_text(display: Display) -> str:
    assert isinstance(display.file, io.StringIO)
    return display.file.getvalue()


def every_view(text: str, colour: bool, width: int) -> list[str]:
    """`text` in each terminal view: a table (as ID, marked cell, hidden column, title and
    footer), a record (as title, value and label), blocks, lines and a bar chart."""
    fields = [Field("id", "ID", key("x"), keep_whole=True), marked_field(), Field("y", "Y", key("x"), drop=1)]
    shown = []
    for draw in (
        lambda d: styled.table(d, [{"x": text}], fields, title=text, footer=[text]),
        lambda d: styled.record(d, text, [("Label", text), (text, "x")]),
        lambda d: styled.blocks(d, [(text, [text, f"a\n{text}"])], title=text, footer=[text]),
        lambda d: styled.lines(d, [text, text]),
        lambda d: styled.bar_chart(d, [(text, "██", text)], title=text),
    ):
        display = on_screen(width, colour)
        draw(display)
        shown.append(screen_text(display))
    return shown


any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60) | st.sampled_from(
    ["[", "]", "[/]", "[link=x]", "[bold]x[/bold]", "\x1b[2J", "\x07", "a\x9bb", "[red]", ":smile:", "\u202e1.000 €"]
)


@settings(max_examples=200)
@given(any_text, st.booleans(), st.sampled_from([10, 40, 200]))
def test_any_string_renders_through_every_terminal_view_without_escapes(text: str, colour: bool, width: int) -> None:
    for output in every_view(text, colour, width):
        if colour:
            output = OWN_STYLES.sub("", output)
        assert "\x1b" not in output and "\x07" not in output and "\x9b" not in output
        assert "\u202e" not in output  # no bidi control reaches the terminal


@settings(max_examples=200)
@given(any_text, st.booleans())
@example("ca. 5,5 Mio. € \ue000", False)  # the private-use character fko glues amounts with, in the data itself
def test_rendering_any_string_shows_it_unchanged(text: str, colour: bool) -> None:
    """Wide enough, every view shows the text as fko's data filter leaves it: no character
    added, lost or taken as markup or emoji (Rich may only move line breaks and spaces)."""
    expected = "".join(clean(text).split())

    def drawn(draw: Callable[[Display], None]) -> list[str]:
        display = on_screen(400, colour)
        draw(display)
        return unstyled(screen_text(display)).splitlines()

    table = drawn(lambda d: styled.table(d, [{"x": text}], [marked_field()]))
    assert table[0].strip() == "X" and set(table[1]) == {"─"}
    assert "".join("".join(table[2:]).split()) == expected
    record = drawn(lambda d: styled.record(d, "T", [("Label", text)]))
    assert record[0] == "T" and "".join("".join(record[1:]).split()) == "Label" + expected
    assert "".join("".join(drawn(lambda d: styled.lines(d, [text]))).split()) == expected
    blocks = drawn(lambda d: styled.blocks(d, [("H", [text])], None, ()))
    assert "".join("".join(blocks).split()) == "H" + expected
    chart = drawn(lambda d: styled.bar_chart(d, [("L", "██", text)], None))
    assert "".join("".join(chart).split()) == "L██" + expected


@given(st.text(alphabet=st.sampled_from("[]/=abc:#ä@+-"), min_size=1, max_size=30), st.booleans())
def test_markup_like_text_is_shown_unchanged(text: str, colour: bool) -> None:
    table, record, *_ = every_view(text, colour, 400)
    assert text in OWN_STYLES.sub("", table)
    assert text in OWN_STYLES.sub("", record)


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
    picked = fko("budget", "--json", "--fields", "measure_id,amount_eur").json()
    assert set(picked[0]) == {"measure_id", "amount_eur"}


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
    """The run's Display reads stdout and the environment once: colour on a terminal that is
    not dumb, unless NO_COLOR; the width from $COLUMNS or the terminal; --wide as given."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    on_terminal = Display.detect("auto", wide=True, environ={"TERM": "xterm", "COLUMNS": "97"})
    assert (on_terminal.is_terminal, on_terminal.colour, on_terminal.width, on_terminal.wide) == (True, True, 97, True)
    assert on_terminal.styled
    assert not Display.detect("auto", environ={"TERM": "xterm", "NO_COLOR": "1"}).colour
    assert Display.detect("auto", environ={"TERM": "xterm", "NO_COLOR": "1"}).styled  # Rich, without colour
    assert not Display.detect("auto", environ={"TERM": "dumb"}).colour
    assert not Display.detect("never", environ={"FORCE_COLOR": "1"}).colour
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    piped = Display.detect("auto", environ={"TERM": "xterm"})
    assert (piped.is_terminal, piped.colour, piped.width, piped.styled) == (False, False, None, False)
    forced = Display.detect("auto", environ={"FORCE_COLOR": "1", "COLUMNS": "50"})
    assert (forced.colour, forced.styled, forced.width) == (True, True, 50)
    assert Display.detect("always", environ={"NO_COLOR": "1"}).styled


def test_the_console_writes_data_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich's console has markup, emoji and highlighting off, the width fixed to fko's, styles
    only with colour; whatever Rich reads from the environment changes none of that."""
    for name, value in (("COLUMNS", "33"), ("NO_COLOR", "1"), ("TERM", "dumb"), ("FORCE_COLOR", "1")):
        monkeypatch.setenv(name, value)
    display = Display(is_terminal=True, colour=True, width=61, file=io.StringIO())
    console = display.console()
    assert (console.width, console.is_terminal, console.color_system) == (61, True, "standard")
    console.print("[bold]x[/] :smile: 1.000 http://x.example")
    assert screen_text(display) == "[bold]x[/] :smile: 1.000 http://x.example\n"
    plain = Display(is_terminal=True, colour=False, width=61, file=io.StringIO())
    styled.lines(plain, ["x"])
    assert plain.console().color_system is None and screen_text(plain) == "x\n"


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
    for table, record_type in RECORD_TYPES.items():
        check = Draft202012Validator({"$defs": defs, **record_schema(record_type, _names())})
        records = store.table(table)
        assert records, table
        for record in records:
            errors = [e.message for e in check.iter_errors(record)]
            assert not errors, (table, record.get("id"), errors[:3])


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
    tty: Callable[..., Result], tmp_path: Path
) -> None:
    db = str(hostile_store(tmp_path))
    for args in (["list"], ["show", "I.1"], ["search", "Seiteneinstieg"], ["compare", "I.1", "I.2"], ["changes"]):
        result = tty(80, "--db", db, *args)
        assert result.code == 0, (args, result.err)
        assert "\x1b[1m" in result.out, args
        rest = OWN_STYLES.sub("", result.out)
        assert "\x1b" not in rest and "\x07" not in rest and "\x9b" not in rest, args
    wide = OWN_STYLES.sub("", tty(200, "--db", db, "list", "--wide").out)
    assert "[bold red]rot[/]" in wide and "[link=x]y[/link]" in wide  # shown, never taken as markup
    shown = OWN_STYLES.sub("", tty(120, "--db", db, "show", "I.1").out)
    assert "[blink]Partner[/blink]" in shown and "Beschreibung [2J mit [b]Markup[/b]" in shown


def rich_modules(code: str, on_terminal: bool) -> list[str]:
    """The Rich modules a Python process running `code` imported (stdout on a pty or a pipe)."""
    script = code + "\nimport sys\nsys.stderr.write(' '.join(m for m in sys.modules if m.split('.')[0] == 'rich'))\n"
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FKO_DB", "FORCE_COLOR", "COLUMNS")}
    environment.update({"TERM": "xterm-256color", "FKO_PAGER": "cat"})
    if on_terminal:
        done = on_pty(["-c", script], 80, python=True)
        assert done.code == 0, done.err[-500:]
        return done.err.split()
    piped = subprocess.run([sys.executable, "-c", script], capture_output=True, env=environment, check=False)
    assert piped.returncode == 0, piped.stderr.decode()[-500:]
    return piped.stderr.decode().split()


def test_rich_draws_on_a_terminal_and_json_csv_and_pipes_never_import_it() -> None:
    run = "from fko.cli import main\nfor args in {}:\n    assert main(['--no-pager', *args]) == 0\n"
    tables = [["list"], ["search", "Meisterprämie"], ["show", "IV.1"], ["timeline"], ["budget", "--by", "ressort"]]
    drawn = rich_modules(run.format(tables[:1]), on_terminal=True)
    assert {"rich.console", "rich.table", "rich.text"} <= set(drawn)
    assert not {"rich.pretty", "rich.traceback", "rich.markdown", "rich.syntax"} & set(drawn)  # lean imports
    machine = [["list", "--json"], ["list", "--jsonl"], ["list", "--csv"], ["search", "Meisterprämie", "--json"]]
    machine += [["budget", "--by", "year", "--csv"], ["show", "IV.1", "--json"], ["timeline", "--json"]]
    assert rich_modules(run.format(machine), on_terminal=True) == []  # not even on a terminal
    assert rich_modules(run.format(tables), on_terminal=False) == []  # a pipe gets the plain writer
