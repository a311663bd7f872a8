"""The `fko` command and `python -m fko`: Ctrl-C exits 130 with one line, even while fko is still importing."""

import gc
import os
import sys


def _hold_standard_fds() -> None:
    """Point a closed stdin, stdout or stderr (`fko list >&-`) at /dev/null, so that no file fko
    opens later gets its number and receives output by mistake; fko still reports a closed stdout."""
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
    """The `fko` command: as run(), then the process ends at once, its streams flushed.

    The interpreter's shutdown would free every object one by one for nothing: fko has closed
    its files (each written by rename), waited for its pager, and flushes its output as it writes."""
    code = _code()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe: fko has said what it had to
            pass
    os._exit(code)


def _code() -> int:
    # fko runs briefly and its data is acyclic (parsed JSON, rows): reference counting frees it,
    # and the cyclic collector's passes over the growing heap would free nothing that matters.
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
