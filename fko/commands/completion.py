"""Shell completion values: measure IDs, ministry codes, clusters, sources, funding names and
record types, matched case-insensitively (`iv.` offers IV.1, `ma` offers MAGS, `4` offers IV).

Completion must never break the shell: any failure offers nothing.
"""

import os
from collections.abc import Iterable

NUMERALS = ("I", "II", "III", "IV", "V", "VI")


class Match(str):
    """A value fko has matched against what was typed (ignoring case, digits for numerals): it
    passes the test Typer applies after `autocompletion` (starts with the typed text, case and all)."""

    __slots__ = ()

    def startswith(self, prefix: object, *args: object) -> bool:
        return True


def matching(values: Iterable[str], incomplete: str) -> list[str]:
    """The values that start with `incomplete`, ignoring case, in their own spelling."""
    typed = incomplete.strip().casefold()
    return [Match(v) for v in dict.fromkeys(values) if v.casefold().startswith(typed)]


def _rows(table: str) -> list[dict[str, object]]:
    try:
        from fko.store.reader import open_store

        return open_store(os.environ.get("FKO_DB")).table(table)
    except Exception:  # completion must never break the shell
        return []


def measure_ids(incomplete: str) -> list[str]:
    ids = [str(m["id"]) for m in _rows("measures") + _rows("initiatives")]
    return matching(ids, incomplete.replace(" ", "."))


def ressort_codes(incomplete: str) -> list[str]:
    return matching((str(r["code"]) for r in _rows("ressorts")), incomplete)


def clusters(incomplete: str) -> list[str]:
    """I … VI; a digit 1 … 6 offers its numeral (fko accepts both)."""
    typed = incomplete.strip()
    if typed.isascii() and typed.isdigit() and len(typed) == 1:
        return [Match(NUMERALS[int(typed) - 1])] if 1 <= int(typed) <= len(NUMERALS) else []
    return matching(NUMERALS, typed)


def statuses(incomplete: str) -> list[str]:
    """--status takes English and German names (laufend = running); both complete."""
    from fko.domain.status import GERMAN_STATUS, STATUSES

    return matching([*STATUSES, *GERMAN_STATUS], incomplete)


def choice(values: Iterable[str], incomplete: str) -> list[str]:
    """A fixed choice: its English values, then the German words fko shows for them, umlauts
    optional (`--by j` offers jahr, `-k mass` Maßnahme), as options.german_choice takes them."""
    from fko.commands.options import GERMAN_CHOICES
    from fko.german import normalise

    english = list(values)
    words = [*english, *(word for word, value in GERMAN_CHOICES.items() if value in english)]
    typed = normalise(incomplete)
    return [Match(word) for word in words if normalise(word).startswith(typed)]


def sources(incomplete: str) -> list[str]:
    """A source's key, all, or a source's file name."""
    rows = _rows("sources")
    return matching([*(str(s["key"]) for s in rows), "all", *(str(s["file"]) for s in rows)], incomplete)


def funding(incomplete: str) -> list[str]:
    names: set[str] = set()
    for measure in _rows("measures"):
        budget = measure.get("budget")
        for item in budget.get("items", []) if isinstance(budget, dict) else []:
            names.update(str(f) for f in item.get("funding", []))
    return matching(sorted(names), incomplete)


def languages(incomplete: str) -> list[str]:
    return matching(("de", "en"), incomplete)


def bodies(incomplete: str) -> list[str]:
    """The recognition figures' bodies (Handwerkskammern, IHK, …), as --body matches them."""
    return matching(sorted({str(r["body"]) for r in _rows("recognition")}), incomplete)


#: The output types of each command by its name (its records' keys are what --fields takes).
_OUTPUTS_OF = {
    "anerkennung": ("recognition",),
    "budget": ("budget", "budget_group"),
    "compare": ("compare", "compare_ressorts"),
}


def field_names(command: str, incomplete: str) -> list[str]:
    """The keys --fields takes for `command` (dotted paths too); in a comma list (`id,ti`) the
    last name completes, the ones before it are kept."""
    try:
        from fko.model.outputs import OUTPUTS, paths

        names = [p for output in _OUTPUTS_OF.get(command, (command,)) if output in OUTPUTS for p in paths(output)]
    except Exception:
        return []
    done, comma, last = incomplete.rpartition(",")
    return [Match(done + comma + name) for name in matching(names, last)]


def record_types(incomplete: str) -> list[str]:
    try:
        from fko.model.schema import json_schema

        return matching(list(json_schema()["$defs"]), incomplete)
    except Exception:
        return []
