"""The view of `fko diff`: what changed, field by field, and in the planned funds."""

from __future__ import annotations

from typing import Any

from fko.i18n import N_, _, date, german
from fko.views.changes import change_text
from fko.views.measures import _basis_label, amount_text, years_shown

#: What `fko show` calls each field `fko diff` compares: a German run names the field so; an
#: English one by its name (that of --fields and the JSON), as it always has.
LABELS = {
    "title": N_("Title"),
    "cluster": N_("Cluster"),
    "ressorts": N_("Ministries"),
    "runtime": N_("Runtime"),
    "funds": N_("Planned funds"),
    "partners": N_("Partners"),
    "urls": N_("Links"),
    "goal": N_("Goal"),
    "description": N_("Description"),
    "publication": N_("Publication"),
    "in_force": N_("In force"),
}


def field_label(name: str) -> str:
    """A compared field as the reader names it: "funds" in English, "Geplante Mittel" in German."""
    return _(LABELS[name]) if german() and name in LABELS else name


def _euro_change(change: int) -> str:
    return f"{change_text(change, False)} €"


def _period_text(period: dict[str, Any]) -> str:
    end = _("open-ended") if period["open_ended"] else date(period["end"]) or "?"
    return f"{date(period['start']) or '?'} – {end}"


def _funds_item(item: dict[str, Any] | None) -> str:
    if item is None:
        return _("(none)")
    parts = [amount_text(item), _basis_label(item["basis"], "") or "", years_shown(item), ", ".join(item["funding"])]
    return " · ".join(p for p in parts if p)


def _quoted(value: Any) -> str:
    if value is None or value == []:
        return _("(none)")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return f"'{value}'"


def field_change_lines(change: dict[str, Any]) -> list[str]:
    """A field's change as lines for people: word diffs, list additions, items, periods."""
    name = change["field"]
    if name == "funds":
        lines = []
        if change["words"]:
            lines.append(f"{field_label(name)}: {change['words']}")
        for item in change["item_changes"]:
            what = {"changed": ", ".join(item["keys"]), "added": _("added"), "removed": _("removed")}[
                item["change_kind"]
            ]
            before, after = _funds_item(item["old_item"]), _funds_item(item["new_item"])
            lines.append(
                _("funds item {item} ({what}): {before} → {after}").format(
                    item=item["item"], what=what, before=before, after=after
                )
            )
        return lines or [_("funds: (wording unchanged, items differ)")]
    if name == "runtime":
        lines = [f"{field_label(name)}: {_quoted(change['old']['text'])} → {_quoted(change['new']['text'])}"]
        old_p, new_p = change["old_period"], change["new_period"]
        if old_p != new_p:
            lines.append("  " + _("period: {old} → {new}").format(old=_period_text(old_p), new=_period_text(new_p)))
        for item in change["item_changes"] or []:
            lines.append(
                "  "
                + _("funds item {item}, years derived from the runtime: {old} → {new}").format(
                    item=item["item"], old=years_shown(item["old_item"]), new=years_shown(item["new_item"])
                )
            )
        return lines
    if change["values_added"] is not None:
        parts = [f"+ {v}" for v in change["values_added"]] + [f"- {v}" for v in change["values_removed"]]
        order = _("order {old} → {new}").format(old=_quoted(change["old"]), new=_quoted(change["new"]))
        return [f"{field_label(name)}: " + ("; ".join(parts) or order)]
    if change["words"]:
        return [f"{field_label(name)}: {change['words']}"]
    return [f"{field_label(name)}: {_quoted(change['old'])} → {_quoted(change['new'])}"]


def diff_summary(result: dict[str, Any]) -> str:
    """The summary's counts in one line: "2 changed, 1 added, … (64 → 65 records)"."""
    counts = {name.removesuffix("_count"): n for name, n in result["summary"].items()}
    return _(
        "{changed} changed, {added} added, {removed} removed, {renumbered} renumbered, {unchanged} unchanged "
        "({old} → {new} records)"
    ).format(**counts)


def diff_entries(result: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Blocks for `fko diff`: added, removed, each changed measure, then the planned funds."""
    from fko.domain.budget import BASIS_LABEL as LABEL

    entries: list[tuple[str, list[str]]] = []
    for label, part in ((_("Added ({n})"), "added_measures"), (_("Removed ({n})"), "removed_measures")):
        if result[part]:
            entries.append((label.format(n=len(result[part])), [f"{m['id']}  {m['title']}" for m in result[part]]))
    for measure in result["changed_measures"]:
        if measure["renumbered"]:
            head = f"{measure['old_id']} → {measure['new_id']}  {measure['title']}"
            head += "  " + _("(renumbered; matched by {how})").format(how=measure["matched_by"])
        else:
            head = f"{measure['new_id']}  {measure['title']}"
        details = [line for change in measure["changes"] for line in field_change_lines(change)]
        entries.append((head, details or [_("no field changed")]))
    funds = result["funds"]
    moved = [row for row in funds["per_basis"] if row["change_eur"]]
    if moved or funds["per_ressort"]:
        lines = [f"{_(LABEL[r['basis']])}: {_euro_change(r['change_eur'])}" for r in moved]
        lines += [
            f"{r['ressort']}, {_(LABEL[r['basis']])}: {_euro_change(r['change_eur'])}" for r in funds["per_ressort"]
        ]
        entries.append(
            (
                _(
                    "Change in planned funds (money items of the report's measures, within one basis; an item "
                    "counts for its payer where the report names one, else in full for each ministry)"
                ),
                lines,
            )
        )
    return entries
