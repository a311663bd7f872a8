"""fko in the tools its users already use: sqlite-utils, Datasette, German spreadsheets, Excel."""

from __future__ import annotations

import csv
import io
import json
import socket
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko.output.csv_writer import csv_cell, formula_like
from fko.store.fileformat import SHIPPED

from ..conftest import Result

Fko = Callable[..., Result]


@pytest.fixture()
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture()
def db(fko: Fko, tmp_path: Path, offline: None) -> Iterator[Path]:
    path = tmp_path / "f.db"
    result = fko("export", "--format", "sqlite", "--out", str(path), "--metadata")
    assert result.code == 0, result.err
    yield path


def test_sqlite_utils_and_datasette_find_the_full_text_search(db: Path) -> None:
    import sqlite_utils
    from datasette.utils import detect_fts

    database = sqlite_utils.Database(db)
    assert database["measures"].detect_fts() == "measures_fts"
    assert database["indicators"].detect_fts() == "indicators_fts"
    with sqlite3.connect(db) as connection:
        assert detect_fts(connection, "measures") == "measures_fts"
    for query in ("Meisterprämie", "Meisterpraemie", "meisterpramie", "MEISTERPRAEMIE"):
        assert [r["id"] for r in database["measures"].search(query)] == ["IV.1"], query
    assert [r["id"] for r in database["measures"].search("Uebergangslotsen")] == ["II.8"]
    assert [r["id"] for r in database["measures"].search("Übergangslotsen")] == ["II.8"]


def test_keys_and_links(db: Path) -> None:
    import sqlite_utils

    database = sqlite_utils.Database(db)
    assert database["measures"].pks == ["id"]
    assert database["ressorts"].pks == ["code"]
    assert database["clusters"].pks == ["numeral"]
    assert database["sources"].pks == ["file"]
    assert database["budget_items"].pks == ["measure_id", "item"]
    assert database["measure_ressorts"].pks == ["measure_id", "ressort"]
    links = {(fk.column, fk.other_table, fk.other_column) for fk in database["measure_ressorts"].foreign_keys}
    assert links == {("measure_id", "measures", "id"), ("ressort", "ressorts", "code")}
    for table in ("measure_partners", "budget_items", "recognition", "indicators", "updates"):
        assert ("measure_id", "measures", "id") in {
            (fk.column, fk.other_table, fk.other_column) for fk in database[table].foreign_keys
        }, table
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        row = connection.execute(
            "SELECT amount_eur, basis, text FROM budget_items WHERE measure_id = 'IV.1' AND item = 2"
        ).fetchone()
        assert row == (11000000, "per_year", "danach jährlich ca. 11 Mio. Euro")
        assert connection.execute("SELECT count(*) FROM measures").fetchone() == (68,)
        assert connection.execute("SELECT ressort FROM measure_ressorts WHERE measure_id = 'IV.1'").fetchall() == [
            ("MAGS",)
        ]


def test_period_columns_are_full_iso_dates_beside_the_wording(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        row = connection.execute(
            "SELECT runtime_text, runtime_start, period_start, period_end, open_ended FROM measures WHERE id = 'IV.1'"
        ).fetchone()
        assert row == ("06/2023 bis mind. Ende der Legislaturperiode", "2023-06", "2023-06-01", None, 1)
        # every period value is a date SQLite understands as a date (not a year read as a Julian day)
        for start, end in connection.execute("SELECT period_start, period_end FROM measures"):
            for value in (start, end):
                if value is not None:
                    assert connection.execute("SELECT date(?)", (value,)).fetchone() == (value,)


def test_meta_table_and_datasette_metadata(db: Path) -> None:
    from fko import __version__

    with sqlite3.connect(db) as connection:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    assert meta["fko_version"] == __version__
    assert meta["schema_version"] == "2"  # the store format (fko/store/fileformat.py)
    assert "002_a45909dfd521d212.txt (Fortschrittsbericht der Fachkräfteoffensive NRW, 2024-04)" in meta["sources"]
    assert "MIT" in meta["licence"]
    metadata = json.loads((db.parent / "f.metadata.json").read_text(encoding="utf-8"))
    tables = metadata["databases"]["f"]["tables"]
    assert tables["measures"]["fts_table"] == "measures_fts"
    assert tables["measures"]["label_column"] == "title"
    assert tables["budget_items"]["units"] == {"amount_eur": "EUR"}
    assert "MIT" in metadata["about"]


def test_the_full_text_index_follows_rows_added_changed_and_deleted_later(db: Path) -> None:
    """Triggers as `sqlite-utils enable-fts --create-triggers` makes them: sqlite-utils sees
    them, and a row a user adds, edits or deletes later is found (or not) by the search."""
    import asyncio

    import sqlite_utils
    from datasette.app import Datasette

    database = sqlite_utils.Database(db)
    assert {t.name for t in database["measures"].triggers} == {"measures_ai", "measures_ad", "measures_au"}
    assert {t.name for t in database["indicators"].triggers} == {"indicators_ai", "indicators_ad", "indicators_au"}
    first = database["measures"].get("IV.1")
    database["measures"].insert({**first, "id": "X.1", "title": "Zuckerbäckerprämie", "search_folded": None})
    assert [r["id"] for r in database["measures"].search("Zuckerbäckerprämie")] == ["X.1"]
    database["measures"].update("X.1", {"title": "Konditorprämie"})
    assert [r["id"] for r in database["measures"].search("Konditorprämie")] == ["X.1"]
    assert list(database["measures"].search("Zuckerbäckerprämie")) == []
    database["indicators"].insert({"id": 999, "measure_id": "IV.1", "metric": "Probeläufe", "quote": "neu"})
    assert [r["metric"] for r in database["indicators"].search("Probeläufe")] == ["Probeläufe"]

    async def search(word: str) -> list[str]:
        response = await Datasette([str(db)]).client.get(f"/f/measures.json?_search={word}&_shape=array")
        return [row["id"] for row in response.json()]

    assert asyncio.run(search("Konditorprämie")) == ["X.1"]
    database["measures"].delete("X.1")
    assert asyncio.run(search("Konditorprämie")) == []
    assert asyncio.run(search("Meisterprämie")) == ["IV.1"]


def test_datasette_shows_search_rows_and_labels(db: Path) -> None:
    import asyncio

    from datasette.app import Datasette

    metadata = json.loads((db.parent / "f.metadata.json").read_text(encoding="utf-8"))

    async def get(*urls: str) -> list[Any]:
        datasette = Datasette([str(db)], metadata=metadata)
        return [await datasette.client.get(url) for url in urls]

    search, row, labels, amounts, page = asyncio.run(
        get(
            "/f/measures.json?_search=Meisterpraemie&_shape=array",
            "/f/measures/IV~2E1.json?_shape=array",  # Datasette's own link to IV.1
            "/f/measure_ressorts.json?measure_id=IV.1&_labels=on&_shape=array",
            "/f/budget_items?measure_id=IV.1",
            "/f/measures",
        )
    )
    assert [r["id"] for r in search.json()] == ["IV.1"]
    assert row.json()[0]["title"] == "Meisterprämie NRW"
    assert labels.json() == [
        {
            "measure_id": {"value": "IV.1", "label": "Meisterprämie NRW"},
            "ressort": {"value": "MAGS", "label": "Ministerium für Arbeit, Gesundheit und Soziales"},
        }
    ]
    assert amounts.status_code == 200 and "5.5&nbsp;MEUR" in amounts.text
    assert 'name="_search"' in page.text


def test_sqlite_utils_search_from_a_shell(db: Path) -> None:
    import subprocess
    import sys

    found = subprocess.run(
        [sys.executable, "-m", "sqlite_utils", "search", str(db), "measures", "Meisterpraemie", "-c", "id"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(found.stdout) == [{"id": "IV.1"}]


# --- CSV dialects --------------------------------------------------------------------------


def test_recognition_csv_for_german_spreadsheets(fko: Fko) -> None:
    german = fko("recognition", "--csv")
    assert german.out.startswith("\ufeff") and "\r\n" in german.out
    assert "86,1" in german.out and "86.1" not in german.out
    rows = list(csv.DictReader(io.StringIO(german.out.lstrip("\ufeff")), delimiter=";"))
    assert all(not r[k].endswith(",0") for r in rows for k in r), "whole numbers without ,0"


def test_comma_and_tab_csv_for_programs(fko: Fko, tmp_path: Path) -> None:
    comma = fko("recognition", "--csv", "--delimiter", ",")
    assert not comma.out.startswith("\ufeff")
    assert "86.1" in comma.out and "86,1" not in comma.out.replace('"', "")
    header = next(csv.DictReader(io.StringIO(comma.out)))
    assert "\ufeff" not in "".join(header)
    for tab in ("tab", "\\t", "TAB", "\t"):
        result = fko("list", "--csv", "--delimiter", tab, "--fields", "id,title")
        assert result.code == 0, tab
        assert result.out.splitlines()[:2] == ["id\ttitle", "I.1\tSeiteneinstieg Grundschule mit OBAS"]
    folder = tmp_path / "tsv"
    assert fko("export", "--format", "csv", "--delimiter", "tab", "--out", str(folder)).code == 0
    assert (folder / "ressorts.tsv").read_bytes().startswith(b"code\tname\r\nStk\tStaatskanzlei\r\n")
    wrong = fko("list", "--csv", "--delimiter", "ab")
    assert wrong.code == 2 and wrong.err.count("\n") == 1 and "tab" in wrong.err


@pytest.mark.parametrize(
    "cell",
    [
        "=1+2",
        "+49 201 12345",
        "@SUM(A1)",
        '=HYPERLINK("x")',
        "  =1+2",
        "\u200b=1+2",
        "＝1+2",
        "－1+2",
        "＋1",
        "＠x",
        "-1+2",
    ],
)
def test_formula_starts_are_neutralised(cell: str) -> None:
    assert csv_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-", "+", "-5", "-5,5", "-1.5", "a-b", "x=1", "- Punkt", "Kosten: -5"])
def test_dashes_and_numbers_are_left_alone(cell: str) -> None:
    if cell == "- Punkt":
        assert csv_cell(cell) == "'- Punkt"  # a spreadsheet would read "- Punkt" as a formula
    else:
        assert csv_cell(cell) == cell


@pytest.mark.parametrize("cell", ["+49 211 1234", "=SUMME(A1)", "-1+2", "@x", "a\x1bb"])
def test_csv_for_programs_keeps_every_value_unchanged(cell: str) -> None:
    assert csv_cell(cell, ".", guard=False) == cell


def test_the_program_dialects_carry_a_phone_number_as_it_stands(fko: Fko, tmp_path: Path) -> None:
    """`;` guards (a German spreadsheet would run "+49 211 1234" as a formula); `,` and tab are
    for programs: the value unchanged."""
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["measures"]["1"]["partners"] = ["+49 211 1234", "=HYPERLINK(x)"]
    db = tmp_path / "phone.json"
    db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    fields = ("--fields", "id,partners")
    german = fko("--db", str(db), "list", "--csv", *fields).out.removeprefix("\ufeff")
    assert list(csv.reader(io.StringIO(german), delimiter=";"))[1] == ["I.1", "'+49 211 1234; =HYPERLINK(x)"]
    for delimiter, sep in ((",", ","), ("tab", "\t")):
        rows = list(
            csv.reader(
                io.StringIO(fko("--db", str(db), "list", "--csv", "--delimiter", delimiter, *fields).out), delimiter=sep
            )
        )
        assert rows[1] == ["I.1", "+49 211 1234; =HYPERLINK(x)"]


def test_csv_numbers() -> None:
    assert csv_cell(5355028) == "5355028"
    assert csv_cell(30.0) == "30"
    assert csv_cell(86.1, ",") == "86,1"
    assert csv_cell(-5) == "-5"
    assert csv_cell(None) == ""
    assert csv_cell(["MAGS", "MSB"]) == "MAGS; MSB"
    assert csv_cell("\r=1+2") == "'=1+2"


@given(st.text(alphabet=st.sampled_from("=+-@＝＋－＠ \u200b\tab1,."), min_size=1, max_size=12))
def test_no_guarded_cell_starts_a_formula(text: str) -> None:
    cell = csv_cell(text)
    assert not formula_like(cell) or cell.startswith("'")
    assert cell.lstrip("'") == text.replace("\r", "")


# --- Excel -------------------------------------------------------------------------------------


def test_xlsx_export_opens_with_numbers_and_dates(fko: Fko, tmp_path: Path, offline: None) -> None:
    import datetime as dt

    import openpyxl

    path = tmp_path / "f.xlsx"
    result = fko("export", "--format", "xlsx", "--out", str(path))
    assert result.code == 0, result.err
    book = openpyxl.load_workbook(path)
    assert {"measures", "budget_items", "recognition", "sources", "source"} <= set(book.sheetnames)
    items = book["budget_items"]
    header = [c.value for c in items[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in items.iter_rows(min_row=2)]
    first = next(r for r in rows if r["measure_id"] == "III.7" and r["item"] == 1)
    assert first["amount_eur"] == 5355028 and isinstance(first["amount_eur"], int)
    assert items.freeze_panes == "A2"
    measures = book["measures"]
    header = [c.value for c in measures[1]]
    iv1 = next(row for row in measures.iter_rows(min_row=2, values_only=True) if row[0] == "IV.1")
    assert iv1[header.index("period_start")] == dt.datetime(2023, 6, 1)
    assert iv1[header.index("runtime_start")] == "2023-06"
    assert "MIT" in str(book["source"]["A2"].value)


def test_listing_commands_write_xlsx(fko: Fko, tmp_path: Path, offline: None) -> None:
    import openpyxl

    path = tmp_path / "budget.xlsx"
    result = fko("budget", "--xlsx", str(path))
    assert (result.code, result.out) == (0, "")
    sheet = openpyxl.load_workbook(path)["Planned funds (Geplante Mittel)"]
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, (c.value for c in sheet[2]), strict=True))
    assert (first["measure_id"], first["amount_eur"], first["approximate"]) == ("I.11", 1000000000, True)
    again = fko("budget", "--xlsx", str(path))
    assert again.code == 1 and again.err == f"fko: {path} exists; choose another --xlsx or pass --force to replace it\n"
    before = path.read_bytes()
    replaced = fko("list", "--xlsx", str(path), "--force")  # as export and data build do
    assert (replaced.code, replaced.err) == (0, f"fko: wrote {path}\n") and path.read_bytes() != before
    assert openpyxl.load_workbook(path).sheetnames[0] == "64 measures"
    both = fko("list", "--csv", "--xlsx", str(tmp_path / "x.xlsx"))
    assert both.code == 2 and not (tmp_path / "x.xlsx").exists()
    hits = tmp_path / "hits.xlsx"
    assert fko("search", "Meisterprämie", "--kind", "measure", "--xlsx", str(hits)).code == 0
    assert openpyxl.load_workbook(hits).sheetnames == ["1 hit for Meisterprämie", "source"]


@given(st.text(max_size=60))
def test_any_title_makes_a_valid_sheet_name(title: str) -> None:
    from fko.domain.export import sheet_name

    name = sheet_name(title)
    assert 1 <= len(name) <= 31
    assert not set(name) & set("[]:*?/\\'\"") and name == name.strip()


# --- shells: completion, choices, colour ------------------------------------------------------


@pytest.fixture()
def complete(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[[str], list[str]]:
    """What bash completion offers for the last word of a command line (in-process: typer
    answers the completion request and exits)."""

    def run(words: str) -> list[str]:
        from fko.cli import main

        monkeypatch.delenv("FKO_DB", raising=False)
        monkeypatch.setenv("_FKO_COMPLETE", "complete_bash")
        monkeypatch.setenv("COMP_WORDS", words)
        monkeypatch.setenv("COMP_CWORD", str(len(words.split(" ")) - 1))
        capsys.readouterr()
        with pytest.raises(SystemExit) as done:
            main([])
        assert done.value.code == 0
        return capsys.readouterr().out.split()

    return run


def test_completion_ignores_case_and_takes_cluster_digits(complete: Callable[[str], list[str]]) -> None:
    assert complete("fko show iv.") == [f"IV.{n}" for n in range(1, 12)]
    assert complete("fko list --ressort ma") == ["MAGS"]
    assert complete("fko list --cluster 4") == ["IV"]
    assert complete("fko budget --by R") == ["ressort"]
    assert complete("fko export --format S") == ["sqlite"]
    assert complete("fko list --status LAUF") == ["laufend"]


def test_completion_offers_the_german_words_beside_the_english_values(
    complete: Callable[[str], list[str]],
) -> None:
    assert complete("fko budget --by ") == ["ressort", "cluster", "year", "funding", "jahr", "finanzierung"]
    assert complete("fko budget --by J") == ["jahr"]
    assert complete("fko budget --by R") == ["ressort"]
    assert complete("fko changes --kind K") == ["kennzahl"]
    assert complete("fko search x --kind mass") == ["maßnahme"]
    assert complete("fko search x -k i") == ["initiative", "indicator"]
    assert complete("fko anerkennung --by l") == ["land"]


def test_completion_values() -> None:
    from fko.commands import completion

    assert completion.measure_ids("iv.1") == ["IV.1", "IV.10", "IV.11"]
    assert completion.measure_ids("n.") == ["N.1", "N.2", "N.3", "N.4"]
    assert completion.ressort_codes("stk") == ["Stk"]
    assert completion.clusters("v") == ["V", "VI"]
    assert completion.clusters("6") == ["VI"] and completion.clusters("7") == []
    assert completion.sources("W") == ["whkt"]
    assert completion.funding("e") == ["EFRE", "ESF"]
    assert "budget_item" in completion.record_types("BUDGET")
    # typer keeps only values that start with the typed text; fko's matches pass that test
    assert all(value.startswith("iv.") for value in completion.measure_ids("iv."))


def test_choices_are_enums_that_agree_with_the_domain() -> None:
    from fko.commands import choices, completion, search
    from fko.domain.budget import GROUPINGS, SPLITS
    from fko.domain.changes import KINDS
    from fko.domain.cite import FORMATS as CITE_FORMATS
    from fko.domain.status import STATUSES
    from fko.search.index import KINDS as SEARCH_KINDS

    assert tuple(choices.BudgetBy) == GROUPINGS
    assert tuple(choices.CiteFormat) == CITE_FORMATS
    assert tuple(choices.ChangeKind) == KINDS
    assert tuple(search.Kind) == SEARCH_KINDS
    assert completion.statuses("")[:6] == list(STATUSES)
    assert tuple(choices.Split) == SPLITS
    assert completion.statuses("LAUF") == ["laufend"]


def test_choices_are_validated_case_insensitively(fko: Fko) -> None:
    assert fko("budget", "--by", "RESSORT").out.startswith("Planned funds by ressort")
    assert fko("list", "--status", "Open-Ended", "--on", "2025-01-01").code == 0
    wrong = fko("budget", "--by", "colour")
    assert wrong.code == 2
    assert wrong.err == (
        "fko: Invalid value for '--by': 'colour' is not one of 'ressort', 'cluster', 'year', 'funding'; "
        "see 'fko budget --help'\n"
    )


@pytest.mark.parametrize(
    ("mode", "env", "terminal", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"FORCE_COLOR": "0"}, False, False),
        ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, False),
        ("auto", {"TERM": "dumb"}, True, False),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_rules(mode: str, env: dict[str, str], terminal: bool, expected: bool) -> None:
    from fko.output.display import Display, wants_colour

    assert wants_colour(mode, env, terminal) is expected
    display = Display(is_terminal=terminal, colour=wants_colour(mode, env, terminal), width=80)
    assert display.styled is (terminal or expected)  # Rich draws for a terminal, or when colour is forced


def test_color_option_before_or_after_the_command(fko: Fko) -> None:
    from fko.cli import hoist_global_options

    assert hoist_global_options(["list", "--color", "never", "--", "--color"]) == [
        "--color",
        "never",
        "list",
        "--",
        "--color",
    ]
    assert hoist_global_options(["search", "x", "--color=always"]) == ["--color=always", "search", "x"]
    always = fko("search", "Meisterprämie", "--color", "always")
    assert always.code == 0 and "\x1b[" in always.out
    never = fko("--color", "never", "search", "Meisterprämie")
    assert never.code == 0 and "\x1b" not in never.out
    assert fko("list", "--color").err == "fko: --color needs a value; see 'fko --help'\n"
    assert fko("list", "--color", "purple").code == 2


def test_no_private_typer_imports() -> None:
    from ..conftest import ROOT

    offenders = [p.name for p in (ROOT / "fko").rglob("*.py") if "typer._click" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_json_export_keeps_the_keys_of_json_output(fko: Fko, tmp_path: Path, offline: None) -> None:
    path = tmp_path / "f.json"
    assert fko("export", "--format", "json", "--out", str(path)).code == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data) == [
        "fko_version",
        "measures",
        "initiatives",
        "budget_items",
        "recognition",
        "indicators",
        "updates",
        "events",
        "ressorts",
        "clusters",
        "sources",
    ]
    assert len(data["events"]) == len(json.loads(SHIPPED.read_text(encoding="utf-8"))["events"]) == 38  # as in SQLite
    shown = fko("recognition", "--json").json()[0]
    assert set(data["recognition"][0]) <= set(shown) and data["recognition"][0]["measure_id"] == "VI.8"
    assert "measure_id" in data["indicators"][0] and "measure" not in data["indicators"][0]
    assert data["budget_items"][0]["measure_id"] == "I.8" and data["budget_items"][0]["item"] == 1
    assert "id" not in data["budget_items"][0]  # one key names a measure: measure_id, as budget --json says
