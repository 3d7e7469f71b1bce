"""The story dialog through the router, on SQLite (and PostgreSQL when configured)."""

from sqlmodel import select

from bot import store
from bot.models import Story, TrainingExample

# Issue 13: a MOT is suggested only when it is right nine times out of ten at that confidence. The
# first version of this story ("A lady in the waiting room was upset about the delay, so I explained the
# wait and offered her tea.") now gets 0.87 (the escort from the waiting room competes), so it is offered
# as the first of three guesses; this one, about the wait itself, is suggested.
STORY = ("A lady had been sitting in the waiting room for an hour and was upset about the long wait, "
         "so I explained the delay and offered her tea.")


async def _stories(app):
    async with app.sessionmaker() as session:
        return list((await session.exec(select(Story))).all())


async def test_happy_path_suggests_mot_and_saves(app, chat):
    alice = chat("alice")
    assert "great customer moment" in await alice.say("story")
    reply = await alice.say(STORY)
    assert "Sit in the waiting room" in reply and "confirm" in alice.choices
    assert "What did you do" in await alice.click("confirm")
    assert "Who helped" in await alice.say("Explained the delay and brought tea")
    assert "difference" in await alice.say("Sam and <@U123>")
    assert "share" in await alice.say("She calmed down and thanked us")
    done = await alice.say("yes")
    assert "Thank you, Alice" in done and "Sit in the waiting room" in done
    [story] = await _stories(app)
    assert story.author_id == "console:alice" and story.team_id == "riverside"
    assert story.mot_id == story.suggested_mot_id == "waiting-room"
    assert story.colleagues == ["Sam", "<@U123>"] and story.shareable is True
    assert story.effect == "She calmed down and thanked us"
    async with app.sessionmaker() as session:
        [example] = (await session.exec(select(TrainingExample))).all()
    assert example.origin == "story_confirmed" and example.mot_id == "waiting-room"


async def test_pick_another_mot_by_number_and_by_name(app, chat):
    alice = chat("alice")
    await alice.say("story")
    await alice.say(STORY)
    assert "Which moment" in await alice.say("no")
    assert "What did you do" in await alice.say("6")  # 6th MOT: check in
    await alice.say("x"); await alice.say("nobody"); await alice.say("skip")
    await alice.say("no")
    [story] = await _stories(app)
    assert story.mot_id == "check-in" and story.colleagues == [] and story.shareable is False
    async with app.sessionmaker() as session:
        [example] = (await session.exec(select(TrainingExample))).all()
    assert example.origin == "story_corrected"


async def test_typed_mot_name_is_understood(app, chat):
    alice = chat("alice")
    await alice.say("story")
    await alice.say("Something nice happened today with a patient and it was great")
    reply = await alice.say("parking")
    assert "What did you do" in reply, reply


async def test_mot_answers_in_words(app, chat):  # issue 12: natural answers (yes/no, MOTs named loosely)
    from types import SimpleNamespace

    from bot.dialogs.story import CONFIRM_ID, OTHER_ID, parse_mot, parse_mot_answer
    ctx, asked = SimpleNamespace(cycle=app.cycles["healthcare-visit"]), {"suggested_mot": "waiting-room"}
    said = {"yeah that's the one": CONFIRM_ID, "nah": OTHER_ID, "no, it was the doc": "physician"}
    assert {text: parse_mot_answer(ctx, asked, text) for text in said} == said
    assert [parse_mot(ctx, {}, t) for t in ("at the front desk", "paying", "the physcian")] == [
        "check-in", "checkout-pay", "physician"]
    alice = chat("alice")
    await alice.say("story")
    await alice.say(STORY)
    assert "What did you do" in await alice.say("yep, spot on")


async def test_long_message_without_command_starts_a_story(app, chat):
    alice = chat("alice")
    reply = await alice.say(STORY)
    assert "waiting room" in reply.lower() and "right" in reply


async def test_restart_between_steps_survives_new_app(app, chat, database_url, clock):
    """A new engine over the same database carries on where the conversation was."""
    from bot.app import build_app
    from tests.conftest import Chat, make_settings

    alice = chat("alice")
    await alice.say("story")
    await alice.say(STORY)
    await alice.click("confirm")
    if database_url == "sqlite://":  # in-memory: share the engine the way a second process shares a file
        second = build_app(make_settings(database_url), engine=app.engine, clock=clock)
    else:
        second = build_app(make_settings(database_url), clock=clock)
    again = Chat(second, "alice")
    assert "Who helped" in await again.say("I brought tea")
    await again.say("nobody"); await again.say("skip"); await again.say("yes")
    assert len(await _stories(app)) == 1


async def test_cancel_saves_nothing_and_back_changes_answer(app, chat):
    alice = chat("alice")
    await alice.say("story")
    await alice.say(STORY)
    await alice.click("confirm")
    assert "Which moment" in await alice.say("back") or "right" in alice.last[-1].text
    assert "dropped" in await alice.say("cancel")
    assert await _stories(app) == []


async def test_customer_cannot_tell_a_story(app, chat):
    guest = chat("guest")
    assert "for staff members" in await guest.say("story")


async def test_redaction_before_storage(app, chat):
    alice = chat("alice")
    await alice.say("story")
    await alice.say("The patient gave me her number 07700 900123 and email jo@example.com so I called back")
    await alice.click(alice.choices[0])
    for text in ("called back", "nobody", "skip", "yes"):
        await alice.say(text)
    [story] = await _stories(app)
    assert "07700" not in story.text and "jo@example.com" not in story.text
    assert story.original_text is None
    async with app.sessionmaker() as session:
        turns = await store.list_turns(session=session, conversation="console:console:alice")
    assert turns and all("07700" not in t.text for t in turns)


async def test_unsure_suggestion_offers_best_guesses_first(app, chat):
    alice = chat("alice")
    await alice.say("story")
    reply = await alice.say("An elderly man could not find the clinic so I walked him from the entrance to the desk.")
    assert "not sure" in reply  # low confidence: guesses first, never an assumed answer
    assert 2 <= len(alice.choices) <= 4 and alice.choices[-1] == "other" and "confirm" not in alice.choices
    assert "Which moment" in await alice.click("other")
    assert "What did you do" in await alice.say("ask for directions")


async def test_who_helped_is_redacted_everywhere_even_when_originals_are_kept(app, chat):
    """Point 3 of the privacy issue: "Who helped?" goes through redaction like every other answer,
    also for a team that keeps the original story text."""
    from sqlmodel import select

    from bot import store
    from bot.models import Story, Turn

    async with app.sessionmaker() as session, session.begin():
        team = await store.get_team(session=session, team_id="riverside")
        await store.upsert_team(session=session, team_id=team.id, name=team.name, cycle_id=team.cycle_id,
                                timezone=team.timezone, settings={"keep_original_text": True})
    alice = chat("alice")
    for text in ("story", "A lady was lost in the car park so I walked her to the clinic entrance myself.", "1",
                 "walked her", "Sam (07700 900123) and jo@example.com", "skip", "yes"):
        await alice.say(text)
    async with app.sessionmaker() as session:
        [story] = (await session.exec(select(Story))).all()
        turns = (await session.exec(select(Turn))).all()
    assert story.colleagues == ["Sam ([phone])", "[email]"]
    assert not any("07700" in t.text or "jo@example.com" in t.text for t in turns)
    answer = await chat("dana").say("stories this week")
    assert "07700" not in answer and "jo@example.com" not in answer
