"""parse_question against the phrasing fixture (tests/fixtures/questions.yaml) plus edge cases."""

from __future__ import annotations

import dataclasses
import json
import random
import statistics
import time as clock
from pathlib import Path
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.nlp.period import Period
from devkit.question_fixture import DEV_FIXTURE, cycle_mots, load_fixture, moment, parse_case
from devkit.question_second_author import score as score_second_author
from devkit.question_corpus import AUTHOR_FIXTURES
from devkit.question_third_author import FOURTH_AUTHOR_FIXTURE
from devkit.question_third_author import score as score_third_author
from bot.nlp.question_model import IntentReader
from bot.nlp.question import (
    DEFAULT_PERIODS,
    INTENTS,
    UNKNOWN,
    MotRef,
    Question,
    parse_question,
)

NOW = datetime(2026, 11, 22, 15, 0)  # Sunday afternoon
TZ = "Europe/London"


# ---------------------------------------------------------------------------------------------
# Fixture loading


def run_case(defaults: dict[str, Any], case: dict[str, Any]) -> tuple[Question, list[str]]:
    """Parse one fixture row; returns the Question and a list of mismatches (empty = pass)."""
    question, zone = parse_case(defaults, case)
    problems: list[str] = []

    def check(field: str, got: Any, want: Any) -> None:
        if got != want:
            problems.append(f"{field}: got {got!r}, want {want!r}")

    check("intent", question.intent, case["intent"])
    check("mot_id", question.mot_id, case.get("mot_id"))
    check("person", question.person, case.get("person"))
    for field in ("rating", "limit", "measure"):
        check(field, getattr(question, field), case.get(field))
    for field in ("period", "compare"):
        got: Period | None = getattr(question, field)
        want = case.get(field)
        got_span = None if got is None else (got.start, got.end)
        want_span = None if want is None else (moment(want[0], zone), moment(want[1], zone))
        check(field, got_span, want_span)
        if got is not None and want is not None and got.start.tzinfo != zone:
            problems.append(f"{field}: not in the team's zone: {got.start.tzinfo}")
    for alternative in case.get("alternatives_include", ()):
        if alternative not in question.alternatives:
            problems.append(f"alternatives: {alternative!r} not in {question.alternatives!r}")
    if "max_confidence" in case and question.confidence > case["max_confidence"]:
        problems.append(f"confidence {question.confidence} > {case['max_confidence']}")
    if "min_confidence" in case and question.confidence < case["min_confidence"]:
        problems.append(f"confidence {question.confidence} < {case['min_confidence']}")
    return question, problems


DEFAULTS, CASES = load_fixture()  # the 262-row regression fixture
DEV_DEFAULTS, DEV_CASES = load_fixture(DEV_FIXTURE)  # issue 14's intents


def _case_id(index_case: tuple[int, dict[str, Any]]) -> str:
    index, case = index_case
    return f"{index:03d}-{case['text'][:40]}"


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, marks=pytest.mark.xfail(reason="known miss", strict=False))
        if case.get("known_miss")
        else case
        for case in CASES
    ],
    ids=[_case_id(pair) for pair in enumerate(CASES)],
)
def test_fixture_row(case: dict[str, Any]) -> None:
    question, problems = run_case(DEFAULTS, case)
    assert not problems, f"{case['text']!r} -> {question}: " + "; ".join(problems)


@pytest.mark.parametrize("case", DEV_CASES, ids=[_case_id(pair) for pair in enumerate(DEV_CASES)])
def test_dev_fixture_row(case: dict[str, Any]) -> None:
    question, problems = run_case(DEV_DEFAULTS, case)
    assert not problems, f"{case['text']!r} -> {question}: " + "; ".join(problems)


def test_fixture_size_accuracy_and_known_misses(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(CASES) >= 100
    known = sum(1 for c in CASES if c.get("known_miss"))
    assert known <= 0.05 * len(CASES)
    intents = {c["intent"] for c in (*CASES, *DEV_CASES)}
    assert intents == set(INTENTS), f"fixture does not cover {set(INTENTS) - intents}"
    results = [run_case(DEFAULTS, c)[1] for c in CASES]
    passed = sum(1 for problems in results if not problems)
    intent_ok = sum(1 for problems in results if not any(p.startswith("intent") for p in problems))
    with capsys.disabled():
        print(
            f"\nquestion fixture: {passed}/{len(CASES)} rows fully right ({passed / len(CASES):.1%}), "
            f"intent {intent_ok / len(CASES):.1%}, known misses {known}"
        )
    assert passed >= len(CASES) - known


def test_second_author_set_floor(capsys: pytest.CaptureFixture[str]) -> None:
    """200 questions by an author who never saw the rules (a development set, tuned on): the floor is
    what the parser reached, so a change that loses any of them shows here."""
    results = score_second_author()
    assert len(results) == 200
    fully = sum(r["right"]["fully"] for r in results)
    row = sum(r["right"]["row"] for r in results)
    with capsys.disabled():
        print(f"\nsecond author's set: {fully}/200 fully right, {row}/200 whole row")
    misses = [r["row"]["q"] for r in results if not r["right"]["fully"]]
    assert fully >= 197, misses
    assert row >= 197, [r["row"]["q"] for r in results if not r["right"]["row"]]


def test_third_author_set_floor(capsys: pytest.CaptureFixture[str]) -> None:
    """200 questions by a third author who never read the parser, labelled in their own names (mapped in
    devkit/question_third_author.py). Measured once before any change (175/200 fully right), then
    tuned on in general ways; the floor is what the parser reached."""
    results = score_third_author()
    assert len(results) == 200
    fully = sum(r["right"]["fully"] for r in results)
    row = sum(r["right"]["row"] for r in results)
    with capsys.disabled():
        print(f"\nthird author's set: {fully}/200 fully right, {row}/200 whole row")
    assert fully >= 199, [r["row"]["q"] for r in results if not r["right"]["fully"]]
    assert row >= 199, [r["row"]["q"] for r in results if not r["right"]["row"]]


def test_fourth_author_set_floor(capsys: pytest.CaptureFixture[str]) -> None:
    """150 questions by a fourth author who never read the parser, in the third author's format. Measured
    once before any change (130/150 fully right), then tuned on in general ways (word classes, patterns);
    the floor is what the parser reached."""
    results = score_third_author(FOURTH_AUTHOR_FIXTURE)
    assert len(results) == 150
    fully = sum(r["right"]["fully"] for r in results)
    row = sum(r["right"]["row"] for r in results)
    with capsys.disabled():
        print(f"\nfourth author's set: {fully}/150 fully right, {row}/150 whole row")
    assert fully >= 149, [r["row"]["q"] for r in results if not r["right"]["fully"]]
    assert row >= 149, [r["row"]["q"] for r in results if not r["right"]["row"]]


def test_fifth_author_set_floor(capsys: pytest.CaptureFixture[str]) -> None:
    """260 questions by a fifth author who never read the parser. Measured once before any change (211/260
    fully right); its rows are now among those the intent model learns from, so this is a development
    figure: the honest one is bench/question_authors.py (leave-one-author-out)."""
    results = score_third_author(AUTHOR_FIXTURES["fifth"])
    assert len(results) == 260
    fully = sum(r["right"]["fully"] for r in results)
    with capsys.disabled():
        print(f"\nfifth author's set: {fully}/260 fully right")
    assert fully >= 250, [r["row"]["q"] for r in results if not r["right"]["fully"]]


def test_sixth_author_set_floor(capsys: pytest.CaptureFixture[str]) -> None:
    """150 questions by a sixth author (a clinic manager typing on a phone) who never read the parser.
    Measured once before any change: 135/150 fully right. A development set since (rules and model)."""
    results = score_third_author(AUTHOR_FIXTURES["sixth"])
    assert len(results) == 150
    fully = sum(r["right"]["fully"] for r in results)
    with capsys.disabled():
        print(f"\nsixth author's set: {fully}/150 fully right")
    assert fully >= 147, [r["row"]["q"] for r in results if not r["right"]["fully"]]


@pytest.mark.parametrize(("author", "before", "floor"), [
    ("eighth", 132, 144), ("ninth", 135, 142), ("tenth", 138, 145),
    ("eleventh", 121, 139), ("twelfth", 116, 141),
    ("thirteenth", 127, 144), ("fourteenth", 137, 144), ("fifteenth", 138, 145),
    ("sixteenth", 144, 146), ("seventeenth", 108, 132), ("eighteenth", 131, 144),
    ("nineteenth", 136, 145), ("twentieth", 133, 139), ("twentyfirst", 152, 150),
    ("twentyfourth", 126, 143), ("twentysixth", 134, 139),
    ("thirtieth", 142, 145), ("thirtysecond", 138, 143),
    ("thirtyfourth", 137, 141), ("thirtysixth", 126, 143),
    ("thirtyseventh", 125, 142), ("thirtyeighth", 133, 140),
    ("thirtyninth", 112, 142), ("fortieth", 116, 133),
    ("fortysixth", 98, 129), ("fortyseventh", 141, 146), ("fortyeighth", 132, 144),
    ("fortyninth", 134, 146), ("fiftysecond", 140, 144),
    ("fiftyfourth", 134, 141), ("fiftyfifth", 127, 143),
    ("fiftysixth", 140, 148), ("fiftyeighth", 138, 147),
    ("sixtieth", 140, 146), ("sixtyfirst", 134, 146),
    ("sixtythird", 140, 145), ("sixtyfifth", 141, 141),
    ("sixtyseventh", 131, 145), ("sixtyninth", 145, 149), ("seventyfirst", 134, 145),
    ("seventythird", 143, 145), ("seventyfifth", 138, 142),
    ("seventysixth", 139, 147), ("seventyeighth", 146, 149),
    ("eightieth", 148, 148), ("eightysecond", 121, 131),
    ("eightythird", 139, 146), ("eightyfifth", 141, 148),
    ("eightysixth", 144, 149), ("eightyeighth", 135, 146), ("ninetieth", 139, 145),
    ("ninetysecond", 144, 145), ("ninetyfourth", 139, 145),
    ("ninetysixth", 145, 146), ("ninetyeighth", 142, 145), ("hundredth", 144, 148),
    ("hundredandsecond", 140, 142), ("hundredandfourth", 123, 140),
    ("hundredandsixth", 144, 146),
    ("hundredandeighth", 132, 144), ("hundredandtenth", 128, 131),
    ("hundredandtwelfth", 139, 146),
    ("hundredandthirteenth", 138, 146),
    ("hundredandfifteenth", 138, 145),
    ("hundredandsixteenth", 140, 148),
    ("hundredandeighteenth", 141, 147),
    ("hundredandnineteenth", 146, 148),
    ("hundredandtwentieth", 144, 147),
    ("hundredandtwentyfirst", 145, 146),
    ("hundredandtwentythird", 147, 147),
    ("hundredandtwentyfourth", 136, 142),
    ("hundredandtwentysixth", 140, 146),
    ("hundredandtwentyseventh", 142, 143),
    ("hundredandtwentyninth", 139, 143),
    ("hundredandthirtieth", 136, 140),
    ("hundredandthirtysecond", 143, 146),
    ("hundredandthirtythird", 131, 142),
    ("hundredandthirtyfifth", 139, 143),
    ("hundredandthirtyseventh", 140, 144),
    ("hundredandthirtyninth", 141, 146),
    ("hundredandfortyfirst", 139, 146),
    ("hundredandfortythird", 144, 146),
    ("hundredandfortyfifth", 144, 147),
    ("hundredandfortyseventh", 133, 144),
    ("hundredandfortyninth", 144, 144),
    ("hundredandfiftyfirst", 136, 145),
    ("hundredandfiftythird", 145, 146),
    ("hundredandfiftyfifth", 136, 143),
    ("hundredandfiftyseventh", 138, 138),
    ("hundredandfiftyninth", 144, 144),
    ("hundredandsixtyfirst", 138, 138),
    ("hundredandsixtythird", 133, 133),
    ("hundredandsixtyfifth", 144, 146),
    ("hundredandsixtyseventh", 137, 147),
    ("hundredandsixtyninth", 146, 148),
    ("hundredandseventyfirst", 129, 146),
    ("hundredandseventythird", 146, 148),
    ("hundredandseventyfifth", 146, 146),
    ("hundredandseventyseventh", 141, 146),
    ("hundredandseventyninth", 147, 148),
    ("hundredandeightyfirst", 142, 145),
    ("hundredandeightythird", 142, 144),
    ("hundredandeightyfifth", 145, 147),
    ("hundredandeightyseventh", 143, 146),
    ("hundredandeightyninth", 142, 144),
    ("hundredandninetyfirst", 142, 144),
    ("hundredandninetythird", 144, 145),
    ("hundredandninetyfifth", 147, 149),
    ("hundredandninetyseventh", 140, 145),
    ("hundredandninetyninth", 136, 147),
    ("twohundredandfirst", 144, 148),
    ("twohundredandthird", 146, 149),
    ("twohundredandfifth", 145, 148),
    ("twohundredandseventh", 65, 145),
    ("twohundredandninth", 134, 140),
    ("twohundredandeleventh", 129, 147),
    ("twohundredandthirteenth", 133, 138),
    ("twohundredandfifteenth", 136, 147),
    ("twohundredandseventeenth", 144, 149),
    ("twohundredandnineteenth", 136, 142),
    ("twohundredandtwentyfirst", 140, 142),
    ("twohundredandtwentythird", 131, 145),
    ("twohundredandtwentyfifth", 134, 145),
    ("twohundredandtwentyseventh", 141, 145),
    ("twohundredandtwentyninth", 139, 147),
    ("twohundredandthirtyfirst", 135, 146),
    ("twohundredandthirtythird", 142, 146),
    ("twohundredandthirtyfifth", 143, 146),
    ("twohundredandthirtyseventh", 149, 147),
    ("twohundredandthirtyninth", 135, 140),
    ("twohundredandfortyfirst", 120, 148),
    ("twohundredandfortythird", 145, 145),
    ("twohundredandfortyfifth", 148, 148),
    ("twohundredandfortyseventh", 146, 148),
    ("twohundredandfortyninth", 147, 148),
    ("twohundredandfiftyfirst", 146, 145),
    ("twohundredandfiftythird", 145, 148),
    ("twohundredandfiftyfifth", 124, 145),
    ("twohundredandfiftyseventh", 148, 147),
    ("twohundredandfiftyninth", 115, 148),
    ("twohundredandsixtyfirst", 86, 143),
    ("twohundredandsixtythird", 98, 147),
    ("twohundredandsixtyfifth", 144, 148),
    ("twohundredandsixtyseventh", 146, 148),
    ("twohundredandsixtyninth", 149, 149),
])
def test_eighth_to_twelfth_author_set_floors(author: str, before: int, floor: int, capsys: pytest.CaptureFixture[str]) -> None:
    """150 questions each by authors who never read the parser (an eighth: restaurant-group manager; ninth:
    patient-experience analyst; tenth: Gen-Z clinic lead; eleventh: formal medical director; twelfth: terse
    US bistro owner; thirteenth: Indian office English; fourteenth: Australian café and GP practice;
    fifteenth: second-language English and dictation; sixteenth: Slack markup; seventeenth: a US dental
    practice, US dates under a London clock; eighteenth: 2-6 word queries; nineteenth: Scots / Irish speech;
    twentieth: a CX consultant; twenty-first: people and stories; twenty-fourth: a GP practice manager on
    Slack, context before the question; twenty-sixth: an operations manager in Teams; thirtieth: a rural
    dispensing practice on an iPad; thirty-second: an outpatients lead in Teams; thirty-fourth: a Belfast reception supervisor;
    thirty-sixth: an outpatients matron dictating on the move, and a gastropub; thirty-seventh: a regional lead
    writing English as a second language, and a hotel restaurant; thirty-eighth: an urgent treatment centre's nurse
    manager in long Slack messages, and a brunch café; thirty-ninth: a non-executive director's board English,
    and a fine-dining group; fortieth: a physio clinic's manager typing fast in Telegram, and a ramen bar;
    forty-sixth: a hospice's volunteer coordinator writing letters, and a tea room; forty-seventh: a young deputy
    manager's lowercase gen-z Telegram, and a burger joint; forty-eighth: a clinical director's compound requests
    with constraints, and a hospital's staff-and-visitors restaurant; forty-ninth: a Polish-born operations manager,
    "actual week" and "since 1.10", and a tapas restaurant; fifty-second: Singlish from a Singapore clinic group,
    and a noodle house; fifty-fourth: South African English, and a braai restaurant; fifty-fifth: a francophone
    writing French into most questions, and a brasserie; fifty-sixth: a Cork practice manager's chatty run-on
    questions, and a harbour chipper; fifty-eighth: a US VP of patient experience's KPI jargon, and a steakhouse;
    sixtieth: an operations director's terse Slack commands; sixty-first: a US urgent-care nurse manager in Slack,
    and a diner; sixty-third: a Winnipeg walk-in clinic's fed-up manager correcting herself, and a poutine shop;
    sixty-fifth: a head of outpatients' clipped NHS notes, and a staff-and-visitors restaurant; sixty-seventh: a New
    York patient-access director dictating to her phone, and a pizza place; sixty-ninth: an NHS quality-improvement
    lead's run-chart questions, and a staff canteen; seventy-first: a Texas office manager's Southern English, and a
    BBQ joint; seventy-third: an Edinburgh patient-experience lead's NHS Scotland Teams messages, and a community
    café; seventy-fifth: a Valleys practice manager's chatty voice notes with Welsh words, and a rugby club);
    `before` fully right when they arrived (the thirtieth by today's
    off-topic scoring: 139 by the one of the day). Development sets since."""
    path = AUTHOR_FIXTURES[author]
    results = score_third_author(path)
    assert len(results) in (150, 160)
    fully = sum(r["right"]["fully"] for r in results)
    with capsys.disabled():
        print(f"\n{path.name}: {fully}/{len(results)} fully right (before any change: {before})")
    assert fully >= floor, [r["row"]["q"] for r in results if not r["right"]["fully"]]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # a change against how things were, with no period: a trend
        ("is the check in better or worse than it used to be", "trend"),
        ("which way is the parking heading", "trend"),
        ("how did the waiting room evolve over Q3", "trend"),
        # two periods weighed with a comparative: a comparison, not tips ("do better") or the MOT's figures
        ("did billing do better in august than in july", "compare"),
        ("did last week improve on the week before last week", "compare"),
        # practices said as what others could copy
        ("what could the night shift be copying from the day shift", "practices"),
        ("which habits should we standardise across the team", "practices"),
        # rankings said other ways
        ("what's holding our ratings back this month", "weakest"),
        ("least shining touchpoints in august", "weakest"),
        ("which step shines most", "strongest"),
    ],
)
def test_intents_said_other_ways(text: str, intent: str) -> None:
    q = parse_question(text, now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit"))
    assert q.intent == intent, q


@pytest.mark.parametrize(
    ("text", "mot_id"),
    [
        ("how are we doing on getting out of the car park", "drive-out"),
        ("scores for results conversations", "receive-results"),
        ("how is handing out results going", "receive-results"),
        ("finding the way in at the entrance - any comments?", "enter-building"),
    ],
)
def test_mot_synonyms(text: str, mot_id: str) -> None:
    assert parse_question(text, now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit")).mot_id == mot_id


def test_since_a_season_runs_to_today() -> None:
    q = parse_question("has the waiting room got better since spring", now=NOW, tz=TZ,
                       mots=cycle_mots("healthcare-visit"))
    assert q.intent == "trend"
    assert (q.period.start.date(), q.period.end.date()) == (date(2026, 3, 1), NOW.date() + timedelta(days=1))


class _FixedModel:
    def __init__(self, probabilities: dict[str, float]) -> None:
        self.classes_ = list(probabilities)
        self._p = [list(probabilities.values())]

    def predict_proba(self, texts: list[str]) -> list[list[float]]:
        return self._p


def test_a_confident_model_overrules_a_weak_rules_reading_and_offers_it() -> None:
    """The rules read "parking last week" weakly (mot_detail, 0.6): a model sure of another reading wins,
    answered as a weak reading with the rules' one first among the alternatives; an unsure one does not."""
    mots = cycle_mots("healthcare-visit")
    sure = IntentReader(_FixedModel({"comments": 0.9, "mot_detail": 0.1}), frozenset({"xmot", "xperiod"}))
    q = parse_question("parking last week", now=NOW, tz=TZ, mots=mots, reader=sure)
    assert (q.intent, q.confidence, q.alternative_intents[:1], q.mot_id) == ("comments", 0.6, ("mot_detail",),
                                                                            "find-parking")
    unsure = IntentReader(_FixedModel({"comments": 0.45, "mot_detail": 0.55}), frozenset({"xmot", "xperiod"}))
    assert parse_question("parking last week", now=NOW, tz=TZ, mots=mots, reader=unsure).intent == "mot_detail"


@pytest.mark.parametrize(
    ("text", "intent", "first", "second"),
    [
        ("parking vs drive out - which is worse?", "compare", "find-parking", "drive-out"),
        ("drive out vs parking", "compare", "drive-out", "find-parking"),
        ("waiting room vs check in, this year", "compare", "waiting-room", "check-in"),
    ],
)
def test_two_mots_compared_first_named_leads(text: str, intent: str, first: str, second: str) -> None:
    """Two moments set against each other: the pair, in the order named, and no one moment of its own."""
    q = parse_question(text, now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit"))
    assert (q.intent, q.mot_id, q.versus) == (intent, None, (first, second))


@pytest.mark.parametrize(
    ("text", "intent", "limit", "rating"),
    [
        ("show me 3 comments on the waiting room", "comments", 3, None),
        ("a couple of quotes about parking", "comments", 2, None),
        ("top 3 best practices for giving results", "practices", 3, None),
        ("shining ratings yday?", "rating_count", None, "shining"),
        ("how many ppl said follow-up was irritating in Q3", "rating_count", None, "irritating"),
        ("# stories this mth", "story_count", None, None),
        ("which part of the visit are patients least happy with rn", "weakest", None, None),
        ("top 3 people mentioned past 30 days", "people", 3, None),
        ("people ranking last fortnight", "people", None, None),
        ("are the bloods getting worse lately?", "trend", None, None),
        ("has the waiting room got worse", "compare", None, None),
        ("should I fire Hamid?", "off_topic", None, None),
        ("is Priya a bad employee", "off_topic", None, None),
        ("whats the rota for next week", "off_topic", None, None),
        ("phone line trend past 30 days", "trend", None, None),
    ],
)
def test_general_mechanisms(text: str, intent: str, limit: int | None, rating: str | None) -> None:
    q = parse_question(text, now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit"), people=("Priya",))
    assert (q.intent, q.limit, q.rating) == (intent, limit, rating)


def test_surname_after_a_title_is_not_spell_corrected() -> None:
    q = parse_question("what stories mention Dr Amin in q3", now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit"))
    assert (q.intent, q.person, q.mot_id) == ("stories", "Dr Amin", None)


# ---------------------------------------------------------------------------------------------
# API shape


def test_intents_and_defaults() -> None:
    assert INTENTS == (
        "weakest", "strongest", "mot_detail", "comments", "practices", "stories",
        "story_count", "compare", "chart", "help", "rating_count", "trend", "people", "off_topic", "unknown",
    )  # fmt: skip
    assert DEFAULT_PERIODS["trend"] == "last_8_weeks" and DEFAULT_PERIODS["people"] == "this_month"
    assert set(DEFAULT_PERIODS) == set(INTENTS)
    for intent in ("weakest", "strongest", "stories", "story_count", "chart"):
        assert DEFAULT_PERIODS[intent] == "this_week"
    for intent in ("mot_detail", "comments", "practices"):
        assert DEFAULT_PERIODS[intent] == "this_month"


def test_dataclasses_are_frozen_and_slotted() -> None:
    question = parse_question("help", now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        question.intent = "chart"  # type: ignore[misc]
    assert not hasattr(question, "__dict__")
    assert not hasattr(MotRef("a", "A"), "__dict__")


def test_alternatives_split_into_intents_and_mots() -> None:
    question = parse_question("hmm parking?", now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit"))
    assert question.intent == UNKNOWN
    assert question.alternative_intents == ("mot_detail", "comments", "practices")
    assert question.alternative_mots == ("drive-out",)


# ---------------------------------------------------------------------------------------------
# MOT resolution


def test_aliases_ids_and_names_resolve() -> None:
    mots = (
        MotRef("check-in", "Check in", aliases=("front of house",)),
        MotRef("radiology", "Imaging visit", aliases=("x-ray dept",)),
    )
    ask = lambda text: parse_question(text, now=NOW, tz=TZ, mots=mots)  # noqa: E731
    assert ask("how is front of house doing").mot_id == "check-in"
    assert ask("how is the x-ray dept doing").mot_id == "radiology"
    assert ask("radiology scores").mot_id == "radiology"
    assert ask("how was the imaging visit").mot_id == "radiology"


def test_ties_prefer_cycle_order_and_keep_the_others() -> None:
    question = parse_question(
        "what are people saying about parking", now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit")
    )
    assert question.mot_id == "find-parking"
    assert question.alternatives == ("drive-out",)


def test_synonyms_only_apply_to_mots_that_exist() -> None:
    question = parse_question("how was the doctor", now=NOW, tz=TZ, mots=cycle_mots("restaurant-visit"))
    assert question.mot_id is None


def test_no_mots_at_all() -> None:
    question = parse_question("how did check-in do", now=NOW, tz=TZ, mots=())
    assert question.mot_id is None
    assert question.intent in INTENTS


def test_people_are_case_insensitive_but_common_words_need_a_capital() -> None:
    mots = cycle_mots("healthcare-visit")
    assert parse_question("stories about dANA", now=NOW, tz=TZ, mots=mots, people=["Dana"]).person == "Dana"
    assert parse_question("will it rain", now=NOW, tz=TZ, mots=mots, people=["Will"]).person is None
    assert parse_question("stories by Will", now=NOW, tz=TZ, mots=mots, people=["Will"]).person == "Will"


def test_person_named_like_a_month_is_a_person() -> None:
    question = parse_question("stories about April", now=NOW, tz=TZ, mots=(), people=["April"])
    assert question.person == "April"
    assert question.period.start == datetime(2026, 11, 16, tzinfo=ZoneInfo(TZ))


# ---------------------------------------------------------------------------------------------
# Robustness


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\t", "?", "!!!", "😀" * 50, "é" * 300, "\x00\x01", "İİİ", "ß" * 10, "1/1/1", "9999-99-99",
     "week 99", "between and", "since", "from to", "\u202e\u200bweakest", "<script>alert(1)</script>"],
)  # fmt: skip
def test_odd_input_never_raises(text: str) -> None:
    question = parse_question(text, now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit"), people=["Dana"])
    assert question.intent in INTENTS
    assert 0.0 <= question.confidence <= 1.0


def test_random_unicode_never_raises() -> None:
    rng = random.Random(20261122)
    alphabet = "abcdefghijklmnopqrstuvwxyz  0123456789-/.,?!'éß😀中Ωحب"
    mots = cycle_mots("healthcare-visit")
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        assert parse_question(text, now=NOW, tz=TZ, mots=mots).intent in INTENTS


def test_very_long_input_is_truncated_and_fast() -> None:
    text = "which MOTs are weakest this week " + "blah " * 2000
    assert len(text) > 10_000
    started = clock.perf_counter()
    question = parse_question(text, now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit"))
    assert clock.perf_counter() - started < 5.0  # runaway backtracking only; a busy machine is slower
    assert question.intent == "weakest"


def test_parse_is_fast_after_warm_up() -> None:
    mots = cycle_mots("healthcare-visit")
    texts = [c["text"] for c in CASES][:60]
    for text in texts:
        parse_question(text, now=NOW, tz=TZ, mots=mots)
    timings = []
    for text in texts:
        started = clock.perf_counter()
        parse_question(text, now=NOW, tz=TZ, mots=mots)
        timings.append(clock.perf_counter() - started)
    # a guard against runaway backtracking only, not a speed figure: a slow or busy machine is ten times slower
    # (bench/question.py measures parse p50 with its baseline in the same run)
    assert statistics.median(timings) < 0.25


def test_period_is_in_team_zone_for_aware_utc_now() -> None:
    utc_now = datetime.fromisoformat("2026-11-23T04:30:00+00:00")  # Sunday 23:30 in New York
    question = parse_question("weakest this week", now=utc_now, tz="America/New_York", mots=())
    assert question.period.start == datetime(2026, 11, 16, tzinfo=ZoneInfo("America/New_York"))
    assert question.period.start.tzinfo == ZoneInfo("America/New_York")


# ---------------------------------------------------------------------------------------------
# issue 14: limits, feelings, shorthand, people not on the team, off-topic, defaults


def _q(text: str, people: tuple[str, ...] = ("Dana", "Sam Patel")) -> Question:
    return parse_question(text, now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit"), people=people)


def test_limit_says_how_many_and_other_words_say_which_end() -> None:
    assert (_q("top 3 things patients hate").intent, _q("top 3 things patients hate").limit) == ("weakest", 3)
    assert (_q("top five moments").intent, _q("top five moments").limit) == ("strongest", 5)
    assert (_q("bottom 2").intent, _q("bottom 2").limit) == ("weakest", 2)
    assert _q("top 40 worst").limit == 10  # capped
    assert _q("weakest in the last 3 weeks").limit is None  # a period, not a limit
    assert _q("how many ratings in the top 3").limit is None  # only rankings carry one


def test_feelings_from_lemmas_and_shorthand() -> None:
    for text in ("which step irritates patients most", "what frustrates ppl", "where are we failing rn",
                 "what bugged customers the most"):
        assert _q(text).intent == "weakest", text
    for text in ("which touchpoint do patients love most", "what did customers enjoy"):
        assert _q(text).intent == "strongest", text
    assert _q("parking, do patients hate it?").intent != "weakest"  # a named moment: about that moment


def test_people_not_on_the_team_and_titles() -> None:
    bob = _q("stories about bob")
    assert (bob.intent, bob.person, bob.on_team) == ("stories", "Bob", False)
    smith = _q("stories mentioning dr smith")
    assert (smith.person, smith.mot_id, smith.on_team) == ("Dr Smith", None, False)
    dana = _q("stories about dana")
    assert (dana.person, dana.on_team) == ("Dana", True)
    assert _q("stories about parking").person is None  # a moment, not a name
    assert _q("stories about kindness").person is None  # an English word, no capital


def test_off_topic_clears_what_it_matched_and_counts_are_ratings() -> None:
    booking = _q("book me an appointment for friday")
    assert (booking.intent, booking.mot_id, booking.period_named) == ("off_topic", None, False)
    assert _q("send the chart to the team").intent == "chart"  # our own thing: not off-topic
    counted = _q("how many irritating votes for parking")
    assert (counted.intent, counted.rating, counted.mot_id) == ("rating_count", "irritating", "find-parking")
    assert _q("how many stories this week").intent == "story_count"
    assert _q("how many ratings").period_named is False and _q("how many ratings this week").period_named


def test_trend_or_comparison_depends_on_how_far_back() -> None:
    assert _q("has check-in got worse since october").intent == "trend"
    assert _q("has check-in got worse since last week").intent == "compare"  # two weeks: a comparison
    # a series asked ("weekly figures") is a trend however short the window
    assert _q("has the waiting room changed since last week, weekly figures please").intent == "trend"
    assert _q("trend for check-in").period.label.startswith("last 8 weeks")


@pytest.mark.parametrize(
    ("text", "people", "person", "on_team", "said", "options"),
    [
        # a title + surname: the one team member it fits, the title taken with the name (not the physician MOT)
        ("stories mentioning Dr Patel", ("Alice", "Sam Patel"), "Sam Patel", True, "Dr Patel", ()),
        ("stories about Dr. Patel", ("Alice", "Dr Sam Patel"), "Dr Sam Patel", True, "Dr Patel", ()),
        ("stories about Mr Patel", ("Nurse Sam Patel",), "Nurse Sam Patel", True, "Mr Patel", ()),  # courtesy fits
        # a title of another kind, or a surname two people share: offered, never taken
        ("stories about dr patel", ("Nurse Sam Patel",), "Dr Patel", False, "Dr Patel", ("Nurse Sam Patel",)),
        ("stories about patel", ("Sam Patel", "Priya Patel"), "Patel", False, "Patel", ("Priya Patel", "Sam Patel")),
        ("stories mentioning dr patel", ("Sam Patel", "Priya Patel"), "Dr Patel", False, "Dr Patel",
         ("Priya Patel", "Sam Patel")),
        # a forename still finds them; a title in a team member's name is not a key of it
        ("stories about Sam this week", ("Sam Patel", "Priya Patel"), "Sam Patel", True, None, ()),
        ("stories mentioning dr smith", ("Dr Sam Patel",), "Dr Smith", False, None, ()),
    ],
)
def test_titles_and_shared_surnames(text, people, person, on_team, said, options):
    q = parse_question(text, now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit"), people=people)
    assert (q.intent, q.person, q.on_team, q.person_said, q.person_options, q.mot_id) == (
        "stories", person, on_team, said, options, None)


@pytest.mark.parametrize(
    ("text", "intent", "period", "mot_id", "person", "limit"),
    [
        # one question among other sentences: that question, the moment or window from the context
        ("We added chairs on Monday. Is the waiting room doing better this week than last week?", "compare",
         "this week", "waiting-room", None, None),
        ("Staff say patients hate the new forms. How is that paperwork stage doing?", "mot_detail", "this month",
         "insurance-forms", None, None),
        ("I have a huddle on Monday on how we did over the past 30 days. Could you give me the four worst?", "weakest",
         "last 30 days", None, None, 4),
        ("A regular said something lovely about Fernando on Saturday. Any stories where he's been mentioned?",
         "stories", "this week", None, "Fernando", None),
        # a closed-class word is no misspelling; intensifiers and "I'd like to" don't change the reading
        ("anything about Tariq this week", "stories", "this week", None, "Tariq", None),
        ("what went really well for guests last week", "strongest", "last week", None, None, None),
        ("I'd like to see the weakest moments this week", "weakest", "this week", None, None, None),
        # a change over a long stretch is a trend; a determiner said any way ("their way back")
        ("has the doctor been sliding over q3", "trend", "Q3", "physician", None, None),
        ("what did patients write about finding their way back to the car", "comments", "this month",
         "back-to-car", None, None),
        ("our no. 1 moment this month", "strongest", "this month", None, None, 1),
        ("latest 3 stories", "stories", "this week", None, None, 3),
        ("how many stories in total", "story_count", "all time", None, None, None),
    ],
)
def test_general_readings(text, intent, period, mot_id, person, limit):
    q = parse_question(text, now=datetime(2026, 11, 25, 10), tz=TZ, mots=cycle_mots("healthcare-visit"),
                       people=("Dana", "Sam"))
    assert (q.intent, q.mot_id, q.person, q.limit) == (intent, mot_id, person, limit)
    assert q.period.label.startswith(period)


def test_sport_is_off_topic_but_scores_are_ours():
    mots = cycle_mots("healthcare-visit")
    assert parse_question("whats the score in the arsenal game", now=NOW, tz=TZ, mots=mots).intent == "off_topic"
    assert parse_question("what scores did check in get this week", now=NOW, tz=TZ, mots=mots).intent != "off_topic"


@pytest.mark.parametrize(
    ("text", "intent", "period", "mot_id", "person"),
    [
        # a plain quality word with a degree, or after "doing", ranks like worst/best ("least good" is bad)
        ("which touchpoint is most poor", "weakest", "this week", None, None),
        ("which stages are doing great this month", "strongest", "this month", None, None),
        ("which part is least good", "weakest", "this week", None, None),
        # a superlative with a rating noun in a ranking question ranks; it is not a request for quotes
        ("which steps had the best reviews in october", "strongest", "October", None, None),
        # "the picture for X" is how X is doing; "results" of a period are its figures, not the results MOT
        ("what's the picture for parking", "mot_detail", "this month", "find-parking", None),
        ("how were Q3 results for parking", "mot_detail", "Q3", "find-parking", None),
        # "how much" with a count noun counts; people who responded are ratings
        ("how much ratings did we get this week", "rating_count", "this week", None, None),
        ("how many visitors replied last week", "rating_count", "last week", None, None),
        # a series of periods is a trend; so is "getting better or worse" with no period (still going on)
        ("how did parking do each week since september", "trend", "since September", "find-parking", None),
        ("is check in getting better or worse", "trend", "last 8 weeks", "check-in", None),
        # a staff role asked with "which" is a person; "rank staff" ranks them
        ("which nurse got the most kudos", "people", "this month", None, None),
        ("rank receptionists by stories told", "people", "this month", None, None),
        # names after "where ... comes up" / a capitalised non-word after "about" are kept as typed
        ("stories where Priyanka comes up", "stories", "this week", None, "Priyanka"),
        ("any stories about Marco", "stories", "this week", None, "Marco"),
        # query-like dates, "passed" for past, present-tense "since we start"
        ("weakest where date > 2026-09-01", "weakest", "since Tue 1 Sep", None, None),
        ("worst moments in the passed 2 weeks", "weakest", "last 2 weeks", None, None),
        ("how many stories since we start", "story_count", "all time", None, None),
        # a how-to about office equipment is not ours
        ("how do I fix the paper jam in the printer", "off_topic", "this week", None, None),
        # "how did we do" names no moment: the overview, never one moment's figures without a moment
        ("how did we do last week", "chart", "last week", None, None),
        ("how are we doing this month", "chart", "this month", None, None),
        # a moment and words the rules can't read: the trained model reads them ("the doctor?" alone is
        # still "did you mean" its figures, words or practices)
        ("is the waiting room getting any better", "trend", "last 8 weeks", "waiting-room", None),
    ],
)
def test_readings_that_generalise(text, intent, period, mot_id, person):
    q = parse_question(text, now=datetime(2026, 11, 25, 10), tz=TZ, mots=cycle_mots("healthcare-visit"),
                       people=("Dana", "Sam"))
    assert (q.intent, q.mot_id, q.person) == (intent, mot_id, person)
    assert q.period.label.startswith(period)


def _ask(text: str, cycle: str = "healthcare-visit") -> Question:
    return parse_question(text, now=NOW, tz=TZ, mots=cycle_mots(cycle), people=("Dana", "Alice", "Sam"))


def test_a_possessive_typed_without_its_apostrophe() -> None:
    q = _ask("last months numbers for the waiting room")
    assert (q.period.start.date(), q.period.end.date(), q.period_named) == (date(2026, 10, 1), date(2026, 11, 1), True)
    assert _ask("this weeks stories").period_named
    assert _ask("alices stories this month").person == "Alice"
    assert _ask("in the last weeks of october") is not None  # a plural, left alone


def test_a_titled_name_anywhere_is_a_person_not_the_physician() -> None:
    q = _ask("stories that mention our new registrar Dr Adeyemi")
    assert (q.intent, q.person, q.on_team, q.mot_id) == ("stories", "Dr Adeyemi", False, None)
    assert _ask("how did the doctor do this week").mot_id == "physician"


@pytest.mark.parametrize("text", [
    "write a summary of the complaints for the board",
    "email the weakest moments to Sam",
    "forward the parking feedback to facilities",
    "remind me to check the stories on monday",
])
def test_requests_to_act_on_our_numbers_are_still_off_topic(text: str) -> None:
    assert _ask(text).intent == "off_topic"


def test_since_something_happened_in_a_month() -> None:
    q = _ask("has check-in improved since we hired a receptionist in september")
    assert (q.intent, q.mot_id, q.period.start.date()) == ("trend", "check-in", date(2026, 9, 1))
    q = _ask("is the rota change making the waiting room better since the start of october")
    assert (q.intent, q.mot_id, q.period.start.date()) == ("trend", "waiting-room", date(2026, 10, 1))


def test_short_month_names_alone_and_side_by_side() -> None:
    q = _ask("parking numbers for oct")
    assert (q.period.start.date(), q.period_named) == (date(2026, 10, 1), True)
    q = _ask("put sep and aug side by side for the waiting room")
    assert q.intent == "compare" and {q.period.start.date(), q.compare.start.date()} == {date(2026, 8, 1), date(2026, 9, 1)}
    assert not _ask("stories about jan").period_named  # a name, not January


def test_series_and_still_going_changes_are_trends() -> None:
    assert _ask("month on month for check-in since june").intent == "trend"
    assert _ask("are the phones getting better or worse").intent == "trend"
    assert _ask("compare check-in month on month: october vs september").intent == "compare"
    assert _ask("are shining ratings going up since august").intent == "trend"
    assert _ask("how many shining ratings since august").intent == "rating_count"


def test_comments_of_one_rating() -> None:
    assert _ask("any complaints about the waiting room").rating == "irritating"
    assert _ask("shining comments about check-in").rating == "shining"
    assert _ask("what are people saying about parking").rating is None
    assert _ask("good and bad comments about parking").rating is None


def test_a_count_said_after_the_question_sentence() -> None:
    q = _ask("what's working for us at the moment? best 4 over the past quarter")
    assert (q.intent, q.limit) == ("strongest", 4)
    q = _ask("board meeting on fri, need the bottom 3 touchpoints from the last 2 months")
    assert (q.intent, q.limit, (q.period.end - q.period.start).days >= 59) == ("weakest", 3, True)


def test_slash_dates_follow_the_team_clock() -> None:
    uk = parse_question("weakest since 9/3", now=NOW, tz="Europe/London", mots=cycle_mots("healthcare-visit"))
    us = parse_question("weakest since 9/3", now=NOW, tz="America/Chicago", mots=cycle_mots("healthcare-visit"))
    assert (uk.period.start.date(), us.period.start.date()) == (date(2026, 3, 9), date(2026, 9, 3))
    # one reading the first of a month: that one, whoever writes it
    assert _ask("weakest since 9/1").period.start.date() == _ask("weakest since 1/9").period.start.date() == date(2026, 9, 1)
    assert _ask("weakest since 9/25").period.start.date() == date(2026, 9, 25)  # only one reading


def test_since_then_is_the_date_said_before() -> None:
    q = _ask("We moved the check-in kiosks on 14 September. How many ratings has check-in had since then?")
    assert (q.intent, q.mot_id, q.period.start.date()) == ("rating_count", "check-in", date(2026, 9, 14))
    q = _ask("The new phone menu launched at the start of October. Is booking getting better since then?")
    assert (q.intent, q.mot_id, q.period.start.date()) == ("trend", "call-appointment", date(2026, 10, 1))


def test_sentences_around_a_question_give_a_window_or_a_moment_only_when_meant() -> None:
    q = _ask("Sam got a thank-you card last week. Any stories about Sam?")
    assert (q.person, q.period_named) == ("Sam", False)  # when the card came, not the window asked about
    q = _ask("I need figures over the past 60 days for the board. Which are the three weakest moments?")
    assert (q.intent, q.limit, (q.period.end - q.period.start).days) == ("weakest", 3, 60)
    q = _ask("Reception was short-staffed yesterday. How many ratings came in yesterday?")
    assert (q.intent, q.mot_id) == ("rating_count", None)  # the story's moment is not the question's
    q = _ask("Patients keep moaning about the forms. How did that stage do this month?")
    assert q.mot_id == "insurance-forms"


def test_shorthand_for_periods() -> None:
    assert _ask("weakest last 90").period.label.startswith("last 90 days")
    q = _ask("check-in this mo vs last mo")
    assert (q.intent, q.period.start.date(), q.compare.start.date()) == ("compare", date(2026, 11, 1), date(2026, 10, 1))
    assert _ask("strongest in the second quarter").period.start.date() == date(2026, 4, 1)
    assert _ask("worst 3 over the past quarter").period.start.date() == date(2026, 8, 23)


def test_floor_words_of_a_restaurant() -> None:
    def ask(text: str) -> Question:
        return parse_question(text, now=NOW, tz=TZ, mots=cycle_mots("restaurant-visit"))
    assert ask("how's the check doing this month").mot_id == "pay-bill"
    assert ask("table touches vs last month").mot_id == "check-back"
    assert ask("how long are entrees taking to come out").mot_id == "served"
    for text in ("what got 86'd tonight", "make me a seating chart for friday", "who's on the schedule tomorrow",
                 "how many covers did we do saturday"):
        assert ask(text).intent == "off_topic", text


def test_a_role_and_a_name_is_the_person() -> None:
    q = _ask("stories about our new porter Kwame")
    assert (q.person, q.on_team, q.mot_id) == ("Kwame", False, None)
    q = _ask("top 3 nurses by stories this month")
    assert (q.intent, q.limit) == ("people", 3)


def test_office_english_periods() -> None:
    assert _ask("weakest moments till date").period.label == "all time"
    q = _ask("trend for check-in from 1st Sept till date")
    assert (q.intent, q.period.start.date()) == ("trend", date(2026, 9, 1))
    q = _ask("kindly share the weakest for last to last month")
    assert (q.period.start.date(), q.period.end.date()) == (date(2026, 9, 1), date(2026, 10, 1))
    assert _ask("ratings since the third of october").period.start.date() == date(2026, 10, 3)
    q = _ask("compare check-in before and after 2nd Nov")
    assert (q.intent, q.period.start.date()) == ("compare", date(2026, 11, 2))
    q = _ask("how did the doctors fare last month against the month prior")
    assert (q.intent, q.compare.start.date()) == ("compare", date(2026, 9, 1))


def test_the_practice_is_a_place_and_kindly_is_a_request() -> None:
    assert _ask("bottom 3 touchpoints at the practice this month").intent == "weakest"
    assert _ask("best practices for the waiting room").intent == "practices"
    assert _ask("kindly book a slot with Dr Rao on friday").intent == "off_topic"
    assert _ask("translate this comment into english: el parking es caro").intent == "off_topic"


def test_where_we_are_good_or_lacking() -> None:
    assert _ask("where are we lacking most, last 30 days").intent == "weakest"
    assert _ask("where we are good? which stage").intent == "strongest"
    assert _ask("bad moments this week?").intent == "weakest"
    assert _ask("what's letting the clinic down since october").intent == "weakest"


def test_since_a_day_against_as_many_days_before() -> None:
    q = _ask("since we moved the kiosk on 2 Nov, is check-in rated better than before?")
    assert (q.intent, q.period.start.date(), q.compare.end.date()) == ("compare", date(2026, 11, 2), date(2026, 11, 2))


def test_slack_markup_and_meeting_days() -> None:
    q = _ask("@storybot :eyes: *weakest* moments _this month_ for Thursday's huddle :pray:")
    assert (q.intent, q.period.start.date(), q.period.end.date()) == ("weakest", date(2026, 11, 1), date(2026, 12, 1))
    assert _ask("Monday's ratings for parking").period.start.date() == date(2026, 11, 16)  # a day's own figures
    assert _ask("did the new signage help? compare the signs this month against last month").intent == "compare"


def test_terse_periods_and_counts() -> None:
    assert _ask("worst mots past 30d").period.label.startswith("last 30 days")
    assert (_ask("obs trend 90d").intent, _ask("obs trend 90d").mot_id) == ("trend", "vital-signs")
    assert _ask("front desk trend 6 mths").period.start.date() == date(2026, 5, 23)
    assert _ask("n stories all time").intent == "story_count"
    assert _ask("n ratings for parking yday").intent == "rating_count"
    q = _ask("signage since oct vs before")
    assert (q.intent, q.period.start.date(), q.compare.end.date()) == ("compare", date(2026, 10, 1), date(2026, 10, 1))


def test_a_dental_practice_words() -> None:
    assert _ask("recall calls this quarter vs last").mot_id == "follow-up"
    assert _ask("how's the front office doing").mot_id == "check-in"
    assert _ask("trend for the treatment plan explanation").mot_id == "physician"
    assert _ask("which part of the appointment needs the most work").mot_id is None


def test_half_years_versus_and_fillers() -> None:
    q = _ask("weakest stages for H2")
    assert (q.intent, q.period.start.date()) == ("weakest", date(2026, 7, 1))
    q = _ask("H2 vs H1 for check-in")
    assert (q.intent, q.compare.start.date()) == ("compare", date(2026, 1, 1))
    q = _ask("october v september for parking")
    assert (q.intent, q.mot_id) == ("compare", "find-parking")
    assert _ask("which moments need the most work, would you say? last two weeks.").intent == "weakest"
    assert _ask("which touchpoints are driving our detractors").mot_id is None


def test_people_boards_and_requests_to_act() -> None:
    assert _ask("kudos leaderboard for october").intent == "people"
    for text in ("send the feedback report to head office", "reset all the ratings", "make a poster asking for feedback",
                 "set up an nps survey for q1", "what's the nps benchmark for private clinics"):
        assert _ask(text).intent == "off_topic", text
    assert _ask("send me the chart").intent != "off_topic"


def test_a_moment_in_an_event_that_dates_the_window_is_not_what_is_asked() -> None:
    q = _ask("since the new kiosks went live on 5 Oct, which steps are patients happiest with?")
    assert (q.intent, q.mot_id, q.period.start.date()) == ("strongest", None, date(2026, 10, 5))
    q = _ask("how many ratings since the car park barrier was replaced (12 Oct)?")
    assert (q.intent, q.mot_id, q.period.start.date()) == ("rating_count", None, date(2026, 10, 12))
    q = _ask("shout-outs for Sam since the kiosk refit on 3 Nov?")
    assert (q.intent, q.person, q.mot_id, q.period.start.date()) == ("stories", "Sam", None, date(2026, 11, 3))
    q = _ask("has check-in improved since the kiosks went in on 5 Oct?")  # a moment asked about keeps it
    assert (q.mot_id, q.period.start.date()) == ("check-in", date(2026, 10, 5))
    q = _ask("how many ratings since the first of october")  # a date alone is no event
    assert q.period.start.date() == date(2026, 10, 1)
    q = _ask("worst moments since we opened the new wing at the start of Sept")
    assert (q.intent, q.period.start.date()) == ("weakest", date(2026, 9, 1))


def test_something_told_then_a_dash_then_the_question() -> None:
    q = _ask("we swapped the check-in kiosks on 5 Oct — which moments are weakest since then?")
    assert (q.intent, q.mot_id, q.period.start.date()) == ("weakest", None, date(2026, 10, 5))
    q = _ask("the kiosks were replaced on 5 Oct - what are patients saying about checking in since?")
    assert (q.intent, q.mot_id, q.period.start.date()) == ("comments", "check-in", date(2026, 10, 5))
    # nothing told, one sentence: the two moments side by side
    assert _ask("parking vs check-in - which is rated worse?").versus == ("find-parking", "check-in")


def test_teams_cards_numbers_and_who_is_top() -> None:
    q = _ask("how many stories did the front desk team tell last week")
    assert (q.intent, q.mot_id) == ("story_count", None)  # the people at the desk, not the check-in moment
    assert _ask("how many stories about check-in last week").mot_id == "check-in"
    q = _ask("who should get a thank you card this month?")
    assert q.mot_id is None  # a card for a person, not the insurance card
    assert _ask("any stories logged today? only the number please").intent == "story_count"
    assert _ask("who came top for shout-outs in september").intent == "people"
    assert _ask("who do you think we should recognise at huddle").intent == "people"
    assert _ask("best moments for the year so far").period.start.date() == date(2026, 1, 1)
    assert _ask("direction of travel for parking since july").mot_id == "find-parking"  # not the directions MOT
    assert _ask("did parking get worse all through Q3?").intent == "trend"
    q = _ask("5 complaints about the waiting room")
    assert (q.intent, q.limit, q.rating) == ("comments", 5, "irritating")
    assert _ask("what did patients say about receiving their results").mot_id == "receive-results"
    for text in ("what's the usual dose of ibuprofen for an adult", "how many no-shows did we have in october",
                 "how many DNAs this week"):
        assert _ask(text).intent == "off_topic", text


def test_a_part_of_the_meal_is_the_whole_visit() -> None:
    for text in ("which part of the meal do diners like least?", "which bits of a dinner are guests least happy with"):
        q = _ask(text, "restaurant-visit")
        assert (q.intent, q.mot_id) == ("weakest", None), text
    assert _ask("what do patients enjoy the least").intent == "weakest"  # "like least": a feeling turned


def test_a_correction_says_which_moment_is_meant() -> None:
    q = _ask("How did the bit before the doctor go in October? The forms and insurance card, I mean.")
    assert (q.intent, q.mot_id) == ("mot_detail", "insurance-forms")
    assert _ask("how's parking, I mean the exit barrier, this month").mot_id == "drive-out"
    q = _ask("since the new kiosks went in on 5 Oct, how many ratings for the bit after the doctor? Paying, I mean.")
    assert (q.intent, q.mot_id, q.period.start.date()) == ("rating_count", "checkout-pay", date(2026, 10, 5))
    for text in ("How is parking? I mean the car park exit.", "I mean.", "i mean, i mean", "stories? i.e."):
        assert isinstance(_ask(text).intent, str)  # never raises, wherever the correction falls


def test_what_drives_feelings_whole_history_and_moaning() -> None:
    q = _ask("which touchpoints are driving negative sentiment this quarter?")
    assert (q.intent, q.mot_id) == ("weakest", None)  # not the drive-out MOT
    assert _ask("which steps cause the most complaints").intent == "weakest"
    q = _ask("how has the waiting room trended? give me the whole history")
    assert (q.intent, q.period.label) == ("trend", "all time")
    q = _ask("what did customers moan about last week")
    assert (q.intent, q.period_named) == ("comments", True)
    assert _ask("which moment do patients moan about most").intent == "weakest"
    q = _ask("quotes with the kindest things patients said about check-in")
    assert (q.intent, q.rating) == ("comments", "shining")
    assert _ask("what are the drivers of great service here?").intent == "practices"
    assert _ask("any comments on results this month").mot_id == "receive-results"  # bare results: the results
    assert _ask("waiting for results this month").mot_id == "wait-results"
    assert _ask("specials for tonight - any ideas?", "restaurant-visit").intent == "off_topic"


def test_who_asks_a_post_held_and_pointers_back() -> None:
    q = _ask("Alice needs our four best moments for the staff newsletter")
    assert (q.intent, q.person, q.limit) == ("strongest", None, 4)  # who asks, not whom it is about
    q = _ask("morning - Tom's asked me for the worst three stages from October")
    assert (q.intent, q.person, q.period.label) == ("weakest", None, "October 2026")
    assert _ask("stories where Alice needs help with the kiosk").person == "Alice"  # not at the clause's start
    q = _ask("any stories about Maria on the front desk?")
    assert (q.intent, q.person, q.mot_id) == ("stories", "Maria", None)  # her post, not the check-in moment
    assert _ask("stories about Maria at check-in").mot_id == "check-in"
    q = _ask("we're buying flowers for whoever told the most stories in October - who was it?")
    assert (q.intent, q.period.label) == ("people", "October 2026")  # "who was it" points back: one question


def test_comparisons_said_apart_and_rough_windows() -> None:
    q = _ask("Is the waiting room any better? This month against last")
    assert (q.intent, q.mot_id, q.period.label) == ("compare", "waiting-room", "this month (November 2026)")
    assert q.compare is not None and q.compare.start.date() == date(2026, 10, 1)
    q = _ask("vital signs trending down, the last week or so?")
    assert q.period.label.startswith("past week")
    assert _ask("weakest moments last month or so").period.label.startswith("past month")
    assert _ask("weakest moments last month").period.label == "last month (October 2026)"
    assert _ask("which bits are we doing v good at this wk").intent == "strongest"  # "v" for very, not versus
    assert _ask("parking v check-in this month").intent == "compare"


def test_practices_said_as_what_staff_do_and_requests_after_the_facts() -> None:
    assert _ask("what do the nurses do that patients appreciate?").intent == "practices"
    assert _ask("anything from October's stories worth making standard?").intent == "practices"
    assert _ask("what do we do that patients hate").intent == "weakest"  # not a practice to spread
    for text in ("a patient wrote a long review about parking, can you reply to it for me?",
                 "the check-in figures look odd; could you delete the bad ratings?"):
        assert _ask(text).intent == "off_topic", text
    assert _ask("which moments are weakest, can you update me on parking too").intent == "weakest"
    q = _ask("could you read me two of the kindest comments from September?")
    assert (q.intent, q.limit, q.rating) == ("comments", 2, "shining")


def test_checks_and_hunches_beside_a_ranking_and_who_hears_it() -> None:
    q = _ask("what are our best moments this month, and is the waiting room one of them?")
    assert (q.intent, q.mot_id, q.period.label) == ("strongest", None, "this month (November 2026)")
    q = _ask("worst three stages since September - my guess is the forms")
    assert (q.intent, q.mot_id, q.limit) == ("weakest", None, 3)
    assert _ask("is parking one of the weakest?").mot_id == "find-parking"  # asked about parking itself
    q = _ask("which moments are weakest, i think since october")  # a window said in the aside stays
    assert (q.intent, q.period.start.date()) == ("weakest", date(2026, 10, 1))
    q = _ask("which moments went worst last week? I need something for the reception huddle")
    assert (q.intent, q.mot_id) == ("weakest", None)
    assert _ask("how was check-in this month").mot_id == "check-in"
    q = _ask("so I can brief the partners on Friday: which moments improved most this quarter?")
    assert q.period.label.startswith("this quarter")  # Friday is the meeting, not the window
    assert _ask("stories from friday").period.label.startswith("Friday")


def test_let_downs_colleagues_ranked_complaints_and_data_we_do_not_hold() -> None:
    q = _ask("our three biggest letdowns this year?")
    assert (q.intent, q.limit) == ("weakest", 3)
    q = _ask("which 3 colleagues were thanked most in October")
    assert (q.intent, q.limit) == ("people", 3)
    assert _ask("what did patients complain about last week").rating == "irritating"
    q = _ask("pull four glowing patient comments from the summer")
    assert (q.intent, q.limit, q.rating) == ("comments", 4, "shining")
    for text in ("how are we doing against the A&E 4-hour target", "how long is the waiting list for physio",
                 "can you hold a table for six on Saturday"):
        assert _ask(text).intent == "off_topic", text


def test_the_front_fed_up_the_story_with_and_who_is_asking() -> None:
    assert _ask("how has the front been doing since october").mot_id == "check-in"  # the front desk
    assert _ask("how was the front door this week").mot_id == "enter-building"
    assert _ask("good habits from front of house we should spread").mot_id is None  # a team, not a moment
    assert _ask("which parts of the visit are patients most fed up with").intent == "weakest"
    q = _ask("what's the story with parking this week")
    assert (q.intent, q.mot_id) == ("mot_detail", "find-parking")  # how it is, not the staff stories
    q = _ask("how many ratings in October, Alice is asking")
    assert (q.intent, q.person) == ("rating_count", None)
    q = _ask("Parking is a mess, we all know that. What else is pulling us down this month?")
    assert (q.intent, q.mot_id) == ("weakest", None)  # "this month" points back at no moment
    assert _ask("top 5 people for praise in October").intent == "people"
    assert _ask("anything the nurses have been doing well with anxious patients, to pass on?").intent == "practices"
    assert _ask("how many patients have the nurses seen this week").intent == "off_topic"


def test_the_askers_own_task_before_the_question_is_context() -> None:
    q = _ask("I need to update the team on Friday: how many ratings this month?")
    assert (q.intent, q.period.label) == ("rating_count", "this month (November 2026)")
    assert _ask("I have to email the partners - which moments were weakest in October?").intent == "weakest"
    assert _ask("I need to draft an email to the team about parking").intent == "off_topic"  # nothing asked
    assert _ask("I need you to email the board: which moments are weakest").intent == "off_topic"  # a request


def test_dictated_homophones_and_time_said_without_the_article() -> None:
    q = _ask("how did check in do last weak")
    assert (q.intent, q.period.label[:9], q.period_named) == ("mot_detail", "last week", True)
    assert _ask("number of stories this weak please").period.label.startswith("this week")
    assert _ask("ratings for the past two weaks").period.label.startswith("last 2 weeks")
    q = _ask("our three week points in october")
    assert (q.intent, q.limit) == ("weakest", 3)
    assert _ask("give me the for best moments of the summer").limit == 4
    assert _ask("which weak spots this month").intent == "weakest"  # a real "weak" stays weak
    assert _ask("the lowest rated moments since beginning").period.label == "all time"
    assert _ask("quotes about parking, no time limit").period.label == "all time"
    assert _ask("stories since beginning of october").period.label.startswith("since October 2026")


def test_money_staffing_and_chores_are_not_ours_and_dull_ranks_by_dull() -> None:
    for text in ("what did we spend on agency nurses in october", "how much do we pay for the car park contract",
                 "what's the average spend per head on a friday", "any free slots with the dermatologist on monday",
                 "can you chase the lab about mrs khan's bloods", "how many patients did we refer last month",
                 "please forward the weekly summary by e-mail to the board"):
        assert _ask(text).intent == "off_topic", text
    for text in ("what do patients say about the cost of parking", "how is follow-up after discharge going"):
        assert _ask(text).intent != "off_topic", text
    q = _ask("which stages had the highest share of dull ratings in q3")
    assert (q.intent, q.rating) == ("weakest", "dull")
    assert _ask("which stages are the most irritating in q3").rating is None  # the plain weakest ranking
    assert _ask("where do we get the most shining ratings").rating is None  # the plain strongest ranking


def test_a_name_one_letter_off_a_team_member_is_offered_and_the_purpose_after_a_request_is_context() -> None:
    q = _ask("any stories from Alcie this week?")
    assert (q.person, q.on_team, q.person_options) == ("Alcie", False, ("Alice",))  # "did you mean Alice?"
    assert _ask("stories about Bob").person_options == ()
    q = _ask("pull the complaints from yesterday please, I need them for the sisters' huddle on parking")
    assert (q.intent, q.rating, q.mot_id) == ("comments", "irritating", None)
    q = _ask("five best comments since the very start, I'm going to frame them for reception")
    assert (q.intent, q.limit, q.mot_id, q.period.label) == ("comments", 5, None, "all time")
    q = _ask("Did the barrier get better after we moved the pay machine? Compare October against September.")
    assert (q.intent, q.mot_id, q.period.label, q.compare.label) == (
        "compare", "drive-out", "October 2026", "September 2026")
    q = _ask("monthly breakdown of the consultant part for this year")
    assert (q.intent, q.mot_id) == ("trend", "physician")
    assert _ask("top 3 stages for shining ratings in october").intent == "strongest"
    assert _ask("HCAs on the ward doing obs - any good comments?").mot_id == "vital-signs"


def test_a_claim_put_as_a_question_before_what_is_asked() -> None:
    q = _ask("Would I be wrong in thinking the phones are our sore point? Which four moments did worst in October?")
    assert (q.intent, q.limit, q.mot_id, q.period.label) == ("weakest", 4, None, "October 2026")
    q = _ask("Am I right that the blood tests have slipped since the spring? I'd like spring against summer.")
    assert (q.intent, q.mot_id) == ("compare", "tests")
    q = _ask("Is it not the case that check-in has been flat all quarter? The weekly movement, please.")
    assert (q.intent, q.mot_id, q.period.label[:12]) == ("trend", "check-in", "this quarter")
    q = _ask("I suspect fewer people rated the signage in October. The exact number, please.")
    assert (q.intent, q.mot_id, q.period.label) == ("rating_count", "read-signs", "October 2026")
    q = _ask("Would I be wrong to say there are stories about the lifts nobody has read? Let me see them.")
    assert q.intent == "stories"


def test_board_english_and_long_messages() -> None:
    assert _ask("number of ratings since we commenced").period.label == "all time"
    assert _ask("which colleague has told the most stories hitherto").period.label == "all time"
    q = _ask("comments on parking since the end of the summer")
    assert (q.period.start.date(), q.period_named) == (date(2026, 9, 1), True)
    assert _ask("stories since october ended").period.start.date() == date(2026, 11, 1)
    assert _ask("the five most prolific story-tellers this year").intent == "people"
    q = _ask("For my report to the committee on the 3rd of December, the weakest moments in October please")
    assert (q.intent, q.period.label) == ("weakest", "October 2026")
    q = _ask("which stages, from booking the appointment to paying at the desk, did worst this month?")
    assert (q.intent, q.mot_id) == ("weakest", None)
    assert _ask("how has the walk from the waiting area to the exam room been doing?").mot_id == "escort-exam"
    q = _ask("what share of the check-in ratings were irritating in october")
    assert (q.intent, q.mot_id) == ("mot_detail", "check-in")
    q = _ask("morning!\n- background: we changed the rota\n- ask: which moments were weakest this month?")
    assert (q.intent, q.period.label) == ("weakest", "this month (November 2026)")
    for text in ("I wonder whether you might draft a letter to the patient in bay 2",
                 "would you be so kind as to email the figures to the chair", "what's the bleep for the duty doctor",
                 "not sure if you can do this but can you text the team the rota", "when is the new scanner to be installed",
                 "what would the chef recommend for a vegan"):
        assert _ask(text).intent == "off_topic", text
    assert _ask("what are the staff doing well that we could roll out across all shifts").intent == "practices"
    assert _ask("how are the ANPs doing with consultations").mot_id == "physician"  # not "maps"


def test_days_known_by_name_and_a_pause_that_is_not_the_waiting_room() -> None:
    q = _ask("irritating comments on parking since the clocks went back")
    assert (q.period.start.date(), q.mot_id) == (date(2026, 10, 25), "find-parking")  # last Sunday of October
    assert _ask("how many ratings since halloween").period.start.date() == date(2026, 10, 31)
    assert _ask("trend for the bloods since easter").period.start.date() == date(2026, 4, 5)
    assert _ask("stories since bonfire night").period.start.date() == date(2026, 11, 5)
    # public holidays elsewhere, moveable ones computed (now is Sunday 22 Nov 2026)
    for said, day in (("since Labor Day", date(2026, 9, 7)), ("since memorial day", date(2026, 5, 25)),
                      ("since thanksgiving", date(2025, 11, 27)), ("since the new year", date(2026, 1, 1)),
                      ("since St Patrick's day", date(2026, 3, 17)), ("since the 4th of July", date(2026, 7, 4)),
                      ("since good friday", date(2026, 4, 3)), ("since Anzac Day", date(2026, 4, 25)),
                      ("since remembrance sunday", date(2026, 11, 8)), ("since Veterans Day", date(2026, 11, 11))):
        assert _ask(f"weakest moments {said}").period.start.date() == day, said
    q = _ask("how did check-in do over christmas")
    assert (q.period.start.date(), q.period.end.date()) == (date(2025, 12, 24), date(2025, 12, 27))
    assert not _ask("our best moments this month, to cheer everyone up before christmas").period.label.startswith("Wed")
    q = _ask("wait, how is check in doing this week")
    assert (q.intent, q.mot_id) == ("mot_detail", "check-in")  # not the waiting room
    assert _ask("ok so wait what did alice write about last week").mot_id is None
    assert _ask("what are we smashing this quarter").intent == "strongest"
    assert _ask("how are the physio sessions rated").mot_id == "physician"
    assert _ask("any good comments about the queue outside", cycle="restaurant-visit").mot_id == "arrive-greeted"
    for text in ("can you 86 the lamb special", "ideas for a secret santa for the team", "what gift for the nurses"):
        assert _ask(text).intent == "off_topic", text


@pytest.mark.parametrize(("text", "intent", "rating", "person"), [
    ("Good morning,\n\nI should be grateful to see what patients wrote about the signs.\n\nKind regards,\nJoan",
     "comments", None, None),
    ("Good afternoon. Which moments did patients rate best last month? With thanks, Joan", "strongest", None, None),
    ("Hello there, how many ratings this week? Many thanks, Dana", "rating_count", None, None),
    ("Which moments are worst this month? J", "weakest", None, None),
    ("any stories about Sam? Best wishes", "stories", None, "Sam Patel"),
    ("Good morning", "help", None, None),
    ("Good evening,\n\nI am preparing certificates. Who told the most stories this year?\n\nKind regards,\nJoan Smith",
     "people", None, None),
])
def test_a_letters_salutation_and_sign_off_are_not_the_question(text: str, intent: str, rating: str | None,
                                                                person: str | None) -> None:
    """"Good morning" is no shining rating, "Kind regards, Joan" no person asked about; a greeting alone is
    still a greeting."""
    q = _q(text)
    assert (q.intent, q.rating, q.person) == (intent, rating, person)
    assert q.mot_id == ("read-signs" if "signs" in text else None)


def test_a_name_after_a_title_or_a_team_members_name_is_not_a_signature() -> None:
    assert _q("any stories mentioning Dr. Okafor", people=("Dr Okafor",)).person == "Dr Okafor"
    assert _q("which moments are worst? Dana").person == "Dana"


def test_a_colleague_who_said_something_is_the_source_not_the_person_asked_about() -> None:
    q = _q("Dana mentioned that stories have dropped off lately. How many have we had this month?")
    assert (q.intent, q.person) == ("story_count", None)
    assert _q("Sam Patel told me parking is awful. Any stories about Sam?").person == "Sam Patel"  # asked too
    assert _q("what has Dana said about parking").person == "Dana"  # her stories are asked for


def test_the_organisations_own_admin_is_off_topic() -> None:
    for text in ("when does Sam's DBS check run out?",
                 "how do I put in a mileage claim for the home visits",
                 "what did the bake sale raise in donations this month",
                 "when is the next CQC inspection",
                 "Thanks for the figures. I would be most grateful if you could write a short note to the volunteers."):
        assert _ask(text).intent == "off_topic", text
    assert _ask("has the waiting room improved since the inspection in October?").intent != "off_topic"


def test_weeks_commencing_all_time_said_after_and_costs_and_sales() -> None:
    q = _ask("How many stories did Sam send in w/c 9 Nov?")
    assert (q.intent, q.person, q.period.label) == ("story_count", "Sam", "week of Mon 9 Nov (Mon 9 Nov – Sun 15 Nov)")
    assert _ask("any comments about the forms? all-time is fine.").period.label.startswith("all time")
    for text in ("how much did the new parking machines cost us", "how many coffees did we sell yesterday",
                 "is Maria on leave next week", "what's the food cost on the lunch menu"):
        assert _ask(text).intent == "off_topic", text
    assert _ask("is check-in better since the new kiosks went in").intent != "off_topic"


def test_a_comparison_said_after_a_question_about_one_moment() -> None:
    q = _ask("How's parking looking? October vs September please.")
    assert (q.intent, q.mot_id, q.period.label, q.compare.label) == (
        "compare", "find-parking", "October 2026", "September 2026")


def test_since_an_event_on_a_date_and_since_a_named_day_then() -> None:
    q = _ask("How have the signs been rated since we put the new ones up in the corridor on the 19th of October?")
    assert (q.mot_id, q.period.start.date(), q.period.end.date()) == ("read-signs", date(2026, 10, 19), date(2026, 11, 23))
    q = _ask("Since we changed the reception arrangements on the 9th of November, I have wondered whether anything "
             "else has slipped. Which areas are now rated the poorest?")
    assert (q.intent, q.period.start.date()) == ("weakest", date(2026, 11, 9))  # the window is the days since
    q = _ask("We moved the kiosk on Monday. Which areas are rated the poorest?")
    assert (q.intent, q.period_named) == ("weakest", False)  # the day it happened is no window
    q = _ask("Since Bonfire Night the assistants walk every patient in. Can you show me the weekly picture since then?")
    assert q.period.start.date() == date(2026, 11, 5)
    q = _ask("is parking better since they repainted the lines last monday")
    assert (q.mot_id, q.period.start.date()) == ("find-parking", date(2026, 11, 16))  # said on a Sunday


def test_second_language_dates_and_words() -> None:
    q = _ask("stories count since 1.10")
    assert (q.intent, q.period.start.date()) == ("story_count", date(2026, 10, 1))  # day first, after "since"
    assert _ask("stories from 1.10 to 31.10").period.label.startswith("October 2026")
    assert not _ask("the 10.30 clinic this week").period.label.startswith("Tue 10")  # a time, not 10 March
    assert _ask("rated 4.5 stars since 1.10").period.start.date() == date(2026, 10, 1)  # 4.5 is a score
    q = _ask("what is our weakest point in actual week")  # a false friend: the current week
    assert (q.intent, q.period_named, q.period.label.startswith("this week")) == ("weakest", True, True)
    q = _ask("pay station at car park exit, how is it going")  # "pay" names a thing here, it asks nothing done
    assert (q.intent, q.mot_id) == ("mot_detail", "drive-out")
    q = _ask("anything about Jenny from reception?")  # a forename typed with a capital after "about"
    assert (q.intent, q.person, q.mot_id) == ("stories", "Jenny", None)
    for text in ("patient has 39 fever and headache, what he should take?",
                 "how much wine we should order for the weekend"):
        assert _ask(text).intent == "off_topic", text


def test_a_bare_count_counts_what_the_sentence_before_names() -> None:
    q = _q("Dana mentioned that stories have dropped off lately. How many have we had this month?")
    assert q.intent == "story_count" and "story_count" not in q.alternative_intents
    assert _q("Ratings seem low. How many have we had this month?").intent == "rating_count"


def test_singlish_and_plain_superlatives() -> None:
    q = _ask("restaurant side where we always lose marks ah, from the beginning until now", "restaurant-visit")
    assert (q.intent, q.period.label.startswith("all time")) == ("weakest", True)
    assert _ask("which part customers most happy", "restaurant-visit").intent == "strongest"  # "most happy": happiest
    assert _ask("which step is the most bad for patients").intent == "weakest"
    assert _ask("top 2 story submitters last 30 days").intent == "people"
    q = _ask("noodle house how staff make the greeting good one", "restaurant-visit")
    assert (q.intent, q.mot_id) == ("practices", "arrive-greeted")
    assert _ask("restaurant GST calculation how to do", "restaurant-visit").intent == "off_topic"
    assert _ask("patients comments on the parking pay machine, Oct").mot_id == "drive-out"


def test_south_african_english_dates_roles_and_places() -> None:
    q = _ask("where do we shine most since 2026/09/01")
    assert (q.intent, q.period.start.date()) == ("strongest", date(2026, 9, 1))  # year first, with slashes
    q = _ask("is check-in better than it was last month?")  # last month is what it is measured against
    assert (q.intent, q.mot_id, q.period.label, q.compare.label) == ("compare", "check-in", "this month (November 2026)",
                                                                     "last month (October 2026)")
    q = _ask("waiting room this quarter compared with last quarter - any better or still kak?")
    assert (q.intent, q.mot_id) == ("compare", "waiting-room")  # "- any better": still the waiting room
    q = _ask("stories about Lerato the waitress at the restaurant this month", "restaurant-visit")
    assert (q.person, q.mot_id) == ("Lerato", None)  # her job, not the ordering moment
    q = _ask("what are diners saying about Shisa Nyama Corner this week", "restaurant-visit")
    assert (q.intent, q.person) == ("comments", None)  # a place, not a person
    assert _ask("stories about Lerato in clinic").person == "Lerato"  # a person somewhere, not a place's name
    q = _ask("tips from the team on giving directions to patients who ask the way")  # one moment said twice
    assert (q.intent, q.mot_id) == ("practices", "ask-directions")
    assert _ask("what are the lekker things the team is doing since 1 Oct").intent == "practices"
    for text in ("eish, what's the load shedding schedule for Sandton?", "whats a good marinade for the boerewors"):
        assert _ask(text).intent == "off_topic", text


@pytest.mark.parametrize(("text", "intent", "mot", "cycle"), [
    ("would you ever give me the top 3 pain points this month", "weakest", None, "healthcare-visit"),
    ("top 3 pain points this month, I've the practice meeting thursday and want it straight before the doctors start",
     "weakest", None, "healthcare-visit"),
    ("I've a feeling it's the phones again but tell me straight, which moments were patients most annoyed with",
     "weakest", None, "healthcare-visit"),
    ("Can you book Mrs. Henderson in for a follow-up on 12/3?", "off_topic", None, "healthcare-visit"),
    ("put a booking in for a table of 6 saturday at 8", "off_topic", None, "restaurant-visit"),
    ("can you order in 20 kilos of hake for friday", "off_topic", None, "restaurant-visit"),
    ("restaurant menu specials?", "off_topic", None, "restaurant-visit"),
    ("Where are we knocking it out of the park in Q3?", "strongest", None, "healthcare-visit"),
    ("What's our n for follow-up calls, all time?", "rating_count", "follow-up", "healthcare-visit"),
    ("Who's getting called out the most for great patient moments?", "people", None, "healthcare-visit"),
    ("any nice comments I could stick up on the staff room wall", "comments", None, "healthcare-visit"),
    ("chk-in: this wk v last wk", "compare", "check-in", "healthcare-visit"),
    ("call-appt: what works?", "practices", "call-appointment", "healthcare-visit"),
    ("votes today?", "rating_count", None, "healthcare-visit"),
])
def test_said_the_way_people_type_it(text: str, intent: str, mot: str | None, cycle: str) -> None:
    q = _ask(text, cycle)
    assert (q.intent, q.mot_id) == (intent, mot)


def test_windows_said_in_passing_or_in_shorthand() -> None:
    assert _ask("would you ever give me the weakest moments").period_named is False  # an Irish "please"
    assert _ask("did we ever get a story about parking").period.label == "all time"
    assert _ask("anything about Declan, he does the weekend bar").period_named is False
    assert _ask("how was the weekend").period.label.startswith("the weekend")
    three = _ask("trend chk-in 3m")
    assert (three.intent, three.mot_id, three.period.label.startswith("last 3 months")) == ("trend", "check-in", True)
    assert not _ask("what did ppl say about the 5m wait").period.label.startswith("last 5 months")
    assert not _ask("how many waits over 10m").period.label.startswith("last 10 months")
    qoq = _ask("QoQ for the waiting room")
    assert (qoq.intent, qoq.period.label.startswith("this quarter"), qoq.compare.label.startswith("last quarter")) == (
        "compare", True, True)


def test_windows_by_their_place_in_the_calendar() -> None:
    """Now is Sunday 22 Nov 2026 (London): the financial year starts in April here, July in Australia,
    October in the US; "2 weeks ago" is that week, "a month ago" that month."""
    def span(text: str, tz: str = TZ) -> tuple[date, date]:
        q = parse_question(f"weakest moments {text}", now=NOW, tz=tz, mots=cycle_mots("healthcare-visit"))
        assert q.period_named, text
        return q.period.start.date(), q.period.end.date()

    assert span("this FY")[0] == span("since the start of the financial year")[0] == date(2026, 4, 1)
    assert span("last FY") == span("FY26") == (date(2025, 4, 1), date(2026, 4, 1))
    assert span("this FY", "Australia/Sydney")[0] == date(2026, 7, 1)
    assert span("this fiscal year", "America/Chicago")[0] == date(2026, 10, 1)
    assert span("two weeks ago") == (date(2026, 11, 2), date(2026, 11, 9))
    assert span("a month ago") == (date(2026, 10, 1), date(2026, 11, 1))
    assert span("the quarter before last") == (date(2026, 4, 1), date(2026, 7, 1))
    assert span("the last week of October") == (date(2026, 10, 25), date(2026, 11, 1))
    assert span("the first week of november") == (date(2026, 11, 1), date(2026, 11, 8))
    assert span("the second half of the year")[0] == date(2026, 7, 1)
    assert span("mid-October") == (date(2026, 10, 1), date(2026, 11, 1))
    assert span("since 8am") == (date(2026, 11, 22), date(2026, 11, 23))
    assert _ask("are the mid-meal check backs getting better", "restaurant-visit").mot_id == "check-back"


def test_moments_named_in_peoples_own_words() -> None:
    """tests/fixtures/mot_names_first_author.jsonl: 324 questions by an outside author, 12 naming each moment
    of the two demo cycles their own way (211 right on arrival; bench/question.py prints it beside a held-out
    second author's)."""
    for name, floor in (("first", 300), ("third", 305), ("fifth", 305), ("sixth", 305),
                        ("seventh", 305)):  # 211, 256, 272, 250, 279 on arrival
        rows = [json.loads(line) for line in (Path(__file__).parents[1] / "fixtures" / f"mot_names_{name}_author.jsonl")
                .read_text(encoding="utf-8").splitlines()]
        right = [r["q"] for r in rows
                 if parse_question(r["q"], now=NOW, tz=TZ, mots=cycle_mots(r["cycle"])).mot_id == r["mot"]]
        assert len(rows) == 324 and len(right) >= floor, (name, len(right))


def test_windows_said_in_peoples_own_words() -> None:
    """tests/fixtures/periods_first_author.jsonl: 250 questions by an outside author, each saying a window its own
    way with the dates meant (185 right on arrival; bench/question.py prints it beside a held-out second author's)."""
    from devkit.question_windows import period_right

    now, tz = datetime(2026, 11, 25, 10, 0), "Europe/London"
    for name, floor in (("first", 240), ("third", 220), ("fifth", 220), ("sixth", 185),
                        ("seventh", 192)):  # 185, 196, 210, 165, 172 on arrival
        rows = [json.loads(line) for line in (Path(__file__).parents[1] / "fixtures" / f"periods_{name}_author.jsonl")
                .read_text(encoding="utf-8").splitlines()]
        right = [r["q"] for r in rows
                 if period_right(parse_question(r["q"], now=now, tz=tz, mots=cycle_mots("healthcare-visit")), r)]
        assert len(rows) == 250 and len(right) >= floor, (name, sorted(set(r["q"] for r in rows) - set(right)))


def test_calendar_spans_with_their_own_shape() -> None:
    """Now is Sunday 22 Nov 2026 (London)."""
    def span(text: str) -> tuple[date, date]:
        q = _ask(f"weakest moments {text}")
        assert q.period_named, text
        return q.period.start.date(), q.period.end.date()

    assert span("w/e Sunday 15 November") == (date(2026, 11, 9), date(2026, 11, 16))
    assert span("the weekend of the 14th") == (date(2026, 11, 14), date(2026, 11, 16))
    assert span("over the last two full weeks") == (date(2026, 11, 2), date(2026, 11, 16))
    assert span("L30D") == span("last 30 days")
    assert span("Christmas Day last year") == (date(2025, 12, 25), date(2025, 12, 26))
    assert span("November last year") == (date(2025, 11, 1), date(2025, 12, 1))
    assert span("3 days ago") == (date(2026, 11, 19), date(2026, 11, 20))
    assert span("the week just gone") == (date(2026, 11, 9), date(2026, 11, 16))
    assert span("ratings 2025") == (date(2025, 1, 1), date(2026, 1, 1))
    assert span("Sep and Oct") == (date(2026, 9, 1), date(2026, 11, 1))
    assert span("1-15 October") == (date(2026, 10, 1), date(2026, 10, 16))
    assert span("the first fortnight of October") == (date(2026, 10, 1), date(2026, 10, 15))
    assert _ask("compare October and November side by side").compare is not None  # two months, each its own


@pytest.mark.parametrize("now", [datetime(2026, 1, 3, 10, 0), datetime(2026, 12, 31, 23, 0), datetime(2028, 2, 29, 12, 0)])
def test_calendar_words_never_raise_and_never_reach_the_future(now: datetime) -> None:
    mots = cycle_mots("healthcare-visit")
    for text in ("FY0000", "FY0001", "w/e 30 February", "w/e 29 feb", "the year ending 29 feb 2024",
                 "the first 0 days of October", "the 0th through the 99th", "from the 0th", "the weekend of the 0th",
                 "0/0 on", "the last 0 full weeks", "13 months ago", "99 weeks ago", "in '99", "5-feb-99", "0/2026",
                 "13/2026", "the last week of January", "the last week of December", "H2", "the weekend of the 31st",
                 "this day last month", "Thursday before last", "the first half of the year", "the second half of March"):
        q = parse_question(f"weakest moments {text}", now=now, tz=TZ, mots=mots)
        if q.period_named:
            assert q.period.start.date() <= now.date(), (text, q.period.label)


def test_slashed_dates_read_as_a_months_first_only_when_that_is_the_recent_one() -> None:
    def start(text: str, now: datetime) -> date:
        return parse_question(text, now=now, tz=TZ, mots=cycle_mots("healthcare-visit")).period.start.date()

    november, january = datetime(2026, 11, 25, 10, 0), datetime(2026, 1, 10, 10, 0)
    assert start("weakest since 10/1", november) == start("weakest since 1/10", november) == date(2026, 10, 1)
    assert start("weakest since 2/1", november) == date(2026, 1, 2)  # February is too long ago: the UK reading
    assert start("weakest on 5/1/2026", january) == date(2026, 1, 5)  # never a day to come
    assert start("weakest since 10/1", january) == date(2026, 1, 10)
    assert _ask("any stories mentioning christmas?").period_named is False  # a topic, not a window
    assert _ask("weakest since new year's eve").period.start.date() == date(2025, 12, 31)


def _ask_on_the_25th(text: str, cycle: str = "healthcare-visit") -> Question:
    """As the outside authors asked: Wednesday 25 November 2026, 10:00, London, the second author's team."""
    from devkit.question_second_author import NOW as AUTHORS_NOW, PEOPLE

    return parse_question(text, now=AUTHORS_NOW, tz=TZ, mots=cycle_mots(cycle), people=PEOPLE)


@pytest.mark.parametrize(("text", "intent", "mot", "cycle"), [
    ("what r we crushing :fire: this month", "strongest", None, "healthcare-visit"),
    ("fewest complaints this month", "strongest", None, "healthcare-visit"),
    ("lowest top-box MOTs this yr", "weakest", None, "healthcare-visit"),
    ("highest irritating share this quarter", "weakest", None, "healthcare-visit"),
    ("which mots have the lowest % shining", "weakest", None, "healthcare-visit"),
    ("who got the fewest complaints", "people", None, "healthcare-visit"),  # who: people, not a ranking of moments
    ("WoW on all MOTs?", "compare", None, "healthcare-visit"),  # a dashboard's week over week, not "wow"
    ("read me the dull feedback from October", "comments", None, "healthcare-visit"),
    ("most shouted-out person in October", "people", None, "healthcare-visit"),
    ("how do I reset the card machine at the front desk??", "off_topic", None, "healthcare-visit"),
    ("how many lbs of cheese curds should I order for the weekend", "off_topic", None, "restaurant-visit"),
    ("whats on the menu in the restaurant tmrw", "off_topic", None, "restaurant-visit"),
    ("how much did we make at the diner last wk", "off_topic", None, "restaurant-visit"),
    ("what did people say about the coffee machine last month", "comments", None, "healthcare-visit"),
    ("Remind me how the second quarter of last year went, rating-wise.", "chart", None, "healthcare-visit"),
    ("remind me to call Mrs Jones", "off_topic", None, "healthcare-visit"),
    ("show me Kemi's stories from Q3 - she's one of our phlebotomists", "stories", None, "healthcare-visit"),
    ("- Maria\n- stories she's been named in\n- all time\n- for her band 6 interview ref", "stories", None,
     "healthcare-visit"),
    ("how is phone booking trending since the new phones went live on 2 Nov", "trend", "call-appointment",
     "healthcare-visit"),
    ("tips from the team on showing people the way - what are they doing that works?", "practices", "ask-directions",
     "healthcare-visit"),
])
def test_said_the_way_the_sixtieth_to_sixtyfifth_authors_type_it(text: str, intent: str, mot: str | None,
                                                                  cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert (q.intent, q.mot_id) == (intent, mot)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("worst MOTs L7?", date(2026, 11, 19), date(2026, 11, 26)),
    ("stories L4W", date(2026, 10, 29), date(2026, 11, 26)),
    ("total feedback count since we went live", None, None),
    ("need Toms stories for his review, last 6 mo", date(2026, 5, 26), date(2026, 11, 26)),
    ("strongest moment in september - no wait, october. october.", date(2026, 10, 1), date(2026, 11, 1)),
    ("how many reviews last weekend—actually just do all of last week", date(2026, 11, 16), date(2026, 11, 23)),
    ("story count for the quarter pls", date(2026, 10, 1), date(2027, 1, 1)),
    ("hows food quality trending since supplier change 1st Oct", date(2026, 10, 1), date(2026, 11, 26)),
    ("which stages are we winning on in H2?", date(2026, 7, 1), date(2027, 1, 1)),
    ("ratings from 6 April on", date(2026, 4, 6), date(2026, 11, 26)),
    ("stories for September, October and November so far", date(2026, 9, 1), date(2026, 11, 26)),
    ("from the start of August to the end of October, weakest", date(2026, 8, 1), date(2026, 11, 1)),
    ("the first 6 months of 2025, how did reception score", date(2025, 1, 1), date(2025, 7, 1)),
    ("from the start of last week up to now, comments", date(2026, 11, 16), date(2026, 11, 26)),
    ("Since the October bank holiday, how are we getting on?", date(2026, 10, 26), date(2026, 11, 26)),
    ("since the may bank holiday how is parking", date(2026, 5, 4), date(2026, 11, 26)),
    ("St Stephen's Day last year, stories?", date(2025, 12, 26), date(2025, 12, 27)),
    ("Pancake Tuesday, what was the average?", date(2026, 2, 17), date(2026, 2, 18)),
])
def test_windows_the_sixtieth_to_sixtyfifth_authors_said(text: str, start: date | None, end: date | None) -> None:
    q = _ask_on_the_25th(text)
    if start is None:
        assert q.period.label == "all time"
    else:
        assert (q.period.start.date(), min(q.period.end.date(), date(2027, 1, 1))) == (start, end), q.period.label


def test_an_average_rating_is_asked_of_the_ratings_mix() -> None:
    """The ratings are shining, dull or irritating: "the average rating" asks for their mix over the window, never
    off-topic; an average of anything else ("spend per cover", "turn time") is not ours."""
    for text in ("What was the average rating last month?", "QTD average please", "average score this week"):
        q = _ask_on_the_25th(text)
        assert q.intent == "chart" and q.period_named, (text, q.intent)  # the cycle's mix, in a picture
    assert _ask_on_the_25th("average score for check-in this week").mot_id == "check-in"
    for text in ("what's the average spend per cover", "avg turn time friday"):
        assert _ask_on_the_25th(text, "restaurant-visit").intent == "off_topic"


@pytest.mark.parametrize(("text", "intent", "mot", "cycle"), [
    # a dropped g: the -ing word when the clipped one is no English word ("parkin", "irritatin", "botherin")
    ("how's it lookin for parkin this month", "mot_detail", "find-parking", "healthcare-visit"),
    ("what's botherin the diners most since labor day", "weakest", None, "restaurant-visit"),
    ("stories about servers checkin back on tables", "stories", "check-back", "restaurant-visit"),
    ("how's the checkin desk doing", "mot_detail", "check-in", "healthcare-visit"),  # a noun: check-in stays
    ("what are we knockin outta the park on", "strongest", None, "healthcare-visit"),  # an idiom, no car park
    # a pizza place or a coffee shop is a restaurant of ours; a pizza or a coffee for ourselves is not
    ("at the pizza place, worst part of the night for diners?", "weakest", None, "restaurant-visit"),
    ("how's the coffee shop's payment step going", "mot_detail", "pay-bill", "restaurant-visit"),
    ("can you order us a pizza for the huddle", "off_topic", None, "healthcare-visit"),
    ("what's on the canteen menu today?", "off_topic", None, "healthcare-visit"),
    ("how do I get the card machine to print a receipt again", "off_topic", None, "healthcare-visit"),
    ("should a patient with a 101 fever come in today", "off_topic", None, "healthcare-visit"),
    ("which bits are the worst like the bottom five", "weakest", None, "healthcare-visit"),  # "like": a filler
    ("what are people saying about the signs in the corridor", "comments", "read-signs", "healthcare-visit"),
    ("stories about chasing test results", "stories", "wait-results", "healthcare-visit"),
])
def test_said_the_way_the_sixtyseventh_to_seventyfirst_authors_type_it(text: str, intent: str, mot: str | None,
                                                                     cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert (q.intent, q.mot_id) == (intent, mot)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("bottom 3 moments Q three", date(2026, 7, 1), date(2026, 10, 1)),  # a quarter as dictation writes it
    ("number of responses in quarter two", date(2026, 4, 1), date(2026, 7, 1)),
    ("stories since october fifteenth", date(2026, 10, 15), date(2026, 11, 26)),  # a day said as a word
    ("ratings since november the twenty-first", date(2026, 11, 21), date(2026, 11, 26)),
    # one day said, "before vs after" asked: the days since it against as many before
    ("we moved the kiosks on november ninth, did check-in get better or worse before versus after",
     date(2026, 11, 9), date(2026, 11, 26)),
])
def test_windows_the_sixtyseventh_to_seventyfirst_authors_said(text: str, start: date, end: date) -> None:
    q = _ask_on_the_25th(text)
    assert (q.period.start.date(), q.period.end.date()) == (start, end), q.period.label


@pytest.mark.parametrize(("text", "intent", "mot", "cycle"), [
    # a ranking ranks every moment: one named beside it (context, a hunch, a colleague's claim) is no filter
    ("where are we weakest. just the headline pls, I'm in the treatment room the now", "weakest", None,
     "healthcare-visit"),
    ("Alice says reception is the star of the show. What's the single best rated bit of the visit?", "strongest",
     None, "healthcare-visit"),
    ("What's going well since we changed the phone system on 2nd November?", "strongest", None, "healthcare-visit"),
    # ... while a yes/no question about one moment's problems asks about that moment
    ("are overseas patients struggling with the embassy letters and forms?", "mot_detail", "insurance-forms",
     "healthcare-visit"),
    ("is the booking widget on the website causing problems?", "mot_detail", "book-table", "restaurant-visit"),
    ("Am I right that check-in has not improved in the least this quarter?", "compare", "check-in",
     "healthcare-visit"),  # "in the least": not at all, no ranking
    ("Who got the most thanks in Q3?", "people", None, "healthcare-visit"),
    ("What's good for a chesty cough? Asking for my mam", "off_topic", None, "healthcare-visit"),
    ("When's the next PLT afternoon?", "off_topic", None, "healthcare-visit"),
    ("Best practice for getting ID and policy details captured?", "practices", "insurance-forms", "healthcare-visit"),
    ("stories about saying cheerio to diners", "stories", "leave", "restaurant-visit"),
    # a hospitality front-of-house's words for the moments
    ("best practice for when someone looks lost in the corridor", "practices", "ask-directions", "healthcare-visit"),
    ("how is settling the account at the desk scoring", "mot_detail", "checkout-pay", "healthcare-visit"),
    # (the model reads this one near its threshold: what people say, or the moment's figures with their quotes)
    ("is the pay-on-exit machine still broken according to feedback?", "comments|mot_detail", "drive-out",
     "healthcare-visit"),
    ("how is the sommelier moment scoring", "mot_detail", "order", "restaurant-visit"),
    ("hows the wating room", "mot_detail", "waiting-room", "healthcare-visit"),  # still the waiting room, misspelt
])
def test_said_the_way_the_seventythird_and_seventyfifth_authors_type_it(text: str, intent: str, mot: str | None,
                                                                        cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert q.intent in intent.split("|") and q.mot_id == mot, (q.intent, q.mot_id)


@pytest.mark.parametrize(("text", "intent", "mot", "cycle"), [
    # a ranking among moments listed as options ranks them all
    ("Where are patients most happy - reception, doctor, bloods, which one?", "strongest", None, "healthcare-visit"),
    # a moment told as news before a ranking question is context
    ("Had a bad week with the heating in the waiting room again. Where are we doing worst? Which bits of the visit "
     "get the most irritating ratings?", "weakest", None, "healthcare-visit"),
    ("Kindly share what is working well in the waiting area so the same can be followed in our branch surgery also.",
     "practices", "waiting-room", "healthcare-visit"),
    ("whats the best stuff ppl are doing with bloods", "practices", "tests", "healthcare-visit"),
    ("What should the other GP practices in the PCN learn from us?", "practices", None, "healthcare-visit"),
    ("what are ppl saying about results taking forever", "comments", "wait-results", "healthcare-visit"),
    ("what are diners saying about the pizza when it comes out", "comments", "served", "restaurant-visit"),
    ("Count of feedback today till now?", "rating_count", None, "healthcare-visit"),  # "till now" is no cash till
    # not ours: menus, specials, prices, medicines, texting patients
    ("What is the canteen menu for today?", "off_topic", None, "healthcare-visit"),
    ("whats the brunch special lol", "off_topic", None, "restaurant-visit"),
    ("what's the co-pay for a sick visit on Blue Cross?", "off_topic", None, "healthcare-visit"),
    ("Patient is having BP 160/100 since morning, which medicine should be given?", "off_topic", None,
     "healthcare-visit"),
    ("Can you send the Friends and Family feedback link to all patients by SMS?", "off_topic", None,
     "healthcare-visit"),
])
def test_said_the_way_the_seventysixth_and_seventyeighth_authors_type_it(text: str, intent: str, mot: str | None,
                                                                         cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert (q.intent, q.mot_id) == (intent, mot)


@pytest.mark.parametrize(("text", "intent", "mot", "cycle"), [
    ("the tendency of the irritating since the start of the year", "trend", None, "healthcare-visit"),
    ("give me 3 things that work, to present at the meeting of friday", "practices", None, "healthcare-visit"),
    ("la salle d'attente - shining/dull/irritating for yesterday?", "mot_detail", "waiting-room", "healthcare-visit"),
    ("the pay machine of the parking at the exit, the patients are ok with it? last wk", "mot_detail", "drive-out",
     "healthcare-visit"),
    ("A patient call with fever 39 since 3 days, he should come to the clinic or go to the urgence?", "off_topic", None,
     "healthcare-visit"),
    ("How many vacation days Sam has left?", "off_topic", None, "healthcare-visit"),
    ("what is the menu of the cafétéria", "off_topic", None, "healthcare-visit"),
    ("what do guests say about the menu", "comments", "order", "restaurant-visit"),  # the menu as rated: ours
])
def test_said_the_way_the_eightysecond_author_types_it(text: str, intent: str, mot: str | None, cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert (q.intent, q.mot_id) == (intent, mot)


@pytest.mark.parametrize(("text", "intent", "mot", "cycle"), [
    ("whats the worst bit for patients at the minute love", "weakest", None, "healthcare-visit"),  # "love": to us
    ("what do patients love", "strongest", None, "healthcare-visit"),  # "love": the verb, kept
    ("what do regulars love", "strongest", None, "healthcare-visit"),
    ("did Priya win any shout-outs this month?", "stories", None, "healthcare-visit"),  # no sport
    ("what medicines do patients complain about", "comments", None, "healthcare-visit"),
    ("I'm looking at the waiting room. What's the worst part of that stage?", "weakest", "waiting-room",
     "healthcare-visit"),  # the question points back at the moment told
    ("what is worst about getting the test results back from the doctor", "weakest", "receive-results",
     "healthcare-visit"),  # one moment, several scores: no list
    ("have things gone up or down since last quarter", "compare", None, "healthcare-visit"),
    ("how's this month looking next to last month for the front desk", "compare", "check-in", "healthcare-visit"),
    ("whos our star this week", "people", None, "healthcare-visit"),
    ("how many days holiday has Sam got left", "off_topic", None, "healthcare-visit"),
    ("where are we fumbling the most w/ families since 10/1?", "weakest", None, "healthcare-visit"),
    ("getting out of the garage (the pay machine!!) how's that rated", "mot_detail", "drive-out", "healthcare-visit"),
    ("did the Eagles win sunday", "off_topic", None, "healthcare-visit"),
    ("whats worked well w/ the wait this month - anything we should make standard?", "practices", "waiting-room",
     "healthcare-visit"),  # one question, the dash no news told before it
])
def test_said_the_way_the_eightythird_and_eightyfifth_authors_type_it(text: str, intent: str, mot: str | None,
                                                                       cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert (q.intent, q.mot_id) == (intent, mot)


@pytest.mark.parametrize(("text", "intent", "mot", "cycle"), [
    # a moment's feedback, or its ratings and comments: that moment's figures and words
    ("parking lot feedback MTD", "mot_detail", "find-parking", "healthcare-visit"),
    ("Kindly, what is the feedback on the consultation with the doctors for Q3", "mot_detail", "physician",
     "healthcare-visit"),
    ("goodbye at the door ratings + comments", "mot_detail", "leave", "restaurant-visit"),
    ("any feedback text about the forms, last 30 days", "comments", "insurance-forms", "healthcare-visit"),  # words asked
    ("dull feedback on check-in, this week", "comments", "check-in", "healthcare-visit"),
    # a feeling said names the end, whatever the model reads around it
    ("What are patients most pleased with?", "strongest", None, "healthcare-visit"),
    ("which moment are patients most satisfied with", "strongest", None, "healthcare-visit"),
    ("what are patients least pleased with", "weakest", None, "healthcare-visit"),
    # complained of most: the moments, not the quotes
    ("kindly tell me the top 3 things patients are complaining about most since last two weeks", "weakest", None,
     "healthcare-visit"),
    ("what are patients complaining about this week", "comments", None, "healthcare-visit"),
    ("Good morning. Please which part of the patient visit is giving us the most wahala this month?", "weakest", None,
     "healthcare-visit"),
    ("aye so where do we need to pull our socks up, since 1/10", "weakest", None, "healthcare-visit"),
    # a team member's own words are her stories; her place in the ranking is the ranking
    ("what did Priya say about the follow-up calls", "stories", "follow-up", "healthcare-visit"),
    ("is tom top storyteller on the restaurant side this mo", "people", None, "restaurant-visit"),
    # someone else's business
    ("did the cowboys win", "off_topic", None, "healthcare-visit"),
    ("epic down again who do i call", "off_topic", None, "healthcare-visit"),
    ("whats the restaurant lunch special today", "off_topic", None, "restaurant-visit"),
    ("what's on in the canteen the day", "off_topic", None, "healthcare-visit"),
    ("whats in the break room for lunch today", "off_topic", None, "healthcare-visit"),
    ("the card reader is down, how are checkout ratings", "mot_detail", "checkout-pay", "healthcare-visit"),
])
def test_said_the_way_the_eightysixth_eightyeighth_and_ninetieth_authors_type_it(text: str, intent: str,
                                                                                 mot: str | None, cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert (q.intent, q.mot_id) == (intent, mot)


@pytest.mark.parametrize(("text", "intent", "mot", "cycle"), [
    ("Could you possibly book a follow-up appt for one of our patients next Tuesday morning?", "off_topic", None,
     "healthcare-visit"),
    ("Would you mind setting a reminder for me to order more flu vaccine on Friday?", "off_topic", None,
     "healthcare-visit"),
    ("would you mind showing me the weakest moments", "weakest", None, "healthcare-visit"),
    ("Our EMR keeps freezing whenever I try to print a lab requisition — any idea how to fix it?", "off_topic", None,
     "healthcare-visit"),
    ("Could you tell me who's scheduled for the Saturday walk-in clinic this week?", "off_topic", None,
     "healthcare-visit"),
    ("who is working hardest on stories", "people", None, "healthcare-visit"),  # ours: stories told
    ("ordering at the taqueria breakdown MTD", "mot_detail", "order", "restaurant-visit"),  # a moment, no errand
    ("what do diners say about the chips? quotes pls", "comments", "served", "restaurant-visit"),
    ("Could you possibly compare how patients felt about waiting for their lab results in the last 30 days with the "
     "30 days before that?", "compare", "wait-results", "healthcare-visit"),
    ("I was wondering how patients rated our signage last month, and what they said about it?", "mot_detail",
     "read-signs", "healthcare-visit"),
    ("what did patients who rated parking irritating say", "comments", "find-parking", "healthcare-visit"),
    ("Has anyone been mentioned more often than Priya, overall?", "people", None, "healthcare-visit"),
    ("what do the café staff do well that the new Saturday lads could learn off", "practices", None,
     "restaurant-visit"),
])
def test_said_the_way_the_ninetysecond_and_ninetyfourth_authors_type_it(text: str, intent: str, mot: str | None,
                                                                         cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert (q.intent, q.mot_id) == (intent, mot)
    if "Saturday lads" in text:
        assert not q.period_named


@pytest.mark.parametrize(("text", "intent", "mot", "cycle"), [
    # the review's questions (a helper read this session's diff and asked its own): what the new rules must leave
    ("n= for check-in last month", "rating_count", "check-in", "healthcare-visit"),  # ratings, unless stories said
    ("Priya said patients are moaning about parking, what are they saying", "comments", "find-parking",
     "healthcare-visit"),  # Priya is who told the asker, not whose words are asked
    ("patients say the wifi is down all the time, what should we do", "practices", None, "healthcare-visit"),
    ("what do diners think of the lunch specials?", "comments", None, "restaurant-visit"),
    ("would you mind calling out the best practices from Sam", "practices", "call-appointment", "healthcare-visit"),  # the moment: "calling" is read as the phone line (as before)
    ("what are the most recent complaints about", "comments", None, "healthcare-visit"),
    ("read me the parking feedback from this week", "comments", "find-parking", "healthcare-visit"),
    ("any stories where someone saved the day?", "stories", None, "healthcare-visit"),
])
def test_what_the_new_rules_leave_alone(text: str, intent: str, mot: str | None, cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert (q.intent, q.mot_id) == (intent, mot)
    if "saved the day" in text:
        assert q.period.start.date() != date(2026, 11, 25)


def test_the_day_of_a_clinic_asked_about_is_that_day() -> None:
    assert _ask_on_the_25th("how did the Saturday clinic go?").period.start.date() == date(2026, 11, 21)
    assert _ask_on_the_25th("how did patients find the day?").period.start.date() != date(2026, 11, 25)


def test_scots_the_day_an_analysts_n_and_a_rating_as_a_noun() -> None:
    q = _ask_on_the_25th("number of ratings the day?")
    assert (q.intent, q.period.start.date(), q.period.end.date()) == ("rating_count", date(2026, 11, 25),
                                                                      date(2026, 11, 26))
    assert _ask_on_the_25th("number of stories the day").intent == "story_count"
    q = _ask_on_the_25th("ratings on the day of the outage")  # not today
    assert q.period.start.date() != date(2026, 11, 25) or q.period.end.date() != date(2026, 11, 26)
    q = _ask_on_the_25th("diners n= last mo", "restaurant-visit")
    assert (q.intent, q.period.start.date()) == ("rating_count", date(2026, 10, 1))
    assert _ask_on_the_25th("restaurant stories n= last 2 wks", "restaurant-visit").intent == "story_count"
    q = _ask_on_the_25th("irritatings on parking since 1/11")
    assert (q.intent, q.rating, q.mot_id) == ("rating_count", "irritating", "find-parking")


def test_the_day_someone_works_and_a_window_said_with_a_reading_are_ours() -> None:
    q = _ask_on_the_25th("stories by Funmi pls, she does the Saturday clinic")
    assert (q.intent, q.period_named) == ("stories", False)
    assert _ask_on_the_25th("stories from saturday").period.start.date() == date(2026, 11, 21)
    # the model may not call a question with a window said off-topic once the rules read it
    q = _ask_on_the_25th("For the fortnightly report: Mon 9 Nov to Sun 22 Nov.")
    assert q.intent != "off_topic" and (q.period.start.date(), q.period.end.date()) == (date(2026, 11, 9),
                                                                                       date(2026, 11, 23))
    q = _ask_on_the_25th("Last winter, December to the end of February, how did the flu season go?")
    assert q.intent != "off_topic" and q.period.start.date() == date(2025, 12, 1)


def test_a_span_of_days_is_one_window_unless_its_ends_are_compared() -> None:
    q = _ask_on_the_25th("The week before the away day, Mon 5 to Fri 9 Oct - better or worse?")
    assert (q.period.start.date(), q.period.end.date()) == (date(2026, 10, 5), date(2026, 10, 10))
    q = _ask_on_the_25th("compare Monday to Friday")
    assert (q.intent, q.period.start.date(), q.compare.start.date()) == ("compare", date(2026, 11, 16),
                                                                         date(2026, 11, 20))


def test_a_review_or_a_meeting_to_come_is_no_window() -> None:
    q = _ask_on_the_25th("what stories mention Maria, she's up for review in dec")
    assert (q.intent, q.person, q.period_named) == ("stories", "Maria", False)
    q = _ask_on_the_25th("Need summat nice to say at the practice meeting fortnight Friday - what are our best moments "
                         "since the start of october?")
    assert (q.intent, q.period.start.date(), q.compare) == ("strongest", date(2026, 10, 1), None)
    q = _ask_on_the_25th("have things gone up or down since last quarter")
    assert (q.period.start.date(), q.compare.start.date()) == (date(2026, 10, 1), date(2026, 7, 1))


@pytest.mark.parametrize(("text", "person"), [
    ("Stories about Josée from the reception, last 30 days", "Josée"),
    ("stories about Zoë", "Zoë"),
    ("has Siân told any stories", "Siân"),
    ("Chloé's stories", "Chloé"),
])
def test_names_with_accents_are_read_whole(text: str, person: str) -> None:
    q = _ask_on_the_25th(text)
    assert (q.intent, q.person, q.on_team) == ("stories", person, False)


def test_an_accented_word_in_lower_case_is_no_name() -> None:
    q = _ask_on_the_25th("stories mentioning crème brûlée", "restaurant-visit")
    assert q.person is None and q.topic is not None


@pytest.mark.parametrize(("text", "label", "start", "end"), [
    ("What is going well for us since one month?", "last 1 month", date(2026, 10, 26), date(2026, 11, 26)),
    ("stories since two months", "last 2 months", date(2026, 9, 26), date(2026, 11, 26)),
    ("ratings since 2 weeks ago", "last 2 weeks", date(2026, 11, 12), date(2026, 11, 26)),
    ("parking since three days ago", None, date(2026, 11, 22), date(2026, 11, 26)),  # a day, as before
    ("Count of feedback today till now?", None, date(2026, 11, 25), date(2026, 11, 26)),
    ("Any best practises from the stories till date?", "all time", None, date(2026, 11, 26)),  # no date "from the stories"
    ("weakest from 1st Oct till date", None, date(2026, 10, 1), date(2026, 11, 26)),
    ("this month till now how many stories", None, date(2026, 11, 1), date(2026, 12, 1)),
    ("Which 2 moments make the most irritation since 1er septembre ?", None, date(2026, 9, 1), date(2026, 11, 26)),
    # an event, then its date after a comma, a dash or a bracket: since that date
    ("Since the new check-in kiosks, Tue 10 Nov.", None, date(2026, 11, 10), date(2026, 11, 26)),
    ("Since we moved to the new online booking, 1 June.", None, date(2026, 6, 1), date(2026, 11, 26)),
    ("Since our flu clinic Saturdays started (26 Sept).", None, date(2026, 9, 26), date(2026, 11, 26)),
    # days said by weekday and number, or a span's weekdays with its month once
    ("The middle of last week, Tue 17 to Thu 19.", None, date(2026, 11, 17), date(2026, 11, 20)),
    ("ratings Mon 5 to Fri 9 Oct", None, date(2026, 10, 5), date(2026, 10, 10)),
    ("stories from the 3rd to 5th", None, date(2026, 11, 3), date(2026, 11, 6)),
    ("since the move, 2 Nov to 9 Nov, how was parking?", None, date(2026, 11, 2), date(2026, 11, 10)),  # a span
    ("how's check-in looking till now this month?", None, date(2026, 11, 1), date(2026, 12, 1)),
])
def test_spans_said_in_office_english(text: str, label: str | None, start: date | None, end: date) -> None:
    q = _ask_on_the_25th(text)
    assert q.period_named and q.period.end.date() == end
    assert label is None or q.period.label.startswith(label)
    assert start is None or q.period.start.date() == start


def test_a_meeting_today_is_when_the_asker_meets_not_the_window() -> None:
    q = _ask_on_the_25th("Got the patient group meeting this afternoon, how many shining ratings have the doctors "
                         "had this year?")
    assert (q.intent, q.period.start.date(), q.compare) == ("rating_count", date(2026, 1, 1), None)
    q = _ask_on_the_25th("Where in the visit are we weakest since the check-in kiosks went live (2 Nov)?")
    assert (q.intent, q.mot_id, q.period.start.date(), q.period.end.date()) == (
        "weakest", None, date(2026, 11, 2), date(2026, 11, 26))


@pytest.mark.parametrize(("text", "start", "end"), [
    # days said by their dates say which window a vaguer one meant
    ("Stories from the last fortnight, by which I mean the two full weeks before this one, 9 to 22 Nov.",
     date(2026, 11, 9), date(2026, 11, 23)),
    ("Q3 and Q4 so far, i.e. 1 July to today.", date(2026, 7, 1), date(2026, 11, 26)),
    ("Since the 1st of Nov - actually, make that since 1 Oct.", date(2026, 10, 1), date(2026, 11, 26)),
    ("From 4/11 up to and including today.", date(2026, 11, 4), date(2026, 11, 26)),
    ("the back half of october, complaints?", date(2026, 10, 16), date(2026, 11, 1)),
    ("stories from july to date", date(2026, 7, 1), date(2026, 11, 26)),
    ("How did the GPs do on Monday 16th?", date(2026, 11, 16), date(2026, 11, 17)),
    ("Since last Monday, the 16th.", date(2026, 11, 16), date(2026, 11, 26)),
    ("From last Tuesday (the 17th) to now", date(2026, 11, 17), date(2026, 11, 26)),
    ("Monday 16th to Friday 20th", date(2026, 11, 16), date(2026, 11, 21)),
    ("The 10 days up to and including Sunday 22nd", date(2026, 11, 13), date(2026, 11, 23)),
    ("What did people say in the 30 days to the end of October?", date(2026, 10, 2), date(2026, 11, 1)),
    ("Previous 7 days not counting today", date(2026, 11, 18), date(2026, 11, 25)),
    ("Pull the stories from yesterday week", date(2026, 11, 17), date(2026, 11, 18)),
])
def test_windows_the_seventh_windows_author_said(text: str, start: date, end: date) -> None:
    q = _ask_on_the_25th(text)
    assert (q.period.start.date(), min(q.period.end.date(), date(2026, 11, 26))) == (start, end), q.period.label


def test_dates_said_do_not_override_a_comparison() -> None:
    q = _ask_on_the_25th("weakest this month vs 1 to 15 oct")
    assert q.compare is not None and q.compare.start.date() == date(2026, 10, 1)


@pytest.mark.parametrize(("text", "intent", "mot"), [
    # review of this session's rules: a moment asked about in the question itself stays
    ("what's the worst thing about parking", "weakest", "find-parking"),
    ("which part of check-in is weakest", "weakest", "check-in"),
    ("which restaurant touchpoints did worst last month?", "weakest", None),
    ("should the patient with a complaint get a call back", None, None),  # not triage: any reading but off-topic
    ("when is the next weekly shout-out", None, None),
    ("what's on the help menu", "help", None),
    ("can you recommend a pizza place", "off_topic", None),
    ("any complaints about parking nearby", "comments", "find-parking"),  # "nearby" is no outing
])
def test_review_mends_for_moments_and_off_topic(text: str, intent: str | None, mot: str | None) -> None:
    q = _ask_on_the_25th(text, "restaurant-visit" if "restaurant" in text or "pizza" in text else "healthcare-visit")
    if intent is None:
        assert q.intent != "off_topic", text
    else:
        assert (q.intent, q.mot_id) == (intent, mot)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("show me the top 5 of this month", date(2026, 11, 1), date(2026, 12, 1)),  # five moments, not the 5th
    ("how was parking last month, excluding 3 to 5 Nov", date(2026, 10, 1), date(2026, 11, 1)),
    ("how was parking in october, the system was down from 12 to 14 oct", date(2026, 10, 1), date(2026, 11, 1)),
    ("how was parking in quarter 4 of last year", date(2025, 10, 1), date(2026, 1, 1)),
    ("how was parking on Monday 31st", date(2026, 8, 31), date(2026, 9, 1)),  # the last 31st that was a Monday
])
def test_review_mends_for_windows(text: str, start: date, end: date) -> None:
    q = _ask_on_the_25th(text)
    assert (q.period.start.date(), q.period.end.date()) == (start, end), q.period.label


def test_minutes_said_as_a_range_are_no_date() -> None:
    assert not _ask_on_the_25th("waits of 10-12-15 minutes").period_named


def test_a_comparison_to_yesterday_or_today_keeps_both_windows() -> None:
    q = _ask_on_the_25th("compare the last 7 days to yesterday")
    assert q.compare is not None and {q.period.label.split(" (")[0], q.compare.label.split(" (")[0]} == {
        "last 7 days", "yesterday"}
    assert _ask_on_the_25th("the twenty one days ending yesterday").period.label != "Tue 24 Nov"


@pytest.mark.parametrize(("text", "start", "end"), [
    # "since" with a part of a month, "onwards", "ever since" a date, "since we did X on <date>": since that day
    ("since early september weakest", date(2026, 9, 1), date(2026, 11, 26)),
    ("since mid-October, how is parking", date(2026, 10, 15), date(2026, 11, 26)),
    ("since around the middle of october how many stories", date(2026, 10, 15), date(2026, 11, 26)),
    ("weakest since late september", date(2026, 9, 21), date(2026, 11, 26)),
    ("from october onwards weakest", date(2026, 10, 1), date(2026, 11, 26)),
    ("from the summer onwards weakest", date(2026, 6, 1), date(2026, 11, 26)),
    ("ever since october what's been worst", date(2026, 10, 1), date(2026, 11, 26)),
    ("ever since the summer how's check-in", date(2026, 6, 1), date(2026, 11, 26)),
    ("since we introduced the new phone system on 3 Nov how is booking", date(2026, 11, 3), date(2026, 11, 26)),
    ("ever since we moved the kiosk in October, how is check-in", date(2026, 10, 1), date(2026, 11, 26)),
    ("stories about booking from summer", date(2026, 6, 1), date(2026, 9, 1)),  # in the summer
    ("since the first of the month, what do people complain about", date(2026, 11, 1), date(2026, 11, 26)),
    ("how was check-in in mid-October", date(2026, 10, 1), date(2026, 11, 1)),  # the month, as before
])
def test_since_a_part_of_a_month_or_a_day_something_changed(text: str, start: date, end: date) -> None:
    q = _ask_on_the_25th(text)
    assert q.period_named and (q.period.start.date(), min(q.period.end.date(), date(2026, 11, 26))) == (start, end), (
        q.period.label)


@pytest.mark.parametrize("text", [
    "weakest since the start of time", "weakest ever", "ever since we moved, how's parking",
    "weakest moments ever since we started using this thing", "how has parking been ever since the barrier was fixed",
])
def test_ever_and_since_we_started_stay_all_time(text: str) -> None:
    assert _ask_on_the_25th(text).period.label == "all time"


@pytest.mark.parametrize(("text", "intent", "mot", "cycle"), [
    ("what are patients girning about most the last 2 weeks", "weakest", None, "healthcare-visit"),
    ("which of the café team gets praised most by diners", "people", None, "restaurant-visit"),
    ("which one of the reception lot told most stories", "people", None, "healthcare-visit"),
    ("where are we hitting home runs since labor day", "strongest", None, "healthcare-visit"),
    ("are we on a winning streak or in a slump lately", "trend", None, "healthcare-visit"),
    ("# of shining ratings for the drs since 10/1", "rating_count", "physician", "healthcare-visit"),
    ("Where are we falling over heaps lately... say the last 30 days?", "weakest", None, "healthcare-visit"),
    ("how many sausages does the café need to order for Saturday's fry", "off_topic", None, "restaurant-visit"),
    ("how much cheese do we need for the friday rush at the restaurant", "off_topic", None, "restaurant-visit"),
    ("did the Wallabies win on the weekend?? 🏉", "off_topic", None, "healthcare-visit"),
    ("is the café open Boxing Day? the crew keep asking me", "off_topic", None, "restaurant-visit"),
    ("are we open on christmas eve", "off_topic", None, "healthcare-visit"),
    ("whats our strongest moment this year, and is it still the doctors?", "strongest", None, "healthcare-visit"),
    ("leaderboard for q3 pls, want to give out a game ball", "people", None, "healthcare-visit"),
    # what these rules leave alone
    ("how is check-in, is it still slow?", "mot_detail", "check-in", "healthcare-visit"),
    ("how many ratings do we need for a fair comparison", "rating_count", None, "healthcare-visit"),
    ("what did patients say last month", "comments", None, "healthcare-visit"),
])
def test_said_the_way_the_ninetysixth_ninetyeighth_and_hundredth_authors_type_it(text: str, intent: str,
                                                                                 mot: str | None, cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert (q.intent, q.mot_id) == (intent, mot)
    if "say the last 30 days" in text:
        assert q.period.label.startswith("last 30 days")


def test_a_feeling_about_opening_days_is_ours() -> None:
    assert _ask_on_the_25th("are patients happy now the café is open on sundays", "restaurant-visit").intent != "off_topic"


@pytest.mark.parametrize(("text", "intent", "mot", "cycle"), [
    # the staff who should learn a practice are people, not the moment their role belongs to
    ("what's working in the restaurant that the new waitress should copy", "practices", None, "restaurant-visit"),
    ("What good practices can we standardise across the reception team?", "practices", None, "healthcare-visit"),
    ("any good habits from the cafe team this month worth sharing with the new starters", "practices", None,
     "restaurant-visit"),  # new starters: new staff, not the first course
    ("Please show me the practice cards from this month", "practices", None, "healthcare-visit"),
    ("I am writing her farewell card. Might you show me the stories that mention Alice?", "stories", None,
     "healthcare-visit"),
    # left alone: a moment said beside the role, the role asked about, the starters eaten
    ("best practices for the waiters when taking orders", "practices", "order", "restaurant-visit"),
    ("best practices at reception", "practices", "check-in", "healthcare-visit"),
    ("what do guests think of the waiters", "comments", "order", "restaurant-visit"),
    ("how are the starters rated", "mot_detail", "served", "restaurant-visit"),
])
def test_a_role_that_should_learn_a_practice_is_staff_not_a_moment(text: str, intent: str, mot: str | None,
                                                                   cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert (q.intent, q.mot_id) == (intent, mot)


@pytest.mark.parametrize(("text", "intent", "mot", "cycle"), [
    ("Has parkin been slidin since 9/1 when football season got goin and the lot got slammed?", "trend", "find-parking",
     "healthcare-visit"),  # a moment named: the football is context
    ("who's the mvp this week fr 👑", "people", None, "healthcare-visit"),
    ("which server in the dining room gets bragged on most, last 6 weeks", "people", None, "restaurant-visit"),
    ("ok which bit of the patient journey is giving the ick rn 😬", "weakest", None, "healthcare-visit"),
    ("which moments was the dining room absolutely slaying in october", "strongest", None, "restaurant-visit"),
    ("what do my best registration folks do that the others could copy", "practices", None, "healthcare-visit"),
    ("what are patients fussing about most", "weakest", None, "healthcare-visit"),
    # left alone
    ("did Priya win any shout-outs", "stories", None, "healthcare-visit"),
    ("which moment is our mvp", "strongest", None, "healthcare-visit"),
    ("how did the new kiosk get on last week", "mot_detail", "check-in", "healthcare-visit"),
])
def test_said_the_way_the_hundred_and_second_fourth_and_sixth_authors_type_it(text: str, intent: str,
                                                                              mot: str | None, cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert (q.intent, q.mot_id) == (intent, mot)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("weakest since 01.09.", date(2026, 9, 1), date(2026, 11, 26)),
    ("We have changed the ticket machine on 02.11., so please since then. How is the exit barrier?",
     date(2026, 11, 2), date(2026, 11, 26)),
    ("How is the situation with the table reservations? Since begin of October please.", date(2026, 10, 1),
     date(2026, 11, 26)),
])
def test_days_written_the_german_way_and_since_begin_of(text: str, start: date, end: date) -> None:
    q = _ask_on_the_25th(text)
    assert (q.period.start.date(), min(q.period.end.date(), date(2026, 11, 26))) == (start, end), q.period.label


def test_a_decimal_rating_is_no_date() -> None:
    assert not _ask_on_the_25th("rated 4.5. on average").period_named


@pytest.mark.parametrize(("text", "intent", "mot", "cycle"), [
    # the review's questions: what this session's rules must leave alone
    # (the model decides this one, near its threshold: unclear, or check-in's figures, as each refit falls)
    ("is our check-in closing the gap on parking?", "unknown|mot_detail", "check-in", "healthcare-visit"),
    ("are the doctors open and honest in the stories?", "stories", "physician", "healthcare-visit"),
    ("did Priya win?", "stories", None, "healthcare-visit"),
    ("how many good reviews do we need?", "rating_count", None, "healthcare-visit"),
    ("how many more five-star reviews does the café need?", "rating_count", None, "restaurant-visit"),
    ("how much data do we need for parking to be reliable", "mot_detail", "find-parking", "healthcare-visit"),
    ("which of the moments do staff get praised for", "unknown", None, "healthcare-visit"),
    ("are the waiters doing well with drinks orders?", "mot_detail", "order", "restaurant-visit"),
    # the food, not staff; "did you mean" or the model's weak answer about it (near its threshold: flips with refits)
    ("are the new starters selling?", "unknown|mot_detail", "served", "restaurant-visit"),
    ("not fussed about timeframe, weakest moments?", "weakest", None, "healthcare-visit"),
    ("since we brought in text reminders on the 1st of October how is follow-up", "mot_detail", "follow-up",
     "healthcare-visit"),
])
def test_what_this_sessions_rules_leave_alone(text: str, intent: str, mot: str | None, cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert q.intent in intent.split("|") and q.mot_id == mot, (q.intent, q.mot_id)


@pytest.mark.parametrize(("text", "label"), [
    ("is the doctor scoring between 3.5 and 4.5. this month?", "this month"),  # scores, no dotted date
    ("how have ratings changed from summer?", "last 3 months"),  # a change from the summer: compared with it
    ("any comments from the fall in the waiting room last week?", "last week"),
    ("from late March to early April how was parking", "April 2026"),  # a range, not since late March
    ("stories from mid September", "September 2026"),  # dated, not since
    ("ever since 2 doctors left, how is the physician rated", "all time"),  # an undated event
    ("ever since the late shift was added, has waiting improved?", "all time"),
    ("ever since the start of time, how many ratings", "all time"),
])
def test_windows_this_sessions_rules_leave_alone(text: str, label: str) -> None:
    q = _ask_on_the_25th(text)
    assert q.period.label.startswith(label), q.period.label
    if "start of time" in text:
        assert q.compare is None


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    ("how many stories since the bank holiday Monday in October?", "story_count", None, "since Mon 26 Oct",
     "healthcare-visit"),
    ("Who's been pulling their weight with the stories this quarter", "people", None, "this quarter", "healthcare-visit"),
    ("Is the doctor bit slipping? going downhill this last 3 months", "trend", "physician", "last 3 months",
     "healthcare-visit"),
    ("deep dive on the waiting room T30", "mot_detail", "waiting-room", "last 30 days", "healthcare-visit"),
    ("reg counter how now? this month", "mot_detail", "check-in", "this month", "healthcare-visit"),
    ("diners trend since restaurant opened", "trend", None, "all time", "restaurant-visit"),
    ("Which touchpoints underperformed in October.", "weakest", None, "October 2026", "healthcare-visit"),
    ("MoM on insurance forms", "compare", "insurance-forms", "this month", "healthcare-visit"),
    ("my mom says the waiting room is cold", "comments", "waiting-room", None, "healthcare-visit"),  # a mother
    ("Can you put the new dining room menu up on the Facebook", "off_topic", None, None, "restaurant-visit"),
    ("can book appt for my mum tmr or not", "off_topic", None, None, "healthcare-visit"),
    ("can see parking numbers or not", "mot_detail", "find-parking", None, "healthcare-visit"),
    ("how many ratings came in via facebook", "rating_count", None, None, "healthcare-visit"),
])
def test_said_the_way_the_hundred_and_eighth_tenth_and_twelfth_authors_type_it(
        text: str, intent: str, mot: str | None, label: str | None, cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert (q.intent, q.mot_id) == (intent, mot)
    assert label is None or q.period.label.startswith(label), q.period.label
    if "mom says" in text:
        assert q.compare is None


def _assert_read_as(text: str, intent: str, mot: str | None, label: str | None, cycle: str) -> None:
    """The intent and moment read on the 25th; the window's label starts with `label`, or no window was named
    (an off-topic request may name one)."""
    q = _ask_on_the_25th(text, cycle)
    assert (q.intent, q.mot_id) == (intent, mot)
    if label is None:
        assert not q.period_named or intent == "off_topic"
    else:
        assert q.period_named and q.period.label.startswith(label), q.period.label


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # the 113th-120th development authors' phrasings, each rule with its counter-case
    ("total feedback entries ever", "rating_count", None, "all time", "healthcare-visit"),
    ("total feedback entrys since we started", "rating_count", None, "all time", "healthcare-visit"),
    ("how is the entry to the building", "mot_detail", "enter-building", None, "healthcare-visit"),
    ("did West Ham win? diners keep asking lol", "off_topic", None, None, "restaurant-visit"),
    ("did Ross County win on Saturday", "off_topic", None, None, "healthcare-visit"),
    ("did Priya win?", "stories", None, None, "healthcare-visit"),  # one of ours
    ("did the team win the award", "strongest", None, None, "healthcare-visit"),
    ("any stories about the lobby / first impressions on entering? last 30d", "stories", "enter-building",
     "last 30 days", "healthcare-visit"),
    ("how is the lobby", "mot_detail", "waiting-room", None, "healthcare-visit"),  # a lobby alone: where people wait
    ("the pay machine at the barrier on the way out - comments this quarter", "comments", "drive-out", "this quarter",
     "healthcare-visit"),
    ("How many staff stories dis month?", "story_count", None, "this month", "healthcare-visit"),
    ("how many bags of flour have we got left in the cafe", "off_topic", None, None, "restaurant-visit"),
    ("how many ratings have we got left", "rating_count", None, None, "healthcare-visit"),
    ("how many people left a review this week", "rating_count", None, "this week", "healthcare-visit"),
    ("what time the restaurant open on boxing day?", "off_topic", None, None, "restaurant-visit"),
    ("when is payday this month", "off_topic", None, None, "healthcare-visit"),
    ("after the complaint yesterday i want to know wich parts of the visit are worst. last 30 days", "weakest", None,
     "last 30 days", "healthcare-visit"),
    ("after the complaint yesterday, how is check in", "mot_detail", "check-in", "yesterday", "healthcare-visit"),
    ("best practices from check in I can share with the new receptionist starting Monday", "practices", "check-in",
     None, "healthcare-visit"),
    ("how many stories since the new nurse started on monday", "story_count", None, "since Mon", "healthcare-visit"),
    ("n for ask-directions last 2 weeks? suspect it's too small to report", "rating_count", "ask-directions",
     "last 2 weeks", "healthcare-visit"),
    ("total n since launch", "rating_count", None, "all time", "healthcare-visit"),
    ("n stories this month", "story_count", None, "this month", "healthcare-visit"),
    ("what do we do best, overall, since the start of this feedback malarky", "strongest", None, "all time",
     "healthcare-visit"),
    ("is check in better since we started", "trend", "check-in", "all time", "healthcare-visit"),
    ("Has parking improved on last month or is the new contractor as useless as the old one", "compare",
     "find-parking", "this month", "healthcare-visit"),
    ("did we do better on monday", "compare", None, "Monday", "healthcare-visit"),  # a day's "on": that day
    ("List this year's great service stories - I need material for the Christmas party speech", "stories", None,
     "this year", "healthcare-visit"),
    ("who is organising the xmas do", "off_topic", None, None, "healthcare-visit"),
    ("stories about test results being late, since sept", "stories", "wait-results", "since September",
     "healthcare-visit"),
    ("how are results explained", "mot_detail", "receive-results", None, "healthcare-visit"),
    ("how are we doing on the weighting room last fourteen days", "mot_detail", "waiting-room", "last 14 days",
     "healthcare-visit"),
    ("how is the weight check going", "mot_detail", "vital-signs", None, "healthcare-visit"),
    ("which bits of the visit are irritating patients most since we moved reception in Sept?", "weakest", None,
     "since September", "healthcare-visit"),
    ("how is check in since we moved reception in Sept?", "mot_detail", "check-in", "since September",
     "healthcare-visit"),
    ("pull free-text, irritating only, check-out & pay, MTD", "comments", "checkout-pay", "this month",
     "healthcare-visit"),
    ("rolling 4-week net sentiment, waiting room, last 3 months", "trend", "waiting-room", "last 3 months",
     "healthcare-visit"),
    ("MoM for the booking line since Jan", "trend", "call-appointment", "since January", "healthcare-visit"),
    ("MoM on insurance forms", "compare", "insurance-forms", "this month", "healthcare-visit"),
    ("Which steps of the pt journey underperform most - whole history, not just recent", "weakest", None, "all time",
     "healthcare-visit"),
    ("any moments getting real praise the last 30 days", "strongest", None, "last 30 days", "healthcare-visit"),
    ("who gets the most praise", "people", None, None, "healthcare-visit"),
    ("pain points in the last 14 days, Dr Mackenzie wants to know before his review", "weakest", None, "last 14 days",
     "healthcare-visit"),
    ("what did patients say in their reviews", "comments", None, None, "healthcare-visit"),
    ("where are we doing well this quarter i want something nice to tell the girls at reception", "strongest", None,
     "this quarter", "healthcare-visit"),
    ("Which of them has actually bothered contributing stories since October? Rank them", "people", None,
     "since October", "healthcare-visit"),
    ("which of them is worst", "weakest", None, None, "healthcare-visit"),
    ("biggest irritants for guests at the bistro since the menu change in Oct", "weakest", None, "since October",
     "restaurant-visit"),
    ("how the signs inside rating since we put up the new ones 2nd November", "mot_detail", "read-signs", "since Mon 2 Nov",
     "healthcare-visit"),
    ("what customers sayin bout the jerk chicken when it land on the table", "comments", "served", None,
     "restaurant-visit"),
])
def test_the_hundred_and_thirteenth_to_twentieth_authors_rules(text: str, intent: str, mot: str | None,
                                                               label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # the review of the 113th-120th round: readings its rules must leave alone
    ("Dr Mackenzie wants to know which parts of check-in are worst", "weakest", "check-in", None, "healthcare-visit"),
    ("Parking was a nightmare yesterday. Anyway, total ratings this month?", "rating_count", None, "this month",
     "healthcare-visit"),
    ("stories from the training day on Monday", "stories", None, "Monday", "healthcare-visit"),
    ("how many issues are left with parking?", "story_count", "find-parking", None, "healthcare-visit"),
    ("since the start of the kiosk pilot, how is check in", "mot_detail", "check-in", None, "healthcare-visit"),
    # month on month: this month against the last (read so since the analyst's rows of the 155th); the window is this month
    ("MoM for parking since the start of the month", "compare", "find-parking", "this month", "healthcare-visit"),
    ("given the dip in October, how is November looking?", "compare", None, "October", "healthcare-visit"),
    ("what moments get praise and which get complaints?", "comments", None, None, "healthcare-visit"),
    ("what are the top things staff do right acording to the storys. need it for training day friday", "practices",
     None, None, "healthcare-visit"),
    ("Need a one-pager on vitals. Aggregate rating for the last 6 months, no need for the trend", "mot_detail",
     "vital-signs", "last 6 months", "healthcare-visit"),
    ("how many stories my waiters told this month in the restaurant", "story_count", None, "this month",
     "restaurant-visit"),
    ("how many stories the day so far", "story_count", None, "today", "healthcare-visit"),
    ("who's the star of the week then", "people", None, "this week", "healthcare-visit"),
    ("who works in the dining room saturday night", "off_topic", None, None, "restaurant-visit"),
    ("do we need more cod in for the weekend? café was rammed saturday", "off_topic", None, None, "restaurant-visit"),
    ("total number of ratins last month?", "rating_count", None, "last month", "healthcare-visit"),
    ("has the bookin line improved ower the last 8 weeks or is it still pants", "trend", "call-appointment",
     "last 8 weeks", "healthcare-visit"),
    ("I want to send a nice message to the team on friday, which moments went best this week?", "strongest", None,
     "this week", "healthcare-visit"),
    ("Drill into the worst performers since 1 Sept for me. Trying to work out where the improvement budget goes",
     "weakest", None, "since Tue 1 Sep", "healthcare-visit"),
])
def test_what_the_review_of_the_hundred_and_thirteenth_round_keeps(text: str, intent: str, mot: str | None,
                                                                   label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # the 127th-132nd development authors' phrasings, each rule with its counter-case
    ("what goes wrong most in the clinic since 3 weeks?", "weakest", None, "last 3 weeks", "healthcare-visit"),
    ("shall we look at the positive side for once. what goes well since 2 months", "strongest", None, "last 2 months",
     "healthcare-visit"),
    ("which parts of the visit got the biggest thumbs down in october", "weakest", None, "October", "healthcare-visit"),
    ("Which part of the visit is giving patients maximum trouble in last 30 days", "weakest", None, "last 30 days",
     "healthcare-visit"),
    ("october v november 4 check in", "compare", "check-in", "October", "healthcare-visit"),
    ("4 nov to 10 nov parking", "mot_detail", "find-parking", "Wed 4 Nov", "healthcare-visit"),  # a date's 4
    ("is ordering better or worse then in october?", "compare", "order", "this month", "restaurant-visit"),
    ("september against august pls, we had a lot of temps in august so I want to see the difference", "compare", None,
     "September", "healthcare-visit"),
    ("Q3 against Q2 at the restaurant, was the summer worth the stress", "compare", None, "Q3", "restaurant-visit"),
    ("CQC inspection is due in January. Kindly let me know which two moments are scoring lowest this quarter",
     "weakest", None, "this quarter", "healthcare-visit"),
    ("Which staff member is praised most by patients? For employee of the month", "people", None, None,
     "healthcare-visit"),
    ("best waiter at the restaurant by praise in stories, Q3", "people", None, "Q3", "restaurant-visit"),
    ("what time's high tide at newquay today", "off_topic", None, None, "healthcare-visit"),
    ("wots the nhs target 4 gp waiting times these days??", "off_topic", None, None, "healthcare-visit"),
    ("how is the tide of complaints about parking", "comments", "find-parking", None, "healthcare-visit"),
    ("which 2 moments are getting most praise from patients this year", "strongest", None, "this year",
     "healthcare-visit"),
    ("how is food served rated since the new cook? he started 2 november", "mot_detail", "served", "since Mon 2 Nov",
     "restaurant-visit"),
    ("how is check in since the kiosks went in on 2 Nov", "mot_detail", "check-in", "since Mon 2 Nov",
     "healthcare-visit"),
])
def test_the_hundred_and_twentyseventh_to_thirtysecond_authors_rules(text: str, intent: str, mot: str | None,
                                                                     label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # this session's rules, from the last stop's list of misses and the 133rd and 135th development authors' rows,
    # each with its counter-case
    ("did check-in improve on 2 Nov when the kiosks went in?", "compare", "check-in", "since Mon 2 Nov",
     "healthcare-visit"),
    ("did parking get any better after 14th october", "compare", "find-parking", "since Wed 14 Oct", "healthcare-visit"),
    ("did check-in improve from 2 Nov to 9 Nov", "compare", "check-in", "Mon 2 Nov – Mon 9 Nov", "healthcare-visit"),
    ("has the waiting room improved on last month", "compare", "waiting-room", "this month", "healthcare-visit"),
    ("the inspection visit went well - how is check in this month", "mot_detail", "check-in", "this month",
     "healthcare-visit"),
    ("whats the weather tmrw? the garage floods when it rains", "off_topic", None, None, "healthcare-visit"),
    ("when is the next inspection, is it about check in", "off_topic", None, None, "healthcare-visit"),
    ("best rated moment at the GP in september?", "strongest", None, "September", "healthcare-visit"),
    ("votes in total last 14 days, GP side", "rating_count", None, "last 14 days", "healthcare-visit"),
    ("how are patients finding the GP", "mot_detail", "physician", None, "healthcare-visit"),
    ("any shoutouts for maria last wk, wanna give her a tims card", "stories", None, "last week", "healthcare-visit"),
    ("how is the insurance card going", "mot_detail", "insurance-forms", None, "healthcare-visit"),
    ("which step has had the crappiest feedback since sept 1", "weakest", None, "since Tue 1 Sep", "healthcare-visit"),
    ("can i swap my friday shift w tom", "off_topic", None, None, "healthcare-visit"),
    ("what's the chef's special this sat", "off_topic", None, None, "restaurant-visit"),
    ("what do diners say about the specials", "comments", None, None, "restaurant-visit"),
    ("which of the clinic moments is the weakest link, since we first started using this thing", "weakest", None,
     "all time", "healthcare-visit"),
    ("trend fur the waitin room since the start o september", "trend", "waiting-room", "since September",
     "healthcare-visit"),
    ("hoo mony stories aboot checkin folk in at the desk hae we had", "story_count", "check-in", None,
     "healthcare-visit"),
    # the 137th and 139th
    ("whats the vote count since tenth november", "rating_count", None, "since Tue 10 Nov", "healthcare-visit"),
    ("since we first switched it on where have we scored worst with patients overall", "weakest", None, "all time",
     "healthcare-visit"),
    # the review's: what the rules must leave alone
    ("did check-in improve on 3 Nov compared to 2 Nov?", "compare", "check-in", "Tue 3 Nov", "healthcare-visit"),
    ("what changed on 12 Nov for the waiting room?", "compare", "waiting-room", "Thu 12 Nov", "healthcare-visit"),
    ("what time does the car park open tomorrow, and is it free?", "off_topic", None, None, "healthcare-visit"),
    ("what's the soup of the day, and is it good?", "off_topic", None, None, "restaurant-visit"),
    ("comments about time spent in the GP appointment", "comments", "physician", None, "healthcare-visit"),
    ("how are ratings changing from day to day?", "trend", None, None, "healthcare-visit"),
    ("what directions do patients ask for most?", "comments", "ask-directions", None, "healthcare-visit"),
    ("what do patients say they could follow on the signs", "comments", "read-signs", None, "healthcare-visit"),
    ("improve check in", "practices", "check-in", None, "healthcare-visit"),
    ("which moment could improve the most", "weakest", None, None, "healthcare-visit"),
    ("clinic scores moving which direction since July", "trend", None, "since July", "healthcare-visit"),
    ("how are the directions signs", "mot_detail", "ask-directions", None, "healthcare-visit"),
    ("Priya very good with patients - what she do that the rest can follow", "practices", None, None,
     "healthcare-visit"),
    ("how is the follow up call", "mot_detail", "follow-up", None, "healthcare-visit"),
    ("are the directions easy to follow this month", "mot_detail", "ask-directions", "this month", "healthcare-visit"),
    ("what does Tom do at check in for others to follow", "practices", "check-in", None, "healthcare-visit"),
    ("can help me apply leave for Maria next fri", "off_topic", None, None, "healthcare-visit"),
    ("Dr Tan got slot tmr afternoon? my mum need to see", "off_topic", None, None, "healthcare-visit"),
    ("patients complain there are no slots, how is booking", "mot_detail", "call-appointment", None,
     "healthcare-visit"),
    ("any comments to day", "comments", None, "today", "healthcare-visit"),
    ("compare last week to day 3", "compare", None, "last week", "healthcare-visit"),
])
def test_the_hundred_and_thirtythird_to_thirtyfifth_authors_rules(text: str, intent: str, mot: str | None,
                                                                  label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # the speller: a tie goes to two letters swapped, a 4-letter word may change a vowel, no correction is more than
    # the edits allowed, and a word spelt as it sounds ("recepshun", "pashent") finds its target
    ("how is pakring going?", "mot_detail", "find-parking", None, "healthcare-visit"),
    ("trend for parkin this yeer", "trend", "find-parking", "this year", "healthcare-visit"),
    ("how is recepshun doing", "mot_detail", "check-in", None, "healthcare-visit"),
    ("how many shining for recepshun in octobre", "rating_count", "check-in", "October", "healthcare-visit"),
    ("any stories mentioning luis, our pizza guy at the restaurant", "stories", None, None, "restaurant-visit"),
    ("i need the storys from the last fortnite", "stories", None, "past fortnight", "healthcare-visit"),
    # a season with a letter dropped after a period's lead word; not "the winner", "this sprint"
    ("best 2 things about the clinic over the sumer", "strongest", None, "summer", "healthcare-visit"),
    ("praktises to copy at the restrant since the start of the sumer", "practices", None, "since summer",
     "restaurant-visit"),
    ("stories from this sprint", "stories", None, None, "healthcare-visit"),
    # a short heading before a full stop; a question without "?" after a sentence that tells
    ("follow up calls. going up or down this year?", "trend", "follow-up", "this year", "healthcare-visit"),
    ("we changed how results get sent out back in spring. is getting results rated better this year than last year",
     "compare", "receive-results", "this year", "healthcare-visit"),
    ("bp n weight checks by the hca... how r they going last 2 weeks", "mot_detail", "vital-signs", "last 2 weeks",
     "healthcare-visit"),
    # "after the same", "from then": since the day said before
    ("We had a sensitisation session for all staff on 1st November to share more experiences. How many stories have "
     "come after the same?", "story_count", None, "since Sun 1 Nov", "healthcare-visit"),
    ("We changed phone system in August. From then calls getting better or not?", "trend", "call-appointment",
     "since August", "healthcare-visit"),
    ("what happened after that visit", "chart", None, None, "healthcare-visit"),
    # a day something is due is no window; "since friday" still is
    ("the review got preponed to Friday, so I need the weakest areas of the patient journey for last quarter itself",
     "weakest", None, "last quarter", "healthcare-visit"),
    ("how many stories since friday", "story_count", None, "since Friday", "healthcare-visit"),
    ("since restaurant open, where guests get irritated most often?", "weakest", None, "all time", "restaurant-visit"),
    # a part of "follow-up" alone names nothing; a card from a patient is a thank-you
    ("What good practices the reception team is following which others can adopt?", "practices", None, None,
     "healthcare-visit"),
    ("how is following up with patients", "mot_detail", "follow-up", None, "healthcare-visit"),
    ("maria got a card from a pashent and i want to see if there are storys about her to", "stories", None, None,
     "healthcare-visit"),
    ("any stories where a patient forgot their card", "stories", "insurance-forms", None, "healthcare-visit"),
    # words of the 141st-147th for moments; "mid" is so-so; "last nite"
    ("How are the signboards being rated since September", "mot_detail", "read-signs", "since September",
     "healthcare-visit"),
    ("Compare today with yesterday for cash counter", "compare", "checkout-pay", "today", "healthcare-visit"),
    ("Any irritated comments on waiter checking during meal, last month?", "comments", "check-back", "last month",
     "restaurant-visit"),
    ("practices to copy for guiding patients back to parking after consultation", "practices", "back-to-car", None,
     "healthcare-visit"),
    ("ngl which part of the patient journey is the most mid", "weakest", None, None, "healthcare-visit"),
    ("did arsenal win last nite", "off_topic", None, None, "healthcare-visit"),
    ("One doubt: patients are complaining to security about the exit gate of parking. What are they writing in "
     "comments this month?", "comments", "drive-out", "this month", "healthcare-visit"),
    ("Parking was busy today. What are patients saying about the waiting room?", "comments", "waiting-room", None,
     "healthcare-visit"),
    ("Dr. Kulkarni was appreciated by one patient's relative, I am told. Kindly share the stories mentioning Dr. "
     "Kulkarni.", "stories", None, None, "healthcare-visit"),
    # "in the last month" is October (authors 32 to 1); "the past month" and "last month or so" roll
    ("top 3 most irritating moments at the clinic in the last month svp", "weakest", None, "last month",
     "healthcare-visit"),
    ("What did the patients write about the waiting room in the last week?", "comments", "waiting-room", "last week",
     "healthcare-visit"),
    ("how many stories over the past month", "story_count", None, "past month", "healthcare-visit"),
    # half term (England's autumn one); a month ahead named for an event is no window; January asked is last January's
    ("ramen q: top 3 most irritating bits for customers since half term", "weakest", None, "since Mon 26 Oct",
     "restaurant-visit"),
    ("how was check in over half term", "mot_detail", "check-in", "week of Mon 26 Oct", "healthcare-visit"),
    ("We have CQC inspection in January and I want fix before what irritate patients the most. Which moments are most "
     "irritating for them?", "weakest", None, None, "healthcare-visit"),
    ("What are the best practices we could share with the new starters? We've two girls starting in December",
     "practices", None, None, "healthcare-visit"),
    ("how did check in do in January", "mot_detail", "check-in", "January 2026", "healthcare-visit"),
    ("which moments were most poorly rated", "weakest", None, None, "healthcare-visit"),
    # a review's near-misses: what these rules must leave alone
    ("prkng rtngs this month?", "mot_detail", "find-parking", "this month", "healthcare-visit"),
    ("any stories about the dctr last wk", "stories", "physician", "last week", "healthcare-visit"),
    ("wensday stories pls", "stories", None, "Wednesday", "healthcare-visit"),
    ("comments about the aperol this month", "comments", None, "this month", "restaurant-visit"),
    ("are guests enjoying the summery menu", "comments", "order", None, "restaurant-visit"),
    ("did guests mention the sprig of rosemary on the lamb", "comments", None, None, "restaurant-visit"),
    ("Weakest moments last month. what should we take from that?", "weakest", None, "last month",
     "restaurant-visit"),
    ("Parking was awful in October. what did patients say after that?", "comments", "find-parking", None,
     "healthcare-visit"),
    ("how many stories did we get before Monday", "story_count", None, "Monday", "healthcare-visit"),
    ("how are the follow calls doing", "mot_detail", "follow-up", None, "healthcare-visit"),
    ("comments on our starters Calamari especially", "comments", "served", None, "restaurant-visit"),
    ("the new menu flopped? how is ordering rated this month", "mot_detail", "order", "this month", "restaurant-visit"),
    ("back to parking ratings this quarter", "mot_detail", "find-parking", "this quarter", "healthcare-visit"),
    ("We fixed the car park barrier in June. What are patients saying overall this month?", "comments", None,
     "this month", "healthcare-visit"),
])
def test_the_hundred_and_fortyfirst_to_fortyseventh_authors_rules(text: str, intent: str, mot: str | None,
                                                                   label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # the 149th-155th: a period word alone after a full stop is no signature; an ISO month; weeks onwards
    ("How are patients finding the receiving of results - letters, texts, calls. October.", "mot_detail",
     "receive-results", "October", "healthcare-visit"),
    ("What have the team written about Alice on the restaurant floor? Oct.", "stories", None, "October",
     "restaurant-visit"),
    ("What do our guests love most? Margaret", "strongest", None, None, "restaurant-visit"),
    ("What do our guests love most? Mark", "strongest", None, None, "restaurant-visit"),  # no "mar(ch)"
    ("insurance card + forms step, summary pls, 2026-10", "mot_detail", "insurance-forms", "October",
     "healthcare-visit"),
    ("stories from 2026-10-05", "stories", None, "Mon 5 Oct", "healthcare-visit"),
    ("weekly trend waiting room wk 40 onwards", "trend", "waiting-room", "since week 40", "healthcare-visit"),
    # "of the year" is this year, not "the rest of the year" nor "employee of the month ... for october"
    ("Three most scathing comments of the year.", "comments", None, "this year", "healthcare-visit"),
    ("best moment of the month", "strongest", None, "this month", "healthcare-visit"),
    ("employee of the month noms — who's top for october?", "people", None, "October", "healthcare-visit"),
    # a day things are due ("NLT Friday", "for the partners mtg on thurs") is no window
    ("Request all stories mentioning Priya. Her appraisal is due NLT Friday.", "stories", None, None,
     "healthcare-visit"),
    ("Prepping a fix-list for the partners mtg on thurs. Which stages of the patient journey score lowest? bottom "
     "five, this year", "weakest", None, "this year", "healthcare-visit"),
    ("stories by tom on friday", "stories", None, "Friday", "healthcare-visit"),
    # "check-in have staff" is no staff group; a titled doctor next to story words is a person, not the physician
    ("How many accounts of poor service at check-in have staff filed?", "story_count", "check-in", None,
     "healthcare-visit"),
    ("stories from the reception team", "stories", None, None, "healthcare-visit"),
    ("stories about the locum (Dr Hayes) last quarter", "stories", None, "last quarter", "healthcare-visit"),
    ("hows the doctor side of things trending over the year, since Dr Hughes joined in january", "trend", "physician",
     "this year", "healthcare-visit"),
    # an analyst's words
    ("sort moments by avg score asc limit 2, this month", "weakest", None, "this month", "healthcare-visit"),
    ("rolling 4wk avg for parking across this quarter", "trend", "find-parking", "this quarter", "healthcare-visit"),
    ("count stories group by teller, all time", "people", None, "all time", "healthcare-visit"),
    ("Which moment do patients praise most, this year to date?", "strongest", None, "this year", "healthcare-visit"),
    # the 157th-163rd: bare weeks ("4wk"), since opening, scathing comments are irritating ones
    ("bloods: breakdown 4wk", "mot_detail", "tests", "last 4 weeks", "healthcare-visit"),
    ("a 2 wk wait for results - comments", "comments", "wait-results", None, "healthcare-visit"),
    ("restaurant. stories total since opening", "story_count", None, "all time", "restaurant-visit"),
    ("stories since 3/11", "stories", None, "since Tue 3 Nov", "healthcare-visit"),
    # a second review's near-misses
    ("complaint ref 2026-04 - what did that patient say about follow-up?", "comments", "follow-up", None,
     "healthcare-visit"),
    ("any comments about the cocktail of the week", "comments", "order", None, "restaurant-visit"),
    ("how many patients were due on Monday for follow-up", "rating_count", "follow-up", "Monday", "healthcare-visit"),
    ("stories about getting a Dr Note", "stories", "physician", None, "healthcare-visit"),
    ("moments sorted by complaints desc", "comments", None, None, "healthcare-visit"),
    ("give me the desc of each moment", "unknown", None, None, "healthcare-visit"),
    ("where do we get the most rubbish left on tables", "unknown", "seated", None, "restaurant-visit"),
])
def test_the_hundred_and_fortyninth_to_fiftyfifth_authors_rules(text: str, intent: str, mot: str | None,
                                                                 label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


def test_harsh_comments_are_the_irritating_ones() -> None:
    for text in ("Three most scathing comments of the year.", "the most brutal comments", "worst comments this month"):
        q = _ask_on_the_25th(text, "healthcare-visit")
        assert (q.intent, q.rating) == ("comments", "irritating"), text


def test_names_stay_names_for_the_speller() -> None:
    """A vowel may change in a 4-letter word only beside another vowel ("yeer"): "ravi", "jane", "cara" are names."""
    for text, person in (("shoutouts for ravi this month", "Ravi"), ("stories about jane this week", "Jane"),
                         ("stories mentioning cara in the waiting room", "Cara")):
        q = _ask_on_the_25th(text, "healthcare-visit")
        assert (q.intent, q.person) == ("stories", person), text
    assert not _ask_on_the_25th("stories about jane this week", "healthcare-visit").period.label.startswith("June")


def test_a_new_starter_named_after_the_role_is_the_person_not_the_moment() -> None:
    q = _ask_on_the_25th("storys about the new starter Jess on recepshun", "healthcare-visit")
    assert (q.intent, q.person, q.mot_id) == ("stories", "Jess", None)
    q = _ask_on_the_25th("Kindly share the stories mentioning Dr. Kulkarni.", "healthcare-visit")
    assert (q.person, q.mot_id) == ("Dr Kulkarni", None)


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # the 165th-171st development authors' phrasings, each rule with its counter-case
    # Doric: "fit" asks what, "fit like" how; the English word stays
    ("fit's gaun weel at the clinic the day", "strongest", None, "today", "healthcare-visit"),
    ("fit like's the parkin daein", "mot_detail", "find-parking", None, "healthcare-visit"),
    ("foo mony fowk said the doc wis shinin in Oct", "rating_count", "physician", "October", "healthcare-visit"),
    ("fit's the count o complaints aboot checkin oot an payin at the desk this quarter", "rating_count",
     "checkout-pay", "this quarter", "healthcare-visit"),
    ("aye so foo mony stories aa in, since we kicked aff?", "story_count", None, "all time", "healthcare-visit"),
    ("does the new chair fit the waiting room", "unknown", "waiting-room", None, "healthcare-visit"),
    # French word order and false friends: "the 3 last months", "the last trimester", "the 3 first"
    ("how much stories we have received the 3 last months?", "story_count", None, "last 3 months",
     "healthcare-visit"),
    ("the 3 colleagues the most praised last trimester", "people", None, "last quarter", "healthcare-visit"),
    ("it is possible to have the podium of the moments, the 3 first, for this year", "strongest", None, "this year",
     "healthcare-visit"),
    ("the tendancy for the waiting of results, month by month since january", "trend", "wait-results",
     "since January", "healthcare-visit"),
    ("Wetin be our biggest pain point for patients since the year start", "weakest", None, "since this year",
     "healthcare-visit"),
    # a moment alone is its figures; with a hedge, the offer of its figures, words and practices
    ("vitals?", "mot_detail", "vital-signs", None, "healthcare-visit"),
    ("Signposts?", "mot_detail", "read-signs", None, "healthcare-visit"),
    ("hmm parking?", "unknown", "find-parking", None, "healthcare-visit"),
    # a window alone lets the trained model read the rest
    ("top contributors in october", "people", None, "October", "healthcare-visit"),
    ("who were the heroes of the restaurant this summer", "people", None, "this summer", "restaurant-visit"),
    # "did X improve" asks for a change; how to improve it asks for practices
    ("did parking improve after we added the extra bays? compare last 30 days with the 30 before", "compare",
     "find-parking", "last 30 days", "healthcare-visit"),
    ("how do we improve parking", "practices", "find-parking", None, "healthcare-visit"),
    # a request after the question is what is wanted of that moment
    ("since how long the parking is so bad? show me the evolution", "trend", "find-parking", None,
     "healthcare-visit"),
    # a dish's price, a day's rota, a translation: not ours; the wait's length is
    ("how much is the haddock on the restaurant menu", "off_topic", None, None, "restaurant-visit"),
    ("How much is the Sunday roast at the restaurant now?", "off_topic", None, None, "restaurant-visit"),
    ("the price of the menu of the day at the restaurant?", "off_topic", None, None, "restaurant-visit"),
    ("how much is the wait?", "mot_detail", "waiting-room", None, "healthcare-visit"),
    ("how many days of holidays I have left", "off_topic", None, None, "healthcare-visit"),
    ("translate in french please: your appointment is confirmed", "off_topic", None, None, "healthcare-visit"),
    ("who is working saturday? the rota is not in my mail", "off_topic", None, None, "healthcare-visit"),
    ("has the new rota helped check in", "compare", "check-in", None, "healthcare-visit"),
    ("did the new signs help?", "compare", "read-signs", None, "healthcare-visit"),
    ("can you help me with the rota", "off_topic", None, None, "healthcare-visit"),
    # someone new named by a role, with where they work: the person, not the moment
    ("the new loon Ewan on reception - ony stories aboot him yet", "stories", None, None, "healthcare-visit"),
    ("the new girl at the reception, Chloé, somebody wrote something on her?", "stories", None, None,
     "healthcare-visit"),
    # the day someone starts, leaves, or a meeting is held is no window
    ("we have two new starters on monday, top 3 practices I should teach dem", "practices", None, None,
     "healthcare-visit"),
    ("new recep starting mon. what do the good ones do at front desk", "practices", "check-in", None,
     "healthcare-visit"),
    ("Mrs Hargreaves, one of our volunteers, retires at Christmas. Have we any stories about her?", "stories", None,
     None, "healthcare-visit"),
    ("board meetin friday and I need somethin sweet to show - top 3 moments this quarter", "strongest", None,
     "this quarter", "healthcare-visit"),
    ("how did the new starters do this month", "chart", None, "this month", "healthcare-visit"),
    ("Could you give me the picture on blood tests, scans and x-rays, say over the last 8 weeks?", "mot_detail", "tests",
     "last 8 weeks", "healthcare-visit"),
])
def test_the_hundred_and_sixtyfifth_to_seventyfirst_authors_rules(text: str, intent: str, mot: str | None,
                                                                   label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


def test_a_request_before_a_ratings_question_is_ours() -> None:
    """ "get them a parking card ...?" reads like an errand, but what follows asks for parking's ratings: ours, about
    parking. The rules read a count of them, the trained model may read parking's figures (which lead with the
    count); either answers the question, never "not something I can answer"."""
    q = _ask_on_the_25th("get them a parking card for the car park? parking ratings pls", "healthcare-visit")
    assert q.intent in ("rating_count", "mot_detail") and q.mot_id == "find-parking" and not q.period_named


def test_a_count_named_as_such_stays_a_count() -> None:
    """The model may read "complaints about ..." as comments; "the count of" asks for the number."""
    q = _ask_on_the_25th("what's the count of complaints about paying at the desk this quarter", "healthcare-visit")
    assert (q.intent, q.rating) == ("rating_count", "irritating")
    q = _ask_on_the_25th("the ones who voted dull for ordering at the restaurant, what did they write?",
                         "restaurant-visit")
    assert q.intent == "comments"


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # the 173rd-179th development authors' phrasings, each rule with its counter-case
    ("parking it is going down from when summer ended?", "trend", "find-parking", "since Tue 1 Sep", "healthcare-visit"),
    ("in restaurant who is the most praised waiter", "people", None, None, "restaurant-visit"),
    ("restaurant menu prices for christmas", "off_topic", None, None, "restaurant-visit"),
    ("how much holiday Sam has left", "off_topic", None, None, "healthcare-visit"),
    ("someone's asked for a pay rise, how do I handle it", "off_topic", None, None, "healthcare-visit"),
    ("pull the restaurant P&L for Oct", "off_topic", None, None, "restaurant-visit"),
    ("how quick is paying at the desk", "mot_detail", "checkout-pay", None, "healthcare-visit"),
    # "stages" are ours, whatever else the message says ("covers": a restaurant's diners counted)
    ("Restaurant - where are we losing goodwill with covers? weakest stages for Q3", "weakest", None, "Q3",
     "restaurant-visit"),
    ("where are we outperforming? last 6 wks", "strongest", None, "last 6 weeks", "healthcare-visit"),
    ("which moments get the most shinys all time", "strongest", None, "all time", "healthcare-visit"),
    ("sample size on the physician numbers in Q3? need to know it's not just 12 people", "rating_count", "physician",
     "Q3", "healthcare-visit"),
    # a finance team's "rolling 12" is the last twelve months; "rolling 12 week" stays twelve weeks
    ("total stories submitted, rolling 12", "story_count", None, "last 12 months", "healthcare-visit"),
    ("which moment has the highest irritating % on a rolling 12 basis", "weakest", None, "last 12 months",
     "healthcare-visit"),
    ("rolling 12 wk trend check in", "trend", "check-in", "last 12 weeks", "healthcare-visit"),
    # someone named by where they work or their role: the person, not the moment
    ("Ffion on reception - anything about her in the last 30 days", "stories", None, "last 30 days",
     "healthcare-visit"),
    ("stories about Aoife the volunteer at the front desk", "stories", None, None, "healthcare-visit"),
    ("Queues at reception this week", "mot_detail", "check-in", "this week", "healthcare-visit"),
    ("good ways of keeping patients in the loop about delays while they wait?", "practices", "waiting-room", None,
     "healthcare-visit"),
])
def test_the_hundred_and_seventythird_to_seventyninth_authors_rules(text: str, intent: str, mot: str | None,
                                                                    label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # a review of the 165th-179th rounds: what those rules must leave alone
    ("since we kicked off the new signage, has read-signs got better?", "trend", "read-signs", None,
     "healthcare-visit"),
    ("since week beginning 2 Nov, any stories about parking?", "stories", "find-parking", "week of Mon 2 Nov",
     "healthcare-visit"),
    ("and last week?", "unknown", None, "last week", "healthcare-visit"),
    ("this week so far", "unknown", None, "this week", "healthcare-visit"),
    ("patients asking for translation in Polish at check-in - any stories?", "stories", "check-in", None,
     "healthcare-visit"),
    ("any stories mentioning salary?", "stories", None, None, "healthcare-visit"),
    ("how much is the new kiosk helping?", "mot_detail", "check-in", None, "healthcare-visit"),
    ("how much is the restaurant improving?", "trend", None, None, "restaurant-visit"),
    ("do we still have problems at check-in?", "mot_detail", "check-in", None, "healthcare-visit"),
    ("the 3 first quarters of the year, how was check-in?", "mot_detail", "check-in", None, "healthcare-visit"),
    ("How did the new starters on Monday get on at check-in?", "mot_detail", "check-in", "Monday", "healthcare-visit"),
    ("kids doing tricks in the waiting room - any stories?", "stories", "waiting-room", None, "healthcare-visit"),
    ("check the tables are set before guests arrive - any comments?", "comments", "seated", None, "restaurant-visit"),
    ("which moment do patients prefer we fix first?", "weakest", None, None, "healthcare-visit"),
    ("what the patients prefer the most in their visit?", "strongest", None, None, "healthcare-visit"),
    ("the doctor?", "unknown", "physician", None, "healthcare-visit"),
    ("I'm looking at the waiting room. What's the worst part of that stage?", "weakest", "waiting-room", None,
     "healthcare-visit"),
    ("which part of check-in is weakest", "weakest", "check-in", None, "healthcare-visit"),
    # a ranking asked for, whatever moment the message also names
    ("Dana reckons its reception thats worst but which step actually comes out bottom since we started", "weakest",
     None, "all time", "healthcare-visit"),
    ("what 3 things do patients like best about us this month, for the board in the waiting room", "strongest", None,
     "this month", "healthcare-visit"),
    ("what's the worst thing about the waiting room this week", "weakest", "waiting-room", "this week",
     "healthcare-visit"),
])
def test_review_of_the_hundred_and_sixtyfifth_to_seventyninth_rounds(text: str, intent: str, mot: str | None,
                                                                      label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


@pytest.mark.parametrize(("text", "person"), [
    ("receptionist on the front desk, Jess, any stories?", "Jess"),
    ("Aoife the volunteer at the front desk - any stories?", "Aoife"),
    ("the new hire Starts soon, how is the greeting?", None),
    ("Feedback on the porters, Check-in and parking this month", None),
])
def test_someone_named_by_their_role_or_post(text: str, person: str | None) -> None:
    assert _ask_on_the_25th(text, "healthcare-visit").person == person


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # the 181st-187th development authors' phrasings, each rule with its counter-case
    ("what are patients actually happy with? I feel like I only ever hear the bad stuff lol", "strongest", None, None,
     "healthcare-visit"),
    ("what are our best moments ever", "strongest", None, "all time", "healthcare-visit"),
    ("sorry this might be a dumb q but where do we get the most praise, I mean which MOT, in the last 3 months",
     "strongest", None, "last 3 months", "healthcare-visit"),
    ("how much is the steak on the new restaurant menu? sorry, a customer asked and I blanked", "off_topic", None, None,
     "restaurant-visit"),
    ("what does the steak cost on the restaurant menu", "off_topic", None, None, "restaurant-visit"),
    ("Friday huddle\n1. 3 nice stories from this week to read out\n2. short ones ideally", "stories", None,
     "this week", "healthcare-visit"),
    ("Restaurant - 2 good stories about checking back on tables, any time", "stories", "check-back", "all time",
     "restaurant-visit"),
    ("any time this week for the stories about parking", "stories", "find-parking", "this week", "healthcare-visit"),
    ("the follow up calls, do they improve since september?", "trend", "follow-up", "since September",
     "healthcare-visit"),
    ("vital signs over the last half year. is it going down?", "trend", "vital-signs", "last 6 months",
     "healthcare-visit"),
    ("number of ratings on the goodbye when guests leave the restaurant, whole year", "rating_count", "leave",
     "this year", "restaurant-visit"),
    ("bless their hearts the front desk is tryin, but overall what are the clinic's weak spots since day one",
     "weakest", None, "all time", "healthcare-visit"),
    ("how many thumbs up did the restaurant check-backs get last week", "rating_count", "check-back", "last week",
     "restaurant-visit"),
    ("which moments are gettin the most 'dull' votes? tryin to find where we're just plain forgettable", "weakest",
     None, None, "healthcare-visit"),
    ("Clinic, everything: this week compared to last week - any big swings?", "compare", None, "this week",
     "healthcare-visit"),
    ("Escort to exam room\n- how many ratings this quarter?", "rating_count", "escort-exam", "this quarter",
     "healthcare-visit"),
    ("did Arsenal win?? Sam won't stop talking bout it", "off_topic", None, None, "healthcare-visit"),
])
def test_the_hundred_and_eightyfirst_to_eightyseventh_authors_rules(text: str, intent: str, mot: str | None,
                                                                    label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


def test_someone_named_after_a_clipped_about_or_with_their_post() -> None:
    for text, person in (("pull the stories bout Jolene, our weekend host at the restaurant", "Jolene"),
                         ("I'm a bit anxious about Jess, the new starter on reception... are there any stories about "
                          "her since she started on the 9th?", "Jess")):
        q = _ask_on_the_25th(text, "restaurant-visit" if "restaurant" in text else "healthcare-visit")
        assert (q.intent, q.person, q.mot_id) == ("stories", person, None), text
    assert not _ask_on_the_25th("pull the stories bout Jolene, our weekend host at the restaurant",
                                "restaurant-visit").period_named


@pytest.mark.parametrize(("text", "intent", "mot", "cycle"), [
    # a match's result, leave to approve, a broken machine: not ours, whatever moment or colleague is named
    ("Result of the Arsenal game last night?", "off_topic", None, "healthcare-visit"),
    ("India vs Australia match score pls", "off_topic", None, "healthcare-visit"),
    ("How did HSV play on the weekend?", "off_topic", None, "restaurant-visit"),
    ("Liverpool won last night anot", "off_topic", None, "healthcare-visit"),
    ("how did check in score on the weekend", "mot_detail", "check-in", "healthcare-visit"),
    ("what were our scores on the weekend", "weakest", None, "healthcare-visit"),
    ("Tom asking for two weeks off in December, can you approve it for me?", "off_topic", None, "healthcare-visit"),
    ("can Tom take Friday off?", "off_topic", None, "healthcare-visit"),
    ("stories from the day off", "stories", None, "healthcare-visit"),
    ("de card machine down again, who I call", "off_topic", None, "healthcare-visit"),
    ("the card machine at checkout is down again, are patients complaining?", "comments", "checkout-pay",
     "healthcare-visit"),
    # a restaurant's covers are its diners: their feedback is ours
    ("how many covers actually left us feedback this wk?", "rating_count", None, "restaurant-visit"),
    # a request after the question is what is wanted
    ("what's working well for the team? best practices pls", "practices", None, "healthcare-visit"),
    ("what are our best waiters doing right? want to train new Saturday staff at the restaurant", "practices", None,
     "restaurant-visit"),
    ("what are we doing right? which bit gets the most shining", "strongest", None, "healthcare-visit"),
])
def test_results_leave_machines_covers_and_requests_after_the_question(text: str, intent: str, mot: str | None,
                                                                         cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert (q.intent, q.mot_id) == (intent, mot)


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # the 189th-195th development authors' phrasings
    ("trend for waiting on results over 6 months", "trend", "wait-results", "last 6 months", "healthcare-visit"),
    ("whole restaurant trend since it opened", "trend", None, "all time", "restaurant-visit"),
    ("kia ora, need every story about Alice since she started, it's for her review", "stories", None, "all time",
     "healthcare-visit"),
    ("stories about Alice since she started on 9 Nov", "stories", None, "since Mon 9 Nov", "healthcare-visit"),
    ("Where have we been getting things right in the clinic since 1 Nov?", "strongest", None, "since Sun 1 Nov",
     "healthcare-visit"),
    ("Anything in the stories about Kofi, the Saturday waiter at the restaurant?", "stories", None, None,
     "restaurant-visit"),
    ("Pls the areas pts praised the most in Q3", "strongest", None, "Q3", "healthcare-visit"),
    ("What's the feedback like on the signage pls", "mot_detail", "read-signs", None, "healthcare-visit"),
    ("What is the clinic's phone number for pts?", "off_topic", None, None, "healthcare-visit"),
    # a second review's near-misses
    ("any weak spots at check-in lately?", "weakest", "check-in", None, "healthcare-visit"),
    ("what was the trend for the whole year last year?", "trend", None, "last year", "healthcare-visit"),
    ("my whole week was spent on the parking issue, what are people saying?", "comments", "find-parking", None,
     "healthcare-visit"),
    ("does it improve if we add more staff?", "practices", None, None, "healthcare-visit"),
    ("what are the weakest moments? no rush, whenever", "weakest", None, None, "healthcare-visit"),
    ("did the waiting room drop over the summer volunteers were off", "mot_detail", "waiting-room", "summer",
     "healthcare-visit"),
    ("Long day at the front desk\nany shining stories this week?", "stories", None, "this week", "healthcare-visit"),
])
def test_the_hundred_and_eightyninth_to_ninetyfifth_authors_rules(text: str, intent: str, mot: str | None,
                                                                  label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle", "person"), [
    # the 197th-203rd development authors' phrasings, each rule with its counter-case
    # the bot asked how it is: small talk, off-topic as every author labels it; a greeting alone stays help
    ("good morning machan how are you?", "off_topic", None, None, "healthcare-visit", None),
    ("morning how are you today", "off_topic", None, None, "healthcare-visit", None),
    ("Good morning", "help", None, None, "healthcare-visit", None),
    ("how are you doing on parking", "mot_detail", "find-parking", None, "healthcare-visit", None),
    # someone named after "the stories of", and "anything about" a lower-case forename
    ("Kindly list the stories of Kumari from reception", "stories", None, None, "healthcare-visit", "Kumari"),
    ("stories of patients getting lost", "stories", "ask-directions", None, "healthcare-visit", None),
    ("owt about gary in there", "stories", None, None, "healthcare-visit", "Gary"),
    ("anything about will", "stories", None, None, "healthcare-visit", None),
    # the sentence before the question asks too: its window is the question's
    ("What is the position of our problem areas this year machan. Which MOTs patients are least liking?", "weakest",
     None, "this year", "healthcare-visit", None),
    # a kitchen how-to is not ours; how to make a moment better is a practice
    ("how to make kottu roti properly", "off_topic", None, None, "healthcare-visit", None),
    ("how to make check-in work properly", "practices", "check-in", None, "healthcare-visit", None),
    # "from the start of" with no end said: since then; with an end, the range
    ("top 3 best moments from the start of the year", "strongest", None, "since this year", "healthcare-visit", None),
    ("weakest from the start of October to the end of November", "weakest", None, "Oct 2026 – Nov 2026",
     "healthcare-visit", None),
    # Jamaican patois, read when its words come twice or more
    ("top 3 best moments from di start ah di year", "strongest", None, "since this year", "healthcare-visit", None),
    ("how much ah dem rate di food last week", "rating_count", "served", "last week", "restaurant-visit", None),
    ("di new signs go up 1st Nov. compare since den wid before, it help?", "compare", "read-signs", "since Sun 1 Nov",
     "healthcare-visit", None),
    ("stories bout people getting lost going back to dem car", "stories", "back-to-car", None, "healthcare-visit", None),
    ("stories about Di", "stories", None, None, "healthcare-visit", "Di"),
    ("how much rate do we charge", "off_topic", None, None, "healthcare-visit", None),
    # northern English: owt, nowt, summat, scran
    ("what are diners sayin about the scran when it lands", "comments", "served", None, "restaurant-visit", None),
    ("howay whats the secret when we give folk their results and it lands well", "practices", "receive-results", None,
     "healthcare-visit", None),
    # a side's fixture or how it got on: not ours; one of ours, or someone new, is
    ("wah time Villa play tonight", "off_topic", None, None, "healthcare-visit", None),
    ("how did Linfield get on last night", "off_topic", None, None, "healthcare-visit", None),
    ("how did check in do last night", "mot_detail", "check-in", "yesterday", "healthcare-visit", None),
    ("how did the new starter get on at the weekend", "chart", None, "the weekend", "healthcare-visit", None),
])
def test_the_hundred_and_ninetyseventh_to_twohundredandthird_authors_rules(
        text: str, intent: str, mot: str | None, label: str | None, cycle: str, person: str | None) -> None:
    _assert_read_as(text, intent, mot, label, cycle)
    assert _ask_on_the_25th(text, cycle).person == person


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # the 201st development author's phrasings (an analyst's), each rule with its counter-case
    ("stories in the last 4 quarters", "stories", None, "last 4 quarters", "healthcare-visit"),
    ("weakest last quarter", "weakest", None, "last quarter (Jul 2026", "healthcare-visit"),
    ("stories logged wk to date", "story_count", None, "this week", "healthcare-visit"),
    ("bottom 5 by net score (shining minus irritating), last 6 wks", "weakest", None, "last 6 weeks", "healthcare-visit"),
    ("bottom 5 by shining share", "weakest", None, None, "healthcare-visit"),
    ("top 5 by shining share", "strongest", None, None, "healthcare-visit"),
    ("thx, that's all for now", "off_topic", None, None, "healthcare-visit"),
    ("thanks!", "unknown", None, None, "healthcare-visit"),
    ("is the lamb shank still on the menu?", "off_topic", None, None, "restaurant-visit"),
    ("what are guests saying about the new menu", "comments", "order", None, "restaurant-visit"),
])
def test_the_twohundredandfirst_authors_rules(text: str, intent: str, mot: str | None, label: str | None,
                                              cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # round nine (the 205th development author onwards), each rule with its counter-case
    # a negated feeling, "n't" split or typed without the apostrophe, a softener or who feels it between
    ("top 3 things customers dont like about eating here, last 30 days", "weakest", None, "last 30 days",
     "restaurant-visit"),
    ("the 3 things diners don't enjoy", "weakest", None, None, "restaurant-visit"),
    ("what don't people like", "weakest", None, None, "healthcare-visit"),
    ("what do patients not really like", "weakest", None, None, "healthcare-visit"),
    ("top 3 things patients like", "strongest", None, None, "healthcare-visit"),
    ("I don't like to ask but what's the weakest moment", "weakest", None, None, "healthcare-visit"),
    # a moment named beside "top 3": where, not what is ranked; the feeling names the end
    ("top 3 moments patients hate most at the clinic next door?", "weakest", None, None, "healthcare-visit"),
    ("top 3 moments patients love at the front door", "strongest", None, None, "healthcare-visit"),
    # when pay day is: the payroll's, though "pay" is a moment's word; paying on pay day stays the moment
    ("when's pay day for the clinic staff", "off_topic", None, None, "healthcare-visit"),
    ("how was paying the bill on pay day friday", "mot_detail", "checkout-pay", "Friday", "healthcare-visit"),
    # "anyone moaning about X": what was said
    ("anyone moaning about the dunny at the clinic eh", "comments", None, None, "healthcare-visit"),
    ("what is everyone moaning about most", "weakest", None, None, "healthcare-visit"),
    # signs in a place, no determiner before: signage; signing in stays check-in
    ("signs in the corridors... how r they rated this yr??", "mot_detail", "read-signs", "this year",
     "healthcare-visit"),
    ("patient signs in at the kiosk, how is check-in rated", "mot_detail", "check-in", None, "healthcare-visit"),
    # "can't stand": a dislike
    ("what can't patients stand", "weakest", None, None, "healthcare-visit"),
    ("which moment can diners not stand", "weakest", None, None, "restaurant-visit"),
    # Black Country: wik, yow, bostin, gizza, "this ear"
    ("ow many stories come in last wik", "story_count", None, "last week", "healthcare-visit"),
    ("goodbyes at the door, trend over the last 10 wiks", "trend", "leave", "last 10 weeks", "restaurant-visit"),
    ("gizza Alice's stories from last wik", "stories", None, "last week", "healthcare-visit"),
    ("month on month for the restaurant this ear", "trend", None, "this year", "restaurant-visit"),
    ("stories about the ENT clinic, the ear one", "stories", None, None, "healthcare-visit"),
    # "better since, compared with before": since the day told
    ("we put the new signs up 1st oct. has readin the signs got any better since, compared wi before?", "compare",
     "read-signs", "since Thu 1 Oct", "healthcare-visit"),
    # the kitchen's specials and menu: not ours; how diners took a dish put on the menu is
    ("wot's on the specials tonight", "off_topic", None, None, "restaurant-visit"),
    ("can yow put grey peas n bacon on the restaurant menu", "off_topic", None, None, "restaurant-visit"),
    ("put the sticky toffee pudding back on the menu pls", "off_topic", None, None, "restaurant-visit"),
    ("what do diners think of the specials", "comments", None, None, "restaurant-visit"),
    # Hinglish, read when two of its words come; a Hindi window needs no other ("top 3 shining moments is mahine")
    ("kitne ratings aaye is hafte", "rating_count", None, "this week", "healthcare-visit"),
    ("kitne ratings aaye is hafte, show me", "rating_count", None, "this week", "healthcare-visit"),
    ("parking ka kya haal hai", "mot_detail", "find-parking", None, "healthcare-visit"),
    ("alice ne kya likha pichle hafte", "stories", None, "last week", "healthcare-visit"),
    ("yaar patients ko sabse zyada kya irritate kar raha hai pichle 30 din mein", "weakest", None, "last 30 days",
     "healthcare-visit"),
    ("top 3 shining moments is mahine", "strongest", None, "this month", "healthcare-visit"),
    ("patients kahan sabse zyada pareshan hote hai pichle 6 weeks mein? top 4 do", "weakest", None, "last 6 weeks",
     "healthcare-visit"),
    ("mrs sharma ka appointment book kar do 11 baje", "off_topic", None, None, "healthcare-visit"),
    ("is the check in ok this week", "mot_detail", "check-in", "this week", "healthcare-visit"),
    # "total ... so far": to date; "so far this month" stays the month
    ("total stories so far", "story_count", None, "all time", "healthcare-visit"),
    ("total stories so far this month", "story_count", None, "this month", "healthcare-visit"),
    # a day with the ordinal dot ("1. september"); "3.5 weeks" is no day
    ("Which MOT have the patients liked least since 1. september?", "weakest", None, "since Tue 1 Sep",
     "healthcare-visit"),
    ("How is the check in now compared with before we got the new kiosk on 1. october?", "compare", "check-in",
     "since Thu 1 Oct", "healthcare-visit"),
    ("How is the seating after we moved the tables, compared with before? We did it 9. november.", "compare", "seated",
     "since Mon 9 Nov", "restaurant-visit"),
    # told first, asked after a clear break: the window of the clause that asks; a comparison asked stays one
    ("the practice nurses meeting is thursday and I want to go in with something concrete rather than just vibes, so, "
     "last quarter, what were the bottom 3 moments for us?", "weakest", None, "last quarter", "healthcare-visit"),
    ("Been a rough week honestly, phones were down on monday, but can you tell me which moments are getting the worst "
     "feedback this week", "weakest", None, "this week", "healthcare-visit"),
    ("worst 3 moments this month. Partners meet thursday and I'd rather know where we're haemorrhaging before they do",
     "weakest", None, "this month", "healthcare-visit"),
    ("Last month was bad. which moments were weakest this month compared to last month?", "weakest", None,
     "this month", "healthcare-visit"),
    # how patients describe a moment: their words
    ("How do patients describe the phone booking, in their own words?", "comments", "call-appointment", None,
     "healthcare-visit"),
    ("how would you describe the waiting room", "mot_detail", "waiting-room", None, "healthcare-visit"),
    # someone who only reports, after the question, is no one the stories are about; someone praised is
    ("what patients wrote about the exit barrier of the car park the last month? Tom says it was blocked twice",
     "comments", "drive-out", "last month", "healthcare-visit"),
    ("Priya was brilliant last week. Any stories?", "stories", None, "last week", "healthcare-visit"),
    # a moment and how it is felt, asked yes or no: its figures
    ("the pay station at the carpark exit... is it still a nightmare?", "mot_detail", "drive-out", None,
     "healthcare-visit"),
    ("what do patients hate about parking", "comments", "find-parking", None, "healthcare-visit"),
    # HR's paperwork: not ours
    ("alice. sick note. HR process?", "off_topic", None, None, "healthcare-visit"),
])
def test_round_nine_rules(text: str, intent: str, mot: str | None, label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # "like" as a filler is no feeling ("like ever", "top 3 like"); "what do patients like" is one
    ("which is the worst part of the visit like ever", "weakest", None, "all time", "healthcare-visit"),
    ("where do we fall down worst this month, top 3 like", "weakest", None, "this month", "healthcare-visit"),
    ("what do patients like", "strongest", None, None, "healthcare-visit"),
    ("what did people like ever since the refit", "strongest", None, "all time", "healthcare-visit"),
    # one window said twice ("like ever, since we started") is no comparison
    ("the weakest moment ever, since we started using this", "weakest", None, "all time", "healthcare-visit"),
    # a feeling in the superlative, asked which or where: every moment ranked, whatever moment is also named; not
    # what is felt about one moment
    ("where are diners most annoyed these days - is it still the bill?", "weakest", None, None, "restaurant-visit"),
    ("just parked up in the car park. which bits are folk most irritated with this week", "weakest", None,
     "this week", "healthcare-visit"),
    ("what do patients hate most about parking", "comments", "find-parking", None, "healthcare-visit"),
    ("what's most annoying about check-in for patients?", "comments", "check-in", None, "healthcare-visit"),
    ("what are guests least happy with this week, the chef is asking", "weakest", None, "this week",
     "restaurant-visit"),
    # "how much" and a rating: a count of that rating
    ("how much irritating did the waiting room get in october", "rating_count", "waiting-room", "October 2026",
     "healthcare-visit"),
    ("how much feedback did we get on parking", "rating_count", "find-parking", None, "healthcare-visit"),
    # Urdu and Hindi in Roman letters: one unmistakable word is enough ("aaj", "kitni"); "kal" as typed is yesterday
    ("shining votes for the doctor aaj", "rating_count", "physician", "today", "healthcare-visit"),
    ("kitni stories last week", "story_count", None, "last week", "healthcare-visit"),
    ("irritating ratings kal", "rating_count", None, "yesterday", "healthcare-visit"),
    ("kaun sa moment sab se zyada kharab hai is mahine", "weakest", None, "this month", "healthcare-visit"),
    ("Kal wrote a story about parking", "stories", "find-parking", None, "healthcare-visit"),
    # "longer and longer", "worse n worse": a trend
    ("is the wait for results getting longer and longer", "trend", "wait-results", None, "healthcare-visit"),
    ("checkout worse n worse?", "trend", "checkout-pay", None, "healthcare-visit"),
    # a dropped h, marked: "'ate", "'appy"; a quote stays a quote
    ("what do ppl 'ate most this month", "weakest", None, "this month", "healthcare-visit"),
    ("comments with 'rude' in them this week", "comments", None, "this week", "healthcare-visit"),
    # before n after a day: since that day against as many days before
    ("parking before n after 2nd nov?", "compare", "find-parking", "since Mon 2 Nov", "healthcare-visit"),
    # thanks and praise for the bot, a place in town, the rota: not ours
    ("cheers mate, you're a legend", "off_topic", None, None, "healthcare-visit"),
    ("ha ur proper clever", "off_topic", None, None, "healthcare-visit"),
    ("that's great, and how is parking this week?", "mot_detail", "find-parking", "this week", "healthcare-visit"),
    ("where's the nearest cash machine", "off_topic", None, None, "healthcare-visit"),
    ("can you swap Sam's shift on thursday", "off_topic", None, None, "healthcare-visit"),
    ("who is working sunday lunch at the restaurant", "off_topic", None, None, "restaurant-visit"),
    ("how many kilos of chips we need to order for saturday", "off_topic", None, None, "restaurant-visit"),
    # Spanish false friends: histories, valorations, frases
    ("how many histories this month", "story_count", None, "this month", "healthcare-visit"),
    ("histories about Priya in october", "stories", None, "October 2026", "healthcare-visit"),
    ("how is the history taking going", "mot_detail", "interview", None, "healthcare-visit"),
    ("valorations of the waiting room last week", "mot_detail", "waiting-room", "last week", "healthcare-visit"),
    ("frases of the clients about the bill", "comments", "pay-bill", None, "restaurant-visit"),
    # an end said only to be refused; both wanted stays a question
    ("top 5 moments this year, the best I mean, not the worst", "strongest", None, "this year", "healthcare-visit"),
    ("worst moments, not the best", "weakest", None, None, "healthcare-visit"),
    ("best and worst moments", "unknown", None, None, "healthcare-visit"),
    # "which moments are we good in", "the dullest moments"
    ("which parts are we strong in this month", "strongest", None, "this month", "healthcare-visit"),
    ("dullest moments last week", "weakest", None, "last week", "healthcare-visit"),
    # "hows your day going": small talk
    ("hiya! hows your day going", "off_topic", None, None, "healthcare-visit"),
])
def test_round_ten_rules(text: str, intent: str, mot: str | None, label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


@pytest.mark.parametrize(("text", "versus", "label", "cycle"), [
    # two moments set against each other in one window: no moment of its own, no second window
    ("the car park vs the waiting room, which comes out worse", ("find-parking", "waiting-room"), None, "healthcare-visit"),
    ("is check-in rated better or worse than the phones this quarter?", ("check-in", "call-appointment"),
     "this quarter", "healthcare-visit"),
    ("put ordering and paying the bill side by side for october", ("order", "pay-bill"), "October 2026",
     "restaurant-visit"),
    ("parking vs drive out", ("find-parking", "drive-out"), None, "healthcare-visit"),
    # one moment over two windows, before and after a day, or one phrase naming two moments: no pair
    ("compare parking this week vs last week", (), "this week", "healthcare-visit"),
    ("is parking better than last month", (), "this month", "healthcare-visit"),
    ("the waiting room since the new chairs on 2 Nov vs before", (), "since Mon 2 Nov", "healthcare-visit"),
    ("parking vs car park", (), None, "healthcare-visit"),
])
def test_two_moments_set_side_by_side(text: str, versus: tuple[str, ...], label: str | None, cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert (q.intent, q.versus) == ("compare", versus)
    assert q.mot_id is None if versus else q.mot_id is not None
    if versus:
        assert q.compare is None
        assert q.period_named == (label is not None)
        assert q.period.label.startswith(label or "this month")  # unnamed: a month of ratings, as a moment's details
    else:
        assert q.period.label.startswith(label) if label else not q.period_named


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # Welsh and Irish words: windows, counts and moments read wherever they come; a name stays a name
    ("top 3 moments llynedd", "strongest", None, "last year", "healthcare-visit"),
    ("faint o irritating votes for the waiting room mis dwytha", "rating_count", "waiting-room", "last month",
     "healthcare-visit"),
    ("compare Tachwedd with Hydref for check-in", "compare", "check-in", "November 2026", "healthcare-visit"),
    ("how many ratings did we get inné", "rating_count", None, "yesterday", "healthcare-visit"),
    ("worst bits an tseachtain seo caite", "weakest", None, "last week", "healthcare-visit"),
    ("how is the páirceáil doing", "mot_detail", "find-parking", None, "healthcare-visit"),
    ("stories about Eleni this month", "stories", None, "this month", "healthcare-visit"),
    # a window of the sentences around the question, said as "since two weeks"; not how long someone has been here
    ("Since three weeks the phones feel worse. Which moments are weakest?", "weakest", None, "last 3 weeks",
     "healthcare-visit"),
    ("Any stories about Sam? He is on reception since two weeks", "stories", None, None, "healthcare-visit"),
    # "since the start of all this", "going back to day one": all time
    ("which moments do people like least, since the start of all this", "weakest", None, "all time",
     "healthcare-visit"),
    ("best bits going back to day one", "strongest", None, "all time", "healthcare-visit"),
    # "like" after a plural window closing the message is a filler
    ("where are we weakest, last 2 months like", "weakest", None, "last 2 months", "healthcare-visit"),
    # the star of the week asked for another week; a moment as "our star"; the hero of the week
    ("who was the star of the week last week?", "people", None, "last week", "healthcare-visit"),
    ("who is the hero of the week", "people", None, "this week", "healthcare-visit"),
    ("which moment was our star in october", "strongest", None, "October 2026", "healthcare-visit"),
    # pay day, the catch of the day, deliveries: not ours
    ("when do we get paid this month", "off_topic", None, None, "healthcare-visit"),
    ("what's the catch of the day", "off_topic", None, None, "restaurant-visit"),
    ("is the veg van coming tomorrow", "off_topic", None, None, "restaurant-visit"),
    # lost finding the way back to the car: the walk back, not asking the way in
    ("stories about patients getting lost finding their way back to the car park", "stories", "back-to-car", None,
     "healthcare-visit"),
    ("stories about patients who can't find their way to the clinic", "stories", "ask-directions", None,
     "healthcare-visit"),
    # a slashed date whose usual (day-first) reading is most of a year back and whose other is weeks back: the other;
    # else the usual one
    ("has check-in got better since we changed it on 10/12", "trend", "check-in", "since Mon 12 Oct",
     "healthcare-visit"),
    ("has check-in got better since we changed it on 9/2", "trend", "check-in", "since Mon 9 Feb", "healthcare-visit"),
    # how long something takes is no window; "2 weeks ago", "the last 2 weeks" are
    ("the wait for results is 2 weeks or more, how is that moment rated", "mot_detail", "wait-results", None,
     "healthcare-visit"),
    ("patients wait 3 weeks for results - what are they saying", "comments", "wait-results", None, "healthcare-visit"),
    ("how many ratings were there 2 weeks ago", "rating_count", None, "week of Mon 9 Nov", "healthcare-visit"),
    ("what are patients saying about the wait for results, last 2 weeks", "comments", "wait-results", "last 2 weeks",
     "healthcare-visit"),
    # Tamil words in Latin letters: windows and "how many"
    ("bottom 3 moments pona maasam", "weakest", None, "last month", "healthcare-visit"),
    ("evlo ratings for the waiting room inniki", "rating_count", "waiting-room", "today", "healthcare-visit"),
    ("check in eppadi irukku indha vaaram", "mot_detail", "check-in", "this week", "healthcare-visit"),
    # Turkish: "kaç" is how many
    ("kaç rating for parking today", "rating_count", "find-parking", "today", "healthcare-visit"),
    # a change on a day, asked "after that ... than before": the days since against as many before
    ("We changed the rota on 2 Nov. Check-in after that better or worse than before?", "compare", "check-in",
     "since Mon 2 Nov", "healthcare-visit"),
    # a before/after asked after the question: the days since against as many before
    ("we moved the kiosks on 2 Nov. is check-in better since? before/after please", "compare", "check-in",
     "since Mon 2 Nov", "healthcare-visit"),
])
def test_round_eleven_rules(text: str, intent: str, mot: str | None, label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # the 219th-237th development authors' phrasings, each rule with its counter-case
    # "did it help?" after a change is told: the change asked, not the bot's help; "help" alone is still help
    ("We put new signs on 1 Oct. Did it help? read signs before and after", "compare", "read-signs", "since Thu 1 Oct",
     "healthcare-visit"),
    ("we put a volunteer in the car park, did it help?", "compare", "ask-directions", None, "healthcare-visit"),
    ("help", "help", None, None, "healthcare-visit"),
    ("can you help me with the weakest moments", "weakest", None, None, "healthcare-visit"),
    # a change told on a day, then "better?": the days since that day against as many before, not the day before
    ("new signs went up on 1 Oct, has it got better?", "compare", "read-signs", "since Thu 1 Oct", "healthcare-visit"),
    ("we changed the rota on 3 Nov, is check-in better?", "compare", "check-in", "since Tue 3 Nov", "healthcare-visit"),
    ("we were short staffed on Monday, how did check-in compare?", "compare", "check-in", "Monday", "healthcare-visit"),
    ("was check-in better on 3 Nov than 2 Nov", "compare", "check-in", "Tue 3 Nov", "healthcare-visit"),
    ("what changed on 12 Nov for the waiting room?", "compare", "waiting-room", "Thu 12 Nov", "healthcare-visit"),
    # how to work a device, "do" dropped; the rota by who opens, closes or covers
    ("how I reset the card machine at desk? it is frozen", "off_topic", None, None, "healthcare-visit"),
    ("how we doing on check in", "mot_detail", "check-in", None, "healthcare-visit"),
    ("who is closing restaurant Saturday", "off_topic", None, None, "restaurant-visit"),
    ("who is covering reception on friday", "off_topic", None, None, "healthcare-visit"),
    ("who is opening the most stories this week", "people", None, "this week", "healthcare-visit"),
    # what works well at a named moment: the practices there; with no moment, or ranked, the strongest moments
    ("What is working well in the follow up calls? I want to copy it in the other consults", "practices", "follow-up",
     None, "healthcare-visit"),
    ("what's working well rn", "strongest", None, None, "healthcare-visit"),
    ("which moments are working well", "strongest", None, None, "healthcare-visit"),
    # Yorkshire "t'" for "the"; "don't" keeps its t
    ("Marias stories since t'start", "stories", None, "all time", "healthcare-visit"),
    ("waiting room ratings since t'start", "mot_detail", "waiting-room", "all time", "healthcare-visit"),
    ("waitin for results - are we gettin better at it or not? over t'year", "trend", "wait-results", "this year",
     "healthcare-visit"),
    # the Sunday dinners are a meal, Sunday alone a day
    ("what are diners sayin about t'Sunday dinners comin out", "comments", "served", None, "restaurant-visit"),
    ("comments on the sunday roast last week", "comments", None, "last week", "restaurant-visit"),
    ("comments from sunday", "comments", None, "Sunday", "restaurant-visit"),
    # stock in hand by the keg; seeing folk off is the goodbye; "pay bill breakdown" names the moment
    ("how many kegs o Landlord we got left", "off_topic", None, None, "restaurant-visit"),
    ("how many stories about seein folk off at end", "story_count", "leave", None, "restaurant-visit"),
    ("pay bill breakdown since 1 november", "mot_detail", "pay-bill", "since Sun 1 Nov", "restaurant-visit"),
    ("pay the bill for table 4", "off_topic", None, None, "restaurant-visit"),
    # praise for the bot, thanks in other languages; a word of praise alone is not praise of the bot
    ("dyakuyu, you are good bot", "off_topic", None, None, "healthcare-visit"),
    ("good bot", "off_topic", None, None, "healthcare-visit"),
    ("best", "strongest", None, None, "healthcare-visit"),
    # "I would like to know ..." is the asker's own question, not someone else's said after it
    ("Sorry to trouble, I would like to know our best moment last month.", "strongest", None, "last month",
     "healthcare-visit"),
    ("Sorry to trouble, I would like to see trend for read the signs moment, from the start.", "trend", "read-signs",
     "all time", "healthcare-visit"),
    # the rota by who closes; the people ranked said outright with a moment named
    ("sorry, who closes shop tonight?", "off_topic", None, None, "restaurant-visit"),
    ("most mentioned person in shining stories about check in", "people", "check-in", None, "healthcare-visit"),
    # Portuguese words; "ola" inside a word ("hola", "coca cola") is not "olá"
    ("melhores momentos this week?", "strongest", None, "this week", "healthcare-visit"),
    ("quantas histórias since the beginning?", "story_count", None, "all time", "healthcare-visit"),
    ("how many avaliações this week", "rating_count", None, "this week", "healthcare-visit"),
    ("quem é o mais elogiado this month", "people", None, "this month", "healthcare-visit"),
    ("boas práticas from the stories this quarter", "practices", None, "this quarter", "healthcare-visit"),
    ("bom dia! tudo bem?", "off_topic", None, None, "healthcare-visit"),
    ("hola! qué tal? all good?", "off_topic", None, None, "healthcare-visit"),
    # "of all the time" (not "all the time"), "since the opening"; "most dull" is the weak end
    ("which 5 moments the patients are more happy, of all the time", "strongest", None, "all time", "healthcare-visit"),
    ("patients complain all the time about parking", "comments", "find-parking", None, "healthcare-visit"),
    ("total responses since the opening", "rating_count", None, "all time", "restaurant-visit"),
    ("tá, and which moment has more dull this month?", "weakest", None, "this month", "healthcare-visit"),
    # "than the last month" is set against this month; "better after" an event told on a day is before against after
    ("waiting room is better or worse than the last month?", "compare", "waiting-room", "this month", "healthcare-visit"),
    ("We put more waiters in the salão on 15 october. The check back during the meal is better after or not?",
     "compare", "check-back", "since Thu 15 Oct", "restaurant-visit"),
    # "are they improving?" keeps its aspect (a trend); two windows set side by side are still a comparison
    ("Follow-up calls - are they improving? last 12 weeks", "trend", "follow-up", "last 12 weeks", "healthcare-visit"),
    ("did they improve in october vs september", "compare", None, "October 2026", "healthcare-visit"),
])
def test_round_twelve_rules(text: str, intent: str, mot: str | None, label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


@pytest.mark.parametrize(("text", "intent", "rating"), [
    ("are shining votes going up or down over the last 8 weeks", "trend", "shining"),
    ("dull ratings on parking week by week last 10 wks", "trend", "dull"),
    ("trend for irritating ratings over the last 90 days", "trend", "irritating"),
    ("has parking got worse since october", "trend", None),  # none said: the irritating share, as always
    ("is the waiting room getting more shining or more irritating since july", "trend", None),  # two: neither
    ("shining votes this month vs last month", "compare", "shining"),
    ("compare this week with last", "compare", None),
])
def test_a_trend_or_comparison_follows_the_rating_said(text: str, intent: str, rating: str | None) -> None:
    q = _q(text)
    assert (q.intent, q.rating) == (intent, rating)


@pytest.mark.parametrize(("text", "person", "mine", "cycle"), [
    # "mentioned in" is passive: the one asked about, not the one reporting
    ("Sam mentioned in any stories this quarter?", "Sam", False, "healthcare-visit"),
    ("Sam mentioned the parking is bad, how is parking doing", None, False, "healthcare-visit"),
    # "anything on/from <forename>", the apostrophe left out of a forename's stories
    ("Anything on Kevin? Heard he's been great at the front desk", "Kevin", False, "healthcare-visit"),
    ("anything on aisha?", "Aisha", False, "healthcare-visit"),
    ("anything from Giuseppe at the restaurant?", "Giuseppe", False, "restaurant-visit"),
    ("pull kevins stories", "Kevin", False, "healthcare-visit"),
    ("patients stories this week", None, False, "healthcare-visit"),
    # a pronoun asked after is the name told before it; a forename typed with a capital is not "corrected"
    ("Declan the head chef in the restaurant, any stories about him since Halloween?", "Declan", False,
     "restaurant-visit"),
    ("what's Morag been putting in? stories from her", "Morag", False, "healthcare-visit"),
    ("the patient in Bay 3 was lovely, any stories about her?", None, False, "healthcare-visit"),
    # the asker's own stories
    ("my own stories this year", None, True, "healthcare-visit"),
    ("stories I told since oct 15", None, True, "healthcare-visit"),
    ("how many stories have I logged this month", None, True, "healthcare-visit"),
    ("Kindly share the stories which mention myself since 1st November.", None, True, "healthcare-visit"),
    ("stories I could share at the huddle", None, False, "healthcare-visit"),
    ("stories I was told by patients", None, False, "healthcare-visit"),
    ("my team's stories this week", None, False, "healthcare-visit"),
])
def test_who_a_story_question_is_about(text: str, person: str | None, mine: bool, cycle: str) -> None:
    q = _ask_on_the_25th(text, cycle)
    assert q.intent in ("stories", "story_count", "mot_detail")
    assert (q.person, q.mine) == (person, mine)


def test_which_comments_asks_for_the_comments() -> None:
    """"which comments were rated shining": the comments, not the strongest moments."""
    assert _ask_on_the_25th("which comments were rated shining yesterday?", "healthcare-visit").intent == "comments"
    assert _ask_on_the_25th("which moments got the most shining ratings yesterday?", "healthcare-visit").intent == "strongest"


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # romanised Bangla mixed into English (read when two of its words come, or one no English or Hindi message says)
    ("koto gulo rating peyechi ei mash?", "rating_count", None, "this month", "healthcare-visit"),
    ("kon MOT shobcheye kharap ei mash? top 3 dekhao pls", "weakest", None, "this month", "healthcare-visit"),
    ("Konta MOT te patients shobcheye khushi chilo last month?", "strongest", None, "last month", "healthcare-visit"),
    ("gotokal koto jon rate korse?", "rating_count", None, "yesterday", "healthcare-visit"),
    ("parking ki din din kharap hocche? last 8 weeks weekly dekhao", "trend", "find-parking", "last 8 weeks",
     "healthcare-visit"),
    ("staff ra koyta story likhse ei mash?", "story_count", None, "this month", "healthcare-visit"),
    ("top 5 most loved moments ei quarter e", "strongest", None, "this quarter", "healthcare-visit"),
    ("Mrs Begum er appointment ta Friday te book kore dao pls", "off_topic", None, None, "healthcare-visit"),
    ("saturday ke liye 8 logo ki table book kar do", "off_topic", None, None, "restaurant-visit"),  # Hindi stays Hindi
    # a swipe keyboard's real-word slips in a window
    ("top 3 worst mots this moth", "weakest", None, "this month", "healthcare-visit"),
    ("where are patients least happy lost quarter", "weakest", None, "last quarter", "healthcare-visit"),
    ("best moment this quartet", "strongest", None, "this quarter", "healthcare-visit"),
    ("top 2 strongest restaurant moments lady quarter", "strongest", None, "last quarter", "restaurant-visit"),
    ("what are our weak spots this week", "weakest", None, "this week", "healthcare-visit"),
    ("which moments get the most irrigating votes", "weakest", None, None, "healthcare-visit"),
    ("how many doll ratings for check in this week", "rating_count", "check-in", "this week", "healthcare-visit"),
    # Greek words; a dislike; a moment's name as a heading before a change; the kitchen's menu and ideas
    ("poso stories until now, from the beginning", "story_count", None, "all time", "healthcare-visit"),
    ("what patients dont like most this year", "weakest", None, "this year", "healthcare-visit"),
    ("pay the bill, better or worse this quarter than the last quarter?", "compare", "pay-bill", "this quarter",
     "restaurant-visit"),
    ("book me an appointment, better on friday", "off_topic", None, None, "healthcare-visit"),
    ("what vegan options are on the menu?", "off_topic", None, None, "restaurant-visit"),
    ("give me some dessert ideas for the Eid party", "off_topic", None, None, "restaurant-visit"),
    ("any ideas for improving the waiting room?", "practices", "waiting-room", None, "healthcare-visit"),
])
def test_round_thirteen_rules(text: str, intent: str, mot: str | None, label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # the world outside named in a sentence told after the question, saying what it is for, is no request
    ("I want to know the 5 biggest pain points since begin of this year. For the budget discussion", "weakest", None,
     "since this year", "healthcare-visit"),
    ("top 3 things patients hate. the weather has been awful", "weakest", None, None, "healthcare-visit"),
    ("whats the weather tomorrow? need to plan the car park", "off_topic", None, None, "healthcare-visit"),
    ("where are we failing this month. also whats the weather", "off_topic", None, None, "healthcare-visit"),
    ("How much did the restaurant take last Sat? revenue pls", "off_topic", None, None, "restaurant-visit"),
    ("Who's on the pass Friday night? Need the rota.", "off_topic", None, None, "healthcare-visit"),
    # a sport's club as the place that serves
    ("And the rugby club restaurant, what are the diners loving most this month?", "strongest", None, "this month",
     "restaurant-visit"),
    ("did the rugby club win on saturday", "off_topic", None, None, "restaurant-visit"),
    # money left as tips is the till's, tips on how to do something are practices
    ("how much tip Priya got yesterday", "off_topic", None, None, "restaurant-visit"),
    ("how much did the waiters make in tips last night", "off_topic", None, None, "restaurant-visit"),
    ("any tips on greeting guests", "practices", "arrive-greeted", None, "restaurant-visit"),
    # the count and what the stories are about: the stories (with their count); "and what about <window>" is a count
    ("Tom - how many stories and what about, last quarter", "stories", None, "last quarter", "healthcare-visit"),
    ("how many stories this week and what about last week", "story_count", None, "this week", "healthcare-visit"),
    # the asker's manners are no customer's feeling
    ("I don't like to bother you but which moments are best", "strongest", None, None, "healthcare-visit"),
    ("I hate to bother you again, what are patients unhappy with", "weakest", None, None, "healthcare-visit"),
    ("what is bothering patients most this month", "weakest", None, "this month", "healthcare-visit"),
    # Lithuanian small talk; "nr" is a number; "shinning" is shining
    ("labas rytas! how r u", "off_topic", None, None, "healthcare-visit"),
    ("gerai thx, bye", "off_topic", None, None, "healthcare-visit"),
    ("labas, which moments worst this week", "weakest", None, "this week", "healthcare-visit"),
    ("nr irritating on food served last month", "rating_count", "served", "last month", "restaurant-visit"),
    ("which moments shinning most this month", "strongest", None, "this month", "healthcare-visit"),
    ("labas, kaip sekasi?", "off_topic", None, None, "healthcare-visit"),
    ("are we getting better this yer? monthly pls", "trend", None, "this year", "healthcare-visit"),
    # a Lithuanian keyboard's letter in an English word is the word; a name keeps its letters
    ("receiving rėsults - how doing, all time", "mot_detail", "receive-results", "all time", "healthcare-visit"),
])
def test_round_fourteen_rules(text: str, intent: str, mot: str | None, label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # Slovak / Czech and Swahili windows, greetings and thanks
    ("worst moments minulý týždeň prosím", "weakest", None, "last week", "healthcare-visit"),
    ("ahoj, how many ratings tento mesiac", "rating_count", None, "this month", "healthcare-visit"),
    ("stories vcera", "stories", None, "yesterday", "healthcare-visit"),
    ("habari, which moments do patients love most wiki hii", "strongest", None, "this week", "healthcare-visit"),
    ("number of ratings for parking mwezi uliopita, asante sana", "rating_count", "find-parking", "last month",
     "healthcare-visit"),
    ("habari yako?", "off_topic", None, None, "healthcare-visit"),
    ("stories from Jana last week", "stories", None, "last week", "healthcare-visit"),
    # the event without its article, named again as the next sentence's subject: since that day, against before
    ("is seating better after new booking app? app went live 3 november", "compare", "seated", "since Tue 3 Nov",
     "restaurant-visit"),
    ("how is parking since october? it came on 2 november", "mot_detail", "find-parking", "since October",
     "healthcare-visit"),
    # the kitchen's dish of the day is no feedback; what diners said of it is
    ("whats the catch of the day", "off_topic", None, None, "restaurant-visit"),
    ("what are the comments about the soup of the day", "comments", "served", None, "restaurant-visit"),
    # a window said as a sentence of its own, with only manners around it
    ("how is the blood pressure check? a few patients complained. last month please", "mot_detail", "vital-signs",
     "last month", "healthcare-visit"),
    # "situation of" opening the message: how that moment is doing
    ("situation with the car park?", "mot_detail", "find-parking", None, "healthcare-visit"),
    ("given the situation with the car park, which moments are worst", "weakest", None, None, "healthcare-visit"),
    ("paying at the exit barrier, how is it this quarter", "mot_detail", "drive-out", "this quarter",
     "healthcare-visit"),
    # Bulgarian, in Latin letters and Cyrillic
    ("worst moments minalata sedmitsa", "weakest", None, "last week", "healthcare-visit"),
    ("comments for the doctor тази седмица", "comments", "physician", "this week", "healthcare-visit"),
    ("how many stories vchera", "story_count", None, "yesterday", "healthcare-visit"),
    # the rota without its "is"; a price put in the menu
    ("who covering the front desk sunday", "off_topic", None, None, "healthcare-visit"),
    ("could you add the specials into the lunch menu", "off_topic", None, None, "restaurant-visit"),
    # a heading before a dash or colon names the question's window
    ("Stories shared in September - how many were there?", "story_count", None, "September", "healthcare-visit"),
    # an event's day said as day/month after the question
    ("is check in any better since the kiosks? they went in on 9/11", "compare", "check-in", "since Mon 9 Nov",
     "healthcare-visit"),
    # Croatian and Sinhala windows and manners; "danas stories" stays Dana's
    ("irritating votes prosli tjedan molim", "rating_count", None, "last week", "healthcare-visit"),
    ("comments about the food danas", "comments", "served", "today", "restaurant-visit"),
    ("which moments did best giya masaye", "strongest", None, "last month", "healthcare-visit"),
    ("kakvo vrijeme sutra?", "off_topic", None, None, "healthcare-visit"),
    ("signs in corridor - what are patients saying", "comments", "read-signs", None, "healthcare-visit"),
])
def test_round_fifteen_rules(text: str, intent: str, mot: str | None, label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


def test_dana_typed_without_her_apostrophe_is_no_croatian_today() -> None:
    q = _ask_on_the_25th("danas stories this month", "healthcare-visit")
    assert (q.person, q.period.label) == ("Dana", "this month (November 2026)")


def test_an_ok_opening_the_message_is_no_dull_rating() -> None:
    """"ok, how many shining ratings": the asker's ok, the shining ones counted; "how many ok ratings" still counts the
    dull ("ok ratings this week" alone may be the asker's ok before "ratings this week")."""
    assert _ask_on_the_25th("ok, how many shining ratings this week", "healthcare-visit").rating == "shining"
    assert _ask_on_the_25th("okay so how many irritating votes yesterday", "healthcare-visit").rating == "irritating"
    assert _ask_on_the_25th("how many ok ratings this week", "healthcare-visit").rating == "dull"


def test_a_name_keeps_its_lithuanian_letters() -> None:
    assert _ask_on_the_25th("stories about Jūratė this month", "healthcare-visit").person == "Jūratė"


def test_a_count_asked_total_is_to_date() -> None:
    """"number of ratings total": every rating so far (no window named, all time); "total this month" is the month."""
    q = _ask_on_the_25th("number of ratings total", "healthcare-visit")
    assert (q.intent, q.period.label) == ("rating_count", "all time")
    assert _ask_on_the_25th("ratings total this month", "healthcare-visit").period.label.startswith("this month")


def test_the_ratings_of_a_moment_on_a_day() -> None:
    """"what were the ratings for call for appointment on Monday": authors label it the day's count or the moment's
    figures (both answers give the number of ratings and their split); either, for that moment and that day."""
    q = _ask_on_the_25th("what were the ratings for call for appointment on Monday call volumes were crazy",
                         "healthcare-visit")
    assert q.intent in ("rating_count", "mot_detail") and q.mot_id == "call-appointment"
    assert q.period_named and q.period.label.startswith("Monday")


@pytest.mark.parametrize(("text", "intent", "mot", "label", "cycle"), [
    # Scots negatives and "aw" (all): "cannae stand" is what they hate, "aw time" and "aw thegither" every rating so far
    ("which bits dae patients cannae stand this month", "weakest", None, "this month", "healthcare-visit"),
    ("how mony ratings aw time", "rating_count", None, "all time", "healthcare-visit"),
    ("aw that's braw, how many stories this week", "story_count", None, "this week", "healthcare-visit"),
    # the kitchen's soup today is no feedback, Scots "the day" too; what diners said of it is
    ("whit's the soup the day", "off_topic", None, None, "restaurant-visit"),
    ("what's the fish today", "off_topic", None, None, "restaurant-visit"),
    ("what did diners say about the soup of the day last week", "comments", "served", "last week", "restaurant-visit"),
    # a moment's ratings counted side by side is its split
    ("waiting room, how many shining and irritating last month?", "mot_detail", "waiting-room", "last month",
     "healthcare-visit"),
    ("how many irritating ratings for the waiting room last month", "rating_count", "waiting-room", "last month",
     "healthcare-visit"),
    ("how many rated the waiting room dull last month, not irritating, just dull", "rating_count", "waiting-room",
     "last month", "healthcare-visit"),
    # a device's how-to asked after it, and who can cover a shift: not the moments
    ("the till froze again, how do I restart it", "off_topic", None, None, "restaurant-visit"),
    ("who could cover the front desk tomorrow", "off_topic", None, None, "healthcare-visit"),
    ("who gets praised most this month", "people", None, "this month", "healthcare-visit"),
    # "who is our star": a person; "our star moment" a moment
    ("who is our star?", "people", None, None, "healthcare-visit"),
    ("what is our star moment this week", "strongest", None, "this week", "healthcare-visit"),
    # Portuguese "how is"
    ("como está the waiting room this week?", "mot_detail", "waiting-room", "this week", "healthcare-visit"),
])
def test_round_sixteen_rules(text: str, intent: str, mot: str | None, label: str | None, cycle: str) -> None:
    _assert_read_as(text, intent, mot, label, cycle)


def test_stories_aw_thegither_are_every_story_so_far() -> None:
    """"hoo mony stories aw thegither" (Scots: altogether): every story so far, the total not a window named."""
    q = _ask_on_the_25th("hoo mony stories aw thegither", "healthcare-visit")
    assert (q.intent, q.period.label) == ("story_count", "all time")


@pytest.mark.parametrize("text", ["what's our NPS", "net promoter score this quarter", "CSAT for last month",
                                  "how are our google reviews"])
def test_scores_kept_elsewhere_are_off_topic(text: str) -> None:
    assert parse_question(text, now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit")).intent == "off_topic"


@pytest.mark.parametrize(("text", "problems"), [
    ("how many problems this month", True), ("how many problems did staff report", True),
    ("show me the problem reports from last week", True), ("which problems were flagged at check-in", True),
    ("number of issues raised since october", True), ("problems at reception in october", True),
    ("what problems do patients have with parking", False), ("any problems with parking", False),
    ("how many stories this month", False), ("which moments have the most problems", False),
])
def test_problem_reports_asked_for(text: str, problems: bool) -> None:
    assert parse_question(text, now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit")).problems is problems


def test_a_period_that_names_none_is_kept_as_written_and_the_default_used() -> None:
    q = parse_question("how many stories from 31 feb", now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit"))
    assert (q.intent, q.period_named, q.period_unread) == ("story_count", False, "from 31 feb")
    assert parse_question("stories since 1 nov", now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit")).period_unread is None
    assert parse_question("where do we fall down the most", now=NOW, tz=TZ,
                          mots=cycle_mots("healthcare-visit")).period_unread is None  # "fall" is a verb here
