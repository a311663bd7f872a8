"""The view of `fko cite`: a citation as text, Markdown or BibTeX naming the document (title, publisher,
date) and the measure; fko's words in the reader's language, the source's as they stand, an inferred date
marked as such, and the text file's lines as locator, since the text exports mark no pages."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import Any

from fko.i18n import _, data_note, date
from fko.output import channels
from fko.views.measures import indicator_value

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _inferred(cite: dict[str, Any]) -> bool:
    return bool((cite.get("source_date_note") or "").startswith("inferred"))


def _cited_date(cite: dict[str, Any]) -> str:
    day = date(cite["source_date"]) or _("undated")
    return _("{date} (inferred)").format(date=day) if _inferred(cite) else day


def _cited_where(cite: dict[str, Any]) -> str:
    """ "page unknown (text file 002_….txt, lines 2425–2468)": the source texts fko reads mark no
    page for a quote (the report's keeps two stray page numbers), so fko names none; the file and
    its lines, where recorded, let a reader find the words in the text fko read."""
    lines = cite["source_lines"]
    if not lines:
        return _("page unknown (text file {file})").format(file=cite["source"])
    if lines[0] == lines[1]:
        return _("page unknown (text file {file}, line {line})").format(file=cite["source"], line=lines[0])
    return _("page unknown (text file {file}, lines {first}–{last})").format(
        file=cite["source"], first=lines[0], last=lines[1]
    )


def _document(cite: dict[str, Any]) -> str:
    """The source document's title as the store records it, or a plain statement that it has none."""
    return str(cite["source_title"]) if cite["source_title"] else _("title not recorded")


def _markdown_escape(text: str) -> str:
    import re

    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", channels.clean(text))


def _record(cite: dict[str, Any]) -> str:
    """ "Measure IV.1 „Meisterprämie NRW“" (a measure of the report), "Initiative N.1 „…“"."""
    if cite["measure_id"] is None:
        return ""
    if cite["measure_id"].startswith("N."):
        return _("Initiative {id} „{title}“").format(id=cite["measure_id"], title=cite["title"])
    return _("Measure {id} „{title}“").format(id=cite["measure_id"], title=cite["title"])


def _cited_what(cite: dict[str, Any]) -> str:
    if cite["kind"] == "figure":
        value = indicator_value({**cite, "target": False})
        return f"{cite['metric']}: {value} ({date(cite['as_of'])}), {_record(cite)}"
    if cite["kind"] == "recognition":
        value = indicator_value({**cite, "unit": None, "qualifier": None, "target": False})
        year = cite["as_of"] or _("no year stated")
        where = f", {_record(cite)}" if cite["measure_id"] else ""
        return f"{cite['body']}, {cite['metric']}: {value} ({year}){where}"
    return _record(cite)


def _caveat(cite: dict[str, Any]) -> str:
    return " " + _("Caveat of the source: „{caveat}“").format(caveat=cite["caveat"]) if cite.get("caveat") else ""


def _bibtex_escape(text: str) -> str:
    out = channels.clean(text).replace("\\", r"\textbackslash{}")
    for char in "{}%&#_$":
        out = out.replace(char, "\\" + char)
    return out.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}").replace("\n", " ")


def _bibtex_key(cite: dict[str, Any]) -> str:
    import re

    from fko.german import normalise

    parts = [
        cite["measure_id"] or cite["body"] or "",
        *([cite["metric"], cite["as_of"] or ""] if cite["kind"] != "measure" and cite["kind"] != "initiative" else []),
    ]
    return "fko-" + re.sub(r"[^a-z0-9]+", "-", normalise(" ".join(parts)).replace(".", "-")).strip("-")


def citation_text(cite: dict[str, Any], style: str) -> str:
    """One citation as plain text, Markdown or a BibTeX @misc entry."""
    return citations_text([cite], style)


def citations_text(cites: Sequence[dict[str, Any]], style: str) -> str:
    """The citations as text, Markdown or BibTeX, one paragraph each; in text and Markdown the
    figures that share a quote (the eleven countries of one WHKT line) are listed together above
    the document and the quote, which are written once."""
    if style == "bibtex":
        return "\n\n".join(_bibtex(c) for c in cites)
    return "\n\n".join(_grouped_text(list(group), style) for _key, group in groupby(cites, key=_shared))


def _shared(cite: dict[str, Any]) -> tuple[Any, ...]:
    """What the figures of one citation share: source, lines, quote and caveat."""
    lines = cite["source_lines"]
    return (cite["source"], tuple(lines) if lines else None, cite["quote"], cite.get("caveat"))


def _grouped_text(cites: list[dict[str, Any]], style: str) -> str:
    """Figures sharing one quote, one per line, then the document and the quote once."""
    cite = cites[0]
    publisher = cite["source_publisher"] or _("publisher not recorded")
    if style == "markdown":
        md = _markdown_escape
        what = ";\n".join(f"**{md(_cited_what(c))}**" for c in cites)
        head = f"{what}. {md(publisher)}: *{md(_document(cite))}*, {_cited_date(cite)}, {md(_cited_where(cite))}."
        return f"{head}\n\n> {md(cite['quote'])}" + (f"\n\n{md(_caveat(cite).strip())}" if cite.get("caveat") else "")
    what = ";\n".join(_cited_what(c) for c in cites)
    return (
        f"{what}. {publisher}: {_document(cite)}, {_cited_date(cite)}, {_cited_where(cite)}. "
        f"„{cite['quote']}“{_caveat(cite)}"
    )


def _bibtex(cite: dict[str, Any]) -> str:
    """A BibTeX @misc entry; a month only where the source states it."""
    publisher = cite["source_publisher"] or _("publisher not recorded")
    day = cite["source_date"] or ""
    inferred = _inferred(cite)
    dated = ""
    if inferred:
        reason = data_note(cite["source_date_note"]).partition(": ")[2]
        dated = " " + _("Date {date} inferred, not stated: {reason}.").format(date=date(day), reason=reason)
    fields = [
        ("title", _cited_what(cite)),
        ("howpublished", _document(cite)),
        ("organization", publisher),
        *([("year", day[:4])] if day[:4].isdigit() else []),
        *([("month", _MONTHS[int(day[5:7]) - 1])] if len(day) >= 7 and day[5:7].isdigit() and not inferred else []),
        (
            "note",
            f"{_cited_where(cite).replace('–', '--')}.{dated} "
            + _("Quote: „{quote}“").format(quote=cite["quote"])
            + _caveat(cite),
        ),
    ]
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{_bibtex_escape(value)}}}"
        for name, value in fields
    )
    return f"@misc{{{_bibtex_key(cite)},\n{body}\n}}"
