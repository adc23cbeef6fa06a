"""The Slack Web API failing with 429 and then 500 for a while: every planned message still
arrives, once. (RELIABILITY cases 19 and 24.) The outage is counted in requests the stand-in
sees, not in seconds: the first posts meet 429s, the next ones 500s, however slowly a loaded
machine starts the bot."""

from __future__ import annotations

from sqlalchemy import Engine

from bot.sandbox import SlackSandbox
from bot.sandbox.faults import rate_limited, server_error
from tests.faults.harness import Bot, ledger

RATE_LIMITED_POSTS = 4
FAILING_POSTS = 4


def test_429_then_500_outage_delivers_everything_once(bot: Bot, engine: Engine,
                                                      slack: SlackSandbox) -> None:
    slack.state.faults += [
        rate_limited(retry_after="1", times=RATE_LIMITED_POSTS),
        server_error(status=500, times=FAILING_POSTS),  # sees only the posts the 429s let by
    ]
    result = bot.run("poll", "--once", "--max-wait", "90")
    assert result.returncode == 0, result.stdout + result.stderr
    statuses = [call.status for call in slack.calls("chat.postMessage")]
    assert statuses.count(429) == RATE_LIMITED_POSTS and statuses.count(500) == FAILING_POSTS
    assert statuses[:RATE_LIMITED_POSTS] == [429] * RATE_LIMITED_POSTS
    figures = ledger(engine, slack)
    assert figures.planned > 10 and figures.lost == 0 and figures.duplicated == 0, str(figures)
