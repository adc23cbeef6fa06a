"""The database unreachable for a while in the middle of delivery (PostgreSQL, through a
loopback proxy that is cut and restored): the run stops with one clear error line, a rerun
finishes the job, and nothing is lost or doubled. The message whose "sent" mark was cut off is
found in Slack by its metadata once its send lease lapses (5 minutes; aged here). SQLite is a
local file and cannot be 'unreachable'."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from bot.sandbox import SlackSandbox
from tests.faults.harness import Bot, age_send_leases, ledger
from tests.faults.proxy import Proxy

OUTAGE_SECONDS = 3.0


@pytest.fixture
def proxy(engine: Engine) -> Any:
    if engine.dialect.name != "postgresql":
        pytest.skip("database outage needs a networked database (PostgreSQL)")
    url = engine.url
    proxy = Proxy(url.host or "127.0.0.1", url.port or 5432)
    yield proxy
    proxy.close()


def test_database_cut_off_mid_delivery(bot: Bot, engine: Engine, slack: SlackSandbox,
                                       proxy: Proxy) -> None:
    proxied = make_url(bot.env["DATABASE_URL"]).set(host="127.0.0.1", port=proxy.port)
    bot.env["DATABASE_URL"] = proxied.render_as_string(hide_password=False)
    cut = threading.Event()

    def outage(method: str, args: dict[str, Any]) -> None:  # never answers for Slack
        if method == "chat.postMessage" and not cut.is_set():
            cut.set()
            proxy.cut()
            threading.Timer(OUTAGE_SECONDS, proxy.restore).start()

    slack.state.faults.append(outage)
    first = bot.run("poll", "--once", "--max-wait", "30")
    assert cut.is_set(), first.stdout + first.stderr
    assert first.returncode == 0 or "error: " in first.stderr  # one clear line, no traceback
    proxy.restore()
    age_send_leases(engine)  # a send cut off mid-way is re-checked once its lease lapses
    second = bot.run("poll", "--once", "--max-wait", "60")
    assert second.returncode == 0, second.stdout + second.stderr
    figures = ledger(engine, slack)
    assert figures.planned > 10 and figures.lost == 0 and figures.duplicated == 0, str(figures)
