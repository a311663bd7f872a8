"""Status rules reviewed against the report's texts, and later sources weighed beside the runtime."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fko.domain.measures import get
from fko.domain.status import matches, status_in, status_on
from fko.store.reader import Store

from ..conftest import Result

JAN_2026 = dt.date(2026, 1, 1)


def test_a_single_full_date_is_an_event_only_where_the_report_says_so(store: Store) -> None:
    # V.2: each house holds a round table in different regions; the end is not stated
    v2 = status_on(get(store, "V.2"), dt.date(2024, 7, 1))
    assert (v2.status, v2.end) == ("unknown", None)
    assert "does not say that the measure ends that day" in v2.rule
    # V.10: "einen ganztägigen Kongress" on 23.05.2024
    v10 = status_on(get(store, "V.10"), dt.date(2024, 7, 1))
    assert (v10.status, v10.end, v10.derived) == ("ended", dt.date(2024, 5, 23), True)


def test_a_later_source_reports_v9_running_beside_the_runtime(store: Store) -> None:
    v9 = status_in(store, get(store, "V.9"), JAN_2026)
    assert v9.status == "ended"  # 11/2023, zunächst bis 11/2024
    assert v9.reported is not None
    assert (v9.reported["reports_status"], v9.reported["date"], v9.reported["source"]) == (
        "running",
        "2025-10",
        "001_4b5943aa954268f7.txt",
    )
    assert v9.label() == "running (reported 2025-10); from the runtime: ended"
    assert matches(v9, "running") and not matches(v9, "ended")
    # before the report of 10/2025 only the runtime speaks
    assert status_in(store, get(store, "V.9"), dt.date(2025, 6, 1)).reported is None


def test_vi7_running_is_marked_as_fkos_inference(store: Store) -> None:
    vi7 = status_in(store, get(store, "VI.7"), JAN_2026)
    assert vi7.status == "unknown" and vi7.reported is not None
    assert vi7.reported["date"] == "2025-12"
    assert vi7.label() == "running (reported 2025-12, fko's inference); from the runtime: unknown (derived)"
    assert "no source says" in vi7.as_row()["reported_inference"]


def test_show_list_and_compare_cite_the_evidence(fko: Callable[..., Result]) -> None:
    shown = fko("show", "V.9", "--on", "2026-01-01").out
    assert "running (reported 2025-10, source dhb, 2025-10)" in shown
    assert "dhb: Deutsches Handwerksblatt, Oktober 2025" in shown  # the key named once, with its title
    assert "from the report's runtime: ended on 2026-01-01 — rule: stated start and end" in shown
    assert "„Unter dem Dach der Landesinitiative setzen wir" in shown
    running = fko("list", "--status", "running", "--on", "2026-01-01", "--json").json()
    v9 = next(r for r in running if r["id"] == "V.9")
    assert (v9["status"], v9["reported_status"], v9["reported_date"]) == ("ended", "running", "2025-10")
    rows = fko("compare", "V.9", "VI.7", "--on", "2026-01-01", "--json").json()
    assert [r["reported_status"] for r in rows] == ["running", "running"]
