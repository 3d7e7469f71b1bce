"""`TurnOrder`, the one place that orders a conversation's turns for every adapter."""

import asyncio

from bot.adapters.turn import TurnOrder
from bot.events import ConversationKey, IncomingMessage, OutgoingMessage, Platform

ALICE = ConversationKey(Platform.SLACK, "D1", "U1")
SAM = ConversationKey(Platform.SLACK, "D2", "U2")


async def test_one_conversations_turns_run_in_arrival_order_replies_included():
    log: list[str] = []

    async def handler(msg: IncomingMessage) -> list[OutgoingMessage]:
        log.append(f"handle {msg.text}")
        await asyncio.sleep(0.01 if msg.text == "1" else 0)
        return [OutgoingMessage(msg.key, f"re {msg.text}")]

    turns = TurnOrder(handler)

    async def turn(text: str) -> None:
        async with turns.turn(ALICE, IncomingMessage(ALICE, text), sorry="sorry") as replies:
            await asyncio.sleep(0.01)  # posting takes a while
            log.extend(f"post {r.text}" for r in replies)

    await asyncio.gather(turn("1"), turn("2"))
    assert log == ["handle 1", "post re 1", "handle 2", "post re 2"]
    assert turns._locks == {}  # nothing kept once no turn waits


async def test_other_conversations_run_alongside_within_max_busy():
    busy = peak = 0

    async def handler(msg: IncomingMessage) -> list[OutgoingMessage]:
        nonlocal busy, peak
        busy += 1
        peak = max(peak, busy)
        await asyncio.sleep(0.01)
        busy -= 1
        return []

    for max_busy, expected in ((None, 2), (1, 1)):
        busy = peak = 0
        turns = TurnOrder(handler, max_busy=max_busy)

        async def turn(key: ConversationKey) -> None:
            async with turns.turn(key, IncomingMessage(key, "hi"), sorry="sorry"):
                pass

        await asyncio.gather(turn(ALICE), turn(SAM))
        assert peak == expected


async def test_a_failing_handler_is_answered_with_sorry_and_no_message_means_no_replies():
    async def handler(msg: IncomingMessage) -> list[OutgoingMessage]:
        raise RuntimeError("boom")

    turns = TurnOrder(handler)
    async with turns.turn(ALICE, IncomingMessage(ALICE, "hi"), sorry="Sorry!") as replies:
        assert replies == [OutgoingMessage(ALICE, "Sorry!")]
    async with turns.turn("chat", None, sorry="Sorry!") as replies:
        assert replies == []
