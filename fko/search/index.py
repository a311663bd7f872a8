"""The search index: what `fko data build` computes once from the records, and its text format.

Every searchable record becomes a document of fields; the index holds the postings (where
each normalised word stands), stems, compound parts, umlaut-free variants, the synonym table
and the English-German glossary. A query (fko/search/query.py, through lookup.py and words.py)
reads it; nothing here reads the store or prints.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any, Protocol

from fko import german
from fko.errors import FkoError
from fko.german import THOUSANDS, normalise, normalise_plain
from fko.i18n import N_, _
from fko.search.wordmap import MalformedIndex, WordMap, as_frequency, word_map_text

#: Searchable fields and how much a hit in each counts: title > aliases > goal > description > partners.
FIELDS: tuple[tuple[str, float], ...] = (
    ("id", 1.0),
    ("alias", 0.9),
    ("title", 1.0),
    ("ressorts", 0.5),
    ("goal", 0.6),
    ("partners", 0.4),
    ("description", 0.45),
    ("budget", 0.35),
    ("updates", 0.4),
    ("what", 0.8),  # records beyond measures: what they are ("Anerkennungsverfahren"), an event's place and date
    ("source_title", 0.3),  # records beyond measures: the titles of their sources ("WHKT-Report 12/2025")
)


FIELD_NAMES = tuple(name for name, _ in FIELDS)


#: What a search can find, as `--kind` names them.
KINDS = ("measure", "initiative", "recognition", "indicator", "update", "event")


#: The words for what a record beyond the measures is, searchable in its "what" field.
KIND_WORDS = {
    "recognition": "Anerkennung, Anerkennungsverfahren",
    "indicator": "Kennzahl, Indikator",
    "update": "Aktuelles, Neuigkeit",
    "event": "Termin, Ereignis, Veranstaltung, Aussage",
}


STOPWORDS = frozenset(
    "und oder der die das den dem des ein eine einer eines einem einen in im fuer von vom mit zu zur zum "
    "auf an am aus bei als wie ist sind wird werden nach sowie bzw auch sich es nicht so dass um the of "
    "innen wer was wo wann warum welche welcher welches gibt kann ich man mich mir meine brauche suche werde "
    "and for to a an is are do does i my how what where which who in on with "
    # English function words that are no German words (the glossary's keys drop them as a query does)
    "about after all any as at be been being by can could did from get got had has have into its many more "
    "most much must our out over s shall should some such than that their them then there these they this "
    "those under very we were when why would you your".split()
)


# compiled by `re` when the build first uses it: a query never does
_ACRONYM = r"\b([A-ZÄÖÜ][A-Za-zÄÖÜäöü]*[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*(?:[.-][A-Za-z]+)?|[a-z]{2,}\.NRW)\b"


WORD = re.compile(r"[^\W_]+")


def acronyms(text: str) -> list[str]:
    """Acronyms a measure defines or uses prominently: "(KIM)", "(zdi.NRW)", "OBAS", "SiA-NRW"."""
    found: list[str] = []
    for match in re.finditer(_ACRONYM, text):
        word = match.group(1)
        if word.upper() == "NRW" or len(word) < 2 or word in found:
            continue
        found.append(word)
    return found


def document(record: dict[str, Any], aliases: Sequence[str], updates: Sequence[str] = ()) -> dict[str, Any]:
    """The searchable text of one measure or initiative, by field (updates: later developments)."""
    return {
        "id": record["id"],
        "kind": record.get("kind") or "measure",
        "alias": list(aliases),
        "title": record["title"],
        "ressorts": list(record.get("ressorts") or []),
        "goal": record.get("goal") or "",
        "partners": list(record.get("partners") or []),
        "description": record.get("description") or "",
        "budget": (record.get("budget") or {}).get("text") or "",
        "updates": list(updates),
        "measure_id": record["id"],
        "source": record.get("source"),
    }


def figure_documents(tables: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Searchable documents for the records beyond measures: recognition figures (one per body and
    source), indicators (one per measure, metric and source), updates and events (one each). Their text is
    kept in the document, since no single store row holds it."""
    owners = [*tables.get("measures", []), *tables.get("initiatives", [])]  # an event of N.2 is the MAGS's
    ressorts = {m["id"]: list(m.get("ressorts") or []) for m in owners}
    sources = {s["file"]: s.get("title") or "" for s in tables.get("sources", [])}
    docs: list[dict[str, Any]] = []
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for row in tables.get("recognition", []):
        groups.setdefault((row.get("measure_id") or "", row["source"], row["body"]), []).append(row)
    for (measure, source, body), rows in groups.items():
        labels: list[str] = []
        for row in rows:
            for text in (row["label"], row["metric"], row.get("dimension") or ""):
                if text and text not in labels and text != body:
                    labels.append(text)
        named = [sources[source]] if sources.get(source) else []
        docs.append(_figure(measure or None, "recognition", body, ", ".join(labels), ressorts, named, source))
    indicators: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for row in tables.get("indicators", []):  # one per source: a hit names the source it cites
        indicators.setdefault((row["measure_id"], row["metric"], row["source"]), []).append(row)
    for (measure, metric, source), rows in indicators.items():
        quotes: list[str] = []
        for row in rows:
            if row.get("quote") and row["quote"] not in quotes:
                quotes.append(row["quote"])
        named = [sources[source]] if sources.get(source) else []
        docs.append(_figure(measure, "indicator", metric, " ".join(quotes), ressorts, named, source))
    for row in tables.get("updates", []):
        text = row.get("quote") or ""
        named = [sources[row["source"]]] if sources.get(row["source"]) else []
        docs.append(_figure(row["measure_id"], "update", row["title"], text, ressorts, named, row["source"]))
    for row in tables.get("events", []):
        named = [sources[row["source"]]] if sources.get(row["source"]) else []
        where = [text for text in (row.get("place"), row.get("date_text")) if text]
        doc = _figure(
            row.get("measure_id"), "event", row["title"], row.get("quote") or "", ressorts, named, row["source"]
        )
        doc["what"] = [*where, *doc["what"]]
        docs.append(doc)
    return docs


def _figure(
    measure: str | None,
    kind: str,
    title: str,
    description: str,
    ressorts: dict[str, list[str]],
    sources: list[str],
    source: str | None,
) -> dict[str, Any]:
    return {
        "id": measure,
        "kind": kind,
        "alias": [],
        "title": title,
        "ressorts": ressorts.get(measure or "", []),
        "description": description,
        "what": [KIND_WORDS[kind]],
        "source_title": sources,
        "measure_id": measure,
        "source": source,
    }


def _texts(doc: dict[str, Any], name: str) -> list[str]:
    value = doc.get(name)
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value else []


_JOIN = r"-|-\)\s*"  # compiled by `re` when the build first uses it


class _Tokens:
    """The words of one field of one document: (position, normalised word, as printed), and
    hyphenated compounds written as one word ("westbalkanregelung").

    A plain class with slots, not a dataclass: the decorator would slow every start."""

    __slots__ = ("words", "joins", "text", "spans")

    def __init__(
        self,
        words: list[tuple[int, str, str]],
        joins: list[tuple[int, str, str]],
        text: str = "",
        spans: list[tuple[int, int]] | None = None,
    ) -> None:
        self.words = words
        self.joins = joins
        self.text = text  # as tokenised, and where each word stands in it (spans): for clause ends
        self.spans = spans or []


def _tokenise(text: str, start: int) -> _Tokens:
    text = THOUSANDS.sub("", text)
    words: list[tuple[int, str, str]] = []
    joins: list[tuple[int, str, str]] = []
    spans: list[tuple[int, int]] = []
    pos = start
    previous_end = -1
    chain: list[tuple[str, str]] = []  # the parts of a hyphenated compound so far
    chain_start = 0
    for match in WORD.finditer(text):
        raw = match.group(0)
        keys = normalise(raw).split()
        if not keys:
            continue
        between = text[previous_end : match.start()] if previous_end >= 0 else " "
        hyphenated = bool(re.fullmatch(_JOIN, between))
        if not hyphenated:
            chain, chain_start = [], match.start()
        for key in keys:
            words.append((pos, key, raw))
            spans.append(match.span())
            pos += 1
        chain.append(("".join(keys), raw))
        if len(chain) >= 2:
            joined = "".join(k for k, _ in chain)
            joins.append((pos - 1, joined, text[chain_start : match.end()]))
        previous_end = match.end()
    return _Tokens(words, joins, text, spans)


def _separated(tokens: _Tokens, enrich: Enrich) -> list[tuple[int, int, str]]:
    """The separable verbs of a field whose particle closes a clause (german.separable_verbs):
    the verb a word written small (no stop word) and its particle make, as `enrich` knows it."""
    keys = [key for _, key, _ in tokens.words]
    if not german.SEPARABLE.intersection(keys):
        return []

    def join(particle: str, j: int) -> str | None:
        raw = tokens.words[j][2]
        if keys[j] in STOPWORDS or raw[:1].isupper():
            return None
        return enrich.separable(particle, raw)

    return german.separable_verbs(keys, german.clause_ends(tokens.text, tokens.spans, keys), join)


class Enrich(Protocol):
    """What general-language resources add to the index (fko/ingest/resources.py): compounds of the
    data split by a general word list, and the tables of RESOURCE_TABLES."""

    def split(self, word: str) -> list[str] | None:
        """A compound of the data that its own words do not split, split by a general word list."""

    def separable(self, particle: str, verb: str) -> str | None:
        """The separable verb (normalised) that a particle and a verb form of the data (as printed)
        make, where the form is a verb's and the joined verb a word in use ("an", "werben": anwerben)."""

    def tables(self, raw_of: dict[str, str], heads: dict[str, str], typed: Sequence[str] = ()) -> dict[str, Any]:
        """RESOURCE_TABLES, given each data word (normalised) as printed, each compound's head, and the
        words of the synonym table a person types (normalised) and the data's numbers, whose frequency
        `zipf` keeps too."""


#: The index's tables that come from general-language resources: German frequency of frequent data
#: words and of frequent words of the synonym table (zipf), English frequency of data words that are
#: also English words (english), and word forms that meet the data's words through their lemma
#: (lemma_forms: form -> lemma; lemmas: lemma -> words).
RESOURCE_TABLES = ("zipf", "english", "lemma_forms", "lemmas")


class _Carried:
    """What the build took from the general-language resources, as earlier indexes hold it (each
    later one overriding), for an index made in memory where the resources are not installed:
    the compounds their word list split, and the RESOURCE_TABLES, restricted to the words of the
    store being indexed. For a store that holds the words of those indexes (a copy of the shipped
    store) the index is the one the build writes."""

    def __init__(self, indexes: Sequence[Any]) -> None:
        self._tables: dict[str, dict[str, Any]] = {name: {} for name in RESOURCE_TABLES}
        self._splits: dict[str, str] = {}
        self._separable: dict[str, str] = {}
        for index in indexes:
            if not isinstance(index, dict):
                continue
            for name in RESOURCE_TABLES:
                self._tables[name].update(_table(index, name))
            self._splits.update(_table(index, "splits"))
            separable = index.get("separable")
            if isinstance(separable, dict):
                self._separable.update((k, v) for k, v in separable.items() if type(v) is str and v.isalpha())

    def separable(self, particle: str, verb: str) -> str | None:
        return self._separable.get(f"{particle} {normalise(verb)}")

    def split(self, word: str) -> list[str] | None:
        parts = self._splits.get(word, "").split()
        return parts if len(parts) >= 2 and all(p.isalpha() for p in parts) else None

    def tables(self, raw_of: dict[str, str], heads: dict[str, str], typed: Sequence[str] = ()) -> dict[str, Any]:
        zipf, english = _numbers(self._tables["zipf"]), _numbers(self._tables["english"])
        words = {*raw_of, *typed}
        lemmas: dict[str, str] = {}
        for lemma, terms in self._tables["lemmas"].items():
            kept = [t for t in terms.split() if t in raw_of] if isinstance(terms, str) else []
            if kept:
                lemmas[lemma] = " ".join(kept)
        forms = {f: m for f, m in self._tables["lemma_forms"].items() if m in lemmas and f not in raw_of}
        return {
            "zipf": {w: zipf[w] for w in sorted(words | forms.keys()) if w in zipf},
            "english": {w: english[w] for w in sorted(raw_of) if w in english},
            "lemma_forms": forms,
            "lemmas": {k: v for k, v in lemmas.items() if k in set(forms.values())},
        }


def _table(index: dict[str, Any], name: str) -> dict[str, str]:
    """A table of words of an earlier index, as found: {} where it is no text or a line is damaged."""
    text = index.get(name)
    if type(text) is not str:
        return {}
    try:
        return WordMap(text).whole()
    except MalformedIndex:
        return {}


def _numbers(table: dict[str, str]) -> dict[str, float]:
    """The words of a table of frequencies whose value is a finite number."""
    found = {word: as_frequency(value) for word, value in table.items()}
    return {word: value for word, value in found.items() if value is not None}


def carried(*indexes: Any) -> Enrich:
    """What earlier indexes hold of the general-language resources (the later overriding the
    earlier), for an index made in memory without the resources."""
    return _Carried(indexes)


def named_aliases(
    aliases: dict[str, list[str]], records: Sequence[dict[str, Any]], updates: Sequence[dict[str, Any]] = ()
) -> dict[str, list[str]]:
    """The aliases of an index that still name the store's records (by ID): those its title, goal,
    description, footnotes or later developments hold, or the initials of its title's words
    ("KAoA"). An index made in memory takes the curated aliases so from an earlier index: the
    shipped store's "Meisterprämie" is IV.1's in a copy of it, not in another store's IV.1."""
    later = later_texts(list(updates))
    out: dict[str, list[str]] = {}
    for record in records:
        names = aliases.get(record["id"])
        if not names:
            continue
        parts = [record["title"], record.get("goal") or "", record.get("description") or ""]
        text = normalise(" ".join([*parts, *(record.get("footnotes") or []), *later.get(record["id"], [])]))
        initials = "".join(word[0] for word in normalise(record["title"]).split())
        kept = [n for n in names if normalise(n) in text or normalise(n).replace(" ", "") in initials]
        if kept:
            out[record["id"]] = kept
    return out


def build_index(
    docs: Sequence[dict[str, Any]],
    synonyms: Sequence[dict[str, Any]] = (),
    warnings: list[str] | None = None,
    enrich: Enrich | None = None,
    glossary: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """Everything a query needs, computed once by `fko data build`: postings with positions of every
    normalised word, hyphenated compounds joined, coordination ellipses completed, stems, the parts
    of compounds (split by the data's own vocabulary), umlaut-free variants, the synonym table, the
    English-German glossary and what `enrich` (general-language resources) says about the data's words.
    A synonym's or glossary term's German word that is not a word of the data is left out, with a warning."""

    postings: dict[str, dict[tuple[int, int], list[int]]] = defaultdict(lambda: defaultdict(list))
    variants: dict[str, set[str]] = defaultdict(set)
    surface: dict[str, str] = {}
    synthetic: set[str] = set()
    natural: set[str] = set()
    raw_of: dict[str, str] = {}
    fields_text: list[tuple[int, int, str, _Tokens]] = []
    separable: dict[str, str] = {}  # "particle verb" -> the joined verb: an index made in memory joins alike

    def add_synthetic(key: str, n: int, f: int, position: int, shown: str) -> None:
        """A word the build makes (an ID, a whole alias, a hyphenated or elliptic compound)."""
        postings[key][(n, f)].append(position)
        synthetic.add(key)
        surface.setdefault(key, shown)

    for n, doc in enumerate(docs):
        for f, name in enumerate(FIELD_NAMES):
            pos = 0
            for text in _texts(doc, name):
                if name == "id":
                    add_synthetic(normalise(text).replace(" ", ""), n, f, 0, text)
                    continue
                tokens = _tokenise(text, pos)
                fields_text.append((n, f, text, tokens))
                for p, key, raw in tokens.words:
                    postings[key][(n, f)].append(p)
                    natural.add(key)
                    raw_of.setdefault(key, raw)
                    surface.setdefault(key, raw)
                for p, key, raw in tokens.joins:
                    add_synthetic(key, n, f, p, raw)
                for j, i, joined in _separated(tokens, enrich) if enrich is not None else ():
                    # "werben ... an": anwerben, where the verb stands (as printed: the verb)
                    p, key, raw = tokens.words[j]
                    add_synthetic(joined, n, f, p, raw)
                    separable[f"{tokens.words[i][1]} {key}"] = joined
                if name == "alias":
                    add_synthetic(normalise(text).replace(" ", ""), n, f, pos, text)
                plain = normalise_plain(text).split()
                keys = [k for _, k, _ in tokens.words]
                if len(plain) == len(keys):
                    for word, variant in zip(keys, plain, strict=True):
                        if variant != word:
                            variants[variant].add(word)
                pos = (tokens.words[-1][0] if tokens.words else pos) + 10  # list items are not neighbours
    lexicon = frozenset(w for w in natural if len(w) >= german.MIN_PART and w.isalpha() and w not in STOPWORDS)
    for n, f, text, tokens in fields_text:
        for truncated, completed in german.ellipses(text, lexicon):
            head = normalise(truncated)
            for p, key, _word in tokens.words:
                if key == head:
                    add_synthetic(completed, n, f, p, truncated)
                    break
    stems: dict[str, set[str]] = defaultdict(set)
    heads: dict[str, set[str]] = defaultdict(set)
    parts: dict[str, set[str]] = defaultdict(set)
    head_of: dict[str, str] = {}
    splits: dict[str, str] = {}  # compounds the resources split: an index made in memory splits them alike
    persons = german.person_stems([raw_of.get(term, term) for term in postings if term.isalpha()])
    for term in postings:
        if not term.isalpha():
            continue
        stems[german.stem_of(raw_of.get(term, term), persons)].add(term)
        found_heads, found_parts = _compound_parts(term, lexicon)
        if not found_heads and enrich is not None and term in natural:
            split = enrich.split(term)
            if split:
                found_heads, found_parts = [split[-1]], split[:-1]
                splits[term] = " ".join(split)
        if found_heads and term in natural:
            head_of[term] = found_heads[0]
        if (raw_of.get(term) or surface.get(term, term))[:1].islower():
            continue  # a verb or adjective: "stattfinden" is no kind of "finden", "einbringen" none of "bringen"
        for piece in found_heads:
            heads[german.stem_of(piece, persons)].add(term)
        for piece in found_parts:
            parts[german.stem_of(piece, persons)].add(term)

    def known(word: str) -> bool:
        """A word of the data, as printed or by its stem."""
        return normalise(word) in postings or german.stem_of(word, persons) in stems

    def in_compounds(word: str) -> bool:
        """A word of the data or a part of its compounds: the glossary's "Meister" stands in the
        data only in Meisterprämie, Meisterprüfung and Handwerksmeistern."""
        stem = german.stem_of(word, persons)
        return known(word) or stem in heads or stem in parts

    synonym_table, synonym_entries = _routes(
        # an entry's reason begins with its kind: "weak" for words that count little (decode_synonym)
        [(e["words"], e["means"], f"{WEAK if e.get('weak') else ''}\t{e['reason']}") for e in synonyms],
        lambda word: sorted({normalise(word), stem_key(word)}),
        known,
        lambda words, means: _("synonym {word} -> {means}: {means} is not a word of the data").format(
            word=repr(words[0]), means=repr(means)
        ),
        warnings,
    )

    def glossary_complaint(words: Sequence[str], means: str) -> str | None:
        """Why a glossary entry is left out; None where only the build extra's word list could tell
        that `means` is a part of the data's compounds ("Meister" in "meisterprämie")."""
        if enrich is None and any(normalise(means) in term for term in postings):
            return None  # the build warns that the extra is missing
        return _(
            "glossary {word} -> {means}: {means} is neither a word of the data nor a part of its compounds "
            "(fko/data/english.toml)"
        ).format(word=repr(words[0]), means=repr(means))

    glossary_table, glossary_entries = _routes(
        # its reason is made when a query reads it (decode_glossary): the first English word and the note
        [(term["en"], term["de"], f"{term['en'][0]}\t{term.get('note', '')}") for term in glossary],
        lambda phrase: [english_key(phrase)],
        in_compounds,
        glossary_complaint,
        warnings,
    )
    words = {term: raw for term, raw in raw_of.items() if term.isalpha()}
    typed = sorted({key for e in synonyms for key in map(normalise, e["words"]) if key.isalpha()})
    numbers = sorted(term for term in raw_of if term.isdigit())  # "3", "16", "2023": as frequent as words
    resources = enrich.tables(words, head_of, [*typed, *numbers]) if enrich is not None else {}
    # the tables of words as text, one `word<TAB>value` line each (fko/search/wordmap.py): a start
    # reads the whole index, and a query looks up a few words
    return {
        "docs": [_doc_row(d) for d in docs],
        "aliases": {d["id"]: d["alias"] for d in docs if d.get("alias")},
        "postings": word_map_text({w: encode_postings(p) for w, p in postings.items()}),
        "variants": word_map_text({v: " ".join(sorted(ws)) for v, ws in variants.items()}),
        "surface": word_map_text({t: w for t, w in surface.items() if t != w}),
        "synthetic": sorted(synthetic - natural),
        "stems": word_map_text({s: " ".join(sorted(ts)) for s, ts in stems.items() if len(ts) > 1 or s not in ts}),
        "heads": word_map_text({s: " ".join(sorted(ts)) for s, ts in heads.items()}),
        "person_stems": " ".join(sorted(persons)),
        "parts": word_map_text({s: " ".join(sorted(ts)) for s, ts in parts.items()}),
        # text, not nested lists: a start parses the whole index, and a query looks up a few words
        # (route_numbers); a synonym entry is "kind<TAB>reason<TAB>word<TAB>word" (decode_synonym)
        "synonyms": route_text(synonym_table),
        "synonym_entries": ["\t".join([e["reason"], *e["means"]]) for e in synonym_entries],
        # the words of weak entries, as typed (normalised): a query compound ending in one is read
        # as what is lacking and the weak word ("Lehrermangel")
        "weak_words": " ".join(sorted({normalise(w) for e in synonyms if e.get("weak") for w in e["words"]})),
        # a glossary entry is "English<TAB>note<TAB>word<TAB>word" (decode_glossary)
        "glossary": route_text(glossary_table),
        "glossary_closed": word_map_text(closed_keys(glossary_table)),
        "glossary_entries": ["\t".join([e["reason"], *e["means"]]) for e in glossary_entries],
        **{name: word_map_text(resources.get(name, {})) for name in RESOURCE_TABLES},
        "splits": word_map_text(splits),
        "separable": dict(sorted(separable.items())),
    }


def _routes(
    entries: Sequence[tuple[Sequence[str], Sequence[str], str]],
    keys_of: Callable[[str], list[str]],
    known: Callable[[str], bool],
    complaint: Callable[[Sequence[str], str], str | None],
    warnings: list[str] | None,
) -> tuple[dict[str, list[int]], list[dict[str, Any]]]:
    """The lookup table of a synonym table or the glossary: each typed word's keys -> the numbers of
    its entries, and the entries ({"means": the data's words, "reason": why}). `entries` are
    (words a person types, the data's words they mean, the reason); a meaning that is not a word
    of the data (`known`) is left out with a warning (`complaint`, None for none), an entry left
    without one altogether."""
    table: dict[str, list[int]] = defaultdict(list)
    kept: list[dict[str, Any]] = []
    for words, means, reason in entries:
        found = [m for m in means if known(m)]
        for missing in (m for m in means if m not in found):
            message = complaint(words, missing)
            if warnings is not None and message:
                warnings.append(message)
        if not found:
            continue
        kept.append({"means": found, "reason": reason})
        for word in words:
            for key in keys_of(word):
                if key and len(kept) - 1 not in table[key]:
                    table[key].append(len(kept) - 1)
    return table, kept


def route_text(table: dict[str, list[int]]) -> str:
    """A synonym table or the glossary as the index holds it: one `key<TAB>n n` line per typed word."""
    return "\n".join(f"{key}\t{' '.join(map(str, ns))}" for key, ns in sorted(table.items()))


def closed_keys(glossary: Collection[str]) -> dict[str, str]:
    """The glossary's keys of several words by their letters alone ("parttime" -> "part time"),
    where no key is so written (English writes a compound either way: "work force", "workforce");
    of two keys with the same letters the first in order."""
    closed: dict[str, str] = {}
    for key in sorted(glossary):
        if " " in key and key.replace(" ", "") not in glossary:
            closed.setdefault(key.replace(" ", ""), key)
    return closed


def route_numbers(text: str, key: str, entries: int) -> list[int]:
    """The entry numbers of one key in route_text's text given with a line break before it (so that
    a key is found by one search of the text, not by decoding the table: a query looks up a few
    words). A damaged line raises MalformedIndex."""
    start = text.find(f"\n{key}\t") if key and "\n" not in key and "\t" not in key else -1
    if start < 0:
        return []
    start += len(key) + 2
    end = text.find("\n", start)
    found = text[start : end if end >= 0 else len(text)].split()
    if not (found and all(n.isascii() and n.isdigit() and int(n) < entries for n in found)):
        raise MalformedIndex(key[:40])
    return [int(n) for n in found]


#: The kind of a synonym entry whose words count little in a query: they say that something is
#: lacking or sought ("Mangel", "fehlen", "gesucht"), the query's other words say what.
WEAK = "weak"


def decode_synonym(entry: str) -> tuple[list[str], str, bool]:
    """One synonym entry of the index ("kind<TAB>reason<TAB>word<TAB>word"): the data's words it
    means, the reason, and whether its words are weak (WEAK). A damaged one raises MalformedIndex."""
    kind, _, rest = entry.partition("\t")
    reason, _, words = rest.partition("\t")
    means = words.split("\t") if words else []
    if kind not in ("", WEAK) or not reason or not means or not all(means):
        raise MalformedIndex(entry[:40])
    return means, reason, kind == WEAK


def encode_postings(postings: dict[tuple[int, int], list[int]]) -> str:
    """Where a word stands, as text: "doc,field,position,position doc,field,position"."""
    return " ".join(",".join(map(str, [n, f, *sorted(ps)])) for (n, f), ps in sorted(postings.items()))


#: How the reason of a glossary match begins (the JSON's `reason`, English in both languages).
GLOSSARY_REASON = N_("English-German glossary")


def decode_glossary_entry(entry: str) -> tuple[list[str], str]:
    """One glossary entry of the index (`English<TAB>note<TAB>word<TAB>word`): the data's words it
    means and the reason, made here ("English-German glossary: teacher = Lehrkräfte, Lehrkraft").
    A damaged one raises MalformedIndex."""
    english, _, rest = entry.partition("\t")
    note, _, words = rest.partition("\t")
    means = words.split("\t") if words else []
    if not english or not means:
        raise MalformedIndex(entry[:40])
    said = f"{GLOSSARY_REASON}: {english} = {', '.join(means)}"  # English in the JSON; --explain translates it
    return means, f"{said} ({note})" if note else said


def decode_glossary(text: str, entries: Sequence[str]) -> dict[str, list[tuple[list[str], str]]]:
    """English key -> its glossary terms ([the data's words], reason), from the index's text:
    `key<TAB>n n` lines, and entries (decode_glossary_entry). A damaged one raises MalformedIndex."""
    terms = [decode_glossary_entry(entry) for entry in entries]
    table: dict[str, list[tuple[list[str], str]]] = {}
    for line in text.split("\n") if text else ():
        key, tab, numbers = line.partition("\t")
        found = numbers.split()
        if not (key and tab and found and all(n.isascii() and n.isdigit() and int(n) < len(terms) for n in found)):
            raise MalformedIndex(line[:40])
        table[key] = [terms[int(n)] for n in found]
    return table


_POSTINGS = re.compile(r"\d{1,9},\d{1,2}(?:,\d{1,9})+(?: \d{1,9},\d{1,2}(?:,\d{1,9})+)*")


def decode_postings(text: str, docs: int | None = None) -> list[list[int]]:
    """[[doc, field, position, ...], ...] from encode_postings' text; with `docs` (how many
    documents the index has) checked first, so that a damaged index raises MalformedIndex."""
    if docs is not None and not _POSTINGS.fullmatch(text):
        raise MalformedIndex(text[:40])
    entries = [[int(x) for x in entry.split(",")] for entry in text.split()]
    if docs is not None and not all(e[0] < docs and e[1] < len(FIELDS) for e in entries):
        raise MalformedIndex(text[:40])
    return entries


def _doc_row(doc: dict[str, Any]) -> dict[str, Any]:
    row = {
        "id": doc["id"],
        "kind": doc.get("kind") or "measure",
        "title": doc["title"],
        "ressorts": doc["ressorts"],
        "measure_id": doc.get("measure_id"),
        "source": doc.get("source"),
    }
    if row["kind"] not in ("measure", "initiative"):
        row["text"] = {"description": doc.get("description") or ""}
    return row


def _compound_parts(word: str, lexicon: frozenset[str]) -> tuple[list[str], list[str]]:
    """The heads (last parts, at every level) and the other parts of a compound word."""

    segments = german.split_compound(word, lexicon)
    if not segments:
        return [], []
    *front, last = segments
    inner_heads, inner_parts = _compound_parts(last, lexicon)
    others = list(front) + inner_parts
    for piece in front:
        deeper_heads, deeper_parts = _compound_parts(piece, lexicon)
        others += deeper_heads + deeper_parts
    return [last, *inner_heads], others


def stem_key(phrase: str) -> str:

    return " ".join(german.stem(w) for w in normalise(phrase).split())


SYNONYMS = Path(__file__).parents[1] / "data" / "synonyms.toml"


def load_synonyms(path: Path = SYNONYMS) -> list[dict[str, Any]]:
    """The reviewed synonym table: each entry's words, what they mean in the data, why, and whether
    its words are weak (`weak = true`: they count little in a query)."""
    import tomllib

    with path.open("rb") as handle:
        entries = tomllib.load(handle).get("synonym", [])
    for number, entry in enumerate(entries, start=1):
        missing = {"words", "means", "reason"} - set(entry)
        if missing or not entry.get("reason"):
            raise FkoError(
                _("synonym entry {number} of {name} lacks {keys}; add it").format(
                    number=number, name=path.name, keys=sorted(missing) or ["reason"]
                )
            )
        texts = [*entry["words"], *entry["means"], entry["reason"]]
        if not all(isinstance(t, str) and t.strip() and "\t" not in t and "\n" not in t for t in texts):
            raise FkoError(
                _("synonym entry {number} of {name} has an empty word or a tab or line break; remove it").format(
                    number=number, name=path.name
                )
            )
    return list(entries)


GLOSSARY = Path(__file__).parents[1] / "data" / "english.toml"


#: An English phrase of the glossary has at most this many words beside stop words: a query joins no more.
MAX_PHRASE = 3


def english_key(phrase: str) -> str:
    """The glossary's key of an English word or phrase: normalised, its stop words dropped, as a
    query joins its words ("recognition of qualifications" -> "recognition qualifications")."""
    return " ".join(word for word in normalise(phrase).split() if word not in STOPWORDS)


def load_glossary(path: Path = GLOSSARY) -> list[dict[str, Any]]:
    """The English-German glossary: each term's German words of the data (`de`), the English words
    and phrases that mean them (`en`) and, where the match is not plain, a `note`."""
    import tomllib

    with path.open("rb") as handle:
        terms = tomllib.load(handle).get("term", [])
    for number, term in enumerate(terms, start=1):
        words = [*term.get("de", []), *term.get("en", [])]
        if not (term.get("de") and term.get("en") and all(isinstance(w, str) and w.strip() for w in words)):
            raise FkoError(
                _("term {number} of {name} needs `de` and `en`, each a list of words; add them").format(
                    number=number, name=path.name
                )
            )
        if any(ch in text for text in [*words, str(term.get("note", ""))] for ch in "\t\n"):
            raise FkoError(
                _("term {number} of {name} has a tab or line break in a word or note; remove it").format(
                    number=number, name=path.name
                )
            )
        for phrase in term["en"]:
            if not 1 <= len(english_key(phrase).split()) <= MAX_PHRASE:
                raise FkoError(
                    _(
                        "term {number} of {name}: {phrase} is not 1 to {most} words beside stop words; shorten it"
                    ).format(number=number, name=path.name, phrase=repr(phrase), most=MAX_PHRASE)
                )
    return list(terms)


def aliases_of(record: dict[str, Any], curated: dict[str, list[str]]) -> list[str]:
    """Short names a user types for a record: curated ones, then acronyms from the title,
    acronyms the description defines in brackets, and terms explained in footnotes."""
    found = list(curated.get(record["id"], []))
    candidates = acronyms(record["title"])
    candidates += [a for a in acronyms(record.get("description") or "") if f"({a})" in record["description"]]
    candidates += [note.split(" ")[1].rstrip(":") for note in record.get("footnotes") or []]
    for alias in candidates:
        if alias not in found:
            found.append(alias)
    return found


def later_texts(updates: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Measure ID -> the later developments reported about it, as searchable text."""
    later: dict[str, list[str]] = {}
    for update in updates:
        later.setdefault(update["measure_id"], []).append(f"{update['title']}. {update['quote']}")
    return later


def search_index(
    records: list[dict[str, Any]],
    later: dict[str, list[str]],
    aliases: dict[str, list[str]],
    figures: dict[str, list[dict[str, Any]]] | None = None,
    warnings: list[str] | None = None,
    enrich: Enrich | None = None,
) -> dict[str, Any]:
    """The search index of the records (with their aliases and later developments), of the
    records beyond them (`figures`: the tables measures, sources, recognition, indicators, updates
    and events), of the reviewed synonym table and of the English-German glossary.

    Built by `fko data build`, and in memory for a store whose index is missing or stale."""
    docs = [document(r, aliases_of(r, aliases), later.get(r["id"], [])) for r in records]
    docs += figure_documents(figures or {})
    return build_index(docs, load_synonyms(), warnings, enrich, load_glossary())
