"""Slack over Socket Mode: with an app-level token (`SLACK_APP_TOKEN`, xapp-…) the bot opens a
websocket to Slack instead of serving `POST /slack/events`, so it runs without a public URL.

It is slack-bolt's `AsyncSocketModeHandler` (slack_sdk's aiohttp `SocketModeClient`: the URL from
`apps.connections.open` on our Web API client, ping/pong, reconnecting when Slack closes the socket
or asks for a refresh) with the same checks as the HTTP path before bolt sees anything:

- a frame that is not a JSON object, or an envelope whose payload is not one, is one log line
  (`payload.log_rejected`) and never reaches the SDK's parser (which would log a traceback);
- each envelope's payload is validated like a signed HTTP body (`translate.validated_payload`):
  a malformed one is acked (Slack would only send it again) and logged;
- the valid copy goes to the same bolt app, so the same listeners, dialogs, de-duplication (the
  router's claim of each message id) and turn order (`TurnOrder`) hold; the listeners only ack and
  hand the work to a tracked task, so the envelope's ack goes back at once, with the listener's
  answer (a slash command's "On it…", a form's errors) as its payload;
- an envelope bolt could not process (5xx) is not acked: Slack sends it again.

Start-up asks `apps.connections.open` itself, so a token Slack rejects is one clear
`ConfigurationError`; when Slack can't be reached, connecting goes on in the background.
`stop()` stops taking envelopes (those not acked come again after a restart), waits for the ones in
hand, and closes the socket."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import aiohttp
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.socket_mode.internals import build_headers
from slack_bolt.async_app import AsyncApp, AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.payload import MAX_BODY_BYTES, Malformed, load_json, log_rejected
from bot.adapters.slack.translate import validated_payload
from bot.config import ConfigurationError

__all__ = ["SlackSocket"]

log = logging.getLogger(__name__)

# What Slack answers apps.connections.open with when the token is wrong: a configuration problem.
TOKEN_ERRORS = frozenset({"invalid_auth", "not_authed", "not_allowed_token_type", "token_revoked", "token_expired",
                          "account_inactive", "missing_scope", "no_permission"})
RETRY_SECONDS = (1, 2, 5, 10, 30)  # between attempts to reach Slack when it can't be reached


class _GuardedClient(SocketModeClient):
    """slack_sdk's aiohttp client, with each frame checked before its parser sees it: not JSON, not an
    object, too big or too deep is one log line; an envelope whose payload is not an object is acked
    and logged (the SDK's `SocketModeRequest` would raise on it)."""

    max_frame = MAX_BODY_BYTES

    async def enqueue_message(self, message: str) -> None:
        if len(message) > self.max_frame:
            log_rejected("slack", "socket frame too large")
            return
        try:
            frame = load_json(message)
        except Malformed as exc:
            log_rejected("slack", f"socket frame: {exc}")
            return
        if not isinstance(frame, dict):
            log_rejected("slack", "socket frame is not a JSON object")
            return
        envelope_id = frame.get("envelope_id")
        if envelope_id is not None and not (isinstance(envelope_id, str) and envelope_id):
            log_rejected("slack", "socket envelope id is not a string")
            return
        if envelope_id is not None and not isinstance(frame.get("payload"), dict):
            log_rejected("slack", "socket envelope without a payload object")
            await _ack(self, envelope_id)  # nothing to do with it: Slack need not send it again
            return
        await super().enqueue_message(message)


class _Handler(AsyncSocketModeHandler):
    """bolt's async Socket Mode handler with `_GuardedClient` and `SlackSocket.handle` as its
    request listener (bolt's own `handle` hands bolt the raw payload and acks only status 200)."""

    def __init__(self, *, app: AsyncApp, app_token: str, web_client: AsyncWebClient, ping_interval: float,
                 listener: Any) -> None:  # no super().__init__: it would build (and start) a client of its own
        self.app, self.app_token = app, app_token
        self.client = _GuardedClient(app_token=app_token, logger=log, web_client=web_client,
                                     ping_interval=ping_interval)
        self.client.socket_mode_request_listeners.append(listener)


async def _ack(client: SocketModeClient, envelope_id: str, payload: dict[str, Any] | None = None) -> None:
    """Tell Slack the envelope arrived (with the listener's answer, if any). A lost ack is not an
    error: Slack sends the envelope again and the router's claim keeps it from being handled twice."""
    try:
        await client.send_socket_mode_response(SocketModeResponse(envelope_id=envelope_id, payload=payload))
    except (aiohttp.ClientError, ConnectionError, RuntimeError) as exc:
        log.warning("slack: could not ack an envelope (%s); Slack will send it again", type(exc).__name__)


def _answer(response: BoltResponse) -> dict[str, Any] | None:
    """The listener's answer as the ack's payload (as bolt's `send_async_response` builds it)."""
    if response.status != 200 or not response.body:
        return None
    if response.headers.get("content-type", [""])[0].startswith("application/json"):
        body = json.loads(response.body)
        return body if isinstance(body, dict) else None
    return {"text": response.body}


class SlackSocket:
    """One Socket Mode connection for `bolt` (built in `start`, inside the running event loop)."""

    def __init__(self, *, bolt: AsyncApp, client: AsyncWebClient, app_token: str, ping_interval: float = 10.0,
                 connect_timeout: float = 10.0, drain_seconds: float = 5.0) -> None:
        self.bolt, self.web_client, self.app_token = bolt, client, app_token
        self.ping_interval, self.connect_timeout, self.drain_seconds = ping_interval, connect_timeout, drain_seconds
        self.handler: _Handler | None = None
        self._connecting: asyncio.Task[None] | None = None
        self._busy: set[asyncio.Task[Any]] = set()
        self._stopping = False

    # --- lifecycle -----------------------------------------------------------------------------

    async def start(self) -> None:
        """Connect. A token Slack rejects raises ConfigurationError; when Slack can't be reached (or
        the socket takes longer than `connect_timeout`), connecting goes on in the background."""
        self._stopping = False
        self.handler = _Handler(app=self.bolt, app_token=self.app_token, web_client=self.web_client,
                                ping_interval=self.ping_interval, listener=self.handle)
        try:
            url = await self._open()
        except ConfigurationError:
            await self.handler.close_async()
            self.handler = None
            raise
        except (SlackClientError, aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
            log.warning("slack: can't reach Slack to open Socket Mode (%s); retrying in the background",
                        type(exc).__name__)
            url = None
        self._connecting = asyncio.create_task(self._connect(url))
        if url is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(self._connecting), timeout=self.connect_timeout)
        except asyncio.TimeoutError:
            log.warning("slack: Socket Mode not connected yet; still trying in the background")

    async def stop(self) -> None:
        """Take no more envelopes, let those in hand be acked (bounded), then close the socket."""
        self._stopping = True
        if self._connecting is not None and not self._connecting.done():
            self._connecting.cancel()
        if self._busy:
            await asyncio.wait(set(self._busy), timeout=self.drain_seconds)
        if self.handler is not None:
            await self.handler.close_async()
            self.handler = None
        if self._connecting is not None:
            await asyncio.gather(self._connecting, return_exceptions=True)
            self._connecting = None

    async def connected(self) -> bool:
        return self.handler is not None and await self.handler.client.is_connected()

    async def _open(self) -> str:
        """A websocket URL from `apps.connections.open` (on the Web API client, so `SLACK_API_URL`
        points it at a fake too)."""
        try:
            response = await self.web_client.apps_connections_open(app_token=self.app_token)
        except SlackApiError as exc:
            error = exc.response.get("error") if exc.response is not None else None
            if error in TOKEN_ERRORS:
                raise ConfigurationError(
                    f"Slack rejected SLACK_APP_TOKEN ({error}): use the app-level token (xapp-…) with the "
                    "connections:write scope, and turn on Socket Mode in the app's settings") from exc
            raise
        url = response.get("url")
        if not isinstance(url, str) or not url.startswith(("wss://", "ws://")):
            raise SlackClientError("apps.connections.open gave no websocket URL")
        return url

    async def _connect(self, url: str | None) -> None:
        """Open the socket (bolt's client retries and reconnects from then on); without a URL yet,
        ask for one until Slack answers, one log line per failed attempt."""
        assert self.handler is not None
        attempt = 0
        while url is None:
            await asyncio.sleep(RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)])
            attempt += 1
            try:
                url = await self._open()
            except ConfigurationError as exc:
                log.error("slack: %s", exc)
                return
            except (SlackClientError, aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
                log.warning("slack: still can't reach Slack to open Socket Mode (%s)", type(exc).__name__)
        self.handler.client.wss_uri = url
        await self.handler.connect_async()
        log.info("slack: connected over Socket Mode")

    # --- envelopes -----------------------------------------------------------------------------

    async def handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:
        """One envelope: validate its payload, dispatch it to bolt, ack it with the listener's answer."""
        if self._stopping:
            return  # not acked: Slack sends it again, to the next process
        task = asyncio.current_task()
        if task is not None:
            self._busy.add(task)
        started = time.monotonic()
        try:
            await self._handle(client, req)
        finally:
            if task is not None:
                self._busy.discard(task)
            log.debug("slack: envelope %s handled in %.1f ms", req.type, (time.monotonic() - started) * 1000)

    async def _handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:
        try:
            payload = validated_payload(req.payload)
        except Malformed as exc:
            log_rejected("slack", str(exc))
            await _ack(client, req.envelope_id)
            return
        if payload is None:  # nothing listens for it: ignore it, politely
            await _ack(client, req.envelope_id)
            return
        request = AsyncBoltRequest(mode="socket_mode", body=payload, headers=build_headers(req))
        response = await self.bolt.async_dispatch(request)
        if response.status not in (200, 404):  # 404: nothing listens for it
            log.error("slack: could not process a %s payload (status %d); Slack will send it again",
                      payload.get("type", "command"), response.status)
            return
        await _ack(client, req.envelope_id, _answer(response))
