"""The seeded demo behind the real router, for benches that talk to the bot as managers do (bench/manager_edges.py,
bench/followups.py): a fresh SQLite database under `workdir` with the demo teams and eight weeks of demo data."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot import db
from bot.app import build_app
from bot.config import load_settings
from bot.events import ConversationKey, IncomingMessage
from bot.seed import seed_demo
from bot.team_config import apply_teams, load_teams_file

ROOT = Path(__file__).resolve().parent.parent
ASKER = {"clinic": "dana", "restaurant": "leo"}  # the demo's managers


@asynccontextmanager
async def seeded_demo(workdir: Path) -> AsyncIterator[Any]:
    url = f"sqlite:///{workdir / 'demo.db'}"
    await asyncio.to_thread(db.upgrade, url)
    settings = load_settings(DATABASE_URL=url, STORYBOT_RUN_SCHEDULER=False, STORYBOT_ANON_KEY="bench-demo-key-0123456789",
                             _env_file=None)
    core = build_app(settings)
    try:
        teams = load_teams_file(ROOT / "data" / "demo" / "teams.yaml", core.cycles)
        async with core.sessionmaker() as session, session.begin():
            await apply_teams(session=session, teams=teams)
            await seed_demo(session=session, teams=teams, cycles=core.cycles, weeks=8, force=False)
        await core.services.learner.warm_up()
        yield core
    finally:
        await core.aclose()


async def say(core: Any, key: ConversationKey, text: str) -> str:
    """The bot's replies to `text` from `key`, one text."""
    out = await core.router.handle(IncomingMessage(key, text=text, message_id=uuid.uuid4().hex))
    return "\n".join(m.text for m in out)
