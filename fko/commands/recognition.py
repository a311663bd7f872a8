"""`fko recognition` (alias `fko anerkennung`): recognition of foreign qualifications in figures."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from fko.commands import choices, options
from fko.i18n import _, data_note, ngettext

if TYPE_CHECKING:
    from fko.output.display import Display
    from fko.store.reader import Store


@options.rows_output
def run(
    ctx: typer.Context,
    by: Annotated[
        choices.RecognitionBy | None,
        typer.Option(
            "--by",
            case_sensitive=False,
            autocompletion=options.complete_choice(choices.RecognitionBy),
            help="Procedures by area of responsibility or country.",
        ),
    ] = None,
    body: Annotated[
        list[str] | None,
        typer.Option(
            "--body",
            "-b",
            metavar="TEXT",
            help="Only bodies whose name contains TEXT.",
            autocompletion=options.completer("bodies"),
        ),
    ] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", metavar="YEAR", help="Only this year.")] = None,
    compare: Annotated[
        tuple[int, int] | None,
        typer.Option("--compare", metavar="YEAR YEAR", help="Two years side by side with the change."),
    ] = None,
    wide: options.Wide = False,
    *,
    out: options.Output,
) -> None:
    """Show the recognition figures of foreign qualifications: an overview, then the details.

    The overview lists every figure fko has: procedures by area of responsibility (IT.NRW via
    the WHKT report: Öffentlicher Dienst, Handwerkskammern, IHK, …), the Handwerkskammern' top
    countries of training, and the chamber tables of VI.8 (architects, engineers). Rates and
    changes are derived by fko and marked as such.

    \b
    Examples:
      fko recognition
      fko recognition --body handwerk
      fko recognition --by country
    """
    from fko.domain.figures import by_area, by_country
    from fko.errors import UsageError
    from fko.output import charts, numbers, tables
    from fko.views.figures import RECOGNITION_FIELDS, caveat_lines, chamber_tables, source_label

    store = options.store(ctx)
    display = options.display(ctx, wide)
    if by is None and (compare or not out.for_people):
        years = list(compare) if compare else ([year] if year is not None else None)
        chamber_tables(store, years, body or (), display=display, **out._asdict())
        return
    if by is None:
        overview(display, store, body or (), year)
        return
    if year is not None or compare:
        raise UsageError(
            _("the figures --by {by} state no year (WHKT-Report 12/2025); leave out --year/--compare").format(by=by)
        )
    rows = by_area(store) if by == "area" else by_country(store, body or ())
    if by == "area" and body:
        wanted = [b.casefold() for b in body]
        rows = [r for r in rows if any(w in r["body"].casefold() for w in wanted)]
    label = "dimension" if by == "country" else "body"
    shown = [f._replace(in_table=f.name in (label, "value")) for f in RECOGNITION_FIELDS]
    empty = _("no recognition figures match; see `fko recognition --by {by}`").format(by=by)
    out.emit(display, rows, shown, "recognition", title=_by_title(rows, source_label(store)), empty=empty)
    if rows and out.for_people:
        tables.separator()
        charts.bar_chart(display, [(r[label], float(r["value"]), numbers.german_number(r["value"])) for r in rows])
        tables.lines(display, ["", *caveat_lines(rows, source_label(store))])


def overview(display: "Display", store: "Store", bodies: Sequence[str], year: int | None) -> None:
    """Every recognition figure fko has in one table, then the detail views that match."""
    from fko.domain.figures import by_country, chamber_matrix, recognition_rows, with_rates
    from fko.output import channels, charts, numbers, tables
    from fko.views.figures import (
        RECOGNITION_OVERVIEW_FIELDS,
        caveat_lines,
        chamber_title,
        matrix_fields,
        recognition_overview,
        source_label,
        with_source_keys,
    )

    if year is not None:
        from fko.errors import FkoError

        known = sorted({r["year"] for r in recognition_rows(store) if r["year"] is not None})
        if year not in known:
            stated = (" " + _("and") + " ").join(map(str, known))
            raise FkoError(
                _("no recognition figures for {year}; the figures with a year are for {stated}").format(
                    year=year, stated=stated
                )
            )
    rows = recognition_overview(store, bodies, year)
    if not rows:
        channels.note(_("no recognition figures match; `fko recognition` shows all"))
        return
    title = ngettext("{n} recognition figure", "{n} recognition figures", len(rows)).format(n=len(rows))
    tables.table(display, rows, with_source_keys(store, RECOGNITION_OVERVIEW_FIELDS), title=title)
    notes = ["", *(f"* {line}" for line in caveat_lines(rows, source_label(store)))]
    notes.append(_("Details: --by area, --by country, --body NAME, --compare 2022 2023."))
    if year is not None:
        notes.append(
            _("Only {year}: the figures by area and by country state no year and are left out.").format(year=year)
        )
    tables.lines(display, notes)
    chambers = with_rates([r for r in recognition_rows(store, bodies, year) if r["year"] is not None])
    if chambers:
        shown_years, matrix = chamber_matrix(chambers, [year] if year is not None else None)
        for name in dict.fromkeys(m["body"] for m in matrix):
            tables.separator()
            body_rows = [m for m in matrix if m["body"] == name]
            tables.table(display, body_rows, matrix_fields(shown_years), title=chamber_title(name))
        tables.lines(display, ["", _("Rates and changes are derived by fko from the report's figures (marked *).")])
    countries = by_country(store, bodies) if year is None and bodies else []
    if countries:
        tables.separator()
        charts.bar_chart(
            display,
            [(r["dimension"], float(r["value"]), numbers.german_number(r["value"])) for r in countries],
            title=_("{body}: procedures by country of training (top {n})").format(
                body=countries[0]["body"], n=len(countries)
            ),
        )


def _by_title(rows: list[dict[str, object]], sources: dict[str, str]) -> str:
    if not rows:
        return _("no figures")
    first = rows[0]
    return _("{metric} ({note}; source: {source})").format(
        metric=first["metric"],
        note=data_note(str(first["note"])),
        source=sources.get(str(first["source"]), first["source"]),
    )
