"""`python -m bot clock` as a real process: starts, leads, and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.sandbox import SlackSandbox
from tests.conftest import ROOT


def test_clock_stops_cleanly_on_sigterm(tmp_path: Path, slack: SlackSandbox) -> None:
    config = tmp_path / "briefings.toml"
    config.write_text(f'watchlist = "{ROOT / "config" / "watchlist.toml"}"\n')
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SLACK_API_URL": slack.url,
           "SLACK_BOT_TOKEN": "xoxb-test", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}",
           "BRIEFINGS_CONFIG": str(config), "TIMEZONE": "Asia/Tokyo"}
    process = subprocess.Popen([sys.executable, "-m", "bot", "clock"], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = ""
    deadline = time.monotonic() + 30
    assert process.stdout is not None
    while "clock started" not in output and time.monotonic() < deadline:
        output += process.stdout.readline()
    process.send_signal(signal.SIGTERM)
    output += process.communicate(timeout=30)[0]
    assert process.returncode == 0, output
    assert "took leadership" in output and "Scheduler has been shut down" in output
