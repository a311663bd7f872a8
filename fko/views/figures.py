"""The views of figures: key figures, recognition, sources."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from fko.i18n import N_, _
from fko.output import numbers
from fko.output.channels import clean
from fko.output.display import Display
from fko.output.fields import Field, key
from fko.store.reader import Store
from fko.views.measures import date_shown, indicator_value

INDICATOR_FIELDS: list[Field] = [
    Field("measure_id", N_("ID"), key("measure_id")),
    Field("as_of", N_("As of"), key("as_of"), show=date_shown),
    Field("metric", N_("Figure"), key("metric")),
    Field("shown", N_("Value"), indicator_value),
    Field("value", N_("Value (number)"), key("value"), numeric=True, in_table=False),
    Field("unit", N_("Unit"), key("unit"), in_table=False),
    Field("qualifier", N_("Qualifier"), key("qualifier"), in_table=False),
    Field("approximate", N_("Approximate"), key("approximate"), in_table=False),
    Field("target", N_("Target"), key("target"), in_table=False),
    Field("as_of_text", N_("As stated"), key("as_of_text")),
    Field("as_of_from_source", N_("Date of the source"), key("as_of_from_source"), in_table=False),
    Field("source", N_("Source"), key("source")),
    Field("source_date", N_("Source date"), key("source_date"), in_table=False, show=date_shown),
    Field("quote", N_("Quote"), key("quote"), in_table=False),
    Field("note", N_("Note"), key("note"), in_table=False),
]


SOURCE_FIELDS: list[Field] = [
    Field("key", N_("Key"), key("key")),
    Field("file", N_("File"), key("file"), in_table=False),
    Field("title", N_("Title"), key("title")),
    Field("publisher", N_("Publisher"), key("publisher")),
    Field("date", N_("Date"), key("date"), show=date_shown),
    Field("date_note", N_("Date note"), key("date_note"), in_table=False),
    Field("records", N_("Records"), key("records"), numeric=True),
    *(
        Field(f"cites_{t}", header, key(f"cites_{t}"), numeric=True, in_table=False)
        for t, header in (
            ("measures", N_("Measures")),
            ("initiatives", N_("Initiatives")),
            ("clusters", N_("Clusters")),
            ("recognition", N_("Recognition")),
            ("indicators", N_("Indicators")),
            ("updates", N_("Updates")),
            ("events", N_("Events")),
        )
    ),
]


def _figure(value: Any, unit: str | None = None) -> str:
    """A recognition figure as a table shows it: a whole number as it is, others with one decimal."""
    if value is None:
        return ""
    if unit == "%":  # rates always with one decimal: 81,0 % beside 86,1 %
        return f"{numbers.german_number(value, 1)} %"
    return numbers.german_number(value, 0 if float(value).is_integer() else 1)


RECOGNITION_FIELDS: list[Field] = [
    Field("body", N_("Body"), key("body")),
    Field("year", N_("Year"), key("year"), numeric=True),
    Field("metric", N_("Metric"), key("metric")),
    Field("dimension", N_("Country"), key("dimension")),
    Field("value", N_("Value"), key("value"), numeric=True, show=_figure),
    Field("unit", N_("Unit"), key("unit"), in_table=False),
    Field("derived", N_("Derived"), key("derived"), in_table=False),
    Field("label", N_("As printed"), key("label"), in_table=False),
    Field("measure_id", N_("Measure"), key("measure_id"), in_table=False),
    Field("source", N_("Source"), key("source"), in_table=False),
    Field("source_date", N_("Source date"), key("source_date"), in_table=False, show=date_shown),
    Field("source_lines", N_("Lines"), key("source_lines"), in_table=False),
    Field("quote", N_("Quote"), key("quote"), in_table=False),
    Field("caveat", N_("Caveat of the source"), key("caveat"), in_table=False),
    Field("note", N_("Note"), key("note"), in_table=False),
]


def with_source_keys(store: Store, fields: Sequence[Field]) -> list[Field]:
    """`fields` with the Source column naming each source as people do, by its key in the store
    (report, whkt, …) rather than its file name; CSV and JSON keep the file name."""
    keys = {str(s.get("file")): str(s.get("key")) for s in store.sources() if s.get("file") and s.get("key")}

    def short(value: Any) -> str:
        return "" if value is None else clean(keys.get(str(value), value))

    return [f._replace(show=short) if f.name == "source" else f for f in fields]


def caveat_lines(rows: Sequence[dict[str, Any]], sources: dict[str, str]) -> list[str]:
    """The caveats the sources state for the figures shown, once each, quoted with their source
    (the WHKT: its statistic counts only BQFG procedures)."""
    seen: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        if row.get("caveat"):
            seen.setdefault((row["caveat"], row["source"]), []).append(row.get("label") or row["body"])
    return [
        _("Caveat of the source ({source}) on the figures of {names}: „{caveat}“").format(
            source=sources.get(source, source), names=", ".join(dict.fromkeys(names)), caveat=caveat
        )
        for (caveat, source), names in seen.items()
    ]


def source_label(store: Any) -> dict[str, str]:
    """ "WHKT-Report, Ausgabe 12/2025 (whkt)" by file name: how views name a source."""
    return {s["file"]: f"{s['title']} ({s['key']})" for s in store.sources()}


def recognition_overview(store: Any, bodies: Sequence[str] = (), year: int | None = None) -> list[dict[str, Any]]:
    """One row per recognition figure set fko has, for `fko recognition`'s overview: the
    procedures by area (each area), the top countries of training, and each chamber's latest
    applications and recognitions with the rate."""
    from fko.domain.figures import by_area, by_country, recognition_rows

    wanted = [b.casefold() for b in bodies]

    def chosen(name: str) -> bool:
        return not wanted or any(w in name.casefold() for w in wanted)

    rows: list[dict[str, Any]] = []
    if year is None:
        for r in by_area(store):
            if chosen(r["body"]):
                shown = numbers.german_number(r["value"])
                rows.append(
                    {"body": r["body"], "figure": _("procedures *"), "year": "–", "value": shown, "source": r["source"]}
                    | {"caveat": r["caveat"], "label": r["label"]}
                )
        countries = by_country(store)
        if countries and chosen(countries[0]["body"]):
            top = ", ".join(f"{c['dimension']} {numbers.german_number(c['value'])}" for c in countries[:3])
            rows.append(
                {
                    "body": countries[0]["body"],
                    "figure": _("procedures by country (top {n})").format(n=len(countries)),
                    "year": "–",
                    "value": f"{top} …",
                    "source": countries[0]["source"],
                }
            )
    chambers = [r for r in recognition_rows(store, bodies, year) if r["year"] is not None]
    for name in dict.fromkeys(r["body"] for r in chambers):
        latest = max(r["year"] for r in chambers if r["body"] == name)
        figures = {r["metric"]: r for r in chambers if r["body"] == name and r["year"] == latest}
        applied, granted = figures.get("Anträge gestellt"), figures.get("anerkannt")
        if applied is None or granted is None:
            continue
        rate = f" ({numbers.german_number(100 * granted['value'] / applied['value'], 1)} %)" if applied["value"] else ""
        rows.append(
            {
                "body": name,
                "figure": _("applied / recognised (rate)"),
                "year": str(latest),
                "value": f"{numbers.german_number(applied['value'])} / {numbers.german_number(granted['value'])}{rate}",
                "source": applied["source"],
            }
        )
    return rows


RECOGNITION_OVERVIEW_FIELDS: list[Field] = [
    Field("body", N_("Body"), key("body"), main=True),
    Field("figure", N_("Figures"), key("figure"), drop=1),
    Field("year", N_("Year"), key("year"), keep_whole=True),
    Field("value", N_("Value"), key("value")),
    Field("source", N_("Source"), key("source"), keep_whole=True),
]


def matrix_fields(years: Sequence[int]) -> list[Field]:
    """Metrics as rows, one column per year, then the change (derived values marked *); only for
    the table: --json and --csv give the long rows instead."""

    def year_value(year: int) -> Callable[[dict[str, Any]], str]:
        return lambda r: _figure(r["values"].get(year), r["unit"])

    def change(r: dict[str, Any]) -> str:
        if r["change"] is None:
            return ""
        sign = "+" if r["change"] > 0 else ""
        unit = " " + _("pp") if r["unit"] == "%" else ""  # percentage points
        return f"{sign}{_figure(r['change'])}{unit}"

    def change_pct(r: dict[str, Any]) -> str:
        if r["change_pct"] is None:
            return ""
        sign = "+" if r["change_pct"] > 0 else ""
        return f"{sign}{numbers.german_number(r['change_pct'], 1)} %"

    out = [Field("metric", N_("Metric"), lambda r: r["metric"] + (" *" if r["derived"] else ""), main=True)]
    out += [Field(str(y), str(y), year_value(y), numeric=True) for y in years]
    if len(years) > 1:
        out.append(
            Field("change", _("Change {first}→{last} *").format(first=years[0], last=years[-1]), change, numeric=True)
        )
        out.append(Field("change_pct", N_("Change in % *"), change_pct, numeric=True))
    return out


def chamber_tables(
    store: Store,
    years: list[int] | None,
    bodies: Sequence[str],
    *,
    json: bool,
    csv: bool,
    fields: str | None,
    delimiter: str,
    jsonl: bool = False,
    xlsx: Path | None = None,
    force: bool = False,
    display: Display,
) -> None:
    """The chamber tables (metrics as rows, years as columns, derived rates and change)."""
    from fko.domain.figures import chamber_matrix, recognition_rows, with_rates
    from fko.output import channels, tables
    from fko.views.rows import emit_rows

    every = recognition_rows(store, bodies)
    rows = with_rates([r for r in every if r["year"] is not None])
    if years is not None:
        rows = [r for r in rows if r["year"] in years]
    else:  # every figure the overview shows: first those that state no year (WHKT), as there
        rows = [r for r in every if r["year"] is None] + rows
    if json or jsonl or csv or xlsx:
        emit_rows(
            rows,
            RECOGNITION_FIELDS,
            output="recognition",
            json=json,
            jsonl=jsonl,
            csv=csv,
            fields_arg=fields,
            delimiter=delimiter,
            xlsx=xlsx,
            force=force,
            title=_("Recognition, chambers"),
            display=display,
        )
        return
    shown_years, matrix = chamber_matrix(rows, years)
    for n, name in enumerate(dict.fromkeys(m["body"] for m in matrix)):
        if n:
            tables.separator()
        body_rows = [m for m in matrix if m["body"] == name]
        tables.table(display, body_rows, matrix_fields(shown_years), title=chamber_title(name))
    if not matrix:
        channels.note(_("no recognition figures match; see `fko recognition`"))
        return
    tables.lines(display, ["", _("Rates and changes are derived by fko from the report's figures (marked *).")])


def chamber_title(name: str) -> str:
    """The title of a chamber's table: its name and where its figures come from."""
    return _("{name} (source: report, measure VI.8)").format(name=name)
