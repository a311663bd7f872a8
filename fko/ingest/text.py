"""Line model and line-break repair for text extracted from PDFs.

The exports put a blank line between every printed line, mark paragraph ends with a line
holding only spaces, and hyphenate words across lines.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

# Words after which "Nach- bzw." keeps its suspended hyphen and a space.
_CONJUNCTIONS = frozenset({"und", "oder", "bzw.", "sowie", "bis", "als", "u.", "bzw"})
_SENTENCE_END = (".", "!", "?", ":", "“", '"')
_TABLE_ROW = re.compile(r"^(?:.*\S\s+)?\d[\d.]*(?:\s+\d[\d.]*)+$")
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
URL_START = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)
#: A line that opens a labelled item of a list the report prints one per line: "AG 2: Gute
#: Ausbildung", "Berufsfachschule Ingenieurtechnik: Absolventinnen …", "Fachoberschule Polizei (…):".
_LABELLED_ITEM = re.compile(r"^(?:AG \d+|[A-ZÄÖÜ][\wäöüß-]+(?: [A-ZÄÖÜ][\wäöüß-]+)?)(?: \([^)]*\)+)?: ")
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
#: Width up to which a printed body line would have taken one more word.
BODY_WIDTH = 80
#: Width of the value column in the label/value blocks of the report.
VALUE_WIDTH = 62


@dataclasses.dataclass(frozen=True)
class Line:
    """One printed line: its text without the outer spaces, and what follows it."""

    text: str
    number: int  # 1-based line number in the source file
    para_end: bool = False  # a line of spaces followed (a paragraph break)
    hard_end: bool = False  # the line ended in two or more spaces


def load_lines(raw: str) -> list[Line]:
    """Turn extracted text into printed lines, dropping stray page numbers."""
    out: list[Line] = []
    for number, line in enumerate(raw.split("\n"), start=1):
        if line == "":
            continue
        text = line.strip()
        if not text or _PAGE_NUMBER.match(text):
            if out:  # a line of spaces, and a page number too, ends the paragraph before it
                out[-1] = dataclasses.replace(out[-1], para_end=True)
            continue
        out.append(Line(text, number, hard_end=line.endswith("  ")))
    return out


def inline_words(lines: Iterable[Line]) -> frozenset[str]:
    """Hyphenated words printed within one line: evidence that a hyphen is real."""
    words: set[str] = set()
    for line in lines:
        for token in line.text.split()[:-1] if line.text.endswith("-") else line.text.split():
            token = token.strip(".,;:()„“\"'").casefold()
            if "-" in token.strip("-"):
                words.add(token)
    return frozenset(words)


def join_two(left: str, right: str, known: frozenset[str] = frozenset()) -> str:
    """Join two printed lines, repairing a hyphenation at the break.

    "vor-" + "gestellten" -> "vorgestellten"; "Fach-" + "und" -> "Fach- und";
    "(ESF-" + "JTF)" -> "(ESF-JTF)"; "und -" + "gründung" -> "und -gründung".
    A lower-case continuation keeps its hyphen when the document prints that hyphenated
    word elsewhere within a line ("online-basierte").
    """
    if not left:
        return right
    if not right:
        return left
    if not left.endswith("-") or left.endswith("--"):
        return f"{left} {right}"
    first = right.split()[0]
    if left.endswith(" -") or left == "-":
        return left + right
    if first.casefold() in _CONJUNCTIONS or first.startswith(("(", "„", '"')):
        return f"{left} {right}"
    if not first[0].isalpha() or first[0].isupper():
        return left + right
    stem = left.split()[-1]
    hyphenated = (stem + first).strip(".,;:()„“\"'").casefold()
    if hyphenated in known:
        return left + right
    return left[:-1] + right


def join_lines(texts: Sequence[str], known: frozenset[str] = frozenset()) -> str:
    """Join wrapped lines of one paragraph into one string."""
    out = ""
    for text in texts:
        out = join_two(out, text.strip(), known)
    return out


def is_table_row(text: str) -> bool:
    """A printed table row: text followed by two or more numbers ("... 79 42")."""
    return bool(_TABLE_ROW.match(text))


def is_bare_url(text: str) -> bool:
    return bool(_BARE_URL.match(text))


def is_list_item(text: str) -> bool:
    return text.startswith(("• ", "- ", "– ")) and len(text) > 2


def _ends_logical_line(line: Line, following: Line | None, in_item: bool) -> bool:
    """True where a printed line ends a logical line (a paragraph, list item or table row)."""
    if line.para_end or following is None:
        return True
    if is_table_row(line.text) or is_table_row(following.text) or is_list_item(following.text):
        return True
    if line.text.endswith(":") and _LABELLED_ITEM.match(following.text):
        return True  # "… drei Arbeitsgruppen:" before "AG 1: …"
    if _LABELLED_ITEM.match(following.text) and (_LABELLED_ITEM.match(line.text) or line.text.endswith(_SENTENCE_END)):
        return True  # one labelled item ends where the next begins
    # The next word would have fitted on this line, so the break was set on purpose.
    fits = len(line.text) + 1 + len(following.text.split()[0]) <= BODY_WIDTH
    if _LABELLED_ITEM.match(line.text) and fits and following.text[:1].isupper():
        return True  # a short labelled item ("AG 3: Gute Beschäftigung") before the text goes on
    if in_item:
        return fits
    if not line.text.endswith(_SENTENCE_END):
        return False
    return line.hard_end or fits


def paragraphs(lines: Sequence[Line], known: frozenset[str] = frozenset()) -> list[str]:
    """Group body lines into paragraphs ("\\n\\n" between them when joined).

    List items and table rows stay on lines of their own within their paragraph.
    """
    paras: list[str] = []
    block: list[str] = []
    current: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        in_item = is_list_item(current[0] if current else line.text)
        current.append(line.text)
        if not _ends_logical_line(line, following, in_item):
            continue
        block.append(join_lines(current, known))
        current = []
        keeps_block = following is not None and (
            is_table_row(line.text) or is_table_row(following.text) or is_list_item(following.text)
        )
        if line.para_end or not keeps_block:
            paras.append("\n".join(block))
            block = []
    if current:
        block.append(join_lines(current, known))
    if block:
        paras.append("\n".join(block))
    return paras


def join_url_lines(texts: Sequence[str]) -> list[str]:
    """Rejoin URLs that the export broke over lines; other lines are returned unchanged.

    A URL continues on the next line when it ends in a character a URL breaks after
    ("-", "/", "_", "=", "&", "?", ".") or filled the value column, and the next line
    starts with a URL-like token.
    """
    out: list[str] = []
    printed = ""  # the last printed line, before any joining
    for text in texts:
        text = text.strip()
        tail = out[-1].split()[-1] if out and out[-1].split() else ""
        head = text.split()[0] if text else ""
        if (
            URL_START.match(tail)
            and re.fullmatch(r"[\w./~%?=&#+:-]+", head)
            and not URL_START.match(head)
            and (
                tail.endswith(("-", "/", "_", "=", "&", "?", "."))
                or (len(printed) >= VALUE_WIDTH and head[0].islower())
            )
        ):
            out[-1] += text
        else:
            out.append(text)
        printed = text
    return out


def find_urls(text: str) -> list[str]:
    """URLs in order of appearance, without trailing punctuation, without duplicates."""
    seen: list[str] = []
    for match in re.finditer(r"(?:https?://|www\.)[^\s<>()]+", text, re.IGNORECASE):
        url = match.group(0).rstrip(".,;:")
        if url not in seen:
            seen.append(url)
    return seen
