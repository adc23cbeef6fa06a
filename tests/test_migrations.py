"""The Alembic migrations and the SQLAlchemy tables describe the same schema."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, text

from briefings.store.database import MIGRATIONS, make_engine, migrate
from briefings.store.tables import Base
from tests.support.databases import create_throwaway_postgres, postgres_admin_url

ROOT = Path(__file__).resolve().parent.parent
# Each process builds its engine, says "ready", and migrates when told "go" on stdin: all of
# them are past their imports and start the upgrade together, as a deploy's processes do.
MIGRATE_WHEN_TOLD = """
import sys
from briefings.store.database import make_engine, migrate
engine = make_engine(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
migrate(engine)
"""


def test_migrations_match_the_tables(engine: Engine) -> None:
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_migrate_twice_is_harmless(engine: Engine) -> None:
    migrate(engine)
    migrate(engine)


def upgraded(tmp_path: Path, revision: str, insert: str, rows: list[dict[str, str]]) -> Engine:
    """A SQLite database at an earlier `revision` holding `rows` a release left (each inserted
    with `insert`), then migrated to head."""
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)
        for row in rows:
            connection.execute(text(insert), row)
    migrate(engine)
    return engine


def test_deals_tracked_before_0002_get_their_kind_from_their_subject(tmp_path: Path) -> None:
    subjects = [("a", "Maia chips for inference"), ("b", "memory supply"),
                ("c", "chip manufacturing"), ("d", "compute capacity")]
    engine = upgraded(tmp_path, "0001", (
        "INSERT INTO deals (key, parties, subject, chips, status, status_since, "
        "first_seen_at, last_activity_at, summary, evidence, search_text) VALUES "
        "(:key, '[]', :subject, '[]', 'confirmed', :at, :at, :at, '', '[]', '')"),
        [{"key": key, "subject": subject, "at": "2026-01-01 00:00:00"}
         for key, subject in subjects])
    with engine.connect() as connection:
        kinds = dict(connection.execute(text("SELECT key, kind FROM deals")).all())
    assert kinds == {"a": "chips", "b": "memory", "c": "manufacturing", "d": "capacity"}


def test_posts_held_back_before_0004_are_not_rolled_up_after_the_upgrade(tmp_path: Path) -> None:
    engine = upgraded(tmp_path, "0003", (
        "INSERT INTO outbox (idem_key, kind, channel, payload, state, attempts, not_before, "
        "created_at, error) VALUES (:key, 'new_deal', 'C1', '{}', :state, 0, :at, :at, "
        "'flood cap: 5 posts from this feed this cycle')"),
        [{"key": key, "state": state, "at": "2026-01-01 00:00:00"}
         for key, state in [("held", "skipped"), ("posted", "sent")]])
    with engine.connect() as connection:
        marks = dict(connection.execute(text("SELECT idem_key, rolled_up_in FROM outbox")).all())
    assert marks == {"held": "before roll-ups", "posted": None}


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database nothing has connected to yet."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    admin = postgres_admin_url()
    if admin is None:
        pytest.skip("PostgreSQL pass skipped: TEST_DATABASE_URL is not set")
    yield from create_throwaway_postgres(admin)


def migrate_at_once(url: str, processes: int = 6) -> list[tuple[int, str]]:
    """Start `processes` migrators on `url` together; their exit codes and stderr."""
    children = [subprocess.Popen([sys.executable, "-c", MIGRATE_WHEN_TOLD, url], cwd=ROOT,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(processes)]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    results = []
    for child in children:
        _, err = child.communicate(timeout=120)
        results.append((child.returncode, err.strip()[-400:]))
    return results


def assert_at_head(url: str) -> None:
    engine = make_engine(url)
    with engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert (version, diff) == (head, [])


def test_processes_started_together_on_a_fresh_database_all_migrate(fresh_url: str) -> None:
    # Before the lock, PostgreSQL failed with UniqueViolation (pg_type_typname_nsp_index) and
    # SQLite with "database is locked" from switching the new file to WAL.
    results = migrate_at_once(fresh_url)
    assert results == [(0, "")] * len(results)
    assert_at_head(fresh_url)


def test_processes_started_together_on_an_older_database_all_upgrade(fresh_url: str) -> None:
    engine = create_engine(fresh_url)
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0001")
    engine.dispose()
    results = migrate_at_once(fresh_url)
    assert results == [(0, "")] * len(results)
    assert_at_head(fresh_url)
