"""Escaping for Slack mrkdwn, the last step before any feed text reaches Slack.

Slack's rule: escape exactly `&`, `<`, `>`; then `<!channel>`, `<@U1>` and `<url|label>` written by
a feed arrive as inert text. Text is escaped once, at render time, after HTML-to-text. Bare
`@here`-style words and emoji shortcodes also get an invisible word joiner.
Cutting happens on raw text before escaping (`fit`) or at safe points of markup (`cut_markup`),
never inside an entity or a link.
"""

from __future__ import annotations

import re

from briefings.quotes import cut_quote

_MENTION_WORDS = ("@channel", "@here", "@everyone")
_SHORTCODE = re.compile(r":(?=[a-z0-9_+'-]+:)")
JOINER = "\u2060"  # invisible word joiner


def escape(text: str) -> str:
    """Escape feed text for mrkdwn and plain_text alike (Slack treats `<`/`>` the same in both).

    A word joiner also goes into bare `@here`-style words (in case a client ever parses them)
    and into emoji shortcodes, so a feed cannot paint its own green badge."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for word in _MENTION_WORDS:
        escaped = escaped.replace(word, word[0] + JOINER + word[1:])
    return _SHORTCODE.sub(":" + JOINER, escaped)


_URL_UNSAFE = str.maketrans({"<": "%3C", ">": "%3E", "|": "%7C", " ": "%20", "\n": "%0A",
                             "\r": "%0D", "\t": "%09", "&": "&amp;"})
MAX_URL = 1500


def link(url: str, label: str) -> str:
    """A link we build: http(s) only, `<`, `>`, `|` and whitespace percent-encoded in the URL,
    `&` escaped as Slack asks, the label escaped. Any other scheme (or an absurdly long URL)
    gives the label as plain text."""
    safe_url = url.strip().translate(_URL_UNSAFE)
    if not safe_url.lower().startswith(("http://", "https://")) or len(safe_url) > MAX_URL:
        return escape(label)
    return f"<{safe_url}|{escape(label).replace('|', '¦')}>"


def cut_markup(markup: str, limit: int) -> str:
    """Cut mrkdwn we assembled to `limit` characters (ellipsis included), moving the cut back so
    it never splits an entity such as `&amp;` or a link `<url|label>`."""
    if len(markup) <= limit:
        return markup
    cut = markup[: limit - 1]
    if cut.rfind("<") > cut.rfind(">"):
        cut = cut[: cut.rfind("<")]
    amp = cut.rfind("&")
    if amp > cut.rfind(">") and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"


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


def fit_quote(text: str, limit: int) -> str:
    """An evidence quote escaped within `limit` characters, cut by the quote rule (at a clause
    boundary, with an ellipsis) rather than mid-phrase."""
    budget = limit
    escaped = escape(cut_quote(text, max_words=len(text.split()), max_chars=budget))
    while len(escaped) > limit:
        budget -= len(escaped) - limit
        escaped = escape(cut_quote(text, max_words=len(text.split()), max_chars=budget))
    return escaped
