"""What `fko data build` takes from general-language resources (the `build` extra): how frequent a
word is in German and in English (wordfreq), and the lemmas of German word forms (simplemma).

A query never loads these libraries: the build writes what they say about the data's words into
the search index (fko/search/index.py) and a general German word list beside the store, which a
query reads only to split a compound the data does not hold.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from fko import german
from fko.german import normalise

#: Words of the general list a query may split a compound into: German words at least this
#: frequent (Zipf 3: once in a million words). bench/compounds.py measured the threshold.
MIN_ZIPF_DE = 3.0
#: The data's own compounds are split by a longer list (the build alone reads it): bench/compounds.py
#: splits 35 of the 43 compounds the sources hyphenate at Zipf 2, 28 at Zipf 3.
MIN_ZIPF_SPLIT = 2.0
#: English words the list marks as such (a query of English words is read as English).
MIN_ZIPF_EN = 3.0
#: Data words at least this frequent in German carry their Zipf value in the index (the rest count as rare).
MIN_ZIPF_WEIGHT = 4.0
#: A word of the data the general list knows is split only where its parts are this much more frequent.
SPLIT_MARGIN = 0.5
#: Word forms a query may use: at least this frequent (wordfreq), so that no one types the rest.
MIN_ZIPF_FORM = 2.0
#: Lemmas this frequent (sein, geben, finden) say too little to lead to words of the data.
MAX_ZIPF_LEMMA = 5.5


class Missing(Exception):
    """The `build` extra (wordfreq, simplemma) is not installed."""


def available() -> bool:
    """Whether the build extra is installed."""
    try:
        import simplemma  # noqa: F401
        import wordfreq  # noqa: F401
    except ImportError:
        return False
    return True


def _key(word: str) -> str:
    """normalise(word); the same, faster, for a word of lower-case ASCII letters (most of the lists)."""
    return word if word.isascii() and word.isalpha() and word.islower() else normalise(word)


@lru_cache(maxsize=2)
def _zipf(lang: str) -> dict[str, float]:
    """Normalised word -> Zipf frequency (log10 of occurrences per billion words) in one language."""
    import wordfreq

    out: dict[str, float] = {}
    for word, frequency in wordfreq.get_frequency_dict(lang, "large").items():
        key = _key(word)
        zipf = round(math.log10(frequency) + 9, 1)
        if key and zipf > out.get(key, -1.0):
            out[key] = zipf
    return out


def word_list() -> str:
    """The general word list a query splits unknown compounds by and tells English by: German words
    of Zipf MIN_ZIPF_DE and more, English words of Zipf MIN_ZIPF_EN and more (normalised, alphabetic),
    one line per language and Zipf value: `de 4.5<TAB>word word ...` (fko/search/lexicon.py reads it)."""
    lines = []
    for lang, least in (("de", MIN_ZIPF_DE), ("en", MIN_ZIPF_EN)):
        by_value: dict[float, list[str]] = defaultdict(list)
        for word, zipf in _zipf(lang).items():
            if zipf >= least and word.isalpha() and len(word) >= 2:
                by_value[zipf].append(word)
        lines += [f"{lang} {zipf}\t{' '.join(sorted(words))}" for zipf, words in sorted(by_value.items())]
    return "\n".join(lines) + "\n"


def frequencies(terms: Iterable[str]) -> tuple[dict[str, float], dict[str, float]]:
    """For the data's words (and numbers): their Zipf frequency in German where it is at least
    MIN_ZIPF_WEIGHT (frequent words, and small numbers, weigh less in a query), and in English
    where they are also common English words ("fast", "will", "die": a query in English does not
    match them as German words)."""
    import wordfreq

    de, en = _zipf("de"), _zipf("en")
    common: dict[str, float] = {}
    english: dict[str, float] = {}
    for term in terms:
        # wordfreq's list holds a number by its shape ("00"), zipf_frequency the number itself: "3", "2023"
        zipf = round(wordfreq.zipf_frequency(term, "de"), 1) if term.isdigit() else de.get(term, 0.0)
        if zipf >= MIN_ZIPF_WEIGHT:
            common[term] = zipf
        if en.get(term, 0.0) >= MIN_ZIPF_EN:
            english[term] = en[term]
    return common, english


@lru_cache(maxsize=1)
def _lemma_dictionary() -> tuple[dict[str, str], dict[str, str]]:
    """simplemma's German word forms (form -> lemma, both as printed), and each lemma normalised."""
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    forms = dict(DefaultDictionaryFactory().get_dictionary("de").items())
    return forms, {lemma: _key(lemma) for lemma in set(forms.values())}


@lru_cache(maxsize=1)
def _lemma_keys() -> frozenset[str]:
    """simplemma's German lemmas, normalised."""
    return frozenset(_lemma_dictionary()[1].values())


#: Derivations that meet a verb: Behinderung -> behindern, Abbrecher -> abbrechen, Pflegende -> pflegen.
_DERIVED = (("ung", ("en", "n")), ("erin", ("en", "n")), ("er", ("en", "n")), ("ende", ("en",)), ("ender", ("en",)))


def _noun_of_verb(noun: str, verb: str, verb_key: str, de: dict[str, float]) -> bool:
    """Whether a noun (as printed) is the bare stem of a verb (as simplemma prints its lemma) that
    its small form is a form of: Suche of suchen, Pflege of pflegen. The stems must be equal
    ("Flucht" is no noun of "fluchen", "Aufgaben" none of "aufgeben") and the verb a word in
    use (Zipf 3: "Tisch" is not taken for a form of "tischen")."""
    return (
        verb.islower()
        and verb.endswith("n")
        and german.stem(verb) == german.stem(noun)
        and normalise(noun) != verb_key
        and de.get(verb_key, 0.0) >= MIN_ZIPF_DE
    )


def lemma_tables(raw_of: dict[str, str], heads: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Word forms a query may use for the data's words beyond what the stemmer joins, from
    simplemma's lemmas: (form -> lemma, lemma -> the data's words). `raw_of`: each data word
    (normalised) as printed; `heads`: compounds of the data -> their head (last part).

    A data word reaches its lemma and, for a noun derived from a verb (-ung, -er, -ende, or a
    noun that written small is a form of a verb: Suche, suchen), that verb's lemma: "Behinderungen"
    -> "Behinderung" -> "behindern", so "behinderte" (a form of behindern) finds it, and "sucht"
    finds "Suche". A compound reaches the verb its head derives from ("eingewandert":
    Fachkräfteeinwanderung), not its head's lemma (Kinderpflege is no form of "pflegen"). Forms
    the stemmer already joins to the same words, rare forms and forms that are words of the data
    are left out: the index stays small."""
    forms, keys = _lemma_dictionary()
    lemma_keys = set(keys.values())
    de = _zipf("de")

    def lemma_of(raw: str) -> str | None:
        for candidate in (raw, raw.lower(), raw.capitalize()):
            if candidate in forms:
                return normalise(forms[candidate])
        return None

    targets: dict[str, set[str]] = defaultdict(set)

    def derived(lemma: str) -> list[str]:
        out = []
        for suffix, endings in _DERIVED:
            if lemma.endswith(suffix) and len(lemma) > len(suffix) + 3:
                out += [v for v in (lemma[: -len(suffix)] + e for e in endings) if v in lemma_keys]
        return out

    for term, head in heads.items():
        for verb in derived(lemma_of(head) or head):
            targets[verb].add(term)
    for term, raw in raw_of.items():
        lemma = lemma_of(raw) or (term if term in lemma_keys else None)
        if lemma is None:
            continue
        targets[lemma].add(term)
        of_verb = forms.get(raw.lower()) if raw[:1].isupper() else None
        if of_verb is not None and _noun_of_verb(raw, of_verb, keys[of_verb], de):
            targets[keys[of_verb]].add(term)  # Suche (suchen), Pflege (pflegen)
        for suffix, endings in _DERIVED:
            if lemma.endswith(suffix) and len(lemma) > len(suffix) + 3:
                for ending in endings:
                    verb = lemma[: -len(suffix)] + ending
                    if verb in lemma_keys:
                        targets[verb].add(term)
    stems_of: dict[str, set[str]] = defaultdict(set)
    for term, raw in raw_of.items():
        stems_of[german.stem(raw)].add(term)
    form_to_lemma: dict[str, str] = {}
    for form, lemma in forms.items():
        lemma_key = keys[lemma]
        terms = targets.get(lemma_key)
        if not terms:
            continue
        key = _key(form)
        if key in raw_of or not key.isalpha():
            continue
        if de.get(key, 0.0) < MIN_ZIPF_FORM or de.get(lemma_key, 0.0) >= MAX_ZIPF_LEMMA:
            continue
        if terms <= stems_of.get(german.stem(form), set()):
            continue  # the stemmer already joins this form to these words
        form_to_lemma[key] = lemma_key
    used = set(form_to_lemma.values())
    return dict(sorted(form_to_lemma.items())), {
        k: " ".join(sorted(v)) for k, v in sorted(targets.items()) if k in used
    }


class GeneralLanguage:
    """The resources as fko/search/index.py's Enrich: compounds of the data split by the general
    word list, and the index's tables (RESOURCE_TABLES: zipf, english, lemma_forms, lemmas)."""

    def __init__(self) -> None:
        if not available():
            raise Missing("the build extra (wordfreq, simplemma) is not installed: pip install 'fko[build]'")
        self.german = {w: z for w, z in _zipf("de").items() if z >= MIN_ZIPF_SPLIT and w.isalpha()}

    def split(self, word: str) -> list[str] | None:
        """A data word split by the general word list where its parts are clearly more frequent than
        the word itself ("lehrkraeftemangel" -> lehrkraefte, mangel; not "unternehmen" -> unter, nehmen)."""
        whole = self.german.pop(word, None)
        try:
            parts = german.split_by_frequency(word, self.german, min_part=4)  # "bislang" is no "bis" + "lang"
        finally:
            if whole is not None:
                self.german[word] = whole
        if parts is None or len(parts) != 2:
            return None
        mean = sum(self.german[p] for p in parts) / len(parts)
        return parts if whole is None or mean >= whole + SPLIT_MARGIN else None

    def separable(self, particle: str, verb: str) -> str | None:
        """The separable verb a particle and a verb form make ("an", "werben": anwerben), where
        simplemma takes the form for a form of a verb (a lemma written small, ending in n) and
        knows the particle and that verb as a lemma in use (Zipf MIN_ZIPF_FORM): not "ein" +
        "beruflichen", nor "weiter" + "gezielt" (einberuflich, weiterzielen are no words)."""
        forms, keys = _lemma_dictionary()
        lemma = forms.get(verb)
        if lemma is None or not lemma.islower() or not lemma.endswith("n"):
            return None
        joined = particle + keys[lemma]
        if joined not in _lemma_keys() or _zipf("de").get(joined, 0.0) < MIN_ZIPF_FORM:
            return None
        return joined

    def tables(self, raw_of: dict[str, str], heads: dict[str, str], typed: Sequence[str] = ()) -> dict[str, Any]:
        common, english = frequencies(raw_of)
        common.update(frequencies(typed)[0])  # "Geld", "Hilfe": everyday words count as little as frequent data words
        forms, lemmas = lemma_tables(raw_of, heads)
        common.update(frequencies(forms)[0])  # "hilft" counts as the frequent word it is, not as "Helfer"
        return {"zipf": common, "english": english, "lemma_forms": forms, "lemmas": lemmas}
