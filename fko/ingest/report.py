"""Parse the Fortschrittsbericht text into ressorts, clusters and measures.

Every value keeps the report's wording; a line the parser cannot place is an error,
never silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from fko.errors import FkoError
from fko.i18n import _
from fko.ingest.runtime import parse_runtime
from fko.ingest.text import (
    Line,
    find_urls,
    inline_words,
    is_bare_url,
    join_lines,
    join_url_lines,
    load_lines,
    paragraphs,
)

NUMERALS = ("I", "II", "III", "IV", "V", "VI")
_MEASURE = re.compile(r"^(VI|IV|V|I{1,3})\.(\d{1,2}):?\s+(\S.*)$")
_CLUSTER = re.compile(r"^Cluster (VI|IV|V|I{1,3}):\s*(.*)$")
_FOOTNOTE = re.compile(r"^(\d{1,2}) ([A-ZÄÖÜ][\wÄÖÜäöüß-]*): (.+)$")
_CODE = re.compile(r"^(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z][a-z]{1,2})$")

#: Field labels of a measure, keyed by the record field they fill.
LABELS: dict[str, str] = {
    "goal": "Ziel",
    "runtime": "Beginn/ Laufzeit",
    "budget": "Geplante Mittel",
    "website": "Internetpräsenz",
    "ressorts": "Ressort",
    "partners": "Partner in der Umsetzung",
    "publication": "Veröffentlichung",
    "in_force": "Inkrafttreten",
}


#: A label as the export prints it: spaces anywhere, broken over lines (as "Internetpräs" / "enz").
_LABEL_PATTERNS = {
    field: re.compile("[ \n]*".join(re.escape(char) for char in label.replace(" ", "")))
    for field, label in LABELS.items()
}


def match_label(lines: Sequence[Line], index: int) -> tuple[str, int, str] | None:
    """Recognise a field label starting at lines[index], also when split over up to four lines.

    Returns (field, index of the line where the value starts, value text on that line).
    """
    window = "\n".join(line.text for line in lines[index : index + 4])
    for field, pattern in _LABEL_PATTERNS.items():
        match = pattern.match(window)
        if match and not window[match.end() : match.end() + 1].strip():  # "Zielgruppe" is not "Ziel"
            rest = window[match.end() :].split("\n", 1)[0]
            return field, index + window.count("\n", 0, match.end()), rest.strip()
    return None


def _ressorts(lines: Sequence[Line]) -> list[dict[str, str]]:
    start = next((i for i, ln in enumerate(lines) if ln.text.startswith("Beteiligte Ressorts")), None)
    end = next((i for i, ln in enumerate(lines) if ln.text == "Einleitung"), None)
    if start is None or end is None or end < start:
        missing = "'Beteiligte Ressorts'" if start is None else _("'Einleitung' after the list of ministries")
        raise FkoError(
            _("the report has no {missing}: the list of ministries cannot be read; is it the report?").format(
                missing=missing
            )
        )
    entries: list[dict[str, str]] = []
    pending: list[str] = []
    for line in lines[_paragraph_end(lines, start) : end]:  # after the heading (it runs over two lines)
        tokens = line.text.split()
        if _CODE.match(tokens[-1]):
            pending.append(" ".join(tokens[:-1]))
            entries.append({"code": tokens[-1], "name": join_lines([p for p in pending if p])})
            pending = []
        else:
            pending.append(line.text)
    if pending and entries:  # a name that goes on below its code
        entries[-1]["name"] = join_lines([entries[-1]["name"], *pending])
    return entries


def _boundaries(lines: Sequence[Line], warnings: list[str]) -> list[tuple[int, str, str]]:
    """Indices of measure headings, cluster chapter headings and the closing chapter.

    Within a cluster's chapter every line that starts with an ID of that cluster ("II.3:") is a
    measure heading, in whatever order and number; an ID of another cluster there, or one ID
    twice, is an error naming the line. Numbers out of sequence are accepted with a warning.
    """
    out: list[tuple[int, str, str]] = []
    seen: dict[str, int] = {}
    last = dict.fromkeys(NUMERALS, 0)
    current = ""
    for i, line in enumerate(lines):
        cluster = _CLUSTER.match(line.text)
        if cluster and not cluster.group(2):
            current = cluster.group(1)
            out.append((i, "cluster", current))
            continue
        if line.text == "Ausblick" and current:
            out.append((i, "end", ""))
            current = ""
            continue
        measure = _MEASURE.match(line.text)
        if not (measure and current):
            continue
        number = int(measure.group(2))
        measure_id = f"{measure.group(1)}.{number}"
        if measure.group(1) != current:
            raise FkoError(
                _(
                    "line {number}: the heading of measure {measure_id} stands in the chapter of "
                    "cluster {current}; move it to cluster {group} or reword the line"
                ).format(number=line.number, measure_id=measure_id, current=current, group=measure.group(1))
            )
        if measure_id in seen:
            raise FkoError(
                _("line {number}: measure {measure_id} again (first at line {first})").format(
                    number=line.number, measure_id=measure_id, first=seen[measure_id]
                )
            )
        if number != last[current] + 1:
            warnings.append(
                _("line {number}: measure {id} follows {previous}: numbers out of sequence").format(
                    number=line.number, id=measure_id, previous=f"{current}.{last[current]}"
                )
            )
        seen[measure_id] = line.number
        last[current] = number
        out.append((i, "measure", measure_id))
    return out


def _overview(lines: Sequence[Line]) -> dict[str, dict[str, str]]:
    """The one-paragraph summaries of the clusters in the introduction."""
    out: dict[str, dict[str, str]] = {}
    for i, line in enumerate(lines):
        match = _CLUSTER.match(line.text)
        if not match or not match.group(2) or match.group(1) in out:
            continue
        title = [match.group(2)]
        j = i + 1
        while j < len(lines) and len(lines[j].text) < 50 and not lines[j - 1].para_end:
            title.append(lines[j].text)
            j += 1
        body = lines[j : _paragraph_end(lines, j)]  # a text cut off here ends the summary
        out[match.group(1)] = {"title": join_lines(title), "text": "\n\n".join(paragraphs(body))}
    return out


def _paragraph_end(lines: Sequence[Line], start: int) -> int:
    """The index after the first line from `start` that ends a paragraph, or the end of the lines."""
    return next((i + 1 for i in range(start, len(lines)) if lines[i].para_end), len(lines))


def _split_list(text: str) -> list[str]:
    """Split "a, b (c, d); e" at top-level commas and semicolons."""
    items: list[str] = []
    depth = 0
    buf = ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch in ",;" and depth == 0:
            items.append(buf.strip())
            buf = ""
        else:
            buf += ch
    items.append(buf.strip())
    return [item for item in items if item]


def split_partners(lines: Sequence[Line], known: frozenset[str]) -> list[str]:
    """Propose the partner list of a measure from its printed lines.

    "-" means none; bullet items are split; a wrapped comma list is split at top-level
    commas; otherwise every printed line is an item unless it visibly goes on (lower-case
    start, open bracket, a hyphen at the end, or a line that filled the column).
    """
    texts = [ln.text for ln in lines]
    if not texts or texts == ["-"]:
        return []
    if any(t.startswith("•") for t in texts):
        items: list[list[str]] = []
        for t in texts:
            if t.startswith("•"):
                items.append([t.lstrip("• ").strip()])
            elif items and (t[0].islower() or t[0] in "(") or len(items[-1][-1]) >= 55:
                items[-1].append(t)
            else:
                items.append([t])
        return [join_lines(item, known) for item in items]
    joined = join_lines(texts, known)
    if _split_list(joined) != [joined]:
        return _split_list(joined)
    groups: list[list[str]] = []
    for t in texts:
        if groups:
            last = groups[-1][-1]
            opened = join_lines(groups[-1]).count("(") > join_lines(groups[-1]).count(")")
            if t[0].islower() or opened or last.endswith("-") or len(last) >= 55:
                groups[-1].append(t)
                continue
        groups.append([t])
    return [join_lines(g, known) for g in groups]


def _budget_text(texts: Sequence[str], codes: set[str], known: frozenset[str]) -> str | None:
    """The funds wording; a line that names a ministry first ("MSB - Übernahme der
    Hostingkosten: …") is a separate entry and keeps its own line (II.4)."""
    groups: list[list[str]] = []
    for t in texts:
        first = t.split(" ", 1)[0]
        if not groups or (first in codes and re.match(r"\S+\s+[-–:]", t)):
            groups.append([t])
        else:
            groups[-1].append(t)
    return "\n".join(join_lines(g, known) for g in groups) or None


def _split_ressorts(text: str, codes: set[str], measure_id: str) -> list[str]:
    found = [code for code in re.split(r"[/,\s]+", text) if code]
    unknown = [code for code in found if code not in codes]
    if unknown or not found:
        raise FkoError(
            _(
                "{measure_id}: unknown ministry code(s) {codes!r} in 'Ressort'; add the ministry to "
                "the report's list or fix the code in the curation file"
            ).format(measure_id=measure_id, codes=unknown or text)
        )
    return found


def _measure(
    measure_id: str,
    segment: Sequence[Line],
    known: frozenset[str],
    codes: set[str],
    source: str,
) -> dict[str, Any]:
    heading = _MEASURE.match(segment[0].text)
    assert heading is not None
    title_lines = [heading.group(3)]
    i = 0
    while not segment[i].para_end:
        i += 1
        title_lines.append(segment[i].text)
    body = list(segment[i + 1 :])

    footnotes = [note for line in body if (note := _FOOTNOTE.match(line.text))]
    body = [line for line in body if not _FOOTNOTE.match(line.text)]

    where = f"measure {measure_id} (line {segment[0].number})"
    labels = [match_label(body, j) for j in range(len(body))]
    first_field = next((j for j, m in enumerate(labels) if m and m[0] != "goal"), None)
    if first_field is None:
        raise FkoError(
            _("{where}: none of the labels {values} follows its heading").format(
                where=where, values=", ".join(LABELS.values())
            )
        )
    goals = [j for j, m in enumerate(labels) if m and m[0] == "goal" and j < first_field]
    if not goals:
        raise FkoError(
            _("{where}: no 'Ziel' before its first field (line {at}); the goal separates text and fields").format(
                where=where, at=body[first_field].number
            )
        )
    goal_at = max(goals)
    description_lines = body[:goal_at]

    fields: dict[str, list[Line]] = {}
    trailing: list[Line] = []
    current: str | None = None
    j = goal_at
    while j < len(body):
        match = labels[j]
        if match and (current is None or match[0] not in fields):
            current, value_at, first = match
            fields[current] = [Line(first, body[value_at].number, body[value_at].para_end)] if first else []
            j = value_at + 1
            continue
        if current == "partners" and fields["partners"] and fields["partners"][-1].para_end:
            current = None  # the block has ended: what follows are repeated link lines
        if current is None:
            trailing.append(body[j])
        else:
            fields[current].append(body[j])
        j += 1

    leftovers = [ln for ln in trailing if not is_bare_url(ln.text)]
    if leftovers:
        raise FkoError(
            _(
                "measure {measure_id}: cannot place line {number} {text!r}; extend the parser or the curation file"
            ).format(measure_id=measure_id, number=leftovers[0].number, text=leftovers[0].text)
        )

    def lines_of(field: str) -> list[str]:
        return [ln.text for ln in fields.get(field, [])]

    def text(field: str) -> str | None:
        return join_lines(lines_of(field), known) or None

    description = "\n\n".join(paragraphs(description_lines, known))
    title = join_lines(title_lines, known)
    for footnote in footnotes:  # "MID-Assistenten3" -> "MID-Assistenten"
        mark, term = footnote.group(1, 2)
        marked = re.compile(rf"({re.escape(term)}[\w-]*?){mark}(?=\W)")
        description = marked.sub(r"\1", description, count=1)
        title = marked.sub(r"\1", title, count=1)

    website_lines = join_url_lines(lines_of("website"))
    urls = find_urls("\n".join([*website_lines, *(ln.text for ln in trailing)]))
    ressorts_text = text("ressorts") or ""
    return {
        "id": measure_id,
        "cluster": measure_id.split(".")[0],
        "title": title,
        "description": description,
        "goal": text("goal"),
        "runtime": parse_runtime(lines_of("runtime"), text("runtime")),
        "budget": {"text": _budget_text(lines_of("budget"), codes, known)},
        "urls": urls,
        "urls_text": "\n".join(website_lines) or None,
        "ressorts": _split_ressorts(ressorts_text, codes, where),
        "ressorts_text": ressorts_text,
        "partners": split_partners(fields.get("partners", []), known),
        "partners_text": "\n".join(lines_of("partners")) or None,
        "publication": "\n".join(join_url_lines(lines_of("publication"))) or None,
        "in_force": text("in_force"),
        "footnotes": [note.string for note in footnotes],
        "source": source,
        "source_lines": [segment[0].number, segment[-1].number],
    }


def parse_report(raw: str, source: str) -> dict[str, Any]:
    """Parse the report text into {"ressorts", "clusters", "measures"} records."""
    lines = load_lines(raw)
    known = inline_words(lines)
    ressorts = _ressorts(lines)
    codes = {r["code"] for r in ressorts}
    overview = _overview(lines)
    warnings: list[str] = []
    bounds = _boundaries(lines, warnings)
    if not any(kind == "measure" for _, kind, _ in bounds):
        raise FkoError(_("the report has no measures: no chapter 'Cluster I:' … with headings such as 'I.1: Title'"))
    clusters: list[dict[str, Any]] = []
    measures: list[dict[str, Any]] = []
    for n, (start, kind, key) in enumerate(bounds):
        end = bounds[n + 1][0] if n + 1 < len(bounds) else len(lines)
        segment = lines[start:end]
        if kind == "cluster":
            title_end = _paragraph_end(segment, 1)
            clusters.append(
                {
                    "numeral": key,
                    "title": join_lines([ln.text for ln in segment[1:title_end]], known),
                    "introduction": "\n\n".join(paragraphs(segment[title_end:], known)),
                    "overview_title": overview.get(key, {}).get("title"),
                    "overview": overview.get(key, {}).get("text"),
                    "source": source,
                }
            )
        elif kind == "measure":
            measures.append(_measure(key, segment, known, codes, source))
    return {"ressorts": ressorts, "clusters": clusters, "measures": measures, "warnings": warnings}
