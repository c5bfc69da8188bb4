"""The web app's protections: security headers with a strict CSP, a request-body cap, and the write guard
(token when configured; cross-site form posts refused, so a page elsewhere cannot write through a browser)."""

from __future__ import annotations

import hmac
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script or style anywhere in the app: everything comes from /static on the same origin.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {"content-security-policy": CSP, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
           "x-frame-options": "DENY", "cross-origin-opener-policy": "same-origin"}
MULTIPART_SLACK = 64 * 1024  # form fields and multipart boundaries around the capped upload itself


class _TooLarge(Exception):
    pass


class SecurityMiddleware:
    """Adds the security headers to every response and refuses request bodies over the upload cap."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body + MULTIPART_SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Wrap one HTTP exchange."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body:
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
