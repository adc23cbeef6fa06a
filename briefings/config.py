"""The user-edited config files (`config/briefings.toml`, `config/watchlist.toml`) and their schema.

Every validation error names the file, the entry and the key, so a typo is a one-line fix.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from briefings.errors import ConfigError
from briefings.models import Status

Role = Literal["ai-lab", "chip-vendor", "cloud", "hyperscaler", "neocloud", "foundry", "memory",
               "investor", "hardware", "sovereign", "other"]
_M = TypeVar("_M", bound="BaseModel")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FeedConfig(_Strict):
    """One feed to watch. `official_for` names the companies whose own newsroom this is."""

    name: Annotated[str, Field(min_length=1, max_length=200)]  # the feeds.name column width
    url: Annotated[str, Field(pattern=r"^https?://")]
    official_for: tuple[str, ...] = ()
    poll_minutes: Annotated[int, Field(ge=1, le=24 * 60)] = 15
    max_new_per_cycle: Annotated[int | None, Field(ge=1)] = None


class FetchConfig(_Strict):
    """How feeds are fetched and scheduled (`[fetch]`); the defaults suit a production team."""

    connect_timeout: Annotated[float, Field(gt=0)] = 5.0
    read_timeout: Annotated[float, Field(gt=0)] = 10.0
    total_timeout: Annotated[float, Field(gt=0)] = 20.0
    max_bytes: Annotated[int, Field(ge=1024)] = 10 * 1024 * 1024
    max_redirects: Annotated[int, Field(ge=0, le=20)] = 5
    concurrency: Annotated[int, Field(ge=1, le=256)] = 16
    allow_private_addresses: bool = False
    user_agent: str = "DealBriefings/0.1 (+https://github.com/deal-briefings)"
    max_backoff_minutes: Annotated[int, Field(ge=1)] = 24 * 60
    max_interval_minutes: Annotated[int, Field(ge=1)] = 24 * 60
    unhealthy_after: Annotated[int, Field(ge=1)] = 3
    max_new_per_cycle: Annotated[int, Field(ge=1)] = 50


class ChannelConfig(_Strict):
    """A Slack channel and what it wants: which statuses, which companies, and the digest."""

    id: Annotated[str, Field(pattern=r"^[CGD][A-Z0-9]{2,}$")]
    name: str = ""
    statuses: tuple[Status, ...] = (Status.UNCONFIRMED, Status.CONFIRMED, Status.DENIED)
    companies: tuple[str, ...] = ()
    digest: bool = False

    @field_validator("statuses", mode="before")
    @classmethod
    def _lower_statuses(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return [item.lower() if isinstance(item, str) else item for item in value]
        return value


class DigestConfig(_Strict):
    """When the weekly digest goes out, in the deployment's time zone."""

    day: Weekday = "monday"
    time: dt.time = dt.time(9, 0)
    catch_up_hours: Annotated[int, Field(ge=0, le=24 * 6)] = 24

    @field_validator("day", mode="before")
    @classmethod
    def _lower_day(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value


_EDITOR_ID = re.compile(r"^[UWS][A-Z0-9]{2,20}$")


class SlackConfig(_Strict):
    """What the Slack side allows (`[slack]`). `editors` may correct the bot from its overflow
    menus: Slack user IDs (`U…`, `W…`) and user-group IDs (`S…`); empty means everyone."""

    editors: tuple[str, ...] = ()

    @field_validator("editors")
    @classmethod
    def _slack_ids(cls, editors: tuple[str, ...]) -> tuple[str, ...]:
        for editor in editors:
            if not _EDITOR_ID.match(editor):
                raise ValueError(
                    f"{editor!r} is neither a Slack user ID (U… or W…) nor a user-group ID "
                    "(S…); a profile's ⋯ menu has 'Copy member ID', a user group's page its ID")
        return tuple(dict.fromkeys(editors))


class BriefingsConfig(_Strict):
    """The main config file."""

    watchlist: str = "watchlist.toml"
    look_back_hours: Annotated[int, Field(ge=0)] = 48
    retention_days: Annotated[int, Field(ge=7)] = 180
    feeds: tuple[FeedConfig, ...] = ()
    channels: tuple[ChannelConfig, ...] = ()
    digest: DigestConfig = DigestConfig()
    fetch: FetchConfig = FetchConfig()
    slack: SlackConfig = SlackConfig()

    @field_validator("feeds")
    @classmethod
    def _unique_feed_names(cls, feeds: tuple[FeedConfig, ...]) -> tuple[FeedConfig, ...]:
        names = [f.name for f in feeds]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"feed names must be unique; repeated: {', '.join(dupes)}")
        return feeds


class CompanyConfig(_Strict):
    """A company on the watch list. Aliases are matched as whole words; see `case_sensitive`.

    `context_aliases` are short names that are ambiguous alone ("SK" is a whole group of
    companies) and count only in a story that also has one of the `context` phrases ("HBM").
    `leaders` are the people who speak for it (its chief executive), matched in their exact
    case: "Musk said" is Tesla's word on a Tesla deal, though naming him names no party.
    """

    name: Annotated[str, Field(min_length=1)]
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    case_sensitive: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()


class ChipConfig(_Strict):
    """A chip, accelerator or compute product and the company that owns it. A `project` is a
    named facility or programme (Stargate, Colossus): naming it names its owner, as a chip
    does, but it is no chip of the deal."""

    name: Annotated[str, Field(min_length=1)]
    owner: Annotated[str, Field(min_length=1)]
    aliases: tuple[str, ...] = ()
    case_sensitive: tuple[str, ...] = ()
    project: bool = False


class CueConfig(_Strict):
    """Phrases the triage looks for, by family, matched as whole words, case-insensitively.

    A trailing `*` matches any word ending (`negotiat*`). `talks` are negotiation phrases (deal
    news that is not yet a deal), `final` are headline verbs that sound done but prove nothing on
    their own, `exclude` marks look-alike news (earnings, stock moves, funding), `analysis` the
    words of analysis pieces, digests and interviews (a headline naming three companies beside
    one is a round-up), and `off_topic` news that is never a deal (lawsuits, hires, export
    rules). `statement` are speech verbs that make
    a party's words on-the-record, `hedge` phrases doubt that a deal is done, `silence` phrases
    are a party's non-answers ("declined to comment") and `source` phrases only say who reported
    it (a party confirming it on the record outweighs both), `terms` words name a deal's terms
    (a value "not disclosed" doubts the price, not the deal), `background`
    marks a body sentence about the past ("previously said"), whose denials and confirmations
    do not decide the present report, `negation`
    cancels a confirm/deny cue just after it, and `veto` phrases hide any name or cue inside them
    (the Amazon river, fish and chips). `maybe` are modal hedges (could, may) that only hedge
    a sentence with no final verb. `hardware` are chip words that
    need an AI context to count as compute. `inference`/`training` tell what the compute is for.
    `contract` are deal nouns (a denied contract is deal news), `launch` product-launch verbs,
    `offering` words for a model offered, licensed or distributed (not compute), and `example`
    words that start a list of examples ("customers including ..."), whose names are not parties.
    `separate` phrases say a story's deal is apart from an earlier one ("separate from", "in
    addition to", "complements"): grouping weighs them against joining a tracked deal. `ai`
    words say the story is about AI at all: a cloud deal without one is an IT contract.
    `outlet` names news outlets: credited at the end of a headline ("... - FT", "..., per
    Bloomberg") an outlet says whose scoop the story is. `build` verbs name a partner when
    a company builds "with" another ("will build data centres in Texas with Fluidstack").
    """

    deal: tuple[str, ...] = ()
    talks: tuple[str, ...] = ()
    final: tuple[str, ...] = ()
    hedge: tuple[str, ...] = ()
    silence: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    background: tuple[str, ...] = ()
    maybe: tuple[str, ...] = ()
    confirm: tuple[str, ...] = ()
    statement: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    negation: tuple[str, ...] = ()
    compute: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    analysis: tuple[str, ...] = ()
    off_topic: tuple[str, ...] = ()
    veto: tuple[str, ...] = ()
    hardware: tuple[str, ...] = ()
    inference: tuple[str, ...] = ()
    training: tuple[str, ...] = ()
    contract: tuple[str, ...] = ()
    launch: tuple[str, ...] = ()
    offering: tuple[str, ...] = ()
    example: tuple[str, ...] = ()
    separate: tuple[str, ...] = ()
    ai: tuple[str, ...] = ()
    outlet: tuple[str, ...] = ()
    build: tuple[str, ...] = ()


class CounterpartConfig(_Strict):
    """The words an unwatched counterpart is read by (briefings/triage/counterpart.py).

    Deal-cue phrases, as `[cues]` holds them (lower case): `signing` verbs make two subjects one
    deal's signatories ("Acme and OpenAI sign"), as `announcing` verbs do when an agreement is
    their object; `not_supply` cues link two companies without one
    supplying the other (buying a business, investing, vague verbs like "adds"); after a
    `supplying` cue, "to <Name>" names the one supplied ("ships chips to Acme"); `choosing` verbs
    name a chosen supplier ("Meta taps Acme"); `buying` verbs make an unknown subject the buyer
    of the watched compute they govern ("Acme Motors buys Nvidia chips"). Capitalised words, as
    written: `company_words` may end a name though they are cue words ("Acme Cloud");
    `legal_suffixes` are dropped from a name's end ("Inc"); `function_words` are capitalised by
    a Title Case headline and end a name;
    a name starting with one of `not_party` (months, titles, outlets, pronouns) is no company;
    one starting with `places` is the rest when the story writes that alone ("Saudi Varnex"),
    else needs a company word at its end ("Saudi Data Centers").
    """

    signing: frozenset[str] = frozenset()
    announcing: frozenset[str] = frozenset()
    not_supply: frozenset[str] = frozenset()
    supplying: frozenset[str] = frozenset()
    choosing: frozenset[str] = frozenset()
    buying: frozenset[str] = frozenset()
    company_words: frozenset[str] = frozenset()
    legal_suffixes: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    not_party: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()


class Watchlist(_Strict):
    """The companies, chips, cue phrases and counterpart words the triage is driven by."""

    companies: tuple[CompanyConfig, ...] = ()
    chips: tuple[ChipConfig, ...] = ()
    cues: CueConfig = CueConfig()
    counterparts: CounterpartConfig = CounterpartConfig()

    @field_validator("companies")
    @classmethod
    def _unique_company_names(
            cls, companies: tuple[CompanyConfig, ...]) -> tuple[CompanyConfig, ...]:
        """A second entry for one name silently replaced the first's roles: refuse it."""
        names = [c.name.lower() for c in companies]
        dupes = sorted({c.name for c in companies if names.count(c.name.lower()) > 1})
        if dupes:
            raise ValueError(f"company names must be unique; repeated: {', '.join(dupes)}")
        return companies


class Config(BaseModel):
    """Both files, loaded and cross-checked."""

    model_config = ConfigDict(frozen=True)

    path: Path
    briefings: BriefingsConfig
    watchlist: Watchlist

    @property
    def slack(self) -> SlackConfig:
        """The `[slack]` section of the main file."""
        return self.briefings.slack


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(str(path), "file not found") from None
    except IsADirectoryError:
        raise ConfigError(str(path), "is a folder; name the .toml file in it") from None
    except OSError as exc:
        raise ConfigError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), f"not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"not valid TOML: {exc}") from None


def _describe(error: ValidationError, data: dict[str, object]) -> str:
    """Turn pydantic's first error into 'entry feeds[2] (name='X'), key url: reason'."""
    first = error.errors()[0]
    loc = [str(part) for part in first["loc"]]
    entry, key = _entry_and_key(loc, data)
    return f"{entry}key '{key}': {first['msg']}"


def _entry_and_key(loc: list[str], data: dict[str, object]) -> tuple[str, str]:
    if len(loc) >= 2 and loc[1].isdigit():
        section, index = loc[0], int(loc[1])
        entries = data.get(section)
        label = ""
        if isinstance(entries, list) and index < len(entries) and isinstance(entries[index], dict):
            ident = entries[index].get("name") or entries[index].get("id")
            label = f" ({ident!r})" if ident else ""
        key = ".".join(loc[2:]) or section
        return f"entry [[{section}]] #{index + 1}{label}, ", key
    if len(loc) >= 2:
        return f"section [{loc[0]}], ", ".".join(loc[1:])
    return "", ".".join(loc) or "(root)"


def _parse(model: type[_M], path: Path) -> _M:
    data = _read_toml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(str(path), _describe(exc, data)) from None


def load_watchlist(path: Path) -> Watchlist:
    """Load and validate a watch list; chip owners must be companies on it."""
    watchlist = _parse(Watchlist, path)
    names = {c.name for c in watchlist.companies}
    for index, chip in enumerate(watchlist.chips):
        if chip.owner not in names:
            raise ConfigError(
                str(path),
                f"entry [[chips]] #{index + 1} ({chip.name!r}), key 'owner': "
                f"{chip.owner!r} is not a company on the watch list",
            )
    return watchlist


def load_config(path: Path) -> Config:
    """Load the main config and the watch list it points to (relative to the main file)."""
    briefings = _parse(BriefingsConfig, path)
    watchlist = load_watchlist((path.parent / briefings.watchlist).resolve())
    briefings = _named_companies(path, briefings, watchlist)
    return Config(path=path, briefings=briefings, watchlist=watchlist)


def _named_companies(path: Path, briefings: BriefingsConfig,
                     watchlist: Watchlist) -> BriefingsConfig:
    """Channels' `companies` and feeds' `official_for`, as canonical watch-list names.

    Deals carry canonical names, so a channel filter naming anything else (a typo, "Nvidia
    Corp", an alias) used to match no deal and the channel silently received nothing. Names
    and aliases are accepted in any case; anything else is refused with the closest name."""
    known = company_names(watchlist)
    feeds = tuple(
        feed.model_copy(update={"official_for": _canonical(
            known, feed.official_for, f"{path}", f"entry [[feeds]] #{i} ({feed.name!r}), "
            "key 'official_for'")})
        for i, feed in enumerate(briefings.feeds, start=1))
    channels = tuple(
        channel.model_copy(update={"companies": _canonical(
            known, channel.companies, f"{path}",
            f"entry [[channels]] #{i} ({channel.name or channel.id!r}), key 'companies'")})
        for i, channel in enumerate(briefings.channels, start=1))
    return briefings.model_copy(update={"feeds": feeds, "channels": channels})


def company_names(watchlist: Watchlist) -> dict[str, str]:
    """Every company name and alias, lowercased, to its canonical name."""
    known: dict[str, str] = {}
    for company in watchlist.companies:
        for name in (company.name, *company.aliases, *company.case_sensitive):
            known.setdefault(name.lower(), company.name)
    return known


def _canonical(known: dict[str, str], names: tuple[str, ...], path: str,
               where: str) -> tuple[str, ...]:
    canonical = []
    for name in names:
        if name.lower() not in known:
            close = difflib.get_close_matches(name.lower(), list(known), n=1, cutoff=0.6)
            hint = f"; did you mean {known[close[0]]!r}?" if close else ""
            raise ConfigError(path, f"{where}: {name!r} is not a company or alias on the "
                                    f"watch list{hint}")
        canonical.append(known[name.lower()])
    return tuple(dict.fromkeys(canonical))
