"""The authoring loop: unanswered questions noted, grouped, promoted into the content; init; graph."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.config import Settings
from bot.errors import ContentError
from bot.normalize import fold
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


def test_contact_details_are_redacted_before_the_note_is_kept():
    from bot.unanswered import entry

    item = json.loads(entry("I am Bob Smith, bob.smith@example.com, +1 555 123 4567", "s1", "fallback"))
    assert item["t"] == "i am bob smith [email] [phone]"
    item = json.loads(entry("Card 4111 1111 1111 1111, account 12345678, see https://shop.example.com/a?b=1 "
                            "or www.example.org; call (555) 123-4567", "s1", "fallback"))
    assert item["t"] == "card [number] account [number] see [url] or [url] call [phone]"
    for text in ("we are 15 people with 3 offices", "about 250,000 a year over 2 sites", "since 2019, 40 laptops"):
        assert json.loads(entry(text, "s1", "fallback"))["t"] == fold(text)


def test_a_noted_fallback_keeps_no_contact_details(engine, tmp_path):
    advisor = Advisor(engine, open_store(f"sqlite:///{tmp_path}/s.db", 3600))
    advisor.handle("u1", UserInput(text="Do you repair boilers? Call me on 07700 900123 or mail jo@example.co.uk"))
    (entry,) = advisor.store.notes(LOG)
    assert "07700" not in entry and "example" not in entry and "[phone]" in entry and "[email]" in entry


def _unchanged(path: Path, before: str) -> None:
    assert path.read_text() == before
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_promote_refuses_a_comparison_made_from_the_shared_template(content_copy):
    kb = load_content(content_copy)
    path = content_copy / "knowledge" / "compare.yaml"
    before = path.read_text()
    with pytest.raises(ContentError) as caught:
        promote(kb, "compare.break_fix.cloud", "break fix or cloud for a dental practice")
    message = str(caught.value.problems[0])
    assert "template" in message and "21" in message and "compare.break_fix.managed" in message
    assert "model.break_fix" in message and "model.cloud" in message
    _unchanged(path, before)
    assert load_content(content_copy).nodes["compare.break_fix.cloud"].examples == ()


def test_promote_to_a_hand_written_comparison_changes_that_node_alone(content_copy):
    promote(load_content(content_copy), "compare.break_fix.managed", "msp or call-out tech for a dental practice")
    after = load_content(content_copy)
    assert "msp or call-out tech for a dental practice" in after.nodes["compare.break_fix.managed"].examples
    changed = [n for n in after.nodes.values() if "msp or call-out tech for a dental practice" in n.all_examples]
    assert [n.id for n in changed] == ["compare.break_fix.managed"]


def _flow_style(path: Path, node_id: str, *, multiline: bool) -> list[str]:
    """Rewrite `node_id`'s examples in YAML flow style; its examples."""
    lines = path.read_text().splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.strip() == f"- id: {node_id}")
    key = next(i for i in range(start, len(lines)) if lines[i].strip() == "examples:")
    indent = lines[key][: len(lines[key]) - len(lines[key].lstrip())]
    end = key + 1
    while (end < len(lines) and lines[end].lstrip().startswith("- ")
           and len(lines[end]) - len(lines[end].lstrip()) > len(indent)):
        end += 1
    items = [yaml.safe_load(ln.lstrip()[2:]) for ln in lines[key + 1:end]]
    quoted = [json.dumps(str(i)) for i in items]
    flow = (f"{indent}examples: [\n{indent}  " + f",\n{indent}  ".join(quoted) + "]  # flow style\n" if multiline
            else f"{indent}examples: [{', '.join(quoted)}]  # flow style\n")
    path.write_text("".join(lines[:key] + [flow] + lines[end:]))
    return [str(i) for i in items]


def test_promote_into_examples_written_in_flow_style(content_copy):
    path = content_copy / "knowledge" / "topics.yaml"
    items = _flow_style(path, "topic.sla", multiline=False)
    promote(load_content(content_copy), "topic.sla", "what uptime promise, really?")
    assert load_content(content_copy).nodes["topic.sla"].examples == (*items, "what uptime promise, really?")
    assert "# flow style" in path.read_text()


def test_promote_refuses_what_it_cannot_edit_and_leaves_the_file_as_it_was(content_copy, monkeypatch):
    from bot import unanswered

    path = content_copy / "knowledge" / "topics.yaml"
    _flow_style(path, "topic.sla", multiline=True)
    kb = load_content(content_copy)
    before = path.read_text()
    with pytest.raises(ContentError) as caught:
        promote(kb, "topic.sla", "what uptime promise")
    assert "flow style" in str(caught.value.problems[0])
    _unchanged(path, before)
    # An edit that would break the YAML is never written.
    monkeypatch.setattr(unanswered, "_example_line", lambda indent, wording: f"{indent}- [unclosed\n")
    path = content_copy / "knowledge" / "topics.yaml"
    other = content_copy / "knowledge" / "flows.yaml"
    before = other.read_text()
    with pytest.raises(ContentError) as caught:
        promote(kb, "flow.advisor", "help me choose")
    assert "not changed" in str(caught.value.problems[0])
    _unchanged(other, before)
