"""The view of `fko cite`: a citation as text, Markdown or BibTeX, naming the document and the
measure ("Maßnahme IV.1 „Meisterprämie NRW“"); a date fko infers stays marked as inferred."""

from __future__ import annotations

from typing import Any

from fko.output import channels
from fko.views.measures import indicator_value

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _inferred(cite: dict[str, Any]) -> bool:
    return bool((cite.get("source_date_note") or "").startswith("inferred"))


def _cited_date(cite: dict[str, Any]) -> str:
    date = cite["source_date"] or "undated"
    return f"{date} (inferred)" if _inferred(cite) else date


def _cited_where(cite: dict[str, Any]) -> str:
    """ "lines 2425–2468 of 002_….txt", or the file alone where fko has not recorded lines."""
    lines = cite["source_lines"]
    if not lines:
        return str(cite["source"])
    return (
        f"line {lines[0]} of {cite['source']}"
        if lines[0] == lines[1]
        else (f"lines {lines[0]}–{lines[1]} of {cite['source']}")
    )


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
        return f"{cite['metric']}: {value} ({cite['as_of']}), {_record(cite)}"
    if cite["kind"] == "recognition":
        value = indicator_value({**cite, "unit": None, "qualifier": None, "target": False})
        year = cite["as_of"] or "no year stated"
        where = f", {_record(cite)}" if cite["measure_id"] else ""
        return f"{cite['body']}, {cite['metric']}: {value} ({year}){where}"
    return _record(cite)


def _caveat(cite: dict[str, Any]) -> str:
    return f" Caveat of the source: „{cite['caveat']}“" if cite.get("caveat") else ""


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
    publisher = cite["source_publisher"] or "publisher not recorded"
    title = cite["source_title"] or cite["source"]
    where = _cited_where(cite)
    if style == "markdown":
        md = _markdown_escape
        head = f"**{md(_cited_what(cite))}**. {md(publisher)}: *{md(title)}*, {_cited_date(cite)}, {md(where)}."
        return f"{head}\n\n> {md(cite['quote'])}" + (f"\n\n{md(_caveat(cite).strip())}" if cite.get("caveat") else "")
    if style == "bibtex":
        date = cite["source_date"] or ""
        inferred = _inferred(cite)
        dated = (
            f" Date {date} inferred, not stated: {cite['source_date_note'].removeprefix('inferred: ')}."
            if inferred
            else ""
        )
        fields = [
            ("title", _cited_what(cite)),
            ("howpublished", title),
            ("organization", publisher),
            *([("year", date[:4])] if date[:4].isdigit() else []),
            *(
                [("month", _MONTHS[int(date[5:7]) - 1])]
                if len(date) >= 7 and date[5:7].isdigit() and not inferred
                else []
            ),
            ("note", f"{where.replace('–', '--')}.{dated} Quote: „{cite['quote']}“{_caveat(cite)}"),
        ]
        body = ",\n".join(
            f"  {name} = {value}" if name == "month" else f"  {name} = {{{_bibtex_escape(value)}}}"
            for name, value in fields
        )
        return f"@misc{{{_bibtex_key(cite)},\n{body}\n}}"
    return f"{_cited_what(cite)}. {publisher}: {title}, {_cited_date(cite)}, {where}. „{cite['quote']}“{_caveat(cite)}"
