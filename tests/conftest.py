"""Shared fixtures: an app over in-memory SQLite (and PostgreSQL when TEST_DATABASE_URL is set),
a demo-like team, and a `Chat` helper that talks to the router like a platform would."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from bot import store
from bot.app import App, build_app
from bot.config import load_settings
from bot.events import ConversationKey, IncomingMessage, OutgoingMessage, Platform

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEAM = "riverside"
ANON_KEY = "test-anon-key-0123456789abcdef"


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


async def reset_schema(app: App) -> None:
    async with app.engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.drop_all)
        await conn.run_sync(SQLModel.metadata.create_all)


async def add_team(app: App, *, team_id: str = TEAM, cycle_id: str = "healthcare-visit", tz: str = "Europe/London") -> None:
    async with app.sessionmaker() as session, session.begin():
        await store.upsert_team(session=session, team_id=team_id, name="Riverside Clinic", cycle_id=cycle_id,
                                timezone=tz, channels={"slack": "C1", "telegram": "-100"})
        await store.upsert_person(session=session, person_id="console:alice", team_id=team_id, display_name="Alice")
        await store.upsert_person(session=session, person_id="console:sam", team_id=team_id, display_name="Sam")
        await store.upsert_person(session=session, person_id="console:dana", team_id=team_id,
                                  display_name="Dana", role="manager")


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
