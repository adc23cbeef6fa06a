"""The web process for real: waitress on 127.0.0.1, Slack Web API = a SlackSandbox, response_url =
a loopback catcher, and the database from the shared `engine` fixture (SQLite, then PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.app import build_app
from bot.sandbox import ResponseUrls, SlackSandbox
from bot.services import Services
from bot.settings import Settings
from bot.web import bound_port, make_server, wsgi_app
from briefings.config import load_config
from briefings.models import Status
from briefings.pipeline import Pipeline
from briefings.store.database import session_factory, transaction
from briefings.triage import Triage
from tests.slash.support import SECRET, TOKEN, seed_deal, seed_thread, serve

ROOT = Path(__file__).resolve().parents[2]
C, U, D = Status.CONFIRMED, Status.UNCONFIRMED, Status.DENIED


@pytest.fixture(scope="module")
def _sandbox() -> Iterator[SlackSandbox]:
    with SlackSandbox() as sandbox:
        yield sandbox


@pytest.fixture
def slack(_sandbox: SlackSandbox) -> SlackSandbox:
    """The module's fake Slack Web API, emptied for each test (shutting one down takes 0.5 s)."""
    _sandbox.reset()
    return _sandbox


@pytest.fixture
def services(engine: Engine, slack: SlackSandbox) -> Services:
    settings = Settings(_env_file=None, slack_api_url=slack.url,  # type: ignore[call-arg]
                        slack_bot_token=TOKEN, slack_signing_secret=SECRET)
    config = load_config(ROOT / "config" / "briefings.toml")
    sessions = session_factory(engine)
    return Services(settings, config, engine, sessions,
                    Pipeline(sessions, config, Triage(config.watchlist)))


@pytest.fixture
def web(services: Services) -> Iterator[str]:
    """The real WSGI app under waitress; yields its base URL."""
    server = make_server(wsgi_app(build_app(services), services.engine, SECRET), host="127.0.0.1",
                         port=0, threads=4)
    stop = serve(server)
    yield f"http://127.0.0.1:{bound_port(server)}"
    stop()


@pytest.fixture
def deals(services: Services) -> None:
    """A small tracked-deal world: one card-worthy deal per query the issue names."""
    with transaction(services.sessions) as session:
        maia = seed_deal(session, ["Anthropic", "Microsoft"], ["Maia"], "Maia", [U, C], day=2)
        seed_thread(session, maia)
        seed_deal(session, ["Amazon", "Anthropic"], ["Trainium"], "Trainium", [U], day=1)
        seed_deal(session, ["Google", "OpenAI"], ["TPU"], "TPU", [U, D], day=0)
        seed_deal(session, ["AMD", "OpenAI"], ["Instinct"], "Instinct", [C], day=3)


@pytest.fixture
def urls() -> Iterator[ResponseUrls]:
    """Slack's response_url emulated: 5 uses in 30 minutes, Slack's message limits, a screen."""
    urls = ResponseUrls().start()
    yield urls
    urls.stop()
