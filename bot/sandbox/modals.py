"""Modals and user groups as Slack runs them: `views.open` exchanges a fresh trigger once, and
`usergroups.users.list` lists a group's members.

Rules, from Slack's method references:
- views.open: a `trigger_id` is honoured for 3 seconds after the interaction that carried it
  (https://docs.slack.dev/tools/bolt-python/concepts/opening-modals, "Pass a valid trigger_id
  within 3 seconds"), once; Slack answers `expired_trigger_id` after that, `exchanged_trigger_id`
  for a second use, `invalid_trigger_id` for one not shaped like "132456.7890123.abcdef"; a
  malformed view is `invalid_arguments` (https://docs.slack.dev/reference/methods/views.open).
- usergroups.users.list: the members' IDs of one group (`users`), `no_such_subteam` for an
  unknown group (https://docs.slack.dev/reference/methods/usergroups.users.list).

`Modals.issue_trigger()` hands out a trigger as Slack puts one in an interaction payload (`age`
makes it as old as asked, to test expiry without waiting); a well-formed trigger never issued
counts as fresh, as an unregistered channel counts as joined (`bot.sandbox.membership`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TRIGGER_VALID_S = 3.0
_TRIGGER = re.compile(r"^\d+\.\d+\.[0-9a-f]+$")


@dataclass
class Modals:
    """Issued triggers, opened views and user groups; guarded by the sandbox's lock."""

    clock: Callable[[], float]
    triggers: dict[str, float] = field(default_factory=dict)
    exchanged: set[str] = field(default_factory=set)
    opened: list[dict[str, Any]] = field(default_factory=list)
    usergroups: dict[str, list[str]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def issue_trigger(self, age: float = 0.0) -> str:
        trigger = f"{next(self._ids)}.{int(self.clock())}.{next(self._ids):08x}"
        self.triggers[trigger] = self.clock() - age
        return trigger

    def trigger_error(self, trigger: object) -> str | None:
        """Why Slack would refuse this trigger now, or None (and it is used up)."""
        if not isinstance(trigger, str) or not _TRIGGER.match(trigger):
            return "invalid_trigger_id"
        if trigger in self.exchanged:
            return "exchanged_trigger_id"
        if self.clock() - self.triggers.get(trigger, self.clock()) > TRIGGER_VALID_S:
            return "expired_trigger_id"
        self.exchanged.add(trigger)
        return None

    def members(self, group: str) -> dict[str, Any]:
        if group not in self.usergroups:
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": list(self.usergroups[group])}
