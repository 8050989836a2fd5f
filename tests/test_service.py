"""The shell around the engine, against real stores: survival, outages, races."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.service import Advisor
from bot.stores import open_store
from bot.types import UserInput
from tests.stores.support import free_port


def _advisor(engine, url: str) -> Advisor:
    return Advisor(engine, open_store(url, 3600), store_url=url)


def test_conversation_survives_a_restart(engine, tmp_path):
    url = f"sqlite:///{tmp_path}/s.db"
    first = _advisor(engine, url)
    turn = first.handle("alice", UserInput(text="help me choose"))
    first.store.close()
    second = _advisor(engine, url)
    again = second.handle("alice", UserInput(text="not sure"))
    assert turn.expects is not None and again.node == "flow.advisor"
    assert second.state("alice").flow("advisor").answers == {turn.expects: None}


def test_unreadable_stored_state_starts_afresh_and_the_log_never_names_the_session(engine, tmp_path, caplog):
    """A web session's id is all a caller needs to continue it: logs carry its hash only."""
    advisor = _advisor(engine, f"sqlite:///{tmp_path}/s.db")
    sid = "s-0123456789abcdef0123456789abcdef"
    advisor.store.put(f"session:{sid}", "{not json", None)
    turn = advisor.handle(sid, UserInput(text="what is an MSP"))
    assert turn.node == "model.managed"
    assert "unreadable state" in caplog.text and sid not in caplog.text


def test_store_down_apologises_without_leaking_the_password(engine, caplog):
    port = free_port()
    advisor = _advisor(engine, f"redis://:hunter2@127.0.0.1:{port}/0")
    with caplog.at_level(logging.WARNING):
        turn = advisor.handle("carol", UserInput(text="what is an MSP"))
    assert turn.node == "meta.fallback" and "can't reach my memory" in turn.replies[0].text
    assert "hunter2" not in caplog.text and "session store" in caplog.text


def test_a_result_is_the_summary_or_what_to_say_instead_never_an_exception(engine, tmp_path):
    down = _advisor(engine, f"redis://127.0.0.1:{free_port()}/0").result("dora")
    assert down.markdown is None and "can't reach my memory" in down.instead
    advisor = _advisor(engine, f"sqlite:///{tmp_path}/s.db")
    none_yet = advisor.result("dora")
    assert none_yet.markdown is None and none_yet.instead == engine.kb.messages["no_summary"]


def test_store_recovers_when_redis_comes_back(engine, redis_launcher):
    port = free_port()
    advisor = _advisor(engine, f"redis://127.0.0.1:{port}/0")
    assert advisor.handle("dan", UserInput(text="hi")).node == "meta.fallback"
    redis_launcher.start(port)
    assert advisor.handle("dan", UserInput(text="hi")).node == "meta.greeting"
    redis_launcher.stop_all()
    assert "can't reach" in advisor.handle("dan", UserInput(text="hi")).replies[0].text
    redis_launcher.start(port)
    assert advisor.handle("dan", UserInput(text="what is an msp")).node == "model.managed"
    assert advisor.state("dan").turns == 1   # this test server keeps nothing on disk


@pytest.mark.parametrize("kind", ["sqlite", "redis"])
def test_simultaneous_turns_on_one_session_are_all_kept(engine, tmp_path, kind, request):
    url = f"sqlite:///{tmp_path}/s.db" if kind == "sqlite" else request.getfixturevalue("redis_url")
    advisor = _advisor(engine, url)
    texts = ["what is an MSP", "hybrid pros", "not sure", "what is break-fix"] * 16
    with ThreadPoolExecutor(max_workers=16) as pool:
        turns = list(pool.map(lambda t: advisor.handle("race", UserInput(text=t)), texts))
    assert all(t.node != "meta.fallback" or "memory" not in t.replies[0].text for t in turns)
    assert advisor.state("race").turns == len(texts)


def test_two_processes_interleave_one_conversation(tmp_path):
    """Two `advisor chat --jsonl` processes share one session in one SQLite file."""
    env = {**os.environ, "ADVISOR_STORE": f"sqlite:///{tmp_path}/shared.db"}
    lines = "".join(json.dumps({"text": t, "session": "shared"}) + "\n"
                    for t in ["what is an MSP", "cloud cons", "sla?", "thanks"] * 10)
    cmd = [str(Path(sys.executable).parent / "advisor"), "chat", "--jsonl"]
    procs = [subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True)
             for _ in range(2)]
    outs = [p.communicate(lines, timeout=120)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert all(len(o.splitlines()) == 40 for o in outs)
    check = subprocess.run([*cmd], input=json.dumps({"text": "hi", "session": "shared"}) + "\n",
                           capture_output=True, text=True, env=env, timeout=60)
    assert check.returncode == 0
    advisor = _advisor_from(env["ADVISOR_STORE"])
    assert advisor.state("shared").turns == 81


def _advisor_from(url: str) -> Advisor:
    from bot.engine import Engine
    from bot.wiring import load_content

    return Advisor(Engine(load_content()), open_store(url, 3600), store_url=url)


def test_a_full_redis_gets_an_apology_and_recovers(engine, redis_launcher, caplog):
    import redis as redis_py

    port = free_port()
    redis_launcher.start(port)
    admin = redis_py.Redis(port=port)
    advisor = _advisor(engine, f"redis://127.0.0.1:{port}/0")
    assert advisor.handle("eve", UserInput(text="what is an msp")).node == "model.managed"
    admin.config_set("maxmemory-policy", "noeviction")
    admin.config_set("maxmemory", 1)
    with caplog.at_level(logging.WARNING):
        turn = advisor.handle("eve", UserInput(text="cloud cons"))
    assert "won't help" in turn.replies[0].text and "OutOfMemoryError" in caplog.text
    admin.config_set("maxmemory", 0)
    assert advisor.handle("eve", UserInput(text="cloud cons")).node == "model.cloud.cons"
    assert advisor.state("eve").turns == 2
    admin.close()


def test_an_input_id_applied_twice_answers_once(engine, tmp_path):
    advisor = _advisor(engine, f"sqlite:///{tmp_path}/s.db")
    first = advisor.handle("erin", UserInput(text="help me choose", id="evt-1"))
    again = advisor.handle("erin", UserInput(text="help me choose", id="evt-1"))
    assert again.replayed and not first.replayed
    assert again.to_json() == first.to_json()
    assert advisor.state("erin").turns == 1


def test_an_invalid_session_id_is_an_adapter_error(engine):
    from bot.errors import InvalidSession

    advisor = _advisor(engine, "memory")
    with pytest.raises(InvalidSession):
        advisor.handle("has spaces", UserInput(text="hi"))
    assert advisor.handle(None, UserInput(text="hi")).session.startswith("s-")


def test_async_twin_and_start(engine):
    import asyncio

    advisor = _advisor(engine, "memory")
    turn = asyncio.run(advisor.ahandle("fay", UserInput(text="what is an msp")))
    assert turn.node == "model.managed"
    assert advisor.start("fay").node == "meta.greeting"


def test_start_takes_an_input_id_and_exists_tells_live_sessions(engine):
    advisor = _advisor(engine, "memory")
    assert not advisor.exists("gus")
    first = advisor.start("gus", input_id="u-1")
    again = advisor.start("gus", input_id="u-1")
    assert again.replayed and not first.replayed and advisor.exists("gus")
