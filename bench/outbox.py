"""Outbox benchmark: replies of many conversations while the platform answers 429s, refuses
connections or drops them, for a window of time. Does every reply arrive, once, in order?

    .venv/bin/python bench/outbox.py [--conversations 50] [--window 10] [--retry-after 1]
                                     [--faults 429,refused,drop-before,drop-after] [--no-outbox]
                                     [--database-url postgresql://postgres@127.0.0.1/storybot_bench]

The real web app (`bot.web.create_app`) and the fake Slack Web API (devkit/fakes/slack_api.py) run
here, on 127.0.0.1, over real HTTP, on a fresh migrated SQLite file (or the given PostgreSQL database,
migrated). For each fault, `--conversations` staff members (new ones each time) each send two signed
DMs ("hello", then "help") while the fake answers every `chat.postMessage` for `--window` seconds
with that fault:

- `429`: HTTP 429 with `Retry-After: --retry-after`;
- `refused`: nothing listens on the port (connections refused: the request never left);
- `drop-before`: the connection is closed before the fake reads the request (nothing posted);
- `drop-after`: the message is posted, then the connection is closed without an answer.

Expected replies are the requests the turns made (`SlackAdapter._requests`, recorded here), per DM
channel and in order; delivered is what the channel shows. Printed per fault: conversations, replies
expected, delivered (distinct replies shown), lost, duplicated (extra copies), conversations out of
order, and the outbox's records (unknown: maybe sent, not sent again; failed: given up), and the time
from the end of the window until the last reply arrived. `--no-outbox` posts replies as before the
outbox (at once, from the turn; slack_sdk's own retries), for comparison."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import db, store  # noqa: E402
from bot.app import build_app  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.store.outbox import FAILED, UNKNOWN  # noqa: E402
from bot.web import create_app  # noqa: E402
from devkit.fakes.fault import offline_for  # noqa: E402
from devkit.fakes.slack_api import FakeSlackApi, SlackSender, message_event, serve  # noqa: E402

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench-token"
TEAM = "riverside"
FAULTS = ("429", "refused", "drop-before", "drop-after")


def _in_order(got: list[str], want: list[str]) -> bool:
    """Whether what arrived is what was asked for with some left out (a subsequence), copies aside."""
    got = [t for i, t in enumerate(got) if i == 0 or t != got[i - 1]]
    position = 0
    for text in got:
        try:
            position = want.index(text, position) + 1
        except ValueError:
            return False
    return True


def tally(expected: dict[str, list[str]], shown: dict[str, list[str]]) -> dict[str, int]:
    delivered = lost = duplicated = disorder = 0
    for channel, want in expected.items():
        got = shown.get(channel, [])
        have, need = Counter(got), Counter(want)
        delivered += sum(min(have[t], n) for t, n in need.items())
        lost += sum(max(0, n - have[t]) for t, n in need.items())
        duplicated += sum(max(0, n - need[t]) for t, n in have.items())
        if not _in_order(got, want):
            disorder += 1
    return {"expected": sum(len(t) for t in expected.values()), "delivered": delivered, "lost": lost,
            "duplicated": duplicated, "out of order": disorder}


async def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'outbox.db'}"
        db.upgrade(url)
        fake = FakeSlackApi(token=TOKEN)
        await fake.start()
        settings = load_settings(DATABASE_URL=url, SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET,
                                 SLACK_API_URL=fake.api_url, STORYBOT_RUN_SCHEDULER=False,
                                 STORYBOT_ANON_KEY="bench-anon-key-0123456789abcdef", _env_file=None)
        core = build_app(settings)
        async with core.sessionmaker() as session, session.begin():
            await store.upsert_team(session=session, team_id=TEAM, name="Riverside Clinic",
                                    cycle_id="healthcare-visit", timezone="Europe/London", channels={"slack": "C1"})
        adapter: Any = core.adapters[next(iter(core.adapters))]
        if args.no_outbox:
            import dataclasses
            adapter.backend = dataclasses.replace(adapter.backend, send_later=None)
            adapter._answers = adapter._answer()
        expected: dict[str, list[str]] = defaultdict(list)
        make = adapter._requests

        def recorded(message: Any, channel: str) -> list[dict[str, Any]]:
            requests = make(message, channel)
            for request in requests:
                expected[request["args"]["channel"]].append(request["args"].get("text", ""))
            return requests

        adapter._requests = recorded
        web = await serve(create_app(core=core))
        sender = SlackSender(f"{web.url}/slack/events", SECRET)
        mode = "without the outbox (replies posted from the turn)" if args.no_outbox else "with the outbox"
        print(f"{'PostgreSQL' if url.startswith('postgres') else 'SQLite'}, {mode}: {args.conversations} "
              f"conversations x 2 messages, a {args.window:g} s window per fault, Retry-After {args.retry_after:g} s")
        print(f"{'fault':12} {'conv':>5} {'expected':>8} {'delivered':>9} {'lost':>5} {'dup':>4} {'order':>6} "
              f"{'unknown':>7} {'failed':>6} {'tail s':>7}")
        try:
            await sender.event(message_event("U0WARMUP", "hello"))  # bolt's first auth.test, before any fault
            await adapter.idle()
            for fault in args.faults:
                users = [f"U{fault.upper().replace('-', '')}{n:03d}" for n in range(args.conversations)]
                async with core.sessionmaker() as session, session.begin():
                    for user in users:
                        await store.upsert_person(session=session, person_id=f"slack:{user}", team_id=TEAM,
                                                  display_name=user.title(), role="staff")
                expected.clear()
                unknown, failed = await core.outbox.count(UNKNOWN), await core.outbox.count(FAILED)
                back = None
                if fault == "refused":
                    back = await offline_for(fake, args.window)
                else:
                    fake.fault_window(args.window, fault, retry_after=args.retry_after)
                ends = time.monotonic() + args.window
                for text in ("hello", "help"):
                    await asyncio.gather(*(sender.event(message_event(user, text)) for user in users))
                await adapter.idle()
                if back is not None:
                    await back
                tail = max(0.0, time.monotonic() - ends)
                channels = {channel for channel in expected if channel.startswith("D")}
                shown = {channel: [m.get("text", "") for m in fake.posted(channel)] for channel in channels}
                figures = tally({c: expected[c] for c in channels}, shown)
                unknown = await core.outbox.count(UNKNOWN) - unknown
                failed = await core.outbox.count(FAILED) - failed
                print(f"{fault:12} {len(channels):5d} {figures['expected']:8d} {figures['delivered']:9d} "
                      f"{figures['lost']:5d} {figures['duplicated']:4d} {figures['out of order']:6d} "
                      f"{unknown:7d} {failed:6d} {tail:7.1f}")
        finally:
            await web.stop()
            await sender.aclose()
            await fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--window", type=float, default=10.0)
    parser.add_argument("--retry-after", type=float, default=1.0)
    parser.add_argument("--faults", type=lambda s: [f for f in s.split(",") if f], default=list(FAULTS))
    parser.add_argument("--no-outbox", action="store_true")
    parser.add_argument("--database-url")
    parser.add_argument("--log", action="store_true", help="show the bot's log (each fault logs a line per reply)")
    args = parser.parse_args()
    if not args.log:
        logging.disable(logging.ERROR)
    unknown = set(args.faults) - set(FAULTS)
    if unknown:
        parser.error(f"unknown fault(s): {', '.join(sorted(unknown))} (one of {', '.join(FAULTS)})")
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
