"""Benchmark: `/deal-status` at scale: 50 concurrent clients against TWO web processes sharing
one throwaway PostgreSQL database (10,000 deals, 200,000 stories), as a team deploying the
Procfile with several web processes would run it.

Each web process is the real `python -m bot web`; the clients are split evenly between them
(half the connections to each port, as a round-robin load balancer would), all sending signed
commands with varied queries. SLACK_API_URL points at a Slack sandbox and every response_url at
a loopback capture server. Prints p50/p99 of the ack and of the full answer, and errors, overall
and per process. Everything is on 127.0.0.1; processes and the database go away at the end.

    /work/venv/bin/python benchmarks/bench_slash_scale.py [--requests 2000] [--clients 50]

Targets (RELIABILITY.md #8, at 50 rather than 20 concurrent): answer p99 <= 500 ms, 0 errors.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_slash import (  # noqa: E402
    SECRET,
    WEB,
    _cpu_seconds,
    _free_port,
    _start,
)
from benchmarks.bounded import deadline  # noqa: E402
from benchmarks.scratch_db import POSTGRES_ADMIN_URL, scratch_database  # noqa: E402
from benchmarks.slash_load import (  # noqa: E402
    Catcher,
    Result,
    print_results,
    run_load,
    summarize_log,
    wait_ready,
)
from benchmarks.slash_store import fill  # noqa: E402
from bot.sandbox import SlackSandbox  # noqa: E402
from bot.web import DEFAULT_THREADS  # noqa: E402

TARGET_P99_MS = 500.0


def main() -> int:
    args = _parser().parse_args()
    deadline(args.max_seconds)
    with scratch_database(not args.sqlite, args.admin_url) as url:
        fill(url, deals=args.deals, stories=args.stories)
        with SlackSandbox() as slack, Catcher() as catcher:
            results = _run(slack.url, url, catcher, args)
    return _report(results, args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deals", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=200_000)
    parser.add_argument("--clients", type=int, default=50, help="in all, split between processes")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--requests", type=int, default=2_000, help="in all")
    parser.add_argument("--admin-url", default=POSTGRES_ADMIN_URL,
                        help="PostgreSQL server used only to create and drop the scratch database")
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file instead (a check)")
    parser.add_argument("--max-seconds", type=int, default=900)
    return parser


def _run(api_url: str, db_url: str, catcher: Catcher, args: argparse.Namespace
         ) -> list[Result]:
    """Start the web processes (their stderr collected), load them, stop them, sum up the log."""
    with tempfile.TemporaryFile() as log:
        try:
            return _load_processes(api_url, db_url, catcher, args, log)
        finally:
            summarize_log(log, DEFAULT_THREADS)


def _load_processes(api_url: str, db_url: str, catcher: Catcher, args: argparse.Namespace,
                    log: IO[bytes]) -> list[Result]:
    """Start the web processes, warm them, then load all of them at once; always stop them."""
    ports = [_free_port() for _ in range(args.processes)]
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for port in ports:
            processes.append(_start(WEB, port, api_url, db_url, stderr=log))
        for port in ports:
            wait_ready(f"http://127.0.0.1:{port}")
        _spread(ports, catcher, args.clients, args.clients * 2, "warm")
        before = [_cpu_seconds(p.pid) for p in processes]
        started = time.perf_counter()
        results = _spread(ports, catcher, args.clients, args.requests, "run")
        print(f"load: {args.requests} requests in {time.perf_counter() - started:.1f} s = "
              f"{args.requests / (time.perf_counter() - started):.0f} requests/s "
              "(answers collected)")
        for result, process, cpu in zip(results, processes, before, strict=True):
            result.cpu_ms = (_cpu_seconds(process.pid) - cpu) * 1000
        return results
    finally:
        _stop(processes)


def _spread(ports: list[int], catcher: Catcher, clients: int, total: int, tag: str
            ) -> list[Result]:
    """`total` requests from `clients` threads, split evenly across the processes, all at once;
    one Result per process."""
    results: list[Result] = [Result(f"web :{port}") for port in ports]
    share = len(ports)

    def load(index: int) -> None:
        part = run_load(f"http://127.0.0.1:{ports[index]}", SECRET, catcher,
                        clients=clients // share + (index < clients % share),
                        total=total // share + (index < total % share), label=f"{tag}{index}")
        part.label = results[index].label
        results[index] = part

    threads = [threading.Thread(target=load, args=(i,)) for i in range(share)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM each process (the graceful path), then SIGKILL any still running after 15 s."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _report(results: list[Result], args: argparse.Namespace) -> int:
    total = Result(f"all ({len(results)} processes)")
    for result in results:
        total.merge(result)
    print(f"\n{args.clients} concurrent clients, {args.requests} requests over "
          f"{len(results)} web processes")
    ok = total.answer(99) <= TARGET_P99_MS and total.errors == 0
    print_results([*results, total], f"answer p99 {total.answer(99):.1f} ms, errors "
                  f"{total.errors}; targets (p99 <= {TARGET_P99_MS:.0f} ms, 0 errors): "
                  f"{'met' if ok else 'NOT met'}", total)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
