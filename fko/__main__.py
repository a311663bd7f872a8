"""`python -m fko` runs the command line."""

from fko.cli import run

run()
