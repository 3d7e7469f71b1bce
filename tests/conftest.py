"""Shared fixtures: an app over in-memory SQLite (and PostgreSQL when TEST_DATABASE_URL is set),
a demo-like team, and a `Chat` helper that talks to the router like a platform would."""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

from bot import store
from bot.app import App, build_app
from bot.config import load_settings
from bot.events import ConversationKey, IncomingMessage, OutgoingMessage, Platform

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEAM = "riverside"
ANON_KEY = "test-anon-key-0123456789abcdef"


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist (`make test` runs two workers) each worker gets a PostgreSQL database of its
    own, `<TEST_DATABASE_URL's database>_<worker>`, made here when missing: tests drop and rebuild the
    schema, and the process tests start servers on it."""
    worker, url = os.environ.get("PYTEST_XDIST_WORKER"), os.environ.get("TEST_DATABASE_URL")
    if not (worker and url and url.startswith("postgres")):
        return
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from bot.config import sync_database_url

    base = make_url(sync_database_url(url))
    name = f"{base.database}_{worker}"
    engine = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}).first():
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    os.environ["TEST_DATABASE_URL"] = make_url(url).set(database=name).render_as_string(hide_password=False)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files whose tests start `storybot` processes first (each such test waits tens of seconds on
    processes starting): with several pytest-xdist workers, which take files in this order, they then
    overlap the many short tests instead of being left for the end, when only one worker still runs."""
    starts_processes = {"test_startup.py": 0, "test_workers.py": 1, "test_web.py": 2, "test_scheduler.py": 3,
                        "test_console.py": 4, "test_learning.py": 5, "test_secret_mask.py": 6}
    items.sort(key=lambda item: starts_processes.get(item.path.name, len(starts_processes)))


def backends() -> list:
    params = [pytest.param("sqlite", id="sqlite")]
    params.append(
        pytest.param(
            "postgres", id="postgres",
            marks=pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set"),
        )
    )
    return params


class Clock:
    """A controllable clock for expiry tests."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


class RealClock(Clock):
    """Real time that a test can move on (for fakes whose message timestamps are real time)."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)


@pytest.fixture(params=backends())
def database_url(request: pytest.FixtureRequest) -> str:
    if request.param == "postgres":
        return os.environ["TEST_DATABASE_URL"]
    return "sqlite://"


def make_settings(database_url: str = "sqlite://", **extra: object):  # type: ignore[no-untyped-def]
    return load_settings(
        **{"DATABASE_URL": database_url, "STORYBOT_DIALOG_TIMEOUT_MINUTES": 60, "STORYBOT_RUN_SCHEDULER": False,
           "STORYBOT_ANON_KEY": ANON_KEY, "_env_file": None, **extra}
    )


_PG_SHAPE = text(
    "SELECT 'c', table_name, column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')"
    " FROM information_schema.columns WHERE table_schema = 'public'"
    " UNION ALL SELECT 'i', tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'"
    " UNION ALL SELECT 'k', conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint"
    " WHERE connamespace = 'public'::regnamespace")
_PG_SEQUENCES = text("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")


@functools.cache
def _pg_shapes() -> dict[str, frozenset]:
    """The PostgreSQL schema each test database had right after this run last built it (made on first use)."""
    return {}


async def reset_schema(app: App) -> None:
    """The models' tables, empty, ids from 1. SQLite in memory is new per app: built. On PostgreSQL a
    rebuild (DROP and CREATE of every table and index) takes most of a second of server time per test,
    so when the schema is exactly as this run last built it (columns, indexes, constraints: a test that
    dropped the schema or ran migrations changes it) the rows are deleted and the sequences restarted."""
    postgres = app.engine.dialect.name == "postgresql"
    async with app.engine.begin() as conn:
        if postgres:
            shape = frozenset((await conn.execute(_PG_SHAPE)).all())
            if _pg_shapes().get(app.settings.database_url) == shape:
                for table in reversed(SQLModel.metadata.sorted_tables):
                    await conn.execute(table.delete())
                sequences = (await conn.execute(_PG_SEQUENCES)).scalars().all()
                if sequences:
                    await conn.execute(text("SELECT " + ", ".join(f"setval('\"{name}\"', 1, false)"
                                                                    for name in sequences)))
                return
        await conn.run_sync(SQLModel.metadata.drop_all)
        await conn.run_sync(SQLModel.metadata.create_all)
        if postgres:
            _pg_shapes()[app.settings.database_url] = frozenset((await conn.execute(_PG_SHAPE)).all())


async def add_team(app: App, *, team_id: str = TEAM, cycle_id: str = "healthcare-visit", tz: str = "Europe/London") -> None:
    async with app.sessionmaker() as session, session.begin():
        await store.upsert_team(session=session, team_id=team_id, name="Riverside Clinic", cycle_id=cycle_id,
                                timezone=tz, channels={"slack": "C1", "telegram": "-100"})
        await store.upsert_person(session=session, person_id="console:alice", team_id=team_id, display_name="Alice")
        await store.upsert_person(session=session, person_id="console:sam", team_id=team_id, display_name="Sam")
        await store.upsert_person(session=session, person_id="console:dana", team_id=team_id,
                                  display_name="Dana", role="manager")


@pytest.fixture(autouse=True, scope="session")
def message_kind_model_ready() -> None:
    """The message-kind model read (or fitted, seconds of CPU, and kept in the model directory) before
    the first test, as `App.start` does in a real process: tests that build an app without starting it
    would otherwise pay the fit inside whichever test reads a message first, under its time limits."""
    from bot.nlp.message_kind import prepare_kind_model

    prepare_kind_model(make_settings().model_dir)


@pytest.fixture(autouse=True, scope="session")
def classifiers_built_once() -> Iterator[None]:
    """Each cycle classifier is fitted once per run for a given cycle and set of examples, not once per
    test: `bot.learning._build` is a pure function (a deterministic fit; `CycleClassifier` is immutable),
    and many tests learn the same examples (the demo's stories, test_seed's seeded database), at
    seconds a fit. A test that learns new examples still gets them fitted."""
    from bot import learning

    build = learning._build
    built: dict[tuple, object] = {}

    def build_once(cycle, examples, topic_model):  # type: ignore[no-untyped-def]
        key = (cycle, tuple(tuple(example) for example in examples), topic_model)
        if key not in built:
            built[key] = build(cycle, examples, topic_model)
        return built[key]

    patch = pytest.MonkeyPatch()
    patch.setattr(learning, "_build", build_once)
    yield
    patch.undo()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def app(database_url: str, clock: Clock) -> AsyncIterator[App]:
    application = build_app(make_settings(database_url), clock=clock)
    await reset_schema(application)
    await add_team(application)
    yield application
    await application.aclose()


class Chat:
    """Talk to the router as `console:<user>`; returns reply texts, remembers the last choices."""

    def __init__(self, app: App, user: str = "alice", platform: Platform = Platform.CONSOLE) -> None:
        self.app, self.user, self.platform = app, user, platform
        self.last: list[OutgoingMessage] = []

    @property
    def key(self) -> ConversationKey:
        return ConversationKey(self.platform, "console", self.user)

    async def send(self, text: str = "", *, command: str | None = None, choice: str | None = None,
                   message_id: str | None = None) -> list[str]:
        msg = IncomingMessage(self.key, text=text, command=command, choice_id=choice,
                              message_id=message_id or uuid.uuid4().hex)
        self.last = await self.app.router.handle(msg)
        return [m.text for m in self.last]

    async def say(self, text: str) -> str:
        return "\n".join(await self.send(text))

    async def click(self, choice_id: str) -> str:
        return "\n".join(await self.send(choice=choice_id))

    @property
    def choices(self) -> list[str]:
        return [c.id for m in self.last for c in m.choices]


@pytest.fixture
def chat(app: App):  # type: ignore[no-untyped-def]
    def make(user: str = "alice") -> Chat:
        return Chat(app, user)
    return make


def run_main(args: Sequence[str], *, env: Mapping[str, str], cwd: Path, stdin: str = "") -> tuple[int, str, str]:
    """`storybot ARGS` in this process, through `bot.cli.main` (what the console script runs), with `env`
    as the whole environment, in `cwd`, `stdin` piped in: (exit status, stdout, stderr), as a process
    would give them. Faster than a process by the seconds a process spends importing the bot; for
    what happens before the server or scheduler loop (a process of its own is what tests those). The
    CLI runs its own event loop: from an async test, call it in a thread (`asyncio.to_thread`).
    Like a process's stderr, stderr gets an uncaught exception's traceback (exit 1), the warnings
    logged (Python's last-resort handler prints them when logging is not set up) and the Python
    warnings shown by default."""
    import contextlib
    import logging
    import sys
    import traceback
    import warnings

    from typer.testing import CliRunner

    from bot.cli import main

    unset: dict[str, str | None] = {name: None for name in os.environ if name not in env}
    with (CliRunner().isolation(input=stdin, env={**unset, **env}) as (out, err, _),
          contextlib.chdir(cwd), warnings.catch_warnings(record=True) as shown):
        warnings.resetwarnings()
        warnings.simplefilter("default")
        for quiet in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
            warnings.simplefilter("ignore", quiet)
        last_resort = logging.StreamHandler(sys.stderr)
        last_resort.setLevel(logging.WARNING)
        logging.getLogger().addHandler(last_resort)
        argv, sys.argv = sys.argv, ["storybot", *args]
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        except Exception:  # noqa: BLE001 - what a process would print on its way out
            sys.stderr.write(traceback.format_exc())
            code = 1
        finally:
            sys.argv = argv
            logging.getLogger().removeHandler(last_resort)
        for warning in shown:
            sys.stderr.write(warnings.formatwarning(warning.message, warning.category, warning.filename,
                                                    warning.lineno, warning.line))
        sys.stdout.flush()
        sys.stderr.flush()
        return code, out.getvalue().decode(), err.getvalue().decode()
