"""Defuse the bytes before feedparser sees them: dangerous DTDs are refused, and character
references that would crash it or the database are dropped.

feedparser's own DOCTYPE filter misses a one-line internal subset, and expat then expands a
billion-laughs bomb (about 0.6 s and 67 MB under expat 2.5) or reads an external entity. Plain
literal entities (a few real feeds declare them) pass, with their total expansion bounded.
"""

from __future__ import annotations

import re

from briefings.errors import FeedError

_PROLOG_LIMIT = 64 * 1024
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_ELEMENT = re.compile(rb"<[A-Za-z_]")
_SUBSET_END = re.compile(rb"\]\s*>")
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s*)?([^\s]+)\s+(.*?)>", re.S)
_MAX_ENTITIES = 64
_MAX_EXPANSION = 1024 * 1024
_CHAR_REF = re.compile(rb"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def drop_bad_char_refs(body: bytes) -> bytes:
    """Remove character references to NUL, controls, surrogates or beyond Unicode: feedparser
    crashes on `&#xD800;` and PostgreSQL refuses NUL, so they never reach either."""
    return _CHAR_REF.sub(_keep_valid_ref, body)


def _keep_valid_ref(match: re.Match[bytes]) -> bytes:
    digits = match.group(1)
    code = int(digits[1:], 16) if digits[:1] in (b"x", b"X") else int(digits)
    if code in (0x9, 0xA, 0xD) or 0x20 <= code < 0xD800 or 0xE000 <= code <= 0x10FFFF:
        return match.group(0)
    return b""


def check_dtd(body: bytes, url: str) -> None:
    """Raise FeedError when the document's DTD declares external, parameter or nested entities,
    or when its literal entities would expand past a megabyte."""
    view = _ascii_view(body)
    head = view[:_PROLOG_LIMIT]
    match = _DOCTYPE.search(head)
    if match is None or _ELEMENT.search(head, 0, match.start()):
        return
    open_at = head.find(b"[", match.end())
    close_at = head.find(b">", match.end())
    if open_at < 0 or 0 <= close_at < open_at:
        return
    end = _SUBSET_END.search(head, open_at)
    if end is None:
        raise FeedError(url, "unterminated DTD internal subset; refused")
    _check_entities(head[open_at:end.start()], view, url)


def _ascii_view(body: bytes) -> bytes:
    """UTF-16/32 documents as ASCII-compatible bytes, so the patterns above still match."""
    if body.startswith(_WIDE_BOMS) or body[:4].count(b"\x00") >= 2:
        return body.replace(b"\x00", b"")
    return body


def _check_entities(subset: bytes, body: bytes, url: str) -> None:
    declared = _ENTITY.findall(subset)
    if len(declared) > _MAX_ENTITIES:
        raise FeedError(url, f"DTD declares {len(declared)} entities; refused")
    expansion = 0
    for parameter, name, rest in declared:
        if parameter or re.search(rb"\b(SYSTEM|PUBLIC)\b", rest):
            raise FeedError(url, "DTD declares an external or parameter entity; refused (XXE)")
        if re.search(rb"&(?!#)|%", rest):
            raise FeedError(url, "DTD declares nested entities; refused (entity expansion)")
        expansion += body.count(b"&" + name + b";") * len(rest)
    if expansion > _MAX_EXPANSION:
        raise FeedError(url, "DTD entities would expand past 1 MB; refused")
