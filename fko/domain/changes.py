"""What the sources report after a date: later developments, new figures, events, initiatives.

A change since a date is a fact dated since then from a source that appeared since then: by
default everything the newer sources report after the report, never a fact of the report
itself, even one it dates later. Each change is one dated, quoted fact; a figure carries the
previous figure of the same metric and the difference between the two, marked approximate
where either figure is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fko.domain.figures import report_date
from fko.errors import UsageError
from fko.i18n import _
from fko.i18n import date as written
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
        """A fact dated YYYY or YYYY-MM counts from the first day of its year or month, and only
        if its source appeared since `since` too (a month or year to its last day): a fact the
        report states is no change after the report, even where it dates it later."""
        day = start_of(iso)
        if day is None:
            return False
        if self.since is not None and (day < self.since or not _appeared_since(source_date, self.since)):
            return False
        return self.until is None or day <= self.until


def _appeared_since(source_date: str | None, since: dt.date) -> bool:
    if not source_date or not _ISO.match(source_date):
        return True  # a source of unknown date: its facts count by their own dates
    from fko.domain.status import last_day

    return last_day(source_date) >= since


def start_of(iso: str | None) -> dt.date | None:
    if not iso or not _ISO.match(iso):
        return None
    from fko.domain.status import first_day

    try:
        return first_day(iso)
    except ValueError:
        return None


def _parse(text: str, option: str) -> tuple[dt.date, dt.date]:
    """(first day, last day) of a date as people write it (2025-10, 10/2025, 01.10.2025, 2025)."""
    from fko.domain.status import parse_span

    return parse_span(text, option)


def window(store: Store, since: str | None, until: str | None) -> Window:
    """--since and --until; without --since, everything dated after the report's month (or day)."""
    end = _parse(until, "--until")[1] if until is not None else None
    if since is not None:
        start: dt.date | None = _parse(since, "--since")[0]
        since_text = _("since {date}").format(date=since.strip())
    else:
        dated = report_date(store)
        start = None
        since_text = _("all dates (the report's date is not known)")
        if dated and _ISO.match(dated):
            from fko.domain.status import last_day

            start = last_day(dated) + dt.timedelta(days=1)
            since_text = _("after the report ({date})").format(date=written(dated))
    if start is not None and end is not None and end < start:
        raise UsageError(
            _("--until {until} lies before the start of the listing ({start})").format(
                until=until, start=written(start.isoformat())
            )
        )
    return Window(start, end, since_text, until.strip() if until is not None else None)


def _sources(store: Store) -> dict[str, dict[str, Any]]:
    return {s["file"]: s for s in store.sources()}


def _base(
    store: Store, kind: str, date: str, measure: str | None, title: str, quote: str, source: str
) -> dict[str, Any]:
    from fko.domain.measures import by_id

    info = _sources(store).get(source, {})
    record = by_id(store).get(measure or "")
    return {
        "date": date,
        "date_text": None,
        "kind": kind,
        "measure_id": measure,
        "measure_title": record["title"] if record else None,
        "title": title,
        "value": None,
        "unit": None,
        "qualifier": None,
        "approximate": False,
        "target": False,
        "previous_value": None,
        "previous_date": None,
        "previous_qualifier": None,
        "previous_approximate": None,
        "change": None,
        "change_approximate": None,
        "place": None,
        "event_status": None,
        "quote": quote,
        "source": source,
        "source_key": info.get("key"),
        "source_title": info.get("title"),
        "source_date": info.get("date"),
        "inference": None,
        "note": None,
    }


def _indicators(store: Store) -> list[dict[str, Any]]:
    rows = []
    series: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in store.table("indicators"):
        series.setdefault((row["measure_id"], row["metric"]), []).append(row)
    for figures in series.values():
        figures.sort(key=lambda r: (start_of(r["as_of"]) or dt.date.min, r["as_of"]))
        for n, row in enumerate(figures):
            change = _base(
                store, "indicator", row["as_of"], row["measure_id"], row["metric"], row["quote"], row["source"]
            )
            change.update(
                note=row.get("note"),
                date_text=row.get("as_of_text"),
                value=row["value"],
                unit=row.get("unit"),
                qualifier=row.get("qualifier"),
                approximate=bool(row.get("approximate")),
                target=bool(row.get("target")),
            )
            earlier = [r for r in figures[:n] if r["as_of"] != row["as_of"] and not r.get("target")]
            if earlier and not row.get("target"):
                previous = earlier[-1]
                change.update(
                    previous_value=previous["value"],
                    previous_date=previous["as_of"],
                    previous_qualifier=previous.get("qualifier"),
                    previous_approximate=bool(previous.get("approximate")),
                    change=row["value"] - previous["value"],
                    change_approximate=bool(row.get("approximate") or previous.get("approximate")),
                )
            rows.append(change)
    return rows


def _updates(store: Store) -> list[dict[str, Any]]:
    out = []
    for row in store.table("updates"):
        change = _base(store, "update", row["date"], row["measure_id"], row["title"], row["quote"], row["source"])
        change["inference"] = row.get("inference")
        out.append(change)
    return out


def _events(store: Store) -> list[dict[str, Any]]:
    """The `events` table where the store has one (stores built before it have none: no rows)."""
    out = []
    for row in store.table("events"):
        change = _base(
            store, "event", row["date"], row.get("measure_id"), row["title"], row.get("quote") or "", row["source"]
        )
        change.update(
            date_text=row.get("date_text"),
            place=row.get("place"),
            event_status=row.get("status"),
            inference=row.get("inference"),
            note=row.get("note"),
        )
        out.append(change)
    return out


def _initiatives(store: Store) -> list[dict[str, Any]]:
    out = []
    for row in store.table("initiatives"):
        if row.get("date"):
            out.append(
                _base(store, "initiative", row["date"], row["id"], row["title"], row["description"], row["source"])
            )
    return out


def change_rows(
    store: Store,
    span: Window,
    ids: Sequence[str] = (),
    clusters: Sequence[str] = (),
    ressorts: Sequence[str] = (),
    kinds: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Every dated fact in the window, newest first; filtered by measure, cluster, ministry, kind."""
    wanted_kinds = set(kinds) or set(KINDS)
    rows: list[dict[str, Any]] = []
    if "indicator" in wanted_kinds:
        rows += _indicators(store)
    if "update" in wanted_kinds:
        rows += _updates(store)
    if "event" in wanted_kinds:
        rows += _events(store)
    if "initiative" in wanted_kinds:
        rows += _initiatives(store)
    rows = [r for r in rows if span.holds(r["date"], r["source_date"])]
    allowed: set[str] | None = None
    if clusters or ressorts:
        from fko.domain.measures import filter_measures

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


def check_kinds(given: Sequence[str]) -> list[str]:
    out = []
    for value in given:
        kind = value.strip().casefold()
        if kind not in KINDS:
            raise UsageError(
                _("unknown kind '{value}' for --kind; use one of {kinds}").format(value=value, kinds=", ".join(KINDS))
            )
        out.append(kind)
    return out
