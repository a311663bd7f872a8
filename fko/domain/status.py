"""The status of a measure on a date, derived from its runtime by stated rules.

Statuses: planned, expected, running, ended, open-ended, unknown. Where a rule interprets the
wording (an implied end, a season, a school year), the status says it was derived and names the
rule. A start the report only expects ("voraussichtlich", a draft) is never running.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from fko.errors import UsageError
from fko.i18n import N_, _, german
from fko.i18n import date as written

STATUSES = ("planned", "expected", "running", "ended", "open-ended", "unknown")
_OPEN = re.compile(r"\b(seit|laufend|fortlaufend|unbefristet|dauerhaft|ab)\b|mind\. Ende der Legislaturperiode", re.I)
_LIMITED = re.compile(r"Befristung auf (\w+) Jahre")
_NUMBERS = {"ein": 1, "einem": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6}
_SEASON = {"Frühjahr": 3, "Sommer": 6, "Herbst": 9, "Winter": 12}
#: Wording that makes a measure with a single full date one event on that day (V.10: "einen
#: ganztägigen Kongress"); without it the date is only a start (V.2: round tables in regions).
_ONE_DAY = re.compile(r"\b(ganztägig\w*|eintägig\w*|Bewerbertag|Kongress)\b")
_COMPLETED = "the report states 'abgeschlossen' (completed)"
#: A measure that rests on a draft ("des Entwurfs der Siebten Verordnung zur Änderung …").
_DRAFT = re.compile(r"\bEntwurfs?\b[^.,;]*")
#: A measure made permanent ("mit dem Haushaltsplan 2024 verstetigt"): it goes on past its runtime,
#: the words beside its status; its money keeps the runtime's years (I.11 "08/2020 bis 07/2026").
_PERMANENT = re.compile(r"(?:\bmit\b[^.,;]*?\s)?\bverstetigt\b")
#: A bill before the Landtag ("ein Gesetz zur Änderung des Hochschulgesetzes beim Landtag eingebracht
#: (Erste Lesung am 24. April 2024)"): what it regulates is only expected until a source confirms it.
_BILL = re.compile(r"\bGesetz\b[^.;]*?\beingebracht\b(?:\s*\([^)]*\))?")
#: What a completed measure issued applies since ("kann seither schneller … eine Arbeitsstelle antreten").
_SINCE = re.compile(r"[^.]*\bseither\b[^.]*")
#: The runtime's own words that qualify its end ("(weitere Durchgänge geplant)").
_FURTHER = re.compile(r"weitere Durchgänge geplant")
_DATE_FORMS = N_("2024-06-01, 01.06.2024, 2024-06, 06/2024 or 2024")
#: German status words people type (and the report uses), beside the English ones.
GERMAN_STATUS = {
    **dict.fromkeys(("erwartet", "voraussichtlich"), "expected"),
    **dict.fromkeys(("laufend", "läuft", "aktiv"), "running"),
    **dict.fromkeys(("beendet", "abgeschlossen"), "ended"),
    "geplant": "planned",
    **dict.fromkeys(("unbefristet", "offen"), "open-ended"),
    "unbekannt": "unknown",
}


def _about(record: dict[str, Any]) -> str:
    return f"{record.get('title') or ''} {record.get('description') or ''}"


@dataclass(slots=True)
class Status:
    """A measure's status on a date, the interpreted period, and how it was found.

    `reported` is the latest later source dated on or before the date that reports the measure's
    state (an update with `reports_status`); it stands beside the status from the runtime.
    `note` holds the report's own words that qualify the status ("weitere Durchgänge geplant")."""

    status: str
    open_ended: bool
    start: dt.date | None
    end: dt.date | None
    derived: bool
    rule: str
    reported: dict[str, Any] | None = None
    note: str | None = None

    def as_row(self) -> dict[str, Any]:
        return self.into({})

    def into(self, row: dict[str, Any]) -> dict[str, Any]:
        """`row` with the status's keys set (`fko list` fills its records in place)."""
        row["status"] = self.status
        row["open_ended"] = self.open_ended
        row["period_start"] = self.start.isoformat() if self.start else None
        row["period_end"] = self.end.isoformat() if self.end else None
        row["status_derived"] = self.derived
        row["status_rule"] = self.rule
        row["status_note"] = self.note
        reported = self.reported or {}
        row["reported_status"] = reported.get("reports_status")
        for key in ("date", "source", "quote", "inference"):
            row[f"reported_{key}"] = reported.get(key)
        row["weighed_status"] = self.weighed()
        return row

    def weighed(self) -> str:
        """The status `--status` selects by: a later source's report, else the status from the
        runtime. A report fko links to the measure only by inference (VI.7) weighs nothing."""
        reported = self.reported
        if reported and not reported.get("inference"):
            return str(reported["reports_status"])
        return self.status

    def label(self) -> str:
        """ "running (reported 2025-10); from the runtime: ended", an inferred report only beside
        the runtime's status, the report's qualifying words last."""
        base = self.runtime_label()
        reported = self.reported
        if reported and reported.get("inference"):
            base += _("; reported {status} {date} only by fko's inference").format(
                status=_(reported["reports_status"]), date=written(reported["date"])
            )
        elif reported:
            base = _("{status} (reported {date}); from the runtime: {derived}").format(
                status=_(reported["reports_status"]), date=written(reported["date"]), derived=base
            )
        return _("{status}; the report: {note}").format(status=base, note=self.note) if self.note else base

    def runtime_label(self) -> str:
        return state_text(self.status, self.open_ended) + (_(" (derived)") if self.derived else "")


def state_text(status: str, open_ended: bool) -> str:
    """ "running (open-ended)" for a running measure without an end, else the status itself."""
    return _("running (open-ended)") if open_ended and status == "running" else _(status)


def parse_span(text: str, option: str = "--on") -> tuple[dt.date, dt.date]:
    """The first and last day a date as people write it names: 2024-06-01 and 01.06.2024 one
    day, 2024-06 and 06/2024 a month, 2024 a year. Anything else is a usage error."""
    iso = iso_date(text)
    if iso is None:
        raise UsageError(
            _("invalid date '{text}' for {option}; use {forms}").format(text=text, option=option, forms=_(_DATE_FORMS))
        )
    return first_day(iso), last_day(iso)


def iso_date(text: str) -> str | None:
    """A date as people write it in ISO form of the same precision (01.06.2024 -> 2024-06-01,
    6/2024 -> 2024-06, 2024 -> 2024); None for anything that names no real day, month or year."""
    value = text.strip()
    parts: Sequence[str] = ()
    if match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value) or re.fullmatch(r"(\d{1,2})[/.](\d{4})", value):
        parts = match.groups()[::-1]
    elif match := re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value):
        parts = [part for part in match.groups() if part]
    if not parts:
        return None
    iso = "-".join([parts[0], *(part.zfill(2) for part in parts[1:])])
    try:
        first_day(iso)
    except ValueError:
        return None
    return iso


def given(text: str) -> str:
    """A date the reader gave, echoed in a message: as typed in English, as fko writes dates in
    German (2024-04 -> 04/2024), so one sentence never mixes two spellings; text that is no
    date as typed."""
    iso = iso_date(text)
    return text.strip() if iso is None or not german() else written(iso)


def parse_date(text: str, option: str = "--on") -> dt.date:
    """--on DATE: the first day the date names (see `parse_span`)."""
    return parse_span(text, option)[0]


def parse_period(text: str, option: str = "--during") -> tuple[dt.date | None, dt.date | None]:
    """--during YEAR|DATE|DATE..DATE: the days from the first named to the last; either side of
    `..` may be left open (2024.. or ..2025)."""
    if ".." not in text:
        return parse_span(text, option)
    start, end = text.split("..", 1)
    first = parse_span(start, option)[0] if start.strip() else None
    last = parse_span(end, option)[1] if end.strip() else None
    if first is None and last is None:
        raise UsageError(
            _("--during needs a date on at least one side of '..', e.g. 2024..2025, not '{text}'").format(text=text)
        )
    if first is not None and last is not None and last < first:
        period = f"{given(start)}..{given(end)}"
        raise UsageError(_("--during {text}: the end is before the start").format(text=period))
    return first, last


def runs_during(record: dict[str, Any], first: dt.date | None, last: dt.date | None) -> bool:
    """Whether a record runs at any time from `first` to `last` (None: open). A record with
    only a start (end unknown) counts if it started in the period."""
    start, end, open_ended, _derived, _rule = period(record)
    if start is None and end is None:
        return open_ended  # 'laufend' without dates: running throughout, as status_on says
    if start is not None and last is not None and start > last:
        return False
    if end is not None:
        return first is None or end >= first
    if open_ended or start is None:
        return True
    return first is None or start >= first


def starts_in(record: dict[str, Any], year: int) -> bool:
    """Whether the record's interpreted period starts in `year`; an unknown start, or one the
    report only expects (III.1 "voraussichtlich 4. Quartal 2024", a draft), does not."""
    start = period(record)[0]
    return start is not None and start.year == year and _qualifiers(record)[1] is None


def ends_in(record: dict[str, Any], year: int) -> bool:
    """Whether the record's interpreted period ends in `year`: a stated or derived end; an open
    or unknown end, or a measure made permanent past its runtime (I.11), does not end."""
    end = period(record)[1]
    return end is not None and end.year == year


def month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return following - dt.timedelta(days=1)


@lru_cache(maxsize=4096)  # a list of many measures repeats a few hundred months
def first_day(iso: str) -> dt.date:
    """The first day of YYYY, YYYY-MM or YYYY-MM-DD."""
    parts = [int(p) for p in iso.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@lru_cache(maxsize=4096)
def last_day(iso: str) -> dt.date:
    """The last day of YYYY, YYYY-MM or YYYY-MM-DD."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    return month_end(parts[0], parts[1] if len(parts) > 1 else 12)


def _add_years(day: dt.date, years: int) -> dt.date:
    """The last day before the same date `years` later: 05/2023 + five years -> 2028-04-30."""
    later = dt.date(day.year + years, day.month, 1)
    return later - dt.timedelta(days=1)


def period(record: dict[str, Any]) -> tuple[dt.date | None, dt.date | None, bool, bool, str]:
    """(start, end, open_ended, derived, rule) of a record: its runtime's period, open-ended for a
    measure made permanent ("verstetigt", I.11); its money still ends with the runtime."""
    start, end, open_ended, derived, rule = runtime_period(record)
    permanent = _qualifiers(record)[2]
    if permanent and end is not None:
        rule += f"; {permanent!r}: made permanent, so it goes on past its runtime's end {end.isoformat()}"
        return start, None, True, True, rule
    return start, end, open_ended, derived, rule


def _words(text: str, pattern: re.Pattern[str]) -> str | None:
    """The words of `text` that `pattern` finds, whitespace collapsed; None where it finds none."""
    match = pattern.search(" ".join(text.split()))
    return match.group(0) if match else None


@lru_cache(maxsize=4096)  # `fko list` asks twice per measure (period, status)
def _qualified(runtime: str, in_force: str, description: str) -> tuple[str | None, str | None, str | None]:
    """(note, expected, permanent) of a measure's texts: the report's words that qualify its
    status, those that make its start only expected, those that make it permanent."""
    permanent = _words(description, _PERMANENT) if "verstetigt" in description else None
    expected = None
    if "voraussichtlich" in runtime:
        expected = "Beginn/Laufzeit " + " ".join(runtime.split())
    elif "voraussichtlich" in in_force:
        expected = "Inkrafttreten " + " ".join(in_force.split())
    elif "Entwurf" in description:
        expected = _words(description, _DRAFT)
    elif "eingebracht" in description:
        expected = _words(description, _BILL)
    since = None
    if re.search(r"\babgeschlossen\b", runtime) and "seither" in description:
        since = (_words(description, _SINCE) or "").strip() or None
    further = _FURTHER.search(runtime)
    return (further.group(0) if further else permanent or expected or since), expected, permanent


def _qualifiers(record: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    runtime = record.get("runtime") or {}
    return _qualified(runtime.get("text") or "", record.get("in_force") or "", record.get("description") or "")


def status_note(record: dict[str, Any]) -> str | None:
    """The report's words that qualify a measure's status beside it ("weitere Durchgänge geplant")."""
    return _qualifiers(record)[0]


def runtime_period(record: dict[str, Any]) -> tuple[dt.date | None, dt.date | None, bool, bool, str]:
    """(start, end, open_ended, derived, rule) of a record's runtime, interpreted from its wording
    alone: the period a yearly amount of the runtime's years runs in."""
    runtime = record.get("runtime") or {}
    text = runtime.get("text") or ""
    start_iso, end_iso = runtime.get("start"), runtime.get("end")
    if re.search(r"\babgeschlossen\b", text):
        return None, None, False, False, _COMPLETED
    if not start_iso and not end_iso:
        in_force = record.get("in_force") or ""
        date = re.search(r"(\d{2})\.(\d{2})\.(\d{4})", in_force)
        quarter = re.search(r"(\d)\. Quartal (\d{4})", in_force)
        if date:
            day = dt.date(int(date.group(3)), int(date.group(2)), int(date.group(1)))
            return day, None, True, True, "no runtime: in force since the stated date, without an end"
        if quarter:
            day = dt.date(int(quarter.group(2)), 3 * int(quarter.group(1)) - 2, 1)
            return day, None, True, True, "no runtime: expected in force from the first day of the stated quarter"
        if re.search(r"\blaufend\b", text):
            return None, None, True, False, "the report states 'laufend' (ongoing) without dates"
        return None, None, False, False, "no runtime stated"
    derived = False
    rules = []
    start = first_day(start_iso) if start_iso else None
    end = last_day(end_iso) if end_iso else None
    if start and start_iso and len(start_iso) == 4:
        head = text.partition(" bis ")[0]
        seasons = sorted((head.find(f"{name} {start_iso}"), name) for name in _SEASON if f"{name} {start_iso}" in head)
        if f"Ende {start_iso}" in head:
            start, derived = dt.date(int(start_iso), 12, 1), True
            rules.append("'Ende YYYY' as a start means December")
        elif seasons:
            season = seasons[0][1]  # the first named
            start, derived = dt.date(int(start_iso), _SEASON[season], 1), True
            rules.append(f"'{season} {start_iso}' starts in month {_SEASON[season]}")
        elif f"Schuljahr {start_iso}/" in head:
            start, derived = dt.date(int(start_iso), 8, 1), True
            rules.append("a school year starts on 1 August")
    open_ended = False
    if end is None and start is not None:
        limited = _LIMITED.search(text)
        single = start_iso and len(start_iso) == 10 and " bis " not in text
        if limited and limited.group(1) in _NUMBERS:
            years = _NUMBERS[limited.group(1)]
            end, derived = _add_years(start, years), True
            rules.append(f"'Befristung auf {limited.group(1)} Jahre' ends {years} years after the start")
        elif _OPEN.search(text):
            open_ended = True
            if "Legislaturperiode" in text:
                derived = True
                rules.append(
                    "'bis mind. Ende der Legislaturperiode': at least until the end of the legislative "
                    "period, treated as open-ended"
                )
            else:
                rules.append("'seit', 'ab', 'laufend', 'fortlaufend', 'unbefristet' or 'dauerhaft': no end")
        elif single and (one := _ONE_DAY.search(_about(record))):
            end, derived = start, True
            rules.append(
                f"a single full date, and the report describes one event ({one.group(0)!r}): an event that day"
            )
        elif single:
            rules.append(
                "a single full date: the report does not say that the measure ends that day, so the end is unknown"
            )
        else:
            rules.append("only a start is stated: the end is unknown")
    return start, end, open_ended, derived, "; ".join(rules) or "stated start and end"


def _latest(reports: Sequence[dict[str, Any]], on: dt.date) -> dict[str, Any] | None:
    """Of one measure's reports, the latest dated on or before `on` (a month or year counts from
    its first day); the first of equals."""
    found = [u for u in reports if first_day(u["date"]) <= on]
    return max(found, key=lambda u: (u["date"], u["source"])) if found else None


def status_in(store: Any, record: dict[str, Any], on: dt.date) -> Status:
    """The status on a date from the runtime, with the latest later source's report beside it."""
    return statuses_in(store, [record], on)[0]


def statuses_in(store: Any, records: Sequence[dict[str, Any]], on: dt.date) -> list[Status]:
    """`status_in` of each record, the updates read once and indexed by measure."""
    reports: dict[str, list[dict[str, Any]]] = {}
    if records:
        for u in store.table("updates"):
            if u.get("reports_status"):
                reports.setdefault(u["measure_id"], []).append(u)  # in table order: the first of equals
    return [status_on(record, on, _latest(reports.get(record["id"], []), on)) for record in records]


def status_on(record: dict[str, Any], on: dt.date, reported: dict[str, Any] | None = None) -> Status:
    """The status on a date from the runtime, with `reported` beside it. A start the report only
    expects is never more than expected, until a source confirms it."""
    note, expected, _permanent = _qualifiers(record)
    status = _runtime_status(record, on)
    status.reported, status.note = reported, note
    if not expected:
        return status
    if status.status == "planned" or _in_start_year(record, status.start, on):
        state, why = "expected", N_("before the date the report expects")
    else:
        state, why = "unknown", N_("no source confirms that it started")
    rule = f"{status.rule}; the report only expects it ({expected}): {state}, {why}"
    return Status(state, False, status.start, None, True, rule, reported, note)


def _in_start_year(record: dict[str, Any], start: dt.date | None, on: dt.date) -> bool:
    """Whether `on` falls in a start stated only as a year (III.8 "ab 2024"; not one a season or
    school year places in a month): the start the report expects may still be ahead in that year."""
    start_iso = (record.get("runtime") or {}).get("start") or ""
    return len(start_iso) == 4 and start == dt.date(on.year, 1, 1)


def _runtime_status(record: dict[str, Any], on: dt.date) -> Status:
    start, end, open_ended, derived, rule = period(record)
    if rule is _COMPLETED:  # the one rule period gives for 'abgeschlossen'
        return Status("ended", False, None, None, False, rule)
    if start is None and end is None and not open_ended:
        return Status("unknown", False, None, None, False, rule)
    if start is not None and on < start:
        return Status("planned", False, start, end, derived, rule)
    if end is not None:
        return Status("ended" if on > end else "running", False, start, end, derived, rule)
    if open_ended:
        return Status("running", True, start, None, derived, rule)
    return Status("unknown", False, start, None, derived, rule)


def matches(status: Status, wanted: str) -> bool:
    """--status: a later source's report weighs as in `Status.weighed` (V.9, ended 11/2024 by its
    runtime, reported running in 10/2025, is running); open-ended: running without an end."""
    reported = status.reported
    if reported and not reported.get("inference"):
        return bool(reported["reports_status"] == ("running" if wanted == "open-ended" else wanted))
    if wanted == "open-ended":
        return status.status == "running" and status.open_ended
    return status.status == wanted


def check_status(value: str) -> str:
    """--status in English or German, any case, umlauts or ae/oe/ue/ss: laufend = läuft = laeuft =
    running, beendet = ended, …"""
    from fko.german import normalise

    wanted = value.strip().lower().replace("_", "-").replace(" ", "-")
    wanted = next((status for word, status in GERMAN_STATUS.items() if normalise(word) == normalise(wanted)), wanted)
    if wanted not in STATUSES:
        german = ", ".join(sorted(GERMAN_STATUS))
        raise UsageError(
            _("unknown status '{value}'; use one of {statuses} (or {german})").format(
                value=value, statuses=", ".join(STATUSES), german=german
            )
        )
    return wanted


def on_date(text: str | None) -> dt.date:
    """The --on date of a command: the given one, or today."""
    return parse_date(text) if text else dt.date.today()
