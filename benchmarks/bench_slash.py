"""Benchmark: `/deal-status` over loopback HTTP against 10,000 deals and 200,000 stories.

Starts the real web process (`python -m bot web`, waitress) and, for comparison, a bare Bolt app
whose command only acks and responds "ok", served the same way (waitress, own process). 20
concurrent clients send signed slash commands with varied queries to each in turn, in alternating
rounds so both see the same background load. Prints p50/p99 of the ack (the HTTP answer) and of
the full answer (until the `respond` payload reaches our response_url server), errors, and the
server process's CPU time per request. Everything is on 127.0.0.1; it stops by itself.

Then a stall run against the web process: 10 lookups whose Slack call (chat.getPermalink) the
stand-in holds for 2 s, and while they fill the listener pool, 10 more commands: every one of
the 20 acks must come back within 1 s (Slack gives 3).

    /work/venv/bin/python benchmarks/bench_slash.py [--requests 1000] [--database-url URL]
                                                    [--bare-ack-first]

Bolt's default acks on the listener pool, so its acks queue behind answers and pace the clients;
ours acks on the request thread (it must: see the stall run), so the clients send faster and the
answers queue instead. `--bare-ack-first` runs the bare app the same way, for a like-for-like view.

Targets: p99 <= 300 ms, 0 errors, p99 within 2.5x of the bare Bolt app in the same run; in the
stall run every ack within 1 s.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from slack_bolt import Ack, App, Respond  # noqa: E402
from slack_bolt.adapter.wsgi import SlackRequestHandler  # noqa: E402
from slack_sdk import WebClient  # noqa: E402

from benchmarks.slash_load import (  # noqa: E402
    Catcher,
    Result,
    print_results,
    run_load,
    send_command,
    wait_ready,
)
from benchmarks.slash_store import STALL_QUERIES, add_stall_deals, fill  # noqa: E402
from bot.commands.web import SWITCH_INTERVAL_S  # noqa: E402
from bot.sandbox import DELAY_HEADER, SlackSandbox, SlackState  # noqa: E402
from bot.web import make_server  # noqa: E402

SECRET = "bench-signing-secret-0123456789"
TOKEN = "xoxb-bench-0123456789"
NAMES = ("bare Bolt (no-op)", "/deal-status (web)")
STALL_S, ACK_LIMIT_MS = 2.0, 1000.0
BARE_ACK_FIRST = "BENCH_BARE_ACK_FIRST"
STALLED = len(STALL_QUERIES)


def main() -> int:
    args = _parser().parse_args()
    if args.serve_bare:
        return _serve_bare(args.serve_bare)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        fill(url, deals=args.deals, stories=args.stories)
        add_stall_deals(url)
        with SlackSandbox() as slack, Catcher() as catcher:
            results = _compare(slack.url, url, catcher, args)
            stall_acks = _stall_run(slack, url, catcher)
    return _report(results) | _report_stall(stall_acks)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deals", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=200_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=1_000, help="per server")
    parser.add_argument("--rounds", type=int, default=5,
                        help="alternate the servers this many times, so both see the same "
                             "background load (default: %(default)s)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--bare-ack-first", action="store_true",
                        help="run the bare app as ours runs (process_before_response=True: ack "
                             "on the request thread, answer lazily) instead of Bolt's default")
    parser.add_argument("--serve-bare", type=int, metavar="PORT", help=argparse.SUPPRESS)
    return parser


def _compare(api_url: str, db_url: str, catcher: Catcher, args: argparse.Namespace
             ) -> list[Result]:
    """Both servers up at once; load them in alternating rounds, then merge each one's rounds."""
    ports = {name: _free_port() for name in NAMES}
    processes = {name: _start(name, ports[name], api_url, db_url,
                              ack_first=args.bare_ack_first) for name in NAMES}
    try:
        for name in NAMES:
            wait_ready(f"http://127.0.0.1:{ports[name]}")
            _load(name, ports[name], catcher, args, args.clients * 2, "warm")
        results = {name: Result(name) for name in NAMES}
        for round_ in range(args.rounds):
            for name in NAMES:
                before = _cpu_seconds(processes[name].pid)
                part = _load(name, ports[name], catcher, args, args.requests // args.rounds,
                             f"r{round_}")
                part.cpu_ms = (_cpu_seconds(processes[name].pid) - before) * 1000
                results[name].merge(part)
        return list(results.values())
    finally:
        for process in processes.values():
            process.terminate()
            process.wait(timeout=10)


def _stall_run(slack: SlackSandbox, db_url: str, catcher: Catcher
               ) -> tuple[list[float], float]:
    """Ack latencies (ms) of 10 stalled lookups and of 10 commands sent while they stall, and
    how long the first stalled answer took (s): at least the stall, or nothing was stalled."""
    port = _free_port()
    process = _start(NAMES[1], port, slack.url, db_url)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base)
        slack.state.faults.append(_slow_permalinks(slack.state))
        started = time.perf_counter()
        with ThreadPoolExecutor(STALLED * 2) as pool:
            stalled = list(pool.map(lambda n: send_command(base, SECRET, STALL_QUERIES[n],
                                                           catcher.url(f"stall-{n}")),
                                    range(STALLED)))
            _wait_for_permalinks(slack, STALLED - 2)  # the listener pool (8) is full
            during = list(pool.map(lambda n: send_command(base, SECRET, "help",
                                                          catcher.url(f"during-{n}")),
                                   range(STALLED)))
        return stalled + during, _first_arrival(catcher, "stall-", started)
    finally:
        slack.state.faults.clear()
        process.terminate()
        process.wait(timeout=10)


def _slow_permalinks(state: SlackState) -> Any:
    """A fault: chat.getPermalink answers as usual, `STALL_S` seconds late."""
    def fault(method: str, args: dict[str, Any]) -> tuple[int, dict[str, str], bytes] | None:
        if method != "chat.getPermalink":
            return None
        return 200, {DELAY_HEADER: str(STALL_S)}, state.answer(method, args)
    return fault


def _wait_for_permalinks(slack: SlackSandbox, count: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    tick = threading.Event()
    while len(slack.calls("chat.getPermalink")) < count and time.monotonic() < deadline:
        tick.wait(0.01)


def _first_arrival(catcher: Catcher, prefix: str, started: float, timeout: float = 30.0
                   ) -> float:
    """Seconds from `started` to the first of the `prefix` answers, once all have arrived."""
    deadline, tick = time.monotonic() + timeout, threading.Event()
    while time.monotonic() < deadline:
        with catcher.lock:
            times = [t for path, (t, _) in catcher.arrived.items() if prefix in path]
        if len(times) == STALLED:
            return min(times) - started
        tick.wait(0.05)
    return float("nan")


def _report_stall(stall: tuple[list[float], float]) -> int:
    acks, first = stall
    worst = max(acks) if acks else float("nan")
    ok = len(acks) == STALLED * 2 and worst <= ACK_LIMIT_MS and first >= STALL_S
    print(f"\nstall run: {STALLED} lookups held {STALL_S:.0f} s in chat.getPermalink, "
          f"{STALLED} more commands meanwhile: {len(acks)} acks, slowest {worst:.1f} ms, "
          f"median {sorted(acks)[len(acks) // 2]:.1f} ms; stalled answers from {first:.1f} s; "
          f"target (every ack <= "
          f"{ACK_LIMIT_MS:.0f} ms): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


def _load(name: str, port: int, catcher: Catcher, args: argparse.Namespace, total: int,
          tag: str) -> Result:
    label = f"{NAMES.index(name)}{tag}"
    return run_load(f"http://127.0.0.1:{port}", SECRET, catcher, clients=args.clients,
                    total=total, label=label)


def _start(name: str, port: int, api_url: str, db_url: str, *, stderr: IO[bytes] | None = None,
           ack_first: bool = False) -> subprocess.Popen[bytes]:
    """Start one server process; `stderr` lets a caller collect its log instead of printing it."""
    env = {**os.environ, "PORT": str(port), "SLACK_API_URL": api_url, "DATABASE_URL": db_url,
           "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": TOKEN, "LOG_LEVEL": "WARNING",
           "BRIEFINGS_CONFIG": str(ROOT / "config" / "briefings.toml"),
           BARE_ACK_FIRST: "1" if ack_first else ""}
    command = ([sys.executable, "-m", "bot", "web", "--host", "127.0.0.1"] if name == NAMES[1]
               else [sys.executable, __file__, "--serve-bare", str(port)])
    return subprocess.Popen(command, cwd=ROOT, env=env, stderr=stderr)


def _serve_bare(port: int) -> int:
    """A Bolt app whose command only acks and responds "ok", under the same server."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    client = WebClient(token=TOKEN, base_url=os.environ["SLACK_API_URL"])
    app = App(signing_secret=SECRET, client=client, token_verification_enabled=False,
              process_before_response=bool(os.environ.get(BARE_ACK_FIRST)))

    def respond_ok(respond: Respond) -> None:
        respond(text="ok", response_type="ephemeral")

    def ack_now(ack: Ack) -> None:
        ack()

    app.command("/deal-status")(ack=ack_now, lazy=[respond_ok])
    make_server(SlackRequestHandler(app), host="127.0.0.1", port=port).run()
    return 0


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _report(results: list[Result]) -> int:
    print()
    bare, ours = results
    ratio = ours.answer(99) / max(bare.answer(99), 0.001)
    ok = ours.answer(99) <= 300 and ours.errors == 0 and bare.errors == 0 and ratio <= 2.5
    print_results(results, f"answer p99 {ours.answer(99):.1f} ms vs bare {bare.answer(99):.1f} "
                  f"ms = {ratio:.2f}x; targets (p99 <= 300 ms, 0 errors, <= 2.5x): "
                  f"{'met' if ok else 'NOT met'}", ours)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
