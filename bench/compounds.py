"""How well candidate compound splitters split German compounds a query may hold: the measurement
behind fko's choice (the general word list of wordfreq, split by frequency).

Run from the project's virtual environment, with the build extra and the candidates installed:
    .venv/bin/pip install '.[build]' compound-split
    .venv/bin/python bench/compounds.py [--misses]

Two gold sets: compounds the sources write with a hyphen ("Westbalkan-Regelung": the parts are
given), and everyday compounds typed by people whose parts are mostly not words of the data
(EVERYDAY, below). A split counts when its parts are the gold parts (normalised).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fko import german  # noqa: E402
from fko.german import normalise  # noqa: E402

SOURCES = ROOT.parent / "shared" / "sources"

#: Everyday compounds and their parts, written for this measurement (not queries of any suite).
EVERYDAY = """
Lehrermangel Lehrer Mangel | Erziehermangel Erzieher Mangel | Pflegenotstand Pflege Notstand
Ärztemangel Ärzte Mangel | Busfahrermangel Busfahrer Mangel | Kitagebühren Kita Gebühren
Schulabbrecher Schul Abbrecher | Handwerkerbonus Handwerker Bonus | Kinderarmut Kinder Armut
Fahrradwerkstatt Fahrrad Werkstatt | Jobbörse Job Börse | Wasserstoffkarriere Wasserstoff Karriere
Sprachkurs Sprach Kurs | Arbeitsvisum Arbeit Visum | Ausbildungsgehalt Ausbildung Gehalt
Gefängnisarbeit Gefängnis Arbeit | Altenheim Alten Heim | Krankenhauspersonal Krankenhaus Personal
Elternzeit Eltern Zeit | Teilzeitjob Teilzeit Job | Kinderbetreuungsplatz Kinderbetreuung Platz
Frauenquote Frauen Quote | Heizungsbauer Heizung Bauer | Solarteur Solarteur | Schulsozialarbeit Schul Sozialarbeit
Studienplatz Studien Platz | Sprachprüfung Sprach Prüfung | Meistertitel Meister Titel
Berufseinstieg Beruf Einstieg | Fachkräftevisum Fachkräfte Visum | Pflegeschule Pflege Schule
Zuwanderungsrecht Zuwanderung Recht | Weiterbildungsgeld Weiterbildung Geld | Gesundheitsamt Gesundheit Amt
Lokführerausbildung Lokführer Ausbildung | Hausmeisterstelle Hausmeister Stelle | Arbeitsamt Arbeit Amt
"""


def everyday() -> list[tuple[str, list[str]]]:
    out = []
    for entry in EVERYDAY.replace("\n", "|").split("|"):
        if not entry.strip():
            continue
        word, *parts = entry.split()
        out.append((normalise(word), [normalise(p) for p in parts] if len(parts) > 1 else []))
    return out


def hyphenated() -> list[tuple[str, list[str]]]:
    """Compounds the sources write with hyphens, e.g. Westbalkan-Regelung -> westbalkan, regelung."""
    found: dict[str, list[str]] = {}
    pattern = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]{2,}(?:-[A-ZÄÖÜ][a-zäöüß]{2,})+)(?![\w-])")
    for path in sorted(SOURCES.glob("*.txt")):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            parts = [normalise(p) for p in match.group(1).split("-")]
            found.setdefault("".join(parts), parts)
    return sorted(found.items())


def general_words(threshold: float) -> dict[str, float]:
    import wordfreq  # type: ignore[import-untyped]

    out: dict[str, float] = {}
    for word, frequency in wordfreq.get_frequency_dict("de", "large").items():
        key = normalise(word)
        zipf = math.log10(frequency) + 9
        if zipf >= threshold and key.isalpha() and zipf > out.get(key, -1.0):
            out[key] = round(zipf, 1)
    return out


def data_words() -> frozenset[str]:
    from fko.search.finder import store_index
    from fko.search.lookup import Lookup
    from fko.store.reader import open_store

    index = store_index(open_store(str(ROOT / "fko" / "data" / "fko.json")))[0]
    synthetic = set(index["synthetic"])
    return frozenset(w for w in Lookup(index).vocabulary if w.isalpha() and len(w) >= 3 and w not in synthetic)


def _without_itself(words: dict[str, float]) -> Callable[[str], list[str] | None]:
    """Split by frequency with the word itself left out of the list (a compound no list holds)."""

    def split(word: str) -> list[str] | None:
        own = words.pop(word, None)
        try:
            return german.split_by_frequency(word, words)
        finally:
            if own is not None:
                words[word] = own

    return split


def candidates() -> dict[str, Callable[[str], list[str] | None]]:
    vocabulary = data_words()
    out: dict[str, Callable[[str], list[str] | None]] = {
        "data vocabulary (fko 2.2)": lambda w: german.split_compound(w, vocabulary - {w}),
    }
    for threshold in (1.0, 1.5, 2.0, 2.5, 3.0):
        words = general_words(threshold)
        out[f"wordfreq de, Zipf >= {threshold} ({len(words)} words)"] = _without_itself(words)
    try:
        from compound_split import char_split  # type: ignore[import-not-found]

        def charsplit(word: str) -> list[str] | None:
            scored = char_split.split_compound(word.capitalize())
            if not scored or scored[0][0] <= 0:
                return None
            head, tail = normalise(scored[0][1]), normalise(scored[0][2])
            inner = charsplit(tail)
            return [head, *(inner or [tail])]

        out["compound-split (CharSplit, GPL-3.0)"] = charsplit
    except ImportError:
        pass
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    sets = {"hyphenated in the sources": hyphenated(), "everyday compounds": everyday()}
    for name, split in candidates().items():
        line = [f"{name:48}"]
        for label, gold in sets.items():
            start = time.perf_counter()
            got = [(word, parts, split(word) or []) for word, parts in gold]
            ok = sum(1 for _, parts, found in got if found == parts)
            ms = 1000 * (time.perf_counter() - start) / len(gold)
            line.append(f"{label}: {ok}/{len(gold)} ({ms:.2f} ms/word)")
            if args.misses:
                for word, parts, found in got:
                    if found != parts:
                        print(f"  miss {name[:20]} {word}: {found} (gold {parts})")
        print("  ".join(line))


if __name__ == "__main__":
    main()
