"""What a `/deal-status` query means: words -> the company, chip and subject names they stand for.

Pure (no database): the vocabulary comes from the watch list plus the names found on tracked
deals, and a parsed `Query` is a list of `Term`s the store turns into parameterised LIKE patterns.
Typos are forgiven with rapidfuzz ("antropic" -> Anthropic), aliases resolve ("msft" -> Microsoft).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process

from briefings.config import Watchlist

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
MAX_NGRAM = 3
FUZZY_CUTOFF = 80.0
SUGGEST_CUTOFF = 55.0
MIN_FUZZY_LEN = 4
MIN_WORD_LEN = 3
STOP_WORDS = frozenset({
    "and", "the", "with", "between", "deal", "deals", "vs", "versus", "of", "on", "for",
    "about", "any", "anything", "news", "partnership", "agreement", "what", "where", "status",
})
_WORD = re.compile(r"[^\W_]+(?:[.&'\-][^\W_]+)*")
_MARKUP = re.compile(r"<[^<>]*>")  # Slack's <!channel>, <@U123|name>, <url|label>: never a name


class Kind(StrEnum):
    """Where a name lives on a deal: parties are whole entries; chips and subjects are text."""

    COMPANY = "company"
    CHIP = "chip"
    SUBJECT = "subject"
    WORD = "word"


@dataclass(frozen=True, slots=True)
class Term:
    """One thing a deal must mention. `whole` means a whole '|'-delimited entry of search_text."""

    text: str
    label: str
    kind: Kind

    @property
    def whole(self) -> bool:
        return self.kind is Kind.COMPANY


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: the raw text (capped) and the terms it resolved to."""

    raw: str
    terms: tuple[Term, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(t.label for t in self.terms)


class Vocabulary:
    """Every name a query can resolve to, keyed by its lowercase spelling (aliases included)."""

    def __init__(self, names: dict[str, tuple[str, Kind]]) -> None:
        self._names = names
        self._keys = list(names)

    @classmethod
    def build(cls, watchlist: Watchlist, deal_names: Iterable[tuple[str, Kind]] = ()
              ) -> Vocabulary:
        """Watch-list companies and chips (with aliases) first, then names seen on deals."""
        names: dict[str, tuple[str, Kind]] = {}
        for company in watchlist.companies:
            for spelling in (company.name, *company.aliases):
                names.setdefault(spelling.lower(), (company.name, Kind.COMPANY))
        for chip in watchlist.chips:
            for spelling in (chip.name, *chip.aliases):
                names.setdefault(spelling.lower(), (chip.name, Kind.CHIP))
        for name, kind in deal_names:
            if len(name) >= 2:
                names.setdefault(name.lower(), (name, kind))
        return cls(names)

    def parse(self, text: str) -> Query:
        """Resolve the query's words, longest phrase first, then by fuzzy match; keep the rest."""
        raw = " ".join(text.split())[:MAX_QUERY_CHARS]
        plain = _MARKUP.sub(" ", raw).lower()
        words = [w for w in _WORD.findall(plain) if w not in STOP_WORDS][:MAX_WORDS]
        terms: list[Term] = []
        index = 0
        while index < len(words):
            term, used = self._resolve(words, index)
            if term is not None and term not in terms:
                terms.append(term)
            index += used
        return Query(raw=raw, terms=tuple(terms))

    def _resolve(self, words: list[str], start: int) -> tuple[Term | None, int]:
        for size in range(min(MAX_NGRAM, len(words) - start), 0, -1):
            phrase = " ".join(words[start:start + size])
            if phrase in self._names:
                return self._term(phrase), size
        word = words[start]
        fuzzy = self._fuzzy(word)
        if fuzzy is not None:
            return self._term(fuzzy), 1
        if len(word) >= MIN_WORD_LEN:
            return Term(word, word, Kind.WORD), 1
        return None, 1

    def _fuzzy(self, word: str) -> str | None:
        if len(word) < MIN_FUZZY_LEN:
            return None
        prefixed = [k for k in self._keys if k.startswith(word)]
        if prefixed:
            return min(prefixed, key=len)
        found = process.extractOne(word, self._keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return None if found is None else str(found[0])

    def _term(self, key: str) -> Term:
        name, kind = self._names[key]
        return Term(name.lower(), name, kind)

    def closest(self, text: str, limit: int = 3) -> list[str]:
        """The names nearest to what was typed, for "did you mean" (canonical, no duplicates)."""
        query = " ".join(_WORD.findall(text.lower()[:MAX_QUERY_CHARS]))
        if not query:
            return []
        found = process.extract(query, self._keys, scorer=fuzz.WRatio, limit=limit * 4,
                                score_cutoff=SUGGEST_CUTOFF)
        suggestions: list[str] = []
        for key, _score, _index in found:
            name = self._names[str(key)][0]
            if name not in suggestions:
                suggestions.append(name)
        return suggestions[:limit]

    def examples(self, limit: int = 3) -> list[str]:
        """A few names to show in usage hints."""
        return list(dict.fromkeys(name for name, _ in self._names.values()))[:limit]
