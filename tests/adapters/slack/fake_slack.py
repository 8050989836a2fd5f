"""A fake Slack on 127.0.0.1: the Web API methods the channel calls, response_url,
file uploads and a Socket Mode websocket, answering the way Slack does.

It runs aiohttp in a thread of its own, so the app under test (its own uvicorn
thread) and the synchronous tests all talk to it over real HTTP. Every request is
recorded; failures (ratelimited with HTTP 429 and Retry-After, channel_not_found,
...) can be queued per method.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_TOKEN = "xoxb-fake-bot-token"
APP_TOKEN = "xapp-fake-app-token"
TEAM = "T0FAKE"
BOT_USER = "UBOT"
BOT_ID = "BBOT"
_JSON_ARGS = ("blocks", "view", "files", "attachments")


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str | None = None
    error: str | None = None
    result: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Failure:
    error: str
    status: int = 200
    retry_after: int | None = None


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.uploads: dict[str, bytes] = {}
        self.socket_received: list[dict[str, Any]] = []
        self.socket_connected = threading.Event()
        self.socket_closed = threading.Event()
        self._failures: dict[str, list[Failure]] = {}
        self._changed = threading.Condition()
        self._ts = itertools.count(1)
        self._files = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._serve, name="fake-slack", daemon=True)
        self.port = 0

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> FakeSlack:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the fake Slack did not start")
        return self

    def stop(self) -> None:
        if self._loop is None:
            return
        asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/respond/{name}"

    # -- what tests use ----------------------------------------------------------------

    def fail(self, method: str, error: str, *, status: int = 200, retry_after: int | None = None,
             times: int = 1) -> None:
        with self._changed:
            self._failures.setdefault(method, []).extend([Failure(error, status, retry_after)] * times)

    def recorded(self, method: str, where: Callable[[Call], bool] = lambda c: True) -> list[Call]:
        with self._changed:
            return [c for c in self.calls if c.method == method and where(c)]

    def wait_for(self, method: str, where: Callable[[Call], bool] = lambda c: True, *, count: int = 1,
                 timeout: float = 15) -> list[Call]:
        """The matching calls once there are `count` of them; AssertionError at the deadline."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [c for c in self.calls if c.method == method and where(c)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.error) for c in self.calls]
                    raise AssertionError(f"{count} x {method} not seen in {timeout}s; calls: {seen}")
                self._changed.wait(left)

    def send_envelope(self, envelope: dict[str, Any]) -> None:
        """Push a Socket Mode envelope down the app's open websocket."""
        assert self._loop is not None and self._sockets, "no Socket Mode connection"
        asyncio.run_coroutine_threadsafe(self._sockets[-1].send_json(envelope), self._loop).result(5)

    def wait_socket_message(self, where: Callable[[dict[str, Any]], bool], timeout: float = 15) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for message in self.socket_received:
                    if where(message):
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no such Socket Mode message; got {self.socket_received}")
                self._changed.wait(left)

    # -- the server --------------------------------------------------------------------

    def _serve(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/respond/{name}", self._respond)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]   # type: ignore[union-attr]
        self._ready.set()
        self._loop.run_forever()
        self._loop.close()

    async def _close(self) -> None:
        for ws in self._sockets:
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def _record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            args.update(await request.json())
        else:
            args.update({k: v for k, v in (await request.post()).items() if isinstance(v, str)})
        for key in _JSON_ARGS:
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip() or None
        call = Call(method, args, token)
        with self._changed:
            queued = self._failures.get(method) or []
            failure = queued.pop(0) if queued else None
        expected = APP_TOKEN if method == "apps.connections.open" else BOT_TOKEN
        if failure is None and token != expected:
            failure = Failure("invalid_auth")
        if failure is not None:
            call.error = failure.error
            self._record(call)
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
            return web.json_response({"ok": False, "error": failure.error}, status=failure.status,
                                     headers=headers)
        call.result = self._answer(method, args)
        self._record(call)
        return web.json_response(call.result)

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        channel = args.get("channel") or args.get("channel_id")
        if method == "auth.test":
            return {"ok": True, "url": "https://fake.slack.test/", "team": "Fake", "user": "advisor",
                    "team_id": TEAM, "user_id": BOT_USER, "bot_id": BOT_ID, "is_enterprise_install": False}
        if method == "chat.postMessage":
            ts = self._next_ts()
            return {"ok": True, "channel": channel, "ts": ts,
                    "message": {"type": "message", "ts": ts, "text": args.get("text"), "bot_id": BOT_ID,
                                "user": BOT_USER, "blocks": args.get("blocks", [])}}
        if method == "chat.update":
            return {"ok": True, "channel": channel, "ts": args.get("ts"), "text": args.get("text")}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._next_ts()}
        if method == "chat.getPermalink":
            ts = str(args.get("message_ts", "")).replace(".", "")
            return {"ok": True, "channel": channel, "permalink": f"https://fake.slack.test/archives/{channel}/p{ts}"}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(args.get("users", "")).split(",")[0]}}
        if method == "views.publish":
            return {"ok": True, "view": {"id": "V1", **(args.get("view") or {})}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._files):05d}"
            return {"ok": True, "upload_url": f"http://127.0.0.1:{self.port}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in args.get("files", [])]}
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}
        return {"ok": True}

    def _next_ts(self) -> str:
        return f"1800000000.{next(self._ts):06d}"

    async def _upload(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.uploads[request.match_info["file_id"]] = body
        self._record(Call("upload", {"file_id": request.match_info["file_id"], "size": len(body)}))
        return web.Response(text=f"OK - {len(body)}")

    async def _respond(self, request: web.Request) -> web.Response:
        self._record(Call("response_url", {"name": request.match_info["name"], **(await request.json())}))
        return web.Response(text="ok")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1,
                            "debug_info": {"host": "fake-slack", "approximate_connection_time": 3600},
                            "connection_info": {"app_id": "A0FAKE"}})
        self.socket_connected.set()
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                with self._changed:
                    self.socket_received.append(json.loads(message.data))
                    self._changed.notify_all()
        self.socket_closed.set()
        return ws
