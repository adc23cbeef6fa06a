"""The Alembic migrations and the SQLAlchemy tables describe the same schema."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, text

from briefings.store.database import MIGRATIONS, migrate
from briefings.store.tables import Base


def test_migrations_match_the_tables(engine: Engine) -> None:
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_migrate_twice_is_harmless(engine: Engine) -> None:
    migrate(engine)
    migrate(engine)


def test_deals_tracked_before_0002_get_their_kind_from_their_subject(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0001")
        for key, subject in [("a", "Maia chips for inference"), ("b", "memory supply"),
                             ("c", "chip manufacturing"), ("d", "compute capacity")]:
            connection.execute(text(
                "INSERT INTO deals (key, parties, subject, chips, status, status_since, "
                "first_seen_at, last_activity_at, summary, evidence, search_text) VALUES "
                "(:key, '[]', :subject, '[]', 'confirmed', :at, :at, :at, '', '[]', '')"),
                {"key": key, "subject": subject, "at": "2026-01-01 00:00:00"})
    migrate(engine)
    with engine.connect() as connection:
        kinds = dict(connection.execute(text("SELECT key, kind FROM deals")).all())
    assert kinds == {"a": "chips", "b": "memory", "c": "manufacturing", "d": "capacity"}
