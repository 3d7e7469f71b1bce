"""Exactly-once weekly jobs: the team shout-out ("recognition"), the manager "digest" and staff
"nudge" DMs. `WeeklyService.run` is what the scheduler and `storybot recognition run` call; what
each run sends comes from `bot.weekly.draft`, its rows from `bot.store.weekly_run`.

A `WeeklyRun` row, unique per (kind, team, ISO week), is claimed with an INSERT before anything is
sent; a unique violation means another process (a second scheduler, a restart catching up a
misfire, a manual run) has it, and this one does nothing. Each send attempt is then taken with a
compare-and-set on `attempts`, so only one process ever sends for a row:

    claimed ─▶ posted | empty | awaiting_approval (─▶ claimed | skipped) | failed (─▶ claimed: --retry, Post again)
       ▲  └─ a failed attempt keeps `claimed` + `error`; `sweep()` retries it after a back-off

Targets already reached are recorded one by one (`content["delivered"]`), so a retry only sends to
the ones that failed. A post people see is sent at most once unless the platform can be asked: each
target is marked unsure (`content["unsure"]`) *before* it is sent and cleared when the platform
answers, so a send whose answer was lost (`MaybeSent`) or a process that dies mid-send leaves it
unsure. An unsure target is sent again only when the platform says it isn't there (Slack:
`find_post` looks for the post's metadata), or when a manager, told that it "may have been
posted", presses *Post again* (`content["again"]`); never by a retry, `sweep()` or `--retry`.

An attempt is leased to its process: while it runs, the process renews it (a compare-and-set on the
attempt that moves `updated_at`, every third of STORYBOT_WEEKLY_LEASE_SECONDS), so a scheduler that
dies mid-post loses it one lease later and another process's `sweep()` takes it up (`_interrupted`:
its unsure targets are looked for before anything is sent again). A process that finds its attempt
taken over (a save's compare-and-set fails) stops before its next send."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import store
from bot.adapters.base import MaybeSent, PostFinder
from bot.events import Choice, ConversationKey, OutgoingMessage, Platform
from bot.models import utcnow
from bot.store.weekly_run import (
    AWAITING, CLAIMED, EMPTY, FAILED, POSTED, SKIPPED, after_commit, claim_weekly_run, find_weekly_run,
    get_weekly_run, list_claimed_runs, take_attempt, update_weekly_run,
)
from bot.weekly.draft import PermanentError, approval_requests, draft, failure_reports
from bot.weekly.week import KINDS, Slot, due_week, team_slot, window

if TYPE_CHECKING:
    from bot.store import AsyncSession

    from bot.config import Settings
    from bot.cycle import Cycle
    from bot.db import SessionMaker
    from bot.models import Team, WeeklyRun

log = logging.getLogger(__name__)


class AttemptLost(Exception):
    """This process's attempt was taken over by another (its lease ran out): it must not send."""


@dataclass(frozen=True, slots=True)
class RunResult:
    # a WeeklyRun status, or "taken" | "retrying" | "unsure" | "disabled" | "no-platform" | "no-team" | "missing"
    status: str
    run_id: int | None
    week: str
    detail: str = ""


# --- the service ----------------------------------------------------------------------------------


class WeeklyService:
    """Claims, drafts, sends, retries and reports weekly runs (built by `bot.app.wire_weekly`; `app.weekly`).
    Its `start`/`stop` let `App.background` wait for sends it started (e.g. after an approval).

    `send` posts through the platform of the message's key; `platforms()` are the platforms that
    can send now; `post_finder(platform)` is that platform's way to look a tagged post up, or None
    when it can't tell (today only Slack can). `settings` is read when used, so a change shows at once."""

    def __init__(
        self, *, sessionmaker: SessionMaker, settings: Settings, cycles: Mapping[str, Cycle],
        send: Callable[[OutgoingMessage], Awaitable[None]], platforms: Callable[[], Collection[Platform]],
        post_finder: Callable[[Platform], PostFinder | None] = lambda _platform: None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings
        self.cycles = cycles
        self.send = send
        self._platforms = platforms
        self.post_finder = post_finder
        self.clock = clock
        self._tasks: set[asyncio.Task[RunResult]] = set()

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        await self.drain()

    @property
    def max_attempts(self) -> int:
        return 1 + len(self.settings.weekly_retry_seconds)

    def platforms(self) -> set[Platform]:
        return set(self._platforms())

    # --- entry points ---------------------------------------------------------------------------

    async def run(self, *, team_id: str, kind: str, week: str | None = None, force: bool = False) -> RunResult:
        """Claim this week's run for (kind, team) and carry it out. `week=None` means the week of the
        team's most recent scheduled time. Without `force`, a kind the team switched off is skipped."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
        now = self.clock()
        async with self.sessionmaker() as session:
            team = await store.get_team(session=session, team_id=team_id)
        if team is None:
            return RunResult("no-team", None, week or "", f"no team {team_id!r}")
        slot = team_slot(team, kind, self.settings)
        week = week or due_week(slot, now)
        window(slot, week, now)  # raises ValueError for a week that has not begun
        if not force and not slot.enabled:
            return RunResult("disabled", None, week, f"{kind} is switched off for {team_id}")
        unreachable = self._unreachable(team, kind)
        if unreachable:  # leave the week unclaimed for a process that can send (e.g. the web process)
            return RunResult("no-platform", None, week, unreachable)
        async with self.sessionmaker() as session, session.begin():
            run = await claim_weekly_run(session=session, kind=kind, team_id=team_id, week=week, now=now)
        if run is None or run.id is None:
            log.info("%s %s %s already claimed elsewhere", kind, team_id, week)
            return RunResult("taken", None, week, "already claimed (posted, or in progress elsewhere)")
        return await self.deliver(run.id)

    async def preview(self, *, team_id: str, kind: str, week: str | None = None) -> dict[str, Any]:
        """The content a run would send (to every configured channel, adapter or not), claiming
        nothing: `storybot recognition run --dry-run`. Adds "week" and "approval" to the content."""
        now = self.clock()
        async with self.sessionmaker() as session:
            team = await store.get_team(session=session, team_id=team_id)
            if team is None:
                raise LookupError(f"no team {team_id!r}")
            week = week or due_week(team_slot(team, kind, self.settings), now)
            content = await draft(session=session, settings=self.settings, cycles=self.cycles, team=team, kind=kind,
                                  week=week, now=now, platforms=set(Platform), chart=False)
        return content | {"week": week}

    async def reopen(self, *, team_id: str, kind: str, week: str) -> RunResult:
        """Give a failed run a fresh set of attempts (`storybot recognition run --retry`)."""
        async with self.sessionmaker() as session, session.begin():
            run = await find_weekly_run(session=session, kind=kind, team_id=team_id, week=week)
            if run is None or run.id is None or run.status != FAILED:
                return RunResult(run.status if run else "missing", run.id if run else None, week,
                                 "only failed runs reopen")
            await update_weekly_run(session=session, run_id=run.id, now=self.clock(), expect_status=FAILED,
                                    status=CLAIMED, attempts=0, error=None)
        return await self.deliver(run.id)

    @property
    def lease(self) -> timedelta:
        return timedelta(seconds=self.settings.weekly_lease_seconds)

    async def deliver(self, run_id: int) -> RunResult:
        """One attempt at a claimed run: draft it if not drafted yet, then send what is not delivered.
        The attempt is renewed while it runs (`_renewing`)."""
        async with self.sessionmaker() as session:
            run = await get_weekly_run(session=session, run_id=run_id)
        if run is None:
            return RunResult("missing", run_id, "", "no such run")
        if run.status != CLAIMED:
            return RunResult(run.status, run_id, run.week, "nothing to do")
        now = self.clock()
        async with self.sessionmaker() as session, session.begin():
            if not await take_attempt(session=session, run_id=run_id, attempts=run.attempts, now=now):
                return RunResult("taken", run_id, run.week, "another process is on it")
        attempt = run.attempts + 1
        async with self._renewing(run_id, attempt):
            try:
                return await self._attempt(run, attempt, now)
            except AttemptLost:
                log.warning("%s %s %s: attempt %s was taken over by another process; stopped here", run.kind,
                            run.team_id, run.week, attempt)
                return RunResult("taken", run_id, run.week, "taken over by another process (its lease ran out)")

    async def _attempt(self, run: WeeklyRun, attempt: int, now: datetime) -> RunResult:
        assert run.id is not None
        run_id = run.id
        content = dict(run.content)
        try:
            if "targets" not in content:
                content = await self._draft(run, now)
                if not content["targets"]:
                    await self._held(run_id, attempt, status=EMPTY, content=content)
                    return RunResult(EMPTY, run_id, run.week, content.get("note", "nothing to send"))
                await self._held(run_id, attempt, content=content)
            if content.get("approval") and not content.get("decided_by"):
                return await self._ask_approval(run, content)  # never posted without a manager's yes
            content, errors = await self._send_pending(run, content, attempt)
        except AttemptLost:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure is recorded, retried and reported
            return await self._attempt_failed(run, attempt, [str(exc) or type(exc).__name__],
                                              permanent=isinstance(exc, PermanentError))
        unsure = content.get("unsure", {})
        recheck = [f"{_label(content, key)}: {entry.get('error', 'no answer')}; it is looked for there before "
                   "anything is sent again" for key, entry in unsure.items() if self._checkable(key, entry)]
        if errors or recheck:
            return await self._attempt_failed(run, attempt, errors, recheck=recheck)
        if unsure:  # nothing more we can do alone: ask the managers
            return await self._unsure(run, content, attempt)
        await self._held(run_id, attempt, status=POSTED, content=content)
        log.info("%s %s %s posted (attempt %s)", run.kind, run.team_id, run.week, attempt)
        return RunResult(POSTED, run_id, run.week, f"sent to {len(content['delivered'])} target(s)")

    async def sweep(self) -> list[RunResult]:
        """The scheduler's tick: retry failed attempts whose back-off is over, resume runs claimed but
        never attempted, and count attempts whose lease ran out (their process died) as interrupted
        (`_interrupted`)."""
        now = self.clock()
        async with self.sessionmaker() as session:
            rows = await list_claimed_runs(session=session)
        results = []
        delays = self.settings.weekly_retry_seconds
        for run in rows:
            assert run.id is not None
            if run.error and run.attempts >= 1:
                wait = timedelta(seconds=delays[min(run.attempts, len(delays)) - 1]) if delays else timedelta(0)
                if run.updated_at + wait <= now:
                    results.append(await self.deliver(run.id))
            elif run.updated_at + self.lease <= now and run.attempts == 0:
                results.append(await self.deliver(run.id))
            elif run.updated_at + self.lease <= now:
                results.append(await self._interrupted(run, now))
        return results

    async def slots(self) -> list[tuple[str, Slot]]:
        """(team id, slot) for every kind each team has switched on: what the scheduler keeps jobs for."""
        async with self.sessionmaker() as session:
            teams = await store.list_teams(session=session)
        return [(team.id, slot) for team in teams for kind in KINDS
                if (slot := team_slot(team, kind, self.settings)).enabled]

    async def post_again(self, *, session: AsyncSession, run: WeeklyRun, name: str) -> str:
        """A manager pressed *Post again* on a "may have been posted" report: reopen the run, with
        its unsure targets sent even when the platform can't tell whether they are there."""
        run_id = run.id
        assert run_id is not None
        unsure = sorted(run.content.get("unsure", {}))
        content = dict(run.content, again=unsure, again_by=name)
        if not await update_weekly_run(session=session, run_id=run_id, now=self.clock(), expect_status=FAILED,
                                       status=CLAIMED, attempts=0, error=None, content=content):
            return "Someone else has just decided on this."
        after_commit(session=session, callback=lambda: self.post_soon(run_id))
        where = " and ".join(_label(run.content, key) for key in unsure)
        return f"Thanks, {name}! Posting it to {where} again now."

    # --- approval (called by the recognition_review dialog inside the router's transaction) ------

    async def review(self, *, session: AsyncSession, run_id: int, person_id: str | None,
                     action: str = "approve") -> tuple[WeeklyRun | None, str]:
        """The run a manager may decide on (approve/edit/skip a draft, or post again what may not
        have been posted), or why not."""
        run = await get_weekly_run(session=session, run_id=run_id)
        if run is None or (run.kind != "recognition" and action != "again"):
            return None, "I can't find that shout-out draft any more."
        person = await store.get_person(session=session, person_id=person_id) if person_id else None
        if person is None or person.role != "manager" or person.team_id != run.team_id:
            return None, "Only the team's managers can approve its shout-out."
        if action == "again":
            if run.status == FAILED and run.content.get("unsure"):
                return run, ""
            who = run.content.get("again_by")
            done = {POSTED: "was posted", CLAIMED: "is being posted", FAILED: "could not be posted",
                    AWAITING: "is waiting for approval", SKIPPED: "was skipped"}.get(run.status, f"is {run.status}")
            what = {"recognition": "shout-out", "digest": "digest", "nudge": "story reminders"}.get(run.kind, run.kind)
            return None, f"This week's {what} ({run.week}) {done}" + (f" — {who} pressed Post again." if who else ".")
        if run.status != AWAITING:
            who = run.content.get("decided_by")
            done = {POSTED: "was posted", SKIPPED: "was skipped", CLAIMED: "is being posted",
                    FAILED: "could not be posted"}.get(run.status, f"is {run.status}")
            return None, f"This week's shout-out ({run.week}) {done}" + (f" — {who} decided." if who else ".")
        return run, ""

    async def decide(
        self, *, session: AsyncSession, run_id: int, person_id: str | None, name: str, decision: str,
        text: str | None = None,
    ) -> str:
        """Approve (optionally with new `text`) or skip a draft. Posting starts once the router's
        transaction commits, so a rolled-back message never posts."""
        run, problem = await self.review(session=session, run_id=run_id, person_id=person_id, action=decision)
        if run is None:
            return problem
        if decision == "again":
            return await self.post_again(session=session, run=run, name=name)
        content = dict(run.content, decided_by=name, decision=decision)
        if decision == "skip":
            status = SKIPPED
        else:
            status = CLAIMED
            if text:
                content["targets"] = [dict(t, text=text) for t in content.get("targets", [])]
        if not await update_weekly_run(session=session, run_id=run_id, now=self.clock(), expect_status=AWAITING,
                                       status=status, content=content):
            return "Someone else has just decided on this draft."
        if status == SKIPPED:
            return f"Okay, skipped: nothing will be posted for {run.week}."
        after_commit(session=session, callback=lambda: self.post_soon(run_id))
        where = ", ".join(t.get("label", t["key"]) for t in content.get("targets", []))
        return f"Thanks, {name}! ✅ Posting {'your text' if text else 'the shout-out'} to {where} now."

    def post_soon(self, run_id: int) -> None:
        task = asyncio.get_running_loop().create_task(self.deliver(run_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        """Wait for sends started by `post_soon` (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # --- internals ------------------------------------------------------------------------------

    def _unreachable(self, team: Team, kind: str) -> str:
        platforms = {str(p) for p in self.platforms()}
        if not platforms:
            return "no platform is configured in this process (SLACK_BOT_TOKEN / TELEGRAM_BOT_TOKEN)"
        if kind == "recognition" and team.channels and not platforms.intersection(team.channels):
            return f"none of the team's channels ({', '.join(team.channels)}) is on a platform configured here"
        return ""

    async def _draft(self, run: WeeklyRun, now: datetime) -> dict[str, Any]:
        async with self.sessionmaker() as session:
            team = await store.get_team(session=session, team_id=run.team_id)
            if team is None:
                raise PermanentError(f"team {run.team_id} no longer exists")
            return await draft(session=session, settings=self.settings, cycles=self.cycles, team=team, kind=run.kind,
                               week=run.week, now=now, platforms=self.platforms())

    async def _save(self, run_id: int, **values: Any) -> bool:
        async with self.sessionmaker() as session, session.begin():
            return await update_weekly_run(session=session, run_id=run_id, now=self.clock(), **values)

    async def _held(self, run_id: int, attempt: int, **values: Any) -> None:
        """Save what attempt `attempt` did, if it is still this process's (else `AttemptLost`)."""
        if not await self._save(run_id, expect_status=CLAIMED, expect_attempts=attempt, **values):
            raise AttemptLost(run_id)

    @asynccontextmanager
    async def _renewing(self, run_id: int, attempt: int) -> AsyncIterator[None]:
        """Hold attempt `attempt` of run `run_id` while the block runs: its lease (`updated_at`) is
        renewed every third of the lease, as long as the attempt is in flight (`claimed`, this
        attempt, no error). A renewal that can't be written (the database is away) is tried again;
        one that finds the attempt over or taken over stops."""
        async def renew() -> None:
            while True:
                await asyncio.sleep(self.lease.total_seconds() / 3)
                try:
                    async with self.sessionmaker() as session, session.begin():
                        held = await update_weekly_run(session=session, run_id=run_id, now=self.clock(),
                                                       expect_status=CLAIMED, expect_attempts=attempt)
                except Exception as exc:  # noqa: BLE001 - try again; the sends check the attempt themselves
                    log.warning("could not renew weekly run %s: %s: %s", run_id, type(exc).__name__, exc)
                    continue
                if not held:
                    return

        renewal = asyncio.create_task(renew(), name=f"weekly-lease-{run_id}")
        try:
            yield
        finally:
            renewal.cancel()
            await asyncio.gather(renewal, return_exceptions=True)

    async def _send_pending(self, run: WeeklyRun, content: dict[str, Any],
                            attempt: int) -> tuple[dict[str, Any], list[str]]:
        """Send each target not delivered yet, saving each outcome at once. A target is unsure from
        just before its send until the platform answers (see the module docstring). Each save is a
        compare-and-set on `attempt`: one that finds it taken over raises `AttemptLost` (nothing more
        is sent or written by this process)."""
        assert run.id is not None
        run_id = run.id
        delivered = list(content.get("delivered", []))
        unsure: dict[str, dict[str, Any]] = {k: dict(v) for k, v in content.get("unsure", {}).items()}
        again = list(content.get("again", []))
        errors = []

        async def save() -> None:
            nonlocal content
            content = dict(content, delivered=delivered, unsure=unsure, again=again)
            await self._held(run_id, attempt, content=content)

        for target in content["targets"]:
            key = target["key"]
            if key in delivered:
                continue
            message = to_message(target, post_id=f"{run_id}:{key}")
            if key in unsure:
                found = await self._find(target, message, unsure[key])
                if found:
                    log.info("%s %s %s: %s was posted after all", run.kind, run.team_id, run.week, key)
                    unsure.pop(key)
                    delivered.append(key)
                    again = [k for k in again if k != key]
                    await save()
                    continue
                if found is None and key not in again:  # may be there, and nobody can tell: leave it to the managers
                    unsure[key]["unknown"] = True
                    continue
            unsure[key] = {"since": self.clock().isoformat()}
            again = [k for k in again if k != key]  # a Post again click sends once
            await save()  # from here until the answer, the target may have been posted
            try:
                await self.send(message)
            except MaybeSent as exc:
                log.warning("weekly send to %s may have been posted: %s", key, exc)
                unsure[key]["error"] = (str(exc) or type(exc).__name__)[:300]
                if await self._find(target, message, unsure[key]):  # most often it is there: done
                    log.info("%s %s %s: %s was posted after all", run.kind, run.team_id, run.week, key)
                    unsure.pop(key)
                    delivered.append(key)
                await save()  # else looked for again by the next attempt, before anything is re-sent
                continue
            except Exception as exc:  # noqa: BLE001 - one failing channel must not block the others
                log.warning("weekly send to %s failed: %s: %s", key, type(exc).__name__, exc)
                errors.append(f"{target.get('label', key)}: {type(exc).__name__}: {exc}"[:300])
                unsure.pop(key)
                await save()
                continue
            unsure.pop(key)
            delivered.append(key)
            await save()
        return dict(content, delivered=delivered, unsure=unsure, again=again), errors

    def _checkable(self, key: str, entry: Mapping[str, Any]) -> bool:
        """Whether a later attempt can ask the platform about an unsure target (worth retrying)."""
        platform = ConversationKey.parse(key).platform
        return not entry.get("unknown") and self.post_finder(platform) is not None

    async def _find(self, target: Mapping[str, Any], message: OutgoingMessage, entry: Mapping[str, Any]) -> bool | None:
        """Is an unsure target on the platform? None when the platform can't tell."""
        finder = self.post_finder(message.key.platform)
        if target.get("image") or finder is None:  # a picture's post carries no tag
            return None
        try:
            return await finder.find_post(message, datetime.fromisoformat(entry["since"]))
        except Exception as exc:  # noqa: BLE001 - can't tell, then
            log.warning("could not check whether %s was posted: %s: %s", target["key"], type(exc).__name__, exc)
            return None

    async def _attempt_failed(self, run: WeeklyRun, attempt: int, errors: list[str], *,
                              recheck: Sequence[str] = (), permanent: bool = False) -> RunResult:
        """Retry after the back-off (`errors`: certain failures; `recheck`: unsure targets the
        platform can be asked about), or give up and tell the managers. Progress (`delivered`,
        `unsure`) is already saved by `_send_pending`, so only the outcome is written here."""
        error = "; ".join([*errors, *recheck])
        assert run.id is not None
        if attempt < self.max_attempts and not permanent:
            await self._held(run.id, attempt, error=error[:2000])
            wait = self.settings.weekly_retry_seconds[attempt - 1]
            log.warning("%s %s %s attempt %s failed (%s); retrying in %ss", run.kind, run.team_id, run.week,
                        attempt, error, wait)
            return RunResult("retrying", run.id, run.week, f"attempt {attempt} failed: {error}; next try in {wait}s")
        log.error("%s %s %s failed after %s attempt(s): %s", run.kind, run.team_id, run.week, attempt, error)
        await self._held(run.id, attempt, status=FAILED, error=error[:2000])
        await self._report(run, f"after {attempt} attempt{'s' if attempt > 1 else ''}: {'; '.join(errors)}"
                           if errors else None)  # unsure targets are reported apart, with Post again
        return RunResult(FAILED if errors else "unsure", run.id, run.week, error)

    async def _unsure(self, run: WeeklyRun, content: dict[str, Any], attempt: int) -> RunResult:
        """Everything else is delivered; the unsure targets are left to the managers (Post again)."""
        assert run.id is not None
        where = ", ".join(_label(content, key) for key in content.get("unsure", {}))
        error = f"may have been posted to {where}: no confirmation, so not sent again"
        log.error("%s %s %s %s", run.kind, run.team_id, run.week, error)
        await self._held(run.id, attempt, status=FAILED, error=error)
        await self._report(run, None)
        return RunResult("unsure", run.id, run.week, error)

    async def _interrupted(self, run: WeeklyRun, now: datetime) -> RunResult:
        """An attempt not renewed for a lease: its process died. Whatever it was sending is
        unsure; the attempt counts as failed, and the run goes on (or is reported after the last)."""
        assert run.id is not None
        error = "interrupted while sending (the process stopped)"
        content = dict(run.content)
        if content.get("targets") and "unsure" not in content:  # before per-target marks: any may have been in flight
            content["unsure"] = {t["key"]: {"since": run.updated_at.isoformat()} for t in content["targets"]
                                 if t["key"] not in content.get("delivered", [])}
        content["unsure"] = {k: dict(v, error=v.get("error", error)) for k, v in content.get("unsure", {}).items()}
        last = run.attempts >= self.max_attempts
        async with self.sessionmaker() as session, session.begin():
            done = await update_weekly_run(session=session, run_id=run.id, now=now, expect_status=CLAIMED,
                                           expect_attempts=run.attempts, error=error, content=content,
                                           **({"status": FAILED} if last else {}))
        if not done:
            return RunResult("taken", run.id, run.week, error)
        if last:
            await self._report(run, None if content["unsure"] else f"after {run.attempts} attempts, the last {error}")
            return RunResult("unsure" if content["unsure"] else FAILED, run.id, run.week, error)
        return await self.deliver(run.id)

    async def _ask_approval(self, run: WeeklyRun, content: dict[str, Any]) -> RunResult:
        assert run.id is not None
        async with self.sessionmaker() as session:
            requests = await approval_requests(session=session, team_id=run.team_id, run_id=run.id, week=run.week,
                                               content=content, platforms=self.platforms())
        await self._save(run.id, status=AWAITING, attempts=0, content=dict(content, asked=[r["key"] for r in requests]))
        sent = 0
        for request in requests:
            try:
                await self.send(to_message(request))
                sent += 1
            except MaybeSent as exc:  # most likely there: not worth asking twice
                log.warning("approval request to %s may have been sent: %s", request["key"], exc)
                sent += 1
            except Exception as exc:  # noqa: BLE001
                log.warning("approval request to %s failed: %s", request["key"], exc)
        if not sent:
            await self._save(run.id, error="no manager could be asked for approval")
            log.error("%s %s: no manager could be asked to approve the shout-out", run.team_id, run.week)
        return RunResult(AWAITING, run.id, run.week, f"asked {sent} manager(s) to approve")

    async def _report(self, run: WeeklyRun, error: str | None) -> None:
        """Tell the team's managers by DM that a weekly message could not be sent (`error`), and/or
        may have been posted (its unsure targets, with a *Post again* button)."""
        assert run.id is not None
        async with self.sessionmaker() as session:
            current = await get_weekly_run(session=session, run_id=run.id) or run
            unsure = [f"{_label(current.content, key)} ({entry.get('error') or 'no answer'})"
                      for key, entry in current.content.get("unsure", {}).items()]
            reports = await failure_reports(session=session, run=current, error=error, platforms=self.platforms(),
                                            unsure=unsure)
        for report in reports:
            try:
                await self.send(to_message(report))
            except Exception as exc:  # noqa: BLE001 - nothing more we can do than log it
                log.error("could not report the failed %s of %s to %s: %s", run.kind, run.team_id, report["key"], exc)


def _label(content: Mapping[str, Any], key: str) -> str:
    return next((t.get("label", key) for t in content.get("targets", []) if t["key"] == key), key)


def to_message(target: Mapping[str, Any], *, post_id: str | None = None) -> OutgoingMessage:
    """A stored target (`{"key", "text", "choices", "image"}`) as the message to send; `post_id`
    tags it where the platform keeps a tag (`<run id>:<target key>` for weekly posts)."""
    image = target.get("image")
    if image:
        image = image if Path(image).is_file() else None  # e.g. a retry in another container
    choices = tuple(Choice(c[0], c[1]) for c in target.get("choices", []))
    return OutgoingMessage(ConversationKey.parse(target["key"]), target["text"], choices, image, post_id=post_id)

