"""Network faults for the fake platform APIs, as a real client sees them.

* `drop_connection(request)`: close the client's connection without an answer. Done after the fake
  has stored the message ("accepted, then dropped") the client cannot tell whether it was posted;
  done before, nothing was.
* `KeepTransport(app)`: the ASGI wrapper that makes the connection reachable for that. uvicorn's
  `send` is a bound method of its request cycle, which holds the connection's transport.
* A fake "offline" is a `LocalServer` bound to its port but not listening: connecting is refused
  (what a client sees when nothing runs there), and the port stays ours until it listens again.

A slow answer needs nothing special: the fake stores the message, then sleeps before answering.

* `Window`: a fault for every call of some methods during a stretch of time (`FakeSlackApi.fault_window`,
  `FakeTelegramAPI.fault_window`): "429" (answered Too Many Requests with a retry-after), "drop-before"
  (the connection closed unread: nothing posted) or "drop-after" (posted, then the answer lost).
  `offline_for(fake, seconds)`: connections refused for a while (the fake's `go_offline`, then `go_online`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

TRANSPORT = "fake.transport"
DROPS = ("before", "after")  # drop the connection before the fake acts on the request, or after


class KeepTransport:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            scope[TRANSPORT] = getattr(getattr(send, "__self__", None), "transport", None)
        await self.app(scope, receive, send)


async def drop_connection(request: Request) -> Response:
    """Close the connection without a byte of answer; the returned response goes nowhere."""
    transport = request.scope.get(TRANSPORT)
    if transport is None:
        raise RuntimeError("serve the fake wrapped in KeepTransport to drop connections")
    transport.close()
    await asyncio.sleep(0.01)  # uvicorn learns of the disconnect and sends nothing more
    return Response(status_code=204)


WINDOW_KINDS = ("429", "drop-before", "drop-after")


@dataclass(frozen=True)
class Window:
    kind: str  # one of WINDOW_KINDS
    until: float  # time.monotonic() at which it ends
    methods: frozenset[str]  # empty: every method
    retry_after: float = 1.0  # a 429's Retry-After (seconds; may be a fraction, for fast tests)

    @classmethod
    def lasting(cls, seconds: float, kind: str, methods: Collection[str] = (), retry_after: float = 1.0) -> Window:
        assert kind in WINDOW_KINDS, kind
        return cls(kind, time.monotonic() + seconds, frozenset(methods), retry_after)

    def covers(self, method: str) -> bool:
        return time.monotonic() < self.until and (not self.methods or method in self.methods)


async def offline_for(fake: Any, seconds: float) -> asyncio.Task[None]:
    """Refuse connections to `fake` for `seconds` (from now), then listen again; the task ends then."""
    await fake.go_offline()

    async def back() -> None:
        await asyncio.sleep(seconds)
        await fake.go_online()

    return asyncio.create_task(back())
