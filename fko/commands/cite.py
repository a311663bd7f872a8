"""`fko cite`: a citation of a measure or one of its key figures, with source, date, lines and quote."""

from typing import Annotated

import typer

from fko.commands import choices, options
from fko.i18n import _


@options.json_output
def run(
    ctx: typer.Context,
    ids: options.SomeMeasures = None,
    figure: Annotated[
        str | None,
        typer.Option("--figure", metavar="TEXT", help="Cite the key figures whose name contains TEXT instead."),
    ] = None,
    recognition: Annotated[
        str | None,
        typer.Option(
            "--recognition",
            metavar="BODY",
            help="Cite the recognition figures of a body, area or country (Handwerkskammern, Architektenkammer).",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="With --figure or --recognition: only the figure of this date."),
    ] = None,
    format: Annotated[
        choices.CiteFormat, typer.Option("--format", case_sensitive=False, help="How to write the citation.")
    ] = choices.CiteFormat.text,
    *,
    out: options.Output,
) -> None:
    """Cite a measure, one of its key figures or a recognition figure: the measure, the source
    document by its title, publisher and date, the quote (the goal, or the figure's own words), and
    the text file and lines fko read it from. With --json each record carries the citation in
    --format ready to paste (`citation`).

    Example: fko cite IV.1 --figure Meisterprämien --format markdown
    """
    from fko.domain.cite import citations, recognition_citations
    from fko.errors import UsageError
    from fko.i18n import in_english
    from fko.output import tables
    from fko.views.cite import citation_text, citations_text

    if as_of is not None and figure is None and recognition is None:
        raise UsageError(_("--as-of picks one of the figures: give --figure TEXT or --recognition BODY too"))
    if recognition is not None and (ids or figure is not None):
        raise UsageError(_("--recognition cites figures of their own: give no MEASURE and no --figure with it"))
    if recognition is None and not ids:
        raise UsageError(_("name a measure to cite (fko cite IV.1), or --recognition BODY"))
    store = options.store(ctx)
    display = options.display(ctx)
    if recognition is not None:
        found = recognition_citations(store, recognition, as_of)
    else:
        found = citations(store, options.measures(store, ids or []), figure, as_of)
    style = format.value
    if out.json_asked("cite"):
        # the citation as the text view writes it, in English like every --json value
        ready = [{**c, "citation": in_english(lambda c: citation_text(c, style), c)} for c in found]
        out.emit(display, ready, [], "cite")
    else:
        tables.lines(display, [citations_text(found, style)])
