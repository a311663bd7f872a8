"""`fko cite`: a citation of a measure or one of its key figures, with source, date, lines and quote."""

from typing import Annotated

import typer

from fko.commands import choices, options
from fko.i18n import _


def run(
    ctx: typer.Context,
    ids: options.MeasureIds,
    figure: Annotated[
        str | None,
        typer.Option("--figure", metavar="TEXT", help="Cite the key figures whose name contains TEXT instead."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", metavar="DATE", help="With --figure: only the figure of this date.")
    ] = None,
    format: Annotated[
        choices.CiteFormat, typer.Option("--format", case_sensitive=False, help="How to write the citation.")
    ] = choices.CiteFormat.text,
    json: options.Json = False,
    jsonl: options.Jsonl = False,
    fields: options.Fields = None,
) -> None:
    """Cite a measure or one of its key figures: title, source document with its title and
    date, lines, and the quote (the goal, or the figure's own words).

    Example: fko cite IV.1 --figure Meisterprämien --format markdown
    """
    from fko.domain.cite import citations
    from fko.errors import UsageError
    from fko.output import tables
    from fko.search.finder import resolve_all
    from fko.views.cite import citation_text

    wanted = format.value
    if as_of is not None and figure is None:
        raise UsageError(_("--as-of picks one of the figures: give --figure TEXT too"))
    store = options.state(ctx).store()
    display = options.display(ctx)
    found = citations(store, resolve_all(store, ids), figure, as_of)
    if json or jsonl or fields is not None:
        from fko.views.rows import emit_rows

        if not (json or jsonl):
            raise UsageError(_("--fields with cite needs --json or --jsonl"))
        emit_rows(found, [], display=display, output="cite", json=json, csv=False, jsonl=jsonl, fields_arg=fields)
        return
    blocks = [citation_text(c, wanted) for c in found]
    tables.lines(display, ["\n\n".join(blocks)])
