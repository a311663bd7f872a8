"""Records from the reviewed facts file and the report's recognition tables.

Each curated fact quotes its source; the build refuses a quote that is not in the source,
and a number that is not in its quote.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fko.errors import FkoError
from fko.i18n import N_, _
from fko.ingest.budget import blank_item
from fko.ingest.files import load_toml, read_text

FACTS = Path(__file__).parents[1] / "data" / "facts.toml"
APPROXIMATE = frozenset({"fast", "rund", "rd.", "über", "knapp", "ca.", "mehr als", "etwa"})

#: The row labels of the chamber tables in measure VI.8, and the metric each one reports.
TABLE_METRICS = {
    "Anzahl gestellter Anträge": "Anträge gestellt",
    "davon anerkannte Anträge": "anerkannt",
    "davon Nachqualifizierungen": "Nachqualifizierungen",
    "davon abgelehnte Anträge": "abgelehnt",
    "davon in Bearbeitung": "in Bearbeitung",
    "davon Rücknahmen": "Rücknahmen",
}
_PAIR = re.compile(r"([^,()]+?)\s*\((\d[\d.]*)\)")
_NUMBER = re.compile(r"\d[\d.]*\d|\d")


def _key(text: str) -> str:
    """For "does the quote occur": no whitespace, no hyphens (the PDF export breaks both)."""
    return re.sub(r"[\s\u00ad-]+", "", text)


def numbers_in(text: str) -> set[int]:
    """The integers a text states, thousands separators ignored: "1.125" and "1125" alike."""
    return {int(n.replace(".", "")) for n in _NUMBER.findall(text) if re.fullmatch(r"\d{1,3}(\.\d{3})*|\d+", n)}


def load_facts(path: Path = FACTS) -> dict[str, Any]:
    return load_toml(path, N_("facts file"))


class Sources:
    """The source texts a build reads, found next to the report."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._texts: dict[str, str] = {}

    def text(self, name: str) -> str:
        if name not in self._texts:
            path = self.folder / name
            if not path.exists():
                raise FkoError(
                    _(
                        "a curated fact cites {name}, which is not in {folder}; give its folder with --sources DIR"
                    ).format(name=name, folder=self.folder)
                )
            self._texts[name] = read_text(path, N_("source file"))
        return self._texts[name]

    def check(self, quote: str, name: str, what: str) -> None:
        if _key(quote) not in _key(self.text(name)):
            raise FkoError(
                _("{what}: the quote {quote!r}… is not in {name}; copy it from the source").format(
                    what=what, quote=quote[:60], name=name
                )
            )

    def lines(self, quote: str, name: str) -> list[int] | None:
        """The first and last line (from 1) of the quote's first occurrence in the source, found
        the way `check` finds it (whitespace and hyphens aside); None where it does not occur."""
        text = self.text(name)
        wanted = _key(quote)
        kept = [(i, ch) for i, ch in enumerate(text) if not (ch.isspace() or ch in "\u00ad-")]
        found = "".join(ch for _, ch in kept).find(wanted)
        if found < 0 or not wanted:
            return None
        first, last = kept[found][0], kept[found + len(wanted) - 1][0]
        return [text.count("\n", 0, first) + 1, text.count("\n", 0, last) + 1]


def _check_number(value: int, quote: str, what: str) -> None:
    if value not in numbers_in(quote):
        raise FkoError(_("{what}: the value {value} does not occur in its quote").format(what=what, value=value))


def chamber_tables(
    measure: dict[str, Any], source: str, source_date: str | None, report_lines: list[str] | None = None
) -> list[dict[str, Any]]:
    """Long rows from the recognition tables printed in a measure's description (VI.8). Each row
    quotes its table: the body, the years and the row as the report prints them, and names the
    report's lines from the body's heading to the row (where the report's text is given)."""
    rows: list[dict[str, Any]] = []
    body: str | None = None
    years: list[int] = []
    header = ""
    for line in measure["description"].split("\n"):
        cells = line.split()
        if cells and all(re.fullmatch(r"(19|20)\d{2}", c) for c in cells):
            years = [int(c) for c in cells]
            header = " ".join(cells)
            continue
        match = re.fullmatch(r"(\D+?)((?:\s+\d+)+)", line)
        if match and years and body:
            values = [int(v) for v in match.group(2).split()]
            label = match.group(1).strip()
            if len(values) != len(years):
                raise FkoError(
                    _("{id}: table row {row} does not have one value per year").format(id=measure["id"], row=repr(line))
                )
            where = _table_lines(report_lines, measure.get("source_lines"), body, line)
            for year, value in zip(years, values, strict=True):
                rows.append(
                    {
                        "body": body,
                        "year": year,
                        "metric": TABLE_METRICS.get(label, label),
                        "label": label,
                        "dimension": None,
                        "value": value,
                        "measure_id": measure["id"],
                        "source": source,
                        "source_date": source_date,
                        "source_lines": where,
                        "quote": f"{body} {header} {line.strip()}",
                        "caveat": None,
                        "note": None,
                    }
                )
        elif line and not re.search(r"\d", line) and len(line) < 60:
            body, years = line.strip(), []
    return rows


def _table_lines(lines: list[str] | None, span: Any, body: str, row: str) -> list[int] | None:
    """The report's lines from a table's heading (the body) to one of its rows, within the
    measure's lines; None where the report's text is not given or the row is not found."""
    if lines is None or not span:
        return None
    first, last = span
    heading = next((n for n in range(first, last + 1) if lines[n - 1].strip() == body), None)
    if heading is None:
        return None
    found = next((n for n in range(heading, last + 1) if lines[n - 1].split() == row.split()), None)
    return [heading, found] if found is not None else None


def recognition(facts: dict[str, Any], sources: Sources, dates: dict[str, str | None]) -> list[dict[str, Any]]:
    """The recognition figures of the facts file, one row per "Name (number)" of the quote; a
    caveat the source states for them is checked against the source and kept on every row."""
    rows = []
    for n, entry in enumerate(facts.get("recognition", []), start=1):
        what = f"recognition entry {n}"
        sources.check(entry["quote"], entry["source"], what)
        if entry.get("caveat"):
            sources.check(entry["caveat"], entry["source"], f"{what}, caveat")
        where = sources.lines(entry["quote"], entry["source"])
        for name, number in _PAIR.findall(entry["quote"]):
            name = name.strip()
            rows.append(
                {
                    "body": name if entry["pairs"] == "body" else entry["body"],
                    "year": None,
                    "metric": entry["metric"],
                    "label": name,
                    "dimension": name if entry["pairs"] == "dimension" else None,
                    "value": int(number.replace(".", "")),
                    "measure_id": None,
                    "source": entry["source"],
                    "source_date": dates.get(entry["source"]),
                    "source_lines": where,
                    "quote": entry["quote"],
                    "caveat": entry.get("caveat"),
                    "note": entry.get("note"),
                }
            )
    return rows


def _check_entry(entry: dict[str, Any], sources: Sources, measure_ids: set[str], what: str) -> None:
    """A fact about a measure: the measure must exist and the quote must be in its source."""
    if entry["measure"] not in measure_ids:
        raise FkoError(_("{what}: no measure {measure}").format(what=what, measure=entry["measure"]))
    sources.check(entry["quote"], entry["source"], what)


def indicators(
    facts: dict[str, Any], sources: Sources, measure_ids: set[str], dates: dict[str, str | None]
) -> list[dict[str, Any]]:
    rows = []
    for n, entry in enumerate(facts.get("indicators", []), start=1):
        what = f"indicator {n} ({entry.get('measure')}, {entry.get('metric')})"
        _check_entry(entry, sources, measure_ids, what)
        _check_number(entry["value"], entry["quote"], what)
        qualifier = entry.get("qualifier")
        rows.append(
            {
                "measure_id": entry["measure"],
                "metric": entry["metric"],
                "value": entry["value"],
                "unit": entry.get("unit"),
                "qualifier": qualifier,
                "approximate": qualifier in APPROXIMATE,
                "target": bool(entry.get("target", False)),
                "as_of": entry["as_of"],
                "as_of_text": entry.get("as_of_text"),
                "as_of_from_source": bool(entry.get("as_of_from_source", False)),
                "source": entry["source"],
                "source_date": dates.get(entry["source"]),
                "source_lines": sources.lines(entry["quote"], entry["source"]),
                "quote": entry["quote"],
                "note": entry.get("note"),
            }
        )
    rows.sort(key=lambda r: (r["measure_id"], r["metric"], r["as_of"]))
    return rows


def updates(facts: dict[str, Any], sources: Sources, measure_ids: set[str]) -> list[dict[str, Any]]:
    rows = []
    for n, entry in enumerate(facts.get("updates", []), start=1):
        _check_entry(entry, sources, measure_ids, f"update {n} ({entry.get('measure')})")
        row = {"measure_id": entry["measure"], **{k: entry[k] for k in ("title", "date", "source", "quote")}}
        row |= {"reports_status": entry.get("reports_status"), "inference": entry.get("inference")}
        if row["reports_status"] not in (None, "running", "ended"):
            raise FkoError(
                _("update {n} ({entry}): reports_status must be running or ended").format(n=n, entry=row["measure_id"])
            )
        rows.append(row)
    rows.sort(key=lambda r: (r["measure_id"], r["date"]))
    return rows


EVENT_KINDS = ("event", "statement")
EVENT_STATUSES = ("held", "planned", "announced", "reported", "funded")
_ISO = re.compile(r"(19|20)\d{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def events(
    facts: dict[str, Any], sources: Sources, record_ids: set[str], dates: dict[str, str | None]
) -> list[dict[str, Any]]:
    """Dated facts of the sources: quote, place and date wording must occur in the source,
    and every number of the title in the quote or the date wording."""
    rows = []
    for n, entry in enumerate(facts.get("events", []), start=1):
        what = f"event {n} ({entry.get('title', '')[:40]})"
        measure = entry.get("measure")
        if measure is not None and measure not in record_ids:
            raise FkoError(_("{what}: no measure or initiative {measure}").format(what=what, measure=measure))
        sources.check(entry["quote"], entry["source"], what)
        for key in ("place", "date_text"):
            if entry.get(key):
                sources.check(entry[key], entry["source"], f"{what}, {key}")
        stated = numbers_in(entry["quote"]) | {int(d) for d in re.findall(r"\d+", entry.get("date_text") or "")}
        missing = numbers_in(entry["title"]) - stated
        if missing:
            raise FkoError(
                _("{what}: the title states {missing}, which its quote and date do not").format(
                    what=what, missing=sorted(missing)
                )
            )
        if entry.get("date") is not None and not _ISO.fullmatch(entry["date"]):
            raise FkoError(
                _("{what}: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD").format(what=what, date=entry["date"])
            )
        if entry["kind"] not in EVENT_KINDS or entry["status"] not in EVENT_STATUSES:
            raise FkoError(
                _("{what}: kind must be one of {event_kinds}, status one of {event_statuses}").format(
                    what=what, event_kinds=EVENT_KINDS, event_statuses=EVENT_STATUSES
                )
            )
        rows.append(
            {
                "measure_id": measure,
                "kind": entry["kind"],
                "title": entry["title"],
                "date": entry.get("date"),
                "date_text": entry.get("date_text"),
                "place": entry.get("place"),
                "status": entry["status"],
                "source": entry["source"],
                "source_date": dates.get(entry["source"]),
                "source_lines": sources.lines(entry["quote"], entry["source"]),
                "quote": entry["quote"],
                "inference": entry.get("inference"),
                "note": entry.get("note"),
            }
        )
    rows.sort(key=lambda r: (r["date"] or r["source_date"] or "", r["title"]))
    return rows


def initiatives(facts: dict[str, Any], sources: Sources, codes: set[str]) -> list[dict[str, Any]]:
    """Initiatives of the newer sources as records shaped like measures, kind "initiative"."""
    records = []
    for entry in facts.get("initiatives", []):
        what = f"initiative {entry.get('id')}"
        sources.check(entry["quote"], entry["source"], what)
        if entry.get("budget_text"):
            sources.check(entry["budget_text"], entry["source"], what)
        unknown = [c for c in entry["ressorts"] if c not in codes]
        if unknown:
            raise FkoError(_("{what}: unknown ministry codes {unknown}").format(what=what, unknown=unknown))
        forms = entry.get("partner_forms", {})  # name -> the inflected form the quote uses
        for partner in entry.get("partners", []):
            written = forms.get(partner, partner)
            if _key(written).casefold() not in _key(entry["quote"]).casefold():
                raise FkoError(
                    _("{what}: partner {written!r} is not named in its quote").format(what=what, written=written)
                )
        items = []
        for item in entry.get("budget", []):
            if _key(item["text"]) not in _key(entry["budget_text"]):
                raise FkoError(
                    _("{what}: budget text {text!r} is not in its budget_text").format(what=what, text=item["text"])
                )
            _check_number(item["amount_eur"] // 1_000_000, item["text"], what)
            items.append(
                {
                    **blank_item("money"),
                    "amount_eur": item["amount_eur"],
                    "basis": item["basis"],
                    "funding": item.get("funding", []),
                    "text": item["text"],
                    "note": item.get("note"),
                }
            )
        records.append(
            {
                "id": entry["id"],
                "kind": "initiative",
                "cluster": None,
                "title": entry["title"],
                "description": entry["quote"],
                "goal": None,
                "runtime": {"text": entry.get("runtime_text"), "start": None, "end": None, "parts": []},
                "budget": {"text": entry.get("budget_text"), "items": items},
                "urls": [],
                "urls_text": None,
                "ressorts": entry["ressorts"],
                "ressorts_text": entry.get("ressort_note") or ", ".join(entry["ressorts"]),
                "partners": entry.get("partners", []),
                "partners_text": None,
                "partners_curated": True,
                "publication": None,
                "in_force": None,
                "footnotes": [],
                "date": entry["date"],
                "source": entry["source"],
                "source_lines": None,
            }
        )
    return records
