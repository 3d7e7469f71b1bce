"""The acknowledgement alone: CPU per `POST /slack/events` in one process, no turns.

    .venv/bin/python bench/ack.py [--requests 2000] [--database-url postgresql://…] [--profile]

Builds the app as a web process of `storybot web` does (`App.serve_requests`: the adapters, no lanes),
points it at the fake Slack API, and sends signed DM events straight into the ASGI app, one at a time
(no HTTP client, no socket: what is measured is ours, from the route to the committed INSERT). Prints
CPU and wall time per acknowledgement (CPU of this process, the database driver's thread included) and,
with `--profile`, cProfile's top functions. A figure other load on the machine disturbs less than
bench/load.py's latencies (it still prints the 1-minute load average). Nothing is processed: the
events stay in the inbox (of a new SQLite file by default; on a database you give, a scratch one)."""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.cli.web import quiet_gc, run_loop  # noqa: E402
from devkit.fakes.slack_api import FakeSlackApi, message_event, sign  # noqa: E402

SECRET = "bench-ack-signing-secret"
TOKEN = "xoxb-bench-ack-token"
WARM_UP = 200  # the first goes through bolt (its authorization learns the bot's user id); models, pools


async def measure(args: argparse.Namespace) -> None:
    from bot.app import build_app
    from bot.config import load_settings
    from bot.startup import prepare
    from bot.web import create_app

    fake = FakeSlackApi(token=TOKEN)
    api_url = await fake.start()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='storybot-ack-')}/ack.db"
    settings = load_settings(SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=api_url,
                             DATABASE_URL=url, STORYBOT_RUN_SCHEDULER=False, STORYBOT_ANON_KEY="bench-ack-anon-key-0123456789",
                             _env_file=None)
    prepare(settings)
    core = build_app(settings)
    await core.serve_requests()
    web = create_app(settings, core=core, start_core=False)
    bodies = []
    for n in range(args.requests + WARM_UP):
        body = json.dumps(message_event(f"UACK{n % 100:04d}", f"A patient could not find the clinic ({n}).")).encode()
        bodies.append((body, [(b"content-type", b"application/json")] +
                       [(k.lower().encode(), v.encode()) for k, v in sign(SECRET, body).items()]))

    async def post(body: bytes, headers: list[tuple[bytes, bytes]]) -> int:
        scope = {"type": "http", "method": "POST", "path": "/slack/events", "raw_path": b"/slack/events",
                 "query_string": b"", "headers": headers, "http_version": "1.1", "scheme": "http",
                 "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "root_path": "", "app": web}
        sent, status = False, []

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])

        await web.router(scope, receive, send)
        return status[0]

    try:
        for body, headers in bodies[:WARM_UP]:
            assert await post(body, headers) == 200
        profile = cProfile.Profile() if args.profile else None
        load, walls = os.getloadavg()[0], []
        cpu, started = time.process_time(), time.perf_counter()
        if profile:
            profile.enable()
        for body, headers in bodies[WARM_UP:]:
            begun = time.perf_counter()
            assert await post(body, headers) == 200
            walls.append(time.perf_counter() - begun)
        if profile:
            profile.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - started
        walls.sort()
        print(f"bench/ack.py: {args.requests} acknowledgements one at a time, {url.split(':')[0]}: "
              f"CPU {cpu / args.requests * 1000:.2f} ms each, wall {wall / args.requests * 1000:.2f} ms "
              f"(p50 {walls[len(walls) // 2] * 1000:.2f}, p99 {walls[int(len(walls) * 0.99)] * 1000:.2f}); "
              f"1-minute load average {load:.1f}>{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU(s)")
        if profile:
            pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    finally:
        await core.aclose()
        await fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions (slows every call)")
    args = parser.parse_args()
    args.requests = max(100, min(args.requests, 100_000))
    quiet_gc()
    run_loop(measure(args))


if __name__ == "__main__":
    main()
