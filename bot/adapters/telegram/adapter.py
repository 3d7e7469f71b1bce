"""Telegram through python-telegram-bot (PTB), as glue around the pure translation in `translate`
(`to_incoming`, `to_outgoing`) and `render` (HTML, keyboards, links). The adapter sees the rest of
the bot only as a `Handler` (the router's `handle`, given by `bot.app.build_adapters`); each update
is one turn of `TurnOrder` (bot/adapters/turn.py), which orders a chat's turns.

* Webhook mode (default): `POST /telegram/webhook` is served by our own web app (PTB's
  `examples/customwebhookbot/starlettebot.py` pattern: `.updater(None)`, updates are put on
  `application.update_queue` in the same event loop). The `X-Telegram-Bot-Api-Secret-Token` header
  must match; at start we call getMe and `setWebhook(url, secret_token=...)`. Each update is
  parsed once, to a dict, and validated (`payload.read_body`, `translate.validated_update`): a
  malformed one is answered 200 (Telegram would re-send it forever otherwise), logged in one line
  and dropped; the validated dict itself goes on PTB's queue (PTB never builds an `Update` of it).
  With several processes (`storybot web --workers N`) only the first registers the webhook
  (`TelegramSettings.set_webhook`): Telegram answers setWebhook calls closer than ~1 s apart with 429.
* Polling mode: our own loop (`_poll`), not PTB's `Updater`: deleteWebhook, then getUpdates; each
  update is validated like a webhook's and stored in the durable inbox before the next getUpdates
  confirms it (Telegram drops an update once getUpdates is called with an offset above its id). PTB's
  Updater confirms what it has put on its in-memory queue, so an update fetched but not yet stored
  was lost when the process died; here it is fetched again.
* Sending goes through PTB's `AIORateLimiter`, which also retries 429s after `retry_after`.
* Platform errors are logged with context and never raised out of update handling; a failed
  proactive `send` raises `TelegramSendError` after logging, so its caller can retry and report.
  A send whose answer was lost (connection dropped after the request went out, or no answer within
  the timeout) may have been posted: it is never sent again here, and `send` raises
  `TelegramMaybeSent` so its caller doesn't either (`maybe_sent` tells the two apart).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
import warnings
from collections import OrderedDict
from collections.abc import Awaitable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from telegram import Bot, InlineKeyboardMarkup, ReplyParameters
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, TypeHandler
from telegram.warnings import PTBUserWarning

from bot.adapters.base import Accept, Handler, MaybeSent, Settle
from bot.delivery import REJECTED, RETRY, SENT as DELIVERED, UNKNOWN, Delivery, SendLater, from_outbox, mark_started, mark_waiting
from bot.adapters.payload import Malformed, load_json, log_rejected, read_body
from bot.adapters.telegram.render import hashed_choice_ids
from bot.adapters.telegram.translate import (
    HANDLED_KINDS,
    SKIPPED_KINDS,
    BotIdentity,
    Click,
    TelegramSend,
    chat_id_of,
    click_of,
    is_unreadable_dm,
    reply_context,
    to_incoming,
    to_outgoing,
    update_kind,
    validated_update,
)
from bot.adapters.turn import TurnOrder
from bot.config import ConfigurationError, TelegramSettings
from bot.events import ConversationKey, IncomingMessage, OutgoingMessage, Platform

__all__ = ["TelegramAdapter", "build_telegram_adapter", "fetch_bot_username", "to_incoming", "to_outgoing"]

log = logging.getLogger(__name__)


def place(chat_id: str | int) -> str:
    """A chat as it may be logged: a group's id, but never a person's (a private chat's id is their user id)."""
    return str(chat_id) if str(chat_id).startswith("-") else "a private chat"


class TelegramSendError(RuntimeError):
    """A proactive message could not be delivered (already logged with its context)."""


class TelegramMaybeSent(TelegramSendError, MaybeSent):
    """The request went out but its answer was lost: Telegram may show the message (already logged)."""


SENT, FAILED, UNSURE = "sent", "failed", "unsure"  # how a send ended
# What httpx raises before a request leaves this process: Telegram never saw it.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def maybe_sent(exc: TelegramError) -> bool:
    """Whether a failed Bot API call may still have been carried out. PTB raises `NetworkError` (or
    its `TimedOut`) for every kind of network trouble, with the httpx error as the cause: no
    connection (refused, DNS, connect or pool timeout: `NOT_SENT`) means Telegram never saw it; a
    connection that broke after the request was written, or a read or write timeout, means it may
    have. A `NetworkError` without an httpx cause is an answer (a 5xx), like every other error."""
    if not isinstance(exc, NetworkError) or isinstance(exc, BadRequest) or exc.__cause__ is None:
        return False
    return not isinstance(exc.__cause__, NOT_SENT)


WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ("message", "callback_query")
TEXT_ONLY = "Sorry, I can only read text messages. Please type your answer (or tap a button)."
SORRY = "Sorry, something went wrong on my side. Please try that again in a moment."
NOT_YOURS = "These buttons belong to someone else's conversation."
ANSWERED_PRIVATELY = "📬 I've answered you in our private chat (numbers and customers' words stay out of groups)."
OPEN_PRIVATE_CHAT = ("I answer managers' questions in a private chat, so numbers and customers' words stay out of "
                     "groups. Open a chat with me (tap my name, then Start) and ask me there.")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_LONG_IDS_KEPT = 10_000
STOP_CONFIRM_SECONDS = 2.0  # polling: the last getUpdates at stop, which confirms what was stored


def webhook_secret(settings: TelegramSettings) -> str:
    """TELEGRAM_WEBHOOK_SECRET, or one derived from the token (stable across restarts and
    processes, reveals nothing about the token). Telegram allows 1-256 of A-Z a-z 0-9 _ -."""
    if settings.webhook_secret is not None and settings.webhook_secret.get_secret_value():
        secret = settings.webhook_secret.get_secret_value()
        if not _SECRET.match(secret):
            raise ValueError("TELEGRAM_WEBHOOK_SECRET may only use A-Z, a-z, 0-9, _ and - (1-256 characters)")
        return secret
    token = settings.bot_token.get_secret_value()
    return hashlib.sha256(f"storybot-telegram-webhook:{token}".encode()).hexdigest()


class OutboxRateLimiter(AIORateLimiter):
    """PTB's `AIORateLimiter` (it throttles to Telegram's limits; on a 429 it holds back every request for
    `retry_after` and calls again, `max_retries` times), except for the outbox's sends
    (`bot.delivery.from_outbox`): those are not called again here, since the outbox waits out the
    Retry-After itself, durably, without holding a sender; and each marks when its request is about to
    be written (`bot.delivery.mark_started`), so a send cancelled while it waited here is handed back."""

    def __init__(self, *, max_retries: int = 0, **kwargs: Any) -> None:
        super().__init__(max_retries=0, **kwargs)
        self.direct_retries = max_retries

    async def process_request(self, callback: Any, args: Any, kwargs: dict[str, Any], endpoint: str,
                              data: dict[str, Any], rate_limit_args: int | None) -> Any:
        async def marked(*a: Any, **k: Any) -> Any:
            mark_started()
            return await callback(*a, **k)

        if rate_limit_args is None and not from_outbox():
            rate_limit_args = self.direct_retries
        mark_waiting()
        return await super().process_request(marked, args, kwargs, endpoint, data, rate_limit_args)


class _OutboxRetriesItself(logging.Filter):
    """PTB logs a 429 it does not retry with a traceback; for the outbox's sends that is expected (the
    outbox logs one line and tries again later)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (from_outbox() and record.getMessage().startswith("Rate limit hit after maximum of 0"))


def build_application(settings: TelegramSettings, *, max_retries: int = 3, concurrency: int = 16) -> Application:
    """PTB's Application pointed at `settings.api_base_url`, rate limited, without an Updater: our
    web app receives webhook updates, and `TelegramAdapter._poll` fetches polled ones."""
    limiter = OutboxRateLimiter(overall_max_rate=25, overall_time_period=1, group_max_rate=20, group_time_period=60,
                             max_retries=max_retries)
    builder = (
        ApplicationBuilder()
        .token(settings.bot_token.get_secret_value())
        .base_url(settings.api_base_url)
        .base_file_url(settings.api_file_url)
        .read_timeout(settings.timeout)  # an answer later than this is lost: the send may have gone through
        .write_timeout(settings.timeout)
        .rate_limiter(limiter)
        .concurrent_updates(concurrency)  # per-chat order is kept by TurnOrder (TelegramAdapter.turns)
        .job_queue(None)
        .updater(None)
    )
    limiter_log = logging.getLogger("telegram.ext.AIORateLimiter")
    if not any(isinstance(f, _OutboxRetriesItself) for f in limiter_log.filters):
        limiter_log.addFilter(_OutboxRetriesItself())
    return builder.build()


def build_telegram_adapter(*, settings: TelegramSettings, handler: Handler, max_busy: int | None = None,
                           poll_timeout: float = 10.0, max_retries: int = 3, accept: Accept | None = None,
                           settle: Settle | None = None, send_later: SendLater | None = None) -> TelegramAdapter:
    """Called by `bot.app.build_adapters` when TELEGRAM_BOT_TOKEN is set, with the router's `handle`,
    `max_busy` (turns in the handler at once, `TurnOrder`) and the durable inbox's `accept` and `settle`
    (None: updates are handled straight from PTB's queue). Nothing touches the network until `start()`."""
    if settings.mode == "webhook" and not settings.webhook_url:
        raise ValueError("TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_URL (or set TELEGRAM_MODE=polling)")
    token = settings.bot_token.get_secret_value()
    # httpx logs every request URL at INFO, and Bot API URLs contain the token: keep it out of logs
    # (PTB's docs advise the same). Only when nobody chose a level for httpx.
    httpx_log = logging.getLogger("httpx")
    if httpx_log.level == logging.NOTSET:
        httpx_log.setLevel(logging.WARNING)
    # `_poll` asks for getUpdates' raw JSON (PTB's `get_updates` parses it into `Update`s, and one it
    # can't parse would stop the loop for good); PTB warns that a method of its own exists.
    warnings.filterwarnings("ignore", message=r"Please use 'Bot\.getUpdates'", category=PTBUserWarning)
    adapter = TelegramAdapter(
        settings=settings, turns=TurnOrder(handler, sorry=SORRY, max_busy=max_busy),
        application=build_application(settings, max_retries=max_retries),
        secret=webhook_secret(settings), identity=BotIdentity(token.split(":", 1)[0]), poll_timeout=poll_timeout,
        accept=accept, settle=settle, send_later=send_later,
    )
    # validated dicts (from the webhook or `_poll`), when there is no inbox to store them in
    adapter.application.add_handler(TypeHandler(dict, adapter.handle_update))
    adapter.application.add_error_handler(adapter.handle_error)
    return adapter


async def fetch_bot_username(settings: TelegramSettings) -> str:
    """The bot's @username via getMe (for deep links), at the configured API base URL."""
    bot = Bot(settings.bot_token.get_secret_value(), base_url=settings.api_base_url,
              base_file_url=settings.api_file_url)
    async with bot:
        return bot.username


@dataclass(eq=False)
class TelegramAdapter:
    settings: TelegramSettings
    turns: TurnOrder
    application: Application
    secret: str
    identity: BotIdentity
    poll_timeout: float = 10.0
    accept: Accept | None = None  # the durable inbox (bot/inbox.py), which hands updates back to `process`
    settle: Settle | None = None
    send_later: SendLater | None = None  # the durable outbox (bot/outbox.py), which hands requests to `deliver`
    platform: Platform = Platform.TELEGRAM
    _ready: asyncio.Event = field(default_factory=asyncio.Event)
    _retry: asyncio.Task[None] | None = None
    _long_ids: OrderedDict[str, str] = field(default_factory=OrderedDict)
    _refused: str | None = None  # why the background set-up gave up, for `check`
    _poller: asyncio.Task[None] | None = None
    _offset: int = 0  # polling: getUpdates' offset, one above the last update stored (0: from the oldest)

    @property
    def webhook_mode(self) -> bool:
        return self.settings.mode == "webhook"

    # --- Adapter protocol ------------------------------------------------------------------------

    def routes(self) -> Sequence[BaseRoute]:
        return [Route(WEBHOOK_PATH, self.handle_webhook, methods=["POST"])] if self.webhook_mode else []

    async def start(self) -> None:
        """getMe, then setWebhook (webhook) or deleteWebhook + getUpdates (polling), then process
        updates. A bad token or webhook URL fails loudly; an unreachable Bot API is retried in the
        background so the rest of the app (Slack, the web server) still comes up."""
        if self._ready.is_set() or self._retry is not None:
            return
        if self.webhook_mode and urlparse(self.settings.webhook_url or "").path.rstrip("/") != WEBHOOK_PATH:
            log.warning("telegram: TELEGRAM_WEBHOOK_URL does not end in %s; fine only if a proxy rewrites it",
                        WEBHOOK_PATH)
        try:
            await self._connect()
        except TelegramError as exc:
            if not _transient(exc):
                token = self.settings.bot_token.get_secret_value()
                said = str(exc).replace(token, "***").replace(token.partition(":")[2] or token, "***")
                raise ConfigurationError(f"Telegram refused our setup ({type(exc).__name__}: {said}). "
                                         "Check TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL and TELEGRAM_WEBHOOK_URL.") from None
            log.error("telegram: Bot API at %s unreachable (%s); retrying in the background",
                      self.settings.api_base_url, exc)
            self._retry = asyncio.create_task(self._connect_later(), name="telegram-connect")

    async def check(self) -> str | None:
        """`Reachable`: None once getMe and the webhook (or polling) are set up; else why not. The
        set-up itself is retried in the background by `start` while the Bot API can't be reached."""
        if self._ready.is_set():
            return None
        if self._refused is not None:
            return self._refused
        return (f"Telegram Bot API at {self.settings.api_base_url} unreachable; still trying"
                if self._retry is not None else "not started")

    async def stop(self) -> None:
        """Stop polling and PTB's Application (pending updates are finished first), then close its
        HTTP client. The webhook stays registered, so Telegram keeps updates for the next start."""
        self._ready.clear()
        if self._retry is not None:
            self._retry.cancel()
            with suppress(asyncio.CancelledError):
                await self._retry
            self._retry = None
        app = self.application
        await self._stop_polling()
        if app.running:
            await app.stop()
        await app.shutdown()
        await app.bot.shutdown()  # no-op unless only `send` initialised the bot

    async def send(self, message: OutgoingMessage) -> None:
        """Proactive message to a group (`key.channel_id`, e.g. "-100123") or a DM (`channel_id` or
        `user_id`). Failures are logged and raised as `TelegramSendError`, so a caller such as the
        weekly shout-out can retry and report (replies inside a conversation only log);
        `TelegramMaybeSent` when Telegram may show it (or part of it) anyway: don't send it again."""
        where = place(message.key.channel_id or message.key.user_id)
        try:
            await self.application.bot.initialize()  # already done by start(); lets CLI tools send too
        except TelegramError as exc:
            log.exception("telegram: cannot send to %s: Bot API unavailable", where)
            raise TelegramSendError(f"Telegram Bot API unavailable: {exc}") from exc
        outcome = await self._deliver_parts(message, reply_to=None)
        if outcome == UNSURE:
            raise TelegramMaybeSent(f"no answer from Telegram for the message to {where}")
        if outcome == FAILED:
            raise TelegramSendError(f"Telegram did not accept the message to {where}")

    # --- incoming ----------------------------------------------------------------------------------

    async def handle_webhook(self, request: Request) -> Response:
        """Check the secret, size and the update's shape (`validated_update`); queue the validated
        dict for PTB and answer 200 at once. A malformed update is answered 200 too (Telegram
        re-sends anything else, again and again), logged in one line and dropped; so are the kinds
        we do not handle (we ask for message and callback_query only)."""
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            return JSONResponse({"ok": False, "error": "missing secret token"}, status_code=401)
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            return JSONResponse({"ok": False, "error": "wrong secret token"}, status_code=403)
        if not self._ready.is_set():
            return JSONResponse({"ok": False, "error": "starting up"}, status_code=503)
        body = await read_body(request)
        if body is None:
            return JSONResponse({"ok": False, "error": "update too large"}, status_code=413)
        try:
            data = load_json(body.decode("utf-8"))
            raw = validated_update(data)
        except (UnicodeDecodeError, Malformed) as exc:
            log_rejected("telegram", str(exc) if isinstance(exc, Malformed) else "not UTF-8")
            return Response(status_code=200)
        if raw is None:
            _log_ignored(data)
            return Response(status_code=200)
        if self.accept is None:
            await self.application.update_queue.put(raw)
            return Response(status_code=200)
        try:
            await self._accept(raw)
        except Exception:  # noqa: BLE001 - not stored: Telegram keeps it and sends it again
            log.exception("telegram: could not store update %s; asking Telegram to send it again", raw.get("update_id"))
            return JSONResponse({"ok": False, "error": "try again later"}, status_code=503)
        return Response(status_code=200)

    async def _accept(self, raw: dict[str, Any]) -> None:
        """Into the durable inbox, before Telegram is answered: one chat's updates are one conversation
        (processed in order, like `TurnOrder` holds a chat); `update_id` is unique per bot."""
        assert self.accept is not None
        await self.accept(str(Platform.TELEGRAM), f"update:{raw.get('update_id')}",
                          f"{Platform.TELEGRAM}:{chat_id_of(raw) or ''}", raw)

    async def process(self, payload: dict[str, Any]) -> None:
        """One update from the inbox: validated when it was accepted, handled as it would have been then."""
        await self._handle_raw(payload)

    async def idle(self) -> None:
        """Wait until every queued update has been fully handled (tests, benchmarks)."""
        await self.application.update_queue.join()
        if self.settle is not None:
            await self.settle()

    async def handle_update(self, update: dict[str, Any], context: ContextTypes.DEFAULT_TYPE) -> None:
        """PTB calls this for every update on its queue (only without an inbox), concurrently: the dict
        `handle_webhook` or `_poll` validated. One chat's updates are handled one at a time, in arrival
        order (`TurnOrder`)."""
        await self._handle_raw(update)

    async def _poll(self) -> None:
        """Polling mode: fetch updates and store each (`_take_polled`) before asking for more. The
        offset moves past an update only once it is stored (or dropped as malformed), so an update
        fetched but not stored (the process died, the database refused it) comes again. Errors are
        logged and retried with a growing pause (Retry-After when Telegram gives one)."""
        bot, delay = self.application.bot, 0.5
        while True:
            try:
                updates = await bot.do_api_request(
                    "getUpdates", api_kwargs={"offset": self._offset, "timeout": max(1, round(self.poll_timeout)),
                                              "allowed_updates": list(ALLOWED_UPDATES)},
                    read_timeout=self.settings.timeout + self.poll_timeout)
                for data in updates if isinstance(updates, list) else ():
                    await self._take_polled(data)
                delay = 0.5
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - Telegram or the database: the offset stays, try again
                pause = exc.retry_after if isinstance(exc, RetryAfter) else delay
                seconds = pause.total_seconds() if hasattr(pause, "total_seconds") else float(pause)
                log.error("telegram: polling failed (%s: %s); next getUpdates in %.1f s, from update %s",
                          type(exc).__name__, exc, seconds, self._offset)
                await asyncio.sleep(seconds)
                delay = min(delay * 2, 30.0)

    async def _take_polled(self, data: Any) -> None:
        """One polled update, validated as the webhook does it, into the inbox (without one: PTB's
        queue); then, and only then, the offset moves past it. Raises when it could not be stored."""
        update_id = data.get("update_id") if isinstance(data, dict) else None
        try:
            raw = validated_update(data)
        except Malformed as exc:
            log_rejected("telegram", str(exc))
            raw = None
        else:
            if raw is None:
                _log_ignored(data)
        if raw is not None:
            if self.accept is None:
                await self.application.update_queue.put(raw)
            else:
                await self._accept(raw)
        if isinstance(update_id, int) and not isinstance(update_id, bool):
            self._offset = max(self._offset, update_id + 1)

    async def _stop_polling(self) -> None:
        """Stop `_poll` and tell Telegram what was stored (one getUpdates without waiting), so the next
        start doesn't fetch it again (it would be a no-op: the inbox and the router claim each id)."""
        if self._poller is None:
            return
        self._poller.cancel()
        with suppress(asyncio.CancelledError):
            await self._poller
        self._poller = None
        if self._offset:
            try:  # bounded: a stop must not wait on an unreachable Bot API (SIGTERM: out within 10 s)
                await asyncio.wait_for(self.application.bot.do_api_request(
                    "getUpdates", api_kwargs={"offset": self._offset, "timeout": 0, "limit": 1,
                                              "allowed_updates": list(ALLOWED_UPDATES)}), STOP_CONFIRM_SECONDS)
            except (TelegramError, TimeoutError) as exc:
                log.warning("telegram: could not confirm the stored updates at stop (%s); they come again "
                            "at the next start and are ignored then", exc)

    async def handle_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("telegram: error while processing %r", getattr(update, "update_id", update), exc_info=context.error)

    async def _handle_raw(self, raw: dict[str, Any]) -> None:
        """One validated update: one turn of its chat (`TurnOrder`), replies sent inside it."""
        click = click_of(raw)
        message = to_incoming(raw, bot=self.identity, long_choice_ids=self._long_ids)

        async def answer(replies: list[OutgoingMessage]) -> None:  # sent here: where one goes depends on the rest
            if message is None:
                await self._no_message(raw, click)
            elif self.send_later is not None:
                if click is not None:  # after the router's claim: only the click it took removes the keyboard
                    await self._acknowledge(click, claimed=bool(replies))
                await self._send_later(raw, self._reply_requests(raw, message, click, replies))
            else:
                await self._send_replies(raw, message, click, replies)

        try:
            await self.turns.run(message, key=chat_id_of(raw) or "", before_posting=answer)
        except Exception:  # noqa: BLE001 - one bad update must never stop the bot
            log.exception("telegram: failed on %s update %s", update_kind(raw), raw.get("update_id"))

    async def _no_message(self, raw: dict[str, Any], click: Click | None) -> None:
        if click is not None:  # someone else's buttons, or an id we can't read: just stop the spinner
            await self._acknowledge(click)
        if is_unreadable_dm(raw):
            chat = chat_id_of(raw) or ""
            sorry = OutgoingMessage(ConversationKey(Platform.TELEGRAM, chat, chat), TEXT_ONLY)
            if self.send_later is not None:
                await self._send_later(raw, self._requests(sorry, reply_to=None))
            else:
                await self._deliver(sorry)
        else:
            _log_ignored(raw)

    async def _send_replies(self, raw: dict[str, Any], message: IncomingMessage, click: Click | None,
                            replies: list[OutgoingMessage]) -> None:
        _, reply_to = reply_context(raw)  # replies carry their forum topic (`thread_id`) from `message`
        if click is not None:  # after the router's claim: only the click it took removes the keyboard
            await self._acknowledge(click, claimed=bool(replies))
        privately = False
        for reply in replies:
            if reply.private:  # a manager's answer asked for in a group goes to their private chat
                privately = True
                if not await self._deliver(replace(reply, thread_id=None)):
                    await self._deliver(replace(reply, text=OPEN_PRIVATE_CHAT, choices=(), private=False),
                                        reply_to=reply_to)
                    return
                continue
            await self._deliver(reply, reply_to=reply_to)
        if privately and message.key.channel_id != message.key.user_id and not click:
            note = OutgoingMessage(message.key, ANSWERED_PRIVATELY, thread_id=message.thread_id)
            await self._deliver(note, reply_to=reply_to)

    async def _acknowledge(self, click: Click, *, claimed: bool = False) -> None:
        """Stop the button's spinner (every tap has its own), and, for the click the router took (a
        second tap or a re-delivery comes back with no replies), take the keyboard away."""
        bot = self.application.bot
        await _quietly("answerCallbackQuery", bot.answer_callback_query(
            click.callback_query_id, text=NOT_YOURS if click.foreign else None))
        if claimed and click.remove_keyboard and click.chat_id and click.message_id:
            await _quietly("editMessageReplyMarkup", bot.edit_message_reply_markup(
                chat_id=click.chat_id, message_id=click.message_id, reply_markup=None))

    # --- outgoing: through the outbox ----------------------------------------------------------------

    def _reply_requests(self, raw: dict[str, Any], message: IncomingMessage, click: Click | None,
                        replies: list[OutgoingMessage]) -> list[dict[str, Any]]:
        """A turn's replies as Bot API requests (JSON, stored by the outbox), as `_send_replies` would send
        them: a manager's private answers go to their private chat; the first carries its fallback (how to
        open one, said in the group), which the outbox sends instead, skipping the rest, when Telegram
        refuses (the manager never started a private chat with the bot)."""
        _, reply_to = reply_context(raw)
        requests: list[dict[str, Any]] = []
        privately = False
        for reply in replies:
            if reply.private:
                parts = self._requests(replace(reply, thread_id=None), reply_to=None)
                if not privately and parts:
                    fallback = replace(reply, text=OPEN_PRIVATE_CHAT, choices=(), private=False, image_path=None)
                    parts[0]["otherwise"] = self._requests(fallback, reply_to=reply_to)[0]
                privately = True
                requests.extend(parts)
            else:
                requests.extend(self._requests(reply, reply_to=reply_to))
        if privately and message.key.channel_id != message.key.user_id and not click:
            note = OutgoingMessage(message.key, ANSWERED_PRIVATELY, thread_id=message.thread_id)
            requests.extend(self._requests(note, reply_to=reply_to))
        return requests

    def _requests(self, out: OutgoingMessage, *, reply_to: int | None) -> list[dict[str, Any]]:
        self._remember(hashed_choice_ids([c.id for c in out.choices]))
        return [to_request(send) for send in to_outgoing(out, reply_to=reply_to)]

    async def _send_later(self, raw: dict[str, Any], requests: list[dict[str, Any]]) -> None:
        assert self.send_later is not None
        if not requests:
            return
        try:
            await self.send_later(str(Platform.TELEGRAM), f"{Platform.TELEGRAM}:{chat_id_of(raw) or ''}", requests)
        except Exception:  # noqa: BLE001 - the database can't take them: send them now, once
            log.exception("telegram: could not store %d request(s) in the outbox; sending them now", len(requests))
            for request in requests:
                await self._send(from_request(request))

    async def deliver(self, request: dict[str, Any]) -> Delivery:
        """One request the outbox stored (`_requests`), sent once: how it ended (`bot.delivery`). A 429 is
        not retried here (`OutboxRateLimiter`): the outbox waits for its `retry_after`."""
        try:
            send = from_request(request)
        except (KeyError, TypeError, ValueError) as exc:
            return Delivery(REJECTED, error=f"unreadable request ({type(exc).__name__})")
        try:
            await self.application.bot.initialize()  # done by start(); not yet if the Bot API was unreachable then
        except TelegramError as exc:
            return Delivery(RETRY, error=f"Bot API unavailable: {type(exc).__name__}")
        return await self._deliver_request(send)

    async def _deliver_request(self, send: TelegramSend) -> Delivery:
        where = place(send.chat_id)
        try:
            await self._post(send)
            return Delivery(DELIVERED)
        except ChatMigrated as exc:  # a group became a supergroup: its id changed
            log.warning("telegram: chat %s is now %s; update the team's telegram channel", where, exc.new_chat_id)
            return await self._deliver_request(replace(send, chat_id=str(exc.new_chat_id)))
        except Forbidden as exc:
            log.warning("telegram: may not write to chat %s (%s): blocked by the user or removed from the group",
                        where, exc)
            return Delivery(REJECTED, error=f"Forbidden: {exc}"[:200])
        except BadRequest as exc:
            if send.parse_mode and "entit" in str(exc).lower():
                log.warning("telegram: HTML rejected in chat %s (%s); sending plain text", where, exc)
                return await self._deliver_request(replace(send, text=send.plain_text, parse_mode=None))
            log.error("telegram: %s to chat %s rejected: %s", send.method, where, exc)
            return Delivery(REJECTED, error=f"BadRequest: {exc}"[:200])
        except RetryAfter as exc:
            # `_retry_after` (a timedelta): the public `retry_after` warns that its type will change
            given = getattr(exc, "_retry_after", None) or exc.retry_after
            wait = given.total_seconds() if isinstance(given, timedelta) else float(given)
            log.warning("telegram: %s to chat %s rate limited; the outbox tries again in %s s", send.method, where, wait)
            return Delivery(RETRY, retry_after=float(wait), error="429 Too Many Requests")
        except TelegramError as exc:
            detail = f"{type(exc).__name__}: {exc.__cause__ or exc}"[:200]
            if maybe_sent(exc):
                log.error("telegram: %s to chat %s may have gone through: the answer was lost (%s); not sending it "
                          "again", send.method, where, detail)
                return Delivery(UNKNOWN, error=detail)
            if isinstance(exc, NetworkError):  # no connection (the request never left), or a 5xx answer
                log.warning("telegram: %s to chat %s not sent (%s); the outbox tries again", send.method, where, detail)
                return Delivery(RETRY, error=detail)
            log.error("telegram: %s to chat %s failed: %s", send.method, where, detail)
            return Delivery(REJECTED, error=detail)

    # --- outgoing ----------------------------------------------------------------------------------

    async def _deliver(self, out: OutgoingMessage, *, reply_to: int | None = None) -> bool:
        """Send every part of `out`; False (already logged) when one failed or may have failed."""
        return await self._deliver_parts(out, reply_to=reply_to) == SENT

    async def _deliver_parts(self, out: OutgoingMessage, *, reply_to: int | None) -> str:
        """SENT, FAILED (nothing of it reached Telegram) or UNSURE (it, or a part, may be there)."""
        self._remember(hashed_choice_ids([c.id for c in out.choices]))
        for number, send in enumerate(to_outgoing(out, reply_to=reply_to)):
            outcome = await self._send(send)
            if outcome != SENT:  # the rest would fail the same way, or arrive out of order
                return UNSURE if number else outcome  # earlier parts are up: all again would repeat them
        return SENT

    async def _send(self, send: TelegramSend) -> str:
        try:
            await self._post(send)
            return SENT
        except ChatMigrated as exc:  # a group became a supergroup: its id changed
            log.warning("telegram: chat %s is now %s; update the team's telegram channel", place(send.chat_id),
                        exc.new_chat_id)
            return await self._send(replace(send, chat_id=str(exc.new_chat_id)))
        except Forbidden as exc:
            log.warning("telegram: may not write to chat %s (%s): blocked by the user or removed from the group",
                        place(send.chat_id), exc)
        except BadRequest as exc:
            if send.parse_mode and "entit" in str(exc).lower():
                log.warning("telegram: HTML rejected in chat %s (%s); sending plain text", place(send.chat_id), exc)
                return await self._send(replace(send, text=send.plain_text, parse_mode=None))
            log.error("telegram: %s to chat %s rejected: %s", send.method, place(send.chat_id), exc)
        except TelegramError as exc:  # NetworkError, TimedOut, RetryAfter after the limiter's retries
            if maybe_sent(exc):
                log.error("telegram: %s to chat %s may have gone through: the answer was lost (%s: %s); not sending "
                          "it again", send.method, place(send.chat_id), type(exc).__name__, exc.__cause__ or exc)
                return UNSURE
            log.error("telegram: %s to chat %s failed: %s: %s", send.method, place(send.chat_id), type(exc).__name__, exc)
        return FAILED

    async def _post(self, send: TelegramSend) -> None:
        bot = self.application.bot
        common: dict[str, Any] = {
            "chat_id": send.chat_id, "parse_mode": send.parse_mode, "reply_markup": send.reply_markup,
            "message_thread_id": send.message_thread_id, "reply_parameters": send.reply_parameters,
        }
        if send.method == "sendPhoto":
            photo = Path(send.photo or "")
            if photo.is_file():
                await bot.send_photo(photo=photo, caption=send.text or None, **common)
                return
            log.error("telegram: picture %s not found; sending the text only", send.photo)
            if not send.text:
                return
        await bot.send_message(text=send.text, **common)

    # --- bookkeeping -------------------------------------------------------------------------------

    async def _connect(self) -> None:
        app = self.application
        await app.initialize()  # getMe
        self.identity = BotIdentity(str(app.bot.id), app.bot.username)
        if self.webhook_mode and self.settings.set_webhook:
            await app.bot.set_webhook(url=self.settings.webhook_url or "", secret_token=self.secret,
                                      allowed_updates=list(ALLOWED_UPDATES))
        elif self.webhook_mode:
            log.info("telegram: webhook left to another process to register (TELEGRAM_SET_WEBHOOK=false)")
        else:
            await app.bot.delete_webhook()
        await app.start()
        if not self.webhook_mode:
            self._poller = asyncio.create_task(self._poll(), name="telegram-poll")
        self._ready.set()
        log.info("telegram: @%s ready (%s)", self.identity.username, self.settings.mode)

    async def _connect_later(self) -> None:
        delay = 0.5
        while True:
            await asyncio.sleep(delay)
            try:
                await self._connect()
                return
            except TelegramError as exc:
                if not _transient(exc):
                    log.error("telegram: giving up: Telegram refused our setup (%s: %s)", type(exc).__name__, exc)
                    self._refused = f"Telegram refused our setup ({type(exc).__name__})"
                    return
                delay = min(delay * 2, 60.0)
                log.error("telegram: still can't set up (%s: %s); next try in %.0fs", type(exc).__name__, exc, delay)

    def _remember(self, long_ids: dict[str, str]) -> None:
        for data, choice_id in long_ids.items():
            self._long_ids[data] = choice_id
            self._long_ids.move_to_end(data)
        while len(self._long_ids) > _LONG_IDS_KEPT:
            self._long_ids.popitem(last=False)


def to_request(send: TelegramSend) -> dict[str, Any]:
    """A Bot API call as JSON, for the outbox (`from_request` turns it back)."""
    return {"method": send.method, "chat_id": send.chat_id, "text": send.text, "plain_text": send.plain_text,
            "parse_mode": send.parse_mode, "photo": send.photo, "message_thread_id": send.message_thread_id,
            "reply_markup": send.reply_markup.to_dict() if send.reply_markup is not None else None,
            "reply_to": send.reply_parameters.message_id if send.reply_parameters is not None else None}


def from_request(request: dict[str, Any]) -> TelegramSend:
    markup, reply_to = request.get("reply_markup"), request.get("reply_to")
    return TelegramSend(
        str(request["method"]), str(request["chat_id"]), str(request["text"]), str(request.get("plain_text") or ""),
        request.get("parse_mode"), reply_markup=InlineKeyboardMarkup.de_json(markup) if markup else None,
        photo=request.get("photo"), message_thread_id=request.get("message_thread_id"),
        reply_parameters=ReplyParameters(int(reply_to), allow_sending_without_reply=True) if reply_to else None)


def _log_ignored(raw: dict[str, Any]) -> None:
    if (kind := update_kind(raw)) in HANDLED_KINDS or kind in SKIPPED_KINDS:
        log.debug("telegram: ignored %s update %s", kind, raw.get("update_id"))
    else:
        log.info("telegram: ignored update %s of unknown kind %r", raw.get("update_id"), kind[:64])


def _transient(exc: TelegramError) -> bool:
    """Network trouble (worth retrying) rather than a refusal (bad token, bad webhook URL)."""
    return isinstance(exc, NetworkError | RetryAfter) and not isinstance(exc, BadRequest)


async def _quietly(what: str, call: Awaitable[Any]) -> None:
    try:
        await call
    except BadRequest as exc:  # e.g. "query is too old", "message is not modified"
        log.debug("telegram: %s: %s", what, exc)
    except TelegramError as exc:
        log.warning("telegram: %s failed: %s: %s", what, type(exc).__name__, exc)
