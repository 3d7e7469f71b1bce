"""Slack over Socket Mode, full stack: the real web app (uvicorn, ephemeral port, SQLite file made by
the migrations) with SLACK_APP_TOKEN set and no signing secret. It asks our fake Web API for
`apps.connections.open`, connects to the fake Socket Mode server (devkit/fakes/slack_socket.py) on
127.0.0.1, gets envelopes from it, acks them there, and answers through the fake Web API."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml
from sqlmodel import select

from bot.adapters.slack.adapter import SlackAdapter
from bot.app import App, build_app
from bot.config import ConfigurationError
from bot.events import Platform
from bot.models import Story
from bot.web import create_app
from devkit.fakes.slack_api import FakeSlackApi, Served, click_payload, command_form, message_event, serve
from devkit.fakes.slack_socket import FakeSlackSocket
from tests.adapters.conftest import TOKEN, seed
from tests.adapters.test_slack import STORY, buttons
from tests.conftest import make_settings, reset_schema

APP_TOKEN = "xapp-1-A0FAKE-1234-test"


@dataclass
class SocketStack:
    core: App
    web: Served
    fake: FakeSlackApi
    socket: FakeSlackSocket

    @property
    def adapter(self) -> SlackAdapter:
        return self.core.adapters[Platform.SLACK]  # type: ignore[return-value]

    async def say(self, user: str, text: str, **kwargs: object) -> dict:
        """A DM as an events_api envelope; returns its ack."""
        return await self.socket.wait_ack(await self.socket.send_event(message_event(user, text, **kwargs)))

    async def settle(self) -> None:
        await asyncio.sleep(0.2)
        await self.adapter.idle()

    async def stop(self) -> None:
        await self.web.stop()  # lifespan shutdown: the socket closes, work drains, the engine is disposed


def socket_settings(url: str, fake: FakeSlackApi, **extra: object):  # type: ignore[no-untyped-def]
    return make_settings(url, SLACK_BOT_TOKEN=TOKEN, SLACK_APP_TOKEN=APP_TOKEN, SLACK_API_URL=fake.api_url,
                         SLACK_SIGNING_SECRET=None, **extra)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlackApi]:
    api = FakeSlackApi(token=TOKEN, app_token=APP_TOKEN, socket=FakeSlackSocket())
    await api.start()
    yield api
    await api.stop()


async def start_socket_stack(url: str, fake: FakeSlackApi) -> SocketStack:
    core = build_app(socket_settings(url, fake))
    if not url.startswith("sqlite"):
        await reset_schema(core)
    await seed(core)
    web = await serve(create_app(core=core))
    assert fake.socket is not None
    await fake.socket.wait_connected()
    return SocketStack(core, web, fake, fake.socket)


@pytest.fixture
async def stack(db_url: str, fake: FakeSlackApi) -> AsyncIterator[SocketStack]:
    running = await start_socket_stack(db_url, fake)
    yield running
    await running.stop()


@pytest.fixture
async def any_db_stack(database_url: str, tmp_path: Path, template_db: Path,
                       fake: FakeSlackApi) -> AsyncIterator[SocketStack]:
    """On the migrated SQLite file, and on PostgreSQL when TEST_DATABASE_URL is set."""
    if database_url == "sqlite://":
        target = tmp_path / "bot.db"
        target.write_bytes(template_db.read_bytes())
        database_url = f"sqlite:///{target}"
    running = await start_socket_stack(database_url, fake)
    yield running
    await running.stop()


# --- a story over the socket ----------------------------------------------------------------------


async def test_dm_story_turns_round_trip_over_the_socket(any_db_stack):
    stack = any_db_stack
    fake, user = stack.fake, "U0ALICE"
    # the socket URL came from apps.connections.open, asked with the app-level token
    [opened] = [c for c in fake.calls if c["method"] == "apps.connections.open"]
    assert opened["token"] == APP_TOKEN

    started = time.perf_counter()
    ack = await stack.say(user, "story")
    assert time.perf_counter() - started < 2  # acked before the turn's work
    assert ack.keys() == {"envelope_id"}  # an event's ack carries no payload
    assert "What happened" in (await fake.wait_for("chat.postMessage", 1))[0]["text"]
    await stack.say(user, STORY)
    question = (await fake.wait_for("chat.postMessage", 2))[-1]
    assert question["channel"] == "DU0ALICE" and buttons(question)
    await stack.settle()
    assert [c["token"] for c in fake.calls if c["method"] == "chat.postMessage"] == [TOKEN, TOKEN]


async def test_no_http_route_and_no_signing_secret_needed(stack):
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{stack.web.url}/slack/events", json={"type": "url_verification"})
        health = await client.get(f"{stack.web.url}/healthz")
    assert response.status_code == 404  # Slack sends nothing over HTTP in Socket Mode
    assert health.json()["platforms"] == ["slack"]
    assert stack.core.settings.slack is not None and stack.core.settings.slack.socket_mode


async def test_button_click_is_acked_marked_and_answered(stack):
    fake, user, socket = stack.fake, "U0ALICE", stack.socket
    await stack.say(user, "story")
    await fake.wait_for("chat.postMessage", 1)
    await stack.say(user, STORY)
    question = (await fake.wait_for("chat.postMessage", 2))[-1]
    pick = next(b for b in buttons(question) if b != "other")
    ack = await socket.wait_ack(await socket.send_interaction(click_payload(user, question, pick)))
    assert ack.keys() == {"envelope_id"}
    [update] = await fake.wait_for("chat.update", 1)
    assert update["ts"] == question["ts"] and update["blocks"][-1]["elements"][0]["text"].startswith("✓ ")
    assert "Who helped" in (await fake.wait_for("chat.postMessage", 3))[-1]["text"]


async def test_slash_command_ack_carries_the_answer_and_the_reply_goes_to_the_dm(stack):
    socket = stack.socket
    started = time.perf_counter()
    envelope_id = await socket.send_command(command_form("U0DANA", "weakest this week", channel="C0RIVERSIDE"))
    ack = await socket.wait_ack(envelope_id)
    assert time.perf_counter() - started < 2
    assert ack["payload"] == {"text": "💬 I'll answer you in our direct messages.", "response_type": "ephemeral"}
    [answer] = await stack.fake.wait_for("chat.postMessage", 1)
    assert answer["channel"] == "DU0DANA" and "Weakest" in answer["text"]


async def test_story_form_errors_come_back_in_the_ack(stack):
    socket = stack.socket
    view = {"id": "V0FORM1", "type": "modal", "callback_id": "story_form", "private_metadata": "",
            "state": {"values": {"story": {"value": {"type": "plain_text_input", "value": "too short"}},
                                 "mot": {"value": {"type": "static_select",
                                                   "selected_option": {"value": "nope", "text": {"text": "nope"}}}}}}}
    submission = {"type": "view_submission", "user": {"id": "U0ALICE", "username": "alice"},
                  "team": {"id": "T0FAKE"}, "trigger_id": "333.444.def", "view": view}
    ack = await socket.wait_ack(await socket.send_interaction(submission))
    assert ack["payload"]["response_action"] == "errors"
    assert {"story", "mot"} <= set(ack["payload"]["errors"])  # and every other required field
    await stack.settle()
    async with stack.core.sessionmaker() as session:
        assert (await session.exec(select(Story))).all() == []


# --- re-deliveries and junk ---------------------------------------------------------------------------


async def test_a_redelivered_envelope_is_acked_again_but_handled_once(stack):
    socket, event = stack.socket, message_event("U0ALICE", "hello", event_id="Ev0AGAIN")
    first = await socket.send_event(event)
    again = await socket.send_event(event, retry_attempt=1)  # Slack re-sends an envelope it thinks unacked
    await socket.wait_ack(first)
    await socket.wait_ack(again)
    await stack.fake.wait_for("chat.postMessage", 2)  # welcome + menu
    await stack.settle()
    assert len(stack.fake.posts()) == 2
    assert socket.acked.count(first) == socket.acked.count(again) == 1


async def test_malformed_frames_and_envelopes_are_ignored_safely(stack, caplog, capfd):
    socket = stack.socket
    caplog.set_level(logging.WARNING)
    await socket.send_raw("this is not JSON")
    await socket.send_raw("[1, 2, 3]")
    await socket.send_raw("{" * 100 + "}" * 100)
    await socket.send_raw('{"envelope_id": 7, "type": "events_api", "payload": {}}')
    odd = [
        await socket.send_envelope("events_api", ["not", "an", "object"]),
        await socket.send_envelope("events_api", {"type": "event_callback", "event": {"text": "no type"}}),
        await socket.send_envelope("interactive", {"type": "block_actions", "user": {"id": "U0ALICE"},
                                                   "actions": [{"action_id": 42}]}),
        await socket.send_envelope("slash_commands", {"command": "/mot", "user_id": "U0ALICE"}),  # no channel
        await socket.send_envelope("interactive", {"type": "message_action_we_do_not_know"}),
    ]
    for envelope_id in odd:  # acked, so Slack does not send them again; nothing else happens
        assert (await socket.wait_ack(envelope_id)).keys() == {"envelope_id"}
    await stack.settle()
    assert stack.fake.posts() == []
    rejected = [r for r in caplog.records if "malformed payload ignored" in r.getMessage()]
    assert len(rejected) >= 8
    assert "Traceback" not in capfd.readouterr().err and not any(r.exc_info for r in caplog.records)
    # the connection is still up and the next message is answered
    await stack.say("U0ALICE", "story")
    await stack.fake.wait_for("chat.postMessage", 1)
    assert socket.connections_opened == 1


# --- the connection -------------------------------------------------------------------------------


async def test_reconnects_when_the_server_closes_or_asks_for_a_refresh(stack):
    socket, fake = stack.socket, stack.fake
    await socket.drop_connections()
    await socket.wait_connected(2)
    await stack.say("U0ALICE", "story")
    await fake.wait_for("chat.postMessage", 1)

    await socket.ask_refresh()
    await socket.wait_connected(3)
    await stack.say("U0ALICE", STORY)
    await fake.wait_for("chat.postMessage", 2)
    assert len([c for c in fake.calls if c["method"] == "apps.connections.open"]) == 3  # a new URL each time
    assert await stack.adapter.socket.connected()


async def test_shutdown_closes_the_socket(db_url, fake):
    stack = await start_socket_stack(db_url, fake)
    await stack.say("U0ALICE", "story")
    await fake.wait_for("chat.postMessage", 1)
    await stack.stop()
    await stack.socket.wait_closed()
    assert stack.adapter.socket.handler is None
    assert not await stack.adapter.socket.connected()


async def test_work_acked_just_before_shutdown_still_finishes(db_url, fake):
    stack = await start_socket_stack(db_url, fake)
    fake.delays["chat.postMessage"] = 0.3  # the replies are still on their way when SIGTERM comes
    await stack.say("U0ALICE", "story")
    await stack.stop()
    assert "What happened" in fake.posts("DU0ALICE")[0]["text"]
    await stack.socket.wait_closed()


async def test_an_app_token_slack_rejects_is_one_clear_error(db_url):
    api = FakeSlackApi(token=TOKEN, app_token="xapp-1-other-token", socket=FakeSlackSocket())
    await api.start()
    core = build_app(socket_settings(db_url, api))
    try:
        with pytest.raises(ConfigurationError, match=r"Slack rejected SLACK_APP_TOKEN \(invalid_auth\)") as caught:
            await core.start()
        assert "\n" not in str(caught.value) and APP_TOKEN not in str(caught.value)
    finally:
        await core.aclose()
        await api.stop()
    assert api.socket is not None and api.socket.connections_opened == 0


async def test_slack_unreachable_at_start_connects_in_the_background(db_url, fake, caplog):
    caplog.set_level(logging.INFO)
    await fake.go_offline()
    core = build_app(socket_settings(db_url, fake))
    try:
        await core.start()  # does not hang, nor fail: Slack may come back
        assert any("can't reach Slack" in r.getMessage() for r in caplog.records)
        await fake.go_online()
        assert fake.socket is not None
        await fake.socket.wait_connected(timeout=10)
    finally:
        await core.aclose()
    await fake.socket.wait_closed()


def test_the_socket_mode_manifest_is_the_http_one_with_socket_mode_on_and_no_urls():
    root = Path(__file__).resolve().parents[2]
    http = yaml.safe_load((root / "manifest.yml").read_text())
    socket = yaml.safe_load((root / "manifest-socket-mode.yml").read_text())
    assert socket["settings"]["socket_mode_enabled"] is True and http["settings"]["socket_mode_enabled"] is False
    assert "example.com" not in (root / "manifest-socket-mode.yml").read_text()
    for manifest in (http, socket):  # the URLs are all that differs
        manifest["settings"]["socket_mode_enabled"] = None
        manifest["settings"]["event_subscriptions"].pop("request_url", None)
        manifest["settings"]["interactivity"].pop("request_url", None)
        for command in manifest["features"]["slash_commands"]:
            command.pop("url", None)
    assert socket == http
