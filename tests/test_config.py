"""Config files are validated on load; every error names the file, the entry and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.config import load_config
from briefings.errors import ConfigError
from briefings.models import Status

WATCHLIST = """
[[companies]]
name = "Anthropic"
roles = ["ai-lab"]

[[companies]]
name = "Microsoft"
aliases = ["MSFT"]
roles = ["cloud"]

[[chips]]
name = "Maia"
owner = "Microsoft"
"""

MAIN = """
watchlist = "watchlist.toml"

[[feeds]]
name = "Wire"
url = "https://wire.example/feed"

[[channels]]
id = "C0001"
statuses = ["confirmed"]
"""


def write(tmp_path: Path, main: str = MAIN, watchlist: str = WATCHLIST) -> Path:
    (tmp_path / "watchlist.toml").write_text(watchlist)
    path = tmp_path / "briefings.toml"
    path.write_text(main)
    return path


def test_shipped_config_loads(config_path: Path) -> None:
    config = load_config(config_path)
    assert len(config.briefings.feeds) >= 15
    assert len(config.watchlist.companies) >= 7
    assert any(feed.official_for for feed in config.briefings.feeds)


def test_demo_config_loads() -> None:
    config = load_config(Path(__file__).parent.parent / "config" / "samples" / "demo.toml")
    assert {f.name for f in config.briefings.feeds} >= {"Chip Wire", "Microsoft Newsroom"}


def test_valid_config_with_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path))
    feed = config.briefings.feeds[0]
    assert feed.poll_minutes == 15 and feed.official_for == ()
    assert config.briefings.channels[0].statuses == (Status.CONFIRMED,)
    assert config.briefings.digest.day == "monday"


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (MAIN.replace('url = "https://wire.example/feed"', 'url = "wire.example"'),
         "entry [[feeds]] #1 ('Wire'), key 'url'"),
        (MAIN.replace('url = "https://wire.example/feed"\n', ""),
         "entry [[feeds]] #1 ('Wire'), key 'url': Field required"),
        (MAIN.replace('statuses = ["confirmed"]', 'statuses = ["rumoured"]'),
         "entry [[channels]] #1 ('C0001'), key 'statuses.0'"),
        (MAIN.replace('id = "C0001"', 'id = "general"'),
         "entry [[channels]] #1 ('general'), key 'id'"),
        (MAIN + '\n[digest]\nday = "someday"\n', "section [digest], key 'day'"),
        (MAIN + '\n[digest]\ntime = "25:00"\n', "section [digest], key 'time'"),
        (MAIN.replace('name = "Wire"', 'name = "Wire"\npoll_minute = 5'),
         "entry [[feeds]] #1 ('Wire'), key 'poll_minute': Extra inputs are not permitted"),
    ],
)
def test_errors_name_file_entry_and_key(tmp_path: Path, broken: str, expected: str) -> None:
    path = write(tmp_path, main=broken)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: {expected}")


def test_duplicate_feed_names_are_refused(tmp_path: Path) -> None:
    twice = MAIN + '\n[[feeds]]\nname = "Wire"\nurl = "https://other.example/feed"\n'
    with pytest.raises(ConfigError, match="feed names must be unique; repeated: Wire"):
        load_config(write(tmp_path, main=twice))


def test_a_company_listed_twice_is_refused(tmp_path: Path) -> None:
    """A second entry used to replace the first's roles without a word."""
    twice = WATCHLIST + '\n[[companies]]\nname = "microsoft"\nroles = ["cloud"]\n'
    with pytest.raises(ConfigError, match="company names must be unique; repeated: Microsoft"):
        load_config(write(tmp_path, watchlist=twice))


def test_not_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, main="feeds = [")
    with pytest.raises(ConfigError, match=f"^{path}: not valid TOML"):
        load_config(path)


def test_missing_watchlist_names_it(tmp_path: Path) -> None:
    path = write(tmp_path)
    (tmp_path / "watchlist.toml").unlink()
    with pytest.raises(ConfigError, match=r"watchlist\.toml: file not found"):
        load_config(path)


def test_chip_owner_must_be_on_the_watchlist(tmp_path: Path) -> None:
    path = write(tmp_path, watchlist=WATCHLIST.replace('owner = "Microsoft"', 'owner = "Msft"'))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert "watchlist.toml" in message and "[[chips]] #1 ('Maia'), key 'owner'" in message


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (MAIN.replace('statuses = ["confirmed"]', 'companies = ["Microsoft Corp"]'),
         "entry [[channels]] #1 ('C0001'), key 'companies': 'Microsoft Corp' is not a company "
         "or alias on the watch list; did you mean 'Microsoft'?"),
        (MAIN.replace('url = "https://wire.example/feed"',
                      'url = "https://wire.example/feed"\nofficial_for = ["Antropic"]'),
         "entry [[feeds]] #1 ('Wire'), key 'official_for': 'Antropic' is not a company or "
         "alias on the watch list; did you mean 'Anthropic'?"),
        (MAIN.replace('statuses = ["confirmed"]', 'companies = ["Zyxwvu"]'),
         "entry [[channels]] #1 ('C0001'), key 'companies': 'Zyxwvu' is not a company or "
         "alias on the watch list"),
    ],
)
def test_company_filters_must_name_the_watch_list(tmp_path: Path, broken: str,
                                                  expected: str) -> None:
    # These loaded silently before, and such a channel never received a briefing.
    path = write(tmp_path, main=broken)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}: {expected}"


def test_company_filters_take_aliases_in_any_case_as_canonical_names(tmp_path: Path) -> None:
    main = (MAIN.replace('statuses = ["confirmed"]', 'companies = ["msft", "ANTHROPIC"]')
            .replace('url = "https://wire.example/feed"',
                     'url = "https://wire.example/feed"\nofficial_for = ["MSFT", "Microsoft"]'))
    config = load_config(write(tmp_path, main=main))
    assert config.briefings.channels[0].companies == ("Microsoft", "Anthropic")
    assert config.briefings.feeds[0].official_for == ("Microsoft",)


def test_day_and_statuses_are_case_insensitive(tmp_path: Path) -> None:
    main = (MAIN.replace('statuses = ["confirmed"]', 'statuses = ["Confirmed", "DENIED"]')
            + '\n[digest]\nday = "Monday"\n')
    config = load_config(write(tmp_path, main=main))
    assert config.briefings.digest.day == "monday"
    assert config.briefings.channels[0].statuses == (Status.CONFIRMED, Status.DENIED)


def test_slack_editors_are_user_and_group_ids(tmp_path: Path) -> None:
    main = MAIN + '\n[slack]\neditors = ["U0ANALYST", "W0GRID1", "S0EDITORS", "U0ANALYST"]\n'
    config = load_config(write(tmp_path, main=main))
    assert config.slack.editors == ("U0ANALYST", "W0GRID1", "S0EDITORS")
    assert load_config(write(tmp_path)).slack.editors == ()  # nobody named: everyone may


@pytest.mark.parametrize("editor", ["@ana", "u0analyst", "C0DEALS01", "U0", "<!channel>"])
def test_slack_editors_must_be_slack_ids(tmp_path: Path, editor: str) -> None:
    path = write(tmp_path, main=MAIN + f'\n[slack]\neditors = ["{editor}"]\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: section [slack], key 'editors'")
    assert f"{editor!r} is neither a Slack user ID (U… or W…) nor a user-group ID (S…)" in message
