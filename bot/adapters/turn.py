"""The one place that orders a conversation's turns, for every platform adapter.

A turn is one incoming message: the handler (the router) runs, then its replies are posted. Turns
of one conversation run one at a time, in the order they arrived here (asyncio locks are fair), so
the second message's replies never overtake the first's, and the router never sees two messages of
one conversation at once in this process. Across processes the router's state version catches a
race instead. Other conversations' turns run alongside, at most `max_busy` of them in the handler
at once (the app decides: on SQLite, whose writes go one at a time, it is 1).

Adapters keep nothing else that orders turns: Slack's listeners and PTB's concurrent updates
just start turns; the router keeps no lock of its own."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager, nullcontext

from bot.adapters.base import Handler
from bot.events import IncomingMessage, OutgoingMessage

log = logging.getLogger(__name__)


class TurnOrder:
    def __init__(self, handler: Handler, *, max_busy: int | None = None) -> None:
        self.handler = handler
        self._busy = asyncio.Semaphore(max_busy) if max_busy else None
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}  # key -> (lock, turns holding or waiting)

    @asynccontextmanager
    async def turn(
        self, key: Hashable, msg: IncomingMessage | None, *, sorry: str
    ) -> AsyncIterator[list[OutgoingMessage]]:
        """Hold the conversation `key` for one turn and give the handler's replies to `msg` (none
        without a message); post them inside the `async with`. A handler that fails is logged and
        answered with `sorry`: the person still gets an answer, everyone else keeps being served."""
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
                        replies = [OutgoingMessage(msg.key, sorry)]
                yield replies
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]  # no turn waits: forget the key
            else:
                self._locks[key] = (lock, users - 1)
