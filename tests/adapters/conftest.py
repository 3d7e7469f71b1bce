"""Full-stack Slack fixtures: the real web app (`create_app(core=build_app(settings))`) over a temp-file
SQLite database made by the migrations, served by uvicorn on an ephemeral 127.0.0.1 port, talking
to our fake Slack Web API (devkit/fakes/slack_api.py)."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot import db, store
from bot.adapters.slack.adapter import SlackAdapter
from bot.app import App, build_app
from bot.events import Platform
from bot.models import RatingCreate
from bot.web import create_app
from tests.conftest import TEAM, add_team, make_settings
from devkit.fakes.slack_api import FakeSlackApi, Served, SlackSender, message_event, serve

SECRET = "test-signing-secret"
TOKEN = "xoxb-test-token"
PEOPLE = (("slack:U0ALICE", "Alice", "staff"), ("slack:U0SAM", "Sam", "staff"), ("slack:U0DANA", "Dana", "manager"))


def replaced(payload: Any, path: str, value: Any) -> Any:
    """`payload` with the value at a dotted path (`actions.0.action_id`) replaced."""
    *parents, last = path.split(".")
    node = payload
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node[int(last) if isinstance(node, list) else last] = value
    return payload


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrated once per run; each test copies it (alembic per test would be slow)."""
    path = tmp_path_factory.mktemp("slack-db") / "template.db"
    db.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def db_url(template_db: Path, tmp_path: Path) -> str:
    target = tmp_path / "bot.db"
    shutil.copy(template_db, target)
    return f"sqlite:///{target}"


@pytest.fixture
async def slack_api() -> AsyncIterator[FakeSlackApi]:
    fake = FakeSlackApi(token=TOKEN)
    await fake.start()
    yield fake
    await fake.stop()


@dataclass
class SlackStack:
    core: App
    web: Served
    fake: FakeSlackApi
    sender: SlackSender

    @property
    def adapter(self) -> SlackAdapter:
        return self.core.adapters[Platform.SLACK]  # type: ignore[return-value]

    async def say(self, user: str, text: str, **kwargs: Any) -> httpx.Response:
        return await self.sender.event(message_event(user, text, **kwargs))

    async def idle(self) -> None:
        await self.adapter.idle()

    async def stop(self) -> None:
        await self.web.stop()  # lifespan shutdown: adapters drain and stop, engine disposed
        await self.sender.aclose()


async def seed(core: App) -> None:
    await add_team(core)
    async with core.sessionmaker() as session, session.begin():
        for person_id, name, role in PEOPLE:
            await store.upsert_person(session=session, person_id=person_id, team_id=TEAM, display_name=name, role=role)
        for i in range(6):  # this week: the waiting room irritates, check-in shines
            await store.create_feedback(session=session, team_id=TEAM, visit_ref=None, ratings=[
                RatingCreate(mot_id="waiting-room", rating="irritating" if i < 5 else "dull"),
                RatingCreate(mot_id="check-in", rating="shining"),
            ])


async def start_stack(url: str, fake: FakeSlackApi, *, seeded: bool = True, **settings_: object) -> SlackStack:
    settings = make_settings(url, SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.api_url,
                             STORYBOT_RUN_SCHEDULER=False, **settings_)
    core = build_app(settings)
    if seeded:
        await seed(core)
    web = await serve(create_app(core=core))
    return SlackStack(core, web, fake, SlackSender(f"{web.url}/slack/events", SECRET))


@pytest.fixture
async def stack(db_url: str, slack_api: FakeSlackApi) -> AsyncIterator[SlackStack]:
    running = await start_stack(db_url, slack_api)
    yield running
    await running.stop()
