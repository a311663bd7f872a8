"""The views of each command family: columns, labels and texts made from the records (never the records themselves)."""
