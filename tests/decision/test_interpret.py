"""Free-text answers read as options: many phrasings per factor, digits and words."""
from __future__ import annotations

import pytest

from bot.decision import DecisionModel, interpret

CASES: dict[str, list[tuple[str, str]]] = {
    "business_size": [
        ("about 45 staff", "midsize"), ("a dozen", "small"), ("1,500 employees", "large"),
        ("just me", "small"), ("me and my partner", "small"), ("7", "small"),
        ("we're a team of three", "small"), ("eighteen people", "small"),
        ("around 60", "midsize"), ("120 employees", "midsize"),
        ("two hundred staff", "midsize"), ("roughly 240 people", "midsize"),
        ("about 3000 people worldwide", "large"), ("over 500", "large"),
        ("a few thousand employees", "large"), ("we're a large enterprise", "large"),
        ("a small family business", "small"), ("mid-sized company", "midsize"),
        ("30-40 people", "midsize"), ("fewer than ten", "small"),
    ],
    "it_complexity": [
        ("a few laptops and email", "basic"), ("just the basics, nothing complicated", "basic"),
        ("a couple of computers and a printer", "basic"), ("very simple", "basic"),
        ("one file server and our accounting software", "moderate"),
        ("a server, a CRM and a shared drive", "moderate"),
        ("a booking system and a small network", "moderate"),
        ("lots of servers and custom applications", "complex"),
        ("an ERP with integrations to suppliers", "complex"),
        ("bespoke software and legacy systems", "complex"),
        ("it's complicated, dozens of systems", "complex"),
    ],
    "budget": [
        ("pay as you go", "pay_as_needed"), ("only when something breaks", "pay_as_needed"),
        ("our budget is tight", "pay_as_needed"), ("by the hour, no contract", "pay_as_needed"),
        ("a fixed monthly fee", "fixed_monthly"), ("predictable costs", "fixed_monthly"),
        ("the same every month, no surprises", "fixed_monthly"),
        ("per user pricing that grows with us", "scales"),
        ("pay per seat", "scales"),
        ("we could top up our existing team with external help", "top_up"),
        ("extra help on top of our own staff", "top_up"),
        ("money is not an issue, we can hire our own people", "fund_staff"),
        ("we have a big budget", "fund_staff"),
    ],
    "downtime_tolerance": [
        ("no big deal, we can wait a day", "tolerable"), ("we'd cope", "tolerable"),
        ("not critical for us", "tolerable"), ("it would be inconvenient", "tolerable"),
        ("it hurts, we lose sales", "costly"), ("painful, clients notice", "costly"),
        ("a few hours offline is expensive", "costly"),
        ("critical, we can't afford any", "critical"), ("none at all", "critical"),
        ("everything stops, it's a disaster", "critical"), ("we need 24/7 uptime", "critical"),
    ],
    "growth": [
        ("yes", "fast"), ("no", "stable"), ("we're stable", "stable"),
        ("no plans to grow", "stable"), ("staying the same size", "stable"),
        ("steady growth, a few people a year", "steady"), ("growing slowly", "steady"),
        ("expanding fast", "fast"), ("we'll double in size", "fast"),
        ("opening a new office next year", "fast"), ("hiring like crazy", "fast"),
    ],
    "internal_it": [
        ("nobody", "none"), ("no one looks after it", "none"), ("no IT staff", "none"),
        ("I do it myself on the side", "none"), ("zero", "none"), ("no", "none"),
        ("one IT guy", "one"), ("a part-time IT person", "one"), ("just one admin", "one"),
        ("a single sysadmin", "one"),
        ("one IT guy who is swamped", ("one", "stretched")),
        ("two IT staff who can't keep up", "stretched"), ("a small IT team, overloaded", "stretched"),
        ("3 people, always firefighting", "stretched"),
        ("we have an IT department", "full"), ("40 people in IT", "full"),
        ("a full team with a CIO", "full"), ("twelve engineers, well staffed", "full"),
    ],
    "control": [
        ("yes", "high"), ("no", "low"), ("not important", "low"), ("we don't mind", "low"),
        ("happy to outsource it", "low"), ("we want visibility and a say", "some"),
        ("regular reports and the final say", "some"),
        ("we need full control of our data", "high"), ("engineers on site", "high"),
        ("very important, we're regulated", "high"),
    ],
    "workforce": [
        ("one office", "one_site"), ("everyone in one building", "one_site"),
        ("2-3 sites", "several_sites"), ("four branches", "several_sites"),
        ("12 shops", "several_sites"), ("several locations across the country", "several_sites"),
        ("fully remote", "remote"), ("people work from home in different countries", "remote"),
        ("all over the world", "remote"), ("distributed across time zones", "remote"),
    ],
    "infrastructure": [
        ("our own servers", "on_prem"), ("on premises", "on_prem"),
        ("a server room in the office", "on_prem"),
        ("everything is in the cloud", "cloud"), ("Microsoft 365 and other SaaS", "cloud"),
        ("a mix of both", "mix"), ("some cloud, some servers", "mix"),
        ("we're migrating to the cloud", "mix"),
        ("no servers, just laptops", "devices"),
        ("the landlord provides it", "provided"), ("our parent company runs it", "provided"),
    ],
    "strategy": [
        ("yes, we want someone to help us plan", "partner"), ("yes", "partner"),
        ("a long-term roadmap", "partner"), ("strategic advice would help", "partner"),
        ("no", "fixes"), ("just fix things", "fixes"), ("no roadmap needed, keep it simple", "fixes"),
        ("we'd plan together with our IT team", "together"),
        ("our CIO sets the strategy internally", "covered"),
        ("head office decides all that", "elsewhere"),
    ],
    "support_need": [
        ("password resets", "everyday"), ("people locked out of accounts", "everyday"),
        ("day to day user questions", "everyday"), ("printers and email problems", "everyday"),
        ("the occasional broken laptop", "occasional"), ("now and then something breaks", "occasional"),
        ("security and backups", "reliability"), ("we got hacked last year", "reliability"),
        ("keeping the systems reliable", "reliability"),
        ("a migration project", "projects"), ("specialist expertise for an upgrade", "projects"),
        ("help for people working remotely", "anywhere"), ("support in all time zones", "anywhere"),
    ],
}

TABLE = [(f, text, want) for f, rows in CASES.items() for text, want in rows]


@pytest.mark.parametrize(("factor", "text", "want"), TABLE)
def test_reads_phrasing(model: DecisionModel, factor: str, text: str, want: str | tuple) -> None:
    got = interpret(model, factor, text)
    assert got.status == "answered", (text, got)
    assert got.option in (want if isinstance(want, tuple) else (want,)), (text, got)
    assert 0 < got.confidence <= 1


@pytest.mark.parametrize("text", ["not sure", "skip", "don't know", "no idea", "pass",
                                  "I'm not sure", "dunno", "hard to say", "skip this one"])
@pytest.mark.parametrize("factor", ["business_size", "internal_it", "strategy", "growth"])
def test_unsure(model: DecisionModel, factor: str, text: str) -> None:
    got = interpret(model, factor, text)
    assert (got.option, got.status) == (None, "unsure")


@pytest.mark.parametrize("text", ["", "   ", "banana", "qwerty zxcv", "???"])
def test_unreadable(model: DecisionModel, text: str) -> None:
    got = interpret(model, "it_complexity", text)
    assert got.status in ("unreadable", "unsure") and got.option is None


def test_every_label_and_id_reads_exactly(model: DecisionModel) -> None:
    for factor in model.factors.values():
        for option in factor.options:
            for typed in (option.label, option.id, option.label.lower(), f" {option.label}! "):
                got = interpret(model, factor.id, typed)
                assert (got.option, got.status, got.confidence) == (option.id, "answered", 1.0)


def test_close_variant_of_label(model: DecisionModel) -> None:
    assert interpret(model, "internal_it", "no it staf").option == "none"


def test_hedge_lowers_confidence(model: DecisionModel) -> None:
    plain = interpret(model, "growth", "expanding fast")
    hedged = interpret(model, "growth", "probably expanding fast")
    assert hedged.option == plain.option and hedged.confidence < plain.confidence


def test_unsure_with_clear_content_still_answers(model: DecisionModel) -> None:
    got = interpret(model, "internal_it", "not sure, we have an IT department of 40")
    assert (got.option, got.status) == ("full", "answered")


def test_negated_cue_does_not_count(model: DecisionModel) -> None:
    assert interpret(model, "control", "not important").option == "low"
    assert interpret(model, "growth", "not growing").option == "stable"


def test_number_beside_its_unit_wins(model: DecisionModel) -> None:
    assert interpret(model, "business_size", "3 offices and 40 staff").option == "midsize"
    assert interpret(model, "workforce", "40 staff in 3 offices").option == "several_sites"


def test_deterministic(model: DecisionModel) -> None:
    runs = {interpret(model, "internal_it", "two swamped IT people") for _ in range(5)}
    assert len(runs) == 1


# Reading rules: negation, contractions, competing cues, numbers, mixes and levels.

@pytest.mark.parametrize(("factor", "text", "want"), [
    ("control", "no need for anyone on site", "low"),          # negation reaches a few words
    ("control", "zero need for on-site support", "low"),
    ("control", "I don't need my own tech sitting here", "low"),
    ("control", "I dont need my own tech sitting here", "low"),  # with or without the apostrophe
    ("control", "I do not need my own tech sitting here", "low"),
    ("growth", "we aren't expanding", "stable"),                # denying one side of a yes/no
    ("strategy", "we don't need a roadmap", "fixes"),
    ("downtime_tolerance", "no real damage", "tolerable"),
    ("infrastructure", "no servers, just laptops", "devices"),  # a contrast ends the negation
    ("infrastructure", "no we run everything in the cloud", "cloud"),  # "no" answering, not negating
])
def test_negation(model: DecisionModel, factor: str, text: str, want: str) -> None:
    assert interpret(model, factor, text).option == want


@pytest.mark.parametrize(("factor", "text", "want"), [
    ("budget", "a monthly fee per user", "scales"),             # the longer, more specific cue wins
    ("budget", "a monthly subscription that scales with headcount", "scales"),
    ("budget", "we pay our IT staff and can add a monthly contract on top", "top_up"),
    ("strategy", "we'd plan together with our IT team", "together"),
    ("strategy", "yes, we need a plan for what moves to the cloud and what stays", "modernise"),
    ("strategy", "nice to have some advice, but mostly just support", "fixes"),  # after "but"
    ("infrastructure", "part local servers, part cloud services", "mix"),
    ("infrastructure", "on-premises, servers in every shop", "on_prem"),  # shop is not shopify
    ("it_complexity", "laptops, email and an on-site server", "moderate"),  # highest level mentioned
    ("support_need", "getting the local servers and the cloud working together", "integration"),
    ("support_need", "the odd broken laptop or printer jam", "occasional"),
    ("strategy", "just fixes", "fixes"),
])
def test_competing_cues(model: DecisionModel, factor: str, text: str, want: str) -> None:
    assert interpret(model, factor, text).option == want


@pytest.mark.parametrize(("factor", "text", "want"), [
    ("business_size", "150 agents plus a handful of team leads", "midsize"),  # a figure beats "handful"
    ("business_size", "roughly two hundred, most of them in the warehouses", "midsize"),
    ("business_size", "we've been trading 30 years and have 9 staff", "small"),  # years are no count
    ("internal_it", "no one, our practice manager does her best", "none"),
    ("internal_it", "one postdoc looks after things on the side", "one"),
    ("workforce", "one main office and a small one in another city", "several_sites"),
    ("workforce", "three care homes", "several_sites"),
])
def test_numbers(model: DecisionModel, factor: str, text: str, want: str) -> None:
    assert interpret(model, factor, text).option == want


def test_approximate_number_is_not_a_hedge(model: DecisionModel) -> None:
    got = interpret(model, "business_size", "roughly 200 people")
    assert got.option == "midsize" and got.confidence == 1.0


def test_an_emphatic_do_is_the_verb_it_stresses(model) -> None:
    """ "we do have an IT person" must not be read through "we do it [ourselves]"."""
    from bot.decision.interpret import interpret
    for text in ("we do have an IT person", "we do have an IT person now", "we have an IT person now"):
        assert interpret(model, "internal_it", text).option == "one", text
    assert interpret(model, "internal_it", "we do it ourselves").option == "none"
