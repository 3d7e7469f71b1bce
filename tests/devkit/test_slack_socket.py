"""The fake Socket Mode server and the fake Web API's `apps.connections.open`, driven by a bare
aiohttp websocket client (what `devkit.say --socket-mode` and the tests rely on)."""

import asyncio
import json

import aiohttp
import httpx

from devkit.fakes.slack_api import FakeSlackApi, message_event
from devkit.fakes.slack_socket import FakeSlackSocket

APP_TOKEN = "xapp-1-A0FAKE-1-devkit"


async def test_connections_open_takes_only_the_app_token_and_the_socket_greets_sends_and_records_acks():
    api = FakeSlackApi(token="xoxb-bot", app_token=APP_TOKEN, socket=FakeSlackSocket())
    await api.start()
    try:
        async with httpx.AsyncClient(base_url=api.api_url) as client:
            def open_with(token: str):
                return client.post("apps.connections.open", headers={"Authorization": f"Bearer {token}"})
            assert (await open_with("xoxb-bot")).json() == {"ok": False, "error": "not_allowed_token_type"}
            assert (await open_with("xapp-1-other")).json() == {"ok": False, "error": "invalid_auth"}
            opened = (await open_with(APP_TOKEN)).json()
        assert opened["ok"] and opened["url"].startswith("ws://127.0.0.1:")

        async with aiohttp.ClientSession() as session, session.ws_connect(opened["url"]) as ws:
            assert json.loads((await ws.receive()).data)["type"] == "hello"
            socket = api.socket
            assert socket is not None
            await socket.wait_connected()

            async def ack_everything() -> None:
                async for frame in ws:
                    envelope = json.loads(frame.data)
                    await ws.send_str(json.dumps({"envelope_id": envelope["envelope_id"], "payload": {"text": "hi"}}))

            acking = asyncio.create_task(ack_everything())
            envelope_id = await socket.send_event(message_event("U0ALICE", "hello"))
            assert await socket.wait_ack(envelope_id) == {"envelope_id": envelope_id, "payload": {"text": "hi"}}
            [sent] = socket.sent
            assert sent["type"] == "events_api" and sent["payload"]["event"]["text"] == "hello"
            async with httpx.AsyncClient(base_url=api.url) as client:  # what devkit.say does
                answer = await client.post("/_socket/slash_commands", json={"command": "/mot", "text": ""})
            assert answer.json()["ack"]["payload"] == {"text": "hi"}
            await socket.drop_connections()
            await socket.wait_closed()
            await acking
    finally:
        await api.stop()
