"""`python -m fko` runs the command line."""

from fko._entry import console

console()
