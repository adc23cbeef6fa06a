"""`kill -9` of a real `poll --once` process mid-delivery, then a restart: nothing lost, nothing
doubled. The sandbox Slack does the killing, at the exact moment under test.

A row left `sending` by a dead process is re-checked only after its send lease (5 minutes)
lapses, so a live sender is never second-guessed; the tests age that lease in the database
instead of waiting.
"""

from __future__ import annotations

import signal

from sqlalchemy import Engine

from bot.sandbox import SlackSandbox
from tests.faults.harness import Bot, age_send_leases, kill_pid_on, ledger


def crash_then_restart(bot: Bot, engine: Engine, slack: SlackSandbox, *,
                       after_store: bool) -> None:
    pid: list[int] = []
    kill_pid_on(slack, "chat.postMessage", pid, after_store=after_store)
    process = bot.start("poll", "--once", "--max-wait", "60")
    pid.append(process.pid)
    output, _ = process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL, output
    age_send_leases(engine)
    again = bot.run("poll", "--once", "--max-wait", "60")
    assert again.returncode == 0, again.stdout + again.stderr


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
