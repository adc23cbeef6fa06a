"""Stable story identity: the GUID, else the canonical link, else a hash of title and feed
(`entries.to_stories` picks among them).

GUIDs are namespaced by feed (two feeds may both number items "1", "2"...); links are global, so
the same article syndicated by two feeds is one story. Canonical links drop tracking parameters.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

LINK_CAP = 700  # the stories.canonical_link column width
_TRACKING_PREFIXES = ("utm_", "mc_", "_hs", "pk_", "mtm_")
_TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "ref", "ref_src",
                       "cmpid", "ncid", "ito", "cid", "s_cid", "spm", "guccounter", "_ga"})
_TRACKING_FRAGMENT = re.compile(r"(xtor|utm_|at_|ns_|ref=)", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()[:32]


def _is_tracking(key: str) -> bool:
    lowered = key.lower()
    return lowered in _TRACKING or lowered.startswith(_TRACKING_PREFIXES)


def canonical_link(link: str) -> str:
    """The link in one spelling (http and https alike, host lower-cased without "www.", no
    default port or tracking parameters); "" unless it is an absolute http(s) URL. Fragments
    stay (some feeds tell items apart only by "#anchor") unless they are tracking tags."""
    try:
        parts = urlsplit(link.strip())
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return ""
    host = parts.hostname.removeprefix("www.")
    if port and port != _DEFAULT_PORTS[parts.scheme.lower()]:
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _is_tracking(k)])
    fragment = "" if _TRACKING_FRAGMENT.match(parts.fragment) else parts.fragment
    canonical = urlunsplit(("https", host, parts.path or "/", query, fragment))
    return canonical if len(canonical) <= LINK_CAP else "sha256:" + _digest(canonical)


def normalise_title(title: str) -> str:
    """Lower-case words only, so punctuation or spacing edits keep the same hash."""
    return " ".join(re.findall(r"\w+", title.lower()))


def guid_id(feed: str, guid: str) -> str:
    """The id from a GUID, namespaced by feed."""
    return _digest("guid", feed, guid.strip())


def link_id(canonical: str) -> str:
    """The id from a canonical link; the same in every feed."""
    return _digest("link", canonical)


def title_id(feed: str, title: str) -> str:
    """The last resort: normalised title within the feed."""
    return _digest("title", feed, normalise_title(title))
