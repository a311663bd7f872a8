"""Console-script entry point: Ctrl-C exits 130 quietly, even while fko is still importing."""

from __future__ import annotations

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
    try:
        _hold_standard_fds()
        from fko.cli import main

        code = main()
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)
