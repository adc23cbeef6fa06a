"""Settings come from the environment; a bad or missing value fails with one line naming it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.settings import SettingsError, load_settings
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL",
                 "DATABASE_URL", "BRIEFINGS_CONFIG", "TIMEZONE", "LOG_LEVEL", "PORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults_need_no_environment() -> None:
    settings = load_settings()
    assert settings.database_url == "sqlite:///data/briefings.db"
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.timezone == "UTC" and settings.port == 3000


@pytest.mark.parametrize(
    ("name", "value"),
    [("TIMEZONE", "Mars/Olympus"), ("PORT", "eighty"), ("PORT", "70000"),
     ("LOG_LEVEL", "LOUD"), ("SLACK_API_URL", "ftp://example")],
)
def test_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch, name: str,
                                      value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(f"{name}:") and "\n" not in message


def test_missing_required_secret_names_it() -> None:
    with pytest.raises(SettingsError, match=r"^SLACK_BOT_TOKEN is not set"):
        load_settings().require("slack_bot_token")


def test_secrets_never_print(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-very-secret")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "signing-very-secret")
    settings = load_settings()
    assert "very-secret" not in repr(settings) and "very-secret" not in str(settings)
    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value() == "xoxb-very-secret"


def test_env_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from pathlib import Path
    Path(".env").write_text("TIMEZONE=Asia/Tokyo\nLOG_LEVEL=debug\n")
    settings = load_settings()
    assert settings.timezone == "Asia/Tokyo" and settings.log_level == "DEBUG"


def test_cli_reports_bad_setting_in_one_line(tmp_path: object) -> None:
    env = {"PATH": "/usr/bin:/bin", "TIMEZONE": "Nowhere/Land", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "bot", "deals"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: TIMEZONE: Value error, unknown time zone 'Nowhere/Land'; use an IANA name"
    ]
