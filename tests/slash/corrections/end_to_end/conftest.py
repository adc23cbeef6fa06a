"""The web process of tests/slash/corrections wired to a delivery `World`: the same database,
stand-in Slack and fake clock, the world's channels (two: every deal of Microsoft is posted in
both), and the world's pipeline with its stub triage, so a test posts real briefings through the
pipeline and the outbox, corrects them over signed HTTP with the real handlers, then delivers."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.sandbox import ResponseUrls, SlackSandbox
from bot.services import Services
from briefings.config import Config, SlackConfig
from tests.delivery.support import ALL, World
from tests.slash.corrections.end_to_end.support import SECOND, Analyst
from tests.slash.corrections.support import OTHER


@pytest.fixture
def world(sessions: sessionmaker[Session], slack: SlackSandbox) -> World:
    return World(sessions, slack, channels=(ALL, SECOND))


@pytest.fixture
def services(services: Services, world: World, editors: tuple[str, ...]) -> Services:
    briefings = world.config.briefings.model_copy(
        update={"slack": SlackConfig(editors=editors)})
    config: Config = world.config.model_copy(update={"briefings": briefings})
    return dataclasses.replace(services, config=config, pipeline=world.pipeline,
                               clock=world.clock)


@pytest.fixture
def ana(web: str, slack: SlackSandbox, urls: ResponseUrls) -> Analyst:
    return Analyst(web, slack, urls)


@pytest.fixture
def otto(web: str, slack: SlackSandbox, urls: ResponseUrls) -> Analyst:
    return Analyst(web, slack, urls, OTHER)
