"""The customer survey: deep link entry, rating each MOT, why best/worst, anonymity, opt-in."""

from sqlmodel import select

from bot import store
from bot.models import MotRating, Turn, VisitFeedback


async def _visit(app, ref="123", mots=("check-in", "waiting-room", "physician")):
    async with app.sessionmaker() as session, session.begin():
        await store.create_visit(session=session, ref=ref, team_id="riverside", mot_ids=list(mots))


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
    assert guest.choices == ["check-in", "waiting-room"]
    reply = await guest.say("2")
    assert "Sit in the waiting room" in reply and "shine" in reply


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
    guest = chat("guest")
    await guest.send("visit_5", command="start")
    await guest.say("shining")
    await guest.say("skip")
    await guest.say("We waited two hours in the waiting room and nobody told us anything")
    reply = await guest.say("no")
    assert "comment about *Sit in the waiting room*" in reply
    [feedback] = await _rows(app, VisitFeedback)
    assert feedback.free_text_mot_id == "waiting-room" and feedback.free_text_sentiment == "negative"


async def test_unsure_sentiment_is_not_stored(app):
    learner = app.services.learner
    cycle = app.cycles["healthcare-visit"]
    reading = learner.read("🙂", cycle)
    sure = learner.topic_model.sentiment_sure_above
    assert reading.mot_id is None and (reading.sentiment is None or reading.sentiment_probability >= sure)


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
