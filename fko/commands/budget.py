"""`fko budget`: the planned funds of the offensive, structured and summed honestly."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from fko import options

#: The key of a group's sum for each basis (budget_group records).
EUR_KEYS = {
    "per_year": "per_year_eur",
    "total": "total_eur",
    "year": "one_year_eur",
    "one_off": "one_off_eur",
    "year_total": "year_total_eur",
}


def run(
    ctx: typer.Context,
    measures: options.SomeMeasures = None,
    ressort: options.Ressort = None,
    cluster: options.Cluster = None,
    funding: Annotated[
        list[str] | None,
        typer.Option(
            "--funding", "-f", metavar="SOURCE", help="Only items funded by SOURCE (Land, ESF, EFRE, JTF, BMBF)."
        ),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", min=1990, max=2100, help="Funds planned for this year.")
    ] = None,
    annualize: Annotated[
        bool, typer.Option("--annualize", help="With --year: spread totals over several years evenly.")
    ] = False,
    split: Annotated[
        str, typer.Option("--split", metavar="full|equal", help="Shared measures: count in full or divide evenly.")
    ] = "full",
    by: Annotated[
        str | None, typer.Option("--by", metavar="ressort|cluster|year|funding", help="Sum by group, with a chart.")
    ] = None,
    json: options.Json = False,
    jsonl: options.Jsonl = False,
    csv: options.Csv = False,
    fields: options.Fields = None,
    delimiter: options.Delimiter = ";",
    xlsx: options.Xlsx = None,
) -> None:
    """List the planned funds of every measure, largest first, with honest totals.

    Yearly amounts, totals over several years, amounts for one year and one-off amounts are
    summed apart; staff and "no separate funds" are shown, never counted as euros.
    Example: fko budget --ressort MAGS
    """
    from fko import render
    from fko.budget import BASES, group, view
    from fko.errors import UsageError
    from fko.finder import resolve_all
    from fko.views import BUDGET_FIELDS, BUDGET_GROUP_FIELDS, budget_footer, emit_rows

    if annualize and year is None and by != "year":
        raise UsageError("--annualize needs --year YYYY (or --by year)")
    store = options.state(ctx).store()
    per_year = None if by == "year" else year  # --by year shows every year
    ids = [m["id"] for m in resolve_all(store, measures)] if measures else []
    result = view(store, ressort or (), cluster or (), funding or (), per_year, split, annualize, ids)
    if by:
        groups = group_records(group(result, by, store), by)
        columns = ("year_total",) if per_year is not None or by == "year" else BASES
        shown = [f for f in BUDGET_GROUP_FIELDS if f.name in ("group", "item_count", *(EUR_KEYS[c] for c in columns))]
        emit_rows(
            groups,
            shown,
            output="budget_group",
            json=json,
            jsonl=jsonl,
            csv=csv,
            fields_arg=fields,
            delimiter=delimiter,
            xlsx=xlsx,
            title=f"Planned funds by {by}",
        )
        if not (json or jsonl or csv or xlsx):
            for basis in columns:
                sums = [(g["group"], g[EUR_KEYS[basis]]) for g in groups]
                bars = [(name, float(eur), render.euro_exact(eur)) for name, eur in sums if eur]
                if bars:
                    label = {
                        "per_year": "per year",
                        "total": "totals over several years",
                        "year": "for one year",
                        "one_off": "one-off",
                        "year_total": f"planned for {year}" if year else "planned per year",
                    }
                    render.separator()
                    render.bar_chart(bars, title=f"Euro {label[basis]}, by {by}")
            render.separator()
            render.lines(budget_footer(result))
        return
    everything = result.rows + result.apart
    title = "Planned funds (Geplante Mittel), largest first" + (f", for {year}" if year else "")
    emit_rows(
        everything if json or jsonl or csv or xlsx else result.rows,
        BUDGET_FIELDS,
        output="budget",
        json=json,
        jsonl=jsonl,
        csv=csv,
        fields_arg=fields,
        delimiter=delimiter,
        xlsx=xlsx,
        title=title,
        json_rows=[_json_row(r) for r in everything],
    )
    if json or jsonl or csv or xlsx:
        return
    if result.apart:
        render.separator()
        shown = [f for f in BUDGET_FIELDS if f.in_table]
        render.table(
            result.apart, shown, title=f"Not attributable to {year}: totals over several years, or years not stated"
        )
    render.separator()
    render.lines(budget_footer(result))


def _json_row(row: dict[str, object]) -> dict[str, object]:
    return {**row, "attribution": row["attribution"] or None}


def group_records(groups: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    """Groups as budget_group records: one key per basis, null where the view makes no such sum."""
    return [
        {
            "by": by,
            "group": str(g["group"]),
            "year": int(g["group"]) if by == "year" else None,
            "item_count": g["items"],
            **{name: g.get(basis) for basis, name in EUR_KEYS.items()},
        }
        for g in groups
    ]
