"""The columns of each record type, shared by tables, CSV and --fields, and their dispatch."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from fko import render
from fko.budget import BASIS_LABEL
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

MEASURE_FIELDS.insert(1, Field("kind", "Kind", lambda r: r.get("kind", "measure"), in_table=False))
SOURCE_LIST_FIELDS: list[Field] = [
    dataclasses.replace(f, in_table=True) if f.name in ("kind", "source") else f for f in MEASURE_FIELDS
]

STATUS_FIELDS: list[Field] = [
    Field("status", "Status", key("status_label")),
    Field("open_ended", "Open-ended", key("open_ended"), in_table=False),
    Field("period_start", "Period start", key("period_start"), in_table=False),
    Field("period_end", "Period end", key("period_end"), in_table=False),
    Field("status_derived", "Status derived", key("status_derived"), in_table=False),
    Field("status_rule", "Status rule", key("status_rule"), in_table=False),
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


def _item_line(item: dict[str, Any]) -> str:
    from fko.budget import years_text

    parts = [_amount(item)]
    parts += [BASIS_LABEL.get(item["basis"], "") or "", years_text(item)]
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
        *([("Status", _status_line(measure, on))] if on is not None else []),
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
    from fko.figures import indicator_rows, update_rows

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
                    for u in updates
                ),
            )
        )
    lines = measure.get("source_lines") or []
    where = f", lines {lines[0]}-{lines[1]}" if len(lines) == 2 else ""
    items.append(("Source", f"{measure['source']}{where} ({sources.get(measure['source'], '')})"))
    if measure.get("kind") == "initiative":
        items.insert(1, ("Kind", f"initiative from a newer source ({measure['date']}), not a measure of the report"))
    return f"{measure['id']}: {measure['title']}", items


def _status_line(measure: dict[str, Any], on: Any) -> str:
    from fko.status import status_on

    found = status_on(measure, on)
    return f"{found.label()} on {on.isoformat()} — rule: {found.rule}"


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
    if row["as_of_text"]:
        return f" ({row['as_of_text']})"
    if row["as_of_from_source"]:
        return " (date of the source)"
    return ""


def source_titles(store: Any) -> dict[str, str]:
    return {s["file"]: f"{s['title']}, {s['date']}" for s in store.sources()}


def _marked(row: dict[str, Any]) -> render.Marked:
    return render.Marked(row.get("match") or "", row.get("match_spans") or [])


def _matched_via(row: dict[str, Any]) -> str:
    return ", ".join(f"{v['word']} -> {v['means']}" for v in row.get("via") or [])


SEARCH_FIELDS: list[Field] = [
    Field("id", "ID", key("id")),
    Field("kind", "Kind", key("kind")),
    Field("title", "Title", key("title")),
    Field("ressorts", "Ministries", key("ressorts")),
    # the table's Match column: where the query matched other than the title (shown beside it)
    Field("match", "Match", key("match"), marked=_marked),
    Field("snippet", "Snippet", key("snippet"), in_table=False),
    Field("field", "Field", key("field"), in_table=False),
    Field("matched", "Matched", key("matched"), in_table=False),
    Field("via", "Via", _matched_via, in_table=False),
    Field("score", "Score", key("score"), numeric=True),
]


def _amount(row: dict[str, Any]) -> str:
    if row["kind"] == "money":
        return render.euro_text(row["amount_eur"], row["approximate"], row["basis"])
    if row["kind"] == "staff":
        return render.quantity_text(row["quantity"], row["unit"], row["basis"])
    return "no separate funds"


def _ministries(row: dict[str, Any]) -> str:
    if row.get("ressort"):
        return f"{row['ressort']} (assigned)"
    codes = ", ".join(row["ressorts"])
    return f"{codes} (shared)" if row.get("shared") else codes


BUDGET_FIELDS: list[Field] = [
    Field("id", "ID", key("id")),
    Field("item", "Item", key("item"), numeric=True, in_table=False),
    Field("title", "Title", key("title")),
    Field("ressorts", "Ministries", key("ressorts"), show=lambda v: "", in_table=False),
    Field("ministries", "Ministries", lambda r: _ministries(r)),
    Field("kind", "Kind", key("kind"), in_table=False),
    Field("amount", "Amount", lambda r: _amount(r)),
    Field("amount_eur", "Euro", key("amount_eur"), numeric=True, in_table=False),
    Field("quantity", "Quantity", key("quantity"), numeric=True, in_table=False),
    Field("unit", "Unit", key("unit"), in_table=False),
    Field("basis", "Basis", key("basis"), show=lambda v: BASIS_LABEL.get(v, v or "")),
    Field("year_from", "From", key("year_from"), numeric=True, in_table=False),
    Field("year_to", "To", key("year_to"), numeric=True, in_table=False),
    Field("years", "Years", key("years")),
    Field("years_derived", "Years derived", key("years_derived"), in_table=False),
    Field("approximate", "Approximate", key("approximate"), in_table=False),
    Field("funding", "Funding", key("funding")),
    Field("ressort", "Assigned ministry", key("ressort"), in_table=False),
    Field("shared", "Shared", key("shared"), in_table=False),
    Field("counted_eur", "Counted euro", key("counted_eur"), numeric=True, in_table=False),
    Field("attribution", "Counted as", key("attribution"), in_table=False),
    Field("text", "Wording", key("text"), in_table=False),
    Field("note", "Note", key("note"), in_table=False),
    Field("source", "Source", key("source"), in_table=False),
]


def _items(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"


def budget_footer(result: Any) -> list[str]:
    """The total lines: each says exactly what it adds up, one basis at a time."""
    lines = []
    eur = render.euro_exact
    t = result.totals
    scope = f" for {result.ressort}" if result.ressort else ""
    if result.year is not None:
        parts = f"yearly amounts running in {result.year} and amounts stated for {result.year}"
        if result.annualize:
            parts += ", and totals over several years spread evenly over their years (annualized)"
        entry = t.get("year_total", {"eur": 0, "items": 0})
        lines.append(
            f"Total planned{scope} for {result.year}: {eur(entry['eur'])}, {_items(entry['items'])} ({parts})."
        )
        if "not_attributable" in t:
            apart = t["not_attributable"]
            lines.append(
                f"Not attributable to {result.year}: {eur(apart['eur'])} in {apart['items']} totals over several "
                "years, listed apart and not in the total (--annualize spreads them evenly)."
            )
        if "years_not_stated" in t:
            unstated = t["years_not_stated"]
            lines.append(
                f"Years not stated: {_items(unstated['items'])} ({eur(unstated['eur'])}), listed apart and not in "
                "the total."
            )
    else:
        labels = {
            "per_year": "Sum of the yearly amounts (each for the years it runs; --year YYYY for one year)",
            "total": "Totals over their stated or derived periods",
            "year": "Amounts for one stated year",
            "one_off": "One-off amounts",
        }
        for basis, label in labels.items():
            if basis in t:
                unit = "/Jahr" if basis == "per_year" else ""
                lines.append(f"{label}{scope}: {eur(t[basis]['eur'])}{unit} ({_items(t[basis]['items'])}).")
        lines.append("These sums are kept apart: a yearly amount and a total over several years do not add up.")
    staff = [r for r in result.rows if r["kind"] == "staff"]
    if staff:
        listed = "; ".join(f"{r['id']} {render.quantity_text(r['quantity'], r['unit'], r['basis'])}" for r in staff)
        lines.append(f"Staff, not in euros and not summed: {listed}.")
    none = [r["id"] for r in result.rows if r["kind"] == "none"]
    if none:
        lines.append(f"No separate funds (not counted as zero): {', '.join(none)}.")
    if not result.ressort:
        lines.append(
            "A measure shared by several ministries is counted once here (and in full for each with --by ressort)."
        )
    elif any(r["shared"] for r in result.rows):
        if result.split == "equal":
            lines.append("Measures shared with other ministries are divided evenly between them (--split equal).")
        else:
            lines.append(
                "Measures shared with other ministries are counted in full (--split equal divides them evenly)."
            )
    return lines


BUDGET_GROUP_FIELDS: list[Field] = [
    Field("group", "Group", key("group")),
    Field("items", "Items", key("items"), numeric=True),
    Field("per_year", "Per year €", key("per_year"), numeric=True, show=lambda v: render.euro_exact(v)),
    Field("total", "Totals €", key("total"), numeric=True, show=lambda v: render.euro_exact(v)),
    Field("year", "One year €", key("year"), numeric=True, show=lambda v: render.euro_exact(v)),
    Field("one_off", "One-off €", key("one_off"), numeric=True, show=lambda v: render.euro_exact(v)),
    Field("year_total", "Planned €", key("year_total"), numeric=True, show=lambda v: render.euro_exact(v)),
]


INDICATOR_FIELDS: list[Field] = [
    Field("measure", "ID", key("measure")),
    Field("as_of", "As of", key("as_of")),
    Field("metric", "Figure", key("metric")),
    Field("shown", "Value", lambda r: indicator_value(r), in_table=True),
    Field("value", "Value (number)", key("value"), numeric=True, in_table=False),
    Field("unit", "Unit", key("unit"), in_table=False),
    Field("qualifier", "Qualifier", key("qualifier"), in_table=False),
    Field("approximate", "Approximate", key("approximate"), in_table=False),
    Field("target", "Target", key("target"), in_table=False),
    Field("as_of_text", "As stated", key("as_of_text")),
    Field("as_of_from_source", "Date of the source", key("as_of_from_source"), in_table=False),
    Field("source", "Source", key("source")),
    Field("source_date", "Source date", key("source_date"), in_table=False),
    Field("quote", "Quote", key("quote"), in_table=False),
    Field("note", "Note", key("note"), in_table=False),
]

SOURCE_FIELDS: list[Field] = [
    Field("key", "Key", key("key")),
    Field("file", "File", key("file")),
    Field("title", "Title", key("title")),
    Field("publisher", "Publisher", key("publisher")),
    Field("date", "Date", key("date")),
    Field("date_note", "Date note", key("date_note"), in_table=False),
    Field("records", "Records", key("records"), numeric=True),
    *(
        Field(f"cites_{t}", t.capitalize(), key(f"cites_{t}"), numeric=True, in_table=False)
        for t in ("measures", "initiatives", "clusters", "recognition", "indicators", "updates")
    ),
]

RECOGNITION_FIELDS: list[Field] = [
    Field("body", "Body", key("body")),
    Field("year", "Year", key("year"), numeric=True),
    Field("metric", "Metric", key("metric")),
    Field("dimension", "Country", key("dimension")),
    Field(
        "value",
        "Value",
        key("value"),
        numeric=True,
        show=lambda v: render.german_number(v, 0 if float(v).is_integer() else 1),
    ),
    Field("unit", "Unit", key("unit"), in_table=False),
    Field("derived", "Derived", key("derived"), in_table=False),
    Field("label", "As printed", key("label"), in_table=False),
    Field("measure", "Measure", key("measure"), in_table=False),
    Field("source", "Source", key("source"), in_table=False),
    Field("source_date", "Source date", key("source_date"), in_table=False),
    Field("note", "Note", key("note"), in_table=False),
]


def _matrix_value(value: Any, unit: str | None) -> str:
    if value is None:
        return ""
    text = render.german_number(value, 0 if float(value).is_integer() else 1)
    return f"{text} %" if unit == "%" else text


def matrix_fields(years: Sequence[int]) -> list[Field]:
    """Metrics as rows, one column per year, then the change (derived values marked *).

    Only for the table: --json and --csv give the long rows instead.
    """

    def year_value(year: int) -> Callable[[dict[str, Any]], str]:
        return lambda r: _matrix_value(r["values"].get(year), r["unit"])

    def change(r: dict[str, Any]) -> str:
        if r["change"] is None:
            return ""
        sign = "+" if r["change"] > 0 else ""
        unit = " pp" if r["unit"] == "%" else ""
        return f"{sign}{_matrix_value(r['change'], None)}{unit}"

    def change_pct(r: dict[str, Any]) -> str:
        if r["change_pct"] is None:
            return ""
        sign = "+" if r["change_pct"] > 0 else ""
        return f"{sign}{render.german_number(r['change_pct'], 1)} %"

    out = [Field("metric", "Metric", lambda r: r["metric"] + (" *" if r["derived"] else ""))]
    out += [Field(str(y), str(y), year_value(y), numeric=True) for y in years]
    if len(years) > 1:
        out.append(Field("change", f"Change {years[0]}→{years[-1]} *", change, numeric=True))
        out.append(Field("change_pct", "Change in % *", change_pct, numeric=True))
    return out


COMPARE_FIELDS: list[Field] = [
    Field("id", "ID", key("id")),
    Field("title", "Title", key("title")),
    Field("cluster", "Cluster", key("cluster")),
    Field("ressorts", "Ministries", key("ressorts")),
    Field("runtime", "Runtime", key("runtime")),
    Field("on", "On", key("on")),
    Field("status", "Status", key("status")),
    Field("open_ended", "Open-ended", key("open_ended")),
    Field("period_start", "Period start", key("period_start")),
    Field("period_end", "Period end", key("period_end")),
    Field("status_derived", "Status derived", key("status_derived")),
    Field("status_rule", "Status rule", key("status_rule")),
    Field("funds_text", "Funds (report)", key("funds_text")),
    Field("funds_per_year_eur", "Funds per year", key("funds_per_year_eur"), numeric=True),
    Field("funds_total_eur", "Funds in total", key("funds_total_eur"), numeric=True),
    Field("funds_one_year_eur", "Funds for one year", key("funds_one_year_eur"), numeric=True),
    Field("funds_one_off_eur", "Funds one-off", key("funds_one_off_eur"), numeric=True),
    Field("funding", "Funding", key("funding")),
    Field("staff", "Staff", key("staff")),
    Field("partners", "Partners", key("partners")),
    Field("goal", "Goal", key("goal")),
    Field(
        "latest_indicators",
        "Latest figures",
        lambda r: [f"{i['metric']}: {i['value']} ({i['as_of']})" for i in r["latest_indicators"]],
    ),
    Field("source", "Source", key("source")),
]


def compare_table(rows: Sequence[dict[str, Any]], on: Any) -> None:
    """Fields as rows, measures as columns; ≠ marks the rows where the measures differ."""
    eur = render.euro_exact

    from fko.status import state_text

    def status(r: dict[str, Any]) -> str:
        label = state_text(r["status"], r["open_ended"])
        return label + (f" (derived: {r['status_rule']})" if r["status_derived"] else "")

    def figures(r: dict[str, Any]) -> str:
        return "\n".join(
            f"{i['metric']}: {indicator_value({**i, 'target': False})} ({i['as_of']})" for i in r["latest_indicators"]
        )

    lines: list[tuple[str, Any]] = [
        ("Title", lambda r: r["title"]),
        ("Cluster", lambda r: r["cluster"] or "–"),
        ("Ministries", lambda r: ", ".join(r["ressorts"])),
        ("Runtime", lambda r: r["runtime"] or "not stated"),
        (f"Status on {on.isoformat()}", status),
        ("Funds per year", lambda r: eur(r["funds_per_year_eur"]) + ("/Jahr" if r["funds_per_year_eur"] else "")),
        ("Funds in total", lambda r: eur(r["funds_total_eur"])),
        ("Funds for one year", lambda r: eur(r["funds_one_year_eur"])),
        ("Funds one-off", lambda r: eur(r["funds_one_off_eur"])),
        ("Funds (report)", lambda r: r["funds_text"] or "not stated"),
        ("Funding sources", lambda r: ", ".join(r["funding"])),
        ("Staff", lambda r: ", ".join(r["staff"])),
        ("Partners", lambda r: "\n".join(r["partners"]) or "none"),
        ("Goal", lambda r: r["goal"] or ""),
        ("Latest figures", figures),
    ]
    table_rows = []
    for label, get in lines:
        values = {r["id"]: get(r) for r in rows}
        if not any(values.values()):
            continue
        differs = len(set(values.values())) > 1
        table_rows.append({"mark": "≠" if differs else "", "field": label, **values})
    fields = [Field("mark", "", key("mark")), Field("field", "Field", key("field"))]
    fields += [Field(r["id"], r["id"], key(r["id"])) for r in rows]
    render.table(
        table_rows,
        fields,
        title="Measures side by side (≠: they differ)",
        styles=lambda row: "bold" if row["mark"] else None,
    )


PORTFOLIO_FIELDS: list[Field] = [
    Field("ressort", "Ministry", key("ressort")),
    Field("measures", "Measures", key("measures"), numeric=True),
    *(
        Field(f"cluster_{n}", f"Cluster {n}", path("per_cluster", n), numeric=True)
        for n in ("I", "II", "III", "IV", "V", "VI")
    ),
    Field("shared", "Shared", key("shared")),
    Field("funds_per_year_eur", "Funds per year", key("funds_per_year_eur"), numeric=True),
    Field("funds_total_eur", "Funds in total", key("funds_total_eur"), numeric=True),
    Field("funds_one_year_eur", "Funds for one year", key("funds_one_year_eur"), numeric=True),
    Field("funds_one_off_eur", "Funds one-off", key("funds_one_off_eur"), numeric=True),
]


def portfolio_table(store: Any, result: dict[str, Any]) -> None:
    """Ministries' portfolios side by side: metrics as rows, ministries as columns."""
    portfolios = result["ressorts"]
    rows = []
    for f in PORTFOLIO_FIELDS[1:]:
        values = {}
        for p in portfolios:
            value = f.get(p)
            if f.name == "shared":
                value = f"{len(value)} ({', '.join(value)})" if value else "0"
            elif f.name.startswith("funds"):
                value = render.euro_exact(value)
            values[p["ressort"]] = str(value)
        rows.append({"field": f.header, **values})
    fields = [Field("field", "", key("field"))] + [
        Field(p["ressort"], p["ressort"], key(p["ressort"]), numeric=True) for p in portfolios
    ]
    render.table(rows, fields, title="Portfolios side by side")
    common = result["in_common"]
    render.lines(
        [
            "",
            f"Measures in common: {', '.join(common) if common else 'none'}.",
            "Funds of shared measures are counted in full for each ministry; items the report assigns to one "
            "ministry (II.4 hosting costs: MSB) count only for it. Sums are kept apart by basis.",
        ]
    )
