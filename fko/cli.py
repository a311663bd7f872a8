"""The fko command line: builds the Typer app and registers the commands."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from fko import __version__
from fko.commands import (
    budget,
    clusters,
    compare,
    data,
    export,
    indicators,
    list_,
    recognition,
    ressorts,
    schema,
    search,
    show,
    sources,
    timeline,
)
from fko.options import State

app = typer.Typer(
    name="fko",
    help="Query the measures, funds and figures of the Fachkräfteoffensive NRW.\n\nExample: fko search Meisterprämie",
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help: no Rich import, no markup in help texts
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"fko {__version__}\n")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", metavar="PATH", envvar="FKO_DB", help="Read this store instead of the shipped one."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    ctx.obj = State(db)


# Commands in alphabetical order.
app.command("anerkennung", help="Alias of `fko recognition`.\n\nExample: fko anerkennung")(recognition.run)
app.command("budget")(budget.run)
app.command("clusters")(clusters.run)
app.command("compare")(compare.run)
app.add_typer(data.app, name="data")
app.command("export")(export.run)
app.command("indicators")(indicators.run)
app.command("list")(list_.run)
app.command("recognition")(recognition.run)
app.command("ressorts")(ressorts.run)
app.command("schema")(schema.run)
app.command("search")(search.run)
app.command("show")(show.run)
app.command("sources")(sources.run)
app.command("timeline")(timeline.run)


def main(argv: list[str] | None = None) -> int:
    """Run fko; fko's errors become one line on stderr and an exit code."""
    from typer._click.exceptions import ClickException, UsageError

    from fko.errors import FkoError
    from fko.render import PipeClosed, error

    try:
        code = app(args=argv, prog_name="fko", standalone_mode=False)
    except FkoError as exc:
        error(exc.message)
        code = exc.exit_code
    except UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # `fko` or `fko data` alone: show the help
            sys.stderr.write(exc.format_message() + "\n")
            return 2
        where = exc.ctx.command_path if exc.ctx else "fko"
        error(f"{exc.format_message().rstrip('.')}; see '{where} --help'")
        code = 2
    except ClickException as exc:
        error(exc.format_message())
        code = exc.exit_code
    except (KeyboardInterrupt, typer.Abort):
        code = 130
    except PipeClosed:
        code = 0  # the reader (head, less) closed the pipe: it had what it wanted
    return code if isinstance(code, int) else 0
