"""The fko command line: the Typer app, its commands (each built when it runs), the error boundary.

No `from __future__ import annotations` here and in fko/commands/: Typer reads the annotations of
the command's parameters on each start, and string annotations would have to be evaluated first.
"""

import importlib
import os
import re
import sys
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Any

import typer

from fko import __version__
from fko.commands.options import Colour, State, completer, german_choice
from fko.errors import FkoError, UsageError
from fko.i18n import N_, _, choose, german, os_reason, speaking
from fko.output.channels import ECHO, ECHO_WORD, PipeClosed, channels, error, note
from fko.output.files import guarding
from fko.output.pager import paging, without_flag


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"fko {__version__}\n")
        raise typer.Exit()


#: The shells fko prints a completion script for (each tested with the real shell).
SHELLS = ("bash", "zsh", "fish")


def _show_completion(value: str | None) -> None:
    """--show-completion SHELL: print the script that makes SHELL complete fko's words, then exit."""
    if value is None:
        return
    if value not in SHELLS:
        raise UsageError(
            _("fko completes in {shells}, not '{shell}'; e.g. fko --show-completion bash").format(
                shells=", ".join(SHELLS), shell=value
            )
        )
    # Typer's own script and completion classes (Click's differ in their protocol); Typer
    # re-exports them from typer.completion, without declaring it
    from typer._completion_classes import completion_init
    from typer._completion_shared import get_completion_script

    completion_init()
    sys.stdout.write(get_completion_script(prog_name="fko", complete_var="_FKO_COMPLETE", shell=value) + "\n")
    raise typer.Exit()


def _global(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", metavar="PATH", envvar="FKO_DB", help="Read this store instead of the shipped one."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page long output (also anywhere on the line; or set FKO_PAGER=cat). "
            "The pager: $FKO_PAGER, $PAGER, or less -FRX.",
        ),
    ] = False,
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            metavar="[SHELL]",
            callback=_show_completion,
            is_eager=True,
            expose_value=False,
            help="Print the completion script for bash, zsh or fish (default: your $SHELL) and exit; "
            'e.g. eval "$(fko --show-completion bash)".',
        ),
    ] = None,
    color: Annotated[
        Colour,
        typer.Option(
            "--color",
            case_sensitive=False,
            help="Colour in tables and matches: auto (a terminal; NO_COLOR turns it off, FORCE_COLOR on), "
            "always (also into a pipe) or never. Accepted after the command too.",
        ),
    ] = Colour.auto,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="de|en",
            autocompletion=completer("languages"),
            help="Speak German (de) or English (en); default: $FKO_LANG, else the locale ($LANGUAGE, $LC_ALL, "
            "$LC_MESSAGES, $LANG). --json, CSV and exit codes are the same in both. Accepted after the command too.",
        ),
    ] = None,
) -> None:
    # --lang was read before the app was built (main: the help and Click's messages speak it too)
    if db is not None and not db.strip():
        raise UsageError(_("--db is empty; name a store file, or leave --db out to read the shipped store"))
    ctx.obj = State(db, color.value)


#: The commands in alphabetical order, each with what `fko --help` says of it, so that listing
#: them imports none: the first sentence of its help; for data its help (tests/cli/test_startup.py).
SUMMARIES: dict[str, str] = {
    "anerkennung": "Alias of `fko recognition`.",
    "budget": "List the planned funds of every measure, largest first, and the one total of a year (--year).",
    "changes": "List what the sources report after a date, newest first.",
    "cite": "Cite a measure, one of its key figures or a recognition figure.",
    "clusters": "List the six clusters with their titles and number of measures.",
    "compare": "Put measures side by side.",
    "data": "Build the store from the source documents.",
    "diff": "Compare two stores.",
    "export": "Export every record.",
    "indicators": "List key figures (premiums paid, participants, posts filled …) in date order, with sources.",
    "list": "List the measures.",
    "recognition": "Show the recognition figures of foreign qualifications.",
    "ressorts": "List the 13 ministries (Ressorts) with their codes and number of measures.",
    "schema": "Print the JSON Schema (draft 2020-12) of --json.",
    "search": "Search measures, initiatives, recognition figures, indicators, updates and events.",
    "show": "Show measures in full.",
    "sources": "List the five source documents (key, title, publisher, date) and what cites them.",
    "timeline": "Draw every measure's runtime as a bar, grouped, with its status and today marked.",
}

#: The module of each command in fko/commands/.
COMMANDS = {name: {"anerkennung": "recognition", "list": "list_"}.get(name, name) for name in SUMMARIES}

#: `fko --help` lists the commands in this order: Typer puts a group (data) after the commands.
ORDER = [*(name for name in COMMANDS if name != "data"), "data"]

_ALIAS_HELP = "Alias of `fko recognition`.\n\nExample: fko anerkennung"

APP_HELP = "Query the measures, funds and figures of the Fachkräfteoffensive NRW.\n\nExample: fko search Meisterprämie"


def build(only: str | None = None) -> typer.Typer:
    """The Typer app with the command being run (`only`) built, every other one built only when
    asked for (completion, `fko -- list`): Typer inspects every parameter of a command to build it."""
    app = typer.Typer(
        name="fko",
        help=_(APP_HELP),
        no_args_is_help=True,
        rich_markup_mode=None,  # plain help: no Rich import, no markup in help texts
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        add_completion=False,  # fko's own --show-completion takes the shell's name
        cls=_Commands,
    )
    app.callback()(_global)
    if only is None and "_FKO_COMPLETE" in os.environ:  # a shell asks for completions
        from typer._completion_classes import completion_init

        completion_init()
    if only is not None:
        _register(app, only)
    return app


def _register(app: typer.Typer, name: str) -> None:
    """Add command `name` to the app, from its module in fko/commands/."""
    module = importlib.import_module(f"fko.commands.{COMMANDS[name]}")
    settings = {"token_normalize_func": german_choice}  # `--by jahr`, `--kind Kennzahl`
    if name == "data":
        app.add_typer(module.app, name="data")
    elif name == "anerkennung":
        app.command(name, help=_ALIAS_HELP, context_settings=settings)(module.run)
    else:
        app.command(name, short_help=first_sentence(module.run.__doc__ or ""), context_settings=settings)(module.run)


def _built(name: str) -> typer.core.TyperCommand | typer.core.TyperGroup:
    """The Click command of `name`, built by Typer as in an app of that command alone."""
    group = typer.main.get_command(build(name))
    return group.commands[name]  # type: ignore[attr-defined, no-any-return]


def _summary(name: str) -> typer.core.TyperCommand | typer.core.TyperGroup:
    """What `fko --help` lists for `name`, without building it (the alias and the data group
    have a help text, no summary: Click shortens it to the width)."""
    if name == "anerkennung":
        return typer.core.TyperCommand(name, help=_(_ALIAS_HELP))
    if name == "data":
        return typer.core.TyperGroup(name=name, help=_(SUMMARIES[name]))
    return typer.core.TyperCommand(name, short_help=_(SUMMARIES[name]))


class _LazyCommands(MutableMapping[str, Any]):
    """The commands of the group by name: every name of COMMANDS, each built when first read."""

    def __init__(self, built: MutableMapping[str, Any]) -> None:
        self.built = dict(built)

    def __getitem__(self, name: str) -> Any:
        if name not in self.built:
            if name not in COMMANDS:
                raise KeyError(name)
            self.built[name] = _built(name)
        return self.built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        del self.built[name]

    def __iter__(self) -> Iterator[str]:
        return iter([*ORDER, *(name for name in self.built if name not in COMMANDS)])

    def __len__(self) -> int:
        return len(list(iter(self)))  # list(self) would ask len() first


class _Formatter(typer.Context.formatter_class):  # type: ignore[misc, valid-type]
    """Click's help formatter in the run's language: the usage prefix, the headings, and what
    Click and Typer add to an option's help ("[default: …]", "[required]") in English only."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(heading))

    def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
        if german():
            rows = [(term, _help_in_language(text)) for term, text in rows]
        super().write_dl(rows, *args, **kwargs)


#: What Click and Typer write into the help of options, in English only (for the catalog).
CLICK_HELP = (
    N_("Usage: "),
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
)


_TRAILER = r"(?:^|  )\[(.*)\]$"  # "help  [default: 20; x>=0; required]"; compiled by `re` for German help


def _help_in_language(text: str) -> str:
    """An option's help as Click wrote it, with Click's own texts in it translated."""
    if text == "Show this message and exit.":
        return _(text)
    trailer = re.search(_TRAILER, text)
    if trailer is None:
        return text
    parts = []
    for part in trailer[1].split("; "):
        name, colon, value = part.partition(": ")
        if colon and name == "default":
            parts.append(_("default: {default}").format(default=value))
        elif colon and name == "env var":
            parts.append(_("env var: {var}").format(var=value))
        else:  # "required"; a range as "x>=0" is the same in every language
            parts.append(_(part))
    return f"{text[: trailer.start(1) - 1]}[{'; '.join(parts)}]"


class _Context(typer.Context):
    """The context of fko's commands: help is written by `_Formatter`."""

    formatter_class = _Formatter


def _prepare(command: Any) -> None:
    """Ready a built command (and a group's commands) to run: its help in the run's language, and
    every text or path value refusing to be empty, the same usage error everywhere (exit 2)."""
    command.context_class = _Context
    if german():
        _translate(command)
    for param in command.params:
        if getattr(param.type, "name", None) in ("str", "text", "path") and not getattr(param, "is_flag", False):
            param.type = _NotEmpty(param.type)
    for sub in getattr(command, "commands", {}).values():
        _prepare(sub)


def _translate(command: Any) -> None:
    """A command's help, usage parts, and each parameter's help and metavar, in the run's language."""
    for name in ("help", "short_help", "options_metavar", "subcommand_metavar"):
        if getattr(command, name, None):
            setattr(command, name, _(getattr(command, name)))
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _(param.help)
        if getattr(param, "metavar", None):
            param.metavar = _(param.metavar)


class _Commands(typer.core.TyperGroup):
    """fko's group: it knows every command, builds one only when it is run or completed, and
    lists them in `fko --help` from SUMMARIES (the same lines Typer would print)."""

    context_class = _Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands(self.commands)
        if german():  # the global options and the usage line (the help is given translated: build)
            _translate(self)

    def get_command(self, ctx: typer.Context, name: str) -> Any:  # type: ignore[override]
        command = super().get_command(ctx, name)
        if command is not None:
            _prepare(command)
        return command

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(self.commands)

    def format_commands(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        built = self.commands.built if isinstance(self.commands, _LazyCommands) else self.commands
        listed = [(name, built.get(name) or _summary(name)) for name in self.list_commands(ctx)]
        limit = formatter.width - 6 - max(len(name) for name, _ in listed)
        with formatter.section("Commands"):
            formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in listed])


class _NotEmpty:
    """A parameter type as Typer made it (text or a path), that also refuses an empty value ('')."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:  # name, metavar, completion: the inner type's
        return getattr(self.inner, name)

    def __call__(self, value: Any, param: Any = None, ctx: Any = None) -> Any:
        if value == "":
            required = param is not None and (param.required or getattr(param, "param_type_name", "") == "argument")
            self.inner.fail(
                _("is empty; give a value") if required else _("is empty; give a value, or leave it out"), param, ctx
            )
        return self.inner(value, param, ctx)


def first_sentence(doc: str) -> str:
    """A command's summary for `fko --help`: its first sentence whole, never cut mid-way."""
    text = " ".join(doc.strip().split("\n\n")[0].split())
    end = re.search(r"[.:;](\s|$)", text)
    return text[: end.start()] + "." if end else text


#: Global options that take a value, and those that may also follow the command.
_GLOBAL_VALUES = ("--db", "--color", "--lang")
_ANYWHERE = ("--color", "--lang")


def hoist_global_options(argv: list[str]) -> list[str]:
    """`fko list --color never` means `fko --color never list`: options of _ANYWHERE after the
    command (and before a `--`) move in front of it; `--colour` is read as `--color`."""
    front: list[str] = []
    rest: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--":
            rest += [arg, *args]
            break
        if arg.split("=", 1)[0] == "--colour":  # British spelling, not a second name in --help
            arg = "--color" + arg[len("--colour") :]
        name = arg.split("=", 1)[0]
        if name in _ANYWHERE:
            front.append(arg)
            if "=" not in arg:
                value = next(args, None)
                if value is None:
                    raise UsageError(_("{option} needs a value; see 'fko --help'").format(option=arg))
                front.append(value)
        else:
            rest.append(arg)
    return front + rest


def with_shell(argv: list[str]) -> list[str]:
    """`fko --show-completion` without a shell's name means the shell fko runs under ($SHELL), else bash."""
    if "--show-completion" not in argv:
        return argv
    at = argv.index("--show-completion") + 1
    if at < len(argv) and not argv[at].startswith("-"):
        return argv
    shell = os.path.basename(os.environ.get("SHELL", ""))
    return [*argv[:at], shell if shell in SHELLS else "bash", *argv[at:]]


def command_name(argv: list[str]) -> str | None:
    """The command on a command line, after the global options; None for help, version, completion."""
    args = iter(argv)
    for arg in args:
        if arg in _GLOBAL_VALUES:
            next(args, None)
        elif arg.split("=", 1)[0] in _GLOBAL_VALUES:
            continue
        elif arg.startswith("-"):
            return None
        else:
            return arg if arg in COMMANDS else None
    return None


def help_path(argv: list[str]) -> str:
    """The command whose help answers a usage error that Click raised without its context (an
    option that lacks its value): `fko list`, `fko data build`, or `fko` before any command."""
    name = command_name(argv)
    if name is None:
        return "fko"
    rest = argv[argv.index(name) + 1 :]
    if name == "data" and rest and not rest[0].startswith("-"):
        return f"fko data {rest[0]}"
    return f"fko {name}"


def _echoed(message: str, args: list[str]) -> str:
    """The message with each argument it repeats that is longer than a file name can be cut to
    about 80 characters, with … (Click's own messages repeat arguments too)."""
    for arg in sorted({a for a in args if len(a) > ECHO_WORD}, key=len, reverse=True):
        message = message.replace(arg, arg[: ECHO - 1] + "…")
    return message


def main(argv: list[str] | None = None) -> int:
    """Run fko; its errors become one line on stderr and an exit code. All output, help and
    version included, goes through output.channels: a closed pipe exits 0, a closed or full
    stdout exits 1 with one line on stderr, never a traceback."""
    args, no_pager = without_flag(sys.argv[1:] if argv is None else argv)
    with channels(), paging(not no_pager), guarding():
        language, said = choose(language_asked(args), os.environ)
        with speaking(language):
            if said:
                note(said)
            return _answer(args)


def language_asked(argv: list[str]) -> str | None:
    """The value of --lang anywhere before a `--` (as hoist_global_options moves it), the last
    one counting, as Click's would; "" for a --lang without a value."""
    found = None
    args = iter(argv)
    for arg in args:
        if arg == "--":
            break
        name, equals, value = arg.partition("=")
        if name == "--lang":
            found = value if equals else next(args, "")
    return found


#: Click's usage errors as Click writes them (in English only, without the final full stop), each
#: with its text in the catalog, filled from the named parts; a `reason` is itself one of these,
#: or fko's own (already translated).
CLICK_ERRORS: tuple[tuple[str, str], ...] = (
    (
        r"No such option: (?P<name>.+?) \(Possible options: (?P<names>.+)\)",
        N_("No such option: {name} (Possible options: {names})"),
    ),
    (r"No such option: (?P<name>.+)", N_("No such option: {name}")),
    (
        r"No such command (?P<name>'.*?')\. Did you mean (?P<names>.+)\?",
        N_("No such command {name}. Did you mean {names}?"),
    ),
    (r"No such command (?P<name>'.*')", N_("No such command {name}")),
    (r"Missing command", N_("Missing command")),
    (r"Missing argument (?P<name>'.*')", N_("Missing argument {name}")),
    (r"Missing option (?P<name>'.*')", N_("Missing option {name}")),
    (r"Missing parameter: (?P<name>.*)", N_("Missing parameter: {name}")),
    (r"Invalid value for (?P<name>'.*?'(?: / '.*?')*): (?P<reason>.*)", N_("Invalid value for {name}: {reason}")),
    (r"Invalid value: (?P<reason>.*)", N_("Invalid value: {reason}")),
    (r"(?P<value>'.*') is not one of (?P<choices>'.*')", N_("{value} is not one of {choices}")),
    (r"(?P<value>'.*') is not a valid int(?:eger| range)", N_("{value} is not a valid integer")),
    (r"(?P<value>'.*') is not a valid float(?: range)?", N_("{value} is not a valid float")),
    (
        r"(?P<value>'.*') is not a valid boolean\. Recognized values: (?P<values>.*)",
        N_("{value} is not a valid boolean. Recognized values: {values}"),
    ),
    (r"(?P<value>\S+) is not in the range (?P<range>\S+)", N_("{value} is not in the range {range}")),
    (r"Option (?P<name>'.*') requires an argument", N_("Option {name} requires an argument")),
    (r"Option (?P<name>'.*') requires (?P<n>\d+) arguments", N_("Option {name} requires {n} arguments")),
    (r"Option (?P<name>'.*') does not take a value", N_("Option {name} does not take a value")),
    (r"Argument (?P<name>'.*') takes (?P<n>\d+) values", N_("Argument {name} takes {n} values")),
    (r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", N_("Got unexpected extra argument(s) ({args})")),
)


def click_message(message: str) -> str:
    """One of Click's usage errors (see CLICK_ERRORS) in the run's language."""
    if not german():  # Click's own words, but for its type's name ("a valid int range")
        return message.replace(" is not a valid int range", " is not a valid integer")
    for pattern, text in CLICK_ERRORS:
        found = re.fullmatch(pattern, message, re.DOTALL)
        if found:
            parts = {k: click_message(v) if k == "reason" else v for k, v in found.groupdict().items()}
            return _(text).format(**parts)
    return message


def _answer(args: list[str]) -> int:
    if any("\x00" in arg for arg in args):  # only through main(argv): a shell cannot pass NUL
        error(_("an argument holds a NUL character, which no value or file name can; remove it"))
        return 2
    try:
        args = with_shell(hoist_global_options(args))
        code = build(command_name(args))(args=args, prog_name="fko", standalone_mode=False)
        if code == 130:  # Typer turns a Ctrl-C inside the command into exit code 130, silently
            error(_("interrupted"))
    except FkoError as exc:
        error(_echoed(exc.message, args))
        code = exc.exit_code
    except typer.TyperException as exc:  # typer's public base of Click's errors; usage errors carry exit_code 2
        message = exc.format_message()
        if type(exc).__name__ == "NoArgsIsHelpError":  # `fko` or `fko data` alone: the help is the answer
            sys.stdout.write(message + "\n")
            return 0
        code = exc.exit_code
        if code == 2:
            context = getattr(exc, "ctx", None)
            where = getattr(context, "command_path", None) or help_path(args)
            # typer >= 0.29 validates through pydantic and says "…: Value error, 'x' is not one of …"
            message = click_message(message.rstrip(".").replace(": Value error, ", ": "))
            message = _("{message}; see '{where} --help'").format(message=message, where=where)
        error(" ".join(_echoed(message, args).split()))
    except (KeyboardInterrupt, typer.Abort):
        error(_("interrupted"))
        code = 130
    except PipeClosed:
        code = 0  # the reader (head, less) closed the pipe: it had what it wanted
    except OSError as exc:  # the machine, not fko: a failing disk, a vanished file
        where = f"{exc.filename}: " if exc.filename else ""
        error(f"{where}{os_reason(exc)}")
        code = 1
    return code if isinstance(code, int) else 0
