"""`fko compare`: measures, ministries' portfolios or recognition years side by side."""

import shlex
from typing import Annotated

import typer

from fko.commands import options
from fko.i18n import _


@options.rows_output
def run(
    ctx: typer.Context,
    items: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ITEM]...",
            help="Measures (IDs, titles or aliases); with --ressort more ministry codes; with --recognition years.",
            autocompletion=options.complete_ids,
            show_default=False,
        ),
    ] = None,
    ressort: options.RessortCompare = None,
    recognition: Annotated[
        bool, typer.Option("--recognition", help="Compare recognition figures of years (ITEMs are years).")
    ] = False,
    on: options.On = None,
    wide: options.Wide = False,
    *,
    out: options.Output,
) -> None:
    """Put measures side by side: title, ministries, runtime, status, funds, partners, figures.

    Rows where the measures differ are marked ≠. With -r/--ressort: portfolios of ministries;
    with --recognition: recognition figures of two years with the change.

    \b
    Examples:
      fko compare IV.1 II.9
      fko compare Meisterprämie Übergangslotsen --on 2025-01-01
      fko compare -r MAGS -r MSB
    """
    from fko.domain.compare import compare_measures, compare_ressorts
    from fko.domain.status import on_date
    from fko.errors import UsageError
    from fko.views.compare import COMPARE_FIELDS, PORTFOLIO_FIELDS, compare_table, portfolio_table

    items = items or []
    if ressort and recognition:
        raise UsageError(_("choose one of --ressort and --recognition"))
    store = options.store(ctx)
    display = options.display(ctx, wide)
    if recognition:
        from fko.views.figures import chamber_tables

        try:
            years = [int(y) for y in items]
        except ValueError:
            raise UsageError(
                _("--recognition compares years, e.g. 2022 2023, not {items}").format(items=" ".join(items))
            ) from None
        chamber_tables(store, years, (), display=display, **out._asdict())
        return
    records = not out.for_people or out.fields is not None
    if ressort:
        result = compare_ressorts(store, [*ressort, *items])
        if records:
            json_rows = [{**p, "in_common": result["in_common"]} for p in result["ressorts"]]
            title = _("Portfolios")
            out.emit(
                display, result["ressorts"], PORTFOLIO_FIELDS, "compare_ressorts", title=title, json_rows=json_rows
            )
        else:
            portfolio_table(display, result)
        return
    codes = {r["code"].casefold() for r in store.ressorts()}
    if len(items) > 1 and all(i.strip().casefold() in codes for i in items):
        listed = " ".join(f"-r {shlex.quote(i.strip().upper())}" for i in items)
        raise UsageError(
            _("{items} are ministries; compare their portfolios with `fko compare {listed}`").format(
                items=", ".join(items), listed=listed
            )
        )
    day = on_date(on)
    if len(items) < 2:
        raise UsageError(_("give at least two measures to compare, e.g. fko compare IV.1 II.9"))
    chosen = options.measures(store, items)
    if len(chosen) < 2:
        raise UsageError(
            _("{items} name the same measure, {id}; compare two different ones, e.g. fko compare IV.1 II.9").format(
                items=", ".join(f"'{i}'" for i in items), id=chosen[0]["id"]
            )
        )
    rows = compare_measures(store, chosen, day)
    if records:
        out.emit(display, rows, COMPARE_FIELDS, "compare", title=_("Compare"))
    else:
        compare_table(display, rows, day)
