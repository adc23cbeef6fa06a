"""The composition root: the one place that turns settings into an engine, config and pipeline."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import DATABASE_DEFAULT, Settings, SettingsError
from briefings.config import Config, load_config
from briefings.errors import DatabaseUnreachable
from briefings.pipeline import Pipeline
from briefings.store.database import make_engine, migrate, session_factory
from briefings.store.urls import DatabaseUrlError, normalise_database_url
from briefings.triage import Triage


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Services:
    """What commands, jobs and listeners share; built once per process."""

    settings: Settings
    config: Config
    engine: Engine
    sessions: sessionmaker[Session]
    pipeline: Pipeline
    clock: Callable[[], datetime] = utc_now


def build_services(settings: Settings, *, config_path: Path | None = None,
                   database_url: str | None = None) -> Services:
    """Load the config, open and migrate the database, and wire the pipeline."""
    config = load_config(config_path or settings.briefings_config)
    engine = open_database(database_url or settings.database_url)
    sessions = session_factory(engine)
    pipeline = Pipeline(sessions, config, Triage(config.watchlist))
    return Services(settings, config, engine, sessions, pipeline)


def open_database(url: str) -> Engine:
    """An engine on `url`, migrated; a URL or server at fault is one line naming DATABASE_URL."""
    try:
        engine = make_engine(normalise_database_url(url, create_folder=url == DATABASE_DEFAULT))
        migrate(engine)
    except (DatabaseUrlError, DatabaseUnreachable) as exc:
        raise SettingsError(f"DATABASE_URL: {exc}") from None
    return engine


# APScheduler logs "Running job ..." and "... executed successfully" at INFO for every run (the
# delivery job's every 10 s); its failures and missed runs are WARNING and above.
JOB_CHATTER = "apscheduler.executors"


def configure_logging(level: str) -> None:
    """Log to stderr at `level`; APScheduler's per-run lines only when that is DEBUG."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    chatter = logging.DEBUG if logging.getLevelName(level) == logging.DEBUG else logging.WARNING
    logging.getLogger(JOB_CHATTER).setLevel(chatter)
