"""Escaping for Slack mrkdwn, the last step before any feed text reaches Slack.

Slack's rule: escape exactly `&`, `<`, `>`; then `<!channel>`, `<@U1>` and `<url|label>` written by
a feed arrive as inert text. Text is escaped once, at render time, after HTML-to-text.
"""

from __future__ import annotations

_MENTION_WORDS = ("@channel", "@here", "@everyone")


def escape(text: str) -> str:
    """Escape feed text for mrkdwn and plain_text alike (Slack treats `<`/`>` the same in both)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for word in _MENTION_WORDS:  # defeat link_names-style parsing of bare @channel as well
        escaped = escaped.replace(word, word[0] + "\u2060" + word[1:])
    return escaped


def link(url: str, label: str) -> str:
    """A link we build: only http(s) URLs, `|`, `<` and `>` removed from the URL, label escaped."""
    safe_url = url.strip().replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
    if not safe_url.lower().startswith(("http://", "https://")):
        return escape(label)
    return f"<{safe_url}|{escape(label).replace('|', '¦')}>"


def truncate(text: str, limit: int) -> str:
    """Cut to `limit` characters on a word boundary, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def fit(text: str, limit: int) -> str:
    """Truncate raw text, then escape, so the escaped result stays within `limit` characters."""
    budget = limit
    escaped = escape(truncate(text, budget))
    while len(escaped) > limit:
        budget -= len(escaped) - limit
        escaped = escape(truncate(text, budget))
    return escaped
