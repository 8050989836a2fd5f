"""The JSON-lines channel: whatever arrives on a line, exactly one contract object answers it."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.jsonl import serve_lines
from bot.service import Advisor
from bot.stores import MemoryStore

ADVISOR = str(Path(sys.executable).parent / "advisor")
CONTRACT_KEYS = {"session", "replies", "node", "confidence", "suggestions", "expects", "recommendation"}


def _run(stdin: bytes, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, "ADVISOR_STORE": "memory", **(env or {})}
    return subprocess.run([ADVISOR, "chat", "--jsonl", *args], input=stdin, capture_output=True,
                          env=full, timeout=120)


def _answers(out: bytes) -> list[dict]:
    turns = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    assert all(set(t) == CONTRACT_KEYS and t["replies"] for t in turns)
    return turns


def test_a_number_beyond_the_digit_limit_is_bad_json_and_later_lines_are_answered():
    out = _run(b'{"text": ' + b"7" * 5000 + b'}\n{"text": "what is an MSP"}\n')
    assert out.returncode == 0 and b"Traceback" not in out.stderr
    first, second = _answers(out.stdout)
    assert "valid JSON" in first["replies"][0]["text"] and second["node"] == "model.managed"


def test_invalid_utf8_under_a_strict_locale_is_read_not_fatal():
    env = {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"}
    out = _run(b"caf\xe9 \xff\xfe what is break fix\n" + b'{"text": "\xc3("}\n' + b"what is an MSP\n", env=env)
    assert out.returncode == 0 and b"Traceback" not in out.stderr
    turns = _answers(out.stdout)
    assert len(turns) == 3 and turns[2]["node"] == "model.managed"


def test_a_reader_that_closes_the_pipe_ends_it_quietly():
    producer = subprocess.Popen(
        f"yes 'what is an MSP' | head -n 2000 | {ADVISOR} chat --jsonl | head -n 1",
        shell=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "ADVISOR_STORE": "memory"})
    out, err = producer.communicate(timeout=120)
    assert len(out.splitlines()) == 1 and b"Traceback" not in err and b"BrokenPipe" not in err


def test_ask_into_a_closed_pipe_is_quiet_too():
    out = subprocess.run(f"{ADVISOR} ask 'compare break fix and managed' | head -c 5", shell=True,
                         capture_output=True, env={**os.environ, "ADVISOR_STORE": "memory"}, timeout=60)
    assert b"Traceback" not in out.stderr and b"BrokenPipe" not in out.stderr


def test_a_closed_standard_output_is_no_error():
    for command in (f"{ADVISOR} ask 'what is an MSP' >&-", f"echo '{{\"text\": \"hi\"}}' | {ADVISOR} chat --jsonl >&-"):
        out = subprocess.run(command, shell=True, capture_output=True,
                             env={**os.environ, "ADVISOR_STORE": "memory"}, timeout=60)
        assert out.returncode == 0 and b"Traceback" not in out.stderr, out.stderr[-500:]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.binary(max_size=300), min_size=1, max_size=6))
def test_any_bytes_get_exactly_one_well_formed_reply_per_line(engine, chunks):
    lines = [c.replace(b"\n", b" ").replace(b"\r", b" ") + b"\n" for c in chunks]
    sink = io.StringIO()
    serve_lines(Advisor(engine, MemoryStore(3600)), lines, sink, "fuzz")
    turns = _answers(sink.getvalue().encode("utf-8"))
    assert len(turns) == len(lines)


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                        st.sampled_from(["text", "option", "session", "id", "x"]), inner, max_size=4),
                    max_leaves=8))
def test_any_json_value_gets_one_well_formed_reply(engine, value):
    sink = io.StringIO()
    serve_lines(Advisor(engine, MemoryStore(3600)), [json.dumps(value) + "\n"], sink, "fuzz")
    assert len(_answers(sink.getvalue().encode("utf-8"))) == 1
