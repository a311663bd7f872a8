"""One module per fko command; each parses options, asks the domain layer, renders."""
