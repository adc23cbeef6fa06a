"""Small feed documents written for these tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Item:
    title: str
    link: str | None = None
    guid: str | None = None
    published: datetime | None = None
    description: str = "A short summary."


def rss(items: list[Item], *, title: str = "Test Wire", extra: str = "") -> bytes:
    """An RSS 2.0 document with `items`."""
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>https://wire.example/</link>{extra}"
            + "".join(_item(item) for item in items) + "</channel></rss>").encode()


def _item(item: Item) -> str:
    parts = [f"<title>{escape(item.title)}</title>",
             f"<description>{escape(item.description)}</description>"]
    if item.link:
        parts.append(f"<link>{escape(item.link)}</link>")
    if item.guid:
        parts.append(f'<guid isPermaLink="false">{escape(item.guid)}</guid>')
    if item.published:
        parts.append(f"<pubDate>{format_datetime(item.published)}</pubDate>")
    return "<item>" + "".join(parts) + "</item>"


def numbered(count: int, *, prefix: str = "story", when: datetime | None = None) -> list[Item]:
    """`count` distinct items with GUIDs and links."""
    return [Item(f"{prefix} number {i}", f"https://wire.example/{prefix}/{i}",
                 f"{prefix}-{i}", when) for i in range(count)]
