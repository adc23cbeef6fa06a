"""The `/deal-status` benchmarks print their figures through one report."""

from __future__ import annotations

import pytest

from benchmarks.slash_load import Result, print_results


def test_the_report_has_a_line_per_server_then_the_verdict_and_the_slowest_answers(
        capsys: pytest.CaptureFixture[str]) -> None:
    fast = Result("web :1", acks=[1.0, 3.0], answers=[10.0, 30.0], cpu_ms=8.0)
    slow = Result("web :2", acks=[2.0, 4.0], answers=[20.0, 40.0], errors=1,
                  slowest=[(40.0, "nvidia")])
    print_results([fast, slow], "targets: met", slow)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["server", "requests", "ack"]
    assert lines[1].split() == ["web", ":1", "2", "2.0ms", "3.0ms", "20.0ms", "29.0ms",
                                "29.8ms", "0", "4.0ms"]
    assert lines[2].split()[-2:] == ["1", "0.0ms"]
    assert lines[4] == "targets: met"
    assert lines[5] == "slowest answers: 40 ms 'nvidia'"
