"""Retention: abandoned conversations, old turns and old de-duplication ids are deleted; stories stay."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.models import AskedQuestion, DialogState, ProcessedEvent, Story, Turn
from bot import store
from bot.retention import RetentionService, purge
from tests.conftest import Chat


async def rows(app, model):  # type: ignore[no-untyped-def]
    async with app.sessionmaker() as session:
        return list((await session.exec(select(model))).all())


async def test_abandoned_conversation_is_kept_for_resuming_then_deleted(app, clock):
    alice = Chat(app, "alice")
    await alice.say("story")
    await alice.say("A man collapsed at check-in; his daughter gave me her number 07700 900123")
    [state] = await rows(app, DialogState)
    assert "07700 900123" not in str(state.slots) and "[phone]" in str(state.slots)  # redacted as it came in
    settings = app.settings
    expiry = state.expires_at

    kept = await purge(sessionmaker=app.sessionmaker, settings=settings, now=expiry + timedelta(hours=1))
    assert kept.dialog_states == 0 and len(await rows(app, DialogState)) == 1  # may still be resumed
    gone = await purge(sessionmaker=app.sessionmaker, settings=settings,
                       now=expiry + timedelta(hours=settings.expired_state_hours, minutes=1))
    assert gone.dialog_states == 1 and await rows(app, DialogState) == []


async def test_a_question_kept_for_follow_ups_expires_and_is_then_deleted(app, clock):
    dana = Chat(app, "dana")
    await dana.say("which moments are weakest this week?")
    [asked] = await rows(app, AskedQuestion)
    assert asked.question["intent"] == "weakest" and asked.expires_at == clock.now + timedelta(minutes=30)
    async with app.sessionmaker() as session:
        assert await store.recall_question(session=session, conversation=asked.conversation, now=clock.now)
        assert await store.recall_question(session=session, conversation=asked.conversation,
                                           now=asked.expires_at) is None  # too late to follow up
    kept = await purge(sessionmaker=app.sessionmaker, settings=app.settings, now=asked.expires_at)
    assert kept.dialog_states == 0 and len(await rows(app, AskedQuestion)) == 1
    gone = await purge(sessionmaker=app.sessionmaker, settings=app.settings,
                       now=asked.expires_at + timedelta(hours=app.settings.expired_state_hours, minutes=1))
    assert gone.dialog_states == 1 and await rows(app, AskedQuestion) == []


async def test_turns_and_event_ids_expire_stories_stay(app):
    alice = Chat(app, "alice")
    for text in ("story", "A lady was lost in the car park so I walked her to the clinic entrance myself.",
                 "1", "nobody", "skip", "yes", "save"):  # the story says what Alice did; then the card
        await alice.say(text)
    assert len(await rows(app, Story)) == 1
    turns, events = await rows(app, Turn), await rows(app, ProcessedEvent)
    assert turns and events
    newest = max(t.created_at for t in turns)
    settings = app.settings
    early = await purge(sessionmaker=app.sessionmaker, settings=settings, now=newest + timedelta(days=1))
    assert (early.turns, early.events) == (0, 0)
    late = await purge(sessionmaker=app.sessionmaker, settings=settings,
                       now=newest + timedelta(days=settings.turn_retention_days + 1))
    assert late.turns == len(turns) and late.events == len(events)
    assert await rows(app, Turn) == [] and await rows(app, ProcessedEvent) == []
    assert len(await rows(app, Story)) == 1  # what the team collects on purpose is kept


async def test_service_purges_at_start(app, clock):
    alice = Chat(app, "alice")
    await alice.say("story")
    clock.advance(days=3)  # expired (60 min timeout in tests) and past the 24 h grace
    service = RetentionService(sessionmaker=app.sessionmaker, settings=app.settings, clock=clock)
    purged = await service.run_once()
    assert purged is not None and purged.dialog_states == 1
    await service.start()
    await service.stop()
