"""bot.nlp.story_parts: what a staff story already says (issue 12, point 5), and its precision on the
labelled dev set (tests/fixtures/nlp/story_parts.yaml; bench/story_parts.py prints the figures)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from bot.nlp.practice import extract_behaviours
from bot.nlp.story_parts import StoryParts, colleagues_of, read_story_parts

ROOT = Path(__file__).resolve().parents[2]


def test_what_the_teller_did_who_helped_and_the_effect():
    parts = read_story_parts("It was pouring at closing time, so my colleague Jen and I fetched the big umbrella and "
                             "walked an old lady all the way to her car. She was so relieved.")
    assert parts.action == "fetched the big umbrella and walked an old lady all the way to her car"
    assert parts.colleagues == ("Jen",) and parts.effect == "She was so relieved"
    assert parts.hero is None and not parts.about_colleague


def test_a_story_that_says_nothing_of_it_reads_nothing():
    assert read_story_parts("Today was a really good day with the patients.") == StoryParts()
    for odd in ("", "   ", "🙂🙂", "12345", "a" * 10_000):
        assert read_story_parts(odd).action is None


def test_a_story_about_a_colleague_names_them():
    sam = read_story_parts("My colleague Sam spotted a dad at the desk who couldn't read the forms, and quietly "
                           "offered to fill them in with him in the side office.")
    assert sam.hero == "Sam" and sam.colleagues == ("Sam",)
    assert sam.action == "offered to fill them in with him in the side office"  # not "spotted…" nor "read…"
    jen = read_story_parts("Jen on reception was brilliant with an anxious mum today.")
    assert jen.hero == "Jen" and jen.action is None  # the dialog asks "What did Jen do…?"
    nurse = read_story_parts("One of our nurses noticed a deaf patient was missing his name being called, so she wrote "
                             "his name on a card.")  # "she" is not the patient: he was "his"
    assert nurse.hero == "" and nurse.action == "wrote his name on a card"


def test_the_teller_with_a_colleague_is_the_tellers_story():
    parts = read_story_parts("kid was scared so me and Jo showed him pictures of the scanner on the tablet first")
    assert parts.hero is None and parts.colleagues == ("Jo",) and parts.action.startswith("showed him pictures")


def test_colleagues_are_staff_not_customers():
    text = ("Mrs Patel's daughter Sarah rang, so I asked Tom from pharmacy to bring the tablets down and "
            "a lady called Jean waited with her. Thanks to Marcus too! <@U0SAM> helped.")
    assert colleagues_of(text) == ("<@U0SAM>", "Tom", "Marcus")


def test_a_mention_stays_whole_in_the_action():
    parts = read_story_parts("I rang pharmacy and <@U0SAM> brought the prescription down so she made her train on time.")
    assert "<@U0SAM>" in parts.colleagues and "< @" not in (parts.action or "")
    assert parts.effect == "she made her train on time"


def test_negated_deeds_and_the_customers_acts_are_not_actions():
    parts = read_story_parts("A man who couldn't read the signs got lost, so I walked him to the lift.")
    assert parts.action == "walked him to the lift"


def test_behaviours_say_who_did_them():
    by = {b.text: b.by for b in extract_behaviours(
        "Our porter Dave found her a wheelchair and I pushed her to the clinic.", voice="staff")}
    assert by == {"found her a wheelchair": "Dave", "pushed her to the clinic": "teller"}


def _bench():
    spec = importlib.util.spec_from_file_location("story_parts_bench", ROOT / "bench" / "story_parts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("story_parts_bench", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("part", ["action", "colleagues", "effect", "about a colleague"])
def test_dev_set_precision_floor(part):
    """A wrong prefill skips a question: every part read must be right at least 9 times out of 10."""
    bench = _bench()
    rows = yaml.safe_load(bench.DEV.read_text(encoding="utf-8"))
    assert len(rows) >= 40
    right, reads, _ = bench.score(rows, [read_story_parts(r["text"]) for r in rows])[part]
    assert reads >= 8 and right / reads >= 0.9, (part, right, reads)
