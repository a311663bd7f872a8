"""The candidates of the synonym table (fko/data/synonyms.toml) and what covers each: the data's
words as tests/search/glossary_candidates.py derives them from the shipped search index (every word
of a title or goal, every word standing in three records or more), grouped by stem, each with the
entry that means it or the `left_out` list that names it.

Run from the project's virtual environment:  .venv/bin/python bench/synonyms.py [--uncovered]
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fko.search.index import SYNONYMS, load_synonyms  # noqa: E402
from tests.search.glossary_candidates import print_coverage  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--uncovered", action="store_true", help="list only the candidates nothing covers")
    args = parser.parse_args()
    index = json.loads((ROOT / "fko" / "data" / "fko.index.json").read_text(encoding="utf-8"))["index"]
    entries = load_synonyms()
    left_out = tomllib.loads(SYNONYMS.read_text(encoding="utf-8")).get("left_out", {})
    meant = [(word, f"entry: {entry['words'][0]}") for entry in entries for word in entry["means"]]
    found, by_entry, missing = print_coverage(index, meant, left_out, args.uncovered)
    typed = sum(len(e["words"]) for e in entries)
    print(
        f"\n{found} candidates (by stem): {by_entry} meant by an entry, {found - by_entry - missing} left out, "
        f"{missing} uncovered; {len(entries)} entries, {typed} words a person may type"
    )


if __name__ == "__main__":
    main()
