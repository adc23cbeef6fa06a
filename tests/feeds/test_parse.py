"""Parsing fetched bytes: not-a-feed errors, hostile DTDs, encodings, dates and identity."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from briefings.config import FeedConfig
from briefings.errors import FeedError
from briefings.feeds.parse import parse_document, parse_feed
from tests.feeds.samples import Item, numbered, rss
from tests.feeds.server import FeedServer

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
FEED = FeedConfig(name="Test Wire", url="https://wire.example/feed")


@pytest.mark.parametrize("body", [
    b"<!DOCTYPE html><html><head><title>Oops</title></head><body><p>Error 500</body></html>",
    b"",
    b"   \n",
    b'{"items": [{"title": "not xml"}]}',
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>cut off',
], ids=["html", "empty", "blank", "json", "truncated"])
def test_non_feeds_are_feed_errors(body: bytes) -> None:
    with pytest.raises(FeedError, match=r"not a feed|empty"):
        parse_feed(body, FEED, NOW)


def test_feed_with_no_items_is_fine() -> None:
    assert parse_feed(rss([]), FEED, NOW) == []


@pytest.mark.parametrize("content_type", ["text/html", "application/octet-stream", "text/plain"])
def test_a_feed_served_with_the_wrong_content_type_still_parses(content_type: str) -> None:
    parsed = parse_document(rss(numbered(2)), FEED, NOW, content_type=content_type)
    assert len(parsed.stories) == 2


def test_bozo_feed_with_entries_is_used() -> None:
    body = rss(numbered(2)).replace(b"story number 0", b"story &nbsp; number 0")
    stories = parse_feed(body, FEED, NOW)
    assert len(stories) == 2


LAUGHS_ONE_LINE = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;'
                   b'&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
                   b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><rss version="2.0"><channel>'
                   b"<item><title>&d;</title></item></channel></rss>")
LAUGHS_MULTI_LINE = LAUGHS_ONE_LINE.replace(b"><!ENTITY", b">\n  <!ENTITY").replace(b"[", b"[\n")


@pytest.mark.parametrize("body", [LAUGHS_ONE_LINE, LAUGHS_MULTI_LINE], ids=["one", "multi"])
def test_billion_laughs_is_refused_before_parsing(body: bytes) -> None:
    with pytest.raises(FeedError, match="nested entities"):
        parse_feed(body, FEED, NOW)


def _xxe(target: str, separator: str) -> bytes:
    return (f'<?xml version="1.0"?>{separator}<!DOCTYPE rss [{separator}'
            f'<!ENTITY x SYSTEM "{target}">{separator}]>{separator}<rss version="2.0"><channel>'
            "<item><title>leak &x;</title><guid>1</guid></item></channel></rss>").encode()


@pytest.mark.parametrize("separator", ["", "\n"], ids=["one-line", "multi-line"])
def test_xxe_reads_no_file_and_calls_no_canary(server: FeedServer, separator: str) -> None:
    canary = server.static("/canary", b"CANARY-SECRET")
    for target in ("file:///etc/passwd", canary):
        with pytest.raises(FeedError, match="XXE"):
            parse_feed(_xxe(target, separator), FEED, NOW)
    assert server.hits("/canary") == []


def test_plain_literal_entities_are_allowed() -> None:
    body = (b'<!DOCTYPE rss [\n  <!ENTITY tag "tag:wire.example,">\n]>\n<rss version="2.0">'
            b"<channel><item><title>x</title><guid>&tag;2026:1</guid></item></channel></rss>")
    assert len(parse_feed(body, FEED, NOW)) == 1


def test_cp1252_bytes_declared_utf8_still_give_a_title() -> None:
    body = rss([Item("caf\u00e9 deal", "https://wire.example/a", "a")]).replace(
        "caf\u00e9".encode(), "caf\u00e9 \u201cquoted\u201d".encode("cp1252"))
    [story] = parse_feed(body, FEED, NOW)
    assert story.title.startswith("caf")
    story.title.encode("utf-8")


def test_utf16_document_with_bom() -> None:
    body = rss(numbered(2)).decode().replace('encoding="utf-8"', 'encoding="utf-16"')
    stories = parse_feed(body.encode("utf-16"), FEED, NOW)
    assert [s.title for s in stories] == ["story number 0", "story number 1"]


def test_nul_control_characters_and_lone_surrogates_are_removed() -> None:
    body = rss([Item("bad\x01title &#xD800;here", "https://wire.example/a", "a",
                     description="nul &#0; and &#x7; and \x0b ok")])
    [story] = parse_feed(body.replace(b"&amp;#", b"&#"), FEED, NOW)
    for value in (story.title, story.text):
        assert not any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in value)
        value.encode("utf-8")


def test_html_is_reduced_to_text() -> None:
    html = '<p>Hello &amp; <b>welcome</b></p><script>alert("x")</script>\n\n<img src=x>world'
    [story] = parse_feed(rss([Item("t", "https://wire.example/a", "a", description=html)]),
                         FEED, NOW)
    assert story.text == "Hello & welcome world"


def test_text_is_capped() -> None:
    [story] = parse_feed(rss([Item("t", "https://wire.example/a", "a",
                                   description="word " * 5000)]), FEED, NOW)
    assert len(story.text) <= 4000


@pytest.mark.parametrize(("stamp", "expected"), [
    ("Tue, 24 Nov 2026 09:00:00 +1400", datetime(2026, 11, 23, 19, 0, tzinfo=UTC)),
    ("Tue, 24 Nov 2026 09:00:00 -1200", NOW),  # 21:00 UTC: in the future, so clamped
    ("Mon, 23 Nov 2026 09:00:00 -1200", datetime(2026, 11, 23, 21, 0, tzinfo=UTC)),
    ("Tue, 24 Nov 2026 04:00:00 EST", datetime(2026, 11, 24, 9, 0, tzinfo=UTC)),
    ("2026-11-24T08:30:00", datetime(2026, 11, 24, 8, 30, tzinfo=UTC)),
    ("Thu, 26 Nov 2026 12:00:00 GMT", NOW),
    ("not a date", NOW),
])
def test_dates_are_utc_and_future_or_bad_ones_fall_back(stamp: str, expected: datetime) -> None:
    body = rss(numbered(1)).replace(b"</guid>", f"</guid><pubDate>{stamp}</pubDate>".encode())
    [story] = parse_feed(body, FEED, NOW)
    assert story.published == expected


def test_entries_without_dates_use_first_seen() -> None:
    stories = parse_feed(rss(numbered(3)), FEED, NOW)
    assert {s.published for s in stories} == {NOW}


def test_duplicate_guids_are_told_apart_by_link_or_kept_once() -> None:
    items = [Item("first", "https://wire.example/1", "same"),
             Item("second", "https://wire.example/2", "same"),
             Item("first", "https://wire.example/1", "same")]
    stories = parse_feed(rss(items), FEED, NOW)
    assert [s.title for s in stories] == ["first", "second"]
    assert len({s.id for s in stories}) == 2


def test_ids_are_stable_and_links_canonical() -> None:
    item = Item("t", "https://www.Wire.example/a?utm_source=rss&id=7#top", None)
    first, = parse_feed(rss([item]), FEED, NOW)
    again, = parse_feed(rss([item]), FEED, NOW + timedelta(hours=1))
    assert first.id == again.id
    assert first.canonical_link == "https://wire.example/a?id=7#top"
    tracked, = parse_feed(rss([Item("t", "http://wire.example/a#xtor=RSS-3")]), FEED, NOW)
    assert tracked.canonical_link == "https://wire.example/a"


def test_relative_links_resolve_against_the_feed_url() -> None:
    body = rss([Item("t", "/2026/story", "g")])
    [story] = parse_document(body, FEED, NOW, url="https://news.example/feed.xml").stories
    assert story.link == "https://news.example/2026/story"


def test_javascript_links_are_dropped() -> None:
    [story] = parse_feed(rss([Item("t", "javascript:alert(1)", "g")]), FEED, NOW)
    assert story.link == ""


def test_feed_ttl_and_update_period_are_hints() -> None:
    assert parse_document(rss([], extra="<ttl>90</ttl>"), FEED, NOW).ttl_seconds == 5400
    daily = ('<sy:updatePeriod xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">daily'
             "</sy:updatePeriod>")
    assert parse_document(rss([], extra=daily), FEED, NOW).ttl_seconds == 86400
