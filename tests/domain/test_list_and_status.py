"""`fko list`'s records: built once in the model's key order, whatever the store's order, with
the status rules giving exactly what they gave before they were made faster."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko.domain import status as S
from fko.domain.status import status_in, statuses_in
from fko.model.outputs import output_keys
from fko.store.fileformat import SHIPPED
from fko.store.reader import Store, memory_store
from fko.views.rows import list_row, records
from tests.conftest import Result

Fko = Callable[..., Result]
ON = dt.date(2025, 11, 1)


def _old_row(record: dict[str, Any], store: Store) -> dict[str, Any]:
    """How `fko list` built a record before list_row: merged, then reordered by `records`."""
    found = status_in(store, record, ON)
    return records("list", [{**record, "on": ON.isoformat(), **found.as_row(), "status_label": found.label()}])[0]


def test_list_rows_are_the_records_in_model_order_and_passed_on_as_they_are(store: Store) -> None:
    pool = store.measures() + store.table("initiatives")
    rows = [list_row(r, ON.isoformat(), s) for r, s in zip(pool, statuses_in(store, pool, ON), strict=True)]
    assert list(store.measures()[0]) != list(rows[0])[:20]  # the store's keys are sorted, not in model order
    assert [list(r) for r in rows[:2]] == [[k for k in output_keys("list") if k != "date"]] * 2
    assert list(rows[-1]) == list(output_keys("list"))  # an initiative has a date
    out = records("list", rows)
    assert all(o is r for o, r in zip(out, rows, strict=True))  # no second copy
    old = [_old_row(r, store) for r in pool]
    assert [json.dumps(o) for o in out] == [json.dumps(o) for o in old]  # same keys, order and values
    iv1 = next(r for r in out if r["id"] == "IV.1")  # 06/2023 bis mind. Ende der Legislaturperiode
    assert (iv1["status"], iv1["period_start"], iv1["on"]) == ("running", "2023-06-01", "2025-11-01")


def test_records_reorder_a_row_in_another_order_and_keep_a_missing_key_an_error(store: Store) -> None:
    record = store.measures()[0]
    found = status_in(store, record, ON)
    shuffled = dict(reversed(list(record.items())))
    row = list_row(shuffled, ON.isoformat(), found)
    assert list(row) == [k for k in output_keys("list") if k != "date"]
    odd = list_row({**shuffled, "extra": 1}, ON.isoformat(), found)  # not a checked record: merged as before
    assert list(odd)[:2] == ["urls_text", "urls"] and "extra" in odd
    assert list(records("list", [odd])[0]) == list(row) and records("list", [odd]) == [row]
    reversed_row = dict(reversed(list(row.items())))
    assert records("list", [reversed_row]) == [row] and list(records("list", [reversed_row])[0]) == list(row)
    lacking = {k: v for k, v in record.items() if k != "title"}
    with pytest.raises(KeyError):  # a missing key stays an error, never a null
        records("list", [list_row(lacking, ON.isoformat(), found)])


def test_a_store_with_its_keys_in_another_order_lists_the_same_bytes(fko: Fko, tmp_path: Path) -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    for name in ("measures", "initiatives"):
        data[name] = {k: dict(reversed(list(r.items()))) for k, r in data[name].items()}
    other = tmp_path / "reversed.json"
    other.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert list(data["measures"]["1"])[0] == "urls_text"
    for args in (
        ["list", "--json"],
        ["list", "--source", "all", "--on", "2025-11-01", "--jsonl"],
        ["list", "--status", "running", "--on", "2024-06-01", "--csv"],
        ["list", "--on", "2025-11-01", "--fields", "id,status,date"],
        ["list", "--on", "2025-11-01"],
    ):
        shipped = fko(*args)
        assert shipped.code == 0 and shipped.out.count("IV.1") >= 1, shipped.err
        assert fko("--db", str(other), *args).out == shipped.out, args


def _reports(measure: str, *dated: tuple[str, str, str | None]) -> list[dict[str, Any]]:
    return [{"measure_id": measure, "date": d, "source": s, "reports_status": r} for d, s, r in dated]


def test_statuses_in_index_the_updates_and_agree_with_status_in(tables: dict[str, list[dict[str, Any]]]) -> None:
    updates = [
        *_reports("IV.1", ("2024-03", "b.txt", "running"), ("2025-10", "a.txt", "ended"), ("2025-10", "a.txt", "x")),
        *_reports("V.9", ("2025-10", "z.txt", "running"), ("2025-10", "a.txt", "planned"), ("2026", "z.txt", "ended")),
        *_reports("IV.2", ("2024", "c.txt", None)),  # reports no status: never the report
    ]
    store = memory_store({**tables, "updates": [{**u, "quote": "q", "title": "t"} for u in updates]})
    pool = store.measures() + store.table("initiatives")
    for day in (dt.date(2023, 1, 1), dt.date(2024, 3, 1), dt.date(2025, 10, 1), ON, dt.date(2026, 6, 1)):
        assert statuses_in(store, pool, day) == [status_in(store, r, day) for r in pool]
    found = dict(zip([r["id"] for r in pool], statuses_in(store, pool, ON), strict=True))
    assert found["IV.1"].reported is not None and found["IV.1"].reported["reports_status"] == "ended"  # first of equals
    assert found["V.9"].reported is not None and found["V.9"].reported["source"] == "z.txt"
    assert found["IV.2"].reported is None
    assert statuses_in(store, [], ON) == []


def test_statuses_in_read_the_updates_once_not_once_a_record(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Indexed by measure: measures + updates, not measures × updates (list, timeline)."""
    reads: list[str] = []
    original = Store.table

    def table(self: Store, name: str) -> list[dict[str, Any]]:
        reads.append(name)
        return original(self, name)

    monkeypatch.setattr(Store, "table", table)
    pool = store.measures()
    reads.clear()
    found = statuses_in(store, pool, ON)
    assert reads == ["updates"] and len(found) == 64
    assert sum(s.reported is not None for s in found) >= 3  # the shipped store's later reports (V.9, IV.1, …)


# --- the status rules: the faster `period` gives exactly what it gave before -----------------


def _old_period(record: dict[str, Any]) -> tuple[Any, ...]:
    """fko.status.period before the substring prefilters (the oracle, copied unchanged)."""
    runtime = record.get("runtime") or {}
    text = runtime.get("text") or ""
    start_iso, end_iso = runtime.get("start"), runtime.get("end")
    if "abgeschlossen" in text and re.search(r"\babgeschlossen\b", text):
        return None, None, False, False, "the report states 'abgeschlossen' (completed)"
    if not start_iso and not end_iso:
        in_force = record.get("in_force") or ""
        date = in_force and re.search(r"(\d{2})\.(\d{2})\.(\d{4})", in_force)
        quarter = "Quartal" in in_force and re.search(r"(\d)\. Quartal (\d{4})", in_force)
        if date:
            day = dt.date(int(date.group(3)), int(date.group(2)), int(date.group(1)))
            return day, None, True, True, "no runtime: in force since the stated date, without an end"
        if quarter:
            day = dt.date(int(quarter.group(2)), 3 * int(quarter.group(1)) - 2, 1)
            return day, None, True, True, "no runtime: expected in force from the first day of the stated quarter"
        if "laufend" in text and re.search(r"\blaufend\b", text):
            return None, None, True, False, "the report states 'laufend' (ongoing) without dates"
        return None, None, False, False, "no runtime stated"
    derived = False
    rules = []
    start = S.first_day(start_iso) if start_iso else None
    end = S.last_day(end_iso) if end_iso else None
    if start and start_iso and len(start_iso) == 4:
        head = text.split(" bis ")[0]
        seasons = sorted(
            (head.find(f"{name} {start_iso}"), name) for name in S._SEASON if f"{name} {start_iso}" in head
        )
        if f"Ende {start_iso}" in head:
            start, derived = dt.date(int(start_iso), 12, 1), True
            rules.append("'Ende YYYY' as a start means December")
        elif seasons:
            season = seasons[0][1]
            start, derived = dt.date(int(start_iso), S._SEASON[season], 1), True
            rules.append(f"'{season} {start_iso}' starts in month {S._SEASON[season]}")
        elif f"Schuljahr {start_iso}/" in head:
            start, derived = dt.date(int(start_iso), 8, 1), True
            rules.append("a school year starts on 1 August")
    open_ended = False
    if end is None and start is not None:
        limited = S._LIMITED.search(text)
        if limited and limited.group(1) in S._NUMBERS:
            end, derived = S._add_years(start, S._NUMBERS[limited.group(1)]), True
            years = S._NUMBERS[limited.group(1)]
            rules.append(f"'Befristung auf {limited.group(1)} Jahre' ends {years} years after the start")
        elif S._OPEN.search(text):
            open_ended = True
            if "Legislaturperiode" in text:
                derived = True
                rules.append(
                    "'bis mind. Ende der Legislaturperiode': at least until the end of the legislative "
                    "period, treated as open-ended"
                )
            else:
                rules.append("'seit', 'ab', 'laufend', 'fortlaufend', 'unbefristet' or 'dauerhaft': no end")
        elif (
            start_iso and len(start_iso) == 10 and " bis " not in text and (one := S._ONE_DAY.search(S._about(record)))
        ):
            end, derived = start, True
            rules.append(
                f"a single full date, and the report describes one event ({one.group(0)!r}): an event that day"
            )
        elif start_iso and len(start_iso) == 10 and " bis " not in text:
            rules.append(
                "a single full date: the report does not say that the measure ends that day, so the end is unknown"
            )
        else:
            rules.append("only a start is stated: the end is unknown")
    return start, end, open_ended, derived, "; ".join(rules) or "stated start and end"


def _old_derived_status(record: dict[str, Any], on: dt.date) -> S.Status:
    start, end, open_ended, derived, rule = _old_period(record)
    text = (record.get("runtime") or {}).get("text") or ""
    if "abgeschlossen" in text and re.search(r"\babgeschlossen\b", text):
        return S.Status("ended", False, None, None, False, rule)
    if start is None and end is None and not open_ended:
        return S.Status("unknown", False, None, None, False, rule)
    if start is not None and on < start:
        return S.Status("planned", False, start, end, derived, rule)
    if end is not None:
        return S.Status("ended" if on > end else "running", False, start, end, derived, rule)
    if open_ended:
        return S.Status("running", True, start, None, derived, rule)
    return S.Status("unknown", False, start, None, derived, rule)


_YEARS = st.integers(2019, 2028).map(str)
_ISO = st.one_of(
    _YEARS,
    st.builds(lambda y, m: f"{y}-{m:02d}", _YEARS, st.integers(1, 12)),
    st.builds(lambda y, m, d: f"{y}-{m:02d}-{d:02d}", _YEARS, st.integers(1, 12), st.integers(1, 28)),
)
#: Pieces of the report's runtime wording, the words each rule looks for, and near misses; {Y}
#: is the start's year, so that the rules for a year ("Ende 2023") fire.
_PIECES = (
    *(f"{w} {{Y}}" for w in ("Ende", "Frühjahr", "Sommer", "Herbst", "Winter", "Schuljahr", "seit", "ab", "")),
    *("Schuljahr {Y}/", "{Y}/", "Ende{Y}", "Herbst{Y}", "{Y}", "Ende ", "Sommer ", "Schuljahr ", "ab ", "Ab "),
    *("bis", " bis ", "laufend", "fortlaufend", "Laufend", "unbefristet", "DAUERHAFT", "abgeschlossen"),
    *("abgeschlossene", "mind. Ende der Legislaturperiode", "Legislaturperiode", "Befristung auf ", " Jahre"),
    *("Befristung auf zwei Jahre", "Befristung auf zehn Jahre", "fünf", "/", "(", ")", ", ", "\n", " "),
    *("ſeit", "İ", "zunächst"),
)
_TEXT = st.lists(st.one_of(st.sampled_from(_PIECES), _YEARS, st.text(max_size=4)), max_size=8).map("".join)
_ABOUT = st.sampled_from([None, "", "einen ganztägigen Kongress", "Bewerbertag in Köln", "Runde Tische"])
_IN_FORCE = st.sampled_from([None, "", "07.12.2023", "voraussichtlich 4. Quartal 2024", "ab 1. Quartal 2025", "bald"])


def _record(text: str | None, start: str | None, end: str | None, title: str | None, in_force: str | None) -> Any:
    text = text and text.replace("{Y}", (start or end or "2024")[:4])
    return {"runtime": {"text": text, "start": start, "end": end}, "title": title, "in_force": in_force}


@given(
    text=st.one_of(st.none(), _TEXT),
    start=st.one_of(st.none(), _ISO),
    end=st.one_of(st.none(), st.none(), _ISO),
    title=_ABOUT,
    in_force=_IN_FORCE,
    on=st.dates(dt.date(2018, 1, 1), dt.date(2030, 12, 31)),
)
def test_period_and_status_are_what_the_rules_gave_before(
    text: str | None, start: str | None, end: str | None, title: str | None, in_force: str | None, on: dt.date
) -> None:
    record = _record(text, start, end, title, in_force)
    assert S.period(record) == S.runtime_period(record) == _old_period(record)
    old = _old_derived_status(record, on)
    if S.status_note(record) is None:  # the report's own qualifying words change nothing else
        assert S.status_on(record, on) == old
    elif "voraussichtlich" in (in_force or ""):  # an expected start: never more than expected
        new = S.status_on(record, on)
        # a start stated as a year only (III.8 "ab 2024") may still be ahead during that year
        in_start_year = len(start or "") == 4 and old.start == dt.date(on.year, 1, 1)
        assert new.status == ("expected" if old.status == "planned" or in_start_year else "unknown"), (new, old)
        assert new.note == f"Inkrafttreten {' '.join(in_force.split())}" and new.derived


def test_every_pair_of_pieces_keeps_its_period() -> None:
    """Beside the random texts: every text of two pieces, with the start's forms and no end, the
    cases the prefilters decide."""
    for first, second in itertools.product(_PIECES, repeat=2):
        for start in ("2023", "2023-05", "2023-05-04", None):
            for end in (None, "2025"):
                record = _record(first + second, start, end, "Kongress", None)
                assert S.period(record) == _old_period(record), record


def test_the_shipped_records_keep_their_periods(store: Store) -> None:
    pool = store.measures() + store.table("initiatives")
    assert [S.runtime_period(r) for r in pool] == [_old_period(r) for r in pool]
    # every period is its runtime's but I.11's: "verstetigt" (made permanent) goes on past 07/2026
    assert [r["id"] for r in pool if S.period(r) != _old_period(r)] == ["I.11"]
    start, end, open_ended, derived, rule = S.period(next(r for r in pool if r["id"] == "I.11"))
    assert (start, end, open_ended, derived) == (dt.date(2020, 8, 1), None, True, True)
    assert rule.endswith("made permanent, so it goes on past its runtime's end 2026-07-31")
    noted = {r["id"]: S.status_note(r) for r in pool if S.status_note(r)}
    assert noted == {
        "I.11": "mit dem Haushaltsplan 2024 verstetigt",
        "II.8": "weitere Durchgänge geplant",
        "II.9": "weitere Durchgänge geplant",
        "III.1": "Inkrafttreten voraussichtlich 4. Quartal 2024",
        "III.8": "Gesetz zur Änderung des Hochschulgesetzes beim Landtag eingebracht (Erste Lesung am 24. April 2024)",
        "V.4": "Entwurfs der Siebten Verordnung zur Änderung der Ausbildungs- und Prüfungsordnung Berufskolleg",
        "VI.5": "Wer einen ausländischen Studienabschluss erworben hat, kann seither schneller und unbürokratisch in "
        "Kindertageseinrichtungen in Nordrhein-Westfalen eine Arbeitsstelle antreten",
        "VI.7": "Beginn/Laufzeit voraussichtlich Herbst 2024",
    }
    plain = [r for r in pool if r["id"] not in noted]
    for day in (dt.date(2023, 1, 1), dt.date(2024, 6, 1), ON, dt.date(2028, 1, 1)):
        assert [S.status_on(r, day) for r in plain] == [_old_derived_status(r, day) for r in plain]
    rules = "\n".join(S.period(r)[4] for r in pool)  # the prefiltered rules are among them
    assert "a school year starts on 1 August" in rules and "'Ende YYYY' as a start means December" in rules
    assert "'Herbst 2024' starts in month 9" in rules and "'Befristung auf fünf Jahre' ends 5 years" in rules


def test_lead_starts_in_and_ends_in(fko: Callable[..., Result]) -> None:
    """--lead: the measures whose first-named ministry it is; --starts-in/--ends-in: the measures
    whose interpreted period starts or ends in a year."""
    led = [r["id"] for r in fko("list", "--lead", "MWIKE", "--json").json()]
    assert led == ["II.1", "III.2", "III.3", "III.4", "IV.5", "V.1", "V.2", "V.10", "VI.2"]
    assert "VI.3" not in led  # "MAGS, MWIKE": led by MAGS
    member = {r["id"] for r in fko("list", "--ressort", "MWIKE", "--json").json()}
    assert set(led) < member and "VI.3" in member
    ending = [r["id"] for r in fko("list", "--ends-in", "2026", "--json").json()]
    assert ending == ["I.8", "III.10", "III.11", "III.12", "V.7"]  # not I.11: verstetigt, past 07/2026
    during = {r["id"] for r in fko("list", "--during", "2027", "--json").json()}
    assert "I.11" in during and "I.1" in during  # I.1 runs to 04/2028
    starting = [r["id"] for r in fko("list", "--starts-in", "2024", "--lead", "MAGS", "--json").json()]
    assert starting == ["III.10", "IV.10", "VI.3"]  # not III.1 or VI.7: only expected ("voraussichtlich")
    out = fko("list", "--lead", "MAGS", "--ends-in", "2026").out
    assert out.splitlines()[0] == "2 measures ending in 2026"
    assert fko("list", "--lead", "XYZ").code == 2


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("01.06.2024", "2024-06-01"),
        ("1.6.2024", "2024-06-01"),
        ("2024-6-1", "2024-06-01"),
        ("6/2024", "2024-06"),
        ("06.2024", "2024-06"),
        (" 2024-06 ", "2024-06"),
        ("2024", "2024"),
        ("31.02.2024", None),
        ("2024-13", None),
        ("gestern", None),
        ("", None),
    ],
)
def test_a_date_as_people_write_it_in_iso_form_of_the_same_precision(text: str, iso: str | None) -> None:
    from fko.domain.status import iso_date

    assert iso_date(text) == iso
