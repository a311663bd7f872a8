"""Finding and filtering measures, and the reference tables of ministries and clusters."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from fko.errors import FkoError, UsageError
from fko.i18n import _
from fko.store.reader import Store

NUMERALS = ("I", "II", "III", "IV", "V", "VI")
_ID = re.compile(r"^\s*(VI|IV|V|I{1,3})\s*[.\s]?\s*(\d{1,2})\s*$", re.IGNORECASE)


def normalise_id(text: str) -> str | None:
    """ "iv.1", "IV 1" and "IV.1" all name IV.1; anything else is not an ID."""
    match = _ID.match(text)
    if not match:
        return None
    return f"{match.group(1).upper()}.{int(match.group(2))}"


def cluster_numeral(text: str) -> str:
    """ "iv", "IV" and "4" name cluster IV."""
    value = text.strip().upper()
    if value.isascii() and value.isdigit() and len(value) == 1 and 1 <= int(value) <= len(NUMERALS):  # not "²"
        return NUMERALS[int(value) - 1]
    if value in NUMERALS:
        return value
    raise UsageError(
        _("unknown cluster '{text}'; use one of {numerals} (or 1-6)").format(text=text, numerals=", ".join(NUMERALS))
    )


def ressort_codes(store: Store, given: Iterable[str]) -> list[str]:
    """Ministry codes as the store spells them ("mags" -> "MAGS"); unknown codes are usage errors."""
    known = {r["code"].casefold(): r["code"] for r in store.ressorts()}
    out = []
    for code in given:
        found = known.get(code.strip().casefold())
        if found is None:
            raise UsageError(
                _("unknown ministry '{code}'; use one of {codes}").format(
                    code=code, codes=", ".join(sorted(known.values()))
                )
            )
        out.append(found)
    return out


def records(store: Store) -> list[dict[str, Any]]:
    """The report's measures, then the initiatives of the newer sources."""
    return store.measures() + store.table("initiatives")


def by_id(store: Store) -> dict[str, dict[str, Any]]:
    return {m["id"]: m for m in records(store)}


def lookup(store: Store, record_id: str) -> dict[str, Any] | None:
    """The measure or initiative with this exact ID, or None (the store reads that record alone)."""
    return store.record(record_id)


def get(store: Store, measure_id: str) -> dict[str, Any]:
    """One measure by ID; an unknown ID is "not found" with the closest ID suggested."""
    wanted = normalise_id(measure_id) or measure_id.strip()
    found = lookup(store, wanted)
    if found is not None:
        return found
    close = difflib.get_close_matches(wanted.upper(), store.ids("measures") + store.ids("initiatives"), n=1)
    if close:
        raise FkoError(_("no measure '{id}'; did you mean {hint}?").format(id=measure_id, hint=close[0]))
    if not normalise_id(measure_id):
        from shlex import quote  # a command to suggest: only where nothing is found

        hint_text = f"; try `fko search {quote(measure_id)}`"
        raise FkoError(_("no measure '{measure_id}'{hint_text}").format(measure_id=measure_id, hint_text=hint_text))
    raise FkoError(_("no measure '{id}'; see `fko list`").format(id=measure_id))


def filter_measures(
    store: Store,
    clusters: Sequence[str] = (),
    ressorts: Sequence[str] = (),
    partner: str | None = None,
    source: str | None = None,
    leads: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Measures matching every given filter; several values of one filter are alternatives.

    `source`: None for the report's measures, "all" with the initiatives of the newer sources, or a
    source file name. `leads`: ministries of which the measure's first-named ministry is one."""
    wanted_clusters = {cluster_numeral(c) for c in clusters}
    wanted_ressorts = set(ressort_codes(store, ressorts))
    wanted_leads = set(ressort_codes(store, leads))
    needle = None
    if partner:
        from fko.german import normalise  # not on the path of a plain `fko list`

        needle = normalise(partner)
    out = []
    pool = store.measures() if source is None else records(store)
    for measure in pool:
        if source not in (None, "all") and measure["source"] != source:
            continue
        if wanted_clusters and measure["cluster"] not in wanted_clusters:
            continue
        if wanted_ressorts and not wanted_ressorts & set(measure["ressorts"]):
            continue
        if wanted_leads and not (measure["ressorts"] and measure["ressorts"][0] in wanted_leads):
            continue
        if needle is not None:
            haystack = normalise(" ".join(measure["partners"]) + " " + (measure["partners_text"] or ""))
            if needle not in haystack:
                continue
        out.append(measure)
    return out


def ressort_table(store: Store) -> list[dict[str, Any]]:
    """Each ministry with how many measures it leads or shares."""
    counts = Counter(code for measure in store.measures() for code in measure["ressorts"])
    return [{**r, "measures": counts[r["code"]]} for r in store.ressorts()]


def cluster_table(store: Store) -> list[dict[str, Any]]:
    counts = Counter(measure["cluster"] for measure in store.measures())
    return [{**c, "measures": counts[c["numeral"]]} for c in store.clusters()]


def show_record(store: Store, measure: dict[str, Any], on: dt.date) -> dict[str, Any]:
    """A measure with everything `fko show` shows: its status on a date, the cluster's title,
    the ministries' names, its key figures and later developments, and its source."""
    from fko.domain.figures import event_rows, indicator_rows, update_rows
    from fko.domain.status import status_in

    names = {r["code"]: r["name"] for r in store.ressorts()}
    clusters = {c["numeral"]: c["title"] for c in store.clusters()}
    source = next((s for s in store.sources() if s["file"] == measure["source"]), None)
    indicators = sorted(indicator_rows(store, measure["id"]), key=lambda r: (r["as_of"], r["metric"]))
    return {
        **measure,
        "on": on.isoformat(),
        **status_in(store, measure, on).as_row(),
        "cluster_title": clusters.get(measure["cluster"]) if measure["cluster"] else None,
        "ministries": [{"code": c, "name": names.get(c)} for c in measure["ressorts"]],
        "indicators": indicators,
        "updates": update_rows(store, measure["id"]),
        "events": event_rows(store, measure["id"]),
        "source_key": source["key"] if source else None,
        "source_title": source["title"] if source else None,
        "source_date": source["date"] if source else None,
    }
