"""Budget items against the report's wording, and sums that never mix bases."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko.domain.budget import view
from fko.ingest.budget import euro, propose
from fko.ingest.build import squash
from fko.store.reader import Store

from ..conftest import Result


def items(store: Store, measure_id: str) -> list[dict[str, Any]]:
    measure = next(m for m in store.measures() if m["id"] == measure_id)
    return list(measure["budget"]["items"])


def pick(item: dict[str, Any], *keys: str) -> tuple[Any, ...]:
    return tuple(item[k] for k in keys)


KEYS = ("kind", "amount_eur", "basis", "year_from", "year_to", "years_derived", "approximate", "funding")


@pytest.mark.parametrize(
    ("measure_id", "expected"),
    [
        (
            "IV.1",
            [
                ("money", 5_500_000, "year", 2023, 2023, False, True, []),
                ("money", 11_000_000, "per_year", 2024, None, True, True, []),
            ],
        ),
        (
            # "seit 2005, wesentlicher Ausbau 2023": the 10 Mio. a year take their years from the
            # runtime, as V.6's 75 Mio. a year do from "seit 2020"
            "II.2",
            [
                ("money", 10_000_000, "per_year", 2005, None, True, False, []),
                ("money", 9_500_000, "total", 2021, 2027, False, False, ["EFRE"]),
            ],
        ),
        (
            "II.4",
            [
                ("money", 547_000, "total", 2023, 2025, True, False, ["ESF"]),
                ("money", 610_000, "total", 2023, 2025, True, False, []),
            ],
        ),
        (
            "III.7",
            [
                ("money", 5_355_028, "total", 2020, 2024, False, False, ["Bund (BMBF)"]),
                ("staff", None, "per_year", 2020, 2024, False, False, []),
            ],
        ),
        # "bis 2027" belongs to the 3 % increase, not to the years of the funds
        ("III.9", [("money", 3_100_000, "per_year", 2024, 2027, True, False, [])]),
        # "2023: 19,6 Mio. Euro" is an amount for the one stated year 2023, "aus Mitteln der
        # Bund-Länder-Gemeinschaftsaufgabe … (GRW)": money of the Bund and the Land together
        ("III.3", [("money", 19_600_000, "year", 2023, 2023, False, False, ["GRW (Bund und Land)"])]),
        (
            "V.3",
            [
                ("money", 30_000, "per_year", 2024, 2029, False, True, []),
                ("staff", None, None, 2024, 2029, False, False, []),
                ("staff", None, "per_year", 2024, None, False, False, []),
            ],
        ),
        ("VI.6", [("staff", None, None, 2024, None, True, False, [])]),
        ("I.11", [("money", 1_000_000_000, "total", 2020, 2026, True, True, [])]),
        # "für den geförderten Jahrgang 2023/24" is the cohort; the years are the runtime's "2023 bis 2025"
        ("I.12", [("money", 11_000_000, "total", 2023, 2025, True, True, [])]),
        ("II.8", [("money", 10_100_000, "per_year", 2023, 2024, True, False, ["ESF", "Land"])]),
        ("III.10", [("money", 13_000_000, "total", 2024, 2026, True, True, ["JTF", "Land"])]),
        ("IV.4", [("money", 20_000, "one_off", 2024, 2024, True, False, [])]),
        ("V.5", [("money", 18_200_000, "total", 2023, 2027, True, True, [])]),
        ("V.10", [("money", 80_000, "one_off", 2024, 2024, True, False, ["Land"])]),
        ("III.5", [("none", None, None, None, None, False, False, [])]),
        ("V.4", [("none", None, None, None, None, False, False, [])]),
    ],
)
def test_pinned_items(store: Store, measure_id: str, expected: list[tuple[Any, ...]]) -> None:
    assert [pick(i, *KEYS) for i in items(store, measure_id)] == expected


def test_staff_are_never_euros(store: Store) -> None:
    assert [(i["quantity"], i["unit"]) for i in items(store, "VI.6")] == [(24, "Stellen")]
    assert [(i["quantity"], i["unit"]) for i in items(store, "V.3")][1:] == [
        (2, "Lehrkraftstellen"),
        (10, "Lehrkraftstunden"),
    ]
    assert [(i["quantity"], i["unit"]) for i in items(store, "II.7")] == [(30, "Stellen")]
    for measure in store.measures():
        for item in measure["budget"]["items"]:
            if item["kind"] == "staff":
                assert item["amount_eur"] is None


def test_msb_hosting_costs_are_paid_by_msb(store: Store) -> None:
    hosting = items(store, "II.4")[1]
    assert (hosting["payer"], hosting["payer_text"], hosting["text"]) == (
        "MSB",
        "MSB - Übernahme der Hostingkosten",
        "MSB - Übernahme der Hostingkosten: 610.000 EUR",
    )


_EURO = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*(Mrd\.|Mio\.)?\s*(?:Euro|EUR|€)")


def test_every_item_amount_and_span_occur_in_the_wording(store: Store) -> None:
    for measure in store.measures():
        wording = squash(measure["budget"]["text"] or "")
        for item in measure["budget"]["items"]:
            assert squash(item["text"]) in wording, (measure["id"], item["text"])
            if item["kind"] == "money":
                amounts = {euro(n, s or None) for n, s in _EURO.findall(item["text"])}
                assert item["amount_eur"] in amounts, (measure["id"], item)


def test_every_measure_whose_wording_names_euros_has_a_euro_item(store: Store) -> None:
    for measure in store.measures():
        if _EURO.search(measure["budget"]["text"] or ""):
            assert any(i["kind"] == "money" for i in measure["budget"]["items"]), measure["id"]


@pytest.mark.parametrize(
    ("number", "scale", "value"),
    [
        ("850.000", None, 850_000),
        ("5,5", "Mio.", 5_500_000),
        ("10,1", "Mio.", 10_100_000),
        ("1", "Mrd.", 1_000_000_000),
        ("5.355.028", None, 5_355_028),
        ("18,2", "Mio.", 18_200_000),
    ],
)
def test_euro_amounts_are_exact_integers(number: str, scale: str | None, value: int) -> None:
    assert euro(number, scale) == value


def test_parser_reads_danach_and_stated_year() -> None:
    proposed = propose("2023 ca. 5,5 Mio. Euro, danach jährlich ca. 11 Mio. Euro", {"start": "2023-06", "end": None})
    assert [pick(i, "basis", "year_from", "year_to", "approximate") for i in proposed] == [
        ("year", 2023, 2023, True),
        ("per_year", 2024, None, True),
    ]


_YEARS = st.integers(1990, 2099)
_AMOUNTS = st.sampled_from(
    [("19,6 Mio. Euro", 19_600_000), ("850.000 Euro", 850_000), ("5 Mio. EUR", 5_000_000), ("1 Mrd. €", 10**9)]
)
_LEADS = st.sampled_from(["", "Geplante Mittel ", "insgesamt ", "Landesmittel, ", "(ESF) "])
_TAILS = st.sampled_from(["", " pro Jahr", " jährlich", " (Landesmittel)", " gesamt", ". Danach offen"])


@given(_LEADS, _YEARS, st.sampled_from([": ", ":", " ", " ca. ", ": rund "]), _AMOUNTS, _TAILS, _YEARS, _AMOUNTS)
def test_a_year_written_before_the_amount_makes_a_year_item(
    lead: str, year: int, sep: str, amount: tuple[str, int], tail: str, year2: int, amount2: tuple[str, int]
) -> None:
    text = f"{lead}{year}{sep}{amount[0]}{tail}, {year2}: {amount2[0]}"
    proposed = propose(text, {"start": "2020", "end": None})
    assert [pick(i, "amount_eur", "basis", "year_from", "year_to", "years_derived") for i in proposed] == [
        (amount[1], "year", year, year, False),
        (amount2[1], "year", year2, year2, False),
    ]
    assert proposed[0]["text"].startswith(str(year))


@pytest.mark.parametrize(
    "text",
    ["für den Förderzeitraum 2020 bis 2024 5.355.028 Euro", "ab 2024 10 Mio. Euro", "2021-2027 9,5 Mio. Euro"],
)
def test_a_year_that_ends_a_span_or_starts_a_period_is_not_a_stated_year(text: str) -> None:
    assert propose(text, {"start": "2020", "end": "2027"})[0]["basis"] != "year"


_YEAR_BEFORE = re.compile(r"(?<![\d./–-])(?<!bis )(?<!ab )((?:19|20)\d{2}):?\s*(?:ca\.\s*|rund\s*)?$")


def test_every_stored_item_with_a_year_before_its_amount_is_a_year_item(store: Store) -> None:
    seen = 0
    for measure in store.measures():
        wording = measure["budget"]["text"] or ""
        for match in _EURO.finditer(wording):
            year = _YEAR_BEFORE.search(wording[: match.start()])
            if not year:
                continue
            seen += 1
            item = next(i for i in measure["budget"]["items"] if squash(match.group(0)) in squash(i["text"]))
            assert pick(item, "basis", "year_from", "year_to") == ("year", int(year.group(1)), int(year.group(1)))
    assert seen == 2  # III.3 "2023: 19,6 Mio. Euro" and IV.1 "2023 ca. 5,5 Mio. Euro"


def _rows(result: Any) -> dict[tuple[str, int], dict[str, Any]]:
    return {(r["id"], r["item"]): r for r in result.rows + result.apart}


def _counted(result: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in result.rows:
        if row["counted_eur"] is not None:
            out[row["id"]] = out.get(row["id"], 0) + row["counted_eur"]
    return out


# --- 1. A total is spread over the years the source states, else over the runtime's months ----


def test_a_total_for_4_years_is_a_quarter_a_year(store: Store) -> None:
    """V.5 "gesamt rund 18,2 Mio. Euro für 4 Jahre", 01.12.2023 bis 30.11.2027: 18.200.000 / 4 =
    4.550.000 € a year (not / 5, the calendar years it touches); 2023 has 1 month of it
    (4.550.000 / 12 = 379.166,67), 2027 11 months (4.170.833,33)."""
    assert next(i for i in items(store, "V.5"))["stated_years"] == 4
    counted = {}
    for year in range(2023, 2028):
        v5 = _rows(view(store, year=year, annualize=True))[("V.5", 1)]
        assert (v5["rate_eur"], v5["left_out"]) == (4_550_000, None), year
        counted[year] = (v5["counted_eur"], v5["months"], v5["assumptions"])
    assert counted == {
        2023: (379_167, 1, ["spread", "prorated"]),
        2024: (4_550_000, 12, ["spread"]),
        2025: (4_550_000, 12, ["spread"]),
        2026: (4_550_000, 12, ["spread"]),
        2027: (4_170_833, 11, ["spread", "prorated"]),
    }
    assert sum(c for c, _, _ in counted.values()) == 18_200_000


def test_a_total_without_stated_years_is_spread_over_the_runtimes_months(store: Store) -> None:
    """I.11 "insgesamt rund 1 Mrd. Euro für die gesamte Laufzeit", 08/2020 bis 07/2026: 72 months,
    1.000.000.000 * 12 / 72 = 166.666.666,67 a year (not / 7); 2020 has 5 months (69.444.444,44),
    2026 has 7 (97.222.222,22)."""
    by_year = {}
    for year in (2020, 2021, 2024, 2026):
        i11 = _rows(view(store, year=year, annualize=True))[("I.11", 1)]
        by_year[year] = (i11["counted_eur"], i11["rate_eur"], i11["months"])
    assert by_year == {
        2020: (69_444_444, 166_666_667, 5),
        2021: (166_666_667, 166_666_667, 12),
        2024: (166_666_667, 166_666_667, 12),
        2026: (97_222_222, 166_666_667, 7),
    }
    # I.12's 11 Mio. "für den geförderten Jahrgang 2023/24" spread over the runtime "2023 bis 2025"
    # (36 months): 3.666.666,67 in each of 2023, 2024 and 2025, none in 2026
    i12 = [_rows(view(store, year=y, annualize=True))[("I.12", 1)] for y in (2023, 2024, 2025)]
    assert [(r["counted_eur"], r["months"], r["period_start"], r["period_end"]) for r in i12] == [
        (3_666_667, 12, "2023-01-01", "2025-12-31"),
    ] * 3
    assert ("I.12", 1) not in _rows(view(store, year=2026, annualize=True))


def test_without_annualize_totals_are_left_out_and_their_share_is_named(store: Store) -> None:
    from fko.domain.budget import spread_share

    result = view(store, year=2024)
    left = {(r["id"], r["left_out"]) for r in result.apart}
    assert ("I.11", "total") in left and ("V.5", "total") in left
    assert ("IV.6", "no_end") in left  # "6 Mio. Euro", "seit 2023 (laufend)": no end to spread it to
    # I.12 3.666.667 over its runtime 2023 bis 2025 (2.2.0: 6.416.667 of a cohort 08/2023-07/2024)
    assert spread_share(result) == view(store, year=2024, annualize=True).total - result.total == 184_996_438


# --- 2. Partial years count pro rata by months, marked as fko's assumption ----------------------


def test_2023_counts_the_starts_of_the_year_by_their_months(store: Store) -> None:
    """2023, by hand from the report (yearly amounts running in 2023, amounts stated for 2023):
         V.6   75 Mio. Euro pro Jahr, seit 2020                    75.000.000
         III.3 "2023: 19,6 Mio. Euro"                             19.600.000
         II.2  10 Mio. Euro pro Jahr, seit 2005                    10.000.000
         II.9  16,7 Mio. pro Jahr, 07/2023-12/2024: 6/12            8.350.000
         IV.1  "2023 ca. 5,5 Mio. Euro" (the report's own part)     5.500.000
         II.8  10,1 Mio. pro Jahr, 11/2023-12/2024: 2/12            1.683.333
         IV.5  200.000 Euro pro Jahr, 2022-2027                       200.000
         IV.3  ca. 107.000 Euro jährlich, seit 2016 bis 31.12.2024    107.000
         I.8   850.000 Euro pro Jahr, Ende 2023 bis Ende 2026: 1/12    70.833
                                                                  120.511.166
    Without II.2 (whose years the report gives only as "seit 2005") 110.511.166: the "about 110,5
    Mio." of the audit; II.2 counts in 2023 as V.6 does (one rule for "seit")."""
    result = view(store, year=2023)
    assert _counted(result) == {
        "V.6": 75_000_000,
        "III.3": 19_600_000,
        "II.2": 10_000_000,
        "II.9": 8_350_000,
        "IV.1": 5_500_000,
        "II.8": 1_683_333,
        "IV.5": 200_000,
        "IV.3": 107_000,
        "I.8": 70_833,
    }
    assert result.total == 120_511_166 and result.total - 10_000_000 == 110_511_166
    assert result.assumed_eur == 8_350_000 + 1_683_333 + 70_833
    rows = _rows(result)
    assert (rows[("II.8", 1)]["months"], rows[("II.8", 1)]["rate_eur"], rows[("II.8", 1)]["assumptions"]) == (
        2,
        10_100_000,
        ["prorated"],
    )
    assert rows[("I.8", 1)]["period_start"] == "2023-12-01"  # "Ende 2023" as a start: December
    assert rows[("IV.1", 1)]["assumptions"] == [] and not rows[("IV.1", 1)]["assumed"]


def test_2024_is_counted_in_full_and_rests_on_no_assumption(store: Store) -> None:
    """2024, by hand (every yearly amount runs the whole year; one-off amounts of 2024):
    V.6 75.000.000 + II.9 16.700.000 + IV.1 11.000.000 + II.8 10.100.000 + II.2 10.000.000
    + II.3 10.000.000 + III.9 3.100.000 + I.8 850.000 + VI.2 300.000 + IV.5 200.000
    + VI.3 200.000 + V.1 150.000 + IV.3 107.000 + V.10 80.000 + V.3 30.000 + IV.4 20.000
    = 137.837.000 € in 16 items."""
    result = view(store, year=2024)
    assert result.total == 137_837_000 and result.assumed_eur == 0
    assert len([r for r in result.rows if r["counted_eur"] is not None]) == 16
    assert _counted(result) == {
        "V.6": 75_000_000,
        "II.9": 16_700_000,
        "IV.1": 11_000_000,
        "II.8": 10_100_000,
        "II.2": 10_000_000,
        "II.3": 10_000_000,
        "III.9": 3_100_000,
        "I.8": 850_000,
        "VI.2": 300_000,
        "IV.5": 200_000,
        "VI.3": 200_000,
        "V.1": 150_000,
        "IV.3": 107_000,
        "V.10": 80_000,
        "V.3": 30_000,
        "IV.4": 20_000,
    }


# --- 3. Money counts for the one who pays -----------------------------------------------------


def test_the_payer_the_report_names(store: Store) -> None:
    payers = {(m["id"], i["payer"]) for m in store.measures() for i in m["budget"]["items"] if i["payer"]}
    assert payers == {("I.12", "MKJFGFI"), ("II.4", "MSB"), ("III.4", "MWIKE"), ("III.7", "BMBF"), ("IV.3", "MKJFGFI")}
    iii4 = items(store, "III.4")[0]
    assert (
        iii4["payer_text"]
        == "Das MWIKE NRW hat deshalb den Aufbau des InnovationSpin in Lemgo mit 27 Mio. Euro unterstützt."
    )
    assert items(store, "III.7")[0]["payer_text"] == "im Rahmen des InnoVET-Projektes vom BMBF"
    assert "seitens des MKJFGFI" in items(store, "I.12")[0]["payer_text"]
    # V.3's 30.000 € a year pay for certifying all the listed schools, not its own alone
    assert items(store, "V.3")[0]["note"].startswith("for the certification of all the listed schools")


def test_a_ministry_counts_its_own_money(store: Store) -> None:
    """-r MAGS 2024: II.9 16.700.000 + IV.1 11.000.000 = 27.700.000 (its own); III.4 is the
    MWIKE's (ended 2023), III.7 the Bund's, the II.4 hosting the MSB's; II.8 (with MSB), VI.2
    and VI.3 (with MWIKE) name no payer: 10.600.000 more with --split full, half with equal."""
    own = view(store, ["MAGS"], year=2024)
    assert (own.total, _counted(own)) == (27_700_000, {"II.9": 16_700_000, "IV.1": 11_000_000})
    reasons = {(r["id"], r["item"]): r["left_out"] for r in own.apart}
    assert reasons[("III.7", 1)] == reasons[("II.4", 2)] == "other_payer"
    assert reasons[("II.8", 1)] == reasons[("VI.2", 1)] == reasons[("VI.3", 1)] == "shared"
    assert view(store, ["MAGS"], year=2024, split="full").total == 38_300_000
    equal = view(store, ["MAGS"], year=2024, split="equal")
    assert equal.total == 27_700_000 + 5_050_000 + 150_000 + 100_000 == 33_000_000
    assert _rows(equal)[("II.8", 1)]["share"] == 0.5
    assert view(store, ["MWIKE"], year=2023, annualize=True).rows[0]["id"] in {"III.3", "III.4"}
    assert _rows(view(store, ["MWIKE"], year=2023, annualize=True))[("III.4", 1)]["counted_eur"] == 6_750_000
    assert _rows(view(store, ["MAGS"], year=2023, annualize=True))[("III.4", 1)]["left_out"] == "other_payer"
    # MKW 2024: II.2 10.000.000 + II.3 10.000.000 + III.9 3.100.000; III.7 is federal money
    assert view(store, ["MKW"], year=2024).total == 23_100_000
    assert view(store, ["MKW"], year=2024, split="full").total == 23_100_000
    # spread, MKW's own EFRE total adds 9.500.000 / 7; III.7 (5.355.028 / 5) stays the Bund's
    assert view(store, ["MKW"], year=2024, annualize=True, split="full").total == 23_100_000 + 1_357_143
    assert _rows(view(store, ["MSB"], year=2024, annualize=True))[("I.12", 1)]["left_out"] == "other_payer"


def test_by_ressort_adds_up_to_the_total_or_says_by_how_much_it_exceeds_it(store: Store) -> None:
    from fko.domain.budget import counted_twice, group

    joint = group(view(store, year=2024), "ressort", store)
    assert [(g["group"], g["year_total"]) for g in joint] == [
        ("MKJFGFI", 75_957_000),
        ("MAGS", 27_700_000),
        ("MKW", 23_100_000),
        ("MAGS + MSB", 10_100_000),
        ("MWIKE + MAGS", 500_000),
        ("MWIKE", 350_000),
        ("MWIKE + MKJFGFI", 80_000),
        ("MSB", 30_000),
        ("Stk", 20_000),
    ]
    assert sum(g["year_total"] for g in joint) == 137_837_000
    full = group(view(store, year=2024, split="full"), "ressort", store)
    # II.8 10.100.000 + VI.2 300.000 + VI.3 200.000 + V.10 80.000 counted once more
    assert counted_twice(full, 137_837_000) == 10_680_000
    assert next(g for g in full if g["group"] == "MAGS")["shared_eur"] == 10_600_000
    equal = group(view(store, year=2024, split="equal"), "ressort", store)
    assert sum(g["year_total"] for g in equal) == 137_837_000
    spread = group(view(store, year=2024, annualize=True), "ressort", store)
    assert next(g for g in spread if g["group"] == "BMBF")["year_total"] == 1_071_006  # 5.355.028 / 5
    assert sum(g["year_total"] for g in spread) == view(store, year=2024, annualize=True).total


# --- 4. One answer to "how much in YEAR" -------------------------------------------------------


def test_every_view_of_a_year_gives_the_one_total(store: Store) -> None:
    from fko.domain.budget import group

    for annualize in (False, True):
        per_year = {g["year"]: g for g in group(view(store, annualize=annualize), "year", store)}
        for year, entry in per_year.items():
            one = view(store, year=year, annualize=annualize)
            assert entry["year_total"] == one.total and entry["assumed_eur"] == one.assumed_eur, (year, annualize)
            for by in ("funding", "cluster", "ressort"):
                assert sum(g["year_total"] for g in group(one, by, store)) == one.total, (year, by)
    assert per_year[2024]["year_total"] == 322_833_438  # with --annualize: 137.837.000 + 184.996.438
    funding = {g["group"]: g["year_total"] for g in group(view(store, year=2024), "funding", store)}
    assert funding == {"not named": 110_957_000, "ESF + Land": 26_800_000, "Land": 80_000}
    funding_2023 = {g["group"]: g["year_total"] for g in group(view(store, year=2023), "funding", store)}
    assert funding_2023["GRW (Bund und Land)"] == 19_600_000  # III.3, not "not named"


def test_a_peak_year_only_where_the_data_supports_one(store: Store) -> None:
    from fko.domain.budget import group, peak_year, years

    per_year = years(view(store))
    assert [(e["year"], e["year_total"], e["stated_eur"], e["assumed_eur"]) for e in per_year] == [
        (2022, 200_000, 200_000, 0),  # IV.5 "2022 bis 2027"; V.6, II.2, IV.3 ("seit") count from 2023
        (2023, 120_511_166, 110_407_000, 10_104_166),
        (2024, 137_837_000, 137_837_000, 0),
        (2025, 111_453_000, 2_260_000, 109_193_000),
        (2026, 111_398_790, 2_110_000, 109_288_790),
        (2027, 110_647_454, 1_260_000, 109_387_454),
        (2028, 106_030_000, 30_000, 106_000_000),  # III.9 stops with 2027
        (2029, 106_030_000, 30_000, 106_000_000),
    ]
    peak = peak_year(per_year)
    assert peak is not None and (peak["year"], peak["year_total"]) == (2024, 137_837_000)
    groups = {g["group"]: (g["peak_year"], g["peak_eur"]) for g in group(view(store), "ressort", store)}
    assert groups["MAGS"] == (2024, 27_700_000) and groups["MWIKE"] == (2023, 19_800_000)
    # MKW's 2025 is larger only by the 3 % growth of III.9 and open ends carried on; MSB has the
    # same 30.000 € every year: no peak
    assert groups["MKW"] == groups["MSB"] == (None, None)


# --- 5. One rule for "seit" -------------------------------------------------------------------


def test_seit_counts_from_the_reports_period_never_before_it(store: Store) -> None:
    """II.2 "seit 2005, wesentlicher Ausbau 2023" / "10 Mio. Euro pro Jahr", V.6 "seit 2020" / "75 Mio.
    Euro pro Jahr", IV.3 "seit 2016": planned funds of the report of 2024, counted from 2023 on; in an
    earlier year they are left out and say why (no amount carried back)."""

    def counted(measure_id: str, year: int) -> tuple[Any, ...]:
        row = _rows(view(store, year=year))[(measure_id, 1)]
        return (row["counted_eur"], row["assumptions"], row["left_out"])

    for year in (2020, 2021, 2022):
        assert counted("V.6", year) == (None, [], "before_report")
    assert counted("V.6", 2023) == counted("V.6", 2024) == (75_000_000, [], None)
    assert counted("II.2", 2024) == (10_000_000, [], None)
    assert counted("IV.3", 2016) == (None, [], "before_report") and counted("IV.3", 2024) == (107_000, [], None)
    assert counted("II.2", 2005) == (None, [], "before_report")
    assert counted("II.2", 2025) == (10_000_000, ["carried_on"], None)
    assert ("IV.3", 1) not in _rows(view(store, year=2015))  # "seit 2016": nothing before it
    early = view(store, year=2010)
    assert (early.total, early.assumed_eur, [(r["id"], r["left_out"]) for r in early.apart]) == (
        0,
        0,
        [("II.2", "before_report")],
    )


def test_a_stated_increase_grows_the_amount_until_its_last_year(store: Store) -> None:
    """III.9 "3,1 Mio. Euro pro Jahr ab 2024 (zzgl. 3 Prozent pro Jahr bis 2027)": 3.100.000,
    3.193.000, 3.288.790, 3.387.453,7 (compounded: fko's reading); the amount stops with 2027, the
    last year its wording names (issue #23: "grows 3 % a year and stops at 2027")."""
    assert (items(store, "III.9")[0]["growth_percent"], items(store, "III.9")[0]["growth_until"]) == (3.0, 2027)
    grown = {y: _rows(view(store, year=y)).get(("III.9", 1)) for y in range(2024, 2030)}
    assert {y: r and r["counted_eur"] for y, r in grown.items()} == {
        2024: 3_100_000,
        2025: 3_193_000,
        2026: 3_288_790,
        2027: 3_387_454,
        2028: None,
        2029: None,
    }
    assert grown[2024]["assumptions"] == [] and grown[2027]["assumptions"] == ["growth"]


# --- the command line ---------------------------------------------------------------------------


def test_budget_year_leads_with_one_total_and_says_what_it_holds(fko: Callable[..., Result]) -> None:
    out = fko("budget", "--year", "2024").out
    lines = out.splitlines()
    assert lines[0] == "Planned funds for 2024: 137.837.000 € in 16 items, largest first"
    assert (
        "Total for 2024: 137.837.000 € in 16 items: yearly amounts running in 2024 (pro rata by months where a "
        "measure starts or ends during the year) and amounts stated for 2024." in lines
    )
    assert "None of it rests on an assumption of fko." in lines
    assert (
        "It includes: ESF and Land together (the report does not split them) 26.800.000 €; Land 80.000 €; "
        "funding not named 110.957.000 €; EFRE, JTF and federal money (BMBF): only in amounts it leaves out; "
        "GRW (Bund and Land): none." in lines
    )
    leaves = next(line for line in lines if line.startswith("It leaves out: "))
    # 13 totals of 12 measures: II.4 has two (547.000 € ESF, 610.000 € MSB)
    assert (
        "13 totals over several years (I.11, V.5, III.10, I.12, II.2, III.7, III.2, II.5, III.11, V.7, "
        "II.4 (2 items), IV.10); spread over their months they would add 184.996.438 € to 2024 (--annualize)" in leaves
    )
    assert "totals without a stated end, which no rule spreads: IV.6 6 Mio. €" in leaves
    assert "1.071.381.933" not in out and "Totals running" not in out and "not attributable" not in out.lower()
    assert "Not in the 2024 total" in out
    old = fko("budget", "--year", "2023").out
    assert old.splitlines()[0] == "Planned funds for 2023: 120.511.166 € in 9 items, largest first"
    assert "Of it, 10.104.166 € rest on fko's assumptions (marked *): a part of the year counted by its months" in old
    assert "1 of 12 months of 850.000 €/Jahr *" in old


def test_budget_year_json(fko: Callable[..., Result]) -> None:
    rows = fko("budget", "--year", "2024", "--json").json()
    counted = [r for r in rows if r["counted_eur"] is not None]
    assert sum(r["counted_eur"] for r in counted) == 137_837_000
    v6 = next(r for r in rows if r["measure_id"] == "V.6")
    assert (v6["rate_eur"], v6["months"], v6["assumed"], v6["assumptions"], v6["lead"]) == (
        75_000_000,
        12,
        False,
        [],
        "MKJFGFI",
    )
    iii7 = next(r for r in rows if r["measure_id"] == "III.7" and r["kind"] == "money")
    assert (iii7["payer"], iii7["left_out"], iii7["counted_eur"]) == ("BMBF", "total", None)
    assert not {"attribution", "ressort", "totals_running_eur"} & set(rows[0])
    groups = fko("budget", "--by", "year", "--json").json()
    assert {"totals_running_eur", "totals_running_items", "total_eur", "peak_assumed"}.isdisjoint(groups[0])
    year = next(g for g in groups if g["year"] == 2024)
    assert (year["year_total_eur"], year["assumed_eur"], year["assumed"]) == (137_837_000, 0, False)
    by = fko("budget", "--by", "funding", "--year", "2024", "--json").json()
    assert sum(g["year_total_eur"] for g in by) == 137_837_000 and {g["year"] for g in by} == {2024}


def test_budget_ressort_says_what_it_leaves_to_others(fko: Callable[..., Result]) -> None:
    out = fko("budget", "-r", "MAGS", "--year", "2024").out
    assert out.splitlines()[0] == "Planned funds for MAGS for 2024: 27.700.000 € in 2 items, largest first"
    assert (
        "Left to others (the report says who pays): III.7 5.355.028 €, paid by BMBF (Bund); II.4 610.000 €, paid by "
        "MSB." in out
    )
    assert "II.8 10,1 Mio. €/Jahr with MSB; " in out and "--split full counts them in full" in out
    # shared measures are marked with the ministry named first (fko's reading of the lead)
    equal = fko("budget", "-r", "MAGS", "--year", "2024", "--split", "equal").out
    line = next(x for x in equal.splitlines() if x.startswith("VI.2 "))
    assert "MWIKE, MAGS (shared, MWIKE named first)" in line and "50 % of a shared measure (--split equal)" in line
    assert "in full" not in line
    full = fko("budget", "--year", "2024", "--by", "ressort", "--split", "full").out
    assert (
        "The ministries' rows add up to 148.517.000 €, 10.680.000 € more than the total: --split full counts each "
        "shared measure whose payer the report does not name in full for each of its ministries" in full
    )
    joint = fko("budget", "--year", "2024", "--by", "ressort").out
    assert "The rows add up to the total: each amount counts for its payer or its only ministry" in joint
    assert "MAGS + MSB" in joint


def test_budget_without_year(fko: Callable[..., Result]) -> None:
    out = fko("budget").out
    assert (
        "Peak year: 2024, with 137.837.000 € (yearly amounts running then and amounts stated for it; none of it "
        "rests on an assumption of fko)." in out
    )
    assert "Amounts for one stated year: 2023: 25.100.000 € (2 items)." in out
    assert "One-off amounts: 2024: 100.000 € (2 items)." in out
    assert "14 totals over several years are listed with their years and not added up" in out
    assert "Totals without a stated end, counted in no year (--annualize cannot spread them): IV.6 6 Mio. €." in out
    assert "1.098" not in out and "Totals over their stated or derived periods" not in out
    assert fko("budget", "--annualize").code == 2
    assert fko("budget", "--from", "2020").code == 2
    assert fko("budget", "--split", "equal", "-r", "MAGS").code == 0


def test_by_year_range_and_options(fko: Callable[..., Result]) -> None:
    rows = fko("budget", "--by", "year", "--json").json()
    assert (rows[0]["year"], rows[-1]["year"]) == (2022, 2029)
    assert rows[-1]["assumed_ids"] == ["II.2", "II.3", "IV.1", "V.6"]  # III.9 stops with 2027
    wider = fko("budget", "--by", "year", "--from", "2016", "--extend-to", "2030", "--json").json()
    # nothing is carried back before the report's period: 2016 holds no amount ("seit" counts from 2023)
    assert [(r["year"], r["year_total_eur"], r["stated_eur"], r["assumed_ids"]) for r in wider[:8]] == [
        (2016, 0, 0, []),
        (2017, 0, 0, []),
        (2018, 0, 0, []),
        (2019, 0, 0, []),
        (2020, 0, 0, []),
        (2021, 0, 0, []),
        (2022, 200_000, 200_000, []),
        (2023, 120_511_166, 110_407_000, ["I.8", "II.8", "II.9"]),
    ]
    assert wider[-1]["year"] == 2030
    out = fko("budget", "--by", "year").out
    assert (
        "The years run from 2022 to 2029, the first and last year in which an amount counts as the report states it"
        in out
    )
    assert "2024      16   137.837.000 €                   137.837.000 €" in out
    assert "2025      12     2.260.000 €   109.193.000 €   111.453.000 €   II.2, II.3, III.9, IV.1, V.6" in out
    assert "Euro planned for each year: █ as the report states it, ░ what fko assumes (*)" in out
    # the bars: solid what the report states, light what fko assumes, the year's total beside them
    assert "2024    ████████████████████████████████████████ 137.837.000 €" in out
    assert "2025 *  █░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ 111.453.000 €" in out
    assert "2022    █ 200.000 €" in out and "2029 *  █░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ 106.030.000 €" in out
    assert (
        "A yearly amount of a programme running 'seit' an earlier year (V.6 seit 2020, II.2 seit 2005, IV.3 seit "
        "2016) counts from 2023" in out
    )
    bad = fko("budget", "--by", "year", "--from", "2030", "--extend-to", "2020")
    assert (bad.code, bad.err) == (2, "fko: the years run from 2030 to 2020: the end is before the start\n")


def test_unknown_funding_source_is_a_usage_error(fko: Callable[..., Result]) -> None:
    result = fko("budget", "--funding", "ESFF")
    assert (result.code, result.err) == (
        2,
        "fko: unknown funding source 'esff'; use one of Bund (BMBF), EFRE, ESF, GRW (Bund und Land), JTF, Land\n",
    )
    assert [r["measure_id"] for r in fko("budget", "--funding", "bmbf", "--json").json()] == ["III.7"]


def test_funding_filter(store: Store) -> None:
    esf = {r["id"] for r in view(store, funding=["esf"]).rows}
    assert esf == {"II.4", "II.8", "II.9"}


def test_iii_3_from_the_shell(fko: Callable[..., Result]) -> None:
    items = fko("show", "III.3", "--json").json()[0]["budget"]["items"]
    assert [pick(i, "basis", "year_from", "year_to") for i in items] == [("year", 2023, 2023)]
    assert "Planned funds for 2023: 120.511.166 € in 9 items" in fko("budget", "--year", "2023").out


def test_a_funding_filter_is_named_and_joint_funds_are_said_to_be_unsplit(fko: Callable[..., Result]) -> None:
    """--funding Land: II.8 and II.9 are "Landes- und ESF-Mittel" (R:1497, R:1565), III.10 JTF and Land;
    the report does not split them, so they count in full under Land and again under ESF or JTF."""
    land = fko("budget", "--funding", "Land", "--year", "2024").out.splitlines()
    assert land[0] == "Planned funds (funding: Land) for 2024: 26.880.000 € in 3 items, largest first"
    assert (
        "Not split: the report names these funds only together, so they count here in full and again under "
        "--funding for each of their other sources: II.9 16,7 Mio. €/Jahr (ESF + Land); II.8 10,1 Mio. €/Jahr "
        "(ESF + Land); III.10 rund 13 Mio. € (JTF + Land)." in land
    )
    esf = fko("budget", "--funding", "ESF", "--year", "2024").out.splitlines()
    assert esf[0] == "Planned funds (funding: ESF) for 2024: 26.800.000 € in 2 items, largest first"
    grw = fko("budget", "--funding", "GRW", "--by", "ressort", "--year", "2023").out.splitlines()
    assert grw[0] == "Planned funds (funding: GRW (Bund and Land)) by ressort, for 2023: 19.600.000 €"
    assert fko("budget", "--year", "2024").out.splitlines()[0].startswith("Planned funds for 2024: ")


def test_a_year_lists_only_rows_that_run_then(fko: Callable[..., Result]) -> None:
    """--year 1999: nothing runs, so no rows (2.2.0 listed III.5 and V.4, "no separate funds", under
    "0 € in 0 items"); in 2024 both run and are listed."""
    early = fko("budget", "--year", "1999")
    assert (early.code, early.out, early.err) == (
        0,
        "",
        "fko: no planned funds run in 1999; `fko budget --by year` shows the years\n",
    )
    rows = fko("budget", "--year", "2024", "--json").json()
    assert {r["measure_id"] for r in rows if r["kind"] == "none"} == {"III.5", "V.4"}


def test_a_total_without_an_end_is_not_promised_to_annualize(fko: Callable[..., Result]) -> None:
    """IV.6 "6 Mio. Euro", "seit 2023 (laufend)": no end, so --annualize cannot spread it; the footer says
    so instead of "--annualize counts their share"."""
    out = fko("budget", "IV.6").out
    assert "Totals without a stated end, counted in no year (--annualize cannot spread them): IV.6 6 Mio. €." in out
    assert "total over several years" not in out and "counts their share" not in out


def test_the_reports_qualifier_is_shown_as_it_stands(fko: Callable[..., Result]) -> None:
    """ "insgesamt rund 1 Mrd. Euro" (I.11) reads "rund 1 Mrd. €", "ca. 11 Mio. Euro" (IV.1) "ca. 11 Mio. €"."""
    rows = {r["measure_id"]: r for r in fko("budget", "I.11", "IV.1", "II.3", "--json").json()}
    assert (rows["I.11"]["qualifier"], rows["II.3"]["qualifier"]) == ("rund", "rund")
    out = fko("budget", "I.11", "IV.1", "II.3").out
    assert "rund 1 Mrd. €" in out and "rund 10 Mio. €/Jahr" in out and "ca. 11 Mio. €/Jahr" in out
    assert "ca. 1 Mrd." not in out and "ca. 10 Mio." not in out
    assert "Funds, structured: rund 1 Mrd. € · total · 2020–2026 (derived)" in fko("show", "I.11").out
