"""bot/nlp/mentions.py: which moments a customer's text names (the survey's "about another moment")."""

from __future__ import annotations

from bot.nlp.mentions import moments_named
from devkit.question_fixture import cycle_mots

CLINIC = cycle_mots("healthcare-visit")


def test_a_moment_named_plainly_comes_first() -> None:
    assert moments_named("the parking was a nightmare", CLINIC)[0] == "find-parking"
    assert moments_named("waiting for the results took three weeks", CLINIC)[0] == "wait-results"


def test_bare_results_name_both_results_moments() -> None:
    """A manager's bare "results" reads as receiving them (the question parser's choice), but a customer
    asked about the wait who says "results took ages" has named that moment too: both are named."""
    assert set(moments_named("results took ages", CLINIC)) >= {"wait-results", "receive-results"}


def test_nothing_named_gives_nothing() -> None:
    assert moments_named("it was fine thanks", CLINIC) == ()
    assert moments_named("", CLINIC) == ()
