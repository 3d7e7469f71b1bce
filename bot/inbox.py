"""The durable inbox: every platform event an adapter acknowledges is in the database before the
platform gets its 200, and is processed once, in order per conversation, even if the process dies
right after the ack.

- `Inbox.accept(platform, event_id, conversation, payload)` is the adapters' one call (a typed callable
  given by `bot.app.build_adapters`): one INSERT, whose unique (platform, event_id) is also the
  de-duplication claim (False: a re-delivery, ignored). `conversation` is the adapter's ordering key
  (a Slack user, a Telegram chat); `payload` the validated raw payload (see docs/architecture.md for
  why the raw payload and not the translated message).
- Lanes (asyncio tasks) take the oldest open event of a conversation no one else holds
  (`bot.store.inbox.take_inbox_event`: `FOR UPDATE SKIP LOCKED` on PostgreSQL, so several processes can
  share one inbox), lease it, hand the payload to the adapter's `process` (translate, the router's
  turn, the replies) and delete it: the raw payload, personal data and
  platform ids included, stays no longer than that. An accept in this process wakes a lane at once; rows accepted
  by other processes or handed back are found by polling.
- Exactly once: the router claims the message id in `processed_event` in the same transaction as the
  dialog state and the turn log. An event processed but not yet deleted when the process died is
  taken again after a restart (and a re-delivery after it was deleted is accepted again), and the
  router's claim turns it into a no-op; its replies, if they had
  not all been posted, are not posted again (the at-most-once rule for sends, bot/adapters/base.py).
  The lane tells the turn which event it comes from (`bot.turn_source`): a replayed event whose replies
  never reached the outbox (its process died between the router's commit and the outbox's) gets the
  replies the router kept, and the outbox, storing a turn's replies, finishes its event in the same
  transaction.
- Leases: while a lane processes an event, the process renews its lease every third of `lease_seconds`
  (one UPDATE for all its lanes' events), so a turn slower than the lease is not taken by another lane
  or process; only a dead process's leases run out.
- Start-up: events left open are processed. On SQLite (one process, by design) leases of a previous
  run are released at once; on PostgreSQL a dead process's leases expire (`lease_seconds`).
- Stop (SIGTERM): no new events are taken; lanes get `grace_seconds` to finish what they hold, the
  rest is cancelled and handed back (it stays in the inbox for the next start or another process).
- Two kinds of process (`storybot web`, bot/cli/workers.py): web processes only accept (`App.serve_requests`:
  no lanes), turn processes run the lanes (`App.serve`). A `Doorbell` (a pipe the parent made) carries
  "events were stored" from the first to the second, so a lane waits for no poll."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager, nullcontext, suppress
from datetime import datetime, timedelta
from typing import Any

from bot import store
from bot.db import AsyncEngine, SessionMaker, checkpoint_inbox
from bot.models import utcnow
from bot.turn_source import TURN_SOURCE, TurnSource

log = logging.getLogger(__name__)

Processor = Callable[[dict[str, Any]], Awaitable[None]]  # an adapter's `process(payload)`

MAX_ATTEMPTS = 5  # an event taken this often (each time its worker died) is given up, logged
# SQLite has one writer: a lane about to take an event first lets the accepts being stored finish (for
# at most this long), so an ack waits for at most one lane's short transaction, not for all of them.
ACK_FIRST_SECONDS = 0.05
CHECKPOINT_SECONDS = 1.0  # SQLite: how often the inbox file's WAL is copied into it (`_checkpoint`)


async def renew_leases(*, lease: timedelta, held: Callable[[], Iterable[int]],
                       renew: Callable[[list[int]], Awaitable[None]], what: str) -> None:
    """Until cancelled, every third of `lease`: `renew` the leases of the rows this process holds
    (`held()`, the inbox's events in hand or the outbox's requests being sent). A renewal that fails
    (database trouble) is logged and tried again at the next beat; two thirds of the lease are left."""
    while True:
        await asyncio.sleep(lease.total_seconds() / 3)
        ids = sorted(held())
        if not ids:
            continue
        try:
            await renew(ids)
        except Exception:  # noqa: BLE001 - say so; the next beat tries again
            log.exception("could not renew the leases of %d %s", len(ids), what)


class Doorbell:
    """Wakes a turn process's idle lanes when a web process of the same `storybot web` has stored an
    event (bot/cli/workers.py makes the pipe before it forks: web processes get the end to `ring`,
    turn processes the end to `listen` on): one byte per stored event, so as many idle lanes wake as
    there are events for them. A full pipe drops the ring (the lanes are busy then, and take the next
    event anyway when done). Lanes still poll every `poll_seconds`: events handed back, or accepted
    on another host, are found that way."""

    def __init__(self, *, ring_fd: int | None = None, listen_fd: int | None = None) -> None:
        self.ring_fd, self.listen_fd = ring_fd, listen_fd
        for fd in (ring_fd, listen_fd):
            if fd is not None:
                os.set_blocking(fd, False)

    def ring(self, events: int = 1) -> None:
        if self.ring_fd is not None:
            try:
                os.write(self.ring_fd, b"!" * min(events, 64))
            except (BlockingIOError, BrokenPipeError):
                pass  # full (the lanes are behind, and busy) or no turn process left (the parent is stopping)

    def listen(self, wake: Callable[[int], None]) -> Callable[[], None]:
        """Call `wake(rings)` in this event loop whenever rings arrive; returns the function that stops it."""
        fd = self.listen_fd
        if fd is None:
            return lambda: None
        loop = asyncio.get_running_loop()

        def readable() -> None:
            try:
                rings = len(os.read(fd, 4096))
            except BlockingIOError:
                return  # another turn process took them
            if rings == 0:  # every web process is gone (the parent is stopping us too)
                loop.remove_reader(fd)
                return
            wake(rings)

        loop.add_reader(fd, readable)
        return lambda: loop.remove_reader(fd)


class Inbox:
    """Built by `bot.app.build_app`; `processors` (platform -> adapter's `process`) are filled once the
    adapters exist; started after the adapters (it sends through them) and stopped before them."""

    def __init__(self, *, sessionmaker: SessionMaker, lanes: int, lease_seconds: float, single_process: bool,
                 poll_seconds: float = 1.0, grace_seconds: float = 5.0, engine: AsyncEngine | None = None,
                 wait_for_disk: bool = False, doorbell: Doorbell | None = None, autocommit: SessionMaker | None = None,
                 writers: int = 1, clock: Callable[[], datetime] = utcnow) -> None:
        """`sessionmaker`: the database the inbox lives in (on SQLite a file of its own, whose `engine`
        the inbox then owns: `aclose` disposes of it; see `bot.db.inbox_database_url`). `autocommit`
        (PostgreSQL): the same database, each statement committed by itself, for the acknowledgement's
        one INSERT (`bot.db.make_autocommit_sessionmaker`). `writers`: batches of acknowledgements stored
        at once (each its own INSERT on its own connection; SQLite: 1, its one write lock serialises them)."""
        self.sessionmaker, self.lanes, self.single_process = sessionmaker, max(1, lanes), single_process
        self.engine, self.wait_for_disk = engine, wait_for_disk  # see store.add_inbox_events
        self.autocommit = None if wait_for_disk else autocommit  # waiting for the disk: SET LOCAL, in a transaction
        self.lease = timedelta(seconds=lease_seconds)
        self.poll_seconds, self.grace_seconds, self.clock = poll_seconds, grace_seconds, clock
        self.processors: dict[str, Processor] = {}
        self.doorbell = doorbell or Doorbell()
        self._unlisten: Callable[[], None] = lambda: None
        # One token per accepted event wakes one waiting lane (not all of them: each would run a query).
        self._tokens: asyncio.Queue[None] = asyncio.Queue()
        self._queued: list[tuple[dict[str, Any], asyncio.Future[bool]]] = []  # accepted, not yet written
        self.writers = max(1, writers)
        self._writing_tasks: set[asyncio.Task[None]] = set()
        self._in_flight: set[str] = set()  # conversations of the events being written (`_next_batch`)
        self._tasks: list[asyncio.Task[None]] = []
        self._held: set[int] = set()  # ids of events leased by this process's lanes
        self._busy: set[int] = set()  # ... of which those being processed: their leases are renewed
        self._renewer: asyncio.Task[None] | None = None
        self._checkpointer: asyncio.Task[None] | None = None
        self._stopping = False
        self.processed = 0  # events this process handed to an adapter (logged at stop: with several
        # processes, how the work was shared)
        # SQLite: one writer. The inbox's own writes queue here instead of in SQLite's busy handler.
        self._write_lock = asyncio.Lock() if single_process else None

    @property
    def write_lock(self) -> asyncio.Lock | None:
        """SQLite: the lock of the inbox file's one writer, which the outbox (in the same file) shares."""
        return self._write_lock

    @asynccontextmanager
    async def _writing(self) -> AsyncIterator[store.AsyncSession]:
        async with self._write_lock or nullcontext(), self.sessionmaker() as session, session.begin():
            yield session

    # --- the adapters' side -----------------------------------------------------------------------

    async def accept(self, platform: str, event_id: str, conversation: str, payload: dict[str, Any]) -> bool:
        """Store an acknowledged event (committed before this returns); False when it was accepted
        before (a re-delivery). Raises when the database can't take it: the adapter then answers with
        an error, so the platform sends it again. Events accepted while every writer is busy are
        stored together, in arrival order, by the next free one (one statement, one commit)."""
        waiter: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._queued.append(({"platform": str(platform), "event_id": event_id, "conversation": conversation,
                              "payload": payload}, waiter))
        if len(self._writing_tasks) < self.writers:
            self._writing_tasks.add(asyncio.create_task(self._write_queued(), name="inbox-accept"))
        return await waiter

    def _next_batch(self) -> list[tuple[dict[str, Any], asyncio.Future[bool]]]:
        """What a writer stores next: the queued events in arrival order, but none of a conversation
        another writer is storing: a conversation's events get their ids (the lanes' order) in the order
        they came, and a slow INSERT holds back only its own conversations' acks."""
        batch, left = [], []
        for item in self._queued:
            (left if item[0]["conversation"] in self._in_flight else batch).append(item)
        self._queued = left
        return batch

    async def _write_queued(self) -> None:
        try:
            await self._write_batches()
        finally:  # at once, not in a done callback: an accept in between would count this writer busy
            self._writing_tasks.discard(asyncio.current_task())  # type: ignore[arg-type]

    async def _write_batches(self) -> None:
        while batch := self._next_batch():
            conversations = {event["conversation"] for event, _ in batch}
            self._in_flight |= conversations
            try:
                stored = await self._store([e for e, _ in batch])
            except Exception as exc:  # noqa: BLE001 - each waiting adapter answers with an error
                for _, waiter in batch:
                    if not waiter.done():
                        waiter.set_exception(exc)
                continue
            finally:
                self._in_flight -= conversations
            if stored:
                self.doorbell.ring(len(stored))  # a turn process's lanes (a web process has none)
            for event, waiter in batch:
                key = (event["platform"], event["event_id"][:255])
                new = key in stored
                stored.discard(key)  # the same event twice in one batch: the second is a re-delivery
                if not new:
                    log.info("%s: event already in the inbox, ignored", event["platform"])
                elif self._tokens.qsize() < self.lanes:
                    self._tokens.put_nowait(None)
                if not waiter.done():
                    waiter.set_result(new)

    async def _store(self, events: list[dict[str, Any]]) -> set[tuple[str, str]]:
        """One INSERT of `events`, committed: `add_inbox_events`. PostgreSQL: autocommitted, one round
        trip, on a connection not pinged first; a connection the server dropped is tried once more (the
        pool has replaced it by then). The INSERT does nothing to rows already there, so a second try
        after a first whose commit did happen reports those events as re-deliveries: still stored once."""
        for last in (False, True):
            try:
                if self.autocommit is not None:
                    async with self.autocommit() as session:
                        return await store.add_inbox_events(session=session, events=events, now=self.clock())
                # SQLite, or waiting for the disk (SET LOCAL): a transaction, under the one writer's lock
                async with self._write_lock or nullcontext(), self.sessionmaker() as session, session.begin():
                    return await store.add_inbox_events(session=session, events=events, now=self.clock(),
                                                        wait_for_disk=self.wait_for_disk)
            except Exception as exc:
                if last or not getattr(exc, "connection_invalidated", False):
                    raise
        raise AssertionError("unreachable")

    # --- lifecycle --------------------------------------------------------------------------------

    async def start(self) -> None:
        if self._tasks:
            return
        self._stopping = False
        async with self._writing() as session:
            if self.single_process:
                await store.release_inbox_events(session=session)
            waiting = await store.count_inbox_events(session=session)
        if waiting:
            log.info("inbox: %d event(s) accepted before this start are being processed", waiting)
        self._tasks = [asyncio.create_task(self._lane(), name=f"inbox-lane-{n}") for n in range(self.lanes)]
        self._renewer = asyncio.create_task(self._renew(), name="inbox-renew")
        if self.engine is not None:
            self._checkpointer = asyncio.create_task(self._checkpoint(), name="inbox-checkpoint")
        self._unlisten = self.doorbell.listen(self._wake)

    def _wake(self, events: int) -> None:
        """Rings from web processes: wake up to `events` idle lanes."""
        for _ in range(min(events, self.lanes - self._tokens.qsize())):
            self._tokens.put_nowait(None)

    async def stop(self) -> None:
        """Take no new event; let the lanes finish what they hold for `grace_seconds`, then cancel them
        and hand their events back."""
        self._stopping = True
        self._unlisten()
        self._unlisten = lambda: None
        for _ in range(self.lanes):
            self._tokens.put_nowait(None)
        tasks, self._tasks = self._tasks, []
        if not tasks:
            return
        log.info("inbox: stopping; %d event(s) processed by this process since it started", self.processed)
        _, pending = await asyncio.wait(tasks, timeout=self.grace_seconds)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for helper in (self._renewer, self._checkpointer):
            if helper is not None:
                helper.cancel()
                await asyncio.gather(helper, return_exceptions=True)
        self._renewer = self._checkpointer = None
        held, self._held = sorted(self._held), set()
        if held:
            async with self._writing() as session:
                await store.release_inbox_events(session=session, ids=held)
            log.warning("inbox: %d event(s) not finished in %.0f s were handed back (processed at the next start)",
                        len(held), self.grace_seconds)

    async def aclose(self) -> None:
        await self.stop()
        if self.engine is not None:
            await self.engine.dispose()

    async def idle(self, *, timeout: float = 30.0) -> None:
        """Wait until no event is open (tests, benchmarks); TimeoutError after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            async with self.sessionmaker() as session:
                if not self._held and await store.count_inbox_events(session=session) == 0:
                    return
            if time.monotonic() > deadline:
                raise TimeoutError("inbox: events still open")
            await asyncio.sleep(0.01)

    async def count_open(self) -> int:
        async with self.sessionmaker() as session:
            return await store.count_inbox_events(session=session)

    # --- the lanes --------------------------------------------------------------------------------

    async def _lane(self) -> None:
        """Take an event, process it; deleting it and taking the next are one transaction."""
        done: int | None = None
        while not self._stopping:
            if self._write_lock is not None and self._writing_tasks:  # SQLite: acks first (bounded)
                await asyncio.wait(set(self._writing_tasks), timeout=ACK_FIRST_SECONDS)
            try:  # `_writing`, inline: every turn crosses it
                async with self._write_lock or nullcontext(), self.sessionmaker() as session, session.begin():
                    row = await store.take_inbox_event(session=session, now=self.clock(), lease=self.lease, done=done)
            except Exception:  # noqa: BLE001 - database trouble: say so, try again later
                log.exception("inbox: could not take the next event")
                await asyncio.sleep(self.poll_seconds)
                continue
            self._held.discard(done)  # type: ignore[arg-type]
            done = None
            if row is None:
                with suppress(TimeoutError):
                    await asyncio.wait_for(self._tokens.get(), self.poll_seconds)
                continue
            self._held.add(row.id)
            self._busy.add(row.id)
            try:
                await self._process(row)
            finally:
                self._busy.discard(row.id)
            done = row.id
        if done is not None:
            try:
                async with self._writing() as session:
                    await store.finish_inbox_event(session=session, event_id=done)
                self._held.discard(done)
            except Exception:  # noqa: BLE001 - handed back by `stop`; taken again later, a no-op then
                log.exception("inbox: could not mark event %d done", done)

    async def _renew(self) -> None:
        """Renew the leases of the events this process's lanes are processing (`renew_leases`)."""
        async def renew(ids: list[int]) -> None:
            async with self._writing() as session:
                await store.renew_inbox_leases(session=session, ids=ids, until=self.clock() + self.lease)

        await renew_leases(lease=self.lease, held=lambda: self._busy, renew=renew, what="inbox: event(s) in hand")

    async def _checkpoint(self) -> None:
        """SQLite: the inbox file's WAL checkpoint, in a thread, every `CHECKPOINT_SECONDS` (its
        connections leave it to this: `bot.db.make_inbox_engine`); elsewhere a no-op."""
        assert self.engine is not None
        while True:
            await asyncio.sleep(CHECKPOINT_SECONDS)
            try:
                await checkpoint_inbox(self.engine)
            except Exception:  # noqa: BLE001 - the WAL only grows meanwhile; the next beat tries again
                log.exception("inbox: could not checkpoint the inbox file")

    async def _process(self, row: store.InboxRow) -> None:
        processor = self.processors.get(row.platform)
        try:
            if processor is None:
                log.error("inbox: event %d is for %s, which is not configured; dropped", row.id, row.platform)
            elif row.attempts > MAX_ATTEMPTS:
                log.error("inbox: event %d (%s) was taken %d times without finishing; given up", row.id,
                          row.platform, row.attempts - 1)
            else:
                self.processed += 1
                token = TURN_SOURCE.set(TurnSource(row.id, row.attempts))  # see bot/turn_source.py
                try:
                    await processor(row.payload)
                finally:
                    TURN_SOURCE.reset(token)
        except Exception:  # noqa: BLE001 - the adapter answers failures itself; a bug here must not repeat forever
            log.exception("inbox: processing %s event %d failed", row.platform, row.id)
