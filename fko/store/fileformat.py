"""The store's bytes, both ways: how `fko data build` lays the tables out and checksums them, and
how fko reads a store file (bounded, regular files only)."""

from __future__ import annotations

import json
import math
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fko.errors import FkoError
from fko.i18n import _

SHIPPED = Path(__file__).parents[1] / "data" / "fko.json"


#: The checksum of the shipped store, written by `fko data build` when it writes SHIPPED.
SHIPPED_DIGEST = SHIPPED.with_name("fko.json.blake2b")


#: Default for FKO_MAX_STORE_MB: the shipped store is 0.4 MB, 10,000 measures about 60 MB.
MAX_STORE_MB = 100


_KINDS = {stat.S_IFDIR: "a directory", stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device"}


#: The tables whose records the search index is made from (each a record of its own there).
RECORD_TABLES = ("measures", "initiatives")


#: Every table the search index is made from: the records, and the figures beyond them.
INDEX_SOURCES = (*RECORD_TABLES, "recognition", "indicators", "updates", "sources")


def max_bytes() -> int:
    given = os.environ.get("FKO_MAX_STORE_MB") or str(MAX_STORE_MB)
    try:
        megabytes = float(given)
    except ValueError:
        megabytes = math.nan
    if not (math.isfinite(megabytes) and megabytes > 0):
        raise FkoError(_("FKO_MAX_STORE_MB is {given!r}, not a number of megabytes above 0").format(given=given))
    return int(min(megabytes, 2.0**40) * 1024 * 1024)


def read_at_most(fd: int, limit: int, expected: int = 0) -> bytes | None:
    """All bytes of an open file, or None as soon as they exceed `limit` (a file can grow while
    it is read): the one bounded reader of the store and of the build's input files. With the
    `expected` size (fstat's) a regular file comes in one read, without copying it again."""
    chunks = []
    size = 0
    want = max(min(expected, limit) + 1, 1 << 20)
    while chunk := os.read(fd, want):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return None
        want = 1 << 20
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _read(path: str) -> bytes:
    """The bytes of a regular file, at most max_bytes(); never blocks on a FIFO or device."""
    rebuild = "rebuild it with `fko data build`"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FkoError(_("store {path} not found; check --db or FKO_DB").format(path=path)) from None
    except IsADirectoryError:
        raise FkoError(_("store {path} is a directory; point --db at the JSON file").format(path=path)) from None
    except PermissionError:
        raise FkoError(_("store {path} cannot be read (permission denied)").format(path=path)) from None
    except OSError as exc:
        try:
            kind = _KINDS.get(stat.S_IFMT(os.stat(path).st_mode))
        except OSError:
            kind = None
        if kind:  # a socket cannot be opened at all
            raise FkoError(
                _("store {path} is {kind}, not a file; point --db at the JSON file").format(path=path, kind=kind)
            ) from None
        raise FkoError(
            _("store {path} cannot be read ({strerror}); check --db or FKO_DB").format(path=path, strerror=exc.strerror)
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise FkoError(
                _("store {path} is {kind}, not a file; point --db at the JSON file").format(path=path, kind=kind)
            )
        limit = max_bytes()
        if info.st_size > limit:
            raise FkoError(
                _(
                    "store {path} is {value:.1f} MB, more than FKO_MAX_STORE_MB={value2}; raise the "
                    "limit if you trust it"
                ).format(
                    path=path, value=info.st_size / 2**20, value2=os.environ.get("FKO_MAX_STORE_MB") or MAX_STORE_MB
                )
            )
        raw = read_at_most(fd, limit, info.st_size)
        if raw is None:
            raise FkoError(
                _("store {path} grew beyond FKO_MAX_STORE_MB while fko read it; {rebuild}").format(
                    path=path, rebuild=rebuild
                )
            )
        return raw
    except OSError as exc:
        raise FkoError(
            _("store {path} cannot be read ({strerror}); check --db or FKO_DB").format(path=path, strerror=exc.strerror)
        ) from None
    finally:
        os.close(fd)


def digest(raw: bytes | memoryview) -> str:
    """The BLAKE2b checksum of a store file (from _blake2: hashlib would load OpenSSL, ~5 ms)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python without the builtin module
        from hashlib import blake2b
    return blake2b(raw, digest_size=32).hexdigest()


def shipped_digest() -> str | None:
    try:
        return SHIPPED_DIGEST.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


def records_digest(tables: Sequence[bytes | memoryview | None]) -> str:
    """The checksum the build writes into the search index: of the bytes of the record tables
    as they stand in the file (`{...}` each), so that a reader can tell the index was made from
    exactly these records without reading them. CRC-32 and length: it guards against an edit
    by hand or by another tool, not against forgery (whoever writes the file can write any
    checksum; that is why every record a command reads is still checked)."""
    import zlib

    crc = size = 0
    for part in tables:
        crc = zlib.crc32(b"\0", zlib.crc32(part or b"", crc))
        size += len(part or b"") + 1
    return f"crc32:{crc:08x}:{size}"


def content_digest(tables: Sequence[Sequence[dict[str, Any]]]) -> str:
    """The checksum of the content of tables (their records as JSON with sorted keys), the same
    whatever the layout of the file they were read from."""
    import orjson

    return records_digest([orjson.dumps(list(rows), option=orjson.OPT_SORT_KEYS) for rows in tables])


def record_ranges(table: bytes) -> dict[str, tuple[int, int]] | None:
    """Where each record of one table's bytes (`{...}`, in the build's layout) stands, by ID."""
    return _record_slices(table, 0, len(table), "id")


def _record_slices(raw: bytes, start: int, end: int, key: str) -> dict[str, tuple[int, int]] | None:
    """The byte range of each record (its `{...}`) of the table raw[start:end], by natural key,
    in the order of the document numbers.

    Only for the build's layout: `{`, then records `\\n  "N": {...}` separated by `,`, then
    `\\n }`; each record with one `"id"` line of its own at three spaces (a raw newline cannot
    occur inside a JSON string, so such lines are what they look like); no document number and
    no key twice. Anything else gives None (the table is then parsed whole). Whether a range
    really holds the record its line names is checked when it is parsed
    (ReadOnlyJSONStorage.record). Found with bytes.find: C speed, about 40 ms for 10,000.
    """
    if key != "id":
        return None
    if raw[start:end] == b"{}":
        return {}
    if raw[start : start + 1] != b"{" or raw[end - 3 : end] != b"\n }":
        return None
    find = raw.find
    lines = []
    at = find(b'\n  "', start, end)
    while at != -1:
        lines.append(at)
        at = find(b'\n  "', at + 4, end)
    if not lines or lines[0] != start + 1:
        return None
    lines.append(end - 3)
    found: dict[str, tuple[int, int]] = {}
    numbers: dict[str, int] = {}
    for n in range(len(lines) - 1):
        at, stop = lines[n], lines[n + 1]
        colon = find(b'": {', at + 4, at + 15)
        number = raw[at + 4 : colon]
        if colon == -1 or not number.isdigit() or number.startswith(b"0"):
            return None
        last = n + 2 == len(lines)
        close = stop if last else stop - 1  # after the record's `}`: `\n }` or the `,` between records
        if raw[close - 1 : stop] != (b"}" if last else b"},"):
            return None
        line = find(b'\n   "id": "', colon, close)
        if line == -1:
            return None
        line_end = find(b"\n", line + 10, close)
        value = raw[line + 10 : line_end].removesuffix(b",")
        if b"\\" in value or value.count(b'"') != 2 or not value.endswith(b'"'):
            try:
                value_text = json.loads(value)
            except ValueError:
                return None
            if not isinstance(value_text, str):
                return None
        else:
            value_text = value[1:-1].decode("utf-8", "replace")
        if value_text in found:
            return None
        found[value_text] = (colon + 3, close)
        numbers[value_text] = int(number)
    if len(set(numbers.values())) != len(numbers) or raw.count(b'\n   "id": ', start, end) != len(found):
        return None  # a number twice, or a record with a second ID line
    return dict(sorted(found.items(), key=lambda item: numbers[item[0]]))


#: Tables written on one line each: generated indexes nobody reads or diffs by eye.
COMPACT_TABLES = frozenset({"search"})


def serialise(tables: dict[str, list[dict[str, Any]]]) -> str:
    """The TinyDB JSON layout, UTF-8 text: identical input, identical bytes.

    Record tables are indented so that a rebuild's diff is readable; indexes are compact. `meta`
    comes first and holds the table of contents, the byte range of every other table (in
    order of their names) in the file, so that fko finds a table without reading the others
    (fko/store.py checks the ranges against the bytes before it uses them).
    """
    bodies = {name: _body(name, rows) for name, rows in tables.items() if name not in ("search", "meta")}
    if "search" in tables:
        bodies["search"] = _body("search", [_placed(row, bodies, tables) for row in tables["search"]])
    names = sorted(bodies)
    sizes = {name: len(bodies[name].encode("utf-8")) for name in names}
    meta_rows = tables.get("meta") or []
    meta_body = _body("meta", meta_rows)
    for _round in range(10):  # the contents' numbers count in meta's own length: settles in two or three
        at = len(f"{{\n {json.dumps('meta')}: ".encode()) + len(meta_body.encode("utf-8"))
        contents: dict[str, list[int]] = {}
        for name in names:
            at += len(f",\n {json.dumps(name)}: ".encode())
            contents[name] = [at, at + sizes[name]]
            at += sizes[name]
        placed = _body("meta", [{**meta_rows[0], "tables": contents}, *meta_rows[1:]]) if meta_rows else meta_body
        if placed == meta_body:
            break
        meta_body = placed
    parts = [("meta", meta_body)] if "meta" in tables else []
    parts += [(name, bodies[name]) for name in names]
    return "{\n" + ",\n".join(f" {json.dumps(name)}: {body}" for name, body in parts) + "\n}\n"


def _placed(index: dict[str, Any], bodies: dict[str, str], tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The index with what ties it to the tables it was made from (fko/store.py reads both):
    the checksums of their bytes (`records_digest`) and of their content (`records_content`),
    and each record's byte range in its table (`at`), so that `fko search` parses only the
    records of its hits."""
    from fko.store.fileformat import INDEX_SOURCES, RECORD_TABLES, content_digest, record_ranges, records_digest

    raw = {name: bodies[name].encode("utf-8") for name in INDEX_SOURCES if name in bodies}
    ranges = {name: record_ranges(raw[name]) or {} for name in RECORD_TABLES if name in raw}
    docs = []
    for doc in index.get("docs", []):
        table = {"measure": "measures", "initiative": "initiatives"}.get(doc.get("kind", "measure"))
        at = ranges.get(table or "", {}).get(doc.get("id") or "")
        docs.append({**doc, "at": list(at)} if at else doc)
    return {
        **index,
        "docs": docs,
        "records_digest": records_digest([raw.get(name) for name in INDEX_SOURCES]),
        "records_content": content_digest([tables.get(name, []) for name in INDEX_SOURCES]),
    }


def _body(name: str, rows: list[dict[str, Any]]) -> str:
    data = {str(i): row for i, row in enumerate(rows, start=1)}
    if name in COMPACT_TABLES:
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).replace("\n", "\n ")
