"""What every platform adapter offers the app. Adapters see only `bot.events`, `bot.config`,
`bot.markup` (escaping rules), their own package, a `Handler` and the typed callables that
`bot.app.build_adapters` gives them (the "adapters are edges" import contract in pyproject.toml)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from starlette.routing import BaseRoute

from bot.delivery import Delivery
from bot.events import IncomingMessage, OutgoingMessage, Platform

Handler = Callable[[IncomingMessage], Awaitable[list[OutgoingMessage]]]
# The durable inbox's one call (bot/inbox.py): `accept(platform, event_id, conversation, payload)` stores an
# event before the platform is answered (False: accepted before, a re-delivery). `conversation` is the
# adapter's ordering key: events with the same key are processed one at a time, in the order accepted.
# The inbox later hands `payload` (JSON-able) back to the adapter's `Inboxed.process`.
Accept = Callable[[str, str, str, dict[str, Any]], Awaitable[bool]]
Settle = Callable[[], Awaitable[None]]  # waits until every accepted event is processed (tests, benchmarks)


class MaybeSent(RuntimeError):
    """A send whose outcome is unknown: the request went out but the answer was lost (connection
    dropped after the request was written, or no answer within the timeout), or only some parts of
    the message went out. The platform may show the message, so it is never re-sent blindly.
    Adapters raise it (after logging) from `send`; a failure that certainly did not reach the
    platform (refused connection, DNS, an error answer) raises their ordinary send error."""


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


@runtime_checkable
class Inboxed(Protocol):
    """An adapter whose events go through the durable inbox: it accepts them (`Accept`) before it
    answers the platform, and the inbox's workers hand each payload back here, in order per
    conversation, to be translated, handled and answered."""

    async def process(self, payload: dict[str, Any]) -> None:
        """Process one accepted event (its turn and its replies); failures are answered and logged here."""
        ...


@runtime_checkable
class Outboxed(Protocol):
    """An adapter whose replies go through the durable outbox (bot/outbox.py): a turn stores its
    requests with the outbox's `send_later` (`bot.delivery.SendLater`), and the outbox's senders hand
    each one back here, in order per conversation, to be sent once and to say how that ended."""

    async def deliver(self, request: dict[str, Any]) -> Delivery:
        """Send one stored request; never raises for a platform's answer or a network error."""
        ...


@runtime_checkable
class PostFinder(Protocol):
    """An adapter that can tell whether a tagged proactive post (`OutgoingMessage.post_id`) is on
    the platform, so a send that ended in `MaybeSent` can be checked before it is sent again."""

    async def find_post(self, message: OutgoingMessage, since: datetime) -> bool | None:
        """True: it is there; False: it is not (safe to send); None: the platform can't tell us."""
        ...


@runtime_checkable
class Reachable(Protocol):
    """An adapter that can tell whether its platform answers with our credentials (`/healthz`, start-up)."""

    async def check(self) -> str | None:
        """None: the platform answers; else why not, in one line (unreachable, not set up yet).
        Raises `bot.config.ConfigurationError` when the platform refuses our credentials."""
        ...
