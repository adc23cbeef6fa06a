"""A throwaway in-memory deal book: groups stories as they arrive, with no database.

The triage command and the devset evaluation use it; the real pipeline uses the store instead.
Both fold a story into its deal with `briefings.deals.apply_story`, so a figure measured here is
the pipeline's (a later hedged report never turns a confirmed deal back into a rumour).
"""

from __future__ import annotations

from dataclasses import replace

from briefings.deals import apply_story
from briefings.models import Deal, Story, Verdict
from briefings.triage.grouping import assign_deal_key


class DealBook:
    """Deals by key; each relevant verdict joins one (or starts one) in arrival order."""

    def __init__(self) -> None:
        self._deals: dict[str, Deal] = {}

    def place(self, verdict: Verdict, story: Story) -> str:
        """The verdict's deal key, recording the story's activity on that deal."""
        shared = set(verdict.parties)
        candidates = [d for d in self._deals.values() if shared & set(d.parties)]
        key = assign_deal_key(verdict, story, candidates)
        update = apply_story(self._deals.get(key), story, replace(verdict, deal_key=key))
        self._deals[key] = update.deal
        return key
