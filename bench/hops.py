"""How many of our functions hand one Slack DM mid-story on, between the HTTP route and the reply.

    .venv/bin/python bench/hops.py [--all]

The real web app (`bot.web.create_app`) and the fake Slack Web API (`devkit/fakes/slack_api.py`)
run here on 127.0.0.1, over real HTTP, on a fresh migrated SQLite file. A staff member starts the
story dialog (`story`, what happened, confirms the suggested moment) and then, measured, types the
answer to the next question. While that one signed request goes in and its reply comes out at
the fake `chat.postMessage`, `sys.setprofile` records every Python function called in this thread:
the distinct `bot.*` functions (module.qualname), in the order first called, except

- everything below the dialog engine's entry: `bot.dialogs.engine.advance`/`start` count as one
  function, and what the dialog does inside is not plumbing;
- the leaf packages `bot.nlp` and `bot.markup` (text processing, not hops);
- comprehensions, generator expressions and lambdas (`<genexpr>`, `<lambda>`: parts of a function).

THE figure, printed first, is the hops: the functions of ours that hand the message on (adapter
glue, router, store, and the engine's entry). Printed below it, labelled and not counted: pure
translation and rendering helpers (tested as pure functions), the database driver shim, value-object
helpers, and callbacks a library makes for its own purposes (`NOT_HOPS`). The issue's target
(issue 11): at most 12 hops. `--all` also prints the functions excluded above.

Measured with this script: 28 hops on 1a8fdfc (the layout moves of issue 11), 15 on 68cff83
(adapters at the edge), 12 once `TurnOrder.run` posts the replies and `Router.handle` retries itself;
16 on 69a65dc (the router's small-talk aside and the engine's step lookups), 23 with the durable inbox
(issue 15): the request now stores the event (`SlackAdapter._take`, `Inbox.accept`,
`Inbox._write_queued`, `store.inbox.add_inbox_events`) and a lane of the inbox runs the turn
(`Inbox._lane`, `store.inbox.take_inbox_event`, `Inbox._process`, `SlackAdapter.process`). The ack is
then two hops longer and the turn is no longer a task of the request: what survives a crash is what
the hops buy. 29 with the durable outbox (issue 15): the turn stores its replies
(`SlackAdapter._send_later`, `SlackAdapter._requests`, `Outbox.send_later`,
`store.outbox.add_outbox_messages`) and a sender of the outbox sends them (`Outbox._lane`,
`store.outbox.take_outbox_message`, `Outbox._send`, `SlackAdapter.deliver`), instead of
`SlackAdapter._post` and `SlackAdapter._call`: a reply then outlives a 429, an outage or a restart."""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import db, store  # noqa: E402
from bot.app import build_app  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.web import create_app  # noqa: E402
from devkit.fakes.slack_api import FakeSlackApi, SlackSender, click_payload, message_event, serve  # noqa: E402

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench-token"
USER = "U0ALICE"
STORY = ("A lady had been sitting in the waiting room for an hour and was upset about the long wait, "
         "so I explained the delay and offered her tea.")
ENTRIES = {("bot.dialogs.engine", "advance"), ("bot.dialogs.engine", "start")}
LEAVES = ("bot.nlp", "bot.markup")


def _name(frame: FrameType) -> tuple[str, str]:
    return str(frame.f_globals.get("__name__", "")), frame.f_code.co_qualname


def _below_entry(frame: FrameType | None) -> bool:
    """Whether a caller of this frame (awaiting coroutines included) is the dialog engine's entry."""
    while frame is not None:
        if _name(frame) in ENTRIES:
            return True
        frame = frame.f_back
    return False


class Recorder:
    def __init__(self) -> None:
        self.crossed: list[str] = []
        self.excluded: set[str] = set()

    def __call__(self, frame: FrameType, event: str, arg: Any) -> None:
        if event != "call":
            return
        module, qualname = _name(frame)
        if not (module == "bot" or module.startswith("bot.")):
            return
        name = f"{module}.{qualname}"
        if name in self.crossed or name in self.excluded:
            return
        if "<" in qualname or module.startswith(LEAVES) or _below_entry(frame.f_back):
            self.excluded.add(name)
        else:
            self.crossed.append(name)


async def _reply(fake: FakeSlackApi, count: int) -> dict[str, Any]:
    posts = await fake.wait_for("chat.postMessage", count, timeout=30)
    return posts[count - 1]


async def measure() -> Recorder:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'hops.db'}"
        db.upgrade(url)
        fake = FakeSlackApi(token=TOKEN)
        await fake.start()
        settings = load_settings(DATABASE_URL=url, SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET,
                                 SLACK_API_URL=fake.api_url, STORYBOT_RUN_SCHEDULER=False,
                                 STORYBOT_ANON_KEY="bench-anon-key-0123456789abcdef", _env_file=None)
        core = build_app(settings)
        async with core.sessionmaker() as session, session.begin():
            await store.upsert_team(session=session, team_id="riverside", name="Riverside Clinic",
                                    cycle_id="healthcare-visit", timezone="Europe/London", channels={"slack": "C1"})
            await store.upsert_person(session=session, person_id=f"slack:{USER}", team_id="riverside",
                                      display_name="Alice", role="staff")
        web = await serve(create_app(core=core))
        sender = SlackSender(f"{web.url}/slack/events", SECRET)
        adapter: Any = core.adapters[next(iter(core.adapters))]
        try:
            posted = 0
            for text in ("story", STORY):
                await sender.event(message_event(USER, text))
                posted += 1
                await _reply(fake, posted)
                await adapter.idle()
            await sender.interaction(click_payload(USER, await _reply(fake, posted), "confirm"))
            posted += 1
            await _reply(fake, posted)
            await adapter.idle()

            recorder = Recorder()
            sys.setprofile(recorder)
            try:
                answer = await sender.event(message_event(USER, "I offered her a cup of tea"))
                reply = await _reply(fake, posted + 1)  # the reply is posted: what runs after is not on the path
            finally:
                sys.setprofile(None)
            await adapter.idle()
            assert answer.status_code == 200, answer.status_code
            print(f"reply: {reply.get('text', '')[:100]!r}")
            return recorder
        finally:
            await web.stop()
            await sender.aclose()
            await fake.stop()


# What each function crossed is, by the first prefix of its module.qualname that matches. Hops: the
# functions that hand the message on. "adapter glue" is the adapter but its pure functions: HTTP,
# tasks, turns (bot/adapters/turn.py), sending. A function matching no prefix is a hop too ("other"),
# so nothing new on the path goes unseen.
HOPS = (("bot.dialogs.engine.advance", "engine entry"), ("bot.dialogs.engine.start", "engine entry"),
        ("bot.adapters.payload.read_body", "adapter glue"), ("bot.adapters.", "adapter glue"),
        ("bot.router.", "router"), ("bot.store.", "store"), ("bot.store_sql.", "store"), ("bot.inbox.", "inbox"))
NOT_HOPS = (
    ("bot.adapters.payload.", "pure translate/render helpers"),
    ("bot.adapters.slack.translate.", "pure translate/render helpers"),
    ("bot.adapters.slack.render.", "pure translate/render helpers"),
    ("bot.db_sqlite.", "database driver shim (cursor, column types, utcnow)"),
    ("bot.models.", "database driver shim (cursor, column types, utcnow)"),
    ("bot.events.", "value-object helpers (ConversationKey, Reply.to, pseudonym HMAC)"),
    ("bot.dialogs.engine.Reply.", "value-object helpers (ConversationKey, Reply.to, pseudonym HMAC)"),
    ("bot.pseudonym.", "value-object helpers (ConversationKey, Reply.to, pseudonym HMAC)"),
    ("bot.adapters.slack.adapter.NotSentRetryHandler.", "library callbacks (slack_sdk's retry-policy hook)"),
    ("bot.adapters.slack.adapter.DirectRateLimitRetryHandler.", "library callbacks (slack_sdk's retry-policy hook)"),
)
RULES = tuple((prefix, kind, False) for prefix, kind in NOT_HOPS) + tuple((p, kind, True) for p, kind in HOPS)


def _kind(name: str) -> tuple[str, bool]:
    """(what it is, whether it is a hop): the longest matching prefix decides."""
    matches = [(len(prefix), kind, hop) for prefix, kind, hop in RULES if name.startswith(prefix)]
    _, kind, hop = max(matches, default=(0, "other", True))
    return kind, hop


def _by_kind(names: list[str]) -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for name in names:
        kinds.setdefault(_kind(name)[0], []).append(name)
    return kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="also print the excluded functions")
    args = parser.parse_args()
    recorder = asyncio.run(measure())
    hops = [name for name in recorder.crossed if _kind(name)[1]]
    others = [name for name in recorder.crossed if not _kind(name)[1]]
    hop_kinds, other_kinds = _by_kind(hops), _by_kind(others)
    summary = " + ".join(f"{kind} {len(names)}" for kind, names in hop_kinds.items())
    print(f"hops (functions of ours that hand the message on): {len(hops)} ({summary}); target: at most 12")
    for kind, names in hop_kinds.items():
        print(f"  {kind} ({len(names)}):")
        for name in names:
            print(f"    {name}")
    print(f"not counted: {len(others)} more functions of ours on the path")
    for kind, names in other_kinds.items():
        print(f"  {kind} ({len(names)}):")
        for name in names:
            print(f"    {name}")
    print(f"all functions of ours crossed: {len(recorder.crossed)}")
    if args.all:
        print("excluded (below the engine's entry, leaf packages, comprehensions and lambdas):")
        for name in sorted(recorder.excluded):
            print(f"  {name}")


if __name__ == "__main__":
    main()
