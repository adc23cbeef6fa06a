"""`python -m bot poll --once` twice over the same feed posts each briefing once."""

from __future__ import annotations

import argparse
import functools
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.commands import poll
from bot.delivery import Deliverer
from bot.delivery.pacing import ChannelPacer
from bot.sandbox import SlackSandbox
from tests.conftest import ROOT

STORY = ("Anthropic in talks to run Claude on Microsoft Maia chips",
         "Anthropic is in talks with Microsoft to run inference on Maia chips, according to "
         "people familiar with the matter. Neither company has commented.")


def _feed(now: datetime) -> str:
    when = format_datetime(now - timedelta(hours=1))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            f"<link>https://wire.example/</link><item><title>{STORY[0]}</title>"
            f"<link>https://wire.example/maia</link><guid>wire-maia</guid>"
            f"<pubDate>{when}</pubDate><description>{STORY[1]}</description></item>"
            f"</channel></rss>")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def feed_url(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "wire.xml").write_text(_feed(datetime.now(UTC)))
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/wire.xml"
    server.shutdown()
    server.server_close()


def test_two_polls_over_the_same_feed_post_each_briefing_once(
        tmp_path: Path, feed_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "briefings.toml"
    config.write_text(f'watchlist = "{ROOT / "config" / "watchlist.toml"}"\n'
                      f'[fetch]\nallow_private_addresses = true\n'  # the feed is on loopback
                      f'[[feeds]]\nname = "Wire"\nurl = "{feed_url}"\n'
                      f'[[channels]]\nid = "C0ALL0001"\n')
    unpaced = functools.partial(Deliverer, pacer=ChannelPacer(timedelta(0)))
    monkeypatch.setattr(poll, "Deliverer", unpaced)
    with SlackSandbox() as slack:
        for name, value in {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": slack.url,
                            "DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}",
                            "BRIEFINGS_CONFIG": str(config)}.items():
            monkeypatch.setenv(name, value)
        args = argparse.Namespace(once=True, no_deliver=False, max_wait=5.0)
        assert poll.run(args) == 0
        first = slack.channel("C0ALL0001")
        assert poll.run(args) == 0
        assert slack.channel("C0ALL0001") == first
    assert len(first) == 1 and first[0]["text"].startswith("UNCONFIRMED")
    assert first[0]["metadata"]["event_payload"]["status"] == "unconfirmed"
