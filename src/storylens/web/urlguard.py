"""Guard for URL fetches started from the web app: http(s) only, and no loopback, private, link-local
or other internal targets (checked after DNS resolution, on every redirect hop) unless the operator allows.

Fetching goes through `storylens.ingest.fetch` (timeouts, size and time caps) with a guarded httpx transport.
A host that resolves differently between our check and httpx's own lookup (DNS rebinding) is a known
gap of check-then-connect; the check runs again on each hop, which narrows but does not close it.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import httpx

from storylens.ingest.fetch import Fetched, FetchError, FetchOptions, fetch_url


class UrlRefused(ValueError):
    """A URL the app will not fetch, with the reason."""


Address = ipaddress.IPv4Address | ipaddress.IPv6Address
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # well-known NAT64 prefix: "global", but carries any IPv4 address


def _internal(address: Address) -> bool:
    """True unless `address` is globally reachable: loopback, private, shared (100.64.0.0/10, where a cloud
    metadata service can sit), link-local, documentation, benchmarking, reserved, multicast, unspecified;
    an IPv6 address that carries an IPv4 one (mapped, 6to4, Teredo, NAT64) is judged by that one too."""
    if any(_internal(inner) for inner in _embedded_ipv4(address)):
        return True
    # is_global is IANA's special-purpose registry ("globally reachable"); multicast is listed as global.
    return not address.is_global or address.is_multicast


def _embedded_ipv4(address: Address) -> list[ipaddress.IPv4Address]:
    if not isinstance(address, ipaddress.IPv6Address):
        return []
    inner = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
    if address in NAT64:
        inner.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return [a for a in inner if a is not None]


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise UrlRefused unless `url` is http(s) with a host that resolves to public addresses only."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https"):
        raise UrlRefused(f"only http and https URLs can be fetched, not {parts.scheme or 'a bare path'!r}")
    host = parts.hostname
    if not host:
        raise UrlRefused("the URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UrlRefused(f"cannot resolve host {host!r}: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if _internal(address):
            raise UrlRefused(f"refusing to fetch from an internal address ({host} is {address}); "
                             "the operator can allow this with --allow-private-urls")


class GuardedTransport(httpx.HTTPTransport):
    """An httpx transport that checks every request (redirect hops included) with `check_url`."""

    def __init__(self, allow_private: bool = False, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.allow_private = allow_private

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Refuse internal targets before connecting."""
        try:
            check_url(str(request.url), self.allow_private)
        except UrlRefused as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc
        return super().handle_request(request)


def fetch_guarded(url: str, options: FetchOptions, allow_private: bool = False) -> Fetched:
    """Download one URL a user asked for, within `options`' limits; raise UrlRefused or FetchError."""
    check_url(url, allow_private)
    timeout = httpx.Timeout(options.read_timeout, connect=options.connect_timeout)
    with httpx.Client(transport=GuardedTransport(allow_private), timeout=timeout, follow_redirects=False,
                      headers={"User-Agent": options.user_agent}) as client:
        try:
            return fetch_url(client, url, options)
        except FetchError as exc:
            if "refusing to fetch" in exc.reason:
                raise UrlRefused(exc.reason.removeprefix("download failed: ")) from exc
            raise
