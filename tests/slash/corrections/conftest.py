"""The web process of tests/slash with `[slack] editors` set per test (`editors`), a fixed clock,
and a handler per correction kind that records what `apply_correction` hands it, in place of
the real ones (`refuse` makes them refuse; `test_applied.py` runs the real ones)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from bot.services import Services
from briefings.config import Config, SlackConfig
from briefings.correcting import HANDLERS
from briefings.corrections import Applied, Correction, CorrectionAction, CorrectionRefused

NOW = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)


@pytest.fixture
def editors() -> tuple[str, ...]:
    return ()


@pytest.fixture
def services(services: Services, editors: tuple[str, ...]) -> Services:
    briefings = services.config.briefings.model_copy(
        update={"slack": SlackConfig(editors=editors)})
    config: Config = services.config.model_copy(update={"briefings": briefings})
    return dataclasses.replace(services, config=config, clock=lambda: NOW)


@dataclasses.dataclass
class Recorder:
    """What the handlers were given; `refusal` set: they refuse with it."""

    corrections: list[Correction] = dataclasses.field(default_factory=list)
    refusal: str | None = None

    def __call__(self, session: Session, config: Config, correction: Correction) -> Applied:
        self.corrections.append(correction)
        if self.refusal is not None:
            raise CorrectionRefused(self.refusal)
        return Applied(correction.deal_key, f"{correction.action.value} done <!channel>")


@pytest.fixture
def applied(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    recorder = Recorder()
    for action in CorrectionAction:
        monkeypatch.setitem(HANDLERS, action, recorder)
    yield recorder
