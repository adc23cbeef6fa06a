"""Reliability case 35: the web process answers 50 concurrent `/deal-status` calls while another
writer commits 1,000 entries; no "database is locked" surfaces and every write is committed."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.sandbox import ResponseUrls
from bot.services import Services
from briefings.models import Story, Verdict
from briefings.store.database import transaction
from briefings.store.stories import NewStory, add_stories
from briefings.store.tables import StoryRow
from tests.slash.support import T0, command_body, post, signed_headers

WRITES = 1_000
CALLS = 50


def _write(services: Services, done: threading.Event) -> None:
    for n in range(WRITES):
        story = Story(id=f"bulk-{n}", feed="wire", outlet="Wire", title=f"t{n}", text="x",
                      link=f"https://news.example/bulk/{n}", published=T0 + timedelta(seconds=n),
                      first_seen=T0)
        with transaction(services.sessions) as session:
            add_stories(session, [NewStory(story, Verdict.irrelevant(), announce=False)])
    done.set()


@pytest.mark.slow
@pytest.mark.usefixtures("deals")
def test_answers_while_the_clock_writes(web: str, urls: ResponseUrls, services: Services,
                                        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    done = threading.Event()
    writer = threading.Thread(target=_write, args=(services, done))
    writer.start()
    queries = ["msft maia", "", "openai", "trainium", "feeds"]

    def ask(n: int) -> int:
        body = command_body(queries[n % len(queries)], urls.issue())
        return post(web, body, signed_headers(body)).status_code

    with ThreadPoolExecutor(CALLS) as pool:
        statuses = list(pool.map(ask, range(CALLS)))
    answers = [urls.next(timeout=30).payload for _ in range(CALLS)]
    writer.join()
    assert statuses == [200] * CALLS and done.is_set()
    assert not any("could not answer" in a["text"] for a in answers)
    assert "locked" not in caplog.text
    with services.sessions() as session:
        written = session.scalar(select(func.count()).select_from(StoryRow)
                                 .where(StoryRow.id.like("bulk-%")))
    assert written == WRITES
