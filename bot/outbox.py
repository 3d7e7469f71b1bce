"""The durable outbox: every reply a turn makes is stored before it is sent, then sent by the outbox's
senders in order per conversation, until the platform took it, however long a 429 or a network
outage lasts (up to `give_up_seconds`), across restarts.

- `Outbox.send_later(platform, conversation, requests)` is the adapters' one call (a typed callable
  given by `bot.app.build_adapters`): the turn's requests (JSON the adapter made, one per platform
  call) in one INSERT and one commit, in order; in the same commit the turn's inbox event (on the
  same database) is finished, so a crash after it never replays the turn (`bot.turn_source`). `conversation` is the adapter's ordering key (the
  inbox's: a Slack user, a Telegram chat).
- Senders (asyncio tasks) take the oldest pending request of a conversation no one holds and that is
  due (`bot.store.outbox.take_outbox_message`: `FOR UPDATE SKIP LOCKED` on PostgreSQL), hand it to
  the adapter's `deliver`, and act on how it ended (`bot.delivery`):
  SENT: deleted (with its text and ids); RETRY (a 429, a refused connection, a 5xx): it waits for
  the platform's Retry-After or a back-off, and its conversation's younger requests wait behind it,
  while other conversations go on; UNKNOWN (the answer was lost after the request went out): recorded,
  never sent again (the at-most-once rule); REJECTED: recorded, or its fallback (`payload["otherwise"]`,
  e.g. "open a private chat with me" when a private answer can't be delivered) takes its place and the
  rest of its turn is skipped. A request still not sent `give_up_seconds` after it was stored is given
  up and recorded. Records keep no payload and no conversation, and go at a start 14 days on.
- Start-up: pending requests are sent. A request that was being sent when its process died may have
  gone out: on SQLite (one process) every leased row is recorded UNKNOWN at start, on PostgreSQL each
  when its lease runs out (`lease_seconds`, 15 s: a live process renews the leases of what it is
  sending every third of that, so only a dead or stalled one's run out), and its conversation goes on.
- Stop (SIGTERM, after the inbox): what is due is sent for at most `grace_seconds` (the replies of the
  turns the inbox finished), then the senders are cancelled: a send cancelled before its request was
  written (`bot.delivery.mark_waiting`) is handed back, one cancelled after is UNKNOWN; the rest stays
  for the next start."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, nullcontext, suppress
from datetime import datetime, timedelta
from typing import Any

from bot import store
from bot.db import SessionMaker
from bot.delivery import REJECTED, RETRY, SENDING, SENT, UNKNOWN, Attempt, Deliver, Delivery
from bot.inbox import renew_leases
from bot.models import utcnow
from bot.store.outbox import FAILED
from bot.turn_source import current_source

log = logging.getLogger(__name__)

BACKOFF_FIRST, BACKOFF_MAX = 0.5, 10.0  # seconds: a request that could not be sent waits 0.5, 1, 2, 4, 8, 10, 10 … s
RECORDS_KEPT = timedelta(days=14)  # records of requests not sent (no text, no ids) are deleted at a start after this


class Outbox:
    """Built by `bot.app.build_app` on the inbox's database (on SQLite the inbox's file and its one
    writer: `write_lock`); `deliverers` (platform -> adapter's `deliver`) are filled once the adapters
    exist; started after the adapters and the inbox, stopped after the inbox, before the adapters."""

    def __init__(self, *, sessionmaker: SessionMaker, lanes: int, single_process: bool, lease_seconds: float = 15.0,
                 give_up_seconds: float = 600.0, grace_seconds: float = 3.0, poll_seconds: float = 1.0,
                 backoff: tuple[float, float] = (BACKOFF_FIRST, BACKOFF_MAX), write_lock: asyncio.Lock | None = None,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.sessionmaker, self.lanes, self.single_process = sessionmaker, max(1, lanes), single_process
        self.lease, self.give_up = timedelta(seconds=lease_seconds), timedelta(seconds=give_up_seconds)
        self.grace_seconds, self.poll_seconds, self.backoff, self.clock = grace_seconds, poll_seconds, backoff, clock
        self.deliverers: dict[str, Deliver] = {}
        self._write_lock = write_lock
        self._tokens: asyncio.Queue[None] = asyncio.Queue()  # one per stored request wakes one sender
        self._tasks: list[asyncio.Task[None]] = []
        self._held: dict[int, Attempt] = {}  # rows this process's senders hold -> whether their request went out
        self._timers: set[asyncio.TimerHandle] = set()
        self._swept = 0.0
        self._renewer: asyncio.Task[None] | None = None
        self._stopping = False

    @asynccontextmanager
    async def _writing(self) -> AsyncIterator[store.AsyncSession]:
        async with self._write_lock or nullcontext(), self.sessionmaker() as session, session.begin():
            yield session

    # --- the adapters' side -----------------------------------------------------------------------

    async def send_later(self, platform: str, conversation: str, requests: list[dict[str, Any]]) -> None:
        """Store a turn's requests, in order (committed before this returns), and wake a sender."""
        if not requests:
            return
        batch = uuid.uuid4().hex
        rows = [{"platform": str(platform), "conversation": conversation, "batch": batch, "payload": request}
                for request in requests]
        source = current_source()
        # `_writing` and `_wake`, inline: every turn crosses them
        async with self._write_lock or nullcontext(), self.sessionmaker() as session, session.begin():
            if source is not None and not source.stored:  # the turn's inbox event is done with its replies
                if not await store.finish_inbox_event(session=session, event_id=source.inbox_id,
                                                      attempts=source.attempts):
                    log.warning("outbox: this turn's event was taken again by another worker, which stores its "
                                "replies; not stored here")
                    return
                source.stored = True
            await store.add_outbox_messages(session=session, rows=rows, now=self.clock())
        for _ in range(min(len(rows), self.lanes - self._tokens.qsize())):
            self._tokens.put_nowait(None)

    def _wake(self, count: int = 1) -> None:
        for _ in range(min(count, self.lanes - self._tokens.qsize())):
            self._tokens.put_nowait(None)

    # --- lifecycle --------------------------------------------------------------------------------

    async def start(self) -> None:
        if self._tasks:
            return
        self._stopping = False
        async with self._writing() as session:
            # SQLite is one process: every lease is a dead run's. PostgreSQL: only those run out.
            gone = await store.expire_outbox_leases(session=session, now=None if self.single_process else self.clock())
            waiting = await store.count_outbox_messages(session=session)
            await store.purge_outbox_records(session=session, before=self.clock() - RECORDS_KEPT)
        if gone:
            log.warning("outbox: %d request(s) were being sent when the process stopped; maybe sent, not sent again",
                        gone)
        if waiting:
            log.info("outbox: %d request(s) stored before this start are being sent", waiting)
        self._tasks = [asyncio.create_task(self._lane(), name=f"outbox-sender-{n}") for n in range(self.lanes)]
        if not self.single_process:  # SQLite: no other process, every lease is ended at start
            self._renewer = asyncio.create_task(self._renew(), name="outbox-renew")

    async def stop(self) -> None:
        """Send what is due (the replies of turns already done) for at most `grace_seconds`, then cancel:
        a send in flight is handed back when its request had not gone out yet, else recorded UNKNOWN;
        requests not taken (or waiting for a Retry-After) stay for the next start."""
        self._stopping = True
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()
        for _ in range(self.lanes):
            self._tokens.put_nowait(None)
        tasks, self._tasks = self._tasks, []
        if not tasks:
            return
        _, pending = await asyncio.wait(tasks, timeout=self.grace_seconds)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        if self._renewer is not None:
            self._renewer.cancel()
            await asyncio.gather(self._renewer, return_exceptions=True)
            self._renewer = None
        held, self._held = self._held, {}
        if not held:
            return
        unsent = sorted(row for row, attempt in held.items() if not attempt.started)
        async with self._writing() as session:
            await store.release_outbox_messages(session=session, ids=unsent)
            for row in sorted(set(held) - set(unsent)):
                await store.record_outbox_message(session=session, message_id=row, status=UNKNOWN,
                                                  error="cancelled at shutdown while being sent: maybe sent")
        log.warning("outbox: %d send(s) not finished in %.0f s: %d handed back, %d maybe sent (not sent again)",
                    len(held), self.grace_seconds, len(unsent), len(held) - len(unsent))

    async def idle(self, *, timeout: float = 30.0) -> None:
        """Wait until no request is pending (tests, benchmarks); TimeoutError after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            async with self.sessionmaker() as session:
                if not self._held and await store.count_outbox_messages(session=session) == 0:
                    return
            if time.monotonic() > deadline:
                raise TimeoutError("outbox: requests still pending")
            await asyncio.sleep(0.01)

    async def count(self, status: str = "pending") -> int:
        async with self.sessionmaker() as session:
            return await store.count_outbox_messages(session=session, status=status)

    # --- the senders ------------------------------------------------------------------------------

    async def _lane(self) -> None:
        """Take a request, send it; deleting it (sent) and taking the next are one transaction."""
        done: int | None = None
        while True:  # stopping: what is due is still sent (within the grace), then the sender ends
            try:  # `_writing`, inline: every reply crosses it
                async with self._write_lock or nullcontext(), self.sessionmaker() as session, session.begin():
                    row = await store.take_outbox_message(session=session, now=self.clock(), lease=self.lease,
                                                          done=done)
            except Exception:  # noqa: BLE001 - database trouble: say so, try again later
                log.exception("outbox: could not take the next request")
                await asyncio.sleep(self.poll_seconds)
                continue
            done = None
            if row is None:
                if self._stopping:
                    break
                with suppress(TimeoutError):  # a stored request, a wait that ends, or the poll (other processes)
                    await asyncio.wait_for(self._tokens.get(), self.poll_seconds)
                if not self.single_process and time.monotonic() - self._swept > self.lease.total_seconds() / 4:
                    await self._sweep()
                continue
            if await self._send(row):
                done = row.id
            elif self._stopping:  # the platform still turns requests away: leave the rest for the next start
                break
        if done is not None:
            try:
                async with self._writing() as session:
                    await store.finish_outbox_message(session=session, message_id=done)
            except Exception:  # noqa: BLE001 - left leased: recorded UNKNOWN at the next start, not sent twice
                log.exception("outbox: could not mark request %d sent", done)

    async def _renew(self) -> None:
        """PostgreSQL: every third of a lease, renew the leases of the requests this process's senders
        hold, so only a process that is gone (killed, or stalled for a whole lease) loses them, to the
        others' `_sweep` (each a lease/4): its conversations' next replies wait a lease, not minutes. A
        failed renewal is logged and tried at the next beat. A sender that outlives its lease all the same
        finds its row recorded "maybe sent": sent, it is deleted; to be retried, it is not (`retry_outbox_message`
        only touches pending rows): at most once either way. The beat is `bot.inbox.renew_leases`'s."""
        async def renew(ids: list[int]) -> None:
            async with self._writing() as session:
                await store.renew_outbox_leases(session=session, ids=ids, until=self.clock() + self.lease)

        await renew_leases(lease=self.lease, held=lambda: self._held, renew=renew,
                           what="outbox: request(s) being sent")

    async def _sweep(self) -> None:
        """Now and then (PostgreSQL): record as UNKNOWN the rows of senders whose lease ran out."""
        self._swept = time.monotonic()
        try:
            async with self._writing() as session:
                gone = await store.expire_outbox_leases(session=session, now=self.clock())
            if gone:
                log.warning("outbox: %d request(s) held by a sender that is gone: maybe sent, not sent again", gone)
        except Exception:  # noqa: BLE001
            log.exception("outbox: could not check for expired leases")

    async def _send(self, row: store.OutboxRow) -> bool:
        """Send one request; True when the platform took it (the caller deletes it)."""
        deliver = self.deliverers.get(row.platform)
        attempt = Attempt()
        self._held[row.id] = attempt  # until its outcome is stored (if cancelled, `stop` decides about it)
        if deliver is None:
            result = Delivery(REJECTED, error=f"{row.platform} is not configured in this process")
        else:
            token = SENDING.set(attempt)
            try:
                result = await deliver(row.payload)
            except Exception as exc:  # noqa: BLE001 - an adapter bug: never repeat a send that may be out
                log.exception("outbox: %s request %d failed unexpectedly", row.platform, row.id)
                result = Delivery(UNKNOWN if attempt.started else REJECTED, error=type(exc).__name__)
            finally:
                SENDING.reset(token)
        if result.outcome == SENT:
            self._held.pop(row.id, None)
            return True
        attempt.started = result.outcome == UNKNOWN  # cancelled from here on: not taken means handed back
        try:
            async with self._writing() as session:
                await self._settle(session, row, result)
        except Exception:  # noqa: BLE001 - left leased: recorded UNKNOWN later, never sent twice
            log.exception("outbox: could not record how request %d ended", row.id)
        self._held.pop(row.id, None)
        return False

    async def _settle(self, session: store.AsyncSession, row: store.OutboxRow, result: Delivery) -> None:
        now = self.clock()
        what = f"{row.platform} {row.payload.get('method', 'request')} {row.id}"
        if result.outcome == RETRY:
            first, most = self.backoff
            wait = result.retry_after if result.retry_after is not None else min(most, first * 2 ** (row.attempts - 1))
            if now + timedelta(seconds=wait) - row.created_at <= self.give_up:
                await store.retry_outbox_message(session=session, message_id=row.id,
                                                 not_before=now + timedelta(seconds=wait), error=result.error)
                log.info("outbox: %s not sent (%s); try %d in %.1f s", what, result.error, row.attempts + 1, wait)
                self._wake_in(wait)
                return
            error = f"given up after {row.attempts} tries over {(now - row.created_at).total_seconds():.0f} s: {result.error}"
            await store.record_outbox_message(session=session, message_id=row.id, status=FAILED, error=error)
            log.error("outbox: %s %s", what, error)
            return
        if result.outcome == UNKNOWN:
            await store.record_outbox_message(session=session, message_id=row.id, status=UNKNOWN, error=result.error)
            log.warning("outbox: %s may have been sent (%s); not sent again", what, result.error)
            return
        otherwise = row.payload.get("otherwise")
        if isinstance(otherwise, dict):  # its fallback takes its place, in the same spot of the conversation
            await store.retry_outbox_message(session=session, message_id=row.id, not_before=now, error=result.error,
                                             payload=otherwise)
            skipped = await store.skip_outbox_batch(session=session, batch=row.batch, after=row.id)
            log.info("outbox: %s rejected (%s); its fallback is sent instead (%d skipped)", what, result.error, skipped)
            self._wake()
            return
        await store.record_outbox_message(session=session, message_id=row.id, status=FAILED, error=result.error)
        log.warning("outbox: %s rejected: %s", what, result.error)

    def _wake_in(self, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        timer: asyncio.TimerHandle | None = None

        def wake() -> None:
            self._timers.discard(timer)  # type: ignore[arg-type]
            if not self._stopping:
                self._wake()

        timer = loop.call_later(max(0.0, seconds), wake)
        self._timers.add(timer)
