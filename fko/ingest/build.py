"""Build the fko store from the source documents and the reviewed curation file.

The output is deterministic: the same inputs give a byte-identical file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NotRequired, TypedDict

from fko.errors import FkoError
from fko.german import normalise
from fko.i18n import N_, _
from fko.ingest import facts as curated_facts
from fko.ingest import resources
from fko.ingest.budget import propose
from fko.ingest.files import load_toml, read_text
from fko.ingest.report import parse_report
from fko.output.files import check_target, write_text
from fko.search.index import later_texts
from fko.search.indexfile import index_of_tables, index_text
from fko.search.lexicon import WORDS
from fko.store.checks import Invalid, check, tables_problem
from fko.store.fileformat import SCHEMA_VERSION, SHIPPED, SHIPPED_DIGEST, digest, index_path, serialise

CURATION = Path(__file__).parents[1] / "data" / "curation.toml"


@dataclass
class BuildResult:
    """What a build produced: the tables, their search index and the notes a user should read."""

    tables: dict[str, list[dict[str, Any]]]
    index: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def squash(text: str) -> str:
    """Whitespace collapsed and line-break hyphens closed, for "does X occur in Y" checks."""
    text = re.sub(r"-\s*\n\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


class CuratedSource(TypedDict):
    """A source document as the curation file describes it (TOML has no null: keys are left out)."""

    file: str
    key: str
    title: NotRequired[str]
    publisher: NotRequired[str]
    date: NotRequired[str]
    date_note: NotRequired[str]


class BudgetPatch(TypedDict):
    """A reviewed correction of one budget item; the values are checked with the built store."""

    id: str
    item: int
    wording: NotRequired[str]
    text: NotRequired[str]
    kind: NotRequired[Any]
    amount_eur: NotRequired[Any]
    quantity: NotRequired[Any]
    unit: NotRequired[Any]
    basis: NotRequired[Any]
    year_from: NotRequired[Any]
    year_to: NotRequired[Any]
    years_derived: NotRequired[Any]
    stated_years: NotRequired[Any]
    growth_percent: NotRequired[Any]
    growth_until: NotRequired[Any]
    approximate: NotRequired[Any]
    funding: NotRequired[Any]
    payer: NotRequired[Any]
    payer_text: NotRequired[Any]
    note: NotRequired[Any]


class Curation(TypedDict, total=False):
    """The reviewed curation file, fko/ingest/curation.toml."""

    sources: list[CuratedSource]
    partners: dict[str, list[str]]
    aliases: dict[str, list[str]]
    budget: list[BudgetPatch]


def load_curation(path: Path = CURATION) -> dict[str, Any]:
    """The curation file, its structure checked (partners = "notalist" is an error, not 8 partners)."""
    curation = load_toml(path, N_("curation file"))
    try:
        check(curation, Curation)
    except Invalid as exc:
        raise FkoError(_("curation file {path}: {problem}").format(path=path, problem=exc)) from None
    return curation


def _apply_partners(measures: list[dict[str, Any]], curated: dict[str, list[str]], warnings: list[str]) -> None:
    """Apply the reviewed partner lists; one that no longer fits its measure is reported, not applied."""
    by_id = {m["id"]: m for m in measures}
    for measure_id, partners in curated.items():
        measure = by_id.get(measure_id)
        if measure is None:
            warnings.append(
                _("curation: partners of {id}: the report has no measure {id}; not applied").format(id=measure_id)
            )
            continue
        wording = squash(measure["partners_text"] or "")
        missing = [p for p in partners if squash(p) not in wording]
        if missing:
            warnings.append(
                _(
                    "curation: partners of {id}: {partner} does not occur in the measure's "
                    "'Partner in der Umsetzung'; not applied (review the entry against the report)"
                ).format(id=measure_id, partner=repr(missing[0]))
            )
            continue
        measure["partners"] = list(partners)
        measure["partners_curated"] = True


def _apply_budget(measures: list[dict[str, Any]], patches: list[dict[str, Any]], warnings: list[str]) -> None:
    """Apply the reviewed budget patches (load_curation has checked their keys against BudgetPatch); a patch
    that no longer fits its measure (no such measure or item, a `text` not in the wording, a `wording` that is
    not the measure's "Geplante Mittel") is reported and not applied."""
    by_id = {m["id"]: m for m in measures}
    for patch in patches:
        where = _("curation: budget item {item} of {id}").format(item=patch.get("item"), id=patch.get("id"))
        measure = by_id.get(patch.get("id", ""))
        if measure is None:
            warnings.append(
                _("{where}: the report has no measure {id}; not applied").format(where=where, id=patch.get("id"))
            )
            continue
        items = measure["budget"]["items"]
        number = patch.get("item", 0)
        wording = squash(measure["budget"]["text"] or "")
        if not 1 <= number <= len(items):
            warnings.append(
                _("{where}: the measure's funds have {n} item(s); not applied").format(where=where, n=len(items))
            )
            continue
        if "wording" in patch and squash(patch["wording"]) != wording:
            warnings.append(
                _("{where}: the measure's 'Geplante Mittel' no longer read {wording}; not applied").format(
                    where=where, wording=repr(patch["wording"])
                )
            )
            continue
        if "text" not in patch and "wording" not in patch:
            warnings.append(
                _("{where}: names neither `text` nor `wording`, so a new edition cannot be checked against it").format(
                    where=where
                )
            )
        text = patch.get("text", items[number - 1]["text"])
        if squash(text) not in wording:
            warnings.append(
                _("{where}: the text {text} is not in the measure's 'Geplante Mittel'; not applied").format(
                    where=where, text=repr(text)
                )
            )
            continue
        said = patch.get("payer_text")
        if said is not None and not _names_payer(measure, said, patch.get("payer")):
            warnings.append(
                _(
                    "{where}: the payer's wording {wording} is not in the measure's text, or does not name "
                    "{payer}; not applied"
                ).format(where=where, wording=repr(said), payer=repr(patch.get("payer")))
            )
            continue
        changes = {k: v for k, v in patch.items() if k not in ("id", "item", "wording")}
        # TOML has no null: -1 stands for "not stated" in year_from/year_to.
        items[number - 1].update({k: None if k.startswith("year_") and v == -1 else v for k, v in changes.items()})


def _names_payer(measure: dict[str, Any], said: str, payer: Any) -> bool:
    """Whether the payer's wording occurs in the measure's description or funds and names the payer."""
    text = curated_facts._key(f"{measure['description']} {measure['budget']['text'] or ''}")
    return curated_facts._key(said) in text and isinstance(payer, str) and payer in said


def _matching_facts(
    facts: dict[str, Any],
    measures: list[dict[str, Any]],
    record_ids: set[str],
    name: str,
    lines: list[str],
    warnings: list[str],
) -> dict[str, Any]:
    """The facts whose measure is in this report (file `name`, its `lines`); a fact quoting the
    report must quote its own measure's text (a renumbered measure is caught here). Others are
    reported, not applied."""
    by_id = {m["id"]: m for m in measures}
    out = dict(facts)
    for table in ("indicators", "updates", "events"):
        kept = []
        for n, entry in enumerate(facts.get(table, []), start=1):
            measure_id = entry.get("measure")
            where = f"facts: {table[:-1]} {n} ({measure_id})"
            if measure_id is not None and measure_id not in record_ids:
                warnings.append(
                    _("{where}: the report has no measure {id}; not applied").format(where=where, id=measure_id)
                )
                continue
            measure = by_id.get(measure_id or "")
            if measure is not None and entry.get("source") == name:
                first, last = measure["source_lines"]
                text = "\n".join(lines[first - 1 : last])
                if curated_facts._key(entry.get("quote", "")) not in curated_facts._key(text):
                    warnings.append(
                        _("{where}: the quote is not in the text of {id}; not applied").format(
                            where=where, id=measure_id
                        )
                    )
                    continue
            kept.append(entry)
        out[table] = kept
    return out


def _matching_aliases(
    curated: dict[str, list[str]], records: list[dict[str, Any]], later: dict[str, list[str]], warnings: list[str]
) -> dict[str, list[str]]:
    """The curated aliases of records that name them: in the title, goal, description or later
    developments, or as the initials of words of the title ("KAoA"). Others are reported."""
    by_id = {r["id"]: r for r in records}
    out = {}
    for record_id, names in curated.items():
        record = by_id.get(record_id)
        if record is None:
            warnings.append(
                _("curation: aliases of {id}: the report has no measure {id}; not applied").format(id=record_id)
            )
            continue
        parts = [record["title"], record["goal"] or "", record["description"], *later.get(record_id, [])]
        text = normalise(" ".join(parts))
        initials = "".join(word[0] for word in normalise(record["title"]).split())
        strange = [n for n in names if normalise(n) not in text and normalise(n).replace(" ", "") not in initials]
        if strange:
            warnings.append(
                _("curation: aliases of {id}: {alias} occurs nowhere in {id} ({title}); not applied").format(
                    id=record_id, alias=repr(strange[0]), title=record["title"][:40]
                )
            )
            continue
        out[record_id] = names
    return out


def build(report: Path, curation_path: Path = CURATION, facts_path: Path = curated_facts.FACTS) -> BuildResult:
    """The store built from a report file; the other source documents the facts quote stand
    beside it."""
    return build_from(read_text(report, N_("source file")), report.name, report.parent, curation_path, facts_path)


def report_name(curation_path: Path = CURATION) -> str:
    """The file name the curation file gives the report (its source with key "report"): the
    name a report read from stdin is recorded under."""
    for source in load_curation(curation_path).get("sources", []):
        if source.get("key") == "report":
            return str(source["file"])
    raise FkoError(
        _("the curation file {path} names no source with key 'report'; name the report's file").format(
            path=curation_path
        )
    )


def build_from(
    text: str, name: str, folder: Path, curation_path: Path = CURATION, facts_path: Path = curated_facts.FACTS
) -> BuildResult:
    """Parse the report's text (recorded as file `name`), apply the curation and the facts
    (their quotes checked against the source documents in `folder`), and return all tables."""
    curation = load_curation(curation_path)
    facts = curated_facts.load_facts(facts_path)
    parsed = parse_report(text, name)
    warnings = parsed["warnings"]
    measures = parsed["measures"]
    for measure in measures:
        measure["kind"] = "measure"
        measure["partners_curated"] = False
        measure["budget"]["items"] = propose(measure["budget"]["text"], measure["runtime"])
    _apply_partners(measures, curation.get("partners", {}), warnings)
    _apply_budget(measures, curation.get("budget", []), warnings)

    sources = [dict(s) for s in curation.get("sources", [])]
    if name not in {s["file"] for s in sources}:
        warnings.append(
            _("{file} is not described in the curation file; its title and date are unknown").format(file=name)
        )
        sources.insert(
            0, {"file": name, "key": "report", "title": None, "publisher": None, "date": None, "date_note": None}
        )
    dates = {s["file"]: s.get("date") for s in sources}
    texts = curated_facts.Sources(folder)
    ids = {m["id"] for m in measures}
    codes = {r["code"] for r in parsed["ressorts"]}
    vi8 = [m for m in measures if m["id"] == "VI.8"]
    report_lines = text.split("\n")
    recognition = [
        *[row for m in vi8 for row in curated_facts.chamber_tables(m, name, dates.get(name), report_lines)],
        *curated_facts.recognition(facts, texts, dates),
    ]
    initiatives = curated_facts.initiatives(facts, texts, codes)
    record_ids = ids | {i["id"] for i in initiatives}
    facts = _matching_facts(facts, measures, record_ids, name, report_lines, warnings)
    indicators = curated_facts.indicators(facts, texts, ids, dates)
    updates = curated_facts.updates(facts, texts, ids)
    events = curated_facts.events(facts, texts, record_ids, dates)
    aliases = _matching_aliases(curation.get("aliases", {}), measures + initiatives, later_texts(updates), warnings)
    tables = {
        "meta": [{"schema_version": SCHEMA_VERSION, "report": name}],
        "ressorts": parsed["ressorts"],
        "clusters": parsed["clusters"],
        "measures": measures,
        "sources": sources,
        "recognition": recognition,
        "indicators": indicators,
        "updates": updates,
        "events": events,
        "initiatives": initiatives,
    }
    enrich = resources.GeneralLanguage() if resources.available() else None
    if enrich is None:
        warnings.append(
            _(
                "the build extra (wordfreq, simplemma) is not installed: the search index has no word frequencies "
                "and no lemmas; pip install 'fko[build]'"
            )
        )
    return BuildResult(tables, index_of_tables(tables, aliases, warnings, enrich), warnings)


def invalid_tables(tables: dict[str, list[dict[str, Any]]]) -> str | None:
    """The first problem the store's own check finds in the tables (as `measures/I.3:
    'partners' is ...`), or None: the build never writes a store that fko would refuse."""
    return tables_problem(tables)


def write(
    result: BuildResult,
    out: Path,
    *,
    force: bool = False,
    protect: Sequence[Path] = (),
    follow_symlinks: bool = False,
) -> list[Path]:
    """Check the tables against the model, then write the store and its search index beside it,
    each atomically (an existing file only with force, never one in protect); return their paths.
    Writing the shipped store also records its checksum, by which fko trusts it without checking
    it at every start, and (with the build extra) the word list queries split compounds by."""
    problem = invalid_tables(result.tables)
    if problem:
        raise FkoError(
            _(
                "the build made an invalid store ({problem}); nothing was written, check the source "
                "text and the curation files"
            ).format(problem=problem)
        )
    index_file = index_path(out)
    check_target(index_file, force=force, protect=protect, follow_symlinks=follow_symlinks)
    text = serialise(result.tables)
    store_digest = digest(text.encode("utf-8"))
    for path, content in ((out, text), (index_file, index_text(result.index, store_digest))):
        write_text(path, content, force=force, protect=protect, follow_symlinks=follow_symlinks)
    if os.path.realpath(out) == os.path.realpath(SHIPPED):
        write_text(SHIPPED_DIGEST, store_digest + "\n", force=True)
        if resources.available():
            write_text(WORDS, resources.word_list(), force=True)
    return [out, index_file]
