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
            "II.2",
            [
                ("money", 10_000_000, "per_year", None, None, False, False, []),
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
        ("III.9", [("money", 3_100_000, "per_year", 2024, None, False, False, [])]),
        # "2023: 19,6 Mio. Euro" is an amount for the one stated year 2023
        ("III.3", [("money", 19_600_000, "year", 2023, 2023, False, False, [])]),
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
        ("I.12", [("money", 11_000_000, "total", 2023, 2024, False, True, [])]),
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


def test_msb_hosting_costs_are_assigned_to_msb(store: Store) -> None:
    hosting = items(store, "II.4")[1]
    assert (hosting["ressort"], hosting["text"]) == ("MSB", "MSB - Übernahme der Hostingkosten: 610.000 EUR")


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


def test_year_2023_counts_iii_3(store: Store) -> None:
    result = view(store, year=2023)
    assert result.totals["year_total"]["eur"] == 128_057_000
    assert "III.3" in {r["id"] for r in result.rows}


def test_mags_lists_its_measures_and_the_total_is_the_sum_of_rows(store: Store) -> None:
    result = view(store, ressorts=["mags"])
    ids = {r["id"] for r in result.rows}
    assert {"IV.1", "II.9", "III.7", "II.8", "III.4"} <= ids
    assert all("MAGS" in r["ressorts"] for r in result.rows)
    assert not any(r["ressort"] == "MSB" for r in result.rows)  # the MSB hosting costs are not MAGS'
    iv1 = [(r["amount_eur"], r["basis"]) for r in result.rows if r["id"] == "IV.1"]
    assert iv1 == [(11_000_000, "per_year"), (5_500_000, "year")]
    ii9 = next(r for r in result.rows if r["id"] == "II.9")
    assert (ii9["amount_eur"], ii9["basis"], ii9["shared"]) == (16_700_000, "per_year", False)
    iii7 = next(r for r in result.rows if r["id"] == "III.7" and r["kind"] == "money")
    assert (iii7["amount_eur"], iii7["funding"], iii7["shared"]) == (5_355_028, ["Bund (BMBF)"], True)
    for basis, total in result.totals.items():
        rows = [r for r in result.rows if r["basis"] == basis and r["counted_eur"] is not None]
        assert total == {"eur": sum(r["counted_eur"] for r in rows), "items": len(rows)}
    assert result.totals["per_year"]["eur"] == 38_300_000


def test_split_equal_divides_shared_measures(store: Store) -> None:
    full = view(store, ressorts=["MAGS"])
    equal = view(store, ressorts=["MAGS"], split="equal")
    ii8_full = next(r for r in full.rows if r["id"] == "II.8")["counted_eur"]
    ii8_equal = next(r for r in equal.rows if r["id"] == "II.8")["counted_eur"]
    assert (ii8_full, ii8_equal) == (10_100_000, 5_050_000)


def test_year_2024_keeps_what_runs_then(store: Store) -> None:
    result = view(store, year=2024)
    ids = {r["id"] for r in result.rows if r["counted_eur"] is not None}
    apart = {r["id"] for r in result.apart}
    assert {"IV.1", "II.9", "II.8", "V.6", "II.3", "VI.2"} <= ids
    assert "III.4" not in ids | apart  # ended in 2023
    assert "II.1" not in ids | apart  # starts in 2025
    assert "I.11" in apart  # a total over 2020-2026 is not attributable to 2024
    iv1 = [r for r in result.rows if r["id"] == "IV.1"]
    assert [(r["amount_eur"], r["basis"]) for r in iv1] == [(11_000_000, "per_year")]
    assert result.totals["year_total"]["eur"] == sum(r["counted_eur"] for r in result.rows if r["counted_eur"])


def test_annualize_spreads_totals(store: Store) -> None:
    result = view(store, year=2024, annualize=True)
    i11 = next(r for r in result.rows if r["id"] == "I.11")
    assert (i11["counted_eur"], i11["attribution"]) == (142_857_143, "annualized: 1/7 of the total")


def test_funding_filter(store: Store) -> None:
    esf = {r["id"] for r in view(store, funding=["esf"]).rows}
    assert esf == {"II.4", "II.8", "II.9"}


def test_budget_command(fko: Callable[..., Result]) -> None:
    result = fko("budget", "--ressort", "MAGS")
    assert result.code == 0, result.err
    assert "MWIKE, MAGS (shared)" in result.out
    assert "Sum of the yearly amounts" not in result.out
    assert (
        "Peak year for MAGS: 2024, with 38.300.000 € planned (yearly amounts running then and amounts stated for "
        "that year; totals over several years not included)." in result.out
    )
    assert "counted in full (--split equal divides them evenly)" in result.out
    rows = fko("budget", "--ressort", "MAGS", "--json").json()
    assert {"id", "amount_eur", "basis", "year_from", "year_to", "funding", "text", "counted_eur"} <= set(rows[0])
    assert isinstance(rows[0]["amount_eur"], int)
    chart = fko("budget", "--by", "ressort")
    assert chart.code == 0
    assert "█" in chart.out
    assert fko("budget", "--by", "nonsense").code == 2
    assert fko("budget", "--annualize").code == 2


def test_unknown_funding_source_is_a_usage_error(fko: Callable[..., Result]) -> None:
    result = fko("budget", "--funding", "ESFF")
    assert (result.code, result.err) == (
        2,
        "fko: unknown funding source 'esff'; use one of Bund (BMBF), EFRE, ESF, JTF, Land\n",
    )
    assert [r["id"] for r in fko("budget", "--funding", "bmbf", "--json").json()] == ["III.7"]


def test_iii_3_from_the_shell(fko: Callable[..., Result]) -> None:
    items = fko("show", "III.3", "--json").json()[0]["budget"]["items"]
    assert [pick(i, "basis", "year_from", "year_to") for i in items] == [("year", 2023, 2023)]
    assert "Total planned for 2023: 128.057.000 €, 8 items" in fko("budget", "--year", "2023").out


def _by_year(store: Store, **kwargs: Any) -> dict[int, dict[str, Any]]:
    from fko.domain.budget import group

    extend_to = kwargs.pop("extend_to", None)
    return {g["year"]: g for g in group(view(store, **kwargs), "year", store, extend_to)}


def test_every_year_of_by_year_is_what_year_counts(store: Store) -> None:
    per_year = _by_year(store)
    for year, entry in per_year.items():
        assert entry["year_total"] == view(store, year=year).totals.get("year_total", {"eur": 0})["eur"], year
    assert per_year[2023]["year_total"] == 128_057_000


def test_no_headline_sums_years_that_never_run_together(store: Store, fko: Callable[..., Result]) -> None:
    out = fko("budget").out
    assert "Sum of the yearly amounts" not in out and "138.267.000" not in out
    per_year = _by_year(store)
    peak = max(per_year.values(), key=lambda e: e["year_total"])
    assert (peak["year"], peak["year_total"]) == (2023, 128_057_000)
    assert "Peak year: 2023, with 128.057.000 € planned" in out
    assert "It rests on an assumption: the open end of V.6 is carried on." in out
    assert "Amounts for one stated year: 2023: 25.100.000 € (2 items)." in out
    assert "One-off amounts: 2024: 100.000 € (2 items)." in out
    assert "Yearly amounts whose years are not stated, in no year: II.2 10 Mio. €/Jahr." in out


def test_this_year_in_the_footer(store: Store) -> None:
    from fko.views.budget import budget_footer

    result = view(store, ressorts=["MAGS"])
    result.this_year = 2025
    assert (
        "This year (2025) for MAGS: 11.500.000 € planned. It rests on an assumption: the open end of IV.1 is "
        "carried on." in budget_footer(result)
    )


def test_by_year_marks_assumed_years_and_stops_at_the_last_stated_year(store: Store) -> None:
    mags = _by_year(store, ressorts=["MAGS"])
    assert list(mags) == list(range(2020, 2028))  # III.4 and III.7 from 2020; VI.2/VI.3 until 2027
    assert [(y, e["assumed_ids"]) for y, e in mags.items() if e["assumed"]] == [
        (2025, ["IV.1"]),
        (2026, ["IV.1"]),
        (2027, ["IV.1"]),
    ]
    extended = _by_year(store, ressorts=["MAGS"], extend_to=2030)
    assert list(extended)[-1] == 2030 and extended[2030]["year_total"] == 11_000_000 and extended[2030]["assumed"]


def test_totals_over_several_years_show_in_each_of_their_years(store: Store) -> None:
    mags = _by_year(store, ressorts=["MAGS"])
    # III.4 (27 Mio. Euro, 2020-2023) and III.7 (5.355.028 Euro, 2020-2024) ran in 2020-2022
    assert [(mags[y]["year_total"], mags[y]["totals_running_eur"]) for y in (2020, 2021)] == [
        (0, 32_355_028),
        (0, 32_355_028),
    ]
    spread = _by_year(store, ressorts=["MAGS"], annualize=True)
    assert spread[2020]["year_total"] == round(27_000_000 / 4) + round(5_355_028 / 5)
    assert spread[2020]["totals_running_eur"] == 0


def test_by_year_command(fko: Callable[..., Result]) -> None:
    out = fko("budget", "-r", "MAGS", "--by", "year").out
    assert "2025 *" in out and "2024 *" not in out
    assert "The years stop at 2027, the last year any item states (--extend-to YEAR for more)." in out
    rows = fko("budget", "-r", "MAGS", "--by", "year", "--extend-to", "2029", "--json").json()
    assert rows[-1]["year"] == 2029 and rows[-1]["assumed_ids"] == ["IV.1"]
    assert fko("budget", "--extend-to", "2030").code == 2
    early = fko("budget", "-r", "MAGS", "--by", "year", "--extend-to", "2000")
    assert (early.code, early.err) == (2, "fko: --extend-to 2000 is before 2020, the first year an item states\n")


def test_by_ressort_is_sorted_by_the_shown_amount(fko: Callable[..., Result]) -> None:
    rows = fko("budget", "--by", "ressort", "--json").json()
    assert [r["peak_eur"] for r in rows] == sorted((r["peak_eur"] for r in rows), reverse=True)
    assert rows[0]["group"] == "MKJFGFI" and rows[-1]["group"] == "MUNV"
    mags = next(r for r in rows if r["group"] == "MAGS")
    assert (mags["peak_year"], mags["peak_eur"], mags["total_eur"]) == (2024, 38_300_000, 47_778_933)
    assert "per_year_eur" not in mags and mags["year_total_eur"] is None
    year = fko("budget", "--by", "ressort", "--year", "2024", "--json").json()
    assert [r["year_total_eur"] for r in year] == sorted((r["year_total_eur"] for r in year), reverse=True)
    assert year[0]["peak_eur"] is None


def test_counted_amount_is_shown_when_annualize_or_split_change_it(fko: Callable[..., Result]) -> None:
    plain = fko("budget", "-r", "MAGS", "--year", "2024").out
    assert "Counted €" not in plain
    out = fko("budget", "-r", "MAGS", "--year", "2024", "--annualize", "--split", "equal").out
    assert "Counted €" in out and "4.333.333 €" in out and "annualized: 1/3 of the total" in out


def test_repeated_ressort_is_the_union_with_shared_measures_once(fko: Callable[..., Result]) -> None:
    def items(*codes: str) -> list[tuple[str, str]]:
        args = [a for code in codes for a in ("-r", code)]
        return [(r["id"], r["item"]) for r in fko("budget", *args, "--json").json()]

    mags, msb, both = items("MAGS"), items("MSB"), items("MAGS", "MSB")
    shared = set(mags) & set(msb)
    assert shared and len(both) == len(set(both)) == len(set(mags) | set(msb)) == len(mags) + len(msb) - len(shared)
    help_text = " ".join(fko("budget", "--help").out.split())
    assert "Repeated (-r MAGS -r MSB): the measures of any of them, a shared measure counted once." in help_text


def test_split_equal_divides_what_is_kept_apart_too(store: Store, fko: Callable[..., Result]) -> None:
    """--year with --split equal: the totals over several years kept apart are MAGS's share too
    (III.7 with MSB and MKW, II.4 and II.5 with MSB), as --by year --split equal counts them."""
    full = view(store, ["MAGS"], year=2024)
    split = view(store, ["MAGS"], year=2024, split="equal")
    assert full.totals["not_attributable"] == {"eur": 20_778_933, "items": 5}
    assert split.totals["not_attributable"] == {"eur": 16_085_414, "items": 5}
    by_year = fko("budget", "-r", "MAGS", "--by", "year", "--split", "equal", "--json").json()
    assert next(g for g in by_year if g["year"] == 2024)["totals_running_eur"] == 16_085_414
