"""Membership at start and `python -m bot check` (issues #16 and #17): public channels are joined,
channels the bot cannot use are named in `status`, App Home and the log; `check` prints one line
per check and exits 2 on a problem."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.channel_check import startup_check
from bot.commands.status import report as status_report
from bot.render.home import home_view
from bot.sandbox import SlackSandbox
from briefings.config import ChannelConfig
from briefings.store import slack_notices
from briefings.store.database import transaction
from tests.delivery.support import World
from tests.faults.harness import bot_env, write_config

CHANNELS = (ChannelConfig(id="C0PUBLIC1", name="#deals"),
            ChannelConfig(id="G0SECRET1", name="#board-only"),
            ChannelConfig(id="C0OLDARCH", name="#old-deals"),
            ChannelConfig(id="C0MISSING", name="#typo"))


def _workspace(slack: SlackSandbox) -> None:
    workspace = slack.state.workspace
    workspace.strict = True
    workspace.add("C0PUBLIC1", "deals")
    workspace.add("G0SECRET1", "board-only", private=True)
    workspace.add("C0OLDARCH", "old-deals", archived=True)


def test_the_clock_joins_public_channels_and_names_the_ones_it_cannot_use(
        world: World, caplog: pytest.LogCaptureFixture) -> None:
    _workspace(world.slack)
    deliverer = world.deliverer()
    startup_check(world.sessions, deliverer._client, CHANNELS, world.clock,
                  deliverer.token.pause)
    assert world.slack.state.workspace.channels["C0PUBLIC1"].member
    with transaction(world.sessions) as session:
        text = "\n".join(status_report(session, world.clock()))
        problems = slack_notices.problems(session)
    for name in ("#board-only", "#old-deals", "#typo"):
        assert name in text and name in caplog.text
    assert "#deals (" not in text and "archived" in text and "not invited" in text
    home = json.dumps(home_view([], [], world.clock(), problems))
    assert "#old-deals" in home and "Delivery problems" in home

    world.slack.state.workspace.channels["C0OLDARCH"].archived = False  # fixed, then restarted
    startup_check(world.sessions, deliverer._client, CHANNELS, world.clock,
                  deliverer.token.pause)
    with transaction(world.sessions) as session:
        assert "#old-deals" not in "\n".join(slack_notices.problems(session))


def test_a_refused_token_at_start_pauses_delivery(world: World) -> None:
    world.slack.state.token_error = "token_revoked"
    deliverer = world.deliverer()
    startup_check(world.sessions, deliverer._client, CHANNELS, world.clock,
                  deliverer.token.pause)
    assert deliverer.token.paused
    with transaction(world.sessions) as session:
        assert slack_notices.token_problem(session) == ("token_revoked", world.clock())


def _check(engine: Engine, slack: SlackSandbox, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    config = write_config(tmp_path, "http://127.0.0.1:9/")  # the demo's channels
    env = bot_env(engine.url.render_as_string(hide_password=False), slack, config)
    return subprocess.run([sys.executable, "-m", "bot", "check"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)


def test_check_prints_one_line_per_check_and_exits_2_on_a_problem(
        engine: Engine, slack: SlackSandbox, tmp_path: Path) -> None:
    workspace = slack.state.workspace
    workspace.strict = True
    workspace.add("C0DEALS01", "ai-hardware-deals")
    workspace.add("C0CONFIRM1", "deals-confirmed-only", archived=True)
    result = _check(engine, slack, tmp_path)
    lines = result.stdout.splitlines()
    assert result.returncode == 2, result.stdout + result.stderr
    assert lines[0].startswith("ok   token:") and lines[-1].startswith("ok   database:")
    assert "ok   channel #ai-hardware-deals (C0DEALS01)" in result.stdout
    assert "FAIL channel #deals-confirmed-only (C0CONFIRM1): archived" in result.stdout
    assert "FAIL channel #amd-watch (C0AMD00001): not found" in result.stdout
    assert "Traceback" not in result.stderr

    workspace.channels["C0CONFIRM1"].archived = False
    workspace.add("C0AMD00001", "amd-watch", private=True, member=True)
    result = _check(engine, slack, tmp_path)
    assert result.returncode == 0, result.stdout
    assert all(line.startswith("ok") for line in result.stdout.splitlines())

    slack.state.token_error = "invalid_auth"
    result = _check(engine, slack, tmp_path)
    assert result.returncode == 2 and "FAIL token: Slack refuses it (invalid_auth)" in result.stdout


