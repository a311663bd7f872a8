"""`fko cite`: citations of measures and figures in text, Markdown and BibTeX."""

from __future__ import annotations

import pathlib
import re
from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from fko.domain.cite import citations
from fko.search.finder import resolve_all
from fko.store.reader import Store
from fko.views.cite import citation_text

from ..conftest import SOURCES, Result

REPORT = "002_a45909dfd521d212.txt"
REPORT_TEXT = (SOURCES / REPORT).read_text(encoding="utf-8") if (SOURCES / REPORT).exists() else ""


def test_a_measure_cites_the_report_its_lines_and_its_goal(store: Store) -> None:
    [cite] = citations(store, resolve_all(store, ["iv.1"])[0])
    assert (cite["measure_id"], cite["kind"], cite["title"]) == ("IV.1", "measure", "Meisterprämie NRW")
    assert (cite["source"], cite["source_date"], cite["source_lines"]) == (REPORT, "2024-04", [2425, 2468])
    assert (cite["quote"], cite["quote_of"]) == ("Fachkräftesicherung im Handwerk", "goal")
    # the citation names the measure and the document by its title; the file and lines follow
    assert citation_text(cite, "text") == (
        "Measure IV.1 „Meisterprämie NRW“. Landesregierung Nordrhein-Westfalen (Federführung MAGS): "
        "Fortschrittsbericht der Fachkräfteoffensive NRW, 2024-04 (inferred), "
        f"page unknown (text file {REPORT}, lines 2425–2468). „Fachkräftesicherung im Handwerk“"
    )


def test_figures_cite_their_own_source(store: Store) -> None:
    cites = citations(store, resolve_all(store, ["IV.1"])[0], "meisterpraemien")
    assert [(c["as_of"], c["value"], c["qualifier"], c["source_key"]) for c in cites] == [
        ("2024-03-31", 2186, None, "report"),
        ("2025-10", 7000, "fast", "dhb"),
    ]
    # each figure cites its own lines, not the whole measure's (2425-2468)
    assert cites[0]["source_lines"] == [2446, 2448] and cites[1]["source_lines"] == [12, 12]
    assert "page unknown (text file 002_a45909dfd521d212.txt, lines 2446–2448). „Bislang" in citation_text(
        cites[0], "text"
    )
    lines = (REPORT_TEXT.split("\n") if REPORT_TEXT else [])[2445:2448]
    assert not lines or "wurden 2186 Meisterprämien ausgezahlt" in " ".join(" ".join(lines).split())
    assert cites[1]["quote"] == "Dass wir bereits fast 7000 Meisterprämien überweisen konnten"
    bibtex = citation_text(cites[1], "bibtex")
    assert bibtex.startswith("@misc{fko-iv-1-meisterpraemien-ausgezahlt-2025-10,\n")
    assert "  year = {2025},\n  month = oct,\n" in bibtex  # the DHB states its month
    assert "  note = {page unknown (text file 001\\_4b5943aa954268f7.txt, line 12). Quote: „Dass wir bereits" in bibtex
    assert "  howpublished = {Deutsches Handwerksblatt, Oktober 2025, Editorial" in bibtex
    assert bibtex.endswith("\n}")


def test_a_bibtex_date_the_report_does_not_state_stays_marked_as_inferred(store: Store) -> None:
    [cite] = citations(store, resolve_all(store, ["IV.1"])[0])
    bibtex = citation_text(cite, "bibtex")
    assert "  year = {2024},\n" in bibtex and "month" not in bibtex  # no month the report does not state
    assert "Date 2024-04 inferred, not stated: its latest reported state is of spring 2024" in bibtex


def test_recognition_figures_are_citable_with_their_lines_and_caveat(store: Store, fko: Callable[..., Result]) -> None:
    from fko.domain.cite import recognition_citations

    [hwk] = [
        c
        for c in recognition_citations(store, "Handwerkskammern")
        if c["metric"] == "Verfahren nach Zuständigkeitsbereich"
    ]
    assert (hwk["kind"], hwk["measure_id"], hwk["body"], hwk["value"], hwk["source_key"]) == (
        "recognition",
        None,
        "Handwerkskammern",
        1125,
        "whkt",
    )
    assert hwk["source_lines"] == [28, 28] and hwk["caveat"].startswith("Problematisch für die politische Diskussion")
    text = citation_text(hwk, "text")
    assert text.startswith("Handwerkskammern, Verfahren nach Zuständigkeitsbereich: 1.125 (no year stated). ")
    assert "Caveat of the source: „Problematisch" in text and "nur auf das BQFG bezieht" in text
    tables = citations(store, resolve_all(store, ["VI.8"])[0], "anerkannte", "2023")
    assert [(c["body"], c["value"], c["source_lines"]) for c in tables] == [
        ("Architektenkammer Nordrhein-Westfalen", 34, [3924, 3930]),
        ("Ingenieurkammer-Bau Nordrhein-Westfalen", 60, [3936, 3942]),
    ]
    assert citation_text(tables[0], "text").startswith(
        "Architektenkammer Nordrhein-Westfalen, davon anerkannte Anträge: 34 (2023), Measure VI.8 „Anerkennung"
    )
    cli = fko("cite", "--recognition", "Architektenkammer", "--as-of", "2022", "--json").json()
    assert {(c["metric"], c["value"]) for c in cli} >= {
        ("Anzahl gestellter Anträge", 79),
        ("davon anerkannte Anträge", 68),
    }
    assert fko("cite", "IV.1", "--recognition", "IHK").code == 2
    assert fko("cite").code == 2
    assert fko("cite", "--recognition", "Zauberer").code == 1


def test_an_initiative_without_goal_quotes_its_first_sentence(store: Store) -> None:
    [cite] = citations(store, resolve_all(store, ["N.1"])[0])
    assert cite["kind"] == "initiative" and cite["quote_of"] == "description"
    assert cite["quote"].startswith("Im »Modernisierungspakt II« haben das Land") and cite["quote"].endswith(
        "vereinbart."
    )
    assert cite["source_key"] == "whkt" and cite["source_lines"] is None


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40))
def test_markdown_and_bibtex_escape_any_title(title: str) -> None:
    cite = {
        "measure_id": "I.1",
        "kind": "measure",
        "title": title,
        "quote": title,
        "source": "a_b.txt",
        "source_title": title,
        "source_publisher": None,
        "source_date": "2024-04",
        "source_date_note": None,
        "source_lines": None,
    }
    markdown = citation_text(cite, "markdown")
    bold = markdown.split("**")[1]  # the escaped title holds no "**" of its own
    assert re.sub(r"\\(.)", r"\1", bold) == f"Measure I.1 „{title}“"
    bibtex = citation_text(cite, "bibtex")
    body = bibtex.replace("\\{", "").replace("\\}", "")
    assert body.count("{") == body.count("}")  # braces balanced: the entry stays one entry


def test_cli_formats_and_errors(fko: Callable[..., Result]) -> None:
    text = fko("cite", "Meisterprämie", "II.9")
    assert text.code == 0, text.err
    assert text.out.count(f"(text file {REPORT}, lines ") == 2 and "\n\nMeasure II.9 „Ausbildungswege NRW“." in text.out
    markdown = fko("cite", "I.8", "--format", "MARKDOWN")
    assert markdown.out.startswith("**Measure I.8 „\\#WTFuture – Kampagne")
    assert "(text file 002\\_a45909dfd521d212.txt, lines 782–833).\n\n> Die Kampagne zielt" in markdown.out
    data = fko("cite", "IV.1", "--figure", "Meisterprämien", "--as-of", "2025-10", "--json").json()
    assert [(c["value"], c["approximate"], c["source"]) for c in data] == [(7000, True, "001_4b5943aa954268f7.txt")]
    missing = fko("cite", "IV.1", "--figure", "Gesellen")
    assert missing.code == 1
    assert missing.err == (
        "fko: IV.1 has no figure 'Gesellen'; its figures: Meisterprämien ausgezahlt; "
        "Prämie je bestandener Meisterprüfung (Euro)\n"
    )
    assert fko("cite", "IV.1", "--format", "pdf").code == 2
    assert fko("cite", "IV.1", "--as-of", "2025-10").code == 2
    assert fko("cite", "IV.99").code == 1


HASHED = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def test_a_citation_names_the_document_by_title_in_the_readers_language(fko: Callable[..., Result]) -> None:
    """fko's frame speaks the reader's language ("Measure", "page unknown"); the source's words stay
    German; the file and its lines are the second locator, in parentheses, and no page is made up."""
    english = fko("cite", "IV.1")
    assert english.code == 0, english.err
    assert english.out == (
        "Measure IV.1 „Meisterprämie NRW“. Landesregierung Nordrhein-Westfalen (Federführung MAGS): "
        "Fortschrittsbericht der Fachkräfteoffensive NRW, 2024-04 (inferred), "
        f"page unknown (text file {REPORT}, lines 2425–2468). „Fachkräftesicherung im Handwerk“\n"
    )
    german = fko("--lang", "de", "cite", "IV.1")
    assert german.out == (
        "Maßnahme IV.1 „Meisterprämie NRW“. Landesregierung Nordrhein-Westfalen (Federführung MAGS): "
        "Fortschrittsbericht der Fachkräfteoffensive NRW, 04/2024 (erschlossen), "
        f"Seite unbekannt (Textdatei {REPORT}, Zeilen 2425–2468). „Fachkräftesicherung im Handwerk“\n"
    )
    initiative = fko("cite", "N.1").out
    assert initiative.startswith("Initiative N.1 „Modernisierungspakt II")
    assert "WHKT-Report, Ausgabe 12/2025, 2025-12, page unknown (text file 000_819d8d142bf3d751.txt). „Im" in initiative


def test_the_text_exports_mark_no_page_a_citation_could_name() -> None:
    """Why a citation says "page unknown": the report's text has no form feed and keeps only two
    stray page numbers (36 and 75), which bound no cited range to one page; the other texts have
    none. Should a new text mark its pages, this fails and citations can name them."""
    if not REPORT_TEXT:
        return
    lines = REPORT_TEXT.split("\n")
    assert "\f" not in REPORT_TEXT
    assert [(n, line.strip()) for n, line in enumerate(lines, 1) if re.fullmatch(r"\s*\d{1,3}\s*", line)] == [
        (1387, "36"),
        (3323, "75"),
    ]
    for other in sorted(SOURCES.glob("*.txt")):
        if other.name != REPORT:
            text = other.read_text(encoding="utf-8")
            assert "\f" not in text and not re.search(r"(?m)^\s*\d{1,3}\s*$", text), other.name


def test_a_source_without_a_title_says_so(fko: Callable[..., Result], tmp_path: pathlib.Path) -> None:
    import json

    from fko.store.fileformat import SHIPPED

    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    for source in data["sources"].values():
        source["title"] = None
    store = tmp_path / "untitled.json"
    store.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    cited = fko("--db", str(store), "cite", "IV.1")
    assert cited.code == 0, cited.err
    assert "(Federführung MAGS): title not recorded, 2024-04 (inferred), page unknown (text file" in cited.out
    assert "Fortschrittsbericht" not in cited.out
    changes = fko("--db", str(store), "changes", "IV.1")
    assert "  Source: title not recorded (001_4b5943aa954268f7.txt), 2025-10\n" in changes.out


def test_figures_sharing_one_quote_print_it_once(fko: Callable[..., Result]) -> None:
    """The eleven countries of one WHKT line: eleven figures, then the document and the quote once."""
    countries = "„Türkei (387), Ukraine (96), Kosovo (90), Marokko (57)"
    text = fko("cite", "--recognition", "Handwerkskammern").out
    assert text.count(countries) == 1
    paragraphs = text.rstrip("\n").split("\n\n")
    assert len(paragraphs) == 2  # the areas (line 28) and the countries (line 30)
    figures = paragraphs[1].split("\n")
    assert len(figures) == 11
    assert figures[0] == "Handwerkskammern, Verfahren nach Ausbildungsstaat: Türkei: 387 (no year stated);"
    assert figures[9] == "Handwerkskammern, Verfahren nach Ausbildungsstaat: Serbien: 24 (no year stated);"
    assert figures[10].startswith(
        "Handwerkskammern, Verfahren nach Ausbildungsstaat: Griechenland: 21 (no year stated). "
        "Westdeutscher Handwerkskammertag (WHKT): WHKT-Report, Ausgabe 12/2025, 2025-12, "
        "page unknown (text file 000_819d8d142bf3d751.txt, line 30). „Türkei (387)"
    )
    markdown = fko("cite", "--recognition", "Handwerkskammern", "--format", "markdown").out
    assert markdown.count("> Türkei (387), Ukraine (96)") == 1 and markdown.count("**Handwerkskammern, ") == 12
    # BibTeX entries stand alone: each carries its quote
    assert fko("cite", "--recognition", "Handwerkskammern", "--format", "bibtex").out.count("Quote: „Türkei") == 11
    # a chamber's table row: its two years share the quote; the next row quotes other lines
    architects = fko("cite", "--recognition", "Architektenkammer").out.rstrip("\n").split("\n\n")
    assert [p.count("\n") for p in architects] == [1, 1, 1, 1]
    assert architects[0].startswith("Architektenkammer Nordrhein-Westfalen, Anzahl gestellter Anträge: 79 (2022), ")
    assert (
        architects[0]
        .split("\n")[1]
        .startswith(
            "Architektenkammer Nordrhein-Westfalen, Anzahl gestellter Anträge: 42 (2023), Measure VI.8 „Anerkennung"
        )
    )
    assert architects[0].endswith("„Architektenkammer Nordrhein-Westfalen 2022 2023 Anzahl gestellter Anträge 79 42“")


def test_json_carries_the_citation_ready_to_paste(fko: Callable[..., Result]) -> None:
    from jsonschema import Draft202012Validator

    from fko.model.schema import json_schema

    [record] = fko("cite", "IV.1", "--json").json()
    assert record["citation"] == fko("cite", "IV.1").out.rstrip("\n")
    assert (record["source"], record["source_lines"]) == (REPORT, [2425, 2468])  # the other keys as before
    # English whatever the reader's language, like every --json value
    assert fko("--lang", "de", "cite", "IV.1", "--json").out == fko("cite", "IV.1", "--json").out
    asked = ("cite", "IV.1", "--figure", "Meisterprämien", "--as-of", "2025-10", "--json", "--format", "bibtex")
    [bibtex] = fko(*asked).json()
    assert bibtex["citation"].startswith("@misc{fko-iv-1-meisterpraemien-ausgezahlt-2025-10,\n  title = {")
    grouped = fko("cite", "--recognition", "Handwerkskammern", "--json").json()
    assert len(grouped) == 12 and all(c["citation"].count("„Türkei (387)") == 1 for c in grouped[1:])
    assert grouped[2]["citation"].startswith("Handwerkskammern, Verfahren nach Ausbildungsstaat: Ukraine: 96 ")
    schema = json_schema()
    assert "citation" in schema["$defs"]["cite"]["required"]
    for records in (grouped, [record, bibtex]):
        Draft202012Validator({**schema, "items": {"$ref": "#/$defs/cite"}}).validate(records)


def test_changes_and_sources_name_documents_by_title_not_file(fko: Callable[..., Result]) -> None:
    changes = fko("changes")
    assert changes.code == 0 and not HASHED.search(changes.out)
    assert changes.out.count("  Source: Deutsches Handwerksblatt, 2025-10\n") == 9
    assert changes.out.count("  Source: WHKT-Report, 2025-12\n") == 11
    assert {c["source"] for c in fko("changes", "--json").json()} >= {"001_4b5943aa954268f7.txt"}
    sources = fko("sources")
    assert not HASHED.search(sources.out)
    assert "report   Fortschrittsbericht der Fachkräfteoffensive NRW" in sources.out
    assert [s["file"] for s in fko("sources", "--json").json()][:2] == [REPORT, "000_819d8d142bf3d751.txt"]
    assert f"report   {REPORT}" in fko("sources", "--fields", "key,file").out
