"""French numbers in words: cardinals for small counts, ordinals for titles (1 to 999)."""

from __future__ import annotations

_UNITS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
]
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def cardinal(n: int, feminine: bool = False) -> str:
    """Return n (0-999) in French words, 1990 spelling kept traditional (`vingt et un`)."""
    if not 0 <= n <= 999:
        raise ValueError(f"nombre hors limites : {n}")
    words = _below_thousand(n)
    if feminine and (words == "un" or words.endswith((" un", "-un"))):
        words += "e"
    return words


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _below_hundred(n)
    head = "cent" if hundreds == 1 else _UNITS[hundreds] + " cent"
    if not rest:
        return head + ("s" if hundreds > 1 else "")
    return head + " " + _below_hundred(rest)


def _below_hundred(n: int) -> str:
    if n <= 16:
        return _UNITS[n]
    if n < 20:
        return "dix-" + _UNITS[n - 10]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):
        base = "soixante" if tens == 7 else "quatre-vingt"
        joiner = " et " if n == 71 else "-"
        return base + joiner + _below_hundred(10 + unit)
    base = "quatre-vingt" if tens == 8 else _TENS[tens]
    if unit == 0:
        return base + ("s" if tens == 8 else "")
    return base + (" et " if unit == 1 and tens != 8 else "-") + _UNITS[unit]


def ordinal(n: int, feminine: bool = False) -> str:
    """Return the ordinal in words: `premier`, `neuvième`, `vingt et unième`, `quatre-vingtième`."""
    if n == 1:
        return "première" if feminine else "premier"
    words = cardinal(n)
    if words.endswith(("vingts", "cents")):
        words = words[:-1]
    if words.endswith("cinq"):
        return words + "uième"
    if words.endswith("neuf"):
        return words[:-1] + "vième"
    if words.endswith("e"):
        words = words[:-1]
    return words + "ième"
