"""The JSON contract: every command's --json validates against `fko schema --json`, one key has
one type in all outputs, --fields cuts records without changing values, --jsonl equals --json."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from fko.model.keys import KEYS
from fko.model.outputs import NESTED, OBJECT_OUTPUTS, OUTPUTS, hints
from fko.model.schema import json_schema
from fko.store.fileformat import SHIPPED
from tests.conftest import Result

Fko = Callable[..., Result]

#: Every command line whose --json has its own shape or content, with its output type.
COMMANDS: list[tuple[str, str]] = [
    ("list", "list"),
    ("list --status running", "list"),
    ("list --on 2024-01-01 --cluster IV", "list"),
    ("list --source all", "list"),
    ("show IV.1", "show"),
    ("show IV.1 II.9 --on 2024-06-01", "show"),
    ("show VI.8", "show"),
    ("search Meisterprämie", "search"),
    ("search Kita --ressort MSB", "search"),
    ("budget", "budget"),
    ("budget --year 2024", "budget"),
    ("budget --year 2024 --annualize", "budget"),
    ("budget --ressort MAGS --split equal", "budget"),
    ("budget --by ressort", "budget_group"),
    ("budget --by cluster --year 2024", "budget_group"),
    ("budget --by year", "budget_group"),
    ("budget --by funding", "budget_group"),
    ("recognition", "recognition"),
    ("recognition --by area", "recognition"),
    ("recognition --by country", "recognition"),
    ("recognition --compare 2022 2023", "recognition"),
    ("compare --recognition 2022 2023", "recognition"),
    ("indicators", "indicators"),
    ("indicators IV.1", "indicators"),
    ("sources", "sources"),
    ("ressorts", "ressorts"),
    ("clusters", "clusters"),
    ("compare IV.1 II.9", "compare"),
    ("compare IV.1 II.7 --on 2023-01-01", "compare"),
    ("compare -r MAGS -r MSB", "compare_ressorts"),
    ("timeline", "timeline"),
    ("timeline --by ressort --on 2024-06-01", "timeline"),
    ("changes", "changes"),
    ("changes --since 2020", "changes"),
    (f"diff {SHIPPED} {SHIPPED}", "diff"),  # the installed store, wherever the tests run from
    ("cite IV.1 II.9", "cite"),
    ("cite IV.1 --figure Meisterprämien", "cite"),
]

SCHEMA = json_schema()


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator({**SCHEMA, "items": {"$ref": f"#/$defs/{name}"}})


_CACHE: dict[str, Any] = {}


def run_json(fko: Fko, command: str, *extra: str) -> Any:
    """The parsed --json output of a command line (each run once per session)."""
    line = " ".join((command, "--json", *extra))
    if line not in _CACHE:
        result = fko(*line.split())
        assert result.code == 0, (command, result.err)
        _CACHE[line] = json.loads(result.out)
    return _CACHE[line]


def test_schema_is_a_valid_draft_2020_12_schema(fko: Fko) -> None:
    printed = fko("schema", "--json").json()
    Draft202012Validator.check_schema(printed)
    assert printed == json.loads(json.dumps(SCHEMA))
    assert printed["schema_version"] == "3.0"
    assert set(OUTPUTS) <= set(printed["$defs"])
    for name, definition in printed["$defs"].items():
        assert definition["description"], name
        for key, prop in definition["properties"].items():
            assert prop["description"] == KEYS[key], (name, key)


def test_every_output_type_is_covered_by_a_command_line() -> None:
    assert {name for _, name in COMMANDS} == set(OUTPUTS)


def test_the_keys_and_paths_are_read_off_the_types() -> None:
    from fko.model.outputs import optional_keys, output_keys, paths

    assert output_keys("search")[:3] == ["id", "kind", "title"]
    assert optional_keys("list") == {"date"} and "date" in output_keys("list")
    assert "runtime.start" in paths("list") and "budget.items" in paths("list")
    for name in ("list", "budget", "changes"):
        assert [p for p in paths(name) if "." not in p] == output_keys(name)


def test_records_keep_only_the_types_keys_in_order_and_rename() -> None:
    from fko.model.outputs import RENAMES, output_keys
    from fko.views.rows import records

    keys = [k for k in output_keys("search") if k != "explain"]  # explain: only with --explain
    row = {"match": "m", **{k: k.upper() for k in reversed(keys)}, "_hit": None}
    assert records("search", [row]) == [{k: k.upper() for k in keys}]
    assert list(records("search", [{**row, "explain": {}}])[0]) == output_keys("search")
    back = {new: old for old, new in RENAMES["budget_group"].items()}
    group = {back.get(k, k): n for n, k in enumerate(OUTPUTS["budget_group"][0].__annotations__)}
    assert records("budget_group", [group]) == [dict(zip(output_keys("budget_group"), range(99), strict=False))]
    with pytest.raises(KeyError):  # a required key missing from the row is a bug, not a null
        records("budget_group", [{"by": "year"}])


@pytest.mark.parametrize(("command", "name"), COMMANDS)
def test_every_command_output_validates_against_the_schema(fko: Fko, command: str, name: str) -> None:
    data = run_json(fko, command)
    if name in OBJECT_OUTPUTS:
        check = Draft202012Validator({**SCHEMA, "$ref": f"#/$defs/{name}"})
        errors = sorted(check.iter_errors(data), key=str)
        assert not errors, (command, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:3]])
        return
    assert isinstance(data, list) and data, command
    errors = sorted(validator(name).iter_errors(data), key=str)
    assert not errors, (command, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:3]])
    Draft202012Validator(SCHEMA).validate(data)  # the root: an array of records of one type


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if value is None:
        return "null"
    return {dict: "object", list: "array", str: "string"}[type(value)]


def test_no_key_has_two_types_across_all_outputs(fko: Fko) -> None:
    seen: dict[str, dict[str, str]] = {}

    def walk(value: Any, where: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                kind = _json_type(item)
                if kind != "null":
                    seen.setdefault(key, {}).setdefault(kind, where)
                walk(item, where)
        elif isinstance(value, list):
            for item in value:
                walk(item, where)

    for command, _ in COMMANDS:
        walk(run_json(fko, command), command)
    clashes = {key: kinds for key, kinds in seen.items() if len(kinds) > 1}
    assert not clashes
    assert len(seen) > 100  # the walk saw the outputs


def test_no_key_has_two_types_in_the_model() -> None:
    from fko.model.outputs import split_required as _required
    from fko.model.schema import _names, type_schema

    names = _names()
    kinds: dict[str, set[str]] = {}
    for record_type in [t for t, _ in OUTPUTS.values()] + list(NESTED.values()):
        for key, annotation in hints(record_type).items():
            schema = type_schema(_required(annotation)[0], names)
            kinds.setdefault(key, set()).add(json.dumps(_without_null(schema), sort_keys=True))
    # The same key may be an integer in one record and a number in another (both JSON numbers).
    clashes = {k: v for k, v in kinds.items() if len({s.replace('"integer"', '"number"') for s in v}) > 1}
    assert not clashes
    assert set(kinds) == set(KEYS)  # every key is described, and every description is used


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    kind = schema.get("type")
    if isinstance(kind, list):
        rest = [k for k in kind if k != "null"]
        return {**schema, "type": rest[0] if len(rest) == 1 else rest}
    if "enum" in schema:
        return {"type": "string"}
    if "anyOf" in schema:
        rest = [_without_null(p) for p in schema["anyOf"] if p != {"type": "null"}]
        return rest[0] if len(rest) == 1 else {"anyOf": rest}
    return schema


def test_fields_cut_the_record_and_never_change_a_value(fko: Fko) -> None:
    full = run_json(fko, "list --status running")
    cut = run_json(fko, "list --status running", "--fields", "id,status")
    assert cut == [{"id": r["id"], "status": r["status"]} for r in full]
    # a later source's report weighs over the runtime in --status (V.9: reported running)
    assert all("running" in (r["status"], r["reported_status"]) for r in full)
    assert sum(r["status"] == "running" for r in cut) > 20
    nested = run_json(fko, "list", "--fields", "id,runtime.start")
    assert nested[0] == {"id": "I.1", "runtime": {"start": "2023-05"}}
    iv1 = run_json(fko, "show IV.1", "--fields", "id,budget.text")
    assert iv1 == [{"id": "IV.1", "budget": {"text": "2023 ca. 5,5 Mio. Euro, danach jährlich ca. 11 Mio. Euro"}}]


def test_fields_names_are_the_json_keys_for_csv_too(fko: Fko) -> None:
    result = fko("list", "--csv", "--delimiter", ",", "--fields", "id,runtime.start,status")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "id,runtime.start,status"
    assert lines[1].startswith("I.1,2023-05,")


def test_a_nested_object_picked_for_csv_is_its_json(fko: Fko) -> None:
    """`--fields runtime` or `synonyms` in CSV printed Python's repr ({'end': None, ...}); a cell
    holds the object's JSON, which a spreadsheet shows and a program parses."""
    import csv
    import io
    import json

    result = fko("list", "--csv", "--delimiter", ",", "--fields", "id,runtime")
    first = next(csv.DictReader(io.StringIO(result.out)))
    assert json.loads(first["runtime"]) == run_json(fko, "show I.1", "--fields", "runtime")[0]["runtime"]
    hits = fko("search", "refugees", "--csv", "--delimiter", "tab", "--fields", "id,synonyms", "-n", "1").out
    row = next(csv.DictReader(io.StringIO(hits), delimiter="\t"))
    assert json.loads(row["synonyms"])[0]["query_word"] == "refugees"


@pytest.mark.parametrize("wanted", ["", ",", "id,,title", " "])
def test_empty_fields_are_a_usage_error(fko: Fko, wanted: str) -> None:
    result = fko("list", "--json", "--fields", wanted)
    assert result.code == 2
    if wanted == "":  # an empty value: the one message every option gives
        assert result.err == (
            "fko: Invalid value for '--fields': is empty; give a value, or leave it out; see 'fko list --help'\n"
        )
    else:
        assert result.err.startswith("fko: --fields needs comma-separated key names")


def test_unknown_field_lists_the_valid_names(fko: Fko) -> None:
    result = fko("list", "--json", "--fields", "id,runtime_text")
    assert result.code == 2
    assert "unknown field 'runtime_text'" in result.err and "runtime.text" in result.err
    assert fko("budget", "--by", "year", "--json", "--fields", "years").code == 2


@pytest.mark.parametrize(
    "command",
    ["list", "search Kita", "budget --by year", "compare -r MAGS -r MSB", "timeline", "show IV.1 II.9", "cite IV.1"],
)
def test_jsonl_is_the_json_records_one_a_line(fko: Fko, command: str) -> None:
    result = fko(*command.split(), "--jsonl")
    assert result.code == 0, result.err
    assert [json.loads(line) for line in result.out.splitlines()] == run_json(fko, command)


def test_json_escapes_control_bidi_and_invisible_characters(fko: Fko, tmp_path: Any) -> None:
    from tests.conftest import shipped_tables

    tables = shipped_tables()
    tables["measures"][0]["title"] = "A\x9b31mB\x9d0;x\x07C\u202eD\u200bE"
    db = tmp_path / "hostile.json"
    db.write_text(
        json.dumps({name: {str(n + 1): row for n, row in enumerate(rows)} for name, rows in tables.items()}),
        encoding="utf-8",
    )
    for command in (["show", "I.1", "--json"], ["list", "--jsonl"], ["search", "Seiteneinstieg", "--json"]):
        result = fko("--db", str(db), *command)
        assert result.code == 0, result.err
        for raw in ("\x9b", "\x9d", "\x07", "\u202e", "\u200b"):
            assert raw not in result.out, (command, raw)
        assert "\\u009b" in result.out and "\\u202e" in result.out
    shown = fko("--db", str(db), "show", "I.1", "--json").json()
    assert shown[0]["title"] == "A\x9b31mB\x9d0;x\x07C\u202eD\u200bE"


def test_budget_items_carry_the_sources_qualifier(fko: Fko) -> None:
    rows = run_json(fko, "budget")
    qualified = {(r["measure_id"], r["item"]): (r["approximate"], r["qualifier"]) for r in rows}
    assert qualified[("I.11", 1)] == (True, "rund")
    assert qualified[("IV.1", 1)] == (True, "ca.")
    assert qualified[("II.9", 1)] == (False, None)
    assert all(r["approximate"] == (r["qualifier"] is not None) for r in rows)


def test_fields_work_on_show_timeline_and_cite(fko: Fko) -> None:
    assert run_json(fko, "timeline", "--fields", "id,placed")[:1] == [{"id": "I.1", "placed": True}]
    assert run_json(fko, "cite IV.1", "--fields", "measure_id,source_key") == [
        {"measure_id": "IV.1", "source_key": "report"}
    ]
    assert fko("timeline", "--fields", "id").code == 2  # a chart has no fields
