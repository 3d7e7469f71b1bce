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

    turns = TurnOrder(handler, sorry="sorry")

    async def post(reply: OutgoingMessage) -> None:
        await asyncio.sleep(0.01)  # posting takes a while
        log.append(f"post {reply.text}")

    async def turn(text: str) -> None:
        await turns.run(IncomingMessage(ALICE, text), post=post)

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
        turns = TurnOrder(handler, sorry="sorry", max_busy=max_busy)

        async def turn(key: ConversationKey) -> None:
            await turns.run(IncomingMessage(key, "hi"))

        await asyncio.gather(turn(ALICE), turn(SAM))
        assert peak == expected


async def test_a_failing_handler_is_answered_with_sorry_and_no_message_means_no_replies():
    async def handler(msg: IncomingMessage) -> list[OutgoingMessage]:
        raise RuntimeError("boom")

    turns = TurnOrder(handler, sorry="Sorry!")
    seen: list[list[OutgoingMessage]] = []

    async def before_posting(replies: list[OutgoingMessage]) -> None:
        seen.append(replies)

    await turns.run(IncomingMessage(ALICE, "hi"), before_posting=before_posting)
    [replies] = seen
    assert replies == [OutgoingMessage(ALICE, "Sorry!")]
    seen.clear()
    await turns.run(None, key="chat", before_posting=before_posting)
    [replies] = seen
    assert replies == []


async def test_a_quiet_send_error_skips_to_the_next_reply_and_sorry_stays_in_the_thread():
    class SendError(RuntimeError):
        """Logged by the adapter where it happened."""

    async def handler(msg: IncomingMessage) -> list[OutgoingMessage]:
        if msg.text == "boom":
            raise RuntimeError("boom")
        return [OutgoingMessage(msg.key, "one"), OutgoingMessage(msg.key, "two")]

    posted: list[OutgoingMessage] = []

    async def post(reply: OutgoingMessage) -> None:
        if reply.text == "one":
            raise SendError("chat.postMessage failed")
        posted.append(reply)

    async def mark(replies: list[OutgoingMessage]) -> None:
        raise SendError("chat.update failed")

    turns = TurnOrder(handler, sorry="Sorry!", quiet=(SendError,))
    await turns.run(IncomingMessage(ALICE, "hi"), post=post, before_posting=mark)
    assert [reply.text for reply in posted] == ["two"]
    await turns.run(IncomingMessage(ALICE, "boom", thread_id="1.2"), post=post)
    assert posted[-1] == OutgoingMessage(ALICE, "Sorry!", thread_id="1.2")
