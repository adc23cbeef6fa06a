"""Feed text to plain text that Slack and PostgreSQL both accept.

HTML is reduced to its text with selectolax, entities decoded, whitespace folded; NUL, other
control characters and lone surrogates are removed first (PostgreSQL rejects NUL, lexbor rejects
surrogates), and the result is capped.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"[<&]")
TITLE_CAP = 300
TEXT_CAP = 4000


def strip_unsafe(value: str) -> str:
    """Remove the characters a database or a UTF-8 encoder would refuse."""
    return _UNSAFE.sub("", value)


def clean_text(raw: str, cap: int = TEXT_CAP) -> str:
    """HTML or plain text to one line of plain text, at most `cap` characters."""
    value = strip_unsafe(raw)
    if _MARKUP.search(value):
        tree = LexborHTMLParser(f"<body>{value}</body>")
        tree.strip_tags(["script", "style", "noscript", "template"])
        body = tree.body
        value = strip_unsafe(body.text(separator=" ")) if body is not None else ""
    return _cap(_SPACE.sub(" ", value).strip(), cap)


def _cap(value: str, cap: int) -> str:
    if len(value) <= cap:
        return value
    cut = value[: cap - 1].rsplit(" ", 1)[0] or value[: cap - 1]
    return cut + "…"
