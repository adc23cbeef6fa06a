"""Feed health: the store's view, the Block Kit rendering and `python -m bot feeds`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from slack_sdk.models.blocks import Block
from sqlalchemy.orm import Session, sessionmaker

from bot.cli import main
from bot.render.feed_health import TEXT_BUDGET, feed_health_blocks
from bot.render.reply import text_size
from briefings.config import FeedConfig
from briefings.store.database import session_factory, transaction
from briefings.store.feeds import FeedHealth, FeedUpdate, all_feeds, enable_feed, record, sync_feeds
from tests.support.databases import migrated_engine

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
FEEDS = [FeedConfig(name=n, url=f"https://{n}.example/feed") for n in ("good", "bad", "gone")]


def _seed(sessions: sessionmaker[Session]) -> list[FeedHealth]:
    later = NOW + timedelta(minutes=15)
    with transaction(sessions) as session:
        sync_feeds(session, FEEDS)
        record(session, [FeedUpdate("good", 200, later, etag='"e"', entries=12),
                         FeedUpdate("gone", 410, later, error="HTTP 410", disable=True)], NOW)
        for _ in range(3):
            record(session, [FeedUpdate("bad", 500, later, error="HTTP 500 <!channel>")], NOW)
    with transaction(sessions) as session:
        return all_feeds(session)


def test_health_states(sessions: sessionmaker[Session]) -> None:
    health = {h.name: h for h in _seed(sessions)}
    assert {name: h.state for name, h in health.items()} == {
        "bad": "unhealthy", "gone": "disabled", "good": "ok"}
    assert (health["good"].entries_seen, health["good"].last_success_at) == (12, NOW)
    assert (health["bad"].consecutive_failures, health["bad"].last_status) == (3, 500)


def test_config_url_change_and_enable_reset_a_feed(sessions: sessionmaker[Session]) -> None:
    _seed(sessions)
    moved = FeedConfig(name="good", url="https://good.example/new-feed")
    with transaction(sessions) as session:
        state = sync_feeds(session, [moved])["good"]
        assert (state.url, state.etag, state.next_check_at) == (moved.url, None, None)
        assert enable_feed(session, "gone") and not enable_feed(session, "unknown")
    with transaction(sessions) as session:
        assert {h.name: h.state for h in all_feeds(session)}["gone"] == "new"


def _texts(blocks: list[Block]) -> str:
    return "\n".join(str(block.to_dict()) for block in blocks)


def test_blocks_put_broken_feeds_first_and_escape_errors(sessions: sessionmaker[Session]) -> None:
    blocks = feed_health_blocks(_seed(sessions))
    text = _texts(blocks)
    assert "1 of 3 feeds healthy" in text
    assert text.index("gone") < text.index("bad") < text.index("*good*")
    assert "&lt;!channel&gt;" in text and "<!channel>" not in text
    for block in blocks:
        block.validate_json()


def test_blocks_stay_within_slack_limits() -> None:
    rows = [FeedHealth(f"feed {i}", "https://x.example", "failing", None, "E" * 300, NOW, 1,
                       500, 0, None, False) for i in range(100)]
    blocks = feed_health_blocks(rows)
    assert len(blocks) <= 50
    assert all(len(b.to_dict().get("text", {}).get("text", "")) <= 3000 for b in blocks)
    shown = sum(_texts(blocks).count(f"feed {i}*") for i in range(100))
    assert f"…and {100 - shown} more feeds not shown" in _texts(blocks)
    assert text_size([b.to_dict() for b in blocks]) <= TEXT_BUDGET + 200  # header and summary


def test_blocks_when_nothing_polled() -> None:
    assert "No feed has been polled yet" in _texts(feed_health_blocks([]))


def test_feeds_command_prints_health(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert main(["feeds"]) == 0
    assert "No feed has been polled yet" in capsys.readouterr().out
    assert main(["feeds", "--enable", "nope"]) == 2
    assert capsys.readouterr().err == "error: --enable: no polled feed is named 'nope'\n"


def test_enabling_a_misspelt_feed_suggests_the_stored_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    _seed(session_factory(migrated_engine(url)))
    assert main(["feeds", "--enable", "gonne"]) == 2
    assert capsys.readouterr().err == (
        "error: --enable: no polled feed is named 'gonne'; did you mean 'gone'?\n")
    assert main(["feeds", "--enable", "gone"]) == 0
