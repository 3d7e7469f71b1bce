"""uvicorn for the fakes and the tests' web apps: the same server, without signal handling (the process
that embeds it owns its signals: pytest, the local runner) and with a stop that takes milliseconds.

uvicorn's own `Server` notices `should_exit` on a 0.1 s tick, then pauses a fixed 0.1 s after asking
the connections to close, then polls them every 0.1 s: ~0.15-0.3 s per stop, paid by every test that
starts a fake platform and a web app (several hundred). Here `stop()` wakes the loop at once and the
shutdown waits only as long as the connections and tasks take; what it waits for, and the lifespan
shutdown (the app's adapters drain), are uvicorn's."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator

import uvicorn

POLL_SECONDS = 0.002
TICK_SECONDS = 0.1


class QuickServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, *, abandon_requests: bool = False) -> None:
        """`abandon_requests`: a stop cancels the requests still in hand instead of waiting for them (a
        fake platform holding a "slow" answer past the client's timeout: nobody waits for it any more)."""
        super().__init__(config)
        self.abandon_requests = abandon_requests
        self._wake: asyncio.Event | None = None

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield

    def request_stop(self) -> None:
        """Ask the server to stop (as setting `should_exit`), waking its loop now."""
        self.should_exit = True
        if self._wake is not None:
            self._wake.set()

    async def main_loop(self) -> None:
        self._wake = asyncio.Event()
        counter = 0
        while not await self.on_tick(counter):  # on_tick: the Date header, max requests, `should_exit`
            counter = (counter + 1) % 864000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), TICK_SECONDS)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        if self.abandon_requests:
            for task in list(self.server_state.tasks):
                task.cancel()
        try:
            async with asyncio.timeout(self.config.timeout_graceful_shutdown):
                while self.server_state.connections or self.server_state.tasks:
                    await asyncio.sleep(POLL_SECONDS)
                for server in self.servers:
                    await server.wait_closed()
        except TimeoutError:
            for task in self.server_state.tasks:
                task.cancel(msg="Task cancelled, timeout graceful shutdown exceeded")
        if not self.force_exit:
            await self.lifespan.shutdown()
