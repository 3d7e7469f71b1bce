"""Slack replies through the durable outbox (bot/outbox.py), full stack, while the fake Web API answers
429s, refuses connections or drops them after posting, for a window of time: every reply the turns
stored arrives once, in order per conversation; a reply whose answer was lost is not posted again;
replies still waiting when the process stops are sent, in order, by the next start."""

from __future__ import annotations

import asyncio
import dataclasses
from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.store.outbox import UNKNOWN
from devkit.fakes.slack_api import FakeSlackApi
from tests.adapters.conftest import SlackStack, start_stack

USERS = ("U0ALICE", "U0SAM", "U0DANA", "U0CUST1", "U0CUST2", "U0CUST3")  # three staff, three customers


class Stored:
    """What the turns asked the outbox to send, per channel and in order (a spy on `send_later`)."""

    def __init__(self, stack: SlackStack) -> None:
        self.texts: dict[str, list[str]] = defaultdict(list)
        backend = stack.adapter.backend
        real = backend.send_later
        assert real is not None

        async def spy(platform: str, conversation: str, requests: list[dict[str, Any]]) -> None:
            for request in requests:
                self.texts[request["args"]["channel"]].append(request["args"]["text"])
            await real(platform, conversation, requests)

        stack.adapter.backend = dataclasses.replace(backend, send_later=spy)


def shown(fake: FakeSlackApi, channels: Any) -> dict[str, list[str]]:
    return {channel: [m["text"] for m in fake.posted(channel)] for channel in channels}


async def talk(stack: SlackStack, *texts: str) -> None:
    for text in texts:
        for user in USERS:
            assert (await stack.say(user, text)).status_code == 200


@pytest.fixture
async def stack(db_url: str, slack_api: FakeSlackApi) -> AsyncIterator[SlackStack]:
    running = await start_stack(db_url, slack_api, STORYBOT_SEND_TIMEOUT_SECONDS=0.5)
    running.core.outbox.backoff = (0.05, 0.2)  # refused connections: tried again soon (tests stay fast)
    yield running
    await running.stop()


async def test_during_a_window_of_429s_every_reply_arrives_once_in_order(stack):
    stored = Stored(stack)
    stack.fake.fault_window(60, "429", retry_after=0.2)
    await talk(stack, "hello", "help")
    await asyncio.wait_for(stack.core.inbox.idle(), timeout=20)  # every turn is done: its replies wait
    stack.fake._windows.clear()  # Slack takes messages again
    await asyncio.wait_for(stack.idle(), timeout=20)
    assert sum(1 for c in stack.fake.calls if c.get("window") == "429") >= len(USERS)  # the window did bite
    assert len(stored.texts) == len(USERS) and all(len(t) >= 2 for t in stored.texts.values())
    assert shown(stack.fake, stored.texts) == stored.texts  # each once, in order


async def test_during_a_window_of_refused_connections_every_reply_arrives_once_in_order(stack):
    stored = Stored(stack)
    await talk(stack, "hello")  # bolt's first auth.test, before Slack "goes away"
    await asyncio.wait_for(stack.idle(), timeout=20)
    await stack.fake.go_offline()  # connections refused: no request reaches Slack
    await talk(stack, "help", "menu")
    await asyncio.wait_for(stack.core.inbox.idle(), timeout=20)  # every turn is done
    assert await stack.core.outbox.count() > 0  # ... and its replies wait
    await stack.fake.go_online()
    await asyncio.wait_for(stack.idle(), timeout=20)
    assert all(len(t) >= 3 for t in stored.texts.values())
    assert shown(stack.fake, stored.texts) == stored.texts


async def test_a_reply_posted_but_whose_answer_was_lost_is_not_posted_again(stack):
    stored = Stored(stack)
    stack.fake.fault_window(60, "drop-after")  # every reply is posted, and its answer lost
    await talk(stack, "hello")
    await asyncio.wait_for(stack.idle(), timeout=20)
    assert shown(stack.fake, stored.texts) == stored.texts  # posted once each: none sent again
    assert await stack.core.outbox.count(UNKNOWN) == len(stack.fake.posts())  # each recorded "maybe sent"
    assert len(stack.fake.posts()) == sum(len(t) for t in stored.texts.values())


async def test_replies_waiting_at_a_restart_are_sent_in_order_by_the_next_start(db_url, slack_api):
    first = await start_stack(db_url, slack_api)
    stored = Stored(first)
    slack_api.fault_window(60, "429", retry_after=0.1)  # Slack keeps answering 429 for the rest of this run
    await talk(first, "hello")
    await asyncio.wait_for(first.core.inbox.idle(), timeout=20)
    while sum(1 for c in slack_api.calls if c.get("window")) < 2 * sum(len(t) for t in stored.texts.values()):
        await asyncio.sleep(0.02)  # every reply was tried, and refused, at least twice
    await first.stop()
    assert not any(slack_api.posted(channel) for channel in stored.texts)
    slack_api._windows.clear()  # Slack answers again
    second = await start_stack(db_url, slack_api, seeded=False)
    try:
        await asyncio.wait_for(second.core.outbox.idle(), timeout=60)
    finally:
        await second.stop()
    assert shown(slack_api, stored.texts) == stored.texts
