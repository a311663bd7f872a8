"""The German catalog: extract fko's texts, merge them into fko.po, compile fko.mo, and check it.

    python -m tests.i18n.catalog          # after changing texts: add the new ones to fko.po
                                          # (empty, for the translator), drop the gone ones,
                                          # compile fko.mo; then translate and run it again
    python -m tests.i18n.catalog --check  # what CI checks (tests/i18n/test_catalog.py)

The texts are those the code marks (`_`, `ngettext`, `N_`: extracted by Babel), those Typer
turns into help (every command's help and its options' help and metavars: read from the built
commands, as `fko.cli._prepare` translates them) and the descriptions of the JSON Schema that
`fko schema` shows (read from the schema, as `fko.model.schema.schema_text` translates them).
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

import fko
from fko import cli
from fko.i18n import DOMAIN, LOCALE

PACKAGE = Path(fko.__file__).parent
PO = LOCALE / "de" / "LC_MESSAGES" / f"{DOMAIN}.po"
MO = PO.with_suffix(".mo")

KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}

Message = str | tuple[str, str]


def marked() -> Iterator[tuple[Message, str]]:
    """The texts the code marks for translation, each with where it is (file:line)."""
    for filename, line, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        yield message, f"fko/{filename}:{line}"


def _help_of(command: Any, where: str) -> Iterator[tuple[Message, str]]:
    for name in ("help", "short_help"):
        text = getattr(command, name, None)
        if text:
            yield text, where
    for param in command.params:
        if getattr(param, "help", None):
            yield param.help, f"{where} {param.opts[0] if param.opts else param.name}"
        if getattr(param, "metavar", None):
            yield param.metavar, f"{where} {param.opts[0] if param.opts else param.name} (metavar)"
    for name, sub in getattr(command, "commands", {}).items():
        yield from _help_of(sub, f"{where} {name}")


def help_texts() -> Iterator[tuple[Message, str]]:
    """The help Typer makes of fko's commands and options, in English: the catalog's keys."""
    import typer

    yield cli.APP_HELP, "fko --help"
    yield from _help_of(typer.main.get_command(cli.build()), "fko")
    for name, summary in cli.SUMMARIES.items():
        yield summary, f"fko --help ({name})"
    for name in cli.COMMANDS:
        yield from _help_of(cli._built(name), f"fko {name}")


def schema_texts() -> Iterator[tuple[Message, str]]:
    """The descriptions `fko schema` shows (the schema's, each type's, each key's), in English."""
    from fko.model.schema import json_schema, schema_texts

    for text in schema_texts(json_schema()):
        yield text, "fko schema"


#: The keys of store records (and of their budget items) that hold fko's own words on the data;
#: every other text of the store is the sources' (quotes, titles, German wording: never translated).
NOTE_KEYS = ("note", "inference", "date_note")

DATA = PACKAGE / "data"


def _authored_in(text: str) -> str:
    """The data file a note is written in (the first that holds it), else the build's code."""
    for name in ("curation.toml", "facts.toml", "synonyms.toml", "english.toml"):
        content = (DATA / name).read_text(encoding="utf-8")
        if text in content or json.dumps(text, ensure_ascii=False)[1:-1] in content:
            return f"fko/data/{name}"
    return "fko/ingest (the build)"


def data_texts() -> Iterator[tuple[Message, str]]:
    """fko's own English words on the data as the shipped store and its index hold them: each
    record's note, inference and date note (also of budget items), each synonym's reason and
    each glossary note."""
    from fko.store.fileformat import SHIPPED, index_path

    store = json.loads(SHIPPED.read_text(encoding="utf-8"))
    found: list[str] = []
    for table in store.values():
        for record in table.values() if isinstance(table, dict) else ():
            if not isinstance(record, dict):
                continue
            budget = record.get("budget")
            items = budget.get("items", []) if isinstance(budget, dict) else []
            found += [r[k] for r in (record, *items) for k in NOTE_KEYS if isinstance(r.get(k), str) and r[k]]
    index = json.loads(index_path(SHIPPED).read_text(encoding="utf-8"))["index"]
    for entry in [*index["synonym_entries"], *index["glossary_entries"]]:
        found.append(entry.split("\t")[1])  # "kind<TAB>reason<TAB>word..." and "English<TAB>note<TAB>word..."
    for text in dict.fromkeys(found):
        if text:
            yield text, _authored_in(text)


def texts() -> dict[Message, list[str]]:
    """Every text fko shows to people, with where it comes from."""
    found: dict[Message, list[str]] = {}
    for message, where in [*marked(), *help_texts(), *schema_texts(), *data_texts()]:
        if message:  # gettext's "" is the catalog's header
            found.setdefault(message, []).append(where)
    return found


def template() -> Catalog:
    catalog = Catalog(project="fko", version=fko.__version__, charset="utf-8", fuzzy=False)
    for message, places in texts().items():
        locations = [(where.partition(":")[0], int(where.partition(":")[2] or 0)) for where in places]
        catalog.add(message, locations=locations, flags=_flags(message))
    return catalog


def _flags(message: Message) -> list[str]:
    text = message if isinstance(message, str) else message[0]
    return ["python-brace-format"] if re.search(r"\{\w*\}", text) else []


def read() -> Catalog:
    with PO.open("rb") as file:
        return read_po(file, locale="de", domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _entries(mo: bytes) -> dict[Any, Any]:
    """The translations a compiled catalog holds (its header aside: it names Babel's version)."""

    def hashable(value: Any) -> Any:
        return tuple(value) if isinstance(value, list | tuple) else value

    return {hashable(m.id): hashable(m.string) for m in read_mo(io.BytesIO(mo)) if m.id}


def _placeholders(text: str) -> list[str]:
    return sorted(set(re.findall(r"\{(\w*)[^{}]*\}", text)))


def problems() -> list[str]:
    """What is wrong with the catalog, one line each: a text of fko's missing or untranslated,
    a fuzzy entry, an entry no longer used, a translation with other {placeholders} than its
    English, and a fko.mo that is not the compiled fko.po."""
    wanted = texts()
    catalog = read()
    out = []
    for message, places in wanted.items():
        entry = catalog.get(message)
        shown = message if isinstance(message, str) else message[0]
        if entry is None:
            out.append(f"not in the catalog: {shown!r} ({places[0]})")
        elif entry.fuzzy:
            out.append(f"fuzzy: {shown!r} ({places[0]})")
        elif not entry.string or (isinstance(entry.string, tuple) and not all(entry.string)):
            out.append(f"not translated: {shown!r} ({places[0]})")
        else:
            english = message if isinstance(message, tuple) else (message,)
            german = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            for text in german:
                if _placeholders(text) != _placeholders(english[-1]):
                    out.append(f"placeholders differ: {shown!r} -> {text!r}")
    for entry in catalog:
        if entry.id and entry.id not in wanted:
            shown = entry.id if isinstance(entry.id, str) else entry.id[0]
            out.append(f"no longer used (remove it): {shown!r}")
    if catalog.obsolete:
        out.append(f"{len(catalog.obsolete)} obsolete entries (#~): remove them")
    if not MO.exists() or _entries(MO.read_bytes()) != _entries(compiled(catalog)):
        out.append(f"{MO.name} is not the compiled {PO.name}: run python -m tests.i18n.catalog")
    return out


HEADER = """German texts of fko, the command-line tool for the Fachkräfteoffensive NRW.
The English text of each entry is the key; the German replaces it word for word where fko shows it.
Keep every {placeholder}; "\\b" starts a block Click prints unwrapped (examples). The report's
own terms: Maßnahme, Cluster, Ressort, Laufzeit, Geplante Mittel, Partner in der Umsetzung, Ziel,
Internetpräsenz, Quelle; läuft, geplant, beendet, unbekannt, erwartet; abgeleitet, Annahme.
After editing: python -m tests.i18n.catalog (compiles fko.mo), then the tests."""


def update() -> None:
    """Merge the texts into fko.po (new ones empty, gone ones dropped) and compile fko.mo."""
    catalog = read() if PO.exists() else Catalog(locale="de", domain=DOMAIN)
    created = catalog.creation_date
    catalog.update(template(), no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.header_comment = "\n".join(f"# {line}".rstrip() for line in HEADER.splitlines())
    catalog.fuzzy = False
    catalog.project, catalog.version = "fko", "2"
    catalog.msgid_bugs_address = "the fko issue tracker"
    catalog.language_team = "the fko authors"
    catalog.last_translator = "the fko authors"
    catalog.creation_date = catalog.revision_date = created  # no churn: the history is in git
    PO.parent.mkdir(parents=True, exist_ok=True)
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=False, include_previous=False, include_lineno=False)
    PO.write_bytes(out.getvalue())
    MO.write_bytes(compiled(read()))


if __name__ == "__main__":
    if "--check" in sys.argv[1:]:
        found = problems()
        print("\n".join(found) or "the catalog is complete")
        sys.exit(1 if found else 0)
    update()
    left = [p for p in problems() if not p.startswith(f"{MO.name} ")]
    print(f"{PO}: {len(left)} to do" + "".join(f"\n  {p}" for p in left[:50]))
