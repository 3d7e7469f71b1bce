"""A fake of Slack's Socket Mode server on 127.0.0.1 (ephemeral port): the websocket a bot opens with
the URL from `apps.connections.open` (the fake Web API in devkit/fakes/slack_api.py hands it out).
It greets each connection with `hello`, sends envelopes as Slack does, and records the acks.

    socket = FakeSlackSocket()
    fake = FakeSlackApi(token=BOT_TOKEN, app_token=APP_TOKEN, socket=socket)
    await fake.start()                                   # starts the socket server too
    await socket.wait_connected()
    envelope_id = await socket.send_event(message_event("U0ALICE", "hello"))   # events_api
    ack = await socket.wait_ack(envelope_id)             # {"envelope_id": ..., "payload": ...?}
    await socket.send_command(command_form("U0DANA", "weakest this week"))   # slash_commands
    await socket.send_interaction(click_payload("U0ALICE", post, "go:story"))  # interactive
    await socket.send_raw("not json")                    # anything, as one text frame
    await socket.drop_connections()                      # closes every socket (the bot reconnects)
    await socket.ask_refresh()                           # {"type": "disconnect", "reason": "refresh_requested"}

aiohttp's websocket server (aiohttp is already a dependency, through slack-sdk's Socket Mode client).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

PATH = "/link"


@dataclass
class FakeSlackSocket:
    acks: dict[str, dict[str, Any]] = field(default_factory=dict)  # envelope id -> the (first) ack the bot sent
    acked: list[str] = field(default_factory=list)  # the envelope id of every ack, in arrival order
    sent: list[dict[str, Any]] = field(default_factory=list)  # every envelope sent, oldest first
    received: list[str] = field(default_factory=list)  # every text frame the bot sent (acks and anything else)
    connections_opened: int = 0
    _open: list[web.WebSocketResponse] = field(default_factory=list)
    _runner: web.AppRunner | None = None
    _port: int = 0
    _changed: asyncio.Event | None = None

    # --- lifecycle ----------------------------------------------------------------------------
    async def start(self) -> str:
        self._changed = asyncio.Event()
        app = web.Application()
        app.router.add_get(PATH, self._serve)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        return self.url

    async def stop(self) -> None:
        await self.drop_connections()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        assert self._port, "start() first"
        return f"ws://127.0.0.1:{self._port}{PATH}"

    def ticket_url(self) -> str:
        """What apps.connections.open answers: the socket's URL with a fresh ticket, as Slack's."""
        return f"{self.url}?ticket={uuid.uuid4().hex}&app_id=A0FAKE"

    @property
    def connected(self) -> int:
        return sum(not ws.closed for ws in self._open)

    # --- sending what Slack sends ---------------------------------------------------------------
    async def send_envelope(self, kind: str, payload: Any, *, envelope_id: str | None = None,
                            retry_attempt: int | None = None, accepts_response_payload: bool = False) -> str:
        """One envelope (`events_api`, `slash_commands`, `interactive`) to the newest connection."""
        envelope_id = envelope_id or str(uuid.uuid4())
        frame: dict[str, Any] = {"envelope_id": envelope_id, "type": kind, "payload": payload,
                                 "accepts_response_payload": accepts_response_payload}
        if retry_attempt is not None:
            frame.update(retry_attempt=retry_attempt, retry_reason="timeout")
        self.sent.append(frame)
        await self.send_raw(json.dumps(frame))
        return envelope_id

    async def send_event(self, envelope: Mapping[str, Any], **kwargs: Any) -> str:
        """An Events API envelope (`slack_api.message_event(...)`), retry_attempt 0 unless told."""
        kwargs.setdefault("retry_attempt", 0)
        return await self.send_envelope("events_api", dict(envelope), **kwargs)

    async def send_command(self, form: Mapping[str, str], **kwargs: Any) -> str:
        """A slash command (`slack_api.command_form(...)`): its fields as a JSON object."""
        return await self.send_envelope("slash_commands", dict(form), accepts_response_payload=True, **kwargs)

    async def send_interaction(self, payload: Mapping[str, Any], **kwargs: Any) -> str:
        """A click, shortcut or form submission (`slack_api.click_payload(...)`)."""
        return await self.send_envelope("interactive", dict(payload), accepts_response_payload=True, **kwargs)

    async def send_raw(self, text: str) -> None:
        live = [ws for ws in self._open if not ws.closed]
        assert live, "no bot is connected"
        await live[-1].send_str(text)

    async def ask_refresh(self) -> None:
        """What Slack sends before it rotates a connection: the bot should reconnect."""
        await self.send_raw(json.dumps({"type": "disconnect", "reason": "refresh_requested",
                                        "debug_info": {"host": "fake"}}))

    async def drop_connections(self) -> None:
        """Close every socket from the server's side (as Slack does now and then)."""
        for ws in list(self._open):
            with contextlib.suppress(Exception):
                await ws.close()

    # --- waiting for the bot --------------------------------------------------------------------
    async def wait_connected(self, opened: int = 1, *, timeout: float = 5.0) -> None:
        """Until `opened` connections in all have been made and one is open."""
        await self._wait(lambda: self.connections_opened >= opened and self.connected > 0, timeout,
                         lambda: f"{opened} connection(s): {self.connections_opened} opened, {self.connected} open")

    async def wait_closed(self, *, timeout: float = 5.0) -> None:
        await self._wait(lambda: self.connected == 0, timeout, lambda: f"all closed: {self.connected} open")

    async def wait_ack(self, envelope_id: str, *, timeout: float = 5.0) -> dict[str, Any]:
        await self._wait(lambda: envelope_id in self.acks, timeout, lambda: f"ack of {envelope_id}")
        return self.acks[envelope_id]

    async def _wait(self, done: Any, timeout: float, what: Any) -> None:
        assert self._changed is not None, "start() first"
        deadline = time.monotonic() + timeout
        while not done():
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out after {timeout}s waiting for {what()}")
            self._changed.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=min(left, 0.2))

    def _notify(self) -> None:
        if self._changed is not None:
            self._changed.set()

    # --- the websocket --------------------------------------------------------------------------
    async def _serve(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._open.append(ws)
        self.connections_opened += 1
        await ws.send_str(json.dumps({"type": "hello", "num_connections": self.connected,
                                      "debug_info": {"host": "fake", "approximate_connection_time": 3600},
                                      "connection_info": {"app_id": "A0FAKE"}}))
        self._notify()
        try:
            async for message in ws:
                if message.type != WSMsgType.TEXT:
                    continue
                self.received.append(message.data)
                with contextlib.suppress(ValueError):
                    frame = json.loads(message.data)
                    if isinstance(frame, dict) and isinstance(frame.get("envelope_id"), str):
                        self.acks.setdefault(frame["envelope_id"], frame)
                        self.acked.append(frame["envelope_id"])
                self._notify()
        finally:
            self._open.remove(ws)
            self._notify()
        return ws
