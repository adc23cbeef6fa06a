"""The offline demo runs the real pipeline end to end on the bundled samples."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def run_demo(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "bot", "demo", "--output", str(tmp_path / "out")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_demo_shows_flagged_briefings_threads_and_deals(tmp_path: Path) -> None:
    result = run_demo(tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "UNCONFIRMED: Exclusive: Anthropic in talks" in out
    assert "later edited in place to read:" in out
    assert "CONFIRMED: Microsoft and Anthropic expand partnership" in out
    assert "thread reply, also sent to channel" in out
    assert "Tracked deals" in out and "Anthropic + Microsoft" in out
    assert "Digest preview" in out
    assert "potato" not in out.lower() and "orchards" not in out


def test_demo_writes_block_kit_json_per_message(tmp_path: Path) -> None:
    assert run_demo(tmp_path).returncode == 0
    files = sorted((tmp_path / "out" / "blocks").glob("*.json"))
    assert files, "no Block Kit JSON written"
    for file in files:
        blocks = json.loads(file.read_text())["blocks"]
        assert 0 < len(blocks) <= 50
    assert (tmp_path / "out" / "demo.db").exists()


def test_help_lists_every_command() -> None:
    result = subprocess.run([sys.executable, "-m", "bot", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for command in ("demo", "run", "web", "clock", "poll", "triage", "digest", "deals"):
        assert command in result.stdout
