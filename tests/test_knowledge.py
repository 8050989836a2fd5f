"""Loading and validating content: the shipped content is clean, broken copies say where."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.errors import ContentError
from bot.loading import load_knowledge
from bot.matcher import Matcher
from bot.validate import example_collisions, required_ids

ONTOLOGY_COUNTS = {"model": 49, "compare": 21, "topic": 9, "meta": 7, "flow": 2}


def test_every_ontology_id_exists(kb):
    ids = required_ids(kb)
    assert len(ids) == sum(ONTOLOGY_COUNTS.values())
    assert not [i for i in ids if i not in kb.nodes]


def test_shipped_examples_do_not_collide(kb):
    assert example_collisions(kb, Matcher(kb)) == []


def test_nodes_are_chat_sized_and_linked(kb):
    for node in kb.nodes.values():
        assert len(node.answer.split()) <= 130, node.id
        assert node.edges or node.kind == "meta", node.id
        if node.kind in ("model", "topic", "flow") :
            assert len(node.examples) >= 10, node.id


def test_break_fix_vs_managed_carries_the_four_differences(kb):
    answer = kb.nodes["compare.break_fix.managed"].answer.lower()
    for word in ("approach", "cost", "long-term", "relationship"):
        assert word in answer


def test_generated_comparisons_read_as_sentences(kb):
    node = kb.nodes["compare.cloud.help_desk"]
    assert "{" not in node.answer and node.answer.count("\n") >= 2
    assert "Cloud" in node.answer and "Help desk" in node.answer or "help desk" in node.answer


def test_every_generated_comparison_has_the_best_suited_for_row(kb):
    written = {"compare.break_fix.managed", "compare.co_managed.in_house", "compare.cloud.hybrid",
               "compare.co_managed.managed"}
    generated = [n for n in kb.nodes.values() if n.kind == "compare" and n.id not in written]
    assert len(generated) == 17
    for node in generated:
        a, b = (kb.models[m] for m in node.models)
        assert "**Best suited for:**" in node.answer, node.id
        assert a.attributes.best_for in node.answer and b.attributes.best_for in node.answer, node.id


def test_a_generated_comparison_rests_on_its_models_attribute_sources(kb):
    node = kb.nodes["compare.hybrid.in_house"]
    hybrid, in_house = kb.models["hybrid"], kb.models["in_house"]
    shown = ("approach", "pricing", "best_for", "pick_when")
    for model in (hybrid, in_house):
        cited = [c for attr in shown for c in model.sources[attr]]
        assert all(c in node.sources for c in cited), model.id
        hidden = [c for attr, cs in model.sources.items() if attr not in shown for c in cs if c not in cited]
        assert hidden and not any(c in node.sources for c in hidden), model.id   # not shown, not cited


def test_where_no_price_is_known_the_answer_says_so_plainly(kb):
    for model in kb.models:
        answer = kb.nodes[f"model.{model}.cost"].answer.lower()
        assert "no standard" in answer, model
        if model != "in_house":      # a provider's price: ask it
            assert "quote" in answer or "rates" in answer, model
        assert not re.search(r"[$€£]\s?\d", answer), model


# What the articles say that the content once lacked: each must now be told somewhere.
COVERED = [
    ("model.break_fix.cons", "critical system failure"),
    ("model.managed.best_for", "stability and scalability"),
    ("model.managed.pros", "latest technology"),
    ("model.managed.pros", "higher productivity, fewer risks and a more efficient business"),
    ("topic.choosing", "talk to IT experts or providers"),
    ("model.managed.implement", "independent IT expert"),
    ("model.break_fix.best_for", "as a business grows, its IT gets more complex"),
    ("topic.choosing", "as a business grows, its IT gets more complex"),
    ("model.managed", "deploy your IT infrastructure"),
    ("model.break_fix.implement", "consider moving to managed IT"),
    ("compare.break_fix.managed", "moving to managed IT is the usual next step"),
]


@pytest.mark.parametrize(("node", "phrase"), COVERED)
def test_what_the_sources_say_is_covered(kb, node, phrase):
    assert phrase.lower() in kb.nodes[node].answer.lower()


def test_model_and_comparison_answers_rest_on_sources(kb):
    for node in kb.nodes.values():
        if node.kind in ("model", "compare", "topic"):
            assert any(c.quote for c in node.sources), node.id


def _break(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text, f"fixture text {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1))


def _problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_knowledge(root)
    return [str(p) for p in info.value.problems]


def test_yaml_syntax_error_names_file_and_line(content_copy):
    path = content_copy / "knowledge" / "topics.yaml"
    lines = path.read_text().splitlines()
    lines.insert(4, "  - id: [unclosed")
    path.write_text("\n".join(lines))
    (problem,) = _problems(content_copy)
    assert problem.startswith("knowledge/topics.yaml:") and "yaml-syntax" in problem


def test_misspelt_key_is_one_problem_that_names_the_right_key(content_copy):
    path = content_copy / "knowledge" / "models" / "cloud.yaml"
    line = path.read_text().splitlines().index("    examples:") + 1
    _break(content_copy, "knowledge/models/cloud.yaml", "    examples:", "    exmaples:")
    problems = [p for p in _problems(content_copy) if "exmaples" in p or "examples" in p]
    assert problems == [f"knowledge/models/cloud.yaml:{line}: schema: nodes.0.exmaples: unknown key "
                        "'exmaples' (fix: did you mean 'examples'?)"], problems


def test_an_unknown_key_with_no_near_name_lists_the_allowed_ones(content_copy):
    _break(content_copy, "knowledge/topics.yaml", "    examples:", "    colour: blue\n    examples:")
    (problem,) = _problems(content_copy)
    assert "unknown key 'colour'" in problem and "answer, edges, examples, id, label, sources, title" in problem


def test_an_unclosed_quote_is_reported_where_it_opens(content_copy):
    path = content_copy / "knowledge" / "topics.yaml"
    lines = path.read_text().splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.strip().startswith("label:"))
    lines[at] = lines[at].split(":")[0] + ': "Service levels'
    path.write_text("\n".join(lines))
    (problem,) = _problems(content_copy)
    assert problem.startswith(f"knowledge/topics.yaml:{at + 1}: yaml-syntax")
    assert f"quoted value opened on line {at + 1}" in problem


def test_an_empty_file_says_so_and_what_it_needs(content_copy):
    (content_copy / "knowledge" / "topics.yaml").write_text("# nothing yet\n")
    (problem,) = _problems(content_copy)
    assert problem == ("knowledge/topics.yaml:1: empty-file: the file is empty "
                       "(fix: it needs the top-level key(s) 'nodes')")


def test_dangling_edge_is_reported_at_the_edge(content_copy):
    path = content_copy / "knowledge" / "models" / "hybrid.yaml"
    line = next(i for i, ln in enumerate(path.read_text().splitlines(), 1) if "{to: flow.advisor" in ln)
    _break(content_copy, "knowledge/models/hybrid.yaml", "{to: flow.advisor", "{to: flow.nowhere")
    problems = _problems(content_copy)
    assert any(p.startswith(f"knowledge/models/hybrid.yaml:{line}: dangling-edge") and "flow.nowhere" in p
               for p in problems), problems


def test_duplicate_id(content_copy):
    _break(content_copy, "knowledge/topics.yaml", "id: topic.sla", "id: topic.tiered_support")
    problems = _problems(content_copy)
    assert any("duplicate-id" in p and "topic.tiered_support" in p for p in problems)


def test_missing_ontology_id(content_copy):
    _break(content_copy, "knowledge/topics.yaml", "id: topic.sla", "id: topic.service_levels")
    problems = _problems(content_copy)
    assert any("missing-ontology-id" in p and "topic.sla" in p for p in problems)


def test_missing_file(content_copy):
    (content_copy / "knowledge" / "synonyms.yaml").unlink()
    assert any("missing-file" in p for p in _problems(content_copy))


def test_colliding_example_is_reported(content_copy):
    _break(content_copy, "knowledge/topics.yaml", "    examples:\n",
           "    examples:\n      - what are the drawbacks of break-fix IT support\n")
    assert any("example-collision" in p and "model.break_fix.cons" in p for p in _collisions(content_copy))


def test_duplicate_yaml_key_is_reported_with_its_line(content_copy):
    path = content_copy / "knowledge" / "synonyms.yaml"
    path.write_text(path.read_text() + "\nconcepts:\n  model.cloud: [cloud based]\n")
    problems = _problems(content_copy)
    assert any(p.startswith("knowledge/synonyms.yaml:") and "duplicate-key" in p and "'concepts'" in p
               for p in problems), problems


def test_a_fallback_example_the_advisor_would_answer_is_reported(content_copy):
    """Other trades' examples are judged by what the advisor does with them: refuse."""
    _break(content_copy, "dialogs/meta.yaml", "      - how to change a flat tyre\n",
           "      - how to change a flat tyre\n      - how much does managed IT cost\n")
    assert any("meta.fallback" in p and "how much does managed IT cost" in p for p in _collisions(content_copy))


def _collisions(root) -> list[str]:
    kb = load_knowledge(root)
    return [str(p) for p in example_collisions(kb, Matcher(kb))]


def test_knowledge_imports_nothing_above_it():
    """The graph module sits below decision, flows and validate (loading.py joins them)."""
    import os
    import subprocess
    import sys

    repo = str(Path(__file__).resolve().parents[1])
    code = ("import sys, bot.knowledge; print(sorted(m for m in sys.modules if m.startswith("
            "('bot.decision', 'bot.flows', 'bot.validate', 'bot.loading'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=repo,
                         env={**os.environ, "PYTHONPATH": repo})
    assert out.stdout.strip() == "[]"
