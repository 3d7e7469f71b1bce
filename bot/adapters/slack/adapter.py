"""Slack: Events API, slash commands and interactivity on one path, `POST /slack/events`, through
slack-bolt's `AsyncApp` and its Starlette handler.

With `SLACK_APP_TOKEN` the same bolt app, listeners and checks run over Socket Mode instead
(`socket_mode.SlackSocket`: no HTTP route, no public URL).

Two halves, as in every adapter:
- pure translation: `to_incoming(raw) -> IncomingMessage | None` (`translate`: a table from
  payload type to a builder; everything else is an explicit skip) and `to_outgoing(out)` ->
  chat.postMessage kwargs (`render`, with the rest of the Block Kit rendering);
- glue: `SlackAdapter` checks size (`payload.read_body`), signature and the payload's shape
  (pydantic models in `translate`; a bad payload is a 400), hands the validated payload to bolt,
  and registers listeners that only ack and start a tracked task for the work, so Slack gets its
  answer in milliseconds however slow the work is, and shutdown can let that work finish. Each
  message is one turn of `TurnOrder` (bot/adapters/turn.py), which orders a conversation's turns.

The adapter sees the rest of the bot only through `SlackBackend` (typed callables and values that
`bot.app.build_adapters` builds from the router, the store and `bot.home`).

Re-deliveries are processed once, across restarts and processes, through the database: every
message, click, command and form carries a stable `message_id` the router claims
(`<channel>:<ts>`, `click:<channel>:<message ts>`, `command:<trigger id>`, `view:<view id>`), and
events handled outside the router (`app_home_opened`) claim their `event_id` the same way.

Sending is at most once where people would see a second copy: a call that failed before it reached
Slack (no connection could be made) or that Slack answered with an error may be retried, but a
`chat.postMessage` whose connection broke after the request went out, or whose answer came after
the timeout, is never sent again here (`NotSentRetryHandler`, `maybe_sent`): `send` raises
`SlackMaybeSent`. Proactive posts carry their `post_id` in the message metadata, so `find_post` can
look them up with `conversations.history` before anyone sends them again."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import uuid
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
from slack_bolt.adapter.starlette.async_handler import to_starlette_response
from slack_bolt.async_app import AsyncApp, AsyncBoltRequest
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.adapters.base import Accept, Handler, MaybeSent, Settle
from bot.delivery import REJECTED, RETRY, SENDING, SENT, UNKNOWN, Delivery, SendLater
from bot.adapters.slack.render import (
    CHOICE_ACTION,
    OPEN_STORY_FORM,
    STORY_FORM,
    clicked_update,
    form_metadata,
    form_origin,
    home_view,
    notice_modal,
    story_form,
    story_form_errors,
    story_modal,
    to_mrkdwn,
    to_outgoing,
)
from bot.adapters.payload import MAX_BODY_BYTES, Malformed, log_rejected, read_body
from bot.adapters.slack.socket_mode import SlackSocket
from bot.adapters.slack.translate import as_dict, parse_body, to_incoming, validated_payload
from bot.adapters.turn import TurnOrder
from bot.config import ConfigurationError, SlackSettings
from bot.events import FormField, Home, IncomingMessage, OutgoingMessage, Platform

__all__ = ["SlackAdapter", "SlackBackend", "SlackMaybeSent", "SlackSendError", "build_slack_adapter", "maybe_sent",
           "to_incoming", "to_outgoing"]

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
COMMAND = "/mot"
STORY_SHORTCUT = "tell_story"
SORRY = "Sorry, something went wrong on my side. Please try again."
COMMAND_NOTE_HERE = "⏳ On it…"
COMMAND_NOTE_ELSEWHERE = "💬 I'll answer you in our direct messages."
COMMAND_NOTE_DM = "⏳ On it… (my answer comes in our direct messages)"
PLATFORM_ERRORS = (SlackClientError, aiohttp.ClientError, asyncio.TimeoutError, OSError)
# Failures before the request left this process: no connection could be made (refused, DNS, TLS),
# or it timed out while connecting. Slack never saw the request, so it may be sent again.
NOT_SENT = (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError)
# Web API methods whose repetition changes nothing anyone sees: one whose answer was lost may be
# called again. chat.postMessage and the file upload are not among them.
REPEATABLE = frozenset({"auth.test", "chat.update", "conversations.history", "conversations.open",
                        "files.getUploadURLExternal", "users.info", "views.publish", "views.update"})
OUTBOX_METHODS = frozenset({"chat.postMessage", "chat.postEphemeral", "files.upload_v2"})  # what `_requests` makes
POST_EVENT = "storybot_post"  # metadata event_type of proactive posts: {"post_id": ...} as payload
HISTORY_PAGES = 5  # find_post reads at most this many pages of 200 messages
CLOCK_MARGIN = timedelta(minutes=15)  # find_post looks this far before the attempt (clock skew)


def place(channel: str) -> str:
    """A conversation as it may be logged: a channel's id, but never a person's (user ids, DM channels)."""
    return channel if channel.startswith(("C", "G", "-")) else "a direct message"


class SlackSendError(RuntimeError):
    """A message could not be delivered to Slack (already logged with its context)."""


class SlackMaybeSent(SlackSendError, MaybeSent):
    """The request went out but its answer was lost: Slack may show the message (already logged)."""


def maybe_sent(exc: BaseException) -> bool:
    """Whether a failed call may still have been carried out by Slack. No when no connection was
    made (`NOT_SENT`) or Slack answered (`SlackApiError`, also for a 429; other `SlackClientError`s
    are raised before sending). Yes when the request was written and the connection then broke
    (`ServerDisconnectedError`, a reset, a cut answer) or no answer came in time (`TimeoutError`)."""
    if isinstance(exc, (SlackClientError, aiohttp.InvalidURL, *NOT_SENT)):
        return False
    return isinstance(exc, aiohttp.ClientError | asyncio.TimeoutError | OSError)


class NotSentRetryHandler(AsyncRetryHandler):
    """Retries a call that certainly did not reach Slack (`NOT_SENT`), and a `REPEATABLE` one whose
    connection broke. It replaces slack_sdk's `AsyncConnectionErrorRetryHandler`, which also retries
    a `chat.postMessage` whose connection dropped after Slack had accepted it: a second post."""

    async def _can_retry_async(self, *, state: RetryState, request: HttpRequest,
                               response: HttpResponse | None = None, error: Exception | None = None) -> bool:
        if error is None:
            return False
        if isinstance(error, NOT_SENT):
            return True
        method = request.url.rstrip("/").rsplit("/", 1)[-1]
        return method in REPEATABLE and isinstance(error, aiohttp.ServerConnectionError | aiohttp.ClientOSError)


class DirectRateLimitRetryHandler(AsyncRateLimitErrorRetryHandler):
    """slack_sdk's 429 handler (it sleeps for Retry-After inside the call, then calls again), for every
    call but the outbox's sends (`bot.delivery.from_outbox`): the outbox waits out the Retry-After
    itself, durably and without holding a sender, so other conversations' replies go on meanwhile."""

    async def _can_retry_async(self, *, state: RetryState, request: HttpRequest,
                               response: HttpResponse | None = None, error: Exception | None = None) -> bool:
        return SENDING.get() is None and await super()._can_retry_async(state=state, request=request, response=response,
                                                                     error=error)


def retry_after(headers: Any) -> float:
    """Seconds from a 429's Retry-After header (1 when it is missing or unreadable)."""
    for name, value in (headers or {}).items():
        if str(name).lower() == "retry-after":
            value = value[0] if isinstance(value, list | tuple) and value else value
            try:
                return max(0.0, float(value))
            except (TypeError, ValueError):
                break
    return 1.0


# --- glue --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SlackBackend:
    """What the adapter needs from the rest of the bot, as typed callables and values (built by
    `bot.app.build_adapters`; tests can fake them)."""

    handle: Handler
    load_home: Callable[[str], Awaitable[Home]]  # person id -> App Home data
    story_mots: Callable[[str], Awaitable[list[tuple[str, str]] | None]]  # (id, name) or None: no stories
    claim: Callable[[str], Awaitable[bool]]  # event id -> False when it was handled before
    story_fields: tuple[FormField, ...]  # the story form's free-text questions (from the story dialog)
    accept: Accept | None = None  # the durable inbox (bot/inbox.py); None: work runs as a task of this process
    settle: Settle | None = None  # waits until the inbox has processed everything accepted (and the outbox sent it)
    send_later: SendLater | None = None  # the durable outbox (bot/outbox.py); None: replies are posted at once


# auth.test errors that mean "this token is wrong", not "try again later".
REFUSED_TOKEN = frozenset({"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired",
                           "not_allowed_token_type", "ekm_access_denied"})


def _malformed(problem: str) -> Response:
    log_rejected("slack", problem)
    return JSONResponse({"error": "malformed payload"}, status_code=400)


class SlackAdapter:
    platform = Platform.SLACK

    def __init__(self, *, bolt: AsyncApp, client: AsyncWebClient, backend: SlackBackend, signing_secret: str | None,
                 max_body: int = MAX_BODY_BYTES, drain_seconds: float = 5.0, max_busy: int | None = None,
                 socket: SlackSocket | None = None) -> None:
        self.bolt, self.client, self.backend, self.socket = bolt, client, backend, socket
        self.verifier = SignatureVerifier(signing_secret) if signing_secret else None
        self.max_body, self.drain_seconds = max_body, drain_seconds
        self.turns = TurnOrder(backend.handle, sorry=SORRY, quiet=(SlackSendError,), max_busy=max_busy)
        self.bot_user_id: str | None = None
        self._dm: dict[str, str] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._own_session = False
        self._senders: dict[str, Callable[..., Awaitable[Any]]] = {  # the methods `_requests` uses
            "chat.postMessage": client.chat_postMessage, "chat.postEphemeral": client.chat_postEphemeral,
            "files.upload_v2": client.files_upload_v2}
        self._answers = self._answer()  # how a turn without a clicked question answers
        self._register()

    def _register(self) -> None:
        bolt = self.bolt
        bolt.event("message")(self._on_message)
        bolt.event("app_mention")(self._on_message)
        bolt.event("app_home_opened")(self._on_home_opened)
        bolt.event(re.compile(r".*"))(self._on_other_event)  # ack the rest, so Slack does not re-send
        bolt.action(re.compile(rf"^{CHOICE_ACTION}:"))(self._on_choice)
        bolt.action(OPEN_STORY_FORM)(self._on_open_form)
        bolt.shortcut(STORY_SHORTCUT)(self._on_open_form)
        bolt.command(COMMAND)(self._on_command)
        bolt.view(STORY_FORM)(self._on_story_submitted)

    # --- lifecycle -----------------------------------------------------------------------------

    def routes(self) -> list[BaseRoute]:
        """`POST /slack/events`; none in Socket Mode (Slack then sends nothing over HTTP)."""
        return [] if self.socket is not None or self.verifier is None else [
            Route(EVENTS_PATH, self.handle_http, methods=["POST"])]

    async def start(self) -> None:
        if self.client.session is None or self.client.session.closed:  # one pooled session, not one per call
            # sock_connect below the total: a connection that can't be made fails as a connect
            # timeout (not sent, may be retried) before the overall timeout (may have been sent).
            timeout = aiohttp.ClientTimeout(total=self.client.timeout, sock_connect=self.client.timeout / 2)
            self.client.session = aiohttp.ClientSession(timeout=timeout)
            self._own_session = True
        if self.socket is not None:
            try:
                await self.socket.start()
            except BaseException:
                await self.stop()
                raise

    async def check(self) -> str | None:
        """`auth.test` with our token (`Reachable`): None when Slack answers; why not, in one line,
        when it can't be reached; `ConfigurationError` when it refuses the token."""
        try:
            await asyncio.wait_for(self.client.auth_test(), timeout=self.client.timeout + 1)
        except SlackApiError as exc:
            error = str(exc.response.get("error", "")) if exc.response is not None else ""
            if error in REFUSED_TOKEN:
                raise ConfigurationError(f"Slack refused SLACK_BOT_TOKEN ({error}): copy the Bot User OAuth Token "
                                         "(xoxb-…) of your app again, and check the app is installed.") from None
            return f"Slack at {self.client.base_url} answered auth.test with {error or exc}"
        except (SlackClientError, aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
            return f"Slack API at {self.client.base_url} unreachable ({type(exc).__name__}: {exc or 'no answer'})"
        return None

    async def stop(self) -> None:
        """Close the socket (Socket Mode; envelopes in hand are acked first), let work already acked
        finish (bounded), then close the HTTP session."""
        if self.socket is not None:
            await self.socket.stop()
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=self.drain_seconds)
            for task in pending:
                task.cancel()
            if pending:
                log.warning("slack: %d task(s) still running at shutdown were cancelled", len(pending))
                await asyncio.gather(*pending, return_exceptions=True)
        if self._own_session and self.client.session is not None:
            await self.client.session.close()
            self.client.session = None

    async def idle(self) -> None:
        """Wait until every acked request has been fully handled (tests, benchmarks)."""
        while self._tasks:
            await asyncio.gather(*set(self._tasks), return_exceptions=True)
        if self.backend.settle is not None:
            await self.backend.settle()
        while self._tasks:  # e.g. a form's App Home refresh
            await asyncio.gather(*set(self._tasks), return_exceptions=True)

    # --- HTTP ----------------------------------------------------------------------------------

    async def handle_http(self, request: Request) -> Response:
        """Size, UTF-8, signature, then the payload's shape (`parse_body`, `validated_payload`), all
        before bolt: a bad payload is a 400 and one log line, and bolt gets only the validated copy,
        as JSON."""
        body = await read_body(request, self.max_body)
        if body is None:
            return JSONResponse({"error": "payload too large"}, status_code=413)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return _malformed("not UTF-8")
        timestamp = request.headers.get("x-slack-request-timestamp", "")
        signature = request.headers.get("x-slack-signature", "")
        verifier = self.verifier
        if not (timestamp.isdigit() and signature and verifier and verifier.is_valid(text, timestamp, signature)):
            return JSONResponse({"error": "invalid signature"}, status_code=401)
        try:
            payload = validated_payload(parse_body(text, request.headers.get("content-type")))
        except Malformed as exc:
            return _malformed(str(exc))
        if payload is None:  # nothing listens for it: ignore it, politely
            return Response(status_code=200)
        kind = self._straight_to_inbox(payload)
        if kind is not None:
            return await self._accept_directly(kind, payload)
        headers = {**dict(request.headers.items()), "content-type": "application/json"}
        bolt_request = AsyncBoltRequest(body=json.dumps(payload), query=request.url.query, headers=headers)
        response = await self.bolt.async_dispatch(bolt_request)
        if response.status == 404:  # nothing listens for it: ignore it, politely
            return Response(status_code=200)
        if response.status >= 500:
            log.error("slack: could not process a %s payload", payload.get("type", "?"))
            return JSONResponse({"error": "try again later"}, status_code=503, headers={"Retry-After": "5"})
        return to_starlette_response(response)

    def _straight_to_inbox(self, payload: dict[str, Any]) -> str | None:
        """The kind of a payload that needs nothing of bolt but the listener's `_take`: a message or an
        @mention (`_on_message`), a click on a choice (`_on_choice`), the bulk of what Slack sends. Once
        bolt has told us the bot's user id (its authorization, on the first message), they go to the
        inbox directly: bolt's dispatch (request object, middleware chain, listener matching, argument
        injection) was about a third of an acknowledgement's CPU. None: bolt dispatches it."""
        if self.bot_user_id is None or self.backend.accept is None:
            return None
        kind = payload.get("type")
        if kind == "event_callback" and as_dict(payload.get("event")).get("type") in ("message", "app_mention"):
            return "message"  # what bolt's IgnoringSelfEvents drops, `to_incoming` drops too (the bot's own posts)
        if kind == "block_actions":
            actions = payload.get("actions")
            first = as_dict(actions[0]) if isinstance(actions, list) and actions else {}
            if str(first.get("action_id", "")).startswith(f"{CHOICE_ACTION}:"):  # bolt matches the first action
                return "click"
        return None

    async def _accept_directly(self, kind: str, payload: dict[str, Any]) -> Response:
        """`_on_message` / `_on_choice` without bolt, answered as bolt answers them (an empty 200), or
        503 when the inbox can't take the event (as bolt's 500 is answered in `handle_http`)."""
        msg = to_incoming(payload, bot_user_id=self.bot_user_id)
        if msg is not None:
            try:
                await self._take(kind, payload, msg, _no_work)
            except Exception:  # noqa: BLE001 - Slack sends it again
                log.exception("slack: could not process a %s payload", payload.get("type", "?"))
                return JSONResponse({"error": "try again later"}, status_code=503, headers={"Retry-After": "5"})
        return Response(status_code=200)

    # --- listeners: ack first, work afterwards ---------------------------------------------------

    async def _on_message(self, body: dict[str, Any], context: Any) -> None:
        self.bot_user_id = context.bot_user_id or self.bot_user_id
        msg = to_incoming(body, bot_user_id=self.bot_user_id)
        if msg is not None:
            await self._take("message", body, msg, lambda: self.turns.run(msg, **self._answers))

    async def _on_other_event(self, body: dict[str, Any]) -> None:
        log.debug("slack: ignored event %s", as_dict(body.get("event")).get("type"))

    async def _on_choice(self, ack: Any, body: dict[str, Any]) -> None:
        msg = to_incoming(body)
        if msg is not None:
            await self._take("click", body, msg, lambda: self._click(body, msg))
        await ack()

    async def _on_command(self, ack: Any, body: dict[str, Any]) -> None:
        msg = to_incoming(body)  # its id and who typed it; the turn translates it again, in their DM
        if msg is not None:
            await self._take("command", body, msg, lambda: self._command(body))
        await ack(text=self._command_note(str(body.get("user_id", "")), str(body.get("channel_id", ""))),
                  response_type="ephemeral")

    def _command_note(self, user: str, channel: str) -> str:
        """The ephemeral note that acks `/mot`. In the person's DM with the bot: "On it". In a channel:
        the answer comes in the DM. A direct-message channel (`D…`) this process has not seen as theirs
        may be that DM all the same (a web process never opens DMs; the turn processes do), or a DM
        with a colleague: the note then says both, true either way."""
        known = self._dm.get(user)
        if known == channel:
            return COMMAND_NOTE_HERE
        if known is None and channel.startswith("D"):
            return COMMAND_NOTE_DM
        return COMMAND_NOTE_ELSEWHERE

    async def _on_open_form(self, ack: Any, body: dict[str, Any]) -> None:
        await ack()
        user, trigger = as_dict(body.get("user")).get("id"), body.get("trigger_id")
        origin = "home" if as_dict(body.get("container")).get("type") == "view" else "shortcut"
        if isinstance(user, str) and isinstance(trigger, str):
            self._spawn(self._open_story_form(user, trigger, origin))

    async def _on_story_submitted(self, ack: Any, body: dict[str, Any]) -> None:
        user = str(as_dict(body.get("user")).get("id", ""))
        form = story_form(as_dict(body.get("view")))
        mots = await self.backend.story_mots(f"{Platform.SLACK}:{user}") or []
        errors = story_form_errors(form, [mot_id for mot_id, _ in mots])
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        msg = to_incoming(body)  # its id and who sent it; the turn translates it again, in their DM
        if msg is not None:
            await self._take("form", body, msg, lambda: self._form(body))
        await ack()

    async def _on_home_opened(self, body: dict[str, Any]) -> None:
        event = as_dict(body.get("event"))
        if event.get("tab", "home") == "home" and isinstance(event.get("user"), str):
            self._spawn(self._publish_home(event["user"], body.get("event_id")))

    # --- the work ---------------------------------------------------------------------------------

    async def _take(self, kind: str, body: dict[str, Any], msg: IncomingMessage,
                    work: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Before Slack is answered: put the payload in the durable inbox (whose workers call `process`
        with it), or, without an inbox, start `work` as a tracked task. A person's events are one
        conversation for the inbox (their DM, channels and forms): processed one at a time, in order.
        If the inbox can't take it, this raises: Slack gets an error and sends the event again."""
        if self.backend.accept is None:
            self._spawn(work())
            return
        payload = {"kind": kind, "body": body, "bot_user_id": self.bot_user_id}
        event_id = msg.message_id or f"once:{uuid.uuid4().hex}"  # no stable id: nothing to de-duplicate by
        await self.backend.accept(str(Platform.SLACK), event_id, f"{Platform.SLACK}:{msg.key.user_id}", payload)

    async def process(self, payload: dict[str, Any]) -> None:
        """One event from the inbox (`_take`), as its listener would have handled it right away."""
        kind, body = payload.get("kind"), as_dict(payload.get("body"))
        if kind == "message":
            msg = to_incoming(body, bot_user_id=payload.get("bot_user_id") or self.bot_user_id)
            if msg is not None:
                await self.turns.run(msg, **self._answers)
        elif kind == "click":
            msg = to_incoming(body)
            if msg is not None:
                await self._click(body, msg)
        elif kind == "command":
            await self._command(body)
        elif kind == "form":
            await self._form(body)
        else:
            log.error("slack: an inbox event of unknown kind %r skipped", kind)

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        """Run `work` as a tracked task (`stop` lets it finish); a failure is logged when it ends."""
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        """Forget a finished task, and log what failed in it (a SlackSendError was logged where it
        happened): background work never takes the process down, nor fails unseen."""
        self._tasks.discard(task)
        exc = None if task.cancelled() else task.exception()
        if exc is not None and not isinstance(exc, SlackSendError):
            log.error("slack: background work failed", exc_info=exc)

    async def _click(self, body: Mapping[str, Any], msg: IncomingMessage) -> None:
        """A click is a turn like a message; once the router took it (a re-delivery that another
        process already claimed comes back with no replies), the question shows the answer."""
        container, message = as_dict(body.get("container")), as_dict(body.get("message"))

        async def mark(replies: list[OutgoingMessage]) -> None:  # "✓ <choice>" instead of the buttons
            if replies:
                await self._call("chat.update", self.client.chat_update, channel=msg.key.channel_id,
                                 ts=message["ts"], **clicked_update(message, msg.text))

        markable = not container.get("is_ephemeral") and message.get("ts")
        await self.turns.run(msg, **self._answer(mark if markable else None))

    async def _command(self, body: Mapping[str, Any]) -> None:
        dm = await self._open_dm(str(body.get("user_id", "")))
        msg = to_incoming(body, dm_channel=dm)
        if msg is not None:
            await self.turns.run(msg, **self._answers)

    async def _form(self, body: Mapping[str, Any]) -> None:
        user = str(as_dict(body.get("user")).get("id", ""))
        msg = to_incoming(body, dm_channel=await self._open_dm(user))
        if msg is None:
            return
        await self.turns.run(msg, **self._answers)
        if form_origin(as_dict(body.get("view"))) == "home":  # they are looking at it: show the new story
            await self._publish_home(user, None)

    async def _open_story_form(self, user: str, trigger_id: str, origin: str) -> None:
        mots = await self.backend.story_mots(f"{Platform.SLACK}:{user}")
        if mots is None:
            view = notice_modal("Tell a story", "Stories are for team members, and I don't know you as one yet. "
                                f"Ask your manager to add you (your id is slack:{user}).")
        else:
            metadata = form_metadata(user=user, origin=origin)
            view = story_modal(mots, self.backend.story_fields, private_metadata=metadata)
        await self._call("views.open", self.client.views_open, trigger_id=trigger_id, view=view)

    async def _publish_home(self, user: str, event_id: Any) -> None:
        if isinstance(event_id, str) and not await self.backend.claim(f"event:{event_id}"):
            return  # a re-delivery of an event already handled
        home = await self.backend.load_home(f"{Platform.SLACK}:{user}")
        await self._call("views.publish", self.client.views_publish, user_id=user, view=home_view(home))

    # --- sending ----------------------------------------------------------------------------------

    async def send(self, message: OutgoingMessage) -> None:
        """Proactive post: to `key.channel_id` (a channel, or a DM), else to the DM of `key.user_id`.
        Raises SlackSendError (after logging) so a caller such as a weekly job can record the failure:
        SlackMaybeSent when Slack may have posted it anyway (check with `find_post` before re-sending)."""
        channel = message.key.channel_id or await self._open_dm(message.key.user_id)
        await self._post(message, channel)

    async def find_post(self, message: OutgoingMessage, since: datetime) -> bool | None:
        """Whether the message's channel holds a post tagged with `message.post_id` (the metadata it
        was sent with) from `since` on: `conversations.history` with `include_all_metadata`. None
        when Slack can't tell us: no tag, a picture or a thread (not tagged or not in the channel's
        history), an error (e.g. the app lacks channels:history), or more history than we read."""
        if not message.post_id or message.image_path or message.thread_id:
            return None
        oldest = f"{(since - CLOCK_MARGIN).timestamp():.6f}"
        try:
            channel = message.key.channel_id or await self._open_dm(message.key.user_id)
            cursor: str | None = None
            for _ in range(HISTORY_PAGES):
                page = await self._call("conversations.history", self.client.conversations_history, channel=channel,
                                        oldest=oldest, include_all_metadata=True, limit=200,
                                        **({"cursor": cursor} if cursor else {}))
                if any(_tagged(m, message.post_id) for m in page.get("messages") or []):
                    return True
                cursor = (page.get("response_metadata") or {}).get("next_cursor")
                if not cursor:
                    return False
        except SlackSendError:
            return None  # logged
        log.warning("slack: over %d pages of history in %s; can't tell whether %s was posted", HISTORY_PAGES,
                    channel, message.post_id)
        return None

    async def _open_dm(self, user: str) -> str:
        if user not in self._dm:
            response = await self._call("conversations.open", self.client.conversations_open, users=user)
            self._dm[user] = response["channel"]["id"]
        return self._dm[user]

    def _requests(self, message: OutgoingMessage, channel: str) -> list[dict[str, Any]]:
        """`message` as the Web API calls that post it to `channel`, as JSON (stored by the outbox)."""
        post = to_outgoing(message, channel=channel)
        if message.post_id:  # so find_post can tell whether a post whose answer was lost is there
            post["metadata"] = {"event_type": POST_EVENT, "event_payload": {"post_id": message.post_id}}
        if message.private:  # the manager's answer in a channel: for their eyes only, in the same place
            post.pop("unfurl_links", None), post.pop("unfurl_media", None), post.pop("mrkdwn", None)
            return [{"method": "chat.postEphemeral", "args": {"user": message.key.user_id, **post}}]
        if not message.image_path:
            return [{"method": "chat.postMessage", "args": post}]
        requests = []
        comment: str | None = to_mrkdwn(message.text) if message.markdown else message.text
        if message.choices:  # buttons cannot ride on a file: post them first, then the picture
            requests.append({"method": "chat.postMessage", "args": post})
            comment = None
        path = Path(message.image_path)
        requests.append({"method": "files.upload_v2", "args": {
            "channel": channel, "file": str(path), "filename": path.name,
            "title": path.stem.replace("-", " ").replace("_", " "), "initial_comment": comment,
            "thread_ts": message.thread_id}})
        return requests

    async def _post(self, message: OutgoingMessage, channel: str | None = None) -> None:
        """Post `message` to `channel`, by default its conversation's (`key.channel_id`), now."""
        for number, request in enumerate(self._requests(message, channel or message.key.channel_id)):
            method = request["method"]
            try:
                await self._call(method, self._senders[method], **request["args"])
            except SlackMaybeSent:
                raise
            except SlackSendError as exc:
                if number:  # the buttons are up already: sending it all again would repeat them
                    raise SlackMaybeSent(f"{exc} (after its buttons were posted)") from exc
                raise

    def _answer(self, before: Callable[[list[OutgoingMessage]], Awaitable[object]] | None = None) -> dict[str, Any]:
        """How a turn's replies go out (`TurnOrder.run`'s keywords): stored in the durable outbox, which
        sends them in order and waits out 429s and outages (`deliver`); without one, posted now.
        (A message's turn uses `_answers`, made once.)"""
        if self.backend.send_later is None:
            return {"post": self._post, "before_posting": before}
        if before is None:
            return {"before_posting": self._send_later}

        async def store(replies: list[OutgoingMessage]) -> None:
            if before is not None:
                try:
                    await before(replies)
                except SlackSendError:
                    pass  # logged; the answer matters more
            await self._send_later(replies)

        return {"before_posting": store}

    async def _send_later(self, replies: list[OutgoingMessage]) -> None:
        assert self.backend.send_later is not None
        if not replies:
            return
        requests = [r for reply in replies for r in self._requests(reply, reply.key.channel_id)]
        try:
            await self.backend.send_later(str(Platform.SLACK), f"{Platform.SLACK}:{replies[0].key.user_id}", requests)
        except Exception:  # noqa: BLE001 - the database can't take them: post them now, the old way
            log.exception("slack: could not store %d reply request(s) in the outbox; posting them now", len(requests))
            for reply in replies:
                try:
                    await self._post(reply)
                except SlackSendError:
                    pass  # logged

    async def deliver(self, request: dict[str, Any]) -> Delivery:
        """One request the outbox stored (`_requests`), sent once: how it ended (`bot.delivery`). The
        client does not wait out a 429 here (`DirectRateLimitRetryHandler`): the outbox does, and
        sends other conversations' replies meanwhile."""
        method, args = request.get("method"), request.get("args")
        if not isinstance(method, str) or method not in OUTBOX_METHODS or not isinstance(args, dict):
            return Delivery(REJECTED, error=f"unknown request {str(method)[:40]!r}")
        if method == "files.upload_v2" and not Path(str(args.get("file"))).is_file():
            log.error("slack: picture %s not found; not posted", args.get("file"))
            return Delivery(REJECTED, error="picture not found")
        try:
            await self._senders[method](**args)
        except SlackApiError as exc:
            where = place(str(args.get("channel") or "-"))
            status = getattr(exc.response, "status_code", 200)
            error = str(exc.response.get("error") or f"HTTP {status}") if exc.response is not None else str(exc)
            if status == 429:
                wait = retry_after(getattr(exc.response, "headers", None))
                log.warning("slack: %s to %s rate limited; the outbox tries again in %s s", method, where, wait)
                return Delivery(RETRY, retry_after=wait, error=f"429 {error}")
            if status >= 500:
                log.warning("slack: %s to %s: Slack answered %s; the outbox tries again", method, where, status)
                return Delivery(RETRY, error=f"HTTP {status}")
            log.error("slack: %s to %s failed: %s", method, where, error)
            return Delivery(REJECTED, error=error)
        except PLATFORM_ERRORS as exc:
            where = place(str(args.get("channel") or "-"))
            detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            if maybe_sent(exc):
                log.error("slack: %s to %s may have gone through: the answer was lost (%s); not sending it again",
                          method, where, detail)
                return Delivery(UNKNOWN, error=detail[:200])
            if isinstance(exc, NOT_SENT):
                log.warning("slack: %s to %s not sent (%s); the outbox tries again", method, where, detail)
                return Delivery(RETRY, error=detail[:200])
            log.error("slack: %s to %s failed: %s", method, where, detail)
            return Delivery(REJECTED, error=detail[:200])
        return Delivery(SENT)

    async def _call(self, method: str, call: Callable[..., Awaitable[Any]], **kwargs: Any) -> Any:
        """One Web API call; platform errors are logged with their context and raised as SlackSendError."""
        try:
            return await call(**kwargs)
        except PLATFORM_ERRORS as exc:
            error = getattr(getattr(exc, "response", None), "get", lambda _k: None)("error") or exc
            where = place(str(kwargs.get("channel") or kwargs.get("user_id") or kwargs.get("users") or "-"))
            if method not in REPEATABLE and maybe_sent(exc):
                log.error("slack: %s to %s may have gone through: the answer was lost (%s: %s); not sending it "
                          "again", method, where, type(exc).__name__, error)
                detail = f"{type(exc).__name__}: {error}" if str(error) else type(exc).__name__
                raise SlackMaybeSent(f"no answer from Slack to {method} ({detail})") from exc
            log.error("slack: %s to %s failed: %s: %s", method, where, type(exc).__name__, error)
            raise SlackSendError(f"{method} failed: {error}") from exc


async def _no_work() -> None:
    """`_take`'s work without an inbox; never called (`_straight_to_inbox` needs the inbox)."""


def _tagged(message: Any, post_id: str) -> bool:
    metadata = message.get("metadata") if isinstance(message, dict) else None
    if not isinstance(metadata, dict) or metadata.get("event_type") != POST_EVENT:
        return False
    payload = metadata.get("event_payload")
    return isinstance(payload, dict) and payload.get("post_id") == post_id


# --- wiring ------------------------------------------------------------------------------------


def build_slack_client(settings: SlackSettings) -> AsyncWebClient:
    """The Web API client: `api_url` lets tests and demos use a local fake; 429 answers wait for
    Retry-After and try again (twice); a call that could not connect is tried once more; a call
    whose connection broke after it was sent is tried again only when that changes nothing people
    see (`NotSentRetryHandler`)."""
    return AsyncWebClient(
        token=settings.bot_token.get_secret_value(),
        base_url=settings.api_url,
        timeout=settings.timeout,  # type: ignore[arg-type] # aiohttp takes float seconds
        retry_handlers=[NotSentRetryHandler(max_retry_count=1), DirectRateLimitRetryHandler(max_retry_count=2)],
    )


class _TokenFromClient(logging.Filter):
    """AsyncApp also reads SLACK_BOT_TOKEN from the environment and then warns that the token of our
    client wins; that is intended, so the warning is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


def build_slack_adapter(*, settings: SlackSettings, backend: SlackBackend, max_busy: int | None = None,
                        ping_interval: float = 10.0) -> SlackAdapter:
    """`max_busy`: turns in the router at once (`TurnOrder`), decided by `bot.app.build_adapters`.
    With an app token, Slack is served over Socket Mode (`ping_interval`: seconds between its pings)."""
    client = build_slack_client(settings)
    secret = settings.signing_secret.get_secret_value() if settings.signing_secret else None
    bolt_log = logging.getLogger("bot.adapters.slack.bolt")
    if not any(isinstance(f, _TokenFromClient) for f in bolt_log.filters):
        bolt_log.addFilter(_TokenFromClient())
    # process_before_response=True: bolt awaits our listener and then answers. Every listener here
    # only acks and hands the work to a tracked task (`SlackAdapter._spawn`), so the answer still goes
    # out before the work is done, as with bolt's default (False), which instead runs each listener in
    # an untracked `asyncio.ensure_future` and, for actions and commands, polls every 10 ms for the ack
    # (slack_bolt/listener/asyncio_runner.py). Ours: no polling delay, and shutdown can drain the work.
    # request_verification_enabled=False: the signature is checked once, by `SlackAdapter.handle_http`
    # on the body Slack sent; bolt gets the validated copy of the payload, which that signature no longer fits.
    # (Socket Mode: no signatures at all; the payload is validated the same way, in `SlackSocket.handle`.)
    bolt = AsyncApp(name="storybot", client=client, signing_secret=secret or "", logger=bolt_log,
                    process_before_response=True, request_verification_enabled=False)
    socket = None
    if settings.app_token is not None:
        socket = SlackSocket(bolt=bolt, client=client, app_token=settings.app_token.get_secret_value(),
                             ping_interval=ping_interval)
    return SlackAdapter(bolt=bolt, client=client, backend=backend, signing_secret=secret, max_busy=max_busy,
                        socket=socket)
