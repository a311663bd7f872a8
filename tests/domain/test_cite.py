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

from ..conftest import Result

REPORT = "002_a45909dfd521d212.txt"


def test_a_measure_cites_the_report_its_lines_and_its_goal(store: Store) -> None:
    [cite] = citations(store, resolve_all(store, ["iv.1"])[0])
    assert (cite["id"], cite["kind"], cite["title"]) == ("IV.1", "measure", "Meisterprämie NRW")
    assert (cite["source"], cite["source_date"], cite["source_lines"]) == (REPORT, "2024-04", [2425, 2468])
    assert (cite["quote"], cite["quote_of"]) == ("Fachkräftesicherung im Handwerk", "goal")
    assert citation_text(cite, "text") == (
        "Meisterprämie NRW (IV.1). Landesregierung Nordrhein-Westfalen (Federführung MAGS): Fortschrittsbericht "
        f"der Fachkräfteoffensive NRW, 2024-04 (inferred), lines 2425–2468 of {REPORT}. „Fachkräftesicherung im "
        "Handwerk“"
    )


def test_figures_cite_their_own_source(store: Store) -> None:
    cites = citations(store, resolve_all(store, ["IV.1"])[0], "meisterpraemien")
    assert [(c["as_of"], c["value"], c["qualifier"], c["source_key"]) for c in cites] == [
        ("2024-03-31", 2186, None, "report"),
        ("2025-10", 7000, "fast", "dhb"),
    ]
    assert cites[0]["source_lines"] == [2425, 2468] and cites[1]["source_lines"] is None
    assert cites[1]["quote"] == "Dass wir bereits fast 7000 Meisterprämien überweisen konnten"
    bibtex = citation_text(cites[1], "bibtex")
    assert bibtex.startswith("@misc{fko-iv-1-meisterpraemien-ausgezahlt-2025-10,\n")
    assert "  year = {2025},\n  month = oct,\n" in bibtex
    assert "  note = {001\\_4b5943aa954268f7.txt. Quote: „Dass wir bereits fast 7000" in bibtex
    assert bibtex.endswith("\n}")


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
        "id": "I.1",
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
    assert re.sub(r"\\(.)", r"\1", bold) == f"{title} (I.1)"
    bibtex = citation_text(cite, "bibtex")
    body = bibtex.replace("\\{", "").replace("\\}", "")
    assert body.count("{") == body.count("}")  # braces balanced: the entry stays one entry


def test_cli_formats_and_errors(fko: Callable[..., Result]) -> None:
    text = fko("cite", "Meisterprämie", "II.9")
    assert text.code == 0, text.err
    assert text.out.count(f"of {REPORT}.") == 2 and "\n\nAusbildungswege NRW (II.9)." in text.out
    markdown = fko("cite", "I.8", "--format", "MARKDOWN")
    assert markdown.out.startswith("**\\#WTFuture – Kampagne")
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
