"""A follow-up read against the question before it (bot.nlp.question_followup), on the shipped clinic cycle.
The clock says Sunday 29 Nov 2026, 15:00 London."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cycle import load_cycle
from bot.nlp.question import MotRef, Question, parse_question
from bot.nlp.question_followup import follow_up, sounds_like_a_request

ROOT = Path(__file__).resolve().parents[2]
TZ = "Europe/London"
NOW = datetime(2026, 11, 29, 15, tzinfo=ZoneInfo(TZ))
PEOPLE = ["Sam Patel", "Alice Jones", "Tom Reed"]


@pytest.fixture(scope="module")
def mots() -> list[MotRef]:
    cycle = load_cycle(ROOT / "data" / "cycles" / "healthcare-visit.yaml")
    return [MotRef(m.id, m.name, m.aliases) for m in cycle.mots]


def ask(mots: list[MotRef], text: str) -> Question:
    return parse_question(text, now=NOW, tz=TZ, mots=mots, people=PEOPLE)


def then(mots: list[MotRef], previous: Question, text: str) -> Question | None:
    return follow_up(previous, ask(mots, text), text, now=NOW, tz=TZ, reparse=lambda words: ask(mots, words))


def test_a_period_alone_repeats_the_question_for_it(mots):
    weakest = ask(mots, "which moments are weakest this week?")
    for text in ("and last week?", "last week?", "same for last week", "ok, and for last week"):
        q = then(mots, weakest, text)
        assert q is not None and q.intent == "weakest" and q.period.label.startswith("last week"), text
        assert q.mot_id is None and q.period_named


def test_a_moment_after_a_ranking_shows_that_moment_in_the_ranking_period(mots):
    weakest = ask(mots, "which moments are weakest this week?")
    q = then(mots, weakest, "what about parking?")
    assert q is not None and (q.intent, q.mot_id) == ("mot_detail", "find-parking")
    assert q.period == weakest.period
    waiting = then(mots, weakest, "and the waiting room?")
    assert waiting is not None and (waiting.intent, waiting.mot_id) == ("mot_detail", "waiting-room")


def test_a_moment_after_what_people_say_is_what_they_say_about_it(mots):
    said = ask(mots, "what are people saying about check in this month")
    q = then(mots, said, "what about parking?")
    assert q is not None and (q.intent, q.mot_id) == ("comments", "find-parking")
    numbers = then(mots, said, "and how did parking score?")  # numbers asked for in words
    assert numbers is not None and numbers.intent == "mot_detail"


def test_the_month_before_steps_the_period_back(mots):
    parking = ask(mots, "how was parking last month")
    q = then(mots, parking, "ok and the month before?")
    assert q is not None and (q.intent, q.mot_id) == ("mot_detail", "find-parking")
    assert q.period.label == "September 2026"
    week = then(mots, ask(mots, "weakest moments this week"), "and the week before?")
    assert week is not None and week.intent == "weakest" and week.period.start.day == 16


def test_another_kind_of_question_keeps_what_fits_it(mots):
    parking = ask(mots, "how was parking last month")
    strongest = then(mots, parking, "and the strongest?")
    assert strongest is not None and strongest.intent == "strongest" and strongest.mot_id is None  # the whole cycle
    assert strongest.period == parking.period
    quotes = then(mots, parking, "and the quotes?")
    assert quotes is not None and (quotes.intent, quotes.mot_id) == ("comments", "find-parking")
    trend = then(mots, parking, "is it getting better?")  # a trend spans weeks, not last month
    assert trend is not None and (trend.intent, trend.mot_id) == ("trend", "find-parking")
    assert trend.period != parking.period


def test_pointing_back_at_the_moment(mots):
    check_in = ask(mots, "how did check in do this month")
    for text in ("what do people say about it", "show me the quotes", "how does that compare to last month"):
        q = then(mots, check_in, text)
        assert q is not None and q.mot_id == "check-in", text
    assert then(mots, check_in, "how does that compare to last month").intent == "compare"


def test_people_and_problem_reports_carry_over(mots):
    sam = ask(mots, "how many stories did sam tell this month")
    alice = then(mots, sam, "and alice?")
    assert alice is not None and (alice.intent, alice.person) == ("story_count", "Alice Jones")
    october = then(mots, alice, "and in october")
    assert october is not None and october.person == "Alice Jones" and october.period.label == "October 2026"
    problems = ask(mots, "how many problems were reported this month")
    before = then(mots, problems, "and last month?")
    assert before is not None and before.problems and before.period.label.startswith("last month")


@pytest.mark.parametrize("text", [
    "how many stories did we get in october",  # a whole question of its own, its period named
    "which moments were strongest this week?",
    "help",
    "what's our NPS",
    "and?",
    "so",
])
def test_a_question_of_its_own_is_not_a_follow_up(mots, text):
    assert then(mots, ask(mots, "how was parking last month"), text) is None


@pytest.mark.parametrize("text, intent, mot", [
    ("which moments are strongest", "strongest", None),
    ("what are people saying about parking", "comments", "find-parking"),
    ("who told the most stories?", "people", None),
])
def test_a_question_of_its_own_without_a_period_takes_the_period_before(mots, text, intent, mot):
    previous = ask(mots, "how was check in last month")
    q = then(mots, previous, text)
    assert q is not None and (q.intent, q.mot_id) == (intent, mot) and q.period == previous.period
    assert then(mots, ask(mots, "how was check in"), text) is None  # no period named before: nothing to carry


def test_a_fresh_question_after_a_ranking_names_no_moment_of_before(mots):
    assert then(mots, ask(mots, "weakest moments this week"), "how many stories this month") is None


def test_the_unit_said_steps_back_by_that_unit(mots):
    last_week = ask(mots, "how was parking last week")
    month = then(mots, last_week, "the month before?")  # last week is in November: the month before is October
    assert month is not None and month.period.label == "October 2026" and month.mot_id == "find-parking"
    quarter = then(mots, month, "the quarter before?")
    assert quarter is not None and quarter.period.label == "Jul 2026 – Sep 2026"
    year = then(mots, ask(mots, "how was parking in october"), "and the year before?")
    assert year is not None and year.period.label == "2025"
    week = then(mots, last_week, "can you tell me what it looked like the week before that as well please")
    assert week is not None and (week.intent, week.mot_id) == ("mot_detail", "find-parking")  # "like": no ranking
    assert week.period.label == "Mon 9 Nov – Sun 15 Nov"


def test_just_the_number_after_a_count_is_that_count(mots):
    q = then(mots, ask(mots, "how many ratings this week"), "just the number")
    assert q is not None and q.intent == "rating_count" and q.brief


def test_problem_reports_keep_being_asked_for(mots):
    at_waiting = ask(mots, "how many problems were flagged at the waiting room last month")
    parking = then(mots, at_waiting, "what about parking?")
    assert parking is not None and parking.problems and parking.mot_id == "find-parking"
    assert parking.period.label.startswith("last month")
    there = then(mots, ask(mots, "weakest this week"), "any problems reported there?")
    assert there is not None and there.problems and there.period_named  # this week, not the last 30 days


def test_a_moment_alone_after_a_comparison_compares_that_moment(mots):
    q = then(mots, ask(mots, "how does parking compare to last month"), "the waiting room?")
    assert q is not None and (q.intent, q.mot_id) == ("compare", "waiting-room")


def test_why_it_is_asked_is_not_what_is_asked(mots):
    q = then(mots, ask(mots, "how was parking last week"),
             "OK and what about the same thing for the waiting room, because Alice said the heating has been broken")
    assert q is not None and (q.intent, q.mot_id, q.person) == ("mot_detail", "waiting-room", None)


@pytest.mark.parametrize("text, asking", [
    ("could you tell me what it looked like the week before as well please, cheers", True),
    ("OK and what about the waiting room", True),
    ("how about the week before?", True),
    ("A lady fell in the car park and I stayed with her until the paramedics came.", False),
])
def test_a_chatty_request_sounds_like_one(text, asking):
    assert sounds_like_a_request(text) is asking
