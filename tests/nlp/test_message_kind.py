"""bot.nlp.message_kind: what a message is, for every role, and a change of subject inside a dialog.

The model is the real one (trained once per session from the shipped phrasings, a few seconds);
bench/understanding.py measures it in full."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from bot.nlp import message_kind_lexicon as lex
from bot.nlp.analyzer import build_analyzer
from bot.nlp.message_kind import (
    COMMAND,
    FEEDBACK,
    KINDS,
    PROBLEM,
    QUESTION,
    SMALLTALK,
    STORY,
    UNCLEAR,
    MessageReading,
    read_message,
    switched,
)
from bot.nlp.message_kind_model import (
    PHRASINGS,
    KindModel,
    fit_kind_model,
    load_phrasings,
    read_text,
)

HOLDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "nlp" / "message_kinds_holdout.yaml"


@pytest.fixture(scope="module")
def model() -> KindModel:
    from bot.nlp.message_kind_model import default_kind_model

    return default_kind_model()


def kind(text: str, role: str, model: KindModel) -> str:
    return read_message(text, role=role, model=model).kind


# --- the hard cases of the issue ---------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "A patient fainted in the car park this morning. I ran out with a wheelchair and stayed with her until the "
    "nurse came.",
    "Yesterday an old man got lost looking for radiology, so I walked him there myself and he was so grateful.",
    "Lovely moment at reception: Sam noticed a mum juggling twins and filled in the forms for her.",
])
def test_a_manager_telling_a_story_in_plain_words_is_a_story(text: str, model: KindModel) -> None:
    assert kind(text, "manager", model) == STORY


@pytest.mark.parametrize("text", [
    "The card machine at the desk is broken again and patients are getting angry",
    "The phones just ring and ring at lunch, nobody picks up and people give up",
    "waiting room is so boring, nothing on the walls, people sit there for an hour",
])
def test_a_staff_problem_report_is_a_problem_not_a_story(text: str, model: KindModel) -> None:
    assert kind(text, "staff", model) == PROBLEM


@pytest.mark.parametrize("text", ["top 3 things patients hate", "Worst 5 moments this month?",
                                  "show me the best three practices"])
@pytest.mark.parametrize("role", ["staff", "manager"])
def test_a_top_or_bottom_n_is_a_question_whoever_asks(text: str, role: str, model: KindModel) -> None:
    """Not a problem report because it says "hate": a staff member asking is then told the numbers are
    the managers'. "best 2 hours of my week: …" is not a ranking."""
    assert kind(text, role, model) == QUESTION
    assert kind("best 2 hours of my week: a patient brought the whole desk a cake", "staff", model) == STORY


@pytest.mark.parametrize(("text", "sub"), [
    ("hello", "greeting"), ("Hi there!", "greeting"), ("good morning team", "greeting"), ("Bonjour", "greeting"),
    ("thanks", "thanks"), ("thx!", "thanks"), ("Thank you so much 🙏", "thanks"), ("merci beaucoup", "thanks"),
    ("bye", "bye"), ("thanks, bye!", "bye"), ("see you later", "bye"),
    ("what can you do?", "capabilities"), ("Who are you?", "capabilities"),
    ("👍", "ack"), ("ok", "ack"), ("🙂🙂", "ack"), (":)", "ack"), ("👋", "greeting"),
    ("hellooo", "greeting"), ("thnaks", "thanks"), ("ok ok", "ack"),
])
@pytest.mark.parametrize("role", ["staff", "manager", "customer"])
def test_small_talk_is_read_with_its_sub_kind(text: str, sub: str, role: str, model: KindModel) -> None:
    reading = read_message(text, role=role, model=model)
    assert (reading.kind, reading.detail) == (SMALLTALK, sub)


@pytest.mark.parametrize("text", ["tell me a joke", "sing me a song", "are you sentient", "I'm exhausted",
                                  "long day", "do you have feelings", "you're useless"])
@pytest.mark.parametrize("role", ["staff", "manager", "customer"])
def test_banter_is_chat_not_a_nod(text: str, role: str, model: KindModel) -> None:
    """Answered as chat (the bot says what it is for), not with "👍 Anything else?"."""
    reading = read_message(text, role=role, model=model)
    assert (reading.kind, reading.detail) == (SMALLTALK, lex.CHAT)


@pytest.mark.parametrize("text", ["weakest", "trends", "chart", "overview", "tips", "parking", "dull", "rankings",
                                  "averages"])
def test_a_managers_word_or_two_the_question_parser_reads_is_a_question(text: str, model: KindModel) -> None:
    assert kind(text, "manager", model) == QUESTION
    assert kind("banana", "manager", model) != QUESTION and kind("hmm", "manager", model) != QUESTION


def test_a_managers_question_the_model_takes_for_small_talk_is_a_question(model: KindModel) -> None:
    assert kind("what's our NPS", "manager", model) == QUESTION  # answered as off-topic by the ask dialog
    assert read_message("so what are you able to do for me?", role="manager", model=model).detail == "capabilities"


@pytest.mark.parametrize("text", ["list problem reports from january pls", "how many problems did staff report",
                                  "show me the problems reported last week"])
def test_a_manager_asking_for_problem_reports_asks_a_question(text: str, model: KindModel) -> None:
    assert kind(text, "manager", model) == QUESTION
    assert kind("I need to report a problem", "manager", model) != QUESTION
    assert kind("there's an issue with the card machine", "manager", model) != QUESTION


@pytest.mark.parametrize("text", ["we should put a sign at the barrier", "idea: a water cooler in the waiting room",
                                  "it would help if the kiosk had a bigger screen", "could we get more chairs in reception"])
def test_an_idea_for_the_team_is_a_problem_with_its_detail(text: str, model: KindModel) -> None:
    for role in ("staff", "manager"):
        reading = read_message(text, role=role, model=model)
        assert (reading.kind, reading.detail) == (PROBLEM, "suggestion")
    assert kind("could we get the weakest moments for this month", "manager", model) == QUESTION
    assert read_message("we should have a chat", role="staff", model=model).detail != "suggestion"


@pytest.mark.parametrize("role", ["staff", "manager", "customer"])
def test_a_question_for_numbers_is_a_question_whoever_asks(role: str, model: KindModel) -> None:
    assert kind("which moments are weakest this week?", role, model) == QUESTION
    assert kind("How was check-in last month?", role, model) == QUESTION


def test_manager_questions(model: KindModel) -> None:
    for text in ("What are people saying about parking?", "how many stories this week", "show me the chart",
                 "compare this month with last", "any complaints about the phones lately?"):
        assert kind(text, "manager", model) == QUESTION, text


def test_a_customer_comment_is_feedback_good_or_bad(model: KindModel) -> None:
    for text in ("The nurse was so gentle with my daughter, thank you", "Waited two hours and nobody told us why",
                 "Parking was a nightmare", "Le médecin était très gentil"):
        assert kind(text, "customer", model) == FEEDBACK, text


def test_the_role_decides_story_and_problem_against_feedback(model: KindModel) -> None:
    text = "The receptionist found my mum a wheelchair and walked her to the lift."
    assert kind(text, "customer", model) == FEEDBACK
    assert kind(text, "staff", model) == STORY
    for role in ("staff", "manager"):
        assert kind("the toilets were filthy and nobody cleaned them", role, model) == PROBLEM
    assert kind("the toilets were filthy and nobody cleaned them", "customer", model) == FEEDBACK


@pytest.mark.parametrize(("text", "detail"), [
    ("/story", "story"), ("story", "story"), ("tell a story", "story"), ("/mot weakest this week", "ask"),
    ("report a problem", "problem"), ("feedback please", "feedback"), ("cancel", "cancel"), ("help", "help"),
    ("start visit_123", "start"), ("/start visit_9", "start"), ("don't mention me", "privacy"),
    ("menu", "menu"), ("restart", "restart"), ("back", "back"),
])
def test_commands(text: str, detail: str, model: KindModel) -> None:
    reading = read_message(text, role="staff", model=model)
    assert (reading.kind, reading.detail) == (COMMAND, detail)
    assert reading.reason.startswith("rule:")


def test_a_command_in_plain_words_says_what_it_asks_for(model: KindModel) -> None:
    reading = read_message("I want to tell you a story", role="staff", model=model)
    assert (reading.kind, reading.detail) == (COMMAND, "story")
    reading = read_message("I want to report a problem", role="staff", model=model)
    assert (reading.kind, reading.detail) == (COMMAND, "problem")


@pytest.mark.parametrize("text", ["asdfgh", "?", "...", "hmm", "what", "the one from before", "not sure"])
def test_unclear_offers_what_the_role_can_do(text: str, model: KindModel) -> None:
    staff = read_message(text, role="staff", model=model)
    customer = read_message(text, role="customer", model=model)
    assert staff.kind == customer.kind == UNCLEAR
    assert set(staff.alternatives) <= {STORY, PROBLEM, QUESTION} and len(staff.alternatives) >= 2
    assert set(customer.alternatives) <= {FEEDBACK, QUESTION} and customer.alternatives


# --- odd input -----------------------------------------------------------------------------------


def test_empty_and_blank_are_unclear(model: KindModel) -> None:
    for text in ("", "   ", "\n\t"):
        reading = read_message(text, role="manager", model=model)
        assert reading.kind == UNCLEAR and reading.alternatives[0] == QUESTION


def test_not_a_string_is_read_as_empty(model: KindModel) -> None:
    assert read_message(None, role="staff", model=model).kind == UNCLEAR  # type: ignore[arg-type]


def test_ten_thousand_characters_are_read_by_their_start(model: KindModel) -> None:
    story = "A lady got lost in the car park so I walked her to the clinic and she thanked me. " * 125
    assert len(story) >= 10_000
    assert kind(story, "staff", model) == STORY
    assert read_message("x" * 10_000, role="customer", model=model).kind in KINDS


def test_emoji_only_is_small_talk(model: KindModel) -> None:
    for text in ("👍", "🙏🏻", "❤️❤️", "😂😂😂", "👍🏽👍🏽"):
        assert kind(text, "customer", model) == SMALLTALK, text


@pytest.mark.parametrize(("text", "role", "expected"), [
    ("Hola", "customer", SMALLTALK),
    ("Gracias", "staff", SMALLTALK),
    ("Danke schön", "manager", SMALLTALK),
    ("La espera fue muy larga y nadie nos informó.", "customer", FEEDBACK),
    ("Das Personal war sehr freundlich.", "customer", FEEDBACK),
    ("Une patiente était perdue, je l'ai accompagnée jusqu'à la radiologie.", "staff", STORY),
    ("La machine à carte est encore en panne.", "staff", PROBLEM),
])
def test_other_languages(text: str, role: str, expected: str, model: KindModel) -> None:
    assert kind(text, role, model) == expected


def test_an_unknown_role_is_read_as_a_customer(model: KindModel) -> None:
    assert kind("The nurse was lovely", "visitor", model) == FEEDBACK


# --- the reading -------------------------------------------------------------------------------


def test_a_reading_has_a_reason_a_confidence_and_other_kinds(model: KindModel) -> None:
    reading = read_message("A man was lost so I took him to the x-ray department.", role="staff", model=model)
    assert isinstance(reading, MessageReading)
    assert reading.kind == STORY and 0.45 <= reading.confidence <= 1.0
    assert reading.reason.startswith("model: story") and "role staff" in reading.reason
    assert 2 <= len(reading.alternatives) <= 3 and STORY not in reading.alternatives
    assert FEEDBACK not in reading.alternatives  # staff never give feedback
    customer = read_message("A man was lost so I took him to the x-ray department.", role="customer", model=model)
    assert STORY not in (customer.kind, *customer.alternatives) and PROBLEM not in customer.alternatives


def test_the_reason_names_no_words_outside_the_training_vocabulary(model: KindModel) -> None:
    """Reasons are logged: they may name features, never the person's own unusual words (names, numbers)."""
    reading = read_message("Zebedee Quuxley helped a patient at 07700 900123 find the lift", role="staff", model=model)
    assert "zebedee" not in reading.reason.lower() and "07700" not in reading.reason


def test_training_is_deterministic() -> None:
    rows = [p for p in load_phrasings() if p.kind in (STORY, PROBLEM, SMALLTALK)][::4]
    first, second = fit_kind_model(rows), fit_kind_model(rows)
    for text in ("The lift is broken again", "I walked a lost man to the clinic", "hello there"):
        assert np.array_equal(first.scores(text, "staff")[0], second.scores(text, "staff")[0])


def test_the_phrasings_file_is_read_with_roles_and_tones() -> None:
    rows = load_phrasings(PHRASINGS)
    assert len({p.text for p in rows}) >= 300
    assert {p.role for p in rows} == {"staff", "manager", "customer"}
    feedback = [p for p in rows if p.kind == FEEDBACK]
    assert feedback and {p.label for p in feedback} == {STORY, PROBLEM} and {p.role for p in feedback} == {"customer"}
    shared = [p for p in rows if p.shared]
    assert len(shared) % 3 == 0


def test_signs_read_tense_tone_and_the_question_parser() -> None:
    analyzer = build_analyzer()
    story = read_text("I helped a lady who was lost and she smiled", "staff", analyzer).signs
    assert "first_person" in story and "people" in story and "tone=+" in story and "past=0" not in story
    question = read_text("which moments are weakest this week?", "manager", analyzer).signs
    assert {"qmark_end", "wh_first", "qp=weakest", "period", "role=manager"} <= set(question)


# --- inside a dialog ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "role", "asked"), [
    ("actually, how was parking this week?", "manager", "free_text"),
    ("wait, which moments are weakest this week?", "staff", "choice"),
    ("how many stories did we get last month?", "manager", "yes_no"),
    ("/feedback", "customer", "rating"),
    ("I want to report a problem", "staff", "free_text"),
    ("what can you do?", "customer", "rating"),
    ("actually, the card machine is broken again and people are cross", "staff", "free_text"),
])
def test_a_clear_change_of_subject_is_caught(text: str, role: str, asked: str, model: KindModel) -> None:
    reading = switched(text, role=role, asked=asked, model=model)
    assert reading is not None and reading.reason.startswith("switched")


@pytest.mark.parametrize(("text", "role", "asked"), [
    ("A lady was lost in the car park so I walked her to the clinic.", "staff", "free_text"),
    ("Sam and Priya", "staff", "free_text"),
    ("nobody", "staff", "free_text"),
    ("she smiled and said thank you", "staff", "free_text"),
    ("yes", "staff", "yes_no"),
    ("no thanks", "customer", "yes_no"),
    ("3", "customer", "rating"),
    ("shining", "customer", "rating"),
    ("the parking was awful", "customer", "rating"),
    ("parking", "staff", "choice"),
    ("check-in", "manager", "choice"),
    ("cancel", "staff", "free_text"),
    ("help", "customer", "rating"),
    ("back", "staff", "choice"),
    ("The waiting room was too hot and nobody told us about the delay", "customer", "free_text"),
    ("skip", "customer", "free_text"),
    ("thanks", "customer", "free_text"),
])
def test_an_answer_is_not_a_change_of_subject(text: str, role: str, asked: str, model: KindModel) -> None:
    assert switched(text, role=role, asked=asked, model=model) is None


# --- measured ----------------------------------------------------------------------------------


def test_own_held_out_accuracy_floor(model: KindModel) -> None:
    """The held-out phrasings (never trained on) stay read as written; bench/understanding.py prints
    the figures per type. The floor leaves one message of room under the figures seen (213-215 / 225 until
    2026-11-28, 211 since the 189th-195th development question authors' rows were learnt): a refit on new
    development rows, or a rule that changes the parser's reading of its training texts, moves a borderline
    message either way (2026-11-27: reverting either of two unrelated rule files gave 214)."""
    cases = [(p.text, p.role, p.kind) for p in load_phrasings(HOLDOUT)]
    right = sum(read_message(t, role=r, model=model).kind == k for t, r, k in cases)
    assert len(cases) >= 200
    assert right >= 210


def test_the_lexicons_do_not_copy_the_held_out_phrasings() -> None:
    """Rules may know words and phrases from the training phrasings; ones found only in the held-out
    file would make its figure a lie. Closed-class function words are exempt."""
    analyzer = build_analyzer()

    def grams(path: Path) -> set[str]:
        out: set[str] = set()
        for p in load_phrasings(path):
            words = lex.WORD.findall(lex.strip_emoji(lex.fold(p.text)))
            for seq in (words, [analyzer.lemma(w) for w in words]):
                out.update(" ".join(seq[i:i + n]) for n in range(1, 9) for i in range(len(seq) - n + 1))
        return out

    held_only = grams(HOLDOUT) - grams(PHRASINGS)
    checked = {
        "commands": set(lex.COMMAND_PHRASES), "small talk": set(lex.SMALLTALK_PHRASES), "hedges": set(lex.HEDGES),
        "tone": lex.SHINING_WORDS | lex.IRRITATING_WORDS | set(lex.SHINING_PHRASES) | set(lex.IRRITATING_PHRASES),
        "people": lex.PEOPLE_NOUNS, "resolution": lex.RESOLUTION_VERBS, "start": set(lex.START_CUES) | lex.START_OBJECTS,
        "padding": lex.COMMAND_PADDING | lex.SMALLTALK_PADDING,
    }
    for name, items in checked.items():
        assert not sorted(items & held_only), name


def test_smalltalk_forms_only_for_unknown_words() -> None:
    assert "thanks" in lex.smalltalk_forms("thnaks")
    assert lex.smalltalk_forms("thinks", lambda w: True) == ["thinks"]
    assert re.fullmatch(r"hell?o+", lex.squeeze("hellooooo"))


def test_the_lexicon_tone_reads_how_a_message_ends() -> None:
    analyzer = build_analyzer()
    ended_well = read_text("The system crashed, but Kim remembered every appointment and everyone was happy",
                           "staff", analyzer).signs
    assert "vend=+" in ended_well and "vneg=1" in ended_well
    went_wrong = read_text("We offered a wheelchair but none of them worked and she was upset", "staff", analyzer).signs
    assert "vend=-" in went_wrong
    assert "vtone=none" in read_text("the lift on level 2", "staff", analyzer).signs


@pytest.mark.parametrize(("text", "detail"), [
    ("sorry", "apology"), ("my bad!", "apology"), ("nvm", "apology"), ("never mind", "apology"),
    ("buenos días", "greeting"), ("ça va ?", "greeting"), ("ttyl", "bye"), ("tnx", "thanks"),
])
def test_more_small_talk_by_rule_in_any_accent(text: str, detail: str) -> None:
    reading = read_message(text, role="staff")
    assert (reading.kind, reading.detail) == ("smalltalk", detail) and reading.reason.startswith("rule")


def test_a_managers_question_in_a_word_is_a_question_and_does_not_switch_a_dialog() -> None:
    """"Priya?" from a manager the model finds unclear is a question, but not sure enough to leave a dialog
    that asked something ("done?", "can we stop?" keep their own readings)."""
    from bot.nlp.message_kind import switched

    reading = read_message("Priya?", role="manager")
    assert reading.kind == "question" and reading.confidence < 0.75
    assert switched("Priya?", role="manager", asked="free_text") is None
    assert read_message("can we stop?", role="manager").kind != "question"


@pytest.mark.parametrize(("text", "asked", "switches"), [
    ("keep up the good work!", "free_text", False),  # "Anything else?": the answer, not small talk about the bot
    ("what can you do?", "free_text", True), ("can you help", "free_text", True),
    ("keep up the good work!", "choice", True),  # where a choice is asked, read as before
])
def test_what_can_you_do_where_free_text_is_asked_is_a_question_or_a_call_for_help(text, asked, switches) -> None:
    assert (switched(text, role="customer", asked=asked) is not None) is switches


@pytest.mark.parametrize("text", ["check the barrier every morning", "call the parking company",
                                  "no wait, change the moment", "actually, tell reception to phone ahead"])
@pytest.mark.parametrize("asked", ["free_text", "choice"])
def test_an_instruction_or_a_correction_is_no_change_of_subject(text: str, asked: str, model: KindModel) -> None:
    assert switched(text, role="staff", asked=asked, model=model) is None
    assert switched("actually, how was parking this week?", role="staff", asked=asked, model=model) is not None


def test_a_short_wh_question_where_free_text_is_asked_is_a_change_of_subject(model: KindModel) -> None:
    assert switched("how did we do", role="manager", asked="free_text", model=model) is not None
    assert switched("how we helped a lost lady find the clinic", role="manager", asked="free_text", model=model) is None
    assert switched("what a day", role="staff", asked="free_text", model=model) is None
