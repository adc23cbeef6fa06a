"""The Alembic migrations and the SQLAlchemy tables describe the same schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from briefings.store.database import migrate
from briefings.store.tables import Base


def test_migrations_match_the_tables(engine: Engine) -> None:
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_migrate_twice_is_harmless(engine: Engine) -> None:
    migrate(engine)
    migrate(engine)
