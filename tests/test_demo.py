"""The offline demo runs the real pipeline end to end on the bundled samples."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from bot.render.terminal import plain
from tests.conftest import ROOT


def run_demo(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "bot", "demo", "--output", str(tmp_path / "out")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_demo_shows_flagged_briefings_threads_and_deals(tmp_path: Path) -> None:
    result = run_demo(tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "UNCONFIRMED: Exclusive: Anthropic in talks" in out
    assert "later edited in place to read:" in out
    assert "CONFIRMED: Microsoft and Anthropic expand partnership" in out
    assert "thread reply, also sent to channel" in out
    assert "Tracked deals" in out and "Anthropic + Microsoft" in out
    assert "Digest preview" in out
    assert "potato" not in out.lower() and "orchards" not in out
    # the follower hears of the Maia deal once, in its latest state (rumour then confirmation)
    assert "Direct messages to U0DEMOANA, who follows Microsoft: 1" in out
    assert "New deal for Microsoft, now CONFIRMED" in out
    # an editor's correction and merge, shown on the posts, in their threads and in the lists
    assert "CONFIRMED · set by @ben: Meta's CFO confirmed" in out
    assert "ben marked this CONFIRMED (was UNCONFIRMED)" in out
    assert "ben merged Meta + Oracle: compute capacity for training into this deal" in out
    assert "This deal was merged into AMD + Meta + Oracle" in out
    assert "Meta + Oracle                compute" not in out.split("Tracked deals")[1]
    assert "Corrected by the team (1)" in out


def test_demo_writes_block_kit_json_per_message(tmp_path: Path) -> None:
    assert run_demo(tmp_path).returncode == 0
    files = sorted((tmp_path / "out" / "blocks").glob("*.json"))
    assert files, "no Block Kit JSON written"
    for file in files:
        blocks = json.loads(file.read_text())["blocks"]
        assert 0 < len(blocks) <= 50
    names = {file.name for file in files}
    assert {"form-correction.json", "form-merge.json", "dm-U0DEMOANA-01-v1.json"} <= names
    merge_form = json.loads((tmp_path / "out" / "blocks" / "form-merge.json").read_text())
    assert merge_form["type"] == "modal" and "AMD + Meta" in json.dumps(merge_form)
    assert (tmp_path / "out" / "demo.db").exists()


def test_help_lists_every_command() -> None:
    result = subprocess.run([sys.executable, "-m", "bot", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for command in ("demo", "run", "web", "clock", "poll", "triage", "digest", "deals"):
        assert command in result.stdout


def run_demo_into(output: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "bot", "demo", "--output", str(output)],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_output_refuses_a_folder_holding_a_users_file(tmp_path: Path) -> None:
    kept = tmp_path / "x" / "notes.txt"
    kept.parent.mkdir()
    kept.write_text("mine")
    result = run_demo_into(kept.parent)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "not empty" in result.stderr
    assert kept.read_text() == "mine" and sorted(kept.parent.iterdir()) == [kept]


def test_output_dot_deletes_nothing_in_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = run_demo_into(Path("."), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_output_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("mine")
    result = run_demo_into(target)
    assert result.returncode == 2 and "not a folder" in result.stderr
    assert target.read_text() == "mine"


def test_output_reuses_its_own_folder_removing_only_what_it_wrote(tmp_path: Path) -> None:
    output = tmp_path / "out"
    assert run_demo_into(output).returncode == 0
    stale = output / "blocks" / "C0STALE-99-new_deal.json"
    stale.write_text("{}")
    marker = output / ".deal-briefings-demo"
    marker.write_text(marker.read_text() + "blocks/C0STALE-99-new_deal.json\n")
    added = output / "blocks" / "mine.txt"
    added.write_text("mine")
    result = run_demo_into(output)
    assert result.returncode == 0, result.stderr
    assert not stale.exists(), "a file the earlier run wrote is left behind"
    assert added.read_text() == "mine", "a file the demo did not write was deleted"
    assert (output / "demo.db").exists()


def _root_segments(channel_text: str) -> list[str]:
    """A channel's printout cut at each top-level post: a segment is a post and its thread."""
    return re.split(r"\n\[\d+\] new post\n", channel_text)[1:]


def test_each_reply_is_printed_in_its_own_thread(tmp_path: Path) -> None:
    result = run_demo(tmp_path)
    assert result.returncode == 0, result.stderr
    channel = result.stdout.split("#" * 78)[2]  # the first channel's messages
    segments = _root_segments(channel)
    denial = [s for s in segments if "DENIED (status changed" in s]
    assert len(denial) == 1 and "OpenAI reportedly weighs renting Google" in denial[0]
    confirmation = [s for s in segments if "CONFIRMED (status changed" in s]
    assert len(confirmation) == 1 and "Anthropic in talks" in confirmation[0]


def test_digest_preview_reads_as_slack_shows_it(tmp_path: Path) -> None:
    result = run_demo(tmp_path)
    assert result.returncode == 0, result.stderr
    digest = result.stdout.split("Digest preview")[1].split("Block Kit JSON")[0]
    assert "Denied this week" in digest and "🔴" in digest
    assert "*" not in digest and ":red_circle:" not in digest and "<http" not in digest


def test_plain_renders_mrkdwn_as_text() -> None:
    assert plain("*:red_circle: Denied this week* (1)") == "🔴 Denied this week (1)"
    assert plain("_see_ <https://a.example/x?a=1&amp;b=2|Chip Wire>") == \
        "see Chip Wire (https://a.example/x?a=1&b=2)"
    assert plain("a * b and file_name and &lt;!channel&gt;") == "a * b and file_name and <!channel>"


def test_json_is_written_for_every_version_and_the_digest(tmp_path: Path) -> None:
    assert run_demo(tmp_path).returncode == 0
    blocks = tmp_path / "out" / "blocks"

    def header(name: str) -> str:
        return str(json.loads((blocks / name).read_text())["blocks"][0]["text"]["text"])

    assert header("C0DEALS01-01-v1.json").startswith("UNCONFIRMED: Exclusive: Anthropic")
    assert header("C0DEALS01-01-v2.json").startswith("CONFIRMED: Microsoft and Anthropic")
    dm = json.loads((blocks / "dm-U0DEMOANA-01-v1.json").read_text())["blocks"]
    assert dm[0]["text"]["text"].startswith(":large_green_circle: *CONFIRMED*")
    digest = list(blocks.glob("digest-*.json"))
    assert digest and "digest" in header(digest[0].name).lower()
