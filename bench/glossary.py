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

from fko.search.index import GLOSSARY, load_glossary  # noqa: E402
from tests.search.glossary_candidates import print_coverage  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--uncovered", action="store_true", help="list only the candidates nothing covers")
    args = parser.parse_args()
    index = json.loads((ROOT / "fko" / "data" / "fko.index.json").read_text(encoding="utf-8"))["index"]
    terms = load_glossary()
    left_out = tomllib.loads(GLOSSARY.read_text(encoding="utf-8")).get("left_out", {})
    meant = [(word, f"term: {term['en'][0]}") for term in terms for word in term["de"]]
    found, translated, missing = print_coverage(index, meant, left_out, args.uncovered)
    print(
        f"\n{found} candidates (by stem): {translated} translated, {found - translated - missing} left out, "
        f"{missing} uncovered; {len(terms)} glossary terms, {sum(len(t['en']) for t in terms)} English words, phrases"
    )


if __name__ == "__main__":
    main()
