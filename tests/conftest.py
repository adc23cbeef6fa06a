"""Shared fixtures. `engine` runs a test on SQLite and, with TEST_DATABASE_URL set, PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from briefings.store.database import session_factory
from tests.support.databases import (
    create_throwaway_postgres,
    empty_tables,
    migrated_engine,
    postgres_admin_url,
)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def pytest_report_header() -> str:
    url = postgres_admin_url()
    return f"PostgreSQL tests: {'on (' + url + ')' if url else 'off (TEST_DATABASE_URL not set)'}"


@pytest.fixture(scope="session")
def _postgres_url() -> Iterator[str | None]:
    admin = postgres_admin_url()
    if admin is None:
        yield None
        return
    yield from create_throwaway_postgres(admin)


@pytest.fixture(scope="session")
def _postgres_engine(_postgres_url: str | None) -> Iterator[Engine | None]:
    if _postgres_url is None:
        yield None
        return
    engine = migrated_engine(_postgres_url)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(
    request: pytest.FixtureRequest, tmp_path: Path, _postgres_engine: Engine | None
) -> Iterator[Engine]:
    """A migrated, empty database: SQLite always, PostgreSQL when TEST_DATABASE_URL is set."""
    if request.param == "sqlite":
        sqlite = migrated_engine(f"sqlite:///{tmp_path / 'test.db'}")
        yield sqlite
        sqlite.dispose()
        return
    if _postgres_engine is None:
        pytest.skip("PostgreSQL pass skipped: TEST_DATABASE_URL is not set")
    empty_tables(_postgres_engine)
    yield _postgres_engine


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)


@pytest.fixture
def config_path() -> Path:
    return ROOT / "config" / "briefings.toml"


def _shared(path: Path, marker: Path, what: str) -> Path:
    """`path` under ../shared, or a clear skip when the development data is not there."""
    if not marker.exists():
        pytest.skip(f"{what} not found at {path} (it lives in ../shared, outside the repo)")
    return path


@pytest.fixture
def devset_path() -> Path:
    path = SHARED / "devset" / "stories.jsonl"
    return _shared(path, path, "devset")


@pytest.fixture
def realset_path() -> Path:
    path = SHARED / "realset" / "stories.jsonl"
    return _shared(path, path, "real-news set")


@pytest.fixture
def feeds_corpus() -> Path:
    path = SHARED / "feeds-corpus"
    return _shared(path, path / "MANIFEST.tsv", "feeds corpus")
