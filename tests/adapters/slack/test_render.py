"""Turns as Block Kit within Slack's limits, Markdown as mrkdwn, Slack text as words."""
from __future__ import annotations

import pytest

from adapters.slack.blocks import MAX_BLOCKS, buttons_of, chosen, pack, section, turn_blocks
from adapters.slack.mrkdwn import LABEL_LIMIT, SECTION_LIMIT, from_slack, label, split, to_mrkdwn
from bot import Option, Reply, Turn, short_option_id

WORDING = {"chosen": "✓ {label}", "card_title": "Your recommendation", "card_score": "Top *{name}* {score}",
           "card_runner_up": "runner-up {name} {score}", "summary_button": "Get summary", "fallback": "Advisor"}


def turn(*replies: Reply, recommendation: dict | None = None) -> Turn:  # type: ignore[type-arg]
    return Turn("slack:T1:C1:1700.1", tuple(replies), "flow.advisor", 1.0, recommendation=recommendation)


def test_markdown_becomes_mrkdwn():
    text = "I'd recommend **Break-fix** for you.\nWhy:\n- cheap\n  - nested\n# Title\n## Sub **x**"
    assert to_mrkdwn(text) == "I'd recommend *Break-fix* for you.\nWhy:\n• cheap\n  • nested\n*Title*\n*Sub x*"


def test_text_from_knowledge_or_users_is_escaped():
    assert to_mrkdwn("Q&A <!channel> <@U1> a > b") == "Q&amp;A &lt;!channel&gt; &lt;@U1&gt; a &gt; b"


def test_tables_become_readable_lines():
    table = "| # | Model | Score |\n|---|---|---|\n| 1 | Break-fix | 0.59 |\n| 2 | **MSP** | 0.57 |"
    assert to_mrkdwn(table) == "*# · Model · Score*\n• 1 · Break-fix · 0.59\n• 2 · MSP · 0.57"


def test_long_text_is_split_at_paragraphs_then_lines_then_words():
    paragraphs = ["word " * 500, "line\n" * 700, "x" * 10 + " " + "longword " * 400]
    text = "\n\n".join(p.strip() for p in paragraphs)
    pieces = split(text)
    assert all(0 < len(p) <= SECTION_LIMIT for p in pieces)
    assert " ".join(" ".join(pieces).split()) == " ".join(text.split()), "nothing lost, nothing cut mid-word"
    assert pieces[0] == paragraphs[0].strip(), "a paragraph that fits stays whole"
    assert all(not p.startswith(" ") and not p.endswith(" ") for p in pieces)


def test_a_single_overlong_word_is_cut_only_as_a_last_resort():
    pieces = split("a " + "y" * 7000)
    assert [len(p) for p in pieces] == [1, 3000, 3000, 1000]


@pytest.mark.parametrize("text, expected", [
    ("Short label", "Short label"),
    ("Compare Break-fix support and a fully managed IT service provider for a small office team",
     "Compare Break-fix support and a fully managed IT service provider for a…"),
])
def test_labels_are_shortened_at_a_word_with_an_ellipsis(text: str, expected: str):
    assert label(text) == expected and len(label(text)) <= LABEL_LIMIT


def test_options_become_buttons_25_to_an_actions_block_with_ids_that_fit():
    long_id = "advisor." + "x" * 3000
    options = tuple(Option(f"opt.{i}", f"Option {i}") for i in range(29)) + (Option(long_id, "Long"),)
    blocks = turn_blocks(turn(Reply("Pick one", options)), WORDING)
    actions = [b for b in blocks if b["type"] == "actions"]
    assert [len(b["elements"]) for b in actions] == [25, 5]
    elements = [e for b in actions for e in b["elements"]]
    assert len({e["action_id"] for e in elements}) == 30
    assert elements[-1]["value"] == short_option_id(long_id, 2000) and len(elements[-1]["value"]) <= 2000
    assert {buttons_of(b["block_id"]).session for b in actions} == {"slack:T1:C1:1700.1"}  # type: ignore[union-attr]
    assert len({buttons_of(b["block_id"]).nonce for b in actions}) == 1  # type: ignore[union-attr]
    assert all(len(b["block_id"]) <= 255 for b in actions)


def test_many_blocks_go_into_several_messages_within_the_limits():
    blocks = [section("p " * 1400) for _ in range(60)]
    messages = pack(blocks, "Advisor")
    assert sum(len(m.blocks) for m in messages) == 60
    assert all(len(m.blocks) <= MAX_BLOCKS and len(m.text) <= 40_000 for m in messages)
    assert len(pack([section("a")] * 120, "x")) == 3


def test_the_recommendation_is_a_card_with_scores_and_a_summary_button():
    rec = {"ranking": [{"model": "break_fix", "name": "Break-fix", "score": 0.589, "reasons": []}],
           "runner_up": {"model": "managed", "name": "Managed IT", "score": 0.567}}
    result = Reply("I'd recommend **Break-fix**.", (Option("meta.restart", "Start over"),))
    blocks = turn_blocks(turn(Reply("Got it."), result, recommendation=rec), WORDING)
    assert [b["type"] for b in blocks] == ["section", "header", "context", "section", "actions", "actions"]
    assert blocks[2]["elements"][0]["text"] == "Top *Break-fix* 0.59 · runner-up Managed IT 0.57"
    assert blocks[4]["elements"][0]["action_id"] == "advisor.summary"


def test_a_clicked_message_keeps_its_text_and_shows_the_choice_instead_of_buttons():
    blocks = turn_blocks(turn(Reply("Question?", (Option("a", "A"), Option("b", "B")))), WORDING)
    marked = chosen(blocks, "B <&>", WORDING)
    assert [b["type"] for b in marked] == ["section", "context"]
    assert marked[1]["elements"][0]["text"] == "✓ B &lt;&amp;&gt;"


def test_slack_message_text_is_read_as_the_users_words():
    text = "<@UBOT> what about <#C1|general> and <https://x.test|this site> &amp; <@U2|dana>? <!here>"
    assert from_slack(text, "UBOT") == "what about #general and this site & @dana?"
    assert from_slack("a &lt;b&gt;", None) == "a <b>"
