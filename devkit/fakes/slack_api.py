"""A fake Slack Web API on 127.0.0.1 (ephemeral port), answering like Slack and recording every call,
plus helpers to sign and send what Slack would send to the bot (events, clicks, commands, forms).

    fake = FakeSlackApi()
    api_url = await fake.start()        # -> "http://127.0.0.1:<port>/api/"  (SLACK_API_URL)
    ...
    fake.calls                          # [{"method": "chat.postMessage", "params": {...}, ...}, ...]
    fake.messages["C1"]                 # what the channel shows: posted messages, with their metadata
    fake.fail_next("chat.postMessage", status=429, retry_after=0)   # or error="channel_not_found"
    fake.fail_next("chat.postMessage", drop="after")   # posts it, then drops the connection unanswered
    fake.fail_next("chat.postMessage", slow=2.0)       # posts it, answers 2 s later
    await fake.go_offline(); ...; await fake.go_online()   # connections are refused meanwhile
    await fake.stop()

Also `GET /_calls?since=N` returns the recorded calls as JSON (for `devkit/say.py`).

Socket Mode: `FakeSlackApi(app_token="xapp-…", socket=FakeSlackSocket())` also runs the fake Socket
Mode server (devkit/fakes/slack_socket.py); `apps.connections.open` with the app token answers its
`ws://127.0.0.1:<port>` URL, and `POST /_socket/{events_api|slash_commands|interactive}` with a
payload as JSON body sends it to the bot as an envelope (for `devkit/say.py`), answering the ack.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from devkit.fakes.fault import DROPS, KeepTransport, Window, drop_connection
from devkit.fakes.server import QuickServer
from devkit.fakes.slack_socket import FakeSlackSocket
from devkit.fakes.telegram_api import LocalServer
from devkit.signing import sign

BOT_USER = "UBOT"
BOT_ID = "BBOT"
TEAM = "T0FAKE"


# --- serving any ASGI app on an ephemeral port, in this event loop ---------------------------------


@dataclass
class Served:
    server: QuickServer
    task: asyncio.Task
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def stop(self) -> None:
        self.server.request_stop()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(self.task, timeout=10)


async def serve(app: Any, *, lifespan: str = "on", **config: Any) -> Served:
    """Run `app` with uvicorn on 127.0.0.1 and a free port; returns once it accepts connections."""
    server = QuickServer(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan=lifespan,
                                         **config))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()  # raises what went wrong
            raise RuntimeError("server stopped before it started")
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    return Served(server, task, port)


# --- the fake Web API --------------------------------------------------------------------------------


@dataclass
class Fault:
    status: int = 200
    error: str | None = None
    retry_after: int | str = 0  # the Retry-After header of a 429
    drop: str | None = None  # "before": the connection is closed unread; "after": once the call is carried out
    slow: float = 0.0  # carried out, then answered this many seconds later


@dataclass
class FakeSlackApi:
    token: str | None = None  # when set, calls with another bearer token get `invalid_auth`
    app_token: str | None = None  # when set, apps.connections.open with another token gets `invalid_auth`
    socket: FakeSlackSocket | None = None  # Socket Mode: started and stopped with this fake
    calls: list[dict[str, Any]] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # channel -> its messages, oldest first
    delays: dict[str, float] = field(default_factory=dict)  # method -> seconds to wait before answering
    on_call: Callable[[dict[str, Any]], None] | None = None  # told about every call as it arrives (benchmarks)
    _faults: dict[str, deque[Fault]] = field(default_factory=lambda: defaultdict(deque))
    _windows: list[Window] = field(default_factory=list)
    _served: LocalServer | None = None
    _app: Any = None
    _last_ts: float = 0.0
    _changed: asyncio.Event | None = None

    # --- lifecycle ----------------------------------------------------------------------------
    async def start(self) -> str:
        self._changed = asyncio.Event()
        self._app = KeepTransport(Starlette(routes=[
            Route("/api/{method}", self._api, methods=["GET", "POST"]),
            Route("/_upload/{file_id}", self._upload, methods=["POST"]),
            Route("/_calls", self._list_calls, methods=["GET"]),
            Route("/_socket/{kind}", self._socket_send, methods=["POST"]),
        ]))
        self._served = LocalServer(lifespan="off")
        await self._served.start(self._app)
        if self.socket is not None:
            await self.socket.start()
        return self.api_url

    async def stop(self) -> None:
        if self.socket is not None:
            await self.socket.stop()
        if self._served is not None:
            await self._served.stop()
            self._served = None

    async def go_offline(self) -> None:
        """Refuse connections (nothing listens on the port, which stays reserved) until `go_online`."""
        assert self._served is not None, "start() first"
        port = int(self.url.rsplit(":", 1)[1])
        await self._served.stop()
        self._served = LocalServer(lifespan="off", port=port)

    async def go_online(self) -> None:
        assert self._served is not None, "start() first"
        await self._served.start(self._app)

    @property
    def url(self) -> str:
        assert self._served is not None, "start() first"
        return self._served.url

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    # --- steering and inspecting ----------------------------------------------------------------
    def fail_next(self, method: str, *, status: int = 200, error: str | None = None, retry_after: int = 0,
                  drop: str | None = None, slow: float = 0.0) -> None:
        """The next call of `method` answers HTTP `status` (429 with Retry-After) or `ok: false, error`;
        or, with `drop="after"` / `slow=seconds`, is carried out and then loses its answer (the
        connection is closed without one / the answer comes `slow` seconds later); `drop="before"`: is not."""
        assert drop in (None, *DROPS), drop
        self._faults[method].append(Fault(status, error, retry_after, drop, slow))

    def fault_window(self, seconds: float, kind: str = "429", *, methods: tuple[str, ...] = ("chat.postMessage",),
                     retry_after: float = 1.0) -> None:
        """For `seconds` from now, every call of `methods` fails: "429" (with `Retry-After: retry_after`),
        "drop-before" (connection closed unread) or "drop-after" (carried out, answer lost)."""
        self._windows.append(Window.lasting(seconds, kind, methods, retry_after))

    def of(self, method: str) -> list[dict[str, Any]]:
        """The params of every call of `method`, oldest first."""
        return [c["params"] for c in self.calls if c["method"] == method]

    def posts(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Every chat.postMessage call (also those answered with an error)."""
        return [p for p in self.of("chat.postMessage") if channel is None or p.get("channel") == channel]

    def posted(self, channel: str) -> list[dict[str, Any]]:
        """The messages the channel shows (posted by chat.postMessage, whatever became of the answer)."""
        return list(self.messages.get(channel, []))

    async def wait_for(self, method: str, count: int = 1, *, timeout: float = 5.0, **match: Any) -> list[dict]:
        """Wait until `method` was called `count` times (with params matching `match`); returns those calls."""
        assert self._changed is not None
        deadline = time.monotonic() + timeout
        while True:
            found = [p for p in self.of(method) if all(p.get(k) == v for k, v in match.items())]
            if len(found) >= count:
                return found
            left = deadline - time.monotonic()
            if left <= 0:
                seen = [c["method"] for c in self.calls]
                raise AssertionError(f"{method} x{count} {match or ''} not called in {timeout}s; calls: {seen}")
            self._changed.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=min(left, 0.2))

    # --- the HTTP side ---------------------------------------------------------------------------
    async def _record(self, request: Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query_params)
        raw = await request.body()
        kind = request.headers.get("content-type", "")
        if raw and "json" in kind:
            params.update(json.loads(raw))
        elif raw and "form" in kind:
            params.update(dict(parse_qsl(raw.decode(), keep_blank_values=True)))
        for key in ("blocks", "view", "files", "metadata"):  # form-encoded calls send these as JSON strings
            if isinstance(params.get(key), str):
                with contextlib.suppress(ValueError):
                    params[key] = json.loads(params[key])
        call = {"method": request.path_params["method"], "params": params,
                "token": request.headers.get("authorization", "").removeprefix("Bearer "), "at": time.time()}
        self.calls.append(call)
        return call

    def _notify(self, call: dict[str, Any] | None = None) -> None:
        if self._changed is not None:
            self._changed.set()
        if call is not None and self.on_call is not None:
            self.on_call(call)

    async def _api(self, request: Request) -> Response:
        call = await self._record(request)
        method = call["method"]
        if method in self.delays:
            await asyncio.sleep(self.delays[method])
        try:
            fault = self._faults[method].popleft() if self._faults[method] else None
            window = next((w for w in self._windows if w.covers(method)), None)
            if fault is None and window is not None:
                call["window"] = window.kind
                retry = f"{window.retry_after:g}"
                fault = Fault(status=429, retry_after=retry) if window.kind == "429" else Fault(  # type: ignore[arg-type]
                    drop=window.kind.removeprefix("drop-"))
            if fault is not None and (fault.drop or fault.slow):
                return await self._cut(request, call, fault)
            if fault is not None:
                if fault.status == 429:
                    return JSONResponse({"ok": False, "error": "ratelimited"}, status_code=429,
                                        headers={"Retry-After": str(fault.retry_after)})
                if fault.status != 200:
                    return PlainTextResponse("upstream trouble", status_code=fault.status)
                return JSONResponse({"ok": False, "error": fault.error or "fatal_error"})
            return self._answer(call)
        finally:
            self._notify(call)

    def _answer(self, call: dict[str, Any]) -> JSONResponse:
        if call["method"] == "apps.connections.open":
            return JSONResponse(self._apps_connections_open(call["token"]))
        if self.token is not None and call["token"] != self.token:
            return JSONResponse({"ok": False, "error": "invalid_auth"})
        answer = getattr(self, "_" + call["method"].replace(".", "_"), None)
        if answer is None:
            return JSONResponse({"ok": False, "error": "unknown_method"})
        return JSONResponse({"ok": True, **answer(call["params"])})

    async def _cut(self, request: Request, call: dict[str, Any], fault: Fault) -> Response:
        """A network fault: the call is carried out (unless dropped before), its answer is lost or late."""
        call["dropped" if fault.drop else "slow"] = fault.drop or fault.slow
        if fault.drop == "before":
            return await drop_connection(request)
        answer = self._answer(call)
        if fault.drop == "after":
            return await drop_connection(request)
        await asyncio.sleep(fault.slow)
        return answer

    def _apps_connections_open(self, token: str) -> dict[str, Any]:
        """Like Slack: only an app-level token may open a socket, and only when Socket Mode is on."""
        if not token.startswith("xapp-"):
            return {"ok": False, "error": "not_allowed_token_type" if token else "not_authed"}
        if self.app_token is not None and token != self.app_token:
            return {"ok": False, "error": "invalid_auth"}
        if self.socket is None:
            return {"ok": False, "error": "socket_mode_not_enabled"}
        return {"ok": True, "url": self.socket.ticket_url()}

    async def _socket_send(self, request: Request) -> Response:
        """Send the JSON body to the bot as an envelope of `kind`; answers the bot's ack (or 504)."""
        kind = request.path_params["kind"]
        if self.socket is None or not self.socket.connected:
            return JSONResponse({"ok": False, "error": "no bot connected over Socket Mode"}, status_code=409)
        if kind not in ("events_api", "slash_commands", "interactive"):
            return JSONResponse({"ok": False, "error": f"unknown envelope type {kind}"}, status_code=400)
        payload = json.loads(await request.body())
        envelope_id = await self.socket.send_envelope(kind, payload, retry_attempt=0 if kind == "events_api" else None,
                                                      accepts_response_payload=kind != "events_api")
        try:
            ack = await self.socket.wait_ack(envelope_id, timeout=10)
        except AssertionError:
            return JSONResponse({"ok": False, "error": "no ack"}, status_code=504)
        return JSONResponse({"ok": True, "ack": ack})

    def _next_ts(self) -> str:
        """A message ts like Slack's: the time it was posted, unique and increasing."""
        self._last_ts = max(time.time(), self._last_ts + 0.000001)
        return f"{self._last_ts:.6f}"

    def _auth_test(self, params: Mapping[str, Any]) -> dict[str, Any]:
        return {"url": "https://fake.slack.com/", "team": "Fake", "user": "storybot", "team_id": TEAM,
                "user_id": BOT_USER, "bot_id": BOT_ID, "is_enterprise_install": False}

    def _chat_postMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        ts = self._next_ts()
        params["ts"] = ts  # the recorded call gets the ts too, so tests can click the posted buttons
        message = {"type": "message", "user": BOT_USER, "bot_id": BOT_ID, "ts": ts,
                   "text": params.get("text", ""), "blocks": params.get("blocks", [])}
        if params.get("thread_ts"):
            message["thread_ts"] = params["thread_ts"]
        if isinstance(params.get("metadata"), dict):
            message["metadata"] = params["metadata"]
        self.messages.setdefault(str(params.get("channel")), []).append(message)
        return {"channel": params.get("channel"), "ts": ts, "message": message}

    def _conversations_history(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Newest first, from `oldest` on, `limit` at a time with a cursor; metadata only when asked
        (`include_all_metadata`), like Slack. Thread replies are not in a channel's history."""
        oldest, latest = float(params.get("oldest") or 0), float(params.get("latest") or "inf")
        shown = [m for m in reversed(self.messages.get(str(params.get("channel")), []))
                 if oldest <= float(m["ts"]) <= latest and m.get("thread_ts", m["ts"]) == m["ts"]]
        start = int(params.get("cursor") or 0)
        limit = int(params.get("limit") or 100)
        page = shown[start:start + limit]
        if str(params.get("include_all_metadata", "")).lower() not in ("1", "true"):
            page = [{k: v for k, v in m.items() if k != "metadata"} for m in page]
        more = start + limit < len(shown)
        return {"messages": page, "has_more": more,
                "response_metadata": {"next_cursor": str(start + limit) if more else ""}}

    def _chat_update(self, params: Mapping[str, Any]) -> dict[str, Any]:
        return {"channel": params.get("channel"), "ts": params.get("ts"), "text": params.get("text", "")}

    def _chat_postEphemeral(self, params: Mapping[str, Any]) -> dict[str, Any]:
        return {"message_ts": self._next_ts()}

    def _conversations_open(self, params: Mapping[str, Any]) -> dict[str, Any]:
        user = str(params.get("users", "")).split(",")[0]
        return {"channel": {"id": f"D{user}", "is_im": True, "user": user}}

    def _views_open(self, params: Mapping[str, Any]) -> dict[str, Any]:
        return {"view": {"id": f"V{uuid.uuid4().hex[:10].upper()}", **dict(params.get("view") or {})}}

    _views_publish = _views_update = _views_open

    def _users_info(self, params: Mapping[str, Any]) -> dict[str, Any]:
        user = str(params.get("user", ""))
        name = user.lower().removeprefix("u0") or "someone"
        return {"user": {"id": user, "name": name, "real_name": name.title(), "is_bot": user == BOT_USER,
                         "profile": {"display_name": name.title(), "real_name": name.title()}}}

    def _files_getUploadURLExternal(self, params: Mapping[str, Any]) -> dict[str, Any]:
        file_id = f"F{uuid.uuid4().hex[:10].upper()}"
        return {"upload_url": f"{self.url}/_upload/{file_id}", "file_id": file_id}

    def _files_completeUploadExternal(self, params: Mapping[str, Any]) -> dict[str, Any]:
        files = params.get("files") or []
        missing = [f.get("id") for f in files if f.get("id") not in self.uploads]
        if missing:
            return {"ok": False, "error": "file_not_found", "missing": missing}
        return {"files": [{"id": f.get("id"), "title": f.get("title")} for f in files]}

    async def _upload(self, request: Request) -> Response:
        file_id = request.path_params["file_id"]
        self.uploads[file_id] = await request.body()
        self.calls.append({"method": "_upload", "params": {"file_id": file_id, "size": len(self.uploads[file_id])},
                           "token": "", "at": time.time()})
        self._notify()
        return PlainTextResponse(f"OK - {len(self.uploads[file_id])}")

    async def _list_calls(self, request: Request) -> Response:
        since = int(request.query_params.get("since", "0") or 0)
        return JSONResponse({"count": len(self.calls), "calls": self.calls[since:]})


# --- what Slack sends to the bot (signed with devkit.signing.sign) -----------------------------------


def message_event(user: str, text: str, *, channel: str | None = None, ts: str | None = None,
                  event_id: str | None = None, channel_type: str = "im", **extra: Any) -> dict[str, Any]:
    ts = ts or f"{time.time():.6f}"
    event = {"type": "message", "channel": channel or f"D{user}", "user": user, "text": text, "ts": ts,
             "event_ts": ts, "channel_type": channel_type, "client_msg_id": str(uuid.uuid4()), **extra}
    return envelope(event, event_id=event_id)


def mention_event(user: str, text: str, *, channel: str = "C0GENERAL", ts: str | None = None,
                  thread_ts: str | None = None) -> dict[str, Any]:
    ts = ts or f"{time.time():.6f}"
    event = {"type": "app_mention", "channel": channel, "user": user, "text": f"<@{BOT_USER}> {text}", "ts": ts,
             "event_ts": ts, "client_msg_id": str(uuid.uuid4())}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return envelope(event)


def envelope(event: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
    return {"token": "legacy", "team_id": TEAM, "api_app_id": "A0FAKE", "event": event, "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}", "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}]}


def click_payload(user: str, posted: Mapping[str, Any], choice_id: str) -> dict[str, Any]:
    """A block_actions payload for clicking `choice_id` on a message the bot posted (as recorded by the fake)."""
    action = None
    for block in posted.get("blocks", []):
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            if element.get("type") == "button" and element.get("value") == choice_id:
                action = {**element, "block_id": block.get("block_id"), "action_ts": f"{time.time():.6f}"}
            for option in element.get("options", []) if element.get("type") == "static_select" else []:
                if option["value"] == choice_id:
                    action = {"type": "static_select", "action_id": element["action_id"],
                              "block_id": block.get("block_id"), "selected_option": option,
                              "action_ts": f"{time.time():.6f}"}
    if action is None:
        raise AssertionError(f"no choice {choice_id!r} on that message")
    channel = posted["channel"]
    message = {"type": "message", "user": BOT_USER, "bot_id": BOT_ID, "ts": posted["ts"], "text": posted.get("text"),
               "blocks": posted.get("blocks", [])}
    if posted.get("thread_ts"):
        message["thread_ts"] = posted["thread_ts"]
    return {"type": "block_actions", "user": {"id": user, "username": user.lower(), "team_id": TEAM},
            "api_app_id": "A0FAKE", "token": "legacy", "trigger_id": f"{uuid.uuid4().int % 10**12}.trigger",
            "team": {"id": TEAM, "domain": "fake"},
            "container": {"type": "message", "message_ts": posted["ts"], "channel_id": channel,
                          "is_ephemeral": False},
            "channel": {"id": channel, "name": "directmessage"}, "message": message,
            "response_url": "https://hooks.slack.invalid/actions/x", "actions": [action]}


def command_form(user: str, text: str = "", *, channel: str | None = None, command: str = "/mot") -> dict[str, str]:
    return {"token": "legacy", "team_id": TEAM, "team_domain": "fake", "channel_id": channel or f"D{user}",
            "channel_name": "directmessage", "user_id": user, "user_name": user.lower(), "command": command,
            "text": text, "api_app_id": "A0FAKE", "response_url": "https://hooks.slack.invalid/commands/x",
            "trigger_id": f"{uuid.uuid4().int % 10**12}.trigger"}


@dataclass
class SlackSender:
    """Posts signed payloads to the bot's `/slack/events`, like Slack does."""

    url: str  # e.g. http://127.0.0.1:8000/slack/events
    secret: str
    client: httpx.AsyncClient = field(default_factory=lambda: httpx.AsyncClient(timeout=10))

    async def post(self, body: str | bytes, *, content_type: str = "application/json", timestamp: int | None = None,
                   headers: Mapping[str, str] | None = None, signed: bool = True) -> httpx.Response:
        all_headers = {"Content-Type": content_type, **(sign(self.secret, body, timestamp=timestamp) if signed else {})}
        all_headers.update(headers or {})
        return await self.client.post(self.url, content=body, headers=all_headers)

    async def event(self, payload: Mapping[str, Any], **kwargs: Any) -> httpx.Response:
        return await self.post(json.dumps(payload), **kwargs)

    async def interaction(self, payload: Mapping[str, Any], **kwargs: Any) -> httpx.Response:
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, content_type="application/x-www-form-urlencoded", **kwargs)

    async def command(self, form: Mapping[str, str], **kwargs: Any) -> httpx.Response:
        return await self.post(urlencode(form), content_type="application/x-www-form-urlencoded", **kwargs)

    async def aclose(self) -> None:
        await self.client.aclose()
