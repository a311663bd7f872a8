"""Read start and end dates out of the report's "Beginn/ Laufzeit" wording.

Only what the text states is read: "05/2023" -> "2023-05", "07.02.2024" -> "2024-02-07",
"2023" -> "2023", "Schuljahr 2024/25" -> "2024". Nothing is derived here.
"""

from __future__ import annotations

import re
from typing import Any

_DATE = re.compile(
    r"(?<![\d./])(?:(?P<d>\d{1,2})\.(?P<dm>\d{1,2})\.(?P<dy>\d{4})"
    r"|(?P<m>\d{1,2})/(?P<my>\d{4})"
    r"|(?P<y>(?:19|20)\d{2})(?:/(?:\d{2}|\d{4}))?)(?![\d])"
)
_UNTIL = re.compile(r"\bbis\b")


def dates(text: str) -> list[str]:
    """All dates in the text, in order, as ISO prefixes."""
    out = []
    for match in _DATE.finditer(text):
        if match.group("dy"):
            out.append(f"{match.group('dy')}-{int(match.group('dm')):02d}-{int(match.group('d')):02d}")
        elif match.group("my"):
            out.append(f"{match.group('my')}-{int(match.group('m')):02d}")
        else:
            out.append(match.group("y"))
    return out


def _first(text: str) -> str | None:
    """The first date, refined by a more precise one of the same year ("2024 (24.06.2024)")."""
    found = dates(text)
    if not found:
        return None
    first = found[0]
    for later in found[1:]:
        if later.startswith(first) and len(later) > len(first):
            return later
    return first


def parse_range(text: str) -> dict[str, str | None]:
    """Start and end of one stated period; a missing side is None."""
    parts = _UNTIL.split(text, maxsplit=1)
    start = _first(parts[0])
    end = _first(parts[1]) if len(parts) == 2 else None
    return {"start": start, "end": end}


def parse_runtime(lines: list[str], joined: str | None) -> dict[str, Any]:
    """The runtime record: the wording, start, end and, for several stated periods, parts.

    `lines` are the printed lines of the value; `joined` is their repaired single-line form.
    Several lines that each state a period ("Ausbildungsbotschafter 01/2024 bis 12/2025",
    "KAUSA 09/2022 bis 07/2025") become parts; start and end then span all parts.
    """
    if not joined:
        return {"text": None, "start": None, "end": None, "parts": []}
    ranged = [line for line in lines if _UNTIL.search(line) and dates(line)]
    if len(ranged) >= 2 and len(ranged) == len(lines):
        parts = []
        for line in lines:
            label = _DATE.split(line, maxsplit=1)[0].strip()
            parts.append({"label": label or None, "text": line.strip(), **parse_range(line)})
        starts = [p["start"] for p in parts if p["start"]]
        ends = [p["end"] for p in parts if p["end"]]
        return {
            "text": "\n".join(line.strip() for line in lines),
            "start": min(starts) if starts else None,
            "end": max(ends) if ends and len(ends) == len(parts) else None,
            "parts": parts,
        }
    return {"text": joined, **parse_range(joined), "parts": []}
