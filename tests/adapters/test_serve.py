"""`advisor serve` as a process: starts bare, serves the demo, sweeps, stops gracefully."""
from __future__ import annotations

import asyncio
import json
import os
import signal
import threading

import httpx

from adapters.web import build_app
from bot.config import Settings
from bot.engine import Engine
from bot.service import Advisor
from bot.stores import MemoryStore
from bot.types import UserInput
from tests.adapters.support import ServeProcess
from tests.stores.support import FakeClock, free_port


def test_serve_starts_with_no_configuration_on_the_default_sqlite_store(tmp_path):
    env = {"ADVISOR_STORE": "", "XDG_DATA_HOME": str(tmp_path), "ADVISOR_HUMAN_CONTACT": ""}
    server = ServeProcess(env)
    try:
        page = httpx.get(server.url + "/")
        assert page.status_code == 200 and "widget.js" in page.text
        turn = httpx.post(server.url + "/api/chat", json={"text": "what is an MSP"}).json()
        assert turn["node"] == "model.managed"
        assert (tmp_path / "it-support-advisor" / "sessions.sqlite3").exists()
    finally:
        code, err = server.terminate()
    assert code == 0 and "Traceback" not in err
    assert "ADVISOR_HUMAN_CONTACT is not set" in err


def test_every_worker_logs_as_the_command_line_set_up():
    """`--workers 2` starts fresh processes; their turn lines come out as JSON lines too."""
    server = ServeProcess({"ADVISOR_LOG_LEVEL": "INFO", "ADVISOR_LOG_FORMAT": "json"}, "--workers", "2")
    try:
        for _ in range(4):
            assert httpx.post(server.url + "/api/chat", json={"text": "what is an MSP"}).status_code == 200
    finally:
        code, err = server.terminate()
    turns = [json.loads(line) for line in err.splitlines() if '"message": "turn ' in line]
    assert code == 0 and len(turns) == 4 and all(t["level"] == "INFO" for t in turns)


def test_sigterm_lets_a_turn_in_flight_finish(redis_launcher):
    port = free_port()
    store = redis_launcher.start(port)
    server = ServeProcess({"ADVISOR_STORE": f"redis://127.0.0.1:{port}/0"})
    result: dict[str, httpx.Response] = {}
    try:
        os.kill(store.pid, signal.SIGSTOP)     # the store stalls (under the 1 s client timeout)
        asking = threading.Thread(target=lambda: result.setdefault(
            "r", httpx.post(server.url + "/api/chat", json={"text": "what is an MSP"}, timeout=10)))
        asking.start()
        threading.Event().wait(0.3)            # the turn is now waiting on the stalled store
        server.proc.send_signal(signal.SIGTERM)
        threading.Event().wait(0.3)
        os.kill(store.pid, signal.SIGCONT)
        asking.join(10)
        code, err = server.wait()
    finally:
        os.kill(store.pid, signal.SIGCONT)
        server.stop()
    assert result["r"].status_code == 200 and result["r"].json()["node"] == "model.managed"
    assert code == 0 and "Traceback" not in err


def test_idle_sessions_are_swept_while_serving(engine: Engine):
    clock = FakeClock()
    store = MemoryStore(3600, clock=clock)
    advisor = Advisor(engine, store)
    advisor.handle("idle", UserInput(text="hi"))
    clock.advance(7200)
    app = build_app(advisor, Settings(store="memory"), sweep_every=0.01)

    async def run() -> None:
        async with app.router.lifespan_context(app):
            for _ in range(200):
                if not store._items:
                    return
                await asyncio.sleep(0.01)

    asyncio.run(run())
    assert not store._items
