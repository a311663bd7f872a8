"""`fko timeline`: the runtimes of all measures as a chart, with the --on date marked."""

from __future__ import annotations

from typing import Annotated

import typer

from fko import options


def run(
    ctx: typer.Context,
    measures: options.SomeMeasures = None,
    by: Annotated[str, typer.Option("--by", metavar="cluster|ressort", help="Group the bars.")] = "cluster",
    on: options.On = None,
    since: Annotated[
        int | None, typer.Option("--from", min=1990, max=2100, metavar="YEAR", help="Start the axis in YEAR.")
    ] = None,
    cluster: options.Cluster = None,
    ressort: options.Ressort = None,
    json: options.Json = False,
    jsonl: options.Jsonl = False,
) -> None:
    """Draw every measure's runtime as a bar (open ends as arrows), grouped, with today marked.

    Measures without a start date are listed as not placed; --from YEAR starts the axis later.
    Example: fko timeline --by ressort --on 2024-06-01 --from 2020
    """
    from fko import render
    from fko.compare import timeline
    from fko.errors import UsageError
    from fko.measures import filter_measures
    from fko.status import on_date

    if by not in ("cluster", "ressort"):
        raise UsageError(f"unknown --by '{by}'; use cluster or ressort")
    store = options.state(ctx).store()
    day = on_date(on)
    records = filter_measures(store, cluster or (), ressort or ())
    if measures:
        from fko.finder import resolve_all

        wanted = {m["id"] for m in resolve_all(store, measures)}
        records = [r for r in records if r["id"] in wanted]
    rows = timeline(store, records, day)
    if json or jsonl:
        from fko.model import records as as_records

        typed = as_records("timeline", rows)
        render.emit_jsonl(typed) if jsonl else render.emit_json(typed)
        return
    placed = [r for r in rows if r["placed"]]
    unplaced = [r["id"] for r in rows if not r["placed"]]
    if by == "cluster":
        names = {c["numeral"]: c["title"] for c in store.clusters()}
        keys = [c["numeral"] for c in store.clusters()]
        groups = [(f"Cluster {k}: {names[k]}", [r for r in placed if r["cluster"] == k]) for k in keys]
    else:
        keys = [r["code"] for r in store.ressorts()]
        wanted = set(ressort or ()) and {c.casefold() for c in ressort or ()}
        groups = [(k, [r for r in placed if k in r["ressorts"]]) for k in keys if not wanted or k.casefold() in wanted]
    render.gantt([(title, rows) for title, rows in groups if rows], day, since=since)
    legend = "█ runtime   ▶ open end   ◆? only a start is stated   │ the --on date"
    if since is not None:
        legend += f"   ◀ started before {since}"
    lines = ["", legend]
    if by == "ressort":
        lines.append("A measure of several ministries appears under each.")
    if unplaced:
        lines.append(f"Not placed (no start date stated): {', '.join(unplaced)}")
    render.lines(lines)
