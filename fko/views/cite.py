"""The view of `fko cite`: a citation as text, Markdown or BibTeX, naming the document and the
measure ("Maßnahme IV.1 „Meisterprämie NRW“"); a date fko infers stays marked as inferred."""

from __future__ import annotations

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
    """ "lines 2425–2468 of 002_….txt", or the file alone where fko has not recorded lines."""
    lines = cite["source_lines"]
    if not lines:
        return str(cite["source"])
    if lines[0] == lines[1]:
        return _("line {line} of {file}").format(line=lines[0], file=cite["source"])
    return _("lines {first}–{last} of {file}").format(first=lines[0], last=lines[1], file=cite["source"])


def _markdown_escape(text: str) -> str:
    import re

    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", channels.clean(text))


def _record(cite: dict[str, Any]) -> str:
    """ "Maßnahme IV.1 „Meisterprämie NRW“" (a measure of the report), "Initiative N.1 „…“"."""
    if cite["measure_id"] is None:
        return ""
    kind = "Initiative" if cite["measure_id"].startswith("N.") else "Maßnahme"
    return f"{kind} {cite['measure_id']} „{cite['title']}“"


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
    publisher = cite["source_publisher"] or _("publisher not recorded")
    title = cite["source_title"] or cite["source"]
    where = _cited_where(cite)
    if style == "markdown":
        md = _markdown_escape
        head = f"**{md(_cited_what(cite))}**. {md(publisher)}: *{md(title)}*, {_cited_date(cite)}, {md(where)}."
        return f"{head}\n\n> {md(cite['quote'])}" + (f"\n\n{md(_caveat(cite).strip())}" if cite.get("caveat") else "")
    if style == "bibtex":
        day = cite["source_date"] or ""
        inferred = _inferred(cite)
        dated = (
            " "
            + _("Date {date} inferred, not stated: {reason}.").format(
                date=date(day), reason=data_note(cite["source_date_note"]).partition(": ")[2]
            )
            if inferred
            else ""
        )
        fields = [
            ("title", _cited_what(cite)),
            ("howpublished", title),
            ("organization", publisher),
            *([("year", day[:4])] if day[:4].isdigit() else []),
            *([("month", _MONTHS[int(day[5:7]) - 1])] if len(day) >= 7 and day[5:7].isdigit() and not inferred else []),
            (
                "note",
                f"{where.replace('–', '--')}.{dated} "
                + _("Quote: „{quote}“").format(quote=cite["quote"])
                + _caveat(cite),
            ),
        ]
        body = ",\n".join(
            f"  {name} = {value}" if name == "month" else f"  {name} = {{{_bibtex_escape(value)}}}"
            for name, value in fields
        )
        return f"@misc{{{_bibtex_key(cite)},\n{body}\n}}"
    return f"{_cited_what(cite)}. {publisher}: {title}, {_cited_date(cite)}, {where}. „{cite['quote']}“{_caveat(cite)}"
