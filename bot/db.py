"""Engines, sessions and migrations. No module-level engine: callers build one from settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import StaticPool
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from bot import (
    db_sqlite,
    models,  # noqa: F401  (registers the tables on SQLModel.metadata)
)
from bot.config import normalise_database_url, sync_database_url

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

SessionMaker = async_sessionmaker[AsyncSession]


def _is_memory_sqlite(url: str) -> bool:
    return url.startswith("sqlite") and (url.endswith("://") or ":memory:" in url)


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An async engine for `url` (`sqlite:///file.db`, `sqlite://` in memory, `postgresql://...`)."""
    url = normalise_database_url(url)
    if url.startswith("sqlite"):
        db_sqlite.register()
        url = url.replace("sqlite+aiosqlite:", f"sqlite+{db_sqlite.DRIVER}:", 1)
        connect_args = {"check_same_thread": False, "timeout": 30}
        if _is_memory_sqlite(url):
            kwargs.setdefault("poolclass", StaticPool)
        engine = create_async_engine(url, connect_args=connect_args, **kwargs)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            if not _is_memory_sqlite(url):
                # WAL + NORMAL: a commit survives a crash of the process; only a power cut may lose
                # the last moments. Saves an fsync per turn.
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(url, **kwargs)


def inbox_database_url(url: str) -> str | None:
    """Where the durable inbox (bot/inbox.py) lives when not in the database itself: for a SQLite file,
    a file of its own beside it (`storybot.db` -> `storybot.inbox.db`). SQLite has one write lock per
    file, and a turn holds the main file's from its first statement to its commit: an event stored
    there would wait for the turn in progress before the platform could be answered (bench/load.py
    measured acks of 1.2-2.8 s at 200 req/s). None: PostgreSQL (row locks) or in-memory SQLite (tests),
    where the inbox is the `inbox_event` table of the database."""
    url = normalise_database_url(url)
    if not url.startswith("sqlite") or _is_memory_sqlite(url):
        return None
    path = Path(sync_database_url(url).removeprefix("sqlite:///"))
    name = f"{path.stem}.inbox{path.suffix}" if path.suffix else f"{path.name}.inbox"
    return url.replace(str(path), str(path.with_name(name)), 1) if str(path) in url else None


def make_inbox_engine(url: str) -> AsyncEngine | None:
    """The inbox's own engine. SQLite: on its own file (`inbox_database_url`), its table created if
    missing (it holds only events not yet processed, so it is made here rather than by a migration).
    PostgreSQL: the same database, its own connection pool (an ack never waits for a turn's connection),
    whose commits do not wait for the disk (`synchronous_commit=off`: see `bot.store.inbox`). None: in-memory
    SQLite (tests), where the inbox shares the app's engine."""
    url = normalise_database_url(url)
    if url.startswith("postgresql"):
        return make_engine(url, connect_args={"options": "-c synchronous_commit=off"})
    inbox_url = inbox_database_url(url)
    if inbox_url is None:
        return None
    Path(sync_database_url(inbox_url).removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    sync = create_engine(sync_database_url(inbox_url))
    try:
        SQLModel.metadata.create_all(sync, tables=[models.InboxEvent.__table__])  # type: ignore[list-item]
    finally:
        sync.dispose()
    # One connection: the inbox writes one transaction at a time anyway (`Inbox._write_lock`), and each
    # aiosqlite connection is a thread of its own that contends for the GIL with the event loop.
    return make_engine(inbox_url, pool_size=1, max_overflow=0)


def make_sessionmaker(engine: AsyncEngine) -> SessionMaker:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


async def create_all(engine: AsyncEngine) -> None:
    """Create every table straight from the models (in-memory test databases only; use `upgrade`)."""
    async with engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.create_all)


async def ping(engine: AsyncEngine) -> bool:
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - health check: any failure means "not reachable"
        return False


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", sync_database_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Apply Alembic migrations (synchronous: call it before the event loop starts or in a thread)."""
    if url.startswith("sqlite"):
        path = sync_database_url(url).removeprefix("sqlite:///")
        if path and not _is_memory_sqlite(url):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), revision)
