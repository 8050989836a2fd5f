"""The articles as ground truth: quote lookup, the citation checks, and `advisor sources`."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings
from bot.errors import ContentError
from bot.loading import load_knowledge
from bot.sources import load_sources, quote_problem, read_source
from bot.types import UserInput
from bot.wiring import build_advisor

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "knowledge" / "sources"


@pytest.fixture(scope="module")
def sources():
    return load_sources(ARTICLES)


def test_the_three_articles_ship_with_the_content(sources):
    assert set(sources) == {"seven_models", "verdict", "pros_cons"}
    assert sources["seven_models"].title == "7 Essential Types of IT Support Models Explained"
    assert all(s.sentences for s in sources.values())


@pytest.mark.parametrize(("source", "quote"), [
    ("seven_models", "Costs are unpredictable and potentially high"),
    ("seven_models", "  costs   ARE unpredictable\nand potentially high.  "),     # spacing, case, stop
    ("seven_models", "an organization's internal technology team"),            # ' for the article's ’
    ("verdict", "\u201cmanaged services providers and break-fix providers\u201d"),  # quotes; - for /
    ("pros_cons", "Break-fix IT can result in longer response times ... during critical incidents"),
])
def test_quotes_match_whatever_the_typography(sources, source, quote):
    assert quote_problem(sources, source, quote) is None, quote


@pytest.mark.parametrize(("source", "quote", "why"), [
    ("seven_models", "Costs are predictable and potentially high", "not in seven_models"),
    ("seven_models", "help within minutes is what a help desk gives", "not in"),
    ("pros_cons", "Costs are unpredictable and potentially high", "not in pros_cons"),   # wrong article
    ("blog", "Costs are unpredictable", "no article 'blog'"),
    ("seven_models", "costs are", "too short"),
    ("seven_models", " ".join(["word"] * 50), "max 45"),
])
def test_quotes_that_do_not_hold_are_refused(sources, source, quote, why):
    problem = quote_problem(sources, source, quote)
    assert problem is not None and why in problem, problem


def test_a_short_quote_is_fine_when_it_is_a_whole_line(sources):
    assert quote_problem(sources, "seven_models", "Escalation protocols") is None
    assert "too short" in quote_problem(sources, "seven_models", "escalation")


def test_find_returns_the_whole_sentence(sources):
    sentence = sources["pros_cons"].find("capable in-house IT team")
    assert sentence.startswith("If you have a capable in-house IT team")
    assert sentence.endswith("break-fix IT may be a viable option.")


def test_a_quote_may_not_span_articles_or_reorder_words(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nFirst sentence here. Second one there.\n", encoding="utf-8")
    source = read_source(path)
    assert source.find("first sentence here") == "First sentence here."
    assert source.find("here first sentence") is None
    assert source.find("sentence here second one") == "First sentence here. Second one there."


# ------------------------------------------------------------------ the validator

def _break(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_knowledge(root)
    return [str(p) for p in info.value.problems]


def test_a_weight_quote_that_is_not_in_the_article_fails_with_its_line(content_copy):
    rel = "knowledge/factors.yaml"
    lines = (content_copy / rel).read_text(encoding="utf-8").splitlines()
    at = next(i for i, ln in enumerate(lines, 1) if "Billing occurs per incident or hourly" in ln)
    _break(content_copy, rel, "Billing occurs per incident or hourly",
           "Billing occurs per incident or monthly")
    problems = _problems(content_copy)
    assert any(p.startswith(f"{rel}:{at}: bad-quote [budget.pay_as_needed]") for p in problems), problems


def test_a_weight_with_neither_quote_nor_judgement_fails(content_copy):
    tail = '\n            judgement: "No article ties business size'
    _break(content_copy, "knowledge/factors.yaml", "- models: [help_desk, co_managed, cloud, hybrid]" + tail,
           "- models: [help_desk, co_managed, cloud]" + tail)
    problems = _problems(content_copy)
    assert any("uncited [business_size.small]" in p and "'hybrid'" in p for p in problems), problems


def test_a_citation_needs_a_quote_or_a_judgement(content_copy):
    _break(content_copy, "knowledge/factors.yaml", "            judgement: \"No article ties business size",
           "            note: \"No article ties business size")
    assert any("give either 'source' and 'quote', or 'judgement'" in p for p in _problems(content_copy))


def test_an_answer_without_sources_fails(content_copy):
    path = content_copy / "knowledge" / "topics.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: topic.sla")
    block_end = text.index("  - id: topic.tiered_support")
    block = text[start:block_end]
    path.write_text(text[:start] + block[:block.index("    sources:")] + "\n" + text[block_end:],
                    encoding="utf-8")
    assert any("uncited [topic.sla]" in p for p in _problems(content_copy))


def test_a_node_quote_must_be_in_the_article(content_copy):
    _break(content_copy, "knowledge/models/help_desk.yaml", 'quote: "Ticket management systems"',
           'quote: "Ticket management systems with AI triage"')
    assert any("bad-quote [model.help_desk" in p for p in _problems(content_copy))


def test_answers_never_say_where_they_came_from(content_copy):
    _break(content_copy, "knowledge/topics.yaml", "Tracking SLAs is one part of a good help desk.",
           "The articles say tracking SLAs is one part of a good help desk.")
    assert any("source-talk [topic.sla]" in p for p in _problems(content_copy))


def test_the_articles_are_read_from_the_content_folder(content_copy):
    for article in (content_copy / "knowledge" / "sources").glob("*.txt"):
        article.unlink()
    assert any("missing-file" in p and "knowledge/sources" in p for p in _problems(content_copy))


def test_a_changed_article_breaks_the_quotes_that_relied_on_it(content_copy):
    path = content_copy / "knowledge" / "sources" / "verdict.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("majority", "minority"), encoding="utf-8")
    problems = _problems(content_copy)
    assert any("bad-quote" in p and "verdict" in p for p in problems), problems


# ------------------------------------------------------------------ `advisor sources`

def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "ADVISOR_STORE": "memory", **(env or {})}
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True,
                          env=full_env, cwd=ROOT, timeout=120)


def test_sources_of_an_answer_quote_the_articles():
    out = run("sources", "model.break_fix.cons")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("model.break_fix.cons: What are the drawbacks of break-fix IT?")
    assert "seven_models: 7 Essential Types of IT Support Models Explained" in out.stdout
    assert "higher risk of critical system failures." in out.stdout     # the whole sentence


def test_sources_of_a_generated_comparison_are_its_attributes_sources():
    out = run("sources", "compare.cloud.help_desk")
    assert out.returncode == 0
    assert "Companies prioritizing global availability and adaptability." in out.stdout
    assert "Companies aiming for fast resolutions to daily technical issues." in out.stdout
    assert "our own judgement, not a quote:" in out.stdout


def test_sources_of_an_unknown_node_suggests_one():
    out = run("sources", "model.managd.cost")
    assert out.returncode == 1 and "did you mean model.managed.cost" in out.stderr


def test_sources_of_a_recommendation_cite_the_weights_behind_its_reasons(tmp_path):
    url = f"sqlite:///{tmp_path}/s.db"
    advisor = build_advisor(Settings.from_env(), store_url=url)
    session = "why-trust-this"
    turn = advisor.handle(session, UserInput(text="which IT support model fits us?"))
    answers = {"internal_it": "nobody, we have no IT staff", "strategy": "a partner to plan ahead",
               "support_need": "security and backups", "budget": "a fixed monthly fee"}
    while turn.expects:
        turn = advisor.handle(session, UserInput(text=answers.get(turn.expects, "not sure")))
    assert turn.recommendation and turn.recommendation["top"] == "managed"
    out = run("sources", "recommendation", "--session", session, env={"ADVISOR_STORE": url})
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Recommendation: Managed IT services (MSP)")
    for reason in turn.recommendation["reasons"]:
        assert f"- {reason}" in out.stdout
    assert "If you require a partner to help shape your IT strategy" in out.stdout
    assert "Starting points: Break-fix -0.5" in out.stdout


def test_sources_of_a_recommendation_need_a_finished_session(tmp_path):
    url = f"sqlite:///{tmp_path}/s.db"
    assert run("sources", "recommendation").returncode == 2
    out = run("sources", "recommendation", "--session", "nobody-here", env={"ADVISOR_STORE": url})
    assert out.returncode == 1 and "no guided advisor result" in out.stderr


def test_system_messages_never_say_where_answers_came_from_either(content_copy):
    _break(content_copy, "dialogs/messages.yaml", 'no_summary: "There\'s no recommendation yet.',
           'no_summary: "The sources say there\'s no recommendation yet.')
    assert any("source-talk [no_summary]" in p for p in _problems(content_copy))
