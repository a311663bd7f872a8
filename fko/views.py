"""The columns of each record type, shared by tables, CSV and --fields, and their dispatch."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from fko import render
from fko.errors import UsageError
from fko.render import Field, key, path


def _runtime(value: Any) -> str:
    return render.clean(value or "–").replace("\n", "; ")


MEASURE_FIELDS: list[Field] = [
    Field("id", "ID", key("id")),
    Field("cluster", "Cluster", key("cluster"), in_table=False),
    Field("title", "Title", key("title")),
    Field("ressorts", "Ministries", key("ressorts")),
    Field("runtime_text", "Runtime", path("runtime", "text"), show=_runtime),
    Field("runtime_start", "Start", path("runtime", "start"), in_table=False),
    Field("runtime_end", "End", path("runtime", "end"), in_table=False),
    Field("budget_text", "Planned funds", path("budget", "text"), in_table=False),
    Field("goal", "Goal", key("goal"), in_table=False),
    Field("description", "Description", key("description"), in_table=False),
    Field("urls", "Links", key("urls"), in_table=False),
    Field("partners", "Partners", key("partners"), in_table=False),
    Field("publication", "Publication", key("publication"), in_table=False),
    Field("in_force", "In force", key("in_force"), in_table=False),
    Field("source", "Source", key("source"), in_table=False),
]

RESSORT_FIELDS: list[Field] = [
    Field("code", "Code", key("code")),
    Field("name", "Ministry", key("name")),
    Field("measures", "Measures", key("measures"), numeric=True),
]

CLUSTER_FIELDS: list[Field] = [
    Field("numeral", "Cluster", key("numeral")),
    Field("title", "Title", key("title")),
    Field("measures", "Measures", key("measures"), numeric=True),
    Field("introduction", "Introduction", key("introduction"), in_table=False),
]


def emit_rows(
    rows: Sequence[dict[str, Any]],
    fields: Sequence[Field],
    *,
    json: bool,
    csv: bool,
    fields_arg: str | None = None,
    delimiter: str = ";",
    title: str | None = None,
    footer: Sequence[str] = (),
    json_rows: Sequence[dict[str, Any]] | None = None,
) -> None:
    """Print rows as JSON (full objects unless --fields), CSV, or a table for people."""
    if json and csv:
        raise UsageError("choose one of --json and --csv")
    chosen = render.select_fields(fields, fields_arg)
    if json:
        full = list(json_rows if json_rows is not None else rows)
        render.emit_json(render.project(rows, chosen) if fields_arg else full)
    elif csv:
        render.emit_csv(rows, chosen, delimiter)
    else:
        shown = [dataclasses.replace(f, in_table=True) for f in chosen] if fields_arg else chosen
        render.table(rows, shown, title=title, footer=footer)


def measure_record(store: Any, measure: dict[str, Any]) -> tuple[str, list[tuple[str, str]]]:
    """The labelled fields of one measure, in the order of the report."""
    names = {r["code"]: r["name"] for r in store.ressorts()}
    clusters = {c["numeral"]: c["title"] for c in store.clusters()}
    runtime = measure["runtime"]
    span = ""
    if runtime["start"] or runtime["end"]:
        span = f"  [start {runtime['start'] or '?'}, end {runtime['end'] or 'not stated'}]"
    items: list[tuple[str, str]] = [
        ("ID", measure["id"]),
        ("Cluster", f"{measure['cluster']}: {clusters.get(measure['cluster'], '')}"),
        ("Ministries", "\n".join(f"{c} ({names.get(c, '?')})" for c in measure["ressorts"])),
        ("Runtime", (runtime["text"] or "not stated") + span),
        ("Planned funds", measure["budget"]["text"] or "not stated"),
        ("Goal", measure["goal"] or ""),
        ("Description", measure["description"]),
        ("Links", "\n".join(measure["urls"]) or "none"),
    ]
    if measure["urls_text"] and measure["urls_text"] != "\n".join(measure["urls"]):
        items.append(("Links (report)", measure["urls_text"]))
    items.append(("Partners", "\n".join(measure["partners"]) or "none"))
    if measure.get("partners_curated"):
        items.append(("Partners (report)", measure["partners_text"] or ""))
    if measure["publication"]:
        items.append(("Publication", measure["publication"]))
    if measure["in_force"]:
        items.append(("In force", measure["in_force"]))
    if measure["footnotes"]:
        items.append(("Footnotes", "\n".join(measure["footnotes"])))
    lines = measure.get("source_lines") or []
    where = f", lines {lines[0]}-{lines[1]}" if len(lines) == 2 else ""
    items.append(("Source", f"{measure['source']}{where}"))
    return f"{measure['id']}: {measure['title']}", items


def _marked(row: dict[str, Any]) -> render.Marked:
    return render.Marked(row.get("snippet") or "", row.get("snippet_spans") or [])


SEARCH_FIELDS: list[Field] = [
    Field("id", "ID", key("id")),
    Field("title", "Title", key("title")),
    Field("ressorts", "Ministries", key("ressorts")),
    Field("snippet", "Match", key("snippet"), marked=_marked),
    Field("field", "Field", key("field"), in_table=False),
    Field("score", "Score", key("score"), numeric=True),
]
