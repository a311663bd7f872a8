"""German text for matching: the one folding of text (normalise), stems, compound parts and
coordination ellipses.

Nothing here prints or reads files. The stemmer (Snowball German, by PyStemmer) is imported on
first use: `fko search` stems only the few words of a query; the store's words are stemmed by
`fko data build`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)


_UMLAUT = {"a\u0308": "ae", "o\u0308": "oe", "u\u0308": "ue"}


_PLAIN_UMLAUT = {"a\u0308": "a", "o\u0308": "o", "u\u0308": "u"}


_UMLAUT_RE = re.compile("|".join(_UMLAUT))


_NON_WORD = re.compile(r"[\W_]+")


THOUSANDS = re.compile(r"(?<=\d)\.(?=\d{3}(?!\d))")


def normalise(text: str) -> str:
    """The matching key of a text: one function for the index and for the query.

    NFKC, soft hyphens and zero-width characters removed, casefolded (ß -> ss), umlauts
    transliterated (ä -> ae) so "Meisterprämie" and "Meisterpraemie" meet, other accents
    dropped, punctuation turned into single spaces.
    """
    return _fold(text, _UMLAUT)


def normalise_plain(text: str) -> str:
    """Like normalise, but umlauts lose their dots ("ü" -> "u"): the form of a user who skipped them."""
    return _fold(text, _PLAIN_UMLAUT)


def _fold(text: str, umlauts: dict[str, str]) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_INVISIBLE)).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = _UMLAUT_RE.sub(lambda m: umlauts[m.group(0)], text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = THOUSANDS.sub("", unicodedata.normalize("NFKC", text))  # "2.500" and "2500" meet
    return _NON_WORD.sub(" ", text).strip()


#: Linking elements (Fugen) that may stand between the parts of a compound: Arbeit-s-markt.
LINKS = ("", "s", "es", "n", "en", "e", "er", "ns")
#: Shortest word that is split into parts, and shortest part.
MIN_COMPOUND = 7
MIN_PART = 3

_stem_word: Callable[[str], str] | None = None


def stem(word: str) -> str:
    """The Snowball German stem of one casefolded word, umlauts removed ("Lehrkräfte" -> "lehrkraft").

    Snowball (3.x) also reads "ae/oe/ue" as umlauts, so "Lehrkraefte" gives the same stem. The
    feminine plural "-innen" goes first, so "Lehrerinnen" and "Lehrer" meet ("lehr").
    """
    global _stem_word
    if _stem_word is None:
        import Stemmer  # type: ignore[import-not-found]  # lazy: only a query needs it at run time

        _stem_word = Stemmer.Stemmer("german").stemWord
    word = word.casefold()
    if len(word) > 7 and word.endswith("innen"):
        word = word[:-5]
    elif len(word) > 6 and word.endswith("erin"):
        word = word[:-2]
    return _stem_word(word)


#: How the search index marks the stem of a person noun in -er that Snowball gives another word too
#: ("schul-er": Schüler, Schülerinnen; "schul": Schule, Schulen).
PERSON = "-er"


def person_stems(words: Sequence[str]) -> frozenset[str]:
    """The stems that Snowball's German stemmer gives both a person noun in -er and other words of
    the data: the person noun is known by its feminine in -erin (Schüler, Schülerinnen beside Schule;
    Helfer, Helferinnen beside helfen; Erzieher, Erzieherin beside Erziehung), which a plural in -er
    (Häuser, Länder) or an adjective (digitaler) has not."""
    by_stem: dict[str, list[str]] = {}
    for word in words:
        by_stem.setdefault(stem(word), []).append(_plain(word))
    found = set()
    for common, plain in by_stem.items():
        persons = [p for p in plain if p.startswith(common + "er")]
        if len(persons) < len(plain) and any(p.startswith(common + "erin") for p in persons):
            found.add(common)
    return frozenset(found)


def stem_of(word: str, persons: Collection[str]) -> str:
    """A word's stem as the search index keys its stems, heads and parts: Snowball's, marked (PERSON)
    for a person noun in -er whose stem is one of `persons` ("Schüler": "schul-er"; "Schule": "schul")."""
    found = stem(word)
    if found in persons and _plain(word).startswith(found + "er"):
        return found + PERSON
    return found


def _plain(word: str) -> str:
    """A word normalised with its umlauts as plain vowels, as Snowball reads them ("schueler": "schuler")."""
    return dotless(normalise(word))


def dotless(key: str) -> str:
    """A normalised word with its umlauts (written ae, oe, ue) as plain vowels: "gaertner" -> "gartner"."""
    return key.replace("ae", "a").replace("oe", "o").replace("ue", "u")


def split_compound(word: str, lexicon: Collection[str], *, min_part: int = MIN_PART) -> list[str] | None:
    """A word split into parts that are words of the lexicon, or None.

    Fewest parts win, then the longest last part (the head): "pflegeausbildung" ->
    ["pflege", "ausbildung"], "arbeitsmarkt" -> ["arbeit", "markt"] (the linking "s" dropped).
    Works on normalised words (lower case, umlauts as ae/oe/ue).
    """
    segments = _segments(word, lexicon, min_part)
    return [piece for piece, _ in segments] if segments else None


def _segments(word: str, lexicon: Collection[str], min_part: int = MIN_PART) -> list[tuple[str, str]] | None:
    """The split as (part, linking element) pairs: "arbeitsmarkt" -> [("arbeit", "s"), ("markt", "")]."""
    if len(word) < MIN_COMPOUND:
        return None
    n = len(word)
    # best[i]: the fewest-part split of word[i:], parts each in the lexicon (the last without a link)
    best: list[list[tuple[str, str]] | None] = [None] * (n + 1)
    best[n] = []
    for i in range(n - min_part, -1, -1):
        choice: list[tuple[str, str]] | None = None
        for j in range(i + min_part, n + 1):
            piece = word[i:j]
            for link in LINKS:
                end = j + len(link)
                if end > n or word[j:end] != link or best[end] is None:
                    continue
                if end == n and link:
                    continue  # a word does not end in a linking element
                if piece not in lexicon or (i == 0 and end == n):
                    continue  # a part of the lexicon; the whole word is not a split of itself
                rest = best[end]
                assert rest is not None
                candidate = [(piece, link), *rest]
                if choice is None or (len(candidate), -len(candidate[-1][0])) < (len(choice), -len(choice[-1][0])):
                    choice = candidate
        best[i] = choice
    found = best[0]
    return found if found is not None and len(found) >= 2 else None


#: Verb particles and prepositions: words in their own right that begin so many words
#: (Unternehmen, Weiterbildung, Beispiel, Vorhaben) that a split by a general word list never
#: takes them for a part.
PARTICLES = frozenset(
    "ab an auf aus bei da dar durch ein ent entgegen er fort gegen her hin hinter los mit nach neben ob "
    "ueber um unter ver vor voran voraus vorbei weg weiter wider wieder zer zu zurueck zusammen".split()
)


def split_by_frequency(word: str, zipf: Mapping[str, float], *, min_part: int = MIN_PART) -> list[str] | None:
    """A word split into the words of a general word list (`zipf`: word -> Zipf frequency), or None.

    For compounds no word list holds whole ("lehrermangel" -> ["lehrer", "mangel"]). Fewest parts
    win (as in split_compound), then the most frequent parts: the highest geometric mean of their
    frequencies (Koehn and Knight 2003), less one for each linking element other than "s" ("meister"
    beats "meist" + "er"). A part shorter than four letters must be frequent (Zipf 4.5), so that rare
    short words ("kit", "aplaetze") do not cut a word apart; no part is a particle (PARTICLES).
    Normalised words.
    """
    n = len(word)
    if n < MIN_COMPOUND:
        return None

    def fits(piece: str) -> float | None:
        value = zipf.get(piece)
        return None if value is None or (len(piece) < 4 and value < 4.5) or piece in PARTICLES else value

    # best[i]: (parts, sum of Zipf values) of the best split of word[i:], each part a word of the list
    best: list[tuple[list[str], float] | None] = [None] * (n + 1)
    best[n] = ([], 0.0)
    for i in range(n - min_part, -1, -1):
        choice: tuple[list[str], float] | None = None
        for j in range(i + min_part, n + 1):
            piece = word[i:j]
            for link in LINKS:
                end = j + len(link)
                rest = best[end] if end <= n and word[j:end] == link else None
                if rest is None or (end == n and link) or (i == 0 and end == n):
                    continue
                value = fits(piece)
                if value is None:
                    continue
                # a linking element other than "s" costs: "meister" beats "meist" + "er"
                parts, total = [piece, *rest[0]], rest[1] + value - (1.0 if link not in ("", "s") else 0.0)
                if choice is None or (len(parts), -total / len(parts)) < (len(choice[0]), -choice[1] / len(choice[0])):
                    choice = (parts, total)
        best[i] = choice
    found = best[0]
    return found[0] if found is not None and len(found[0]) >= 2 else None


def masculine(key: str) -> str:
    """A compound whose first part is a feminine plural ("lehrerinnenmangel", "schuelerinnenpraktikum")
    with the plural ending "-innen" dropped, as the synonym table and most compounds write it
    ("lehrermangel"); else the word itself. Normalised words; the stemmer joins only the last part."""
    at = key.find("innen", MIN_PART)
    if at < 0 or len(key) - at - 5 < MIN_PART or not key.isalpha():
        return key
    return key[:at] + key[at + 5 :]


#: The endings of a verb in -ieren (its forms a query may hold), and of a noun in -ation: the longest first.
_IEREN = ("ierenden", "ierende", "ierend", "ierten", "ierter", "iertes", "ieren", "ierte", "ierst", "iert", "iere")
_ATION = ("ationen", "ation")


def _base(key: str, endings: Sequence[str], shortest: int) -> str | None:
    """What is left of a word without the first of the endings (the longest first) it ends in, if
    that is at least `shortest` letters a to z; else None."""
    for ending in endings:
        base = key[: -len(ending)]
        if key.endswith(ending) and len(base) >= shortest and base.isascii() and base.isalpha():
            return base
    return None


def ation_forms(key: str) -> list[str]:
    """The noun in -ation of a verb in -ieren, and the verb of such a noun, which the stemmer and
    the lemmas leave apart: integrieren, integriert -> integration; kooperieren -> kooperation;
    -izieren -> -ikation (kommunizieren -> kommunikation); and back (koordination -> koordinieren,
    koordiniert). Candidates only: a caller keeps those that are words it knows. Normalised words."""
    base = _base(key, _IEREN, 3)
    if base is not None:
        return [base + "ation", *([base[:-1] + "kation"] if base.endswith("z") else [])]
    base = _base(key, _ATION, 3)
    if base is not None:
        bases = [base, *([base[:-1] + "z"] if base.endswith("k") else [])]
        return [b + ending for b in bases for ending in ("ieren", "iert")]
    return []


#: The endings of an adjective in -isch or -lich, declined or not: the longest first.
_ADJECTIVE = tuple(f"{suffix}{ending}" for ending in ("en", "em", "er", "es", "e", "") for suffix in ("isch", "lich"))


def adjective_base(key: str) -> str | None:
    """The noun an adjective in -isch or -lich is made from, which neither the stemmer nor the
    lemmas reach: gärtnerische -> gaertner, pflegerisch -> pfleger, handwerkliche -> handwerk. A
    candidate only: a caller keeps it where it is a word it knows. Normalised words."""
    return _base(key, _ADJECTIVE, 4)


def latin_number(key: str) -> list[str]:
    """The other number of a noun of Latin inflection (normalised), which the stemmer leaves apart:
    -um, plural -en or -a (Studium, Studien; Zentrum, Zentren; Gymnasium, Gymnasien; Praktikum,
    Praktika), and back. Candidates only: a caller keeps those that are words it knows."""
    if len(key) < 6 or not key.isalpha():
        return []
    if key.endswith("um"):
        return [key[:-2] + "en", key[:-2] + "a"]
    if key.endswith("en"):
        return [key[:-2] + "um"]
    if key.endswith("a"):
        return [key[:-1] + "um"]
    return []


#: Particles of separable verbs (abbrechen, anwerben, stattfinden, teilnehmen): in a main clause
#: the particle leaves its verb and closes the clause ("brechen die Ausbildung ab").
SEPARABLE = frozenset(
    "ab an auf aus bei dar durch ein fest fort heim her hin hoch los mit nach statt teil um vor weg weiter "
    "wieder zu zurueck zusammen".split()
)

#: Words that open a clause: a particle before one of them closes the clause before it.
CLAUSE_WORDS = frozenset("und oder aber denn sondern weil dass wenn ob was wie wo warum wer".split())

_CLAUSE_END = r"[.,;:!?()\[\]\"„“”«»]"  # compiled by `re` when a query first has a particle


def clause_ends(text: str, spans: Sequence[tuple[int, int]], keys: Sequence[str]) -> list[bool]:
    """For each word of a text (its span and normalised key): whether it closes a clause, being
    followed by punctuation, by a word that opens a clause (CLAUSE_WORDS) or by nothing."""
    ends = []
    for i, (_, end) in enumerate(spans):
        if i + 1 == len(spans):
            ends.append(True)
            continue
        between = text[end : spans[i + 1][0]]
        ends.append(bool(re.search(_CLAUSE_END, between)) or keys[i + 1] in CLAUSE_WORDS)
    return ends


def separable_verbs(
    keys: Sequence[str], ends: Sequence[bool], join: Callable[[str, int], str | None]
) -> list[tuple[int, int, str]]:
    """The separable verbs of a text whose particle stands apart (in a main clause the particle
    closes the clause: "Betriebe werben Fachkräfte im Ausland an" -> anwerben), as (the verb's
    index, the particle's index, the joined word): a particle (SEPARABLE) that closes a clause
    (`ends`, clause_ends) and the nearest word before it in that clause that `join` joins with it
    into a verb (`join(particle, index)`: the joined word, or None where the word is no verb or
    the join no word). Normalised words."""
    found: list[tuple[int, int, str]] = []
    start = 0
    for i, key in enumerate(keys):
        if key in SEPARABLE and ends[i]:
            for j in range(i - 1, start - 1, -1):
                joined = join(key, j) if keys[j].isalpha() and keys[j] not in SEPARABLE else None
                if joined:
                    found.append((j, i, joined))
                    break
        if ends[i]:
            start = i + 1
    return found


# "Pflege-, Betreuungs- und Gesundheitsfachberufe", "Aus- und Weiterbildung", "Fach- oder Lehrkräfte"
_ELLIPSIS = r"((?:[^\W\d_]+-,?\s+)+)(?:und|oder|sowie|bzw\.|bis)\s+([^\W\d_]+)(?![^\W\d_])"
_TRUNCATED = r"([^\W\d_]+)-"  # patterns compiled by `re` when the build first uses them


def ellipses(text: str, lexicon: Collection[str]) -> list[tuple[str, str]]:
    """The words a coordination ellipsis stands for, each with the truncated word it completes.

    "Pflege-, Betreuungs- und Gesundheitsfachberufe" -> [("Pflege-", "pflegefachberufe"),
    ("Betreuungs-", "betreuungsfachberufe")]: the last word's tail after its first part completes
    each truncated word. The truncated word as printed, the completed word normalised; a last word
    that cannot be split gives nothing.
    """
    out: list[tuple[str, str]] = []
    for match in re.finditer(_ELLIPSIS, text):
        last = normalise(match.group(2))
        segments = _segments(last, lexicon)
        if not segments:
            continue
        tail = last[len(segments[0][0]) + len(segments[0][1]) :]
        for truncated in re.findall(_TRUNCATED, match.group(1)):
            out.append((truncated + "-", normalise(truncated) + tail))
    return out
