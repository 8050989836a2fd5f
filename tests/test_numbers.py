"""How the advisor reads numbers typed in chat, and writes them back."""
from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.english import PER_WORDS, PERIOD_WORDS, UNIT_WORDS
from bot.numbers import (
    Quantity,
    format_money,
    format_number,
    parse_quantities,
    parse_quantity,
    parse_yes_no,
)

INF = math.inf


def q(low: float, high: float | None = None, approx: bool = False,
      currency: str | None = None, per: str | None = None, unit: str | None = None,
      each: str | None = None, implied: bool = False) -> Quantity:
    return Quantity(low, low if high is None else high, approx, currency, per, unit, each,
                    implied)


# A number-to-words writer, independent of the parser, for the round-trip property.
_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
_TENS_WORDS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
               "ninety"]


def _below_100(n: int, hyphen: bool) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS_WORDS[tens] + (("-" if hyphen else " ") + _ONES[ones] if ones else "")


def _below_1000(n: int, hyphen: bool, use_and: bool) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if hundreds and rest and use_and:
        parts.append("and")
    if rest:
        parts.append(_below_100(rest, hyphen))
    return " ".join(parts)


def to_words(n: int, hyphen: bool = True, use_and: bool = True) -> str:
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    parts = [_below_1000(thousands, hyphen, use_and) + " thousand"] if thousands else []
    if thousands and rest and rest < 100 and use_and:
        parts.append("and")
    if rest:
        parts.append(_below_1000(rest, hyphen, use_and))
    return " ".join(parts)


def test_the_test_helper_writes_english() -> None:
    assert to_words(225) == "two hundred and twenty-five"
    assert to_words(1005) == "one thousand and five"
    assert to_words(999_999, hyphen=False, use_and=False) == (
        "nine hundred ninety nine thousand nine hundred ninety nine")


# --- digits ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("12", q(12)), ("1,500", q(1500)), ("1 500", q(1500)), ("1,234,567", q(1_234_567)),
    ("12.5", q(12.5)), ("0.5", q(0.5)), (".5", q(0.5)), ("3.5k", q(3500)), ("5k", q(5000)),
    ("40K", q(40000)), ("1.2m", q(1_200_000)), ("2 million", q(2_000_000)),
    ("1.5 million", q(1_500_000)), ("5 grand", q(5000)), ("2bn", q(2e9)),
    ("5 k", q(5000)), ("2 hundred thousand", q(200_000)), ("2 dozen", q(24)),
    ("1,500.50", q(1500.5)), ("we have 12 people", q(12, unit="person")), ("9 countries", q(9)),
    ("since 2024", q(2024)), ("-5", q(5)),
])
def test_digits(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


# --- number words ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("five", q(5)), ("Twelve", q(12)), ("twenty-five", q(25)), ("twenty five", q(25)),
    ("a hundred", q(100)), ("two hundred and twenty", q(220)), ("two hundred twenty", q(220)),
    ("one thousand five hundred", q(1500)), ("a thousand", q(1000)),
    ("nineteen hundred", q(1900)), ("a hundred and twenty", q(120)),
    ("three million", q(3_000_000)), ("a dozen", q(12)), ("half a dozen", q(6)),
    ("a couple", q(2)), ("a couple of hours", q(2, unit="hour")), ("couple of people", q(2, unit="person")),
    ("a couple hundred", q(200)), ("a couple of hundred", q(200)),
    ("a few", q(2, 4, True)), ("a few hundred", q(200, 400, True)),
    ("a handful", q(5, approx=True)), ("a handful of staff", q(5, approx=True, unit="person")),
    ("several", q(3, 7, True)), ("several thousand", q(3000, 7000, True)),
    ("dozens", q(24, 99, True)), ("hundreds", q(200, 999, True)),
    ("hundreds of thousands", q(200_000, 999_000, True)),
    ("tens of thousands", q(20_000, 99_000, True)),
    ("none", q(0)), ("no one", q(0)), ("nobody", q(0)), ("zero", q(0)),
    ("once a year", q(1, per="year", unit="event")), ("twice a month", q(2, per="month", unit="event")),
    ("five grand", q(5000)), ("half a million", q(500_000)), ("half an hour", q(0.5, unit="hour")),
])
def test_number_words(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("1.500", q(1500)), ("EUR 1.500", q(1500, currency="EUR")), ("1.500.000", q(1_500_000)),
    ("1.500,50 €", q(1500.5, currency="EUR")), ("2,5 hours", q(2.5, unit="hour")),
    ("12,50 €", q(12.5, currency="EUR")),
    ("1 500,5", q(1500.5)), ("0.500", q(0.5)), ("1.2345", q(1.2345)),
])
def test_european_separators(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


def test_lists_and_versions_are_not_numbers() -> None:
    assert parse_quantities("sites 1,2,3 and version 1.2.3") == []


def test_number_words_do_not_run_together() -> None:
    assert parse_quantities("five five") == [q(5), q(5)]
    assert parse_quantities("one, two") == [q(1), q(2)]


# --- hedges ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("about 45 staff", 45), ("around 70 employees", 70), ("roughly two hundred and twenty", 220),
    ("~40", 40), ("≈ 40", 40), ("40ish", 40), ("40-ish", 40), ("40 ish", 40), ("maybe 10", 10),
    ("approx. 30", 30), ("approximately 30", 30), ("close to 100", 100), ("nearly 50", 50),
    ("almost 20", 20), ("40 or so", 40), ("40, give or take", 40), ("probably 12", 12),
    ("40-odd people", 40), ("something like 60", 60), ("about an hour", 1), ("a dozen or so", 12),
    ("I'd say 15", 15), ("5 people or so", 5), ("perhaps 8", 8), ("40 more or less", 40),
])
def test_hedges_mark_the_number_approximate(text: str, value: float) -> None:
    found = parse_quantity(text)
    assert found is not None and found.approx and found.value == value


def test_plain_numbers_are_not_approximate() -> None:
    assert parse_quantity("45 staff") == q(45, unit="person")


def test_give_or_take_a_margin_makes_a_range() -> None:
    assert parse_quantity("40 give or take 5") == q(35, 45, True)
    assert parse_quantity("40 +/- 5") == q(35, 45, True)
    assert parse_quantity("$40k ± 5") == q(35_000, 45_000, True, "USD")
    assert parse_quantity("3 give or take 5") == q(0, 8, True)


# --- ranges ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2-3 sites", q(2, 3)), ("2 – 3", q(2, 3)), ("2—3", q(2, 3)), ("2 to 3", q(2, 3)),
    ("between 10 and 20", q(10, 20)), ("between 10-20", q(10, 20)), ("10 or 20", q(10, 20)),
    ("from 10 to 20", q(10, 20)), ("10-20k", q(10_000, 20_000)), ("1-1.5m", q(1e6, 1.5e6)),
    ("500-2k", q(500, 2000)), ("2 to 3 hundred", q(200, 300)),
    ("ten to twenty thousand", q(10_000, 20_000)), ("one or two", q(1, 2)),
    ("five-ten", q(5, 10)), ("an hour or two", q(1, 2, unit="hour")), ("a day or two", q(1, 2, unit="day")),
    ("$40-60/hour", q(40, 60, currency="USD", per="hour")),
    ("$40-$60 an hour", q(40, 60, currency="USD", per="hour")),
    ("€40-€60", q(40, 60, currency="EUR")), ("40-60 dollars", q(40, 60, currency="USD")),
    ("about 5-10", q(5, 10, True)), ("2-3ish", q(2, 3, True)),
    ("between $40 and $60 an hour", q(40, 60, currency="USD", per="hour")),
    ("1 or 2 hours a week", q(1, 2, per="week", unit="hour")),
])
def test_ranges(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


def test_backwards_pairs_are_not_ranges() -> None:
    assert parse_quantities("9-5") == [q(9), q(5)]
    assert parse_quantities("reduce 10 to 5") == [q(10), q(5)]


def test_value_is_the_midpoint_of_a_range() -> None:
    assert q(10, 20).value == 15
    assert q(7).value == 7


# --- open ranges -------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("over 200", q(200, INF)), ("more than 50", q(50, INF)), ("200+", q(200, INF)),
    ("200 plus", q(200, INF)), ("at least 10", q(10, INF)), ("10 or more", q(10, INF)),
    ("well over 200", q(200, INF)), ("upwards of 50", q(50, INF)), ("> 30", q(30, INF)),
    ("no less than 8", q(8, INF)), ("10 at least", q(10, INF)),
    ("under 10", q(0, 10)), ("less than 5", q(0, 5)), ("fewer than 20", q(0, 20)),
    ("up to 30", q(0, 30)), ("at most 4", q(0, 4)), ("no more than 10", q(0, 10)),
    ("10 or less", q(0, 10)), ("4 tops", q(0, 4)), ("< 5", q(0, 5)), ("just under 10", q(0, 10)),
    ("over $200 a month", q(200, INF, currency="USD", per="month")),
])
def test_open_ranges(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


def test_open_range_value_is_its_floor() -> None:
    assert q(200, INF).value == 200


def test_plus_vat_is_not_an_open_range() -> None:
    assert parse_quantity("£60 plus VAT") == q(60, currency="GBP")
    assert parse_quantity("£60 + VAT per hour") == q(60, currency="GBP")


# --- currencies and rates ----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("$40/hour", q(40, currency="USD", per="hour")),
    ("$40/hr", q(40, currency="USD", per="hour")),
    ("$40/h", q(40, currency="USD", per="hour")),
    ("40 dollars an hour", q(40, currency="USD", per="hour")),
    ("40 bucks an hour", q(40, currency="USD", per="hour")),
    ("£60 per hour", q(60, currency="GBP", per="hour")),
    ("£60 p/h", q(60, currency="GBP", per="hour")),
    ("60 quid an hour", q(60, currency="GBP", per="hour")),
    ("€2,000 a month", q(2000, currency="EUR", per="month")),
    ("2000 euros monthly", q(2000, currency="EUR", per="month")),
    ("5k a month", q(5000, per="month")),
    ("3000 per month", q(3000, per="month")),
    ("$99/mo", q(99, currency="USD", per="month")),
    ("$99/m", q(99, currency="USD", per="month")),
    ("1500 pcm", q(1500, per="month")),
    ("36k a year", q(36000, per="year")),
    ("36k annually", q(36000, per="year")),
    ("36k pa", q(36000, per="year")),
    ("£36k p.a.", q(36000, currency="GBP", per="year")),
    ("36k per annum", q(36000, per="year")),
    ("$500 per incident", q(500, currency="USD", each="incident")),
    ("$500 each time", q(500, currency="USD", each="incident")),
    ("$200 a pop", q(200, currency="USD", each="incident")),
    ("1,200 usd monthly", q(1200, currency="USD", per="month")),
    ("USD 1,200", q(1200, currency="USD")),
    ("12,400 CHF", q(12400, currency="CHF")),
    ("40€", q(40, currency="EUR")),
    ("40 € per hour", q(40, currency="EUR", per="hour")),
    ("$50 per head", q(50, currency="USD", each="person")),
    ("$50 per user", q(50, currency="USD", each="person")),
    ("$100 per user per month", q(100, currency="USD", per="month", each="person")),
    ("$100 a month per user", q(100, currency="USD", per="month", each="person")),
    ("$200 a day", q(200, currency="USD", per="day")),
    ("$800 a week", q(800, currency="USD", per="week")),
    ("3 times a year", q(3, per="year", unit="event")),
    ("3x a year", q(3, per="year")),
    ("3 outages a year", q(3, per="year", unit="event")),
    ("4 hours a month", q(4, per="month", unit="hour")),
    ("we lose about 2k an hour", q(2000, approx=True, per="hour")),
    ("$5k/mo", q(5000, currency="USD", per="month")),
    ("5 grand a month", q(5000, per="month")),
])
def test_currencies_and_rates(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


# --- how often ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("every 2 months", q(0.5, per="month")),
    ("once every couple of months", q(0.5, per="month", unit="event")),
    ("every other week", q(0.5, per="week")), ("every six months", q(1 / 6, per="month")),
    ("about every 3-4 months", q(0.25, 1 / 3, True, per="month")),
    ("every few weeks", q(0.25, 0.5, True, per="week")),
    ("twice every 3 months", q(2 / 3, per="month", unit="event")),
    ("$500 every 2 months", q(250, currency="USD", per="month")),
    ("5 people every day", q(5, per="day", unit="person")), ("an hour and a half", q(1.5, unit="hour")),
    ("two and a half hours", q(2.5, unit="hour")), ("1 and a half", q(1.5)),
])
def test_frequencies_and_halves(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


def test_every_without_a_number_is_not_a_quantity() -> None:
    assert parse_quantity("every month") is None
    assert parse_quantity("monthly") is None


# --- things that are not quantities ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "", "   ", "hello", "we use office365", "24/7", "24x7", "24-7", "at 10am", "at 3 pm",
    "2024-03-01", "1/2/2024", "version 1.2.3", "the 3rd party", "a lot", "many", "some",
    "a month ago", "no", "about", "$", "between and", "v2", "w10", "at 10 a.m.", "9 o'clock",
])
def test_not_quantities(text: str) -> None:
    assert parse_quantity(text) is None


def test_support_around_the_clock_is_not_a_rate() -> None:
    assert parse_quantities("we need 24/7 support for 40 people") == [q(40, unit="person")]


def test_a_month_ago_is_not_one() -> None:
    assert parse_quantity("a month ago we had 30") == q(30)


def test_several_quantities_in_order() -> None:
    found = parse_quantities("about 45 staff across 3 sites, paying $40/hour")
    assert found == [q(45, approx=True, unit="person"), q(3), q(40, currency="USD", per="hour")]


def test_phone_number_junk_does_not_crash() -> None:
    for found in parse_quantities("call +44 (0)20 7946 0958 or 555-123-4567 ext. 12"):
        assert found.low <= found.high


def test_huge_input_reads_only_its_start() -> None:
    """Speed is `advisor bench`'s business; here: a huge input is read, not choked on."""
    text = "about 1,500 people " + "9" * 100_000 + " and 40-60 " * 10_000
    assert parse_quantity(text) == q(1500, approx=True, unit="person")


def test_only_the_first_2000_characters_are_read() -> None:
    assert parse_quantities("x" * 2000 + " 42") == []


def test_long_digit_runs_never_become_infinite() -> None:
    for text in ("9" * 400, "1," + ",".join(["000"] * 600), "9" * 15 + "bn"):
        for found in parse_quantities(text):
            assert math.isfinite(found.low) and math.isfinite(found.high)


def test_quantity_refuses_impossible_values() -> None:
    with pytest.raises(ValueError):
        Quantity(5, 1)
    with pytest.raises(ValueError):
        Quantity(math.nan, 1)
    with pytest.raises(ValueError):
        Quantity(INF, INF)


# --- properties --------------------------------------------------------------------------

@settings(max_examples=300)
@given(st.text())
def test_any_text_parses_without_raising(text: str) -> None:
    for found in parse_quantities(text):
        assert not math.isnan(found.low) and not math.isnan(found.high)
        assert math.isfinite(found.low) and 0 <= found.low <= found.high
    first = parse_quantity(text)
    assert first is None or first == parse_quantities(text)[0]


_CHATTY = st.lists(st.sampled_from([
    "about", "over", "under", "-", "to", "or", "and", "between", "$", "£", "€", "k", "a", "an",
    "hour", "month", "per", "/", "ish", "+", "give", "take", "hundred", "thousand", "dozen",
    "few", "couple", "of", "half", "twenty", "five", "1,500", "12.5", "3", "40", "0", ",", "ago",
    "people", "times", "more", "less", "than", "so", "plus", "vat", "dozens", "no", "one",
]), max_size=14).map(" ".join)


@settings(max_examples=500)
@given(_CHATTY)
def test_chat_like_word_soup_gives_sane_quantities(text: str) -> None:
    for found in parse_quantities(text):
        assert math.isfinite(found.low) and 0 <= found.low <= found.high


@given(st.integers(min_value=0, max_value=10**12))
def test_integers_with_commas_round_trip(n: int) -> None:
    assert parse_quantity(format_number(n)) == q(n)
    assert parse_quantity(f"{n:,}") == q(n)
    assert parse_quantity(str(n)) == q(n)


@given(st.integers(min_value=0, max_value=999_999))
def test_k_suffix_round_trips(n: int) -> None:
    assert parse_quantity(f"{n}k") == q(n * 1000)
    assert parse_quantity(f"{n / 10}k") == q(round(n * 100, 6))


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6),
       st.sampled_from(["-", " - ", " to ", "–", " or "]))
def test_any_range_has_low_at_most_high(a: int, b: int, joiner: str) -> None:
    found = parse_quantity(f"{a}{joiner}{b}")
    assert found is not None and found.low <= found.high
    if a <= b:
        assert found == q(a, b)
    else:
        assert found == q(a)


@given(st.integers(min_value=0, max_value=999_999), st.booleans(), st.booleans())
def test_number_words_round_trip(n: int, hyphen: bool, use_and: bool) -> None:
    assert parse_quantity(to_words(n, hyphen, use_and)) == q(n)


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["USD", "EUR", "GBP", "CHF"]))
def test_formatted_money_reads_back(n: int, currency: str) -> None:
    assert parse_quantity(format_money(n, currency)) == q(n, currency=currency)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_format_number_reads_back_to_two_decimals(x: float) -> None:
    found = parse_quantity(format_number(x))
    assert found is not None and found.value == pytest.approx(abs(round(x, 2)), abs=1e-6)


# --- yes / no ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "yes", "Yes!", "yep", "yeah", "yup", "sure", "definitely", "absolutely", "we do",
    "of course", "Y", "yes we do", "I think so", "no problem", "yes, but not sure how many",
    "sure thing", "certainly", "for sure",
])
def test_yes(text: str) -> None:
    assert parse_yes_no(text) == "yes"


@pytest.mark.parametrize("text", [
    "no", "No.", "nope", "not really", "never", "we don't", "we dont", "we don’t", "nah",
    "not at all", "we do not", "definitely not", "of course not", "I don't think so",
    "no thanks", "not yet", "probably not", "absolutely not", "n",
])
def test_no(text: str) -> None:
    assert parse_yes_no(text) == "no"


@pytest.mark.parametrize("text", [
    "not sure", "I'm not sure", "don't know", "I don't know", "dunno", "maybe", "depends",
    "it depends", "skip", "no idea", "No idea!", "hard to say", "idk", "?", "??", " ? ",
    "we do not know", "perhaps", "yes and no", "not really sure", "no clue", "sort of",
])
def test_unsure(text: str) -> None:
    assert parse_yes_no(text) == "unsure"


@pytest.mark.parametrize("text", ["", "hello", "40", "what do you mean?", "tell me more",
                                  "managed services"])
def test_not_a_yes_no_answer(text: str) -> None:
    assert parse_yes_no(text) is None


@given(st.text())
def test_yes_no_never_raises(text: str) -> None:
    assert parse_yes_no(text) in ("yes", "no", "unsure", None)


def test_yes_no_reads_only_the_start_of_huge_input() -> None:
    assert parse_yes_no("blah " * 50_000 + "yes") is None


# --- formatting --------------------------------------------------------------------------

@pytest.mark.parametrize("value, text", [
    (1500, "1,500"), (12.5, "12.5"), (3.0, "3"), (0, "0"), (-0.0, "0"), (1_234_567, "1,234,567"),
    (12.345, "12.35"), (12.3449, "12.34"), (0.1 + 0.2, "0.3"), (-1500, "-1,500"), (2.999, "3"),
    (1e15, "1,000,000,000,000,000"),
])
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text


@pytest.mark.parametrize("value, currency, text", [
    (12400, "USD", "$12,400"), (12400, None, "12,400"), (12400, "EUR", "€12,400"),
    (12400, "GBP", "£12,400"), (12400, "CHF", "12,400 CHF"), (12400, "usd", "$12,400"),
    (12.5, "USD", "$12.50"), (0, "USD", "$0"), (-3420, "USD", "-$3,420"),
    (-3420, "CHF", "-3,420 CHF"), (-0.001, "USD", "$0"), (1234.567, None, "1,234.57"),
])
def test_format_money(value: float, currency: str | None, text: str) -> None:
    assert format_money(value, currency) == text


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan])
def test_formatting_refuses_non_finite(bad: float) -> None:
    with pytest.raises(ValueError):
        format_number(bad)
    with pytest.raises(ValueError):
        format_money(bad, "USD")


# --- units: what a number measures --------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("90 minutes", q(90, unit="minute")), ("20 mins", q(20, unit="minute")),
    ("3 hrs", q(3, unit="hour")), ("2h", q(2, unit="hour")), ("half a day", q(0.5, unit="day")),
    ("a full day", q(1, unit="day")), ("the whole day", q(1, unit="day")),
    ("all day", q(1, unit="day")), ("a working day", q(1, unit="day")),
    ("half-day", q(0.5, unit="day")), ("a half day", q(0.5, unit="day")),
    ("all afternoon", q(1, unit="half_day")), ("the whole morning", q(1, unit="half_day")),
    ("an afternoon", q(1, unit="half_day")), ("most of the day", q(0.5, 1, True, unit="day")),
    ("a quarter of an hour", q(0.25, unit="hour")),
    ("three quarters of an hour", q(0.75, unit="hour")),
    ("a couple of days", q(2, unit="day")), ("a few minutes", q(2, 4, True, unit="minute")),
    ("2 full days", q(2, unit="day")), ("4 person-hours", q(4, unit="hour")),
    ("3 man days", q(3, unit="day")), ("a good hour", q(1, unit="hour")),
    ("a whole week", q(1, unit="week")), ("12 of us", q(12, unit="person")),
    ("3 outages", q(3, unit="event")), ("twice", q(2, unit="event")),
    ("4 callouts", q(4, unit="event")), ("2-3 days", q(2, 3, unit="day")),
    ("1 or 2 hours", q(1, 2, unit="hour")),
])
def test_units(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("three a quarter", q(3, per="quarter")), ("3 per qtr", q(3, per="quarter")),
    ("twice quarterly", q(2, per="quarter", unit="event")),
    ("once or twice a month", q(1, 2, per="month", unit="event")),
    ("2-3 days a year", q(2, 3, per="year", unit="day")),
    ("half a day each time", q(0.5, unit="day", each="incident")),
    ("90 minutes per outage", q(90, unit="minute", each="incident")),
    ("$150 a callout", q(150, currency="USD", each="incident")),
    ("£2k pcm", q(2000, currency="GBP", per="month")),
    ("5 grand a quarter", q(5000, per="quarter")),
    ("about 12 a year", q(12, approx=True, per="year")),
    ("a few times a month", q(2, 4, True, per="month", unit="event")),
    ("once a fortnight", q(0.5, per="week", unit="event")),
])
def test_periods(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text, per", [
    ("weekly", "week"), ("monthly", "month"), ("Quarterly", "quarter"), ("daily", "day"),
    ("every month", "month"), ("each week", "week"), ("annually", "year"),
])
def test_a_period_alone_means_once_a_period(text: str, per: str) -> None:
    [found] = parse_quantities(text)
    assert found == q(1, per=per, implied=True)
    assert parse_quantity(text) is None    # not a number someone typed


def test_two_units_are_two_readings_not_a_range() -> None:
    assert parse_quantities("an hour or 90 minutes") == [q(1, unit="hour"), q(90, unit="minute")]
    assert parse_quantities("45 minutes to an hour") == [q(45, unit="minute"), q(1, unit="hour")]
    assert parse_quantities("reduce 10 people to 5") == [q(10, unit="person"), q(5)]


def test_each_reading_keeps_its_words_and_the_words_before_it() -> None:
    found = parse_quantities("Twice a month, half a day each time")
    assert [f.said for f in found] == ["twice a month", "half a day each time"]
    assert [f.gap for f in found] == ["", ","]
    assert [f.said for f in parse_quantities("1 hour 30 minutes")] == ["1 hour", "30 minutes"]


def test_a_range_says_so() -> None:
    assert parse_quantity("2-3 hours").ranged and not parse_quantity("3 hours").ranged


# Properties over the reader's whole vocabulary: every unit and period word it knows is
# read with the amount typed before it, whatever the amount.

_AMOUNTS = st.one_of(st.integers(min_value=1, max_value=100_000),
                     st.integers(min_value=1, max_value=9_999).map(lambda n: n / 10))


def _typed(n: float) -> str:
    return format_number(n).replace(",", "")


@given(_AMOUNTS, st.sampled_from(sorted(UNIT_WORDS)))
def test_every_unit_word_is_read_with_its_amount(n: float, word: str) -> None:
    text = f"{_typed(n)} {'of ' + word if word == 'us' else word}"
    assert parse_quantity(text) == q(n, unit=UNIT_WORDS[word])


@given(_AMOUNTS, st.sampled_from(sorted(PERIOD_WORDS)), st.sampled_from(["per", "/", "a", "every"]))
def test_every_period_word_is_read_as_the_period(n: float, word: str, intro: str) -> None:
    if intro in ("a", "every") and (word.endswith("s") or word == "annum"):
        word = {"annum": "year"}.get(word, word.rstrip("s") or word)
        if word not in PERIOD_WORDS:
            return
    article = "an" if intro == "a" and word[0] in "aeiouh" and word != "hr" else intro
    found = parse_quantity(f"{_typed(n)} {article} {word}")
    assert found == q(n, per=PERIOD_WORDS[word])


@given(_AMOUNTS, st.sampled_from(sorted(PER_WORDS)), st.sampled_from(["", "$", "£"]))
def test_every_period_adverb_is_read_as_the_period(n: float, word: str, symbol: str) -> None:
    currency = {"$": "USD", "£": "GBP"}.get(symbol)
    assert parse_quantity(f"{symbol}{_typed(n)} {word}") == q(n, currency=currency,
                                                             per=PER_WORDS[word])


@given(st.integers(min_value=2, max_value=60), st.sampled_from(["weeks", "months", "days"]))
def test_once_every_k_periods_is_one_kth_a_period(k: int, plural: str) -> None:
    found = parse_quantity(f"once every {k} {plural}")
    assert found is not None and found.per == plural[:-1]
    assert found.value * k == pytest.approx(1)


@pytest.mark.parametrize("text, expected", [
    ("$20 per worker per month", q(20, currency="USD", per="month", each="person")),
    ("$150 per breakdown", q(150, currency="USD", each="incident")),
    ("2 mths", q(2, unit="month")),
    ("3 qtrs", q(3, unit="quarter")),
    ("3 visits a year", q(3, per="year", unit="event")),
])
def test_one_word_list_serves_counts_and_pers_and_durations_and_periods(text, expected):
    """A noun that can be counted can be "per"; a length of time can be a period."""
    found = parse_quantity(text)
    assert found is not None and found == replace(expected, said=found.said, gap=found.gap)


# --- audit: a length said with how often it happens, second thoughts, "never" -------------

def test_a_length_every_so_often_is_a_length_and_how_often() -> None:
    """ "2 hours every other week" is 2 hours each time, once a fortnight: two readings,
    in either order, never 1 hour a week."""
    assert parse_quantities("a couple of hours every other week") == [
        q(2, unit="hour"), q(0.5, per="week")]
    assert parse_quantities("every other week, for a couple of hours") == [
        q(0.5, per="week"), q(2, unit="hour")]


@pytest.mark.parametrize("text, expected", [
    ("an hour, maybe two", q(1, 2, True, unit="hour")),
    ("twice a year, maybe three times", q(2, 3, True, per="year", unit="event")),
    ("12 people, perhaps 13", q(12, 13, True, unit="person")),
    ("3 hours, or maybe 4", q(3, 4, True, unit="hour")),
])
def test_a_second_thought_after_a_comma_makes_a_range(text: str, expected: Quantity) -> None:
    assert parse_quantities(text) == [expected]


def test_figures_without_a_second_thought_stay_two() -> None:
    assert len(parse_quantities("last year we had 4, this year already 6")) == 2
    assert len(parse_quantities("3 hours, maybe $80 an hour")) == 2


@pytest.mark.parametrize("text", ["never", "never, touch wood", "we've never had an outage"])
def test_never_is_no_events(text: str) -> None:
    """Said without a number, like "weekly": so a bare parse_quantity never takes it."""
    assert parse_quantities(text)[0] == q(0, unit="event", implied=True)


def test_never_before_a_figure_is_not_zero() -> None:
    assert parse_quantities("never more than 3 hours") == [q(3, INF, unit="hour")]


@pytest.mark.parametrize("text, said", [
    ("about once a fortnight", "about once a fortnight"),
    ("fortnightly", "fortnightly"), ("£40 p/h", "£40 p/h"), ("±5 people", "±5 people"),
])
def test_said_quotes_the_words_typed_not_their_rewriting(text: str, said: str) -> None:
    assert parse_quantities(text)[0].said == said
