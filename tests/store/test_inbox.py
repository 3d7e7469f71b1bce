"""bot/store/inbox.py: the INSERT is the de-duplication claim; the next event is the oldest of a
conversation no one holds; leases end and are handed back. SQLite file and PostgreSQL."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from bot import db, store

NOW = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)


def urls() -> list:
    return [pytest.param("sqlite", id="sqlite"),
            pytest.param("postgres", id="postgres", marks=pytest.mark.skipif(
                not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set"))]


@pytest.fixture(params=urls())
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh schema: a new SQLite file, or PostgreSQL's tables dropped and made again."""
    url = os.environ["TEST_DATABASE_URL"] if request.param == "postgres" else f"sqlite:///{tmp_path}/inbox.db"
    engine = db.make_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.drop_all)
        await conn.run_sync(SQLModel.metadata.create_all)
    await engine.dispose()
    return url


@pytest.fixture
async def sessions(url: str) -> AsyncIterator[db.SessionMaker]:
    engine = db.make_engine(url)
    yield db.make_sessionmaker(engine)
    await engine.dispose()


async def add(sessions: db.SessionMaker, event_id: str, conversation: str, **payload: object) -> bool:
    event = {"platform": "slack", "event_id": event_id, "conversation": conversation,
             "payload": {"n": event_id, **payload}}
    async with sessions() as session, session.begin():
        return await store.add_inbox_events(session=session, events=[event], now=NOW) == {("slack", event_id)}


async def take(sessions: db.SessionMaker, now: datetime = NOW) -> store.InboxRow | None:
    async with sessions() as session, session.begin():
        return await store.take_inbox_event(session=session, now=now, lease=LEASE)


async def finish(sessions: db.SessionMaker, row: store.InboxRow) -> None:
    async with sessions() as session, session.begin():
        await store.finish_inbox_event(session=session, event_id=row.id)


async def count(sessions: db.SessionMaker) -> int:
    async with sessions() as session:
        return await store.count_inbox_events(session=session)


async def test_the_insert_is_the_deduplication_claim(sessions):
    assert await add(sessions, "D1:1.0", "slack:U1", text="hello") is True
    assert await add(sessions, "D1:1.0", "slack:U1", text="hello") is False  # a re-delivery
    events = [{"platform": platform, "event_id": event_id, "conversation": "C", "payload": {}}
              for platform, event_id in (("telegram", "D1:1.0"), ("slack", "D1:1.0"), ("slack", "D2:1.0"),
                                         ("slack", "D2:1.0"))]
    async with sessions() as session, session.begin():  # same id on another platform: another event
        stored = await store.add_inbox_events(session=session, events=events, now=NOW)
    assert stored == {("telegram", "D1:1.0"), ("slack", "D2:1.0")}
    assert await count(sessions) == 3
    row = await take(sessions)
    assert row is not None and row.payload == {"n": "D1:1.0", "text": "hello"} and row.attempts == 1


async def test_next_event_is_the_oldest_of_a_conversation_no_one_holds(sessions):
    for event_id, conversation in (("a1", "A"), ("a2", "A"), ("b1", "B"), ("a3", "A")):
        await add(sessions, event_id, conversation)
    first, second = await take(sessions), await take(sessions)
    assert (first.payload["n"], second.payload["n"]) == ("a1", "b1")
    assert await take(sessions) is None  # a2 waits for a1, held
    await finish(sessions, first)
    third = await take(sessions)
    assert third.payload["n"] == "a2"
    await finish(sessions, second)
    await finish(sessions, third)
    assert (await take(sessions)).payload["n"] == "a3"
    assert await count(sessions) == 1


async def test_a_lease_ends_and_can_be_handed_back(sessions):
    await add(sessions, "a1", "A")
    held = await take(sessions)
    assert await take(sessions, NOW + LEASE - timedelta(seconds=1)) is None
    again = await take(sessions, NOW + LEASE + timedelta(seconds=1))  # its worker died: taken again
    assert again.id == held.id and again.attempts == 2
    async with sessions() as session, session.begin():
        assert await store.release_inbox_events(session=session, ids=[again.id]) == 1
    handed_back = await take(sessions, NOW + LEASE + timedelta(seconds=1))
    assert handed_back.id == held.id and handed_back.attempts == 3
    async with sessions() as session, session.begin():
        assert await store.release_inbox_events(session=session) == 1  # all of them (SQLite at start-up)
    assert (await take(sessions)).attempts == 4


async def test_a_renewed_lease_keeps_the_event_from_other_takers(sessions):
    await add(sessions, "a1", "A")
    held = await take(sessions)
    async with sessions() as session, session.begin():
        assert await store.renew_inbox_leases(session=session, ids=[held.id], until=NOW + 2 * LEASE) == 1
        assert await store.renew_inbox_leases(session=session, ids=[], until=NOW + 2 * LEASE) == 0
    assert await take(sessions, NOW + LEASE + timedelta(seconds=1)) is None  # renewed: still held
    again = await take(sessions, NOW + 2 * LEASE + timedelta(seconds=1))  # not renewed again: its worker died
    assert again.id == held.id and again.attempts == 2


async def test_concurrent_takers_never_share_an_event_or_a_conversation(url, sessions):
    """Many transactions taking at once (two engines on PostgreSQL, as two processes would): every event
    is taken once, and never while an older event of its conversation is held."""
    for n in range(12):
        await add(sessions, f"e{n}", f"C{n % 4}")
    other = db.make_engine(url)
    engines = [sessions, db.make_sessionmaker(other)]
    try:
        taken = await asyncio.gather(*(take(engines[n % 2]) for n in range(10)))
    finally:
        await other.dispose()
    rows = [row for row in taken if row is not None]
    assert len({row.id for row in rows}) == len(rows)
    assert sorted(row.conversation for row in rows) == ["C0", "C1", "C2", "C3"]  # one per conversation
    assert sorted(row.payload["n"] for row in rows) == ["e0", "e1", "e2", "e3"]  # each its oldest
