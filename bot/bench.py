"""`advisor bench`: per-turn latency, content load time, process start-up, store throughput.

The question set is derived from the shipped content (every node's title and a few
examples, each also lower-cased, stripped of punctuation, given a typo and a chatty
prefix), so the benchmark needs no extra files and exercises fuzzy paths.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from .engine import Engine
from .knowledge import Knowledge
from .state import SessionState
from .types import UserInput
from .wiring import load_content


def questions(kb: Knowledge) -> list[str]:
    out: list[str] = []
    for node in sorted(kb.nodes.values(), key=lambda n: n.id):
        for text in (node.title, *node.examples[:3]):
            out += [text, text.lower().strip("?"), _typo(text), "hey, quick question: " + text]
    return out


def _typo(text: str) -> str:
    i = len(text) // 2
    return text[:i] + text[i + 1: i + 2] + text[i] + text[i + 2:] if len(text) > 4 else text


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"median {statistics.median(ordered) * 1000:.3f} ms, p99 {p99 * 1000:.3f} ms"


def _timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        out.append(time.perf_counter() - began)
    return out


def turn_latency(engine: Engine, texts: list[str], turns: int) -> list[float]:
    state = engine.new_state("bench")
    samples = []
    for i in range(turns):
        inp = UserInput(text=texts[i % len(texts)])
        began = time.perf_counter()
        engine.handle(state, inp)
        samples.append(time.perf_counter() - began)
    return samples


MAX_ANSWERS = 25   # a cue that reads as a question is answered as one, and asked again


def advisor_latency(engine: Engine, conversations: int) -> list[float]:
    """Whole guided-advisor conversations, each answering with the n-th cue of an option
    (so the interpreter reads free text, not button ids)."""
    factors = engine.kb.decision.factors
    samples = []
    for n in range(conversations):
        state, turn = engine.handle(engine.new_state("bench"), UserInput(option="flow.advisor"))
        for _ in range(MAX_ANSWERS):
            if not turn.expects:
                break
            options = factors[turn.expects].options
            cues = options[n % len(options)].cues
            began = time.perf_counter()
            state, turn = engine.handle(state, UserInput(text=" ".join(cues[n % len(cues)])))
            samples.append(time.perf_counter() - began)
    return samples


def startup(runs: int = 5) -> str:
    exe = shutil.which("advisor", path=str(Path(sys.executable).parent)) or shutil.which("advisor")
    if exe is None:
        return "process start-up: advisor executable not found"
    cmd = [exe, "ask", "what is break-fix?", "--json"]
    package = Path(__file__).resolve().parent
    # Byte-compiled, as an installed wheel is; the first run fills the compiled-content cache.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package), str(package.parent / "adapters")],
                   capture_output=True, check=False)
    _ask(cmd)
    samples = _timed(lambda: _ask(cmd), runs)
    return f"`advisor ask` process: median {statistics.median(samples):.3f} s over {runs} runs"


def _ask(cmd: list[str]) -> None:
    """One `advisor ask` process (it reads the same content: ADVISOR_CONTENT); a failure is
    reported with what the process said, never as a traceback."""
    from .errors import ConfigError

    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        said = done.stderr.strip() or done.stdout.strip() or "no output"
        raise ConfigError(f"`advisor ask` failed (exit {done.returncode}) while timing start-up:\n{said}")


def store_throughput(engine: Engine, texts: list[str], name: str, url: str, turns: int) -> str:
    from .stores import open_store
    from .stores.bench import bench_store

    store = open_store(url, 3600)
    counter = iter(range(10**9))

    def step(data: str | None) -> tuple[str, None]:
        state = SessionState.from_json(data) if data else engine.new_state("bench")
        state, _ = engine.handle(state, UserInput(text=texts[next(counter) % len(texts)]))
        return state.to_json(), None

    try:
        r = bench_store(store, turns, step)
    finally:
        store.close()
    return (f"store {name}: {r['turns_per_second']:.0f} turns/s, "
            f"p50 {r['p50_ms']:.3f} ms, p99 {r['p99_ms']:.3f} ms")


def run_bench(*, turns: int, stores: list[str], redis_url: str | None, content: Path | None = None) -> str:
    """Every part measures the content at `content` (else the shipped content); `advisor ask`
    processes read it from ADVISOR_CONTENT, which the command line sets from --content."""
    kb = load_content(content)
    lines = [f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}",
             f"content: {kb.root} ({len(kb.nodes)} nodes, content version {kb.version})"]
    load = _timed(partial(load_content, content), 5)
    lines.append(f"knowledge load: median {statistics.median(load) * 1000:.1f} ms")
    build = _timed(lambda: Engine(kb), 3)
    lines.append(f"engine build (matcher index): median {statistics.median(build) * 1000:.1f} ms")
    engine = Engine(kb)
    texts = questions(kb)
    faq = [t for t in texts if not engine.router.states_facts(t)]
    situations = [t for t in texts if t not in set(faq)]
    turn_latency(engine, texts, 200)
    lines.append(f"FAQ turns ({turns} turns over {len(faq)} questions that state no facts): "
                 + _percentiles(turn_latency(engine, faq, turns)))
    few = min(turns, 1000)
    lines.append(f"situation turns ({few} turns over {len(situations)} messages that state facts, read "
                 "from every sentence): " + _percentiles(turn_latency(engine, situations, few)))
    advisor = advisor_latency(engine, 200)
    lines.append(f"guided advisor answer turns ({len(advisor)} over 200 conversations): "
                 + _percentiles(advisor))
    lines.append(startup())
    with tempfile.TemporaryDirectory() as tmp:
        urls = {"memory": "memory", "sqlite": f"sqlite:///{tmp}/bench.sqlite3",
                "redis": redis_url or os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")}
        for name in (n.strip() for n in stores):
            if name in urls:
                lines.append(_guarded(partial(store_throughput, engine, texts, name, urls[name],
                                              min(turns, 1000)), name))
    return "\n".join(lines)


def http_lines(*, turns: int, stores: list[str], redis_url: str | None, content: Path | None = None) -> list[str]:
    """`advisor bench --http`: the chat API through `advisor serve` (needs the web extra)."""
    from adapters.web.bench import run_http_bench

    url = redis_url or os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    header = f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    return [header, *run_http_bench(questions(load_content(content)), stores=stores, turns=turns, redis_url=url)]


def _guarded(fn: Callable[[], str], name: str) -> str:
    from .errors import AdvisorError

    try:
        return fn()
    except AdvisorError as exc:
        return f"store {name}: not measured ({exc})"
