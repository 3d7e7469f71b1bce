"""Fuzz bench for the inbound path: mutated, correctly signed Slack requests and Telegram webhook
posts (with the secret) against the real web app, counting what comes back.

    .venv/bin/python bench/fuzz.py [--requests 10000] [--seed 1]
                                   [--database-url postgresql://postgres@127.0.0.1/storybot_fuzz]

The web app (`bot.web.create_app`, both platforms on, Telegram in webhook mode) runs here under
uvicorn on an ephemeral 127.0.0.1 port, on a new SQLite file unless --database-url (give it an
empty database: the bench migrates and seeds it). The fake Slack and Telegram APIs are the ones of
`make fake-platforms` (devkit/run_local.py --fakes-only), in their own process. The requests
are the recorded payloads of tests/fixtures, mutated by devkit/fuzz.py (the same code as the test
suite's tests/adapters/test_fuzz.py), half per platform, one at a time; after each the bench waits
for the work it caused and counts the rows of every table.

Prints: requests per platform, status counts, rejected payloads (each must log exactly one line),
5xx, tracebacks in the log (any logger, and on stderr), rows stored by rejected payloads, elapsed
time; then the first few of each problem. Exits 1 when there is a 5xx, a traceback or such a row.
Only 127.0.0.1 is used."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import os
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import uvicorn  # noqa: E402

from bot import db, store  # noqa: E402
from bot.app import build_app  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.web import create_app  # noqa: E402
from devkit.fuzz import LogWatch, Mutator, Target, fuzz, load_corpus  # noqa: E402

TEAM = "fuzz-clinic"
TELEGRAM_SECRET = "fuzz-bench-secret"
PEOPLE = (("slack:U0ALICE", "Alice", "staff"), ("slack:U0SAM", "Sam", "staff"), ("slack:U0DANA", "Dana", "manager"),
          ("telegram:424242", "Tess", "staff"))  # the senders of the recorded payloads


class _Tracebacks(io.TextIOBase):
    """stderr, counting tracebacks printed outside logging (e.g. by a failing log handler)."""

    def __init__(self, stream: Any) -> None:
        self.stream, self.count = stream, 0

    def write(self, text: str) -> int:
        self.count += text.count("Traceback (most recent call last)")
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()


async def start_fakes() -> tuple[asyncio.subprocess.Process, dict[str, str]]:
    fakes = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "devkit.run_local", "--fakes-only", cwd=ROOT, stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert fakes.stdout is not None
    line = await asyncio.wait_for(fakes.stdout.readline(), timeout=60)
    if not line:
        raise SystemExit("the fake platforms did not start")
    return fakes, json.loads(line)


async def seed(core: Any) -> None:
    async with core.sessionmaker() as session, session.begin():
        await store.upsert_team(session=session, team_id=TEAM, name="Fuzz Clinic", cycle_id="healthcare-visit")
        for person_id, name, role in PEOPLE:
            await store.upsert_person(session=session, person_id=person_id, team_id=TEAM, display_name=name, role=role)
        await store.create_visit(session=session, ref="123", team_id=TEAM, mot_ids=["check-in", "waiting-room"])


async def main(args: argparse.Namespace) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="storybot-fuzz-"))
    url = args.database_url or f"sqlite:///{workdir / 'fuzz.db'}"
    await asyncio.to_thread(db.upgrade, url)
    fakes, env = await start_fakes()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    web_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    settings = load_settings(**env, DATABASE_URL=url, TELEGRAM_MODE="webhook",
                             TELEGRAM_WEBHOOK_URL=f"{web_url}/telegram/webhook",
                             TELEGRAM_WEBHOOK_SECRET=TELEGRAM_SECRET, STORYBOT_RUN_SCHEDULER=False,
                             STORYBOT_CHART_DIR=str(workdir / "charts"), STORYBOT_ANON_KEY="bench-fuzz-anon-key-0123456789",
                             _env_file=None)
    core = build_app(settings)
    server = uvicorn.Server(uvicorn.Config(create_app(core=core), log_level="warning", access_log=False,
                                           lifespan="on", timeout_graceful_shutdown=5))
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    stderr = _Tracebacks(sys.stderr)
    try:
        await seed(core)
        while not server.started:
            if serving.done():
                serving.result()
                raise SystemExit("the web app did not start")
            await asyncio.sleep(0.01)
        print(f"fuzzing {web_url} ({'PostgreSQL' if url.startswith('postgres') else 'SQLite'}): {args.requests} "
              f"requests, seed {args.seed}", flush=True)
        async with httpx.AsyncClient(timeout=60) as client:
            target = Target(web_url, slack_secret=env["SLACK_SIGNING_SECRET"], telegram_secret=TELEGRAM_SECRET,
                            client=client)
            with LogWatch() as watch, contextlib.redirect_stderr(stderr):
                tally = await fuzz(core, target, Mutator(load_corpus(), seed=args.seed), requests=args.requests,
                                   watch=watch)
    finally:
        server.should_exit = True
        await serving
        fakes.terminate()
        await fakes.wait()
    tally.tracebacks += [f"on stderr ({stderr.count})"] * bool(stderr.count)
    print(tally.table())
    for name, found in (("5xx", tally.five_xx), ("traceback", tally.tracebacks), ("stored", tally.stored),
                        ("not logged once", tally.unlogged), ("error line", tally.errors)):
        for line in found[:5]:
            print(f"  {name}: {line[:300]}")
    return 1 if tally.failures() else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000, help="how many (half per platform; default 10000)")
    parser.add_argument("--database-url", default=None, help="default: a new SQLite file in a temp directory")
    parser.add_argument("--seed", type=int, default=1, help="the mutator's random seed (default 1)")
    sys.exit(asyncio.run(main(parser.parse_args())))
