"""How long the bot keeps what people said: a purge that runs in every `storybot web` and
`storybot scheduler` process (and by hand, `storybot db purge`).

- abandoned conversations: a dialog state (its slots are the half-given answers) is deleted
  STORYBOT_EXPIRED_STATE_HOURS (24) after it expired; until then the person may still resume it;
- the turn log: turns older than STORYBOT_TURN_RETENTION_DAYS (90);
- de-duplication claims (keyed pseudonyms of platform message ids): after STORYBOT_EVENT_RETENTION_DAYS (14).

Stories, ratings and feedback are what the team collects on purpose and are not purged here.
Deleting is idempotent, so two processes purging at once do no harm."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot import store
from bot.config import Settings
from bot.models import utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Purged:
    dialog_states: int
    turns: int
    events: int

    def __str__(self) -> str:
        return (f"{self.dialog_states} expired conversation(s), {self.turns} turn(s), "
                f"{self.events} de-duplication id(s)")


async def purge(*, sessionmaker: Any, settings: Settings, now: datetime | None = None) -> Purged:
    now = now or utcnow()
    async with sessionmaker() as session, session.begin():
        states = await store.delete_expired_dialog_states(
            session=session, before=now - timedelta(hours=settings.expired_state_hours))
        turns = await store.delete_turns(session=session, before=now - timedelta(days=settings.turn_retention_days))
        events = await store.delete_processed_events(
            session=session, before=now - timedelta(days=settings.event_retention_days))
    return Purged(states, turns, events)


class RetentionService:
    """Purges at start (awaited, before the scheduler starts: on SQLite, APScheduler's synchronous job
    store must not wait for our write lock on the event loop) and then every
    STORYBOT_PURGE_INTERVAL_MINUTES (an `App.background` service)."""

    def __init__(self, *, sessionmaker: Any, settings: Settings, clock: Callable[[], datetime] = utcnow) -> None:
        self.sessionmaker, self.settings, self.clock = sessionmaker, settings, clock
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        if self._task is None:
            await self.run_once()
            self._task = asyncio.create_task(self._loop(), name="retention")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def run_once(self) -> Purged | None:
        try:
            purged = await purge(sessionmaker=self.sessionmaker, settings=self.settings, now=self.clock())
        except Exception as exc:  # noqa: BLE001 - e.g. the database is briefly away: next round
            log.warning("retention purge failed (%s: %s); trying again later", type(exc).__name__, exc)
            return None
        if purged.dialog_states or purged.turns or purged.events:
            log.info("retention: deleted %s", purged)
        return purged

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.settings.purge_interval_minutes * 60)
            await self.run_once()
