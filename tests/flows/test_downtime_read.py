"""Reading calculator answers: which figure a reading is, and its value in that figure's unit.

Figures are checked against the shipped conversions (a working day of 8 hours, 250
working days, 52 weeks, 12 months, 4 quarters), worked out by hand in each comment.
"""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.english import DURATION_WORDS, PERIOD_WORDS
from bot.flows.downtime_fit import Fitter
from bot.flows.downtime_read import Reader
from bot.knowledge import Knowledge
from bot.measures import CONSTANTS, Conversions, hours_in, in_a_year, per
from bot.numbers import parse_quantity

SO_FAR = {"staff_affected": 12.0, "cost_per_staff_hour": 45.0, "incidents_per_year": 6.0}


@pytest.fixture(scope="module")
def reader(kb: Knowledge) -> Reader:
    return Reader(kb.downtime_dialog)


def figures(reader: Reader, text: str, step: str, values: dict[str, float] | None = None):
    reading = reader.read(text, step, SO_FAR if values is None else values)
    return [(f.step, pytest.approx(f.value)) for f in reading.fits]


@pytest.mark.parametrize("step, text, value", [
    ("staff_affected", "the whole office, 15 of us", 15),
    ("staff_affected", "8 or 9 people", 8.5),                        # the middle
    ("staff_affected", "Roughly two dozen", 24),
    ("cost_per_staff_hour", "60k a year", 30),                      # 60,000 / (250 x 8)
    ("cost_per_staff_hour", "£300 a day", 37.5),                     # 300 / 8
    ("cost_per_staff_hour", "they each take home about 3,500 a month", 21),   # x12 / 2000
    ("cost_per_staff_hour", "30ish", 30),
    ("incidents_per_year", "weekly", 52),
    ("incidents_per_year", "every other month", 6),
    ("incidents_per_year", "once or twice a month", 18),             # 12-24, the middle
    ("incidents_per_year", "3 a quarter", 12),
    ("incidents_per_year", "every 6 weeks or so", 52 / 6),
    ("incidents_per_year", "none at all", 0),
    ("incidents_per_year", "most weeks, so 40 a year", 40),          # restated in years
    ("downtime_hours_per_incident", "all afternoon", 4),
    ("downtime_hours_per_incident", "usually a full day", 8),
    ("downtime_hours_per_incident", "half a day", 4),
    ("downtime_hours_per_incident", "45 minutes to an hour", 0.875),  # 0.75-1, the middle
    ("downtime_hours_per_incident", "1 hour 30 minutes", 1.5),
    ("downtime_hours_per_incident", "an hour and a half", 1.5),
    ("downtime_hours_per_incident", "2-3 days a year", 40 / 12),     # 16-24 h over 6 outages
    ("downtime_hours_per_incident", "a day, that's 7.5 hours for us", 7.5),
    ("downtime_hours_per_incident", "20 mins", 1 / 3),
    ("breakfix_rate", "£85/h", 85),
    ("breakfix_rate", "about a hundred bucks an hour", 100),
    ("breakfix_rate", "$800 a day", 100),
    ("tech_hours_per_incident", "an hour or two", 1.5),
    ("tech_hours_per_incident", "90 mins", 1.5),
    ("managed_monthly_fee", "60k a year", 5000),
    ("managed_monthly_fee", "12k a quarter", 4000),
    ("managed_monthly_fee", "£2k pcm", 2000),
    ("managed_monthly_fee", "$100 per user per month", 1200),        # x 12 people
])
def test_the_figure_asked_for(reader: Reader, step: str, text: str, value: float) -> None:
    assert figures(reader, text, step)[0] == (step, pytest.approx(value))


@pytest.mark.parametrize("step, text", [
    ("staff_affected", "5k a month"), ("staff_affected", "$120 an hour"),
    ("cost_per_staff_hour", "3 hours"), ("cost_per_staff_hour", "five people"),
    ("incidents_per_year", "about 3 hours"), ("incidents_per_year", "$2,000"),
    ("downtime_hours_per_incident", "$120 an hour"), ("downtime_hours_per_incident", "twice a month"),
    ("downtime_hours_per_incident", "7 people"),
    ("breakfix_rate", "3 hours"), ("breakfix_rate", "$150 a callout"),
    ("tech_hours_per_incident", "$120 an hour"),
    ("managed_monthly_fee", "120 an hour"), ("managed_monthly_fee", "weekly"),
])
def test_a_figure_of_the_wrong_kind_is_never_taken(reader: Reader, step: str, text: str) -> None:
    reading = reader.read(text, step, SO_FAR)
    assert not reading.fits and reading.wrong is not None
    assert reading.moved is None or reading.moved.step != step


def test_a_total_needs_the_number_of_outages(reader: Reader) -> None:
    no_count = {"staff_affected": 12.0}
    assert not reader.read("2-3 days a year", "downtime_hours_per_incident", no_count).fits


@pytest.mark.parametrize("step, text, expected", [
    ("incidents_per_year", "twice a month, half a day each time",
     [("incidents_per_year", 24), ("downtime_hours_per_incident", 4)]),
    ("incidents_per_year", "three outages a quarter, each costing us about a day",
     [("incidents_per_year", 12), ("downtime_hours_per_incident", 8)]),
    ("staff_affected", "20 staff, each of them down for about 2 hours",
     [("staff_affected", 20), ("downtime_hours_per_incident", 2)]),
    ("downtime_hours_per_incident", "3 hours, and the tech bills £90/h",
     [("downtime_hours_per_incident", 3), ("breakfix_rate", 90)]),
    ("tech_hours_per_incident", "2 hours, we've been quoted 1,500 a month for managed",
     [("tech_hours_per_incident", 2), ("managed_monthly_fee", 1500)]),
])
def test_an_answer_with_two_figures_fills_both(reader: Reader, step: str, text: str,
                                               expected: list[tuple[str, float]]) -> None:
    values = {k: v for k, v in SO_FAR.items() if k != step and k not in dict(expected)}
    assert figures(reader, text, step, values) == [(s, pytest.approx(v)) for s, v in expected]


@pytest.mark.parametrize("text", [
    "half a day, so 4 hours", "2 a month or 24 a year", "12 people, maybe 13",
])
def test_a_restatement_is_one_figure(reader: Reader, text: str) -> None:
    step = "downtime_hours_per_incident" if "day" in text else \
        "incidents_per_year" if "month" in text else "staff_affected"
    values = {"staff_affected": 12.0, "incidents_per_year": 6.0} if step != "staff_affected" else {}
    assert [s for s, _ in figures(reader, text, step, values)] == [step]


def test_words_beside_a_figure_say_which_it_is(reader: Reader) -> None:
    text = "2 people, they earn about 30 an hour"
    assert figures(reader, text, "staff_affected", {}) == [
        ("staff_affected", pytest.approx(2)), ("cost_per_staff_hour", pytest.approx(30))]
    # the staff cost already given: never taken as the technician's rate instead
    assert figures(reader, text, "staff_affected", {"cost_per_staff_hour": 45.0}) == [
        ("staff_affected", pytest.approx(2))]


def test_a_lone_answer_for_the_only_step_of_its_kind_is_moved_there(reader: Reader) -> None:
    reading = reader.read("we were quoted $1,800 a month", "tech_hours_per_incident", SO_FAR)
    assert reading.moved is not None and reading.moved.step == "managed_monthly_fee"
    # money an hour could be the staff cost or the technician: questioned, not guessed
    assert reader.read("$120 an hour", "downtime_hours_per_incident", {}).moved is None


@pytest.mark.parametrize("text, step", [
    ("change the technician rate", "breakfix_rate"), ("tech rate", "breakfix_rate"),
    ("the people", "staff_affected"), ("headcount", "staff_affected"),
    ("how often", "incidents_per_year"), ("msp fee", "managed_monthly_fee"),
    ("salary", "cost_per_staff_hour"), ("technician time", "tech_hours_per_incident"),
    ("hours down", "downtime_hours_per_incident"),
])
def test_a_figure_is_named_by_part_of_its_label_or_a_synonym(reader: Reader, text: str,
                                                              step: str) -> None:
    assert reader.named(text) == step


def test_a_name_two_figures_share_names_neither(reader: Reader) -> None:
    assert reader.named("technician") is None and reader.named("xy") is None


# Properties over the reader's vocabulary, with any constants: the figure a step takes is
# the amount typed times the conversion of its unit or period.

_CONSTANT = st.floats(min_value=0.5, max_value=400, allow_nan=False, allow_infinity=False)
_CONVERSIONS = st.fixed_dictionaries({n: _CONSTANT for n in CONSTANTS}).map(Conversions)
_N = st.integers(min_value=1, max_value=20_000)


@given(_CONVERSIONS, _N, st.sampled_from(sorted(DURATION_WORDS)))
def test_hours_are_the_amount_times_its_unit(reader: Reader, conv: Conversions, n: int,
                                             word: str) -> None:
    fitter, step = Fitter(conv), reader.steps["downtime_hours_per_incident"]
    fit = fitter.fit(step, parse_quantity(f"{n} {word}"), {})
    scale = hours_in(DURATION_WORDS[word])
    assert fit is not None and fit.value == pytest.approx(n * conv.factor(scale))
    assert fit.used == scale.used


@given(_CONVERSIONS, _N, st.sampled_from(sorted(PERIOD_WORDS)))
def test_how_often_is_the_amount_times_its_period(reader: Reader, conv: Conversions, n: int,
                                                 word: str) -> None:
    step = reader.steps["incidents_per_year"]
    fit = Fitter(conv).fit(step, parse_quantity(f"{n} per {word}"), {})
    scale = in_a_year(PERIOD_WORDS[word])
    assert fit is not None and fit.value == pytest.approx(n * conv.factor(scale))
    assert fit.used == scale.used


@given(_CONVERSIONS, _N, st.sampled_from(sorted(PERIOD_WORDS)),
       st.sampled_from(["cost_per_staff_hour", "managed_monthly_fee"]))
def test_money_is_the_amount_moved_to_the_steps_period(reader: Reader, conv: Conversions, n: int,
                                                       word: str, step_id: str) -> None:
    period = PERIOD_WORDS[word]
    wanted = "hour" if step_id == "cost_per_staff_hour" else "month"
    fit = Fitter(conv).fit(reader.steps[step_id], parse_quantity(f"${n} per {word}"), {})
    if step_id == "managed_monthly_fee" and period == "hour":
        assert fit is None                  # an hourly rate is never a monthly fee
        return
    assert fit is not None and fit.value == pytest.approx(n * conv.factor(per(period, wanted)))



# Audit: every figure of an answer goes to the step it answers, never silently dropped.

OPEN = {"staff_affected": 10.0, "cost_per_staff_hour": 40.0}


def test_each_clause_names_its_own_figure(reader: Reader) -> None:
    """Words name the figure of their own sentence, the nearest one they can take: the hours
    an outage lasts are downtime, the hours the technician bills are technician hours."""
    text = ("2 outages a month, each lasting about 3 hours. "
            "The technician bills 2 hours at $80 an hour.")
    assert figures(reader, text, "incidents_per_year", OPEN) == [
        ("incidents_per_year", 24), ("downtime_hours_per_incident", 3),
        ("tech_hours_per_incident", 2), ("breakfix_rate", 80)]


@pytest.mark.parametrize("text", ["a couple of hours every other week",
                                  "every other week, for a couple of hours"])
def test_how_long_and_how_often_in_either_order(reader: Reader, text: str) -> None:
    assert sorted(figures(reader, text, "incidents_per_year", OPEN)) == [
        ("downtime_hours_per_incident", 2), ("incidents_per_year", 26)]


@pytest.mark.parametrize("text, often", [("a couple of hours every other week", 26),
                                         ("about 3 hours, twice a month", 24)])
def test_a_figure_for_a_step_already_answered_is_read_not_dropped(
        reader: Reader, text: str, often: float) -> None:
    reading = reader.read(text, "downtime_hours_per_incident", SO_FAR)
    assert [(f.step, f.value, f.how, f.count) for f in reading.updates] == [
        ("incidents_per_year", pytest.approx(often), "update", 6)]


@pytest.mark.parametrize("text", ["every other month", "3 a week", "twice a month"])
def test_a_frequency_is_never_money(reader: Reader, text: str) -> None:
    for step in ("breakfix_rate", "cost_per_staff_hour", "managed_monthly_fee"):
        reading = reader.read(text, step, SO_FAR)
        assert not reading.fits and reading.wrong is not None
        assert reader.kind(reading.wrong) == "frequency"


def test_money_without_a_currency_is_money(reader: Reader) -> None:
    reading = reader.read("5k a month", "staff_affected", {})
    assert reading.wrong is not None and reader.kind(reading.wrong) == "money_rate"


def test_two_figures_for_the_question_asked_are_both_kept_to_ask_which(reader: Reader) -> None:
    reading = reader.read("last year we had 4, this year already 6", "incidents_per_year", OPEN)
    assert [f.value for f in reading.rivals] == [4, 6]


@pytest.mark.parametrize("step, text, value", [
    ("incidents_per_year", "never", 0),
    ("incidents_per_year", "twice a year, maybe three times", 2.5),
    ("downtime_hours_per_incident", "an hour, maybe two", 1.5),
])
def test_words_that_are_figures_too(reader: Reader, step: str, text: str, value: float) -> None:
    assert figures(reader, text, step)[0] == (step, pytest.approx(value))
