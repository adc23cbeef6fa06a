"""`bot.editors.Editors` against the stand-in's `usergroups.users.list`: members are kept for a
few minutes (by an injected clock, never by waiting), then read again."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient

from bot.editors import MEMBERS_KEPT_S, Editors, EditorsUnknown
from bot.sandbox import SlackSandbox
from bot.sandbox.faults import server_error
from tests.slash.support import TOKEN


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_group_members_are_kept_then_read_again(slack: SlackSandbox) -> None:
    client, clock = WebClient(token=TOKEN, base_url=slack.url), Clock()
    editors = Editors(("S0EDITORS", "U0LEAD"), clock=clock)
    slack.add_usergroup("S0EDITORS", ["U0ANALYST"])
    assert editors.allows(client, "U0LEAD") and slack.calls("usergroups.users.list") == []
    assert editors.allows(client, "U0ANALYST") and not editors.allows(client, "U0NEW")
    slack.add_usergroup("S0EDITORS", ["U0ANALYST", "U0NEW"])
    clock.now += MEMBERS_KEPT_S - 1
    assert not editors.allows(client, "U0NEW")  # still the kept list
    clock.now += 2
    assert editors.allows(client, "U0NEW")
    assert len(slack.calls("usergroups.users.list")) == 2


def test_an_unlisted_group_is_unknown_unless_another_group_says_yes(
        slack: SlackSandbox) -> None:
    client = WebClient(token=TOKEN, base_url=slack.url)
    slack.add_usergroup("S0A", ["U0ANALYST"])
    slack.add_usergroup("S0B", ["U0OTHER"])
    slack.state.faults.append(server_error("usergroups.users.list", times=None,
                                           after=1))  # S0A answers, S0B never does
    editors = Editors(("S0A", "S0B"), clock=Clock())
    assert editors.allows(client, "U0ANALYST")
    with pytest.raises(EditorsUnknown):
        editors.allows(client, "U0OTHER")


def test_no_editors_named_means_everyone_without_asking_slack(slack: SlackSandbox) -> None:
    assert Editors(()).allows(WebClient(token=TOKEN, base_url=slack.url), "U0ANYONE")
    assert slack.calls() == []
