"""The one-hop aiosqlite dialect: same results as SQLAlchemy's own, errors mapped as usual, and one
hand-off to aiosqlite's thread per statement; the inbox file's inline variant: none, and no checkpoint
but `bot.db.checkpoint_inbox`'s."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import aiosqlite.core
import pytest
from sqlalchemy import exc, text

from bot import db, db_sqlite


@pytest.fixture
async def engine(tmp_path):  # type: ignore[no-untyped-def]
    engine = db.make_engine(f"sqlite:///{tmp_path}/one-hop.db")
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, note TEXT)"))
    yield engine
    await engine.dispose()


async def test_engine_uses_the_one_hop_driver(engine):  # type: ignore[no-untyped-def]
    assert engine.dialect.driver == db_sqlite.DRIVER and engine.url.drivername == "sqlite+storybot_aiosqlite"
    assert db.make_engine("sqlite://").dialect.driver == db_sqlite.DRIVER


async def test_rows_rowcount_lastrowid_executemany_and_returning(engine):  # type: ignore[no-untyped-def]
    async with engine.begin() as conn:
        inserted = await conn.execute(text("INSERT INTO t (name, note) VALUES ('a', '🙂')"))
        assert inserted.rowcount == 1 and inserted.lastrowid == 1
        await conn.execute(text("INSERT INTO t (name, note) VALUES (:n, :x)"),
                           [{"n": f"n{i}", "x": "ü" * i} for i in range(5)])  # executemany
        back = await conn.execute(text("INSERT INTO t (name) VALUES ('r') RETURNING id, name"))
        assert back.all() == [(7, "r")]
        updated = await conn.execute(text("UPDATE t SET note = 'x' WHERE name LIKE 'n%'"))
        assert updated.rowcount == 5
        rows = (await conn.execute(text("SELECT name, note FROM t ORDER BY id"))).all()
        assert rows[0] == ("a", "🙂") and [r[0] for r in rows] == ["a", "n0", "n1", "n2", "n3", "n4", "r"]
        assert (await conn.execute(text("SELECT * FROM t WHERE 0"))).all() == []


async def test_errors_are_mapped_and_roll_back(engine):  # type: ignore[no-untyped-def]
    with pytest.raises(exc.IntegrityError):
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO t (name) VALUES ('dup')"))
            await conn.execute(text("INSERT INTO t (name) VALUES ('dup')"))
    with pytest.raises(exc.OperationalError):
        async with engine.connect() as conn:
            await conn.execute(text("SELECT nope FROM t"))
    async with engine.connect() as conn:  # the connection is fine afterwards, and nothing was kept
        assert (await conn.execute(text("SELECT count(*) FROM t"))).scalar() == 0


async def test_one_thread_hand_off_per_statement(engine, monkeypatch):  # type: ignore[no-untyped-def]
    hops: list[object] = []
    real = aiosqlite.core.Connection._execute

    async def counted(self, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        hops.append(fn)
        return await real(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.core.Connection, "_execute", counted)
    async with engine.begin() as conn:
        await conn.execute(text("SELECT 1"))  # warm: the pool's connection exists
        hops.clear()
        for i in range(5):
            await conn.execute(text("INSERT INTO t (name) VALUES (:n)"), {"n": f"h{i}"})
            (await conn.execute(text("SELECT count(*) FROM t"))).scalar()
    statements = [fn for fn in hops if fn is db_sqlite._run]
    assert len(statements) == 10  # one hand-off each (SQLAlchemy's own dialect: about four)
    assert len(hops) - len(statements) <= 2  # commit, and the pool's reset on return


def test_the_aiosqlite_internals_used_are_those_of_the_pinned_version():
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    pinned = re.search(r'"aiosqlite==([^"]+)"', pyproject)
    assert pinned and aiosqlite.__version__ == pinned.group(1)  # upgrading: re-check bot/db_sqlite.py first
    assert callable(aiosqlite.core.Connection._execute)
    assert isinstance(aiosqlite.core.Connection.__dict__.get("_conn"), property)


@pytest.fixture
async def inline(tmp_path):  # type: ignore[no-untyped-def]
    engine = db.make_engine(f"sqlite:///{tmp_path}/inline.db", inline=True)
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, note TEXT)"))
    yield engine
    await engine.dispose()


async def test_inline_driver_same_results_no_thread_and_no_yield(inline, monkeypatch):  # type: ignore[no-untyped-def]
    """The inbox file's driver: statements on the event loop (no aiosqlite hop), and a transaction never
    lets the loop run something else between its statements (it holds the file's write lock meanwhile)."""
    assert inline.dialect.driver == db_sqlite.INLINE_DRIVER
    hops: list[object] = []
    monkeypatch.setattr(aiosqlite.core.Connection, "_execute", lambda *a, **k: hops.append(a))
    ran: list[str] = []
    async with inline.begin() as conn:
        asyncio.get_running_loop().call_soon(ran.append, "other")
        inserted = await conn.execute(text("INSERT INTO t (name, note) VALUES ('a', '🙂')"))
        await conn.execute(text("INSERT INTO t (name, note) VALUES (:n, :x)"),
                           [{"n": f"n{i}", "x": i} for i in range(3)])
        back = await conn.execute(text("INSERT INTO t (name) VALUES ('r') RETURNING id, name"))
        assert inserted.rowcount == 1 and back.all() == [(5, "r")] and ran == []
    assert hops == []
    with pytest.raises(exc.IntegrityError):
        async with inline.begin() as conn:
            await conn.execute(text("INSERT INTO t (name) VALUES ('a')"))
    async with inline.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM t"))).scalar() == 5
        assert (await conn.execute(text("PRAGMA wal_autocheckpoint"))).scalar() == 0  # `checkpoint_inbox` does it


async def test_inline_wal_is_checkpointed_by_checkpoint_inbox(inline, tmp_path):  # type: ignore[no-untyped-def]
    async with inline.begin() as conn:
        await conn.execute(text("INSERT INTO t (name, note) VALUES (:n, :x)"),
                           [{"n": f"c{i}", "x": "x" * 500} for i in range(200)])
    file = tmp_path / "inline.db"
    before = file.stat().st_size  # the rows are in the WAL only: no connection checkpoints by itself
    await db.checkpoint_inbox(inline)
    assert file.stat().st_size > before + 200 * 500
