"""Telegram replies through the durable outbox (bot/outbox.py), full stack: during a window of 429s
(`parameters.retry_after`) from the fake Bot API, every reply of several chats arrives once, in order
per chat; during a window of dropped connections after Telegram took the message, none is sent twice."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

from bot.events import Platform
from bot.store.outbox import UNKNOWN
from devkit.fakes.telegram_api import text_update
from tests.adapters.test_telegram_delivery import MANAGER, STAFF, Stack, migrated_db, stack  # noqa: F401  (fixtures)

CHATS = (STAFF, MANAGER, 5001, 5002, 5003)  # two of the team, three customers


class Stored:
    """What the turns asked the outbox to send, per chat and in order (a spy on `send_later`)."""

    def __init__(self, stack: Stack) -> None:  # noqa: F811
        self.texts: dict[str, list[str]] = defaultdict(list)
        adapter = stack.core.adapters[Platform.TELEGRAM]
        real = adapter.send_later  # type: ignore[attr-defined]

        async def spy(platform: str, conversation: str, requests: list[dict[str, Any]]) -> None:
            for request in requests:
                self.texts[str(request["chat_id"])].append(request["text"])
            await real(platform, conversation, requests)

        adapter.send_later = spy  # type: ignore[attr-defined]

    def shown(self, stack: Stack) -> dict[str, list[str]]:  # noqa: F811
        return {chat: stack.fake.texts(chat) for chat in self.texts}


async def talk(stack: Stack, *texts: str) -> None:  # noqa: F811
    for text in texts:
        for chat in CHATS:
            assert (await stack.fake.deliver(text_update(text, user_id=chat))).status_code == 200


async def settle(stack: Stack) -> None:  # noqa: F811
    await asyncio.wait_for(stack.core.adapters[Platform.TELEGRAM].idle(), timeout=20)  # type: ignore[attr-defined]


async def test_during_a_window_of_429s_every_reply_arrives_once_in_order(stack):  # noqa: F811
    stack.core.outbox.backoff = (0.05, 0.2)
    stored = Stored(stack)
    stack.fake.fault_window(60, "429", retry_after=0.2)
    await talk(stack, "hello", "/help")
    await asyncio.wait_for(stack.core.inbox.idle(), timeout=20)  # every turn is done: its replies wait
    stack.fake._windows.clear()  # Telegram takes messages again
    await settle(stack)
    assert sum(1 for c in stack.fake.calls if c["status"] == 429) >= len(CHATS)  # the window did bite
    assert len(stored.texts) == len(CHATS) and all(len(t) >= 2 for t in stored.texts.values())
    assert stored.shown(stack) == stored.texts


async def test_during_a_window_of_lost_answers_no_reply_is_sent_twice(stack):  # noqa: F811
    stored = Stored(stack)
    stack.fake.fault_window(60, "drop-after")  # every reply is taken, and its answer lost
    await talk(stack, "hello")
    await settle(stack)
    assert stored.shown(stack) == stored.texts  # each shown once: none sent again
    assert await stack.core.outbox.count(UNKNOWN) >= 1
