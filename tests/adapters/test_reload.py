"""Hot reload in a running `advisor serve`: edits take effect, broken edits are refused."""
from __future__ import annotations

import signal
import time

import httpx

from tests.adapters.support import ServeProcess


def _version(server: ServeProcess) -> str:
    return httpx.get(server.url + "/healthz").json()["content_version"]


def _wait_for(predicate, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _ask(server: ServeProcess, text: str) -> dict:
    return httpx.post(server.url + "/api/chat", json={"text": text}, timeout=10).json()


def test_an_edit_is_served_and_a_broken_edit_is_refused(content_copy):
    server = ServeProcess({"ADVISOR_CONTENT": str(content_copy), "ADVISOR_LOG_LEVEL": "WARNING"})
    try:
        first = _version(server)
        topics = content_copy / "knowledge" / "topics.yaml"
        text = topics.read_text()
        marker = "An SLA written for this test."
        start = text.index("id: topic.sla")
        answer_at = text.index("answer: |", start) + len("answer: |\n")
        indent = " " * (len(text[answer_at:]) - len(text[answer_at:].lstrip(" ")))
        topics.write_text(text[:answer_at] + f"{indent}{marker}\n" + text[answer_at:])
        assert _wait_for(lambda: _version(server) != first)
        assert marker in _ask(server, "what is an SLA")["replies"][0]["text"]
        second = _version(server)
        topics.write_text(topics.read_text().replace("id: topic.sla", "id: [broken", 1))
        server.proc.send_signal(signal.SIGHUP)
        time.sleep(3)
        assert _version(server) == second
        assert marker in _ask(server, "what is an SLA")["replies"][0]["text"]
    finally:
        code, err = server.terminate()
    assert "content edit refused" in err and "topics.yaml" in err
    assert code == 0
