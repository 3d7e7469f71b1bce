"""`storybot web --workers N` (bot/cli/workers.py), through the real CLI: two processes on one port and
one PostgreSQL database process every Slack event exactly once and each conversation's messages in the
order they were sent; SQLite or Telegram polling with several workers is one line and a non-zero exit."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from bot.cli.workers import SOCKET_MODE_REFUSAL, check_workers, web_settings, worker_settings
from bot.config import ConfigurationError, sync_database_url
from bot.pseudonym import Pseudonymiser
from devkit.fakes.slack_api import FakeSlackApi, message_event
from devkit.fakes.telegram_api import FakeTelegramAPI
from devkit.signing import sign
from tests.conftest import ANON_KEY, make_settings
from tests.test_startup import clean_env, free_port, run_cli

ROOT = Path(__file__).resolve().parent.parent
TOKEN, SECRET = "xoxb-workers-test-token", "workers-signing-secret"
TEXTS = ("hello", "what can you do?", "menu", "story", "cancel", "help")
USERS = [f"UWORK{n:04d}" for n in range(8)]
PG_URL = os.environ.get("TEST_DATABASE_URL", "")
needs_pg = pytest.mark.skipif(not PG_URL.startswith("postgres"), reason="needs TEST_DATABASE_URL (PostgreSQL)")


def reset_database(url: str) -> None:
    engine = create_engine(sync_database_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def turns_in_order(url: str) -> list[tuple[str, str]]:
    """(conversation, message id) of every "in" turn, in the order the router logged them."""
    engine = create_engine(sync_database_url(url))
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT conversation, message_id FROM turn WHERE direction = 'in' ORDER BY id"))
        result = [(r[0], r[1]) for r in rows]
    engine.dispose()
    return result


def open_inbox_events(url: str) -> int:
    engine = create_engine(sync_database_url(url))
    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM inbox_event")).scalar_one()
    engine.dispose()
    return int(count)


async def wait_healthy(port: int, process: asyncio.subprocess.Process, log: Path) -> None:
    deadline = time.monotonic() + 120
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if process.returncode is not None:
                break
            await asyncio.sleep(0.2)
    process.kill()
    pytest.fail(f"storybot web --workers 2 did not start:\n{log.read_text()}")


async def send_conversation(client: httpx.AsyncClient, url: str, user: str) -> list[str]:
    """Send the user's DMs one after another (each acked before the next), as Slack does; their ids."""
    ids = []
    for n, words in enumerate(TEXTS):
        ts = f"{time.time():.6f}{n}"
        body = json.dumps(message_event(user, words, ts=ts, event_id=f"Ev{uuid.uuid4().hex[:12].upper()}"))
        response = await client.post(url, content=body, headers={**sign(SECRET, body),
                                                                  "Content-Type": "application/json"})
        assert response.status_code == 200, response.text
        ids.append(f"D{user}:{ts}")
    return ids


@needs_pg
async def test_two_workers_process_each_event_once_in_order_per_conversation(tmp_path: Path) -> None:
    reset_database(PG_URL)
    fake = FakeSlackApi(token=TOKEN)
    api_url = await fake.start()
    telegram = FakeTelegramAPI()
    await telegram.start()
    port = free_port()
    env = clean_env(SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=api_url,
                    STORYBOT_INBOX_LEASE_SECONDS="5", STORYBOT_TURN_NICENESS="7", TELEGRAM_BOT_TOKEN=telegram.token,
                    TELEGRAM_API_BASE_URL=telegram.base_url, TELEGRAM_API_FILE_URL=telegram.file_url,
                    TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram/webhook")
    log = tmp_path / "web.log"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "web", "--workers", "2", "--port", str(port), "--database-url", PG_URL,
        "--no-access-log", "--log-level", "info", env=env, cwd=tmp_path, stdout=log.open("wb"),
        stderr=asyncio.subprocess.STDOUT)
    try:
        await wait_healthy(port, process, log)
        url = f"http://127.0.0.1:{port}/slack/events"
        async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_keepalive_connections=0)) as client:
            sent = await asyncio.gather(*(send_conversation(client, url, user) for user in USERS))
        deadline = time.monotonic() + 90
        while open_inbox_events(PG_URL) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        assert open_inbox_events(PG_URL) == 0
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 40)
            except TimeoutError:
                process.kill()
                await process.wait()
        await fake.stop()
        await telegram.stop()
    output = log.read_text()
    assert process.returncode == 0, output
    assert "2 web processes" in output and "2 turn processes" in output
    listening = {line.split("[", 1)[1].split("]", 1)[0] for line in output.splitlines() if "listening on" in line}
    assert len(listening) == 2, output  # each web process logs with its process id
    turning = {line.split("[", 1)[1].split("]", 1)[0] for line in output.splitlines() if "turn process up" in line}
    assert len(turning) == 2 and not turning & listening, output
    niceness = min(19, os.nice(0) + 7)  # the turns yield the CPU to the acks (STORYBOT_TURN_NICENESS)
    assert output.count(f"niceness {niceness})") == 2, output
    assert "Traceback" not in output, output
    assert len(telegram.sent("getMe")) == 4 and len(telegram.sent("setWebhook")) == 1  # registered once

    pseudonym = Pseudonymiser.from_secret(ANON_KEY)
    position = {pseudonym(mid, purpose="event"): (user, n)
                for user, ids in zip(USERS, sent, strict=True) for n, mid in enumerate(ids)}
    logged = [position[mid] for _, mid in turns_in_order(PG_URL) if mid in position]
    assert sorted(logged) == sorted(position.values())  # every event processed, none twice
    for user in USERS:  # and each conversation's in the order sent
        assert [n for who, n in logged if who == user] == list(range(len(TEXTS)))
    for user in USERS:  # every message got its answer
        assert len(fake.posted(f"D{user}")) >= len(TEXTS)


async def test_several_workers_on_sqlite_is_one_line(tmp_path: Path) -> None:
    env = clean_env(SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET)
    code, out, err = await run_cli(["web", "--workers", "2", "--port", str(free_port()),
                                    "--database-url", f"sqlite:///{tmp_path / 'bot.db'}"], env, tmp_path)
    assert code != 0
    assert err.strip() == ("several workers need PostgreSQL (DATABASE_URL=postgresql://…); "
                           "SQLite serves one process"), err


async def test_several_workers_with_telegram_polling_is_one_line(tmp_path: Path) -> None:
    env = clean_env(TELEGRAM_BOT_TOKEN="123456:ABCdef", TELEGRAM_MODE="polling")
    database = PG_URL if PG_URL.startswith("postgres") else "postgresql://postgres@127.0.0.1:1/none"
    code, out, err = await run_cli(["web", "--workers", "2", "--port", str(free_port()),
                                    "--database-url", database], env, tmp_path)
    assert code != 0
    assert err.strip() == ("Telegram polling can't run in 2 processes: set TELEGRAM_WEBHOOK_URL (webhook mode) "
                           "or use --workers 1"), err


def test_only_the_first_worker_registers_the_telegram_webhook() -> None:
    settings = make_settings("postgresql://postgres@127.0.0.1/none", TELEGRAM_BOT_TOKEN="123456:ABCdef",
                             TELEGRAM_WEBHOOK_URL="https://bot.example.org/telegram/webhook")
    assert [worker_settings(settings, n).telegram.set_webhook for n in (1, 2, 3)] == [True, False, False]
    assert settings.telegram.set_webhook  # the parent's own settings are left as they were
    off = make_settings("postgresql://postgres@127.0.0.1/none", TELEGRAM_BOT_TOKEN="123456:ABCdef",
                        TELEGRAM_WEBHOOK_URL="https://bot.example.org/telegram/webhook", TELEGRAM_SET_WEBHOOK=False)
    assert worker_settings(off, 1).telegram.set_webhook is False  # another host registers it


def test_web_processes_serve_only_http_and_leave_the_rest_to_the_turn_processes() -> None:
    """A web process registers no webhook, runs no scheduler, and leaves out what does not arrive over
    HTTP (Slack's Socket Mode, Telegram polling), which the turn process receives."""
    both = make_settings("postgresql://postgres@127.0.0.1/none", SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET,
                         TELEGRAM_BOT_TOKEN="123:ABC", TELEGRAM_WEBHOOK_URL="https://example.org/telegram/webhook",
                         STORYBOT_RUN_SCHEDULER=True)
    web = web_settings(both)
    assert web.slack is not None and web.telegram is not None and web.telegram.set_webhook is False
    assert web.run_scheduler is False and both.run_scheduler is True
    socket_and_polling = make_settings("postgresql://postgres@127.0.0.1/none", SLACK_BOT_TOKEN=TOKEN,
                                       SLACK_APP_TOKEN="xapp-1-A0TEST-1-workers", TELEGRAM_BOT_TOKEN="123:ABC",
                                       TELEGRAM_MODE="polling")
    web = web_settings(socket_and_polling)
    assert web.slack is None and web.telegram is None
    assert socket_and_polling.slack is not None and socket_and_polling.telegram is not None


def test_more_socket_mode_workers_than_slack_allows_connections_is_one_line() -> None:
    settings = make_settings("postgresql://postgres@127.0.0.1/none", SLACK_BOT_TOKEN=TOKEN,
                             SLACK_SIGNING_SECRET=SECRET, SLACK_APP_TOKEN="xapp-1-A0TEST-1-workers")
    check_workers(settings, 10)
    with pytest.raises(ConfigurationError) as refused:
        check_workers(settings, 11)
    assert str(refused.value) == SOCKET_MODE_REFUSAL
    check_workers(make_settings("postgresql://postgres@127.0.0.1/none", SLACK_BOT_TOKEN=TOKEN,
                                SLACK_SIGNING_SECRET=SECRET), 11)  # over HTTP: no such limit


@needs_pg
async def test_weekly_run_from_two_processes_at_once_posts_once(tmp_path: Path) -> None:
    """Every worker runs the scheduler: the weekly claim (a unique row per team, kind and week) must let
    one process post. Two `storybot recognition run` processes race for the same week on PostgreSQL."""
    from bot import db
    from bot.app import build_app
    from tests.conftest import add_team, make_settings
    from tests.test_weekly import IN_WEEK, WEEK, add_story

    reset_database(PG_URL)
    await asyncio.to_thread(db.upgrade, PG_URL)
    app = build_app(make_settings(PG_URL))
    try:
        await add_team(app)
        await add_story(app, when=IN_WEEK)
    finally:
        await app.aclose()
    fake = FakeSlackApi(token=TOKEN)
    api_url = await fake.start()
    env = clean_env(SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=api_url)
    args = ["recognition", "run", "--team", "riverside", "--kind", "recognition", "--week", WEEK,
            "--database-url", PG_URL]
    try:
        results = await asyncio.gather(run_cli(args, env, tmp_path), run_cli(args, env, tmp_path))
    finally:
        await fake.stop()
    outputs = "\n".join(out + err for _, out, err in results)
    assert "Traceback" not in outputs, outputs
    assert [code for code, _, _ in results] == [0, 0], outputs
    statuses = sorted(out.split(": ", 1)[1].split(" ", 1)[0] for _, out, _ in results)
    assert statuses == ["posted", "taken"], outputs
    assert len(fake.posted("C1")) == 1, (fake.posted("C1"), outputs)


@needs_pg
async def test_a_worker_that_cannot_start_stops_the_parent_with_its_line(tmp_path: Path) -> None:
    """Slack refuses the token: each worker says so in one line and exits 2; so does the parent."""
    fake = FakeSlackApi(token="xoxb-another-token")
    api_url = await fake.start()
    env = clean_env(SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=api_url)
    try:
        code, out, err = await run_cli(["web", "--workers", "2", "--port", str(free_port()),
                                        "--database-url", PG_URL], env, tmp_path)
    finally:
        await fake.stop()
    assert code == 2, err
    assert "Traceback" not in err, err
    assert "Slack refused SLACK_BOT_TOKEN" in err, err
