"""`kill -9` of a real `poll --once` process mid-delivery, then a restart: nothing lost, nothing
doubled. The sandbox Slack does the killing, at the exact moment under test.

A row left `sending` by a dead process is re-checked only after its send lease (5 minutes)
lapses, so a live sender is never second-guessed; the tests age that lease in the database
instead of waiting.
"""

from __future__ import annotations

from sqlalchemy import Engine

from bot.sandbox import SlackSandbox
from tests.faults.harness import Bot, crash_then_restart, ledger


def test_crash_between_planning_and_sending(bot: Bot, engine: Engine,
                                            slack: SlackSandbox) -> None:
    crash_then_restart(bot, engine, slack, after_store=False)
    result = ledger(engine, slack)
    assert result.planned > 10 and result.lost == 0 and result.duplicated == 0, str(result)


def test_crash_between_slack_accepting_and_marking_sent(bot: Bot, engine: Engine,
                                                        slack: SlackSandbox) -> None:
    crash_then_restart(bot, engine, slack, after_store=True)
    result = ledger(engine, slack)
    assert result.planned > 10 and result.lost == 0 and result.duplicated == 0, str(result)
