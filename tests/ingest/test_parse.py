"""The report parser on small excerpts written for each quirk of the PDF export."""

from __future__ import annotations

import pytest

from fko.errors import FkoError
from fko.ingest.report import match_label, parse_report, split_partners
from fko.ingest.runtime import parse_runtime
from fko.ingest.text import join_lines, join_url_lines, load_lines, paragraphs

HEAD = """Beteiligte Ressorts der Landesregierung Nordrhein-

Westfalen 

 

Ministerium für Arbeit, Gesundheit und Soziales MAGS 

Ministerium für Schule und Bildung MSB 

Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration MKJFGFI 
 Einleitung 
 Cluster IV:   

Qualifizierung und Quereinstieg – neue Wege der   

Fachkräftesicherung 

 

Einleitungstext des Clusters. 
"""

MEASURE_A = """ IV.1: Meisterprämie NRW 
 

Das Konzept wurde vor-

gestellt. Fach- und Arbeitskräfte. Mehr Lehrkraft-

Stellen und mehr Geld.  

 

Ziel Fachkräftesicherung im 

Handwerk 

Beginn/ 

Laufzeit 

06/2023 bis mind. Ende der Legislaturperiode 

Geplante 

Mittel 

10,1 Mio. Euro pro Jahr (Landes- und ESF-Mittel) 

Internetpräs

enz 

https://www.mags.nrw/uebergangslotsen 

https://www.schulministerium.nrw/presse/pressemitteilungen/ueber

gangslotsen-nordrhein-westfalen-foerderung-von-

ausbildungschancen 

Ressort MKJFGFI/MSB 

Partner in 

der 

Umsetzung 

• Kreis Düren  

• Verband Garten-, Landschafts- und Sportplatzbau NRW 

e.V. 

 

  

https://www.mags.nrw/uebergangslotsen
"""

MEASURE_B = """

36 
 

IV.2: Kooperationsbüros für Zukunftscampus Berufliche Bildung (ESF-

JTF) 
 

Text. 

 

Ziel Ein Ziel. 

Beginn/ Laufzeit 2023 

Internetpräsenz - 

Ressort MAGS, MSB 

Partner in der 

Umsetzung 

- 
 IV.3 Vernetzte Bildungsräume 
 

Text drei. 

 

Ziel Drei. 

Beginn/ Laufzeit seit 10/2022 (fortlaufend)  

Internetpräsenz https://www.weiterbildungsberatung.nrw/themen/vernetzte-

bildungsraeume-in-nrw 

und regional 

Ressort MAGS 

Partner in der 

Umsetzung 

Regionaldirektion NRW 

Arbeitsmarktpartner regional (Kammern, Sozialpartner, 

Bildungsträger, Verbände etc.) 
 Ausblick 
"""

EXCERPT = HEAD + MEASURE_A + MEASURE_B


@pytest.fixture(scope="module")
def parsed() -> dict[str, list[dict[str, object]]]:
    return parse_report(EXCERPT, "excerpt.txt")


def by_id(parsed: dict[str, list[dict[str, object]]], measure_id: str) -> dict[str, object]:
    return next(m for m in parsed["measures"] if m["id"] == measure_id)


def test_hyphenation_is_repaired_only_where_it_is_an_artefact() -> None:
    assert join_lines(["Das Konzept wurde vor-", "gestellt."]) == "Das Konzept wurde vorgestellt."
    assert join_lines(["Fach-", "und Arbeitskräfte"]) == "Fach- und Arbeitskräfte"
    assert join_lines(["mehr Lehrkraft-", "Stellen"]) == "mehr Lehrkraft-Stellen"
    assert join_lines(["(ESF-", "JTF)"]) == "(ESF-JTF)"
    assert join_lines(["Nachfolge und -", "gründung"]) == "Nachfolge und -gründung"
    assert join_lines(["Nach-", "bzw. Weiterqualifizierung"]) == "Nach- bzw. Weiterqualifizierung"


def test_a_hyphen_the_document_prints_within_a_line_is_kept() -> None:
    known = frozenset({"online-basierte"})
    assert join_lines(["Das online-", "basierte Projekt"], known) == "Das online-basierte Projekt"
    assert join_lines(["Das online-", "basierte Projekt"]) == "Das onlinebasierte Projekt"


def test_description_keeps_hyphen_repair_and_paragraphs(parsed: dict[str, list[dict[str, object]]]) -> None:
    measure = by_id(parsed, "IV.1")
    assert measure["description"] == (
        "Das Konzept wurde vorgestellt. Fach- und Arbeitskräfte. Mehr Lehrkraft-Stellen und mehr Geld."
    )


def test_paragraphs_split_at_lines_of_spaces_and_deliberate_breaks() -> None:
    lines = load_lines("Erster Absatz. \n\n \n\nZweiter Absatz endet kurz. \n\nDritter Absatz. \n")
    assert paragraphs(lines) == ["Erster Absatz.", "Zweiter Absatz endet kurz.", "Dritter Absatz."]


def test_labels_split_over_lines_are_recognised() -> None:
    lines = load_lines("Internetpräs\n\nenz \n\nhttps://x.de \n\nPartner in \n\nder \n\nUmsetzung \n\n- \n")
    assert match_label(lines, 0) == ("website", 1, "")
    assert match_label(lines, 3) == ("partners", 5, "")
    assert match_label(load_lines("Zielgruppe sind alle\n"), 0) is None


def test_split_labels_in_a_measure(parsed: dict[str, list[dict[str, object]]]) -> None:
    measure = by_id(parsed, "IV.1")
    assert measure["goal"] == "Fachkräftesicherung im Handwerk"
    assert measure["runtime"] == {
        "text": "06/2023 bis mind. Ende der Legislaturperiode",
        "start": "2023-06",
        "end": None,
        "parts": [],
    }
    assert measure["budget"] == {"text": "10,1 Mio. Euro pro Jahr (Landes- und ESF-Mittel)"}
    assert measure["ressorts"] == ["MKJFGFI", "MSB"]


def test_urls_broken_over_lines_are_rejoined_and_repeated_link_lines_are_links(
    parsed: dict[str, list[dict[str, object]]],
) -> None:
    measure = by_id(parsed, "IV.1")
    assert measure["urls"] == [
        "https://www.mags.nrw/uebergangslotsen",
        "https://www.schulministerium.nrw/presse/pressemitteilungen/"
        "uebergangslotsen-nordrhein-westfalen-foerderung-von-ausbildungschancen",
    ]
    assert measure["partners"] == ["Kreis Düren", "Verband Garten-, Landschafts- und Sportplatzbau NRW e.V."]


def test_url_join_stops_at_text(parsed: dict[str, list[dict[str, object]]]) -> None:
    measure = by_id(parsed, "IV.3")
    assert measure["urls"] == ["https://www.weiterbildungsberatung.nrw/themen/vernetzte-bildungsraeume-in-nrw"]
    assert join_url_lines(["https://a.de/x-", "y-z", "und regional"]) == ["https://a.de/x-y-z", "und regional"]


def test_id_without_colon_page_numbers_and_split_title(parsed: dict[str, list[dict[str, object]]]) -> None:
    assert [m["id"] for m in parsed["measures"]] == ["IV.1", "IV.2", "IV.3"]
    assert by_id(parsed, "IV.2")["title"] == "Kooperationsbüros für Zukunftscampus Berufliche Bildung (ESF-JTF)"
    assert by_id(parsed, "IV.3")["title"] == "Vernetzte Bildungsräume"
    assert "36" not in str(by_id(parsed, "IV.2")["description"])


def test_partners_dash_means_none_and_wrapped_lines_stay_one_partner(
    parsed: dict[str, list[dict[str, object]]],
) -> None:
    assert by_id(parsed, "IV.2")["partners"] == []
    assert by_id(parsed, "IV.2")["ressorts"] == ["MAGS", "MSB"]
    assert by_id(parsed, "IV.3")["partners"] == [
        "Regionaldirektion NRW",
        "Arbeitsmarktpartner regional (Kammern, Sozialpartner, Bildungsträger, Verbände etc.)",
    ]


def test_comma_separated_partners_are_split() -> None:
    lines = load_lines("Berlin, Niedersachsen, Hessen; \n\nBMBF und BIBB \n")
    assert split_partners(lines, frozenset()) == ["Berlin", "Niedersachsen", "Hessen", "BMBF und BIBB"]


def test_ressorts_and_clusters_of_the_excerpt(parsed: dict[str, list[dict[str, object]]]) -> None:
    assert [r["code"] for r in parsed["ressorts"]] == ["MAGS", "MSB", "MKJFGFI"]
    assert parsed["ressorts"][0]["name"] == "Ministerium für Arbeit, Gesundheit und Soziales"
    assert parsed["clusters"][0]["title"] == "Qualifizierung und Quereinstieg – neue Wege der Fachkräftesicherung"
    assert parsed["clusters"][0]["introduction"] == "Einleitungstext des Clusters."


def test_an_unknown_ministry_code_is_a_data_error() -> None:
    broken = EXCERPT.replace("Ressort MAGS, MSB", "Ressort MXYZ")
    with pytest.raises(FkoError, match="MXYZ"):
        parse_report(broken, "excerpt.txt")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("05/2023 (Befristung auf fünf Jahre)", "2023-05", None),
        ("Ende 2023 bis Ende 2026", "2023", "2026"),
        ("seit 2016 bis zum 31.12.2024", "2016", "2024-12-31"),
        ("07.02.2024 bis 30.04.2024", "2024-02-07", "2024-04-30"),
        ("2024 (24.06.2024)", "2024-06-24", None),
        ("seit 2005, wesentlicher Ausbau 2023", "2005", None),
        ("ab Schuljahr 2024/25 (dauerhaft)", "2024", None),
        ("11/2023, zunächst bis 11/2024", "2023-11", "2024-11"),
        ("laufend", None, None),
        ("-", None, None),
    ],
)
def test_runtime_reads_only_stated_dates(text: str, start: str | None, end: str | None) -> None:
    result = parse_runtime([text], text)
    assert (result["start"], result["end"]) == (start, end)


def test_runtime_with_several_stated_periods_has_parts() -> None:
    lines = ["Ausbildungsbotschafter 01/2024 bis 12/2025", "KAUSA 09/2022 bis 07/2025"]
    result = parse_runtime(lines, " ".join(lines))
    assert (result["start"], result["end"]) == ("2022-09", "2025-12")
    assert [(p["label"], p["start"], p["end"]) for p in result["parts"]] == [
        ("Ausbildungsbotschafter", "2024-01", "2025-12"),
        ("KAUSA", "2022-09", "2025-07"),
    ]
