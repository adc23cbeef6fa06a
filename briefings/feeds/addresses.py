"""SSRF policy: a feed URL (or a redirect) may not point into our own network unless allowed.

Checked for every hop before connecting, as Miniflux does, so a public feed cannot redirect us to
a cloud metadata service (169.254.169.254) or an internal admin page.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from briefings.feeds.errors import FetchError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public(address: Address) -> bool:
    """Only globally routable unicast addresses count as public."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def check_target(url: str, *, allow_private: bool) -> None:
    """Raise FetchError unless `url` is http(s) and (when not allowed) resolves only publicly."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(url, f"refused URL scheme or host: {url[:200]!r}")
    if allow_private:
        return
    for address in _resolve(url, parts.hostname, parts.port):
        if not is_public(address):
            raise FetchError(url, f"refused: {parts.hostname} resolves to non-public {address}")


def _resolve(url: str, host: str, port: int | None) -> list[Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port or 443, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise FetchError(url, f"cannot resolve {host}: {exc}") from exc
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
