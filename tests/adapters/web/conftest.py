"""Real things for the widget's browser tests: `advisor serve` processes, Debian's Chromium
driven by Playwright, and small HTTP servers for host pages on other origins and for a
network that answers too late."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.stores.support import free_port

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

ROOT = Path(__file__).resolve().parents[3]
STATIC = ROOT / "adapters" / "web" / "static"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ADVISOR = Path(sys.executable).with_name("advisor")
_CHANNEL_ENV = ("ADVISOR_", "SLACK_", "TELEGRAM_")


class AdvisorServer:
    """`advisor serve` on a fixed port, so a test can stop it and start it again there."""

    def __init__(self, env: dict[str, str], port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        base = {k: v for k, v in os.environ.items() if not k.startswith(_CHANNEL_ENV)}
        self.env = {**base, "ADVISOR_STORE": "memory", "ADVISOR_RATE_LIMIT": "off", **env}
        self.log = Path(tempfile.mkstemp(prefix="advisor-serve-", suffix=".log")[1])
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> AdvisorServer:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen([str(ADVISOR), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                                         env=self.env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while not self._healthy():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"advisor serve did not start:\n{self.log.read_text()[-2000:]}")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.proc = None

    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(self.url + "/api/chat", data=json.dumps(body).encode(),
                                         headers={"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=0.5) as response:
                return response.status == 200
        except (OSError, urllib.error.URLError):
            return False


class Site:
    """Another origin: serves the pages a test puts on it and, when asked, the widget's
    files and an /api/chat that passes requests through to a real advisor (answering
    late while `late` is set) or answers with a canned turn."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.upstream: str | None = None
        self.canned: dict[str, Any] | None = None
        self.late = threading.Event()
        self.released = threading.Event()
        self.bodies: list[dict[str, Any]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _SiteHandler)
        self.server.daemon_threads = True
        self.server.site = self  # type: ignore[attr-defined]
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def page(self, path: str, html: str) -> str:
        self.pages[path] = html
        return self.origin + path

    def close(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


class _SiteHandler(BaseHTTPRequestHandler):
    server: ThreadingHTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests assert on what matters."""

    @property
    def site(self) -> Site:
        return self.server.site  # type: ignore[attr-defined, no-any-return]

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path in self.site.pages:
            self._send(200, "text/html; charset=utf-8", self.site.pages[path].encode())
        elif path in ("/widget.js", "/widget.css") and (self.site.upstream or self.site.canned):
            kind = "text/javascript" if path.endswith(".js") else "text/css"
            self._send(200, kind, (STATIC / path[1:]).read_bytes())
        else:
            self._send(404, "text/plain", b"not found")

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("content-length") or 0))
        self.site.bodies.append(json.loads(raw))
        if self.path != "/api/chat" or not (self.site.upstream or self.site.canned):
            self._send(404, "text/plain", b"not found")
            return
        if self.site.canned is not None:
            self._send(200, "application/json", json.dumps(self.site.canned).encode())
            return
        request = urllib.request.Request(f"{self.site.upstream}/api/chat", data=raw,
                                         headers={"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            status, body = response.status, response.read()
        if self.site.late.is_set():
            self.site.released.wait(30)
        try:
            self._send(status, "application/json", body)
        except OSError:
            pass  # the browser gave up waiting, as it should

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("content-type", kind)
        self.send_header("content-length", str(len(body)))
        self.send_header("cache-control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def need_chromium() -> None:
    """Skip locally without Chromium, but fail under CI=true so CI cannot pass untested."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"Chromium is required under CI=true: {CHROMIUM} is missing (apt-get install chromium)")
    pytest.skip(f"no Chromium at {CHROMIUM}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def embed_site() -> Iterator[Site]:
    """The other origin the shared advisor allows (ADVISOR_ALLOWED_ORIGINS)."""
    site = Site()
    yield site
    site.close()


@pytest.fixture(scope="module")
def advisor(embed_site: Site) -> Iterator[AdvisorServer]:
    server = AdvisorServer({"ADVISOR_ALLOWED_ORIGINS": embed_site.origin}).start()
    yield server
    server.stop()
    server.log.unlink(missing_ok=True)


@pytest.fixture
def start_advisor() -> Iterator[Callable[..., AdvisorServer]]:
    """Starts extra advisors with their own settings; stops every one afterwards."""
    started: list[AdvisorServer] = []

    def start(env: dict[str, str] | None = None) -> AdvisorServer:
        server = AdvisorServer(env or {})
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()
        server.log.unlink(missing_ok=True)


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    yield site
    site.close()


class Watch:
    """What a page did that a test must see: script errors, console errors, alert dialogs,
    every request and every /api/chat response."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.chat_bodies: list[dict[str, Any]] = []
        self.responses: list[Any] = []
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", lambda msg: msg.type == "error" and self.console.append(msg.text))
        page.on("dialog", self._dialog)
        page.on("request", self._request)
        page.on("response", lambda r: r.url.endswith("/api/chat") and self.responses.append(r))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request: Any) -> None:
        self.requests.append(request.url)
        if request.url.endswith("/api/chat") and request.method == "POST":
            self.chat_bodies.append(request.post_data_json)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


@pytest.fixture
def watch(page: Page) -> Iterator[Watch]:
    """Attached before the test opens anything; a page that throws fails the test."""
    seen = Watch(page)
    yield seen
    assert seen.errors == [], f"the page threw: {seen.errors}"
