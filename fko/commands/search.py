"""`fko search`: German-aware fuzzy search, the measure meant first."""

from __future__ import annotations

from typing import Annotated

import typer

from fko import options


def run(
    ctx: typer.Context,
    query: Annotated[list[str], typer.Argument(metavar="QUERY...", help="Words, an ID, an acronym or a typo.")],
    limit: options.Limit = 10,
    cluster: options.Cluster = None,
    ressort: options.Ressort = None,
    wide: options.Wide = False,
    json: options.Json = False,
    jsonl: options.Jsonl = False,
    csv: options.Csv = False,
    fields: options.Fields = None,
    delimiter: options.Delimiter = ";",
    xlsx: options.Xlsx = None,
) -> None:
    """Search titles, goals, descriptions, partners, ministries and acronyms.

    Umlauts are optional (Meisterpraemie), case does not matter, typos are forgiven.
    Example: fko search Meisterprämie
    """
    from fko import render
    from fko.finder import find
    from fko.views import SEARCH_FIELDS, emit_rows

    store = options.state(ctx).store()
    result = find(store, " ".join(query), cluster or (), ressort or (), limit or None)
    emit_rows(
        result.rows,
        SEARCH_FIELDS,
        output="search",
        json=json,
        jsonl=jsonl,
        csv=csv,
        fields_arg=fields,
        delimiter=delimiter,
        xlsx=xlsx,
        title=f"{len(result.rows)} {'hit' if len(result.rows) == 1 else 'hits'} for '{' '.join(query)}'",
        json_rows=[{k: v for k, v in row.items() if k != "snippet_spans"} for row in result.rows],
    )
    if not result.rows:
        hint = f"; closest terms in the data: {', '.join(result.closest)}" if result.closest else ""
        render.note(f"no measure matches '{' '.join(query)}'{hint}")
