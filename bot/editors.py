"""Who may correct the bot: `[slack] editors`, user IDs and user groups, groups read from Slack.

A group's members come from `usergroups.users.list` (scope `usergroups:read`, rate tier 2: 20+
a minute, https://docs.slack.dev/reference/methods/usergroups.users.list), kept for a few
minutes so a click and its submission, or a busy morning of corrections, cost one call per
group. A group Slack does not know (`no_such_subteam`) counts as empty, with a warning; any other
failure leaves the answer unknown (`EditorsUnknown`), and the caller refuses: no one is let in
because Slack could not be asked.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.delivery.outcomes import api_error_code

log = logging.getLogger(__name__)

MEMBERS_KEPT_S = 300.0
UNKNOWN_GROUP = "no_such_subteam"


class EditorsUnknown(Exception):
    """Slack could not say who is in an editors' user group just now."""


class Editors:
    """Answers "may this user correct the bot?" from the configured IDs."""

    def __init__(self, editors: tuple[str, ...], *, kept_s: float = MEMBERS_KEPT_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._users = frozenset(e for e in editors if not e.startswith("S"))
        self._groups = tuple(e for e in editors if e.startswith("S"))
        self._kept_s, self._clock = kept_s, clock
        self._members: dict[str, tuple[float, frozenset[str]]] = {}
        self._lock = threading.Lock()

    def allows(self, client: WebClient, user_id: str) -> bool:
        """True for everyone when no editors are named, else for named users and group
        members; raises EditorsUnknown when the answer hangs on a group Slack did not list."""
        if not self._users and not self._groups:
            return True
        if user_id in self._users:
            return True
        unknown = False
        for group in self._groups:
            try:
                if user_id in self._members_of(client, group):
                    return True
            except EditorsUnknown:
                unknown = True
        if unknown:
            raise EditorsUnknown(user_id)
        return False

    def _members_of(self, client: WebClient, group: str) -> frozenset[str]:
        now = self._clock()
        with self._lock:
            kept = self._members.get(group)
        if kept is not None and now - kept[0] < self._kept_s:
            return kept[1]
        members = _listed(client, group)
        with self._lock:
            self._members[group] = (now, members)
        return members


def _listed(client: WebClient, group: str) -> frozenset[str]:
    try:
        answer = client.usergroups_users_list(usergroup=group)
    except SlackApiError as exc:
        if api_error_code(exc) == UNKNOWN_GROUP:
            log.warning("[slack] editors names user group %s, which Slack does not know", group)
            return frozenset()
        log.warning("editors' group %s not listed: %s", group, api_error_code(exc))
        raise EditorsUnknown(group) from None
    except (SlackClientError, OSError) as exc:
        log.warning("editors' group %s not listed: %s", group, type(exc).__name__)
        raise EditorsUnknown(group) from None
    users = answer.get("users")
    return frozenset(u for u in users if isinstance(u, str)) if isinstance(users, list) else (
        frozenset())
