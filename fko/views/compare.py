"""The views of `fko compare`: measures side by side, and ministries' portfolios."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fko.i18n import N_, _, date
from fko.output import numbers, tables
from fko.output.display import Display
from fko.output.fields import Field, key, path
from fko.views.measures import STATUS_FIELDS, indicator_value, rule_text
from fko.views.words import status_word


def _latest_figure(i: dict[str, Any]) -> str:
    """ "Meisterprämien ausgezahlt: fast 7000 (2025-10)": raw number, the source's qualifier kept."""
    qualifier = f"{i['qualifier']} " if i.get("qualifier") else ""
    return f"{i['metric']}: {qualifier}{i['value']} ({i['as_of']})"


COMPARE_FIELDS: list[Field] = [
    Field("id", N_("ID"), key("id")),
    Field("title", N_("Title"), key("title")),
    Field("cluster", N_("Cluster"), key("cluster")),
    Field("ressorts", N_("Ministries"), key("ressorts")),
    Field("runtime.text", N_("Runtime"), path("runtime", "text")),
    # the date, then the status columns of `fko list --status` (these fields serve only the records and CSV)
    *(f for f in STATUS_FIELDS if f.name == "on"),
    *(f for f in STATUS_FIELDS if f.name != "on"),
    Field("funds_text", N_("Funds (report)"), key("funds_text")),
    Field("funds_per_year_eur", N_("Funds per year"), key("funds_per_year_eur"), numeric=True),
    Field("funds_total_eur", N_("Funds in total"), key("funds_total_eur"), numeric=True),
    Field("funds_one_year_eur", N_("Funds for one year"), key("funds_one_year_eur"), numeric=True),
    Field("funds_one_off_eur", N_("Funds one-off"), key("funds_one_off_eur"), numeric=True),
    *(
        Field(f"funds_{b}_approximate", header, key(f"funds_{b}_approximate"))
        for b, header in (
            ("per_year", N_("Funds per year approximate")),
            ("total", N_("Funds total approximate")),
            ("one_year", N_("Funds one year approximate")),
            ("one_off", N_("Funds one off approximate")),
        )
    ),
    Field("funding", N_("Funding"), key("funding")),
    Field("staff", N_("Staff"), lambda r: _staff(r["staff"])),
    Field("partners", N_("Partners"), key("partners")),
    Field("goal", N_("Goal"), key("goal")),
    Field(
        "latest_indicators",
        N_("Latest figures"),
        lambda r: [_latest_figure(i) for i in r["latest_indicators"]],
    ),
    Field("source", N_("Source"), key("source")),
]


def _staff(items: Sequence[dict[str, Any]]) -> list[str]:
    return [numbers.quantity_text(i["quantity"], i["unit"], i["basis"]) for i in items]


def compare_table(display: Display, rows: Sequence[dict[str, Any]], on: Any) -> None:
    """Fields as rows, measures as columns; ≠ marks the rows where the measures differ."""
    from fko.domain.status import state_text

    def status(r: dict[str, Any]) -> str:
        label = state_text(r["status"], r["open_ended"])
        label += _(" (derived: {rule})").format(rule=rule_text(r["status_rule"])) if r["status_derived"] else ""
        if r.get("reported_status"):
            mark = _(", fko's inference") if r.get("reported_inference") else ""
            label = _("{status} (reported {date}{mark}); from the runtime: {derived}").format(
                status=status_word(r["reported_status"]), date=date(r["reported_date"]), mark=mark, derived=label
            )
        return label

    def funds(r: dict[str, Any], basis: str) -> str:
        value = r[f"funds_{basis}_eur"]
        if value is None:
            return ""
        return ("ca. " if r[f"funds_{basis}_approximate"] else "") + numbers.euro_exact(value)

    def figures(r: dict[str, Any]) -> str:
        return "\n".join(
            f"{i['metric']}: {indicator_value({**i, 'target': False})} ({date(i['as_of'])})"
            for i in r["latest_indicators"]
        )

    lines: list[tuple[str, Any]] = [
        (_("Title"), lambda r: r["title"]),
        (_("Cluster"), lambda r: r["cluster"] or "–"),
        (_("Ministries"), lambda r: ", ".join(r["ressorts"])),
        (_("Runtime"), lambda r: r["runtime"]["text"] or _("not stated")),
        (_("Status on {date}").format(date=date(on.isoformat())), status),
        (_("Funds per year"), lambda r: funds(r, "per_year") + ("/Jahr" if r["funds_per_year_eur"] else "")),
        (_("Funds in total"), lambda r: funds(r, "total")),
        (_("Funds for one year"), lambda r: funds(r, "one_year")),
        (_("Funds one-off"), lambda r: funds(r, "one_off")),
        (_("Funds (report)"), lambda r: r["funds_text"] or _("not stated")),
        (_("Funding sources"), lambda r: ", ".join(r["funding"])),
        (_("Staff"), lambda r: ", ".join(_staff(r["staff"]))),
        (_("Partners"), lambda r: "\n".join(r["partners"]) or _("none")),
        (_("Goal"), lambda r: r["goal"] or ""),
        (_("Latest figures"), figures),
    ]
    table_rows = []
    for label, get in lines:
        values = {r["id"]: get(r) for r in rows}
        if not any(values.values()):
            continue
        differs = len(set(values.values())) > 1
        table_rows.append({"mark": "≠" if differs else "", "field": label, **values})
    fields = [Field("mark", "", key("mark"), keep_whole=True), Field("field", N_("Field"), key("field"))]
    fields += [Field(r["id"], r["id"], key(r["id"])) for r in rows]
    tables.table(
        display,
        table_rows,
        fields,
        title=_("Measures side by side (≠: they differ)"),
        styles=lambda row: "bold" if row["mark"] else None,
    )


PORTFOLIO_FIELDS: list[Field] = [
    Field("ressort", N_("Ministry"), key("ressort")),
    Field("measures", N_("Measures"), key("measures"), numeric=True),
    *(
        Field(f"cluster_{n}", f"Cluster {n}", path("per_cluster", n), numeric=True)  # the same in German
        for n in ("I", "II", "III", "IV", "V", "VI")
    ),
    Field("shared", N_("Shared"), key("shared")),
    Field("funds_peak_year", N_("Peak year of its own funds"), key("funds_peak_year"), numeric=True),
    Field("funds_peak_year_eur", N_("Planned in the peak year"), key("funds_peak_year_eur"), numeric=True),
]


def portfolio_table(display: Display, result: dict[str, Any]) -> None:
    """Ministries' portfolios side by side: metrics as rows, ministries as columns."""
    portfolios = result["ressorts"]
    rows = []
    for f in PORTFOLIO_FIELDS[1:]:
        values = {}
        for p in portfolios:
            value = f.get(p)
            if f.name == "shared":
                value = f"{len(value)} ({', '.join(value)})" if value else "0"
            elif f.name == "funds_peak_year_eur" and value is not None:
                value = numbers.euro_exact(value)
            elif value is None:
                value = "–"
            values[p["ressort"]] = str(value)
        rows.append({"field": _(f.header), **values})
    fields = [Field("field", "", key("field"), keep_whole=True)] + [
        Field(p["ressort"], p["ressort"], key(p["ressort"])) for p in portfolios
    ]
    tables.table(display, rows, fields, title=_("Portfolios side by side"))
    common = result["in_common"]
    tables.lines(
        display,
        [
            "",
            _("Measures in common: {ids}.").format(ids=", ".join(common) if common else _("none")),
            _(
                "The peak year is that of each ministry's own money, as `fko budget -r CODE` counts it: items the "
                "report says it pays, and the funds of its measures with no other ministry; shared measures whose "
                "payer the report does not name count for none alone. It is named only where that year's sum without "
                "what fko assumes exceeds every other year's (fko budget -r CODE --by year for every year)."
            ),
        ],
    )
