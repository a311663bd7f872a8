"""The view of `fko diff`: what changed, field by field, and in the planned funds."""

from __future__ import annotations

from typing import Any

from fko.output import numbers
from fko.views.measures import _amount, _basis_label


def _euro_change(change: int) -> str:
    sign = "+" if change > 0 else "-" if change < 0 else "±"
    return f"{sign}{numbers.euro_exact(abs(change))}"


def _period_text(period: dict[str, Any]) -> str:
    end = "open-ended" if period["open_ended"] else period["end"] or "?"
    return f"{period['start'] or '?'} – {end}"


def _funds_item(item: dict[str, Any] | None) -> str:
    from fko.domain.budget import years_text

    if item is None:
        return "(none)"
    parts = [_amount(item), _basis_label(item["basis"], "") or "", years_text(item), ", ".join(item["funding"])]
    return " · ".join(p for p in parts if p)


def _quoted(value: Any) -> str:
    if value is None or value == []:
        return "(none)"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return f"'{value}'"


def field_change_lines(change: dict[str, Any]) -> list[str]:
    """A field's change as lines for people: word diffs, list additions, items, periods."""
    from fko.domain.budget import years_text

    name = change["field"]
    if name == "funds":
        lines = []
        if change["words"]:
            lines.append(f"funds: {change['words']}")
        for item in change["item_changes"]:
            what = {"changed": ", ".join(item["keys"]), "added": "added", "removed": "removed"}[item["change_kind"]]
            before, after = _funds_item(item["old_item"]), _funds_item(item["new_item"])
            lines.append(f"funds item {item['item']} ({what}): {before} → {after}")
        return lines or ["funds: (wording unchanged, items differ)"]
    if name == "runtime":
        lines = [f"runtime: {_quoted(change['old']['text'])} → {_quoted(change['new']['text'])}"]
        old_p, new_p = change["old_period"], change["new_period"]
        if old_p != new_p:
            lines.append(f"  period: {_period_text(old_p)} → {_period_text(new_p)}")
        for item in change["item_changes"] or []:
            lines.append(
                f"  funds item {item['item']}, years derived from the runtime: "
                f"{years_text(item['old_item'])} → {years_text(item['new_item'])}"
            )
        return lines
    if change["values_added"] is not None:
        parts = [f"+ {v}" for v in change["values_added"]] + [f"- {v}" for v in change["values_removed"]]
        return [f"{name}: " + ("; ".join(parts) or f"order {_quoted(change['old'])} → {_quoted(change['new'])}")]
    if change["words"]:
        return [f"{name}: {change['words']}"]
    return [f"{name}: {_quoted(change['old'])} → {_quoted(change['new'])}"]


def diff_summary(result: dict[str, Any]) -> str:
    s = result["summary"]
    return (
        f"{s['changed_count']} changed, {s['added_count']} added, {s['removed_count']} removed, "
        f"{s['renumbered_count']} renumbered, {s['unchanged_count']} unchanged "
        f"({s['old_count']} → {s['new_count']} records)"
    )


def diff_entries(result: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Blocks for `fko diff`: added, removed, each changed measure, then the planned funds."""
    from fko.domain.budget import BASIS_LABEL as LABEL

    entries: list[tuple[str, list[str]]] = []
    for label, part in (("Added", "added_measures"), ("Removed", "removed_measures")):
        if result[part]:
            entries.append((f"{label} ({len(result[part])})", [f"{m['id']}  {m['title']}" for m in result[part]]))
    for measure in result["changed_measures"]:
        if measure["renumbered"]:
            head = f"{measure['old_id']} → {measure['new_id']}  {measure['title']}"
            head += f"  (renumbered; matched by {measure['matched_by']})"
        else:
            head = f"{measure['new_id']}  {measure['title']}"
        details = [line for change in measure["changes"] for line in field_change_lines(change)]
        entries.append((head, details or ["no field changed"]))
    funds = result["funds"]
    moved = [row for row in funds["per_basis"] if row["change_eur"]]
    if moved or funds["per_ressort"]:
        lines = [f"{LABEL[r['basis']]}: {_euro_change(r['change_eur'])}" for r in moved]
        lines += [f"{r['ressort']}, {LABEL[r['basis']]}: {_euro_change(r['change_eur'])}" for r in funds["per_ressort"]]
        entries.append(
            (
                "Change in planned funds (money items of the report's measures, within one basis; an item "
                "counts for its payer where the report names one, else in full for each ministry)",
                lines,
            )
        )
    return entries
