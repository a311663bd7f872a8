"""Write docs/schema.md from `fko schema`, the listing tests/cli/test_docs.py keeps it equal to.

Run from the repository root after changing an output type:  python -m tests.cli.regen_docs
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DOC = ROOT / "docs" / "schema.md"
REGENERATE = "python -m tests.cli.regen_docs"

HEADER = f"""# fko's output types

The output of `fko schema`: every command's `--json` record type with its keys and their types,
then what each key means (one meaning and one type per key in all commands). `fko schema --json`
prints the same as a JSON Schema (draft 2020-12), against which the tests validate every
command's output. Generated; do not edit by hand: `{REGENERATE}` rewrites this file, and
tests/cli/test_docs.py fails when it differs from `fko schema`.

"""


def schema_document(listing: str) -> str:
    """docs/schema.md for the given output of `fko schema` (as a pipe gets it)."""
    return HEADER + "```text\n" + listing + "```\n"


def schema_listing() -> str:
    """`fko schema` as a pipe gets it: English, no colour, no width to fit."""
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR", "FKO_DB")}
    environment.update(NO_COLOR="1", PYTHONUTF8="1")
    done = subprocess.run(
        [sys.executable, "-m", "fko", "--lang", "en", "schema"],
        capture_output=True,
        check=True,
        env=environment,
        cwd=ROOT,
    )
    return done.stdout.decode("utf-8")


def main() -> None:
    SCHEMA_DOC.parent.mkdir(exist_ok=True)
    SCHEMA_DOC.write_text(schema_document(schema_listing()), encoding="utf-8", newline="\n")
    print(f"wrote {SCHEMA_DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
