"""fko's words in the reader's language: English as the code writes it (the catalog's key, so
English runs read no catalog), German from fko/locale/de/LC_MESSAGES/fko.po (compiled to fko.mo).

The language is a context variable set by the command line's boundary (`speaking`), not a module
global: tests run both languages in one process. Every text is translated when it is shown."""

from __future__ import annotations

import contextlib
import contextvars
import errno
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gettext import GNUTranslations

#: The languages fko speaks; English is the code's own.
LANGUAGES = ("en", "de")

#: The compiled catalogs, one folder per language (gettext's layout: de/LC_MESSAGES/fko.mo).
LOCALE = Path(__file__).parent / "locale"

DOMAIN = "fko"

_catalog: contextvars.ContextVar[GNUTranslations | None] = contextvars.ContextVar("fko_catalog", default=None)
_language: contextvars.ContextVar[str] = contextvars.ContextVar("fko_language", default="en")

#: Each catalog once per process (a test runs many commands in German).
_loaded: dict[str, GNUTranslations] = {}


def gettext(message: str) -> str:
    """`message` (English, as written in the code) in the run's language."""
    catalog = _catalog.get()
    return message if catalog is None or not message else catalog.gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for `n` things, in the run's language."""
    catalog = _catalog.get()
    if catalog is None:
        return singular if n == 1 else plural
    return catalog.ngettext(singular, plural, n)


def data_note(text: str | None) -> str:
    """fko's own words on the data (a note, an inference, a synonym's reason: English, as the data
    files and the store hold them) in the run's language; "" for none.

    The catalog holds them beside the code's texts (tests/i18n/catalog.py reads them from the
    shipped store), and `--json` keeps the stored English. The source's quoted words inside them
    stay as they are; a note of another store that the catalog lacks is shown as stored."""
    return gettext(text) if text else ""


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for it)
    """Mark a text for the catalog where it is defined (a column header); it is translated
    where it is shown, with `_`."""
    return message


#: The machine's usual refusals by errno, in Linux's English words: the catalog's keys for other
#: languages. English shows the OS's own words; the number, not the words, picks the text.
_OS_REASONS = {
    getattr(errno, name): text
    for name, text in (
        ("ENOSPC", N_("No space left on device")),
        ("EDQUOT", N_("Disk quota exceeded")),
        ("EFBIG", N_("File too large")),
        ("EACCES", N_("Permission denied")),
        ("EPERM", N_("Operation not permitted")),
        ("ENOENT", N_("No such file or directory")),
        ("EISDIR", N_("Is a directory")),
        ("ENOTDIR", N_("Not a directory")),
        ("ENOTEMPTY", N_("Directory not empty")),
        ("EROFS", N_("Read-only file system")),
        ("EEXIST", N_("File exists")),
        ("ENAMETOOLONG", N_("File name too long")),
        ("ELOOP", N_("Too many levels of symbolic links")),
        ("EBUSY", N_("Device or resource busy")),
        ("ETXTBSY", N_("Text file busy")),
        ("EIO", N_("Input/output error")),
        ("EMFILE", N_("Too many open files")),
        ("ENFILE", N_("Too many open files in system")),
        ("EXDEV", N_("Invalid cross-device link")),
        ("ENXIO", N_("No such device or address")),
        ("ENODEV", N_("No such device")),
        ("ESTALE", N_("Stale file handle")),
        ("EPIPE", N_("Broken pipe")),
        ("EAGAIN", N_("Resource temporarily unavailable")),
        ("ENOMEM", N_("Cannot allocate memory")),
        ("EBADF", N_("Bad file descriptor")),
        ("EINVAL", N_("Invalid argument")),
    )
    if hasattr(errno, name)  # a system without one (Windows has no ETXTBSY) never raises it
}


def os_reason(exc: BaseException) -> str:
    """Why the machine refused (an OSError's strerror, else the error's text) for a message: the
    OS's own words in English, the catalog's for a common errno in another language."""
    reason = getattr(exc, "strerror", None) or str(exc)
    number = getattr(exc, "errno", None)
    if _catalog.get() is None or number not in _OS_REASONS:
        return reason
    return gettext(_OS_REASONS[number])


def german() -> bool:
    return _language.get() == "de"


@contextlib.contextmanager
def speaking(chosen: str) -> Iterator[None]:
    """Speak `chosen` (one of LANGUAGES) inside the block: the catalog is read here, on first use
    (an install without it speaks English)."""
    catalog = None if chosen == "en" else _load(chosen)
    if catalog is None:
        chosen = "en"
    language_token = _language.set(chosen)
    catalog_token = _catalog.set(catalog)
    try:
        yield
    finally:
        _catalog.reset(catalog_token)
        _language.reset(language_token)


def in_english(text: Callable[[Any], str], value: Any) -> str:
    """`text(value)` in English whatever the run's language: a text a CSV column holds (the
    same in both languages, like the JSON) that a table shows in the reader's language."""
    with speaking("en"):
        return text(value)


def _load(chosen: str) -> GNUTranslations | None:
    if chosen not in _loaded:
        from gettext import GNUTranslations

        try:
            with open(LOCALE / chosen / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as file:
                _loaded[chosen] = GNUTranslations(file)
        except OSError:
            return None
    return _loaded[chosen]


def _code(value: str) -> str:
    """The language of a locale name: "de_DE.UTF-8" -> "de", "C.UTF-8" -> "c", "EN" -> "en"."""
    code = value.strip().lower()
    for separator in "_.@-":
        code = code.partition(separator)[0]
    return code


def choose(asked: str | None, environ: Mapping[str, str]) -> tuple[str, str | None]:
    """The language of a run, and a note (English) when the one asked for is not one fko speaks.

    `--lang` (`asked`) decides, else FKO_LANG, else the locale: German when it names German,
    English otherwise. The locale is gettext's: LANGUAGE (a list, first one fko speaks), unless
    LC_ALL, LC_MESSAGES or LANG (the first one set) is C or POSIX; then that one.
    """
    if asked is None:
        asked = environ.get("FKO_LANG") or None
    if asked is not None:
        if _code(asked) in LANGUAGES:
            return _code(asked), None
        return "en", f"fko speaks en and de, not '{asked}'; this is English (--lang de for German)"
    locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    if _code(locale) in ("c", "posix"):
        return "en", None
    for part in environ.get("LANGUAGE", "").split(":"):
        if _code(part) in LANGUAGES:
            return _code(part), None
    return ("de" if _code(locale) == "de" else "en"), None


_ISO_DAY = r"(\d{4})-(\d\d)-(\d\d)"  # patterns, compiled by `re` when a German view first shows a date
_ISO_MONTH = r"(\d{4})-(\d\d)"


def date(value: object) -> str:
    """A date as the reader writes it: ISO (2024-06-01, 2024-06) in English, 01.06.2024 and
    06/2024 in German; a year, or any other text, as it is."""
    text = "" if value is None else str(value)
    if _language.get() != "de":
        return text
    if day := re.fullmatch(_ISO_DAY, text):
        return f"{day[3]}.{day[2]}.{day[1]}"
    if month := re.fullmatch(_ISO_MONTH, text):
        return f"{month[2]}/{month[1]}"
    return text


def dates(text: str) -> str:
    """Every ISO date inside a text as the reader writes it (see `date`)."""
    if _language.get() != "de":
        return text
    text = re.sub(r"(?<![\d-])(\d{4})-(\d\d)-(\d\d)(?![\d-])", r"\3.\2.\1", text)
    return re.sub(r"(?<![\d./-])(\d{4})-(\d\d)(?![\d-])", r"\2/\1", text)
