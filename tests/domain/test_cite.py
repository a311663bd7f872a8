"""`fko cite`: citations of measures and figures in text, Markdown and BibTeX."""

from __future__ import annotations

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
    # the citation names the measure and the document
    assert citation_text(cite, "text") == (
        "Maßnahme IV.1 „Meisterprämie NRW“. Landesregierung Nordrhein-Westfalen (Federführung MAGS): "
        f"Fortschrittsbericht der Fachkräfteoffensive NRW, 2024-04 (inferred), lines 2425–2468 of {REPORT}. "
        "„Fachkräftesicherung im Handwerk“"
    )


def test_figures_cite_their_own_source(store: Store) -> None:
    cites = citations(store, resolve_all(store, ["IV.1"])[0], "meisterpraemien")
    assert [(c["as_of"], c["value"], c["qualifier"], c["source_key"]) for c in cites] == [
        ("2024-03-31", 2186, None, "report"),
        ("2025-10", 7000, "fast", "dhb"),
    ]
    # each figure cites its own lines, not the whole measure's (2425-2468)
    assert cites[0]["source_lines"] == [2446, 2448] and cites[1]["source_lines"] == [12, 12]
    assert "lines 2446–2448 of 002_a45909dfd521d212.txt" in citation_text(cites[0], "text")
    lines = (REPORT_TEXT.split("\n") if REPORT_TEXT else [])[2445:2448]
    assert not lines or "wurden 2186 Meisterprämien ausgezahlt" in " ".join(" ".join(lines).split())
    assert cites[1]["quote"] == "Dass wir bereits fast 7000 Meisterprämien überweisen konnten"
    bibtex = citation_text(cites[1], "bibtex")
    assert bibtex.startswith("@misc{fko-iv-1-meisterpraemien-ausgezahlt-2025-10,\n")
    assert "  year = {2025},\n  month = oct,\n" in bibtex  # the DHB states its month
    assert "  note = {line 12 of 001\\_4b5943aa954268f7.txt. Quote: „Dass wir bereits fast 7000" in bibtex
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
        "Architektenkammer Nordrhein-Westfalen, davon anerkannte Anträge: 34 (2023), Maßnahme VI.8 „Anerkennung"
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
    assert re.sub(r"\\(.)", r"\1", bold) == f"Maßnahme I.1 „{title}“"
    bibtex = citation_text(cite, "bibtex")
    body = bibtex.replace("\\{", "").replace("\\}", "")
    assert body.count("{") == body.count("}")  # braces balanced: the entry stays one entry


def test_cli_formats_and_errors(fko: Callable[..., Result]) -> None:
    text = fko("cite", "Meisterprämie", "II.9")
    assert text.code == 0, text.err
    assert text.out.count(f"of {REPORT}.") == 2 and "\n\nMaßnahme II.9 „Ausbildungswege NRW“." in text.out
    markdown = fko("cite", "I.8", "--format", "MARKDOWN")
    assert markdown.out.startswith("**Maßnahme I.8 „\\#WTFuture – Kampagne")
    assert "lines 782–833 of 002\\_a45909dfd521d212.txt.\n\n> Die Kampagne zielt" in markdown.out
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
