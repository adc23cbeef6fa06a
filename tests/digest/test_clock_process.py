"""`python -m bot clock` as a real process: starts, leads, and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import re
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
           "BRIEFINGS_CONFIG": str(config), "TIMEZONE": "Asia/Tokyo", "LOG_LEVEL": "INFO"}
    process = subprocess.Popen([sys.executable, "-m", "bot", "clock"], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = ""
    deadline = time.monotonic() + 30
    assert process.stdout is not None
    while " INFO bot.jobs: poll " not in output and time.monotonic() < deadline:
        output += process.stdout.readline()  # the poll runs at start-up
    process.send_signal(signal.SIGTERM)
    output += process.communicate(timeout=30)[0]
    assert process.returncode == 0, output
    assert "took leadership" in output and "Scheduler has been shut down" in output
    # one line per poll with its figures, and none of APScheduler's per-run chatter at INFO
    assert re.search(r"poll \S+: 0 feeds fetched \(0 unchanged, 0 failed\), 0 new stories, "
                     r"0 relevant, 0 messages planned, 0 held back, in \d+\.\d s", output)
    assert "Running job" not in output and "executed successfully" not in output
    status = subprocess.run([sys.executable, "-m", "bot", "status"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert status.returncode == 0, status.stderr
    assert re.match(r"Clock: clock released by \S+ at a clean stop", status.stdout)
