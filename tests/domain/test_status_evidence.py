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


def test_vi7_inference_stands_beside_the_status_and_selects_nothing(store: Store, fko: Callable[..., Result]) -> None:
    """fko's own inference (the FAI NRW is VI.7's IFA NRW) is shown beside the status and never
    changes what --status selects: VI.7 ("voraussichtlich Herbst 2024") stays unknown."""
    vi7 = status_in(store, get(store, "VI.7"), JAN_2026)
    assert vi7.status == "unknown" and vi7.reported is not None
    assert vi7.reported["date"] == "2025-12"
    assert vi7.weighed() == "unknown"
    assert vi7.label() == (
        "unknown (derived); reported running 2025-12 only by fko's inference; the report: Beginn/Laufzeit "
        "voraussichtlich Herbst 2024"
    )
    row = vi7.as_row()
    assert "no source says" in row["reported_inference"]
    assert (row["reported_status"], row["weighed_status"]) == ("running", "unknown")
    assert matches(vi7, "unknown") and not matches(vi7, "running")
    running = {r["id"] for r in fko("list", "--status", "running", "--on", "2026-01-01", "--json").json()}
    assert "VI.7" not in running and "V.9" in running
    unknown = {r["id"] for r in fko("list", "--status", "unknown", "--on", "2026-01-01", "--json").json()}
    assert "VI.7" in unknown


def test_show_list_and_compare_cite_the_evidence(fko: Callable[..., Result]) -> None:
    shown = fko("show", "V.9", "--on", "2026-01-01").out
    assert "running (reported 2025-10, source dhb)" in shown and "2025-10, source dhb, 2025-10" not in shown
    assert "dhb: Deutsches Handwerksblatt, Oktober 2025" in shown  # the key named once, with its title
    assert "from the report's runtime: ended on 2026-01-01 — rule: stated start and end" in shown
    assert "„Unter dem Dach der Landesinitiative setzen wir" in shown
    running = fko("list", "--status", "running", "--on", "2026-01-01", "--json").json()
    v9 = next(r for r in running if r["id"] == "V.9")
    assert (v9["status"], v9["reported_status"], v9["reported_date"]) == ("ended", "running", "2025-10")
    rows = fko("compare", "V.9", "VI.7", "--on", "2026-01-01", "--json").json()
    assert [r["reported_status"] for r in rows] == ["running", "running"]
    assert [r["weighed_status"] for r in rows] == ["running", "unknown"]  # VI.7's report is fko's inference


def test_an_expected_date_or_a_draft_is_never_running(store: Store, fko: Callable[..., Result]) -> None:
    """III.1 "Inkrafttreten voraussichtlich 4. Quartal 2024" and V.4 "Entwurf der Siebten
    Verordnung" are expected before their date and unknown after it until a source confirms them."""
    for measure_id, start in (("III.1", dt.date(2024, 10, 1)), ("V.4", dt.date(2024, 8, 1))):
        before = status_on(get(store, measure_id), dt.date(2024, 6, 1))
        after = status_on(get(store, measure_id), JAN_2026)
        assert (before.status, before.start, after.status) == ("expected", start, "unknown"), measure_id
        assert "no source confirms that it started" in after.rule
    assert status_on(get(store, "V.4"), JAN_2026).note == (
        "Entwurfs der Siebten Verordnung zur Änderung der Ausbildungs- und Prüfungsordnung Berufskolleg"
    )
    expected = fko("list", "--status", "expected", "--on", "2024-06-01", "--json").json()
    assert [r["id"] for r in expected] == ["III.1", "III.8", "V.4", "VI.7"]
    running = {r["id"] for r in fko("list", "--status", "laufend", "--on", "2025-01-01", "--json").json()}
    assert not running & {"III.1", "III.8", "V.4", "VI.7"}
    assert fko("list", "--status", "erwartet", "--on", "2024-06-01", "--json").json() == expected


def test_a_bill_at_first_reading_is_expected_then_unknown(store: Store, fko: Callable[..., Result]) -> None:
    """III.8 "ein Gesetz zur Änderung des Hochschulgesetzes beim Landtag eingebracht (Erste Lesung am
    24. April 2024)", "Beginn/Laufzeit ab 2024": expected during 2024, unknown after it until a source
    confirms the law; never running (2.2.0: running, open-ended)."""
    bill = "Gesetz zur Änderung des Hochschulgesetzes beim Landtag eingebracht (Erste Lesung am 24. April 2024)"
    for day, state in ((dt.date(2024, 6, 1), "expected"), (dt.date(2024, 12, 31), "expected"), (JAN_2026, "unknown")):
        iii8 = status_on(get(store, "III.8"), day)
        assert (iii8.status, iii8.open_ended, iii8.derived, iii8.note) == (state, False, True, bill), day
    shown = fko("show", "III.8", "--on", "2024-06-01").out
    assert "expected (derived)" in shown and bill in shown
    assert "III.8" not in {r["id"] for r in fko("list", "--status", "running", "--json").json()}


def test_verstetigt_goes_on_past_the_runtime_and_stands_beside_the_status(
    store: Store, fko: Callable[..., Result]
) -> None:
    """I.11 (08/2020 bis 07/2026) "mit dem Haushaltsplan 2024 verstetigt": made permanent, it goes
    on past its runtime (issue #23: "'verstetigt' (I.11) means the measure goes on past its
    runtime"), the report's words beside the status; list, show and timeline agree. Its money, "rund
    1 Mrd. Euro für die gesamte Laufzeit", stays on the runtime's months (budget)."""
    i11 = status_on(get(store, "I.11"), dt.date(2026, 12, 1))
    assert (i11.status, i11.open_ended, i11.end) == ("running", True, None)
    assert i11.note == "mit dem Haushaltsplan 2024 verstetigt"
    row = next(r for r in fko("list", "--json", "--on", "2026-12-07").json() if r["id"] == "I.11")
    assert (row["status"], row["period_end"], row["status_note"]) == (
        "running",
        None,
        "mit dem Haushaltsplan 2024 verstetigt",
    )
    shown = fko("show", "I.11", "--on", "2026-12-07").out
    assert "made permanent, so it goes on past its runtime's end 2026-07-31" in shown
    assert "\n    the report: mit dem Haushaltsplan 2024 verstetigt" in shown
    line = next(r for r in fko("timeline", "--json", "--on", "2026-12-07").json() if r["id"] == "I.11")
    assert (line["status"], line["period_end"]) == ("running", None)
    budget = next(r for r in fko("budget", "I.11", "--json").json())
    assert budget["period_end"] == "2026-07-31"


def test_abgeschlossen_is_ended_and_what_it_issued_applies_since(store: Store, fko: Callable[..., Result]) -> None:
    """VI.5 "Beginn/ Laufzeit abgeschlossen": the work is done, the decree applies: ended, with the
    report's "kann seither schneller … eine Arbeitsstelle antreten" beside the status."""
    vi5 = status_on(get(store, "VI.5"), JAN_2026)
    assert (vi5.status, vi5.note) == (
        "ended",
        "Wer einen ausländischen Studienabschluss erworben hat, kann seither schneller und unbürokratisch in "
        "Kindertageseinrichtungen in Nordrhein-Westfalen eine Arbeitsstelle antreten",
    )
    assert "kann seither schneller" in fko("show", "VI.5").out


def test_further_rounds_are_shown_with_the_status(store: Store, fko: Callable[..., Result]) -> None:
    for measure_id in ("II.8", "II.9"):
        found = status_on(get(store, measure_id), JAN_2026)
        assert (found.status, found.note) == ("ended", "weitere Durchgänge geplant")
        assert found.label() == "ended; the report: weitere Durchgänge geplant"
    assert "  the report: weitere Durchgänge geplant" in fko("show", "II.8", "--on", "2026-01-01").out
    [row] = fko("list", "-c", "II", "--on", "2026-01-01", "--json", "--fields", "id,status,status_note").json()[7:8]
    assert row == {"id": "II.8", "status": "ended", "status_note": "weitere Durchgänge geplant"}


def test_the_timeline_shows_the_status_list_and_show_weigh(fko: Callable[..., Result]) -> None:
    """V.9: its runtime ended 11/2024, the DHB reports it at work in 10/2025: ● running, as list says."""
    out = fko("timeline", "V.9", "VI.7", "--on", "2026-01-01").out
    v9 = next(line for line in out.splitlines() if line.startswith("V.9 "))
    vi7 = next(line for line in out.splitlines() if line.startswith("VI.7 "))
    assert "● " in v9 and "✓" not in v9
    assert "?*" in vi7  # fko's inference changes nothing
    assert "Status as a later source reports it (as list and show weigh it): V.9." in out
    rows = fko("timeline", "V.9", "--on", "2026-01-01", "--json").json()
    assert (rows[0]["status"], rows[0]["weighed_status"]) == ("ended", "running")


def test_a_report_names_its_date_once(fko: Callable[..., Result]) -> None:
    """fko show IV.1 (DHB 10/2025 "fast 7000 Meisterprämien"): "running (reported 2025-10, source
    dhb)", not "…, source dhb, 2025-10" (the date twice)."""
    shown = fko("show", "IV.1", "--on", "2026-12-07").out.splitlines()
    assert shown[shown.index("Status:") + 1] == "  running (reported 2025-10, source dhb)"
