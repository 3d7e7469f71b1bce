"""bot/outbox.py: requests stored are sent once, in order per conversation, while a platform answers
429s or can't be reached (other conversations go on meanwhile); a send whose fate is unknown is not
sent again; a refused private answer is replaced by its fallback; what is left at a crash is sent at
the next start; what a sender holds at shutdown is handed back. SQLite file and PostgreSQL.

The platform here is a fake of our own interface (`deliver`, scripted per request); the adapters'
`deliver` against the fake platforms over HTTP is in tests/adapters/test_outbox_delivery.py."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import timedelta
from typing import Any

from bot import db, store
from bot.models import utcnow
from bot.delivery import REJECTED, RETRY, SENT, UNKNOWN, Delivery, mark_started, mark_waiting
from bot.models import OutboxMessage
from bot.outbox import Outbox
from sqlmodel import select
from bot.store.outbox import FAILED, SKIPPED
from tests.store.test_inbox import url  # noqa: F401  (fixture: a fresh schema on each backend)


class Platform:
    """Delivers `payload["text"]` to `payload["to"]`; `script[text]` lists outcomes for its first tries
    (RETRY with a short retry_after, UNKNOWN: shown but the answer lost, REJECTED); then SENT."""

    def __init__(self, script: dict[str, list[str]] | None = None) -> None:
        self.script = {k: list(v) for k, v in (script or {}).items()}
        self.shown: dict[str, list[str]] = defaultdict(list)
        self.tries: dict[str, int] = defaultdict(int)
        self.busy: set[str] = set()
        self.overlaps = 0
        self.hold: asyncio.Event | None = None  # set: sends wait for it (shutdown tests)

    async def __call__(self, payload: dict[str, Any]) -> Delivery:
        to, text = payload["to"], payload["text"]
        if to in self.busy:
            self.overlaps += 1
        self.busy.add(to)
        try:
            self.tries[text] += 1
            mark_waiting()  # as PTB's rate limiter: the request waits in the process first
            if self.hold is not None:
                await self.hold.wait()
            mark_started()
            await asyncio.sleep(0.001)
            outcome = self.script.get(text, []).pop(0) if self.script.get(text) else SENT
            if outcome in (SENT, UNKNOWN):
                self.shown[to].append(text)
            return Delivery(outcome, retry_after=0.05 if outcome == RETRY else None, error=outcome)
        finally:
            self.busy.discard(to)


def make_outbox(url: str, platform: Platform, **kwargs: Any) -> tuple[Outbox, Any]:  # noqa: F811
    engine = db.make_engine(url)
    settings = {"lanes": 4, "single_process": url.startswith("sqlite"), "poll_seconds": 0.05,
                "backoff": (0.02, 0.1), **kwargs}
    outbox = Outbox(sessionmaker=db.make_sessionmaker(engine), **settings)
    outbox.deliverers["slack"] = platform
    return outbox, engine


def requests(to: str, *texts: str) -> list[dict[str, Any]]:
    return [{"method": "post", "to": to, "text": text} for text in texts]


async def test_429s_and_refusals_delay_one_conversation_not_the_others_and_each_reply_arrives_once_in_order(url):  # noqa: F811
    script = {"c0-0": [RETRY, RETRY, RETRY], "c1-1": [RETRY], "c2-0": [RETRY, RETRY]}
    platform = Platform(script)
    outbox, engine = make_outbox(url, platform)
    await outbox.start()
    try:
        for turn in range(2):
            for c in range(5):
                await outbox.send_later("slack", f"slack:c{c}", requests(f"c{c}", f"c{c}-{2 * turn}", f"c{c}-{2 * turn + 1}"))
        await outbox.idle(timeout=10)
    finally:
        await outbox.stop()
        await engine.dispose()
    assert {to: texts for to, texts in platform.shown.items()} == {f"c{c}": [f"c{c}-{n}" for n in range(4)] for c in range(5)}
    assert platform.overlaps == 0  # one request of a conversation in flight at a time
    assert platform.tries["c0-0"] == 4 and platform.tries["c0-1"] == 1  # the younger one waited, sent once
    assert platform.tries["c3-0"] == 1


async def test_unknown_fate_is_recorded_and_not_sent_again_and_the_conversation_goes_on(url):  # noqa: F811
    platform = Platform({"b": [UNKNOWN], "x": [REJECTED]})
    outbox, engine = make_outbox(url, platform)
    await outbox.start()
    try:
        await outbox.send_later("slack", "slack:u", requests("u", "a", "b", "c", "x", "d"))
        await outbox.idle(timeout=10)
        assert platform.shown["u"] == ["a", "b", "c", "d"]  # b shown once (its answer was lost), x refused
        assert platform.tries["b"] == 1 and platform.tries["x"] == 1
        assert await outbox.count(UNKNOWN) == 1 and await outbox.count(FAILED) == 1
        async with outbox.sessionmaker() as session:  # records keep no text and no platform id
            rows = (await session.exec(select(OutboxMessage))).all()
        assert rows and all(row.payload == {} and row.conversation == "" for row in rows)
    finally:
        await outbox.stop()
        await engine.dispose()


async def test_a_refused_request_is_replaced_by_its_fallback_and_the_rest_of_its_turn_is_skipped(url):  # noqa: F811
    platform = Platform({"private answer": [REJECTED]})
    outbox, engine = make_outbox(url, platform)
    await outbox.start()
    try:
        first = requests("dm", "private answer")[0] | {"otherwise": requests("group", "open a chat with me")[0]}
        await outbox.send_later("slack", "slack:group", [first, *requests("group", "answered privately")])
        await outbox.send_later("slack", "slack:group", requests("group", "next turn"))
        await outbox.idle(timeout=10)
        assert platform.shown == {"group": ["open a chat with me", "next turn"]}
        assert await outbox.count(SKIPPED) == 1
    finally:
        await outbox.stop()
        await engine.dispose()


async def test_a_request_not_sent_in_time_is_given_up_and_recorded(url):  # noqa: F811
    platform = Platform({"never": [RETRY] * 1000})
    outbox, engine = make_outbox(url, platform, give_up_seconds=0.3)
    await outbox.start()
    try:
        await outbox.send_later("slack", "slack:u", requests("u", "never", "after"))
        await outbox.idle(timeout=10)
        assert platform.shown["u"] == ["after"] and await outbox.count(FAILED) == 1
    finally:
        await outbox.stop()
        await engine.dispose()


async def test_pending_requests_are_sent_in_order_at_the_next_start_and_one_in_flight_at_the_crash_is_not(url):  # noqa: F811
    engine = db.make_engine(url)
    sessions = db.make_sessionmaker(engine)
    now = utcnow()
    async with sessions() as session, session.begin():  # a crashed run: three stored, the first being sent
        await store.add_outbox_messages(session=session, now=now - timedelta(minutes=5), rows=[
            {"platform": "slack", "conversation": "slack:u", "payload": p}
            for p in requests("u", "in flight", "first", "second")])
        row = await store.take_outbox_message(session=session, now=now - timedelta(minutes=5), lease=timedelta(seconds=1))
        assert row is not None and row.payload["text"] == "in flight"
    await engine.dispose()
    platform = Platform()
    outbox, engine = make_outbox(url, platform)
    await outbox.start()
    try:
        await outbox.idle(timeout=10)
        assert await outbox.count(UNKNOWN) == 1  # may be out there: recorded, not sent again
    finally:
        await outbox.stop()
        await engine.dispose()
    assert platform.shown["u"] == ["first", "second"]


async def test_stop_hands_back_a_send_that_had_not_started_and_it_is_sent_by_the_next_run(url):  # noqa: F811
    platform = Platform()
    platform.hold = asyncio.Event()  # the platform call never starts (e.g. waiting in PTB's rate limiter)
    outbox, engine = make_outbox(url, platform, grace_seconds=0.1, lanes=1)
    await outbox.start()
    await outbox.send_later("slack", "slack:u", requests("u", "one", "two"))
    while not platform.tries:
        await asyncio.sleep(0.01)
    await outbox.stop()
    await engine.dispose()
    again = Platform()
    outbox, engine = make_outbox(url, again)
    await outbox.start()
    try:
        await outbox.idle(timeout=10)
        assert await outbox.count(UNKNOWN) == 0
    finally:
        await outbox.stop()
        await engine.dispose()
    assert again.shown["u"] == ["one", "two"] and not platform.shown


async def test_a_turns_replies_finish_its_inbox_event_unless_another_worker_took_it_since(url):  # noqa: F811
    """`send_later` inside an inbox turn deletes the turn's event with the replies it stores, if the event
    is still that turn's take: a worker whose event was taken again meanwhile (its lease ran out) stores
    nothing, and the one that took it stores them once; a second call of the same turn stores as usual."""
    from bot.turn_source import TURN_SOURCE, TurnSource

    outbox, engine = make_outbox(url, Platform())  # not started: what is stored stays
    sessions = outbox.sessionmaker
    event = {"platform": "slack", "event_id": "E1", "conversation": "slack:U1", "payload": {}}
    try:
        async with sessions() as session, session.begin():
            await store.add_inbox_events(session=session, events=[event], now=utcnow())
        taken = []
        for later in (0, 60):  # taken, its lease ran out while its worker lived, taken again
            async with sessions() as session, session.begin():
                taken.append(await store.take_inbox_event(session=session, now=utcnow() + timedelta(seconds=later),
                                                          lease=timedelta(seconds=30)))
        first, second = taken
        assert first.id == second.id and (first.attempts, second.attempts) == (1, 2)
        token = TURN_SOURCE.set(TurnSource(first.id, first.attempts))
        try:
            await outbox.send_later("slack", "slack:U1", requests("c0", "from the first worker"))
        finally:
            TURN_SOURCE.reset(token)
        assert await outbox.count() == 0
        async with sessions() as session:
            assert await store.count_inbox_events(session=session) == 1
        token = TURN_SOURCE.set(TurnSource(second.id, second.attempts))
        try:
            await outbox.send_later("slack", "slack:U1", requests("c0", "reply"))
            await outbox.send_later("slack", "slack:U1", requests("c0", "a second part of the same turn"))
        finally:
            TURN_SOURCE.reset(token)
        assert await outbox.count() == 2
        async with sessions() as session:
            assert await store.count_inbox_events(session=session) == 0
    finally:
        await engine.dispose()


async def test_a_dead_processs_send_is_taken_over_after_its_lease_and_a_live_slow_one_is_not(url):  # noqa: F811
    """PostgreSQL, two processes' outboxes with a 1 s lease. Process A's sender is in the middle of a
    send longer than the lease: A renews the lease, so B leaves A's conversation alone. Then A dies (its
    tasks gone, nothing stopped cleanly): within about a lease B records A's request "maybe sent" (never
    sent again) and sends that conversation's next reply; nothing is sent twice."""
    if not url.startswith("postgres"):
        return  # SQLite is one process: every lease of a previous run ends at start (test above)
    slow = Platform()
    slow.hold = asyncio.Event()  # A's send never ends
    a, engine_a = make_outbox(url, slow, lease_seconds=1.0, lanes=1)
    b_platform = Platform()
    b, engine_b = make_outbox(url, b_platform, lease_seconds=1.0)
    await a.start()
    try:
        await a.send_later("slack", "slack:u", requests("u", "in flight", "next"))
        while not slow.tries:
            await asyncio.sleep(0.01)
        await b.start()
        await asyncio.sleep(2.5)  # 2.5 leases: A's renewals keep it
        assert await b.count(UNKNOWN) == 0 and not b_platform.tries
        for task in [*a._tasks, a._renewer]:  # A is killed: its senders and renewals stop, mid-send
            task.cancel()
        await asyncio.gather(*a._tasks, a._renewer, return_exceptions=True)
        a._tasks, a._renewer = [], None
        started = asyncio.get_running_loop().time()
        await b.idle(timeout=10)
        took = asyncio.get_running_loop().time() - started
        assert await b.count(UNKNOWN) == 1  # maybe out there: recorded, not sent again
    finally:
        await b.stop()
        await engine_b.dispose()
        await engine_a.dispose()
    assert took < 3, took  # a lease and a sweep, not minutes
    assert b_platform.shown["u"] == ["next"] and b_platform.tries == {"next": 1}
    assert dict(slow.tries) == {"in flight": 1}
