"""The authoring loop: unanswered questions noted, grouped, promoted into the content; init; graph."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bot.config import Settings
from bot.service import Advisor
from bot.stores import open_store
from bot.types import UserInput
from bot.unanswered import LOG, clusters, promote
from bot.wiring import load_content, load_engine

ADVISOR = str(Path(sys.executable).parent / "advisor")


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ADVISOR, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})


def test_fallbacks_are_noted_without_user_identifiers(engine, tmp_path):
    url = f"sqlite:///{tmp_path}/s.db"
    advisor = Advisor(engine, open_store(url, 3600))
    advisor.handle("alice@example.com", UserInput(text="Do you do website design for restaurants?"))
    advisor.handle("alice@example.com", UserInput(text="what is an MSP"))
    (entry,) = advisor.store.notes(LOG)
    item = json.loads(entry)
    assert item["t"] == "do you do website design for restaurants" and item["k"] == "fallback"
    assert "alice" not in entry and len(item["s"]) == 12


def test_similar_wordings_are_grouped_with_counts_and_candidates(engine, tmp_path):
    advisor = Advisor(engine, open_store(f"sqlite:///{tmp_path}/s.db", 3600))
    for i, text in enumerate(["can we lease laptops through you", "can we lease laptops from you?",
                              "Can we lease laptops through you please", "what's the weather tomorrow"]):
        advisor.handle(f"s{i}", UserInput(text=text))
    groups = clusters(advisor.store.notes(LOG), engine.matcher)
    assert groups[0].count == 3 and groups[0].sessions == 3 and "lease laptops" in groups[0].wording
    assert len(groups[0].candidates) <= 3


def test_promote_adds_the_wording_keeping_comments_and_order(content_copy):
    kb = load_content(content_copy)
    path = content_copy / "knowledge" / "topics.yaml"
    before = path.read_text()
    promote(kb, "topic.sla", "what uptime promise should a support contract carry")
    after = path.read_text()
    comments = [[ln for ln in text.splitlines() if ln.lstrip().startswith("#")] for text in (before, after)]
    assert comments[0] == comments[1]
    assert len(after.splitlines()) == len(before.splitlines()) + 1
    examples = load_content(content_copy).nodes["topic.sla"].examples
    assert "what uptime promise should a support contract carry" in examples


def test_report_and_promote_from_the_command_line(tmp_path, content_copy):
    env = {"ADVISOR_STORE": f"sqlite:///{tmp_path}/s.db", "ADVISOR_CONTENT": str(content_copy)}
    advisor = Advisor(load_engine(Settings(content=content_copy)), open_store(env["ADVISOR_STORE"], 3600))
    for i in range(2):
        advisor.handle(f"u{i}", UserInput(text="how fast must a provider answer an outage call"))
    advisor.store.close()
    report = _cli("report", env=env)
    assert report.returncode == 0 and "x2 (2 session(s))" in report.stdout
    done = _cli("report", "--promote", "1", "topic.sla", env=env)
    assert done.returncode == 0, done.stderr
    assert _cli("validate", env=env).returncode == 0


def test_init_copies_the_content_and_every_command_takes_it(tmp_path):
    target = tmp_path / "edition"
    assert _cli("init", str(target), env={}).returncode == 0
    assert (target / "knowledge" / "factors.yaml").exists() and (target / "dialogs" / "meta.yaml").exists()
    again = _cli("init", str(target), env={})
    assert again.returncode == 2 and "not empty" in again.stderr
    out = _cli("ask", "what is break fix", "--json", "--content", str(target), env={"ADVISOR_STORE": "memory"})
    assert json.loads(out.stdout)["node"] == "model.break_fix"


def test_graph_marks_nodes_no_button_reaches(tmp_path, kb):
    from bot import graph

    assert "flowchart LR" in graph.mermaid(kb) and "digraph" in graph.dot(kb)
    assert graph.unreachable(kb) and "meta.greeting" not in graph.unreachable(kb)
    out = _cli("graph", "--format", "dot", "-o", str(tmp_path / "g.dot"), env={})
    assert out.returncode == 0 and (tmp_path / "g.dot").read_text().startswith("digraph")
