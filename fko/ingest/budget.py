"""Propose structured budget items from the report's "Geplante Mittel" wording.

The parser proposes; the curation file decides where the wording is irregular. Every item
keeps the exact span of text it came from.
"""

from __future__ import annotations

import re
from typing import Any

from fko.model.records import BudgetItem

_AMOUNT = re.compile(
    r"(?P<approx>(?:ca\.|rund|circa|etwa)\s+)?"
    r"(?P<number>\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*"
    r"(?P<scale>Mrd\.|Mio\.|Millionen|Milliarden)?\s*"
    r"(?P<unit>Euro|EUR|€)"
)
_STAFF = re.compile(
    r"(?P<number>\d+(?:,\d+)?|eine|zwei|drei|vier|fünf|sechs|zehn)\s+(?:neue\s+)?"
    r"(?P<unit>Lehrkraft-Stellen|Lehrkräftestellen|Lehrkraftstellen|Lehrkraftstunden|Stellen)"
)
_NO_FUNDS = re.compile(
    r"aus bereiten Mitteln|keine gesonderten Mittel\w*|im Rahmen der üblichen\s+Stellenbewirtschaftung"
)
_WORDS = {"eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "zehn": 10}
_PER_YEAR = re.compile(r"pro Jahr|jährlich|p\.\s?a\.|schuljährlich")
#: A year written directly before the amount ("2023: 19,6 Mio. Euro", "2023 ca. 5,5 Mio. Euro"),
#: unless it ends a span or a start ("2020 bis 2024 5.355.028 Euro", "ab 2024 …").
_YEAR_PREFIX = re.compile(
    r"(?<![\d./–-])(?<!bis )(?<!ab )(?<!seit )(?<!zum )(?<!- )(?<!– )"
    r"(?P<year>(?:19|20)\d{2})\s*:?\s*(?:(?:ca\.|rund|circa|etwa)\s*)?$"
)
_FROM_YEAR = re.compile(r"\bab (?:Schuljahr )?(?P<year>(?:19|20)\d{2})")
_SPAN = re.compile(r"(?P<a>(?:19|20)\d{2})\s*(?:bis|-|–)\s*(?P<b>(?:19|20)\d{2})")
_FUNDING = (
    ("ESF", re.compile(r"\bESF")),
    ("EFRE", re.compile(r"\bEFRE\b")),
    ("JTF", re.compile(r"\bJTF\b")),
    ("Land", re.compile(r"\bLandes(?:mittel|-)|\bLandesmitteln?\b")),
    ("Bund (BMBF)", re.compile(r"\bBMBF\b|\bBund(?:es)?mittel")),
)
#: "für 4 Jahre": the number of years a total is for.
_FOR_YEARS = re.compile(r"\bfür (?P<years>\d+|zwei|drei|vier|fünf|sechs|zehn) Jahre\b")
#: "zzgl. 3 Prozent pro Jahr bis 2027": a yearly increase, and the last year it is stated for.
_GROWTH = re.compile(
    r"zzgl\.\s*(?P<percent>\d+(?:,\d+)?)\s*(?:Prozent|%)\s*pro\s+Jahr(?:\s*bis\s*(?P<until>(?:19|20)\d{2}))?"
)
_SCALE = {"Mio.": 1_000_000, "Millionen": 1_000_000, "Mrd.": 1_000_000_000, "Milliarden": 1_000_000_000}


def euro(number: str, scale: str | None) -> int:
    """ "5,5" "Mio." -> 5500000; "850.000" -> 850000; "1" "Mrd." -> 1000000000 (exact integers)."""
    factor = _SCALE.get(scale or "", 1)
    if "." in number:
        return int(number.replace(".", "")) * factor
    whole, _, fraction = number.partition(",")
    return int(whole) * factor + (int(fraction) * factor // 10 ** len(fraction) if fraction else 0)


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value else None


def _clause_end(text: str) -> int:
    """Where the clause starting at text[0] ends: a top-level comma or semicolon, or a full stop."""
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and (text.startswith((", ", "; ", " - ", "\n"), i) or text.startswith(". ", i)):
            return i
    return len(text)


def _clause_start(text: str) -> int:
    """Where the clause ending at text[-1] starts (after the last top-level boundary)."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        depth += ch == ")"
        depth -= ch == "("
        if depth == 0 and ch == "\n":
            return i + 1
        if depth == 0 and (text.startswith((", ", "; ", ". "), i) or text.startswith(": ", i)):
            return i + 2
    return 0


def blank_item(kind: str) -> dict[str, Any]:
    """A budget item of `kind` that states nothing yet, its keys in the store's order."""
    return {
        **dict.fromkeys(BudgetItem.__annotations__),
        "kind": kind,
        "unit": "EUR" if kind == "money" else None,
        "years_derived": False,
        "approximate": False,
        "funding": [],
        "text": "",
    }


def propose(text: str | None, runtime: dict[str, Any]) -> list[dict[str, Any]]:
    """Budget items for one measure, read from its wording and (marked derived) its runtime.

    Basis: "YYYY:" or "YYYY ca." directly before the amount -> year (whatever follows);
    "pro Jahr"/"jährlich"/"p.a." -> per_year; otherwise total (over the stated period, else
    over the runtime, marked derived).
    "danach" starts the year after the previous item. "für 4 Jahre" is kept as the number of
    years a total is for, "zzgl. 3 Prozent pro Jahr bis 2027" as a yearly increase and its last
    year. Staff (Stellen, Lehrkraftstunden) are items of their own kind, never euros.
    """
    if not text:
        return []
    items: list[dict[str, Any]] = []
    run_from, run_to = _year(runtime.get("start")), _year(runtime.get("end"))
    matches = sorted([*_AMOUNT.finditer(text), *_STAFF.finditer(text)], key=lambda m: m.start())
    previous_end = 0
    for i, match in enumerate(matches):
        next_start = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        gap = text[previous_end : match.start()]
        year_prefix = _YEAR_PREFIX.search(gap)
        before = gap[year_prefix.start() :] if year_prefix else gap[_clause_start(gap) :]
        tail = text[match.end() : next_start]
        after = tail[: _clause_end(tail)]
        previous_end = match.end()
        context = before + match.group(0) + after
        staff = match.re is _STAFF
        item = blank_item("staff" if staff else "money")
        item["text"] = context.strip().rstrip(".")
        item["funding"] = [name for name, pattern in _FUNDING if pattern.search(context)]
        qualified = re.search(r"\b(ca\.|rund|circa|etwa)\s", context)
        item["approximate"] = qualified is not None
        item["qualifier"] = qualified.group(1) if qualified else None
        if staff:
            number = match.group("number")
            item["quantity"] = _WORDS.get(number) or float(number.replace(",", "."))
            item["unit"] = match.group("unit").replace("Lehrkraft-Stellen", "Lehrkraftstellen")
        else:
            item["amount_eur"] = euro(match.group("number"), match.group("scale"))
        if for_years := _FOR_YEARS.search(context):
            item["stated_years"] = _WORDS.get(for_years.group("years")) or int(for_years.group("years"))
        if growth := _GROWTH.search(context):
            item["growth_percent"] = float(growth.group("percent").replace(",", "."))
            item["growth_until"] = int(growth.group("until")) if growth.group("until") else None
        span = _SPAN.search(context.replace(growth.group(0), "") if growth else context)
        start_year = _FROM_YEAR.search(context)
        if year_prefix:
            item["basis"] = "year"
        elif _PER_YEAR.search(context):
            item["basis"] = "per_year"
        elif not staff:
            item["basis"] = "total"
        if year_prefix:
            item["year_from"] = item["year_to"] = int(year_prefix.group("year"))
        elif span:
            item["year_from"], item["year_to"] = int(span.group("a")), int(span.group("b"))
        elif start_year:
            item["year_from"], item["year_to"] = int(start_year.group("year")), run_to
            item["years_derived"] = run_to is not None
        elif "danach" in before and items and items[-1]["year_to"]:
            item["year_from"], item["year_to"] = items[-1]["year_to"] + 1, run_to
            item["years_derived"] = True
        else:
            item["year_from"], item["year_to"] = run_from, run_to
            item["years_derived"] = run_from is not None or run_to is not None
        items.append(item)
    if not items and _NO_FUNDS.search(text):
        item = blank_item("none")
        item["text"] = _NO_FUNDS.search(text).group(0)  # type: ignore[union-attr]
        item["note"] = "no separate funds"
        items.append(item)
    return items
