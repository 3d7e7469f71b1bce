"""Talk to a storybot started by `make fake-platforms` (devkit/run_local.py), as a Slack user:
sends a signed DM event (or a slash command, or a button click) and prints what the bot posted.
When it runs with `--socket-mode`, the same go as Socket Mode envelopes through the fake Slack server.

    .venv/bin/python -m devkit.say "hello"
    .venv/bin/python -m devkit.say --click go:story
    .venv/bin/python -m devkit.say --as U0DANA "/mot weakest this week"
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Callable

import httpx

from devkit.run_local import STATE_FILE
from devkit.fakes.slack_api import SlackSender, click_payload, command_form, message_event


def _state() -> dict[str, str]:
    if STATE_FILE.exists():
        return json.loads(STATE_FILE.read_text())
    try:
        return {"events_url": os.environ["STORYBOT_EVENTS_URL"], "signing_secret": os.environ["SLACK_SIGNING_SECRET"],
                "fake_slack_url": os.environ["FAKE_SLACK_URL"]}
    except KeyError:
        sys.exit("Nothing to talk to: start `make fake-platforms` first.")


async def show_new_calls(fake: httpx.AsyncClient, since: int, show: Callable[[dict], None], *, wait: float) -> None:
    """Print what a fake platform API recorded from call `since` on, until it has been quiet a while."""
    deadline, quiet_since = time.monotonic() + wait, None
    while time.monotonic() < deadline:
        calls = (await fake.get("/_calls", params={"since": since})).json()["calls"]
        for call in calls:
            show(call)
        since += len(calls)
        if calls:
            quiet_since = time.monotonic()
        elif quiet_since and time.monotonic() - quiet_since > 0.6:
            break
        await asyncio.sleep(0.15)


def _show(call: dict) -> None:
    params, method = call["params"], call["method"]
    if method == "chat.postMessage":
        print("bot> " + str(params.get("text", "")).replace("\n", "\n     "))
        for block in params.get("blocks", []):
            for element in block.get("elements", []) if block.get("type") == "actions" else []:
                if element.get("type") == "button":
                    print(f"     [{element['value']}] {element['text']['text']}")
                for option in element.get("options", []):
                    print(f"     [{option['value']}] {option['text']['text']}")
    elif method == "chat.update":
        print(f"     (message {params.get('ts')} updated: {str(params.get('text', '')).splitlines()[-1]})")
    elif method in ("views.open", "views.publish"):
        print(f"     ({method}: {json.dumps(params.get('view'))[:200]}…)")


class SocketSender:
    """Sends payloads as Socket Mode envelopes, through the fake Web API's `/_socket/{kind}` (which
    answers the bot's ack); quacks like `SlackSender` for `main`."""

    def __init__(self, fake: httpx.AsyncClient) -> None:
        self.fake = fake

    async def _send(self, kind: str, payload: object) -> httpx.Response:
        answer = await self.fake.post(f"/_socket/{kind}", json=payload)
        if answer.status_code != 200:
            return answer
        ack = answer.json()["ack"].get("payload")
        return httpx.Response(200, json=ack) if ack else httpx.Response(200)

    async def event(self, payload: object) -> httpx.Response:
        return await self._send("events_api", payload)

    async def interaction(self, payload: object) -> httpx.Response:
        return await self._send("interactive", payload)

    async def command(self, form: object) -> httpx.Response:
        return await self._send("slash_commands", form)

    async def aclose(self) -> None:
        pass


async def main() -> None:
    parser = argparse.ArgumentParser(description="Send one thing to storybot as a Slack user.")
    parser.add_argument("text", nargs="*", help="what to say; starting with /mot it is the slash command")
    parser.add_argument("--as", dest="user", default="U0ALICE", help="Slack user id (U0ALICE staff, U0DANA manager)")
    parser.add_argument("--click", default=None, help="click this choice id on the bot's last message to you")
    parser.add_argument("--wait", type=float, default=5.0, help="seconds to wait for replies")
    args = parser.parse_args()
    state = _state()
    fake = httpx.AsyncClient(base_url=state["fake_slack_url"], timeout=15)
    sender: SlackSender | SocketSender = (SocketSender(fake) if state.get("socket_mode")
                                          else SlackSender(state["events_url"], state["signing_secret"]))
    try:
        before = (await fake.get("/_calls")).json()
        since = before["count"]
        text = " ".join(args.text)
        if args.click:
            mine = [c["params"] for c in before["calls"]
                    if c["method"] == "chat.postMessage" and c["params"].get("channel") == f"D{args.user}"]
            posted = next((p for p in reversed(mine) if f'"{args.click}"' in json.dumps(p.get("blocks", []))), None)
            if posted is None:
                sys.exit(f"No message of mine offers {args.click!r}.")
            response = await sender.interaction(click_payload(args.user, posted, args.click))
        elif text.startswith("/mot"):
            response = await sender.command(command_form(args.user, text[len("/mot"):].strip()))
        else:
            response = await sender.event(message_event(args.user, text))
        if response.status_code != 200:
            print(f"(HTTP {response.status_code}) {response.text}")
        elif response.content:  # a slash command's immediate answer, seen only by the person
            ack = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
            print(f"ack> {ack.get('text', response.text)}")
        await show_new_calls(fake, since, _show, wait=args.wait)
    finally:
        await sender.aclose()
        await fake.aclose()


if __name__ == "__main__":
    asyncio.run(main())
