"""Excel workbooks: one sheet per table, numbers as numbers, full ISO dates as dates.

XlsxWriter is imported only here, and this module only when a workbook is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_WIDTH = 60


def _text(value: Any) -> str:
    from fko.output.channels import clean

    if isinstance(value, list):
        return "; ".join(clean(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return clean(value)


def _kind(rows: Sequence[dict[str, Any]], column: str) -> str:
    """number, date, boolean or text: the type every non-empty value of a column shares."""
    values = [r.get(column) for r in rows if r.get(column) is not None]
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "number"
    if values and all(isinstance(v, str) and _ISO_DATE.fullmatch(v) for v in values):
        return "date"
    return "text"


def write_sheets(
    sheets: Mapping[str, Sequence[dict[str, Any]]],
    path: Path,
    note: str,
    headers: Sequence[str] = (),
    labels: Mapping[str, str] | None = None,
) -> None:
    """A workbook at `path`: a sheet per table (columns from the rows), then a sheet "source"
    with `note`. `headers` are extra lines on that sheet (what was exported, from where).

    The first row names the columns by their keys (as CSV and JSON do); `labels` (column ->
    its name for people, e.g. in German) adds a second row under the keys, for people who
    read the workbook, and the rows start below it."""
    import xlsxwriter  # type: ignore[import-untyped]

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    try:
        bold = book.add_format({"bold": True, "bottom": 1})
        date = book.add_format({"num_format": "yyyy-mm-dd"})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        named = book.add_format({"italic": True, "bottom": 1})
        top = 2 if labels else 1  # the first row of values
        for name, rows in sheets.items():
            sheet = book.add_worksheet(name[:31])
            names: list[str] = []
            for row in rows:
                names += [c for c in row if c not in names]
            for col, column in enumerate(names):
                kind = _kind(rows, column)
                sheet.write_string(0, col, column, bold)
                width = len(column)
                if labels:
                    label = labels.get(column, "")
                    sheet.write_string(1, col, label, named)
                    width = max(width, len(label))
                for line, row in enumerate(rows, start=top):
                    value = row.get(column)
                    if value is None:
                        continue
                    if kind == "number":
                        sheet.write_number(line, col, value)
                        width = max(width, len(f"{value:,}"))
                    elif kind == "boolean":
                        sheet.write_boolean(line, col, value)
                        width = max(width, 5)
                    elif kind == "date":
                        sheet.write_datetime(line, col, dt.datetime.fromisoformat(value), date)
                        width = max(width, 10)
                    else:
                        text = _text(value)
                        sheet.write_string(line, col, text)
                        width = max(width, max((len(part) for part in text.split("\n")), default=0))
                sheet.set_column(col, col, min(width, _MAX_WIDTH) + 2, wrap if width > _MAX_WIDTH else None)
            sheet.freeze_panes(top, 0)
            if rows and names:
                sheet.autofilter(top - 1, 0, len(rows) + top - 1, len(names) - 1)
        source = book.add_worksheet("source")
        source.set_column(0, 0, 100, wrap)
        for line, text in enumerate([*headers, note]):
            source.write_string(line, 0, text)
    finally:
        try:
            book.close()
        except xlsxwriter.exceptions.FileCreateError as exc:  # a full disk: the OSError inside, for safe_write
            cause = exc.args[0] if exc.args else None
            raise cause if isinstance(cause, OSError) else OSError(str(exc)) from None


def write_workbook(tables: dict[str, list[dict[str, Any]]], path: Path, note: str) -> None:
    """The whole export as a workbook."""
    from fko import __version__

    write_sheets(tables, path, note, [f"Exported by fko {__version__}; one sheet per table."])
