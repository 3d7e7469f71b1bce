"""The customer survey: deep link entry, rating each MOT, why best/worst, anonymity, opt-in."""

import pytest

from sqlmodel import select

from bot import store
from bot.models import MotRating, TrainingExample, Turn, VisitFeedback


async def _visit(app, ref="123", mots=("check-in", "waiting-room", "physician")):
    async with app.sessionmaker() as session, session.begin():
        await store.create_visit(session=session, ref=ref, team_id="riverside", mot_ids=list(mots))


async def _survey_with_a_last_comment(chat, who: str, visit: str, comment: str) -> str:  # type: ignore[no-untyped-def]
    """`who` rates the first of a one-moment visit shining and leaves `comment` at "Anything else?"; the last reply."""
    guest = chat(who)
    await guest.send(f"visit_{visit}", command="start")
    await guest.say("shining")
    await guest.say("skip")
    await guest.say(comment)
    return await guest.say("no")


async def _rows(app, model):
    async with app.sessionmaker() as session:
        return list((await session.exec(select(model))).all())


async def test_deep_link_survey_anonymous(app, chat):
    await _visit(app)
    guest = chat("guest")
    reply = "\n".join(await guest.send("visit_123", command="start"))
    assert "Riverside Clinic" in reply and "(1/3) *Check in*" in reply and "anonymous" in reply
    await guest.click("shining")
    assert "(3/3)" in await guest.say("3")  # 😠 Irritating is the 3rd choice
    assert "What made *Check in* shine" in await guest.say("dull")
    assert "What went wrong at *Sit in the waiting room*" in await guest.say("Quick and friendly, call me on 07700 900123")
    assert "Anything else" in await guest.say("waited an hour")
    assert "contact you" in await guest.say("skip")
    assert "anonymous" in await guest.say("no")
    [feedback] = await _rows(app, VisitFeedback)
    assert feedback.visit_ref == "123" and feedback.contact_id is None and feedback.contact_opt_in is False
    ratings = {r.mot_id: (r.rating, r.comment) for r in await _rows(app, MotRating)}
    assert ratings == {
        "check-in": ("shining", "Quick and friendly, call me on [phone]"),
        "waiting-room": ("irritating", "waited an hour"),
        "physician": ("dull", ""),
    }
    turns = await _rows(app, Turn)
    assert turns and all(t.conversation.startswith("anon:") for t in turns)
    assert all("guest" not in t.conversation for t in turns)


async def test_text_form_of_deep_link_and_opt_in_contact(app, chat):
    await _visit(app, "9", ("check-in",))
    guest = chat("guest")
    assert "(1/1)" in await guest.say("start visit_9")
    await guest.say("shining")
    await guest.say("skip")
    await guest.say("skip")
    assert "get in touch" in await guest.say("yes")
    [feedback] = await _rows(app, VisitFeedback)
    assert feedback.contact_opt_in and feedback.contact_id == "console:guest"


async def test_several_shining_asks_which_was_best(app, chat):
    await _visit(app)
    guest = chat("guest")
    await guest.send("visit_123", command="start")
    await guest.click("shining")
    await guest.click("shining")
    assert "Which moment was the best" in await guest.click("skip")
    assert guest.choices == ["check-in", "waiting-room", "skip"]
    reply = await guest.say("2")
    assert "Sit in the waiting room" in reply and "shine" in reply


async def test_which_was_best_or_worst_can_be_skipped_in_words_or_by_button(app, chat):
    """A customer who can't pick one ("not sure", "none of them", Skip) is not held at the question."""
    await _visit(app)
    guest = chat("guest")
    await guest.send("visit_123", command="start")
    await guest.click("shining")
    await guest.click("shining")
    assert "Which moment was the best" in await guest.click("irritating")
    reply = await guest.say("not sure")
    assert "What went wrong at *Seen by the physician*" in reply  # the only irritating one
    await _visit(app, "124", ("check-in", "waiting-room", "physician"))
    other = chat("other")
    await other.send("visit_124", command="start")
    await other.click("irritating")
    await other.click("irritating")
    assert "most irritating" in await other.click("irritating") and other.choices[-1] == "skip"
    assert "Anything else" in await other.click("skip")
    assert "contact you" in await other.say("none of them were great tbh")  # said at "anything else"
    await other.say("no")
    [feedback] = await _rows(app, VisitFeedback)  # the first guest is still answering
    assert feedback.visit_ref == "124" and "none of them were great" in feedback.free_text
    assert sorted(r.rating for r in await _rows(app, MotRating)) == ["irritating"] * 3


async def test_unknown_visit_still_collects_feedback_for_whole_cycle(app, chat):
    guest = chat("guest")
    reply = "\n".join(await guest.send("visit_nope", command="start"))
    assert "couldn't find visit *nope*" in reply and "(1/19)" in reply


async def test_all_skipped_records_nothing(app, chat):
    await _visit(app, "1", ("check-in",))
    guest = chat("guest")
    await guest.send("visit_1", command="start")
    await guest.say("skip")
    await guest.say("skip")
    assert "nothing was recorded" in await guest.say("no")
    assert await _rows(app, VisitFeedback) == []


async def test_feedback_menu_entry_and_bad_input(app, chat):
    guest = chat("guest")
    assert "anonymously" in await guest.say("hello")
    assert "go:visit_survey" in guest.choices
    reply = await guest.click("go:visit_survey")
    assert "(1/19)" in reply
    # issue 12 made "🤷" (dull) and "très bien" (shining) answers: the odd inputs are ones nobody can read
    for odd in ("🦄", "x" * 10_000, "42", "purple rain"):
        reply = await guest.say(odd)
        assert "didn't catch" in reply or "long message" in reply
    assert "(2/19)" in await guest.say("shining")


async def test_free_text_is_classified_to_a_mot_and_sentiment(app, chat):
    await _visit(app, "5", ("check-in",))
    reply = await _survey_with_a_last_comment(
        chat, "guest", "5", "We waited two hours in the waiting room and nobody told us anything")
    assert "comment about *Sit in the waiting room*" in reply
    [feedback] = await _rows(app, VisitFeedback)
    assert feedback.free_text_mot_id == "waiting-room" and feedback.free_text_sentiment == "negative"


async def test_unsure_sentiment_is_not_stored(app):
    learner = app.services.learner
    cycle = app.cycles["healthcare-visit"]
    reading = learner.read("🙂", cycle)
    assert reading.mot_id is None and reading.sentiment is None


async def test_the_comments_sentiment_is_read_as_customers_write_it(app, chat):
    """The NHS FFT model read these as neutral (nothing stored) or, the first, as positive (issue 13):
    the survey reads customers' comments with bot.nlp.comment_sentiment."""
    await _visit(app, "6", ("check-in",))
    said = {"Consultant was dismissive and rude.": "negative", "The food came out cold.": "negative",
            "Best steak I've had in years, thank you!": "positive"}
    for n, text in enumerate(said):
        await _survey_with_a_last_comment(chat, f"guest{n}", "6", text)
    rows = await _rows(app, VisitFeedback)
    assert {r.free_text: r.free_text_sentiment for r in rows} == said


async def test_team_setting_redacts_person_names_in_customer_comments(app, chat):
    """`redact_customer_names`: customers' comments lose person names too (staff stories keep them)."""
    async with app.sessionmaker() as session, session.begin():
        team = await store.get_team(session=session, team_id="riverside")
        await store.upsert_team(session=session, team_id=team.id, name=team.name, cycle_id=team.cycle_id,
                                timezone=team.timezone, settings={"redact_customer_names": True})
    await _visit(app, "5", ("check-in",))
    guest = chat("guest")
    await guest.send("visit_5", command="start")
    await guest.click("shining")
    await guest.say("Nurse Jane and Dr Okafor were lovely, call 07700 900123")
    await guest.say("My name is Tom Baker, thanks to Sarah")
    await guest.say("no")
    [rating] = await _rows(app, MotRating)
    [feedback] = await _rows(app, VisitFeedback)
    assert rating.comment == "Nurse [name] and Dr [name] were lovely, call [phone]"
    assert feedback.free_text == "My name is [name], thanks to [name]"
    turns = " ".join(t.text for t in await _rows(app, Turn))  # removed as they came in, not only when saved
    assert "Okafor" not in turns and "Tom Baker" not in turns and "[name]" in turns


# --- finishing honestly: done, cancel, a link opened twice (issue 12, point 4) ------------------------

async def _set_team_settings(app, **settings):
    async with app.sessionmaker() as session, session.begin():
        team = await store.get_team(session=session, team_id="riverside")
        await store.upsert_team(session=session, team_id=team.id, name=team.name, cycle_id=team.cycle_id,
                                timezone=team.timezone, settings={**team.settings, **settings})


async def test_done_mid_survey_keeps_the_ratings_given(app, chat):
    await _visit(app)
    guest = chat("guest")
    await guest.say("start visit_123")
    await guest.click("shining")
    await guest.click("dull")
    reply = await guest.say("That’s all")
    assert "I saved your 2 ratings" in reply and "anonymous" in reply
    [feedback] = await _rows(app, VisitFeedback)
    assert feedback.visit_ref == "123" and feedback.responder.startswith("anon:")
    assert {r.mot_id: r.rating for r in await _rows(app, MotRating)} == {"check-in": "shining", "waiting-room": "dull"}
    assert "not in the middle" in await guest.say("cancel")  # the survey is over


async def test_finish_words_work_at_a_text_step_too(app, chat):
    await _visit(app, "7", ("check-in",))
    guest = chat("guest")
    await guest.say("start visit_7")
    assert "What went wrong at *Check in*" in await guest.say("3")  # irritating
    assert "I saved your 1 rating." in await guest.say("nothing else")
    [rating] = await _rows(app, MotRating)
    assert rating.rating == "irritating" and rating.comment == ""


async def test_done_before_any_rating_records_nothing(app, chat):
    await _visit(app)
    guest = chat("guest")
    await guest.say("start visit_123")
    assert "nothing was recorded" in await guest.say("finish")
    assert await _rows(app, VisitFeedback) == []


async def test_cancel_with_ratings_asks_first_and_no_carries_on(app, chat):
    await _visit(app)
    guest = chat("guest")
    await guest.say("start visit_123")
    await guest.click("shining")
    reply = await guest.say("cancel")
    assert "Discard your 1 rating?" in reply and guest.choices == ["yes", "no"]
    assert "Discard your 1 rating?" in await guest.say("hmm")  # asked again, never a dead end
    reply = await guest.say("keep them")
    assert "carry on" in reply and "(2/3) *Sit in the waiting room*" in reply
    await guest.click("irritating")
    assert "(3/3)" not in await guest.say("cancel")
    reply = await guest.click("yes")
    assert "Nothing was recorded" in reply
    assert await _rows(app, VisitFeedback) == [] and await _rows(app, MotRating) == []


async def test_cancel_before_any_rating_stops_at_once(app, chat):
    await _visit(app)
    guest = chat("guest")
    await guest.say("start visit_123")
    assert "Nothing was recorded" in await guest.say("cancel")


async def test_link_opened_again_mid_survey_carries_on(app, chat):
    await _visit(app)
    guest = chat("guest")
    await guest.send("visit_123", command="start")
    await guest.click("shining")
    reply = "\n".join(await guest.send("visit_123", command="start"))
    assert "carry on where we left off" in reply and "(2/3)" in reply
    reply = await guest.say("start visit_999")
    assert "still rating another visit" in reply and "(2/3)" in reply
    await guest.click("dull")
    await guest.click("skip")
    await guest.say("skip")  # why it shone
    await guest.say("skip")  # anything else
    assert "Thank you" in await guest.say("no")
    assert len(await _rows(app, VisitFeedback)) == 1 and len(await _rows(app, MotRating)) == 2


async def test_second_response_replaces_the_first_never_double_counts(app, chat):
    await _visit(app, "8", ("check-in", "physician"))
    guest = chat("guest")
    await guest.say("start visit_8")
    await guest.click("irritating")
    await guest.click("irritating")
    await guest.say("2")  # the worst: the physician
    await guest.say("rushed")
    await guest.say("skip")
    await guest.say("no")
    reply = await guest.say("start visit_8")
    assert "You already rated this visit; your new answers replace the old ones." in reply
    await guest.click("shining")
    reply = await guest.say("done")
    assert "I saved your 1 rating" in reply and "replace your earlier answers" in reply
    [feedback] = await _rows(app, VisitFeedback)
    assert [(r.mot_id, r.rating, r.feedback_id) for r in await _rows(app, MotRating)] == [
        ("check-in", "shining", feedback.id)]
    other = chat("someone-else")  # another customer of the same visit: a response of their own
    assert "already rated" not in await other.say("start visit_8")
    await other.say("2")
    await other.say("done")
    assert len(await _rows(app, VisitFeedback)) == 2
    async with app.sessionmaker() as session:
        assert await store.count_feedback(session=session, team_id="riverside") == 2


async def test_cancelling_a_second_response_keeps_the_first(app, chat):
    await _visit(app, "8", ("check-in",))
    guest = chat("guest")
    await guest.say("start visit_8")
    await guest.click("shining")
    assert "I saved your 1 rating" in await guest.say("done")
    await guest.say("start visit_8")
    await guest.click("irritating")
    await guest.say("cancel")
    assert "earlier answers for this visit stay" in await guest.click("yes")
    [rating] = await _rows(app, MotRating)
    assert rating.rating == "shining"


async def test_single_response_per_visit_refuses_a_second_politely(app, chat):
    await _set_team_settings(app, single_response_per_visit=True)
    await _visit(app, "8", ("check-in",))
    guest = chat("guest")
    await guest.say("start visit_8")
    await guest.click("dull")
    await guest.say("done")
    reply = await guest.say("start visit_8")
    assert "already rated this visit" in reply and "give feedback" in reply and "(1/1)" not in reply
    assert "not in the middle" in await guest.say("cancel")  # no survey was started
    [rating] = await _rows(app, MotRating)
    assert rating.rating == "dull"


async def test_responses_without_a_known_visit_are_not_tied_to_the_conversation(app, chat):
    guest = chat("guest")
    for _ in range(2):
        await guest.say("give feedback")
        await guest.click("shining")
        await guest.say("done")
    rows = await _rows(app, VisitFeedback)
    assert len(rows) == 2 and all(r.responder is None and r.visit_ref is None for r in rows)


async def test_link_opened_after_the_survey_timed_out_offers_to_continue(app, chat, clock):
    await _visit(app)
    guest = chat("guest")
    await guest.say("start visit_123")
    await guest.click("shining")
    clock.advance(hours=30)
    assert "Continue where we left off?" in await guest.say("start visit_123")
    assert "(2/3)" in await guest.click("resume")
    await guest.click("dull")
    assert "I saved your 2 ratings" in await guest.say("done")
    assert len(await _rows(app, VisitFeedback)) == 1


async def test_a_replaced_response_does_not_teach_the_same_comment_twice(app, chat):
    await _visit(app, "4", ("check-in",))
    guest = chat("guest")
    for visit in range(2):
        await guest.say("start visit_4")
        await guest.click("shining")
        await guest.say("the receptionist smiled and knew my name")
        await guest.say("skip")
        assert "replace the old ones" in await guest.say("no") or visit == 0
    examples = [e.text for e in await _rows(app, TrainingExample) if e.origin == "rating_comment"]
    assert examples == ["the receptionist smiled and knew my name"]
    [rating] = await _rows(app, MotRating)
    assert rating.comment == "the receptionist smiled and knew my name"


async def test_ratings_in_words_and_emoji_keep_what_was_said(app, chat):
    await _visit(app)
    guest = chat("guest")
    await guest.send("visit_123", command="start")
    assert "(2/3)" in await guest.say("the receptionist was brilliant")
    assert "(3/3)" in await guest.say("the wait was terrible!")
    reply = await guest.say("🤷")
    assert "Anything else" in reply  # what was said with the ratings answers "why": not asked again
    await guest.say("no thanks")
    assert "anonymous" in await guest.say("nope")
    ratings = {r.mot_id: (r.rating, r.comment) for r in await _rows(app, MotRating)}
    assert ratings == {
        "check-in": ("shining", "the receptionist was brilliant"),
        "waiting-room": ("irritating", "the wait was terrible!"),
        "physician": ("dull", ""),
    }


async def test_best_moment_named_loosely_and_ratings_as_people_say_them(app, chat):
    await _visit(app)
    guest = chat("guest")
    await guest.send("visit_123", command="start")
    await guest.say("excellent!")
    await guest.say("meh")
    assert "Which moment was the best" in await guest.say("😍")
    assert "What made *Seen by the physician* shine" in await guest.say("the doc")
    await guest.say("took time to explain")
    await guest.say("skip")
    await guest.say("yes please")
    ratings = {r.mot_id: (r.rating, r.comment) for r in await _rows(app, MotRating)}
    assert ratings == {"check-in": ("shining", ""), "waiting-room": ("dull", ""),
                       "physician": ("shining", "took time to explain")}
    [feedback] = await _rows(app, VisitFeedback)
    assert feedback.contact_opt_in


async def test_shrug_and_french_are_ratings_and_unreadable_gets_choices_again(app, chat):
    await _visit(app)
    guest = chat("guest")
    await guest.send("visit_123", command="start")
    assert "(2/3)" in await guest.say("très bien")
    reply = await guest.say("blue")
    assert "Sorry" not in reply and "(2/3)" in reply and "great" in reply and "skip" in reply
    assert guest.choices == ["shining", "dull", "irritating", "skip"]
    assert "(3/3)" in await guest.say("🤷")


async def test_a_mixed_answer_is_noted_and_its_rating_asked(app, chat):
    """"lovely nurse but the wait was long" gives no one rating: the words are kept, the rating asked."""
    await _visit(app)
    guest = chat("guest")
    await guest.send("visit_123", command="start")
    reply = await guest.say("lovely nurse at the desk but the wait was long")
    assert "noted" in reply and "(1/3)" in reply and guest.choices == ["shining", "dull", "irritating", "skip"]
    assert "(2/3)" in await guest.say("so-so")
    await guest.say("skip")
    await guest.say("skip")
    await guest.say("no")
    await guest.say("no")
    ratings = {r.mot_id: (r.rating, r.comment) for r in await _rows(app, MotRating)}
    assert ratings == {"check-in": ("dull", "lovely nurse at the desk but the wait was long")}


async def test_an_answer_about_another_moment_is_recorded_for_that_one(app, chat):
    """Rating *Check in*, a customer writes about the parking: the words and the rating go to *Find a
    parking place* (not on this visit's list, but a moment of the cycle) and Check in is asked again; an
    answer about a moment still to come is its answer, and that moment is not asked again; one about a
    moment rated already is added to what was said about it."""
    await _visit(app, "125", ("check-in", "waiting-room", "physician", "checkout-pay"))
    guest = chat("guest")
    await guest.send("visit_125", command="start")
    reply = await guest.say("the parking was a nightmare, took 20 minutes to find a space")
    assert "noted 😠 Irritating for *Find a parking place*" in reply and "(1/4) *Check in*" in reply
    assert "(2/4) *Sit in the waiting room*" in await guest.say("quick and friendly")
    reply = await guest.say("the doctor was lovely")
    assert "noted ✨ Shining for *Seen by the physician*" in reply and "(2/4)" in reply
    assert "(4/4) *Check out and pay*" in await guest.say("meh")  # the physician is not asked again
    reply = await guest.say("the lady at reception was rude")
    assert "added that to your answer about *Check in*" in reply and "(4/4)" in reply
    await guest.click("dull")
    for answer in ("skip", "skip", "no"):
        await guest.say(answer)
    ratings = {r.mot_id: (r.rating, r.comment) for r in await _rows(app, MotRating)}
    assert ratings["find-parking"] == ("irritating", "the parking was a nightmare, took 20 minutes to find a space")
    assert ratings["physician"] == ("shining", "the doctor was lovely")
    assert ratings["check-in"] == ("shining", "the lady at reception was rude")  # its rating kept
    assert ratings["waiting-room"][0] == "dull" and ratings["checkout-pay"] == ("dull", "")


async def test_an_answer_that_turns_from_the_moment_asked_to_another_is_about_the_other(app, chat):
    """"The forms were fine, but the doctor was wonderful" while rating the forms: the customer turned to the
    doctor and names them; what comes after the turn is about *Seen by the physician*."""
    await _visit(app, "129", ("insurance-forms", "physician"))
    guest = chat("guest")
    await guest.send("visit_129", command="start")
    reply = await guest.say("never mind the forms, I just want to say the doctor was wonderful")
    assert "for *Seen by the physician*" in reply and "(1/2) *Show insurance card and fill out forms*" in reply


async def test_an_answer_that_shrugs_off_the_moment_asked_and_makes_its_point_about_another(app, chat):
    """"The forms were fine. The doctor though was rude" while rating the forms: the shrug is not the answer
    (no 😐 for the forms); the point, with its own rating, goes to the moment it names. A point that names
    no moment is asked about rather than given to the moment asked."""
    await _visit(app, "131", ("insurance-forms", "physician", "checkout-pay"))
    guest = chat("guest")
    await guest.send("visit_131", command="start")
    reply = await guest.say("The forms were fine. The doctor though was really rude to my mum")
    assert "noted 😠 Irritating for *Seen by the physician*" in reply
    assert "(1/3) *Show insurance card and fill out forms*" in reply
    await guest.click("dull")
    reply = await guest.say("paying was ok, but honestly the whole place was a shambles")
    assert "noted" not in reply and "(3/3) *Check out and pay*" in reply and "itself — how was it?" in reply
    await guest.click("dull")
    await guest.say("done")
    ratings = {r.mot_id: r.rating for r in await _rows(app, MotRating)}
    assert ratings == {"physician": "irritating", "insurance-forms": "dull", "checkout-pay": "dull"}


async def test_an_answer_naming_a_neighbouring_moment_stays_with_the_one_asked(app, chat):
    """"The doctor explained my results" names the physician, but it is about receiving results: the
    comment classifier decides with the name, so it stays where it was said."""
    await _visit(app, "126", ("physician", "receive-results"))
    guest = chat("guest")
    await guest.send("visit_126", command="start")
    await guest.click("skip")
    reply = await guest.say("brilliant, the doctor explained my blood test results clearly")
    assert "noted" not in reply
    await guest.say("skip")
    assert "anonymous" in await guest.say("skip")  # "contact you?" skipped: no, anonymous
    [feedback] = await _rows(app, VisitFeedback)
    assert feedback.contact_id is None and feedback.contact_opt_in is False
    ratings = {r.mot_id: (r.rating, r.comment) for r in await _rows(app, MotRating)}
    assert ratings == {"receive-results": ("shining", "brilliant, the doctor explained my blood test results clearly")}


async def test_a_moment_that_did_not_happen_is_skipped_and_a_question_back_is_not_a_rating(app, chat):
    await _visit(app, "127", ("tests", "physician"))
    guest = chat("guest")
    await guest.send("visit_127", command="start")
    assert "(2/2)" in await guest.say("didn't have any tests this time")
    reply = await guest.say("do I need to fast before the bloods next time?")  # "fast" is no praise here
    assert "(2/2)" in reply and "noted" in reply
    assert "Anything else" in await guest.say("10/10")  # the words noted are its comment: no "why?"
    for answer in ("no", "no"):
        await guest.say(answer)
    ratings = {r.mot_id: (r.rating, r.comment) for r in await _rows(app, MotRating)}
    assert ratings == {"physician": ("shining", "do I need to fast before the bloods next time?")}


async def test_back_takes_back_an_answer_recorded_for_another_moment(app, chat):
    """The bot read "the doctor was lovely" as about the physician; the customer meant check-in: *back*
    takes it back, and the physician is asked when its turn comes."""
    await _visit(app, "128", ("check-in", "physician"))
    guest = chat("guest")
    await guest.send("visit_128", command="start")
    assert "noted ✨ Shining for *Seen by the physician*" in await guest.say("the doctor was lovely")
    reply = await guest.say("back")
    assert "taken back what I noted for *Seen by the physician*" in reply and "(1/2) *Check in*" in reply
    assert "(2/2) *Seen by the physician*" in await guest.click("shining")
    await guest.click("dull")
    for answer in ("skip", "no", "no"):
        await guest.say(answer)
    ratings = {r.mot_id: (r.rating, r.comment) for r in await _rows(app, MotRating)}
    assert ratings == {"check-in": ("shining", ""), "physician": ("dull", "")}


async def test_words_noted_for_the_moment_asked_stay_with_it_after_an_answer_about_another(app, chat):
    await _visit(app, "129", ("checkout-pay",))
    guest = chat("guest")
    await guest.send("visit_129", command="start")
    assert "noted that" in await guest.say("lovely cashier but the card machine was broken")
    assert "for *Find a parking place*" in await guest.say("the parking was a nightmare, took 20 minutes to find a space")
    assert "Anything else" in await guest.click("irritating")  # its words were said: no "what went wrong?"
    for answer in ("no", "no"):
        await guest.say(answer)
    ratings = {r.mot_id: (r.rating, r.comment) for r in await _rows(app, MotRating)}
    assert ratings == {"checkout-pay": ("irritating", "lovely cashier but the card machine was broken"),
                       "find-parking": ("irritating", "the parking was a nightmare, took 20 minutes to find a space")}


async def test_a_turn_to_another_moment_that_rates_nothing_leaves_the_rating_with_the_one_asked(app, chat):
    """"Paying was alright but the receptionist handed me the receipt": the shrug is the payment's; what
    follows the turn names check-in but rates nothing, so the rating is not moved there."""
    await _visit(app, "133", ("checkout-pay", "physician"))
    guest = chat("guest")
    await guest.send("visit_133", command="start")
    reply = await guest.say("paying was alright but the receptionist at the front desk handed me the receipt")
    assert "noted" not in reply and "(2/2)" in reply
    await guest.say("done")
    ratings = {r.mot_id: r.rating for r in await _rows(app, MotRating)}
    assert ratings == {"checkout-pay": "dull"}


async def test_a_weighed_up_answer_stays_with_the_moment_asked_and_someone_elses_doing_is_skipped(app, chat):
    """"Check in fine. The waiting room an hour. Mixed." while rating check in: the customer weighed both, so
    the shrug is no turn to the waiting room; "my wife dealt with all that, I just sat down" is a skip."""
    await _visit(app, "141", ("check-in", "waiting-room"))
    guest = chat("guest")
    await guest.send("visit_141", command="start")
    reply = await guest.say("Check in was fine. The waiting room took an hour. Mixed.")
    assert "(2/2)" in reply
    await guest.say("my wife dealt with all that, I just sat down")
    await guest.say("done")
    ratings = {r.mot_id: r.rating for r in await _rows(app, MotRating)}
    assert ratings == {"check-in": "dull"}


async def test_a_customers_own_comment_reaches_the_managers_answers(app, chat):
    """"I've passed your comment about *Sit in the waiting room* to the team": the team's managers see it, quoted
    with that moment's irritating ratings and found by its words; a comment about no one moment is found by its
    words (as about their visit), and one whose sentiment was not stored is quoted nowhere."""
    await _visit(app, "7", ("check-in",))
    said = {"guest1": "We waited two hours in the waiting room and nobody told us anything",
            "guest2": "The toilets near the lift were filthy and smelt awful.",
            "guest3": "Seen on time, no waiting at all."}
    for who, text in said.items():
        await _survey_with_a_last_comment(chat, who, "7", text)
    rows = {r.free_text: (r.free_text_mot_id, r.free_text_sentiment) for r in await _rows(app, VisitFeedback)}
    assert rows[said["guest1"]] == ("waiting-room", "negative") and rows[said["guest3"]][1] is None
    dana = chat("dana")
    about = await dana.say("what are people saying about the waiting room this year")
    assert "😠 *Irritating* (0 of 0; 1 own comment at the end of the survey):" in about and f"“{said['guest1']}”" in about
    detail = await dana.say("how is the waiting room doing this year")
    assert "What customers said:" in detail and said["guest1"] in detail
    toilets = await dana.say("what did patients say about the toilets this year")
    assert "1 comment mentioning “toilets”" in toilets and said["guest2"] in toilets
    assert said["guest3"] not in about + detail and said["guest3"] not in await dana.say(
        "what did people say about seen on time this year")


@pytest.mark.parametrize("said", ["keep up the good work!", "Keep it up, you're all stars"])
async def test_a_short_last_comment_is_kept_not_taken_for_small_talk(app, chat, said):
    """"Anything else you'd like to tell the team?": a short comment is the answer (it was read as small talk about
    the bot, answered with what the bot can do, and lost); "what can you do?" there is still answered."""
    await _visit(app, "8", ("check-in",))
    guest = chat("guest")
    await guest.send("visit_8", command="start")
    await guest.say("shining")
    await guest.say("skip")
    assert "Anything else" in await guest.say("what can you do?")
    assert "a few words" in await guest.say("😡😡")  # an emoji alone: asked for words, not small talk
    assert "contact you" in await guest.say(said)
    await guest.say("no")
    [feedback] = await _rows(app, VisitFeedback)
    assert feedback.free_text == said


async def test_restart_begins_the_same_visits_survey_again(app, chat):
    """*restart* (offered in the survey's help) starts this visit's survey again from its first moment; it started
    the survey without its visit, which ended in "feedback isn't set up here", the ratings lost (a QA pass)."""
    await _visit(app, "9", ("check-in", "waiting-room"))
    guest = chat("guest")
    await guest.send("visit_9", command="start")
    assert "(2/2)" in await guest.say("great")
    again = await guest.say("restart")
    assert "Starting over." in again and "(1/2)" in again and "isn't set up" not in again
    await guest.say("irritating")
    assert "What went wrong at *Check in*" in await guest.say("dull")
    assert "Anything else" in await guest.say("skip")
    assert "contact you" in await guest.say("skip")
    assert "Thank you" in await guest.say("no")
    [feedback] = await _rows(app, VisitFeedback)
    assert feedback.visit_ref == "9"
    ratings = {r.mot_id: r.rating for r in await _rows(app, MotRating)}
    assert ratings == {"check-in": "irritating", "waiting-room": "dull"}


async def test_a_complaint_given_as_why_the_best_shone_is_not_filed_as_praise(app, chat):
    """"What made *Check in* shine?" "the chairs in the waiting room were filthy and broken": not Check in's shining
    comment (managers saw it quoted as praise), but the customer's own comment, read for its moment and sentiment."""
    await _visit(app, "10", ("check-in", "waiting-room"))
    guest = chat("guest")
    await guest.send("visit_10", command="start")
    await guest.say("shining")
    assert "shine" in await guest.say("dull")
    assert "Anything else" in await guest.say("the chairs in the waiting room were filthy and broken")
    await guest.say("skip")
    await guest.say("no")
    comments = {r.mot_id: r.comment for r in await _rows(app, MotRating)}
    assert "filthy" not in comments.get("check-in", "")
    [feedback] = await _rows(app, VisitFeedback)
    assert feedback.free_text == "the chairs in the waiting room were filthy and broken"
    assert feedback.free_text_sentiment == "negative"


async def test_a_rating_corrected_in_words_changes_the_last_answer(app, chat):
    """"oops, I meant dull" after the next moment was asked changes the moment before, and the survey carries on
    where it was; "go back" is *back*."""
    await _visit(app, "131")
    guest = chat("guest")
    await guest.send("visit_131", command="start")
    await guest.click("shining")
    assert "(3/3) *Seen by the physician*" in await guest.say("shining")
    reply = await guest.say("oops, I meant dull")
    assert reply.startswith("Okay, changed *Sit in the waiting room*: 😐 Dull.") and "(3/3) *Seen by the physician*" in reply
    assert "(2/3) *Sit in the waiting room*" in await guest.say("go back")
    await guest.say("irritating")
    await _to_the_end(guest, "dull")
    ratings = {r.mot_id: r.rating for r in await _rows(app, MotRating)}
    assert ratings == {"check-in": "shining", "waiting-room": "irritating", "physician": "dull"}


async def _to_the_end(guest, last_rating: str) -> None:  # type: ignore[no-untyped-def]
    """The last rating, then every optional question skipped and no contact."""
    reply = await guest.say(last_rating)
    for _ in range(5):
        if "contact you" in reply:
            break
        reply = await guest.say("skip")
    assert "anonymous" in await guest.say("no")


async def test_a_correction_that_answers_nothing_asks_the_question_before_again(app, chat):
    await _visit(app, "132")
    guest = chat("guest")
    await guest.send("visit_132", command="start")
    await guest.click("shining")
    reply = await guest.say("I meant purple")
    assert "(1/3) *Check in*" in reply and "Traceback" not in reply
    assert "(2/3) *Sit in the waiting room*" in await guest.say("dull")
    assert "Discard your 1 rating?" in await guest.say("stop")  # check-in, rated again


async def _at_the_contact_question(app, chat, visit: str, *answers: str):  # type: ignore[no-untyped-def]
    """A guest on a one-moment visit who gave `answers` (the rating, why, anything else) and is asked "contact you?"."""
    await _visit(app, visit, ("check-in",))
    guest = chat("guest")
    await guest.send(f"visit_{visit}", command="start")
    for answer in answers:
        reply = await guest.say(answer)
    assert "contact you" in reply
    return guest


async def test_more_to_say_at_the_contact_question_is_added_to_the_comment(app, chat):
    guest = await _at_the_contact_question(app, chat, "133", "shining", "skip", "The receptionist was lovely.")
    reply = await guest.say("Also the toilets near the lifts were out of order")
    assert reply.startswith("Thanks, I've added that to your comment.") and "contact you" in reply
    assert "anonymous" in await guest.say("no")
    [feedback] = await _rows(app, VisitFeedback)
    assert feedback.free_text == "The receptionist was lovely. — Also the toilets near the lifts were out of order"
    assert feedback.contact_id is None


async def test_asking_to_be_called_at_the_contact_question_is_a_yes(app, chat):
    guest = await _at_the_contact_question(app, chat, "134", "irritating", "skip", "skip")
    await guest.say("can someone from the clinic call me please")
    [feedback] = await _rows(app, VisitFeedback)
    assert feedback.contact_opt_in and feedback.contact_id == "console:guest"


async def test_a_customer_with_no_link_and_no_default_team_is_told_how_to_reach_the_team(app, chat):
    """Two teams and no default: feedback without a visit link can go nowhere, and the bot says so instead of
    thanking for words it did not keep."""
    async with app.sessionmaker() as session, session.begin():
        await store.upsert_team(session=session, team_id="bistro", name="Harbour Bistro", cycle_id="restaurant-visit",
                                timezone="Europe/London", channels={})
    guest = chat("guest")
    reply = await guest.say("the doctor was brilliant today, so kind")
    assert reply.startswith("I can't tell which clinic or restaurant you visited, so I couldn't pass anything on yet")
    assert "Thanks for telling us" not in reply
    assert "I don't know the visit *999*" in "\n".join(await guest.send("visit_999", command="start"))
    assert await _rows(app, VisitFeedback) == []


async def test_a_complaint_at_which_was_best_changes_that_moments_rating(app, chat):
    await _visit(app, "135")
    guest = chat("guest")
    await guest.send("visit_135", command="start")
    for _ in range(3):
        reply = await guest.say("great")
    assert "Which moment was the best?" in reply
    reply = await guest.say("actually the waiting room was awful, we waited 2 hours")
    assert reply.startswith("Okay, I've changed *Sit in the waiting room* to 😠 Irritating and kept your words.")
    assert "Which moment was the best?" in reply and "go:" not in reply
    assert guest.choices[:2] == ["check-in", "physician"]
    await _to_the_end(guest, "1")
    ratings = {r.mot_id: (r.rating, r.comment) for r in await _rows(app, MotRating)}
    assert ratings["waiting-room"] == ("irritating", "actually the waiting room was awful, we waited 2 hours")
    assert ratings["check-in"][0] == ratings["physician"][0] == "shining"


async def test_an_earlier_rating_taken_back_in_words_is_changed_and_the_moment_asked_is_asked_again(app, chat):
    await _visit(app, "136")
    guest = chat("guest")
    await guest.send("visit_136", command="start")
    assert "(2/3) *Sit in the waiting room*" in await guest.say("awful")
    reply = await guest.say("sorry, check in was actually great, I mixed them up")
    assert reply.startswith("Okay, I've changed *Check in* to ✨ Shining.") and "(2/3) *Sit in the waiting room*" in reply
    await guest.say("irritating")
    await _to_the_end(guest, "dull")
    ratings = {r.mot_id: (r.rating, r.comment) for r in await _rows(app, MotRating)}
    assert ratings["check-in"] == ("shining", "sorry, check in was actually great, I mixed them up")
    assert ratings["waiting-room"][0] == "irritating" and ratings["physician"][0] == "dull"


async def test_a_no_with_more_to_say_at_the_contact_question_keeps_both(app, chat):
    guest = await _at_the_contact_question(app, chat, "137", "shining", "skip", "The receptionist was lovely.")
    assert "anonymous" in await guest.say("no thanks. one more thing: parking was impossible, please add more spaces")
    [feedback] = await _rows(app, VisitFeedback)
    assert feedback.free_text == "The receptionist was lovely. — one more thing: parking was impossible, please add more spaces"
    assert feedback.contact_id is None


async def test_nothing_more_at_the_contact_question_is_a_no_not_a_comment(app, chat):
    guest = await _at_the_contact_question(app, chat, "138", "shining", "skip", "skip")
    assert "anonymous" in await guest.say("hmm none really")
    [feedback] = await _rows(app, VisitFeedback)
    assert feedback.free_text == "" and feedback.contact_id is None
