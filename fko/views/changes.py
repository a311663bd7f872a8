"""The view of `fko changes`: one block per dated fact, and the CSV columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fko.i18n import N_, _, data_note, date
from fko.output import numbers
from fko.output.fields import Field, key
from fko.views.measures import date_shown, indicator_value
from fko.views.words import kind_name, status_word


def change_text(change: int | None, approximate: bool | None) -> str:
    """ "+2.186", "-37"; an approximate change is rounded to two significant digits: "+≈4.800"."""
    if change is None:
        return ""
    sign = "+" if change > 0 else "-" if change < 0 else "±"
    size = abs(change)
    if approximate and size >= 100:
        digits = len(str(size)) - 2
        size = round(size, -digits)
    return f"{sign}{'≈' if approximate else ''}{numbers.german_number(size)}"


def change_figure(row: dict[str, Any]) -> str:
    """ "Meisterprämien ausgezahlt: 2.186 (2024-03-31) → fast 7.000 (2025-10), +≈4.800" """
    now = indicator_value(row)
    if row["previous_value"] is None:
        return _("{title}: {value} (first figure)").format(title=row["title"], value=now)
    before = indicator_value(
        {"value": row["previous_value"], "unit": row["unit"], "qualifier": row["previous_qualifier"], "target": False}
    )
    step = change_text(row["change"], row["change_approximate"])
    return f"{row['title']}: {before} ({date(row['previous_date'])}) → {now} ({date(row['date'])}), {step}"


def _change_what(row: dict[str, Any]) -> str:
    if row["kind"] == "indicator":
        return change_figure(row)
    if row["kind"] == "initiative":
        return _("New initiative, not in the report")
    if row["kind"] == "event" and row["place"]:
        return f"{row['title']} ({row['place']})"
    return str(row["title"])


def short_title(title: str | None, file: str) -> str:
    """A source document by the head of its title, up to the first comma ("WHKT-Report",
    "Deutsches Handwerksblatt"): the date follows it, and `fko sources` has the whole title. A
    document without a recorded title is named by its file, and says so."""
    if not title:
        return _("title not recorded ({file})").format(file=file)
    return title.split(", ", 1)[0]


def change_entries(rows: Sequence[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """One block per change: date, measure and kind; what changed; the quote; the source."""
    entries = []
    for row in rows:
        when = date(row["date"]) + (f" ({row['date_text']})" if row["date_text"] else "")
        who = f"{row['measure_id']} {row['measure_title'] or ''}".strip() if row["measure_id"] else _("(no measure)")
        details = [_change_what(row)]
        if row["inference"]:
            details.append(
                _("fko's inference, not the source's words: {inference}").format(inference=data_note(row["inference"]))
            )
        if row["quote"]:
            details.append(f"„{row['quote']}“")
        if row["note"]:
            details.append(_("Note: {note}").format(note=data_note(row["note"])))
        details.append(
            _("Source: {title}, {date}").format(
                title=short_title(row["source_title"], row["source"]), date=date(row["source_date"]) or _("undated")
            )
        )
        kind = kind_name(row["kind"])
        if row["event_date_passed"]:  # never "planned" for a date gone by, never "held" beyond the source
            kind = _("{kind}: planned, date passed, no report since").format(kind=kind)
        elif row["event_status"]:
            kind = f"{kind}: {status_word(row['event_status'])}"
        entries.append((f"{when}  {who}  [{kind}]", details))
    return entries


CHANGE_FIELDS: list[Field] = [
    Field("date", N_("Date"), key("date"), show=date_shown),
    Field("date_text", N_("Date as stated"), key("date_text"), in_table=False),
    Field("kind", N_("Kind"), key("kind")),
    Field("measure_id", N_("ID"), key("measure_id")),
    Field("measure_title", N_("Measure"), key("measure_title"), in_table=False),
    Field("title", N_("What"), key("title")),
    Field("value", N_("Value"), key("value"), numeric=True),
    Field("unit", N_("Unit"), key("unit"), in_table=False),
    Field("qualifier", N_("Qualifier"), key("qualifier"), in_table=False),
    Field("approximate", N_("Approximate"), key("approximate"), in_table=False),
    Field("target", N_("Target"), key("target"), in_table=False),
    Field("previous_value", N_("Previous value"), key("previous_value"), numeric=True, in_table=False),
    Field("previous_date", N_("Previous date"), key("previous_date"), in_table=False, show=date_shown),
    Field("previous_qualifier", N_("Previous qualifier"), key("previous_qualifier"), in_table=False),
    Field("previous_approximate", N_("Previous approximate"), key("previous_approximate"), in_table=False),
    Field("change", N_("Change"), key("change"), numeric=True),
    Field("change_approximate", N_("Change approximate"), key("change_approximate"), in_table=False),
    Field("place", N_("Place"), key("place"), in_table=False),
    Field("event_status", N_("Event status"), key("event_status"), in_table=False),
    Field("quote", N_("Quote"), key("quote"), in_table=False),
    Field("source", N_("Source"), key("source")),
    Field("source_key", N_("Source key"), key("source_key"), in_table=False),
    Field("source_title", N_("Source title"), key("source_title"), in_table=False),
    Field("source_date", N_("Source date"), key("source_date"), in_table=False, show=date_shown),
    Field("inference", N_("Inference"), key("inference"), in_table=False),
    Field("note", N_("Note"), key("note"), in_table=False),
]
