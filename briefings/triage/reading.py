"""A story read once: its text, sentence spans (the title is sentence 0) and every phrase hit."""

from __future__ import annotations

import re
from typing import Final, final

from briefings.triage.matcher import Hit, Matcher, Raw
from briefings.triage.text import fold, sentences
from briefings.triage.vocab import BITS, FAMILIES, NUMBERS

TITLE: Final = 0
_LOWER_WORD: Final = re.compile(r" [a-z][\w'-]{3}")  # a literal start: the regex engine skips ahead
_LOWER_FIRST: Final = re.compile(r"[a-z][\w'-]{3}")


@final
class Reading:
    """Hits grouped by sentence and by family, so each rule asks one cheap question; `kinds`
    holds each sentence's families as bits (vocab.BITS). `folded` is the text lower-cased, same
    offsets: patterns that ignore case match it in lower case, about twice as fast as with
    re.IGNORECASE. A plain class: compiled, its fields are read without a lookup and it is built
    without Python code."""

    __slots__ = ("by_family", "by_sentence", "folded", "kinds", "spans", "stop", "text")

    def __init__(self, text: str, spans: list[tuple[int, int]], by_sentence: list[list[Hit]],
                 by_family: list[list[Hit] | None], kinds: list[int]) -> None:
        self.text = text
        self.folded = fold(text)
        self.spans = spans
        self.by_sentence = by_sentence
        self.by_family = by_family
        self.kinds = kinds
        self.stop = -1  # where the headline's main clause ends, once parties.main_clause_end asks

    def has(self, index: int, family: str) -> bool:
        """Does sentence `index` hold a hit of `family`? (The rules ask this a lot.)"""
        return self.kinds[index] & BITS[family] != 0

    def has_any(self, index: int, families: int) -> bool:
        """Does sentence `index` hold a hit of any family in `families` (a vocab.mask)?"""
        return self.kinds[index] & families != 0

    def family(self, name: str) -> list[Hit]:
        """The hits of one family, in text order."""
        return self.by_family[NUMBERS[name]] or []

    def lead(self, first: int, last: int) -> range:
        """Sentence indexes first..last that the story has."""
        return range(first, min(len(self.spans), last + 1))

    def sentence(self, index: int) -> str:
        start, end = self.spans[index]
        return self.text[start:end]



def joined(title: str, body: str) -> str:
    """The one string a story is matched in: title, newline, body."""
    return f"{title}\n{body}" if body else title


def read(matcher: Matcher, title: str, text: str, raw: list[Raw] | None = None) -> Reading:
    """Read `text`, the story's `joined(title, body)`, in one matcher pass (or reuse that
    pass's `raw`)."""
    spans = [(0, len(title)), *sentences(text, len(title) + 1)]
    hits = matcher.hits(matcher.scan(text) if raw is None else raw, text)
    if len(text) > len(title):  # a headline alone is all the evidence there is
        hits = _title_case_homonyms(hits, text, len(title), matcher)
    by_sentence, by_family, kinds = _file(hits, [end for _, end in spans])
    return Reading(text, spans, by_sentence, by_family, kinds)


def _title_case_homonyms(hits: list[Hit], text: str, title_end: int,
                         matcher: Matcher) -> list[Hit]:
    """In a headline that capitalises every word ("Apple Growers Sign Deal"), a name that is an
    ordinary word save for its capital proves nothing by its case; when the body uses that word
    in lower case ("apple growers") and never names the company or chip, it is the word."""
    suspects = []
    for hit in hits:  # in text order: the headline's hits come first
        if hit.end > title_end:
            break
        if hit.label in matcher.capitalised_labels and text[
                hit.start:hit.end] in matcher.capitalised:
            suspects.append(hit)
    if not suspects or not _title_cased(text[:title_end]):
        return hits
    in_body = {h.label for h in hits if h.start > title_end}
    dropped = {h for h in suspects if h.label not in in_body and re.search(
        rf"\b{re.escape(text[h.start:h.end].lower())}\b", text[title_end:])}
    return [h for h in hits if h not in dropped] if dropped else hits


def _title_cased(title: str) -> bool:
    """Does a headline of three words or more start every word of four letters with a capital?"""
    return (title.count(" ") >= 2 and _LOWER_WORD.search(title) is None
            and _LOWER_FIRST.match(title) is None)


def _file(hits: list[Hit], ends: list[int]) -> tuple[
        list[list[Hit]], list[list[Hit] | None], list[int]]:
    """Hits (in text order) filed by sentence, by family, and families by sentence, in one
    sweep; each hit learns its sentence."""
    by_sentence: list[list[Hit]] = [[] for _ in ends]
    kinds = [0] * len(ends)
    by_family: list[list[Hit] | None] = [None] * len(FAMILIES)  # by family number
    index, end, last = 0, ends[0], len(ends) - 1
    sentence, families = by_sentence[0], 0
    for hit in hits:
        if hit.start >= end and index < last:
            kinds[index] = families
            while hit.start >= end and index < last:
                index += 1
                end = ends[index]
            sentence, families = by_sentence[index], 0
        hit.sentence = index
        sentence.append(hit)
        families |= 1 << hit.kind
        filed = by_family[hit.kind]
        if filed is None:
            by_family[hit.kind] = [hit]
        else:
            filed.append(hit)
    kinds[index] = families
    return by_sentence, by_family, kinds
