"""What a person can follow: a watch-list company (every deal it is a party to) or one deal.

Values only; `briefings.store.follows` keeps them and `briefings.follow_dms` plans the direct
messages they cause.
"""

from __future__ import annotations

import enum
from collections.abc import Collection
from dataclasses import dataclass

from briefings.models import Deal

MAX_FOLLOWS = 100  # per person: enough for an analyst's coverage, too few to flood them


class TargetKind(enum.StrEnum):
    COMPANY = "company"  # target = the company's canonical watch-list name
    DEAL = "deal"  # target = the deal's key


@dataclass(frozen=True, slots=True)
class FollowTarget:
    """One thing a person follows."""

    kind: TargetKind
    target: str

    def reaches(self, deal: Deal) -> bool:
        """Whether news of `deal` concerns this follow."""
        if self.kind is TargetKind.DEAL:
            return deal.key == self.target
        return self.target in deal.parties

    @property
    def command(self) -> str:
        """How the person names it to `/deal-status follow|unfollow`."""
        return f"deal:{self.target}" if self.kind is TargetKind.DEAL else self.target


def reached(follows: Collection[FollowTarget], deal: Deal) -> FollowTarget | None:
    """The follow that brings `deal` to a person: the deal itself first, else a company."""
    ordered = sorted(follows, key=lambda f: (f.kind is not TargetKind.DEAL, f.target))
    return next((f for f in ordered if f.reaches(deal)), None)
