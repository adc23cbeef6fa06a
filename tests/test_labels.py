"""`python -m bot labels export`: the stories people corrected, as devset lines that
`benchmarks/eval_triage.py --devset` scores. Corrections are written straight through the store
(the handlers that make them in Slack are tested with them)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.cli import main
from briefings.models import ChangeKind, Deal, Person, Status, StatusChange
from briefings.store import deals as deal_store
from briefings.store.database import transaction
from tests.conftest import ROOT
from tests.digest.seed import Report, seed_deal

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
ANA, BO = Person("U0ANA", "Ana"), Person("U0BO", "Bo")
DEVSET_KEYS = ["id", "source", "link", "published", "title", "description", "relevant", "status",
               "parties", "event", "borderline", "label_note"]


@pytest.fixture
def env(sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> None:
    url = sessions.kw["bind"].url.render_as_string(hide_password=False)
    for name, value in {"DATABASE_URL": url, "TIMEZONE": "UTC", "LOG_LEVEL": "WARNING",
                        "BRIEFINGS_CONFIG": str(ROOT / "config" / "briefings.toml")}.items():
        monkeypatch.setenv(name, value)


def call(session: Session, deal: Deal, kind: ChangeKind, by: Person, at: dt.datetime,
         status: Status | None = None, reason: str = "") -> Deal:
    """What a correction handler records: a history entry by a person, and the deal after it."""
    status = status or deal.status
    deal_store.add_status_change(session, deal.key, StatusChange(
        status, at, "", "", "", kind=kind, by=by, reason=reason))
    corrected = replace(deal, status=status, set_by=by,
                        hidden=deal.hidden or kind is ChangeKind.NOT_A_DEAL)
    deal_store.save_deal(session, corrected)
    return corrected


def seed(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as s:
        deal = seed_deal(s, "nvidia-openai", [Report("Reuters", T0), Report("FT", T0 + dt.timedelta(
            hours=1))], parties=("OpenAI", "NVIDIA"), subject="GPUs")
        call(s, deal, ChangeKind.CORRECTION, ANA, T0 + dt.timedelta(days=3), Status.CONFIRMED,
             "the press release is out")
        dup = seed_deal(s, "nvidia-openai-dup", [Report("Wire", T0 + dt.timedelta(hours=2))],
                        parties=("OpenAI", "NVIDIA"))
        deal_store.save_deal(s, replace(dup, merged_into="nvidia-openai", hidden=True))
        noise = seed_deal(s, "amd-meta", [Report("Blog", T0 + dt.timedelta(hours=3))],
                          parties=("Meta", "AMD"))
        call(s, noise, ChangeKind.NOT_A_DEAL, BO, T0 + dt.timedelta(days=4), reason="a launch")
        old = seed_deal(s, "intel-xai", [Report("Wire", T0 - dt.timedelta(days=30))],
                        parties=("xAI", "Intel"))
        call(s, old, ChangeKind.CORRECTION, ANA, T0 - dt.timedelta(days=20), Status.DENIED)
        seed_deal(s, "untouched", [Report("Wire", T0)], parties=("Google", "Broadcom"))


def export(tmp_path: Path, *args: str) -> list[dict[str, Any]]:
    out = tmp_path / "labels.jsonl"
    assert main(["labels", "export", "--output", str(out), *args]) == 0
    return [json.loads(line) for line in out.read_text().splitlines()]


def test_every_corrected_story_is_a_devset_line(env: None, sessions: sessionmaker[Session],
                                                tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    seed(sessions)
    lines = export(tmp_path)
    assert all(list(line) == DEVSET_KEYS for line in lines)
    by_id = {line["id"]: line for line in lines}
    assert list(by_id) == ["intel-xai-0", "nvidia-openai-0", "nvidia-openai-1",
                           "nvidia-openai-dup-0", "amd-meta-0"]  # oldest first
    first = by_id["nvidia-openai-0"]
    assert first == {
        "id": "nvidia-openai-0", "source": "Reuters", "link": "https://news.example/nvidia-openai-0",
        "published": "2026-11-02T09:00:00+00:00", "title": "Story nvidia-openai-0",
        "description": "", "relevant": True, "status": "confirmed", "parties": ["NVIDIA", "OpenAI"],
        "event": "nvidia-openai", "borderline": False,
        "label_note": "correction by Ana on 2026-11-05: the press release is out"}
    merged = by_id["nvidia-openai-dup-0"]  # labelled by the deal it was merged into
    assert (merged["event"], merged["status"]) == ("nvidia-openai", "confirmed")
    noise = by_id["amd-meta-0"]
    assert (noise["relevant"], noise["status"], noise["parties"], noise["event"]) == (
        False, None, [], None)
    assert by_id["intel-xai-0"]["status"] == "denied"
    assert "Wrote 5 corrected stories to" in capsys.readouterr().out


def test_since_keeps_the_deals_corrected_from_that_day(env: None, sessions: sessionmaker[Session],
                                                       tmp_path: Path) -> None:
    seed(sessions)
    assert {line["event"] for line in export(tmp_path, "--since", "2026-11-05")} == {
        "nvidia-openai", None}
    assert [line["id"] for line in export(tmp_path, "--since", "2026-11-06T10:00+00:00")] == []


def test_no_corrections_write_an_empty_file_and_say_so(env: None, sessions: sessionmaker[Session],
                                                       tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    with transaction(sessions) as s:
        seed_deal(s, "untouched", [Report("Wire", T0)])
    assert export(tmp_path) == []
    assert (tmp_path / "labels.jsonl").read_text() == ""
    out = capsys.readouterr().out
    assert "No corrected stories: no deal has been corrected in Slack yet" in out


def eval_triage(devset: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "benchmarks/eval_triage.py", "--devset", str(devset)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_eval_triage_scores_the_exported_file(env: None, sessions: sessionmaker[Session],
                                              tmp_path: Path) -> None:
    seed(sessions)
    export(tmp_path)
    result = eval_triage(tmp_path / "labels.jsonl")
    assert result.returncode == 0, result.stderr
    header, sizes, *figures = result.stdout.splitlines()
    assert header.split() == ["labels"]
    assert sizes.split()[-2:] == ["5", "(0)"]
    assert any(line.startswith("relevance_precision") for line in figures)


def test_without_output_the_lines_go_to_stdout_and_the_summary_to_stderr(
        env: None, sessions: sessionmaker[Session], capsys: pytest.CaptureFixture[str]) -> None:
    seed(sessions)
    assert main(["labels", "export", "--since", "2026-11-06"]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["amd-meta-0"]
    assert captured.err.startswith("Wrote 1 corrected story to standard output.")


def test_eval_triage_says_an_empty_export_has_nothing_to_score(
        env: None, sessions: sessionmaker[Session], tmp_path: Path) -> None:
    assert export(tmp_path) == []
    result = eval_triage(tmp_path / "labels.jsonl")
    assert result.returncode == 2
    says = f"{tmp_path / 'labels.jsonl'} holds no labelled items: nothing to score"
    assert result.stderr.strip() == says
