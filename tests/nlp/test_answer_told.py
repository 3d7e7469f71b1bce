"""bot/nlp/answer_told.py through `read_rating`: what an answer tells happened, read as a rating."""

import pytest

from bot.nlp.answer import read_rating


@pytest.mark.parametrize("text", [
    "got left in the corridor for 10 min", "took 25 min for anyone to take our order", "sat there 2 hours",
    "barrier ate my ticket", "card machine wouldn't take my card", "2 weeks and I had to chase them myself",
    "nobody told us where to go", "oh brilliant, the kiosk's broken again", "they lost my referral letter",
])
def test_a_complaint_told_as_what_happened_is_irritating(text):
    assert read_rating(text)[0] == "irritating"


@pytest.mark.parametrize("text", [
    "the doctor spent 20 minutes with me and explained everything", "seen within 5 minutes", "booked for 3 weeks time",
    "only waited 5 minutes", "parked in 2 minutes", "in and out in 10 minutes",
])
def test_time_given_or_a_short_wait_is_no_complaint(text):
    assert read_rating(text)[0] != "irritating"


def test_a_complaint_beside_praise_is_still_mixed():
    assert read_rating("lovely nurse but I had to chase the results myself")[0] is None


@pytest.mark.parametrize("text", [
    "she walked me all the way to the lift", "checked in on the app in 30 seconds", "the nurse remembered my name",
    "he took the time to go through it with me", "results came the same day", "parked straight away",
])
def test_praise_told_as_what_happened_is_shining(text):
    assert read_rating(text)[0] == "shining"


def test_praise_said_beside_a_long_wait_is_not_shining():
    assert read_rating("walked me to the room after 45 minutes waiting")[0] != "shining"


@pytest.mark.parametrize("text", [
    "asked for no onions. there were onions", "they sat us right next to the kitchen door",
    "the high chair turned up after the mains", "same questions three times from three people",
    "press 1 press 2 press 3 and then the line went dead", "no lift, had to climb with my stick",
    "oh great, they lost my referral", "wonderful, another form 🙄",
])
def test_more_complaints_told_as_events(text):
    assert read_rating(text)[0] == "irritating"


@pytest.mark.parametrize("text", [
    "the host knew our names", "she told me what she was going to do before each step",
    "he spoke slowly and wrote everything down for me", "a real person picked up on the first ring",
    "they let me hold my son for the scan",
])
def test_more_praise_told_as_events(text):
    assert read_rating(text)[0] == "shining"


@pytest.mark.parametrize("text", ["it was a waiting room. I waited.", "forms are forms", "paid. that's it",
                                  "not good not bad"])
def test_nothing_more_to_say_is_dull(text):
    assert read_rating(text)[0] == "dull"


@pytest.mark.parametrize("text", ["we left at 8, lovely evening", "left on time, no fuss"])
def test_leaving_is_no_complaint(text):
    assert read_rating(text)[0] == "shining"


def test_a_story_closing_on_a_short_verdict():
    from bot.nlp.answer import read_rating as read

    assert read("The main came out cold. The waiter was lovely about it though. Ruined it.")[0] == "irritating"
    assert read("Queue was long at first. Then a second desk opened and I was seen. Brilliant.")[0] == "shining"
    assert read("Barrier ate my ticket and nobody answered the intercom. Lovely.")[0] == "irritating"  # scorn
    assert read("The nurse was kind but I waited an hour. It happens.")[0] is None  # no verdict word: asked


@pytest.mark.parametrize("text", [
    "the card reader failed and I had to find cash", "the lift was the problem", "parking was the hard part",
    "the room was fine. the loo was not.", "what did annoy me was the noise", "they sat us by the kitchen",
])
def test_a_failure_or_the_part_that_was_the_problem_is_a_complaint(text):
    assert read_rating(text)[0] == "irritating"


@pytest.mark.parametrize("text", [
    "the machine kept failing and I gave up", "rang them 3 times about it", "asked the waiter about 4 times",
    "my soup was cold so I sent it back", "they made me fill it in twice", "had to do the whole thing again on Monday",
    "by the time I got through the morning slots were all gone", "they overcharged me, now I have to ring them",
    "would have liked someone to explain the numbers", "the car park is always full after ten", "ugh, forms",
    "that waiting room drove me mad", "great, just great. lost my notes again",
])
def test_more_complaints_told_as_events_and_sounds(text):
    assert read_rating(text)[0] == "irritating"


@pytest.mark.parametrize("text", [
    "she popped in once, topped up our glasses and left us alone. perfect",  # left alone is what they wanted
    "my details were already filled in from my last visit, I just signed",
    "didn't even feel the jab", "the host knew my children's names", "a booster seat was there before we'd asked",
])
def test_more_praise_told_as_events_and_what_is_no_complaint(text):
    assert read_rating(text)[0] == "shining"


def test_a_first_try_that_missed_is_no_praise():
    assert read_rating("first try missed, the second one worked")[0] != "shining"


@pytest.mark.parametrize("text", [
    "Sat a bit, read a leaflet. It was a waiting room. What more can I say.",
    "the forms are what they are", "a bit loud but nothing awful. it was ok",
])
def test_more_ways_of_nothing_more_to_say(text):
    assert read_rating(text)[0] == "dull"


@pytest.mark.parametrize("text", [
    "they got my surname wrong on every letter", "the radio was blasting the whole time", "music at full volume",
    "the consultant spoke to my daughter as if I wasn't there", "had to hold the lift for my dad myself",
    "couldn't see the screen with the names from where we sat",
])
def test_more_complaints_told_as_what_happened(text):
    assert read_rating(text)[0] == "irritating"


def test_no_drama_is_praise_told():
    assert read_rating("sorted the refund at the till, no drama")[0] == "shining"


def test_a_minute_to_work_something_out_is_no_speed():
    """"took a minute to work out" is the idiom for some effort, not a quick service told."""
    assert read_rating("took a minute to figure out the kiosk")[0] != "shining"
    assert read_rating("took a minute to check us in")[0] == "shining"


@pytest.mark.parametrize("text", [
    "kept on hold for 40 minutes with tinny pop music. delightful.", "held for half an hour and cut off. marvellous",
    "the porter sent us to the wrong building",
])
def test_held_on_the_line_or_sent_the_wrong_way_is_a_complaint_and_closing_praise_scorn(text):
    assert read_rating(text)[0] == "irritating"


@pytest.mark.parametrize("text", [
    "queue at the till was long but that's on me for coming at lunch", "we were late, our own fault",
    "took forever to pick a table, my bad", "forgot my glasses so the kiosk was hard, that's me, not you",
])
def test_a_hitch_of_the_customers_own_doing_is_dull(text):
    assert read_rating(text)[0] == "dull"


def test_not_my_fault_is_no_own_doing():
    assert read_rating("they lost the booking, not my fault, and were rude about it")[0] == "irritating"


def test_got_the_vein_first_time_is_praise_told():
    assert read_rating("the student nurse found the vein first time")[0] == "shining"


@pytest.mark.parametrize("text", [
    "one receptionist said the third floor, another told me the basement",
    "One leaflet says fast from midnight, the other says from 6am. Superb.",
])
def test_told_two_contrary_things_is_a_complaint_and_closing_praise_scorn(text):
    assert read_rating(text)[0] == "irritating"


@pytest.mark.parametrize("text", [
    "friendlier staff than the walk-in centre, no contest", "much calmer than at the big hospital",
    "the pharmacist got through first time, more than I can say for my own GP", "she put us at our ease",
])
def test_a_comparison_in_this_places_favour_or_ease_given_is_praise(text):
    assert read_rating(text)[0] == "shining"


@pytest.mark.parametrize("text", ["better than nothing", "better than last time, at least the lift worked"])
def test_better_than_nothing_or_than_last_time_is_no_comparison_with_another_place(text):
    assert read_rating(text)[0] != "shining"


@pytest.mark.parametrize("text", [
    "the porter didn't even look up from his crossword. Charming.", "booked online then a 40 minute hold anyway",
    "gave them the same paperwork as last time, all over again",
])
def test_not_looked_up_a_long_hold_and_the_same_forms_again_are_complaints(text):
    assert read_rating(text)[0] == "irritating"
