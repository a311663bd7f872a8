"""The words of a query as what they match in the data: each word itself, its inflections, lemmas,
compounds, synonyms, glossary terms and near spellings; phrases joined, compounds split, a query
read as German or English."""

from __future__ import annotations

from collections.abc import Sequence

from fko import german
from fko.german import THOUSANDS, normalise
from fko.i18n import gettext
from fko.search.index import STOPWORDS, WORD, stem_key
from fko.search.lookup import Lookup

#: How good each way of matching a query word is (1.0 = the word itself).
FACTOR = {
    "exact": 1.0,
    "stem": 0.9,
    "umlaut": 0.75,
    "prefix": 0.65,
    "head": 0.6,
    "part": 0.5,
    "infix": 0.4,
    "related": 0.5,  # a word of the same stem that names another thing: Handwerk for Handwerker, Schüler for Schule
    "split": 0.7,  # times the factor of how a part of the query's compound matched
    "lemma": 0.8,  # a form of the same lemma, or of the verb a noun is derived from (behinderte: Behinderung)
    "synonym": 0.8,  # times the factor of how the synonym itself matched
    "glossary": 0.8,  # an English word, through the English-German glossary; times how its German word matched
}


#: A query of more distinct words than this is searched for its first MAX_WORDS distinct words
#: (with a note): each word costs a pass over the vocabulary.
MAX_WORDS = 64


#: Longer query words are matched as they are (exactly, inflected, umlaut-free), not split into
#: compounds or matched fuzzily: both grow faster than the word. The longest word of the data
#: has 39 letters.
MAX_WORD = 64


class Word:
    """A query word: as typed, normalised (key), its group (words split from one compound share
    one), what it found (term -> (factor, how, via, reason)) and whether it is weak (counts
    query.WEAK_WEIGHT: a word of a weak synonym entry)."""

    __slots__ = ("text", "key", "group", "found", "weak")

    def __init__(
        self,
        text: str,
        key: str,
        group: int,
        found: dict[str, tuple[float, str, str | None, str | None]],
        weak: bool = False,
    ) -> None:
        self.text, self.key, self.group, self.found, self.weak = text, key, group, found, weak


def _add(
    found: dict[str, tuple[float, str, str | None, str | None]],
    term: str,
    factor: float,
    how: str,
    via: str | None = None,
    reason: str | None = None,
) -> None:
    if term not in found or found[term][0] < factor:
        found[term] = (factor, how, via, reason)


def _direct(
    raw: str, key: str, look: Lookup, affixes: bool = True
) -> dict[str, tuple[float, str, str | None, str | None]]:
    """Data words a query word stands for without synonyms: itself, its inflections, compounds
    that contain it, umlaut-free spellings and, with `affixes`, the words it merely begins or
    stands inside."""

    found: dict[str, tuple[float, str, str | None, str | None]] = {}
    if key in look.postings:
        _add(found, key, FACTOR["exact"], "exact")
    for real in look.words_of("variants", key):
        _add(found, real, FACTOR["umlaut"], "umlaut")
    if not key.isalpha():
        return found
    stemmed = german.stem_of(raw, look.persons)
    for term in [*look.words_of("stems", stemmed), *([stemmed] if stemmed in look.postings else [])]:
        _add(found, term, FACTOR["stem"], "stem")
    plain = stemmed.removesuffix(german.PERSON)
    if plain in look.persons:  # Handwerker and Handwerk, Schüler and Schule: one stem, two things
        kin = plain if stemmed != plain else plain + german.PERSON
        for term in look.words_of("stems", kin):
            _add(found, term, FACTOR["related"], "related")
    for term in _s_plural(key):  # Kita, Kitas; Azubi, Azubis: the stemmer leaves these apart
        if term in look.postings:
            _add(found, term, FACTOR["stem"], "stem")
    male = german.masculine(key)  # Lehrerinnenausbildung: Lehrerausbildung
    if male != key and male in look.postings:
        _add(found, male, FACTOR["stem"], "stem")
    # Studium, Studien; Zentrum, Zentren: the other number, where the data has it, and its compounds
    other = [t for t in german.latin_number(key) if t in look.postings]
    for term in other:
        _add(found, term, FACTOR["stem"], "stem")
    # integrieren, Integration: a verb in -ieren and its noun in -ation, and the noun's compounds
    derived = [t for t in german.ation_forms(key) if t in look.postings or look.words_of("heads", german.stem(t))]
    for term in derived:
        if term in look.postings:
            _add(found, term, FACTOR["lemma"], "lemma")
    base = german.adjective_base(key)  # handwerkliche: Handwerk
    if base is not None:
        for term in dict.fromkeys([base, *look.words_of("stems", german.stem(base))]):
            if term in look.postings:
                _add(found, term, FACTOR["lemma"], "lemma")
    _lemma(key, look, found)
    if len(key) >= 4:
        for stem_of in dict.fromkeys([stemmed, *map(german.stem, other), *map(german.stem, derived)]):
            for term in look.words_of("heads", stem_of):
                _add(found, term, FACTOR["head"], "head")
            for term in look.words_of("parts", stem_of):
                _add(found, term, FACTOR["part"], "part")
        surface = look.surface
        # a stem of six letters or more also begins the words derived from it: "Kommunen" (kommun)
        # begins "kommunales", "Integration" nothing more than itself
        root = stemmed if len(stemmed) >= 6 and len(stemmed) < len(key) and key.startswith(stemmed) else key
        for term in look.postings.holding(root) if affixes else ():
            if term != key and term.startswith(root):
                _add(found, term, FACTOR["prefix"], "prefix")
            elif len(key) >= 5 and key in term and surface.get(term, term)[:1].isupper():
                # inside a noun ("Pflegekräfte" in "Altenpflegekräfte"); inside a verb it is another
                # word ("finden" in "stattfinden")
                _add(found, term, FACTOR["infix"], "infix")
    return found


def _s_plural(key: str) -> list[str]:
    """The other number of a noun that ends in a full vowel and takes -s in the plural (Kita, Kitas;
    Azubi, Azubis; Uni, Unis), which Snowball does not join: the word with -s added or dropped."""
    if len(key) >= 3 and key[-1] in "aiouy":
        return [key + "s"]
    if len(key) >= 4 and key[-1] == "s" and key[-2] in "aiouy":
        return [key[:-1]]
    return []


#: Endings of adjectives and participles a word form may carry beyond its lemma's forms.
_ENDINGS = ("en", "em", "er", "es", "e")


def _lemma(key: str, look: Lookup, found: dict[str, tuple[float, str, str | None, str | None]]) -> None:
    """Data words that share a lemma with the query word (simplemma's, computed by the build), or
    whose noun is derived from the verb it is a form of: "behinderte" -> "Behinderungen"."""
    candidates = [key, *(key[: -len(e)] for e in _ENDINGS if key.endswith(e) and len(key) - len(e) >= 5)]
    for candidate in candidates:
        terms = look.lemmas.get(look.lemma_forms.get(candidate) or candidate)
        if terms is not None:
            for term in terms.split():
                if term in look.postings:
                    _add(found, term, FACTOR["lemma"], "lemma")
            return


def _strong(found: dict[str, tuple[float, str, str | None, str | None]]) -> bool:
    """Whether a query word is a word of the data in its own right: itself, inflected, or the head
    of a data compound (Fachwirt: Krankenkassenfachwirt; Lotse: Übergangslotsen), which names a
    kind of it; then it is not split into parts of its own (Fach, Wirt)."""
    return any(how in ("exact", "stem", "umlaut", "head") for _, how, _, _ in found.values())


def _synonym_entries(raw: str, key: str, look: Lookup) -> list[tuple[list[str], str, bool]]:
    """The synonym entries of a query word or phrase: by its normalised form, else by its stems, else
    (a compound whose first part is a feminine plural) by its masculine form (german.masculine).
    By the stems, an entry is left out that only a shorter typed word than the one the query word
    inflects would reach: the stemmer makes "Lehrerinnen", "Lehrer" and "Lehre" all "lehr", but
    "Lehrerinnen" is "Lehrerin" inflected, so "Lehre" (an apprenticeship) is not meant."""
    found = look.synonyms(key) or _by_stem(raw, key, look)
    if not found and " " not in key and german.masculine(key) != key:
        male = german.masculine(key)
        found = look.synonyms(male) or look.synonyms(stem_key(male))
    base = german.adjective_base(key) if not found and " " not in key else None
    if base is not None:  # gärtnerische: the entry of Gärtner
        found = look.synonyms(base) or look.synonyms(stem_key(base))
    return found


def _by_stem(raw: str, key: str, look: Lookup) -> list[tuple[list[str], str, bool]]:
    """The synonym entries of a query word by its stems, without those of the typed words that are
    shorter prefixes of the longest typed word it begins with (_synonym_entries)."""
    entries = look.synonyms(stem_key(raw))
    if len(entries) < 2 or " " in key or not key.isalpha():
        return entries
    stem = len(german.stem(key))
    typed = next((end for end in range(len(key) - 1, stem, -1) if look.synonyms(key[:end])), None)
    if typed is None:
        return entries
    inflected = {reason for _, reason, _ in look.synonyms(key[:typed])}
    shorter = {reason for end in range(stem + 1, typed) for _, reason, _ in look.synonyms(key[:end])}
    return [e for e in entries if e[1] in inflected or e[1] not in shorter]


def _synonyms(raw: str, key: str, look: Lookup, found: dict[str, tuple[float, str, str | None, str | None]]) -> bool:
    """Add the data's words the synonym table says a query word means; whether the word is weak."""
    entries = _synonym_entries(raw, key, look)
    _through([(means, reason) for means, reason, _ in entries], "synonym", look, found)
    return bool(entries) and all(weak for _, _, weak in entries)


def _weak_head(key: str, look: Lookup) -> str | None:
    """The weak word a compound ends in ("lehrermangel": mangel), if any, the longest first."""
    heads = [w for w in look.weak_words if len(w) >= 3 and len(key) - len(w) >= german.MIN_PART and key.endswith(w)]
    return max(heads, key=len) if heads else None


def english_forms(key: str) -> list[str]:
    """The glossary keys an English word or phrase (normalised) may stand for: itself, then with its
    last word in the singular ("teachers" -> "teacher", "job centres" -> "job centre", "nurseries"
    -> "nursery") or, for a verb form, as the bare verb ("supported" -> "support", "caring" ->
    "care", "dropped" -> "drop", "studied" -> "study"). The glossary lists irregular forms (women,
    children, taught) itself."""
    head, _, last = key.rpartition(" ")
    before = head + " " if head else ""
    bases: list[str] = []
    if len(last) > 4 and last.endswith("ies"):
        bases.append(last[:-3] + "y")
    if len(last) > 3 and last.endswith("es"):
        bases.append(last[:-2])
    if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        bases.append(last[:-1])
    for ending in ("ed", "ing"):
        stem = last[: -len(ending)]
        if len(last) > len(ending) + 2 and last.endswith(ending):
            bases += [stem[:-1] + "y"] if ending == "ed" and stem.endswith("i") else [stem + "e", stem]
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiousl":
                bases.append(stem[:-1])  # dropped, planning
    return [key, *(before + base for base in bases)]


def _glossary_terms(key: str, look: Lookup) -> list[tuple[list[str], str]]:
    """The glossary terms of an English word or phrase (normalised), by its first form the glossary
    holds, written as the glossary writes it or with the spaces of a compound closed or opened
    (English writes a compound either way: "work force", "workforce"; "parttime", "part time")."""
    for form in english_forms(key):
        terms = look.glossary_terms(form) or look.glossary_terms(form.replace(" ", ""))
        if terms:
            return terms
    return []


def _glossary(key: str, look: Lookup, found: dict[str, tuple[float, str, str | None, str | None]]) -> None:
    """The data's German words an English word or phrase means, through the English-German glossary."""
    _through(_glossary_terms(key, look), "glossary", look, found)


def _through(
    entries: Sequence[tuple[list[str], str]],
    how: str,
    look: Lookup,
    found: dict[str, tuple[float, str, str | None, str | None]],
    scale: float = 1.0,
) -> None:
    """The data's words that synonym or glossary entries mean, each as the German word itself
    would match them, times FACTOR[how] (the first meaning is the main one) and `scale`. A glossary
    term's German word does not stand for the words it merely begins or is found inside: "Inder"
    (Indians) is no part of "Kinder", "Land" (state) no beginning of "Landwirtschaft"."""
    for meanings, reason in entries:
        for rank, means in enumerate(meanings):
            weight = (FACTOR[how] - (0.05 if rank else 0.0)) * scale
            for term, (factor, _, _, _) in _direct(means.casefold(), normalise(means), look, how != "glossary").items():
                _add(found, term, weight * factor, how, means, reason)


#: A near spelling of a query word (rapidfuzz's ratio of 80 or more) begins with its letter, as a
#: typo seldom changes the first, or is at most one edit (a letter added, dropped, changed, or two
#: swapped) per LETTERS_PER_EDIT letters away: "Kinderbetruung", "meisterprämei" and "Pflage" are
#: typos, but "Künstliche" is no "dienstliche" (two edits in eleven letters, the first changed).
LETTERS_PER_EDIT = 6


def _typo_of(key: str, term: str) -> bool:
    """Whether a data word is a near spelling of a query word (LETTERS_PER_EDIT)."""
    from rapidfuzz.distance import OSA

    most = max(1, len(key) // LETTERS_PER_EDIT)
    return key[:1] == term[:1] or OSA.distance(key, term, score_cutoff=most) <= most


def _near_spelling(key: str, look: Lookup) -> bool:
    """Whether a data word is a near spelling of a query word, as _fuzzy finds them."""
    from rapidfuzz import fuzz, process

    near = process.extract(key, look.vocabulary, scorer=fuzz.ratio, score_cutoff=80, limit=5)
    return any(_typo_of(key, term) for term, _, _ in near)


def _fuzzy(key: str, look: Lookup, found: dict[str, tuple[float, str, str | None, str | None]]) -> None:
    from rapidfuzz import fuzz, process  # lazy: only a word that matched nothing needs fuzzy matching

    for term, similarity, _ in process.extract(key, look.vocabulary, scorer=fuzz.ratio, score_cutoff=80, limit=5):
        if _typo_of(key, term):
            _add(found, term, 0.6 * similarity / 100, "fuzzy")
    spelt = look.variants.words()
    for variant, similarity, _ in process.extract(key, spelt, scorer=fuzz.ratio, score_cutoff=85, limit=3):
        for real in look.words_of("variants", variant):
            _add(found, real, 0.55 * similarity / 100, "fuzzy")
    # a misspelt everyday word of the synonym table ("Schulabrecher"): through its entries, as weakly as a near spelling
    for typed, similarity, _ in process.extract(key, look.synonym_words(), scorer=fuzz.ratio, score_cutoff=85, limit=2):
        entries = [(means, reason) for means, reason, weak in look.synonyms(typed) if not weak]
        _through(entries, "synonym", look, found, 0.75 * similarity / 100)
    # a misspelt English word of the glossary ("apprentiseship"): through its terms, as weakly
    for typed, similarity, _ in process.extract(key, list(look.glossary), scorer=fuzz.ratio, score_cutoff=85, limit=2):
        if _typo_of(key, typed):
            _through(look.glossary[typed], "glossary", look, found, 0.75 * similarity / 100)


def _reading(kept: Sequence[str], stops: Sequence[str], look: Lookup) -> str | None:
    """How a query of several words (`kept`, then its stop words) reads: "en" when more of its words
    lean English than German, "de" for the reverse, None for one word alone, a tie, or a query with
    no English word or phrase that the data or the glossary knows (then the word list is not even
    loaded; "passing the master exam" is known by its phrase). Homographs ("fast", "will", "gift")
    do not vote: the other words decide what they are, stop words among them ("and", "für")."""
    distinct = list(dict.fromkeys([*kept, *stops]))
    if len(distinct) < 2:
        return None
    phrases = [" ".join(kept[i : i + size]) for size in (2, 3) for i in range(len(kept) - size + 1)]
    if not any(look.in_english(k) or _glossary_terms(k, look) for k in [*distinct, *phrases]):
        return None
    votes = [look.language_of(k) for k in distinct if not look.homograph(k)]
    english, german = votes.count("en"), votes.count("de")
    return "en" if english > german else "de" if german > english else None


def _split(key: str, look: Lookup) -> list[str] | None:
    """A query compound split by the data's words, else by the general word list where its parts
    are more frequent than the word itself (Koehn and Knight 2003: the geometric mean of the
    parts' frequencies against the whole word's): "Lehrermangel" splits, but "geschmissen", a
    word of the list in its own right, is no "gesch" + "missen"."""
    from fko import german

    pieces = german.split_compound(key, look.lexicon)
    if pieces:
        return pieces
    general = look.general
    pieces = german.split_by_frequency(key, general)
    whole = general.get(key)
    if pieces and whole is not None and sum(general[p] for p in pieces) / len(pieces) <= whole:
        return None
    if pieces is None and whole is None and any(v in key for v in "aou") and not _near_spelling(key, look):
        # typed without umlaut dots ("Gartnermangel"): split by the words' dotless forms, each part
        # given back its umlaut ("gaertner", "mangel"); a near spelling of a data word is a typo of
        # it instead ("Krankenkasenfachwirt" is no "Kranken" + "Käse" + ...)
        dotless = look.general_dotless
        pieces = german.split_by_frequency(key, {p: general[w] for p, w in dotless.items()} | general)
        pieces = [p if p in general else dotless[p] for p in pieces] if pieces else None
    return pieces


#: A compound of the query found in at most this many records is also looked for by its parts.
RARE = 3


def _rare(found: dict[str, tuple[float, str, str | None, str | None]], look: Lookup) -> bool:
    """Whether a query word's exact or inflected matches stand in at most RARE records."""
    strong = {
        e[0] for t, (_, how, _, _) in found.items() if how in ("exact", "stem", "umlaut") for e in look.entries(t)
    }
    return 0 < len(strong) <= RARE


def _records(found: dict[str, tuple[float, str, str | None, str | None]], look: Lookup) -> set[int]:
    """The records a word's good matches (factor 0.5 and more) stand in."""
    return {e[0] for t, (factor, _, _, _) in found.items() if factor >= 0.5 for e in look.entries(t)}


def _modifier_too(key: str, look: Lookup, found: dict[str, tuple[float, str, str | None, str | None]]) -> None:
    """A compound the data holds in a few records also finds the records of its other parts, as
    weaker matches, where its head is at least as common in the data as they are: the head says
    what kind of thing is meant, the other parts which one. "Lehrkräftemangel" stands once in the
    data, "Mangel" in as many records as "Lehrkräfte", and the records on Lehrkräfte answer it;
    "Ausbildungsabbruch" is not looked for by "Ausbildung"."""
    if any(how in ("synonym", "glossary") for _, how, _, _ in found.values()):
        return
    pieces = _split(key, look)
    if not pieces:
        return
    *modifiers, head = pieces
    head_records = _records(_direct(head, head, look), look)
    for piece in modifiers:
        part = _direct(piece, piece, look)
        _synonyms(piece, piece, look, part)
        if len(_records(part, look)) > len(head_records):
            continue
        for term, (factor, _, via, reason) in part.items():
            if factor >= FACTOR["umlaut"]:  # the part itself, inflected or by synonym; not words it begins
                _add(found, term, FACTOR["split"] * factor, "split", via, reason)


def _english_word(key: str, look: Lookup) -> dict[str, tuple[float, str, str | None, str | None]]:
    """What an English word of a query read as English matches: the data's word itself where the
    data has it as English too ("Welcome", "Career"), and the German words the glossary says it
    means. Never a German word spelt alike ("fast", "will", "gift", "art"), nor German
    inflections, compounds, synonyms or near spellings of it: English reaches German only through
    the glossary, and the hit shows that route."""
    found: dict[str, tuple[float, str, str | None, str | None]] = {}
    if key in look.postings and not look.homograph(key):
        _add(found, key, FACTOR["exact"], "exact")
    _glossary(key, look, found)
    return found


def _glossed(key: str, reading: str | None, look: Lookup) -> bool:
    """Whether a query word not read as English also goes through the glossary: in a query read as
    German, unless it is a German word too ("Art der Förderung"); in a query of one word or of no
    leaning, unless it is a word of the data ("fast" alone is Fast 7000 Meisterprämien)."""
    if reading == "de":
        return not look.homograph(key)
    return reading == "en" or key not in look.postings


def query_words(query: str, look: Lookup, named: bool = False) -> tuple[list[Word], str]:
    """The query as words to match: stop words dropped, synonym and glossary phrases joined,
    compounds split; and a note if words were left out (more than MAX_WORDS distinct words). A
    query read as English matches its English words only through the glossary (_english_word). A
    query that is a record's alias (`named`) is not widened to the parts of its compounds: it
    names what it means."""
    raw_words: list[tuple[str, str]] = []
    spans: list[tuple[int, int]] = []
    text = THOUSANDS.sub("", query)
    for match in WORD.finditer(text):
        folded = normalise(match.group(0))
        for key in folded.split():
            raw_words.append((match.group(0) if folded == key else key, key))
            spans.append(match.span())
    raw_words = _particles_joined(text, spans, raw_words, look)
    kept = [(r, k) for r, k in raw_words if k not in STOPWORDS] or raw_words
    note = ""
    distinct = list(dict.fromkeys(k for _, k in kept))
    if len(distinct) > MAX_WORDS:
        allowed = set(distinct[:MAX_WORDS])
        kept = [(r, k) for r, k in kept if k in allowed]
        left = len(distinct) - MAX_WORDS
        note = gettext("the query has {n} distinct words; searched the first {first}, left out {left}").format(
            n=len(distinct), first=MAX_WORDS, left=left
        )
    seen: set[str] = set()
    kept = [(r, k) for r, k in kept if not (k in seen or seen.add(k))]  # type: ignore[func-returns-value]
    # stop words vote too ("art and media jobs" reads as English by its "and"); homographs do not
    reading = _reading([k for _, k in kept], [k for _, k in raw_words if k in STOPWORDS], look)
    words: list[Word] = []
    i = 0
    group = 0
    while i < len(kept):
        for size in (3, 2):  # "heat pump", "recognition of qualifications"
            if i + size <= len(kept):
                phrase = " ".join(k for _, k in kept[i : i + size])
                raw_phrase = " ".join(r for r, _ in kept[i : i + size])
                in_data = all(k in look.postings for _, k in kept[i : i + size])
                listed = _synonym_entries(raw_phrase, phrase, look) or _glossary_terms(phrase, look)
                # words of the data stay words unless the synonym table lists them as a phrase
                # ("ohne Ausbildungsplatz": unversorgte); an English phrase of German words is German
                if in_data and not _synonym_entries(raw_phrase, phrase, look):
                    continue
                if listed:
                    found: dict[str, tuple[float, str, str | None, str | None]] = {}
                    weak = _synonyms(raw_phrase, phrase, look, found)
                    _glossary(phrase, look, found)
                    words.append(Word(raw_phrase, phrase, group, found, weak))
                    break
                joined = _open_compound(phrase, look) if size == 2 else None
                if joined:
                    found = _direct(joined, joined, look)
                    weak = _synonyms(joined, joined, look, found)
                    words.append(Word(raw_phrase, joined, group, found, weak))
                    break
        else:
            raw, key = kept[i]
            size = 1
            for word in _read(raw, key, look, reading, named):
                word.group = group
                words.append(word)
        i += size
        group += 1
    return words, note


def _particles_joined(
    text: str, spans: list[tuple[int, int]], raw_words: list[tuple[str, str]], look: Lookup
) -> list[tuple[str, str]]:
    """The query's words with each separable verb whose particle stands apart joined at the verb's
    place ("Studium brechen ab" -> Studium, abbrechen; german.separable_verbs): a word typed with a
    capital is no verb, unless it opens the query, nor is a stop word; the joined word must be a
    word of the data, of its lemma table or of the general word list."""
    keys = [k for _, k in raw_words]
    if not any(k in german.SEPARABLE for k in keys[1:]):
        return raw_words
    ends = german.clause_ends(text, spans, keys)
    if not any(e and k in german.SEPARABLE for k, e in zip(keys, ends, strict=True)):
        return raw_words

    def join(particle: str, j: int) -> str | None:
        if keys[j] in STOPWORDS or (j > 0 and raw_words[j][0][:1].isupper()):
            return None
        joined = particle + keys[j]
        known = joined in look.postings or joined in look.lemma_forms or joined in look.general
        return joined if known else None

    joins = german.separable_verbs(keys, ends, join)
    if not joins:
        return raw_words
    out = list(raw_words)
    for verb, _, joined in joins:
        out[verb] = (joined, joined)
    particles = {particle for _, particle, _ in joins}
    return [w for n, w in enumerate(out) if n not in particles]


def _open_compound(phrase: str, look: Lookup) -> str | None:
    """Two query words written apart that German writes as one ("fest anstellen": Festanstellung),
    joined, where the joined word is a word of the data (or an inflection of one) or of the synonym
    table. The first word joins as a compound's first part does: with a linking element ("Arbeit
    Markt": Arbeitsmarkt) or without its final e ("Hochschule Gesetz": Hochschulgesetzes)."""
    first, _, second = phrase.partition(" ")
    if not (first.isalpha() and second.isalpha()):
        return None
    fronts = [first + link for link in german.LINKS]
    if first.endswith("e") and len(first) > german.MIN_PART + 1:
        fronts.append(first[:-1])
    for front in fronts:
        joined = front + second
        if joined in look.postings or (front == first and _synonym_entries(joined, joined, look)):
            return joined
        if look.words_of("stems", german.stem(joined)):
            return joined
    return None


def _read(raw: str, key: str, look: Lookup, reading: str | None, named: bool) -> list[Word]:
    """One word of a query as the words to match: itself (with its inflections, compounds, synonyms
    and, where _glossed, glossary terms); an English word of an English query through the glossary
    alone; a compound that matches nothing strongly, by its parts; a compound of something lacking
    ("Lehrermangel", "Personalnot") as that thing and a weak word (_lacking)."""
    if reading == "en" and (look.homograph(key) or look.language_of(key) == "en"):
        return [Word(raw, key, 0, _english_word(key, look))]
    found = _direct(raw, key, look)
    if _synonyms(raw, key, look, found):
        return [Word(raw, key, 0, found, weak=True)]
    if _glossed(key, reading, look):
        _glossary(key, look, found)
    routed = any(how in ("synonym", "glossary") for _, how, _, _ in found.values())
    compound = key.isalpha() and len(key) <= MAX_WORD
    head = _weak_head(key, look) if compound and not routed else None
    pieces = _split(key, look) if head else None
    if pieces and pieces[-1] == head:
        return _lacking(raw, key, pieces, found, look, reading)
    if not _strong(found) and compound:
        pieces = pieces or _split(key, look)
        if pieces and not routed:
            words = []
            for piece in pieces:
                part = _direct(piece, piece, look)
                weak = _synonyms(piece, piece, look, part)
                words.append(Word(_as_typed(raw, piece), piece, 0, part, weak))
            return words
    elif not named and key.isalpha() and len(key) <= MAX_WORD and _rare(found, look):
        _modifier_too(key, look, found)
    if not found and 5 <= len(key) <= MAX_WORD:
        _fuzzy(key, look, found)
    return [Word(raw, key, 0, found)]


def _as_typed(raw: str, piece: str) -> str:
    """A part of a query compound (normalised) as the user typed it: "gaertner" of "Gärtnermangel" is
    "Gärtner"; the part itself where the typed word does not hold it (a linking letter dropped)."""
    for start in range(len(raw)):
        for end in range(start + 1, min(len(raw), start + len(piece) + 2) + 1):
            if normalise(raw[start:end]) == piece:
                return raw[start:end]
    return piece


def _lacking(
    raw: str,
    key: str,
    pieces: list[str],
    found: dict[str, tuple[float, str, str | None, str | None]],
    look: Lookup,
    reading: str | None,
) -> list[Word]:
    """A compound whose head is a weak word ("lehrermangel" -> lehrer, mangel; "personalnot") read
    as what is lacking, a word of its own (split further, given synonyms, as any query word), and
    the weak word. The compound itself, where the data holds it, counts for both ("Fachkräftemangel")."""
    *front, head = pieces
    itself = {t: v for t, v in found.items() if v[1] in ("exact", "stem", "umlaut", "lemma")}
    lacking = "".join(front)
    words = _read(_as_typed(raw, lacking), lacking, look, reading, named=True)
    weak_found = _direct(head, head, look)
    _synonyms(head, head, look, weak_found)
    words.append(Word(_as_typed(raw, head), head, 0, weak_found, weak=True))
    for word in words:
        for term, (factor, how, via, reason) in itself.items():
            _add(word.found, term, factor, how, via, reason)
    return words
