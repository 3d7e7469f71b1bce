"""The crash bench with several processes on one PostgreSQL (issue 15: "two web processes and two
schedulers on one PostgreSQL pass the crash bench with nothing lost or doubled and the shout-out
posted once"):

    .venv/bin/python bench/crash.py --workers 2 --schedulers 2 --database-url postgresql://…

Run by bench/crash.py when --workers > 1 or --schedulers > 0; the conversations, the messages and
the figures are bench/crash.py's. What differs:

- `--workers` separate `storybot web` processes, each on its own port, with the bench in front of
  them as a load balancer: each request (and each re-send) goes to the next process that is up, so
  when one is SIGKILLed the other keeps serving, and an event acked by one may be re-sent to the
  other (Slack re-sends the same event id). Separate processes rather than `web --workers N`: one
  of them can die while the other serves, which is the failure a load balancer sees.
- `--schedulers` `storybot scheduler` processes (the Procfile's `worker:`); the web processes run
  none (STORYBOT_RUN_SCHEDULER=false). Both schedulers hold the same APScheduler job table.
- A weekly shout-out falls due during the run, for `SHOUT_TEAMS` new teams, through the teams' real
  settings (`recognition_weekday`, `recognition_time`, in UTC): at the first whole minute at least
  `--shout-out-after` seconds after the start. Each team has a story from the day before, so the
  shout-out has something to celebrate and is posted to the team's Slack channel.
- The kills pick a process that is up at random (web or scheduler); half the web kills come the
  instant that process acks a message (as bench/crash.py), and one kill hits a scheduler just as the
  shout-out falls due. A killed process is started again in the background while the kills go on;
  the last web process up is never killed (the balancer always has one to send to), the schedulers
  may all be down at once. The kills go on until `--kills`, even after every message is acked (the
  inbox then drains amid them), and at least `AFTER_DUE` seconds past the shout-out time.

Printed besides bench/crash.py's figures: the shout-out posts per team per week that the fake
Slack API saw, "shout-outs posted: N (expected M)" (one per team; the run fails otherwise) and the
state of each team's weekly run. A shout-out whose scheduler died mid-post is taken up by the other
scheduler's sweep once its lease runs out (STORYBOT_WEEKLY_LEASE_SECONDS, `LEASE_SECONDS` here;
bot/weekly/service.py), asking Slack whether it is there before anything is sent again."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp

from bench.crash import ANON_KEY, TEXTS, Message, Server, open_events, tally
from bench.load import SECRET, TOKEN, STORY, stop_process
from devkit.bench_team import seed_bench_team
from devkit.fakes.slack_api import FakeSlackApi, sign

SHOUT_TEAMS = 3
START_SECONDS = 300.0  # to start and answer: four processes importing at once on a busy 2-core machine are slow
AFTER_DUE = 15.0  # seconds of kills after the shout-out falls due
SETTLE_SECONDS = 90.0  # how long the shout-outs get to be posted once the kills are over
LEASE_SECONDS = 15  # the schedulers' STORYBOT_WEEKLY_LEASE_SECONDS: a dead scheduler's post is taken up after it
FINAL = ("posted", "empty", "failed", "skipped", "awaiting_approval")


class Web(Server):
    """One `storybot web` process behind the balancer, with its own port and log directory."""

    kind = "web"

    def __init__(self, name: str, url: str, api_url: str, workdir: Path) -> None:
        (workdir / name).mkdir()
        super().__init__(url, api_url, workdir / name)
        self.name = name
        self.acked = asyncio.Event()  # set by a sender when this process answers 200

    async def start(self) -> None:
        """As `Server.start`, with `START_SECONDS` to answer /healthz (several processes start at once)."""
        self.starts += 1
        log = self.workdir / f"storybot-web-{self.starts}.log"
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "web", "--port", str(self.port), "--database-url", self.url,
            "--no-access-log", "--log-level", "warning", env=self.env, cwd=self.workdir, stdout=log.open("wb"),
            stderr=asyncio.subprocess.STDOUT)
        health = f"http://127.0.0.1:{self.port}/healthz"
        deadline = time.monotonic() + START_SECONDS
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline and self.process.returncode is None:
                with contextlib.suppress(aiohttp.ClientError):
                    async with session.get(health) as response:
                        if response.status == 200:
                            self.up.set()
                            return
                await asyncio.sleep(0.1)
        self.process.kill()
        raise SystemExit(f"storybot web did not start; see {log}")


class SchedulerProcess:
    """One `storybot scheduler` process: started, killed, started again, on the same database."""

    kind = "scheduler"
    READY = b"storybot scheduler running"

    def __init__(self, name: str, url: str, api_url: str, workdir: Path) -> None:
        self.name, self.url = name, url
        self.workdir = workdir / name
        self.workdir.mkdir()
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("SLACK_", "TELEGRAM_", "DATABASE_URL", "STORYBOT_"))}
        self.env.update(PYTHONPATH=str(Path(__file__).resolve().parent.parent), PYTHONUNBUFFERED="1",
                        SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=api_url,
                        STORYBOT_ANON_KEY=ANON_KEY, STORYBOT_SCHEDULER_TICK_SECONDS="1",
                        STORYBOT_WEEKLY_LEASE_SECONDS=str(LEASE_SECONDS))
        self.process: asyncio.subprocess.Process | None = None
        self.up = asyncio.Event()
        self.starts = 0

    async def start(self) -> None:
        self.starts += 1
        log = self.workdir / f"storybot-scheduler-{self.starts}.log"
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "scheduler", "--database-url", self.url, env=self.env, cwd=self.workdir,
            stdout=log.open("wb"), stderr=asyncio.subprocess.STDOUT)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline and self.process.returncode is None:
            if self.READY in log.read_bytes():
                self.up.set()
                return
            await asyncio.sleep(0.1)
        self.process.kill()
        raise SystemExit(f"storybot scheduler did not start; see {log}")

    async def kill(self) -> None:
        self.up.clear()
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        await self.process.wait()

    async def stop(self) -> None:
        self.up.clear()
        if self.process is not None:
            await stop_process(self.process)


Process = Web | SchedulerProcess


class Balancer:
    """Round robin over the web processes that are up; waits while none is."""

    def __init__(self, webs: list[Web]) -> None:
        self.webs = webs
        self.turn = 0

    async def pick(self) -> Web:
        while True:
            up = [web for web in self.webs if web.up.is_set()]
            if up:
                self.turn += 1
                return up[self.turn % len(up)]
            await asyncio.sleep(0.01)


async def send_spread(balancer: Balancer, session: aiohttp.ClientSession, messages: list[Message],
                      done: asyncio.Event) -> None:
    """One person's messages, in order, each until a web process answers 200 (any of them)."""
    for message in messages:
        body = json.dumps(message.payload()).encode()
        while not message.acked:
            web = await balancer.pick()
            message.attempts += 1
            headers = {"Content-Type": "application/json", **sign(SECRET, body)}
            if message.attempts > 1:
                headers["X-Slack-Retry-Num"] = str(message.attempts - 1)
            try:
                async with session.post(web.events_url, data=body, headers=headers) as response:
                    await response.read()
                    message.acked = response.status == 200
            except (aiohttp.ClientError, asyncio.TimeoutError):
                pass
            if message.acked:
                web.acked.set()
            else:
                await asyncio.sleep(0.05)
        await asyncio.sleep(random.uniform(0.1, 0.5))
    done.set()


def due_minute(after: float) -> datetime:
    """The first whole minute (UTC) at least `after` seconds from now."""
    at = datetime.now(UTC) + timedelta(seconds=after)
    return (at + timedelta(minutes=1)).replace(second=0, microsecond=0) if at.second or at.microsecond else at


async def seed_shout_outs(url: str, run_id: str, due: datetime) -> dict[str, str]:
    """`SHOUT_TEAMS` new teams whose weekly shout-out falls due at `due` (their real settings, in UTC),
    each with a Slack channel and a story from the day before; {team id: channel}."""
    from bot import db, store
    from bot.models import StoryCreate
    from bot.weekly.week import WEEKDAYS

    engine = db.make_engine(url)
    teams = {f"shout-{run_id.lower()}-{n}": f"CSHOUT{run_id}{n}" for n in range(1, SHOUT_TEAMS + 1)}
    try:
        async with db.make_sessionmaker(engine)() as session, session.begin():
            for n, (team_id, channel) in enumerate(teams.items(), start=1):
                await store.upsert_team(session=session, team_id=team_id, name=f"Shout-out Clinic {n}",
                                        cycle_id="healthcare-visit", timezone="UTC", channels={"slack": channel},
                                        settings={"recognition_weekday": WEEKDAYS[due.weekday()],
                                                  "recognition_time": due.strftime("%H:%M")})
                author = f"slack:US{run_id}{n}"
                await store.upsert_person(session=session, person_id=author, team_id=team_id,
                                          display_name=f"Nurse {n}")
                await store.create_story(session=session, data=StoryCreate(
                    team_id=team_id, author_id=author, mot_id="read-signs", text=STORY,
                    action="walked her to reception", effect="she made her appointment on time",
                    created_at=due - timedelta(days=1)))
    finally:
        await engine.dispose()
    return teams


async def wait_for_jobs(url: str, team_ids: list[str], timeout: float = 120.0) -> bool:
    """Whether the teams' shout-out jobs reach the schedulers' job table (`apscheduler_jobs`) in `timeout` s."""
    from sqlalchemy import func, select, table, column

    from bot import db
    from bot.weekly.scheduler import PREFIX

    jobs = table("apscheduler_jobs", column("id"))
    wanted = [f"{PREFIX}recognition:{team_id}" for team_id in team_ids]
    engine = db.make_engine(url)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            async with engine.connect() as conn:
                found = (await conn.execute(select(func.count()).select_from(jobs)
                                            .where(jobs.c.id.in_(wanted)))).scalar_one()
            if found == len(wanted):
                return True
            await asyncio.sleep(0.5)
        return False
    finally:
        await engine.dispose()


async def weekly_runs(url: str, team_ids: list[str]) -> dict[int, tuple[str, str, str]]:
    """{run id: (team id, week, status)} of the teams' shout-out runs."""
    from sqlalchemy import select

    from bot import db
    from bot.models import WeeklyRun

    engine = db.make_engine(url)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(select(WeeklyRun.id, WeeklyRun.team_id, WeeklyRun.week, WeeklyRun.status)
                                      .where(WeeklyRun.kind == "recognition", WeeklyRun.team_id.in_(team_ids)))
            return {run_id: (team_id, week, status) for run_id, team_id, week, status in rows.all()}
    finally:
        await engine.dispose()


def shout_out_posts(posts: list[dict], channels: dict[str, str], runs: dict[int, tuple[str, str, str]]
                    ) -> Counter[tuple[str, str]]:
    """Posts the fake Slack API saw in the teams' channels, per (team, week): the week from the post's
    metadata (its weekly run's id), "?" for a post without it."""
    team_of = {channel: team_id for team_id, channel in channels.items()}
    seen: Counter[tuple[str, str]] = Counter()
    for post in posts:
        team_id = team_of.get(str(post.get("channel")))
        if team_id is None:
            continue
        payload = (post.get("metadata") or {}).get("event_payload") or {}
        run_id = str(payload.get("post_id", "")).split(":", 1)[0]
        week = runs[int(run_id)][1] if run_id.isdigit() and int(run_id) in runs else "?"
        seen[team_id, week] += 1
    return seen


async def kill_one(victim: Process, instant: bool) -> None:
    """SIGKILL `victim`; with `instant`, the moment it next acks a message (a web process)."""
    if instant and isinstance(victim, Web):
        victim.acked.clear()
        try:
            await asyncio.wait_for(victim.acked.wait(), 5)
        except asyncio.TimeoutError:
            pass  # no traffic (every message acked): kill it anyway
    await victim.kill()


async def chaos(args: argparse.Namespace, webs: list[Web], schedulers: list[SchedulerProcess],
                due: datetime) -> tuple[Counter[str], list[asyncio.Task]]:
    """Kill processes at random until `--kills` and `AFTER_DUE` s past `due`;
    restart each in the background. Returns the kills per kind ("web", "web at an ack", "scheduler",
    "scheduler as it fell due") and the restarts."""
    kills: Counter[str] = Counter()
    restarts: list[asyncio.Task] = []
    everyone: list[Process] = [*webs, *schedulers]
    due_at = due.timestamp()
    aimed = not schedulers or time.time() > due_at  # started too late to aim at the moment it falls due

    def over() -> bool:  # unlike one process, the kills go on after every message is acked: the inbox
        done = kills["web"] + kills["scheduler"] + kills["scheduler as it fell due"]  # drains amid them
        return done >= args.kills and time.time() >= due_at + AFTER_DUE

    while not over():
        pause = random.uniform(0.2, 1.0)
        if not aimed and time.time() + pause >= due_at:  # a scheduler, just as the shout-out falls due
            aimed = True
            await asyncio.sleep(max(0.0, due_at - time.time()) + random.uniform(0.0, 0.15))
            up = [s for s in schedulers if s.up.is_set()]
            if up:
                victim = random.choice(up)
                await kill_one(victim, instant=False)
                kills["scheduler as it fell due"] += 1
                restarts.append(asyncio.create_task(victim.start()))
            continue
        await asyncio.sleep(pause)
        up = [p for p in everyone if p.up.is_set()]
        serving = [web for web in webs if web.up.is_set()]
        if len(serving) == 1 and len(webs) > 1:
            up.remove(serving[0])  # the balancer keeps one web process serving (schedulers may all be down)
        if not up:
            continue
        victim = random.choice(up)
        instant = isinstance(victim, Web) and kills["web"] % 2 == 0
        await kill_one(victim, instant)
        kills[victim.kind] += 1
        if instant:
            kills["web at an ack"] += 1
        restarts.append(asyncio.create_task(victim.start()))
    return kills, restarts


async def measure_cluster(args: argparse.Namespace) -> int:
    url = args.database_url
    workdir = Path(tempfile.mkdtemp(prefix="storybot-crash-cluster-"))
    run_id = uuid.uuid4().hex[:6].upper()
    users = [f"UC{run_id}{n:04d}" for n in range(args.conversations)]
    await seed_bench_team(url, users)
    base = time.time()
    conversations = [[Message(user, f"{base + n * 0.001 + u * 0.000001:.6f}", random.choice(TEXTS))
                      for n in range(args.messages)] for u, user in enumerate(users)]
    fake = FakeSlackApi(token=TOKEN)
    api_url = await fake.start()
    webs = [Web(f"web{n + 1}", url, api_url, workdir) for n in range(args.workers)]
    schedulers = [SchedulerProcess(f"scheduler{n + 1}", url, api_url, workdir) for n in range(args.schedulers)]
    everyone: list[Process] = [*webs, *schedulers]
    started = time.monotonic()
    restarts: list[asyncio.Task] = []
    kills: Counter[str] = Counter()
    channels: dict[str, str] = {}
    due = datetime.now(UTC)
    try:
        await asyncio.gather(*(p.start() for p in everyone))
        # The teams are added while the schedulers run (they re-read the teams every 10 ticks): the
        # kills start once the shout-out jobs are in the job table, so a scheduler up at the due
        # time fires them, and one started later catches them up.
        due = due_minute(args.shout_out_after)
        channels = await seed_shout_outs(url, run_id, due)
        if schedulers and not await wait_for_jobs(url, list(channels)):
            raise SystemExit("the schedulers did not add the shout-out jobs within 120 s; see their logs in "
                             f"{workdir}")
        print(f"  {len(webs)} web and {len(schedulers)} scheduler processes up; the shout-out of {len(channels)} "
              f"teams falls due at {due:%H:%M} UTC", flush=True)
        timeout = aiohttp.ClientTimeout(total=10)
        async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=0)) as session:
            finished = [asyncio.Event() for _ in conversations]
            balancer = Balancer(webs)
            senders = [asyncio.create_task(send_spread(balancer, session, messages, done))
                       for messages, done in zip(conversations, finished, strict=True)]
            kills, restarts = await chaos(args, webs, schedulers, due)
            await asyncio.gather(*senders)
            await asyncio.gather(*restarts)
            deadline = time.monotonic() + 120
            while await open_events(url) and time.monotonic() < deadline:  # let them finish the inbox
                await asyncio.sleep(0.2)
            settle = time.time() + SETTLE_SECONDS
            while time.time() < settle:  # let the schedulers, all up again, post (or catch up) the shout-outs
                runs = await weekly_runs(url, list(channels))
                if len(runs) == len(channels) and all(status in FINAL for _, _, status in runs.values()):
                    break
                await asyncio.sleep(0.5)
            await asyncio.sleep(0.5)
    finally:
        for task in restarts:
            task.cancel()
        await asyncio.gather(*(p.stop() for p in everyone), return_exceptions=True)
        await fake.stop()
    elapsed = time.monotonic() - started

    counted = await tally(url, conversations)
    runs = await weekly_runs(url, list(channels))
    shout_channels = set(channels.values())
    replies = [p for p in fake.posts() if p.get("channel") not in shout_channels]
    per_week = shout_out_posts(fake.posts(), channels, runs)
    status = {team_id: status for team_id, _, status in runs.values()}
    total_kills = sum(n for kind, n in kills.items() if kind in ("web", "scheduler", "scheduler as it fell due"))
    print(f"bench/crash.py: postgresql, {len(webs)} web + {len(schedulers)} scheduler processes, "
          f"{args.conversations} conversations x {args.messages} DMs over HTTP spread across the web processes, "
          f"{total_kills} SIGKILLs, {elapsed:.0f} s")
    print(f"kills: web {kills['web']} ({kills['web at an ack']} the instant it acked), scheduler "
          f"{kills['scheduler'] + kills['scheduler as it fell due']} ({kills['scheduler as it fell due']} as the "
          "shout-out fell due); starts: " + ", ".join(f"{p.name} {p.starts}" for p in everyone))
    print(counted.line(replies=len(replies)))
    week = next((w for _, w, _ in runs.values()), "?")
    shouts = [per_week.get((team_id, week), 0) for team_id in channels]
    stray = sum(n for (team_id, w), n in per_week.items() if w != week)
    print(f"shout-outs due {due:%a %H:%M} UTC, week {week}: posts per team {shouts} (other weeks or untagged: "
          f"{stray}); weekly runs: " + ", ".join(f"{t} {status.get(t, 'none')}" for t in channels))
    stuck = [t for t in channels if status.get(t) == "claimed"]
    if stuck:
        print(f"  claimed, not posted: {', '.join(stuck)} (not taken up within {SETTLE_SECONDS:.0f} s of the "
              "last kill)")
    print(f"shout-outs posted: {sum(shouts) + stray} (expected {len(channels)})")
    ok = counted.ok
    once = all(n == 1 for n in shouts) and stray == 0
    print(f"target 0 lost, 0 duplicated: {'PASS' if ok else 'FAIL'}; each shout-out posted exactly once: "
          f"{'PASS' if once else 'FAIL'}   (logs: {workdir})")
    return 0 if ok and once else 1
