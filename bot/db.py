"""Engines, sessions and migrations. No module-level engine: callers build one from settings."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import StaticPool
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from bot import db_sqlite, models  # models: registers the tables on SQLModel.metadata
from bot.config import ConfigurationError, normalise_database_url, sync_database_url

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# pg_advisory_lock key held while migrations run, so processes starting at once take turns
# (the first migrates, the others then find the schema up to date). Any fixed bigint will do.
MIGRATION_LOCK_KEY = 0x5707_B07_D8
CONNECT_TIMEOUT_SECONDS = 10

SessionMaker = async_sessionmaker[AsyncSession]


def _is_memory_sqlite(url: str) -> bool:
    return url.startswith("sqlite") and (url.endswith("://") or ":memory:" in url)


def make_engine(url: str, *, inline: bool = False, **kwargs: Any) -> AsyncEngine:
    """An async engine for `url` (`sqlite:///file.db`, `sqlite://` in memory, `postgresql://...`).
    `inline` (a SQLite file): statements run on the event loop, no thread, and the connections never
    checkpoint the WAL (the inbox's file: see bot/db_sqlite.py; `checkpoint_inbox` does it)."""
    url = normalise_database_url(url)
    if url.startswith("sqlite"):
        db_sqlite.register()
        driver = db_sqlite.INLINE_DRIVER if inline and not _is_memory_sqlite(url) else db_sqlite.DRIVER
        url = url.replace("sqlite+aiosqlite:", f"sqlite+{driver}:", 1)
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
                if driver == db_sqlite.INLINE_DRIVER:
                    cursor.execute("PRAGMA wal_autocheckpoint=0")  # its fsyncs would stall the loop
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
        # No ping before each use (a round trip on every acknowledgement): a connection the server
        # dropped fails its statement instead, which invalidates the pool; the acknowledgement tries
        # once more on a new connection (`Inbox._write_queued`), lanes and senders at their next beat.
        return make_engine(url, pool_pre_ping=False, connect_args={"options": "-c synchronous_commit=off"})
    inbox_url = inbox_database_url(url)
    if inbox_url is None:
        return None
    Path(sync_database_url(inbox_url).removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    sync = create_engine(sync_database_url(inbox_url))
    try:
        _create_inbox_tables(sync)
    except DBAPIError as exc:  # e.g. a read-only database (`?mode=ro`): the inbox shares the app's engine,
        log.warning("the inbox file %s cannot be used (%s): events go to the main database",  # whose writes
                    shown_url(inbox_url), exc.orig)  # fail too, so /healthz reports the database down
        return None
    finally:
        sync.dispose()
    # One connection: the inbox writes one transaction at a time anyway (`Inbox._write_lock`), and each
    # aiosqlite connection is a thread of its own that contends for the GIL with the event loop. No
    # rollback when a connection goes back to the pool: every use ends its transaction itself (a
    # session's `begin()` commits or rolls back, closing a session rolls back what it read), and on
    # aiosqlite that redundant rollback was one more thread hand-off on every acknowledgement.
    # Inline (bot/db_sqlite.py): a transaction holds the file's write lock for microseconds, not across
    # event-loop hops, so the web process's INSERT and the turn process's statements hardly ever wait.
    return make_engine(inbox_url, inline=True, pool_size=1, max_overflow=0, pool_reset_on_return=None)


async def checkpoint_inbox(engine: AsyncEngine) -> None:
    """The inline inbox file's WAL checkpoint (`make_inbox_engine`), in a thread: it fsyncs. Other
    engines checkpoint by themselves: a no-op."""
    if engine.dialect.driver != db_sqlite.INLINE_DRIVER or not engine.url.database:
        return
    await asyncio.to_thread(db_sqlite.checkpoint, engine.url.database)


def _create_inbox_tables(sync: Any, *, attempts: int = 20) -> None:
    """The inbox file's tables, created if missing. Processes that start together (the web and turn
    processes of `storybot web`, forked at once) race here: `create_all` looks, then creates, and the
    slower one gets "table … already exists". It then looks again, and finds it: an error that is only
    the other process's success must not send this one's events to the main database while the other's
    go to the file."""
    tables = [models.InboxEvent.__table__, models.OutboxMessage.__table__]
    for attempt in range(attempts):
        try:
            SQLModel.metadata.create_all(sync, tables=tables)  # type: ignore[arg-type]
            return
        except DBAPIError as exc:
            if "already exists" not in str(exc.orig) or attempt == attempts - 1:
                raise
            time.sleep(0.01)


def make_sessionmaker(engine: AsyncEngine) -> SessionMaker:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


def make_autocommit_sessionmaker(engine: AsyncEngine) -> SessionMaker | None:
    """PostgreSQL: sessions whose every statement commits by itself, with no BEGIN and no COMMIT sent
    (one round trip for the inbox's one-statement acknowledgement instead of three); None elsewhere
    (SQLite's inline inbox gains nothing by it: its BEGIN and COMMIT are no round trips)."""
    if engine.dialect.name != "postgresql":
        return None
    return make_sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"))


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
    """Apply Alembic migrations (synchronous: call it before the event loop starts or in a thread),
    under the migration lock. Creates a SQLite file's directory (tests, the demo); the CLI checks
    the directory first (`prepare_schema`), so a typo in DATABASE_URL is reported, not created."""
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    with _sync_connection(url) as conn, _migration_lock(url, conn):
        _upgrade(url, conn, revision)


def _upgrade(url: str, conn: Connection, revision: str) -> None:
    cfg = alembic_config(url)
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, revision)
    conn.commit()


def head_revision() -> str:
    """The newest migration this code knows."""
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None, "no migrations in bot/migrations"
    return head


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for PostgreSQL and in-memory SQLite)."""
    if not url.startswith("sqlite") or _is_memory_sqlite(url):
        return None
    location = make_url(sync_database_url(url)).database or ""
    if location.startswith("file:"):  # sqlite:///file:x.db?mode=ro&uri=true
        location = location.removeprefix("file:")
    return Path(location)


def shown_url(url: str) -> str:
    """The database URL as it can be printed: the password hidden, the driver name left out."""
    try:
        shown = make_url(sync_database_url(url)).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unparsable URL)"
    return shown.replace("+psycopg", "", 1)


def prepare_schema(url: str, *, auto_migrate: bool) -> str | None:
    """Check that the database can be reached and written, and that its schema is this code's:
    apply pending migrations under the migration lock when `auto_migrate`, else refuse a database
    that is behind. Returns the revision applied, or None when there was nothing to do. Raises
    `ConfigurationError` with one line that says what to change. In-memory SQLite is left alone
    (callers create its tables with `create_all`)."""
    if url.startswith("sqlite") and _is_memory_sqlite(url):
        return None
    path = sqlite_path(url)
    if path is not None and not path.parent.is_dir():
        raise ConfigurationError(f"DATABASE_URL: the directory {path.parent} does not exist: create it "
                                 f"(mkdir -p {path.parent}) or correct the path in {shown_url(url)}")
    if path is not None and path.is_dir():
        raise ConfigurationError(f"DATABASE_URL: {path} is a directory, not a database file")
    with _sync_connection(url) as conn, _migration_lock(url, conn):
        current = _current_revision(conn)
        head = head_revision()
        applied = None
        if current != head:
            known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config(url)).walk_revisions()}
            if current is not None and current not in known:
                raise ConfigurationError(
                    f"The database {shown_url(url)} is at schema revision {current}, which this version of storybot "
                    f"does not know (a newer version migrated it?): run the newer version, or restore a backup.")
            if not auto_migrate:
                raise ConfigurationError(
                    f"The database schema is behind this version of storybot ({current or 'empty'}, needs {head}): "
                    "run `storybot db upgrade` (or unset STORYBOT_AUTO_MIGRATE to let start-up do it).")
            _check_writable(url, conn)
            _upgrade(url, conn, "head")
            applied = head
        _check_writable(url, conn)
        return applied


def _current_revision(conn: Connection) -> str | None:
    revision = MigrationContext.configure(conn).get_current_revision()
    conn.rollback()  # end the read transaction: migrations begin their own
    return revision


def _check_writable(url: str, conn: Connection) -> None:
    """A real write, rolled back: the schema's version row (or, before any migration, the file)."""
    try:
        if _current_revision(conn) is None:
            conn.exec_driver_sql("CREATE TABLE storybot_write_probe (x INTEGER)")
            conn.exec_driver_sql("DROP TABLE storybot_write_probe")
        else:
            conn.execute(text("UPDATE alembic_version SET version_num = version_num"))
        conn.rollback()
    except DBAPIError as exc:
        conn.rollback()
        raise ConfigurationError(f"The database {shown_url(url)} cannot be written ({_first_line(exc)}): "
                                 f"{_write_hint(url)}") from None


def _write_hint(url: str) -> str:
    path = sqlite_path(url)
    if path is None:
        return "give the database user write access (and check the server is not a read-only replica)."
    return (f"make {path} and its directory writable by the user storybot runs as "
            "(SQLite writes beside the file too), or point DATABASE_URL at a writable file.")


async def probe_write(engine: AsyncEngine) -> str | None:
    """For /healthz: None when the database takes a write (one rolled back), else why not, in a line."""
    try:
        async with engine.connect() as conn:
            try:
                await conn.execute(text("UPDATE alembic_version SET version_num = version_num"))
            finally:
                await conn.rollback()
        return None
    except Exception as exc:  # noqa: BLE001 - health check: any failure is "down", said in one line
        return _first_line(exc)


def _first_line(exc: BaseException) -> str:
    inner = getattr(exc, "orig", None) or exc
    text_ = str(inner).strip().splitlines()
    return (text_[0] if text_ else type(inner).__name__).strip()


@contextlib.contextmanager
def _sync_connection(url: str) -> Iterator[Connection]:
    """A plain synchronous connection (migrations, start-up checks), failures as one clear line."""
    sync_url = sync_database_url(url)
    try:
        args: dict[str, Any] = ({"timeout": 30} if url.startswith("sqlite")
                                else {"connect_timeout": CONNECT_TIMEOUT_SECONDS})
        engine = create_engine(sync_url, connect_args=args, poolclass=_null_pool())
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise ConfigurationError(f"DATABASE_URL is not a database URL this bot can use ({_first_line(exc)}): use "
                                 "sqlite:///path/to/storybot.db or postgresql://user:password@host/dbname") from None
    try:
        try:
            conn = engine.connect()
            if url.startswith("sqlite"):
                conn.exec_driver_sql("PRAGMA schema_version").fetchall()  # sqlite opens the file lazily
                conn.rollback()
        except DBAPIError as exc:
            raise ConfigurationError(f"Cannot open the database {shown_url(url)}: {_first_line(exc)}. "
                                     "Check DATABASE_URL and that the database server is running.") from None
        try:
            yield conn
        finally:
            conn.close()
    finally:
        engine.dispose()


def _null_pool() -> Any:
    from sqlalchemy.pool import NullPool

    return NullPool


@contextlib.contextmanager
def _migration_lock(url: str, conn: Connection) -> Iterator[None]:
    """Only one process migrates at a time: PostgreSQL's session advisory lock; for a SQLite file,
    an exclusive lock on `<file>.migrate-lock` beside it (held by the OS: a crash releases it)."""
    if url.startswith("postgresql"):
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        conn.commit()
        try:
            yield
        finally:
            conn.rollback()
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
            conn.commit()
        return
    path = sqlite_path(url)
    if path is None:
        yield
        return
    with _file_lock(path.with_name(path.name + ".migrate-lock")):
        yield


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: no flock; one process at a time is then up to the operator
        yield
        return
    try:
        handle = open(path, "a+b")  # noqa: SIM115 - closed below, after the lock is released
    except OSError as exc:
        raise ConfigurationError(f"Cannot create {path} beside the database ({exc.strerror}): "
                                 "make the database's directory writable.") from None
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()
