"""Search over the store's records: ranked hits with snippets, and name-to-record resolution.

The search index of a store is the index file beside it (fko/search/indexfile.py) where that
was made from the store's bytes, else one made in memory from the store's tables; either is
kept for as long as the store. Nothing here prints: what a user should read comes back as
warnings and notes, for the command to print.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fko.domain.measures import by_id as all_records
from fko.domain.measures import cluster_numeral, filter_measures, get, lookup, normalise_id
from fko.errors import FkoError, UsageError
from fko.i18n import _
from fko.store.reader import Store

if TYPE_CHECKING:  # fko.search is imported where a search runs: `fko show IV.1` needs none
    from fko.search.hits import Hit, SearchResult

TITLE_LIKE = ("title", "id", "alias")


class Found:
    """The rows of the hits shown, the closest words of the data (for a query that found
    nothing), the hits before --limit (total), those the filters left out (hidden), the
    query words that matched nothing, what the search left out of a long query (note), and
    warnings about the store's search index."""

    __slots__ = ("rows", "closest", "total", "hidden", "unmatched", "warnings", "note")

    def __init__(
        self,
        rows: list[dict[str, Any]],
        closest: list[str],
        total: int = 0,
        hidden: int = 0,
        unmatched: list[str] | None = None,
        warnings: list[str] | None = None,
        note: str = "",
    ) -> None:
        self.rows, self.closest, self.total, self.hidden = rows, closest, total, hidden
        self.unmatched = unmatched if unmatched is not None else []
        self.warnings = warnings if warnings is not None else []
        self.note = note


#: The search index of each open store, with the warnings about it (made once per store).
_INDEXES: weakref.WeakKeyDictionary[Store, tuple[dict[str, Any], list[str]]] = weakref.WeakKeyDictionary()


def store_index(store: Store) -> tuple[dict[str, Any], list[str]]:
    """The search index of a store, and the warnings a user should read about it.

    The index file beside a store file is used if it was made from exactly the store's bytes
    (its checksum says so) and its frame is sound. The frame is checked for the shipped
    store's index too: the store's checksum does not cover that file, and the check takes a
    millisecond. Otherwise the index is made in memory from the store's tables: quietly where
    there is no index file (a --db store made by another tool), with a warning where the file
    is stale or damaged (its curated aliases are kept where they are well-formed)."""
    from fko.search.indexfile import EARLIER, UnreadableIndex, index_problem, read_index_file
    from fko.store.fileformat import index_path

    if store in _INDEXES:
        return _INDEXES[store]
    problem, found = None, None
    if store.file is not None:  # a store file: perhaps with an index file beside it
        try:
            found = read_index_file(index_path(store.file))
        except UnreadableIndex as exc:
            problem = _("unreadable ({reason})").format(reason=exc)
    if found is not None:
        made_from, index = found
        if made_from != store.digest:
            problem = _("stale (made from other bytes than the store's)")
        elif verdict := index_problem(index):
            earlier = _("from an earlier fko (`fko data build` writes it anew)")
            problem = earlier if verdict == EARLIER else _("malformed")
        else:
            _INDEXES[store] = (index, [])
            return _INDEXES[store]
    return _rebuilt(store, problem, found[1] if found else None)


def _rebuilt(store: Store, problem: str | None, old: Any = None) -> tuple[dict[str, Any], list[str]]:
    """The store's index made in memory from its tables, with a warning saying why (none if
    there was no index to use: `problem` None).

    The build adds what the store's tables do not hold: curated aliases, and what general-language
    resources say about the data's words. Those come from the old index where there is one, else
    from the shipped index (for the records and words this store shares with it), so that a copy
    of the shipped store finds what the shipped store finds, with the same scores."""
    from fko.search.index import carried, named_aliases
    from fko.search.indexfile import SOURCE_TABLES, index_aliases, index_of_tables
    from fko.store.fileformat import index_path

    tables = {name: store.table(name) for name in SOURCE_TABLES}
    shipped = _shipped_index()
    aliases = index_aliases(old)
    if not aliases:
        records = [*tables["measures"], *tables["initiatives"]]
        aliases = named_aliases(index_aliases(shipped), records, tables["updates"])
    index = index_of_tables(tables, aliases, enrich=carried(shipped, old))
    warnings = _INDEXES[store][1] if store in _INDEXES else []
    if problem is not None:
        path = index_path(store.file) if store.file is not None else None
        warnings.append(
            _("store {path}: the search index {index} is {problem}; rebuilt it in memory for this run").format(
                path=store.name, index=path, problem=problem
            )
        )
    _INDEXES[store] = (index, warnings)
    return _INDEXES[store]


def _shipped_index() -> Any:
    """The index shipped beside the shipped store, as found (None if it cannot be read)."""
    from fko.search.indexfile import UnreadableIndex, read_index_file
    from fko.store.fileformat import SHIPPED, index_path

    try:
        found = read_index_file(index_path(SHIPPED))
    except UnreadableIndex:
        return None
    return found[1] if found else None


def _hit_records(store: Store, result: SearchResult) -> dict[str, dict[str, Any]] | None:
    """The records of the hits of measures and initiatives, by ID; None if the index does not
    tell the truth about one of its hits: a record it names is missing, or has another title or
    other ministries than the index says, or a figure it shows is not the store's. Each hit is
    so checked against the store, whatever the index's checksums say."""
    found: dict[str, dict[str, Any]] = {}
    figures: set[tuple[Any, ...]] | None = None
    for hit in result.hits:
        if hit.text is None and hit.id:
            record = lookup(store, hit.id)
            if record is None or record["title"] != hit.title or list(record["ressorts"]) != list(hit.ressorts):
                return None
            found[hit.id] = record
        elif hit.text is not None:
            if figures is None:
                figures = _figures(store)
            if (hit.id, hit.kind, hit.title, hit.text.get("description", "")) not in figures:
                return None
    return found


def _figures(store: Store) -> set[tuple[Any, ...]]:
    """What the index may show of the figures: (measure, kind, title, text), made from the tables."""
    from fko.search.index import figure_documents

    tables = {name: store.table(name) for name in ("recognition", "indicators", "updates", "events", "sources")}
    return {(d["id"], d["kind"], d["title"], d["description"]) for d in figure_documents(tables)}


def _search(store: Store, query: str, *args: Any) -> tuple[dict[str, Any], SearchResult]:
    """search() over the store's index; an index whose postings turn out damaged while the
    query reads them is made anew in memory (with a warning), as a stale one is."""
    from fko.search.query import search
    from fko.search.wordmap import MalformedIndex

    index = store_index(store)[0]
    try:
        return index, search(index, query, *args)
    except MalformedIndex:
        index = _rebuilt(store, _("malformed"), index)[0]
        return index, search(index, query, *args)


def _field_text(record: dict[str, Any], field: str, aliases: Sequence[str]) -> str:
    if field == "alias":
        return ", ".join(aliases)
    value = record.get(field)
    if isinstance(value, dict):  # budget, runtime: their wording
        value = value.get("text")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value or "")


def _highlight_words(hit: Hit) -> set[str]:
    """The normalised words to mark in a snippet: each matched data word as printed, split."""
    from fko.german import normalise

    words = set(hit.terms)
    for shown in hit.matched:
        words.update(normalise(shown).split())
    return words


def find(
    store: Store,
    query: str,
    clusters: Sequence[str] = (),
    ressorts: Sequence[str] = (),
    limit: int | None = 10,
    kinds: Sequence[str] = (),
) -> Found:
    """Ranked hits for a query, each a row with id, kind, title, ressorts, score, field, matched,
    via, snippet (the best-matching field) and match (the best field other than the title, for the
    table: the title is shown beside it anyway)."""
    from fko.german import normalise
    from fko.search.query import search
    from fko.search.snippets import snippet

    if not normalise(query):
        raise UsageError(
            _("the query '{query}' has no word to search for; e.g. fko search Meisterprämie").format(query=query)
        )
    measure_id = normalise_id(query)
    if measure_id is not None and lookup(store, measure_id) is None:
        get(store, query)  # an ID that names no measure: "not found" (exit 1) as `fko show` says it
    allowed = None
    if clusters or ressorts:
        allowed = [m["id"] for m in filter_measures(store, clusters, ressorts, source="all")]
    index, result = _search(store, query, allowed, limit, kinds or None)
    # the index found the hits; the store's records are the truth about them
    by_id = _hit_records(store, result)
    if by_id is None:  # the index names a record the store does not hold
        index = _rebuilt(store, _("stale (it names records the store does not hold)"), index)[0]
        result = search(index, query, allowed, limit, kinds or None)
        by_id = _hit_records(store, result) or {}

    def text_of(hit: Hit, field: str) -> str:
        if field == "title":
            return str(by_id[hit.id or ""]["title"]) if hit.text is None and hit.id in by_id else hit.title
        if hit.text is not None:
            return hit.text.get(field, "")
        if field == "updates":
            return " ".join(f"{u['title']}. {u['quote']}" for u in store.table("updates") if u["measure_id"] == hit.id)
        return _field_text(by_id[hit.id or ""], field, index["aliases"].get(hit.id, []))

    rows = []
    for hit in result.hits:
        marked = _highlight_words(hit)
        window, spans = snippet(text_of(hit, hit.field), marked)
        # the table's Match column: never the title again (it stands beside it)
        in_title = hit.field in ("title", "id") or normalise(window.strip("…")) in normalise(hit.title)
        other = [m for m in sorted(hit.matches, key=lambda m: -m.quality * m.weight) if m.field not in TITLE_LIKE]
        if in_title and other:
            match, match_spans = snippet(text_of(hit, other[0].field), marked)
        elif in_title:  # the words where else they stand, if anywhere
            match, match_spans = "", []
            for field in ("goal", "description"):
                window_, spans_ = snippet(text_of(hit, field), marked)
                if spans_:
                    match, match_spans = window_, spans_
                    break
            if not match and hit.text is not None:  # a figure: what it holds
                match, match_spans = snippet(hit.text.get("description", ""), marked)
        else:
            match, match_spans = window, spans
        via = hit.synonyms()
        if via:
            prefix = (
                "(" + ", ".join(f"{v['query_word']} → {v['data_word']}" for v in via) + ")" + (" " if match else "")
            )
            match = prefix + match
            match_spans = [(a + len(prefix), b + len(prefix)) for a, b in match_spans]
        row = {**hit.as_row(), "snippet": window, "match": match, "match_spans": match_spans}
        record = by_id.get(hit.id or "") if hit.text is None else None
        if record is not None:  # the record is the truth; the index only finds it
            row["title"], row["ressorts"] = record["title"], list(record.get("ressorts") or [])
        row["_hit"] = hit
        rows.append(row)
    closest: list[str] = []
    if not rows and not result.hidden and normalise(query):
        from fko.search.snippets import closest_terms

        closest = closest_terms(index, query)
    return Found(rows, closest, result.total, result.hidden, result.unmatched, list(store_index(store)[1]), result.note)


#: A reference shaped like a record ID (letters, then a number): "XX.9", "ab 12".
_ID_LIKE = r"[^\W\d_]{1,4}\s*[.\s]?\s*\d{1,3}"  # compiled by `re` when first used

#: Fields of a search hit that name a measure (rather than mention a word in its text).
_NAMING_FIELDS = ("id", "title", "alias")


def resolve(store: Store, text: str) -> tuple[dict[str, Any], list[str]]:
    """The one record a reference names, and the notes a user should read: an ID in any
    spelling (iv.1, IV 1), an exact title or alias, or the single measure whose title or alias
    a search matches (taken with a note saying so).

    Only measures match. A ministry code, cluster or funding source is "not found" (exit 1)
    with a hint to the option that selects by it; a reference naming several measures lists
    them (exit 1).
    """
    from shlex import quote  # for the commands a note suggests; a search needs none

    wanted = text.strip()
    if not wanted:
        raise UsageError(_("an empty measure reference; give an ID such as IV.1, a title or an alias"))
    measure_id = normalise_id(wanted) or wanted.upper()
    record = lookup(store, measure_id)
    if record is not None:
        return record, []
    if normalise_id(wanted):
        return get(store, wanted), []  # an ID that does not exist: "did you mean …"
    from fko.german import normalise

    by_id = all_records(store)  # the report's measures and the newer sources' initiatives
    key = normalise(wanted)
    titles = [r for r in by_id.values() if normalise(r["title"]) == key]
    if len(titles) == 1:
        return titles[0], []
    _not_a_measure(store, wanted)
    index = store_index(store)[0]
    named = [i for i, names in index["aliases"].items() if key in {normalise(a) for a in names} and i in by_id]
    if len(named) == 1:
        return by_id[named[0]], list(store_index(store)[1])
    if named:
        _several(wanted, [by_id[i] for i in named])
    if not key:  # '-', '---': no word a search could find, so no search to suggest
        raise FkoError(_("no measure '{id}'; see `fko list`").format(id=wanted))
    hits = _search(store, wanted, None, None, ("measure", "initiative"))[1].hits
    if re.fullmatch(_ID_LIKE, wanted):  # "XX.9": an ID of no record; its number alone mentions nothing
        hits = [h for h in hits if any(not m.word.isdigit() for m in h.matches)]
    notes = list(store_index(store)[1])
    candidates = [h for h in hits if h.field in _NAMING_FIELDS and h.id in by_id]
    if len(candidates) == 1:
        found = by_id[candidates[0].id or ""]
        notes.append(
            _("taking {id} {title}: the only measure whose name matches '{wanted}'").format(
                id=found["id"], title=found["title"], wanted=wanted
            )
        )
        return found, notes
    if candidates:
        _several(wanted, [by_id[h.id or ""] for h in candidates])
    if hits:
        mentioned = ", ".join(h.id or "" for h in hits[:8]) + (" …" if len(hits) > 8 else "")
        raise FkoError(
            _("no measure is named '{wanted}'; {n} mention it ({mentioned}): see `fko search {query}`").format(
                wanted=wanted, n=len(hits), mentioned=mentioned, query=quote(wanted)
            )
        )
    raise FkoError(
        _("no measure '{wanted}'; try `fko search {query}` or `fko list`").format(wanted=wanted, query=quote(wanted))
    )


def resolve_all(store: Store, texts: Sequence[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """The records several references name, in the order given, each once; and the notes a
    user should read (each once)."""
    found: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    for text in texts:
        record, said = resolve(store, text)
        found.setdefault(record["id"], record)
        notes += [note for note in said if note not in notes]
    return list(found.values()), notes


def _several(wanted: str, found: Sequence[dict[str, Any]]) -> None:
    from shlex import quote

    shown = "; ".join(f"{r['id']} {r['title']}" for r in found[:6])
    more = ""
    if len(found) > 6:
        more = _("; and {n} more (see `fko search {query}`)").format(n=len(found) - 6, query=quote(wanted))
    raise FkoError(
        _("'{wanted}' names {n} measures: {shown}{more}; use an ID").format(
            wanted=wanted, n=len(found), shown=shown, more=more
        )
    )


def _not_a_measure(store: Store, wanted: str) -> None:
    """A ministry code, a cluster or a funding source given where a measure belongs."""
    from shlex import quote

    folded = wanted.casefold()
    codes = {r["code"].casefold(): r["code"] for r in store.ressorts()}
    if folded in codes:
        code = codes[folded]
        raise FkoError(
            _("'{wanted}' is a ministry, not a measure; its measures: `fko list --ressort {code}`").format(
                wanted=wanted, code=quote(code)
            )
        )
    cluster = re.fullmatch(r"(?:cluster\s*)?(vi|iv|v|i{1,3}|[1-6])", folded)
    if cluster:
        numeral = cluster_numeral(cluster.group(1))
        raise FkoError(
            _("'{wanted}' is a cluster, not a measure; its measures: `fko list --cluster {numeral}`").format(
                wanted=wanted, numeral=quote(numeral)
            )
        )
    funders = {f.casefold(): f for m in store.measures() for i in m["budget"].get("items", []) for f in i["funding"]}
    for name in list(funders.values()):  # "Bund (BMBF)": also "Bund" and "BMBF"
        if "(" in name:
            outer, inner = name.casefold().rstrip(")").split("(", 1)
            funders |= {outer.strip(): name, inner.strip(): name}
    if folded in funders:
        raise FkoError(
            _("'{wanted}' is a funding source, not a measure; its items: `fko budget --funding {funding}`").format(
                wanted=wanted, funding=quote(wanted)
            )
        )
