"""DATABASE_URL: the forms platforms hand out work; anything else is one line naming it."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from briefings.store.urls import DatabaseUrlError, normalise_database_url
from tests.conftest import ROOT
from tests.support.databases import create_throwaway_postgres, postgres_admin_url


def run_deals(cwd: Path, database_url: str | None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
           "BRIEFINGS_CONFIG": str(ROOT / "config" / "briefings.toml")}
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    return subprocess.run([sys.executable, "-m", "bot", "deals"], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_bare_postgres_schemes_map_to_psycopg(scheme: str) -> None:
    url = normalise_database_url(f"{scheme}://bot:s3cret@db.example:5432/briefings")
    assert url == "postgresql+psycopg://bot:s3cret@db.example:5432/briefings"


def test_explicit_driver_and_sqlite_urls_pass_unchanged(tmp_path: Path) -> None:
    pg = "postgresql+psycopg://bot@db.example:5432/briefings"
    assert normalise_database_url(pg) == pg
    assert normalise_database_url(f"sqlite:///{tmp_path}/b.db") == f"sqlite:///{tmp_path}/b.db"


def test_missing_folder_is_created_only_when_asked(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/data/b.db"
    with pytest.raises(DatabaseUrlError, match="does not exist"):
        normalise_database_url(url)
    assert not (tmp_path / "data").exists()
    normalise_database_url(url, create_folder=True)
    assert (tmp_path / "data").is_dir()


@pytest.mark.parametrize(
    ("url", "says"),
    [("mysql://bot@localhost/briefings", "mysql is not supported"),
     ("postgresql+psycopg2://bot@localhost/briefings", "driver for 'postgresql+psycopg2'"),
     ("nonsense", "not a database URL"),
     ("", "not a database URL"),
     ("foo://x/y", "unknown scheme 'foo'"),
     ("sqlite:///{tmp}/no/such/folder/b.db", "folder '{tmp}/no/such/folder' does not exist"),
     ("postgresql://bot:s3cret@127.0.0.1:{port}/briefings", "could not connect to the database")],
)
def test_bad_url_is_one_line_naming_the_variable(tmp_path: Path, url: str, says: str) -> None:
    port = closed_port()
    url, says = (text.format(tmp=tmp_path, port=port) for text in (url, says))
    result = run_deals(tmp_path, url)
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: DATABASE_URL: ") and says in line
    assert "s3cret" not in line
    assert not (tmp_path / "no").exists()  # a mistyped folder is not created


def test_default_sqlite_folder_is_created(tmp_path: Path) -> None:
    result = run_deals(tmp_path, None)
    assert (result.returncode, result.stdout.strip()) == (0, "No deals tracked yet.")
    assert (tmp_path / "data" / "briefings.db").is_file()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    admin = postgres_admin_url()
    if admin is None:
        pytest.skip("PostgreSQL pass skipped: TEST_DATABASE_URL is not set")
    yield from create_throwaway_postgres(admin)


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_platform_postgres_url_opens_the_database(tmp_path: Path, postgres_url: str,
                                                  scheme: str) -> None:
    url = make_url(postgres_url).set(drivername=scheme).render_as_string(hide_password=False)
    result = run_deals(tmp_path, url)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "No deals tracked yet."
