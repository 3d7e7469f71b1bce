"""Load benchmark for the Slack path: N concurrent DM conversations through the whole HTTP stack.

    .venv/bin/python bench/load.py [--conversations 100] [--rate 200] [--duration 10] [--saturate]

`storybot web` runs as its own process (SQLite file database, no access log) and talks to our fake
Slack Web API, which runs here, next to the load generator. Each conversation plays the story dialog
(message -> reply -> click -> reply ...), one turn at a time; turns are started at a fixed offered
rate (open loop over idle conversations). Measured:

- ack latency: signed request sent -> HTTP response (Slack wants it within 3 s);
- turn: request sent -> the reply's `chat.postMessage` received by the fake Slack API;
- the same load against a bare Starlette echo endpoint in its own process (same uvicorn, same
  client, same signed bodies), so throughput is also given as a ratio: storybot turns/s / echo req/s.

`--saturate` adds a closed-loop run (every conversation sends its next turn as soon as the previous
one is answered) to show the ceiling of each. Bounded: at most rate x duration requests per run and
a hard deadline; only 127.0.0.1 is used."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import signal
import socket
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402

from tests.fakes.slack_api import FakeSlackApi, click_payload, message_event, sign  # noqa: E402

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench-token"
TEAM = "bench"
STORY = ("A patient could not find the clinic, so I walked her from the car park to reception and showed "
         "her the signs for next time.")
TURN_TIMEOUT = 10.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


# --- the echo server (run as `bench/load.py --serve-echo PORT`) --------------------------------------


def serve_echo(port: int) -> None:
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    async def echo(request: Request) -> Response:
        return Response(await request.body(), media_type=request.headers.get("content-type"))

    app = Starlette(routes=[Route("/slack/events", echo, methods=["POST"]),
                            Route("/healthz", lambda r: Response("ok"), methods=["GET"])])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


# --- the database ------------------------------------------------------------------------------------


async def seed(url: str, users: list[str]) -> None:
    from bot import db, store
    from bot.app import build_app
    from bot.config import load_settings

    await asyncio.to_thread(db.upgrade, url)
    from sqlalchemy import delete
    from sqlmodel import col

    from bot.models import DialogState

    app = build_app(load_settings(DATABASE_URL=url, STORYBOT_RUN_SCHEDULER=False, _env_file=None))
    try:
        async with app.sessionmaker() as session, session.begin():
            # a database reused from an earlier run: every conversation starts afresh
            await session.exec(delete(DialogState).where(col(DialogState.conversation).like("slack:%:UB%")))
            await store.upsert_team(session=session, team_id=TEAM, name="Bench Clinic", cycle_id="healthcare-visit")
            for user in users:
                await store.upsert_person(session=session, person_id=f"slack:{user}", team_id=TEAM,
                                          display_name=f"Bench {user[-4:]}")
    finally:
        await app.aclose()


# --- conversations -----------------------------------------------------------------------------------


def choices(post: dict[str, Any] | None) -> list[str]:
    if not post:
        return []
    return [e.get("value") or o["value"] for b in post.get("blocks", []) if b.get("type") == "actions"
            for e in b["elements"] for o in (e.get("options") or [{}])]


def next_action(post: dict[str, Any] | None) -> tuple[str, str]:
    """What a person does next in the story dialog, given the bot's last message."""
    text, offered = str((post or {}).get("text", "")), choices(post)
    if not post or "Thank you" in text or "dropped" in text or "What would you like" in text:
        return "say", "story"
    for wanted in ("confirm", "yes", "skip"):
        if wanted in offered:
            return "click", wanted
    if offered and "moment" in text.lower():
        return "click", offered[0]  # the list of all moments
    if "What happened" in text:
        return "say", STORY
    if "What did you do" in text:
        return "say", "I walked her to the right door myself"
    if "Who helped" in text:
        return "say", "nobody"
    return "say", "cancel"


@dataclass
class User:
    id: str
    last: dict[str, Any] | None = None
    waiting: asyncio.Future | None = None

    @property
    def channel(self) -> str:
        return f"D{self.id}"


@dataclass
class Result:
    name: str
    elapsed: float = 0.0
    sent: int = 0
    errors: int = 0
    starved: int = 0
    acks: list[float] = field(default_factory=list)
    turns: list[float] = field(default_factory=list)
    lost: int = 0
    cpu: float = float("nan")  # CPU seconds the server process used during the run

    def line(self) -> str:
        turns = (f"{len(self.turns) / self.elapsed:7.1f} {pct(self.turns, 0.5) * 1000:8.1f} "
                 f"{pct(self.turns, 0.99) * 1000:8.1f}") if self.turns else f"{'-':>7} {'-':>8} {'-':>8}"
        return (f"{self.name:<26}{self.sent:>7} {self.sent / self.elapsed:7.1f} {pct(self.acks, 0.5) * 1000:8.1f} "
                f"{pct(self.acks, 0.99) * 1000:8.1f} {max(self.acks, default=0) * 1000:8.1f} {self.errors:>6} {turns} "
                f"{self.cpu / max(1, self.sent) * 1000:8.2f}")


class Load:
    def __init__(self, session: aiohttp.ClientSession, url: str, users: list[User], *, full_turn: bool,
                 pid: int) -> None:
        self.session, self.url, self.users, self.full_turn, self.pid = session, url, users, full_turn, pid
        self.by_channel = {u.channel: u for u in users}

    def on_call(self, call: dict[str, Any]) -> None:
        """Fake Slack API hook: a reply reached 'Slack'."""
        if call["method"] != "chat.postMessage":
            return
        user = self.by_channel.get(call["params"].get("channel"))
        if user is None:
            return
        user.last = call["params"]
        if user.waiting is not None and not user.waiting.done():
            user.waiting.set_result(time.perf_counter())

    def request(self, user: User) -> tuple[bytes, str]:
        kind, value = next_action(user.last)
        if kind == "click" and user.last is not None:
            return urlencode({"payload": json.dumps(click_payload(user.id, user.last, value))}).encode(), \
                "application/x-www-form-urlencoded"
        return json.dumps(message_event(user.id, value)).encode(), "application/json"

    async def turn(self, user: User, result: Result) -> None:
        body, kind = self.request(user) if self.full_turn else (
            json.dumps(message_event(user.id, STORY)).encode(), "application/json")
        headers = {"Content-Type": kind, **sign(SECRET, body)}
        user.waiting = asyncio.get_running_loop().create_future() if self.full_turn else None
        started = time.perf_counter()
        result.sent += 1
        try:
            async with self.session.post(self.url, data=body, headers=headers) as response:
                await response.read()
                ok = response.status == 200
        except aiohttp.ClientError:
            ok = False
        acked = time.perf_counter()
        result.acks.append(acked - started)
        if not ok:
            result.errors += 1
            return
        if user.waiting is None:
            result.turns.append(acked - started)
            return
        try:
            replied = await asyncio.wait_for(user.waiting, TURN_TIMEOUT)
            result.turns.append(replied - started)
        except asyncio.TimeoutError:
            result.lost += 1
            user.last = None

    async def run(self, name: str, *, rate: float | None, duration: float) -> Result:
        """Open loop at `rate` turns/s over idle conversations; `rate=None`: closed loop, flat out."""
        result = Result(name)
        cpu_before = cpu_seconds(self.pid)
        idle: deque[User] = deque(self.users)
        running: set[asyncio.Task] = set()
        started = time.perf_counter()
        stop_at = started + duration

        async def one(user: User) -> None:
            try:
                await self.turn(user, result)
            finally:
                idle.append(user)

        def launch(user: User) -> None:
            task = asyncio.create_task(one(user))
            running.add(task)
            task.add_done_callback(running.discard)

        if rate is None:
            async def loop(user: User) -> None:
                while time.perf_counter() < stop_at:
                    await self.turn(user, result)
            await asyncio.gather(*(loop(u) for u in self.users))
        else:
            interval, tick = 1.0 / rate, started
            while tick < stop_at:
                if idle:
                    launch(idle.popleft())
                else:
                    result.starved += 1
                tick += interval
                await asyncio.sleep(max(0.0, tick - time.perf_counter()))
            if running:
                await asyncio.wait(set(running), timeout=TURN_TIMEOUT + 5)
        result.elapsed = min(time.perf_counter(), stop_at) - started if rate is None else duration
        result.cpu = cpu_seconds(self.pid) - cpu_before
        return result


# --- processes -----------------------------------------------------------------------------------------


async def start_process(args: list[str], env: dict[str, str], log: Path, health: str) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(*args, env=env, cwd=log.parent, stdout=log.open("wb"),
                                                   stderr=asyncio.subprocess.STDOUT)
    deadline = time.monotonic() + 60
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(health) as response:
                    if response.status == 200:
                        return process
            if process.returncode is not None:
                break
            await asyncio.sleep(0.1)
    process.kill()
    raise SystemExit(f"{args[2:5]} did not start; see {log}")


async def stop_process(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 15)
        except asyncio.TimeoutError:
            process.kill()
            await process.wait()


async def main(args: argparse.Namespace) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="storybot-bench-"))
    url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    users = [User(f"UB{i:05d}") for i in range(args.conversations)]
    await seed(url, [u.id for u in users])

    fake = FakeSlackApi(token=TOKEN)
    api_url = await fake.start()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "TELEGRAM_", "DATABASE_URL", "STORYBOT_"))}
    env.update(PYTHONPATH=str(ROOT), SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=api_url,
               STORYBOT_RUN_SCHEDULER="false", STORYBOT_DEFAULT_TEAM=TEAM)
    bot_port, echo_port = free_port(), free_port()
    bot = await start_process([sys.executable, "-m", "bot", "web", "--port", str(bot_port), "--database-url", url,
                               "--no-access-log", "--log-level", "warning"],
                              env, workdir / "storybot-web.log", f"http://127.0.0.1:{bot_port}/healthz")
    echo = await start_process([sys.executable, str(Path(__file__).resolve()), "--serve-echo", str(echo_port)],
                               env, workdir / "echo.log", f"http://127.0.0.1:{echo_port}/healthz")
    results: list[Result] = []
    try:
        connector = aiohttp.TCPConnector(limit=0, force_close=False)
        async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=30)) as session:
            storybot = Load(session, f"http://127.0.0.1:{bot_port}/slack/events", users, full_turn=True,
                            pid=bot.pid)
            fake.on_call = storybot.on_call
            echoing = Load(session, f"http://127.0.0.1:{echo_port}/slack/events", users, full_turn=False,
                           pid=echo.pid)
            await storybot.run("warm-up", rate=min(args.rate, 50), duration=1.0)  # connections, caches, auth.test
            await echoing.run("warm-up", rate=min(args.rate, 50), duration=1.0)
            results.append(await echoing.run("echo (bare Starlette)", rate=args.rate, duration=args.duration))
            results.append(await storybot.run("storybot /slack/events", rate=args.rate, duration=args.duration))
            if args.saturate:
                results.append(await echoing.run("echo, flat out", rate=None, duration=args.duration / 2))
                results.append(await storybot.run("storybot, flat out", rate=None, duration=args.duration / 2))
    finally:
        await stop_process(bot)
        await stop_process(echo)
        await fake.stop()

    echo_result, bot_result = results[0], results[1]
    cpus = os.cpu_count()
    print(f"bench/load.py: {args.conversations} DM conversations, offered {args.rate:g} req/s for "
          f"{args.duration:g} s; {cpus} CPU(s), Python {platform.python_version()}, "
          f"{url.split(':')[0].split('+')[0]} database")
    print(f"{'':<26}{'sent':>7} {'req/s':>7} {'ack p50':>8} {'ack p99':>8} {'ack max':>8} {'errors':>6} "
          f"{'turns/s':>7} {'turn p50':>8} {'turn p99':>8} {'cpu/req':>8}   (times in ms; cpu: server process)")
    for result in results:
        print(result.line())
    lost = sum(r.lost for r in results)
    starved = sum(r.starved for r in results)
    if lost or starved:
        print(f"unanswered turns: {lost}; ticks with no idle conversation: {starved}")
    ratio = (len(bot_result.turns) / bot_result.elapsed) / (len(echo_result.turns) / echo_result.elapsed)
    p99 = pct(bot_result.acks, 0.99) * 1000
    ack_ok, ratio_ok = p99 <= 50, ratio >= 0.5
    print(f"p99 ack at {args.rate:g} req/s: {p99:.1f} ms (target <= 50 ms): {'PASS' if ack_ok else 'FAIL'}")
    print(f"full-turn throughput: {len(bot_result.turns) / bot_result.elapsed:.1f} turns/s = {ratio:.0%} of the echo "
          f"endpoint's {len(echo_result.turns) / echo_result.elapsed:.1f} req/s (target >= 50%): "
          f"{'PASS' if ratio_ok else 'FAIL'}")
    if args.saturate and len(results) == 4:
        ceiling = (len(results[3].turns) / results[3].elapsed) / (len(results[2].turns) / results[2].elapsed)
        print(f"flat out: storybot {len(results[3].turns) / results[3].elapsed:.0f} turns/s vs echo "
              f"{len(results[2].turns) / results[2].elapsed:.0f} req/s ({ceiling:.0%})")
    return 0 if ack_ok and ratio_ok and not bot_result.errors else 1


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=100)
    parser.add_argument("--rate", type=float, default=200.0, help="offered requests per second")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per measured run (max 120)")
    parser.add_argument("--database-url", default=None,
                        help="a database for the run, e.g. postgresql://postgres@127.0.0.1/storybot_bench "
                             "(default: a new SQLite file)")
    parser.add_argument("--saturate", action="store_true", help="also run flat out (closed loop)")
    parser.add_argument("--serve-echo", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.duration = min(args.duration, 120.0)
    args.conversations = max(1, min(args.conversations, 5000))
    return args


if __name__ == "__main__":
    options = parse()
    if options.serve_echo is not None:
        serve_echo(options.serve_echo)
    else:
        sys.exit(asyncio.run(main(options)))
