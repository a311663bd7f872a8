"""The index's tables of words as text (fko/search/wordmap.py): what the build writes reads back
alike by a search of the text and decoded whole, and damaged text is MalformedIndex, never another
error."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fko.search.wordmap import MAX_SEARCHES, MalformedIndex, WordMap, as_frequency, word_map_text

WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1)
VALUES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)))
TABLES = st.dictionaries(WORDS.filter(lambda w: w == "".join(w.split())), VALUES, max_size=30)


@given(TABLES, st.lists(WORDS, max_size=5))
def test_a_table_reads_back_by_search_and_whole(table: dict[str, str], others: list[str]) -> None:
    shown = {word: " ".join(value.split()) for word, value in table.items()}  # one line each
    text = word_map_text(table)
    searched = WordMap(text)
    for word in [*table, *others]:
        assert searched.get(word) == shown.get(word)
        assert (word in searched) == (word in table)
    assert WordMap(text).whole() == shown
    assert WordMap(text).words() == sorted(table) == list(WordMap(text))


@given(TABLES, st.text(st.characters(categories=("L",)), min_size=1, max_size=3))
def test_the_words_holding_a_part_are_those_the_whole_table_has(table: dict[str, str], part: str) -> None:
    text = word_map_text(dict.fromkeys(table, "1,2,3"))  # as the postings: values of digits
    assert WordMap(text).holding(part) == [word for word in sorted(table) if part in word]


@given(st.text(max_size=200), st.text(max_size=10))
def test_damaged_text_is_malformed_or_read_never_another_error(text: str, word: str) -> None:
    table = WordMap(text)
    table.get(word)  # a search never fails: a damaged line is at worst another value
    for read in (table.words, table.whole, lambda: table.holding("a")):
        try:
            read()
        except MalformedIndex:
            pass


def test_after_many_searches_the_table_is_decoded_once_and_reads_alike() -> None:
    table = {f"w{n:03d}": str(n) for n in range(3 * MAX_SEARCHES)}
    searched = WordMap(word_map_text(table))
    assert [searched.get(word) for word in table] == list(table.values())
    assert searched.get("zzz") is None and len(searched) == len(table)


def test_a_word_the_build_cannot_write_is_refused() -> None:
    for word in ("", "two words", "tab\there", "line\nbreak"):
        with pytest.raises(ValueError):
            word_map_text({word: "x"})


@pytest.mark.parametrize(
    ("value", "number"),
    [("5.6", 5.6), ("4", 4.0), ("0.5", 0.5), ("", None), (None, None), ("nan", None), ("inf", None), ("-1", None)],
)
def test_a_frequency_is_a_finite_decimal_number(value: str | None, number: float | None) -> None:
    assert as_frequency(value) == number
