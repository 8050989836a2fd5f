"""POST /telegram/webhook: updates pushed by Telegram, accepted only with the secret.

Telegram sends the secret given to setWebhook in a header with every update;
anything without it is refused before the body is read. The update is queued and
200 returned at once: Telegram waits for the answer and retries slow ones, and
the application's own queue keeps each chat in order.
"""
from __future__ import annotations

import hmac
import json
import logging

from starlette.requests import Request
from starlette.responses import Response
from telegram import Update
from telegram.ext import Application

log = logging.getLogger("advisor.telegram")
PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookEndpoint:
    def __init__(self, application: Application, secret: str):  # type: ignore[type-arg]
        self.application = application
        self._secret = secret.encode("utf-8")

    async def handle(self, request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8")
        if not hmac.compare_digest(given, self._secret):
            return Response("wrong or missing secret token", status_code=403, media_type="text/plain")
        if not self.application.running:   # Telegram retries later; by then we may have started
            return Response("not ready", status_code=503, media_type="text/plain")
        try:
            update = Update.de_json(json.loads(await request.body()), self.application.bot)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            log.warning("webhook body is not a Telegram update: %s", exc)
            return Response("not a Telegram update", status_code=400, media_type="text/plain")
        await self.application.update_queue.put(update)
        return Response(status_code=200)
