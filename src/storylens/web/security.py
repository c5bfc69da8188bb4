"""The web app's protections: security headers with a strict CSP (on every response, errors included), a
request-body cap, an allowed-hosts check (a page on another name cannot reach the app through DNS rebinding),
and the write guard (token when configured; cross-site form posts refused, so a page elsewhere cannot write
through a browser)."""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script or style anywhere in the app: everything comes from /static on the same origin.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {"content-security-policy": CSP, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
           "x-frame-options": "DENY", "cross-origin-opener-policy": "same-origin"}
MULTIPART_SLACK = 64 * 1024  # form fields and multipart boundaries around the capped upload itself
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class _TooLarge(Exception):
    pass


def host_allowed(host_header: str | None, allowed: Iterable[str]) -> bool:
    """True when the Host header names one of the `allowed` hosts (any port; "*" allows every host)."""
    allowed = {h.lower().strip("[]") for h in allowed}
    if "*" in allowed:
        return True
    host = urlsplit("//" + (host_header or "")).hostname  # "[::1]:8000" -> "::1"; no port, lower-case
    return host is not None and host in allowed


class SecurityMiddleware:
    """Adds the security headers to every response (a 500 included), refuses a Host that is not allowed and
    request bodies over the upload cap."""

    def __init__(self, app: ASGIApp, max_body: int, allowed_hosts: Iterable[str] = LOOPBACK_HOSTS) -> None:
        self.app = app
        self.max_body = max_body + MULTIPART_SLACK
        self.allowed_hosts = tuple(allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Wrap one HTTP exchange."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        if not host_allowed(host, self.allowed_hosts):
            await _plain(send, 400, f"host {host!r} is not served here (allowed: {', '.join(self.allowed_hosts)}; "
                                    "storylens serve --allowed-host adds one)")
            return
        declared = headers.get(b"content-length", b"")
        # A length of more than 18 digits is over any cap (and int() refuses over 4,300 digits: a 500).
        if declared.isdigit() and (len(declared) > 18 or int(declared) > self.max_body):
            await _plain(send, 413, f"request body larger than {self.max_body} bytes")
            return
        started = False
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise _TooLarge
            return message

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode().lower() not in HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, counted, with_headers)
        except _TooLarge:
            if not started:
                await _plain(send, 413, f"request body larger than {self.max_body} bytes")
        except Exception:
            # Starlette's own error page is sent outside this middleware, without the headers: send ours,
            # then let the error travel on to be logged.
            if not started:
                await _plain(send, 500, "internal server error")
            raise


async def _plain(send: Send, status: int, text: str) -> None:
    headers = [(b"content-type", b"text/plain; charset=utf-8")] + [(k.encode(), v.encode()) for k, v in
                                                                    HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": text.encode()})


def token_ok(expected: str | None, given: str | None) -> bool:
    """True when no token is configured, or the given one matches (constant-time comparison)."""
    if not expected:
        return True
    return bool(given) and hmac.compare_digest(expected.encode(), str(given).encode())


def bearer(headers: Any) -> str | None:
    """The token from `Authorization: Bearer T` or `X-Storylens-Token: T`."""
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return headers.get("x-storylens-token")


def cross_site(headers: Any, host: str | None) -> bool:
    """True for a request a browser sent from another site (Sec-Fetch-Site, else the Origin's host)."""
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = headers.get("origin")
    if not origin or origin == "null":
        return origin == "null"
    return origin.split("://", 1)[-1].rstrip("/") != (host or "")
