"""Logs: one line per turn with a request id, JSON lines on request, no user text unless
asked for, no secrets."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ADVISOR = str(Path(sys.executable).parent / "advisor")


def _jsonl(env: dict[str, str], lines: list[str]) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "ADVISOR_STORE": "memory", "ADVISOR_LOG_LEVEL": "INFO", **env}
    return subprocess.run([ADVISOR, "chat", "--jsonl"], input="".join(ln + "\n" for ln in lines),
                          capture_output=True, text=True, env=full, timeout=120)


def test_json_lines_logs_carry_the_request_id_and_no_text_by_default():
    out = _jsonl({"ADVISOR_LOG_FORMAT": "json"},
                 [json.dumps({"text": "my secret plan: what is an MSP", "id": "evt-77"})])
    records = [json.loads(ln) for ln in out.stderr.splitlines() if ln.startswith("{")]
    turns = [r for r in records if r["message"].startswith("turn ")]
    assert turns and turns[0]["request_id"] == "evt-77" and turns[0]["level"] == "INFO"
    fields = turns[0]["turn"]     # the turn's facts as fields a log pipeline can query
    assert fields["node"] == "model.managed" and fields["channel"] == "jsonl" and fields["fault"] is None
    assert len(fields["session"]) == 12 and isinstance(fields["ms"], float)
    assert "secret plan" not in out.stderr


def test_text_is_logged_only_when_switched_on():
    out = _jsonl({"ADVISOR_LOG_TEXT": "on"}, ["what is break fix"])
    assert "text='what is break fix'" in out.stderr


def test_store_passwords_never_reach_the_logs():
    out = _jsonl({"ADVISOR_STORE": "redis://:hunter2@127.0.0.1:1/0"}, ["hi"])
    assert "hunter2" not in out.stderr and "***" in out.stderr
