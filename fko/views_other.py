"""The views of the commands off the start-up hot paths: budget, indicators, sources,
recognition, compare, timeline portfolios, changes, diff and cite (columns and text blocks).

Apart from fko/views.py (the records, --fields dispatch and the list, search and show views)
so that `fko list`, `fko search` and `fko show` do not load them at start-up (issue #16)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fko import render
from fko.render import Field, key, path
from fko.views import _amount, _basis_label, indicator_value


def _ministries(row: dict[str, Any]) -> str:
    if row.get("ressort"):
        return f"{row['ressort']} (assigned)"
    codes = ", ".join(row["ressorts"])
    return f"{codes} (shared)" if row.get("shared") else codes


BUDGET_FIELDS: list[Field] = [
    Field("id", "ID", key("id"), keep_whole=True),
    Field("item", "Item", key("item"), numeric=True, in_table=False),
    Field("title", "Title", key("title"), main=True),
    Field("ressorts", "Ministries", key("ressorts"), show=lambda v: "", in_table=False),
    Field("ministries", "Ministries", lambda r: _ministries(r), drop=1),
    Field("kind", "Kind", key("kind"), in_table=False),
    Field("amount", "Amount", lambda r: _amount(r), keep_whole=True),
    Field("amount_eur", "Euro", key("amount_eur"), numeric=True, in_table=False),
    Field("quantity", "Quantity", key("quantity"), numeric=True, in_table=False),
    Field("unit", "Unit", key("unit"), in_table=False),
    Field("basis", "Basis", key("basis"), show=lambda v: _basis_label(v, v or ""), drop=2),
    Field("year_from", "From", key("year_from"), numeric=True, in_table=False),
    Field("year_to", "To", key("year_to"), numeric=True, in_table=False),
    Field("years", "Years", key("years"), drop=3),
    Field("years_derived", "Years derived", key("years_derived"), in_table=False),
    Field("approximate", "Approximate", key("approximate"), in_table=False),
    Field("qualifier", "Qualifier", key("qualifier"), in_table=False),
    Field("funding", "Funding", key("funding"), drop=4),
    Field("ressort", "Assigned ministry", key("ressort"), in_table=False),
    Field("shared", "Shared", key("shared"), in_table=False),
    Field(
        "counted_eur",
        "Counted €",
        key("counted_eur"),
        numeric=True,
        in_table=False,
        show=lambda v: render.euro_exact(v) if v is not None else "",
    ),
    Field("attribution", "Counted as", key("attribution"), in_table=False),
    Field("text", "Wording", key("text"), in_table=False),
    Field("note", "Note", key("note"), in_table=False),
    Field("source", "Source", key("source"), in_table=False),
]


def _items(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"


def _per_year_text(entries: list[dict[str, Any]]) -> str:
    """ "2023: 25.100.000 € (2 items)" per year, for amounts of one stated year or one-off ones."""
    by_year: dict[Any, list[int]] = {}
    for row in entries:
        by_year.setdefault(row["year_from"], []).append(row["counted_eur"])
    return "; ".join(
        f"{year if year is not None else 'year not stated'}: {render.euro_exact(sum(v))} ({_items(len(v))})"
        for year, v in sorted(by_year.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
    )


def _assumption(entry: dict[str, Any]) -> str:
    """ " It rests on an assumption: the open end of V.6 is carried on." or "" """
    ids = entry["assumed_ids"]
    if not ids:
        return ""
    what = f"the open end of {ids[0]} is" if len(ids) == 1 else f"the open ends of {', '.join(ids)} are"
    return f" It rests on an assumption: {what} carried on."


def _years_footer(result: Any, scope: str) -> list[str]:
    """Without --year: the peak year and the current year, never a sum over years that do not
    run at the same time; totals over several years, and one-year and one-off amounts by year."""
    from fko.budget import peak_year, years

    eur = render.euro_exact
    t = result.totals
    money = [r for r in result.rows if r["kind"] == "money" and r["counted_eur"] is not None]
    per_year = years(money, False, None)
    lines = []
    peak = peak_year(per_year)
    if peak:
        lines.append(
            f"Peak year{scope}: {peak['year']}, with {render.euro_exact(peak['year_total'])} planned (yearly "
            "amounts running then and amounts stated for that year; totals over several years not included)."
            + _assumption(peak)
        )
        now = next((e for e in per_year if e["year"] == result.this_year), None)
        if now:
            lines.append(
                f"This year ({result.this_year}){scope}: {render.euro_exact(now['year_total'])} planned."
                + _assumption(now)
            )
        lines.append("Every year: --by year; one year in detail: --year YYYY.")
    if "total" in t:
        lines.append(
            f"Totals over their stated or derived periods{scope}: {eur(t['total']['eur'])} "
            f"({_items(t['total']['items'])}), each over its own years; not an amount per year."
        )
    for basis, label in (("year", "Amounts for one stated year"), ("one_off", "One-off amounts")):
        entries = [r for r in money if r["basis"] == basis]
        if entries:
            lines.append(f"{label}{scope}: {_per_year_text(entries)}.")
    unstated = [r for r in money if r["basis"] == "per_year" and r["year_from"] is None and r["year_to"] is None]
    if unstated:
        listed = ", ".join(f"{r['id']} {_amount(r)}" for r in unstated)
        lines.append(f"Yearly amounts whose years are not stated, in no year: {listed}.")
    lines.append("These sums are kept apart: a yearly amount and a total over several years do not add up.")
    return lines


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
        lines += _years_footer(result, scope)
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
    elif len(result.codes) > 1:
        lines.append(f"A measure shared by {' and '.join(result.codes)} is counted once here.")
    if result.ressort and any(r["shared_with"] for r in result.rows):
        if result.split == "equal":
            lines.append("Measures shared with other ministries are divided evenly between them (--split equal).")
        else:
            lines.append(
                "Measures shared with other ministries are counted in full (--split equal divides them evenly)."
            )
    return lines


def _peak(row: dict[str, Any]) -> str:
    if row["peak_year"] is None:
        return ""
    return f"{row['peak_year']}{' *' if row['peak_assumed'] else ''}"


#: `fko budget --by ressort|cluster|funding`: without --year each group's peak year and the
#: amount planned in it, beside its totals over several years; with --year what is planned then.
BUDGET_GROUP_FIELDS: list[Field] = [
    Field("group", "Group", key("group"), keep_whole=True),
    Field("items", "Items", key("items"), numeric=True),
    Field("peak_year", "Peak year", key("peak_year"), numeric=True, show=lambda v: "", in_table=False),
    Field("peak", "Peak year", lambda r: _peak(r)),
    Field("peak_eur", "Planned in peak year €", key("peak_eur"), numeric=True, show=lambda v: render.euro_exact(v)),
    Field("peak_assumed", "Peak rests on an assumption", key("peak_assumed"), in_table=False),
    Field("total", "Totals over several years €", key("total"), numeric=True, show=lambda v: render.euro_exact(v)),
    Field("year_total", "Planned €", key("year_total"), numeric=True, show=lambda v: render.euro_exact(v)),
]

#: `fko budget --by year`: what is planned in each year, the totals over several years running
#: then (in full, apart), and the years that rest on an assumption.
BUDGET_YEAR_FIELDS: list[Field] = [
    Field("year", "Year", key("year"), numeric=True, show=lambda v: str(v)),
    Field("items", "Items", key("items"), numeric=True),
    Field("year_total", "Planned €", key("year_total"), numeric=True, show=lambda v: render.euro_exact(v)),
    Field(
        "totals_running_eur",
        "Totals running €",
        key("totals_running_eur"),
        numeric=True,
        show=lambda v: render.euro_exact(v) if v else "",
    ),
    Field("totals_running_items", "Totals running (items)", key("totals_running_items"), numeric=True, in_table=False),
    Field("assumed", "Assumed", key("assumed"), show=lambda v: "yes *" if v else "", drop=1),
    Field("assumed_ids", "Open ends carried", key("assumed_ids"), drop=2),
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
    Field("source", "Source", key("source"), show=render.source_short),
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
        for t in ("measures", "initiatives", "clusters", "recognition", "indicators", "updates", "events")
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


def source_label(store: Any) -> dict[str, str]:
    """ "WHKT-Report, Ausgabe 12/2025 (whkt)" by file name: how views name a source."""
    return {s["file"]: f"{s['title']} ({s['key']})" for s in store.sources()}


def recognition_overview(store: Any, bodies: Sequence[str] = (), year: int | None = None) -> list[dict[str, Any]]:
    """One row per recognition figure set fko has, for `fko recognition`'s overview: the
    procedures by area (each area), the top countries of training, and each chamber's latest
    applications and recognitions with the rate."""
    from fko.figures import by_area, by_country, recognition_rows

    wanted = [b.casefold() for b in bodies]

    def chosen(name: str) -> bool:
        return not wanted or any(w in name.casefold() for w in wanted)

    rows: list[dict[str, Any]] = []
    if year is None:
        for r in by_area(store):
            if chosen(r["body"]):
                shown = render.german_number(r["value"])
                rows.append({"body": r["body"], "figure": "procedures", "year": "–", "value": shown, **r_src(r)})
        countries = by_country(store)
        if countries and chosen(countries[0]["body"]):
            top = ", ".join(f"{c['dimension']} {render.german_number(c['value'])}" for c in countries[:3])
            rows.append(
                {
                    "body": countries[0]["body"],
                    "figure": f"procedures by country (top {len(countries)})",
                    "year": "–",
                    "value": f"{top} …",
                    **r_src(countries[0]),
                }
            )
    chambers = [r for r in recognition_rows(store, bodies, year) if r["year"] is not None]
    for name in dict.fromkeys(r["body"] for r in chambers):
        latest = max(r["year"] for r in chambers if r["body"] == name)
        figures = {r["metric"]: r for r in chambers if r["body"] == name and r["year"] == latest}
        applied, granted = figures.get("Anträge gestellt"), figures.get("anerkannt")
        if applied is None or granted is None:
            continue
        rate = f" ({render.german_number(100 * granted['value'] / applied['value'], 1)} %)" if applied["value"] else ""
        rows.append(
            {
                "body": name,
                "figure": "applied / recognised (rate)",
                "year": str(latest),
                "value": f"{render.german_number(applied['value'])} / {render.german_number(granted['value'])}{rate}",
                **r_src(applied),
            }
        )
    return rows


def r_src(row: dict[str, Any]) -> dict[str, Any]:
    return {"source": row["source"]}


RECOGNITION_OVERVIEW_FIELDS: list[Field] = [
    Field("body", "Body", key("body"), main=True),
    Field("figure", "Figures", key("figure"), drop=1),
    Field("year", "Year", key("year"), keep_whole=True),
    Field("value", "Value", key("value")),
    Field("source", "Source", key("source"), show=render.source_short, keep_whole=True),
]


def _matrix_value(value: Any, unit: str | None) -> str:
    if value is None:
        return ""
    if unit == "%":  # rates always with one decimal: 81,0 % beside 86,1 %
        return f"{render.german_number(value, 1)} %"
    return render.german_number(value, 0 if float(value).is_integer() else 1)


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

    out = [Field("metric", "Metric", lambda r: r["metric"] + (" *" if r["derived"] else ""), main=True)]
    out += [Field(str(y), str(y), year_value(y), numeric=True) for y in years]
    if len(years) > 1:
        out.append(Field("change", f"Change {years[0]}→{years[-1]} *", change, numeric=True))
        out.append(Field("change_pct", "Change in % *", change_pct, numeric=True))
    return out


def _latest_figure(i: dict[str, Any]) -> str:
    """ "Meisterprämien ausgezahlt: fast 7000 (2025-10)": raw number, the source's qualifier kept."""
    qualifier = f"{i['qualifier']} " if i.get("qualifier") else ""
    return f"{i['metric']}: {qualifier}{i['value']} ({i['as_of']})"


COMPARE_FIELDS: list[Field] = [
    Field("id", "ID", key("id")),
    Field("title", "Title", key("title")),
    Field("cluster", "Cluster", key("cluster")),
    Field("ressorts", "Ministries", key("ressorts")),
    Field("runtime.text", "Runtime", path("runtime", "text")),
    Field("on", "On", key("on")),
    Field("status", "Status", key("status")),
    Field("open_ended", "Open-ended", key("open_ended")),
    Field("period_start", "Period start", key("period_start")),
    Field("period_end", "Period end", key("period_end")),
    Field("status_derived", "Status derived", key("status_derived")),
    Field("status_rule", "Status rule", key("status_rule")),
    Field("reported_status", "Reported status", key("reported_status")),
    Field("reported_date", "Reported on", key("reported_date")),
    Field("reported_source", "Reported by", key("reported_source")),
    Field("reported_quote", "Report quote", key("reported_quote")),
    Field("reported_inference", "fko's inference", key("reported_inference")),
    Field("funds_text", "Funds (report)", key("funds_text")),
    Field("funds_per_year_eur", "Funds per year", key("funds_per_year_eur"), numeric=True),
    Field("funds_total_eur", "Funds in total", key("funds_total_eur"), numeric=True),
    Field("funds_one_year_eur", "Funds for one year", key("funds_one_year_eur"), numeric=True),
    Field("funds_one_off_eur", "Funds one-off", key("funds_one_off_eur"), numeric=True),
    *(
        Field(f"funds_{b}_approximate", f"Funds {b.replace('_', ' ')} approximate", key(f"funds_{b}_approximate"))
        for b in ("per_year", "total", "one_year", "one_off")
    ),
    Field("funding", "Funding", key("funding")),
    Field("staff", "Staff", lambda r: _staff(r["staff"])),
    Field("partners", "Partners", key("partners")),
    Field("goal", "Goal", key("goal")),
    Field(
        "latest_indicators",
        "Latest figures",
        lambda r: [_latest_figure(i) for i in r["latest_indicators"]],
    ),
    Field("source", "Source", key("source"), show=render.source_short),
]


def _staff(items: Sequence[dict[str, Any]]) -> list[str]:
    return [render.quantity_text(i["quantity"], i["unit"], i["basis"]) for i in items]


def compare_table(rows: Sequence[dict[str, Any]], on: Any) -> None:
    """Fields as rows, measures as columns; ≠ marks the rows where the measures differ."""
    eur = render.euro_exact

    from fko.status import state_text

    def status(r: dict[str, Any]) -> str:
        label = state_text(r["status"], r["open_ended"])
        label += f" (derived: {r['status_rule']})" if r["status_derived"] else ""
        if r.get("reported_status"):
            mark = ", fko's inference" if r.get("reported_inference") else ""
            label = f"{r['reported_status']} (reported {r['reported_date']}{mark}); from the runtime: {label}"
        return label

    def funds(r: dict[str, Any], basis: str) -> str:
        value = r[f"funds_{basis}_eur"]
        if value is None:
            return ""
        return ("ca. " if r[f"funds_{basis}_approximate"] else "") + eur(value)

    def figures(r: dict[str, Any]) -> str:
        return "\n".join(
            f"{i['metric']}: {indicator_value({**i, 'target': False})} ({i['as_of']})" for i in r["latest_indicators"]
        )

    lines: list[tuple[str, Any]] = [
        ("Title", lambda r: r["title"]),
        ("Cluster", lambda r: r["cluster"] or "–"),
        ("Ministries", lambda r: ", ".join(r["ressorts"])),
        ("Runtime", lambda r: r["runtime"]["text"] or "not stated"),
        (f"Status on {on.isoformat()}", status),
        ("Funds per year", lambda r: funds(r, "per_year") + ("/Jahr" if r["funds_per_year_eur"] else "")),
        ("Funds in total", lambda r: funds(r, "total")),
        ("Funds for one year", lambda r: funds(r, "one_year")),
        ("Funds one-off", lambda r: funds(r, "one_off")),
        ("Funds (report)", lambda r: r["funds_text"] or "not stated"),
        ("Funding sources", lambda r: ", ".join(r["funding"])),
        ("Staff", lambda r: ", ".join(_staff(r["staff"]))),
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
    fields = [Field("mark", "", key("mark"), keep_whole=True), Field("field", "Field", key("field"), keep_whole=True)]
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
    Field("funds_peak_year", "Peak year of the funds", key("funds_peak_year"), numeric=True),
    Field("funds_peak_year_eur", "Planned in the peak year", key("funds_peak_year_eur"), numeric=True),
    Field("funds_peak_year_assumed", "Peak rests on an assumption", key("funds_peak_year_assumed")),
    Field("funds_total_eur", "Totals over several years", key("funds_total_eur"), numeric=True),
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
            elif f.name in ("funds_peak_year_eur", "funds_total_eur"):
                value = render.euro_exact(value)
            elif f.name == "funds_peak_year_assumed":
                value = "yes (open ends carried on)" if value else "no"
            elif value is None:
                value = "–"
            values[p["ressort"]] = str(value)
        rows.append({"field": f.header, **values})
    fields = [Field("field", "", key("field"), keep_whole=True)] + [
        Field(p["ressort"], p["ressort"], key(p["ressort"])) for p in portfolios
    ]
    render.table(rows, fields, title="Portfolios side by side")
    common = result["in_common"]
    render.lines(
        [
            "",
            f"Measures in common: {', '.join(common) if common else 'none'}.",
            "Funds of shared measures are counted in full for each ministry; items the report assigns to one "
            "ministry (II.4 hosting costs: MSB) count only for it. Sums are kept apart by basis; the peak "
            "year adds only what is planned for that one year (fko budget -r CODE --by year for every year).",
        ]
    )


# --- fko changes -------------------------------------------------------------------------


def change_text(change: int | None, approximate: bool | None) -> str:
    """ "+2.186", "-37"; an approximate change is rounded to two significant digits: "+≈4.800"."""
    if change is None:
        return ""
    sign = "+" if change > 0 else "-" if change < 0 else "±"
    size = abs(change)
    if approximate and size >= 100:
        digits = len(str(size)) - 2
        size = round(size, -digits)
    return f"{sign}{'≈' if approximate else ''}{render.german_number(size)}"


def change_figure(row: dict[str, Any]) -> str:
    """ "Meisterprämien ausgezahlt: 2.186 (2024-03-31) → fast 7.000 (2025-10), +≈4.800" """
    now = indicator_value(row)
    if row["previous_value"] is None:
        return f"{row['title']}: {now} (first figure)"
    before = indicator_value(
        {"value": row["previous_value"], "unit": row["unit"], "qualifier": row["previous_qualifier"], "target": False}
    )
    step = change_text(row["change"], row["change_approximate"])
    return f"{row['title']}: {before} ({row['previous_date']}) → {now} ({row['date']}), {step}"


def _change_what(row: dict[str, Any]) -> str:
    if row["kind"] == "indicator":
        return change_figure(row)
    if row["kind"] == "initiative":
        return "New initiative, not in the report"
    if row["kind"] == "event" and row["place"]:
        return f"{row['title']} ({row['place']})"
    return str(row["title"])


def change_entries(rows: Sequence[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """One block per change: date, measure and kind; what changed; the quote; the source."""
    entries = []
    for row in rows:
        date = row["date"] + (f" ({row['date_text']})" if row["date_text"] else "")
        who = f"{row['measure']} {row['measure_title'] or ''}".strip() if row["measure"] else "(no measure)"
        details = [_change_what(row)]
        if row["inference"]:
            details.append(f"fko's inference, not the source's words: {row['inference']}")
        if row["quote"]:
            details.append(f"„{row['quote']}“")
        if row["note"]:
            details.append(f"Note: {row['note']}")
        source = row["source_title"] or row["source"]
        details.append(f"Source: {source}, {row['source_date'] or 'undated'} ({row['source']})")
        kind = f"{row['kind']}: {row['event_status']}" if row["event_status"] else row["kind"]
        entries.append((f"{date}  {who}  [{kind}]", details))
    return entries


CHANGE_FIELDS: list[Field] = [
    Field("date", "Date", key("date")),
    Field("date_text", "Date as stated", key("date_text"), in_table=False),
    Field("kind", "Kind", key("kind")),
    Field("measure", "ID", key("measure")),
    Field("measure_title", "Measure", key("measure_title"), in_table=False),
    Field("title", "What", key("title")),
    Field("value", "Value", key("value"), numeric=True),
    Field("unit", "Unit", key("unit"), in_table=False),
    Field("qualifier", "Qualifier", key("qualifier"), in_table=False),
    Field("approximate", "Approximate", key("approximate"), in_table=False),
    Field("target", "Target", key("target"), in_table=False),
    Field("previous_value", "Previous value", key("previous_value"), numeric=True, in_table=False),
    Field("previous_date", "Previous date", key("previous_date"), in_table=False),
    Field("previous_qualifier", "Previous qualifier", key("previous_qualifier"), in_table=False),
    Field("previous_approximate", "Previous approximate", key("previous_approximate"), in_table=False),
    Field("change", "Change", key("change"), numeric=True),
    Field("change_approximate", "Change approximate", key("change_approximate"), in_table=False),
    Field("place", "Place", key("place"), in_table=False),
    Field("event_status", "Event status", key("event_status"), in_table=False),
    Field("quote", "Quote", key("quote"), in_table=False),
    Field("source", "Source", key("source"), show=render.source_short),
    Field("source_key", "Source key", key("source_key"), in_table=False),
    Field("source_title", "Source title", key("source_title"), in_table=False),
    Field("source_date", "Source date", key("source_date"), in_table=False),
    Field("inference", "Inference", key("inference"), in_table=False),
    Field("note", "Note", key("note"), in_table=False),
]


# --- fko diff ------------------------------------------------------------------------------


def _euro_change(change: int) -> str:
    sign = "+" if change > 0 else "-" if change < 0 else "±"
    return f"{sign}{render.euro_exact(abs(change))}"


def _period_text(period: dict[str, Any]) -> str:
    end = "open-ended" if period["open_ended"] else period["end"] or "?"
    return f"{period['start'] or '?'} – {end}"


def _funds_item(item: dict[str, Any] | None) -> str:
    from fko.budget import years_text

    if item is None:
        return "(none)"
    parts = [_amount(item), _basis_label(item["basis"], "") or "", years_text(item), ", ".join(item["funding"])]
    return " · ".join(p for p in parts if p)


def _quoted(value: Any) -> str:
    if value is None or value == []:
        return "(none)"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return f"'{value}'"


def field_change_lines(change: dict[str, Any]) -> list[str]:
    """A field's change as lines for people: word diffs, list additions, items, periods."""
    from fko.budget import years_text

    name = change["field"]
    if name == "funds":
        lines = []
        if change["words"]:
            lines.append(f"funds: {change['words']}")
        for item in change["item_changes"]:
            what = {"changed": ", ".join(item["keys"]), "added": "added", "removed": "removed"}[item["change_kind"]]
            before, after = _funds_item(item["old_item"]), _funds_item(item["new_item"])
            lines.append(f"funds item {item['item']} ({what}): {before} → {after}")
        return lines or ["funds: (wording unchanged, items differ)"]
    if name == "runtime":
        lines = [f"runtime: {_quoted(change['old']['text'])} → {_quoted(change['new']['text'])}"]
        old_p, new_p = change["old_period"], change["new_period"]
        if old_p != new_p:
            lines.append(f"  period: {_period_text(old_p)} → {_period_text(new_p)}")
        for item in change["item_changes"] or []:
            lines.append(
                f"  funds item {item['item']}, years derived from the runtime: "
                f"{years_text(item['old_item'])} → {years_text(item['new_item'])}"
            )
        return lines
    if change["values_added"] is not None:
        parts = [f"+ {v}" for v in change["values_added"]] + [f"- {v}" for v in change["values_removed"]]
        return [f"{name}: " + ("; ".join(parts) or f"order {_quoted(change['old'])} → {_quoted(change['new'])}")]
    if change["words"]:
        return [f"{name}: {change['words']}"]
    return [f"{name}: {_quoted(change['old'])} → {_quoted(change['new'])}"]


def diff_summary(result: dict[str, Any]) -> str:
    s = result["summary"]
    return (
        f"{s['changed_count']} changed, {s['added_count']} added, {s['removed_count']} removed, "
        f"{s['renumbered_count']} renumbered, {s['unchanged_count']} unchanged "
        f"({s['old_count']} → {s['new_count']} records)"
    )


def diff_entries(result: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Blocks for `fko diff`: added, removed, each changed measure, then the planned funds."""
    from fko.budget import BASIS_LABEL as LABEL

    entries: list[tuple[str, list[str]]] = []
    for label, part in (("Added", "added_measures"), ("Removed", "removed_measures")):
        if result[part]:
            entries.append((f"{label} ({len(result[part])})", [f"{m['id']}  {m['title']}" for m in result[part]]))
    for measure in result["changed_measures"]:
        if measure["renumbered"]:
            head = f"{measure['old_id']} → {measure['new_id']}  {measure['title']}"
            head += f"  (renumbered; matched by {measure['matched_by']})"
        else:
            head = f"{measure['new_id']}  {measure['title']}"
        details = [line for change in measure["changes"] for line in field_change_lines(change)]
        entries.append((head, details or ["no field changed"]))
    funds = result["funds"]
    moved = [row for row in funds["per_basis"] if row["change_eur"]]
    if moved or funds["per_ressort"]:
        lines = [f"{LABEL[r['basis']]}: {_euro_change(r['change_eur'])}" for r in moved]
        lines += [f"{r['ressort']}, {LABEL[r['basis']]}: {_euro_change(r['change_eur'])}" for r in funds["per_ressort"]]
        entries.append(
            (
                "Change in planned funds (money items of the report's measures, within one basis; "
                "shared measures count in full for each ministry)",
                lines,
            )
        )
    return entries


# --- fko cite ------------------------------------------------------------------------------

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _cited_date(cite: dict[str, Any]) -> str:
    date = cite["source_date"] or "undated"
    note = cite["source_date_note"] or ""
    return f"{date} (inferred)" if note.startswith("inferred") else date


def _cited_where(cite: dict[str, Any]) -> str:
    """ "lines 2425–2468 of 002_….txt", or the file alone where fko has not recorded lines."""
    lines = cite["source_lines"]
    return f"lines {lines[0]}–{lines[1]} of {cite['source']}" if lines else str(cite["source"])


def _markdown_escape(text: str) -> str:
    import re

    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", render.clean(text))


def _cited_what(cite: dict[str, Any]) -> str:
    if cite["kind"] == "figure":
        value = indicator_value({**cite, "target": False})
        return f"{cite['metric']}: {value} ({cite['as_of']}), {cite['title']} ({cite['id']})"
    return f"{cite['title']} ({cite['id']})"


def _bibtex_escape(text: str) -> str:
    out = render.clean(text).replace("\\", r"\textbackslash{}")
    for char in "{}%&#_$":
        out = out.replace(char, "\\" + char)
    return out.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}").replace("\n", " ")


def _bibtex_key(cite: dict[str, Any]) -> str:
    import re

    from fko.search import normalise

    parts = [cite["id"], *([cite["metric"], cite["as_of"]] if cite["kind"] == "figure" else [])]
    return "fko-" + re.sub(r"[^a-z0-9]+", "-", normalise(" ".join(parts)).replace(".", "-")).strip("-")


def citation_text(cite: dict[str, Any], style: str) -> str:
    """One citation as plain text, Markdown or a BibTeX @misc entry."""
    publisher = cite["source_publisher"] or "publisher not recorded"
    title = cite["source_title"] or cite["source"]
    where = _cited_where(cite)
    if style == "markdown":
        md = _markdown_escape
        head = f"**{md(_cited_what(cite))}**. {md(publisher)}: *{md(title)}*, {_cited_date(cite)}, {md(where)}."
        return f"{head}\n\n> {md(cite['quote'])}"
    if style == "bibtex":
        date = cite["source_date"] or ""
        fields = [
            ("title", _cited_what(cite)),
            ("howpublished", title),
            ("organization", publisher),
            *([("year", date[:4])] if date[:4].isdigit() else []),
            *([("month", _MONTHS[int(date[5:7]) - 1])] if len(date) >= 7 and date[5:7].isdigit() else []),
            ("note", f"{where.replace('–', '--')}. Quote: „{cite['quote']}“"),
        ]
        body = ",\n".join(
            f"  {name} = {value}" if name == "month" else f"  {name} = {{{_bibtex_escape(value)}}}"
            for name, value in fields
        )
        return f"@misc{{{_bibtex_key(cite)},\n{body}\n}}"
    return f"{_cited_what(cite)}. {publisher}: {title}, {_cited_date(cite)}, {where}. „{cite['quote']}“"
