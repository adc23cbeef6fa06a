"""`python -m bot triage` as a subprocess over a small JSON Lines file of our own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.commands import triage as command
from briefings.triage import Triage
from briefings.triage.sources import official_for
from tests.triage.conftest import ROOT

ITEMS = [
    {"title": "Mistral AI in talks to rent AMD MI355X GPUs, sources say",
     "description": "<p>Mistral AI is negotiating with AMD &amp; a French host, "
                    "according to people familiar with the matter.</p>",
     "link": "https://example.com/a", "source": "Example Times",
     "published": "2026-02-01T09:00:00+00:00", "extra": "ignored"},
    {"title": "Local bakery opens a second shop", "description": "Bread for everyone.",
     "link": "https://example.com/b", "source": "Town Crier",
     "published": "2026-02-01T10:00:00+00:00"},
    {"title": "AMD to supply Mistral AI with Instinct MI355X GPUs",
     "description": "AMD announced the multiyear agreement on Tuesday.",
     "link": "https://example.com/c", "source": "AMD Newsroom",
     "published": "2026-02-10T09:00:00+00:00"},
]
KEYS = {"relevant", "status", "parties", "chips", "deal_key", "summary", "evidence", "score",
        "why"}


def run_cli(tmp_path: Path, lines: list[str], *extra: str) -> subprocess.CompletedProcess[str]:
    source = tmp_path / "items.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    entry = ["-m", "bot", "triage"]
    if not (ROOT / "bot" / "__main__.py").exists():  # before the CLI lands: the module alone
        entry = ["-c", "from bot.commands import triage as t; import argparse, sys; "
                 "p = argparse.ArgumentParser(); t.configure(p); "
                 "sys.exit(t.run(p.parse_args(sys.argv[1:])))"]
    return subprocess.run([sys.executable, *entry, "--input", str(source), *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)


def test_one_verdict_line_per_item_in_order(tmp_path: Path) -> None:
    result = run_cli(tmp_path, [json.dumps(item) for item in ITEMS])
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [set(row) for row in rows] == [KEYS] * 3
    rumour, bakery, official = rows
    assert (rumour["relevant"], rumour["status"]) == (True, "unconfirmed")
    assert rumour["parties"] == ["AMD", "Mistral AI"]
    assert "<p>" not in rumour["summary"] and "&amp;" not in rumour["summary"]
    assert (bakery["relevant"], bakery["status"], bakery["deal_key"]) == (False, None, None)
    assert (official["status"], official["deal_key"]) == ("confirmed", rumour["deal_key"])


def test_bad_lines_are_reported_in_place(tmp_path: Path) -> None:
    result = run_cli(tmp_path, ["{not json", json.dumps(ITEMS[1])])
    assert result.returncode == 1
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first == {"line": 1, "error": first["error"]}
    assert second["relevant"] is False


def test_command_module_contract() -> None:
    assert command.NAME == "triage"
    assert command.HELP and callable(command.configure) and callable(command.run)


@pytest.mark.parametrize(("source", "company"), [
    ("AMD Newsroom", ("AMD",)), ("About Amazon", ("Amazon",)),
    ("Official Microsoft Blog", ("Microsoft",)), ("Google News", ()), ("Reuters", ()),
    ("Nvidia stock watch", ()),
    # a company's own web site is its newsroom; a news site with a name in it is not
    ("openai.com", ("OpenAI",)), ("blogs.nvidia.com", ("NVIDIA",)),
    ("aws.amazon.com", ("Amazon",)), ("anthropic.com", ("Anthropic",)),
    ("nvidia.co.uk", ("NVIDIA",)), ("nvidia-news-today.com", ()), ("reuters.com", ()),
    ("techcrunch.com", ()),
])
def test_company_newsrooms_are_recognised(triage: Triage, source: str,
                                          company: tuple[str, ...]) -> None:
    assert official_for(source, triage.matcher) == company


def test_an_irrelevant_verdict_says_why(tmp_path: Path) -> None:
    launch = {"title": "Nvidia unveils its next data center GPU at a trade show",
              "description": "Microsoft and Oracle were named among the first cloud customers."}
    result = run_cli(tmp_path, [json.dumps(launch), json.dumps(ITEMS[1])])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["relevant"] for row in rows] == [False, False]
    assert any(reason.startswith("launch:") for reason in rows[0]["why"]), rows[0]["why"]
    assert rows[1]["why"] == ["no buyer and supplier named anywhere"]


def test_explain_prints_each_story_with_the_rules_that_decided_it(tmp_path: Path) -> None:
    result = run_cli(tmp_path, [json.dumps(item) for item in ITEMS], "--explain")
    assert result.returncode == 0, result.stderr
    blocks = result.stdout.strip().split("\n\n")
    assert len(blocks) == 3
    assert blocks[0].startswith("line 1: Mistral AI in talks")
    assert "-> UNCONFIRMED, AMD / Mistral AI" in blocks[0]
    assert "status unconfirmed (doubted)" in blocks[0]
    assert "-> not deal news" in blocks[1] and "no buyer and supplier" in blocks[1]
    assert "status confirmed (newsroom)" in blocks[2]
