"""bot.nlp.answer: answers read the way people type them. The phrasings here are not the tables' entries."""

from dataclasses import dataclass

import pytest

from bot.nlp.answer import match_choice, rank_choices, read_not_done, read_rating, read_yes_no


@dataclass(frozen=True)
class Opt:
    id: str
    label: str


FRUIT = (Opt("apple", "Apple"), Opt("pear", "Pear"), Opt("plum", "Plum"), Opt("other", "Something else…"))
RATED = (Opt("shining", "✨ Shining"), Opt("dull", "😐 Dull"), Opt("irritating", "😠 Irritating"), Opt("skip", "Skip"))
MOTS = (
    Opt("check-in", "Check in"),
    Opt("physician", "Seen by the physician"),
    Opt("checkout-pay", "Check out and pay"),
    Opt("find-parking", "Find a parking place"),
)
ABOUT = {"physician": ("The consultation with the doctor",), "check-in": ("Arriving at reception",)}


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("#2", "pear"), ("option 3", "plum"), ("the 2nd one", "pear"), ("Third", "plum"), ("last one", "other"),
        ("PEAR!!", "pear"), ("  plum. ", "plum"), ("aple", "apple"), ("the pear one please", "pear"),
        ("app", "apple"), ("none of these", "other"), ("neither of them", "other"),
    ],
)
def test_match_choice_reads_numbers_names_typos_and_other(said, expected):
    assert match_choice(said, FRUIT) == expected


@pytest.mark.parametrize("said", ["", "   ", "5", "0", "-2", "banana", "pl", "🍌", "x" * 5000])
def test_match_choice_returns_none_for_what_fits_nothing(said):
    assert match_choice(said, FRUIT) is None


def test_match_choice_never_guesses_between_two():
    pairs = (Opt("a", "Red apple"), Opt("b", "Green apple"))
    assert match_choice("apple", pairs) is None
    assert set(rank_choices("apple", pairs)) == {"a", "b"}
    assert match_choice("the green", pairs) == "b"


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("✨", "shining"), ("😐", "dull"), ("😠", "irritating"), ("🥰", "shining"), ("😑", "dull"), ("🤬", "irritating"),
        ("absolutely superb!", "shining"), ("pretty average really", "dull"), ("utterly dreadful", "irritating"),
        ("it was alright I suppose", "dull"), ("exelent", "shining"), ("terribel", "irritating"),
        ("shinng", "shining"), ("pass on this one", "skip"), ("didn't use it", "skip"), ("4", "skip"),
    ],
)
def test_match_choice_on_ratings_reads_words_and_emoji(said, expected):
    assert match_choice(said, RATED) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("the doc", "physician"), ("doctor", "physician"), ("at the front desk", "check-in"),
        ("receptionist", "check-in"), ("payment", "checkout-pay"), ("the physican", "physician"),
        ("car park", "find-parking"), ("2", "physician"),
    ],
)
def test_match_choice_finds_moments_named_loosely(said, expected):
    assert match_choice(said, MOTS, ABOUT) == expected


@pytest.mark.parametrize(
    "said",
    ["Yes, go on then", "yeah why not", "sure thing!", "OK 👍", "Oui merci", "si, claro", "Ja bitte", "yup!!",
     "✅", "of course, happy to", "please do"],
)
def test_yes(said):
    assert read_yes_no(said) is True


@pytest.mark.parametrize(
    "said", ["No, thank you", "nah I'm good", "nope.", "no way", "Nein danke", "non merci", "👎🏻", "🙅", "rather not"]
)
def test_no(said):
    assert read_yes_no(said) is False


@pytest.mark.parametrize(
    "said", ["", "maybe later", "not sure", "yes and no", "purple", "👍👎", "what do you mean?", "🤷", "😐"]
)
def test_neither_yes_nor_no(said):
    assert read_yes_no(said) is None


@pytest.mark.parametrize(
    ("said", "rating"),
    [
        ("superb!!", "shining"), ("Really lovely", "shining"), ("so-so tbh", "dull"), ("wasn't great", "dull"),
        ("not too bad", "dull"), ("pretty awful", "irritating"), ("Absolutely RUDE", "irritating"),
        ("🤩🤩", "shining"), ("😶", "dull"), ("😡", "irritating"),
    ],
)
def test_read_rating_without_a_comment(said, rating):
    assert read_rating(said) == (rating, None)


@pytest.mark.parametrize(
    ("said", "rating"),
    [
        ("the queue went on forever", "irritating"),
        ("Dr Okafor explained everything, brilliant", "shining"),
        ("the receptionist was a bit rude to my dad", "irritating"),
        ("parking was average, found a space eventually", "dull"),
    ],
)
def test_read_rating_keeps_the_words_as_a_comment(said, rating):
    assert read_rating(said) == (rating, said)


@pytest.mark.parametrize("said", ["the nurse was lovely but the doctor was awful", "🦄", "42", "hmm"])
def test_read_rating_gives_none_when_it_cannot_tell(said):
    assert read_rating(said)[0] is None


@pytest.mark.parametrize(
    ("said", "rating"),
    [
        ("the receptionist was rude and didn't look up from her phone", "irritating"),  # "phone" is no "shone"
        ("the wait was far too long", "irritating"),
        ("excelent", "shining"), ("terible", "irritating"),
    ],
)
def test_read_rating_reads_typos_but_never_another_english_word_as_one(said, rating):
    assert read_rating(said)[0] == rating


@pytest.mark.parametrize("said", ["lovely nurse but the wait was long", "great doctor, rude receptionist"])
def test_a_mixed_answer_gives_no_rating_and_keeps_the_words(said):
    assert read_rating(said) == (None, said)


@pytest.mark.parametrize("text, rating", [
    ("7/10", "dull"), ("8/10", "shining"), ("2 out of 5", "irritating"), ("4 stars", "shining"), ("11/10", "shining"),
    ("lush", "shining"), ("grim", "irritating"), ("couldn't fault it", "shining"), ("not bad at all", "shining"),
    ("did the job", "dull"), ("what a joke", "irritating"), ("daylight robbery", "irritating"),
    ("could have been worse", "dull"), ("she was a gem", "shining"), ("no problems at all, lovely staff", "shining"),
])
def test_marks_and_everyday_words_are_ratings(text, rating):
    assert read_rating(text)[0] == rating


@pytest.mark.parametrize("text", ["at 10/10/2026", "the 3/4 bus", "room 12/5", "appointment on 15/10", "booked for 4/5",
                                  "the doctor made a joke and I relaxed", "my antenatal class was cancelled",
                                  "the gem lettuce salad", "mid morning slot"])
def test_dates_numbers_and_everyday_nouns_are_not_ratings(text):
    assert read_rating(text)[0] is None


@pytest.mark.parametrize("text", ["do I need to fast before the bloods next time?", "are they normally this slow?",
                                  "why so slow?"])
def test_a_question_back_rates_nothing(text):
    assert read_rating(text)[0] is None
    assert match_choice(text, RATED) is None


@pytest.mark.parametrize("text, not_done", [
    ("didn't have any tests", True), ("haven't had them yet", True), ("no follow up was needed", True),
    ("came by taxi", True), ("didn't see a doctor, only the nurse", True), ("didn't need them", True),
    ("didn't have to wait at all", False), ("didn't get called for an hour", False),
    ("never got a call back", False), ("didn't explain anything", False), ("I didn't like it", False),
    ("they didn't have my appointment on the system", False), ("didn't call me back", False),
    ("wasn't any parking", False), ("she wasn't there", False), ("didn't have a clue", False),
    ("didn't need to wait", False),
])
def test_an_answer_saying_it_did_not_happen(text, not_done):
    assert read_not_done(text) is not_done


@pytest.mark.parametrize("text", ["we walked through to the back", "I wanted the early slot", "he thought about it"])
def test_function_words_and_inflections_are_words_not_typos(text):
    """"through" is no misspelt "thorough", "wanted" no misspelt "waited": a function word or a regular
    inflection of a known word is never read as a rating word's typo."""
    assert read_rating(text)[0] is None


def test_spot_on_is_praise_but_a_spot_on_the_left_is_a_place():
    assert read_rating("spot on")[0] == "shining"
    assert read_rating("got a spot on the top floor")[0] is None


@pytest.mark.parametrize("text, rating", [
    ("friendly enough", "dull"), ("the room was clean enough", "dull"), ("perfectly nice", "dull"),
    ("not good enough", "irritating"), ("good", "shining"), ("perfect", "shining"),
])
def test_hedged_praise_is_a_shrug(text, rating):
    """Mild praise hedged ("friendly enough", "perfectly nice") is dull; "not good enough" stays a complaint."""
    assert read_rating(text)[0] == rating


def test_an_eye_roll_is_exasperation():
    assert read_rating("🙄")[0] == "irritating"
    assert read_rating("🙄🙄")[0] == "irritating"


def test_a_praise_word_closing_nothing_but_complaints_is_scorn_but_praise_told_is_not():
    assert read_rating("Lift out of order, stairs were dirty. Wonderful.")[0] == "irritating"
    recovered = "Huge queue at the door at first. Then they opened a second till. Served in two minutes."
    assert read_rating(recovered)[0] != "irritating"


@pytest.mark.parametrize("text, rating", [
    ("the checkout was fine. the nurse though was rude to my mum", "irritating"),
    ("lunch was ok, but the dessert was outstanding", "shining"),
    ("can't remember the forms. the doctor was brilliant", "shining"),
    ("the lobby was whatever, the lift was a nightmare", "irritating"),
])
def test_a_shrug_then_a_point_reads_the_point(text, rating):
    """An answer that shrugs something off and then makes a strong point is rated by the point
    (`turned_from` gives it and its rating), whatever moment it turns out to be about."""
    from bot.nlp.answer import normalise, turned_from

    assert read_rating(text)[0] == rating
    assert turned_from(normalise(text))[1] == rating


@pytest.mark.parametrize("text", [
    "it was alright. a bit slow",  # the rest is no strong rating: the shrug stands
    "wasn't great, the doctor kept checking the clock",  # negated praise is no shrug
    "sorted it 3 ways no bother, legends",  # "no bother" is no shrug
    "the hall was fine, nothing to say",  # a shrug twice
    "Lovely nurse. The doctor was rude though",  # praise, then a complaint: mixed, not a shrug
])
def test_no_shrug_then_point(text):
    from bot.nlp.answer import normalise, turned_from

    assert turned_from(normalise(text)) is None


@pytest.mark.parametrize("text, not_done", [
    ("my wife paid, no idea", True), ("my brother drove us, ask him", True), ("our neighbour booked it, dunno", True),
    ("my wife booked it and they lost the booking", False),  # someone else did it, and it went wrong: a complaint
    ("still in progress, ask me again next month", True), ("too early to tell", True),
    ("I haven't been there yet", True), ("think it's the wrong number, I'm not a patient", True),
    ("we weren't having any tests", True), ("no car, I came on foot", True),
])
def test_an_answer_saying_it_was_not_theirs_or_not_yet(text, not_done):
    """Someone else did it and the customer can't say, it hasn't happened yet, or they were never there: a
    skip (`read_not_done`), and no rating even where a complaint word shows ("still waiting, ask me later")."""
    assert read_not_done(text) is not_done
    if not_done:
        assert read_rating(text)[0] is None


def test_still_waiting_to_be_asked_later_is_no_complaint():
    assert read_rating("still waiting, ask me later")[0] is None
    assert read_rating("still waiting after 3 weeks")[0] == "irritating"


def test_feeling_bad_about_something_is_no_rating():
    """Guilt or sympathy ("felt a bit bad keeping them after closing") rates nothing; what follows decides."""
    assert read_rating("we felt a bit bad keeping them after closing")[0] is None
    assert read_rating("felt bad about it but they were so kind")[0] == "shining"


@pytest.mark.parametrize("text, rating", [
    ("the chips were dry", "irritating"), ("way less stressful than last time", "dull"), ("grrr", "irritating"),
])
def test_more_word_classes(text, rating):
    assert read_rating(text)[0] == rating


@pytest.mark.parametrize("text, rating", [
    ("the chef burnt the toast and forgot the eggs, although the tea was lovely. All told, a disappointing morning.",
     "irritating"),
    ("the room was cold but the staff were kind. Overall a lovely stay", "shining"),
    ("slow to arrive but delicious. I'd say it evens out", "dull"),
])
def test_a_mixed_answer_summed_up_takes_the_summing_up(text, rating):
    """A mixed answer with a sentence or clause that sums it up ("All told ...", "Overall ...", "I'd say it evens
    out") takes that sentence's rating."""
    assert read_rating(text)[0] == rating


def test_a_mixed_answer_without_a_summing_up_is_still_asked():
    assert read_rating("the room was cold but the staff were kind")[0] is None


@pytest.mark.parametrize("text, rating", [
    ("the lift was out, we took the stairs. Not ideal.", "irritating"),
    ("the pharmacist was ever so patient with me", "shining"), ("couldn't have asked for more", "shining"),
    ("results came in three days as promised", "shining"), ("she never once made me feel silly", "shining"),
    ("changed our table twice and they didn't bat an eyelid", "shining"),
    ("two waiters walked straight past us", "irritating"), ("great queue system, said nobody ever", "irritating"),
    ("they asked once if everything was ok", "dull"),
    ("asked if everything was ok 5 times in ten minutes", "irritating"),
    ("I hope she stays here for a good long while, she's lovely", "shining"),
])
def test_more_everyday_verdicts(text, rating):
    assert read_rating(text)[0] == rating


def test_the_end_of_the_world_is_a_complaint_and_not_it_a_shrug():
    assert read_rating("the chair squeaked. Not the end of the world")[0] == "dull"
    assert read_rating("you'd think it was the end of the world, the way she sighed")[0] == "irritating"


@pytest.mark.parametrize("text, rating", [
    ("way better than my last visit", "shining"), ("so much nicer than the old building", "shining"),
    ("far worse than in the spring", "irritating"), ("not as good as the first time we came", "irritating"),
    ("even worse than before", "irritating"),
    ("better than last year's, at least they said sorry", "dull"),  # a grudging "at least" tempers it
    ("the crèche was a lifesaver", "shining"), ("the volunteer saved the day", "shining"),
])
def test_a_comparison_with_a_previous_visit_is_a_rating(text, rating):
    assert read_rating(text)[0] == rating


@pytest.mark.parametrize("text", ["a bit noisy", "slightly late", "a tad slow", "the room was a little cold"])
def test_a_mild_complaint_softened_is_a_shrug(text):
    assert read_rating(text)[0] == "dull"


def test_a_strong_complaint_softened_is_still_a_complaint():
    assert read_rating("a bit rude if I'm honest")[0] == "irritating"


@pytest.mark.parametrize("text", ["could I speak to the manager", "can we get a copy of the letter please",
                                  "May I have someone call me back"])
def test_a_request_dictated_without_its_question_mark_rates_nothing(text):
    assert read_rating(text) == (None, text)


def test_a_long_answer_opening_like_a_request_is_still_read():
    assert read_rating("can I get a word in, the wait for the nurse was absolutely horrendous")[0] == "irritating"


@pytest.mark.parametrize("text", ["I didn't read them, asked at the desk instead", "didnt look at any of the signs"])
def test_not_reading_the_signs_is_a_skip(text):
    assert read_not_done(text)


@pytest.mark.parametrize("text, rating", [
    ("scan results not back yet. the radiographer who phoned was brilliant", "shining"),
    ("my sister had the forms sorted in advance. the receptionist was horribly rude", "irritating"),
])
def test_not_yet_or_sorted_by_someone_else_then_a_point_reads_the_point(text, rating):
    from bot.nlp.answer import normalise, turned_from

    assert turned_from(normalise(text))[1] == rating


def test_a_hitch_told_and_got_past_is_a_shrug_but_a_long_wait_is_not():
    assert read_rating("the porter pointed vaguely down the corridor, found it eventually")[0] == "dull"
    assert read_rating("kiosk wouldn't scan my letter, sorted it in the end")[0] == "dull"
    assert read_rating("sat there for two hours, got seen eventually")[0] == "irritating"


def test_a_dictated_shrug_then_point_without_a_stop_reads_the_point():
    from bot.nlp.answer import normalise, turned_from

    said = normalise("the lobby was fine it was the lift that was an absolute nightmare")
    assert turned_from(said) == ("it was the lift that was an absolute nightmare", "irritating")
    assert turned_from(normalise("the lobby was fine they had a nice plant")) is None  # no strong point


@pytest.mark.parametrize("text, rating", [
    ("the soup was delicious", "shining"), ("tasty, and came quickly", "shining"), ("tasty enough", "dull"),
    ("served with a smile", "shining"), ("the choice of drinks was pretty basic", "dull"),
    ("we left before the end, not their fault", "dull"),
])
def test_food_words_a_smile_and_a_plain_or_blameless_moment(text, rating):
    assert read_rating(text)[0] == rating


@pytest.mark.parametrize("text", [
    "Bloods quick. Scan ran forty minutes late. Mixed.", "mixed bag really", "friendly staff, slow lift - hit and miss",
    "mixed",
])
def test_a_closing_verdict_that_weighs_it_up_is_dull(text):
    assert read_rating(text)[0] == "dull"


def test_mixed_up_is_no_verdict():
    assert read_rating("the pharmacy mixed up our prescriptions")[0] == "irritating"


@pytest.mark.parametrize("text", [
    "arrows painted everywhere, you can't get lost", "the map was so clear you can't go wrong",
    "the vet nurse is a miracle worker",
])
def test_no_way_to_go_wrong_and_a_miracle_worker_are_praise(text):
    assert read_rating(text)[0] == "shining"


@pytest.mark.parametrize("text", [
    "my partner handled all of that, we just waited by the window", "my dad sorted the forms",
    "didn't look at a single one of the screens, I just followed my sister", "I'm still waiting", "still waiting honestly",
])
def test_someone_else_did_it_or_nothing_yet_is_a_skip(text):
    assert read_not_done(text)
    assert read_rating(text)[0] is None


@pytest.mark.parametrize("text", [
    "my brother booked it and it was painless", "still waiting, two weeks now", "my son sorted the bill, the waiter was rude",
])
def test_someone_else_or_still_waiting_with_more_said_is_rated(text):
    assert not read_not_done(text)
    assert read_rating(text)[0] is not None


def test_an_answer_that_weighs_it_up_turns_to_nothing():
    from bot.nlp.answer import normalise, turned_from

    assert turned_from(normalise("parking fine. the lift broke and we took the stairs. hit and miss")) is None


def test_the_ok_hand_is_praise_and_a_plain_face_still_a_shrug():
    assert read_rating("👌👌")[0] == "shining"
    assert read_rating("😐")[0] == "dull"
    assert read_yes_no("👌") is True


@pytest.mark.parametrize("text, rating", [
    ("the dental nurse was an absolute star", "shining"), ("free parking for blue badges, total win", "shining"),
    ("the anaesthetist was charming", "shining"), ("quicker than the old place, I'll give them that", "dull"),
    ("calmer than a railway station, I'll give you that", "dull"),
])
def test_praise_for_people_and_a_grudging_concession(text, rating):
    assert read_rating(text)[0] == rating
