"""The committed store against the report: every measure, field by field, and the rebuild."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fko.ingest.build import build, load_curation, squash
from fko.store.fileformat import SHIPPED, serialise
from fko.store.reader import Store

from ..conftest import REPORT, Result


def measure(store: Store, measure_id: str) -> dict[str, Any]:
    return next(m for m in store.measures() if m["id"] == measure_id)


def test_all_64_measures_in_report_order(store: Store) -> None:
    ids = [m["id"] for m in store.measures()]
    counts = {"I": 12, "II": 10, "III": 13, "IV": 11, "V": 10, "VI": 8}
    expected = [f"{c}.{n}" for c, total in counts.items() for n in range(1, total + 1)]
    assert ids == expected


def test_every_measure_names_its_source_and_ministries(store: Store) -> None:
    codes = {r["code"] for r in store.ressorts()}
    for m in store.measures():
        assert m["source"] == "002_a45909dfd521d212.txt"
        assert m["ressorts"] and set(m["ressorts"]) <= codes, m["id"]
        assert m["title"] and m["description"] and m["goal"], m["id"]


def test_meisterpraemie(store: Store) -> None:
    m = measure(store, "IV.1")
    assert m["title"] == "Meisterprämie NRW"
    assert m["ressorts"] == ["MAGS"]
    assert m["partners"] == ["Landes-Gewerbeförderungsstelle des nordrhein-westfälischen Handwerks (LGH)"]
    assert m["urls"] == ["https://meisterpraemie.nrw/"]
    assert m["runtime"]["text"] == "06/2023 bis mind. Ende der Legislaturperiode"
    assert m["budget"]["text"] == "2023 ca. 5,5 Mio. Euro, danach jährlich ca. 11 Mio. Euro"


def test_publication_and_urls(store: Store) -> None:
    assert measure(store, "I.9")["publication"] == (
        "https://www.wbv.de/shop/Fachkraefte-in-der-Kinder-und-Jugendhilfe-I76973"
    )
    assert measure(store, "I.4")["partners"] == []
    assert measure(store, "I.4")["urls"] == ["https://bass.schul-welt.de/19828.htm"]
    assert measure(store, "IV.7")["urls"] == [
        "https://www.mags.nrw/berufsbildungsstelle",
        "https://www.aok.de/karriere/ausbildung/sozialversicherungsfachangestellte/",
    ]
    assert measure(store, "IV.7")["in_force"] == "07.12.2023"
    assert measure(store, "III.1")["in_force"] == "voraussichtlich 4. Quartal 2024"


def test_urls_are_whole(store: Store) -> None:
    for m in store.measures():
        assert len(m["urls"]) == len(set(m["urls"])), m["id"]
        for url in m["urls"]:
            assert re.fullmatch(r"(https?://|www\.)[^\s]+[\w/]", url), (m["id"], url)


def test_partners_split_and_curated(store: Store) -> None:
    assert measure(store, "II.4")["partners"] == [
        "Berlin",
        "Niedersachsen",
        "Baden-Württemberg",
        "Hamburg",
        "Hessen",
        "BMBF",
        "BIBB",
    ]  # the report's "BMBF und BIBB" are two institutions (curated)
    assert measure(store, "III.13")["partners"][1] == "Verband Garten-, Landschafts- und Sportplatzbau NRW e.V."
    assert measure(store, "III.11")["partners"][-1] == "Jugendämter im jeweiligen Einzugsbereich"
    assert measure(store, "III.7")["partners_curated"] is True
    assert "wissenschaftlich begleitet" in measure(store, "III.7")["partners_text"]


def test_every_curated_partner_occurs_in_the_report_wording(store: Store) -> None:
    for measure_id, partners in load_curation()["partners"].items():
        wording = squash(measure(store, measure_id)["partners_text"])
        for partner in partners:
            assert squash(partner) in wording, (measure_id, partner)


def test_ressorts_and_clusters(store: Store) -> None:
    ressorts = {r["code"]: r["name"] for r in store.ressorts()}
    assert len(ressorts) == 13
    assert ressorts["MAGS"] == "Ministerium für Arbeit, Gesundheit und Soziales"
    assert ressorts["MKJFGFI"] == "Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration"
    clusters = store.clusters()
    assert [c["numeral"] for c in clusters] == ["I", "II", "III", "IV", "V", "VI"]
    assert clusters[0]["title"] == "Gute Bildung, Erziehung und Betreuung"
    assert clusters[3]["introduction"].startswith("In unserer heutigen Wissensgesellschaft")


def test_multi_part_runtime(store: Store) -> None:
    runtime = measure(store, "II.5")["runtime"]
    assert [p["label"] for p in runtime["parts"]] == ["Ausbildungsbotschafter", "KAUSA"]


def test_footnote_markers_are_removed_and_footnotes_kept(store: Store) -> None:
    m = measure(store, "III.2")
    assert "MID-Assistenten." in m["description"]
    assert m["footnotes"] == ["3 MID: Mittelstand Innovativ & Digital"]


def test_rebuild_reproduces_the_committed_store_and_its_index(sources: Path) -> None:
    from fko.search.indexfile import index_text
    from fko.store.fileformat import digest, index_path

    result = build(REPORT)
    assert not result.warnings
    text = serialise(result.tables)
    assert text == SHIPPED.read_text(encoding="utf-8")
    assert index_text(result.index, digest(text.encode("utf-8"))) == index_path(SHIPPED).read_text(encoding="utf-8")


def test_data_build_writes_the_store_and_its_index_beside_it(
    sources: Path, tmp_path: Path, fko: Callable[..., Result]
) -> None:
    """Both files atomically, each replaced only with --force; the store opens, its index fits."""
    out = tmp_path / "edition.json"
    index = tmp_path / "edition.index.json"
    result = fko("data", "build", str(REPORT), "--out", str(out))
    assert result.code == 0, result.err
    assert result.err.endswith(f"; its search index: {index}\n")
    assert out.read_bytes() == SHIPPED.read_bytes()
    assert index.read_bytes() == SHIPPED.with_name("fko.index.json").read_bytes()
    searched = fko("--db", str(out), "search", "Meisterprämie", "--json")
    assert (searched.code, searched.err, searched.out) == (0, "", fko("search", "Meisterprämie", "--json").out)
    out.unlink()
    refused = fko("data", "build", str(REPORT), "--out", str(out))
    assert (refused.code, refused.err) == (
        1,
        f"fko: {index} exists; choose another --out or pass --force to replace it\n",
    )
    assert not out.exists()
    assert fko("data", "build", str(REPORT), "--out", str(out), "--force").code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edition.index.json", "edition.json"]


def test_the_general_word_list_is_what_the_build_writes(sources: Path) -> None:
    """fko/data/words.tsv is generated (from wordfreq, by fko data build): regenerating it gives the same bytes."""
    from fko.ingest.resources import word_list
    from fko.search.lexicon import WORDS, lexicon

    assert word_list() == WORDS.read_text(encoding="utf-8")
    words = lexicon()
    assert words.german["mangel"] >= 4.0 and words.german["lehrer"] >= 4.0  # the parts of Lehrermangel
    assert words.english["will"] > words.german.get("will", 0.0)
