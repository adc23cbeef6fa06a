"""The Slack Web API failing with 429 and 500 for a while: every planned message still arrives,
once. (RELIABILITY cases 19 and 24, with the outage shortened to seconds to keep CI quick.)"""

from __future__ import annotations

import time

from sqlalchemy import Engine

from bot.sandbox import SlackSandbox
from bot.sandbox.faults import rate_limited, server_error
from tests.faults.harness import Bot, ledger, until

OUTAGE_SECONDS = 6.0


def test_429_then_500_outage_delivers_everything_once(bot: Bot, engine: Engine,
                                                      slack: SlackSandbox) -> None:
    start = time.monotonic()
    slack.state.faults += [
        until(start + OUTAGE_SECONDS / 2, rate_limited(retry_after="1", times=None)),
        until(start + OUTAGE_SECONDS, server_error(status=500, times=None)),
    ]
    result = bot.run("poll", "--once", "--max-wait", "90")
    assert result.returncode == 0, result.stdout + result.stderr
    statuses = {call.status for call in slack.calls("chat.postMessage")}
    assert {429, 500, 200} <= statuses, "the outage did not hit the bot"
    figures = ledger(engine, slack)
    assert figures.planned > 10 and figures.lost == 0 and figures.duplicated == 0, str(figures)
