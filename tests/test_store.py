"""Store round trips on SQLite and (when configured) PostgreSQL; datetimes stay UTC-aware."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.orm import Session, sessionmaker

from briefings.briefing import MessageKind, make_briefing
from briefings.errors import StoreError
from briefings.models import (
    ChangeKind,
    Deal,
    Person,
    Status,
    StatusChange,
    Story,
    Use,
    Verdict,
)
from briefings.planning import PlannedMessage
from briefings.store import deals, outbox, stories
from briefings.store.database import transaction
from briefings.store.stories import NewStory
from briefings.store.tables import StoryRow

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def story(ident: str = "s1", link: str = "https://wire.example/a", **kw: object) -> Story:
    base = Story(id=ident, feed="Wire", outlet="Wire", title="Lab in talks", text="Talks.",
                 link=link, published=T0, first_seen=T0, canonical_link=link)
    return replace(base, **kw)  # type: ignore[arg-type]


def deal(key: str = "anthropic-microsoft:maia:2026-11", **kw: object) -> Deal:
    base = Deal(key=key, parties=("Anthropic", "Microsoft"), subject="Maia chips",
                chips=("Maia",), status=Status.UNCONFIRMED, status_since=T0, first_seen=T0,
                last_activity=T0, summary="In talks.", evidence=("people familiar",))
    return replace(base, **kw)  # type: ignore[arg-type]


def test_deal_round_trip_with_history(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        deals.save_deal(session, deal())
        deals.add_status_change(session, deal().key, StatusChange(
            Status.UNCONFIRMED, T0, "s1", "Wire", "https://wire.example/a", ("in talks",)))
    with transaction(sessions) as session:
        loaded = deals.get_deal(session, deal().key, with_history=True)
    assert loaded is not None
    assert loaded.parties == ("Anthropic", "Microsoft") and loaded.chips == ("Maia",)
    assert loaded.status is Status.UNCONFIRMED and loaded.status_since == T0
    assert loaded.status_since.utcoffset() == timedelta(0)
    assert [c.evidence for c in loaded.history] == [("in talks",)]


def test_a_persons_call_round_trips_on_the_deal_and_in_its_history(
        sessions: sessionmaker[Session]) -> None:
    analyst = Person("U0ANALYST", "dana")
    called = deal(status=Status.CONFIRMED, set_by=analyst, hidden=True, merged_into="other")
    with transaction(sessions) as session:
        deals.save_deal(session, called)
        deals.add_status_change(session, called.key, StatusChange(
            Status.CONFIRMED, T0, "s1", "", "", kind=ChangeKind.CORRECTION, by=analyst,
            reason="press release seen"))
    with transaction(sessions) as session:
        loaded = deals.get_deal(session, called.key, with_history=True)
    assert loaded is not None
    assert (loaded.set_by, loaded.hidden, loaded.merged_into) == (analyst, True, "other")
    [change] = loaded.history
    assert (change.kind, change.by, change.reason) == (
        ChangeKind.CORRECTION, analyst, "press release seen")


def test_datetimes_come_back_in_utc(sessions: sessionmaker[Session]) -> None:
    tokyo = T0.astimezone(timezone(timedelta(hours=9)))
    with transaction(sessions) as session:
        deals.save_deal(session, deal(status_since=tokyo))
    with transaction(sessions) as session:
        loaded = deals.get_deal(session, deal().key)
    assert loaded is not None and loaded.status_since == T0
    assert loaded.status_since.utcoffset() == timedelta(0)


def test_naive_datetimes_are_refused(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(StoreError, match="naive datetime"), transaction(sessions) as session:
        deals.save_deal(session, deal(status_since=datetime(2026, 1, 1)))


def test_candidates_share_a_party_and_escape_like(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        deals.save_deal(session, deal())
        deals.save_deal(session, deal("openai-google:tpu:2026-11", parties=("Google", "OpenAI")))
    with transaction(sessions) as session:
        assert [d.key for d in deals.candidates(session, ["Microsoft"])] == [deal().key]
        assert deals.candidates(session, ["%"]) == [] and deals.candidates(session, ["_"]) == []
        assert deals.candidates(session, []) == []


def test_story_is_known_by_id_and_by_canonical_link(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        stories.add_stories(session, [NewStory(story(), Verdict.irrelevant(), announce=True)])
    with transaction(sessions) as session:
        batch = [story(), story("other-feed-id"), story("s2", link="https://wire.example/b")]
        assert stories.known_ids(session, batch) == {"s1", "other-feed-id"}


def test_unseen_claims_each_new_story_once_by_id_and_by_canonical_link(
        sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        stories.add_stories(session, [NewStory(story(), Verdict.irrelevant(), announce=True)])
    batch = [story(), story("s2", link="https://wire.example/b"),
             story("s2", link="https://wire.example/c"), story("s3", link="https://wire.example/b"),
             story("s4", link=""), story("s5", link="")]
    with transaction(sessions) as session:
        unseen = stories.Unseen(session, batch)
        assert [unseen.claim(s) for s in batch] == [False, True, False, False, True, True]


def test_verdict_json_keeps_every_field_as_plain_json(sessions: sessionmaker[Session]) -> None:
    verdict = Verdict(relevant=True, score=0.8, parties=("Anthropic", "Microsoft"),
                      chips=("Maia",), use=Use.INFERENCE, status=Status.CONFIRMED,
                      evidence=("announced",), deal_key=deal().key)
    with transaction(sessions) as session:
        deals.save_deal(session, deal())
        stories.add_stories(session, [NewStory(story(), verdict, announce=True)])
    with transaction(sessions) as session:
        row = session.get(StoryRow, "s1")
        assert row is not None and row.verdict == {
            "relevant": True, "score": 0.8, "parties": ["Anthropic", "Microsoft"],
            "chips": ["Maia"], "use": "inference", "value": None, "capacity": None,
            "status": "confirmed", "evidence": ["announced"], "summary": "", "subject": "",
            "kind": "capacity", "deal_key": deal().key, "separate": False, "on_record": False,
            "reasons": []}


def test_story_text_with_odd_characters_round_trips(sessions: sessionmaker[Session]) -> None:
    odd = "Emoji \U0001f680, RTL \u202e, quotes ' \" and <!channel>"
    with transaction(sessions) as session:
        stories.add_stories(session, [NewStory(story(text=odd), Verdict.irrelevant(),
                                               announce=False)])
    with transaction(sessions) as session:
        row = session.get(StoryRow, "s1")
        assert row is not None and row.text == odd and row.announce is False


def test_outbox_enqueue_is_idempotent(sessions: sessionmaker[Session]) -> None:
    verdict = Verdict(relevant=True, score=1.0, parties=("Anthropic", "Microsoft"),
                      status=Status.UNCONFIRMED, deal_key=deal().key)
    briefing = make_briefing(MessageKind.NEW_DEAL, deal(), story(), verdict, None)
    message = PlannedMessage(MessageKind.NEW_DEAL, "C0001", briefing)
    with transaction(sessions) as session:
        deals.save_deal(session, deal())
        assert outbox.enqueue(session, message, T0)
        assert not outbox.enqueue(session, message, T0)
    with transaction(sessions) as session:
        due = outbox.due(session, T0)
        assert [row.idem_key for row in due] == [message.idem_key]
        assert outbox.threaded_channels(session, deal().key) == {"C0001"}
        assert outbox.claim(session, due[0].id) and not outbox.claim(session, due[0].id)
        outbox.mark_sent(session, due[0].id, "123.456", T0)
    with transaction(sessions) as session:
        assert outbox.due(session, T0) == []
        assert outbox.counts_by_state(session) == {"sent": 1}
