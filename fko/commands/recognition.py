"""`fko recognition` (alias `fko anerkennung`): recognition of foreign qualifications in figures."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from fko import options

if TYPE_CHECKING:
    from pathlib import Path

    from fko.store import Store


def run(
    ctx: typer.Context,
    by: Annotated[
        options.RecognitionBy | None,
        typer.Option("--by", case_sensitive=False, help="Procedures by area of responsibility or country."),
    ] = None,
    body: Annotated[
        list[str] | None, typer.Option("--body", "-b", metavar="TEXT", help="Only bodies whose name contains TEXT.")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", metavar="YEAR", help="Only this year.")] = None,
    compare: Annotated[
        tuple[int, int] | None,
        typer.Option("--compare", metavar="YEAR YEAR", help="Two years side by side with the change."),
    ] = None,
    wide: options.Wide = False,
    json: options.Json = False,
    jsonl: options.Jsonl = False,
    csv: options.Csv = False,
    fields: options.Fields = None,
    delimiter: options.Delimiter = ";",
    xlsx: options.Xlsx = None,
) -> None:
    """Show recognition figures: the chamber tables of VI.8 with rates and change, or the
    WHKT figures by area of responsibility or by country of training.

    Rates and changes are derived by fko and marked as such.
    Example: fko recognition --by country
    """
    from fko import render
    from fko.figures import by_area, by_country
    from fko.views import RECOGNITION_FIELDS, emit_rows

    store = options.state(ctx).store()
    if by is not None:
        rows = by_area(store) if by == "area" else by_country(store, body or ())
        label = "dimension" if by == "country" else "body"
        shown = [dataclasses.replace(f, in_table=f.name in (label, "value")) for f in RECOGNITION_FIELDS]
        emit_rows(
            rows,
            shown,
            output="recognition",
            json=json,
            jsonl=jsonl,
            csv=csv,
            fields_arg=fields,
            delimiter=delimiter,
            xlsx=xlsx,
            title=_by_title(by, rows),
            empty="no recognition figures match; see `fko recognition --by " + by + "`",
        )
        if rows and not (json or jsonl or csv or xlsx):
            render.separator()
            render.bar_chart([(r[label], float(r["value"]), render.german_number(r["value"])) for r in rows])
        return
    years = list(compare) if compare else ([year] if year is not None else None)
    chamber_tables(
        store,
        years,
        body or (),
        json=json,
        jsonl=jsonl,
        csv=csv,
        fields=fields,
        delimiter=delimiter,
        xlsx=xlsx,
    )


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
) -> None:
    """The chamber tables (metrics as rows, years as columns, derived rates and change)."""
    from fko import render
    from fko.figures import chamber_matrix, recognition_rows, with_rates
    from fko.views import RECOGNITION_FIELDS, emit_rows, matrix_fields

    rows = with_rates([r for r in recognition_rows(store, bodies) if r["year"] is not None])
    if years is not None:
        rows = [r for r in rows if r["year"] in years]
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
            title="Recognition, chambers",
        )
        return
    shown_years, matrix = chamber_matrix(rows, years)
    for n, name in enumerate(dict.fromkeys(m["body"] for m in matrix)):
        if n:
            render.separator()
        body_rows = [m for m in matrix if m["body"] == name]
        render.table(body_rows, matrix_fields(shown_years), title=f"{name} (source: report, measure VI.8)")
    if not matrix:
        render.note("no recognition figures match; see `fko recognition`")
        return
    render.lines(["", "Rates and changes are derived by fko from the report's figures (marked *)."])


def _by_title(by: str, rows: list[dict[str, object]]) -> str:
    if not rows:
        return "no figures"
    first = rows[0]
    return f"{first['metric']} ({first['note']}; source {first['source']}, {first['source_date']})"
