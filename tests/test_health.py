"""/healthz's checks (bot/health.py): a real write probe of the database, each platform asked with
our credentials, answers kept for a while and a platform that was down asked again."""

from __future__ import annotations

import pytest

from bot import db
from bot.app import build_app
from bot.config import ConfigurationError
from bot.events import Platform
from bot.health import Health
from devkit.fakes.slack_api import FakeSlackApi
from devkit.fakes.telegram_api import FakeTelegramAPI
from tests.conftest import make_settings
from tests.test_startup import free_port, fresh_postgres


class FakeAdapter:
    """Our own `Reachable` adapter: answers what the test says, counts the questions."""

    platform = Platform.SLACK

    def __init__(self) -> None:
        self.answer: str | None = None
        self.refuse = False
        self.asked = 0

    async def check(self) -> str | None:
        self.asked += 1
        if self.refuse:
            raise ConfigurationError("Slack refused SLACK_BOT_TOKEN (invalid_auth)")
        return self.answer


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_database_up_and_down(database_url):
    if database_url != "sqlite://":
        db.upgrade(fresh_postgres(database_url))
    app = build_app(make_settings(database_url))
    try:
        if database_url == "sqlite://":
            await db.create_all(app.engine)
        if database_url == "sqlite://":  # create_all makes no alembic_version: the probe writes that row
            async with app.engine.begin() as conn:
                await conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32))")
                await conn.exec_driver_sql("INSERT INTO alembic_version VALUES ('x')")
        status, body = await Health(engine=app.engine, adapters={}).report()
        assert (status, body["checks"], body["down"]) == (200, {"database": "up"}, [])
    finally:
        await app.aclose()


async def test_a_read_only_sqlite_file_is_reported_down(tmp_path):
    """It reads fine (a SELECT 1 says "up"), and every message would fail: the write probe sees it."""
    db.upgrade(f"sqlite:///{tmp_path}/ro.db")
    engine = db.make_engine(f"sqlite:///{tmp_path}/ro.db")  # as a running bot leaves it: in WAL mode
    assert await db.ping(engine)
    await engine.dispose()
    app = build_app(make_settings(f"sqlite:///file:{tmp_path}/ro.db?mode=ro&uri=true"))
    try:
        assert await db.ping(app.engine)
        status, body = await Health(engine=app.engine, adapters={}).report()
    finally:
        await app.aclose()
    assert status == 503 and body["ok"] is False and body["down"] == ["database"] and body["database"] == "down"
    assert "readonly" in body["checks"]["database"]


async def test_platform_answers_are_kept_and_a_down_one_is_asked_again():
    adapter, clock = FakeAdapter(), Clock()
    health = Health(engine=None, adapters={Platform.SLACK: adapter}, ttl=30, clock=clock)  # type: ignore[arg-type]
    adapter.answer = "Slack API at http://127.0.0.1:9/api/ unreachable (ClientConnectorError)"
    assert await health.check_platforms() == {"slack": adapter.answer}
    assert await health.check_platforms() == {"slack": adapter.answer} and adapter.asked == 1  # kept
    adapter.answer = None
    clock.now += 31
    assert await health.check_platforms() == {"slack": "up"} and adapter.asked == 2
    assert await health.check_platforms(fresh=True) == {"slack": "up"} and adapter.asked == 3
    adapter.refuse = True
    with pytest.raises(ConfigurationError, match="invalid_auth"):
        await health.check_platforms(fresh=True)


async def test_slack_reachable_unreachable_and_refused(tmp_path):
    fake = FakeSlackApi(token="xoxb-right")
    url = await fake.start()
    try:
        for token, api_url, expect in (("xoxb-right", url, None), ("xoxb-right", f"http://127.0.0.1:{free_port()}/api/",
                                                                    "unreachable"), ("xoxb-wrong", url, "refused")):
            app = build_app(make_settings("sqlite://", SLACK_BOT_TOKEN=token, SLACK_SIGNING_SECRET="s",
                                          SLACK_API_URL=api_url, STORYBOT_SEND_TIMEOUT_SECONDS=2))
            try:
                await app.adapters[Platform.SLACK].start()
                health = Health(engine=app.engine, adapters=app.adapters)
                if expect == "refused":
                    with pytest.raises(ConfigurationError, match="Slack refused SLACK_BOT_TOKEN"):
                        await health.check_platforms()
                    continue
                states = await health.check_platforms()
                assert (states["slack"] == "up") if expect is None else (expect in states["slack"]), states
            finally:
                await app.aclose()
    finally:
        await fake.stop()


async def test_telegram_down_until_set_up_and_refused_token_is_a_configuration_error(tmp_path):
    fake = FakeTelegramAPI()
    base = await fake.start()
    try:
        app = build_app(make_settings("sqlite://", TELEGRAM_BOT_TOKEN=fake.token, TELEGRAM_API_BASE_URL=base,
                                      TELEGRAM_API_FILE_URL=fake.file_url, TELEGRAM_MODE="polling"))
        adapter = app.adapters[Platform.TELEGRAM]
        health = Health(engine=app.engine, adapters=app.adapters)
        try:
            assert (await health.check_platforms())["telegram"] == "not started"
            await adapter.start()
            assert (await health.check_platforms(fresh=True))["telegram"] == "up"
        finally:
            await app.aclose()
        wrong = build_app(make_settings("sqlite://", TELEGRAM_BOT_TOKEN="42:not-the-fakes-token", TELEGRAM_API_BASE_URL=base,
                                        TELEGRAM_API_FILE_URL=fake.file_url, TELEGRAM_MODE="polling"))
        try:
            with pytest.raises(ConfigurationError, match="Telegram refused our setup"):
                await wrong.adapters[Platform.TELEGRAM].start()
        finally:
            await wrong.aclose()
    finally:
        await fake.stop()
