"""`build_app(settings)`: the one place that wires settings, database, cycles, NLP, dialogs and router."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from bot import db, home, store
from bot.adapters.base import Adapter
from bot.config import Settings
from bot.cycle import Cycle, load_cycles
from bot.dialogs.ask import ASK
from bot.dialogs.engine import Ask, DialogSpec
from bot.dialogs.recognition_review import PRIVACY_PHRASES, RECOGNITION_REVIEW, handle_privacy
from bot.dialogs.story import STORY
from bot.dialogs.visit_survey import VISIT_SURVEY
from bot.events import FormField, Home, OutgoingMessage, Platform
from bot.router import Router
from bot.team_config import apply_teams, load_teams_file
from bot.learning import MotLearner
from bot.nlp.redact import redact_text
from bot.pseudonym import Pseudonymiser
from bot.retention import RetentionService

log = logging.getLogger(__name__)


def build_dialogs() -> dict[str, DialogSpec]:
    return {spec.name: spec for spec in (STORY, VISIT_SURVEY, ASK, RECOGNITION_REVIEW)}


@dataclass(slots=True)
class App:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: db.SessionMaker
    cycles: dict[str, Cycle]
    router: Router
    extras: dict[str, Any] = field(default_factory=dict)
    adapters: dict[Platform, Adapter] = field(default_factory=dict)
    background: list[Any] = field(default_factory=list)  # things with async start()/stop(), e.g. the scheduler

    async def send(self, message: OutgoingMessage) -> None:
        """Proactive message through the platform of `message.key` (raises KeyError if it is off)."""
        await self.adapters[message.key.platform].send(message)

    async def sync_teams(self) -> None:
        """Apply STORYBOT_TEAMS_FILE (if set) so the configured teams and people exist."""
        if self.settings.teams_file is None:
            return
        teams = load_teams_file(self.settings.teams_file, self.cycles)
        async with self.sessionmaker() as session, session.begin():
            await apply_teams(session=session, teams=teams)
        log.info("applied %d team(s) from %s", len(teams), self.settings.teams_file)

    async def start(self) -> None:
        await self.sync_teams()
        for adapter in self.adapters.values():
            await adapter.start()
        for service in self.background:
            await service.start()

    async def stop(self) -> None:
        for service in reversed(self.background):
            await _quietly(service.stop)
        for adapter in self.adapters.values():
            await _quietly(adapter.stop)

    async def aclose(self) -> None:
        await self.stop()
        await self.engine.dispose()


async def _quietly(stop: Any) -> None:
    try:
        await stop()
    except Exception:  # noqa: BLE001 - shutting down: log and carry on with the rest
        log.exception("error while stopping %r", stop)


def build_app(settings: Settings, *, engine: AsyncEngine | None = None) -> App:
    """Wire everything. The database schema is not touched here: run `storybot db upgrade` (or
    `db.upgrade`) first; tests on in-memory SQLite use `db.create_all`."""
    engine = engine or db.make_engine(settings.database_url)
    sessionmaker = db.make_sessionmaker(engine)
    cycles = load_cycles(settings.cycles_dir)
    learner = MotLearner(cycles=cycles, model_dir=settings.model_dir, sessionmaker=sessionmaker,
                         interval_seconds=settings.retrain_seconds)
    extras: dict[str, Any] = {"learner": learner}
    router = Router(
        sessionmaker=sessionmaker,
        settings=settings,
        cycles=cycles,
        dialogs=build_dialogs(),
        suggest=learner.suggest,
        redact=redact_text,
        pseudonym=Pseudonymiser.from_secret(settings.anon_secret()),
        extras=extras,
    )
    app = App(settings, engine, sessionmaker, cycles, router, extras)
    app.background.append(learner)
    app.background.append(RetentionService(sessionmaker=sessionmaker, settings=settings))
    app.adapters.update(build_adapters(app))
    wire_weekly(app)
    return app


def wire_weekly(app: App) -> None:
    """Weekly shout-out, digest and nudges (docs/recognition.md): the service in `extras["weekly"]`,
    the privacy command, and the scheduler in `background` when STORYBOT_RUN_SCHEDULER is on."""
    from bot.weekly.service import WeeklyService

    service = WeeklyService(app)
    app.extras["weekly"] = service
    app.router.commands["privacy"] = handle_privacy
    app.router.phrases.update({phrase: "privacy" for phrase in PRIVACY_PHRASES})
    app.background.append(service)  # stop() waits for posts started by an approval
    if app.settings.run_scheduler:
        from bot.weekly.scheduler import Scheduler

        app.background.append(Scheduler(service))


# Turns in the router at once (`bot.adapters.turn.TurnOrder`). Queued turns wait there without using
# the event loop, so acks stay fast under a burst. SQLite writes one transaction at a time: more than
# one in flight only makes them wait for the file lock in SQLite's busy handler, which sleeps in
# growing steps (1, 2, 5, 10… ms), so on SQLite turns go through one at a time, in arrival order.
MAX_BUSY = 4
MAX_BUSY_SQLITE = 1
STORY_FORM_SLOTS = ("story", "action", "effect")  # the story dialog's questions the Slack form asks as text


def story_form_fields(spec: DialogSpec) -> tuple[FormField, ...]:
    """The story form's free-text questions, from the dialog's own `Ask` steps: the label is the
    prompt's last sentence ("Tell me about a great customer moment. What happened?" -> "What happened?")."""
    asks = {step.slot: step for step in spec.steps if isinstance(step, Ask) and isinstance(step.prompt, str)}
    return tuple(FormField(slot, re.split(r"(?<=[.!])\s+", asks[slot].prompt)[-1], not asks[slot].optional)
                 for slot in STORY_FORM_SLOTS)


def build_adapters(app: App) -> dict[Platform, Adapter]:
    """The platforms whose tokens are configured, each handed the router's `handle` and the typed
    callables it needs; SDKs are imported only when used."""
    adapters: dict[Platform, Adapter] = {}
    settings = app.settings
    max_busy = MAX_BUSY_SQLITE if settings.database_url.startswith("sqlite") else MAX_BUSY
    if settings.slack is not None:
        from bot.adapters.slack.adapter import SlackBackend, build_slack_adapter

        async def load_home(person_id: str) -> Home:
            async with app.sessionmaker() as session:
                return await home.build_home(session=session, person_id=person_id, cycles=app.cycles)

        async def story_mots(person_id: str) -> list[tuple[str, str]] | None:
            async with app.sessionmaker() as session:
                return await home.story_mots(session=session, person_id=person_id, cycles=app.cycles)

        async def claim(event_id: str) -> bool:
            async with app.sessionmaker() as session, session.begin():
                return await store.claim_event(session=session, source=str(Platform.SLACK), event_id=event_id)

        backend = SlackBackend(handle=app.router.handle, load_home=load_home, story_mots=story_mots, claim=claim,
                               story_fields=story_form_fields(STORY))
        adapters[Platform.SLACK] = build_slack_adapter(settings=settings.slack, backend=backend, max_busy=max_busy)
    if settings.telegram is not None:
        from bot.adapters.telegram.adapter import build_telegram_adapter

        adapters[Platform.TELEGRAM] = build_telegram_adapter(settings=settings.telegram, handler=app.router.handle,
                                                             max_busy=max_busy)
    return adapters
