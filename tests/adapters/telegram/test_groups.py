"""A group: the bot answers commands, mentions and replies to it, one conversation per person,
and a person's buttons are theirs alone."""
from __future__ import annotations

from adapters.telegram.app import wording
from bot import Settings, build_advisor

from .fake_api import BOT
from .people import (
    HANDLE,
    buttons,
    group,
    mentioning,
    message_of,
    replying_to,
    sent_to,
    shown,
    user,
)

ANN, BEN = user(201, "Ann"), user(202, "Ben")
OFFICE = group()
TEXTS = wording(build_advisor(Settings(store="memory")))
SUPPORT_QUESTION = "What's the main IT problem you want solved?"
NEXT_ANSWER = "The odd breakdown"   # one of its options


def test_chatter_is_ignored_a_mention_is_answered_in_reply(polling):
    chatter = polling.push(polling.message(OFFICE, ANN, "lunch at noon? what is an MSP anyway"))["message"]
    asked = polling.push(mentioning(polling, OFFICE, ANN, f"{HANDLE} what is an MSP?"))["message"]
    [answer] = polling.wait_for("sendMessage", where=replying_to(asked))
    assert "managed service provider" in shown(answer).lower()
    assert answer.params["chat_id"] == OFFICE["id"]
    assert not polling.calls_to("sendMessage", replying_to(chatter))
    assert len(polling.calls_to("sendMessage", sent_to(OFFICE))) == 1


def test_a_bare_mention_is_greeted(polling):
    asked = polling.push(mentioning(polling, OFFICE, BEN, f"hey {HANDLE}"))["message"]
    [greeting] = polling.wait_for("sendMessage", where=replying_to(asked))
    assert "IT support models" in shown(greeting) and buttons(greeting)


def test_a_reply_to_the_bot_is_answered(polling):
    asked = polling.push(mentioning(polling, OFFICE, ANN, f"{HANDLE} what is break-fix?"))["message"]
    [answer] = polling.wait_for("sendMessage", where=replying_to(asked))
    follow_up = polling.push(polling.message(OFFICE, ANN, "and what is managed IT?",
                                             reply_to=message_of(answer)))["message"]
    [second] = polling.wait_for("sendMessage", where=replying_to(follow_up))
    assert "managed" in shown(second).lower()


def test_commands_for_this_bot_are_answered_with_the_group_hint_and_others_ignored(polling):
    other = polling.push(polling.command(OFFICE, BEN, "/help@some_other_bot"))["message"]
    mine = polling.push(polling.command(OFFICE, BEN, f"/help@{BOT['username']}"))["message"]
    help_text, hint = polling.wait_for("sendMessage", where=replying_to(mine), count=2)
    assert "I can:" in shown(help_text)
    assert shown(hint) == TEXTS["group_hint"].format(mention=HANDLE)
    assert not polling.calls_to("sendMessage", replying_to(other))


def test_each_person_has_their_own_conversation_and_buttons(polling):
    ann_asks = polling.push(polling.command(OFFICE, ANN, "/advise"))["message"]
    _, question = polling.wait_for("sendMessage", where=replying_to(ann_asks), count=2)
    assert "plan ahead" in shown(question)

    polling.push(polling.press(BEN, message_of(question), buttons(question)[0][1]))
    [refused] = polling.wait_for("answerCallbackQuery")
    assert refused.params["text"] == TEXTS["not_yours"]
    ben_asks = polling.push(mentioning(polling, OFFICE, BEN, f"{HANDLE} what is a help desk?"))["message"]
    polling.wait_for("sendMessage", where=replying_to(ben_asks))
    assert not polling.calls_to("editMessageReplyMarkup")     # Ann's keyboard is untouched

    label, data = buttons(question)[0]
    polling.push(polling.press(ANN, message_of(question), data))
    after, next_question = polling.wait_for("sendMessage", where=replying_to(ann_asks), count=4)[2:]
    assert label in shown(after)                               # "Got it: <label>."
    assert "look after IT" in shown(next_question)             # Ann's flow moved on, not Ben's
    [edit] = polling.wait_for("editMessageReplyMarkup")
    assert buttons(edit) == [(TEXTS["chosen"].format(label=label), "!done")]
    assert len(polling.calls_to("answerCallbackQuery")) == 2


def test_people_typing_in_a_group_each_continue_their_own_conversation(polling):
    ann_asks = polling.push(polling.command(OFFICE, ANN, "/advise"))["message"]
    _, question = polling.wait_for("sendMessage", where=replying_to(ann_asks), count=2)
    ann_answers = polling.push(polling.message(OFFICE, ANN, "just fix things",
                                               reply_to=message_of(question)))["message"]
    _, question = polling.wait_for("sendMessage", where=replying_to(ann_answers), count=2)
    assert SUPPORT_QUESTION in shown(question)
    assert NEXT_ANSWER in [label for label, _ in buttons(question)]

    ben_asks = polling.push(mentioning(polling, OFFICE, BEN, f"{HANDLE} what is an MSP?"))["message"]
    [explained] = polling.wait_for("sendMessage", where=replying_to(ben_asks))
    assert "managed service provider" in shown(explained).lower()
    ben_answers = polling.push(polling.message(OFFICE, BEN, "just fix things",
                                               reply_to=message_of(explained)))["message"]
    polling.wait_for("sendMessage", where=replying_to(ben_answers))

    ann_goes_on = polling.push(polling.message(OFFICE, ANN, NEXT_ANSWER.lower(),
                                               reply_to=message_of(question)))["message"]
    [ack] = polling.wait_for("sendMessage", where=replying_to(ann_goes_on))
    assert f"Got it: {NEXT_ANSWER}." in shown(ack), "Ann's guided advisor went on where she left it"
    # a chat's updates are handled in order, so everything Ben was sent is in by now
    to_ben = [shown(c) for c in polling.calls_to("sendMessage", sent_to(OFFICE))
              if replying_to(ben_asks)(c) or replying_to(ben_answers)(c)]
    assert len(to_ben) >= 2
    assert not [t for t in to_ben if SUPPORT_QUESTION in t or "Got it" in t], \
        "Ben's text neither sees nor answers Ann's guided advisor"
