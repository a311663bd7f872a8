"""Citations: a measure, an initiative, one of their key figures or a recognition figure with its
source document, date, lines and quote, for people who quote fko's data."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from fko.domain.figures import indicator_rows
from fko.domain.measures import by_id
from fko.domain.status import given, iso_date
from fko.errors import FkoError
from fko.i18n import _
from fko.model.outputs import Citation
from fko.store.reader import Store

FORMATS = ("text", "markdown", "bibtex")


def _cite(store: Store, record: dict[str, Any] | None, row: dict[str, Any], **values: Any) -> dict[str, Any]:
    """A citation of `row` (the record itself, a figure of it, or a recognition figure) with its
    source document, the lines of its quote, and `values`."""
    source = next((s for s in store.sources() if s.get("file") == row["source"]), {})
    return {
        **dict.fromkeys(Citation.__annotations__),
        "measure_id": record["id"] if record else None,
        "kind": record.get("kind", "measure") if record else "recognition",
        "title": record["title"] if record else None,
        "approximate": False,
        "source": row["source"],
        "source_key": source.get("key"),
        "source_title": source.get("title"),
        "source_publisher": source.get("publisher"),
        "source_date": source.get("date"),
        "source_date_note": source.get("date_note"),
        "source_lines": row.get("source_lines"),
        **values,
    }


def record_citation(store: Store, record: dict[str, Any]) -> dict[str, Any]:
    """A measure or initiative: its goal as the quote (else the first sentence of its text)."""
    if record.get("goal"):
        return _cite(store, record, record, quote=record["goal"], quote_of="goal")
    flat = re.sub(r"\s+", " ", record.get("description") or "").strip()
    sentence = re.match(r"(.+?[.!?])(\s|$)", flat)
    return _cite(store, record, record, quote=sentence.group(1) if sentence else flat, quote_of="description")


def figure_citations(store: Store, record: dict[str, Any], figure: str, as_of: str | None) -> list[dict[str, Any]]:
    """The key figures of a record whose metric contains `figure` (any case, umlauts optional),
    and its recognition figures whose metric or label does (VI.8's chamber tables), optionally
    only those dated `as_of` (a year for the tables); each cites the lines of its own quote."""
    from fko.german import normalise

    wanted = normalise(figure)
    indicators = indicator_rows(store, record["id"])
    tables = [r for r in store.table("recognition") if r.get("measure_id") == record["id"]]
    rows = [r for r in indicators if wanted in normalise(r["metric"])]
    figures = [r for r in tables if wanted in normalise(f"{r['metric']} {r['label'] or ''} {r['body']}")]
    if as_of is not None:
        dated = iso_date(as_of) or as_of.strip()  # 31.03.2024 is the figure fko shows as of that day
        rows = [r for r in rows if r["as_of"] == dated]
        figures = [r for r in figures if str(r["year"]) == dated]
    out = [
        _cite(
            store,
            record,
            row,
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
        for row in rows
    ]
    out += [_recognition(store, record, row) for row in figures]
    if not out:
        metrics = sorted({r["metric"] for r in indicators} | {f"{r['body']}: {r['metric']}" for r in tables})
        known = "; ".join(metrics) if metrics else _("none")
        on = _(" dated {date}").format(date=given(as_of)) if as_of else ""
        raise FkoError(
            _("{id} has no figure '{figure}'{dated}; its figures: {known}").format(
                id=record["id"], figure=figure, dated=on, known=known
            )
        )
    return out


def _recognition(store: Store, record: dict[str, Any] | None, row: dict[str, Any]) -> dict[str, Any]:
    """A recognition figure, named in the source's words: "Verfahren nach Ausbildungsstaat:
    Türkei", a chamber table's row label ("davon anerkannte Anträge"), or the metric."""
    if row.get("dimension"):
        metric = f"{row['metric']}: {row['label']}"
    else:
        metric = str(row["label"]) if row["label"] and row["label"] != row["body"] else str(row["metric"])
    return _cite(
        store,
        record,
        row,
        kind="recognition",
        body=row["body"],
        metric=metric,
        value=row["value"],
        as_of=str(row["year"]) if row["year"] is not None else None,
        quote=row["quote"],
        quote_of="figure",
        caveat=row.get("caveat"),
    )


def recognition_citations(store: Store, body: str, year: str | None = None) -> list[dict[str, Any]]:
    """The recognition figures whose body, label or metric contains `body` (any case, umlauts
    optional; "handwerk", "Architektenkammer"), optionally of one year; with the caveat the
    source states for them."""
    from fko.german import normalise

    wanted = normalise(body)
    records = by_id(store)
    rows = [
        r
        for r in store.table("recognition")
        if wanted in normalise(f"{r['body']} {r['label'] or ''} {r['metric']} {r.get('dimension') or ''}")
    ]
    if year is not None:
        rows = [r for r in rows if str(r["year"]) == (iso_date(year) or year.strip())]
    if not rows:
        bodies = "; ".join(sorted({r["body"] for r in store.table("recognition")})) or _("none")
        dated = _(" of {year}").format(year=given(year)) if year else ""
        raise FkoError(
            _("no recognition figure '{body}'{dated}; the bodies: {bodies}").format(
                body=body, dated=dated, bodies=bodies
            )
        )
    return [_recognition(store, records.get(r.get("measure_id") or ""), r) for r in rows]


def citations(
    store: Store, records: Sequence[dict[str, Any]], figure: str | None = None, as_of: str | None = None
) -> list[dict[str, Any]]:
    if figure is None:
        return [record_citation(store, r) for r in records]
    return [c for r in records for c in figure_citations(store, r, figure, as_of)]
