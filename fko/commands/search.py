"""`fko search`: German-aware search that understands how people ask, the record meant first."""

import dataclasses
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fko.commands import options
from fko.i18n import _

if TYPE_CHECKING:
    from fko.search.finder import Found

Kind = Annotated[
    list[str] | None,
    typer.Option(
        "--kind",
        "-k",
        metavar="KIND",
        help="Only hits of this kind: measure, initiative, recognition, indicator, update, event (repeatable).",
    ),
]
Explain = Annotated[
    bool, typer.Option("--explain", help="Say for each hit which words matched where, and the score's parts.")
]


def run(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(metavar="QUERY...", help="Words as you would say them, an ID, an acronym, even with typos."),
    ],
    limit: options.Limit = 10,
    cluster: options.Cluster = None,
    ressort: options.Ressort = None,
    kind: Kind = None,
    explain: Explain = False,
    wide: options.Wide = False,
    json: options.Json = False,
    jsonl: options.Jsonl = False,
    csv: options.Csv = False,
    fields: options.Fields = None,
    delimiter: options.Delimiter = ";",
    xlsx: options.Xlsx = None,
    force: options.XlsxForce = False,
) -> None:
    """Search measures, initiatives, recognition figures, indicators, updates and events.

    Understands inflections (Lehrerinnen), compounds (Pflegeausbildung), everyday words
    (Flüchtlinge) through a reviewed synonym table and English (teacher shortage, India)
    through an English-German glossary; umlauts optional, case does not matter, typos are
    forgiven.
    Example: fko search Pflege Ausbildung
    """
    from fko.errors import UsageError
    from fko.output import channels, tables
    from fko.search.finder import find
    from fko.search.index import KINDS
    from fko.views.rows import emit_rows
    from fko.views.search import SEARCH_FIELDS

    kinds = [k.strip().casefold() for k in kind or ()]
    for k in kinds:
        if k not in KINDS:
            raise UsageError(_("unknown --kind '{k}'; use one of {kinds}").format(k=k, kinds=", ".join(KINDS)))
    store = options.state(ctx).store()
    display = options.display(ctx, wide)
    text = " ".join(query)
    result = find(store, text, cluster or (), ressort or (), limit or None, kinds)
    for line in result.warnings:
        channels.note(line)
    mixed = any(row["kind"] != "measure" for row in result.rows)
    shown = [dataclasses.replace(f, in_table=mixed) if f.name == "kind" else f for f in SEARCH_FIELDS]
    json_rows = [_json_row(row, explain) for row in result.rows]
    emit_rows(
        result.rows,
        shown,
        output="search",
        json=json,
        jsonl=jsonl,
        csv=csv,
        fields_arg=fields,
        delimiter=delimiter,
        xlsx=xlsx,
        force=force,
        title=_title(result, text, limit),
        json_rows=json_rows,
        display=display,
    )
    if explain and not json and not jsonl and not csv and xlsx is None:
        tables.lines(display, _explain_lines(result))
    if result.note:  # words the search left out of a long query
        channels.note(result.note)
    for line in _hints(result, text, cluster or (), ressort or (), kinds):
        channels.note(line)


def _json_row(row: dict[str, Any], explain: bool) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if k not in ("match", "match_spans", "_hit")}
    if explain:
        out["explain"] = row["_hit"].explain()
    return out


def _title(result: "Found", text: str, limit: int) -> str:
    noun = "hit" if result.total == 1 else "hits"
    if len(result.rows) < result.total:
        return f"{len(result.rows)} of {result.total} {noun} for '{text}' (--limit 0 for all)"
    return f"{result.total} {noun} for '{text}'"


def _hints(result: "Found", text: str, clusters: Any, ressorts: Any, kinds: list[str]) -> list[str]:
    """Honest notes on stderr: hits the filters hide, and words of the data close to a query that
    found nothing."""
    lines = []
    if result.hidden:
        where = []
        if clusters:
            where.append("cluster " + "/".join(c.upper() for c in clusters))
        if ressorts:
            where.append("/".join(r.upper() for r in ressorts))
        if kinds:
            where.append("kind " + "/".join(kinds))
        noun = "hit" if result.hidden == 1 else "hits"
        lines.append(f"{result.hidden} {noun} outside {' and '.join(where)}; drop the filter to see them")
    if not result.rows and not result.hidden:
        hint = f"; closest words in the data: {', '.join(result.closest)}" if result.closest else ""
        lines.append(f"nothing matches '{text}'{hint}")
    return lines


def _explain_lines(result: "Found") -> list[str]:
    lines: list[str] = []
    for row in result.rows:
        hit = row["_hit"]
        head = f"{row['id'] or '-'} ({row['kind']}) score {hit.score}"
        if hit.score < 100 or hit.matches:
            head += (
                f" = {round(100 * hit.share)} for the words + {hit.proximity} for words standing together; "
                f"{hit.words_matched} of {hit.words_total} query words matched"
            )
        lines.append("")
        lines.append(head)
        for m in hit.matches:
            how = f"{m.how} {m.via} ({m.reason})" if m.via else m.how  # synonym or glossary, and why
            lines.append(
                f"  {m.word} -> {m.shown} in {m.field}: {how}, quality {m.quality:.2f} x weight {m.weight:.2f}"
            )
    return lines
