"""Issue 12, points 1 and 6: what an unprompted message is (bot.nlp.message_kind, read in `Router._free_text`)
decides what happens, for every role; inside a dialog small talk is answered and a change of subject is
offered as a switch; no reply says "didn't understand" without the likely things meant as buttons.

Driven through `Router.handle` (the `chat` fixture). The phrasings here are not the classifier's training
phrasings (bot/nlp/data/message_kinds*.yaml)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot import store
from bot.dialogs.text import STAY, SWITCH
from bot.models import DialogState, Story

TOLD = ("Yesterday a little boy was scared of his injection, so I let him hold my stethoscope and listen "
        "to his own heart until he calmed right down.")
FAULT = "The printer in room 4 keeps jamming and patients wait ages for their forms"


async def _state(app, user: str) -> DialogState | None:
    async with app.sessionmaker() as session:
        rows = (await session.exec(select(DialogState))).all()
    return next((row for row in rows if row.conversation.endswith(":" + user)), None)


def _go(chat) -> list[str]:  # type: ignore[no-untyped-def]
    return [c for c in chat.choices if c.startswith("go:")]


# --- small talk, outside any dialog ---------------------------------------------------------------


@pytest.mark.parametrize("said", ["cheers, much appreciated", "ty so much!", "🙏"])
async def test_thanks_is_answered_warmly(chat, said):
    reply = await chat("alice").say(said)
    assert reply.startswith("You're welcome") and "understand" not in reply


async def test_goodbye_emoji_and_greeting(chat):
    alice = chat("alice")
    assert "Bye" in await alice.say("catch you later!")
    nod = await alice.say("👌")
    assert "Sorry" not in nod and "go:story" in alice.choices
    assert "Hi Alice" in await alice.say("good evening!")


@pytest.mark.parametrize("user, says", [("alice", "customer moments"), ("dana", "weakest"), ("guest", "feedback")])
async def test_banter_gets_a_kind_word_and_what_the_bot_is_for(chat, user, says):
    person = chat(user)
    reply = await person.send("tell me a joke")
    assert reply[0].startswith("🙂 I'm not much of a chatter") and says in reply[0].lower()
    assert "Anything else" not in reply[0] and _go(person)


@pytest.mark.parametrize("user, says", [("alice", "tell a story"), ("dana", "weakest"), ("guest", "feedback")])
async def test_what_can_you_do_is_short_and_by_role(chat, user, says):
    person = chat(user)
    reply = await person.send("so what are you able to do for me?")
    assert len(reply) == 2 and len(reply[0].splitlines()) <= 2  # a line or two, then the menu
    assert says in reply[0].lower() or says in reply[0]
    assert _go(person)


# --- what a message is decides where it goes -------------------------------------------------------


async def test_a_managers_story_is_a_story_not_a_question(chat):
    dana = chat("dana")
    reply = await dana.say(TOLD)
    assert "ratings" not in reply and (await _state(dana.app, "dana")).dialog == "story"


async def test_a_staff_story_still_starts_the_story_dialog(chat):
    alice = chat("alice")
    await alice.say(TOLD)
    assert (await _state(alice.app, "alice")).dialog == "story"


async def test_a_staff_problem_is_never_taken_for_a_great_moment(app, chat):
    alice = chat("alice")
    reply = await alice.say(FAULT)
    assert "great" not in reply.lower() and "thank you for sharing" not in reply.lower()
    state = await _state(app, "alice")
    if "problem" in app.router.dialogs:  # the problem dialog (issue 12, point 3) takes it
        assert state is not None and state.dialog == "problem"
    else:
        assert state is None and "coming soon" in reply and "go:story" in alice.choices


async def test_a_problem_goes_to_the_dialog_named_problem_when_there_is_one(app):
    """The router looks the dialog up by the kind's word, so a `problem` dialog is found when registered."""
    from bot.dialogs.engine import Ask, DialogSpec, Reply
    from bot.events import ConversationKey, IncomingMessage, Platform
    from bot.router import Router

    async def done(ctx, slots):
        return [Reply(f"flagged: {slots['what']}")]

    problem = DialogSpec(name="problem", title="problem report", steps=(Ask("what", "What went wrong?", slot="what"),),
                         on_complete=done, menu="Report a problem", roles=frozenset({"staff", "manager"}))
    router = Router(sessionmaker=app.sessionmaker, services=app.services,
                    dialogs={**app.router.dialogs, "problem": problem}, pseudonym=app.router.pseudonym)
    key = ConversationKey(Platform.CONSOLE, "console", "alice")
    replies = await router.handle(IncomingMessage(key, text=FAULT))
    assert [r.text for r in replies] == [f"flagged: {FAULT}"]
    unclear = await router.handle(IncomingMessage(key, text="hmm well"))
    assert "Did you mean" in unclear[0].text and 2 <= len(unclear[0].choices) <= 3
    assert "go:problem" in [c.id for c in unclear[0].choices]


@pytest.mark.parametrize("typed", [dict(text="which moments were weakest last month?"),
                                   dict(text="weakest this week", command="mot")])
async def test_staff_asking_for_numbers_are_told_politely(chat, typed):
    alice = chat("alice")
    reply = "\n".join(await alice.send(**typed))
    assert "for the team's managers" in reply and "understand" not in reply and "go:story" in alice.choices
    assert await _state(alice.app, "alice") is None


async def test_a_manager_asking_for_numbers_gets_them(chat):
    dana = chat("dana")
    reply = await dana.say("which moment got the most complaints last week?")
    assert "managers" not in reply and "ratings" in reply


async def test_a_customer_asking_for_numbers_or_giving_feedback(chat):
    guest = chat("guest")
    assert "for the team's managers" in await guest.say("how do other patients rate this clinic?")
    reply = await guest.send("The receptionist was lovely and the wait was short")
    assert reply[0].startswith("Thanks for telling us") and "rate each moment" in reply[1]
    assert "(1/" in reply[-1] and guest.choices[0] == "shining"  # the survey's first rating


async def test_a_command_in_other_words_starts_what_it_names(chat):
    alice = chat("alice")
    assert "What happened?" in await alice.say("could I log a story please")
    assert (await _state(alice.app, "alice")).dialog == "story"


async def test_a_customer_who_is_unclear_gets_feedback_and_what_i_can_do(chat):
    guest = chat("guest")
    assert "Did you mean" in await guest.say("zxq vrrp")
    assert guest.choices == ["go:visit_survey", "help"]
    assert "anonymous feedback" in await guest.click("help")


async def test_unclear_offers_two_or_three_likely_things(chat):
    dana = chat("dana")
    reply = await dana.send("zxq vrrp")
    assert reply == ["I'm not sure what you mean. Did you mean…"]
    assert 2 <= len(dana.choices) <= 3 and dana.choices[0] == "go:ask"
    assert "What happened?" in await dana.click("go:story")


# --- inside a dialog -------------------------------------------------------------------------------


async def test_hello_as_the_first_answer_of_a_story_is_not_the_story(app, chat):
    alice = chat("alice")
    await alice.say("story")
    reply = await alice.send("hey there!")
    assert reply[0].startswith("Hello") and "What happened?" in reply[-1]
    assert (await _state(app, "alice")).step == "story"
    await alice.say(TOLD)
    assert (await _state(app, "alice")).step != "story"


async def test_a_manager_who_changes_the_subject_may_switch(app, chat):
    dana = chat("dana")
    await dana.say("story")
    await dana.say(TOLD)
    step = (await _state(app, "dana")).step
    offer = await dana.say("oh wait, which moment scored lowest this month?")
    assert "Switch" in offer and dana.choices == [SWITCH, STAY]
    kept = await dana.click(STAY)
    assert "keep going" in kept and (await _state(app, "dana")).step == step
    await dana.say("oh wait, which moment scored lowest this month?")
    switched = await dana.click(SWITCH)
    assert "dropped that story" in switched and "ratings" in switched
    assert await _state(app, "dana") is None


async def test_an_answer_after_a_switch_offer_answers_the_question(app, chat):
    alice = chat("alice")
    await alice.say("story")
    await alice.say(TOLD)
    await alice.click(alice.choices[0])
    offer = await alice.say("actually, could I give feedback instead?")
    assert "Switch" in offer
    assert "difference" in await alice.say("Sam and Jo")  # "Who helped?": taken as the answer after all


async def test_staff_asking_for_numbers_mid_story_keep_their_story(app, chat):
    alice = chat("alice")
    await alice.say("story")
    await alice.say(TOLD)
    step = (await _state(app, "alice")).step
    reply = await alice.say("by the way, what were the weakest moments last month?")
    assert "for the team's managers" in reply and (await _state(app, "alice")).step == step


async def test_what_can_you_do_mid_dialog_answers_and_asks_again(chat):
    alice = chat("alice")
    await alice.say("story")
    reply = await alice.send("what are you for?")
    assert len(reply) == 2 and "What happened?" in reply[-1]


async def test_a_story_goes_all_the_way_through_with_the_reading_on(app, chat):
    alice = chat("alice")
    await alice.say(TOLD)
    await alice.click(alice.choices[0])
    for said in ("nobody", "skip", "yes", "save"):  # the story says what Alice did: not asked
        await alice.say(said)
    async with app.sessionmaker() as session:
        assert len((await session.exec(select(Story))).all()) == 1


# --- point 6: never a dead end ---------------------------------------------------------------------

ODD = ["", "?!", "ok", "asdfgh", "Привет", "你好", "42", "🎉🎉", "hmm", "a" * 5000, "well…", "the", "what?"]


@pytest.mark.parametrize("user", ["alice", "dana", "guest"])
async def test_no_reply_says_it_did_not_understand_without_choices(chat, user):
    person = chat(user)
    for said in ODD:
        replies = await person.send(said)
        assert replies and all(text for text in replies)
        for message in person.last:
            lost = "didn't understand" in message.text or "didn't catch" in message.text
            assert not lost or any(m.choices for m in person.last), (said, message.text)
        if person.last and "Did you mean" in person.last[0].text:
            assert 2 <= len(person.choices) <= 3
        await person.say("cancel")


async def test_the_survey_still_takes_its_ratings(app, chat):
    async with app.sessionmaker() as session, session.begin():
        await store.create_visit(session=session, ref="V1", team_id="riverside", mot_ids=["check-in", "waiting-room"])
    guest = chat("guest")
    await guest.say("start visit_V1")
    assert "Switch" not in await guest.say("1")


async def test_the_reading_and_its_reason_are_logged_at_debug_level(chat, caplog):
    import logging

    with caplog.at_level(logging.DEBUG, logger="bot.router"):
        await chat("alice").say("the coffee machine in the waiting area has been broken since monday")
    logged = [r.getMessage() for r in caplog.records if r.name == "bot.router"]
    assert any(line.startswith("free text read as problem") and "model:" in line for line in logged)


@pytest.mark.parametrize(("answer", "then"), [("no", "difference"), ("nope", "difference"),
                                              ("ok", "Type their names")])
async def test_short_answers_to_a_free_text_question_are_still_answers(app, chat, answer, then):
    alice = chat("alice")
    await alice.say(TOLD)
    await alice.click(alice.choices[0])  # the story says what Alice did: "Who helped?" comes next
    # "Who helped?" "no": on to the next question; "ok" is no name: the step asks again (not small talk)
    assert then in await alice.say(answer)


async def test_no_thanks_skips_an_optional_question(app, chat):
    alice = chat("alice")
    await alice.say(TOLD)
    await alice.click(alice.choices[0])
    await alice.say("nobody")
    assert "share this story" in await alice.say("no thanks")


async def test_thanks_to_an_optional_question_skips_it(app, chat):
    alice = chat("alice")
    await alice.say(TOLD)
    await alice.click(alice.choices[0])
    await alice.say("nobody")
    assert "share this story" in await alice.say("thanks!")


async def test_an_apology_is_answered_kindly_outside_and_inside_a_dialog(app, chat):
    alice = chat("alice")
    outside = await alice.say("sorry, my bad")
    assert "No worries" in outside and "didn't understand" not in outside
    await alice.say("story")
    inside = await alice.say("oops sorry")
    assert "No problem at all" in inside and "What happened?" in inside  # the question comes again


async def test_a_customer_asking_to_be_called_back_is_told_how(chat):
    reply = await chat("guest").say("can you call me back please")
    assert reply.startswith("I can't call you myself, but the team can get in touch") and "not in the middle" not in reply
