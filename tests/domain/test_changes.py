"""`fko changes`: dated facts after a date, newest first, figures with their previous value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko.domain.changes import change_rows, window
from fko.errors import FkoError, UsageError
from fko.store.reader import Store, memory_store
from fko.views.changes import change_text

from ..conftest import Result


def test_since_2025_lists_the_newer_sources_and_not_the_report(store: Store) -> None:
    rows = change_rows(store, window(store, "2025-01", None))
    assert rows and all(r["date"] >= "2025-01" for r in rows)
    assert {r["source_key"] for r in rows} == {"dhb", "whkt", "rvr"}
    prize = [r for r in rows if r["measure_id"] == "IV.1" and r["kind"] == "indicator"]
    assert len(prize) == 1
    assert prize[0]["value"] == 7000 and prize[0]["qualifier"] == "fast" and prize[0]["approximate"]
    assert (prize[0]["previous_value"], prize[0]["previous_date"]) == (2186, "2024-03-31")
    assert prize[0]["change"] == 4814 and prize[0]["change_approximate"] is True
    titles = " | ".join(r["title"] for r in rows)
    assert "FAI NRW" in titles and "Modernisierungspakt II" in titles
    dates = [r["date"] for r in rows if r["kind"] != "event"]
    assert dates[0] == "2025-12" and dates[-1] == "2025-10"
    events = [r["date"] for r in rows if r["kind"] == "event"]
    assert events[0] == "2027" and events[-1] == "2025-03-19"  # next ÜBS-Förderkonferenz; RVR series start


def test_default_starts_after_the_report_date(store: Store) -> None:
    span = window(store, None, None)
    assert span.since is not None and span.since.isoformat() == "2024-05-01"
    rows = change_rows(store, span)
    # a fact of the report itself is no change after the report, even one it dates later: V.10's
    # congress (23.05.2024 by its runtime), III.10's deadline (30.06.2025), I.10's rules (to 2030)
    assert rows and {r["source_key"] for r in rows} == {"dhb", "whkt", "rvr"}
    later = [e for e in store.table("events") if e["source"] == "002_a45909dfd521d212.txt" and e["date"] > "2024-05"]
    assert {(e["measure_id"], e["date"]) for e in later} >= {("V.10", "2024-05-23"), ("III.10", "2025-06-30")}
    assert not {(r["measure_id"], r["date"]) for r in rows} & {(e["measure_id"], e["date"]) for e in later}
    # since a date before the report's, the report's facts dated since then are changes
    spring = change_rows(store, window(store, "2024-04", None))
    assert ("V.10", "2024-05-23") in {(r["measure_id"], r["date"]) for r in spring} and len(spring) > len(rows)


def test_until_kind_and_measure_filters(store: Store) -> None:
    spring = change_rows(store, window(store, "2024-03", "2024-04"), kinds=["indicator"])
    assert {r["date"] for r in spring} == {"2024-03-18", "2024-03-31", "2024-04"}
    first = next(r for r in spring if r["measure_id"] == "IV.1" and r["value"] == 2186)
    assert first["previous_value"] is None and first["change"] is None
    vi7 = change_rows(store, window(store, "2020", None), ids=["VI.7"])
    assert [r["date"] for r in vi7] == ["2025-12", "2025-11-06", "2025-10"]
    assert {r["kind"] for r in vi7} == {"update"}
    mags = change_rows(store, window(store, "2025", None), ressorts=["mags"], kinds=["initiative"])
    assert {r["measure_id"] for r in mags} == {"N.1", "N.2", "N.3", "N.4"}
    assert change_rows(store, window(store, "2025", None), clusters=["I"]) == []


def test_a_growing_series_shows_each_step(store: Store) -> None:
    rows = change_rows(store, window(store, "2020", None), ids=["III.6"], kinds=["indicator"])
    assert [(r["date"], r["value"], r["change"]) for r in rows] == [
        ("2023", 900, None),  # PIA-K places, a series of its own
        ("2023", 1277, 428),
        ("2022", 849, 453),
        ("2021", 396, None),
    ]


def test_events_are_included_where_the_store_has_them(tables: dict[str, list[dict[str, Any]]]) -> None:
    event = {
        "measure": "VI.7",
        "title": "Fachkräfte-Reihe: Welcome Ruhrgebiet",
        "date": "2025-11-06",
        "date_text": "06.11.2025",
        "place": "Essen",
        "status": "held",
        "source": "004_f790c0335cc9d5ae.txt",
        "source_date": "2025-11",
        "quote": "Auch die NRW Fachkräfteagentur International aus Düsseldorf präsentierte ihre Angebote.",
        "inference": None,
    }
    with_events = memory_store({**tables, "events": [event]})
    rows = change_rows(with_events, window(with_events, "2025-11", None), kinds=["event"])
    assert [(r["title"], r["place"], r["date_text"], r["source_key"]) for r in rows] == [
        ("Fachkräfte-Reihe: Welcome Ruhrgebiet", "Essen", "06.11.2025", "rvr")
    ]
    without = memory_store({name: rows for name, rows in tables.items() if name != "events"})
    assert change_rows(without, window(without, "2025-11", None), kinds=["event"]) == []


def test_change_text() -> None:
    assert change_text(4814, True) == "+≈4.800"
    assert change_text(4814, False) == "+4.814"
    assert change_text(-37, False) == "-37"
    assert change_text(0, False) == "±0"
    assert change_text(None, None) == ""


def test_dates_as_people_write_them(store: Store) -> None:
    german = change_rows(store, window(store, "01.12.2025", "12.2025"))
    assert german == change_rows(store, window(store, "2025-12", "2025-12"))
    assert {r["date"][:7] for r in german} == {"2025-12"} and len(german) == 7


def test_bad_dates_are_usage_errors(store: Store) -> None:
    with pytest.raises(UsageError, match="--since"):
        window(store, "Oktober", None)
    with pytest.raises(UsageError, match="--until"):
        window(store, None, "2025-13")
    with pytest.raises(UsageError, match="before the start"):
        window(store, "2025", "2024")


@given(st.text(max_size=20))
def test_any_date_text_is_a_date_or_a_usage_error(text: str) -> None:
    store = memory_store({"sources": [], "meta": []})
    try:
        span = window(store, text, None)
    except UsageError:
        return
    assert span.since is not None


def test_cli_text_json_csv(fko: Callable[..., Result]) -> None:
    text = fko("changes", "--since", "2025-01")
    assert text.code == 0, text.err
    assert text.out.startswith("26 changes reported since 2025-01, newest first\n")
    assert "Meisterprämien ausgezahlt: 2.186 (2024-03-31) → fast 7.000 (2025-10), +≈4.800" in text.out
    assert "2024-04" not in text.out.replace("(2024-03-31)", "")
    data = fko("changes", "--since", "2025-01", "--json").json()
    assert len(data) == 26 and data[0]["date"] == "2027"
    assert len([r for r in data if r["kind"] != "event"]) == 10
    csv = fko("changes", "iv.1", "--since", "2024", "--csv", "--fields", "date,value,change")
    assert csv.out.splitlines() == [
        "\ufeffdate;value;change",
        "2025-10;;",
        "2025-10;7000;4814",
        "2024-04;2500;",
        "2024-03-31;2186;",
    ]
    empty = fko("changes", "--since", "2030")
    assert (empty.code, empty.out) == (0, "No changes reported since 2030.\n")
    assert fko("changes", "--since", "2030", "--json").json() == []


def test_cli_errors(fko: Callable[..., Result]) -> None:
    assert fko("changes", "--since", "letzte Woche").code == 2
    bad_kind = fko("changes", "--kind", "rumour")
    assert bad_kind.code == 2 and "is not one of 'update', 'indicator', 'event', 'initiative'" in bad_kind.err
    unknown = fko("changes", "IV.99")
    assert unknown.code == 1 and "IV.99" in unknown.err
    assert isinstance(FkoError("x"), Exception)


def test_until_counts_to_the_end_of_a_month_or_year_since_from_its_first_day(store: Store) -> None:
    for until in ("06/2024", "2024-06", "6/2024"):
        assert window(store, "2020", until).until == dt.date(2024, 6, 30), until
    assert window(store, "2020", "2024").until == dt.date(2024, 12, 31)
    assert window(store, "2020", "2024-06-15").until == dt.date(2024, 6, 15)
    assert window(store, "06/2024", None).since == dt.date(2024, 6, 1)
    assert window(store, "2024", None).since == dt.date(2024, 1, 1)
    # the store's 2024-05-23 fact counts up to May 2024 written either way, not up to its first day
    may = [r["date"] for r in change_rows(store, window(store, "2020", "05/2024"))]
    assert may[0] == "2024-05-23" and may == [r["date"] for r in change_rows(store, window(store, "2020", "2024-05"))]
    assert change_rows(store, window(store, "2020", "01.05.2024"))[0]["date"] == "2024-04-24"  # III.8's first reading


def test_a_planned_event_whose_date_passed_is_not_shown_as_planned(fko: Callable[..., Result]) -> None:
    """The WHKT (12/2025) plans the JVA Werkstatt-Tage for "21. und 22. April 2026" and "28. und 29.
    April 2026", the RVR its evening for 27.11.2025: once the date has passed they read "planned, date
    passed, no report since", never "planned" and never "held" (no source reports that they took place)."""
    rows = fko("changes", "--since", "2025-01", "--kind", "event", "--json").json()
    by_date = {(r["date"], r["title"]): r for r in rows}
    jva = by_date[("2026-04-21", "Werkstatt-Tage 2026: JVA Bochum-Langendreer öffnet für Handwerksbetriebe")]
    assert (jva["event_status"], jva["event_date_passed"]) == ("planned", True)
    held = [r for r in rows if r["event_status"] == "held"]
    assert held and all(r["event_date_passed"] is None for r in held)
    next_one = next(r for r in rows if r["date"] == "2027")  # "für das Jahr 2027 geplant"
    assert next_one["event_date_passed"] is (dt.date.today() > dt.date(2027, 12, 31))
    out = fko("changes", "--since", "2025-01", "--kind", "event").out
    assert "2026-04-21 (am 21. und 22. April 2026)  (no measure)  [event: planned, date passed, no report since]" in out
    assert (
        "2025-11-27 (27. November 2025 von 17:00 Uhr bis 19:00 Uhr)  (no measure)  [event: planned, date passed" in out
    )
