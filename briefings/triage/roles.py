"""Company roles and chip owners: which names can make an AI-compute deal, and on which side.

Two kinds of pair make a deal: a buyer (an AI lab, hyperscaler, cloud, or a sovereign buyer: a
government or state programme that buys national AI compute, as India's IndiaAI Mission rents
GPUs and the EU's EuroHPC orders AI supercomputers, which is no lab and no cloud) with any compute
supplier, and a builder (a neocloud that is not itself a chip vendor) with a maker of what it
builds on (chips, servers, memory). A builder's pair needs the maker named as an actor, since
"CoreWeave's Nvidia GPUs" only says what the neocloud runs, not that the two made a deal.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Final

from briefings.config import Watchlist

BUYERS: Final = frozenset({"ai-lab", "hyperscaler", "cloud", "sovereign"})
SUPPLIERS: Final = frozenset({"chip-vendor", "cloud", "hyperscaler", "neocloud", "foundry",
                              "memory", "hardware"})
MAKERS: Final = frozenset({"chip-vendor", "foundry", "memory", "hardware"})
RIVAL_ROLES: Final = frozenset({"chip-vendor", "neocloud"})


class Roster:
    """Company roles and chip owners: can these names make an AI-compute deal?"""

    def __init__(self, watchlist: Watchlist) -> None:
        self._index({c.name: frozenset(c.roles) for c in watchlist.companies})
        self.owner = {chip.name: chip.owner for chip in watchlist.chips}
        self.projects = frozenset(chip.name for chip in watchlist.chips if chip.project)

    def _index(self, roles: dict[str, frozenset[str]]) -> None:
        self._roles = roles
        self._buyers = self._with(BUYERS)
        self._suppliers = self._with(SUPPLIERS)
        self._builders = frozenset(n for n, roles in self._roles.items()
                                   if "neocloud" in roles and "chip-vendor" not in roles)
        self._makers = self._with(MAKERS) - self._builders  # a builder is never the maker
        self._rivals = frozenset(n for n, roles in self._roles.items()
                                 if "chip-vendor" in roles and roles <= RIVAL_ROLES)

    def with_roles(self, extra: Mapping[str, frozenset[str]]) -> Roster:
        """This roster and companies the watch list does not know (a story's counterpart),
        for the one story that names them."""
        widened = copy.copy(self)
        widened._index({**self._roles, **extra})
        return widened

    def _with(self, roles: frozenset[str]) -> frozenset[str]:
        return frozenset(n for n, have in self._roles.items() if have & roles)

    def has_role(self, name: str, roles: Iterable[str]) -> bool:
        return not self._roles.get(name, frozenset()).isdisjoint(roles)

    def dealer(self, name: str) -> bool:
        """Can this company be on either side of a compute deal (not only an investor)?"""
        return name in self._buyers or name in self._suppliers

    def buyer(self, name: str) -> bool:
        return name in self._buyers

    def rival(self, name: str) -> bool:
        """A pure chip vendor: named beside another vendor's chip, it is the one not chosen."""
        return name in self._rivals

    def pairable(self, names: Iterable[str], actors: Iterable[str] | None = None) -> bool:
        """Is there a buyer and a different supplier among `names`, or a builder and a maker
        (among `actors` when given: a maker named only as a brand does not count)?"""
        named = set(names)
        buyers, suppliers = named & self._buyers, named & self._suppliers
        if buyers and suppliers and len(buyers | suppliers) > 1:
            return True
        makers = named & self._makers
        if not makers or named.isdisjoint(self._builders):
            return False
        return actors is None or not makers.isdisjoint(actors)
