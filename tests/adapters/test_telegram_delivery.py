"""Telegram, full stack, under network faults: the fake Bot API accepts a message and then drops the
connection, answers after the client's timeout, refuses connections or answers 429. Telegram can't
be asked whether a message is there, so a send whose answer was lost is never repeated by the bot:
we count exactly one post, or one "may have been posted" report to the managers with a *Post again*
button; never two posts, also after `sweep()` and `storybot recognition run --retry`."""

from __future__ import annotations

import asyncio
import copy
import logging
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot import db, store
from bot.app import App, build_app
from bot.events import Platform
from bot.weekly.week import last_fire, team_slot
from bot.web import create_app
from tests.conftest import TEAM, RealClock, add_team, make_settings
from devkit.fakes.telegram_api import FakeTelegramAPI, LocalServer, text_update
from tests.test_weekly import add_story

SECRET = "s3cret_Token-for-tests"
STAFF, MANAGER = 424242, 9001
GROUP = -100  # the team's channel in tests.conftest.add_team
TIMEOUT = 0.5  # STORYBOT_SEND_TIMEOUT_SECONDS here; a "slow" answer takes longer
SLOW = 1.5


Clock = RealClock


@dataclass
class Stack:
    fake: FakeTelegramAPI
    core: App
    server: LocalServer
    env: dict[str, str]
    clock: Clock

    @property
    def service(self) -> Any:
        return self.core.weekly

    def posts(self) -> list[str]:
        """What the group shows."""
        return self.fake.texts(GROUP)

    def reports(self) -> list[dict[str, Any]]:
        return [p for p in self.fake.calls_to(MANAGER) if "may have been posted" in p.get("text", "")]

    async def click(self, label: str, message: dict[str, Any]) -> str:
        """The manager presses a button of `message` (a message the bot sent); what the bot answered."""
        before = len(self.fake.calls_to(MANAGER))
        update = self.fake.click_update(message, label, user_id=MANAGER, first_name="Max")
        assert (await self.fake.deliver(update)).status_code == 200
        adapter = self.core.adapters[Platform.TELEGRAM]
        await asyncio.wait_for(adapter.idle(), timeout=10)  # type: ignore[attr-defined]
        await self.service.drain()
        return "\n".join(p.get("text", "") for p in self.fake.calls_to(MANAGER)[before:])

    async def retry_by_cli(self, week: str) -> str:
        """`storybot recognition run --retry` in its own process-like run (own app, own event loop)."""
        from bot.cli import build_cli

        args = ["recognition", "run", "--team", TEAM, "--week", week, "--retry"]
        result = await asyncio.to_thread(CliRunner().invoke, build_cli(), args, env=self.env)
        return result.output


@pytest.fixture(scope="module")
def migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("telegram-delivery-db") / "template.db"
    db.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
async def stack(tmp_path: Path, migrated_db: Path) -> AsyncIterator[Stack]:
    fake = FakeTelegramAPI()
    await fake.start()
    shutil.copyfile(migrated_db, tmp_path / "bot.db")
    server = LocalServer()
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/bot.db", "TELEGRAM_BOT_TOKEN": fake.token,
           "TELEGRAM_API_BASE_URL": fake.base_url, "TELEGRAM_API_FILE_URL": fake.file_url, "TELEGRAM_MODE": "webhook",
           "TELEGRAM_WEBHOOK_URL": f"{server.url}/telegram/webhook", "TELEGRAM_WEBHOOK_SECRET": SECRET,
           "STORYBOT_SEND_TIMEOUT_SECONDS": str(TIMEOUT), "STORYBOT_RETRAIN_SECONDS": "0",
           "STORYBOT_CHART_DIR": str(tmp_path / "charts")}
    core = build_app(make_settings(env["DATABASE_URL"], **{k: v for k, v in env.items() if k != "DATABASE_URL"},
                                   STORYBOT_WEEKLY_RETRY_SECONDS=[60, 300]))
    await add_team(core)
    async with core.sessionmaker() as session, session.begin():
        await store.upsert_person(session=session, person_id=f"telegram:{STAFF}", team_id=TEAM, display_name="Tess")
        await store.upsert_person(session=session, person_id=f"telegram:{MANAGER}", team_id=TEAM,
                                  display_name="Max", role="manager")
        team = await store.get_team(session=session, team_id=TEAM)
    clock = Clock()
    core.weekly.clock = clock
    await add_story(core, when=last_fire(team_slot(team, "recognition", core.settings), clock()) - timedelta(hours=1))
    await server.start(create_app(core=core))
    yield Stack(fake, core, server, env, clock)
    await server.stop()
    await fake.stop()


# --- conversation replies -----------------------------------------------------------------------


@pytest.mark.parametrize("fault", [{"drop": "after"}, {"slow": SLOW}], ids=["accepted-then-dropped", "slow"])
async def test_reply_whose_answer_is_lost_is_not_sent_twice(stack, caplog, fault):
    caplog.set_level(logging.ERROR, logger="bot.adapters.telegram.adapter")
    stack.fake.fail_once("sendMessage", **fault)
    assert (await stack.fake.deliver(text_update("hi", user_id=STAFF))).status_code == 200
    await stack.fake.wait_for("sendMessage", 2)  # the welcome (answer lost) and the menu
    await stack.fake.settle()
    texts = stack.fake.texts(STAFF)
    assert len(texts) == 2 and len(set(texts)) == 2
    assert any("may have gone through" in r.getMessage() for r in caplog.records)


# --- the weekly shout-out ---------------------------------------------------------------------------


@pytest.mark.parametrize("fault", [{"drop": "after"}, {"slow": SLOW}], ids=["accepted-then-dropped", "slow"])
async def test_shout_out_whose_answer_is_lost_is_posted_once_and_reported(stack, fault):
    stack.fake.fail_once("sendMessage", **fault)
    first = await stack.service.run(team_id=TEAM, kind="recognition")
    assert first.status == "unsure", first.detail
    assert len(stack.posts()) == 1
    [report] = stack.reports()
    assert "may have been posted to Telegram -100" in report["text"]
    assert stack.fake.buttons(report) == [("Post again", f"go:recognition_review:{first.run_id}:again")]
    stack.clock.advance(hours=1)
    assert await stack.service.sweep() == []  # never retried on its own
    again = await stack.service.reopen(team_id=TEAM, kind="recognition", week=first.week)  # --retry
    assert again.status == "unsure"
    await stack.fake.settle()
    assert len(stack.posts()) == 1 and len(stack.reports()) == 2


async def test_post_again_sends_a_lost_shout_out_once(stack):
    stack.fake.fail_once("sendMessage", drop="before")  # this time Telegram really did not get it
    first = await stack.service.run(team_id=TEAM, kind="recognition")
    assert first.status == "unsure" and stack.posts() == []
    report = copy.deepcopy(stack.fake.last_message(MANAGER))
    answer = await stack.click("Post again", report)
    assert "Posting it to Telegram -100 again now" in answer
    assert len(stack.posts()) == 1
    assert await stack.click("Post again", report) == ""  # a second press of that button counts once
    assert len(stack.posts()) == 1


async def test_shout_out_in_flight_when_the_process_died_is_not_reposted_by_retry(stack):
    stack.fake.fail_once("sendMessage", slow=SLOW)
    sending = asyncio.create_task(stack.service.run(team_id=TEAM, kind="recognition"))
    while not stack.posts():
        await asyncio.sleep(0.01)
    sending.cancel()  # Telegram has it; the process dies before the answer
    with pytest.raises(asyncio.CancelledError):
        await sending
    stack.clock.advance(minutes=16)
    [swept] = await stack.service.sweep()
    assert swept.status == "unsure" and len(stack.reports()) == 1
    for _ in range(2):
        output = await stack.retry_by_cli(swept.week)
        assert ": unsure" in output and "not sent again" in output, output
    await stack.fake.settle()
    assert len(stack.posts()) == 1 and len(stack.reports()) == 3


async def test_refused_connection_is_retried_and_posted_once(stack):
    await stack.fake.go_offline()
    first = await stack.service.run(team_id=TEAM, kind="recognition")
    assert first.status == "retrying" and "may have been" not in first.detail
    await stack.fake.go_online()
    stack.clock.advance(minutes=2)
    [second] = await stack.service.sweep()
    assert second.status == "posted"
    assert len(stack.posts()) == 1 and stack.reports() == []


@pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")  # raised inside PTB 22 itself
async def test_rate_limited_shout_out_is_retried_and_posted_once(stack):
    stack.fake.fail_once("sendMessage", error_code=429, retry_after=1)
    result = await stack.service.run(team_id=TEAM, kind="recognition")
    assert result.status == "posted"
    assert len(stack.posts()) == 1 and stack.reports() == []
