"""The search index beside a store: made from the store's tables, kept in a file of its own
with the checksum of the store bytes it was made from, read back, and its frame checked.

The index file of a store `NAME.json` is `NAME.index.json` in the same folder (`fileformat.index_path`):
the shipped store's is fko/data/fko.index.json. It holds one JSON object,
`{"index": {...}, "store_blake2b": "<the store file's BLAKE2b>"}`.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from fko.i18n import _, os_reason
from fko.search.index import KINDS, Enrich, later_texts, search_index
from fko.search.wordmap import WORD_MAPS
from fko.store.fileformat import max_bytes, read_at_most

#: The tables an index is made from: the records, and those its figures come from.
SOURCE_TABLES = ("measures", "initiatives", "sources", "recognition", "indicators", "updates", "events")
#: The tables beyond the records that its figures are made from (index.figure_documents).
FIGURE_TABLES = ("measures", "initiatives", "sources", "recognition", "indicators", "updates", "events")


def index_of_tables(
    tables: Mapping[str, Sequence[dict[str, Any]]],
    aliases: dict[str, list[str]],
    warnings: list[str] | None = None,
    enrich: Enrich | None = None,
) -> dict[str, Any]:
    """The search index of a store's tables, as `fko data build` writes it beside the store (with
    the general-language resources, `enrich`) and as a store without a fitting index file is
    indexed in memory (with what an old index carried of them)."""
    records = [*tables.get("measures", ()), *tables.get("initiatives", ())]
    figures = {name: list(tables.get(name, ())) for name in FIGURE_TABLES}
    return search_index(records, later_texts(list(tables.get("updates", ()))), aliases, figures, warnings, enrich)


def index_text(index: dict[str, Any], store_digest: str) -> str:
    """The index file's text, on one line (nobody reads or diffs it by eye): identical input,
    identical bytes."""
    document = {"index": index, "store_blake2b": store_digest}
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


class UnreadableIndex(Exception):
    """An index file that exists but cannot be read or is not an index file's JSON."""


def read_index_file(path: Path) -> tuple[Any, Any] | None:
    """The store checksum and the index an index file holds (each as found, unchecked); None
    if there is no such file. Read as a store is: a regular file, at most FKO_MAX_STORE_MB."""
    import orjson

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UnreadableIndex(os_reason(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableIndex(_("not a regular file"))
        raw = read_at_most(fd, max_bytes(), info.st_size)
    except OSError as exc:
        raise UnreadableIndex(os_reason(exc)) from None
    finally:
        os.close(fd)
    if raw is None:
        raise UnreadableIndex(_("larger than FKO_MAX_STORE_MB"))
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise UnreadableIndex(_("not JSON")) from None
    if not isinstance(document, dict):
        raise UnreadableIndex(_("not an index file"))
    return document.get("store_blake2b"), document.get("index")


def index_aliases(index: Any) -> dict[str, list[str]]:
    """The aliases an index holds, if they are well-formed (they are curated, worth keeping
    when a stale index is made anew)."""
    aliases = index.get("aliases") if isinstance(index, dict) else None
    if not isinstance(aliases, dict):
        return {}
    return {k: v for k, v in aliases.items() if type(v) is list and all(type(a) is str and _whole(a) for a in [k, *v])}


def _whole(text: str) -> bool:
    """Whether a text holds no lone surrogate (JSON can write one, no file name or terminal takes
    it), asked of its characters: a pattern of the surrogate range costs re a bitmap of all 65,536
    code points of the first plane to compile, and the aliases are a few dozen short texts."""
    return text.isascii() or not any("\ud800" <= c <= "\udfff" for c in text)


#: What index_problem says of an index of an earlier layout (its tables of words as objects).
EARLIER = "earlier"


def index_problem(index: Any) -> str | None:
    """Why an index cannot be used ("malformed", or EARLIER for one an earlier fko wrote), or None
    if its frame is sound. The lines of its
    tables of words, each word's postings and the entries of the synonym table and the glossary
    are checked when a query reads them (wordmap.WordMap, lookup.Lookup.words_of,
    index.decode_postings): a store of 10,000 measures holds about a million postings, and a
    query reads a few."""
    if not isinstance(index, dict):
        return "malformed"
    docs = index.get("docs")
    if not isinstance(docs, list) or not all(isinstance(d, dict) for d in docs):
        return "malformed"
    kinds = frozenset(KINDS)
    for doc in docs:  # one tight loop: 10,000 measures have as many documents
        ressorts, text, record_id = doc.get("ressorts"), doc.get("text"), doc.get("id", 0)
        if (
            type(doc.get("title")) is not str
            or (record_id is not None and type(record_id) is not str)
            or type(ressorts) is not list
            or doc.get("kind", "measure") not in kinds
            or (ressorts and not all(type(r) is str for r in ressorts))
            or (text is not None and (type(text) is not dict or not all(type(t) is str for t in text.values())))
        ):
            return "malformed"
    if not all(type(index.get(name)) is str for name in WORD_MAPS):
        if isinstance(index.get("postings"), dict) and isinstance(index.get("stems"), dict):
            return EARLIER  # fko 3.0.0 as first released wrote the tables of words as objects
        return "malformed"  # each line is read as a query reads it (wordmap.WordMap, lookup.Lookup.words_of)
    aliases = index.get("aliases")
    if not isinstance(aliases, dict) or len(index_aliases(index)) != len(aliases):
        return "malformed"
    if not isinstance(index.get("synthetic"), list):
        return "malformed"
    if _routes_problem(index.get("synonyms"), index.get("synonym_entries")):
        return "malformed"  # an index made before the synonym table was text (fko 2.2) is made anew
    if _routes_problem(index.get("glossary", ""), index.get("glossary_entries", [])):
        return "malformed"  # an index made before the glossary has neither: a query finds no English then
    return None  # the lines and entries of both are checked when a query reads them (index.route_numbers)


def _routes_problem(table: Any, entries: Any) -> bool:
    """Whether a synonym table or the glossary of an index is not text and a list of texts, as the
    build writes them (index.route_text)."""
    return type(table) is not str or type(entries) is not list or not _texts(entries)


def _texts(values: Iterable[Any]) -> bool:
    """Whether every value is a str, as JSON gives them (never a subclass): their types gathered
    in one pass, not asked one by one (the postings alone are thousands)."""
    return set(map(type, values)) <= {str}
