"""Benchmark: `/deal-status` over loopback HTTP against 10,000 deals and 200,000 stories.

Starts the real web process (`python -m bot web`, waitress) and three bare Bolt apps whose command
answers "ok", each served the same way (waitress, own process, same settings):

- `bare: ack, respond()` acks on the request thread and answers through the response_url from a
  lazy listener: exactly our app's path without our work, so the like-for-like baseline, and
  the one the 2.5x target is judged against;
- `bare: pool ack, respond()` is Bolt's default (`process_before_response=False`): the ack runs
  on the listener pool, behind the answers, so ours cannot use it (see the stall run);
- `bare: answer in ack` puts the answer in the ack's body: no response_url at all, a floor
  that only an app which can always answer within Slack's 3 s could use.

20 concurrent clients send signed slash commands with varied queries to each server in turn, in
alternating rounds so all see the same background load; each client sends its next command when
its answer has arrived (`--pace ack`: when its ack has, which floods an app that acks first).
Prints p50/p95/p99 of the ack (the HTTP answer) and of the full answer (until the `respond`
payload reaches our response_url server, or the ack when it carries the answer), errors, and
the server process's CPU time per request. Everything is on 127.0.0.1; it stops by itself.

Then a stall run against the web process: 10 lookups whose Slack call (chat.getPermalink) the
stand-in holds for 2 s, and while they fill the listener pool, 10 more commands: every one of
the 20 acks must come back within 1 s (Slack gives 3).

    /work/venv/bin/python benchmarks/bench_slash.py [--requests 1000] [--database-url URL]
                                                    [--pace answer|ack]

Targets: p99 <= 300 ms, 0 errors, p99 within 2.5x of the like-for-like bare app in the same
run; in the stall run every ack within 1 s.
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
    PACES,
    Catcher,
    Result,
    print_results,
    run_load,
    send_command,
    summarize_log,
    wait_ready,
)
from benchmarks.slash_store import STALL_QUERIES, add_stall_deals, fill  # noqa: E402
from bot.app import LISTENER_THREADS  # noqa: E402
from bot.commands.web import SWITCH_INTERVAL_S, freeze_start_up_heap  # noqa: E402
from bot.logs import quiet_bolt_start_up  # noqa: E402
from bot.sandbox import DELAY_HEADER, SlackSandbox, SlackState  # noqa: E402
from bot.web import DEFAULT_THREADS, make_server  # noqa: E402

SECRET = "bench-signing-secret-0123456789"
TOKEN = "xoxb-bench-0123456789"
WEB = "/deal-status (web)"
LIKE_FOR_LIKE, POOL_ACK, INLINE = "bare: ack, respond()", "bare: pool ack, respond()", \
    "bare: answer in ack"
NAMES = (LIKE_FOR_LIKE, POOL_ACK, INLINE, WEB)
STALL_S, ACK_LIMIT_MS = 2.0, 1000.0
BARE_MODE = "BENCH_BARE_MODE"
STALLED = len(STALL_QUERIES)


def main() -> int:
    args = _parser().parse_args()
    if args.serve_bare:
        return _serve_bare(args.serve_bare)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        fill(url, deals=args.deals, stories=args.stories)
        add_stall_deals(url)
        with SlackSandbox() as slack, Catcher() as catcher, tempfile.TemporaryFile() as log:
            try:
                results = _compare(slack.url, url, catcher, args, log)
                stall_acks = _stall_run(slack, url, catcher, log)
            finally:
                summarize_log(log, DEFAULT_THREADS)
    return _report(results) | _report_stall(stall_acks)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deals", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=200_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=1_000, help="per server")
    parser.add_argument("--rounds", type=int, default=5,
                        help="alternate the servers this many times, so all see the same "
                             "background load (default: %(default)s)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--pace", choices=PACES, default=PACES[0],
                        help="a client sends its next command when its last answer has arrived "
                             "(a person), or its last ack (default: %(default)s)")
    parser.add_argument("--serve-bare", type=int, metavar="PORT", help=argparse.SUPPRESS)
    return parser


def _compare(api_url: str, db_url: str, catcher: Catcher, args: argparse.Namespace,
             log: IO[bytes]) -> list[Result]:
    """All servers up at once; load them in alternating rounds, then merge each one's rounds."""
    ports = {name: _free_port() for name in NAMES}
    processes = {name: _start(name, ports[name], api_url, db_url, stderr=log) for name in NAMES}
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


def _stall_run(slack: SlackSandbox, db_url: str, catcher: Catcher, log: IO[bytes]
               ) -> tuple[list[float], float]:
    """Ack latencies (ms) of 10 stalled lookups and of 10 commands sent while they stall, and
    how long the first stalled answer took (s): at least the stall, or nothing was stalled."""
    port = _free_port()
    process = _start(WEB, port, slack.url, db_url, stderr=log)
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
                    total=total, label=label, pace=args.pace)


def _start(name: str, port: int, api_url: str, db_url: str, *, stderr: IO[bytes] | None = None
           ) -> subprocess.Popen[bytes]:
    """Start one server process; `stderr` lets a caller collect its log instead of printing it."""
    env = {**os.environ, "PORT": str(port), "SLACK_API_URL": api_url, "DATABASE_URL": db_url,
           "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": TOKEN, "LOG_LEVEL": "WARNING",
           "BRIEFINGS_CONFIG": str(ROOT / "config" / "briefings.toml"), BARE_MODE: name}
    command = ([sys.executable, "-m", "bot", "web", "--host", "127.0.0.1"] if name == WEB
               else [sys.executable, __file__, "--serve-bare", str(port)])
    return subprocess.Popen(command, cwd=ROOT, env=env, stderr=stderr)


def _serve_bare(port: int) -> int:
    """A Bolt app whose command answers "ok" as `BENCH_BARE_MODE` says, under the same server
    with the same settings as the web process."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    quiet_bolt_start_up()
    mode = os.environ[BARE_MODE]
    client = WebClient(token=TOKEN, base_url=os.environ["SLACK_API_URL"])
    app = App(signing_secret=SECRET, client=client, token_verification_enabled=False,
              process_before_response=mode != POOL_ACK,
              listener_executor=ThreadPoolExecutor(LISTENER_THREADS))

    def respond_ok(respond: Respond) -> None:
        respond(text="ok", response_type="ephemeral")

    def ack_now(ack: Ack) -> None:
        ack()

    def answer_in_ack(ack: Ack) -> None:
        ack(text="ok", response_type="ephemeral")

    if mode == INLINE:
        app.command("/deal-status")(answer_in_ack)
    else:
        app.command("/deal-status")(ack=ack_now, lazy=[respond_ok])
    server = make_server(SlackRequestHandler(app), host="127.0.0.1", port=port)
    freeze_start_up_heap()
    server.run()
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
    """The table, then our answer p99 against each baseline's; the target is the like-for-like
    one (the same ack-then-respond path), the others are printed for scale."""
    print()
    by_name = {r.label: r for r in results}
    ours, baseline = by_name[WEB], by_name[LIKE_FOR_LIKE]
    ratio = _ratio(ours, baseline)
    ok = (ours.answer(99) <= 300 and ratio <= 2.5
          and all(r.errors == 0 for r in results))
    print_results(results, f"answer p99 {ours.answer(99):.1f} ms vs like-for-like "
                  f"{LIKE_FOR_LIKE!r} {baseline.answer(99):.1f} ms = {ratio:.2f}x (vs "
                  + ", ".join(f"{name!r} {_ratio(ours, by_name[name]):.2f}x"
                              for name in (POOL_ACK, INLINE))
                  + f"); targets (p99 <= 300 ms, 0 errors, <= 2.5x like for like): "
                  f"{'met' if ok else 'NOT met'}", ours)
    return 0 if ok else 1


def _ratio(ours: Result, baseline: Result) -> float:
    return ours.answer(99) / max(baseline.answer(99), 0.001)


if __name__ == "__main__":
    sys.exit(main())
