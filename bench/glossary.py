"""The candidates of the English-German glossary (fko/data/english.toml) and what covers each:
the data's words as tests/search/glossary_candidates.py derives them from the shipped search
index (every word of a title or goal, every word standing in three records or more), grouped by
stem, each with the glossary term that translates it or the `left_out` list that names it.

Run from the project's virtual environment:  .venv/bin/python bench/glossary.py [--uncovered]
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fko import german  # noqa: E402
from fko.search.index import GLOSSARY, load_glossary  # noqa: E402
from tests.search.glossary_candidates import candidates  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--uncovered", action="store_true", help="list only the candidates nothing covers")
    args = parser.parse_args()
    index = json.loads((ROOT / "fko" / "data" / "fko.index.json").read_text(encoding="utf-8"))["index"]
    terms = load_glossary()
    left_out = tomllib.loads(GLOSSARY.read_text(encoding="utf-8")).get("left_out", {})
    covers: dict[str, str] = {}
    for term in terms:
        for word in term["de"]:
            covers.setdefault(german.stem(word), f"term: {term['en'][0]}")
    for name, words in left_out.items():
        for word in words:
            covers.setdefault(german.stem(word), f"left out ({name})")
    found = candidates(index)
    missing = 0
    for stem, words in found.items():
        cover = covers.get(stem)
        missing += cover is None
        if cover is None or not args.uncovered:
            print(f"{' '.join(words):60} {cover or 'UNCOVERED'}")
    translated = sum(1 for stem in found if covers.get(stem, "").startswith("term"))
    print(
        f"\n{len(found)} candidates (by stem): {translated} translated, {len(found) - translated - missing} left out, "
        f"{missing} uncovered; {len(terms)} glossary terms, {sum(len(t['en']) for t in terms)} English words, phrases"
    )


if __name__ == "__main__":
    main()
