"""The downtime calculator through the real engine: answers in words, confirmations,
wrong kinds, corrections, checks, and changing figures after the result."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.calculator import DowntimeInputs, estimate
from bot.engine import Engine
from bot.errors import ContentError
from bot.flows.downtime_state import figures
from bot.loading import load_knowledge
from bot.numbers import format_money, format_number
from bot.state import SessionState
from tests.conftest import Chat, option_ids, text_of

ORDER = ["staff_affected", "cost_per_staff_hour", "incidents_per_year",
         "downtime_hours_per_incident", "breakfix_rate", "tech_hours_per_incident",
         "managed_monthly_fee"]


def started(engine: Engine) -> Chat:
    chat = Chat(engine, sid="calc")
    chat.click("flow.downtime_calculator")
    return chat


def values(chat: Chat) -> dict[str, float]:
    flow = chat.state.flow("downtime")
    assert flow is not None
    return dict(figures(flow))


def pending(chat: Chat) -> str | None:
    flow = chat.state.flow("downtime")
    return flow.pending if flow else None


def answer(chat: Chat, *texts: str):
    turn = None
    for text in texts:
        turn = chat.say(text)
    return turn


def test_a_figure_is_confirmed_in_the_users_terms_and_the_steps_unit(engine: Engine) -> None:
    chat = started(engine)
    answer(chat, "a dozen of us", "£38 an hour")
    turn = chat.say("three a month")
    assert '36 outages a year ("three a month")' in text_of(turn)
    assert pending(chat) == "downtime_hours_per_incident"
    turn = chat.say("most of the afternoon, I'd say")
    assert '3 hours lost per outage (the middle of 2 and 4, from "most of the afternoon")' in \
        text_of(turn)


def test_a_range_is_read_as_its_middle_and_says_so(engine: Engine) -> None:
    chat = started(engine)
    turn = chat.say("between 20 and 30 people")
    assert "25 people (the middle of 20 and 30" in text_of(turn)
    assert values(chat)["staff_affected"] == 25


@pytest.mark.parametrize("step_answers, wrong, hint", [
    (["14"], "roughly 3 hours", "looks like a length of time"),
    (["14", "50"], "$2,000", "looks like a sum of money"),
    (["14", "50", "5"], "$95/hour", "looks like a price per period"),
    (["14", "50", "5", "2 hours"], "3 hours", "looks like a length of time"),
    (["14", "50", "5", "2 hours", "90"], "six people", "looks like a number of people"),
])
def test_an_answer_of_the_wrong_kind_is_questioned_not_taken(
        engine: Engine, step_answers: list[str], wrong: str, hint: str) -> None:
    chat = started(engine)
    answer(chat, *step_answers)
    before, asked = values(chat), pending(chat)
    turn = chat.say(wrong)
    assert hint in text_of(turn) and f'"{wrong.lower()}"' in text_of(turn).lower()
    assert values(chat) == before and pending(chat) == asked


def test_a_wrong_kind_twice_is_questioned_twice_and_the_assumption_stays_a_tap(
        engine: Engine) -> None:
    """Audit: a wrong-kind answer is an answer, never silently the placeholder."""
    chat = started(engine)
    answer(chat, "9", "40", "4")
    chat.say("$120 an hour")
    turn = chat.say("$120 an hour")
    assert "looks like a price per period" in text_of(turn) and "calc.assume" in option_ids(turn)
    assert "downtime_hours_per_incident" not in values(chat)
    turn = chat.click("calc.assume")
    assert "assume 4 hours lost per outage" in text_of(turn)
    assert "downtime_hours_per_incident" in chat.state.flow("downtime").assumed


def test_an_answer_for_another_question_is_recorded_there(engine: Engine) -> None:
    chat = started(engine)
    answer(chat, "9", "40", "4", "2 hours", "90")
    turn = chat.say("the MSP quoted us 1,800 a month")
    assert "Managed monthly fee" in text_of(turn) and pending(chat) == "tech_hours_per_incident"
    turn = chat.say("2 hours")
    assert "Your figures" in text_of(turn) and values(chat)["managed_monthly_fee"] == 1800


def test_two_figures_in_one_answer_fill_both_and_skip_the_later_question(engine: Engine) -> None:
    chat = started(engine)
    answer(chat, "11", "45")
    turn = chat.say("maybe twice a month, and it's usually half a day each time")
    text = text_of(turn)
    assert '24 outages a year ("maybe twice a month")' in text
    assert '4 hours lost per outage ("half a day each time")' in text
    assert pending(chat) == "breakfix_rate" and "technician charge" in text


def test_a_correction_fixes_the_figure_just_read_not_the_pending_question(engine: Engine) -> None:
    chat = started(engine)
    answer(chat, "11", "45", "2 a year")
    assert pending(chat) == "downtime_hours_per_incident"
    turn = chat.say("sorry, I meant 2 a month")
    assert values(chat)["incidents_per_year"] == 24
    assert "downtime_hours_per_incident" not in values(chat)
    assert '24 outages a year ("2 a month")' in text_of(turn) and "how many hours" in text_of(turn)


def test_a_bare_no_asks_the_figure_just_read_again(engine: Engine) -> None:
    chat = started(engine)
    answer(chat, "11", "45 an hour")
    turn = chat.say("nope")
    assert pending(chat) == "cost_per_staff_hour" and "hour of one person" in text_of(turn)
    chat.say("55")
    assert values(chat)["cost_per_staff_hour"] == 55 and pending(chat) == "incidents_per_year"


def test_no_idea_is_not_a_correction(engine: Engine) -> None:
    chat = started(engine)
    chat.say("11")
    turn = chat.say("no idea")
    assert "assume 40" in text_of(turn) and values(chat)["staff_affected"] == 11


def test_an_unusual_figure_waits_for_a_yes(engine: Engine) -> None:
    chat = started(engine)
    turn = chat.say("about 40,000")
    assert "Just to check" in text_of(turn) and "calc.keep" in option_ids(turn)
    assert "staff_affected" not in values(chat)
    state_round_trips(chat)
    turn = chat.say("yes")
    assert values(chat)["staff_affected"] == 40_000 and pending(chat) == "cost_per_staff_hour"


def test_an_unusual_figure_can_be_dropped_or_given_again(engine: Engine) -> None:
    chat = started(engine)
    chat.say("12")
    chat.say("$4 a month")                     # 4 x 12 / (250 x 8): 2 cents an hour
    turn = chat.say("no")
    assert "cost_per_staff_hour" not in values(chat) and "hour of one person" in text_of(turn)
    chat.say("$4 a month")
    turn = chat.say("$35")
    assert values(chat)["cost_per_staff_hour"] == 35 and "Just to check" not in text_of(turn)


def test_a_fee_per_user_is_multiplied_out_and_confirmed(engine: Engine) -> None:
    chat = started(engine)
    answer(chat, "15 people", "40", "6", "3 hours", "100", "2 hours")
    turn = chat.say("$90 per user per month")
    assert "$1,350 a month" in text_of(turn) and "calc.keep" in option_ids(turn)
    turn = chat.click("calc.keep")
    assert "Your figures" in text_of(turn) and values(chat)["managed_monthly_fee"] == 1350


def test_figures_in_two_currencies_are_questioned(engine: Engine) -> None:
    chat = started(engine)
    answer(chat, "10", "£40 an hour")
    answer(chat, "6", "4 hours")
    turn = chat.say("$120 an hour")
    assert "another currency" in text_of(turn) and "breakfix_rate" not in values(chat)


def test_the_conversions_used_are_listed_with_the_result(engine: Engine) -> None:
    chat = started(engine)
    turn = answer(chat, "10", "$40", "once every 3 months", "half a day", "$100", "3 hours",
                  "$1,000 a month")
    text = text_of(turn)
    assert "Conversions assumed" in text
    assert "- a working day of 8 hours" in text and "- 12 months in a year" in text
    assert "quarters" not in text and "minutes" not in text


def test_after_the_result_typed_changes_work_like_the_buttons(engine: Engine) -> None:
    chat = finished(engine)
    turn = chat.say("change the technician rate")
    assert pending(chat) == "breakfix_rate" and "technician charge" in text_of(turn)
    turn = chat.say("$70/h")
    assert "Your figures" in text_of(turn) and values(chat)["breakfix_rate"] == 70
    turn = chat.say("actually it's 5 people")
    assert values(chat)["staff_affected"] == 5 and "5 x $40" in text_of(turn)
    turn = chat.say("update the msp fee to 2k a month")
    assert values(chat)["managed_monthly_fee"] == 2000 and "$2,000 x 12" in text_of(turn)


def test_change_my_answer_and_a_partial_label_pick_from_the_menu(engine: Engine) -> None:
    chat = finished(engine)
    turn = chat.say("I'd like to change my answers")
    assert "calc.change.breakfix_rate" in option_ids(turn)
    turn = chat.say("headcount")
    assert pending(chat) == "staff_affected"
    chat.say("7")
    turn = chat.say("1")                       # the first button after the result
    assert "calc.change.staff_affected" in option_ids(turn)


def test_a_figure_that_could_be_two_asks_which(engine: Engine) -> None:
    chat = finished(engine)
    turn = chat.say("$50 an hour")
    assert "Which figure is" in text_of(turn)
    assert set(option_ids(turn)) == {"calc.change.cost_per_staff_hour",
                                     "calc.change.breakfix_rate"}
    turn = chat.say("tech rate")
    assert values(chat)["breakfix_rate"] == 50 and "Your figures" in text_of(turn)


def test_after_the_result_other_talk_hands_the_conversation_back(engine: Engine) -> None:
    chat = finished(engine)
    turn = chat.say("what is break-fix?")
    assert "Break-fix" in text_of(turn) and chat.state.active is None
    chat = finished(engine)
    chat.say("lovely weather today")
    assert chat.state.active is None
    assert chat.say("what is an MSP?").node != "flow.downtime_calculator"


def test_the_verdict_follows_the_users_figures(engine: Engine) -> None:
    """Break-fix fees + losses above the managed fee: never "costs more even if ..."."""
    chat = started(engine)
    turn = answer(chat, "8 people", "£30/h", "three a quarter, each costing us about a day",
                  "£85 an hour", "2 hours", "£1,500 a month")
    text = text_of(turn)
    # 12 outages x 8 h x 8 x £30 = £23,040 lost; 12 x 2 x £85 = £2,040 fees; managed £18,000
    assert "£25,080" in text and "£18,000" in text
    assert "even if it prevented every outage" not in text
    assert "at least 70%" in text        # (18,000 - 2,040) / 23,040 = 69.3%, rounded up


def finished(engine: Engine) -> Chat:
    chat = started(engine)
    answer(chat, "10", "$40", "6", "4 hours", "$100", "3 hours", "$1,000 a month")
    assert chat.state.flow("downtime").done
    return chat


def state_round_trips(chat: Chat) -> None:
    assert SessionState.from_json(chat.state.to_json()) == chat.state


# Whole runs with figures typed in many forms: the verdict shown is the calculator's on
# the figures meant, and it never contradicts the totals.

_PEOPLE = st.sampled_from([("{n} people", 1), ("{n} of us", 1), ("about {n}", 1)])
_TIME = st.sampled_from([("{n} hours", 1), ("{n} minutes", 1 / 60), ("{n} days", 8)])
_OFTEN = st.sampled_from([("{n} a year", 1), ("{n} a quarter", 4), ("{n} a month", 12)])


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(people=_PEOPLE, staff=st.integers(1, 300), rate=st.integers(10, 300),
       often=_OFTEN, count=st.integers(1, 10), down=_TIME, hours=st.integers(1, 6),
       tech=st.integers(20, 300), fee=st.integers(100, 20_000))
def test_any_run_in_words_gives_the_calculators_verdict(engine: Engine, people, staff, rate,
                                                        often, count, down, hours, tech, fee):
    chat = started(engine)
    for text in (people[0].format(n=staff), f"${rate} an hour", often[0].format(n=count),
                 down[0].format(n=hours), f"${tech}/h", f"{hours} hours", f"${fee} a month"):
        turn = chat.say(text)
        if "calc.keep" in option_ids(turn):         # an unusual figure: keep it as typed
            turn = chat.click("calc.keep")
    meant = DowntimeInputs(staff, rate, count * often[1], hours * down[1], tech, hours, fee)
    est = estimate(meant, "USD", months_per_year=12)
    text = text_of(turn)
    assert format_money(est.breakfix_total, "USD") in text
    assert format_money(est.managed_annual_fee, "USD") in text
    if est.verdict == "breakeven":
        assert f"at least {format_number(est.breakeven_percent)}%" in text
    cannot = "even if it prevented every outage" in text
    assert cannot == (est.verdict == "cannot")
    assert not cannot or est.managed_annual_fee > est.breakfix_total


def test_a_misspelt_placeholder_is_a_content_error_with_its_line(content_copy: Path) -> None:
    path = content_copy / "dialogs" / "downtime.yaml"
    path.write_text(path.read_text().replace('figure: "{value} people"', 'figure: "{valeu} people"'))
    with pytest.raises(ContentError) as caught:
        load_knowledge(content_copy)
    assert "dialogs/downtime.yaml:" in str(caught.value) and "{valeu}" in str(caught.value)


_SAYINGS = ["12", "no", "yes", "nope", "no, 3 a month", "actually it's 5 people", "$50 an hour",
            "change my answer", "change the technician rate to 80", "rate", "headcount",
            "half a day", "twice a month, half a day each time", "40,000 people", "£2k pcm",
            "$90 per user per month", "what is break-fix?", "not sure", "bananas", "1", "3",
            "60k a year", "every other month", "2-3 days a year", "weekly", "restart"]
_CLICKS = ["calc.assume", "calc.keep", "calc.change", "calc.change.breakfix_rate",
           "calc.change.staff_affected", "calc.result", "flow.downtime_calculator"]
_INPUTS = st.one_of(st.sampled_from(_SAYINGS).map(lambda t: ("say", t)),
                    st.sampled_from(_CLICKS).map(lambda o: ("click", o)))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans(), st.lists(_INPUTS, min_size=1, max_size=25))
def test_any_sequence_in_the_calculator_gives_well_formed_turns(engine: Engine, after: bool,
                                                               inputs) -> None:
    chat = finished(engine) if after else started(engine)
    for how, what in inputs:
        turn = chat.say(what) if how == "say" else chat.click(what)
        text = text_of(turn)
        assert turn.replies and all(r.text.strip() for r in turn.replies)
        assert "{" not in text and "}" not in text
        state_round_trips(chat)
        flow = chat.state.flow("downtime")
        if flow is not None and flow.done:
            assert set(figures(flow)) == set(ORDER)


# Audit: each figure of an answer goes to its own step; nothing dropped, nothing guessed.

def test_figures_in_one_answer_each_fill_their_own_step(engine: Engine) -> None:
    chat = started(engine)
    answer(chat, "10", "$40 an hour")
    turn = chat.say("2 outages a month, each lasting about 3 hours. "
                    "The technician bills 2 hours at $80 an hour.")
    assert {k: values(chat)[k] for k in ORDER[2:6]} == {
        "incidents_per_year": 24, "downtime_hours_per_incident": 3,
        "tech_hours_per_incident": 2, "breakfix_rate": 80}
    assert "3 hours lost per outage" in text_of(turn)
    assert "2 technician hours per fix" in text_of(turn)
    assert pending(chat) == "managed_monthly_fee"


@pytest.mark.parametrize("text, often, reply", [
    ("a couple of hours every other week", 26, "yes"),
    ("about 3 hours, twice a month", 24, "no"),
])
def test_a_second_figure_that_changes_an_answer_is_confirmed(
        engine: Engine, text: str, often: float, reply: str) -> None:
    chat = started(engine)
    answer(chat, "10", "$40 an hour", "6 a year")
    turn = chat.say(text)
    assert values(chat)["downtime_hours_per_incident"] in (2, 3)
    assert values(chat)["incidents_per_year"] == 6
    assert "6 outages a year" in text_of(turn) and f"{often} outages a year" in text_of(turn)
    assert "calc.keep" in option_ids(turn)
    turn = chat.say(reply)
    assert values(chat)["incidents_per_year"] == (often if reply == "yes" else 6)
    assert pending(chat) == "breakfix_rate" and "technician charge" in text_of(turn)


def test_a_length_and_how_often_in_either_order_at_the_incidents_step(engine: Engine) -> None:
    chat = started(engine)
    answer(chat, "10", "$40 an hour")
    turn = chat.say("a couple of hours every other week")
    assert values(chat)["incidents_per_year"] == 26
    assert values(chat)["downtime_hours_per_incident"] == 2
    assert "looks like" not in text_of(turn)


@pytest.mark.parametrize("text", ["every other month", "3 a week"])
def test_a_frequency_at_a_money_question_is_questioned(engine: Engine, text: str) -> None:
    chat = started(engine)
    answer(chat, "10", "$40 an hour", "6", "3 hours")
    turn = chat.say(text)
    assert "how often something happens" in text_of(turn)
    assert "breakfix_rate" not in values(chat) and pending(chat) == "breakfix_rate"


def test_a_correction_answers_the_question_reopened(engine: Engine) -> None:
    chat = started(engine)
    answer(chat, "10", "$40 an hour", "6")
    chat.say("change the staff answer")
    assert pending(chat) == "staff_affected"
    turn = chat.say("no wait, I meant 20")
    assert values(chat)["staff_affected"] == 20 and values(chat)["cost_per_staff_hour"] == 40
    assert "20 people" in text_of(turn)


def test_wrong_kinds_in_a_row_are_questioned_never_assumed(engine: Engine) -> None:
    chat = started(engine)
    answer(chat, "10", "$40 an hour", "6", "3 hours")
    chat.say("2-3 days a year")
    turn = chat.say("weekly")
    assert "assume" not in text_of(turn).lower().replace("i don't know - assume", "")
    assert "breakfix_rate" not in values(chat) and pending(chat) == "breakfix_rate"
    assert "calc.assume" in option_ids(turn)


def test_an_unreadable_answer_twice_says_the_assumption_is_used(engine: Engine) -> None:
    chat = started(engine)
    chat.say("bananas")
    turn = chat.say("still bananas")
    assert "couldn't read" in text_of(turn) and "assume 10 people" in text_of(turn)


@pytest.mark.parametrize("answers, text, expected", [
    (["10", "40", "6"], "an hour, maybe two", "the middle of 1 and 2"),
    (["10", "40"], "twice a year, maybe three times", "the middle of 2 and 3"),
    (["10", "40"], "about once a fortnight", '("about once a fortnight")'),
    (["10", "40", "6"], "2-3 days a year", "the middle of"),
    (["10", "40"], "never", "0 outages a year"),
])
def test_smaller_readings_say_what_they_took(engine: Engine, answers: list[str], text: str,
                                             expected: str) -> None:
    chat = started(engine)
    answer(chat, *answers)
    assert expected in text_of(chat.say(text))


def test_two_figures_for_one_question_ask_which(engine: Engine) -> None:
    chat = started(engine)
    answer(chat, "10", "40")
    turn = chat.say("last year we had 4, this year already 6")
    assert "incidents_per_year" not in values(chat) and pending(chat) == "incidents_per_year"
    assert "4" in text_of(turn) and "6" in text_of(turn)
    chat.say("6")
    assert values(chat)["incidents_per_year"] == 6


def test_money_is_money_without_a_currency(engine: Engine) -> None:
    chat = started(engine)
    assert "a price per period" in text_of(chat.say("5k a month"))


def test_figures_taken_before_the_currency_was_known_are_shown_in_it(engine: Engine) -> None:
    chat = started(engine)
    answer(chat, "10", "40", "6", "3 hours")
    turn = chat.say("$90 an hour")
    assert "$40 an hour of one person's time" in text_of(turn)


def test_no_outages_makes_the_figures_per_outage_moot_until_outages_come_back(
        engine: Engine) -> None:
    chat = started(engine)
    answer(chat, "10", "40")
    turn = chat.say("never")
    assert "0 outages a year" in text_of(turn) and "counted them as 0" in text_of(turn)
    assert pending(chat) == "breakfix_rate"
    assert values(chat)["downtime_hours_per_incident"] == 0
    chat.say("no, 3 a year")
    assert values(chat)["incidents_per_year"] == 3
    assert pending(chat) == "downtime_hours_per_incident"
