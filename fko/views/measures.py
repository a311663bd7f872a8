"""The views of measures: the list's columns, the status columns, ministries, clusters, and `fko show`'s record."""

from __future__ import annotations

import dataclasses
from typing import Any

from fko.output import channels, numbers
from fko.output.fields import Field, key, path


def _runtime(value: Any) -> str:
    return channels.clean(value or "–").replace("\n", "; ")


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


def _basis_label(basis: Any, default: str) -> str:
    """How a table names a funds basis (per_year: "per year"); fko.budget is imported only here."""
    from fko.domain.budget import BASIS_LABEL

    return BASIS_LABEL.get(basis, default)


def _item_line(item: dict[str, Any]) -> str:
    from fko.domain.budget import years_text

    parts = [_amount(item)]
    parts += [_basis_label(item["basis"], "") or "", years_text(item)]
    if item.get("stated_years"):
        parts.append(f"for {item['stated_years']} years (stated)")
    if item.get("growth_percent"):
        until = f" until {item['growth_until']}" if item.get("growth_until") else ""
        parts.append(f"+{numbers.german_number(item['growth_percent'], 1).removesuffix(',0')} % a year{until}")
    parts += [", ".join(item["funding"]), f"paid by {item['payer']}" if item["payer"] else ""]
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
    from fko.domain.figures import event_rows, indicator_rows, update_rows

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
    from fko.domain.status import status_in

    found = status_in(store, measure, on)
    derived = f"{found.runtime_label()} on {on.isoformat()} — rule: {found.rule}"
    note = [f"  the report: {found.note}"] if found.note else []
    r = found.reported
    if not r:
        return "\n".join([derived, *note])
    reported = f"{r['reports_status']} (reported {r['date']}, source {sources.get(r['source'], r['source'])})"
    if r.get("inference"):  # beside the status, never in its place
        lines = [
            derived,
            *note,
            f"  beside it, only through fko's inference: {reported}",
            f"  „{r['quote']}“",
            f"  fko's inference, not the source's: {r['inference']}",
        ]
    else:
        lines = [reported, f"  „{r['quote']}“", f"  from the report's runtime: {derived}", *note]
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
    value = numbers.german_number(row["value"])
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


def _amount(row: dict[str, Any]) -> str:
    if row["kind"] == "money":
        return numbers.euro_text(row["amount_eur"], row["approximate"], row["basis"])
    if row["kind"] == "staff":
        return numbers.quantity_text(row["quantity"], row["unit"], row["basis"])
    return "no separate funds"
