"""POST /api/chat (the contract over HTTP) and GET /healthz.

The three steps every adapter takes: read the request into a contract input, call
the advisor, write the turn as the contract's JSON. Every refusal is JSON too, with
the status a client can act on: 400 unreadable, 413 too long, 429 too fast.
"""
from __future__ import annotations

import asyncio

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from bot import Advisor, InputError, Settings, parse_input, parse_json

from .limits import ChatLimiter

CHANNEL = "web"
MAX_BODY = 64 * 1024        # far above any allowed text; beyond it we stop reading
_STATUS = {"too_long_input": 413}
_HTTP_KEYS = {404: "not_found", 405: "method_not_allowed"}


class ChatApi:
    def __init__(self, advisor: Advisor, settings: Settings) -> None:
        self.advisor = advisor
        self.max_text = settings.web.max_text
        self.limiter = ChatLimiter(settings.web.rate_limit, settings.store) if settings.web.rate_limit else None

    async def chat(self, request: Request) -> Response:
        try:
            inbound = parse_input(parse_json(await _body(request, self.max_text)),
                                  channel=CHANNEL, max_text=self.max_text)
        except InputError as exc:
            return self._refuse(exc.key, exc.detail, _STATUS.get(exc.key, 400))
        if self.limiter is not None:
            client = request.client.host if request.client else "unknown"
            wait = await self.limiter.retry_after(client, inbound.session)
            if wait is not None:
                return self._refuse("rate_limited", str(wait), 429, {"Retry-After": str(wait)})
        turn = await self.advisor.ahandle(inbound.session, inbound.input, channel=CHANNEL)
        return JSONResponse(turn.to_json(), headers={"Cache-Control": "no-store"})

    async def healthz(self, request: Request) -> Response:
        ok = await asyncio.to_thread(self.advisor.healthy)
        body = {"status": "ok" if ok else "store unavailable", "content_version": self.advisor.content_version}
        return JSONResponse(body, status_code=200 if ok else 503, headers={"Cache-Control": "no-store"})

    async def http_error(self, request: Request, exc: Exception) -> Response:
        """A wrong path or method under /api/ is answered in the API's own JSON shape; the
        pages keep Starlette's plain answer."""
        assert isinstance(exc, HTTPException)
        key = _HTTP_KEYS.get(exc.status_code)
        if key is None or not request.url.path.startswith("/api/"):
            return PlainTextResponse(exc.detail, status_code=exc.status_code, headers=exc.headers)
        return self._refuse(key, request.url.path, exc.status_code, exc.headers)

    def _refuse(self, key: str, detail: str, status: int, headers: dict[str, str] | None = None) -> Response:
        body = {"error": key, "message": self.advisor.message(key, detail=detail)}
        return JSONResponse(body, status_code=status, headers=headers)


async def _body(request: Request, max_text: int) -> bytes:
    """The request body, read no further than a body that could still be acceptable."""
    limit = max(MAX_BODY, max_text * 8)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise InputError("too_long_input", str(max_text))
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise InputError("too_long_input", str(max_text))
    return body

