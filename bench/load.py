"""Load benchmark for the Slack path: concurrent DM conversations through the whole HTTP stack.

    .venv/bin/python bench/load.py [--rate 200] [--duration 10] [--conversations 100] [--repeat 3]
                                   [--saturate] [--database-url postgresql://postgres@127.0.0.1/storybot_bench]
                                   [--workers 2] [--turn-niceness 0 --turn-niceness 5]

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
- cpu/req: CPU time of the server process(es) per request (from /proc), a figure that other load on
  the machine disturbs less than latencies do;
- the machine's 1-minute load average before and after each run (the machine is shared: a load
  above its CPU count means the figures are those of a slower machine).

`--workers N` (PostgreSQL only, as `storybot web --workers`) measures `storybot web` with 1 process
and with N processes in each repetition, one after the other on the same database (its conversations
started afresh). How the work was shared: each worker's CPU time during the run, and the events each
processed, from the line its inbox logs when it stops ("inbox: stopping; N event(s) processed by this
process"; the workers log with their pid), which covers the warm-up and the tail after the run too.

Each repetition starts afresh (database, server processes) and the targets are judged on the
median of the repetitions, every run printed: on a shared 2-core machine a run at 200 req/s is
an overload whose outcome swings with everything else the machine does (see docs/slack.md).

`--turn-niceness N` (repeatable) sets STORYBOT_TURN_NICENESS for the storybot runs: with several values
each repetition runs each of them (with 1 and N processes), so they are compared under the same load
on the machine. The turn processes run that much lower in CPU priority than the web processes, so under
overload the acks keep their CPU and the turns queue in the inbox.

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
import re
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
    worker_cpu: dict[int, float] = field(default_factory=dict)  # CPU seconds per server process
    processed: dict[int, int] = field(default_factory=dict)  # events per worker pid (its inbox's stop line)
    load: tuple[float, float] = (float("nan"), float("nan"))  # 1-minute load average before, after

    @property
    def turn_rate(self) -> float:
        return len(self.turns) / self.duration

    def line(self) -> str:
        turns = (f"{self.turn_rate:7.1f} {pct(self.turns, 0.5) * 1000:8.1f} "
                 f"{pct(self.turns, 0.99) * 1000:8.1f}") if self.turns else f"{'-':>7} {'-':>8} {'-':>8}"
        return (f"{self.name:<24}{self.sent:>6} {self.sent / self.duration:6.1f} {pct(self.acks, 0.5) * 1000:7.1f} "
                f"{pct(self.acks, 0.99) * 1000:7.1f} {max(self.acks, default=0) * 1000:7.1f} {self.errors:>4} {turns} "
                f"{self.cpu / max(1, self.sent) * 1000:7.2f} {self.cpu / self.duration:6.0%} "
                f"{self.own_cpu / self.duration:6.0%} {self.load[0]:5.1f}>{self.load[1]:<5.1f}")


HEADER = (f"{'':<24}{'sent':>6} {'req/s':>6} {'ack50':>7} {'ack99':>7} {'ackmax':>7} {'err':>4} "
          f"{'turns/s':>7} {'turn50':>8} {'turn99':>8} {'cpu/req':>7} {'server':>6} {'client':>6} {'load':>5}")


class Load:
    """Sends signed requests and times them; `full_turn` also waits for each turn's reply at the fake."""

    def __init__(self, session: aiohttp.ClientSession, url: str, users: list[User], *, full_turn: bool,
                 pids: list[int]) -> None:
        self.session, self.url, self.users, self.full_turn, self.pids = session, url, users, full_turn, pids
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
        except (aiohttp.ClientError, asyncio.TimeoutError):  # refused, dropped, or no answer within 30 s
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
        cpu_before, own_before = {pid: cpu_seconds(pid) for pid in self.pids}, time.process_time()
        result.load = (os.getloadavg()[0], float("nan"))
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
        result.worker_cpu = {pid: cpu_seconds(pid) - before for pid, before in cpu_before.items()}
        result.cpu = sum(result.worker_cpu.values())
        result.load = (result.load[0], os.getloadavg()[0])
        result.own_cpu = time.process_time() - own_before
        result.conversations = len(used)
        return result


# --- processes -----------------------------------------------------------------------------------------


async def start_process(args: list[str], env: dict[str, str], log: Path, health: str) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(*args, env=env, cwd=log.parent, stdout=log.open("wb"),
                                                   stderr=asyncio.subprocess.STDOUT)
    deadline = time.monotonic() + 180  # a shared machine under load starts slowly
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(health) as response:
                    if response.status == 200:
                        return process
            if process.returncode is not None:
                break
            await asyncio.sleep(0.1)
    await stop_process(process, log)
    raise SystemExit(f"{args[2:5]} did not start; see {log}")


async def stop_process(process: asyncio.subprocess.Process, log: Path | None = None) -> None:
    """SIGTERM (`storybot web --workers N` passes it on to its workers), SIGKILL after 30 s: then to the
    workers too (they run in process groups of their own, so nothing else would stop them)."""
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 30)
        except asyncio.TimeoutError:
            for pid in (server_pids(log, process) if log is not None else []):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
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


WORKERS_LINE = re.compile(r"storybot web: \d+ web process(?:es)? \(([\d, ]+)\) and \d+ turn process(?:es)? \(([\d, ]+)\)")
PROCESSED_LINE = re.compile(r"(?:\[(\d+)\] )?INFO bot\.inbox: inbox: stopping; (\d+) event\(s\) processed")


def server_pids(log: Path, process: asyncio.subprocess.Process) -> list[int]:
    """The processes that serve: the web and turn processes `storybot web` names in its log, else itself."""
    found = WORKERS_LINE.search(log.read_text(errors="replace"))
    return [int(pid) for group in found.groups() for pid in group.split(", ")] if found else [process.pid]


def processed_per_worker(log: Path, process: asyncio.subprocess.Process) -> dict[int, int]:
    """Events each server process's inbox processed, from the line it logs when it stops."""
    return {int(pid or process.pid): int(n) for pid, n in PROCESSED_LINE.findall(log.read_text(errors="replace"))}


def server_env(api_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TELEGRAM_", "DATABASE_URL", "STORYBOT_"))}
    env.update(PYTHONPATH=str(ROOT), SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=api_url,
               STORYBOT_RUN_SCHEDULER="false", STORYBOT_DEFAULT_TEAM=TEAM,
               STORYBOT_ANON_KEY="bench-load-anon-key-0123456789")
    return env


async def run_load(session: aiohttp.ClientSession, url: str, users: list[User], pids: list[int], fake: FakeSlackApi,
                   args: argparse.Namespace, name: str, *, full_turn: bool) -> list[Result]:
    """Warm-up, then the measured open-loop run (and, with --saturate, the closed-loop one)."""
    load = Load(session, url, users, full_turn=full_turn, pids=pids)
    if full_turn:
        fake.on_call = load.on_call
        # Prime each server process one request at a time, on new connections (the kernel hands each to
        # one of the workers): bolt's authorization asks Slack's auth.test on a process's first request,
        # and a first burst would have every request of it ask at once.
        for user in users[-2 * len(pids) - 8:]:
            body = json.dumps(message_event(user.id, "hello")).encode()
            with contextlib.suppress(aiohttp.ClientError, asyncio.TimeoutError):
                async with session.post(url, data=body, headers={"Content-Type": "application/json",
                                                                 "Connection": "close", **sign(SECRET, body)}) as response:
                    await response.read()
    await load.run("warm-up", rate=min(args.rate, 50), duration=2.0, conversations=min(args.conversations, 50))
    await quiet(fake, still=2.0)  # every worker's first turns (models loaded, connections open) are over
    results = [await load.run(name, rate=args.rate, duration=args.duration, conversations=args.conversations)]
    if args.saturate:
        await quiet(fake)  # the backlog of the open-loop run is answered first
        results.append(await load.run(f"{name.split(' (')[0]}, flat out", rate=None, duration=args.duration / 2,
                                      conversations=args.conversations))
    await quiet(fake)  # the tail is processed before the stop, so the per-worker counts are whole
    return results


async def measure(args: argparse.Namespace) -> tuple[str, list[Result]]:
    """One repetition: fresh server processes; the echo run, then storybot with each process count
    (1, and --workers N), each on a freshly seeded database (conversations started afresh)."""
    workdir = Path(tempfile.mkdtemp(prefix="storybot-bench-"))
    url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    pool = 2 * args.conversations + int(args.rate * args.duration) + 60  # warm-up, measured run, flat out
    fake = FakeSlackApi(token=TOKEN)
    api_url = await fake.start()
    env = server_env(api_url)
    results: list[Result] = []
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    try:
        async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=30)) as session:
            port = free_port()
            echo = await start_process([sys.executable, str(Path(__file__).resolve()), "--serve-echo", str(port)],
                                       env, workdir / "echo.log", f"http://127.0.0.1:{port}/healthz")
            try:
                users = [User(f"UB{i:05d}") for i in range(pool)]
                results += await run_load(session, f"http://127.0.0.1:{port}/slack/events", users, [echo.pid], fake,
                                          args, "echo (bare Starlette)", full_turn=False)
            finally:
                await stop_process(echo, workdir / "echo.log")
            for niceness, workers in configurations(args):
                users = [User(f"UB{i:05d}") for i in range(pool)]
                await seed_bench_team(url, [u.id for u in users])
                port, log = free_port(), workdir / f"storybot-web-x{workers}-nice{niceness}.log"
                nice_env = env if niceness is None else {**env, "STORYBOT_TURN_NICENESS": str(niceness)}
                bot = await start_process(
                    [sys.executable, "-m", "bot", "web", "--port", str(port), "--database-url", url,
                     "--no-access-log", "--log-level", "info", "--workers", str(workers)],
                    nice_env, log, f"http://127.0.0.1:{port}/healthz")
                try:
                    runs = await run_load(session, f"http://127.0.0.1:{port}/slack/events", users,
                                          server_pids(log, bot), fake, args, run_name(args, workers, niceness),
                                          full_turn=True)
                finally:
                    await stop_process(bot, log)
                runs[0].processed = processed_per_worker(log, bot)
                results += runs
    finally:
        await fake.stop()
    return url, results


def configurations(args: argparse.Namespace) -> list[tuple[int | None, int]]:
    """(turn niceness, process count) of each storybot run of a repetition: None is the shipped default."""
    return [(niceness, workers) for niceness in (args.turn_niceness or [None]) for workers in sorted({1, args.workers})]


def run_name(args: argparse.Namespace, workers: int, niceness: int | None) -> str:
    name = f"storybot x{workers} process{'es' if workers > 1 else ''}"
    return name if niceness is None or len(args.turn_niceness) == 1 else f"{name}, nice {niceness}"


def summary(runs: list[list[Result]], name: str) -> tuple[float, float, bool] | None:
    """Median over the repetitions of the run called `name`: ack p99 (ms), turns/s, any errors."""
    picked = [r for results in runs for r in results if r.name == name]
    if not picked:
        return None
    return (median([pct(r.acks, 0.99) * 1000 for r in picked]), median([r.turn_rate for r in picked]),
            any(r.errors for r in picked))


def report(args: argparse.Namespace, url: str, runs: list[list[Result]]) -> int:
    database = url.split(":")[0].split("+")[0]
    counts = sorted({1, args.workers})
    print(f"bench/load.py: DM conversations through POST /slack/events, offered {args.rate:g} req/s for "
          f"{args.duration:g} s, {args.conversations} conversations at a time (more join when all are waiting "
          f"for a reply); {os.cpu_count()} CPU(s), Python {platform.python_version()}, {database} database; "
          f"storybot web with {' and '.join(str(n) for n in counts)} process(es); servers: uvicorn with "
          f"{server_stack()}; {len(runs)} repetition(s), each with fresh server processes")
    print(HEADER + "   (ms; CPU: per request and share of one core, server(s); share of one core, load generator; "
          "1-min load average before>after)")
    for n, results in enumerate(runs, 1):
        for result in results:
            print(f"#{n} {result.line()}")
            if result.processed or len(result.worker_cpu) > 1:
                share = ", ".join(f"pid {pid}: {result.processed.get(pid, '?')} events, "
                                  f"{result.worker_cpu.get(pid, float('nan')):.1f} s CPU"
                                  for pid in sorted(set(result.processed) | set(result.worker_cpu)))
                busy = sum(1 for v in result.processed.values() if v > 0)
                print(f"#{n}    {result.conversations} conversations, {result.unanswered} turns still waiting at the "
                      f"end; work per process ({busy} of {len(result.worker_cpu)} processed events): {share}")
    echo = summary(runs, "echo (bare Starlette)")
    assert echo is not None
    status, errors = 0, echo[2]
    for niceness, workers in configurations(args):
        name = run_name(args, workers, niceness)
        bot = summary(runs, name)
        assert bot is not None
        p99, rate, failed = bot
        errors = errors or failed
        ack_ok, ratio_ok = p99 <= 50 and not failed, rate / echo[1] >= 0.5
        print(f"{name}: p99 ack at {args.rate:g} req/s {p99:.1f} ms (target <= 50 ms: {'PASS' if ack_ok else 'FAIL'}); "
              f"{rate:.1f} turns/s = {rate / echo[1]:.0%} of the echo endpoint's {echo[1]:.1f} req/s "
              f"(target >= 50%: {'PASS' if ratio_ok else 'FAIL'}); medians of {len(runs)} run(s)")
        status = status or (args.strict and not (ack_ok and ratio_ok))
    for niceness in (args.turn_niceness or [None]) if len(counts) > 1 else []:
        one = summary(runs, run_name(args, 1, niceness))
        many = summary(runs, run_name(args, args.workers, niceness))
        assert one is not None and many is not None
        speedup = f"{many[1] / one[1]:.2f}x" if one[1] else "n/a (no turn answered with 1 process)"
        print(f"{args.workers} processes vs 1{'' if niceness is None else f' (nice {niceness})'}: {speedup} the "
              f"turns/s, p99 ack {many[0]:.1f} vs {one[0]:.1f} ms")
    loads = [v for results in runs for r in results for v in r.load]
    print(f"1-minute load average while measuring: {min(loads):.1f} to {max(loads):.1f} on {os.cpu_count()} CPU(s)"
          f"{' (a shared, overloaded machine: latencies are those of a slower one)' if max(loads) > (os.cpu_count() or 1) else ''}")
    if errors:
        return 2  # requests failed: the figures mean nothing
    return 1 if status else 0


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
    parser.add_argument("--workers", type=int, default=1,
                        help="also measure `storybot web --workers N` (PostgreSQL only), beside 1 process")
    parser.add_argument("--turn-niceness", type=int, action="append", metavar="N",
                        help="STORYBOT_TURN_NICENESS of the storybot runs (repeat it to compare values in each "
                             "repetition; default: the shipped one)")
    parser.add_argument("--saturate", action="store_true", help="also run flat out (closed loop)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--repeat", type=int, default=3,
                        help="repetitions (targets are judged on the median; the machine is shared, runs vary)")
    parser.add_argument("--serve-echo", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.duration = min(args.duration, 120.0)
    args.conversations = max(1, min(args.conversations, 5000))
    args.repeat = max(1, min(args.repeat, 10))
    args.workers = max(1, min(args.workers, 16))
    if args.workers > 1 and not (args.database_url or "").startswith(("postgresql", "postgres:")):
        parser.error("--workers N needs --database-url postgresql://… (several processes need PostgreSQL)")
    return args


if __name__ == "__main__":
    options = parse()
    if options.serve_echo is not None:
        serve_echo(options.serve_echo)
    else:
        quiet_gc()
        sys.exit(run(main(options)))
