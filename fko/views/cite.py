"""The view of `fko cite`: a citation as text, Markdown or BibTeX."""

from __future__ import annotations

from typing import Any

from fko.output import channels
from fko.views.measures import indicator_value

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _cited_date(cite: dict[str, Any]) -> str:
    date = cite["source_date"] or "undated"
    note = cite["source_date_note"] or ""
    return f"{date} (inferred)" if note.startswith("inferred") else date


def _cited_where(cite: dict[str, Any]) -> str:
    """ "lines 2425–2468 of 002_….txt", or the file alone where fko has not recorded lines."""
    lines = cite["source_lines"]
    return f"lines {lines[0]}–{lines[1]} of {cite['source']}" if lines else str(cite["source"])


def _markdown_escape(text: str) -> str:
    import re

    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", channels.clean(text))


def _cited_what(cite: dict[str, Any]) -> str:
    if cite["kind"] == "figure":
        value = indicator_value({**cite, "target": False})
        return f"{cite['metric']}: {value} ({cite['as_of']}), {cite['title']} ({cite['id']})"
    return f"{cite['title']} ({cite['id']})"


def _bibtex_escape(text: str) -> str:
    out = channels.clean(text).replace("\\", r"\textbackslash{}")
    for char in "{}%&#_$":
        out = out.replace(char, "\\" + char)
    return out.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}").replace("\n", " ")


def _bibtex_key(cite: dict[str, Any]) -> str:
    import re

    from fko.german import normalise

    parts = [cite["id"], *([cite["metric"], cite["as_of"]] if cite["kind"] == "figure" else [])]
    return "fko-" + re.sub(r"[^a-z0-9]+", "-", normalise(" ".join(parts)).replace(".", "-")).strip("-")


def citation_text(cite: dict[str, Any], style: str) -> str:
    """One citation as plain text, Markdown or a BibTeX @misc entry."""
    publisher = cite["source_publisher"] or "publisher not recorded"
    title = cite["source_title"] or cite["source"]
    where = _cited_where(cite)
    if style == "markdown":
        md = _markdown_escape
        head = f"**{md(_cited_what(cite))}**. {md(publisher)}: *{md(title)}*, {_cited_date(cite)}, {md(where)}."
        return f"{head}\n\n> {md(cite['quote'])}"
    if style == "bibtex":
        date = cite["source_date"] or ""
        fields = [
            ("title", _cited_what(cite)),
            ("howpublished", title),
            ("organization", publisher),
            *([("year", date[:4])] if date[:4].isdigit() else []),
            *([("month", _MONTHS[int(date[5:7]) - 1])] if len(date) >= 7 and date[5:7].isdigit() else []),
            ("note", f"{where.replace('–', '--')}. Quote: „{cite['quote']}“"),
        ]
        body = ",\n".join(
            f"  {name} = {value}" if name == "month" else f"  {name} = {{{_bibtex_escape(value)}}}"
            for name, value in fields
        )
        return f"@misc{{{_bibtex_key(cite)},\n{body}\n}}"
    return f"{_cited_what(cite)}. {publisher}: {title}, {_cited_date(cite)}, {where}. „{cite['quote']}“"
