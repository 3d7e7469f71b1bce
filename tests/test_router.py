"""Router behaviour: duplicate delivery, expiry, odd input, unknown commands, roles, concurrency."""

import asyncio

import pytest
from sqlmodel import select

from bot.events import IncomingMessage
from bot.models import DialogState, Story, Turn

STORY = ("A lady had been sitting in the waiting room for an hour and was upset about the long wait, "
         "so I explained the delay and offered her tea.")  # suggested at >= 0.9 confidence (issue 13)


async def _count(app, model):
    async with app.sessionmaker() as session:
        return len((await session.exec(select(model))).all())


async def _finish_story(alice):
    """Up to the story's confirmation card: the next "yes" saves it (the story says what Alice did)."""
    await alice.say("story")
    await alice.say(STORY)
    await alice.click(alice.choices[0])
    for text in ("nobody", "skip", "yes"):
        await alice.say(text)


async def test_same_message_id_twice_is_processed_once(app, chat):
    alice = chat("alice")
    await _finish_story(alice)
    first = await alice.send("yes", message_id="slack-evt-1")
    second = await alice.send("yes", message_id="slack-evt-1")
    assert "Thank you" in first[0] and second == []
    assert await _count(app, Story) == 1


async def test_concurrent_duplicate_delivery_stores_once(app, chat):
    alice = chat("alice")
    await _finish_story(alice)
    msg = IncomingMessage(alice.key, text="yes", message_id="dup-2")
    results = await asyncio.gather(app.router.handle(msg), app.router.handle(msg))
    assert sorted(len(r) for r in results) == [0, 1]
    assert await _count(app, Story) == 1


async def test_expired_dialog_tells_user_and_can_resume(app, chat, clock):
    alice = chat("alice")
    await alice.say("story")
    await alice.say(STORY)
    clock.advance(hours=2)
    reply = await alice.say("hello?")
    assert "timed out" in reply and alice.choices == ["resume", "discard"]
    reply = await alice.click("resume")
    assert "continue" in reply and "right?" in reply
    await alice.click("confirm")
    for text in ("nobody", "skip", "yes", "save"):
        await alice.say(text)
    assert await _count(app, Story) == 1


async def test_expired_dialog_discard(app, chat, clock):
    alice = chat("alice")
    await alice.say("story")
    clock.advance(hours=2)
    await alice.say("anything")
    assert "dropped" in await alice.click("discard")
    assert await _count(app, DialogState) == 0


async def test_unknown_command_and_stale_button_without_dialog(app, chat):
    alice = chat("alice")
    reply = "\n".join(await alice.send("", command="frobnicate"))
    assert "don't know the command /frobnicate" in reply and "go:story" in alice.choices
    assert "ended" in await alice.click("confirm")


@pytest.mark.parametrize("odd", ["", "   ", "🎉🎉🎉", "Привет", "你好", "?", "\x00", "a" * 10_000])
async def test_odd_input_outside_dialog_never_crashes(app, chat, odd):
    replies = await chat("alice").send(odd)
    assert replies and all(isinstance(r, str) and r for r in replies)


async def test_huge_story_is_clipped_with_notice(app, chat):
    alice = chat("alice")
    await alice.say("story")
    reply = await alice.say("waiting room " * 2000)
    assert "first 4,000 characters" in reply


async def test_other_dialog_command_mid_dialog_keeps_state(app, chat):
    alice = chat("alice")
    await alice.say("story")
    await alice.say(STORY)
    reply = "\n".join(await alice.send("", command="feedback"))
    assert "middle of your story" in reply
    assert "Who helped" in await alice.click("confirm")  # the story says what Alice did


async def test_cancel_outside_dialog(app, chat):
    assert "not in the middle" in await chat("alice").say("cancel")


async def test_help_lists_options_by_role(app, chat):
    assert "weakest" not in await chat("alice").say("help")
    assert "weakest" in await chat("dana").say("help")


async def test_turn_log_records_in_and_out(app, chat):
    alice = chat("alice")
    await alice.say("story")
    await alice.say(STORY)
    async with app.sessionmaker() as session:
        turns = (await session.exec(select(Turn).order_by(Turn.id))).all()
    assert [t.direction for t in turns] == ["in", "out", "in", "out"]
    assert turns[2].step == "story" and turns[3].step == "mot"


async def test_payload_button_of_the_current_dialog_restarts_it(app, chat):
    dana = chat("dana")
    await dana.say("ask")  # the ask dialog waits for a question
    reply = await dana.click("go:ask:detail:check-in:2026-11-16:2026-11-22")
    assert "Check in" in reply


async def test_plain_menu_button_mid_story_keeps_the_story(app, chat):
    alice = chat("alice")
    await alice.say("story")
    await alice.say(STORY)
    reply = await alice.click("go:story")
    assert "middle of your story" in reply or "earlier question" in reply
    await alice.click("confirm")
    assert "Who helped" in alice.last[-1].text  # the story says what Alice did


async def test_cancel_command_outside_dialog_is_not_an_unknown_command(app, chat):
    """Telegram sends `/cancel` as a command (it is advertised in every conversation)."""
    alice = chat("alice")
    for word in ("cancel", "back", "restart"):
        reply = "\n".join(await alice.send("", command=word))
        assert "not in the middle" in reply and "don't know the command" not in reply


async def test_entry_points_are_looked_up_from_what_specs_and_commands_declare(app):
    """No dialog name is known to the router: a toy spec's command, phrase, prefix, deep link and the word
    of a message's kind (a story, read by bot.nlp.message_kind) route to it, and a toy `Command` answers
    at once. (Issue 12: free text is read for its kind, no longer routed by its length.)"""
    from bot.dialogs.engine import Ask, Command, DeepLink, DialogSpec, Reply
    from bot.events import ConversationKey, Platform
    from bot.router import Router

    async def done(ctx, slots):
        return [Reply(f"noted {slots.get('ref')}|{slots['what']}")]

    async def ping(ctx, argument):
        return [Reply(f"pong {argument}".strip())]

    toy = DialogSpec(name="toy", title="toy", steps=(Ask("what", "What?", slot="what"),), on_complete=done,
                     commands=("toy", "story"), phrases=("play with me",), deep_links=(DeepLink("toy_", slot="ref"),),
                     menu="Play")
    router = Router(sessionmaker=app.sessionmaker, services=app.services, dialogs={"toy": toy},
                    pseudonym=app.router.pseudonym, commands=(Command("ping", ping, phrases=("are you there",)),))
    key = ConversationKey(Platform.CONSOLE, "console", "alice")

    async def send(text="", command=None):
        return [m.text for m in await router.handle(IncomingMessage(key, text=text, command=command))]

    assert await send("x", command="toy") == ["noted None|x"]
    assert await send("play with me") == ["What?"] and await send("a ball") == ["noted None|a ball"]
    assert await send("toy: a kite") == ["noted None|a kite"]
    assert await send("start toy_42") == ["What?"] and await send("cards") == ["noted 42|cards"]
    told = "A patient dropped her glasses under a chair so I crawled under to find them for her"
    assert await send(told) == [f"noted None|{told}"]  # a staff member's story, read as one
    assert await send("on", command="ping") == ["pong on"] and await send("are you there") == ["pong are you there"]
    replies = await router.handle(IncomingMessage(key, text="hm"))
    assert [r.text for r in replies] == ["I'm not sure what you mean. Did you mean…"]
    assert [c.id for c in replies[0].choices] == ["go:toy", "help"]  # one dialog, then "what can you do?"


async def test_replies_go_to_the_thread_the_message_came_from(app, chat):
    alice = chat("alice")
    replies = await app.router.handle(IncomingMessage(alice.key, text="story", thread_id="1732100000.000200"))
    assert replies and all(reply.thread_id == "1732100000.000200" for reply in replies)


async def test_a_conversation_advanced_elsewhere_is_tried_again_on_fresh_state(app, chat, monkeypatch):
    from bot import router, store

    real_close_turn, calls = router.close_turn, []

    async def close_turn(**kwargs):
        calls.append(kwargs["conversation"])
        if len(calls) == 1 or kwargs.get("dialog") is None:  # the first save, and every save ending a dialog,
            raise store.StaleStateError(kwargs["conversation"])  # find that another process saved first
        return await real_close_turn(**kwargs)

    monkeypatch.setattr(router, "close_turn", close_turn)
    alice = chat("alice")
    replies = await app.router.handle(IncomingMessage(alice.key, text="story", message_id="evt-stale-1"))
    assert len(calls) == 2 and replies and "Sorry" not in replies[0].text
    assert await _count(app, DialogState) == 1
    # always stale: after three tries the person is asked to send it again, in their thread
    replies = await app.router.handle(IncomingMessage(alice.key, text="cancel", thread_id="7.1"))
    assert [(r.text, r.thread_id) for r in replies] == [
        ("Sorry, I got two messages at once. Please send that again.", "7.1")]
    assert len(calls) == 5
