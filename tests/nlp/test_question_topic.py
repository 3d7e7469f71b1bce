"""The words a story search looks for (bot/nlp/question_topic.py), read by the question parser."""

from __future__ import annotations

import pytest

from bot.nlp.question import parse_question
from bot.nlp.question_topic import find_topic, topic_matches
from devkit.question_fixture import cycle_mots
from devkit.question_second_author import NOW, PEOPLE, TZ


def _ask(text: str, cycle: str = "healthcare-visit"):  # type: ignore[no-untyped-def]
    return parse_question(text, now=NOW, tz=TZ, mots=cycle_mots(cycle), people=PEOPLE)


@pytest.mark.parametrize(("text", "topic"), [
    ("any stories mentioning christmas?", "christmas"),
    ("stories about the fire alarm last week", "fire alarm"),
    ("how many stories mention the lift", "lift"),
    ("stories involving interpreters", "interpreters"),
    ("stories to do with the hearing loop", "hearing loop"),
    ("stories about patients with dementia", "dementia"),
    ("any stories from last week mentioning the new coffee machine", "coffee machine"),
    ("stories re: translators", "translators"),
])
def test_the_words_searched_are_read(text: str, topic: str) -> None:
    q = _ask(text)
    assert q.intent in ("stories", "story_count") and q.topic == topic and q.mot_id is None and q.person is None


@pytest.mark.parametrize("text", [
    "stories about great service",  # what every story is about
    "stories about bob",  # a person, not a word
    "stories about Tom",
    "stories about the car park this week",  # a moment
    "what about last week",
    "which moments are weakest this week",
    "any stories mentioning",  # nothing after the search word
    "which topic comes up most in comments",
    "do the stories include names?",
    "stories about 🎄🎄",
    "",
])
def test_nothing_is_searched_for_people_moments_and_generic_words(text: str) -> None:
    assert _ask(text).topic is None


def test_the_window_and_intent_are_read_as_without_the_search() -> None:
    q = _ask("how many stories talk about allergies this month")
    assert q.intent == "story_count" and q.period.label.startswith("this month") and q.topic == "allergies"


def test_find_topic_takes_at_most_three_words_and_stops_at_a_used_one() -> None:
    words = "stories about the big red shiny new bus".split()
    assert find_topic(words, [False] * len(words)) == "big red shiny"
    used = [False, False, False, True, False, False, False, False]
    assert find_topic(words, used) is None
    assert find_topic([], []) is None


@pytest.mark.parametrize(("text", "topic", "said"), [
    ("Sam lent him an umbrella", "umbrellas", True),
    ("Two wheelchairs were free", "wheelchair", True),
    ("the family's allergy card", "allergies", True),
    ("Our Christmas tree", "christmas", True),
    ("the fire door alarm rang", "fire alarm", True),  # every word, in any order
    ("the fire exit", "fire alarm", False),
    ("a kidney test", "kids", False),  # a word's forms, not any word it begins
    ("over the holidays", "holiday", True),  # a vowel before the y: "-ys", not "-ies"
    ("he lost his keys", "key", True),
    ("our annual bake-off", "bake off", True),  # a hyphen joins words
    ("a covid-19 jab", "covid", True),
    ("", "lift", False),
])
def test_topic_matches_each_word_in_its_plain_forms(text: str, topic: str, said: bool) -> None:
    assert topic_matches(text, topic) is said
