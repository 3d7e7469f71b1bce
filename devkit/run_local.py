"""`make fake-platforms`: storybot against local fake Slack (and Telegram) APIs, nothing leaves 127.0.0.1.

Starts the fake Slack Web API (and the fake Telegram Bot API when devkit/fakes/telegram_api.py is
there), seeds a SQLite database with `storybot seed`, prints the environment it uses, then runs
`storybot web` until Ctrl-C. Drive it from a second terminal:

    .venv/bin/python -m devkit.say "hello"                  # a DM from Alice (slack:U0ALICE, staff)
    .venv/bin/python -m devkit.say --click go:story          # click a button of the last reply
    .venv/bin/python -m devkit.say --as U0DANA "/mot weakest this week"   # Dana, the manager

With `--socket-mode` (`make fake-platforms ARGS=--socket-mode`) Slack runs over Socket Mode as with
SLACK_APP_TOKEN in a real workspace: storybot opens a websocket to the fake Socket Mode server and
`devkit.say` sends its envelopes there (no signing secret, no /slack/events).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import signal
import socket
import sys
import tempfile
from pathlib import Path

from devkit.fakes.slack_api import FakeSlackApi
from devkit.fakes.slack_socket import FakeSlackSocket

ROOT = Path(__file__).resolve().parents[1]  # the repository (this file is devkit/run_local.py)
STATE_FILE = Path(tempfile.gettempdir()) / "storybot-fake-platforms.json"
SLACK_TOKEN = "xoxb-fake-local-token"
SIGNING_SECRET = "fake-local-signing-secret"
APP_TOKEN = "xapp-1-A0FAKE-1-fake-local-app-token"
DEMO_TEAM = "riverside-clinic"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def run(port: int, workdir: Path, telegram: bool, fakes_only: bool = False, socket_mode: bool = False) -> int:
    database_url = f"sqlite:///{workdir / 'fake-platforms.db'}"
    if socket_mode:
        slack = FakeSlackApi(token=SLACK_TOKEN, app_token=APP_TOKEN, socket=FakeSlackSocket())
    else:
        slack = FakeSlackApi(token=SLACK_TOKEN)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TELEGRAM_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        DATABASE_URL=database_url,
        STORYBOT_DEFAULT_TEAM=DEMO_TEAM,
        STORYBOT_ENV="development",  # local fakes: the built-in pseudonym key is fine (warned at start)
        SLACK_BOT_TOKEN=SLACK_TOKEN,
        **({"SLACK_APP_TOKEN": APP_TOKEN} if socket_mode else {"SLACK_SIGNING_SECRET": SIGNING_SECRET}),
        SLACK_API_URL=await slack.start(),
    )
    fakes: list = [slack]
    if telegram and (ROOT / "devkit" / "fakes" / "telegram_api.py").exists():
        from devkit.fakes.telegram_api import DEFAULT_TOKEN, FakeTelegramAPI

        fake_telegram = FakeTelegramAPI()
        env.update(
            TELEGRAM_BOT_TOKEN=DEFAULT_TOKEN,
            TELEGRAM_API_BASE_URL=await fake_telegram.start(),
            TELEGRAM_API_FILE_URL=fake_telegram.file_url,
            TELEGRAM_MODE="webhook",
            TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram/webhook",
        )
        fakes.append(fake_telegram)
    try:
        if fakes_only:  # bench/fuzz.py runs the web app itself: it reads this line, then SIGTERMs us
            fakes_env = {k: v for k, v in env.items() if k.startswith(("SLACK_", "TELEGRAM_API", "TELEGRAM_BOT"))}
            print(json.dumps(fakes_env), flush=True)
            stop = asyncio.Event()
            for signum in (signal.SIGINT, signal.SIGTERM):
                asyncio.get_running_loop().add_signal_handler(signum, stop.set)
            await stop.wait()
            return 0
        seed = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "seed", env=env, cwd=workdir)
        if await seed.wait() != 0:
            print("storybot seed failed", file=sys.stderr)
            return 1
        events_url = f"http://127.0.0.1:{port}/slack/events"
        state = {"events_url": events_url, "signing_secret": SIGNING_SECRET, "fake_slack_url": slack.url,
                 "socket_mode": socket_mode}
        if len(fakes) > 1:
            state["fake_telegram_url"] = fakes[1].url
        STATE_FILE.write_text(json.dumps(state))
        shown = {k: env[k] for k in sorted(env) if k.startswith(("SLACK_", "TELEGRAM_", "DATABASE_URL", "STORYBOT_"))}
        print("\n# storybot is using local fakes only. The environment it runs with:")
        for key, value in shown.items():
            print(f"export {key}={shlex.quote(value)}")
        if socket_mode:
            print(f"\n# Slack runs over Socket Mode: storybot connects to {slack.socket.url if slack.socket else '?'}; "
                  f"the fake Slack API records calls at {slack.url}/_calls")
        else:
            print(f"\n# Slack events go to {events_url}; the fake Slack API records calls at {slack.url}/_calls")
        print("# In another terminal (from the project root):")
        print('#   .venv/bin/python -m devkit.say "hello"                    # Alice, staff')
        print("#   .venv/bin/python -m devkit.say --click go:story")
        print('#   .venv/bin/python -m devkit.say --as U0DANA "/mot weakest this week"   # Dana, manager')
        if len(fakes) > 1:
            print('#   .venv/bin/python -m devkit.tg "/start visit_123"          # a Telegram customer')
            print('#   .venv/bin/python -m devkit.tg --click "✨ Shining"         # press a button')
            print('#   .venv/bin/python -m devkit.tg --as 1001 "story"             # Sam, staff on Telegram')
        print("# Ctrl-C stops everything.\n", flush=True)

        web = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "web", "--port", str(port),
                                                   env=env, cwd=workdir)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        waiting = asyncio.create_task(web.wait())
        await asyncio.wait([waiting, asyncio.create_task(stop.wait())], return_when=asyncio.FIRST_COMPLETED)
        if web.returncode is None:
            web.send_signal(signal.SIGTERM)
        return await waiting
    finally:
        STATE_FILE.unlink(missing_ok=True)
        for fake in reversed(fakes):
            await fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=None, help="port for storybot web (default: a free one)")
    parser.add_argument("--workdir", type=Path, default=None, help="where the SQLite database goes (default: temp)")
    parser.add_argument("--no-telegram", action="store_true", help="do not start the fake Telegram API")
    parser.add_argument("--fakes-only", action="store_true",
                        help="only the fakes: print their settings as one JSON line, run until SIGTERM")
    parser.add_argument("--socket-mode", action="store_true",
                        help="Slack over Socket Mode (SLACK_APP_TOKEN) instead of signed HTTP requests")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="storybot-fakes-"))
    workdir.mkdir(parents=True, exist_ok=True)
    sys.exit(asyncio.run(run(args.port or free_port(), workdir, not args.no_telegram, args.fakes_only,
                             args.socket_mode)))


if __name__ == "__main__":
    main()
