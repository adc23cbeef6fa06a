"""End to end against the sandbox: a new deal, a second report, a status change, routing, reruns."""

from __future__ import annotations

from datetime import timedelta

from briefings.briefing import MessageKind
from briefings.store import outbox
from briefings.store.database import transaction
from tests.delivery.support import (
    ALL,
    CONFIRMED_ONLY,
    NVIDIA_ONLY,
    T0,
    C,
    D,
    U,
    World,
    payload,
    story,
    story_ids,
    verdict,
)

LATER = T0 + timedelta(hours=2)


def test_new_deal_is_one_top_level_post_flagged_everywhere(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    [post] = world.posts()
    assert "thread_ts" not in post
    assert post["text"].startswith("UNCONFIRMED")
    assert post["blocks"][0]["text"]["text"].startswith("UNCONFIRMED: ")
    assert "*UNCONFIRMED*" in post["blocks"][1]["text"]["text"]
    assert payload(post) | {"outbox_key": ""} == {
        "deal_key": "anthropic-microsoft:maia", "status": "unconfirmed", "story_id": "s1",
        "story_url": "https://news.example/s1", "kind": "new_deal", "outbox_key": ""}
    assert post["metadata"]["event_type"] == "deal_briefing"
    assert post["unfurl_links"] in ("0", False) and post["unfurl_media"] in ("0", False)
    assert "link_names" not in post and "parse" not in post


def test_second_report_same_status_goes_to_the_thread(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.ingest((story("s2", outlet="Business Daily", published=LATER), verdict(U)))
    world.deliver()
    root, reply = world.posts()
    assert reply["thread_ts"] == root["ts"]
    assert "reply_broadcast" not in reply
    assert "Also reported by *Business Daily*" in reply["blocks"][0]["text"]["text"]
    assert reply["text"].startswith("UNCONFIRMED")


def test_status_change_replies_broadcast_and_edits_the_post(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    world.deliver()
    world.ingest((story("s2", "Microsoft confirms Maia deal", published=LATER),
                  verdict(C, evidence=("published by Microsoft Newsroom",))))
    world.deliver()
    root, reply = world.posts()
    assert reply["thread_ts"] == root["ts"] and reply["reply_broadcast"] in ("1", True)
    assert reply["text"].startswith("CONFIRMED (was UNCONFIRMED)")
    assert root["edited"] and root["versions"][0]["text"].startswith("UNCONFIRMED")
    assert root["text"].startswith("CONFIRMED") and payload(root)["status"] == "confirmed"
    assert "UNCONFIRMED" not in root["blocks"][0]["text"]["text"]
    [update] = world.slack.calls("chat.update")
    assert update.args["parse"] == "none" and "link_names" not in update.args


def test_routing_by_status_and_company_filters(world: World) -> None:
    world.channels = (ALL, CONFIRMED_ONLY, NVIDIA_ONLY)
    world.ingest((story("s1"), verdict(U)),
                 (story("n1", "NVIDIA and OpenAI sign", published=LATER),
                  verdict(C, "nvidia-openai", parties=("NVIDIA", "OpenAI"))))
    world.deliver()
    assert story_ids(world, ALL.id) == ["s1", "n1"]
    assert story_ids(world, CONFIRMED_ONLY.id) == ["n1"]
    assert story_ids(world, NVIDIA_ONLY.id) == ["n1"]


def test_confirmation_reaches_a_channel_that_skipped_the_rumour_as_a_new_post(
        world: World) -> None:
    world.channels = (ALL, CONFIRMED_ONLY)
    world.ingest((story("s1"), verdict(U)))
    world.ingest((story("s2", published=LATER), verdict(C)))
    world.deliver()
    [post] = world.posts(CONFIRMED_ONLY.id)
    assert "thread_ts" not in post and post["text"].startswith("CONFIRMED")


def test_status_change_updates_a_channel_whose_filter_no_longer_wants_the_deal(
        world: World) -> None:
    unconfirmed_only = ALL.model_copy(update={"statuses": (U,)})
    world.channels = (unconfirmed_only,)
    world.ingest((story("s1"), verdict(U)))
    world.ingest((story("s2", published=LATER), verdict(D, evidence=("denied",))))
    world.ingest((story("s3", published=LATER + timedelta(hours=1)), verdict(D)))
    world.deliver()
    root, change = world.posts()
    assert root["text"].startswith("DENIED") and change["text"].startswith("DENIED")
    assert len(world.posts()) == 2  # the later same-status report is not for this channel


def test_a_second_run_over_the_same_stories_posts_nothing(world: World) -> None:
    items = ((story("s1"), verdict(U)), (story("s2", published=LATER), verdict(C)))
    world.ingest(*items)
    world.deliver()
    calls = len(world.slack.calls())
    report = world.ingest(*items)
    again = world.deliver()
    assert report.planned == 0 and again.sent == 0
    assert len(world.slack.calls()) == calls


def test_each_unconfirmed_story_carries_the_flag_in_blocks_text_and_metadata(
        world: World) -> None:
    world.ingest((story("s1", "CONFIRMED: Anthropic signs Maia deal"), verdict(U)),
                 (story("s2", published=LATER), verdict(U)))
    world.deliver()
    for post in world.posts():
        assert post["text"].startswith("UNCONFIRMED")
        assert "UNCONFIRMED" in str(post["blocks"][:2])
        assert payload(post)["status"] == "unconfirmed"
    assert world.posts()[0]["blocks"][0]["text"]["text"].startswith("UNCONFIRMED: CONFIRMED")


def test_two_status_changes_leave_the_post_showing_the_latest(world: World) -> None:
    world.ingest((story("s1"), verdict(U)),
                 (story("s2", published=LATER), verdict(C)),
                 (story("s3", published=LATER + timedelta(hours=1)), verdict(D)))
    world.deliver()
    root, *replies = world.posts()
    assert [payload(m)["status"] for m in replies] == ["confirmed", "denied"]
    # the DENIED edit superseded the CONFIRMED one still waiting: the post is edited once
    assert [v["text"].split(" ")[0].rstrip(":") for v in root["versions"]] == ["UNCONFIRMED"]
    assert root["text"].startswith("DENIED") and payload(root)["status"] == "denied"


def test_a_note_goes_into_the_deals_thread_escaped(world: World) -> None:
    world.ingest((story("s1"), verdict(U)))
    with transaction(world.sessions) as session:
        outbox.enqueue_payload(session, "note|x", MessageKind.NOTE, ALL.id,
                               {"text": "dana: see <!channel> & <https://evil.example|bank>"},
                               T0, deal_key="anthropic-microsoft:maia")
    world.deliver()
    root, note = world.posts()
    assert note["thread_ts"] == root["ts"]
    assert note["text"] == ("dana: see &lt;!channel&gt; &amp; "
                            "&lt;https://evil.example|bank&gt;")
    assert note["metadata"]["event_payload"]["outbox_key"] == "note|x"
