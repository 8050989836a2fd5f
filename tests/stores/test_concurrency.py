"""No turn is ever lost: many threads, and separate processes, writing one session."""
from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.sessions import run_turn
from bot.stores import Record, open_store

from .support import Harness

THREADS = 16
TURNS = 25
REPO = Path(__file__).resolve().parents[2]


def append(item: str) -> Callable[[str | None], tuple[str, int]]:
    """A step that appends `item` to the session's JSON list and reports the new length."""

    def step(data: str | None) -> tuple[str, int]:
        items = json.loads(data) if data else []
        items.append(item)
        return json.dumps(items), len(items)

    return step


def items_of(record: Record | None) -> list[str]:
    assert record is not None
    return list(json.loads(record.data))


def test_threads_on_one_session_lose_nothing(harness: Harness) -> None:
    store = harness.make(3600)
    start = threading.Barrier(THREADS)
    failures: list[BaseException] = []

    def worker(name: int) -> None:
        start.wait()
        try:
            for turn in range(TURNS):
                run_turn(store, "shared", append(f"{name}-{turn}"), retries=200)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    items = items_of(store.get("shared"))
    assert sorted(items) == sorted(f"{n}-{t}" for n in range(THREADS) for t in range(TURNS))
    assert store.get("shared") == Record(THREADS * TURNS, json.dumps(items))


WORKER = """
import json, random, sys, time
from bot.sessions import run_turn
from bot.stores import open_store

url, name, turns = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = open_store(url, 3600)
steps = 0

def append(item):
    def step(data):
        global steps
        steps += 1
        time.sleep(0.0005)  # a step that takes time widens the read-write window
        return json.dumps((json.loads(data) if data else []) + [item]), None
    return step

store.get("warm-up")
print("ready", flush=True)
sys.stdin.readline()
for turn in range(turns):
    run_turn(store, "shared", append(f"{name}-{turn}"), retries=200)
    time.sleep(random.uniform(0, 0.002))  # the user's pause, so neither process hogs the session
store.close()
print(steps, flush=True)
"""


def run_processes(url: str, names: list[str], turns: int) -> int:
    """Start every worker, release them together once all are ready; returns steps run in all."""
    path = os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, url, name, str(turns)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO, env=env,
        )
        for name in names
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.close()
    assert [proc.wait(timeout=60) for proc in procs] == [0] * len(procs)
    return sum(int(proc.stdout.read()) for proc in procs if proc.stdout)


@pytest.mark.parametrize("kind", ["sqlite", "redis"])
def test_two_processes_on_one_session_lose_nothing(
    kind: str, sqlite_path: Path, request: pytest.FixtureRequest
) -> None:
    url = f"sqlite:///{sqlite_path}" if kind == "sqlite" else request.getfixturevalue("redis_url")
    steps = run_processes(url, ["a", "b"], turns=150)
    store = open_store(url, 3600)
    try:
        items = items_of(store.get("shared"))
    finally:
        store.close()
    assert sorted(items) == sorted(f"{name}-{t}" for name in "ab" for t in range(150))
    assert switches(items) >= 10, "the processes barely overlapped, testing little"
    assert steps > 300, "no turn ever lost a race, so no re-run was tested"


def switches(items: list[str]) -> int:
    """How often consecutive items came from different processes."""
    return sum(a[0] != b[0] for a, b in itertools.pairwise(items))
