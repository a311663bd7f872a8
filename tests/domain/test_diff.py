"""`fko diff`: two stores built from small fixture reports, and the issue's scenario."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from fko.domain.diff import word_diff
from fko.ingest.build import build
from fko.store.fileformat import SHIPPED, serialise

from ..conftest import Result
from ..fixtures.reports import BASE, Entry, report

SHIPPED_PATH = str(SHIPPED)


def store_file(folder: Path, name: str, entries: list[Entry]) -> str:
    """Build a store from a fixture report (no curation, no facts) and write it."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{name}.txt"
    source.write_text(report(entries), encoding="utf-8")
    empty = folder / "empty.toml"
    empty.write_text("", encoding="utf-8")
    out = folder / f"{name}.json"
    out.write_text(serialise(build(source, empty, empty).tables), encoding="utf-8")
    return str(out)


def replace(entries: list[Entry], measure_id: str, **changes: Any) -> list[Entry]:
    return [dataclasses.replace(e, **changes) if e.id == measure_id else e for e in entries]


def test_identical_stores_print_no_changes(fko: Callable[..., Result], tmp_path: Path) -> None:
    path = store_file(tmp_path, "a", BASE)
    result = fko("diff", path, path)
    assert (result.code, result.out, result.err) == (0, "no changes\n", "")
    data = fko("diff", path, path, "--json").json()
    assert data["summary"] == {
        "old_count": 4,
        "new_count": 4,
        "added_count": 0,
        "removed_count": 0,
        "renumbered_count": 0,
        "changed_count": 0,
        "unchanged_count": 4,
    }
    assert data["changed_measures"] == [] and data["added_measures"] == [] and data["removed_measures"] == []
    assert (fko("diff", SHIPPED_PATH, SHIPPED_PATH).out) == "no changes\n"


def test_added_and_removed(fko: Callable[..., Result], tmp_path: Path) -> None:
    old = store_file(tmp_path, "old", BASE)
    extra = Entry("II.3", "Talentscouting", "Talentscouts begleiten Schülerinnen und Schüler an Hochschulen.")
    new = store_file(tmp_path, "new", [e for e in BASE if e.id != "I.2"] + [extra])
    data = fko("diff", old, new, "--json").json()
    assert data["added_measures"] == [{"id": "II.3", "title": "Talentscouting", "kind": "measure"}]
    assert data["removed_measures"] == [{"id": "I.2", "title": "Lehrkräfte für Grundschulen", "kind": "measure"}]
    assert data["changed_measures"] == []
    assert (data["summary"]["added_count"], data["summary"]["removed_count"], data["summary"]["unchanged_count"]) == (
        1,
        1,
        3,
    )
    text = fko("diff", old, new).out
    assert "Added (1)\n  II.3  Talentscouting\n" in text
    assert "Removed (1)\n  I.2  Lehrkräfte für Grundschulen\n" in text
    per_year = {r["basis"]: r["change_eur"] for r in data["funds"]["per_basis"]}
    assert per_year["per_year"] == 850_000  # the new II.3 has the default funds; I.2 had none


def test_renumbered_by_title_and_by_content(fko: Callable[..., Result], tmp_path: Path) -> None:
    old = store_file(tmp_path, "old", BASE)
    inserted = Entry("I.2", "Kita-Helfer", "Kita-Helferinnen entlasten die Fachkräfte in den Kitas.")
    moved = dataclasses.replace(BASE[1], id="I.3")
    renamed = dataclasses.replace(BASE[3], title="Ausbildungswege NRW 2025")
    new = store_file(tmp_path, "new", [BASE[0], inserted, moved, BASE[2], renamed])
    data = fko("diff", old, new, "--json").json()
    assert [m["id"] for m in data["added_measures"]] == ["I.2"]
    assert data["removed_measures"] == []
    by_new = {m["new_id"]: m for m in data["changed_measures"]}
    assert by_new["I.3"]["old_id"] == "I.2" and by_new["I.3"]["renumbered"] and by_new["I.3"]["matched_by"] == "title"
    assert by_new["I.3"]["changes"] == []
    title = by_new["II.2"]
    assert (title["old_id"], title["renumbered"], title["matched_by"]) == ("II.2", False, "id")
    assert [c["field"] for c in title["changes"]] == ["title"]
    assert title["changes"][0]["words"] == "Ausbildungswege NRW {+2025+}"
    assert data["summary"]["renumbered_count"] == 1
    text = fko("diff", old, new).out
    assert "I.2 → I.3  Lehrkräfte für Grundschulen  (renumbered; matched by title)\n  no field changed\n" in text

    # a new number and a new title: matched by the description
    swapped = [*BASE[:2], dataclasses.replace(renamed, id="II.1"), dataclasses.replace(BASE[2], id="II.2")]
    data = fko("diff", old, store_file(tmp_path, "swapped", swapped), "--json").json()
    assert data["added_measures"] == [] and data["removed_measures"] == []
    assert [(m["old_id"], m["new_id"], m["matched_by"]) for m in data["changed_measures"]] == [
        ("II.2", "II.1", "content"),
        ("II.1", "II.2", "title"),
    ]


def test_changed_fields_with_old_and_new(fko: Callable[..., Result], tmp_path: Path) -> None:
    old = store_file(tmp_path, "old", BASE)
    entries = replace(BASE, "II.1", funds="ca. 12 Mio. Euro pro Jahr", partners=["Handwerkskammern", "WHKT"])
    entries = replace(
        entries,
        "I.1",
        ressort="MSB",
        description="Seiteneinsteiger mit einem Master können an allen Grundschulen eingestellt werden.",
        website="https://example.org/neu",
    )
    new = store_file(tmp_path, "new", entries)
    data = fko("diff", old, new, "--json").json()
    changes = {m["new_id"]: {c["field"]: c for c in m["changes"]} for m in data["changed_measures"]}
    assert set(changes) == {"I.1", "II.1"}
    assert set(changes["I.1"]) == {"ressorts", "urls", "description"}
    assert (changes["I.1"]["ressorts"]["values_added"], changes["I.1"]["ressorts"]["values_removed"]) == (
        ["MSB"],
        ["MAGS"],
    )
    assert changes["I.1"]["description"]["words"] == (
        "Seiteneinsteiger {+mit einem Master+} können an {+allen+} Grundschulen eingestellt werden."
    )
    assert set(changes["II.1"]) == {"funds", "partners"}
    [item] = changes["II.1"]["funds"]["item_changes"]
    assert (item["item"], item["change_kind"], item["keys"]) == (1, "changed", ["amount_eur", "text"])
    assert (item["old_item"]["amount_eur"], item["new_item"]["amount_eur"]) == (11_000_000, 12_000_000)
    assert changes["II.1"]["partners"]["values_added"] == ["WHKT"]
    assert changes["II.1"]["partners"]["values_removed"] == ["Landes-Gewerbeförderungsstelle"]
    ministries = {(r["ressort"], r["basis"]): r["change_eur"] for r in data["funds"]["per_ressort"]}
    assert ministries == {("MAGS", "per_year"): 1_000_000 - 850_000, ("MSB", "per_year"): 850_000}
    text = fko("diff", old, new).out
    assert "  funds item 1 (amount_eur, text): ca. 11 Mio. €/Jahr · per year · 2023–2027 (derived) → " in text
    assert "  partners: + WHKT; - Landes-Gewerbeförderungsstelle\n" in text
    only = fko("diff", old, new, "--fields", "funds", "--json").json()
    assert [(m["new_id"], [c["field"] for c in m["changes"]]) for m in only["changed_measures"]] == [
        ("II.1", ["funds"])
    ]


def test_bad_arguments(fko: Callable[..., Result], tmp_path: Path) -> None:
    path = store_file(tmp_path, "a", BASE)
    bad = fko("diff", path, path, "--fields", "title,colour")
    assert bad.code == 2 and "unknown field 'colour' for --fields; valid fields: title, cluster" in bad.err
    missing = fko("diff", path, str(tmp_path / "nope.json"))
    assert missing.code == 1 and "nope.json not found" in missing.err


def test_the_issue_scenario_reports_exactly_the_two_edits(
    fko: Callable[..., Result], sources: Path, tmp_path: Path
) -> None:
    """A copy of the report with I.8's funds and II.9's runtime edited: those two and nothing else."""
    folder = tmp_path / "sources"
    shutil.copytree(sources, folder)
    text = (folder / "002_a45909dfd521d212.txt").read_text(encoding="utf-8")
    assert text.count("Geplante Mittel 850.000 Euro pro Jahr") == 1
    text = text.replace("Geplante Mittel 850.000 Euro pro Jahr", "Geplante Mittel 950.000 Euro pro Jahr")
    text = text.replace("Laufzeit 07/2023 bis 12/2024 (weitere", "Laufzeit 07/2023 bis 12/2025 (weitere")
    (folder / "002_a45909dfd521d212.txt").write_text(text, encoding="utf-8")
    built = fko("data", "build", str(folder / "002_a45909dfd521d212.txt"), "--out", str(tmp_path / "new.json"))
    assert built.code == 0, built.err
    data = fko("diff", SHIPPED_PATH, str(tmp_path / "new.json"), "--json").json()
    assert [(m["new_id"], [c["field"] for c in m["changes"]]) for m in data["changed_measures"]] == [
        ("I.8", ["funds"]),
        ("II.9", ["runtime"]),
    ]
    assert data["added_measures"] == [] and data["removed_measures"] == []
    runtime = data["changed_measures"][1]["changes"][0]
    assert (runtime["old_period"]["end"], runtime["new_period"]["end"]) == ("2024-12-31", "2025-12-31")
    assert [r["change_eur"] for r in data["funds"]["per_basis"]] == [100_000, 0, 0, 0]


def test_word_diff_shortens_the_unchanged_words() -> None:
    old = " ".join(f"w{n}" for n in range(30))
    new = old.replace("w15", "neu")
    assert word_diff(old, new) == "… w11 w12 w13 w14 [-w15-] {+neu+} w16 w17 w18 w19 …"
    assert word_diff("a b", "a b c") == "a b {+c+}"


@given(st.lists(st.sampled_from("abcde"), max_size=12), st.lists(st.sampled_from("abcdef"), max_size=12))
def test_word_diff_marks_only_words_of_each_side(a: list[str], b: list[str]) -> None:
    import re

    shown = word_diff(" ".join(a), " ".join(b))
    if a == b:
        assert "[-" not in shown and "{+" not in shown
    for removed in re.findall(r"\[-(.*?)-\]", shown):
        assert set(removed.split()) <= set(a)
    for added in re.findall(r"\{\+(.*?)\+\}", shown):
        assert set(added.split()) <= set(b)


@given(st.text(max_size=30))
def test_any_fields_text_is_a_list_of_fields_or_a_usage_error(text: str) -> None:
    from fko.domain.diff import FIELDS, check_fields
    from fko.errors import UsageError

    try:
        chosen = check_fields(text)
    except UsageError as exc:
        assert "--fields" in exc.message
        return
    assert chosen and set(chosen) <= set(FIELDS)
