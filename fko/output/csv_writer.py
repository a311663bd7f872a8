"""CSV in two dialects: `;` for German spreadsheets, `,` and tab for programs."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from fko.errors import UsageError
from fko.i18n import _
from fko.output.channels import clean, write
from fko.output.fields import Field

#: What starts a formula in a spreadsheet, also in full width (Excel folds ＝ to =).
_FORMULA_START = tuple("=+-@\uff1d\uff0b\uff0d\uff20")

#: What can hide a formula start: whitespace, zero-width characters, soft hyphen, BOM.
_HIDING = " \t\r\n\u00a0\u00ad\u200b\u200c\u200d\u2060\ufeff\u3000"

_PLAIN_NUMBER = r"[+-]?\d+(?:[.,]\d+)*"


def formula_like(text: str) -> bool:
    """True if a spreadsheet would run `text` as a formula: it starts with = + - @ (or their
    full-width forms), also behind leading spaces or zero-width characters. A lone sign and
    plain numbers ("-", "-5", "+1,5") are not formulas."""
    stripped = text.lstrip(_HIDING)
    if not stripped.startswith(_FORMULA_START):
        return False
    return stripped not in ("-", "+") and not re.fullmatch(_PLAIN_NUMBER, stripped)


def csv_cell(value: Any, decimal: str = ".", guard: bool = True) -> str:
    """A CSV cell: numbers with the dialect's decimal mark (whole ones without ".0", no thousands
    mark), a list of values joined by "; ", a nested object as its JSON; for a spreadsheet
    (`guard`) text cleaned of control characters and neutralised against formulas (a leading '),
    for a program text as it is."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(int(value) if isinstance(value, float) and value.is_integer() else value).replace(".", decimal)
    shown = clean if guard else str
    if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict | list) for v in value)):
        import json  # a nested object picked by --fields (runtime, synonyms): its JSON, as --json prints it

        text = shown(json.dumps(value, ensure_ascii=False, separators=(", ", ": ")))
    elif isinstance(value, list):
        text = "; ".join(shown(v) for v in value)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = shown(value)
    return "'" + text if guard and formula_like(text) else text


def csv_delimiter(value: str) -> str:
    """--delimiter: one character other than a quote or newline; `tab` and `\\t` mean a tab."""
    if value.lower() in ("tab", "\\t"):
        return "\t"
    if len(value) != 1 or value in '"\r\n':
        raise UsageError(
            _("--delimiter must be one character (or 'tab') other than a quote or newline, not {given!r}").format(
                given=value
            )
        )
    return value


def csv_text(rows: Iterable[dict[str, Any]], fields: Sequence[Field], delimiter: str = ";") -> str:
    """CSV in one of two dialects, chosen by the delimiter.

    `;` (the default) is for German spreadsheets: UTF-8 with a byte-order mark, decimal comma,
    text guarded against formulas. Any other delimiter (`,`, tab) is for programs: no
    byte-order mark, decimal point, values unchanged. Both: a header row, CRLF line ends,
    quoting as RFC 4180.
    """
    german = delimiter == ";"
    decimal = "," if german else "."
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([f.name for f in fields])
    for row in rows:
        writer.writerow([csv_cell(f.get(row), decimal, german) for f in fields])
    return ("\ufeff" if german else "") + out.getvalue()


def emit_csv(rows: Iterable[dict[str, Any]], fields: Sequence[Field], delimiter: str = ";") -> None:
    write(csv_text(rows, fields, csv_delimiter(delimiter)))
