"""A private chat with the bot, through the real app polling the fake Bot API."""
from __future__ import annotations

from adapters.telegram.app import wording
from bot import Settings, build_advisor

from .fake_api import FakeBotApi
from .people import buttons, message_of, private, sent_to, shown, user

ANN = user(101, "Ann")
DM = private(ANN)
TEXTS = wording(build_advisor(Settings(store="memory")))


def ask(fake: FakeBotApi, text: str, *, count: int = 1) -> list:
    """Send a message and wait for `count` new answers in Ann's chat."""
    before = len(fake.calls_to("sendMessage", sent_to(DM)))
    update = fake.command(DM, ANN, text) if text.startswith("/") else fake.message(DM, ANN, text)
    fake.push(update)
    return fake.wait_for("sendMessage", where=sent_to(DM), count=before + count)[before:]


def press(fake: FakeBotApi, call, label: str, *, count: int = 1) -> list:
    """Press the button labelled `label` under the message `call` sent."""
    data = dict(buttons(call))[label]
    before = len(fake.calls_to("sendMessage", sent_to(DM)))
    fake.push(fake.press(ANN, message_of(call), data))
    return fake.wait_for("sendMessage", where=sent_to(DM), count=before + count)[before:]


def test_start_registers_commands_greets_and_offers_buttons(polling):
    commands = polling.wait_for("setMyCommands")[0].params["commands"]
    assert [c["command"] for c in commands] == ["start", "help", "advise", "calculator", "summary", "restart"]
    assert commands[2]["description"] == TEXTS["command_advise"]
    assert polling.calls_to("deleteWebhook") and not polling.calls_to("setWebhook")
    [greeting] = ask(polling, "/start")
    assert "IT support models" in shown(greeting)
    assert ("Which model fits us?", "flow.advisor") in buttons(greeting)
    assert greeting.params["parse_mode"] == "HTML"


def test_a_question_gets_its_answer(polling):
    answers = ask(polling, "what is an MSP?")
    assert "managed service provider" in shown(answers[-1]).lower()


def test_a_button_press_is_answered_marked_and_continues(polling):
    [greeting] = ask(polling, "/start")
    intro, question = press(polling, greeting, "Which model fits us?", count=2)
    [answered] = polling.wait_for("answerCallbackQuery")
    assert answered.params["callback_query_id"].startswith("cq")
    [edit] = polling.wait_for("editMessageReplyMarkup")
    assert edit.params["message_id"] == message_of(greeting)["message_id"]
    assert buttons(edit) == [(TEXTS["chosen"].format(label="Which model fits us?"), "!done")]
    assert "plan ahead" in shown(question) and buttons(question)
    assert not buttons(intro)


def test_commands_reach_help_the_calculator_and_restart(polling):
    assert "I can:" in shown(ask(polling, "/help")[0])
    assert "• compare any two" in shown(ask(polling, "/help")[0])
    assert "How many people" in shown(ask(polling, "/calculator", count=2)[-1])
    assert "starting fresh" in shown(ask(polling, "/restart")[0])
    assert "plan ahead" in shown(ask(polling, "/advise", count=2)[-1])


def run_advisor(fake: FakeBotApi, answer) -> object:  # type: ignore[no-untyped-def]
    """Answer the guided advisor's questions until it recommends; the recommending message."""
    current = ask(fake, "/advise", count=2)[-1]
    for _ in range(15):
        if "I'd recommend" in shown(current):
            return current
        current = answer(current)[-1]
    raise AssertionError(f"no recommendation; last message: {shown(current)}")


def test_the_guided_advisor_by_buttons_ends_in_a_readable_recommendation(polling):
    result = run_advisor(polling, lambda call: press(polling, call, buttons(call)[0][0], count=2))
    text = shown(result)
    assert "Why:" in text and "• You said" in text and "Runner-up:" in text
    assert "Fit score: " in text and "(runner-up: " in text
    payloads = [data for call in polling.calls_to("sendMessage") for _, data in buttons(call)]
    assert len(payloads) > 30 and all(1 <= len(d.encode("utf-8")) <= 64 for d in payloads)
    assert (TEXTS["download_summary"], "!summary") in buttons(result)
    before = len(polling.calls_to("sendDocument"))
    polling.push(polling.press(ANN, message_of(result), "!summary"))
    [doc] = polling.wait_for("sendDocument", count=before + 1)[before:]
    name, content = doc.files["document"]
    assert name == TEXTS["summary_filename"]
    assert content.decode("utf-8").startswith("# Your IT support recommendation")
    assert doc.params["caption"] == TEXTS["summary_caption"]


def test_the_guided_advisor_by_typed_answers(polling):
    def type_label(call):  # type: ignore[no-untyped-def]
        label = next(lbl for lbl, data in buttons(call) if "unsure" not in data and data != "advisor.back")
        return ask(polling, label.lower(), count=2)

    result = run_advisor(polling, type_label)
    assert "Runner-up:" in shown(result)
    [doc] = ask_document(polling)
    assert b"## Your answers" in doc.files["document"][1]


def ask_document(fake: FakeBotApi) -> list:
    before = len(fake.calls_to("sendDocument"))
    fake.push(fake.command(DM, ANN, "/summary"))
    return fake.wait_for("sendDocument", count=before + 1)[before:]


def test_summary_before_a_result_says_there_is_none(polling):
    [reply] = ask(polling, "/summary")
    assert "no recommendation yet" in shown(reply).lower()
    assert not polling.calls_to("sendDocument")


def test_a_hostile_message_arrives_escaped(polling):
    ask(polling, "/calculator", count=2)
    hostile = "<b>x</b> & <script> 5 people"
    current = ask(polling, hostile, count=1)[-1]
    for _ in range(10):
        if "Your figures" in shown(current):
            break
        current = press(polling, current, buttons(current)[0][0], count=2)[-1]
    html = current.params["text"]
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt; 5 people" in html
    assert '<b>Your figures</b>' in html
    assert '"<b>x</b> & <script> 5 people"' in shown(current)   # what Ann reads: her own words


def test_a_redelivered_update_is_not_answered_twice(polling):
    update = polling.push(polling.message(DM, ANN, "what is break-fix?"))
    [answer] = polling.wait_for("sendMessage", where=sent_to(DM))
    polling.push(update)                               # Telegram delivers it again
    marker = ask(polling, "what is co-managed IT?")    # answered after the redelivery: one chat, in order
    assert "co-managed" in shown(marker[-1]).lower()
    texts = [c.params["text"] for c in polling.calls_to("sendMessage", sent_to(DM))]
    assert texts.count(answer.params["text"]) == 1
    assert len(texts) == len(set(texts))
