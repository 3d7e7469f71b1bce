"""The scheduler: APScheduler 3's `AsyncIOScheduler` plus what weekly jobs need around it, in the
spirit of PTB's `ext/_jobqueue.py`. It runs in the web process (`App.background`, when
STORYBOT_RUN_SCHEDULER is on) or alone (`storybot scheduler`, the Procfile's `worker:`). It reads
no team settings and sends nothing itself: it is given `Jobs` (the weekly service's `slots`, `run`
and `sweep`), the database URL for its job table and its timings.

* One cron job per (team, kind), id `weekly:<kind>:<team>`, in a persistent `SQLAlchemyJobStore` on
  the app's database (table `apscheduler_jobs`), at the team's weekday/time in the team's time zone.
  `coalesce=True` + `misfire_grace_time` (6 h): a run missed while the process was down is caught up
  once at start-up; later than that, it is skipped (and logged).
* Job callbacks are module-level coroutines referenced by text (`bot.weekly.scheduler:run_weekly_job`)
  with plain kwargs (team id, kind): nothing is pickled but names.
* The callbacks find their `Scheduler` in a `ContextVar` that the scheduler's own executor sets
  around `submit_job` (a public executor method; the job's task is created inside it and copies the
  context):
  no process-wide registry, and two schedulers (two `App`s, e.g. in a test) in one process each run
  jobs against their own service. Each callback also registers its task with its scheduler, so
  `stop()` can wait for a post in progress without reading APScheduler's private state.
* Exactly once is the `WeeklyRun` claim's job (bot/weekly/service.py), not the scheduler's: two
  processes sharing the job table may both fire a job; only one claims the week.
* At least once is the job table's: APScheduler writes a fired job's next run time (next week) before
  the job's task has even started, so a process killed in between lost the week (no claim, and
  nothing due any more: found by bench/crash.py --schedulers 2). The job store here holds that write
  back until the run is claimed (or found taken) (`_HoldsFiredJobs`); a process that dies first
  leaves the job due, and another scheduler, or this one restarted, fires it as a missed run.
* A local (in-memory) tick every STORYBOT_SCHEDULER_TICK_SECONDS retries failed posts
  (`Jobs.sweep`) and re-reads the teams' schedules every `resync_every` ticks."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.executors.asyncio import AsyncIOExecutor
from apscheduler.job import Job
from apscheduler.jobstores.base import ConflictingIdError, JobLookupError
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.config import sync_database_url

if TYPE_CHECKING:
    from bot.weekly.service import RunResult
    from bot.weekly.week import Slot

log = logging.getLogger(__name__)

JOB_FUNC = "bot.weekly.scheduler:run_weekly_job"
TICK_FUNC = "bot.weekly.scheduler:run_tick"
PREFIX = "weekly:"
_RUNNING: ContextVar[Scheduler | None] = ContextVar("storybot_scheduler", default=None)
_FIRED: ContextVar[str | None] = ContextVar("storybot_fired_job", default=None)  # the weekly job a task runs
T = TypeVar("T")


class Jobs(Protocol):
    """What the scheduler runs (`bot.weekly.service.WeeklyService` is one)."""

    async def slots(self) -> list[tuple[str, Slot]]: ...

    async def run(self, *, team_id: str, kind: str, week: str | None = None) -> RunResult: ...

    async def sweep(self) -> list[RunResult]: ...


def current_scheduler() -> Scheduler:
    scheduler = _RUNNING.get()
    if scheduler is None:
        raise RuntimeError("weekly jobs run only inside a started bot.weekly.scheduler.Scheduler")
    return scheduler


async def run_weekly_job(team_id: str, kind: str, week: str | None = None) -> str:
    """The job callback: claim and carry out this week's `kind` for `team_id` (idempotent). The job's
    next run time is written once the run is over (claimed, or taken elsewhere): see `_HoldsFiredJobs`."""
    scheduler, fired = current_scheduler(), _FIRED.get()
    try:
        result = await scheduler.track(scheduler.service.run(team_id=team_id, kind=kind, week=week))
    except asyncio.CancelledError:
        raise  # stopped mid-run: the next run time stays unwritten, so the job stays due (the claim decides)
    except BaseException:
        scheduler.release(fired)
        raise
    scheduler.release(fired)
    log.info("weekly %s for %s (%s): %s %s", kind, team_id, result.week, result.status, result.detail)
    return result.status


async def run_tick() -> None:
    scheduler = current_scheduler()
    await scheduler.track(scheduler.tick())


class _Executor(AsyncIOExecutor):
    """AsyncIOExecutor that makes its scheduler visible to the jobs it starts: `submit_job` creates
    the job's task, which copies the context (ContextVar included) at creation."""

    def __init__(self, owner: Scheduler) -> None:
        super().__init__()
        self._owner = owner

    def submit_job(self, job: Job, run_times: list[datetime]) -> None:
        weekly = job.id.startswith(PREFIX)
        if weekly:  # APScheduler writes the job's next run time next: held until the run is claimed
            self._owner.hold(job.id)
        token, fired = _RUNNING.set(self._owner), _FIRED.set(job.id if weekly else None)
        try:
            super().submit_job(job, run_times)
        except BaseException:
            self._owner.release(job.id if weekly else None)
            raise
        finally:
            _FIRED.reset(fired)
            _RUNNING.reset(token)


class _HoldsFiredJobs:
    """Mixed into the weekly jobs' store: the write of a fired job's next run time (APScheduler's
    `update_job` right after `submit_job`) is held in memory until `release`, i.e. until the run
    has been claimed or found taken. Meanwhile this process sees the job as updated (so it does not
    fire it again); the table still shows it due, so if the process dies before the claim, another
    scheduler (or this one, restarted) fires it as a missed run, and the claim lets one of them post.
    A scheduler that fires it while this one is still on it finds the week taken. The write is sync,
    as APScheduler's own writes of the table are."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fired: set[str] = set()  # fired here, run not over yet
        self._updates: dict[str, Job] = {}  # their held writes

    def hold(self, job_id: str) -> None:
        self._fired.add(job_id)

    def release(self, job_id: str) -> None:
        self._fired.discard(job_id)
        job = self._updates.pop(job_id, None)
        if job is not None:
            try:
                super().update_job(job)  # type: ignore[misc]
            except JobLookupError:
                pass  # removed meanwhile (the team switched it off)

    def update_job(self, job: Job) -> None:
        if job.id in self._fired:
            self._updates[job.id] = job
            return
        super().update_job(job)  # type: ignore[misc]

    def get_due_jobs(self, now: datetime) -> list[Job]:
        return [job for job in super().get_due_jobs(now) if job.id not in self._fired]  # type: ignore[misc]

    def get_next_run_time(self) -> datetime | None:
        if not self._fired:
            return super().get_next_run_time()  # type: ignore[misc]
        jobs = [job for job in super().get_all_jobs() if job.id not in self._fired]  # type: ignore[misc]
        times = [job.next_run_time for job in [*jobs, *self._updates.values()] if job.next_run_time is not None]
        return min(times, default=None)


class Scheduler:
    """Weekly jobs for every team of one app. `start()`/`stop()` make it an `App.background` service.
    `database_url` holds the persistent job table; `grace_seconds` is the misfire grace time."""

    def __init__(self, service: Jobs, *, database_url: str, tick_seconds: float, grace_seconds: int,
                 resync_every: int = 10, stop_timeout: float = 30.0) -> None:
        self.service = service
        self.database_url = database_url
        self.tick_seconds = tick_seconds
        self.grace = grace_seconds
        self.resync_every = resync_every
        self.stop_timeout = stop_timeout
        self._aps: AsyncIOScheduler | None = None
        self._store: Any = None  # the weekly jobs' store (`_HoldsFiredJobs`)
        self._inflight: set[asyncio.Task[Any]] = set()
        self._ticks = 0

    @property
    def running(self) -> bool:
        return self._aps is not None and self._aps.running

    async def track(self, work: Awaitable[T]) -> T:
        """Await a job's `work`, its task counted as in progress meanwhile (what `stop()` waits for)."""
        task = asyncio.current_task()
        assert task is not None
        self._inflight.add(task)
        try:
            return await work
        finally:
            self._inflight.discard(task)

    def hold(self, job_id: str) -> None:
        """Hold the write of weekly job `job_id`'s next run time (it has just fired here)."""
        if self._store is not None:
            self._store.hold(job_id)

    def release(self, job_id: str | None) -> None:
        """Write it now: the run of `job_id` is claimed, taken elsewhere, or not to be."""
        if job_id is not None and self._store is not None:
            self._store.release(job_id)

    def _jobstore(self) -> Any:
        url = sync_database_url(self.database_url)
        if url.startswith("sqlite") and (url.endswith("://") or ":memory:" in url):
            # an in-memory database cannot be shared with a second engine
            return type("HoldingMemoryJobStore", (_HoldsFiredJobs, MemoryJobStore), {})()
        from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

        options: dict[str, Any] = ({"connect_args": {"timeout": 30}} if url.startswith("sqlite")
                                   else {"pool_pre_ping": True})
        store = type("HoldingSQLAlchemyJobStore", (_HoldsFiredJobs, SQLAlchemyJobStore), {})
        return store(url=url, engine_options=options)

    async def start(self) -> None:
        if self.running:
            return
        self._store = self._jobstore()
        self._aps = AsyncIOScheduler(
            jobstores={"default": self._store, "local": MemoryJobStore()},
            executors={"default": _Executor(self)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": self.grace},
            timezone=UTC,
        )
        self._aps.add_listener(self._on_event, EVENT_JOB_MISSED | EVENT_JOB_ERROR)
        self._aps.start(paused=True)  # reconcile first, so a missed run is caught up with the right trigger
        try:
            await self.sync_jobs()
        except Exception:  # noqa: BLE001 - e.g. the database is briefly away: the tick syncs again later
            log.exception("could not read the teams' schedules; retrying on a later tick")
        self._aps.add_job(TICK_FUNC, IntervalTrigger(seconds=self.tick_seconds), id="tick", jobstore="local",
                          replace_existing=True)
        self._aps.resume()
        log.info("scheduler started: %d weekly job(s)", len(self.jobs()))

    async def stop(self) -> None:
        if not self.running or self._aps is None:
            return
        self._aps.pause()
        pending = [task for task in self._inflight if not task.done()]
        if pending:  # let a post in progress finish
            await asyncio.wait(pending, timeout=self.stop_timeout)
        self._aps.shutdown(wait=False)
        await asyncio.sleep(0)  # AsyncIOScheduler shuts down on the next loop iteration
        self._aps = None
        log.info("scheduler stopped")

    def jobs(self) -> list[Job]:
        """The weekly cron jobs in the persistent store."""
        assert self._aps is not None, "start() the scheduler first"
        return [j for j in self._aps.get_jobs(jobstore="default") if j.id.startswith(PREFIX)]

    async def sync_jobs(self) -> list[str]:
        """Make the stored cron jobs match the teams' settings. An unchanged job is left alone, so its
        `next_run_time` survives a restart (that is what lets a missed run be caught up)."""
        assert self._aps is not None, "start() the scheduler first"
        wanted: dict[str, tuple[CronTrigger, dict[str, str]]] = {}
        for team_id, slot in await self.service.slots():
            trigger = CronTrigger(**slot.cron_fields(), timezone=slot.tz)
            wanted[f"{PREFIX}{slot.kind}:{team_id}"] = (trigger, {"team_id": team_id, "kind": slot.kind})
        existing = {job.id: job for job in self.jobs()}
        for job_id, (trigger, kwargs) in wanted.items():
            job = existing.get(job_id)
            try:
                if job is None:
                    self._aps.add_job(JOB_FUNC, trigger, id=job_id, name=f"{kwargs['kind']} for {kwargs['team_id']}",
                                      kwargs=kwargs, jobstore="default")
                    continue
                if job.kwargs != kwargs or job.misfire_grace_time != self.grace or not job.coalesce:
                    self._aps.modify_job(job_id, jobstore="default", kwargs=kwargs, misfire_grace_time=self.grace,
                                         coalesce=True)
                if repr(job.trigger) != repr(trigger):
                    self._aps.reschedule_job(job_id, jobstore="default", trigger=trigger)
                    log.info("rescheduled %s: %s", job_id, trigger)
            except (ConflictingIdError, JobLookupError):
                log.info("job %s changed concurrently (another scheduler); it syncs on the next tick", job_id)
        for job_id in existing.keys() - wanted.keys():
            try:
                self._aps.remove_job(job_id, jobstore="default")
            except JobLookupError:
                pass
        return sorted(wanted)

    def run_soon(self, *, team_id: str, kind: str, week: str | None = None, delay: float = 0.0) -> str:
        """A one-off run through the scheduler (in-memory store), e.g. to post a week by hand."""
        assert self._aps is not None, "start() the scheduler first"
        job_id = f"once:{kind}:{team_id}:{uuid.uuid4().hex[:8]}"
        when = datetime.now(UTC) + timedelta(seconds=delay)
        self._aps.add_job(JOB_FUNC, DateTrigger(run_date=when), id=job_id, jobstore="local",
                          kwargs={"team_id": team_id, "kind": kind, "week": week})
        return job_id

    async def tick(self) -> None:
        self._ticks += 1
        for result in await self.service.sweep():
            log.info("retry of weekly run %s (%s): %s %s", result.run_id, result.week, result.status, result.detail)
        if self._ticks % self.resync_every == 0:
            await self.sync_jobs()

    def _on_event(self, event: JobExecutionEvent) -> None:
        if event.code == EVENT_JOB_MISSED:
            self.release(event.job_id)  # its callback does not run: the next run time is written here
            log.warning("job %s scheduled at %s was missed by more than %ss; skipped until its next time",
                        event.job_id, event.scheduled_run_time, self.grace)
        elif event.exception is not None:
            log.error("job %s failed: %r\n%s", event.job_id, event.exception, event.traceback)

