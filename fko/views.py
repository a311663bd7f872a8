"""The columns of each record type, shared by tables, CSV and --fields, and their dispatch.

Here: the records and their dispatch (emit_rows), and the views of list, search and show, the
commands on the start-up hot paths; the other commands' views are in fko/views_other.py."""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fko import render
from fko._keys import KEYS, OPTIONAL, PATHS, RENAMES
from fko.errors import UsageError
from fko.render import Field, key, path

if TYPE_CHECKING:
    from fko.status import Status


def _runtime(value: Any) -> str:
    return render.clean(value or "–").replace("\n", "; ")


MEASURE_FIELDS: list[Field] = [
    Field("id", "ID", key("id"), keep_whole=True),
    Field("cluster", "Cluster", key("cluster"), in_table=False),
    Field("title", "Title", key("title"), main=True),
    Field("ressorts", "Ministries", key("ressorts"), drop=1),
    Field("runtime.text", "Runtime", path("runtime", "text"), show=_runtime, drop=2),
    Field("runtime.start", "Start", path("runtime", "start"), in_table=False),
    Field("runtime.end", "End", path("runtime", "end"), in_table=False),
    Field("budget.text", "Planned funds", path("budget", "text"), in_table=False),
    Field("goal", "Goal", key("goal"), in_table=False),
    Field("description", "Description", key("description"), in_table=False),
    Field("urls", "Links", key("urls"), in_table=False),
    Field("partners", "Partners", key("partners"), in_table=False),
    Field("publication", "Publication", key("publication"), in_table=False),
    Field("in_force", "In force", key("in_force"), in_table=False),
    Field("source", "Source", key("source"), in_table=False),
]

MEASURE_FIELDS.insert(1, Field("kind", "Kind", lambda r: r.get("kind", "measure"), in_table=False))
SOURCE_LIST_FIELDS: list[Field] = [
    dataclasses.replace(f, in_table=True) if f.name in ("kind", "source") else f for f in MEASURE_FIELDS
]

STATUS_FIELDS: list[Field] = [
    Field("status", "Status", key("status"), view=lambda r: r.get("status_label") or r["status"], drop=3),
    Field("open_ended", "Open-ended", key("open_ended"), in_table=False),
    Field("period_start", "Period start", key("period_start"), in_table=False),
    Field("period_end", "Period end", key("period_end"), in_table=False),
    Field("status_derived", "Status derived", key("status_derived"), in_table=False),
    Field("status_rule", "Status rule", key("status_rule"), in_table=False),
    Field("reported_status", "Reported status", key("reported_status"), in_table=False),
    Field("reported_date", "Reported on", key("reported_date"), in_table=False),
    Field("reported_source", "Reported by", key("reported_source"), in_table=False),
    Field("reported_quote", "Report quote", key("reported_quote"), in_table=False),
    Field("reported_inference", "fko's inference", key("reported_inference"), in_table=False),
    Field("on", "On", key("on"), in_table=False),
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
    output: str,
    json: bool,
    csv: bool,
    jsonl: bool = False,
    fields_arg: str | None = None,
    delimiter: str = ";",
    title: str | None = None,
    footer: Sequence[str] = (),
    json_rows: Sequence[dict[str, Any]] | None = None,
    xlsx: Path | None = None,
    empty: str | None = None,
    checked: bool = False,
) -> None:
    """Print rows as the records of output type `output` (fko/model.py) with --json or --jsonl,
    as CSV, or as a table for people; or write them to an Excel workbook (--xlsx FILE).

    `json_rows` are the records where they differ from the rows the views read. --fields names
    JSON keys and dotted paths (runtime.start) and works alike for every format: it cuts the
    record, never changes a value. No rows for people: nothing on stdout, and `empty` (if
    given) as one line on stderr. checked: the records hold only values of store tables that
    Store.json_exact vouches for and plain values fko makes (render._json).
    """
    if sum((json, jsonl, csv, xlsx is not None)) > 1:
        raise UsageError("choose one of --json, --jsonl, --csv and --xlsx")
    source = json_rows if json_rows is not None else rows  # the records: made only where printed
    if fields_arg is not None:
        full = records(output, source)
        names = render.select_paths(PATHS[output], fields_arg)
        chosen = [Field(n, n, render.dotted(n)) for n in names]
        if json or jsonl:
            cut = [render.pick(r, names) for r in full]
            render.emit_jsonl(cut) if jsonl else render.emit_json(cut)
        elif xlsx is not None:
            from fko.export import write_rows_xlsx

            write_rows_xlsx(full, chosen, xlsx, title)
        elif csv:
            render.emit_csv(full, chosen, delimiter)
        else:
            render.table(full, chosen, title=title, footer=footer)
        return
    if xlsx is not None:
        from fko.export import write_rows_xlsx

        write_rows_xlsx(rows, fields, xlsx, title)
    elif json:
        render.emit_json(records(output, source), checked)
    elif jsonl:
        render.emit_jsonl(records(output, source), checked)
    elif csv:
        renames = RENAMES.get(output, {})  # the CSV header uses the JSON names
        render.emit_csv(rows, [dataclasses.replace(f, name=renames.get(f.name, f.name)) for f in fields], delimiter)
    elif not rows:  # nothing on stdout; the command says why on stderr
        if empty:
            render.note(empty)
    else:
        render.table(rows, fields, title=title, footer=footer)


def records(output: str, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows as the records of output type `output`: its keys only, in its order (the JSON truth,
    fko/model.py, read from its generated key table fko/_keys.py). A required key missing from
    a row is a KeyError (a bug), never a null.

    A row whose keys already are exactly the record's, in order (as `list_row` makes them), is
    passed on as it is, not copied: the records are only written out (emit_rows is the one
    caller), so sharing the row is safe; a caller must not change them."""
    keys = KEYS[output]
    optional = OPTIONAL.get(output, ())
    required = tuple(k for k in keys if k not in optional)
    renames = RENAMES.get(output, {})
    pick = operator.itemgetter(*required) if len(required) > 1 else lambda row: (row[required[0]],)
    out = []
    for row in rows:
        named = {renames.get(k, k): v for k, v in row.items()} if renames else row
        order = tuple(named)  # one C-speed comparison (10,000 list rows: ≈3 ms) ...
        if order == required or order == keys:  # ... instead of a new dict each (≈45 ms)
            out.append(named)
        elif optional and any(k in named for k in optional):
            out.append({k: named[k] for k in keys if k not in optional or k in named})
        else:  # the required keys, in order, at C speed
            out.append(dict(zip(required, pick(named), strict=True)))
    return out


def list_row(record: dict[str, Any], on: str, status: Status) -> dict[str, Any]:
    """A record of `fko list` with its status on a date (`on`, ISO): a new dict with the keys in
    the model's order whatever the store's order, so that `records` passes it on as it is.

    Filled from a copied template (keys in order, values None) at C speed: 10,000 rows ≈25 ms,
    where merging and reordering took ≈100. A record whose keys are not exactly a measure's or
    an initiative's (a store that was not checked) is merged as before and left to `records`,
    which reorders it or finds the missing key."""
    form, own, added = _LIST_DATED if "date" in record else _LIST_UNDATED
    if len(record) == own and added.isdisjoint(record):  # then the record's keys are the form's ...
        row: dict[str, Any] = {**form}
        row.update(record)
        if len(row) == len(form):  # ... if it has no others
            row["on"] = on
            return status.into(row)
    return status.into({**record, "on": on})


def _list_form(dated: bool) -> tuple[dict[str, None], int, frozenset[str]]:
    """`fko list`'s record as a template (its keys in order, values None) for a record with or
    without a date (the list's one optional key); how many keys the record itself has; and the
    keys fko adds to it ("on" and the status)."""
    keys = [k for k in KEYS["list"] if dated or k not in OPTIONAL["list"]]
    on = keys.index("on")
    return dict.fromkeys(keys), on, frozenset(keys[on:])


_LIST_DATED, _LIST_UNDATED = _list_form(True), _list_form(False)


def _basis_label(basis: Any, default: str) -> str:
    """How a table names a funds basis (per_year: "per year"); fko.budget is imported only here."""
    from fko.budget import BASIS_LABEL

    return BASIS_LABEL.get(basis, default)


def _item_line(item: dict[str, Any]) -> str:
    from fko.budget import years_text

    parts = [_amount(item)]
    parts += [_basis_label(item["basis"], "") or "", years_text(item)]
    parts += [", ".join(item["funding"]), f"assigned to {item['ressort']}" if item["ressort"] else ""]
    parts += [item["note"] or ""]
    return " · ".join(p for p in parts if p)


def measure_record(store: Any, measure: dict[str, Any], on: Any = None) -> tuple[str, list[tuple[str, str]]]:
    """The labelled fields of one measure, in the order of the report, with its status on a date."""
    names = {r["code"]: r["name"] for r in store.ressorts()}
    clusters = {c["numeral"]: c["title"] for c in store.clusters()}
    sources = source_titles(store)
    runtime = measure["runtime"]
    span = ""
    if runtime["start"] or runtime["end"]:
        span = f"  [start {runtime['start'] or '?'}, end {runtime['end'] or 'not stated'}]"
    items: list[tuple[str, str]] = [
        ("ID", measure["id"]),
        ("Cluster", f"{measure['cluster']}: {clusters.get(measure['cluster'], '')}" if measure["cluster"] else "–"),
        ("Ministries", "\n".join(f"{c} ({names.get(c, '?')})" for c in measure["ressorts"])),
        ("Runtime", (runtime["text"] or "not stated") + span),
        *([("Status", _status_line(store, measure, on, sources))] if on is not None else []),
        ("Planned funds", measure["budget"]["text"] or "not stated"),
        *(
            [("Funds, structured", "\n".join(_item_line(i) for i in measure["budget"]["items"]))]
            if measure["budget"].get("items")
            else []
        ),
        *([("Goal", measure["goal"])] if measure["goal"] else []),
        ("Description" if measure.get("kind") != "initiative" else "Quote", measure["description"]),
        ("Links", "\n".join(measure["urls"]) or "none"),
    ]
    if measure["urls_text"] not in (None, "-", "\n".join(measure["urls"])):
        items.append(("Links (report)", measure["urls_text"]))
    items.append(("Partners", "\n".join(measure["partners"]) or "none"))
    if measure.get("partners_curated") and measure["partners_text"]:
        items.append(("Partners (report)", measure["partners_text"]))
    if measure["publication"]:
        items.append(("Publication", measure["publication"]))
    if measure["in_force"]:
        items.append(("In force", measure["in_force"]))
    if measure["footnotes"]:
        items.append(("Footnotes", "\n".join(measure["footnotes"])))
    from fko.figures import event_rows, indicator_rows, update_rows

    indicators = sorted(indicator_rows(store, measure["id"]), key=lambda r: (r["as_of"], r["metric"]))
    if indicators:
        items.append(("Key figures", "\n".join(indicator_line(i, sources) for i in indicators)))
    updates = update_rows(store, measure["id"])
    if updates:
        items.append(
            (
                "Later developments",
                "\n".join(
                    f"{u['date']}: {u['title']} [{sources.get(u['source'], u['source'])}]\n  „{u['quote']}“"
                    + (f"\n  fko's inference, not the source's: {u['inference']}" if u.get("inference") else "")
                    for u in updates
                ),
            )
        )
    events = event_rows(store, measure["id"])
    if events:
        items.append(("Events and statements", "\n".join(event_line(e, sources) for e in events)))
    lines = measure.get("source_lines") or []
    where = f", lines {lines[0]}-{lines[1]}" if len(lines) == 2 else ""
    known = {x["file"]: x for x in store.sources()}
    own = known.get(measure["source"])
    items.append(("Source", f"{own['title']}, {own['date']} ({own['key']}){where}" if own else measure["source"]))
    cited = [x for f, x in known.items() if f != measure["source"] and f"[{x['key']}, " in "".join(v for _, v in items)]
    if cited:
        items.append(("Other sources", "\n".join(f"{x['key']}: {x['title']}, {x['date']}" for x in cited)))
    if measure.get("kind") == "initiative":
        items.insert(1, ("Kind", f"initiative from a newer source ({measure['date']}), not a measure of the report"))
    return f"{measure['id']}: {measure['title']}", items


def _status_line(store: Any, measure: dict[str, Any], on: Any, sources: dict[str, str]) -> str:
    """The status a later source reports, with its quote, beside the one derived from the runtime."""
    from fko.status import status_in

    found = status_in(store, measure, on)
    derived = f"{found.runtime_label()} on {on.isoformat()} — rule: {found.rule}"
    if not found.reported:
        return derived
    r = found.reported
    lines = [
        f"{r['reports_status']} (reported {r['date']}, source {sources.get(r['source'], r['source'])})",
        f"  „{r['quote']}“",
        *([f"  fko's inference, not the source's: {r['inference']}"] if r.get("inference") else []),
        f"  from the report's runtime: {derived}",
    ]
    return "\n".join(lines)


def event_when(event: dict[str, Any]) -> str:
    """ "2025-12-04 (am 4. Dezember)", "undated (innerhalb der nächsten sechs Monate)" """
    when = event["date"] or "undated"
    return f"{when} ({event['date_text']})" if event["date_text"] else when


def event_line(event: dict[str, Any], sources: dict[str, str]) -> str:
    """Date, status, title, place and source; the quote below; fko's inference marked as such."""
    place = f", {event['place']}" if event["place"] else ""
    lines = [
        f"{event_when(event)}: {event['title']}{place} ({event['status']}) "
        f"[{sources.get(event['source'], event['source'])}]",
        f"  „{event['quote']}“",
    ]
    if event["inference"]:
        lines.append(f"  fko's inference, not the source's: {event['inference']}")
    if event["note"]:
        lines.append(f"  Note: {event['note']}")
    return "\n".join(lines)


def indicator_line(row: dict[str, Any], sources: dict[str, str]) -> str:
    """ "2024-03-31  Meisterprämien ausgezahlt: 2.186  [Fortschrittsbericht …]" """
    source = sources.get(row["source"], row["source"])
    return f"{row['as_of']}  {row['metric']}: {indicator_value(row)}{_as_of(row)}  [{source}]"


def indicator_value(row: dict[str, Any]) -> str:
    value = render.german_number(row["value"])
    unit = {"EUR": " €", "%": " %"}.get(row["unit"] or "", "")
    qualifier = f"{row['qualifier']} " if row["qualifier"] else ""
    target = " (target)" if row["target"] else ""
    return f"{qualifier}{value}{unit}{target}"


def _as_of(row: dict[str, Any]) -> str:
    if row["as_of_text"]:  # the source's own dating, quoted: „Bislang (31.032024)“
        return f" „{row['as_of_text']}“"
    if row["as_of_from_source"]:
        return " (date of the source)"
    return ""


def source_titles(store: Any) -> dict[str, str]:
    """How a record view cites a source beside a figure: its short key and date ("dhb, 2025-10");
    the record's last field names each key's title (files: `fko sources`)."""
    return {s["file"]: f"{s['key']}, {s['date']}" for s in store.sources()}


def _marked(row: dict[str, Any]) -> render.Marked:
    return render.Marked(row.get("match") or "", row.get("match_spans") or [])


def _synonyms(row: dict[str, Any]) -> str:
    return ", ".join(f"{v['query_word']} -> {v['data_word']}" for v in row.get("synonyms") or [])


SEARCH_FIELDS: list[Field] = [
    Field("id", "ID", key("id"), keep_whole=True),
    Field("kind", "Kind", key("kind"), keep_whole=True, drop=4),
    Field("title", "Title", key("title"), main=True),
    Field("ressorts", "Ministries", key("ressorts"), drop=2),
    # the table's Match column: where the query matched other than the title (shown beside it)
    Field("match", "Match", key("match"), marked=_marked, drop=1),
    Field("snippet", "Snippet", key("snippet"), in_table=False),
    Field("field", "Field", key("field"), in_table=False),
    Field("matched", "Matched", key("matched"), in_table=False),
    Field("synonyms", "Synonyms", _synonyms, in_table=False),
    Field("score", "Score", key("score"), numeric=True, drop=3),
]


def _amount(row: dict[str, Any]) -> str:
    if row["kind"] == "money":
        return render.euro_text(row["amount_eur"], row["approximate"], row["basis"])
    if row["kind"] == "staff":
        return render.quantity_text(row["quantity"], row["unit"], row["basis"])
    return "no separate funds"
