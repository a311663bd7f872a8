"""The views of measures: the list's columns, the status columns, ministries, clusters, and `fko show`'s record."""

from __future__ import annotations

from typing import Any

from fko.i18n import N_, _, data_note, date, dates, german
from fko.output import channels, numbers
from fko.output.fields import Field, key, path
from fko.views.words import kind_name, status_word


def date_shown(value: Any) -> str:
    """A date of a table cell as the reader writes it (06/2024 in German); CSV keeps it ISO."""
    return channels.clean(date(value))


def _runtime(value: Any) -> str:
    return channels.clean(value or "–").replace("\n", "; ")


def _kind(row: dict[str, Any]) -> Any:
    return row.get("kind", "measure")


MEASURE_FIELDS: list[Field] = [
    Field("id", N_("ID"), key("id"), keep_whole=True),
    Field("kind", N_("Kind"), _kind, view=lambda r: kind_name(_kind(r)), in_table=False),
    Field("cluster", N_("Cluster"), key("cluster"), in_table=False),
    Field("title", N_("Title"), key("title"), main=True),
    Field("ressorts", N_("Ministries"), key("ressorts"), drop=1),
    Field("runtime.text", N_("Runtime"), path("runtime", "text"), show=_runtime, drop=3),
    Field("runtime.start", N_("Start"), path("runtime", "start"), in_table=False, show=date_shown),
    Field("runtime.end", N_("End"), path("runtime", "end"), in_table=False, show=date_shown),
    Field("budget.text", N_("Planned funds"), path("budget", "text"), in_table=False),
    Field("goal", N_("Goal"), key("goal"), in_table=False),
    Field("description", N_("Description"), key("description"), in_table=False),
    Field("urls", N_("Links"), key("urls"), in_table=False),
    Field("partners", N_("Partners"), key("partners"), in_table=False),
    Field("publication", N_("Publication"), key("publication"), in_table=False),
    Field("in_force", N_("In force"), key("in_force"), in_table=False),
    Field("source", N_("Source"), key("source"), in_table=False),
]


SOURCE_LIST_FIELDS: list[Field] = [
    f._replace(in_table=True) if f.name in ("kind", "source") else f for f in MEASURE_FIELDS
]


STATUS_FIELDS: list[Field] = [
    Field("status", N_("Status"), key("status"), view=lambda r: r.get("status_label") or r["status"], drop=3),
    Field("open_ended", N_("Open-ended"), key("open_ended"), in_table=False),
    Field("period_start", N_("Period start"), key("period_start"), in_table=False, show=date_shown),
    Field("period_end", N_("Period end"), key("period_end"), in_table=False, show=date_shown),
    Field("status_derived", N_("Status derived"), key("status_derived"), in_table=False),
    Field("status_rule", N_("Status rule"), key("status_rule"), in_table=False),
    Field("reported_status", N_("Reported status"), key("reported_status"), in_table=False),
    Field("reported_date", N_("Reported on"), key("reported_date"), in_table=False, show=date_shown),
    Field("reported_source", N_("Reported by"), key("reported_source"), in_table=False),
    Field("reported_quote", N_("Report quote"), key("reported_quote"), in_table=False),
    Field("reported_inference", N_("fko's inference"), key("reported_inference"), in_table=False),
    Field("on", N_("On"), key("on"), in_table=False, show=date_shown),
]


#: `fko list`'s table without --status or --on: each measure's status today, in one word (the
#: one --status selects by); CSV and JSON keep their columns.
STATUS_TODAY = Field(
    "weighed_status",
    N_("Status"),
    key("weighed_status"),
    view=lambda r: status_word(r["weighed_status"]),
    keep_whole=True,
    drop=2,
)


RESSORT_FIELDS: list[Field] = [
    Field("code", N_("Code"), key("code")),
    Field("name", N_("Ministry"), key("name")),
    Field("measures", N_("Measures"), key("measures"), numeric=True),
]


CLUSTER_FIELDS: list[Field] = [
    Field("numeral", N_("Cluster"), key("numeral")),
    Field("title", N_("Title"), key("title")),
    Field("measures", N_("Measures"), key("measures"), numeric=True),
    Field("introduction", N_("Introduction"), key("introduction"), in_table=False),
]


def _basis_label(basis: Any, default: str) -> str:
    """How a table names a funds basis (per_year: "per year"); fko.budget is imported only here."""
    from fko.domain.budget import BASIS_LABEL

    label = BASIS_LABEL.get(basis, default)
    return _(label) if label else label


def _item_line(item: dict[str, Any]) -> str:
    parts = [amount_text(item)]
    parts += [_basis_label(item["basis"], "") or "", years_shown(item)]
    if item.get("stated_years"):
        parts.append(_("for {n} years (stated)").format(n=item["stated_years"]))
    if item.get("growth_percent"):
        growth = numbers.german_number(item["growth_percent"], 1).removesuffix(",0")
        if item.get("growth_until"):
            parts.append(_("+{percent} % a year until {year}").format(percent=growth, year=item["growth_until"]))
        else:
            parts.append(_("+{percent} % a year").format(percent=growth))
    parts += [", ".join(item["funding"]), _("paid by {payer}").format(payer=item["payer"]) if item["payer"] else ""]
    parts += [data_note(item["note"])]
    return " · ".join(p for p in parts if p)


def years_shown(item: dict[str, Any]) -> str:
    """An item's years in the reader's language (`years_text` is the CSV's)."""
    a, b = item.get("year_from"), item.get("year_to")
    mark = _(" (derived)") if item.get("years_derived") else ""
    if a is None and b is None:
        return ""
    if a == b:
        return f"{a}{mark}"
    if b is None:
        return _("from {year}").format(year=a) + mark
    if a is None:
        return _("until {year}").format(year=b) + mark
    return f"{a}–{b}{mark}"


def measure_record(store: Any, measure: dict[str, Any], on: Any = None) -> tuple[str, list[tuple[str, str]]]:
    """The labelled fields of one measure, in the order of the report, with its status on a date."""
    names = {r["code"]: r["name"] for r in store.ressorts()}
    clusters = {c["numeral"]: c["title"] for c in store.clusters()}
    sources = source_titles(store)
    runtime = measure["runtime"]
    span = ""
    if runtime["start"] or runtime["end"]:
        span = "  " + _("[start {start}, end {end}]").format(
            start=date(runtime["start"]) or "?", end=date(runtime["end"]) or _("not stated")
        )
    items: list[tuple[str, str]] = [
        (_("ID"), measure["id"]),
        (_("Cluster"), f"{measure['cluster']}: {clusters.get(measure['cluster'], '')}" if measure["cluster"] else "–"),
        (_("Ministries"), "\n".join(f"{c} ({names.get(c, '?')})" for c in measure["ressorts"])),
        (_("Runtime"), (runtime["text"] or _("not stated")) + span),
        *([(_("Status"), _status_line(store, measure, on, sources))] if on is not None else []),
        (_("Planned funds"), measure["budget"]["text"] or _("not stated")),
        *(
            [(_("Funds, structured"), "\n".join(_item_line(i) for i in measure["budget"]["items"]))]
            if measure["budget"].get("items")
            else []
        ),
        *([(_("Goal"), measure["goal"])] if measure["goal"] else []),
        (_("Description") if measure.get("kind") != "initiative" else _("Quote"), measure["description"]),
        (_("Links"), "\n".join(measure["urls"]) or _("none")),
    ]
    if measure["urls_text"] not in (None, "-", "\n".join(measure["urls"])):
        items.append((_("Links (report)"), measure["urls_text"]))
    items.append((_("Partners"), "\n".join(measure["partners"]) or _("none")))
    if measure.get("partners_curated") and measure["partners_text"]:
        items.append((_("Partners (report)"), measure["partners_text"]))
    if measure["publication"]:
        items.append((_("Publication"), measure["publication"]))
    if measure["in_force"]:
        items.append((_("In force"), measure["in_force"]))
    if measure["footnotes"]:
        items.append((_("Footnotes"), "\n".join(measure["footnotes"])))
    from fko.domain.figures import event_rows, indicator_rows, update_rows

    indicators = sorted(indicator_rows(store, measure["id"]), key=lambda r: (r["as_of"], r["metric"]))
    if indicators:
        items.append((_("Key figures"), "\n".join(indicator_line(i, sources) for i in indicators)))
    updates = update_rows(store, measure["id"])
    if updates:
        items.append((_("Later developments"), "\n".join(_update_line(u, sources) for u in updates)))
    events = event_rows(store, measure["id"])
    if events:
        items.append((_("Events and statements"), "\n".join(event_line(e, sources) for e in events)))
    lines = measure.get("source_lines") or []
    where = _(", lines {first}-{last}").format(first=lines[0], last=lines[1]) if len(lines) == 2 else ""
    known = {x["file"]: x for x in store.sources()}
    own = known.get(measure["source"])
    items.append(
        (_("Source"), f"{own['title']}, {date(own['date'])} ({own['key']}){where}" if own else measure["source"])
    )
    cited = [x for f, x in known.items() if f != measure["source"] and f"[{x['key']}, " in "".join(v for _, v in items)]
    if cited:
        items.append((_("Other sources"), "\n".join(f"{x['key']}: {x['title']}, {date(x['date'])}" for x in cited)))
    if measure.get("kind") == "initiative":
        kind = _("initiative from a newer source ({date}), not a measure of the report")
        items.insert(1, (_("Kind"), kind.format(date=date(measure["date"]))))
    return f"{measure['id']}: {measure['title']}", items


def _status_line(store: Any, measure: dict[str, Any], on: Any, sources: dict[str, str]) -> str:
    """The status a later source reports, with its quote, beside the one derived from the runtime."""
    from fko.domain.status import status_in

    found = status_in(store, measure, on)
    derived = _("{status} on {date} — rule: {rule}").format(
        status=found.runtime_label(), date=date(on.isoformat()), rule=rule_text(found.rule)
    )
    note = ["  " + _("the report: {note}").format(note=found.note)] if found.note else []
    r = found.reported
    if not r:
        return "\n".join([derived, *note])
    keys = {s["file"]: s["key"] for s in store.sources()}  # the date stands once: the report's own
    reported = _("{status} (reported {date}, source {source})").format(
        status=status_word(r["reports_status"]), date=date(r["date"]), source=keys.get(r["source"], r["source"])
    )
    if r.get("inference"):  # beside the status, never in its place
        lines = [
            derived,
            *note,
            "  " + _("beside it, only through fko's inference: {status}").format(status=reported),
            f"  „{r['quote']}“",
            "  " + inferred(r["inference"]),
        ]
    else:
        lines = [
            reported,
            f"  „{r['quote']}“",
            "  " + _("from the report's runtime: {status}").format(status=derived),
            *note,
        ]
    return "\n".join(lines)


def inferred(text: str) -> str:
    """fko's own inference beside a source's quote, marked as such."""
    return _("fko's inference, not the source's: {inference}").format(inference=data_note(text))


def rule_text(rule: str) -> str:
    """How a status was derived (the JSON's status_rule, in English) in the reader's language:
    each of its parts (joined by "; ") that the catalog knows as a rule (see RULES and PLAIN_RULES)."""
    if not german():
        return rule
    return "; ".join(_rule_part(part) for part in rule.split("; "))


#: The rules of fko.domain.status that carry values: the pattern it writes each by, and its catalog text.
RULES: tuple[tuple[str, str], ...] = (
    (
        r"'(?P<season>\w+) (?P<start>[\d-]+)' starts in month (?P<month>\d+)",
        N_("'{season} {start}' starts in month {month}"),
    ),
    (
        r"'Befristung auf (?P<n>\w+) Jahre' ends (?P<years>\d+) years after the start",
        N_("'Befristung auf {n} Jahre' ends {years} years after the start"),
    ),
    (
        r"a single full date, and the report describes one event \((?P<word>.*)\): an event that day",
        N_("a single full date, and the report describes one event ({word}): an event that day"),
    ),
    (
        r"(?P<words>'.*'): made permanent, so it goes on past its runtime's end (?P<end>[\d-]+)",
        N_("{words}: made permanent, so it goes on past its runtime's end {end}"),
    ),
    (
        r"the report only expects it \((?P<expected>.*)\): (?P<status>\w+), (?P<reason>.*)",
        N_("the report only expects it ({expected}): {status}, {reason}"),
    ),
)

#: The rules without values, marked for the catalog: each is its own catalog text.
PLAIN_RULES = (
    N_("'Ende YYYY' as a start means December"),
    N_("a school year starts on 1 August"),
    N_("'seit', 'ab', 'laufend', 'fortlaufend', 'unbefristet' or 'dauerhaft': no end"),
    N_("only a start is stated: the end is unknown"),
    N_("stated start and end"),
    N_("no runtime: in force since the stated date, without an end"),
    N_("no runtime: expected in force from the first day of the stated quarter"),
    N_("the report states 'laufend' (ongoing) without dates"),
    N_("no runtime stated"),
    N_(
        "'bis mind. Ende der Legislaturperiode': at least until the end of the legislative "
        "period, treated as open-ended"
    ),
    N_("a single full date: the report does not say that the measure ends that day, so the end is unknown"),
    N_("the report states 'abgeschlossen' (completed)"),
)


def _rule_part(part: str) -> str:
    """One part of a rule in the reader's language: a rule with values by its pattern, else its catalog text."""
    import re

    for pattern, text in RULES:
        found = re.fullmatch(pattern, part)
        if found:  # a status or a reason inside a rule is one of the catalog's texts too
            return dates(_(text).format(**{name: _(value) for name, value in found.groupdict().items()}))
    return _(part)


def _update_line(update: dict[str, Any], sources: dict[str, str]) -> str:
    """Date, title and source; the quote below; fko's inference marked as such."""
    source = sources.get(update["source"], update["source"])
    line = f"{date(update['date'])}: {update['title']} [{source}]\n  „{update['quote']}“"
    return line + ("\n  " + inferred(update["inference"]) if update.get("inference") else "")


def event_when(event: dict[str, Any]) -> str:
    """ "2025-12-04 (am 4. Dezember)", "undated (innerhalb der nächsten sechs Monate)" """
    when = date(event["date"]) or _("undated")
    return f"{when} ({event['date_text']})" if event["date_text"] else when


def event_line(event: dict[str, Any], sources: dict[str, str]) -> str:
    """Date, status, title, place and source; the quote below; fko's inference marked as such."""
    place = f", {event['place']}" if event["place"] else ""
    lines = [
        f"{event_when(event)}: {event['title']}{place} ({status_word(event['status'])}) "
        f"[{sources.get(event['source'], event['source'])}]",
        f"  „{event['quote']}“",
    ]
    if event["inference"]:
        lines.append("  " + inferred(event["inference"]))
    if event["note"]:
        lines.append("  " + _("Note: {note}").format(note=data_note(event["note"])))
    return "\n".join(lines)


def indicator_line(row: dict[str, Any], sources: dict[str, str]) -> str:
    """ "2024-03-31  Meisterprämien ausgezahlt: 2.186  [Fortschrittsbericht …]" """
    source = sources.get(row["source"], row["source"])
    return f"{date(row['as_of'])}  {row['metric']}: {indicator_value(row)}{_as_of(row)}  [{source}]"


def indicator_value(row: dict[str, Any]) -> str:
    value = numbers.german_number(row["value"])
    unit = {"EUR": " €", "%": " %"}.get(row["unit"] or "", "")
    qualifier = f"{row['qualifier']} " if row["qualifier"] else ""
    target = " " + _("(target)") if row["target"] else ""
    return f"{qualifier}{value}{unit}{target}"


def _as_of(row: dict[str, Any]) -> str:
    if row["as_of_text"]:  # the source's own dating, quoted: „Bislang (31.032024)“
        return f" „{row['as_of_text']}“"
    if row["as_of_from_source"]:
        return " " + _("(date of the source)")
    return ""


def source_titles(store: Any) -> dict[str, str]:
    """How a record view cites a source beside a figure: its short key and date ("dhb, 2025-10");
    the record's last field names each key's title (files: `fko sources`)."""
    return {s["file"]: f"{s['key']}, {date(s['date'])}" for s in store.sources()}


def _amount(row: dict[str, Any]) -> str:
    if row["kind"] == "money":
        return numbers.euro_text(row["amount_eur"], row["approximate"], row["basis"], row.get("qualifier"))
    if row["kind"] == "staff":
        return numbers.quantity_text(row["quantity"], row["unit"], row["basis"])
    return N_("no separate funds")  # also a CSV value: translated where a record view shows it


def amount_text(row: dict[str, Any]) -> str:
    """A row's amount as people read it in a table or record view ("no separate funds" in their language)."""
    return _(_amount(row)) if row["kind"] == "none" else _amount(row)
