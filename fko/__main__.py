"""`python -m fko` runs the command line."""

from fko.entry import console

console()
