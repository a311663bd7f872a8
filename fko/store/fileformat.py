"""The store's bytes, both ways: how `fko data build` lays the tables out, and how fko reads a
store file back (bounded, regular files only, strict JSON)."""

from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path
from typing import Any

from fko.errors import FkoError, UsageError
from fko.i18n import N_, _, os_reason

SHIPPED = Path(__file__).parents[1] / "data" / "fko.json"

#: The checksum of the shipped store, written by `fko data build` when it writes SHIPPED.
SHIPPED_DIGEST = SHIPPED.with_name("fko.json.blake2b")

#: The version of the store format that this fko writes and reads (meta.schema_version).
#: 2: the search index moved into a file of its own; meta lists the tables by name.
SCHEMA_VERSION = 2

#: Default for FKO_MAX_STORE_MB: the shipped store is 0.3 MB, 10,000 measures about 21 MB.
MAX_STORE_MB = 100

#: The key that names a record of a table in messages (`measures/III.8`); records of the
#: other tables are named by their place (`indicators/3`).
NATURAL_KEYS = {"ressorts": "code", "clusters": "numeral", "sources": "file", "measures": "id", "initiatives": "id"}

#: The fix of a store that is not a valid fko store (translated where a message says it).
REBUILD = N_("rebuild it with `fko data build`")

_KINDS = {
    stat.S_IFDIR: N_("a directory"),
    stat.S_IFIFO: N_("a FIFO"),
    stat.S_IFSOCK: N_("a socket"),
    stat.S_IFCHR: N_("a device"),
}


def index_path(store: Path) -> Path:
    """The index file of a store file: beside it, its suffix replaced by `.index.json`
    (fko.json -> fko.index.json; a name without a suffix gains `.index.json`)."""
    return store.with_suffix(".index.json")


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


#: The path that names standard input (`--db -`, `fko diff OLD -`), and how messages name it.
STDIN = "-"
STDIN_NAME = "<stdin>"


def _read_stdin() -> bytes:
    """A store piped into fko: standard input's bytes, at most max_bytes(); never a terminal."""
    import sys

    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError(_("a store from stdin (-) needs one piped in, e.g. fko --db - list < store.json"))
    raw = read_at_most(sys.stdin.fileno(), max_bytes())
    if raw is None:
        raise FkoError(
            _("store {path} is more than FKO_MAX_STORE_MB; raise the limit if you trust it").format(path=STDIN_NAME)
        )
    return raw


def _read(path: str) -> bytes:
    """The bytes of a regular file (or, for `-`, of standard input), at most max_bytes(); never
    blocks on a FIFO or device."""
    if path == STDIN:
        return _read_stdin()
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
                _("store {path} is {kind}, not a file; point --db at the JSON file").format(path=path, kind=_(kind))
            ) from None
        raise FkoError(
            _("store {path} cannot be read ({strerror}); check --db or FKO_DB").format(
                path=path, strerror=os_reason(exc)
            )
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), N_("not a regular file"))
            raise FkoError(
                _("store {path} is {kind}, not a file; point --db at the JSON file").format(path=path, kind=_(kind))
            )
        limit = max_bytes()
        if info.st_size > limit:
            raise FkoError(
                _(
                    "store {path} is {size} MB, more than FKO_MAX_STORE_MB={limit}; raise the limit if you trust it"
                ).format(
                    path=path,
                    size=f"{info.st_size / 2**20:.1f}",
                    limit=os.environ.get("FKO_MAX_STORE_MB") or MAX_STORE_MB,
                )
            )
        raw = read_at_most(fd, limit, info.st_size)
        if raw is None:
            raise FkoError(
                _("store {path} grew beyond FKO_MAX_STORE_MB while fko read it; {rebuild}").format(
                    path=path, rebuild=_(REBUILD)
                )
            )
        return raw
    except OSError as exc:
        raise FkoError(
            _("store {path} cannot be read ({strerror}); check --db or FKO_DB").format(
                path=path, strerror=os_reason(exc)
            )
        ) from None
    finally:
        os.close(fd)


def digest(raw: bytes) -> str:
    """The BLAKE2b checksum of a store file (from the builtin _blake2: hashlib would load OpenSSL)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python without the builtin module
        from hashlib import blake2b
    return blake2b(raw, digest_size=32).hexdigest()


def shipped_digest(raw: bytes) -> str | None:
    """The checksum of these bytes if they are the bytes of the shipped store, else None: same
    size (one stat call rules out any other store at once), then the same checksum as `fko data
    build` recorded beside it. The checksum is returned for the reader to keep: the search index
    names its store by it."""
    try:
        if os.stat(SHIPPED).st_size != len(raw):
            return None
        recorded = SHIPPED_DIGEST.read_bytes().decode("ascii").strip()  # bytes: no text codec to load
    except (OSError, UnicodeDecodeError):
        return None
    found = digest(raw)
    return found if found == recorded else None


def serialise(tables: dict[str, list[dict[str, Any]]]) -> str:
    """The TinyDB JSON layout (`{"table": {"1": {...}, ...}}`) as UTF-8 text: identical input,
    identical bytes. `meta` comes first and lists the other tables by name (written here, so
    that it always says what the file holds); the others follow in order of their names,
    indented so that a rebuild's diff is readable."""
    names = sorted(name for name in tables if name != "meta")
    parts = []
    if "meta" in tables:
        meta = [dict(row) for row in tables["meta"]]
        if meta:
            meta[0]["tables"] = names
        parts.append(("meta", meta))
    parts += [(name, tables[name]) for name in names]
    return "{\n" + ",\n".join(f" {json.dumps(name)}: {_body(rows)}" for name, rows in parts) + "\n}\n"


def _body(rows: list[dict[str, Any]]) -> str:
    data = {str(i): row for i, row in enumerate(rows, start=1)}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).replace("\n", "\n ")


def parse_trusted(raw: bytes) -> Any:
    """The shipped store's document, parsed fast and without checks: its checksum vouches for it."""
    import orjson

    return orjson.loads(raw)


class _Twice(dict[str, Any]):
    """An object of the document that wrote a key twice; `key` is the first such key."""

    key = ""


def parse(path: str, raw: bytes) -> Any:
    """The JSON document of a store file, read strictly, or an FkoError naming the file.

    Refused: bytes that are not UTF-8, text that is not JSON (truncated), NaN and Infinity,
    numbers beyond a float (1e999) or of more than 4300 digits, nesting beyond Python's
    recursion limit, and a key written twice in any object (JSON parsers keep the last,
    silently: a second table "measures" would hide the first, a second "title" the first).
    """
    try:
        text = str(raw, "utf-8")
    except UnicodeDecodeError:
        raise FkoError(_("store {path} is not UTF-8 text; {rebuild}").format(path=path, rebuild=_(REBUILD))) from None
    twice: list[_Twice] = []

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) == len(pairs):
            return found
        marked = _Twice(found)
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                marked.key = key
                break
            seen.add(key)
        twice.append(marked)
        return marked

    if not text.strip():
        if path == STDIN_NAME:
            raise FkoError(_("store <stdin> is empty: nothing was piped in; e.g. fko --db - list < store.json"))
        raise FkoError(_("store {path} is empty; {rebuild}").format(path=path, rebuild=_(REBUILD)))
    try:
        data = json.loads(text, object_pairs_hook=unique, parse_constant=_bad_constant, parse_float=_float)
    except json.JSONDecodeError as exc:
        raise FkoError(
            _("store {path} is not valid JSON (line {line}: {reason}); it may be truncated, {rebuild}").format(
                path=path, line=exc.lineno, reason=exc.msg, rebuild=_(REBUILD)
            )
        ) from None
    except ValueError as exc:
        reason = _("a number has more than 4300 digits") if "digits" in str(exc) else str(exc)
        raise FkoError(
            _("store {path} is not plain JSON ({reason}); {rebuild}").format(
                path=path, reason=reason, rebuild=_(REBUILD)
            )
        ) from None
    except RecursionError:
        raise FkoError(
            _("store {path} is nested too deeply to be an fko store; {rebuild}").format(path=path, rebuild=_(REBUILD))
        ) from None
    if twice:
        try:
            where = _where_twice(data, twice)
        except RecursionError:
            where = _("a key occurs twice in one object")
        raise FkoError(_("store {path}: {problem}; {rebuild}").format(path=path, problem=where, rebuild=_(REBUILD)))
    return data


def _where_twice(data: Any, twice: list[_Twice]) -> str:
    """Which object wrote a key twice, as `measures/IV.1: the key "title" occurs twice in one
    object`: the outermost such object of the document (an inner one may have been dropped
    with the value its key's second writing replaced)."""
    marked = {id(obj) for obj in twice}

    def inside(value: Any) -> _Twice | None:
        if id(value) in marked:
            return value  # type: ignore[no-any-return]
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        return next((found for child in children if (found := inside(child)) is not None), None)

    if id(data) in marked:
        return _("the table {name} occurs twice").format(name=json.dumps(data.key))
    for name, table in data.items() if isinstance(data, dict) else ():
        if id(table) in marked:
            return _("{table}: the document number {number} occurs twice").format(
                table=name, number=json.dumps(table.key)
            )
        for number, record in table.items() if isinstance(table, dict) else ():
            found = inside(record)
            if found is not None:
                key = NATURAL_KEYS.get(name, "")
                label = record.get(key) if isinstance(record, dict) and found.key != key else None
                where = f"{name}/{label if isinstance(label, str) and label else number}"
                return _("{where}: the key {key} occurs twice in one object").format(
                    where=where, key=json.dumps(found.key, ensure_ascii=False)
                )
    return _("a key occurs twice in one object")  # pragma: no cover - the document holds every marked object


def _bad_constant(name: str) -> Any:
    raise ValueError(_("{name} is not a number JSON allows").format(name=name))


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(_("the number {number} is too large").format(number=text[:20]))
    return value
