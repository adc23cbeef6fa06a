"""Company roles and chip owners: which names can make an AI-compute deal, and on which side.

Two kinds of pair make a deal: a buyer (an AI lab, hyperscaler or cloud) with any compute
supplier, and a builder (a neocloud that is not itself a chip vendor) with a maker of what it
builds on (chips, servers, memory). A builder's pair needs the maker named as an actor, since
"CoreWeave's Nvidia GPUs" only says what the neocloud runs, not that the two made a deal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from briefings.config import Watchlist

BUYERS: Final = frozenset({"ai-lab", "hyperscaler", "cloud"})
SUPPLIERS: Final = frozenset({"chip-vendor", "cloud", "hyperscaler", "neocloud", "foundry",
                              "memory", "hardware"})
MAKERS: Final = frozenset({"chip-vendor", "foundry", "memory", "hardware"})
RIVAL_ROLES: Final = frozenset({"chip-vendor", "neocloud"})
NO_ROLES: Final[frozenset[str]] = frozenset()
# A company's sides as bits, so that `pairable` reads them with one lookup per name.
BUYER: Final = 1
SUPPLIER: Final = 2
BUILDER: Final = 4
MAKER: Final = 8


class Roster:
    """Company roles and chip owners: can these names make an AI-compute deal?"""

    def __init__(self, watchlist: Watchlist) -> None:
        self._roles = {c.name: frozenset(c.roles) for c in watchlist.companies}
        self._buyers = self._with(BUYERS)
        self._suppliers = self._with(SUPPLIERS)
        self._makers = self._with(MAKERS)
        self._builders = frozenset(n for n, roles in self._roles.items()
                                   if "neocloud" in roles and "chip-vendor" not in roles)
        self._rivals = frozenset(n for n, roles in self._roles.items()
                                 if "chip-vendor" in roles and roles <= RIVAL_ROLES)
        self.owner = {chip.name: chip.owner for chip in watchlist.chips}
        self.projects = frozenset(chip.name for chip in watchlist.chips if chip.project)
        self._sides = {name: (BUYER if name in self._buyers else 0)
                       | (SUPPLIER if name in self._suppliers else 0)
                       | (BUILDER if name in self._builders else 0)
                       | (MAKER if name in self._makers else 0) for name in self._roles}

    def _with(self, roles: frozenset[str]) -> frozenset[str]:
        return frozenset(n for n, have in self._roles.items() if have & roles)

    def has_role(self, name: str, roles: Iterable[str]) -> bool:
        have = self._roles.get(name, NO_ROLES)
        return any(role in have for role in roles)  # one or a few roles: no set method call

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
        buyers: list[str] = []  # a handful of names: lists and one pass beat set algebra
        suppliers: list[str] = []
        makers: list[str] = []  # makers that are not builders
        builder = False
        for name in names:
            sides = self._sides.get(name, 0)
            if sides & BUYER and name not in buyers:
                buyers.append(name)
            if sides & SUPPLIER and name not in suppliers:
                suppliers.append(name)
            if sides & BUILDER:
                builder = True
            elif sides & MAKER:
                makers.append(name)
        if buyers and suppliers and (len(buyers) > 1 or len(suppliers) > 1
                                     or buyers[0] != suppliers[0]):
            return True
        if not builder or not makers:
            return False
        if actors is None:
            return True
        acting = set(actors)
        return any(name in acting for name in makers)
