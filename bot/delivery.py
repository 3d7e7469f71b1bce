"""How one send to a platform ended, as the outbox (bot/outbox.py) and the adapters agree on it. A leaf:
adapters say what happened (`Delivery`), the outbox decides what to do about it.

- `SENT`: the platform took it.
- `RETRY`: it certainly did not take it (a 429, a connection that could not be made, a 5xx answer):
  safe to send again, after `retry_after` seconds when the platform said so (Slack's `Retry-After`
  header, Telegram's `parameters.retry_after`), else after a back-off.
- `UNKNOWN`: the request went out and the answer was lost (the connection broke after it was
  written, or no answer came in time): the platform may show it, so it is never sent again
  blindly (the at-most-once rule of issue 10).
- `REJECTED`: the platform answered no (a chat we may not write to, a channel that is gone): sending
  it again would fail the same way.

`Attempt` says whether a request may have left the process: the outbox sets one for each send
(`SENDING`). It starts as "may have" (a send cancelled at shutdown is then UNKNOWN, the safe side); an
adapter whose requests can wait in the process before they are written (PTB's rate limiter) calls
`mark_waiting()` as it hands one there and `mark_started()` when it is written, so a send cancelled while
it waited is handed back and sent by the next start."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

SENT, RETRY, UNKNOWN, REJECTED = "sent", "retry", "unknown", "rejected"


@dataclass(frozen=True, slots=True)
class Delivery:
    outcome: str  # SENT, RETRY, UNKNOWN or REJECTED
    retry_after: float | None = None  # RETRY: seconds the platform asked us to wait (None: our back-off)
    error: str = ""  # what went wrong, in a few words, without platform ids


# An adapter's `deliver(request)`: one stored request (JSON, made by the same adapter) sent once.
Deliver = Callable[[dict[str, Any]], Awaitable[Delivery]]
# The adapters' one call into the outbox: `send_later(platform, conversation, requests)` stores a turn's
# requests (in order; `conversation` is the ordering key) before any of them is sent.
SendLater = Callable[[str, str, list[dict[str, Any]]], Awaitable[None]]


@dataclass(slots=True)
class Attempt:
    started: bool = True  # may the platform have seen it? (see the module docstring)


SENDING: ContextVar[Attempt | None] = ContextVar("storybot_sending", default=None)


def mark_waiting() -> None:
    """Called by an adapter when the outbox's request waits in the process, not yet written."""
    attempt = SENDING.get()
    if attempt is not None:
        attempt.started = False


def mark_started() -> None:
    """Called by an adapter right before a request it marked waiting is written."""
    attempt = SENDING.get()
    if attempt is not None:
        attempt.started = True


def from_outbox() -> bool:
    """Whether the current send is the outbox's: it waits out 429s itself, so the SDKs should not."""
    return SENDING.get() is not None
