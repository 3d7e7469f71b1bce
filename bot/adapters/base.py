"""What every platform adapter offers the app. Adapters see only `bot.events` and a `Handler`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from starlette.routing import BaseRoute

from bot.events import IncomingMessage, OutgoingMessage, Platform

Handler = Callable[[IncomingMessage], Awaitable[list[OutgoingMessage]]]


class Adapter(Protocol):
    platform: Platform

    def routes(self) -> Sequence[BaseRoute]:
        """HTTP routes this adapter serves in the web app (may be empty, e.g. Telegram polling)."""
        ...

    async def start(self) -> None:
        """Called once the event loop runs (web app start-up or a CLI command)."""
        ...

    async def stop(self) -> None: ...

    async def send(self, message: OutgoingMessage) -> None:
        """Proactive send: to a DM (key.user_id set) or a channel/group (key.channel_id)."""
        ...
