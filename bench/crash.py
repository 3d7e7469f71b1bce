"""Crash benchmark: conversations in flight over HTTP while the server is killed with SIGKILL, again and
again; is every acknowledged message processed exactly once?

    .venv/bin/python bench/crash.py [--conversations 20] [--messages 40] [--kills 20]
                                    [--database-url postgresql://postgres@127.0.0.1/storybot_bench]

`storybot web` runs as its own process (a new SQLite file unless --database-url) and talks to our fake
Slack Web API, which runs here. `--conversations` people each send `--messages` signed DMs in order,
each sent until Slack would count it delivered (an HTTP 200; an unanswered request is sent again after
the restart, with the same event, as Slack re-sends). Meanwhile the server is killed with SIGKILL
`--kills` times: half of the kills the instant a 200 arrives (the moment issue 15 measured: acked, not
yet processed), half at a random moment; each time it is started again on the same database. At the
end the server is left to finish and stopped with SIGTERM, and the turn log (`turn`, direction "in",
keyed by the pseudonym of the message id) says what was processed. Printed:

- sent: messages (each counted once however often it was re-sent); acked: those that got a 200;
- processed: acked messages with a turn in the log; lost: acked without one; duplicated: turns beyond
  the first of a message (target: 0 lost, 0 duplicated);
- replies: messages the fake Slack API saw chat.postMessage calls for, per conversation, as a share
  (a reply is at most once: one whose turn was saved just before a kill is not posted again).

On PostgreSQL the lease of an event a killed process held runs out after STORYBOT_INBOX_LEASE_SECONDS
(set to 2 s here), that of a reply it was sending after STORYBOT_OUTBOX_LEASE_SECONDS (15 s, the
default; the reply is then recorded "maybe sent" and its conversation's next replies go out); SQLite
(one process) ends both at start-up. The run ends once the inbox and the outbox are empty (or after
120 s), and prints what the outbox still holds. Only 127.0.0.1.

`--workers 2 --schedulers 2 --database-url postgresql://…`: two `storybot web` processes behind the
bench as a load balancer and two `storybot scheduler` processes, all killed at random, with a weekly
shout-out falling due mid-run; also prints the shout-out posts per team per week (target: exactly 1).
See bench/crash_cluster.py."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402

from bench.load import SECRET, TOKEN, free_port, run, start_process, stop_process  # noqa: E402
from devkit.bench_team import TEAM, seed_bench_team  # noqa: E402
from devkit.fakes.slack_api import FakeSlackApi, message_event, sign  # noqa: E402

ANON_KEY = "bench-crash-anon-key-0123456789"
TEXTS = ("hello", "story", "A patient could not find the clinic, so I walked her to reception.", "cancel",
         "what can you do?", "menu")


@dataclass
class Message:
    user: str
    ts: str
    text: str
    event_id: str = field(default_factory=lambda: f"Ev{uuid.uuid4().hex[:12].upper()}")
    attempts: int = 0
    acked: bool = False

    @property
    def message_id(self) -> str:
        return f"D{self.user}:{self.ts}"  # the Slack adapter's id of a DM (bot/adapters/slack/translate.py)

    def payload(self) -> dict:
        return message_event(self.user, self.text, ts=self.ts, event_id=self.event_id)


class Server:
    """The `storybot web` process: started, killed, started again, on one database."""

    def __init__(self, url: str, api_url: str, workdir: Path) -> None:
        self.url, self.workdir = url, workdir
        self.port = free_port()
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("SLACK_", "TELEGRAM_", "DATABASE_URL", "STORYBOT_"))}
        self.env.update(PYTHONPATH=str(ROOT), SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET,
                        SLACK_API_URL=api_url, STORYBOT_RUN_SCHEDULER="false", STORYBOT_DEFAULT_TEAM=TEAM,
                        STORYBOT_ANON_KEY=ANON_KEY, STORYBOT_INBOX_LEASE_SECONDS="2")
        self.process: asyncio.subprocess.Process | None = None
        self.up = asyncio.Event()
        self.starts = 0

    @property
    def events_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/slack/events"

    async def start(self) -> None:
        self.starts += 1
        self.process = await start_process(
            [sys.executable, "-m", "bot", "web", "--port", str(self.port), "--database-url", self.url,
             "--no-access-log", "--log-level", "warning"],
            self.env, self.workdir / f"storybot-web-{self.starts}.log", f"http://127.0.0.1:{self.port}/healthz")
        self.up.set()

    async def kill(self) -> None:
        self.up.clear()
        assert self.process is not None
        self.process.kill()  # SIGKILL: nothing runs after it
        await self.process.wait()

    async def stop(self) -> None:
        self.up.clear()
        if self.process is not None:
            await stop_process(self.process)  # SIGTERM


async def open_events(url: str) -> int:
    from bot import db, store

    engine = db.make_inbox_engine(url) or db.make_engine(url)  # SQLite: the inbox's own file
    try:
        async with db.make_sessionmaker(engine)() as session:
            return await store.count_inbox_events(session=session)
    finally:
        await engine.dispose()


async def outbox_counts(url: str) -> tuple[int, int]:
    """Replies still pending in the outbox (not sent yet, or being sent), and those recorded "maybe sent"
    (their sender was killed mid-send: never sent again)."""
    from bot import db, store

    engine = db.make_inbox_engine(url) or db.make_engine(url)
    try:
        async with db.make_sessionmaker(engine)() as session:
            return (await store.count_outbox_messages(session=session),
                    await store.count_outbox_messages(session=session, status="unknown"))
    finally:
        await engine.dispose()


async def turns_in(url: str, pseudonyms: set[str]) -> dict[str, int]:
    """How many "in" turns the log holds for each of `pseudonyms` (the router's stored message ids)."""
    from sqlalchemy import func, select

    from bot import db
    from bot.models import Turn

    engine = db.make_engine(url)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(select(Turn.message_id, func.count()).where(Turn.direction == "in")
                                      .group_by(Turn.message_id))
            return {message_id: n for message_id, n in rows.all() if message_id in pseudonyms}
    finally:
        await engine.dispose()


async def send_all(server: Server, session: aiohttp.ClientSession, messages: list[Message], acked: asyncio.Event,
                   done: asyncio.Event) -> None:
    """One person's messages, in order, each until it gets a 200."""
    for message in messages:
        body = json.dumps(message.payload()).encode()
        while not message.acked:
            await server.up.wait()
            message.attempts += 1
            headers = {"Content-Type": "application/json", **sign(SECRET, body)}
            if message.attempts > 1:
                headers["X-Slack-Retry-Num"] = str(message.attempts - 1)
            try:
                async with session.post(server.events_url, data=body, headers=headers) as response:
                    await response.read()
                    message.acked = response.status == 200
            except (aiohttp.ClientError, asyncio.TimeoutError):
                pass
            if message.acked:
                acked.set()
            else:
                await asyncio.sleep(0.05)
        await asyncio.sleep(random.uniform(0.1, 0.5))  # people type; ~60 messages/s from 20 of them
    done.set()


async def measure(args: argparse.Namespace) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="storybot-crash-"))
    url = args.database_url or f"sqlite:///{workdir / 'crash.db'}"
    run_id = uuid.uuid4().hex[:6].upper()
    users = [f"UC{run_id}{n:04d}" for n in range(args.conversations)]
    await seed_bench_team(url, users)
    base = time.time()
    conversations = [[Message(user, f"{base + n * 0.001 + u * 0.000001:.6f}", random.choice(TEXTS))
                      for n in range(args.messages)] for u, user in enumerate(users)]
    fake = FakeSlackApi(token=TOKEN)
    api_url = await fake.start()
    server = Server(url, api_url, workdir)
    kills, tail, held = 0, 0.0, 0
    started = time.monotonic()
    try:
        await server.start()
        timeout = aiohttp.ClientTimeout(total=10)
        async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=0)) as session:
            acked = asyncio.Event()
            finished = [asyncio.Event() for _ in conversations]
            senders = [asyncio.create_task(send_all(server, session, messages, acked, done))
                       for messages, done in zip(conversations, finished, strict=True)]
            while kills < args.kills and not all(done.is_set() for done in finished):
                await asyncio.sleep(random.uniform(0.2, 1.0))
                if kills % 2 == 0:  # the instant a 200 arrives: acked, not yet processed
                    acked.clear()
                    while not acked.is_set() and not all(done.is_set() for done in finished):
                        await asyncio.sleep(0.001)
                await server.kill()
                kills += 1
                await server.start()
            if kills < args.kills:
                print(f"  (every message was acked after {kills} kills: run more --messages for more kills)")
            await asyncio.gather(*senders)
            deadline, tail = time.monotonic() + 120, time.monotonic()
            while await open_events(url) and time.monotonic() < deadline:  # let it finish the inbox
                await asyncio.sleep(0.2)
            held = (await outbox_counts(url))[0]  # replies not sent when the last message was processed
            while (await outbox_counts(url))[0] and time.monotonic() < deadline:  # and send what the outbox holds
                await asyncio.sleep(0.2)
            tail = time.monotonic() - tail
            await asyncio.sleep(0.5)
    finally:
        await server.stop()
        await fake.stop()
    elapsed = time.monotonic() - started

    counted = await tally(url, conversations)
    database = url.split(":")[0].split("+")[0]
    print(f"bench/crash.py: {database}, {args.conversations} conversations x {args.messages} DMs over HTTP, "
          f"{kills} SIGKILLs (half the instant a 200 arrived), {server.starts} starts, {elapsed:.0f} s")
    print(counted.line(replies=len(fake.posts())))
    pending, unsure = await outbox_counts(url)
    print(f"outbox: {held} replies pending when the inbox was done, {pending} at the end; {unsure} recorded maybe "
          f"sent (their sender was killed mid-send: not sent again); from the last ack to an empty outbox {tail:.1f} s")
    print(f"target 0 lost, 0 duplicated: {'PASS' if counted.ok else 'FAIL'}   (logs: {workdir})")
    return 0 if counted.ok else 1


@dataclass(frozen=True)
class Tally:
    """What the turn log says of the messages sent: each counted once however often it was re-sent."""

    sent: int
    acked: int
    processed: int  # acked messages with a turn in the log
    duplicated: int  # turns beyond the first of a message
    resent: int  # sends beyond a message's first (after a kill, as Slack re-sends)
    left: int  # events still in the inbox

    @property
    def lost(self) -> int:
        return self.acked - self.processed

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.duplicated == 0 and self.left == 0

    def line(self, *, replies: int) -> str:
        return (f"sent {self.sent}  acked {self.acked}  processed {self.processed}  lost {self.lost}  "
                f"duplicated {self.duplicated}   (re-sent after a kill: {self.resent}; left in the inbox: "
                f"{self.left}; replies posted: {replies})")


async def tally(url: str, conversations: list[list[Message]]) -> Tally:
    """Count the conversations' messages against the turn log (`turn`, direction "in", keyed by the
    pseudonym of the message id) and the inbox of the database at `url`."""
    from bot.pseudonym import Pseudonymiser

    pseudonym = Pseudonymiser.from_secret(ANON_KEY)
    every = [m for messages in conversations for m in messages]
    keys = {m.message_id: pseudonym(m.message_id, purpose="event") for m in every}
    counts = await turns_in(url, set(keys.values()))
    acked = [m for m in every if m.acked]
    processed = sum(1 for m in acked if counts.get(keys[m.message_id], 0) > 0)
    return Tally(sent=len(every), acked=len(acked), processed=processed,
                 duplicated=sum(n - 1 for n in counts.values() if n > 1),
                 resent=sum(m.attempts - 1 for m in every), left=await open_events(url))


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--messages", type=int, default=40, help="DMs per conversation")
    parser.add_argument("--kills", type=int, default=20, help="SIGKILLs (at least 20 for the issue's figure)")
    parser.add_argument("--database-url", default=None, help="PostgreSQL to use (default: a new SQLite file)")
    parser.add_argument("--workers", type=int, default=1, help=(
        "`storybot web` processes, each on its own port, the bench spreading requests across them "
        "(PostgreSQL; bench/crash_cluster.py)"))
    parser.add_argument("--schedulers", type=int, default=0, help=(
        "`storybot scheduler` processes, killed too; a weekly shout-out falls due during the run (PostgreSQL)"))
    parser.add_argument("--shout-out-after", type=float, default=40.0, help=(
        "with --schedulers: the shout-out falls due at the first whole minute this many seconds after start-up"))
    args = parser.parse_args()
    args.workers = max(1, min(args.workers, 8))
    args.schedulers = max(0, min(args.schedulers, 8))
    if (args.workers > 1 or args.schedulers) and not str(args.database_url or "").startswith("postgres"):
        parser.error("--workers 2 and --schedulers need --database-url postgresql://… (SQLite serves one process)")
    args.conversations = max(1, min(args.conversations, 500))
    args.messages = max(1, min(args.messages, 200))
    return args


async def measure_chosen(args: argparse.Namespace) -> int:
    """One `storybot web` process (`measure`), or several processes and schedulers (bench/crash_cluster.py)."""
    if args.workers > 1 or args.schedulers:
        from bench.crash_cluster import measure_cluster

        return await measure_cluster(args)
    return await measure(args)


if __name__ == "__main__":
    sys.exit(run(measure_chosen(parse())))
