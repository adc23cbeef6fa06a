"""Every command's expected failures are one line on stderr and exit 2, never a traceback.

Each case runs `python -m bot` as a user would, with log records at WARNING and the Slack and
database services it is not about pointed at loopback, so the bad input is what stops it.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

CONFIG = ROOT / "config" / "briefings.toml"
# Every command that reads the config, and those of them that open the database.
READS_CONFIG = [["deals"], ["feeds"], ["status"], ["digest", "--preview"],
                ["poll", "--once", "--no-deliver"], ["clock"], ["web"], ["run"], ["triage"],
                ["labels", "export"]]
OPENS_DATABASE = [argv for argv in READS_CONFIG if argv != ["triage"]]


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A working environment: every secret set, SQLite in tmp_path, Slack on a dead port."""
    return {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "LOG_LEVEL": "WARNING",
            "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "test-secret",
            "SLACK_APP_TOKEN": "xapp-test", "BRIEFINGS_CONFIG": str(CONFIG),
            "SLACK_API_URL": f"http://127.0.0.1:{closed_port()}/api/",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}"}


def error_line(argv: list[str], env: dict[str, str], cwd: Path) -> str:
    """Run the command; assert exit 2, one line on stderr and no traceback; return that line."""
    result = subprocess.run([sys.executable, "-m", "bot", *argv], env=env, cwd=cwd,
                            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: ")
    return line


@pytest.mark.parametrize("argv", READS_CONFIG, ids=" ".join)
def test_config_path_naming_a_folder(argv: list[str], env: dict[str, str],
                                     tmp_path: Path) -> None:
    env["BRIEFINGS_CONFIG"] = str(tmp_path)  # IsADirectoryError before
    line = error_line(argv, env, tmp_path)
    assert line == f"error: {tmp_path}: is a folder; name the .toml file in it"


@pytest.mark.parametrize(("content", "says"), [(b"", "file not found"),
                                               (b"\xff\xfe = 1\n", "not UTF-8 text")])
def test_config_missing_or_not_text(env: dict[str, str], tmp_path: Path, content: bytes,
                                    says: str) -> None:
    config = tmp_path / "briefings.toml"
    if content:
        config.write_bytes(content)
    env["BRIEFINGS_CONFIG"] = str(config)
    assert says in error_line(["deals"], env, tmp_path)


@pytest.mark.parametrize("argv", OPENS_DATABASE, ids=" ".join)
def test_unreachable_database_names_database_url(argv: list[str], env: dict[str, str],
                                                 tmp_path: Path) -> None:
    env["DATABASE_URL"] = f"postgresql://bot:pw@127.0.0.1:{closed_port()}/briefings"
    line = error_line(argv, env, tmp_path)
    assert line.startswith("error: DATABASE_URL: could not connect to the database")


@pytest.fixture
def not_utf8(tmp_path: Path) -> Path:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"title": "Caf\xe9 chips"}\n'.encode("latin-1"))
    return path


@pytest.mark.parametrize(("name", "says"), [
    ("missing.jsonl", "--input: cannot read {path}: No such file or directory"),
    (".", "--input: cannot read {path}: Is a directory"),
    ("latin1.jsonl", "--input: {path} is not UTF-8 text"),
])
def test_triage_input_that_cannot_be_read(env: dict[str, str], tmp_path: Path, not_utf8: Path,
                                          name: str, says: str) -> None:
    path = tmp_path / name
    line = error_line(["triage", "--input", str(path)], env, tmp_path)
    assert line == "error: " + says.format(path=path)


def test_enabling_an_unknown_feed(env: dict[str, str], tmp_path: Path) -> None:
    line = error_line(["feeds", "--enable", "HPCwire"], env, tmp_path)
    assert line == "error: --enable: no polled feed is named 'HPCwire'"


@pytest.mark.parametrize("since", ["2026-13-45", "last week", "2026-11-31"])
def test_labels_export_since_a_bad_date(env: dict[str, str], tmp_path: Path, since: str) -> None:
    line = error_line(["labels", "export", "--since", since], env, tmp_path)
    assert line == f"error: --since: {since!r} is not a date (YYYY-MM-DD) or an ISO time"


def test_labels_export_to_a_folder_that_does_not_exist(env: dict[str, str],
                                                       tmp_path: Path) -> None:
    output = tmp_path / "missing" / "labels.jsonl"
    line = error_line(["labels", "export", "--output", str(output)], env, tmp_path)
    assert line.startswith("error: ") and str(output) in line


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield int(holder.getsockname()[1])


def test_web_on_a_port_in_use(env: dict[str, str], tmp_path: Path, busy_port: int) -> None:
    env["PORT"] = str(busy_port)
    line = error_line(["web", "--host", "127.0.0.1"], env, tmp_path)
    assert line == f"error: PORT: cannot listen on 127.0.0.1:{busy_port}: Address already in use"


def test_socket_mode_with_slack_unreachable(env: dict[str, str], tmp_path: Path) -> None:
    env["LOG_LEVEL"] = "CRITICAL"  # slack_sdk logs its own failed request at ERROR
    line = error_line(["run"], env, tmp_path)
    assert line.startswith("error: Socket Mode: could not connect through SLACK_API_URL")
    assert line.endswith("Connection refused")
