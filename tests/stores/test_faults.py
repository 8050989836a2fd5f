"""Fault injection against real stores: nothing lost, nothing applied twice, the right words.

Every scenario ends the same way: the user resends what went unanswered (same input
id, as every channel does), and the session must hold each input exactly once.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.service import Advisor
from bot.stores import open_store
from bot.stores.redis import RedisStore
from bot.stores.sqlite import SqliteStore
from bot.types import Turn, UserInput
from tests.stores.proxy import StallingProxy
from tests.stores.support import free_port

TEMPORARY = "try again"      # store_down: "Please try again in a minute."
PERMANENT = "won't help"     # store_broken
BUSY = "send it again"       # store_busy


def _say(advisor: Advisor, sid: str, text: str, key: str) -> Turn:
    return advisor.handle(sid, UserInput(text=text, id=key))


def _turns(advisor: Advisor, sid: str) -> int:
    state = advisor.state(sid)
    return state.turns if state else 0


def test_redis_busy_past_the_timeout_while_writing_is_not_reported_as_failed(engine, redis_launcher):
    port = free_port()
    redis_launcher.start(port)
    proxy = StallingProxy(port)
    try:
        advisor = Advisor(engine, RedisStore(f"redis://127.0.0.1:{proxy.port}/0", 3600, timeout=1.0))
        _say(advisor, "r1", "what is an MSP", "m1")
        proxy.stall_after(b"EVALSHA", 1.5)          # the next write waits 1.5 s against a 1 s timeout
        turn = _say(advisor, "r1", "what is break-fix?", "m2")
        assert turn.node == "model.break_fix"         # it was committed, so it is answered
        assert not turn.replayed                      # ... as an answer: channels post it
        again = _say(advisor, "r1", "what is break-fix?", "m2")
        assert again.replayed and _turns(advisor, "r1") == 2
    finally:
        proxy.close()


def test_redis_paused_then_resumed(engine, redis_launcher):
    port = free_port()
    server = redis_launcher.start(port)
    advisor = Advisor(engine, RedisStore(f"redis://127.0.0.1:{port}/0", 3600, timeout=1.0))
    _say(advisor, "r2", "help me choose", "m1")
    os.kill(server.pid, signal.SIGSTOP)
    try:
        turn = _say(advisor, "r2", "about 40 people", "m2")
    finally:
        os.kill(server.pid, signal.SIGCONT)
    assert TEMPORARY in turn.replies[0].text
    resent = _say(advisor, "r2", "about 40 people", "m2")
    assert resent.node == "flow.advisor" and _turns(advisor, "r2") == 2
    assert _say(advisor, "r2", "about 40 people", "m2").replayed and _turns(advisor, "r2") == 2


def test_redis_killed_and_restarted(engine, redis_launcher):
    port = free_port()
    server = redis_launcher.start(port)
    advisor = Advisor(engine, RedisStore(f"redis://127.0.0.1:{port}/0", 3600, timeout=1.0))
    _say(advisor, "r3", "what is an MSP", "m1")
    redis_launcher.kill(server)
    turn = _say(advisor, "r3", "what is break-fix?", "m2")
    assert TEMPORARY in turn.replies[0].text
    redis_launcher.start(port)                       # no persistence: the session starts again
    assert _say(advisor, "r3", "what is break-fix?", "m2").node == "model.break_fix"
    assert _say(advisor, "r3", "what is break-fix?", "m2").replayed and _turns(advisor, "r3") == 1


def test_sqlite_locked_past_the_busy_timeout(engine, tmp_path):
    path = tmp_path / "s.db"
    advisor = Advisor(engine, SqliteStore(path, 3600, busy_timeout=0.2))
    _say(advisor, "q1", "what is an MSP", "m1")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        turn = _say(advisor, "q1", "what is break-fix?", "m2")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert TEMPORARY in turn.replies[0].text
    assert _say(advisor, "q1", "what is break-fix?", "m2").node == "model.break_fix"
    assert _turns(advisor, "q1") == 2


def test_sqlite_corrupt_file_is_permanent_and_named(engine, tmp_path, caplog):
    path = tmp_path / "s.db"
    path.write_bytes(b"this is not a database at all" * 200)
    advisor = Advisor(engine, SqliteStore(path, 3600))
    turn = _say(advisor, "q2", "what is an MSP", "m1")
    assert PERMANENT in turn.replies[0].text and "broken" in caplog.text and "not a database" in caplog.text


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real file system with almost no room: a 1 MB tmpfs (needs root, which CI has)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    _mount(["-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)])
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _mount(args: list[str]) -> None:
    done = subprocess.run(["mount", *args], capture_output=True)
    if done.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"mount {args} failed under CI: {done.stderr!r}")
        pytest.skip("mounting needs root")


def test_sqlite_on_a_read_only_file_system_is_permanent(engine, tiny_disk, caplog):
    advisor = Advisor(engine, SqliteStore(tiny_disk / "s.db", 3600))
    assert _say(advisor, "q4", "what is an MSP", "m1").node == "model.managed"
    advisor.store.close()
    _mount(["-o", "remount,ro", str(tiny_disk)])
    advisor = Advisor(engine, SqliteStore(tiny_disk / "s.db", 3600))
    turn = _say(advisor, "q4", "what is break-fix?", "m2")
    assert PERMANENT in turn.replies[0].text and "broken" in caplog.text


def test_sqlite_disk_full_is_named_and_recovers(engine, tiny_disk, caplog):
    advisor = Advisor(engine, SqliteStore(tiny_disk / "s.db", 3600))
    assert _say(advisor, "q3", "what is an MSP", "m1").node == "model.managed"
    ballast = tiny_disk / "ballast"
    fd = os.open(ballast, os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    turns = [_say(advisor, f"q3-{i}", "what is break-fix? " + "x" * 1500, f"f{i}") for i in range(20)]
    refused = [t for t in turns if t.node == "meta.fallback"]
    assert refused and all(PERMANENT in t.replies[0].text for t in refused) and "full" in caplog.text
    ballast.unlink()
    retried = [_say(advisor, f"q3-{i}", "what is break-fix? " + "x" * 1500, f"f{i}") for i in range(20)]
    assert all(t.node == "model.break_fix" for t in retried)
    assert all(_turns(advisor, f"q3-{i}") == 1 for i in range(20))


@pytest.mark.parametrize("kind", ["sqlite", "redis"])
def test_eight_writers_on_one_session_lose_nothing_and_double_nothing(engine, kind, tmp_path, redis_url):
    url = f"sqlite:///{tmp_path}/s.db" if kind == "sqlite" else redis_url
    advisor = Advisor(engine, open_store(url, 3600))
    keys = [f"w{w}-{i}" for w in range(8) for i in range(15)]
    answers: dict[str, Turn] = {}

    def writer(w: int) -> None:
        for i in range(15):
            key = f"w{w}-{i}"
            answers[key] = _say(advisor, "hot", "what is an MSP", key)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    unanswered = [k for k in keys if answers[k].node == "meta.fallback"]
    assert all(BUSY in answers[k].replies[0].text for k in unanswered)
    for key in unanswered:                            # the user sends those again
        assert _say(advisor, "hot", "what is an MSP", key).node == "model.managed"
    assert _turns(advisor, "hot") == len(keys)


def test_a_session_that_keeps_changing_is_called_busy_and_the_resend_lands_once(engine, tmp_path):
    """Another writer changes the session between every read and write (it writes from the
    clock the turn reads mid-step): every try conflicts, so the store is busy, not down."""
    store = SqliteStore(tmp_path / "s.db", 3600)
    seed = Advisor(engine, store)
    _say(seed, "hot", "what is an MSP", "m1")
    racing = True

    def clock_with_a_rival() -> float:
        record = store.get("session:hot")
        if racing and record is not None:
            store.put("session:hot", record.data, record.version)
        return 1_700_000_000.0

    advisor = Advisor(engine, store, clock=clock_with_a_rival, retries=3)
    turn = _say(advisor, "hot", "what is break-fix?", "m2")
    assert turn.node == "meta.fallback" and BUSY in turn.replies[0].text
    racing = False
    assert _say(advisor, "hot", "what is break-fix?", "m2").node == "model.break_fix"
    assert _turns(advisor, "hot") == 2


def test_the_result_of_a_broken_store_is_called_permanent(engine, tmp_path):
    path = tmp_path / "s.db"
    path.write_bytes(b"this is not a database at all" * 200)
    result = Advisor(engine, SqliteStore(path, 3600)).result("q9")
    assert result.markdown is None and PERMANENT in result.instead
