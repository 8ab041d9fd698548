"""Numbers in words, 0 to 999, for any edition: cardinals for small counts, ordinals for
titles. The words and the rules the languages differ on (« vingt et un », « quatre-vingts »,
« one hundred and five ») are the `nombres` section of data/editions/<language>.yaml."""

from __future__ import annotations

from drafter.drafting.word_tables import WordTable

# The keys a words file must have (the rest are a language's own exceptions): the units 0-9
# (the hundreds are counted with them), how tens and hundreds join the rest, the ordinals'
# suffix.
_REQUIRED = (
    *(f"unites.{n}" for n in range(10)),
    "dizaine_et_reste",
    "centaines.un",
    "centaines.plusieurs",
    "centaines.et_reste",
    "ordinaux.suffixe",
)


class NumberWords:
    """The number words of one edition, composed by one set of rules."""

    def __init__(self, table: WordTable) -> None:
        words = table.required(*_REQUIRED)
        self.units, self.tens = table.numbered("unites"), table.numbered("dizaines")
        self.final_tens = table.numbered("dizaines_finales")
        self.tens_and_rest, self.hundred = words["dizaine_et_reste"], words["centaines.un"]
        self.hundreds = words["centaines.plusieurs"]
        self.hundreds_and_rest = words["centaines.et_reste"]
        self.final_hundreds = table.text("centaines.plusieurs_finales", self.hundreds)
        self.final_hundred = table.text("centaines.un_final", self.hundred)
        self.hundreds_forms = table.numbered("centaines.formes")
        self.tens_and_unit = table.text("et.forme", self.tens_and_rest)
        self.and_after, self.and_before = table.numbers("et.apres"), table.numbers("et.devant")
        self.feminine = table.table("feminins")
        self.suffix = words["ordinaux.suffixe"]
        self.endings = table.table("ordinaux.finales")
        self.last_words = table.table("ordinaux.mots")
        self.first = table.numbered("ordinaux.nombres")
        self.first_feminine = table.numbered("ordinaux.nombres_feminins")
        self.table = table
        # each number is written once per run: the titles and counts ask again and again
        self.written: dict[tuple[str, int, bool], str] = {}

    def cardinal(self, n: int, feminine: bool = False) -> str:
        """Return n (0-999) in words, agreeing with a feminine noun if asked (« vingt et une »)."""
        found = self.written.get(("cardinal", n, feminine))
        if found is None:
            found = self.written["cardinal", n, feminine] = self._cardinal(n, feminine)
        return found

    def ordinal(self, n: int, feminine: bool = False) -> str:
        """Return the ordinal in words, lowercase: `premier`, `vingt et unième`, `twelfth`."""
        found = self.written.get(("ordinal", n, feminine))
        if found is None:
            found = self.written["ordinal", n, feminine] = self._ordinal(n, feminine)
        return found

    def _cardinal(self, n: int, feminine: bool) -> str:
        _check(n)
        words = self._words(n, final=True)
        return _last_word_replaced(words, self.feminine) if feminine else words

    def _ordinal(self, n: int, feminine: bool) -> str:
        _check(n)
        whole = (self.first_feminine if feminine else {}).get(n) or self.first.get(n)
        if whole is not None:
            return whole
        words = self._words(n, final=False)
        replaced = _last_word_replaced(words, self.last_words)
        if replaced != words:
            return replaced
        ending = next((e for e in self.endings if words.endswith(e)), "")
        return words[: len(words) - len(ending)] + self.endings.get(ending, self.suffix)

    def _words(self, n: int, final: bool) -> str:
        """Return n in words; `final`: nothing follows (« deux cents », not « deux centième »)."""
        hundreds, rest = divmod(n, 100)
        if not hundreds:
            return self._below_hundred(n, final)
        if not rest:
            return self._hundreds(hundreds, final)
        head, tail = self._hundreds(hundreds, False), self._below_hundred(rest, final)
        return self.hundreds_and_rest.format(centaines=head, reste=tail)

    def _hundreds(self, hundreds: int, final: bool) -> str:
        """Return « cent », « deux cents », « quinientos »: the hundreds, alone when final."""
        if hundreds == 1:
            return self.final_hundred if final else self.hundred
        if hundreds in self.hundreds_forms:
            return self.hundreds_forms[hundreds]
        pattern = self.final_hundreds if final else self.hundreds
        return pattern.format(n=self.units[hundreds])

    def _below_hundred(self, n: int, final: bool) -> str:
        if n in self.units:
            return self.units[n]
        base = max((t for t in self.tens if t <= n), default=None)
        if base is None:
            raise self.table.missing(f"dizaines.{n // 10 * 10}")
        rest = n - base
        if not rest:
            return (self.final_tens if final else self.tens).get(base, self.tens[base])
        joined = base in self.and_after and rest in self.and_before
        pattern = self.tens_and_unit if joined else self.tens_and_rest
        return pattern.format(dizaine=self.tens[base], reste=self._below_hundred(rest, final))


def _check(n: int) -> None:
    if not 0 <= n <= 999:
        raise ValueError(f"nombre hors limites : {n}")


def _last_word_replaced(words: str, table: dict[str, str]) -> str:
    """Return the words with the last one (after a space or a hyphen) replaced from the table."""
    cut = max(words.rfind(" "), words.rfind("-")) + 1
    return words[:cut] + table.get(words[cut:], words[cut:])
