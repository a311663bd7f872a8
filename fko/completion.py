"""Shell completion values read from the store (measure IDs, ministry codes)."""

from __future__ import annotations

import os


def _store_rows(table: str) -> list[dict[str, object]]:
    try:
        from fko.store import open_store

        return open_store(os.environ.get("FKO_DB")).table(table)
    except Exception:  # completion must never break the shell
        return []


def measure_ids(incomplete: str) -> list[str]:
    return [str(m["id"]) for m in _store_rows("measures") if str(m["id"]).upper().startswith(incomplete.upper())]


def ressort_codes(incomplete: str) -> list[str]:
    return [str(r["code"]) for r in _store_rows("ressorts") if str(r["code"]).upper().startswith(incomplete.upper())]
