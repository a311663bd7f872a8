"""Numbers and counts as fko writes them for people: the German way (1.234.567, 5,5 Mio. €)."""

from __future__ import annotations

#: The spaces that bind a number to its unit or qualifier, where a line must not break:
#: "ca. 11", "rund 1", "11 Mio.", "Mio. €", "2.500 €", "81,0 %". A pattern, compiled by `re` when
#: a view for people first wraps a line (records and CSV never do).
BINDS = r"(?:(?<=\bca\.)|(?<=\brund)) (?=\d)|(?<=\d) (?=(?:Mio\.|Mrd\.|€|%))|(?<=Mio\.) (?=€)|(?<=Mrd\.) (?=€)"


def count(n: int, noun: str, singular: str | None = None) -> str:
    """ "1 measure", "2 measures": `noun` is the plural; for 1 its first word loses the plural
    ending, unless `singular` says how it reads."""
    if n != 1:
        return f"{n} {noun}"
    if singular is not None:
        return f"1 {singular}"
    first, _, rest = noun.partition(" ")
    one = _SINGULAR.get(first, first[:-1] if first.endswith("s") else first)
    return f"1 {one}{' ' + rest if rest else ''}"


_SINGULAR = {"hits": "hit", "matches": "match", "entries": "entry", "changes": "change", "facts": "fact"}


def german_number(value: float, decimals: int = 0) -> str:
    """1234567 -> "1.234.567"; 10.1 with decimals=1 -> "10,1"."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def euro_text(
    amount: int | None, approximate: bool = False, basis: str | None = None, qualifier: str | None = None
) -> str:
    """An amount as the report writes it: "ca. 5,5 Mio. €", "rund 1 Mrd. €", "850.000 €", "10,1 Mio. €/Jahr"
    (the report's own qualifier where one is given, else "ca." for an approximate amount)."""
    if amount is None:
        return ""
    if amount >= 1_000_000_000 and amount % 100_000_000 == 0:
        shown = f"{german_number(amount / 1_000_000_000, 1).removesuffix(',0')} Mrd. €"
    elif amount >= 1_000_000 and amount % 100_000 == 0:
        shown = f"{german_number(amount / 1_000_000, 1).removesuffix(',0')} Mio. €"
    else:
        shown = f"{german_number(amount)} €"
    prefix = f"{qualifier} " if qualifier else "ca. " if approximate else ""
    return prefix + shown + ("/Jahr" if basis == "per_year" else "")


def quantity_text(quantity: float | None, unit: str | None, basis: str | None = None) -> str:
    if quantity is None:
        return ""
    number = german_number(quantity, 0 if float(quantity).is_integer() else 1)
    return f"{number} {unit or ''}".strip() + ("/Jahr" if basis == "per_year" else "")


def euro_exact(amount: int | None) -> str:
    """A sum, to the euro: "47.778.933 €"."""
    return "" if amount is None else f"{german_number(amount)} €"
