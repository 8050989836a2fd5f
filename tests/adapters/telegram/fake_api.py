"""A fake Telegram Bot API: a real HTTP server on 127.0.0.1 that python-telegram-bot talks to.

It answers the methods the adapter uses the way Telegram does, keeps the bot's and
the users' messages (so a reply carries `reply_to_message`, as it would), serves
queued updates to getUpdates by long polling, and records every call. Like
Telegram, it refuses what Telegram refuses: callback_data over 64 bytes, text over
4,096 characters after entity parsing, and HTML it cannot parse. Failures (429
with retry_after, 403, 400) can be injected per method and chat.
"""
from __future__ import annotations

import email.parser
import email.policy
import html
import itertools
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

TOKEN = "123456789:AAFakeTokenForTestsOnly-xyz_0123456789"
BOT = {"id": 4242, "is_bot": True, "first_name": "Advisor", "username": "advisor_test_bot",
       "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}
_JSON_PARAMS = {"reply_markup", "reply_parameters", "commands", "allowed_updates", "link_preview_options",
                "entities", "caption_entities"}
_INT = re.compile(r"-?\d+")
_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "span",
         "tg-spoiler", "blockquote", "tg-emoji"}
_TOKEN_RE = re.compile(r"<(/?)([a-z-]+)(?:\s[^<>]*)?>|&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);|[<>&]")


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str | None, bytes]] = field(default_factory=dict)
    status: int = 200
    result: Any = None


@dataclass
class Failure:
    method: str
    code: int
    description: str
    retry_after: int | None = None
    chat_id: int | None = None
    times: int = 1


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None):
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after


def parse_html(text: str) -> str:
    """The text Telegram would show for an HTML message, or ApiError as Telegram answers."""
    shown, stack, pos = [], [], 0
    for m in _TOKEN_RE.finditer(text):
        shown.append(text[pos:m.start()])
        pos = m.end()
        closing, tag, entity = m.group(1), m.group(2), m.group(3)
        if entity:
            shown.append(html.unescape(m.group(0)))
        elif tag is None:
            raise ApiError(400, f"Bad Request: can't parse entities: unexpected {m.group(0)!r} at {m.start()}")
        elif tag not in _TAGS:
            raise ApiError(400, f"Bad Request: can't parse entities: unsupported start tag {tag!r}")
        elif not closing:
            stack.append(tag)
        elif not stack or stack.pop() != tag:
            raise ApiError(400, f"Bad Request: can't parse entities: can't find end tag corresponding to {tag!r}")
    if stack:
        raise ApiError(400, f"Bad Request: can't parse entities: can't find end tag corresponding to {stack[-1]!r}")
    shown.append(text[pos:])
    return "".join(shown)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeBotApi:
    def __init__(self, token: str = TOKEN, poll_seconds: float = 0.5):
        self.token = token
        self.poll_seconds = poll_seconds     # the longest a getUpdates is held open
        self.calls: list[Call] = []
        self.polls = 0
        self._cond = threading.Condition()
        self._outbox: list[dict[str, Any]] = []
        self._failures: list[Failure] = []
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._ids = itertools.count(1000)
        self._update_ids = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """TELEGRAM_API_URL: the base_url the token is appended to."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def start(self) -> FakeBotApi:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- updates the users send ---------------------------------------------------------

    def message(self, chat: dict[str, Any], sender: dict[str, Any], text: str, *,
                entities: list[dict[str, Any]] | None = None, reply_to: dict[str, Any] | None = None) -> dict[str, Any]:
        """An update carrying a user's message (kept, so later replies can quote it)."""
        msg: dict[str, Any] = {"message_id": next(self._ids), "date": int(time.time()), "chat": chat,
                               "from": sender, "text": text}
        if entities:
            msg["entities"] = entities
        if reply_to is not None:
            msg["reply_to_message"] = {k: v for k, v in reply_to.items() if k != "reply_to_message"}
        with self._cond:
            self._chats[chat["id"]] = chat
            self._messages[(chat["id"], msg["message_id"])] = msg
        return {"update_id": next(self._update_ids), "message": msg}

    def command(self, chat: dict[str, Any], sender: dict[str, Any], text: str) -> dict[str, Any]:
        length = len(text.split()[0])
        return self.message(chat, sender, text, entities=[{"type": "bot_command", "offset": 0, "length": length}])

    def press(self, sender: dict[str, Any], message: dict[str, Any], data: str) -> dict[str, Any]:
        """An update for a button press on one of the bot's messages, as it now stands."""
        with self._cond:
            current = self._messages.get((message["chat"]["id"], message["message_id"]), message)
            current = json.loads(json.dumps(current))
        query = {"id": f"cq{next(self._ids)}", "from": sender, "message": current,
                 "chat_instance": "ci-1", "data": data}
        return {"update_id": next(self._update_ids), "callback_query": query}

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates (again, for a redelivery)."""
        with self._cond:
            self._outbox.append(update)
            self._cond.notify_all()
        return update

    # --- failures and inspection ------------------------------------------------------

    def fail(self, method: str, code: int, description: str, *, retry_after: int | None = None,
             chat_id: int | None = None, times: int = 1) -> None:
        with self._cond:
            self._failures.append(Failure(method, code, description, retry_after, chat_id, times))

    def calls_to(self, method: str, where: Callable[[Call], bool] | None = None) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method and (where is None or where(c))]

    def wait_for(self, method: str, *, count: int = 1, where: Callable[[Call], bool] | None = None,
                 timeout: float = 20.0) -> list[Call]:
        """The first `count` successful calls to `method` matching `where`, waiting until a deadline."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if c.method == method and c.status == 200
                         and (where is None or where(c))]
                if len(found) >= count:
                    return found[:count]
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.status, c.params.get("text", "")[:60]) for c in self.calls]
                    raise AssertionError(f"no {count} x {method} within {timeout}s; calls: {seen}")
                self._cond.wait(left)

    # --- the API ------------------------------------------------------------------------

    def handle(self, method: str, params: dict[str, Any],
               files: dict[str, tuple[str | None, bytes]]) -> tuple[int, dict[str, Any]]:
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._updates(params)}
        call = Call(method, params, files)
        try:
            self._injected(method, params)
            call.result = self._answer(method, params, files)
        except ApiError as exc:
            call.status = exc.code
            body: dict[str, Any] = {"ok": False, "error_code": exc.code, "description": exc.description}
            if exc.retry_after is not None:
                body["parameters"] = {"retry_after": exc.retry_after}
        else:
            body = {"ok": True, "result": call.result}
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()
        return call.status, body

    def _updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        wait = min(float(params.get("timeout") or 0), self.poll_seconds)
        deadline = time.monotonic() + wait
        with self._cond:
            self.polls += 1
            while not self._outbox and time.monotonic() < deadline:
                self._cond.wait(deadline - time.monotonic())
            served, self._outbox = self._outbox, []
            return served

    def _injected(self, method: str, params: dict[str, Any]) -> None:
        with self._cond:
            for failure in self._failures:
                if failure.method == method and failure.times > 0 and \
                        failure.chat_id in (None, params.get("chat_id")):
                    failure.times -= 1
                    raise ApiError(failure.code, failure.description, failure.retry_after)

    def _answer(self, method: str, params: dict[str, Any], files: dict[str, tuple[str | None, bytes]]) -> Any:
        if method == "getMe":
            return BOT
        if method in ("setMyCommands", "setWebhook", "deleteWebhook", "answerCallbackQuery", "sendChatAction"):
            return True
        if method == "sendMessage":
            return self._send(params, text=params["text"])
        if method == "sendDocument":
            name, content = files["document"]
            return self._send(params, document={"file_id": f"doc{next(self._ids)}", "file_unique_id": "u",
                                                "file_name": name, "file_size": len(content)},
                              caption=params.get("caption"))
        if method in ("editMessageReplyMarkup", "editMessageText"):
            return self._edit(params)
        raise ApiError(404, "Not Found: method not found")

    def _send(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat_id = params["chat_id"]
        if "text" in content and params.get("parse_mode") == "HTML":
            shown = parse_html(content["text"])
            if not shown.strip() or utf16_len(shown) > 4096:
                raise ApiError(400, "Bad Request: message is too long" if shown.strip() else
                               "Bad Request: message text is empty")
        _check_markup(params.get("reply_markup"))
        with self._cond:
            chat = self._chats.get(chat_id, {"id": chat_id, "type": "private", "first_name": "User"})
            msg: dict[str, Any] = {"message_id": next(self._ids), "date": int(time.time()), "chat": chat,
                                   "from": BOT, **{k: v for k, v in content.items() if v is not None}}
            if params.get("reply_markup"):
                msg["reply_markup"] = params["reply_markup"]
            quoted = (params.get("reply_parameters") or {}).get("message_id")
            if quoted is not None and (chat_id, quoted) in self._messages:
                msg["reply_to_message"] = {k: v for k, v in self._messages[(chat_id, quoted)].items()
                                           if k != "reply_to_message"}
            self._messages[(chat_id, msg["message_id"])] = msg
            return msg

    def _edit(self, params: dict[str, Any]) -> dict[str, Any]:
        _check_markup(params.get("reply_markup"))
        with self._cond:
            msg = self._messages.get((params["chat_id"], params["message_id"]))
            if msg is None:
                raise ApiError(400, "Bad Request: message to edit not found")
            if msg.get("reply_markup") == params.get("reply_markup"):
                raise ApiError(400, "Bad Request: message is not modified")
            if params.get("reply_markup"):
                msg["reply_markup"] = params["reply_markup"]
            else:
                msg.pop("reply_markup", None)
            return msg


def _check_markup(markup: dict[str, Any] | None) -> None:
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode("utf-8")) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")


def _decode(params: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in params.items():
        if key in _JSON_PARAMS:
            out[key] = json.loads(value)
        elif (key.endswith("_id") or key in ("offset", "timeout", "limit")) and _INT.fullmatch(value):
            out[key] = int(value)
        else:
            out[key] = value
    return out


def _multipart(content_type: str, body: bytes) -> tuple[dict[str, str], dict[str, tuple[str | None, bytes]]]:
    parsed = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body)
    fields: dict[str, str] = {}
    files: dict[str, tuple[str | None, bytes]] = {}
    for part in parsed.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None or part.get_content_type() == "application/octet-stream":
            files[str(name)] = (filename, payload)
        else:
            fields[str(name)] = payload.decode("utf-8")
    return fields, files


def _handler(fake: FakeBotApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            prefix, _, method = self.path.partition("/bot")[2].rpartition("/")
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if prefix != fake.token:
                self._reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
                return
            ctype = self.headers.get("Content-Type", "")
            if ctype.startswith("multipart/form-data"):
                fields, files = _multipart(ctype, body)
            elif ctype.startswith("application/json"):
                fields, files = {k: v if isinstance(v, str) else json.dumps(v)
                                 for k, v in json.loads(body or b"{}").items()}, {}
            else:
                fields = {k: v[-1] for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items()}
                files = {}
            self._reply(*fake.handle(method, _decode(fields), files))

        def _reply(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True   # the client gave up a long poll (it is stopping)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the calls are recorded instead."""

    return Handler
