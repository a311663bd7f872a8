"""Relevance of `fko search` on the tuning suite in tests/data/relevance.toml: MRR and hits@1/@3;
and, separately, on each held-out suite given on the command line (`--heldout PATH`, repeatable, same
format; scores by class where its queries name one with `class`, and never its misses: nobody tunes on
a held-out set). A held-out file is read only when given.

Run from the project's virtual environment:  .venv/bin/python bench/relevance.py [--misses]
                                   [--heldout PATH] [--stemmer pystemmer|snowballstemmer|simplemma|none]
--stemmer rebuilds the store from ../shared/sources with another German morphology in place of
the shipped one (PyStemmer's Snowball German): the comparison behind that choice.
snowballstemmer must be installed by hand (`.venv/bin/pip install ...`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fko.store.reader import Store, open_store  # noqa: E402
from tests.search.relevance_suite import Query, evaluate, load  # noqa: E402

REPORT = ROOT.parent / "shared" / "sources" / "002_a45909dfd521d212.txt"


def rebuilt(stemmer: str) -> Store:
    """The store rebuilt with another morphology in place of PyStemmer (for the comparison)."""
    from fko import german
    from fko.german import normalise
    from fko.ingest.build import build

    if stemmer == "snowballstemmer":
        import snowballstemmer  # type: ignore[import-untyped]

        german._stem_word = snowballstemmer.stemmer("german").stemWord
    elif stemmer == "simplemma":
        import simplemma  # type: ignore[import-not-found]

        german._stem_word = lambda word: normalise(simplemma.lemmatize(word, lang="de"))
    elif stemmer == "none":
        german._stem_word = lambda word: normalise(word)
    import tempfile

    from fko.ingest.build import write

    out = Path(tempfile.mkdtemp(prefix="fko-relevance-")) / "fko.json"
    write(build(REPORT), out)  # the store and, beside it, the index made with this morphology
    return open_store(str(out))


def show(name: str, store: Store, queries: list[Query], misses: bool) -> None:
    """Print one suite's scores (and by class, where its queries name one)."""
    report = evaluate(store, queries)
    print(f"{name}: {len(queries)} queries")
    print(f"MRR      {report.mrr:.3f}")
    for k in (1, 3, 10):
        print(f"hits@{k:<3} {report.hits_at(k):.3f}")
    groups = sorted({q.group for q in queries if q.group})
    for group in groups:
        outcomes = [o for o in report.outcomes if o.query.group == group]
        answered = sum(1 for o in outcomes if o.rank is not None and o.rank <= 3)
        first = sum(1 for o in outcomes if o.rank == 1)
        mrr = sum(1 / o.rank for o in outcomes if o.rank) / len(outcomes)
        print(f"  {group}: hits@1 {first}/{len(outcomes)}  hits@3 {answered}/{len(outcomes)}  MRR {mrr:.3f}")
    if misses:
        for outcome in report.misses(3):
            print(f"miss: {outcome.query.q!r} expected {outcome.query.expect[:3]} got {outcome.got[:3]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true", help="list the queries not answered in the top 3")
    parser.add_argument(
        "--heldout",
        type=Path,
        metavar="PATH",
        action="append",
        default=[],
        help="also score this held-out suite, separately (repeatable; its misses are never listed: no tuning on it)",
    )
    parser.add_argument(
        "--printed-id", action="store_true", help="the held-out file names a figure by its measure's ID, as printed"
    )
    parser.add_argument("--stemmer", choices=["pystemmer", "snowballstemmer", "simplemma", "none"])
    args = parser.parse_args()
    store = rebuilt(args.stemmer) if args.stemmer else open_store(str(ROOT / "fko" / "data" / "fko.json"))
    label = f" (stemmer: {args.stemmer})" if args.stemmer else ""
    show(f"tuning suite{label}", store, load(), args.misses)
    for heldout in args.heldout:
        print()
        show(f"held-out suite {heldout}{label}", store, load(heldout, args.printed_id), misses=False)


if __name__ == "__main__":
    main()
