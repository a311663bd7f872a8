"""Citations: a measure, an initiative or one of their key figures with its source document,
date, lines and quote, for people who quote fko's data (journalists, parliament staff)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fko.errors import FkoError
from fko.i18n import _
from fko.store.reader import Store

FORMATS = ("text", "markdown", "bibtex")


def _source(store: Store, file: str) -> dict[str, Any]:
    for source in store.sources():
        if source.get("file") == file:
            return source
    return {"file": file}


def _base(store: Store, record: dict[str, Any], source_file: str) -> dict[str, Any]:
    source = _source(store, source_file)
    return {
        "id": record["id"],
        "kind": record.get("kind", "measure"),
        "title": record["title"],
        "metric": None,
        "value": None,
        "unit": None,
        "qualifier": None,
        "approximate": False,
        "as_of": None,
        "quote": "",
        "quote_of": "",
        "source": source_file,
        "source_key": source.get("key"),
        "source_title": source.get("title"),
        "source_publisher": source.get("publisher"),
        "source_date": source.get("date"),
        "source_date_note": source.get("date_note"),
        "source_lines": None,
    }


def _first_sentence(text: str) -> str:
    import re

    flat = re.sub(r"\s+", " ", text).strip()
    match = re.match(r"(.+?[.!?])(\s|$)", flat)
    return match.group(1) if match else flat


def record_citation(store: Store, record: dict[str, Any]) -> dict[str, Any]:
    """A measure or initiative: its goal as the quote (else the first sentence of its text)."""
    cite = _base(store, record, record["source"])
    if record.get("goal"):
        cite.update(quote=record["goal"], quote_of="goal")
    else:
        cite.update(quote=_first_sentence(record.get("description") or ""), quote_of="description")
    cite["source_lines"] = record.get("source_lines")
    return cite


def figure_citations(store: Store, record: dict[str, Any], figure: str, as_of: str | None) -> list[dict[str, Any]]:
    """The key figures of a record whose metric contains `figure` (any case, umlauts optional),
    optionally only those dated `as_of`; a figure from the record's own source cites its lines."""
    from fko.domain.figures import indicator_rows
    from fko.german import normalise

    rows = [r for r in indicator_rows(store, record["id"]) if normalise(figure) in normalise(r["metric"])]
    if as_of is not None:
        rows = [r for r in rows if r["as_of"] == as_of.strip()]
    if not rows:
        metrics = sorted({r["metric"] for r in indicator_rows(store, record["id"])})
        known = "; ".join(metrics) if metrics else "none"
        dated = f" dated {as_of}" if as_of else ""
        raise FkoError(
            _("{id} has no figure '{figure}'{dated}; its figures: {known}").format(
                id=record["id"], figure=figure, dated=dated, known=known
            )
        )
    out = []
    for row in rows:
        cite = _base(store, record, row["source"])
        cite.update(
            kind="figure",
            metric=row["metric"],
            value=row["value"],
            unit=row.get("unit"),
            qualifier=row.get("qualifier"),
            approximate=bool(row.get("approximate")),
            as_of=row["as_of"],
            quote=row["quote"],
            quote_of="figure",
        )
        if row["source"] == record["source"]:
            cite["source_lines"] = record.get("source_lines")  # the build checks the quote lies within
        out.append(cite)
    return out


def citations(
    store: Store, records: Sequence[dict[str, Any]], figure: str | None = None, as_of: str | None = None
) -> list[dict[str, Any]]:
    if figure is None:
        return [record_citation(store, r) for r in records]
    return [c for r in records for c in figure_citations(store, r, figure, as_of)]
