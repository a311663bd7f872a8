"""What differs between two stores, e.g. two editions of the report: measures added, removed,
renumbered and changed field by field, and the change in planned funds.

Measures are matched by title and content, not only by ID, so that a measure that moved to
another number is reported as renumbered rather than as one removed and one added.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from fko.domain.budget import BASES, FEDERAL, peak_sum
from fko.domain.measures import records
from fko.domain.status import period
from fko.errors import UsageError
from fko.i18n import _
from fko.model.outputs import FieldChange
from fko.store.reader import Store

#: The fields `fko diff` compares, in the order of the report, and `--fields` accepts.
FIELDS = (
    "title",
    "cluster",
    "ressorts",
    "runtime",
    "funds",
    "partners",
    "urls",
    "goal",
    "description",
    "publication",
    "in_force",
)
LIST_FIELDS = frozenset({"ressorts", "partners", "urls"})
TEXT_FIELDS = frozenset({"title", "goal", "description", "publication", "in_force"})
ITEM_KEYS = ("kind", "amount_eur", "quantity", "unit", "basis", "year_from", "year_to", "funding", "payer", "text")
#: How similar (0..1) title and description must be for two measures of different IDs to match.
CONTENT_MATCH = 0.6


def check_fields(given: str | None) -> list[str]:
    """--fields a,b: names of FIELDS; an unknown name is a usage error listing the valid ones."""
    if given is None:
        return list(FIELDS)
    chosen = [name.strip() for name in given.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in FIELDS]
    if unknown:
        raise UsageError(
            _("unknown field '{value}' for --fields; valid fields: {fields}").format(
                value=unknown[0], fields=", ".join(FIELDS)
            )
        )
    if not chosen:
        raise UsageError(_("--fields is empty; name at least one of {fields}").format(fields=", ".join(FIELDS)))
    return chosen


def _norm(text: str | None) -> str:
    from fko.german import normalise

    return normalise(text or "")


def _words(record: dict[str, Any], cache: dict[int, tuple[list[str], list[str]]]) -> tuple[list[str], list[str]]:
    """(title words, title + goal + description words) of a record, normalised once."""
    key = id(record)
    if key not in cache:
        body = " ".join(str(record.get(f) or "") for f in ("title", "goal", "description"))
        cache[key] = (_norm(record["title"]).split(), _norm(body).split())
    return cache[key]


def similarity(
    old: dict[str, Any], new: dict[str, Any], cache: dict[int, tuple[list[str], list[str]]] | None = None
) -> float:
    """0..1: how alike two measures are by title, goal and description (word sequences)."""
    from rapidfuzz.distance import Indel  # lazy: only diff needs it; 2·LCS/(len a + len b) over words

    cache = {} if cache is None else cache
    (title_a, body_a), (title_b, body_b) = _words(old, cache), _words(new, cache)
    title = Indel.normalized_similarity(title_a, title_b)
    body = Indel.normalized_similarity(body_a, body_b)
    return float(max(title, body) if title > 0.5 else body)


def match(
    old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any], str]]:
    """Pairs (old, new, how): by the same title (`title`), by the same ID with alike content
    (`id`), then by alike content (`content`), best first."""
    pairs: list[tuple[dict[str, Any], dict[str, Any], str]] = []
    cache: dict[int, tuple[list[str], list[str]]] = {}
    left = {m["id"]: m for m in old}
    right = {m["id"]: m for m in new}

    def take(a: dict[str, Any], b: dict[str, Any], how: str) -> None:
        pairs.append((a, b, how))
        del left[a["id"]]
        del right[b["id"]]

    titles_old: dict[str, list[dict[str, Any]]] = {}
    titles_new: dict[str, list[dict[str, Any]]] = {}
    for m in old:
        titles_old.setdefault(_norm(m["title"]), []).append(m)
    for m in new:
        titles_new.setdefault(_norm(m["title"]), []).append(m)
    for title, olds in titles_old.items():
        news = titles_new.get(title, [])
        if len(olds) == 1 and len(news) == 1:
            take(olds[0], news[0], "title")
        else:  # the same title twice: pair those of the same ID
            for a in olds:
                b = next((b for b in news if b["id"] == a["id"] and b["id"] in right), None)
                if b is not None and a["id"] in left:
                    take(a, b, "title")
    for key in [k for k in left if k in right]:
        if similarity(left[key], right[key], cache) >= CONTENT_MATCH / 2:
            take(left[key], right[key], "id")
    scored = sorted(
        ((similarity(a, b, cache), a["id"], b["id"]) for a in left.values() for b in right.values()),
        key=lambda s: (-s[0], s[1], s[2]),
    )
    for score, a_id, b_id in scored:
        if score < CONTENT_MATCH:
            break
        if a_id in left and b_id in right:
            take(left[a_id], right[b_id], "content")
    return pairs


def word_diff(old: str, new: str, context: int = 4) -> str:
    """The changed words as [-old-]{+new+}, with a few words of context, the rest shortened to …"""
    a, b = old.split(), new.split()
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    codes = matcher.get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            same = a[i1:i2]
            head = same[:context] if n else []
            tail = same[-context:] if n + 1 < len(codes) else []
            if len(same) <= 2 * context and n and n + 1 < len(codes):
                parts.append(" ".join(same))
            else:
                if head:
                    parts.append(" ".join(head))
                if (n and len(same) > len(head)) or (not n and len(same) > len(tail)):
                    parts.append("…")
                if tail:
                    parts.append(" ".join(tail))
            continue
        if i2 > i1:
            parts.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(parts)


def _period(record: dict[str, Any]) -> dict[str, Any]:
    start, end, open_ended, _derived, _rule = period(record)
    return {
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "open_ended": open_ended,
    }


def _item_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Budget items compared position by position: changed keys, added and removed items."""
    out = []
    for n in range(max(len(old), len(new))):
        a = old[n] if n < len(old) else None
        b = new[n] if n < len(new) else None
        if a is not None and b is not None:
            keys = [k for k in ITEM_KEYS if a.get(k) != b.get(k)]
            if keys:
                out.append({"item": n + 1, "change_kind": "changed", "keys": keys, "old_item": a, "new_item": b})
        else:
            kind = "added" if a is None else "removed"
            out.append({"item": n + 1, "change_kind": kind, "keys": [], "old_item": a, "new_item": b})
    return out


def _follows_runtime(item: dict[str, Any]) -> bool:
    """A changed budget item whose only change is in years both versions derive from the runtime."""
    return (
        item["change_kind"] == "changed"
        and set(item["keys"]) <= {"year_from", "year_to"}
        and bool(item["old_item"].get("years_derived"))
        and bool(item["new_item"].get("years_derived"))
    )


def field_change(
    name: str, old: dict[str, Any], new: dict[str, Any], fields: Sequence[str] = FIELDS
) -> dict[str, Any] | None:
    """One field's change between two versions of a measure, or None if it is the same. Budget items
    whose years the runtime gives and moved with it are the runtime's change (when it is compared)."""
    key = "budget" if name == "funds" else name
    a: Any = old.get(key)
    b: Any = new.get(key)
    change: dict[str, Any] = {**dict.fromkeys(FieldChange.__annotations__), "field": name, "old": a, "new": b}
    if name == "funds":
        items = _item_changes(a.get("items", []), b.get("items", []))
        if "runtime" in fields:
            items = [i for i in items if not _follows_runtime(i)]
        if a.get("text") == b.get("text") and not items:
            return None
        change["item_changes"] = items
        if a.get("text") and b.get("text") and a["text"] != b["text"]:
            change["words"] = word_diff(a["text"], b["text"])
        return change
    if name == "runtime":
        periods = _period(old), _period(new)
        if a == b and periods[0] == periods[1]:
            return None
        change["old_period"], change["new_period"] = periods
        moved = _item_changes(old["budget"].get("items", []), new["budget"].get("items", []))
        change["item_changes"] = [i for i in moved if _follows_runtime(i)]
        return change
    if a == b:
        return None
    if name in LIST_FIELDS:
        change["values_added"] = [v for v in b or [] if v not in (a or [])]
        change["values_removed"] = [v for v in a or [] if v not in (b or [])]
    elif name in TEXT_FIELDS and a and b:
        change["words"] = word_diff(str(a), str(b))
    return change


def _fund_sums(records: Sequence[dict[str, Any]]) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Euro per basis, and per (ministry, basis): an item counts for the payer the report names, else
    in full for each of its measure's ministries (federal money for none). Totals are summed; other
    amounts give their largest year (`peak_sum`), never a sum over years that do not run together."""

    rows: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for record in records:
        if record.get("kind", "measure") != "measure":
            continue
        for item in record["budget"].get("items", []):
            if item["kind"] != "money" or item["amount_eur"] is None or item["basis"] not in BASES:
                continue
            rows.setdefault(("", item["basis"]), []).append(item)
            payer = item.get("payer")
            for code in ([] if payer in FEDERAL else [payer]) if payer else record["ressorts"]:
                rows.setdefault((code, item["basis"]), []).append(item)

    def amount(basis: str, chosen: list[dict[str, Any]]) -> int:
        return sum(int(r["amount_eur"]) for r in chosen) if basis == "total" else peak_sum(chosen)

    per_basis = {basis: amount(basis, rows.get(("", basis), [])) for basis in BASES}
    per_ressort = {key: amount(key[1], chosen) for key, chosen in rows.items() if key[0]}
    return per_basis, per_ressort


def funds_change(old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The planned funds of the report's measures, old and new, per basis and per ministry and basis."""
    basis_a, ressort_a = _fund_sums(old)
    basis_b, ressort_b = _fund_sums(new)
    per_basis = []
    for basis in BASES:
        a, b = basis_a[basis], basis_b[basis]
        per_basis.append({"basis": basis, "old_eur": a, "new_eur": b, "change_eur": b - a})
    per_ressort = []
    for code, basis in sorted(set(ressort_a) | set(ressort_b), key=lambda k: (k[0], BASES.index(k[1]))):
        a, b = ressort_a.get((code, basis), 0), ressort_b.get((code, basis), 0)
        if a != b:
            per_ressort.append({"ressort": code, "basis": basis, "old_eur": a, "new_eur": b, "change_eur": b - a})
    return {"per_basis": per_basis, "per_ressort": per_ressort}


def _brief(record: dict[str, Any]) -> dict[str, Any]:
    return {"id": record["id"], "title": record["title"], "kind": record.get("kind", "measure")}


def diff(old: Store, new: Store, fields: Sequence[str] = FIELDS) -> dict[str, Any]:
    """The structured difference between two stores (see `fko schema diff`)."""
    olds, news = records(old), records(new)
    pairs = match(olds, news)
    order = {m["id"]: n for n, m in enumerate(news)}
    paired_old = {a["id"] for a, _, _ in pairs}
    paired_new = {b["id"] for _, b, _ in pairs}
    changed = []
    unchanged = 0
    for a, b, how in sorted(pairs, key=lambda p: order[p[1]["id"]]):
        changes = [c for name in fields if (c := field_change(name, a, b, fields)) is not None]
        if not changes and a["id"] == b["id"]:
            unchanged += 1
            continue
        changed.append(
            {
                "old_id": a["id"],
                "new_id": b["id"],
                "title": b["title"],
                "renumbered": a["id"] != b["id"],
                "matched_by": how,
                "changes": changes,
            }
        )
    added = [_brief(m) for m in news if m["id"] not in paired_new]
    removed = [_brief(m) for m in olds if m["id"] not in paired_old]
    return {
        "old_store": old.name,
        "new_store": new.name,
        "fields": list(fields),
        "summary": {
            "old_count": len(olds),
            "new_count": len(news),
            "added_count": len(added),
            "removed_count": len(removed),
            "renumbered_count": sum(1 for c in changed if c["renumbered"]),
            "changed_count": sum(1 for c in changed if c["changes"]),
            "unchanged_count": unchanged,
        },
        "added_measures": added,
        "removed_measures": removed,
        "changed_measures": changed,
        "funds": funds_change(olds, news),
    }


def is_empty(result: dict[str, Any]) -> bool:
    return not (result["added_measures"] or result["removed_measures"] or result["changed_measures"])
