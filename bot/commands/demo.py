"""`python -m bot demo`: the whole pipeline offline, on the bundled sample feeds.

Feeds are served over HTTP from 127.0.0.1, triaged, grouped into deals, stored in a fresh SQLite
file and delivered to a loopback Slack sandbox; the demo prints what each channel received.
"""

from __future__ import annotations

import argparse
import functools
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from slack_sdk import WebClient

from bot.delivery import Deliverer
from bot.demo_analysts import EDITOR, correct_and_merge
from bot.demo_folder import DemoFolder
from bot.digest_post import DigestPlanner
from bot.render.digest import render_digest
from bot.render.status import label
from bot.render.terminal import blocks_to_text
from bot.sandbox import SlackSandbox
from bot.services import Services, build_services
from bot.settings import Settings
from briefings.config import Config
from briefings.cycle import run_poll_cycle
from briefings.digest_window import IsoWeek
from briefings.feeds.fetch import make_client
from briefings.follows import FollowTarget, TargetKind
from briefings.store.database import transaction
from briefings.store.deals import recent_deals
from briefings.store.follows import follow

NAME = "demo"
HELP = "Run the whole pipeline offline on the bundled sample feeds (no Slack, no internet)."
SAMPLES = Path(__file__).resolve().parents[2] / "config" / "samples"
DEMO_NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
FOLLOWER, FOLLOWED = "U0DEMOANA", "Microsoft"  # as if Ana typed /deal-status follow microsoft


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", type=Path, default=Path("demo-output"),
                        help="folder for the SQLite file and Block Kit JSON (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    output = DemoFolder.claim(args.output)
    with _serve(SAMPLES) as base_url, SlackSandbox() as slack:
        settings = Settings(_env_file=None, slack_api_url=slack.url,  # type: ignore[call-arg]
                            database_url=_database_url(output))
        services = build_services(settings, config_path=SAMPLES / "demo.toml")
        config = _local_feeds(services.config, base_url)
        _follow(services)
        deliver = _poll_and_deliver(services, config, slack)
        _analysts(services, deliver, output)
        _print_channels(config, slack, output)
        _print_dms(slack, output)
        _print_deals(services)
        _print_digest(services, output)
    print(f"\nBlock Kit JSON for each message: {output.root / 'blocks'}/ "
          "(paste into Slack's Block Kit Builder)")
    return 0


def _database_url(output: DemoFolder) -> str:
    """A fresh SQLite file in the demo's folder; its journal files are the demo's too."""
    for suffix in ("-wal", "-shm", "-journal"):
        output.path("demo.db" + suffix)
    return f"sqlite:///{output.path('demo.db')}"


@contextmanager
def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


def _local_feeds(config: Config, base_url: str) -> Config:
    feeds = tuple(f.model_copy(update={"url": base_url + f.url.rsplit("/", 1)[-1]})
                  for f in config.briefings.feeds)
    briefings = config.briefings.model_copy(update={"feeds": feeds})
    return config.model_copy(update={"briefings": briefings})


def _poll_and_deliver(services: Services, config: Config, slack: SlackSandbox
                      ) -> Callable[[], None]:
    """Poll the sample feeds once and deliver; returns the delivery, for another round."""
    loopback = config.briefings.fetch.model_copy(update={"allow_private_addresses": True})
    with make_client(loopback) as http:
        report = run_poll_cycle(services.sessions, http, services.pipeline,
                                config.briefings.feeds, DEMO_NOW,
                                look_back_hours=config.briefings.look_back_hours)
    print(f"Fetched {len(config.briefings.feeds)} sample feeds over HTTP: {report.new} stories, "
          f"{report.relevant} about AI-hardware deals, {len(report.deals_touched)} deals, "
          f"{report.planned} messages planned.")
    client = WebClient(token="xoxb-demo", base_url=slack.url)
    clock = iter(DEMO_NOW + timedelta(seconds=10 * i) for i in range(10_000))
    deliverer = Deliverer(services.sessions, client, lambda: next(clock))

    def deliver() -> None:
        for _ in range(10):  # replies wait for their deal's post; a few rounds deliver it all
            deliverer.deliver_due()

    deliver()
    return deliver


def _analysts(services: Services, deliver: Callable[[], None], output: DemoFolder) -> None:
    """An editor's correction and merge, as the correction menu would apply them; each form's
    view JSON is written beside the messages'."""
    print(f"\nThen {EDITOR.name} ({EDITOR.id}), an editor, uses the ⋯ menu on two posts:")
    for step in correct_and_merge(services, DEMO_NOW):
        path = output.path(f"blocks/form-{step.name}.json")
        path.write_text(json.dumps(step.form, indent=2))
        print(f"  - {step.name} (form: {path.name}); the form answers: {step.answer}")
    deliver()


def _print_channels(config: Config, slack: SlackSandbox, output: DemoFolder) -> None:
    for channel in config.briefings.channels:
        messages = slack.channel(channel.id)
        print(f"\n{'#' * 78}\n{channel.name or channel.id} ({channel.id}): "
              f"{len(messages)} messages\n{'#' * 78}")
        for index, message in enumerate(_thread_order(messages), 1):
            _print_message(message, index)
            _write_versions(output, f"blocks/{channel.id}-{index:02d}", message)


def _follow(services: Services) -> None:
    with transaction(services.sessions) as session:
        follow(session, FOLLOWER, FollowTarget(TargetKind.COMPANY, FOLLOWED), DEMO_NOW)


def _print_dms(slack: SlackSandbox, output: DemoFolder) -> None:
    """The follower's direct messages: one per deal, the latest state (the hour rule)."""
    messages = slack.dm(FOLLOWER)
    print(f"\n{'~' * 78}\nDirect messages to {FOLLOWER}, who follows {FOLLOWED}: "
          f"{len(messages)}\n{'~' * 78}")
    for index, message in enumerate(messages, 1):
        _print_message(message, index)
        _write_versions(output, f"blocks/dm-{FOLLOWER}-{index:02d}", message)


def _thread_order(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each top-level post followed by its own thread's replies, so a reply is never shown
    under a post of another deal; a reply whose root is not in the channel comes last."""
    roots = [m for m in messages if not m.get("thread_ts")]
    replies = [m for m in messages if m.get("thread_ts")]
    ordered: list[dict[str, Any]] = []
    for root in roots:
        ordered += [root, *(r for r in replies if r["thread_ts"] == root["ts"])]
    return ordered + [r for r in replies if r not in ordered]


def _write_versions(output: DemoFolder, stem: str, message: dict[str, Any]) -> None:
    """One file per version: `-v1` as first posted, `-v2` after the first edit, and so on."""
    for number, version in enumerate([*message.get("versions", []), message], 1):
        blocks = json.dumps({"blocks": version["blocks"]}, indent=2)
        output.path(f"{stem}-v{number}.json").write_text(blocks)


def _print_message(message: dict[str, Any], index: int) -> None:
    in_thread = bool(message.get("thread_ts"))
    indent = "      " if in_thread else ""
    where = "thread reply" + (", also sent to channel" if message.get("reply_broadcast") else "")
    versions = [*message.get("versions", []), message]
    print(f"\n{indent}[{index}] {where if in_thread else 'new post'}")
    print(blocks_to_text(versions[0]["blocks"], indent=indent + "  "))
    for version in versions[1:]:
        print(f"{indent}  ... later edited in place to read:")
        print(blocks_to_text(version["blocks"][:2], indent=indent + "    "))


def _print_deals(services: Services) -> None:
    with transaction(services.sessions) as session:
        deals = recent_deals(session, 50)
    print(f"\n{'=' * 78}\nTracked deals ({len(deals)})\n{'=' * 78}")
    for deal in deals:
        call = f" (set by @{deal.set_by.name})" if deal.set_by else ""
        print(f"  {label(deal.status):<12} {' + '.join(deal.parties):<28} {deal.subject}"
              f"  [since {deal.status_since:%d %b %H:%M}{call}]  key={deal.key}")


def _print_digest(services: Services, output: DemoFolder) -> None:
    week = IsoWeek.of(DEMO_NOW.date())
    planner = DigestPlanner(services.sessions, services.config.briefings.channels,
                            services.settings.zone)
    messages = render_digest(planner.content(planner.facts(week), None), planner.zone)
    print(f"\n{'=' * 78}\nDigest preview: {week}, the week so far\n{'=' * 78}")
    for number, message in enumerate(messages, 1):
        print(blocks_to_text(message.blocks, indent="  "))
        blocks = json.dumps({"blocks": message.blocks}, indent=2)
        output.path(f"blocks/digest-{week}-{number:02d}.json").write_text(blocks)
