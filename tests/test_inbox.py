"""bot/inbox.py: events accepted are processed once, in order per conversation, by concurrent lanes (and,
on PostgreSQL, by two inboxes on two engines, as two processes would); what is left at a crash is
processed at the next start; what a lane holds at shutdown is handed back. SQLite file and PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from bot import db, store
from bot.inbox import MAX_ATTEMPTS, Doorbell, Inbox
from bot.models import utcnow
from tests.store.test_inbox import sessions, url  # noqa: F401  (fixtures: a fresh schema on each backend)


def make_inbox(url: str, process: Callable[[dict[str, Any]], Awaitable[None]], **kwargs: Any) -> tuple[Inbox, Any]:
    """An inbox on the engine `bot.db.make_inbox_engine` would make: SQLite inline (no thread), PostgreSQL
    with its acknowledgements autocommitted and no ping."""
    sqlite = url.startswith("sqlite")
    engine = db.make_engine(url, inline=True) if sqlite else db.make_engine(url, pool_pre_ping=False)
    settings = {"lanes": 4, "lease_seconds": 30, "single_process": sqlite, "poll_seconds": 0.05,
                "autocommit": db.make_autocommit_sessionmaker(engine), **kwargs}
    inbox = Inbox(sessionmaker=db.make_sessionmaker(engine), **settings)
    inbox.processors["slack"] = process
    return inbox, engine


class Recorder:
    """A processor that takes a little while and notes what it saw, and whether two events of one
    conversation were ever in hand at once."""

    def __init__(self) -> None:
        self.seen: dict[str, list[int]] = defaultdict(list)
        self.busy: set[str] = set()
        self.overlaps = 0

    async def __call__(self, payload: dict[str, Any]) -> None:
        conversation = payload["conversation"]
        if conversation in self.busy:
            self.overlaps += 1
        self.busy.add(conversation)
        await asyncio.sleep(random.uniform(0, 0.01))
        self.seen[conversation].append(payload["n"])
        self.busy.discard(conversation)


async def accept_all(inbox: Inbox, conversations: int, per: int) -> None:
    for n in range(per):
        for c in range(conversations):
            assert await inbox.accept("slack", f"C{c}:{n}", f"slack:U{c}", {"conversation": f"U{c}", "n": n})


async def test_order_per_conversation_with_concurrent_lanes_and_two_processes(url):  # noqa: F811
    recorder = Recorder()
    one, engine_one = make_inbox(url, recorder)
    # SQLite is one process by design (a second one would only queue on the file lock): one inbox there.
    two, engine_two = make_inbox(url, recorder) if url.startswith("postgres") else (None, None)
    try:
        await one.start()
        if two is not None:
            await two.start()
        await accept_all(one if two is None else two, conversations=6, per=8)
        await asyncio.wait_for(one.idle(), timeout=30)
    finally:
        for inbox, engine in ((one, engine_one), (two, engine_two)):
            if inbox is not None:
                await inbox.stop()
                await engine.dispose()
    assert recorder.overlaps == 0
    assert dict(recorder.seen) == {f"U{c}": list(range(8)) for c in range(6)}  # each once, in order
    assert one.processed + (two.processed if two is not None else 0) == 6 * 8  # what each logs at stop


async def test_duplicates_are_ignored(url):  # noqa: F811
    recorder = Recorder()
    inbox, engine = make_inbox(url, recorder)
    try:
        payload = {"conversation": "U1", "n": 1}
        assert await inbox.accept("slack", "D1:1.0", "slack:U1", payload) is True
        assert await inbox.accept("slack", "D1:1.0", "slack:U1", payload) is False
        await inbox.start()
        await asyncio.wait_for(inbox.idle(), timeout=10)
    finally:
        await inbox.stop()
        await engine.dispose()
    assert recorder.seen == {"U1": [1]}


async def test_what_a_crash_left_is_processed_once_at_the_next_start(url):  # noqa: F811
    """Accepted (acked) and never processed: the process died. A fresh inbox on a fresh engine, as a
    restarted process, processes each event once, in order; a start after that finds nothing to do."""
    crashed, engine = make_inbox(url, Recorder())
    await accept_all(crashed, conversations=3, per=3)
    # One was in hand when it died. PostgreSQL (several processes) can't tell a dead process's lease from
    # a live one's: the event waits for its lease to end (STORYBOT_INBOX_LEASE_SECONDS, short here);
    # SQLite (one process) hands every lease back at start-up.
    lease = timedelta(seconds=0.5 if url.startswith("postgres") else 300)
    async with crashed.sessionmaker() as session, session.begin():
        held = await store.take_inbox_event(session=session, now=utcnow(), lease=lease)
    assert held is not None and held.payload == {"conversation": "U0", "n": 0}
    await engine.dispose()

    recorder = Recorder()
    restarted, engine = make_inbox(url, recorder)
    try:
        await restarted.start()
        await asyncio.wait_for(restarted.idle(), timeout=10)
        await restarted.stop()
        await restarted.start()  # nothing left: nothing done twice
        await asyncio.sleep(0.1)
    finally:
        await restarted.stop()
        await engine.dispose()
    assert dict(recorder.seen) == {f"U{c}": [0, 1, 2] for c in range(3)}


async def test_a_turn_slower_than_the_lease_keeps_its_event(url, caplog):  # noqa: F811
    """A turn that takes four leases: its process renews the lease, so no other lane (nor, on
    PostgreSQL, another process) takes the event meanwhile; processed once, never given up."""
    calls: list[int] = []
    gate = asyncio.Event()

    async def slow(payload: dict[str, Any]) -> None:
        calls.append(payload["n"])
        await asyncio.sleep(1.2)
        gate.set()

    one, engine_one = make_inbox(url, slow, lease_seconds=0.3)
    two, engine_two = make_inbox(url, slow, lease_seconds=0.3) if url.startswith("postgres") else (None, None)
    try:
        await one.start()
        if two is not None:
            await two.start()
        assert await one.accept("slack", "D1:1.0", "slack:U1", {"conversation": "U1", "n": 1})
        await asyncio.wait_for(gate.wait(), timeout=10)
        await asyncio.wait_for(one.idle(), timeout=10)
    finally:
        for inbox, engine in ((one, engine_one), (two, engine_two)):
            if inbox is not None:
                await inbox.stop()
                await engine.dispose()
    assert calls == [1]
    assert "given up" not in caplog.text


async def test_stop_hands_back_what_is_in_hand(url):  # noqa: F811
    started, never = asyncio.Event(), asyncio.Event()

    async def stuck(payload: dict[str, Any]) -> None:
        started.set()
        await never.wait()

    inbox, engine = make_inbox(url, stuck, grace_seconds=0.2)
    try:
        await inbox.start()
        await inbox.accept("slack", "D1:1.0", "slack:U1", {"conversation": "U1", "n": 1})
        await asyncio.wait_for(started.wait(), timeout=5)
        await asyncio.wait_for(inbox.stop(), timeout=5)
        async with inbox.sessionmaker() as session, session.begin():  # still there, and free to take
            row = await store.take_inbox_event(session=session, now=utcnow(), lease=timedelta(seconds=30))
        assert row is not None and row.payload["n"] == 1 and row.attempts == 2
    finally:
        await inbox.stop()
        await engine.dispose()


async def test_an_event_that_keeps_killing_its_worker_is_given_up(url, caplog):  # noqa: F811
    recorder = Recorder()
    inbox, engine = make_inbox(url, recorder)
    try:
        await inbox.accept("slack", "D1:1.0", "slack:U1", {"conversation": "U1", "n": 1})
        for attempt in range(MAX_ATTEMPTS):  # taken, and its worker died, again and again
            async with inbox.sessionmaker() as session, session.begin():
                later = utcnow() + timedelta(minutes=attempt + 1)
                assert await store.take_inbox_event(session=session, now=later, lease=timedelta(seconds=1))
            async with inbox.sessionmaker() as session, session.begin():
                await store.release_inbox_events(session=session)
        await inbox.start()
        await asyncio.wait_for(inbox.idle(), timeout=10)
    finally:
        await inbox.stop()
        await engine.dispose()
    assert recorder.seen == {}
    assert "given up" in caplog.text


@pytest.mark.parametrize("lanes", [1, 4])
async def test_a_failing_processor_is_logged_and_the_conversation_goes_on(url, lanes, caplog):  # noqa: F811
    seen: list[int] = []

    async def flaky(payload: dict[str, Any]) -> None:
        if payload["n"] == 1:
            raise RuntimeError("boom")
        seen.append(payload["n"])

    inbox, engine = make_inbox(url, flaky, lanes=lanes)
    try:
        await inbox.start()
        for n in range(3):
            await inbox.accept("slack", f"D1:{n}", "slack:U1", {"conversation": "U1", "n": n})
        await asyncio.wait_for(inbox.idle(), timeout=10)
    finally:
        await inbox.stop()
        await engine.dispose()
    assert seen == [0, 2]
    assert "processing slack event" in caplog.text


async def test_sqlite_keeps_the_inbox_in_a_file_of_its_own(tmp_path):
    """A turn holds SQLite's one write lock of the database file: the inbox has its own file, so storing an
    event never waits for a turn. PostgreSQL and in-memory SQLite keep it in the database."""
    url = f"sqlite:///{tmp_path}/data/bot.db"
    assert db.inbox_database_url(url) == f"sqlite+aiosqlite:///{tmp_path}/data/bot.inbox.db"
    assert db.inbox_database_url("sqlite://") is None
    assert db.inbox_database_url("postgresql://postgres@127.0.0.1/storybot") is None
    for _ in range(2):  # made once, found the second time
        engine = db.make_inbox_engine(url)
        inbox = Inbox(sessionmaker=db.make_sessionmaker(engine), engine=engine, lanes=1, lease_seconds=30,
                      single_process=True)
        await inbox.accept("slack", f"D1:{_}", "slack:U1", {"n": _})
        assert await inbox.count_open() == _ + 1
        await inbox.aclose()
    assert (tmp_path / "data" / "bot.inbox.db").is_file()


def test_processes_making_the_inbox_file_at_once_all_use_it(tmp_path):
    """`storybot web` forks its web and turn processes together, and each makes the inbox file's tables
    if missing: the one that loses the race ("table … already exists") must use the file too, not fall
    back to the main database (its events would then be where the other process never looks)."""
    import multiprocessing

    url = f"sqlite:///{tmp_path}/bot.db"
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(6), context.Queue()
    processes = [context.Process(target=_make_inbox_engine_at, args=(url, start, results)) for _ in range(6)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(30)
    assert sorted(results.get(timeout=5) for _ in processes) == ["inbox file"] * 6


def _make_inbox_engine_at(url: str, start: Any, results: Any) -> None:
    start.wait()
    engine = db.make_inbox_engine(url)
    results.put("inbox file" if engine is not None else "main database")

async def test_events_accepted_together_are_stored_in_one_write_in_arrival_order(url):  # noqa: F811
    recorder = Recorder()
    inbox, engine = make_inbox(url, recorder)
    try:
        payloads = [{"conversation": "U1", "n": n} for n in range(20)]
        new = await asyncio.gather(*(inbox.accept("slack", f"D1:{p['n']}", "slack:U1", p) for p in payloads),
                                   inbox.accept("slack", "D1:3", "slack:U1", payloads[3]))  # Slack's retry
        assert new == [True] * 20 + [False]
        await inbox.start()
        await asyncio.wait_for(inbox.idle(), timeout=10)
    finally:
        await inbox.stop()
        await engine.dispose()
    assert recorder.seen == {"U1": list(range(20))}


async def test_a_slow_write_holds_back_only_its_own_conversation_whose_order_is_kept(url):  # noqa: F811
    """Several writers (PostgreSQL's web processes: `writers=4`): while one conversation's INSERT is
    slow, another conversation's events are stored and acknowledged; the slow conversation's next
    event waits for it, so its events still get their ids (the lanes' order) in the order they came."""
    recorder = Recorder()
    inbox, engine = make_inbox(url, recorder, writers=4)
    real, gate = inbox._store, asyncio.Event()

    async def store(events: list[dict[str, Any]]) -> set[tuple[str, str]]:
        if any(e["conversation"] == "slack:slow" for e in events) and not gate.is_set():
            await gate.wait()  # the first write of "slow" takes a while
        return await real(events)

    inbox._store = store  # type: ignore[method-assign]
    try:
        slow = [asyncio.create_task(inbox.accept("slack", f"S:{n}", "slack:slow", {"conversation": "slow", "n": n}))
                for n in range(2)]
        await asyncio.sleep(0)
        slow.append(asyncio.create_task(inbox.accept("slack", "S:2", "slack:slow", {"conversation": "slow", "n": 2})))
        fast = [await asyncio.wait_for(inbox.accept("slack", f"F:{n}", "slack:fast", {"conversation": "fast", "n": n}),
                                       timeout=5) for n in range(3)]
        assert fast == [True] * 3 and not any(task.done() for task in slow)
        gate.set()
        assert await asyncio.gather(*slow) == [True] * 3
        await inbox.start()
        await asyncio.wait_for(inbox.idle(), timeout=10)
    finally:
        await inbox.stop()
        await engine.dispose()
    assert recorder.seen == {"fast": [0, 1, 2], "slow": [0, 1, 2]}


async def test_a_web_process_doorbell_wakes_the_turn_process_lanes_at_once(url):  # noqa: F811
    """`storybot web`'s two kinds of process: an inbox that only accepts (a web process: never started,
    no lanes) and one whose lanes wait with a poll far longer than the test (a turn process). What the
    first stores is processed by the second within moments, because the first rings the doorbell; in
    order per conversation, each once."""
    recorder = Recorder()
    listen_fd, ring_fd = os.pipe()
    web, web_engine = make_inbox(url, recorder, doorbell=Doorbell(ring_fd=ring_fd))
    turns, turn_engine = make_inbox(url, recorder, poll_seconds=60, doorbell=Doorbell(listen_fd=listen_fd))
    try:
        await turns.start()
        await asyncio.sleep(0.2)  # every lane has found the inbox empty and waits: for the poll or a ring
        started = time.monotonic()
        await accept_all(web, conversations=3, per=4)
        await asyncio.wait_for(turns.idle(), timeout=20)
        took = time.monotonic() - started
    finally:
        for inbox, engine in ((web, web_engine), (turns, turn_engine)):
            await inbox.stop()
            await engine.dispose()
        os.close(listen_fd)
        os.close(ring_fd)
    assert took < 10, took  # not the 60 s poll
    assert web.processed == 0 and turns.processed == 3 * 4
    assert recorder.overlaps == 0
    assert dict(recorder.seen) == {f"U{c}": list(range(4)) for c in range(3)}


async def test_an_acknowledgement_survives_a_connection_the_server_dropped(url):  # noqa: F811
    """PostgreSQL: the inbox's connections are not pinged before each acknowledgement (a round trip): one
    the server closed (a restart, an idle timeout) fails its INSERT, and the INSERT is tried once more
    on a new one, so the platform still gets its 200."""
    if not url.startswith("postgres"):
        pytest.skip("PostgreSQL's connections")
    recorder = Recorder()
    inbox, engine = make_inbox(url, recorder)
    try:
        assert await inbox.accept("slack", "D1:0", "slack:U1", {"conversation": "U1", "n": 0})
        other = db.make_engine(url)
        async with other.begin() as conn:  # every connection of the inbox's pool, closed by the server
            await conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
        await other.dispose()
        assert await inbox.accept("slack", "D1:1", "slack:U1", {"conversation": "U1", "n": 1})
        assert await inbox.count_open() == 2
    finally:
        await engine.dispose()


def test_a_full_doorbell_drops_the_ring_and_an_empty_pipe_reads_nothing() -> None:
    """The pipe never blocks a web process: when the turn processes are behind (the pipe is full)
    rings are dropped; the lanes are busy then and take the next events anyway."""
    listen_fd, ring_fd = os.pipe()
    try:
        bell = Doorbell(ring_fd=ring_fd)
        for _ in range(100_000):  # far more than a pipe holds
            bell.ring(64)
        assert len(os.read(listen_fd, 1 << 20)) > 0
        Doorbell().ring()  # a single process has no pipe: nothing happens
    finally:
        os.close(listen_fd)
        os.close(ring_fd)
