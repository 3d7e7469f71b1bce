"""The story dialog through the router, on SQLite (and PostgreSQL when configured)."""

from sqlmodel import select

import pytest

from bot import store
from bot.dialogs.story import parse_colleagues
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


async def _finish(chat, *, action="I helped", colleagues="nobody", effect="skip", share="yes", save=True) -> str:
    """Answer whatever the story dialog still asks (what was done, who helped, effect, sharing), then Save
    on the card (or stop at the card); returns the last reply."""
    reply = chat.last[-1].text if chat.last else ""
    for _ in range(8):
        if "Does it look right" in reply:
            return await chat.click("save") if save else reply
        if "made the difference" in reply:
            reply = await chat.say(action)
        elif "Who helped" in reply:
            reply = await chat.say(colleagues)
        elif "difference did it make" in reply:
            reply = await chat.say(effect)
        elif "share this story" in reply:
            reply = await chat.say(share)
        else:
            raise AssertionError(f"unexpected question: {reply!r}")
    raise AssertionError("the story dialog never reached its card")


async def test_happy_path_suggests_mot_and_saves(app, chat):
    alice = chat("alice")
    assert "great customer moment" in await alice.say("story")
    reply = await alice.say(STORY)
    assert "Sit in the waiting room" in reply and "confirm" in alice.choices
    # the story says what Alice did (issue 12, point 5): not asked again
    assert "Who helped" in await alice.click("confirm")
    assert "difference" in await alice.say("Sam and <@U123>")
    assert "share" in await alice.say("She calmed down and thanked us")
    card = await alice.say("yes")
    assert "Does it look right" in card and alice.choices[0] == "save"
    assert "explained the delay and offered her tea _(from your story)_" in card
    assert "Who helped:* Sam, " in card and "She calmed down and thanked us" in card and "yes, with the team" in card
    assert await _stories(app) == []  # nothing saved before Save
    done = await alice.click("save")
    assert "Thank you, Alice" in done and "Sit in the waiting room" in done
    [story] = await _stories(app)
    assert story.author_id == "console:alice" and story.team_id == "riverside"
    assert story.mot_id == story.suggested_mot_id == "waiting-room"
    assert story.action == "explained the delay and offered her tea"
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
    assert "Who helped" in await alice.say("6")  # 6th MOT: check in
    assert "Check in" in await _finish(alice, share="no", save=False)
    await alice.click("save")
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
    assert "Who helped" in await alice.say("yep, spot on")


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
    assert "difference did it make" in await again.say("nobody")
    await again.say("skip")
    assert "Does it look right" in await again.say("yes")
    assert "Thank you" in await again.click("save")
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
    await _finish(alice, action="called back")
    [story] = await _stories(app)
    assert "07700" not in story.text and "jo@example.com" not in story.text
    assert story.original_text is None
    async with app.sessionmaker() as session:
        turns = await store.list_turns(session=session, conversation="console:console:alice")
    assert turns and all("07700" not in t.text for t in turns)


async def test_unsure_suggestion_offers_best_guesses_first(app, chat):
    alice = chat("alice")
    await alice.say("story")
    # issue 13: "a man was confused about where to go, so I took him there" is now confidently Ask for directions
    reply = await alice.say("I helped a lady who was struggling today, so I stayed with her until she felt better.")
    assert "not sure" in reply  # low confidence: guesses first, never an assumed answer
    assert 2 <= len(alice.choices) <= 4 and alice.choices[-1] == "other" and "confirm" not in alice.choices
    assert "Which moment" in await alice.click("other")
    assert "Who helped" in await alice.say("sit in the waiting room")  # the story said what Alice did


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
    for text in ("story", "A lady was lost in the car park so I walked her to the clinic entrance myself.", "1"):
        await alice.say(text)
    card = await _finish(alice, colleagues="Sam (07700 900123) and jo@example.com", save=False)
    assert "07700" not in card and "jo@example.com" not in card  # the card shows what will be stored
    await alice.click("save")
    async with app.sessionmaker() as session:
        [story] = (await session.exec(select(Story))).all()
        turns = (await session.exec(select(Turn))).all()
    assert story.colleagues == ["Sam ([phone])", "[email]"]
    assert not any("07700" in t.text or "jo@example.com" in t.text for t in turns)
    answer = await chat("dana").say("stories this week")
    assert "07700" not in answer and "jo@example.com" not in answer


# --- issue 12, point 5: the dialog listens, and a card confirms before saving -------------------------

TOLD_ALL = ("It was pouring with rain at closing time and an old lady was stuck in the doorway, so my colleague "
            "Jen and I fetched the big umbrella and walked her all the way to her car. She was so relieved.")


async def _to_card(chat, text=STORY, **answers) -> str:
    await chat.say("story")
    await chat.say(text)
    await chat.click(chat.choices[0])  # the suggested MOT, or the first guess
    return await _finish(chat, save=False, **answers)


async def test_a_story_that_says_it_all_asks_only_about_sharing(app, chat):
    alice = chat("alice")
    await alice.say("story")
    await alice.say(TOLD_ALL)
    asked = await alice.click(alice.choices[0])
    assert "share this story" in asked and "made the difference" not in asked and "Who helped" not in asked
    card = await alice.say("yes")
    assert "fetched the big umbrella and walked her all the way to her car _(from your story)_" in card
    assert "Who helped:* Jen _(from your story)_" in card and "She was so relieved _(from your story)_" in card
    await alice.click("save")
    [story] = await _stories(app)
    assert story.action == "fetched the big umbrella and walked her all the way to her car"
    assert story.colleagues == ["Jen"] and story.effect == "She was so relieved"


async def test_a_story_about_a_colleague_asks_what_they_did(app, chat):
    alice = chat("alice")
    await alice.say("story")
    await alice.say("Jen on reception was brilliant with an anxious mum and her baby in the waiting room today.")
    asked = await alice.click(alice.choices[0])
    assert "What did Jen do that made the difference?" in asked, asked
    card = await _finish(alice, action="found them a quiet corner and brought a bottle warmer", save=False)
    assert "What Jen did:* found them a quiet corner" in card and "Who helped:* Jen _(from your story)_" in card
    assert "edit_action" in alice.choices and any(c.label == "Edit what Jen did" for c in alice.last[-1].choices)
    await alice.click("save")
    [story] = await _stories(app)
    assert story.action.startswith("found them a quiet corner") and story.colleagues == ["Jen"]


async def test_every_line_of_the_card_can_be_edited(app, chat):
    alice = chat("alice")
    await _to_card(alice)
    edits = [
        ("edit_mot", "Which moment", "6", "*Moment:* Check in"),
        ("edit_action", "What did you do", "brought her a cup of tea", "*What you did:* brought her a cup of tea\n"),
        ("edit_colleagues", "Who helped", "Priya and Tom", "*Who helped:* Priya, Tom\n"),
        ("edit_effect", "difference did it make", "she smiled again", "*Effect:* she smiled again\n"),
        ("edit_shareable", "share this story", "no", "*Shared:* no, managers only"),
    ]
    for button, question, answer, line in edits:
        assert question in await alice.click(button), button
        card = await alice.say(answer)
        assert "Does it look right" in card and line in card, (button, card)
    assert "Thank you" in await alice.click("save")
    [story] = await _stories(app)
    assert (story.mot_id, story.action, story.colleagues, story.effect, story.shareable) == (
        "check-in", "brought her a cup of tea", ["Priya", "Tom"], "she smiled again", False)


async def test_typed_answers_at_the_card(app, chat):
    from types import SimpleNamespace

    from bot.dialogs.story import parse_card
    said = {"yes": "save", "looks good!": "save", "Save it": "save", "👍": "save", "edit who helped": "edit_colleagues",
            "change the moment": "edit_mot", "the effect is wrong": "edit_effect", "fix what I did": "edit_action",
            "don't share it": "edit_shareable", "maybe": None, "change who helped and the effect": None}
    assert {text: parse_card(SimpleNamespace(), {}, text) for text in said} == said
    alice = chat("alice")
    await _to_card(alice)
    assert "Who helped" in await alice.say("edit who helped")
    assert "Does it look right" in await alice.say("Sam")
    assert "Which moment" in await alice.say("change the moment")
    assert "Does it look right" in await alice.say("waiting room")
    assert "Thank you" in await alice.say("looks good")
    assert len(await _stories(app)) == 1


async def test_bad_input_at_the_card_asks_again_and_loses_nothing(app, chat):
    alice = chat("alice")
    await _to_card(alice)
    for text in ("", "🤷", "a" * 10_000, "no"):
        replies = await alice.send(text)
        assert "Does it look right" in replies[-1] and alice.choices[0] == "save", (text[:20], replies)
        assert await _stories(app) == []
    assert "Thank you" in await alice.say("yes")
    [story] = await _stories(app)
    assert story.action == "explained the delay and offered her tea"


async def test_cancel_at_the_card_saves_nothing(app, chat):
    alice = chat("alice")
    await _to_card(alice)
    assert "dropped" in await alice.say("cancel")
    assert await _stories(app) == []


async def test_back_from_the_card_changes_the_last_answer(app, chat):
    alice = chat("alice")
    await _to_card(alice, share="yes")
    assert "share this story" in await alice.say("back")
    assert "*Shared:* no, managers only" in await alice.say("no")


async def test_a_sentence_at_the_moment_question_is_not_read_as_a_moment_by_a_shared_word(app, chat):
    """"card reader" shares a word with *Read the signs*: a long sentence there names no moment."""
    alice = chat("alice")
    await alice.say("story")
    asked = await alice.say("A lady was lost in the car park so I walked her to the clinic.")
    assert "moment" in asked
    again = await alice.say("The card reader at the front desk keeps freezing and people get cross")
    assert "Who helped" not in again and "What did you do" not in again
    assert alice.choices  # the moments are offered again


async def test_a_number_at_who_helped_is_not_a_name(app, chat):
    alice = chat("alice")
    await alice.say("story")
    await alice.say(STORY)
    assert "Who helped" in await alice.click("confirm")
    again = await alice.say("2")
    assert "Type their names" in again and "nobody" in again
    assert "Who helped" in await alice.say("?? !!")
    assert "difference" in await alice.say("Sam and 2 porters")
    await _finish(alice)
    [story] = await _stories(app)
    assert story.colleagues == ["Sam", "2 porters"]


@pytest.mark.parametrize(("said", "names"), [
    ("Sam and <@U123>", ["Sam", "<@U123>"]), ("Tom, Priya", ["Tom", "Priya"]),
    # the names, without how people answer around them (each would count as a person of its own)
    ("Maria helped me", ["Maria"]), ("helped by Kwame", ["Kwame"]), ("it was Sam and Jo", ["Sam", "Jo"]),
    ("thanks to Dr Patel", ["Dr Patel"]), ("Bob the porter helped a lot", ["Bob the porter"]),
    ("my colleague Jen from reception", ["Jen from reception"]), ("Jo and I", ["Jo"]), ("me and Jo", ["Jo"]),
    ("Noah", ["Noah"]), ("Isla helped", ["Isla"]),
    ("nobody", []), ("nope", []), ("nobody helped", []), ("no one, I did it on my own", []), ("just me", []), ("I did", []),
])
def test_who_helped_is_the_names(said: str, names: list[str]) -> None:
    assert parse_colleagues(said) == names


async def test_who_helped_said_in_a_sentence_is_stored_as_the_name(app, chat):
    alice = chat("alice")
    await alice.say("story")
    await alice.say(STORY)
    await alice.click("confirm")
    card = await _finish(alice, colleagues="Maria helped me", effect="She calmed down", save=False)
    assert "Who helped:* Maria\n" in card
    await alice.click("save")
    [story] = await _stories(app)
    assert story.colleagues == ["Maria"]


async def test_yes_or_save_is_not_a_helper_or_an_effect(app, chat):
    """"yes" where "Who helped?" is asked, "save" where the effect is: asked again, never stored as a name or an
    effect (a QA pass found both stored); *skip* still skips the effect."""
    alice = chat("alice")
    await alice.say("story")
    await alice.say(STORY)
    await alice.click("confirm")
    assert "Type their names" in await alice.say("yes")
    await alice.say("Sam")
    assert "A few words" in await alice.say("save")
    assert "share" in await alice.say("skip")
    card = await alice.say("yes")
    assert "Who helped:* Sam\n" in card and "• *Effect:* -\n" in card


async def test_the_same_story_told_twice_is_saved_once(app, chat):
    """A story pasted or told again by its author (within a week) is not saved twice: the reply says which story it
    is; another person's same words, or the same person's new story, are saved (a QA pass saved one twice)."""
    alice = chat("alice")
    first = await _finish_story(alice)
    assert "Your story #" in first
    again = await _finish_story(alice)
    assert "You already told me this story" in again and "saved as #" in again
    assert len(await _stories(app)) == 1
    assert "Your story #" in await _finish_story(chat("sam"))
    assert len(await _stories(app)) == 2


async def _finish_story(person) -> str:  # type: ignore[no-untyped-def]
    await person.say("story")
    await person.say(STORY)
    await person.click("confirm")
    return await _finish(person)


@pytest.mark.parametrize(("said", "shared"), [("keep it private", False), ("managers only", False),
                                              ("share it", True), ("looks good", True)])
async def test_sharing_answered_in_words(app, chat, said, shared):
    alice = chat("alice")
    await alice.say("story")
    await alice.say(STORY)
    await alice.click("confirm")
    await _finish(alice, colleagues="Sam", effect="She calmed down", share=said)
    [story] = await _stories(app)
    assert story.shareable is shared


async def test_a_story_of_a_word_or_two_is_asked_for_again(app, chat):
    alice = chat("alice")
    await alice.say("story")
    for said in ("hmm", "story", "ok then"):
        assert (await alice.say(said)).startswith("Tell me a little more, in a sentence or two")
    assert "That sounds like the moment" in await alice.say(STORY)


async def test_my_stories_lists_the_speakers_own(app, chat):
    alice = chat("alice")
    assert "You haven't told any stories yet" in await alice.say("my stories")
    await alice.say("story")
    await alice.say(STORY)
    await alice.click("confirm")
    await _finish(alice, colleagues="Sam", effect="She calmed down", share="no")
    mine = await alice.say("my stories")
    assert mine.startswith("You've told 1 story:") and "*Sit in the waiting room* (private)" in mine
    assert "You haven't told any stories yet" in await chat("sam").say("My stories!")
    assert "Stories are told by the team's staff" in await chat("guest").say("my stories")


async def test_a_moment_typed_at_is_that_right_is_read_among_all_moments_not_a_buttons_near_word(app, chat):
    """"waiting room" typed at "Sit in the waiting room. Is that right?" is that moment, not a button's *Wait for
    results* (both say "wait"; a QA pass saw every such story saved under Wait for results)."""
    alice = chat("alice")
    await alice.say("story")
    offered = await alice.say("calmed an anxious patient in the waiting area")
    assert "*Sit in the waiting room*" in offered
    await alice.say("waiting room")
    await _finish(alice, action="I sat with her", colleagues="nobody")
    [story] = await _stories(app)
    assert story.mot_id == "waiting-room"
