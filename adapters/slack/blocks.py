"""A turn as Block Kit: sections of mrkdwn, options as buttons, a result as a card.

Slack's limits are met by construction: text is cut into sections at boundaries,
buttons go 25 to an actions block, and blocks go into as many messages as needed
(50 blocks and 40k characters each). Every set of buttons names its conversation and
carries a nonce in its block_id: a click reaches the conversation that showed it, and
two clicks on one set of buttons share one idempotency key, so they cannot fork it.
"""
from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot import Option, Turn, short_option_id

from .mrkdwn import escape, label, split, to_mrkdwn

Block = dict[str, Any]
MAX_BLOCKS = 50
MAX_BUTTONS = 25
MAX_TEXT = 39_000                 # a message's text is capped at 40k; a margin for separators
VALUE_LIMIT = 2000                # a button's value
HEADER_LIMIT = 150
OPTION_ACTION = "advisor.option"
SUMMARY_ACTION = "advisor.summary"
_ASK, _SUMMARY = "ask", "sum"


@dataclass(frozen=True)
class Message:
    text: str
    blocks: list[Block]


@dataclass(frozen=True)
class Buttons:
    """What a clicked button's block_id says: the conversation and this set's nonce."""

    session: str
    nonce: str


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": label(text, HEADER_LIMIT)}}


def button(text: str, action_id: str, value: str, *, primary: bool = False) -> Block:
    out: Block = {"type": "button", "text": {"type": "plain_text", "text": label(text), "emoji": True},
                  "action_id": action_id, "value": value}
    if primary:
        out["style"] = "primary"
    return out


def sections(markdown: str) -> list[Block]:
    return [section(piece) for piece in split(to_mrkdwn(markdown))]


def turn_blocks(turn: Turn, wording: Mapping[str, str]) -> list[Block]:
    nonce = secrets.token_hex(4)
    blocks: list[Block] = []
    count = 0
    for i, reply in enumerate(turn.replies):
        card = bool(turn.recommendation) and i == len(turn.replies) - 1
        if card:
            blocks.extend(_card_head(turn.recommendation or {}, wording))
        blocks.extend(sections(reply.text))
        if card:
            blocks.append({"type": "actions", "block_id": f"{_SUMMARY}|{turn.session}",
                           "elements": [button(wording["summary_button"], SUMMARY_ACTION, "summary",
                                               primary=True)]})
        blocks.extend(_option_blocks(reply.options, turn.session, nonce, count))
        count += len(reply.options)
    return blocks


def _card_head(rec: Mapping[str, Any], wording: Mapping[str, str]) -> list[Block]:
    ranking = rec.get("ranking") or []
    facts = []
    if ranking:
        top = ranking[0]
        facts.append(wording["card_score"].format(name=top.get("name", top["model"]),
                                                  score=f"{float(top['score']):.2f}"))
    runner_up = rec.get("runner_up") or {}
    if runner_up.get("score") is not None:
        facts.append(wording["card_runner_up"].format(name=runner_up.get("name", runner_up.get("model", "")),
                                                      score=f"{float(runner_up['score']):.2f}"))
    blocks = [header(wording["card_title"])]
    if facts:
        blocks.append(context(" · ".join(facts)))
    return blocks


def _option_blocks(options: Sequence[Option], session: str, nonce: str, start: int) -> list[Block]:
    blocks = []
    for first in range(0, len(options), MAX_BUTTONS):
        chunk = options[first:first + MAX_BUTTONS]
        blocks.append({
            "type": "actions",
            "block_id": f"{_ASK}|{nonce}|{start + first}|{session}",
            "elements": [button(o.label, f"{OPTION_ACTION}.{start + first + k}",
                                short_option_id(o.id, VALUE_LIMIT)) for k, o in enumerate(chunk)],
        })
    return blocks


def buttons_of(block_id: str) -> Buttons | None:
    kind, _, rest = block_id.partition("|")
    if kind != _ASK:
        return None
    nonce, _, rest = rest.partition("|")
    _, _, session = rest.partition("|")
    return Buttons(session, nonce) if nonce and session else None


def summary_session(block_id: str) -> str | None:
    kind, _, session = block_id.partition("|")
    return session if kind == _SUMMARY and session else None


def chosen(blocks: Sequence[Block], clicked: str, wording: Mapping[str, str]) -> list[Block]:
    """The clicked message as it should stay: its buttons replaced by "✓ <label>"."""
    out: list[Block] = []
    marked = False
    for block in blocks:
        if block.get("type") == "actions" and buttons_of(str(block.get("block_id", ""))):
            if not marked:
                out.append(chosen_line(clicked, wording))
                marked = True
            continue
        out.append(block)
    return out


def chosen_line(clicked: str, wording: Mapping[str, str]) -> Block:
    return context(wording["chosen"].format(label=escape(clicked)))


def pack(blocks: Sequence[Block], fallback: str) -> list[Message]:
    """Blocks in as many messages as Slack's per-message limits need, in order."""
    messages: list[Message] = []
    current: list[Block] = []
    size = 0
    for block in blocks:
        length = len(_text_of(block))
        if current and (len(current) == MAX_BLOCKS or size + length > MAX_TEXT):
            messages.append(_message(current, fallback))
            current, size = [], 0
        current.append(block)
        size += length
    if current:
        messages.append(_message(current, fallback))
    return messages


def _message(blocks: list[Block], fallback: str) -> Message:
    text = "\n\n".join(t for t in map(_text_of, blocks) if t)
    return Message(text or fallback, blocks)


def _text_of(block: Block) -> str:
    if block.get("type") in ("section", "header"):
        return str(block["text"]["text"])
    if block.get("type") == "context":
        return " ".join(str(e.get("text", "")) for e in block["elements"])
    return ""
