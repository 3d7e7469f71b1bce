"""`build_app(settings)`: the one place that wires settings, database, cycles, NLP, the weekly service,
the typed `Services` dialogs call on, the dialogs and their commands, the router and the adapters."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot import db, home, store
from bot.adapters.base import Adapter, Inboxed, Outboxed
from bot.config import Settings
from bot.cycle import Cycle, load_cycles_leniently
from bot.db import AsyncEngine
from bot.dialogs.ask import ASK
from bot.dialogs.engine import Ask, Command, DialogSpec
from bot.dialogs.problem import PROBLEM, PROBLEMS
from bot.dialogs.recognition_review import PRIVACY, RECOGNITION_REVIEW
from bot.dialogs.service import Services
from bot.dialogs.story import MY_STORIES, STORY
from bot.dialogs.visit_survey import VISIT_SURVEY
from bot.events import FormField, Home, OutgoingMessage, Platform
from bot.inbox import Doorbell, Inbox
from bot.outbox import Outbox
from bot.models import utcnow
from bot.router import Router
from bot.team_config import apply_teams, load_teams_file
from bot.learning import MotLearner
from bot.nlp.message_kind import prepare_kind_model
from bot.nlp.redact import redact_text
from bot.pseudonym import Pseudonymiser
from bot.retention import RetentionService

if TYPE_CHECKING:
    from bot.weekly.service import WeeklyService

log = logging.getLogger(__name__)


def build_dialogs() -> dict[str, DialogSpec]:
    """Every dialog; the order is the menu's (`DialogSpec.menu`) and, where two specs share a word, the first wins."""
    return {spec.name: spec for spec in (STORY, PROBLEM, ASK, VISIT_SURVEY, RECOGNITION_REVIEW)}


def build_commands() -> tuple[Command, ...]:
    """The one-shot commands (no conversation state), declared next to their dialogs."""
    return (PRIVACY, PROBLEMS, MY_STORIES)


@dataclass(slots=True)
class App:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: db.SessionMaker
    cycles: dict[str, Cycle]
    services: Services  # the learner, the weekly service, redaction, the clock (no session: see `Services`)
    weekly: WeeklyService  # also `services.weekly`, typed there as what dialogs need of it
    router: Router
    inbox: Inbox  # every platform event is stored here before it is acked; the web app runs its lanes (`serve`)
    outbox: Outbox  # every reply is stored here before it is sent; the web app runs its senders (`serve`)
    adapters: dict[Platform, Adapter] = field(default_factory=dict)
    background: list[Any] = field(default_factory=list)  # things with async start()/stop(), e.g. the scheduler
    cycle_problems: dict[str, str] = field(default_factory=dict)  # broken cycle files: {cycle id: what is wrong}
    _background_started: bool = field(default=False, init=False, repr=False)

    async def send(self, message: OutgoingMessage) -> None:
        """Proactive message through the platform of `message.key` (raises KeyError if it is off)."""
        await self.adapters[message.key.platform].send(message)

    async def sync_teams(self) -> None:
        """Apply STORYBOT_TEAMS_FILE (if set) so the configured teams and people exist."""
        if self.settings.teams_file is None:
            return
        teams = load_teams_file(self.settings.teams_file, self.cycles, self.cycle_problems)
        off = [team for team in teams if team.cycle not in self.cycles]
        for team in off:  # its cycle file is broken (bot/startup.py said which field): the others go on
            log.warning("team %s is not set up from the teams file until its cycle file is fixed: %s",
                        team.id, self.cycle_problems[team.cycle])
        teams = [team for team in teams if team.cycle in self.cycles]
        async with self.sessionmaker() as session, session.begin():
            await apply_teams(session=session, teams=teams)
        log.info("applied %d team(s) from %s", len(teams), self.settings.teams_file)

    async def start(self) -> None:
        await self.sync_teams()
        for adapter in self.adapters.values():
            await adapter.start()
        self._background_started = True
        for service in self.background:
            await service.start()

    async def serve(self) -> None:
        """`start`, then the inbox's lanes (after the adapters: they send through them). Only the web
        app serves (one process, or the turn processes of `storybot web`, bot/cli/workers.py): CLI
        commands and `storybot scheduler` start the app without taking inbox events."""
        # the message-kind model now, not at the first message (a fit takes seconds; kept in the model dir).
        # Only here: `storybot scheduler` and the CLI's one-off commands read no messages.
        await asyncio.to_thread(prepare_kind_model, self.settings.model_dir)
        await self.start()
        await self.outbox.start()
        await self.inbox.start()

    async def serve_requests(self) -> None:
        """A web process of `storybot web`: only the adapters, which accept events into the inbox and
        answer the platforms; no lanes, senders, scheduler or learner. Turns run in the turn processes,
        so none of them holds up an acknowledgement (docs/architecture.md, "Two kinds of process")."""
        for adapter in self.adapters.values():
            await adapter.start()

    async def stop(self) -> None:
        await _quietly(self.inbox.stop)  # first: events in hand finish (or go back) while adapters can send
        await _quietly(self.outbox.stop)  # then the replies they stored, while the adapters can still send
        for service in reversed(self.background if self._background_started else []):
            await _quietly(service.stop)
        for adapter in self.adapters.values():
            await _quietly(adapter.stop)

    async def aclose(self) -> None:
        await self.stop()
        await self.inbox.aclose()
        await self.engine.dispose()


async def _quietly(stop: Any) -> None:
    try:
        await stop()
    except Exception:  # noqa: BLE001 - shutting down: log and carry on with the rest
        log.exception("error while stopping %r", stop)


def build_app(
    settings: Settings, *, engine: AsyncEngine | None = None, clock: Callable[[], datetime] = utcnow,
    doorbell: Doorbell | None = None,
) -> App:
    """Wire everything. The database schema is not touched here: the CLI brings it up to date first
    (`bot.startup.prepare`, or `storybot db upgrade`); tests on in-memory SQLite use `db.create_all`.
    A broken cycle file is left out (`cycle_problems`), so only its teams stop. `clock` is the router's "now";
    `doorbell` links the web and turn processes of `storybot web` (bot/cli/workers.py)."""
    engine = engine or db.make_engine(settings.database_url)
    sessionmaker = db.make_sessionmaker(engine)
    cycles, cycle_problems = load_cycles_leniently(settings.cycles_dir)
    learner = MotLearner(cycles=cycles, model_dir=settings.model_dir, sessionmaker=sessionmaker,
                         interval_seconds=settings.retrain_seconds)
    # The weekly service sends through the adapters, which are built last (they take the router): it
    # looks them up in this dict, filled below, when it sends.
    adapters: dict[Platform, Adapter] = {}
    weekly = wire_weekly(settings=settings, sessionmaker=sessionmaker, cycles=cycles, adapters=adapters)
    services = Services(settings=settings, cycles=cycles, learner=learner, weekly=weekly, redact=redact_text,
                        clock=clock)
    router = Router(
        sessionmaker=sessionmaker,
        services=services,
        dialogs=build_dialogs(),
        pseudonym=Pseudonymiser.from_secret(settings.anon_secret()),
        commands=build_commands(),
    )
    sqlite = settings.database_url.startswith("sqlite")
    inbox_engine = db.make_inbox_engine(settings.database_url)  # SQLite: a file of its own (see there)
    inbox = Inbox(sessionmaker=db.make_sessionmaker(inbox_engine) if inbox_engine else sessionmaker,
                  engine=inbox_engine, lanes=INBOX_LANES_SQLITE if sqlite else INBOX_LANES,
                  lease_seconds=settings.inbox_lease_seconds, grace_seconds=settings.inbox_grace_seconds,
                  single_process=sqlite, wait_for_disk=settings.inbox_wait_for_disk, doorbell=doorbell,
                  autocommit=db.make_autocommit_sessionmaker(inbox_engine) if inbox_engine else None,
                  writers=1 if sqlite else INBOX_WRITERS)
    outbox = Outbox(sessionmaker=inbox.sessionmaker, lanes=OUTBOX_LANES_SQLITE if sqlite else OUTBOX_LANES,
                    single_process=sqlite, write_lock=inbox.write_lock, give_up_seconds=settings.outbox_give_up_seconds,
                    grace_seconds=settings.outbox_grace_seconds, lease_seconds=settings.outbox_lease_seconds)
    app = App(settings, engine, sessionmaker, cycles, services, weekly, router, inbox, outbox, adapters,
              cycle_problems=cycle_problems)
    app.background.append(learner)
    app.background.append(RetentionService(sessionmaker=sessionmaker, settings=settings))
    app.background.append(weekly)  # stop() waits for posts started by an approval
    if settings.run_scheduler:
        app.background.append(build_scheduler(weekly, settings))
    app.adapters.update(build_adapters(app))
    inbox.processors.update({str(p): a.process for p, a in app.adapters.items() if isinstance(a, Inboxed)})
    outbox.deliverers.update({str(p): a.deliver for p, a in app.adapters.items() if isinstance(a, Outboxed)})
    return app


def wire_weekly(
    *, settings: Settings, sessionmaker: db.SessionMaker, cycles: Mapping[str, Cycle], adapters: Mapping[Platform, Adapter]
) -> WeeklyService:
    """The weekly shout-out, digest and nudges (docs/recognition.md); `build_app` adds it to `Services`,
    to `background`, and its scheduler too when STORYBOT_RUN_SCHEDULER is on. It sends through
    `adapters`, which is filled after the router exists: every lookup happens when it sends."""
    from bot.adapters.base import PostFinder
    from bot.weekly.service import WeeklyService

    async def send(message: OutgoingMessage) -> None:
        await adapters[message.key.platform].send(message)

    def post_finder(platform: Platform) -> PostFinder | None:
        adapter = adapters.get(platform)
        return adapter if isinstance(adapter, PostFinder) else None

    return WeeklyService(sessionmaker=sessionmaker, settings=settings, cycles=cycles, send=send,
                         platforms=lambda: adapters.keys(), post_finder=post_finder)


def build_scheduler(weekly: WeeklyService, settings: Settings, *, tick_seconds: float | None = None) -> Any:
    """The APScheduler-driven weekly jobs (STORYBOT_RUN_SCHEDULER), on the weekly service; `tick_seconds`
    overrides the setting (tests)."""
    from bot.weekly.scheduler import Scheduler

    return Scheduler(weekly, database_url=settings.database_url,
                     tick_seconds=tick_seconds or settings.scheduler_tick_seconds,
                     grace_seconds=settings.misfire_grace_seconds)


# Turns in the router at once (`bot.adapters.turn.TurnOrder`). Queued turns wait there without using
# the event loop, so acks stay fast under a burst. SQLite writes one transaction at a time: more than
# one in flight only makes them wait for the file lock in SQLite's busy handler, which sleeps in
# growing steps (1, 2, 5, 10… ms), so on SQLite turns go through one at a time, in arrival order.
MAX_BUSY = 4
MAX_BUSY_SQLITE = 1
# Inbox lanes (bot/inbox.py): events taken and processed at once in this process. A lane also posts
# its turn's replies, so on SQLite more than one lets replies go out while the next turn is in the router.
INBOX_LANES = 8
INBOX_LANES_SQLITE = 4
# PostgreSQL: acknowledgements stored at once per process, each batch on its own connection of the inbox's
# pool (SQLAlchemy's 5 + 10), so one slow round trip holds back only its own conversations' acks.
INBOX_WRITERS = 4
# Outbox senders (bot/outbox.py): requests sent at once, each of another conversation. A sender waits
# for the platform's answer, not for the database, so more than the inbox's lanes.
OUTBOX_LANES = 16
OUTBOX_LANES_SQLITE = 8
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

    async def settle() -> None:  # everything accepted is processed, and every reply it made is sent (or recorded)
        await app.inbox.idle()
        await app.outbox.idle()
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
                               story_fields=story_form_fields(STORY), accept=app.inbox.accept, settle=settle,
                               send_later=app.outbox.send_later)
        adapters[Platform.SLACK] = build_slack_adapter(settings=settings.slack, backend=backend, max_busy=max_busy)
    if settings.telegram is not None:
        from bot.adapters.telegram.adapter import build_telegram_adapter

        adapters[Platform.TELEGRAM] = build_telegram_adapter(settings=settings.telegram, handler=app.router.handle,
                                                             max_busy=max_busy, accept=app.inbox.accept,
                                                             settle=settle, send_later=app.outbox.send_later)
    return adapters
