"""A fake Telegram Bot API on 127.0.0.1 (ephemeral port) for tests and local runs.

    fake = FakeTelegramAPI()
    base_url = await fake.start()          # "http://127.0.0.1:PORT/bot" -> TELEGRAM_API_BASE_URL
    ...                                    # run the bot with TELEGRAM_API_FILE_URL=fake.file_url
    fake.push_update(text_update("/start visit_123", user_id=42))
    await fake.wait_for("sendMessage")
    await fake.stop()

It serves `/bot<token>/<method>` like the real API (form, multipart or JSON parameters; answers
`{"ok": true, "result": ...}`), records every call in `.calls` (`{"method", "params", "status"}`),
keeps what the bot sent so a test can click its buttons (`click_update`), long-polls `getUpdates`
(confirming updates below `offset`), and once `setWebhook` was called it delivers pushed updates to
the webhook with the secret header, one at a time, like Telegram does (and refuses getUpdates with 409).
`fail_once("sendMessage", error_code=429, retry_after=1)` makes the next such call fail;
`fail_once("sendMessage", drop="after")` stores the message, then drops the connection without an
answer (`drop="before"`: drops it unread), `fail_once(..., slow=2.0)` stores it and answers 2 s later;
`await go_offline()` refuses connections until `await go_online()`.
From another process: `POST /_updates` (an Update JSON) pushes, `GET /_calls?since=N` reads the calls.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.parser
import email.policy
import itertools
import json
import socket
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from devkit.fakes.fault import DROPS, KeepTransport, Window, drop_connection
from devkit.fakes.server import QuickServer

DEFAULT_TOKEN = "123456789:FAKE-telegram-token_for-tests"
DEFAULT_USERNAME = "storybot_test_bot"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Parameters the Bot API always takes as strings (everything else arrives JSON-encoded from PTB).
_STRING_PARAMS = {"text", "caption", "callback_query_id", "url", "secret_token", "parse_mode", "inline_message_id",
                  "description", "short_description", "name"}


class LocalServer:
    """Serve an ASGI app with uvicorn on 127.0.0.1 and a port the OS picks, in the running loop.
    The port is bound at construction, so `url` is known before `start()` (e.g. for a webhook URL)."""

    def __init__(self, *, lifespan: str = "on", port: int = 0) -> None:
        # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY on accepted connections only then; without
        # it every keep-alive request waits ~40 ms for a delayed ACK.
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))  # bound, not listening until start(): connecting is refused
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.lifespan = lifespan
        self._server: QuickServer | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self, app: Any) -> str:
        config = uvicorn.Config(app, log_level="warning", lifespan=self.lifespan, timeout_graceful_shutdown=2)
        self._server = QuickServer(config, abandon_requests=True)
        self._task = asyncio.create_task(self._server.serve(sockets=[self.sock]))
        while not self._server.started:
            if self._task.done():
                self._task.result()
                raise RuntimeError("the server did not start (see the log above)")
            await asyncio.sleep(0.01)
        return self.url

    async def stop(self) -> None:
        if self._server is not None and self._task is not None:
            self._server.request_stop()
            await self._task
        self.sock.close()




class FakeTelegramAPI:
    def __init__(self, token: str = DEFAULT_TOKEN, *, username: str = DEFAULT_USERNAME) -> None:
        self.token, self.username = token, username
        self.bot_id = int(token.split(":", 1)[0])
        self.calls: list[dict[str, Any]] = []
        self.webhook: dict[str, Any] | None = None
        self.deliveries: list[int] = []  # HTTP status of each webhook delivery
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}  # (chat id, message id) -> message
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(5000)
        self._failures: dict[str, list[dict[str, Any]]] = {}
        self._cuts: dict[str, list[tuple[str | None, float]]] = {}  # method -> (drop, slow) network faults
        self._windows: list[Window] = []
        self._changed = asyncio.Event()
        self._closing = False
        self._outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._postman: asyncio.Task[None] | None = None
        self._server = LocalServer(lifespan="off")
        self._app: Any = None
        self.url = self._server.url

    # --- lifecycle ------------------------------------------------------------------------------

    async def start(self) -> str:
        routes = [
            Route("/bot{token}/{method}", self._endpoint, methods=["GET", "POST"]),
            Route("/_calls", self._calls_endpoint, methods=["GET"]),
            Route("/_updates", self._updates_endpoint, methods=["POST"]),
            Route("/_click", self._click_endpoint, methods=["POST"]),
        ]
        self._app = KeepTransport(Starlette(routes=routes))
        await self._server.start(self._app)
        return self.base_url

    async def go_offline(self) -> None:
        """Refuse connections (nothing listens on the port, which stays reserved) until `go_online`."""
        await self._server.stop()
        self._server = LocalServer(lifespan="off", port=int(self.url.rsplit(":", 1)[1]))

    async def go_online(self) -> None:
        await self._server.start(self._app)

    async def stop(self) -> None:
        self._closing = True
        self._changed.set()
        if self._postman is not None:
            self._postman.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._postman
        await self._server.stop()

    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"

    @property
    def file_url(self) -> str:
        return f"{self.url}/file/bot"

    # --- controlling the fake -------------------------------------------------------------------

    def fail_once(self, method: str, *, error_code: int = 429, description: str | None = None,
                  retry_after: int | None = None, drop: str | None = None, slow: float = 0.0) -> None:
        """The next call of `method` answers `{"ok": false, "error_code": ..., "parameters": ...}`; or,
        with `drop="after"` / `slow=seconds`, is carried out and then loses its answer (the connection
        is closed without one / the answer comes `slow` seconds later); `drop="before"`: is not."""
        if drop is not None or slow:
            assert drop in (None, *DROPS), drop
            self._cuts.setdefault(method, []).append((drop, slow))
            return
        if retry_after is None and error_code == 429:
            retry_after = 1
        error: dict[str, Any] = {"ok": False, "error_code": error_code,
                                 "description": description or _DESCRIPTIONS.get(error_code, "Error")}
        if retry_after is not None:
            error["parameters"] = {"retry_after": retry_after}
            error["description"] = description or f"Too Many Requests: retry after {retry_after}"
        self._failures.setdefault(method, []).append(error)

    def fault_window(self, seconds: float, kind: str = "429", *, methods: tuple[str, ...] = ("sendMessage",),
                     retry_after: float = 1.0) -> None:
        """For `seconds` from now, every call of `methods` fails: "429" (`parameters.retry_after`),
        "drop-before" (connection closed unread) or "drop-after" (carried out, answer lost)."""
        self._windows.append(Window.lasting(seconds, kind, methods, retry_after))

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update: for getUpdates, or (once a webhook is set) for delivery to it."""
        update = self._stamp(update)
        if self.webhook:
            self._outbox.put_nowait(update)
            if self._postman is None:
                self._postman = asyncio.create_task(self._deliver_all())
        else:
            self._updates.append(update)
            self._changed.set()
        return int(update["update_id"])

    async def deliver(self, update: dict[str, Any] | bytes, *, secret: str | None = ...,  # type: ignore[assignment]
                      url: str | None = None, headers: dict[str, str] | None = None) -> httpx.Response:
        """POST one update to the webhook now (secret: the one registered unless given; None = no
        header). Bytes are posted as they are (for malformed bodies)."""
        url = url or (self.webhook or {}).get("url")
        if not url:
            raise RuntimeError("no webhook set")
        if secret is ...:
            secret = (self.webhook or {}).get("secret_token")
        sent_headers = {"Content-Type": "application/json", **(headers or {})}
        if secret is not None:
            sent_headers[SECRET_HEADER] = str(secret)
        body = update if isinstance(update, bytes) else json.dumps(self._stamp(update)).encode()
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.post(url, content=body, headers=sent_headers)
        self.deliveries.append(response.status_code)
        return response

    # --- looking at what the bot did ---------------------------------------------------------------

    def sent(self, method: str | None = None) -> list[dict[str, Any]]:
        """Parameters of the successful calls of `method` (all methods if None)."""
        return [c["params"] for c in self.calls if (method is None or c["method"] == method) and c["status"] == 200]

    def texts(self, chat_id: int | str | None = None) -> list[str]:
        """Texts and captions the bot sent (to one chat, or to all)."""
        return [p.get("text") or p.get("caption") or "" for p in self.calls_to(chat_id)]

    def calls_to(self, chat_id: int | str | None = None) -> list[dict[str, Any]]:
        return [p for c in self.calls if c["method"] in ("sendMessage", "sendPhoto") and c["status"] == 200
                for p in [c["params"]] if chat_id is None or str(p.get("chat_id")) == str(chat_id)]

    async def wait_for(self, method: str, count: int = 1, *, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Wait until `method` succeeded `count` times in total; returns those calls' parameters."""
        deadline = time.monotonic() + timeout
        while len(self.sent(method)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{method} called {len(self.sent(method))} times, expected {count}: "
                                     f"{[c['method'] for c in self.calls]}")
            await asyncio.sleep(0.01)
        return self.sent(method)

    async def settle(self, quiet: float = 0.3, *, timeout: float = 5.0) -> None:
        """Wait until no call arrived for `quiet` seconds (to assert that nothing more is sent)."""
        deadline = time.monotonic() + timeout
        seen = -1
        while len(self.calls) != seen and time.monotonic() < deadline:
            seen = len(self.calls)
            await asyncio.sleep(quiet)

    def last_message(self, chat_id: int | str) -> dict[str, Any]:
        """The last message the bot sent to a chat, as the Bot API returned it."""
        mine = [m for (chat, _), m in self.messages.items() if chat == int(chat_id) and m["from"]["id"] == self.bot_id]
        if not mine:
            raise AssertionError(f"the bot sent nothing to {chat_id}")
        return mine[-1]

    @staticmethod
    def buttons(message_or_params: dict[str, Any]) -> list[tuple[str, str]]:
        """(label, callback_data) of an inline keyboard, row by row."""
        markup = message_or_params.get("reply_markup") or {}
        return [(b["text"], b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]

    def click_update(self, message: dict[str, Any], choice: str, *, user_id: int, first_name: str = "Tess") -> dict[str, Any]:
        """A callback_query for the button of `message` whose label or callback_data is `choice`."""
        options = self.buttons(message)
        data = next((d for label, d in options if choice in (label, d)), None)
        if data is None:
            raise AssertionError(f"no button {choice!r} in {options}")
        return {"callback_query": {
            "id": str(next(self._message_ids) * 1000 + user_id), "chat_instance": "-777",
            "from": _user(user_id, first_name), "message": message, "data": data,
        }}

    # --- the API ------------------------------------------------------------------------------------

    async def _endpoint(self, request: Request) -> Response:
        method = request.path_params["method"]
        params = await _params(request)
        if request.path_params["token"] != self.token:
            return self._record(method, params, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        cuts = self._cuts.get(method)
        drop, slow = cuts.pop(0) if cuts else (None, 0.0)
        window = next((w for w in self._windows if w.covers(method)), None)
        if window is not None and drop is None and not slow:
            if window.kind == "429":
                wait = int(window.retry_after) if float(window.retry_after).is_integer() else window.retry_after
                return self._record(method, params, {"ok": False, "error_code": 429, "parameters": {"retry_after": wait},
                                                     "description": f"Too Many Requests: retry after {wait}"})
            drop = window.kind.removeprefix("drop-")
        if drop == "before":
            self.calls.append({"method": method, "params": params, "status": 0, "dropped": drop})
            return await drop_connection(request)
        failures = self._failures.get(method)
        if failures:
            return self._record(method, params, failures.pop(0))
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return self._record(method, params, {"ok": False, "error_code": 404, "description": "Not Found"})
        if method == "getUpdates" and self.webhook:
            return self._record(method, params, {"ok": False, "error_code": 409, "description": (
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook first")})
        call = {"method": method, "params": params, "status": 200}
        self.calls.append(call)
        answer = JSONResponse({"ok": True, "result": await handler(params)})
        if drop == "after":  # carried out (stored, counted as sent), but the answer is lost
            call["dropped"] = drop
            return await drop_connection(request)
        if slow:
            await asyncio.sleep(slow)
        return answer

    async def _calls_endpoint(self, request: Request) -> JSONResponse:
        """`GET /_calls?since=N`: the calls recorded from index N on (for a driver in another process)."""
        since = int(request.query_params.get("since") or 0)
        return JSONResponse({"calls": self.calls[since:], "next": len(self.calls)})

    async def _updates_endpoint(self, request: Request) -> JSONResponse:
        """`POST /_updates` with an Update JSON: like `push_update` (from another process). As on
        Telegram, the server numbers the message: a driver run anew (`devkit.tg`) would otherwise send
        the ids of its last run again, and the bot rightly drops those as re-deliveries."""
        update = await request.json()
        if isinstance(update, dict) and isinstance(update.get("message"), dict):
            update["message"]["message_id"] = next(self._message_ids)
        return JSONResponse({"update_id": self.push_update(update)})

    async def _click_endpoint(self, request: Request) -> JSONResponse:
        """`POST /_click {"chat_id", "choice", "user_id"}`: press a button of the bot's last message
        to that chat (by label or callback data), from another process."""
        body = await request.json()
        try:
            message = self.last_message(body["chat_id"])
            update = self.click_update(message, str(body["choice"]), user_id=int(body.get("user_id", body["chat_id"])))
        except (AssertionError, KeyError, ValueError) as problem:
            return JSONResponse({"error": str(problem)}, status_code=400)
        return JSONResponse({"update_id": self.push_update(update)})

    def _record(self, method: str, params: dict[str, Any], body: dict[str, Any]) -> JSONResponse:
        self.calls.append({"method": method, "params": params, "status": body["error_code"]})
        return JSONResponse(body, status_code=body["error_code"])

    async def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {**_user(self.bot_id, "Storybot (fake)", is_bot=True), "username": self.username,
                "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}

    async def _api_setWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {"url": params["url"], "secret_token": params.get("secret_token"),
                        "allowed_updates": params.get("allowed_updates")}
        for update in self._updates:  # what was waiting for getUpdates now goes to the webhook
            self._outbox.put_nowait(update)
        self._updates.clear()
        if self._postman is None and not self._outbox.empty():
            self._postman = asyncio.create_task(self._deliver_all())
        return True

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _api_getWebhookInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"url": (self.webhook or {}).get("url", ""), "has_custom_certificate": False,
                "pending_update_count": len(self._updates)}

    async def _api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]  # below offset = confirmed
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 30.0)
        while not self._updates and not self._closing and time.monotonic() < deadline:
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=max(0.0, deadline - time.monotonic()))
        return self._updates[: int(params.get("limit") or 100)]

    async def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._store(params, text=params.get("text", ""))

    async def _api_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        photo = params.get("photo") or {}
        size = photo.get("size", 0) if isinstance(photo, dict) else 0
        sizes = [{"file_id": f"photo-{size}", "file_unique_id": f"u{size}", "width": 640, "height": 480,
                  "file_size": size}]
        return self._store(params, photo=sizes, **({"caption": params["caption"]} if params.get("caption") else {}))

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        return True

    async def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        message = self.messages.get((int(params.get("chat_id", 0)), int(params.get("message_id", 0))))
        if message is None:
            return True
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        else:
            message.pop("reply_markup", None)
        return message

    async def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        message = self.messages.get((int(params.get("chat_id", 0)), int(params.get("message_id", 0))))
        if message is None:
            return True
        message["text"] = params.get("text", "")
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _api_sendChatAction(self, params: dict[str, Any]) -> bool:
        return True

    async def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        return True

    # --- helpers -------------------------------------------------------------------------------------

    def _store(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message: dict[str, Any] = {"message_id": next(self._message_ids), "date": int(time.time()),
                                   "chat": _chat(chat_id), "from": {**_user(self.bot_id, "Storybot (fake)", is_bot=True),
                                                                    "username": self.username}, **content}
        if params.get("message_thread_id"):
            message["message_thread_id"], message["is_topic_message"] = int(params["message_thread_id"]), True
        reply = (params.get("reply_parameters") or {}).get("message_id")
        if reply and (chat_id, int(reply)) in self.messages:
            message["reply_to_message"] = self.messages[(chat_id, int(reply))]
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, message["message_id"])] = message
        return message

    def _stamp(self, update: dict[str, Any]) -> dict[str, Any]:
        update = dict(update)
        if "update_id" not in update:
            update = {"update_id": next(self._update_ids), **update}
        message = update.get("message")
        if isinstance(message, dict) and isinstance(message.get("chat"), dict):
            self.messages[(int(message["chat"]["id"]), int(message["message_id"]))] = message
        return update

    async def _deliver_all(self) -> None:
        while True:
            update = await self._outbox.get()
            try:
                await self.deliver(update)
            except httpx.HTTPError:
                self.deliveries.append(0)


_DESCRIPTIONS = {400: "Bad Request", 403: "Forbidden: bot was blocked by the user", 404: "Not Found",
                 409: "Conflict", 429: "Too Many Requests", 502: "Bad Gateway"}


async def _params(request: Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query_params)
    body = await request.body()
    ctype = request.headers.get("content-type", "")
    if not body:
        return params
    if ctype.startswith("application/json"):
        params.update(json.loads(body))
    elif ctype.startswith("multipart/form-data"):
        params.update(_multipart(body, ctype))
    else:
        params.update({k: _decode(k, v) for k, v in parse_qsl(body.decode(), keep_blank_values=True)})
    return params


def _multipart(body: bytes, content_type: str) -> dict[str, Any]:
    parsed = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    fields: dict[str, Any] = {}
    for part in parsed.iter_parts():
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None:
            fields[str(name)] = {"filename": filename, "size": len(data), "content_type": part.get_content_type()}
        else:
            fields[str(name)] = _decode(str(name), data.decode())
    # PTB posts a file as `attach://<name>` in the parameter and the bytes in a part of that name.
    for key, value in list(fields.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            fields[key] = fields.pop(value.removeprefix("attach://"), value)
    return fields


def _decode(key: str, value: str) -> Any:
    if key in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _user(user_id: int, first_name: str, *, is_bot: bool = False) -> dict[str, Any]:
    return {"id": user_id, "is_bot": is_bot, "first_name": first_name}


def _chat(chat_id: int) -> dict[str, Any]:
    if chat_id < 0:
        return {"id": chat_id, "type": "supergroup", "title": "Riverside team"}
    return {"id": chat_id, "type": "private", "first_name": "User"}


_update_messages: Iterator[int] = itertools.count(100)


def text_update(text: str, *, user_id: int = 42, first_name: str = "Tess", chat_id: int | None = None,
                reply_to: dict[str, Any] | None = None, message_id: int | None = None,
                update_id: int | None = None) -> dict[str, Any]:
    """A `message` update as Telegram sends it (with a bot_command entity for `/commands`)."""
    chat = _chat(chat_id if chat_id is not None else user_id)
    if chat["type"] == "private":
        chat["first_name"] = first_name
    message: dict[str, Any] = {"message_id": message_id or next(_update_messages), "from": _user(user_id, first_name),
                               "chat": chat, "date": int(time.time()), "text": text}
    if text.startswith("/"):
        message["entities"] = [{"offset": 0, "length": len(text.split()[0]), "type": "bot_command"}]
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    update: dict[str, Any] = {"message": message}
    if update_id is not None:
        update = {"update_id": update_id, **update}
    return update
