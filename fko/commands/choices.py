"""The fixed choices of single commands, as enums: Typer validates them (case-insensitively),
lists them in --help and completes them. The domain modules keep the same names (a test checks
they agree). Apart from options.py, so that only the commands with such a choice make them."""

from enum import StrEnum

ExportFormat = StrEnum("ExportFormat", "json csv sqlite xlsx")
BudgetBy = StrEnum("BudgetBy", "ressort cluster year funding")
Split = StrEnum("Split", "joint full equal")
RecognitionBy = StrEnum("RecognitionBy", "area country")
TimelineBy = StrEnum("TimelineBy", "cluster ressort")
CiteFormat = StrEnum("CiteFormat", "text markdown bibtex")
ChangeKind = StrEnum("ChangeKind", "update indicator event initiative")
