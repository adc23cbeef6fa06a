"""A story read once: its text, sentence spans (the title is sentence 0) and every phrase hit."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Final

from briefings.triage.matcher import Hit, Matcher, Raw
from briefings.triage.text import fold, sentences
from briefings.triage.vocab import FAMILIES

TITLE: Final = 0
_LOWER_WORD: Final = re.compile(r" [a-z][\w'-]{3}")  # a literal start: the regex engine skips ahead
_LOWER_FIRST: Final = re.compile(r"[a-z][\w'-]{3}")
SUBJECT_REACH: Final = 8  # "Baidu sources", "Baidu to source", "Baidu will source"
SOURCE_VERBS: Final = frozenset({"sources"})  # the source cue a buying verb can be
_FROM: Final = re.compile(r"(?: [^ .,;]+){1,5}? from ")  # folded: " ai chips from "


@dataclass(slots=True)
class Reading:
    """Hits grouped by sentence and by family, so each rule asks one cheap question. `folded`
    is the text lower-cased, same offsets: patterns that ignore case match it in lower case,
    about twice as fast as with re.IGNORECASE. `stop` is where the headline's main clause ends,
    once parties.main_clause_end has asked (-1 until then)."""

    text: str
    folded: str
    spans: list[tuple[int, int]]
    by_sentence: list[list[Hit]]
    by_family: dict[str, list[Hit]]
    families: list[frozenset[str]]  # the families each sentence holds
    stop: int = -1

    def has(self, index: int, family: str) -> bool:
        """Does sentence `index` hold a hit of `family`?"""
        return _known(family) in self.families[index]

    def has_any(self, index: int, families: frozenset[str]) -> bool:
        """Does sentence `index` hold a hit of any family in `families` (a vocab.mask)?"""
        return not self.families[index].isdisjoint(families)

    def family(self, name: str) -> list[Hit]:
        """The hits of one family, in text order."""
        return self.by_family.get(_known(name), [])

    def lead(self, first: int, last: int) -> range:
        """Sentence indexes first..last that the story has."""
        return range(first, min(len(self.spans), last + 1))

    def sentence(self, index: int) -> str:
        start, end = self.spans[index]
        return self.text[start:end]


def _known(family: str) -> str:
    """`family`, if hits can have it: a name no hit can have is a misspelt rule, an error."""
    if family not in FAMILIES:
        raise KeyError(f"no such family: {family}")
    return family


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
    return _filed(text, spans, _buying_verbs(hits, fold(text)))


def _buying_verbs(hits: list[Hit], folded: str) -> list[Hit]:
    """A "source" word that is a company's verb of buying from a supplier ("Baidu sources AI
    chips from Huawei", "X to source GPUs from Y") is a deal cue, not a news source: every rule
    then reads it as the verb it is."""
    if not any(h.label in SOURCE_VERBS for h in hits):
        return hits
    return [replace(h, family="deal") if h.label in SOURCE_VERBS and _buys_from(hits, h, folded)
            else h for h in hits]


def _buys_from(hits: list[Hit], verb: Hit, folded: str) -> bool:
    subject = any(h.family == "company" and 0 <= verb.start - h.end <= SUBJECT_REACH
                  for h in hits)
    return subject and _FROM.match(folded, verb.end) is not None


def _title_case_homonyms(hits: list[Hit], text: str, title_end: int,
                         matcher: Matcher) -> list[Hit]:
    """In a headline that capitalises every word ("Apple Growers Sign Deal", or "APPLE GROWERS
    SIGN DEAL"), a name that is an ordinary word save for its capital proves nothing by its
    case; when the body uses that word in lower case ("apple growers") and never names the
    company or chip, it is the word."""
    suspects = []
    for hit in hits:  # in text order: the headline's hits come first
        if hit.end > title_end:
            break
        spelt = text[hit.start:hit.end]
        shouted = spelt.isupper() and spelt.capitalize() in matcher.capitalised
        if hit.label in matcher.capitalised_labels and (spelt in matcher.capitalised or shouted):
            suspects.append(hit)
    if not suspects or not title_cased(text[:title_end]):
        return hits
    in_body = {h.label for h in hits if h.start > title_end}
    dropped = {h for h in suspects if h.label not in in_body and re.search(
        rf"\b{re.escape(text[h.start:h.end].lower())}\b", text[title_end:])}
    return [h for h in hits if h not in dropped] if dropped else hits


def title_cased(title: str) -> bool:
    """Does a headline of three words or more start every word of four letters with a capital?"""
    return (title.count(" ") >= 2 and _LOWER_WORD.search(title) is None
            and _LOWER_FIRST.match(title) is None)


def with_hits(reading: Reading, added: Iterable[Hit]) -> Reading:
    """`reading` with more hits: the places of a company the watch list does not know, which
    the story names as a deal's other side (counterpart.find)."""
    hits = sorted([*(h for sentence in reading.by_sentence for h in sentence), *added])
    return _filed(reading.text, reading.spans, hits)


def _filed(text: str, spans: list[tuple[int, int]], hits: list[Hit]) -> Reading:
    """The Reading of `hits` (in text order), each hit copied with the index of its sentence:
    the first whose span ends after the hit starts (the last, for a hit past them all)."""
    ends = [end for _, end in spans]
    last = len(spans) - 1
    by_sentence: list[list[Hit]] = [[] for _ in spans]
    by_family: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits:
        filed = replace(hit, sentence=min(bisect_right(ends, hit.start), last))
        by_sentence[filed.sentence].append(filed)
        by_family[filed.family].append(filed)
    return Reading(text=text, folded=fold(text), spans=spans, by_sentence=by_sentence,
                   by_family=dict(by_family),
                   families=[frozenset(h.family for h in filed) for filed in by_sentence])
