"""Load benchmark for the Slack path: concurrent DM conversations through the whole HTTP stack.

    .venv/bin/python bench/load.py [--rate 200] [--duration 10] [--conversations 100] [--repeat 3]
                                   [--saturate] [--database-url postgresql://postgres@127.0.0.1/storybot_bench]

`storybot web` runs as its own process (no access log; a new SQLite file unless --database-url)
and talks to our fake Slack Web API, which runs here, next to the load generator. Conversations
play the story dialog (message -> reply -> click -> reply ...), each waiting for the bot's reply
before its next step. Requests go out at a fixed rate (open loop) from conversations that are not
waiting; when all `--conversations` are waiting, another person starts one, so the offered rate is
always what is sent. Measured:

- ack: signed request sent -> HTTP response (Slack wants it within 3 s);
- turn: request sent -> the reply's `chat.postMessage` at the fake Slack API; turns/s counts the
  replies that arrived within the run;
- the same load against a bare Starlette echo endpoint in its own process (same uvicorn, client
  and signed bodies), so throughput is also a ratio: storybot turns/s / echo requests/s;
- cpu/req: CPU time of the server process per request (from /proc), a figure that other load on
  the machine disturbs less than latencies do.

Each repetition starts afresh (database, server processes) and the targets are judged on the
median of the repetitions, every run printed: on a shared 2-core machine a run at 200 req/s is
an overload whose outcome swings with everything else the machine does (see docs/slack.md).

`--saturate` adds a closed-loop run (the conversations flat out) to show the ceiling of each.
Bounded: rate x duration requests per run (duration at most 120 s), only 127.0.0.1."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
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
from statistics import median
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402

from bot.cli.web import quiet_gc, server_stack  # noqa: E402  (the same GC settings as storybot web)
from devkit.bench_team import TEAM, seed_bench_team  # noqa: E402
from devkit.fakes.slack_api import FakeSlackApi, click_payload, message_event, sign  # noqa: E402

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench-token"
STORY = ("A patient could not find the clinic, so I walked her from the car park to reception and showed "
         "her the signs for next time.")
_PLACES = ("ward 3", "the eye clinic", "X-ray", "phlebotomy", "the pharmacy", "outpatients", "the lift",
           "the cafe", "the main desk", "radiology", "the children's unit", "the day unit")
_story_count = itertools.count()


def story_text() -> str:
    """Every story different (as in life): the bot must not be measured on a cached classification."""
    n = next(_story_count)
    return f"{STORY} She was looking for {_PLACES[n % len(_PLACES)]} (visit {n})."


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


def run(coroutine: Any) -> Any:
    """asyncio.run, on uvloop when installed (as the servers are), so the load generator and the fake
    Slack API take less of the machine the server runs on."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def serve_echo(port: int) -> None:
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    async def echo(request: Request) -> Response:
        return Response(await request.body(), media_type=request.headers.get("content-type"))

    quiet_gc()
    app = Starlette(routes=[Route("/slack/events", echo, methods=["POST"]),
                            Route("/healthz", lambda r: Response("ok"), methods=["GET"])])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


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
    for wanted in ("confirm", "yes", "skip", "save"):  # "save": the story's confirmation card
        if wanted in offered:
            return "click", wanted
    if offered and "moment" in text.lower():
        return "click", offered[0]  # the list of all moments
    if "What happened" in text:
        return "say", story_text()
    if "made the difference" in text:  # "What did you (or Sam) do…?", when the story didn't say
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
    duration: float = 0.0
    sent: int = 0
    errors: int = 0
    conversations: int = 0  # how many took part
    unanswered: int = 0  # turns still waiting for their reply when the run ended
    acks: list[float] = field(default_factory=list)
    turns: list[float] = field(default_factory=list)  # turns whose reply arrived within the run
    cpu: float = float("nan")  # CPU seconds the server process used during the run
    own_cpu: float = float("nan")  # CPU seconds of this process (load generator and fake Slack API)

    @property
    def turn_rate(self) -> float:
        return len(self.turns) / self.duration

    def line(self) -> str:
        turns = (f"{self.turn_rate:7.1f} {pct(self.turns, 0.5) * 1000:8.1f} "
                 f"{pct(self.turns, 0.99) * 1000:8.1f}") if self.turns else f"{'-':>7} {'-':>8} {'-':>8}"
        return (f"{self.name:<24}{self.sent:>6} {self.sent / self.duration:6.1f} {pct(self.acks, 0.5) * 1000:7.1f} "
                f"{pct(self.acks, 0.99) * 1000:7.1f} {max(self.acks, default=0) * 1000:7.1f} {self.errors:>4} {turns} "
                f"{self.cpu / max(1, self.sent) * 1000:7.2f} {self.cpu / self.duration:6.0%} "
                f"{self.own_cpu / self.duration:6.0%}")


HEADER = (f"{'':<24}{'sent':>6} {'req/s':>6} {'ack50':>7} {'ack99':>7} {'ackmax':>7} {'err':>4} "
          f"{'turns/s':>7} {'turn50':>8} {'turn99':>8} {'cpu/req':>7} {'server':>6} {'client':>6}")


class Load:
    """Sends signed requests and times them; `full_turn` also waits for each turn's reply at the fake."""

    def __init__(self, session: aiohttp.ClientSession, url: str, users: list[User], *, full_turn: bool,
                 pid: int) -> None:
        self.session, self.url, self.users, self.full_turn, self.pid = session, url, users, full_turn, pid
        self.by_channel = {u.channel: u for u in users}
        self.next_new = 0  # conversations are started in order: users[0], users[1], ...

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
        if not self.full_turn:
            return json.dumps(message_event(user.id, STORY)).encode(), "application/json"
        kind, value = next_action(user.last)
        if kind == "click" and user.last is not None:
            payload = click_payload(user.id, user.last, value)
            return urlencode({"payload": json.dumps(payload)}).encode(), "application/x-www-form-urlencoded"
        return json.dumps(message_event(user.id, value)).encode(), "application/json"

    async def turn(self, user: User, result: Result, deadline: float) -> None:
        body, kind = self.request(user)
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
            replied = await asyncio.wait_for(user.waiting, max(0.001, deadline - time.perf_counter()))
            result.turns.append(replied - started)
        except asyncio.TimeoutError:
            result.unanswered += 1
            user.last = None  # start over next time

    def _new_user(self) -> User | None:
        if self.next_new >= len(self.users):
            return None
        self.next_new += 1
        return self.users[self.next_new - 1]

    async def run(self, name: str, *, rate: float | None, duration: float, conversations: int) -> Result:
        """`rate`: open loop, one request every 1/rate s for `duration` s, each from a conversation
        that isn't waiting for a reply (a new one joins when all `conversations` are waiting, so the
        offered rate is always sent). `rate=None`: closed loop, `conversations` flat out. Replies that
        arrive after the run are not counted."""
        result = Result(name, duration=duration)
        cpu_before, own_before = cpu_seconds(self.pid), time.process_time()
        idle: deque[User] = deque(u for u in (self._new_user() for _ in range(conversations)) if u is not None)
        used = {u.id for u in idle}
        tasks: set[asyncio.Task] = set()
        started = time.perf_counter()
        stop_at = started + duration

        async def one(user: User) -> None:
            try:
                await self.turn(user, result, stop_at)
            finally:
                idle.append(user)

        if rate is None:
            async def loop(user: User) -> None:
                while time.perf_counter() < stop_at:
                    await self.turn(user, result, stop_at)
            await asyncio.gather(*(loop(u) for u in list(idle)))
        else:
            interval, tick = 1.0 / rate, started
            while tick < stop_at:
                user = idle.popleft() if idle else self._new_user()
                if user is None:
                    raise SystemExit("ran out of seeded conversations")
                used.add(user.id)
                task = asyncio.create_task(one(user))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
                tick += interval
                await asyncio.sleep(max(0.0, tick - time.perf_counter()))
            if tasks:
                await asyncio.wait(set(tasks), timeout=5)
        result.cpu = cpu_seconds(self.pid) - cpu_before
        result.own_cpu = time.process_time() - own_before
        result.conversations = len(used)
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


async def quiet(fake: FakeSlackApi, *, still: float = 0.5, limit: float = 60.0) -> None:
    """Wait until the bot has posted nothing for `still` seconds (its queue is empty)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        seen = len(fake.calls)
        await asyncio.sleep(still)
        if len(fake.calls) == seen:
            return


async def measure(args: argparse.Namespace) -> tuple[str, list[Result]]:
    """One repetition: fresh database, fresh server processes; echo run, then storybot run."""
    workdir = Path(tempfile.mkdtemp(prefix="storybot-bench-"))
    url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    pool = 2 * args.conversations + int(args.rate * args.duration) + 60  # warm-up, measured run, flat out
    users = [User(f"UB{i:05d}") for i in range(pool)]
    await seed_bench_team(url, [u.id for u in users])

    fake = FakeSlackApi(token=TOKEN)
    api_url = await fake.start()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "TELEGRAM_", "DATABASE_URL", "STORYBOT_"))}
    env.update(PYTHONPATH=str(ROOT), SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=api_url,
               STORYBOT_RUN_SCHEDULER="false", STORYBOT_DEFAULT_TEAM=TEAM,
               STORYBOT_ANON_KEY="bench-load-anon-key-0123456789")
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
            warm = dict(rate=min(args.rate, 50), duration=1.0, conversations=min(args.conversations, 50))
            await storybot.run("warm-up", **warm)  # connections, caches, auth.test
            await echoing.run("warm-up", **warm)
            measured = dict(rate=args.rate, duration=args.duration, conversations=args.conversations)
            await quiet(fake)
            results.append(await echoing.run("echo (bare Starlette)", **measured))
            results.append(await storybot.run("storybot /slack/events", **measured))
            if args.saturate:
                flat = dict(rate=None, duration=args.duration / 2, conversations=args.conversations)
                await quiet(fake)  # the backlog of the open-loop run is answered first
                results.append(await echoing.run("echo, flat out", **flat))
                results.append(await storybot.run("storybot, flat out", **flat))
    finally:
        await stop_process(bot)
        await stop_process(echo)
        await fake.stop()
    return url, results


def report(args: argparse.Namespace, url: str, runs: list[list[Result]]) -> int:
    database = url.split(":")[0].split("+")[0]
    print(f"bench/load.py: DM conversations through POST /slack/events, offered {args.rate:g} req/s for "
          f"{args.duration:g} s, {args.conversations} conversations at a time (more join when all are waiting "
          f"for a reply); {os.cpu_count()} CPU(s), Python {platform.python_version()}, {database} database; "
          f"both servers: uvicorn with {server_stack()}; {len(runs)} repetition(s), each with a fresh database "
          f"and fresh server processes")
    print(HEADER + "   (ms; CPU: per request and share of one core, server; share of one core, load generator)")
    for n, results in enumerate(runs, 1):
        for result in results:
            print(f"#{n} {result.line()}")
        bot = results[1]
        print(f"#{n} storybot: {bot.conversations} conversations took part; {bot.unanswered} turns were still "
              f"waiting for their reply at the end of the run")
    echoes, bots = [r[0] for r in runs], [r[1] for r in runs]
    ratios = [b.turn_rate / e.turn_rate for e, b in zip(echoes, bots, strict=True)]
    p99s = [pct(b.acks, 0.99) * 1000 for b in bots]
    ratio, p99 = median(ratios), median(p99s)
    errors = any(b.errors or e.errors for e, b in zip(echoes, bots, strict=True))
    ack_ok, ratio_ok = p99 <= 50 and not errors, ratio >= 0.5
    each = ", ".join(f"{r:.0%}" for r in ratios)
    print(f"p99 ack at {args.rate:g} req/s, median of runs: {p99:.1f} ms (each: "
          f"{', '.join(f'{v:.1f}' for v in p99s)}; target <= 50 ms): {'PASS' if ack_ok else 'FAIL'}")
    print(f"full-turn throughput, median of runs: {median([b.turn_rate for b in bots]):.1f} turns/s = {ratio:.0%} of "
          f"the echo endpoint's {median([e.turn_rate for e in echoes]):.1f} req/s (each: {each}; target >= 50%): "
          f"{'PASS' if ratio_ok else 'FAIL'}")
    if all(len(r) == 4 for r in runs):
        flat_bot, flat_echo = median([r[3].turn_rate for r in runs]), median([r[2].turn_rate for r in runs])
        print(f"flat out, median: storybot {flat_bot:.0f} turns/s vs echo {flat_echo:.0f} req/s "
              f"({flat_bot / flat_echo:.0%})")
    if errors:
        return 2  # requests failed: the figures mean nothing
    return 1 if args.strict and not (ack_ok and ratio_ok) else 0


async def main(args: argparse.Namespace) -> int:
    runs, url = [], ""
    for _ in range(args.repeat):
        url, results = await measure(args)
        runs.append(results)
    return report(args, url, runs)


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=100)
    parser.add_argument("--rate", type=float, default=200.0, help="offered requests per second")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per measured run (max 120)")
    parser.add_argument("--database-url", default=None,
                        help="a database for the run, e.g. postgresql://postgres@127.0.0.1/storybot_bench "
                             "(default: a new SQLite file)")
    parser.add_argument("--saturate", action="store_true", help="also run flat out (closed loop)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--repeat", type=int, default=3,
                        help="repetitions (targets are judged on the median; the machine is shared, runs vary)")
    parser.add_argument("--serve-echo", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.duration = min(args.duration, 120.0)
    args.conversations = max(1, min(args.conversations, 5000))
    args.repeat = max(1, min(args.repeat, 10))
    return args


if __name__ == "__main__":
    options = parse()
    if options.serve_echo is not None:
        serve_echo(options.serve_echo)
    else:
        quiet_gc()
        sys.exit(run(main(options)))
