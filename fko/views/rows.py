"""How records are printed: as JSON records, CSV, a workbook or a table, chosen by the output options."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fko.errors import UsageError
from fko.i18n import _
from fko.model.outputs import RENAMES, optional_keys, output_keys, paths
from fko.output import channels, json_writer
from fko.output.fields import Field, dotted, pick, select_paths

if TYPE_CHECKING:
    from fko.domain.status import Status
    from fko.output.display import Display


def emit_rows(
    rows: Sequence[dict[str, Any]],
    fields: Sequence[Field],
    *,
    display: Display,
    output: str,
    json: bool,
    csv: bool,
    jsonl: bool = False,
    fields_arg: str | None = None,
    delimiter: str = ";",
    title: str | None = None,
    footer: Sequence[str] = (),
    json_rows: Sequence[dict[str, Any]] | None = None,
    xlsx: Path | None = None,
    force: bool = False,
    empty: str | None = None,
) -> None:
    """Print rows as the records of output type `output` (fko/model.py) with --json or --jsonl,
    as CSV, or as a table for people on `display`; or write them to an Excel workbook (--xlsx FILE).

    `json_rows` are the records where they differ from the rows the views read. --fields names
    JSON keys and dotted paths (runtime.start) and works alike for every format: it cuts the
    record, never changes a value. No rows for people: nothing on stdout, and `empty` (if
    given) as one line on stderr.
    """
    if sum((json, jsonl, csv, xlsx is not None)) > 1:
        raise UsageError(_("choose one of --json, --jsonl, --csv and --xlsx"))
    # CSV and tables are imported where they are written: records (--json) need neither
    source = json_rows if json_rows is not None else rows  # the records: made only where printed
    if fields_arg is not None:
        full = records(output, source)
        names = select_paths(paths(output), fields_arg)
        chosen = [Field(n, n, dotted(n)) for n in names]
        if json or jsonl:
            cut = [pick(r, names) for r in full]
            json_writer.emit_jsonl(cut) if jsonl else json_writer.emit_json(cut)
        elif xlsx is not None:
            _workbook(display, full, chosen, xlsx, title, force)
        elif csv:
            from fko.output import csv_writer

            csv_writer.emit_csv(full, chosen, delimiter)
        else:
            from fko.output import tables

            tables.table(display, full, chosen, title=title, footer=footer)
        return
    if xlsx is not None or csv:  # the columns of CSV and the workbook use the JSON names
        renames = RENAMES.get(output, {})
        fields = [f._replace(name=renames.get(f.name, f.name)) for f in fields]
    if xlsx is not None:
        _workbook(display, rows, fields, xlsx, title, force)
    elif json:
        json_writer.emit_json(records(output, source))
    elif jsonl:
        json_writer.emit_jsonl(records(output, source))
    elif csv:
        from fko.output import csv_writer

        csv_writer.emit_csv(rows, fields, delimiter)
    elif not rows:  # nothing on stdout; the command says why on stderr
        if empty:
            channels.note(empty)
    else:
        from fko.output import tables

        tables.table(display, rows, fields, title=title, footer=footer)


def records(output: str, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows as the records of output type `output`: its keys only, in its order (the JSON truth,
    fko/model/outputs.py); a required key missing from a row is a KeyError (a bug), never a null.

    A row whose keys already are the record's, in order (as `list_row` makes them), is passed on
    as it is, not copied: the records are only written out, so a caller must not change them."""
    keys = tuple(output_keys(output))
    optional = optional_keys(output)
    required = tuple(k for k in keys if k not in optional)
    renames = RENAMES.get(output, {})
    pick = operator.itemgetter(*required) if len(required) > 1 else lambda row: (row[required[0]],)
    out = []
    for row in rows:
        named = {renames.get(k, k): v for k, v in row.items()} if renames else row
        order = tuple(named)
        if order == required or order == keys:  # already the record: no copy
            out.append(named)
        elif optional and any(k in named for k in optional):
            out.append({k: named[k] for k in keys if k not in optional or k in named})
        else:  # the required keys, in order
            out.append(dict(zip(required, pick(named), strict=True)))
    return out


def list_row(record: dict[str, Any], on: str, status: Status) -> dict[str, Any]:
    """A record of `fko list` with its status on a date (`on`, ISO): a new dict with the keys in
    the model's order whatever the store's order, so that `records` passes it on as it is.

    A record whose keys are not exactly a measure's or an initiative's (a store that was not
    checked) is merged and left to `records`, which reorders it or finds the missing key."""
    form, own, added = _LIST_DATED if "date" in record else _LIST_UNDATED
    if len(record) == own and added.isdisjoint(record):  # then the record's keys are the form's ...
        row: dict[str, Any] = {**form}
        row.update(record)
        if len(row) == len(form):  # ... if it has no others
            row["on"] = on
            return status.into(row)
    return status.into({**record, "on": on})


def _list_form(dated: bool) -> tuple[dict[str, None], int, frozenset[str]]:
    """`fko list`'s record as a template (its keys in order, values None) for a record with or
    without a date (the list's one optional key); how many keys the record itself has; and the
    keys fko adds to it ("on" and the status)."""
    keys = [k for k in output_keys("list") if dated or k not in optional_keys("list")]
    on = keys.index("on")
    return dict.fromkeys(keys), on, frozenset(keys[on:])


_LIST_DATED, _LIST_UNDATED = _list_form(True), _list_form(False)


def _workbook(
    display: Display,
    rows: Sequence[dict[str, Any]],
    fields: Sequence[Field],
    target: Path,
    title: str | None,
    force: bool,
) -> None:
    """--xlsx FILE: the rows as a workbook, written atomically (an existing FILE only with --force);
    --xlsx -: its bytes on stdout, never onto a terminal."""
    from fko.domain.export import write_rows_xlsx

    if str(target) != "-":
        write_rows_xlsx(rows, fields, target, title, force)
        channels.note(_("wrote {path}").format(path=target))
        return
    if display.is_terminal:
        raise UsageError(_("--xlsx - writes binary data: redirect stdout to a file or a pipe"))
    import tempfile

    with tempfile.TemporaryDirectory(prefix="fko-xlsx-") as folder:
        path = Path(folder) / "rows.xlsx"
        write_rows_xlsx(rows, fields, path, title, force=False)
        channels.write_bytes(path.read_bytes())
