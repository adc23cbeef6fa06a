"""`python -m bot web` as a real process: binds PORT, serves /healthz and signed commands."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.sandbox import ResponseUrls, SlackSandbox
from tests.slash.support import SECRET, TOKEN, command_body, post, signed_headers

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def web_process(tmp_path: Path, slack: SlackSandbox) -> Iterator[str]:
    env = {**os.environ, "SLACK_API_URL": slack.url, "PYTHONPATH": str(ROOT),
           "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": TOKEN, "LOG_LEVEL": "WARNING",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'web.db'}",
           "BRIEFINGS_CONFIG": str(ROOT / "config" / "briefings.toml")}
    for _attempt in range(3):  # a free port can be taken by a parallel test before we bind it
        port = _free_port()
        process = subprocess.Popen([sys.executable, "-m", "bot", "web", "--host", "127.0.0.1"],
                                   cwd=tmp_path, env={**env, "PORT": str(port)})
        base = f"http://127.0.0.1:{port}"
        try:
            if _is_up(base, process):
                yield base
                return
        finally:
            process.terminate()
            process.wait(timeout=10)
    raise AssertionError("the web process never answered")


def _is_up(base: str, process: subprocess.Popen[bytes]) -> bool:
    for _ in range(300):
        if process.poll() is not None:
            return False
        try:
            httpx.get(base + "/healthz", timeout=1)
            return True
        except httpx.TransportError:
            time.sleep(0.05)
    return False


def test_web_command_serves_health_and_commands(web_process: str, urls: ResponseUrls) -> None:
    assert httpx.get(web_process + "/healthz", timeout=5).json() == {"ok": True,
                                                                     "database": "up"}
    body = command_body("help", urls.issue())
    assert post(web_process, body, signed_headers(body)).status_code == 200
    assert "How to use" in str(urls.next().payload["blocks"])
