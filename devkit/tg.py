"""Talk to a storybot started by `make fake-platforms` as a Telegram user: pushes a message (or a
button press) into the fake Bot API, which delivers it to the bot's webhook, and prints what the
bot sent back.

    .venv/bin/python -m devkit.tg "/start visit_123"      # an anonymous customer (user 42)
    .venv/bin/python -m devkit.tg --click "✨ Shining"     # press a button of the last message
    .venv/bin/python -m devkit.tg --as 1001 "story"        # Sam (telegram:1001 in the demo team)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

import httpx

from devkit.run_local import STATE_FILE
from devkit.say import show_new_calls
from devkit.fakes.telegram_api import text_update


def _show(call: dict) -> None:
    params, method = call["params"], call["method"]
    if method in ("sendMessage", "sendPhoto"):
        text = params.get("text") or params.get("caption") or "(photo)"
        print("bot> " + str(text).replace("\n", "\n     "))
        markup = params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        for row in markup.get("inline_keyboard", []):
            print("     " + "  ".join(f"[{b['text']}]" for b in row))
    elif method == "editMessageReplyMarkup":
        print(f"     (buttons removed from message {params.get('message_id')})")
    elif method == "answerCallbackQuery":
        print("     (button press answered)")


async def main() -> None:
    parser = argparse.ArgumentParser(description="Send one thing to storybot as a Telegram user.")
    parser.add_argument("text", nargs="*", help="what to say (/start visit_123, /story, plain text…)")
    parser.add_argument("--as", dest="user", type=int, default=42, help="Telegram user id (42: a customer)")
    parser.add_argument("--click", default=None, help="label (or data) of a button on the bot's last message")
    parser.add_argument("--wait", type=float, default=5.0, help="seconds to wait for replies")
    args = parser.parse_args()
    state = json.loads(STATE_FILE.read_text()) if STATE_FILE.exists() else {}
    if "fake_telegram_url" not in state:
        sys.exit("Nothing to talk to: start `make fake-platforms` first.")
    async with httpx.AsyncClient(base_url=state["fake_telegram_url"], timeout=10) as fake:
        since = (await fake.get("/_calls")).json()["next"]
        if args.click:
            response = await fake.post("/_click", json={"chat_id": args.user, "choice": args.click, "user_id": args.user})
        else:
            response = await fake.post("/_updates", json=text_update(" ".join(args.text), user_id=args.user))
        if response.status_code != 200:
            sys.exit(f"(HTTP {response.status_code}) {response.text}")
        await show_new_calls(fake, since, _show, wait=args.wait)


if __name__ == "__main__":
    asyncio.run(main())
