"""Hostile feed text end to end (RELIABILITY case 26): what reaches Slack is inert."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from tests.delivery.support import T0, C, U, World, story, verdict

EVIL = ("<!channel> <!here> <!everyone> <@U123> <!subteam^S1> <#C1> "
        "<https://evil.example|Reuters> &lt;!here&gt; @here *bold* `code`")


def test_hostile_titles_summaries_outlets_and_links_arrive_inert(world: World) -> None:
    hostile = story("s1", f"CONFIRMED {EVIL}", outlet=EVIL, text=EVIL,
                    link="https://evil.example/x|<!here>")
    world.ingest((hostile, verdict(U, summary=EVIL, evidence=(EVIL,), parties=(EVIL, "B"))))
    world.ingest((story("s2", EVIL, outlet=EVIL, published=T0 + timedelta(hours=1),
                        link="javascript:alert(1)"),
                  verdict(C, summary=EVIL, parties=(EVIL, "B"))))
    world.deliver()
    writes = world.slack.calls("chat.postMessage") + world.slack.calls("chat.update")
    assert len(writes) == 3
    for call in writes:
        sent = json.dumps({"text": call.args["text"], "blocks": call.args["blocks"]})
        assert not re.search(r"<[!@#]", sent)
        links = re.findall(r"<[^>]*>", sent)
        assert all(link.startswith("<https://evil.example/x%7C%3C!here%3E|") for link in links)
        assert "&lt;!channel&gt;" in sent and "&amp;lt;!here&amp;gt;" in sent
        assert "&#" not in sent
        assert "link_names" not in call.args
        assert call.args["text"].split(" ")[0].rstrip(":") in ("UNCONFIRMED", "CONFIRMED")
    assert world.slack.calls("chat.update")[0].args["parse"] == "none"
