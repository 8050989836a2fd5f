"""Every response's stamps: security headers, a strict Content-Security-Policy on pages,
and a request id (the caller's X-Request-ID when it is sane, else a new one), which is
also set for every log line of the request, the turn included.

One pure ASGI middleware (no BaseHTTPMiddleware): streaming and background tasks are
untouched, and the cost per request is a few header appends.
"""
from __future__ import annotations

import re
import secrets

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.logs import request_id

# The demo page and the widget load nothing from elsewhere and run no inline code.
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_ALWAYS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


class ResponseStamps:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        rid = given if _SANE_ID.fullmatch(given) else secrets.token_hex(8)
        token = request_id.set(rid)

        async def stamped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _ALWAYS.items():
                    headers.setdefault(name, value)
                headers.setdefault("x-request-id", rid)
                policy = _policy(message["status"], headers.get("content-type", ""))
                if policy:
                    headers.setdefault("content-security-policy", policy)
            await send(message)

        try:
            await self.app(scope, receive, stamped)
        finally:
            request_id.reset(token)


def _policy(status: int, content_type: str) -> str | None:
    """Pages get PAGE_CSP, everything else none of anything. A 304 gets no policy at all:
    the browser keeps the one it cached with the page, and a different one would replace it."""
    if status == 304:
        return None
    return PAGE_CSP if content_type.startswith("text/html") else "default-src 'none'; frame-ancestors 'none'"
