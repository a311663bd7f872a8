"""What the sources report after a date: later developments, new figures, events, initiatives.

A change since a date is a fact dated since then from a source that appeared since then: by
default what the newer sources report after the report, never a fact of the report itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fko.domain.figures import report_date
from fko.domain.measures import by_id, filter_measures
from fko.domain.status import first_day, given, last_day, parse_span
from fko.errors import UsageError
from fko.i18n import _
from fko.i18n import date as written
from fko.model.outputs import Change
from fko.store.reader import Store

KINDS = ("update", "indicator", "event", "initiative")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Window:
    """The dates a listing covers, both ends included; `since_text` says what it holds ("dated since
    2025-01", "reported after the report (2024-04)")."""

    since: dt.date | None
    until: dt.date | None
    since_text: str
    until_text: str | None

    def holds(self, iso: str | None, source_date: str | None = None) -> bool:
        """A fact dated YYYY or YYYY-MM counts from the first day of its year or month, and only if
        its source (of a known date) appeared since `since` too: a fact the report states is no
        change after the report, even where it dates it later."""
        day = start_of(iso)
        if day is None or (self.until is not None and day > self.until):
            return False
        if self.since is None:
            return True
        appeared = not source_date or not _ISO.match(source_date) or last_day(source_date) >= self.since
        return day >= self.since and appeared


def start_of(iso: str | None) -> dt.date | None:
    if not iso or not _ISO.match(iso):
        return None
    try:
        return first_day(iso)
    except ValueError:
        return None


def window(store: Store, since: str | None, until: str | None) -> Window:
    """--since and --until; without --since, everything dated after the report's month (or day)."""
    end = parse_span(until, "--until")[1] if until is not None else None
    if since is not None:
        start: dt.date | None = parse_span(since, "--since")[0]
        since_text = _("since {date}").format(date=given(since))
    else:
        dated = report_date(store)
        start = None
        since_text = _("all dates (the report's date is not known)")
        if dated and _ISO.match(dated):
            start = last_day(dated) + dt.timedelta(days=1)
            since_text = _("after the report ({date})").format(date=written(dated))
    if start is not None and end is not None and end < start:
        raise UsageError(
            _("--until {until} lies before the start of the listing ({start})").format(
                until=given(until or ""), start=written(start.isoformat())
            )
        )
    return Window(start, end, since_text, given(until) if until is not None else None)


def _facts(store: Store, kinds: set[str]) -> list[dict[str, Any]]:
    """The dated facts of the kinds asked, each with the keys its kind states: a figure with the
    previous figure of its metric and the difference, marked approximate where either figure is."""
    facts: list[dict[str, Any]] = []
    if "indicator" in kinds:
        series: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row in store.table("indicators"):
            series.setdefault((row["measure_id"], row["metric"]), []).append(row)
        for figures in series.values():
            figures.sort(key=lambda r: (start_of(r["as_of"]) or dt.date.min, r["as_of"]))
            for n, row in enumerate(figures):
                fact = {
                    "kind": "indicator",
                    "date": row["as_of"],
                    "measure_id": row["measure_id"],
                    "title": row["metric"],
                    "quote": row["quote"],
                    "source": row["source"],
                    "note": row.get("note"),
                    "date_text": row.get("as_of_text"),
                    "value": row["value"],
                    "unit": row.get("unit"),
                    "qualifier": row.get("qualifier"),
                    "approximate": bool(row.get("approximate")),
                    "target": bool(row.get("target")),
                }
                earlier = [r for r in figures[:n] if r["as_of"] != row["as_of"] and not r.get("target")]
                if earlier and not row.get("target"):
                    previous = earlier[-1]
                    fact.update(
                        previous_value=previous["value"],
                        previous_date=previous["as_of"],
                        previous_qualifier=previous.get("qualifier"),
                        previous_approximate=bool(previous.get("approximate")),
                        change=row["value"] - previous["value"],
                        change_approximate=bool(row.get("approximate") or previous.get("approximate")),
                    )
                facts.append(fact)
    if "update" in kinds:  # an update's and an event's keys are the store's own (an event's status apart)
        update_keys = ("date", "measure_id", "title", "quote", "source", "inference")
        facts += [{"kind": "update", **{key: row.get(key) for key in update_keys}} for row in store.table("updates")]
    if "event" in kinds:
        event_keys = ("date", "measure_id", "title", "source", "date_text", "place", "inference", "note")
        for row in store.table("events"):
            own = {key: row.get(key) for key in event_keys}
            facts.append({"kind": "event", **own, "quote": row.get("quote") or "", "event_status": row.get("status")})
    if "initiative" in kinds:
        for row in store.table("initiatives"):
            if row.get("date"):
                facts.append(
                    {
                        "kind": "initiative",
                        "date": row["date"],
                        "measure_id": row["id"],
                        "title": row["title"],
                        "quote": row["description"],
                        "source": row["source"],
                    }
                )
    return facts


def change_rows(
    store: Store,
    span: Window,
    ids: Sequence[str] = (),
    clusters: Sequence[str] = (),
    ressorts: Sequence[str] = (),
    kinds: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Every dated fact in the window, newest first; filtered by measure, cluster, ministry, kind."""
    sources = {s["file"]: s for s in store.sources()}
    records = by_id(store)
    rows = []
    for fact in _facts(store, set(kinds) or set(KINDS)):
        source = sources.get(fact["source"], {})
        record = records.get(fact["measure_id"] or "")
        row: dict[str, Any] = {**dict.fromkeys(Change.__annotations__), "approximate": False, "target": False, **fact}
        row["measure_title"] = record["title"] if record else None
        row.update(source_key=source.get("key"), source_title=source.get("title"), source_date=source.get("date"))
        # A planned event whose last day has passed: no source says whether it took place.
        if row["kind"] == "event" and row["event_status"] == "planned":
            row["event_date_passed"] = last_day(row["date"]) < dt.date.today()
        if span.holds(row["date"], row["source_date"]):
            rows.append(row)
    allowed: set[str] | None = None
    if clusters or ressorts:
        allowed = {m["id"] for m in filter_measures(store, clusters, ressorts, source="all")}
    if ids:
        allowed = set(ids) if allowed is None else allowed & set(ids)
    if allowed is not None:
        rows = [r for r in rows if r["measure_id"] in allowed]
    order = {m["id"]: n for n, m in enumerate(store.measures() + store.table("initiatives"))}
    rows.sort(key=lambda r: (r["title"], r["source"]))
    rows.sort(key=lambda r: (KINDS.index(r["kind"]), order.get(r["measure_id"] or "", 999)))
    rows.sort(key=lambda r: start_of(r["date"]) or dt.date.min, reverse=True)
    return rows


def check_kinds(values: Sequence[str]) -> list[str]:
    out = []
    for value in values:
        kind = value.strip().casefold()
        if kind not in KINDS:
            raise UsageError(
                _("unknown kind '{value}' for --kind; use one of {kinds}").format(value=value, kinds=", ".join(KINDS))
            )
        out.append(kind)
    return out
