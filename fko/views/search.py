"""The view of `fko search`: its columns, its title, its notes and the --explain lines."""

from __future__ import annotations

from typing import Any

from fko.i18n import N_, _, data_note
from fko.output import fields
from fko.output.fields import Field, key
from fko.views.words import kind_name


def _marked(row: dict[str, Any]) -> fields.Marked:
    return fields.Marked(row.get("match") or "", row.get("match_spans") or [])


def _synonyms(row: dict[str, Any]) -> str:
    return ", ".join(f"{v['query_word']} -> {v['data_word']}" for v in row.get("synonyms") or [])


#: The fields a query word can match in (the JSON's `field`), as --explain names them.
FIELD_NAMES = {
    "id": N_("id"),
    "alias": N_("alias"),
    "title": N_("title"),
    "ressorts": N_("ressorts"),
    "goal": N_("goal"),
    "partners": N_("partners"),
    "description": N_("description"),
    "budget": N_("budget"),
    "updates": N_("updates"),
    "what": N_("what"),
    "source_title": N_("source title"),
}

#: How a query word matched (the JSON's `how`), as --explain names it.
HOW_NAMES = {
    "exact": N_("exact"),
    "stem": N_("stem"),
    "umlaut": N_("umlaut"),
    "prefix": N_("prefix"),
    "head": N_("head"),
    "part": N_("part"),
    "infix": N_("infix"),
    "related": N_("related"),
    "split": N_("split"),
    "lemma": N_("lemma"),
    "fuzzy": N_("fuzzy"),
    "synonym": N_("synonym"),
    "glossary": N_("glossary"),
}


def reason_shown(reason: str | None) -> str:
    """Why a synonym or glossary entry matched, in the reader's language where the words are
    fko's: a synonym's reason, and the glossary's "English-German glossary: teacher = Lehrkräfte
    (note)" with its note; the JSON keeps them English."""
    from fko.search.index import GLOSSARY_REASON as said

    text = reason or ""
    if not text.startswith(said + ": "):
        return data_note(text)
    entry, opened, note = text[len(said) :].partition(" (")  # ": English = words" and "note)"
    return _(said) + entry + (f" ({data_note(note[:-1])})" if opened and note.endswith(")") else "")


SEARCH_FIELDS: list[Field] = [
    Field("id", N_("Own ID"), key("id"), in_table=False),
    Field("measure_id", N_("ID"), key("measure_id"), keep_whole=True),
    Field("kind", N_("Kind"), key("kind"), view=lambda r: kind_name(r["kind"]), keep_whole=True, drop=4),
    Field("title", N_("Title"), key("title"), main=True),
    Field("ressorts", N_("Ministries"), key("ressorts"), drop=2),
    # a figure's, update's or event's source, which two hits of the same title tell apart by
    Field("source", N_("Source"), key("source"), keep_whole=True, in_table=False, drop=3),
    # the table's Match column: where the query matched other than the title (shown beside it)
    Field("match", N_("Match"), key("match"), marked=_marked, drop=1),
    Field("snippet", N_("Snippet"), key("snippet"), in_table=False),
    Field("field", N_("Field"), key("field"), in_table=False),
    Field("matched", N_("Matched"), key("matched"), in_table=False),
    Field("synonyms", N_("Synonyms"), _synonyms, in_table=False),
    Field("score", N_("Score"), key("score"), numeric=True),
]
