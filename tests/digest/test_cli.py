"""`python -m bot digest --preview/--post` end to end, against the loopback Slack."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.cli import main
from bot.sandbox import SlackSandbox
from briefings.store.database import transaction
from tests.conftest import ROOT
from tests.digest.seed import Report, seed_deal
from tests.digest.support import NEW_YORK

CONFIG = """
watchlist = "{watchlist}"
[digest]
day = "monday"
time = "09:00"
[[channels]]
id = "C0DEALS01"
digest = true
[[channels]]
id = "C0OTHER01"
"""


@pytest.fixture
def env(sessions: sessionmaker[Session], slack: SlackSandbox, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> SlackSandbox:
    config = tmp_path / "briefings.toml"
    config.write_text(CONFIG.format(watchlist=ROOT / "config" / "watchlist.toml"))
    url = sessions.kw["bind"].url.render_as_string(hide_password=False)
    for name, value in {"SLACK_API_URL": slack.url, "SLACK_BOT_TOKEN": "xoxb-test",
                        "DATABASE_URL": url, "BRIEFINGS_CONFIG": str(config),
                        "TIMEZONE": "America/New_York", "LOG_LEVEL": "WARNING"}.items():
        monkeypatch.setenv(name, value)
    with transaction(sessions) as session:
        seed_deal(session, "openai-amd", [Report("Reuters <b>&", dt.datetime(
            2026, 11, 22, 23, 59, tzinfo=NEW_YORK))], subject="MI450 <!here>")
    return slack


def test_preview_prints_the_week_and_posts_nothing(env: SlackSandbox,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", "--preview", "--week", "2026-W47"]) == 0
    out = capsys.readouterr().out
    assert "Mon 16 Nov to Sun 22 Nov 2026 (America/New_York, 2026-W47)" in out
    # rendered as a person reads it: no mrkdwn marks, the feed's "<!here>" shown as text
    assert "UNCONFIRMED OpenAI + AMD: MI450 <!here>" in out.replace("\u2060", "")
    assert env.calls() == []


def test_preview_of_a_quiet_week(env: SlackSandbox, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", "--preview", "--week", "2026-W40"]) == 0
    assert "No new AI-hardware deal news this week." in capsys.readouterr().out


def test_post_is_once_per_week_unless_forced(env: SlackSandbox,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", "--post", "--week", "2026-W47"]) == 0
    assert main(["digest", "--post", "--week", "2026-W47"]) == 0
    assert "already posted" in capsys.readouterr().out
    assert len(env.channel("C0DEALS01")) == 1
    assert main(["digest", "--post", "--week", "2026-W47", "--force"]) == 0
    assert len(env.channel("C0DEALS01")) == 2
    assert env.channel("C0OTHER01") == []


def test_a_bad_week_is_a_usage_error(env: SlackSandbox) -> None:
    with pytest.raises(SystemExit):
        main(["digest", "--preview", "--week", "2026-21"])


def test_run_needs_the_app_token(env: SlackSandbox, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SLACK_APP_TOKEN", "")
    assert main(["run"]) == 2
    assert "SLACK_APP_TOKEN is not set" in capsys.readouterr().err
