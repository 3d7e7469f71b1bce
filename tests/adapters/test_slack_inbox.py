"""Slack through the durable inbox, full stack: an event is stored before Slack gets its 200, so a
process killed right after the ack loses nothing: the next start processes it, once."""

from __future__ import annotations

import asyncio

from sqlalchemy import func
from sqlmodel import select

from bot.models import InboxEvent, Turn
from tests.adapters.conftest import SlackStack, start_stack
from devkit.fakes.slack_api import BOT_ID, BOT_USER, click_payload, command_form, message_event
from tests.adapters.test_slack import buttons


async def waiting(stack: SlackStack) -> int:
    """Events in the inbox (on SQLite a file of its own beside the database: bot.db.inbox_database_url)."""
    async with stack.core.inbox.sessionmaker() as session:
        return int((await session.exec(select(func.count()).select_from(InboxEvent))).one())


async def test_an_acked_event_survives_a_kill_and_is_processed_once_at_the_next_start(db_url, slack_api):
    first = await start_stack(db_url, slack_api)
    await first.core.inbox.stop()  # no lane runs: as if the process were killed right after the 200
    try:
        payload = message_event("U0ALICE", "hello", event_id="Ev0KILLED")
        assert (await first.sender.event(payload)).status_code == 200
        assert (await first.sender.command(command_form("U0SAM", "story"))).status_code == 200
        assert await waiting(first) == 2  # in the database before the answer went out
        await asyncio.sleep(0.2)
        assert slack_api.posts() == [] and await turns(first) == []
    finally:
        await first.stop()

    second = await start_stack(db_url, slack_api, seeded=False)  # a fresh process on the same file
    try:
        await second.idle()
        assert await waiting(second) == 0
        turns_in = [t for t in await turns(second) if t.direction == "in"]
        assert len(turns_in) == 2  # each processed once
        answered = {post["channel"] for post in slack_api.posts()}
        assert answered == {"DU0ALICE", "DU0SAM"}
        assert (await second.sender.event(payload)).status_code == 200  # Slack re-sends it later: ignored
        await asyncio.sleep(0.2)
        await second.idle()
        assert len([t for t in await turns(second) if t.direction == "in"]) == 2
    finally:
        await second.stop()
    posted = len(slack_api.posts())

    third = await start_stack(db_url, slack_api, seeded=False)  # and nothing is done again
    try:
        await asyncio.sleep(0.2)
        await third.idle()
        assert len(slack_api.posts()) == posted
    finally:
        await third.stop()


async def test_a_redelivery_waiting_in_the_inbox_is_stored_once(db_url, slack_api):
    stack = await start_stack(db_url, slack_api)
    await stack.core.inbox.stop()
    try:
        payload = message_event("U0ALICE", "hello", ts="1700000000.000100")
        answers = await asyncio.gather(stack.sender.event(payload),
                                       stack.sender.event(payload, headers={"X-Slack-Retry-Num": "1"}))
        assert [a.status_code for a in answers] == [200, 200]
        assert await waiting(stack) == 1
        await stack.core.inbox.start()
        await stack.idle()
        assert len([t for t in await turns(stack) if t.direction == "in"]) == 1
    finally:
        await stack.stop()


async def test_a_database_that_cannot_store_the_event_gets_slack_to_send_it_again(stack):
    async def broken(*args: object) -> bool:
        raise RuntimeError("database is locked")

    object.__setattr__(stack.adapter.backend, "accept", broken)  # a frozen dataclass: its own field, for the test
    answer = await stack.say("U0ALICE", "hello")
    assert answer.status_code >= 500  # not a 200: Slack retries it
    await asyncio.sleep(0.1)
    assert stack.fake.posts() == []


async def crash_test_turn(db_url: str, slack_api, crash_after_storing: bool) -> None:  # type: ignore[no-untyped-def]
    """A turn whose process dies (the lane's task ends as a SIGKILL would end it: no finishing, no
    hand-back beyond what `stop` does) right before the outbox stores its replies, or right after;
    then a fresh process on the same database replays what is left."""
    first = await start_stack(db_url, slack_api)
    store_replies = first.adapter.backend.send_later
    assert store_replies is not None

    async def dying(*args: object) -> None:
        if crash_after_storing:
            await store_replies(*args)  # type: ignore[arg-type]
        raise asyncio.CancelledError  # the process is gone: nothing after this runs

    object.__setattr__(first.adapter.backend, "send_later", dying)  # a frozen dataclass: for the test
    await first.core.outbox.stop()  # what the outbox stored is sent by the next process
    payload = message_event("U0ALICE", "hello", event_id="Ev0CRASH")
    try:
        assert (await first.sender.event(payload)).status_code == 200
        for _ in range(500):
            if [t for t in await turns(first) if t.direction == "in"]:
                break  # the router's transaction is committed
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.2)
        assert slack_api.posts() == []
    finally:
        await first.stop()

    second = await start_stack(db_url, slack_api, seeded=False)
    try:
        await second.idle()
        await asyncio.wait_for(second.core.outbox.idle(), timeout=10)
        assert await waiting(second) == 0
        logged = await turns(second)
        replies = [t for t in logged if t.direction == "out"]
        assert len([t for t in logged if t.direction == "in"]) == 1 and replies  # the turn ran once
        assert len(slack_api.posts("DU0ALICE")) == len(replies)  # each reply posted once
        assert (await second.sender.event(payload)).status_code == 200  # Slack sends it again: ignored
        await asyncio.sleep(0.2)
        await second.idle()
        await asyncio.wait_for(second.core.outbox.idle(), timeout=10)
        assert len(slack_api.posts("DU0ALICE")) == len(replies)
    finally:
        await second.stop()


async def test_a_crash_between_the_routers_commit_and_the_outboxs_loses_no_reply(db_url, slack_api):
    await crash_test_turn(db_url, slack_api, crash_after_storing=False)


async def test_a_crash_after_the_outbox_stored_the_replies_does_not_store_them_again(db_url, slack_api):
    await crash_test_turn(db_url, slack_api, crash_after_storing=True)


async def turns(stack: SlackStack) -> list[Turn]:
    async with stack.core.sessionmaker() as session:
        return list((await session.exec(select(Turn))).all())


async def test_messages_and_clicks_after_the_first_go_to_the_inbox_without_bolt(stack):
    """Once bolt has authorised a request (the bot's user id is known), a message, an @mention or a click
    on a choice needs nothing else of bolt: `handle_http` stores it directly (`_straight_to_inbox`),
    answers as bolt does (an empty 200), and the turn is the same. The bot's own posts are still
    ignored, and an inbox that can't store the event still gets Slack to send it again."""
    bolt = stack.adapter.bolt
    through_bolt: list[str] = []
    dispatch = bolt.async_dispatch

    async def counted(request):  # noqa: ANN001, ANN202 - bolt's request and response
        through_bolt.append(str(request.body.get("type")))
        return await dispatch(request)

    bolt.async_dispatch = counted  # our own instance's attribute: bolt itself is untouched
    user = "U0ALICE"
    assert (await stack.say(user, "hello")).status_code == 200  # bolt: its authorization learns who we are
    await stack.idle()
    assert stack.adapter.bot_user_id == BOT_USER and through_bolt == ["event_callback"]
    menu = next(post for post in stack.fake.posts() if buttons(post))
    answer = await stack.say(user, "help")
    assert (answer.status_code, answer.content) == (200, b"")
    choice = buttons(menu)[0]
    click = await stack.sender.interaction(click_payload(user, menu, choice))
    assert (click.status_code, click.content) == (200, b"")
    own = await stack.sender.event(message_event(BOT_USER, "our own post, echoed", bot_id=BOT_ID))
    assert own.status_code == 200
    await stack.idle()
    assert through_bolt == ["event_callback"]  # nothing else went through bolt
    assert [c["method"] for c in stack.fake.calls if c["method"] == "chat.update"] == ["chat.update"]  # the click
    turns_in = [t for t in await turns(stack) if t.direction == "in"]
    assert len(turns_in) == 3  # hello, help, the click; not our own post

    async def broken(*args: object) -> bool:
        raise RuntimeError("database is locked")

    object.__setattr__(stack.adapter.backend, "accept", broken)  # a frozen dataclass: its own field, for the test
    assert (await stack.say(user, "hello again")).status_code == 503  # Slack sends it again
    assert through_bolt == ["event_callback"]
