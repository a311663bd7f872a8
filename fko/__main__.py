"""The `fko` command and `python -m fko`: Ctrl-C exits 130 with one line, even while fko is still importing."""

from __future__ import annotations

import gc
import sys


def _hold_standard_fds() -> None:
    """Point a closed stdin, stdout or stderr (`fko list >&-`) at /dev/null, so that no file fko
    opens later gets its number and receives output by mistake. sys.stdout stays None, and fko
    reports the closed stdout."""
    import os

    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)


def run() -> None:
    """Run the command line and exit with its code (SystemExit: in-process callers see it)."""
    sys.exit(_code())


def console() -> None:
    """The `fko` command (and `python -m fko`): as run(), then the process ends at once.

    Once fko has answered, the interpreter's own shutdown would free every object one by one
    and make a last collection pass over them: ≈20 ms after any command and ≈100 ms after a
    10,000-measure `list --json`, a sixth of their time (issue #16), for nothing: fko has
    written and closed its files (each by rename, fsynced), waited for its pager, and its
    output channels flush after every write. So stdout and stderr are flushed once more, and
    os._exit ends the process with the code. Only the console script: run() is unchanged."""
    import os

    code = _code()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe: fko has said what it had to
            pass
    os._exit(code)


def _code() -> int:
    # fko runs briefly and its data is acyclic (parsed JSON, rows): reference counting frees it.
    # The cyclic collector's passes over the growing heap (Typer's import, a large store) cost
    # ≈9 % of the instructions of a start and ≈20 % of a 10,000-measure `list --json`, and
    # free nothing that matters: peak memory measured the same for list, search, budget --by,
    # export and data build with it off (issue #16). Only the command line; main() is unchanged.
    gc.disable()
    try:
        _hold_standard_fds()
        from fko.cli import main

        return main()
    except KeyboardInterrupt:  # while fko was still importing: fko.cli's own handler was not yet there
        sys.stderr.write("fko: interrupted\n")
        return 130
    except ModuleNotFoundError as exc:  # an install without a dependency (an upgrade not reinstalled)
        sys.stderr.write(f"fko: the module {exc.name} is missing; reinstall fko (pip install .)\n")
        return 1


if __name__ == "__main__":
    console()
