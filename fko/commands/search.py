"""`fko search`: German-aware search that understands how people ask, the record meant first."""

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fko.commands import options
from fko.i18n import _, german, ngettext

if TYPE_CHECKING:
    from fko.search.finder import Found

#: --kind: what a search can find, fko.search.index.KINDS (German words too: options.german_choice).
Kind = StrEnum("Kind", "measure initiative recognition indicator update event")


@options.rows_output
def run(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(metavar="QUERY...", help="Words as you would say them, an ID, an acronym, even with typos."),
    ],
    limit: options.Limit = 10,
    cluster: options.Cluster = None,
    ressort: options.Ressort = None,
    kind: Annotated[
        list[Kind] | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            case_sensitive=False,
            autocompletion=options.complete_choice(Kind),
            help="Only hits of this kind: measure, initiative, recognition, indicator, update, event (repeatable).",
        ),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Say for each hit which words matched where, and the score's parts.")
    ] = False,
    wide: options.Wide = False,
    *,
    out: options.Output,
) -> None:
    """Search measures, initiatives, recognition figures, indicators, updates and events.

    Understands inflections (Lehrerinnen), compounds (Pflegeausbildung), everyday words
    (Flüchtlinge) through a reviewed synonym table and English (teacher shortage, India)
    through an English-German glossary; umlauts optional, case does not matter, typos are
    forgiven.
    Example: fko search Pflege Ausbildung
    """
    from fko.output import channels
    from fko.search.finder import find
    from fko.views.search import SEARCH_FIELDS

    kinds = [str(k) for k in kind or ()]
    store = options.store(ctx)
    display = options.display(ctx, wide)
    text = " ".join(query)
    result = find(store, text, cluster or (), ressort or (), limit or None, kinds)
    for line in result.warnings:
        channels.note(line)
    mixed = any(row["kind"] != "measure" for row in result.rows)
    shown = [f._replace(in_table=mixed) if f.name in ("kind", "source") else f for f in SEARCH_FIELDS]
    if mixed and out.for_people:  # the source by its key (report, dhb), as `fko indicators` shows it
        from fko.views.figures import with_source_keys

        shown = with_source_keys(store, shown)
    json_rows = [_json_row(row, explain) for row in result.rows]
    out.emit(display, result.rows, shown, "search", title=_title(result, text, limit), json_rows=json_rows)
    if explain and out.for_people:
        from fko.output import tables

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
    if len(result.rows) < result.total:
        title = ngettext(
            "{shown} of {total} hit for '{query}' (--limit 0 for all)",
            "{shown} of {total} hits for '{query}' (--limit 0 for all)",
            result.total,
        )
    else:
        title = ngettext("{total} hit for '{query}'", "{total} hits for '{query}'", result.total)
    return title.format(shown=len(result.rows), total=result.total, query=text)


def _hints(result: "Found", text: str, clusters: Any, ressorts: Any, kinds: list[str]) -> list[str]:
    """Honest notes on stderr: hits the filters hide, and words of the data close to a query that
    found nothing."""
    lines = []
    if result.hidden:
        where = []
        if clusters:
            where.append(_("cluster {numerals}").format(numerals="/".join(c.upper() for c in clusters)))
        if ressorts:
            where.append("/".join(r.upper() for r in ressorts))
        if kinds:
            from fko.views.words import kind_name

            where.append(_("kind {kinds}").format(kinds="/".join(kind_name(k) for k in kinds)))
        lines.append(
            ngettext(
                "{n} hit outside {filters}; drop the filter to see them",
                "{n} hits outside {filters}; drop the filter to see them",
                result.hidden,
            ).format(n=result.hidden, filters=(" " + _("and") + " ").join(where))
        )
    if not result.rows and not result.hidden:
        closest = _("; closest words in the data: {words}").format(words=", ".join(result.closest))
        hint = closest if result.closest else ""
        lines.append(_("nothing matches '{query}'{hint}").format(query=text, hint=hint))
    return lines


def _explain_lines(result: "Found") -> list[str]:
    from fko.output.numbers import german_number
    from fko.views.search import FIELD_NAMES, HOW_NAMES, reason_shown
    from fko.views.words import kind_name

    def decimal(value: float) -> str:  # 0,75 in German
        return german_number(value, 2) if german() else f"{value:.2f}"

    lines: list[str] = []
    if result.rows:
        lines += [
            "",
            _(
                "The words' points are 100 x the sum of quality x weight of the matched words, over the sum of the "
                "weights of all query words; a score is at most 99, 100 is a record the query names."
            ),
        ]
    for row in result.rows:
        hit = row["_hit"]
        head = _("{id} ({kind}) score {score}").format(
            id=row["id"] or "-", kind=kind_name(row["kind"]), score=hit.score
        )
        if hit.score == 100:
            head += _(": the query names it (its ID, alias or cluster)")
        else:
            words = round(100 * hit.share)
            head += _(
                " = {words} for the words + {proximity} for words standing together; "
                "{matched} of {total} query words matched"
            ).format(words=words, proximity=hit.proximity, matched=hit.words_matched, total=hit.words_total)
            if words + hit.proximity > hit.score:
                head += _(" (at most {score})").format(score=hit.score)
        lines += ["", head]
        for m in hit.matches:
            how = _(HOW_NAMES.get(m.how, m.how))
            if m.via:  # synonym or glossary, and why
                how = f"{how} {m.via} ({reason_shown(m.reason)})"
            lines.append(
                "  "
                + _("{word} -> {shown} in {field}: {how}, quality {quality} x weight {weight}").format(
                    word=m.word,
                    shown=m.shown,
                    field=_(FIELD_NAMES.get(m.field, m.field)),
                    how=how,
                    quality=decimal(m.quality),
                    weight=decimal(m.weight),
                )
            )
    return lines
