"""Mutation fuzzing of the inbound path: the recorded payloads in tests/fixtures/{slack,telegram}
(read as data), mutated at random and sent, correctly signed (Slack) or with the webhook secret
(Telegram), over HTTP to a running web app; after each request the app is let finish its work and
every table is counted.

    mutator = Mutator(load_corpus(), seed=7)
    target = Target(web_url, slack_secret=..., telegram_secret=..., client=httpx.AsyncClient())
    with LogWatch() as watch:
        tally = await fuzz(core, target, mutator, requests=600, watch=watch)
    tally.failures()  # 5xx, tracebacks in the log, rows stored by a rejected payload, rejections not logged once

A request counts as *rejected* when the app logged its one `malformed payload ignored` line
(bot.adapters.payload.log_rejected) while answering it: Slack answers those 400, Telegram 200.
Used by tests/adapters/test_fuzz.py (a few hundred, seconds) and bench/fuzz.py (10,000, a table).
"""

from __future__ import annotations

import copy
import itertools
import json
import logging
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

import bot.models  # noqa: F401 - every table in SQLModel.metadata
from bot.adapters.payload import log as rejection_log
from bot.adapters.slack.adapter import EVENTS_PATH
from bot.adapters.telegram.adapter import SECRET_HEADER, WEBHOOK_PATH
from bot.app import App
from devkit.signing import sign

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
PLATFORMS = ("slack", "telegram")
DEEP = "__fuzz_deep_nest__"  # replaced by a 1,000-deep nest after json.dumps (which would recurse on one)
_NEST = "[" * 1000 + "]" * 1000
TEXTS = (  # valid but unusual: these must still get a normal answer
    "🏥🙂👩🏽‍⚕️ thank you 🎉" * 3,
    "A lady was lost so I walked her to the clinic. " * 220,  # ~10,000 characters
    "Пациентка заблудилась, и я проводила её до регистратуры.",
    "ساعدت المريضة في العثور على العيادة",  # Arabic, right to left
    "\u200fשלום\u200e mixed \u202bRTL\u202c marks",
    "患者さんを受付まで案内しました。",
    "e\u0301\u0301\u0301 combining Z\u0336\u0337a\u0338l\u0334g\u0335o",
)


# --- the corpus -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seed:
    platform: str
    name: str
    kind: str  # "event" (JSON), "interaction" (form with payload=JSON), "command" (form), "update" (JSON)
    payload: Any


def load_corpus(root: Path = FIXTURES) -> list[Seed]:
    """Every recorded payload of both platforms."""
    seeds = []
    for path in sorted((root / "slack").glob("*.json")):
        payload = json.loads(path.read_text(encoding="utf-8"))
        kind = ("command" if "command" in payload else
                "interaction" if payload.get("type") in ("block_actions", "shortcut", "view_submission") else "event")
        seeds.append(Seed("slack", path.stem, kind, payload))
    for path in sorted((root / "telegram").glob("*.json")):
        seeds.append(Seed("telegram", path.stem, "update", json.loads(path.read_text(encoding="utf-8"))))
    return seeds


# --- mutation -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    platform: str
    body: bytes
    content_type: str
    label: str  # the seed and what was done to it


# Fields given a new value per request, so accepted payloads are new messages (not re-deliveries).
_FRESH_TS = (("event", "ts"), ("event", "event_ts"), ("container", "message_ts"), ("message", "ts"))
_FRESH_IDS = (("event_id",), ("trigger_id",), ("view", "id"), ("callback_query", "id"))
_FRESH_INTS = (("update_id",), ("message", "message_id"), ("callback_query", "message", "message_id"))
# A new Telegram group per request: the bot's rate limiter lets a group have 20 messages a minute.
_GROUP_IDS = (("message", "chat", "id"), ("message", "reply_to_message", "chat", "id"))


def _set(payload: Any, path: tuple[str, ...], value: Any, kind: type) -> None:
    *parents, last = path
    node = payload
    for part in parents:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict) and isinstance(node.get(last), kind) and not isinstance(node.get(last), bool):
        node[last] = value


def _nodes(payload: Any) -> Iterator[tuple[Any, Any]]:
    """(container, key or index) of every value below the root, without recursion."""
    stack = [payload]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            yield node, key
            stack.append(value)


class Mutator:
    """Seeded: the same seed makes the same requests (bar Slack's signature timestamps)."""

    def __init__(self, corpus: list[Seed], *, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seeds = {p: [s for s in corpus if s.platform == p] for p in PLATFORMS}
        self._n = itertools.count(1)

    def probe(self, platform: str) -> Probe:
        rng = self.rng
        seed = rng.choice(self.seeds[platform])
        payload = copy.deepcopy(seed.payload)
        self._freshen(payload, next(self._n))
        changes = [self._mutate(payload, seed.kind) for _ in range(rng.choice((0, 1, 1, 1, 2, 3)))]
        body, content_type = self._encode(payload, seed.kind)
        if rng.random() < 0.12:
            body, content_type, change = self._mangle(body, content_type, seed.kind)
            changes.append(change)
        return Probe(platform, body, content_type, f"{seed.name}: {'; '.join(changes) or 'as recorded'}")

    def _freshen(self, payload: Any, n: int) -> None:
        ts = f"{1_800_000_000 + n}.{n % 1_000_000:06d}"
        for path in _FRESH_TS:
            _set(payload, path, ts, str)
        for path in _FRESH_IDS:
            _set(payload, path, f"F{n:08d}", str)
        for path in _FRESH_INTS:
            _set(payload, path, 900_000_000 + n, int)
        chat = payload.get("message", {}).get("chat") if isinstance(payload.get("message"), dict) else None
        if isinstance(chat, dict) and str(chat.get("id")).startswith("-"):
            for path in _GROUP_IDS:
                _set(payload, path, -1_000_000_000_000 - n, int)

    # one change to the parsed payload
    def _mutate(self, payload: Any, kind: str) -> str:
        rng = self.rng
        nodes = list(_nodes(payload))
        if not nodes:
            return "nothing to change"
        parent, key = rng.choice(nodes)
        old = parent[key]
        roll = rng.random()
        if roll < 0.15 and isinstance(parent, dict):
            del parent[key]
            return f"-{key}"
        if roll < 0.25 and isinstance(parent, dict):
            added = f"{key}_{rng.randrange(100)}" if rng.random() < 0.5 else rng.choice(("type", "user", "\ud800", ""))
            parent[added] = self._value(old)
            return f"+{str(added)[:20]!r}"
        new = self._value(old)
        if kind == "command":  # a form carries strings only
            new = _NEST if new == DEEP else new if isinstance(new, str) else json.dumps(new)
        parent[key] = new
        return f"{str(key)[:20]!r}={_short(new)}"

    def _value(self, old: Any) -> Any:
        rng = self.rng
        makers: list[Callable[[], Any]] = [
            lambda: [], lambda: {}, lambda: [old], lambda: {"id": old}, lambda: None, lambda: True, lambda: False,
            lambda: 0, lambda: -1, lambda: 2**63, lambda: -(2**63) - 1, lambda: 10**30, lambda: 1.5, lambda: 1e308,
            lambda: float("nan"), lambda: float("inf"),
            lambda: "", lambda: " ", lambda: "x" * rng.choice((64, 65, 200, 255, 256, 300, 5000)),
            lambda: "a\ud800b", lambda: "\udfff", lambda: "a\x00b", lambda: "\x00", lambda: "\x07\x1b[31m\r\nX",
            lambda: "D0ALICE:U0SAM", lambda: "<@UBOT> hi", lambda: "/mot@storybot_test_bot weakest",
            lambda: "'; DROP TABLE turn; --", lambda: rng.choice(TEXTS), lambda: DEEP,
        ]
        if isinstance(old, int) and not isinstance(old, bool):
            makers += [lambda: str(old), lambda: float(old), lambda: old + 1, lambda: -old]
        if isinstance(old, str):
            makers += [lambda: old * 2, lambda: old[: len(old) // 2], lambda: old + "\x00", lambda: old + "\ud83d",
                       lambda: int(old) if old.isdigit() else old.upper()]
        return rng.choice(makers)()

    def _encode(self, payload: Any, kind: str) -> tuple[bytes, str]:
        text = json.dumps(payload, ensure_ascii=self.rng.random() < 0.85).replace(json.dumps(DEEP), _NEST)
        if kind in ("event", "update"):
            return text.encode("utf-8", "surrogatepass"), "application/json"
        form = {"payload": text} if kind == "interaction" else payload
        if not isinstance(form, dict):  # the whole command form was replaced
            form = {"command": json.dumps(form)}
        body = urlencode({str(k): v for k, v in form.items()}, errors="surrogatepass")
        return body.encode("ascii"), "application/x-www-form-urlencoded"

    # one change to the bytes
    def _mangle(self, body: bytes, content_type: str, kind: str) -> tuple[bytes, str, str]:
        rng = self.rng
        choice = rng.randrange(9)
        if choice == 0:
            cut = rng.randrange(len(body) or 1)
            return body[:cut], content_type, f"cut at {cut}"
        if choice == 1:
            return b"\xff\xfe" + body, content_type, "not UTF-8"
        if choice == 2:
            at = rng.randrange(len(body) or 1)
            return body[:at] + bytes([rng.randrange(256)]) + body[at + 1:], content_type, f"byte {at} changed"
        if choice == 3:
            head = b'{"update_id": 1, "message": ' if kind == "update" else b'{"type": "event_callback", "event": '
            return head + b'{"a": ' * 1000 + b"1" + b"}" * 1001, "application/json", "1,000 deep"
        if choice == 4:
            return b"", content_type, "empty"
        if choice == 5:
            other = "application/json" if "form" in content_type else "application/x-www-form-urlencoded"
            return body, other, f"sent as {other}"
        if choice == 6:
            return re.sub(rb"(?<=: )-?\d+", b"NaN", body, count=1), content_type, "NaN"
        if choice == 7:
            return re.sub(rb"(?<=: )-?\d+", b"9" * 5000, body, count=1), content_type, "5,000 digits"
        return body + b"&x=%ff%00%ED%A0%80" if "form" in content_type else body + b"}]", content_type, "trailing junk"


def _short(value: Any) -> str:
    if value in (DEEP, _NEST):
        return "<1,000 deep>"
    text = repr(value)
    return text if len(text) <= 30 else f"{text[:24]}…({len(text)})"


# --- sending, watching, counting ------------------------------------------------------------------


@dataclass
class Target:
    """Where probes go: the web app's Slack and Telegram routes, signed / with the secret."""

    base_url: str
    slack_secret: str
    telegram_secret: str
    client: httpx.AsyncClient

    async def send(self, probe: Probe) -> int:
        if probe.platform == "slack":
            headers = {"Content-Type": probe.content_type, **sign(self.slack_secret, probe.body)}
            url = self.base_url + EVENTS_PATH
        else:
            headers = {"Content-Type": probe.content_type, SECRET_HEADER: self.telegram_secret}
            url = self.base_url + WEBHOOK_PATH
        return (await self.client.post(url, content=probe.body, headers=headers)).status_code


class LogWatch(logging.Handler):
    """Counts rejection lines and collects tracebacks and errors, from the root logger and from
    uvicorn's (which does not propagate). Attach once every server is up: uvicorn re-configures
    its loggers when it starts."""

    _LOGGERS = ("", "uvicorn", "uvicorn.error")

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.rejections = 0
        self.tracebacks: list[str] = []
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception as exc:  # noqa: BLE001 - a bad log call is worth reporting, not crashing on
            message = f"(unformattable: {exc!r})"
        if record.name == rejection_log.name:
            self.rejections += 1
        line = f"{record.name}: {message[:300]!a}"
        if record.exc_info or record.stack_info or "Traceback (most recent call last)" in message:
            self.tracebacks.append(line)
        elif record.levelno >= logging.ERROR:
            self.errors.append(line)

    def __enter__(self) -> LogWatch:
        for name in self._LOGGERS:
            logging.getLogger(name).addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        for name in self._LOGGERS:
            logging.getLogger(name).removeHandler(self)


class RowCounter:
    """Rows of every table, in one statement, on a connection held for the run (a checkout from the
    pool costs more than the count); each count ends its transaction, so the next sees new rows."""

    def __init__(self, core: App) -> None:
        self.engine = core.engine
        self.tables = SQLModel.metadata.sorted_tables
        self.statement = select(*(select(func.count()).select_from(t).scalar_subquery().label(t.name)
                                  for t in self.tables))
        self._conn: AsyncConnection | None = None

    async def __aenter__(self) -> RowCounter:
        self._conn = await self.engine.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._conn is not None
        await self._conn.close()

    async def __call__(self) -> dict[str, int]:
        assert self._conn is not None
        row = (await self._conn.execute(self.statement)).one()
        await self._conn.rollback()
        return {t.name: int(n) for t, n in zip(self.tables, row, strict=True)}


async def count_rows(core: App) -> dict[str, int]:
    async with RowCounter(core) as count:
        return await count()


async def idle(core: App) -> None:
    """Wait until the adapters have finished everything they acked."""
    for adapter in core.adapters.values():
        await adapter.idle()  # type: ignore[attr-defined]


@dataclass
class Tally:
    requests: Counter[str] = field(default_factory=Counter)
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: {p: Counter() for p in PLATFORMS})
    rejected: Counter[str] = field(default_factory=Counter)
    five_xx: list[str] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)  # rows a rejected payload left behind
    unlogged: list[str] = field(default_factory=list)  # rejections without exactly one log line (or a 400 without)
    tracebacks: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    def failures(self) -> list[str]:
        return [*(f"5xx: {x}" for x in self.five_xx), *(f"traceback: {x}" for x in self.tracebacks),
                *(f"stored: {x}" for x in self.stored), *(f"log: {x}" for x in self.unlogged)]

    def table(self) -> str:
        rows = [("", *PLATFORMS)]
        rows.append(("requests", *(str(self.requests[p]) for p in PLATFORMS)))
        rows.append(("status counts", *(" ".join(f"{s}:{n}" for s, n in sorted(self.statuses[p].items()))
                                        for p in PLATFORMS)))
        rows.append(("rejected (one log line each)", *(str(self.rejected[p]) for p in PLATFORMS)))
        rows.append(("5xx", *(str(sum(n for s, n in self.statuses[p].items() if s >= 500)) for p in PLATFORMS)))
        width = [max(len(r[i]) for r in rows) for i in range(3)]
        lines = ["  ".join(cell.ljust(width[i]) for i, cell in enumerate(r)).rstrip() for r in rows]
        lines += [f"tracebacks in the log: {len(self.tracebacks)}",
                  f"rows stored by rejected payloads: {len(self.stored)}",
                  f"rejections not logged exactly once: {len(self.unlogged)}",
                  f"other ERROR log lines: {len(self.errors)}",
                  f"elapsed: {self.elapsed:.1f} s "
                  f"({sum(self.requests.values()) / max(self.elapsed, 1e-9):.0f} requests/s)"]
        return "\n".join(lines)


async def fuzz(core: App, target: Target, mutator: Mutator, *, requests: int, watch: LogWatch) -> Tally:
    """Send `requests` probes, alternating platforms, one at a time; after each, wait for the work
    it caused and count every table, so rows a rejected payload stored cannot hide among others'."""
    tally = Tally()
    started = time.perf_counter()
    async with RowCounter(core) as count:
        rows = await count()
        for i in range(requests):
            probe = mutator.probe(PLATFORMS[i % len(PLATFORMS)])
            logged = watch.rejections
            status = await target.send(probe)
            lines = watch.rejections - logged
            await idle(core)
            after = await count()
            tally.requests[probe.platform] += 1
            tally.statuses[probe.platform][status] += 1
            if status >= 500:
                tally.five_xx.append(f"{status} {probe.platform} {probe.label}")
            if lines:
                tally.rejected[probe.platform] += 1
                if after != rows:
                    grown = {t: after[t] - rows[t] for t in after if after[t] != rows[t]}
                    tally.stored.append(f"{probe.platform} {probe.label}: {grown}")
            if lines > 1 or (probe.platform == "slack" and (status == 400) != (lines == 1)):
                tally.unlogged.append(f"{probe.platform} {status}, {lines} lines: {probe.label}")
            rows = after
    tally.elapsed = time.perf_counter() - started
    tally.tracebacks, tally.errors = list(watch.tracebacks), list(watch.errors)
    return tally
