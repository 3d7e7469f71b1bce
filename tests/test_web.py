"""The web app: /healthz in process, and `storybot web` as a real process that exits cleanly on SIGTERM
(finishing the work it already acknowledged)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from pathlib import Path

import httpx

from bot import db
from bot.app import build_app
from bot.web import create_app
from tests.conftest import ANON_KEY, make_settings
from devkit.fakes.slack_api import FakeSlackApi, SlackSender, message_event, serve

ROOT = Path(__file__).resolve().parent.parent
SECRET = "web-test-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_healthz_reports_database_and_platforms(tmp_path):
    url = f"sqlite:///{tmp_path}/web.db"
    db.upgrade(url)
    fake = FakeSlackApi()
    api_url = await fake.start()
    core = build_app(make_settings(url, SLACK_BOT_TOKEN="xoxb-x", SLACK_SIGNING_SECRET=SECRET,
                                   SLACK_API_URL=api_url, STORYBOT_RUN_SCHEDULER=False))
    served = await serve(create_app(core=core))
    try:
        async with httpx.AsyncClient() as client:
            health = await client.get(f"{served.url}/healthz")
            missing = await client.get(f"{served.url}/nope")
            wrong_method = await client.get(f"{served.url}/slack/events")
        assert health.status_code == 200
        assert health.json() == {"ok": True, "database": "up", "platforms": ["slack"],
                                 "checks": {"database": "up", "slack": "up"}, "down": []}
        assert missing.status_code == 404 and wrong_method.status_code == 405
    finally:
        await served.stop()
        await fake.stop()


async def test_sigterm_exits_cleanly_after_finishing_acked_work(tmp_path):
    url = f"sqlite:///{tmp_path}/web.db"
    db.upgrade(url)
    fake = FakeSlackApi()
    api_url = await fake.start()
    fake.delays["chat.postMessage"] = 0.7  # the reply is still on its way when SIGTERM arrives
    port = free_port()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "TELEGRAM_", "DATABASE_URL", "STORYBOT_"))}
    env.update(PYTHONPATH=str(ROOT), SLACK_BOT_TOKEN="xoxb-x", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=api_url,
               STORYBOT_RUN_SCHEDULER="false", STORYBOT_ANON_KEY=ANON_KEY)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "web", "--port", str(port), "--database-url", url, "--no-access-log",
        env=env, cwd=tmp_path, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    sender = SlackSender(f"http://127.0.0.1:{port}/slack/events", SECRET)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if (await sender.client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.returncode is None and time.monotonic() < deadline, "storybot web did not come up"
            await asyncio.sleep(0.1)
        assert (await sender.event(message_event("U0GUEST", "hello"))).status_code == 200
        await fake.wait_for("chat.postMessage", 1)  # the reply has started (and is slow)
        stopped = time.monotonic()
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=15)
        text = stderr.decode()
        assert process.returncode == 0, text
        assert time.monotonic() - stopped < 8
        assert "Traceback" not in text and "Task was destroyed" not in text, text
        assert "storybot web stopped cleanly" in text
        if sys.platform != "win32":  # the pinned fast stack is what runs (about twice the turns/s)
            assert "storybot web: uvloop event loop, httptools HTTP parser" in text
        assert len(fake.posts()) == 2  # welcome and menu: the acked turn was finished, not dropped
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await sender.aclose()
        await fake.stop()


async def test_web_refuses_to_serve_a_platform_without_an_anon_key(tmp_path):
    """Production mode (the default) with a platform configured needs STORYBOT_ANON_KEY: one line, exit 2."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "TELEGRAM_", "DATABASE_URL", "STORYBOT_"))}
    env.update(PYTHONPATH=str(ROOT), SLACK_BOT_TOKEN="xoxb-x", SLACK_SIGNING_SECRET=SECRET,
               SLACK_API_URL="http://127.0.0.1:9/api/")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "web", "--port", str(free_port()), "--database-url", f"sqlite:///{tmp_path}/x.db",
        env=env, cwd=tmp_path, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    lines = [line for line in err.decode().splitlines() if line.strip()]
    assert process.returncode == 2
    assert len(lines) == 1 and "STORYBOT_ANON_KEY" in lines[0] and "Traceback" not in err.decode(), err.decode()
