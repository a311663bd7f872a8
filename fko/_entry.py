"""Console-script entry point: Ctrl-C exits 130 quietly, even while fko is still importing."""

from __future__ import annotations

import sys


def run() -> None:
    try:
        from fko.cli import main

        code = main()
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)
