"""`fko data build` for the next edition: other numbers, order and wording build or fail
naming the line; curation that no longer fits is reported, not applied; --check writes nothing."""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from fko.errors import FkoError
from fko.ingest.build import CURATION, BuildResult, build
from fko.store.fileformat import SHIPPED

from ..conftest import Result
from ..fixtures.reports import BASE, Entry, report


def build_fixture(tmp_path: Path, entries: list[Entry], curation: str = "", text: str | None = None) -> BuildResult:
    source = tmp_path / "edition.txt"
    source.write_text(text if text is not None else report(entries), encoding="utf-8")
    (tmp_path / "curation.toml").write_text(curation, encoding="utf-8")
    (tmp_path / "facts.toml").write_text("", encoding="utf-8")
    return build(source, tmp_path / "curation.toml", tmp_path / "facts.toml")


def ids(result: BuildResult) -> list[str]:
    return [m["id"] for m in result.tables["measures"]]


def test_other_order_and_numbers_build_with_a_warning(tmp_path: Path) -> None:
    swapped = [BASE[0], BASE[1], BASE[3], BASE[2]]
    result = build_fixture(tmp_path, swapped)
    assert ids(result) == ["I.1", "I.2", "II.2", "II.1"]
    assert any(re.search(r"line \d+: measure II.1 follows II.2: numbers out of sequence", w) for w in result.warnings)
    gap = build_fixture(tmp_path, [BASE[0], dataclasses.replace(BASE[1], id="I.5"), *BASE[2:]])
    assert ids(gap) == ["I.1", "I.5", "II.1", "II.2"]
    assert [m["title"] for m in gap.tables["measures"]][1] == "Lehrkräfte für Grundschulen"
    more = BASE + [Entry("II.3", "Talentscouting", "Talentscouts begleiten junge Menschen.")]
    assert ids(build_fixture(tmp_path, more))[-1] == "II.3"


def test_broken_reports_fail_naming_the_line(tmp_path: Path) -> None:
    twice = [*BASE, dataclasses.replace(BASE[3], title="Noch einmal")]
    with pytest.raises(FkoError, match=r"^line \d+: measure II.2 again \(first at line \d+\)$"):
        build_fixture(tmp_path, twice)
    stray = report(BASE).replace(" I.2: Lehrkräfte", " II.7: Lehrkräfte")
    with pytest.raises(FkoError, match=r"^line \d+: the heading of measure II.7 stands in the chapter of cluster I;"):
        build_fixture(tmp_path, BASE, text=stray)
    text = report(BASE).replace("Ziel Fachkräfte gewinnen \n\nBeginn/ Laufzeit 06/2023", "Beginn/ Laufzeit 06/2023")
    with pytest.raises(FkoError, match=r"^measure II.1 \(line \d+\): no 'Ziel' before its first field \(line \d+\)"):
        build_fixture(tmp_path, BASE, text=text)
    unknown = [*BASE[:3], dataclasses.replace(BASE[3], ressort="MXYZ")]
    with pytest.raises(FkoError, match=r"^measure II.2 \(line \d+\): unknown ministry code\(s\) \['MXYZ'\]"):
        build_fixture(tmp_path, unknown)
    with pytest.raises(FkoError, match="the report has no measures"):
        build_fixture(tmp_path, [], text=report(BASE).split(" Cluster I:")[0])
    with pytest.raises(FkoError, match="the report has no 'Beteiligte Ressorts'"):
        build_fixture(tmp_path, BASE, text="Ein anderes Dokument \n\n \n\n")


CURATION_FOR_BASE = """
[partners]
"II.1" = ["Handwerkskammern", "Landes-Gewerbeförderungsstelle"]
"I.1" = ["Jobcenter"]
"V.9" = ["Kommunen"]

[aliases]
"II.1" = ["Meisterprämie"]
"II.2" = ["Meisterprämie"]
"VI.9" = ["Nirgends"]

[[budget]]
id = "II.1"
item = 1
wording = "ca. 11 Mio. Euro pro Jahr"
note = "reviewed"

[[budget]]
id = "II.2"
item = 1
wording = "10 Mio. Euro pro Jahr"
note = "reviewed against other wording"

[[budget]]
id = "I.1"
item = 1
text = "950.000 Euro pro Jahr"

[[budget]]
id = "I.1"
item = 2
text = "850.000 Euro pro Jahr"

[[budget]]
id = "IV.9"
item = 1
text = "1 Euro"
"""


def test_curation_that_no_longer_fits_is_reported_and_not_applied(tmp_path: Path) -> None:
    result = build_fixture(tmp_path, BASE, CURATION_FOR_BASE)
    measures = {m["id"]: m for m in result.tables["measures"]}
    assert measures["II.1"]["partners_curated"] is True
    assert measures["I.1"]["partners_curated"] is False and measures["I.1"]["partners"] == []
    assert measures["II.1"]["budget"]["items"][0]["note"] == "reviewed"
    assert measures["II.2"]["budget"]["items"][0]["note"] is None
    assert measures["I.1"]["budget"]["items"][0]["amount_eur"] == 850_000
    warnings = [w for w in result.warnings if w.startswith("curation:")]
    assert warnings == [
        "curation: partners of I.1: 'Jobcenter' does not occur in the measure's 'Partner in der Umsetzung'; "
        "not applied (review the entry against the report)",
        "curation: partners of V.9: the report has no measure V.9; not applied",
        "curation: budget item 1 of II.2: the measure's 'Geplante Mittel' no longer read '10 Mio. Euro pro Jahr'; "
        "not applied",
        "curation: budget item 1 of I.1: the text '950.000 Euro pro Jahr' is not in the measure's 'Geplante Mittel'; "
        "not applied",
        "curation: budget item 2 of I.1: the measure's funds have 1 item(s); not applied",
        "curation: budget item 1 of IV.9: the report has no measure IV.9; not applied",
        "curation: aliases of II.2: 'Meisterprämie' occurs nowhere in II.2 (Ausbildungswege NRW); not applied",
        "curation: aliases of VI.9: the report has no measure VI.9; not applied",
    ]
    aliases = result.index["aliases"]
    assert "Meisterprämie" in aliases["II.1"] and "Meisterprämie" not in aliases.get("II.2", [])


def test_shipped_curation_fits_the_report_without_warnings(sources: Path) -> None:
    assert build(sources / "002_a45909dfd521d212.txt", CURATION).warnings == []


def test_check_validates_without_writing(fko: Callable[..., Result], sources: Path, tmp_path: Path) -> None:
    report_path = str(sources / "002_a45909dfd521d212.txt")
    result = fko("data", "build", report_path, "--check")
    assert result.code == 0, result.err
    assert result.out.startswith(f"checked {report_path}: 13 ressorts, 6 clusters, 64 measures")
    assert result.out.endswith("; no warnings; nothing written\n")
    both = fko("data", "build", report_path, "--check", "--out", str(tmp_path / "x.json"))
    assert both.code == 2 and not (tmp_path / "x.json").exists()
    neither = fko("data", "build", report_path)
    assert neither.code == 2 and "missing --out PATH" in neither.err


def test_a_renumbered_edition_reports_the_facts_and_patches_that_moved(
    fko: Callable[..., Result], sources: Path, tmp_path: Path
) -> None:
    """II.3 dropped, II.4 … II.10 renumbered to II.3 … II.9: what belonged to the old numbers is reported."""
    folder = tmp_path / "sources"
    shutil.copytree(sources, folder)
    path = folder / "002_a45909dfd521d212.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(r"^ ?II\.3: ", line))
    end = next(i for i, line in enumerate(lines) if re.match(r"^ ?II\.4: ", line))
    del lines[start:end]
    renumbered = [
        re.sub(r"^( ?)II\.(\d+):", lambda m: f"{m.group(1)}II.{int(m.group(2)) - 1}:", line)
        if (m := re.match(r"^ ?II\.(\d+):", line)) and int(m.group(1)) >= 4
        else line
        for line in lines
    ]
    path.write_text("\n".join(renumbered), encoding="utf-8")
    checked = fko("data", "build", str(path), "--check")
    assert checked.code == 1 and not list(folder.glob("*.json"))
    warnings = [line for line in checked.err.splitlines() if line.startswith("fko: warning: ")]
    assert warnings[0].startswith("fko: warning: curation: partners of II.4: 'Berlin' does not occur in the measure's")
    assert (
        "fko: warning: curation: budget item 1 of II.4: the text '547.000 Euro (ESF-Mittel)' is not in the "
        in (warnings[1])
    )
    glossary = [w for w in warnings if w.startswith("fko: warning: glossary ")]
    synonyms = [w for w in warnings if w.startswith("fko: warning: synonym ")]
    assert len(warnings) - len(glossary) - len(synonyms) == 13  # 4 of them the new II.3/II.9 figures
    # the English-German glossary's words and the synonym table's that only the dropped II.3 (Talentscouting) had
    assert len(glossary) == 9
    assert any("-> 'Talentscouts': 'Talentscouts' is neither a word of the data nor a part" in w for w in glossary)
    assert synonyms == [
        "fko: warning: synonym 'begabt' -> 'Begabung': 'Begabung' is not a word of the data",
        "fko: warning: synonym 'begabt' -> 'Talente': 'Talente' is not a word of the data",
    ]
    assert sum("the quote is not in the text of II.8" in w for w in warnings) == 2
    assert any("aliases of II.7: 'KAoA' occurs nowhere in II.7 (Übergangslotsen)" in w for w in warnings)
    assert checked.err.splitlines()[-1].startswith(f"fko: check of {path} found {len(warnings)} warnings (above)")
    built = fko("data", "build", str(path), "--out", str(tmp_path / "next.json"))
    assert built.code == 0, built.err
    data = fko("--db", str(tmp_path / "next.json"), "indicators", "II.8", "--json").json()
    assert data == []  # the old II.8's figures are not attached to the new II.8
    diff = fko("diff", str(SHIPPED), str(tmp_path / "next.json"), "--json").json()
    assert [m["id"] for m in diff["removed_measures"]] == ["II.3"]
    assert diff["summary"]["renumbered_count"] == 7


def test_without_the_build_extra_the_check_names_only_that(sources: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain install (no wordfreq, simplemma) cannot tell that the glossary's "Meister" is a part
    of Meisterprämie (only the general word list splits it): it had warned so falsely."""
    from fko.ingest import resources

    monkeypatch.setattr(resources, "available", lambda: False)
    warnings = build(sources / "002_a45909dfd521d212.txt", CURATION).warnings
    assert len(warnings) == 1 and warnings[0].startswith("the build extra (wordfreq, simplemma) is not installed")
