"""The view of `fko search`: its columns, its title, its notes and the --explain lines."""

from __future__ import annotations

from typing import Any

from fko.i18n import N_
from fko.output import fields
from fko.output.fields import Field, key


def _marked(row: dict[str, Any]) -> fields.Marked:
    return fields.Marked(row.get("match") or "", row.get("match_spans") or [])


def _synonyms(row: dict[str, Any]) -> str:
    return ", ".join(f"{v['query_word']} -> {v['data_word']}" for v in row.get("synonyms") or [])


SEARCH_FIELDS: list[Field] = [
    Field("id", "Own ID", key("id"), in_table=False),
    Field("measure_id", "ID", key("measure_id"), keep_whole=True),
    Field("kind", "Kind", key("kind"), keep_whole=True, drop=4),
    Field("title", "Title", key("title"), main=True),
    Field("ressorts", "Ministries", key("ressorts"), drop=2),
    # the table's Match column: where the query matched other than the title (shown beside it)
    Field("match", N_("Match"), key("match"), marked=_marked, drop=1),
    Field("snippet", N_("Snippet"), key("snippet"), in_table=False),
    Field("field", N_("Field"), key("field"), in_table=False),
    Field("matched", N_("Matched"), key("matched"), in_table=False),
    Field("synonyms", N_("Synonyms"), _synonyms, in_table=False),
    Field("score", N_("Score"), key("score"), numeric=True, drop=3),
]
