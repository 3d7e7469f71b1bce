"""The one place that orders a conversation's turns, for every platform adapter.

A turn is one incoming message: the handler (the router) runs, then its replies are posted. Turns
of one conversation run one at a time, in the order they arrived here (asyncio locks are fair), so
the second message's replies never overtake the first's, and the router never sees two messages of
one conversation at once in this process. Across processes the router's state version catches a
race instead. Other conversations' turns run alongside, at most `max_busy` of them in the handler
at once (the app decides: on SQLite, whose writes go one at a time, it is 1).

Adapters keep nothing else that orders turns: Slack's listeners and PTB's concurrent updates
just start turns (`TurnOrder.run`); the router keeps no lock of its own."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable
from contextlib import nullcontext

from bot.adapters.base import Handler
from bot.events import IncomingMessage, OutgoingMessage

log = logging.getLogger(__name__)


class TurnOrder:
    """An adapter's turns: `handler` answers each message; `sorry` is said when it fails; `quiet` are
    the adapter's send errors, which it logs where they happen."""

    def __init__(self, handler: Handler, *, sorry: str, quiet: tuple[type[Exception], ...] = (),
                 max_busy: int | None = None) -> None:
        self.handler, self.sorry, self.quiet = handler, sorry, quiet
        self._busy = asyncio.Semaphore(max_busy) if max_busy else None
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}  # key -> (lock, turns holding or waiting)

    async def run(
        self,
        msg: IncomingMessage | None,
        *,
        key: Hashable = None,
        post: Callable[[OutgoingMessage], Awaitable[object]] | None = None,
        before_posting: Callable[[list[OutgoingMessage]], Awaitable[object]] | None = None,
    ) -> None:
        """One turn, holding the conversation throughout (`key`, by default `msg.key`; Telegram holds
        a whole chat): the handler's replies to `msg` (none without a message), then
        `before_posting(replies)` (e.g. marking a clicked question answered, or an adapter's own way
        of sending them), then each reply posted with `post`.

        A handler that fails is logged and answered with `sorry`: the person still gets an answer,
        everyone else keeps being served. A `quiet` error raised by `before_posting` or `post` was
        logged where it happened: the turn goes on with the next reply (the router already saved
        whatever the turn saved)."""
        if key is None and msg is not None:
            key = msg.key
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                replies: list[OutgoingMessage] = []
                if msg is not None:
                    try:
                        async with self._busy or nullcontext():
                            replies = await self.handler(msg)
                    except Exception:  # noqa: BLE001 - tell the person, keep serving everyone else
                        kind = "click" if msg.choice_id else "message"
                        log.exception("%s: handling a %s failed", msg.key.platform, kind)
                        replies = [OutgoingMessage(msg.key, self.sorry, thread_id=msg.thread_id)]
                if before_posting is not None:
                    try:
                        await before_posting(replies)
                    except self.quiet:
                        pass  # logged; the answer matters more
                if post is not None:
                    for reply in replies:
                        try:
                            await post(reply)
                        except self.quiet:
                            pass  # logged; on with the next reply
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]  # no turn waits: forget the key
            else:
                self._locks[key] = (lock, users - 1)
