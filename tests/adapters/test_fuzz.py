"""Fuzzing the inbound path, full stack: mutated recorded payloads, correctly signed (Slack) or with
the webhook secret (Telegram), posted to the real web app (uvicorn on an ephemeral port, both
platforms on, the fakes of both APIs), on SQLite and on PostgreSQL when TEST_DATABASE_URL is set.
Nothing may answer 5xx, log a traceback, or store a row for a payload it rejected
(devkit/fuzz.py; bench/fuzz.py runs 10,000). And text that is odd but valid still gets an answer."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from bot import store
from bot.app import App, build_app
from bot.events import Platform
from bot.web import create_app
from devkit.fuzz import TEXTS, LogWatch, Mutator, Target, count_rows, fuzz, idle, load_corpus
from tests.adapters.conftest import SECRET, TOKEN, seed
from tests.conftest import TEAM, make_settings, reset_schema
from devkit.fakes.slack_api import FakeSlackApi, SlackSender, message_event
from devkit.fakes.telegram_api import FakeTelegramAPI, LocalServer, text_update

TELEGRAM_SECRET = "fuzz_secret-token"
TELEGRAM_STAFF = 424242  # the sender of the recorded Telegram messages
REQUESTS = 300  # 150 per platform (bench/fuzz.py runs 10,000)
SEED = 20261120


@dataclass
class Both:
    core: App
    url: str
    slack: FakeSlackApi
    telegram: FakeTelegramAPI


@pytest.fixture
async def both(database_url: str, tmp_path: Path) -> AsyncIterator[Both]:
    """One web app with Slack and Telegram on. In-memory SQLite becomes a file: the web app, its
    background work and the row counts use separate connections."""
    url = f"sqlite:///{tmp_path / 'fuzz.db'}" if database_url == "sqlite://" else database_url
    slack, telegram, server = FakeSlackApi(token=TOKEN), FakeTelegramAPI(), LocalServer()
    await slack.start()
    await telegram.start()
    core = build_app(make_settings(
        url, SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=slack.api_url,
        TELEGRAM_BOT_TOKEN=telegram.token, TELEGRAM_API_BASE_URL=telegram.base_url,
        TELEGRAM_API_FILE_URL=telegram.file_url, TELEGRAM_MODE="webhook",
        TELEGRAM_WEBHOOK_URL=f"{server.url}/telegram/webhook", TELEGRAM_WEBHOOK_SECRET=TELEGRAM_SECRET,
        STORYBOT_CHART_DIR=str(tmp_path / "charts")))
    await reset_schema(core)
    await seed(core)
    async with core.sessionmaker() as session, session.begin():
        await store.upsert_person(session=session, person_id=f"telegram:{TELEGRAM_STAFF}", team_id=TEAM,
                                  display_name="Tess")
    await server.start(create_app(core=core))
    yield Both(core, server.url, slack, telegram)
    await server.stop()
    await telegram.stop()
    await slack.stop()


async def test_fuzzed_payloads_get_no_5xx_no_traceback_and_store_nothing_when_rejected(both, capfd):
    mutator = Mutator(load_corpus(), seed=SEED)
    async with httpx.AsyncClient(timeout=30) as client:
        target = Target(both.url, slack_secret=SECRET, telegram_secret=TELEGRAM_SECRET, client=client)
        with LogWatch() as watch:
            tally = await fuzz(both.core, target, mutator, requests=REQUESTS, watch=watch)
    print(tally.table())
    assert tally.failures() == []
    assert tally.errors == []  # no junk got as far as a failed send either
    assert "Traceback" not in capfd.readouterr().err
    for platform in ("slack", "telegram"):  # the fuzz reaches both the checks and the dialogs
        assert tally.rejected[platform] > REQUESTS // 10, tally.table()
        assert tally.requests[platform] - tally.rejected[platform] > REQUESTS // 20, tally.table()
    assert both.slack.posts() and both.telegram.sent("sendMessage")


async def test_nested_1000_deep_and_ids_of_the_wrong_type_change_nothing(both):
    """The figures of the issue: 500 (RecursionError), 503 (a list action_id), stored rows."""
    sender = SlackSender(f"{both.url}/slack/events", SECRET)
    before = await count_rows(both.core)
    deep = '{"type": "event_callback", "event": ' + '{"a": ' * 1000 + "1" + "}" * 1001
    assert (await sender.post(deep)).status_code == 400
    click = json.loads((Path(__file__).parents[1] / "fixtures" / "slack" / "block_actions.json").read_text())
    for wrong in (["choice:0:confirm"], 7):
        click["actions"][0]["action_id"] = wrong
        assert (await sender.interaction(click)).status_code == 400
    for chat_id in ([TELEGRAM_STAFF], float(TELEGRAM_STAFF), str(TELEGRAM_STAFF)):
        update = text_update("hello", user_id=TELEGRAM_STAFF, update_id=77)
        update["message"]["chat"]["id"] = chat_id
        assert (await both.telegram.deliver(json.dumps(update).encode())).status_code == 200
    for text in ("a\ud800b", "a\x00b"):  # text is cleaned, not rejected; ids are rejected
        assert (await sender.event(message_event("U0ALICE" + text, "hello"))).status_code == 400
    await sender.aclose()
    await idle(both.core)
    assert await count_rows(both.core) == before
    assert both.slack.posts() == [] and both.telegram.sent("sendMessage") == []


async def test_odd_but_valid_text_gets_a_normal_answer(both):
    sender = SlackSender(f"{both.url}/slack/events", SECRET)
    texts = (*TEXTS, "lone \ud800 surrogate and a NUL \x00 are cleaned away")
    for i, text in enumerate(texts):
        assert (await sender.event(message_event(f"U0GUEST{i}", text))).status_code == 200
        update = text_update(text, user_id=5000 + i, update_id=100 + i)
        assert (await both.telegram.deliver(json.dumps(update).encode())).status_code == 200
    await sender.aclose()
    await idle(both.core)
    for i in range(len(texts)):
        slack_replies = both.slack.posts(f"DU0GUEST{i}")
        telegram_replies = [c for c in both.telegram.calls_to(5000 + i)]
        assert slack_replies and telegram_replies, texts[i]
        assert not any("went wrong" in r.get("text", "") for r in slack_replies + telegram_replies)
    assert both.core.adapters.keys() == {Platform.SLACK, Platform.TELEGRAM}
