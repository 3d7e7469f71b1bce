"""The APScheduler wrapper: cron jobs per team in the team's time zone, persisted (SQLite file and
PostgreSQL), a missed run caught up once after a restart, one-off jobs firing through APScheduler,
two schedulers on one database posting once, retries on the tick, the `storybot scheduler` worker,
and one end-to-end post to the fake Slack Web API."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text

from bot import db
from bot.app import App, build_app, build_scheduler
from bot.config import sync_database_url
from bot.events import Platform
from bot.models import utcnow
from bot.weekly.scheduler import JOB_FUNC, Scheduler
from tests.conftest import TEAM, add_team, backends, make_settings, reset_schema
from tests.test_weekly import WEEK, FakeAdapter, install_fakes, runs, set_team_settings

RECOGNITION_JOB = f"weekly:recognition:{TEAM}"


def drop_job_table(url: str) -> None:
    engine = create_engine(sync_database_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS apscheduler_jobs"))
    engine.dispose()


@pytest.fixture(params=backends())
def url(request, tmp_path) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    value = os.environ["TEST_DATABASE_URL"] if request.param == "postgres" else f"sqlite:///{tmp_path}/sched.db"
    drop_job_table(value)
    yield value
    drop_job_table(value)


async def make_app(url: str, *, reset: bool = True) -> App:
    app = build_app(make_settings(url))
    if reset:
        await reset_schema(app)
        await add_team(app)
        await set_team_settings(app, recognition_prompt_when_empty=True)  # every run has something to post
    install_fakes(app)
    return app


@pytest.fixture
async def app_on_file(url: str) -> AsyncIterator[App]:
    app = await make_app(url)
    yield app
    await app.aclose()


async def wait_until(condition: Callable[[], bool], timeout: float = 8.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


def scheduler_for(app: App, *, tick_seconds: float | None = None) -> Scheduler:
    """The scheduler `bot.app.build_scheduler` builds, on this app's weekly service and settings."""
    return build_scheduler(app.weekly, app.settings, tick_seconds=tick_seconds)


def slack(app: App) -> FakeAdapter:
    return app.adapters[Platform.SLACK]  # type: ignore[return-value]


async def test_cron_jobs_follow_team_settings_and_persist(app_on_file):
    first = scheduler_for(app_on_file)
    await first.start()
    try:
        jobs = {j.id: j for j in first.jobs()}
        assert set(jobs) == {RECOGNITION_JOB, f"weekly:digest:{TEAM}"}  # nudges are off by default
        job = jobs[RECOGNITION_JOB]
        assert job.func_ref == JOB_FUNC and job.kwargs == {"team_id": TEAM, "kind": "recognition"}
        assert job.coalesce is True and job.misfire_grace_time == 6 * 3600
        assert "day_of_week='fri'" in repr(job.trigger) and "Europe/London" in repr(job.trigger)
        local = job.next_run_time.astimezone(ZoneInfo("Europe/London"))
        assert (local.weekday(), local.hour, local.minute) == (4, 16, 0)
        await set_team_settings(app_on_file, recognition_time="17:30", nudge_after_weeks=2)
        await first.sync_jobs()
        jobs = {j.id: j for j in first.jobs()}
        assert f"weekly:nudge:{TEAM}" in jobs
        local = jobs[RECOGNITION_JOB].next_run_time.astimezone(ZoneInfo("Europe/London"))
        assert (local.hour, local.minute) == (17, 30)
        kept = jobs[RECOGNITION_JOB].next_run_time
    finally:
        await first.stop()
    second = scheduler_for(app_on_file)  # a restart, or another process
    await second.start()
    try:
        assert {j.id: j.next_run_time for j in second.jobs()}[RECOGNITION_JOB] == kept
    finally:
        await second.stop()


async def _restart_after_downtime(app: App, *, late: timedelta) -> Scheduler:
    """Run a scheduler, "crash" with the weekly job due `late` ago, then start a fresh one. The team's own weekly
    times are moved three days away from now first: were one of them within the grace time before now (the
    default, Friday 16:00 London, on a Friday evening), the restarted scheduler would rightly catch that one up too."""
    far = datetime.now(ZoneInfo("Europe/London")) + timedelta(days=3)
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[far.weekday()]
    await set_team_settings(app, **{f"{kind}_{field}": value for kind in ("recognition", "digest", "nudge")
                                    for field, value in (("weekday", day), ("time", far.strftime("%H:%M")))})
    before = scheduler_for(app)
    await before.start()
    assert before._aps is not None
    before._aps.pause()
    before._aps.modify_job(RECOGNITION_JOB, jobstore="default", next_run_time=datetime.now(UTC) - late)
    await before.stop()
    after = scheduler_for(app)
    await after.start()
    return after


async def test_missed_run_is_caught_up_once_after_a_restart(app_on_file):
    scheduler = await _restart_after_downtime(app_on_file, late=timedelta(hours=1))
    try:
        await wait_until(lambda: bool(slack(app_on_file).sent))
        await wait_until(lambda: {j.id: j for j in scheduler.jobs()}[RECOGNITION_JOB].next_run_time > utcnow())
    finally:
        await scheduler.stop()
    again = scheduler_for(app_on_file)  # one more restart: nothing is due any more
    await again.start()
    await asyncio.sleep(0.3)
    await again.stop()
    assert len(slack(app_on_file).sent) == 1
    [run] = await runs(app_on_file)
    assert run.status == "posted" and run.kind == "recognition"


class Stalled:
    """The weekly service of a process about to be killed: its run never gets as far as the claim."""

    def __init__(self, app: App) -> None:
        self.app, self.started = app, asyncio.Event()

    async def slots(self):  # type: ignore[no-untyped-def]
        return await self.app.weekly.slots()

    async def sweep(self) -> list:
        return []

    async def run(self, **kwargs: object) -> None:
        self.started.set()
        await asyncio.Event().wait()


async def test_a_scheduler_killed_between_firing_and_claiming_leaves_the_week_due(app_on_file):
    stalled = Stalled(app_on_file)
    first = Scheduler(stalled, database_url=app_on_file.settings.database_url, tick_seconds=60,  # type: ignore[arg-type]
                      grace_seconds=6 * 3600)
    await first.start()
    assert first._aps is not None
    first._aps.pause()
    first._aps.modify_job(RECOGNITION_JOB, jobstore="default", next_run_time=datetime.now(UTC) - timedelta(minutes=1))
    first._aps.resume()
    await asyncio.wait_for(stalled.started.wait(), 5)  # fired: APScheduler has moved it on to next week
    first._aps.shutdown(wait=False)  # SIGKILL: nothing more of this process runs
    for task in list(first._inflight):
        task.cancel()
    second = scheduler_for(app_on_file)  # the other scheduler, or this one restarted
    await second.start()
    try:
        await wait_until(lambda: bool(slack(app_on_file).sent))
        await wait_until(lambda: {j.id: j for j in second.jobs()}[RECOGNITION_JOB].next_run_time > utcnow())
    finally:
        await second.stop()
    assert len(slack(app_on_file).sent) == 1
    [run] = await runs(app_on_file)
    assert run.status == "posted"


async def test_run_missed_by_more_than_the_grace_time_is_skipped(app_on_file):
    scheduler = await _restart_after_downtime(app_on_file, late=timedelta(hours=7))
    try:
        await wait_until(lambda: {j.id: j for j in scheduler.jobs()}[RECOGNITION_JOB].next_run_time > utcnow())
        await asyncio.sleep(0.2)
    finally:
        await scheduler.stop()
    assert slack(app_on_file).sent == [] and await runs(app_on_file) == []


async def test_one_off_job_fires_through_apscheduler(app_on_file):
    scheduler = scheduler_for(app_on_file)
    await scheduler.start()
    try:
        scheduler.run_soon(team_id=TEAM, kind="recognition", week=WEEK, delay=0.3)
        await wait_until(lambda: bool(slack(app_on_file).sent))
    finally:
        await scheduler.stop()
    assert [m.key.channel_id for m in slack(app_on_file).sent] == ["C1"]


async def test_two_schedulers_two_apps_one_database_post_once(url):
    first = await make_app(url)
    second = await make_app(url, reset=False)
    schedulers = [scheduler_for(app) for app in (first, second)]
    try:
        for scheduler in schedulers:
            await scheduler.start()
        for scheduler in schedulers * 2:  # both processes fire the week's job, twice each
            scheduler.run_soon(team_id=TEAM, kind="recognition", week=WEEK, delay=0.4)
        await wait_until(lambda: bool(slack(first).sent or slack(second).sent))
        await asyncio.sleep(0.5)
    finally:
        for scheduler in schedulers:
            await scheduler.stop()
        await second.aclose()
    try:
        assert len(slack(first).sent) + len(slack(second).sent) == 1
        assert [(r.status, r.attempts) for r in await runs(first)] == [("posted", 1)]
    finally:
        await first.aclose()


async def test_tick_retries_a_failed_post(app_on_file):
    app_on_file.settings.weekly_retry_seconds = [0, 0]
    slack(app_on_file).fail_next = 1
    scheduler = scheduler_for(app_on_file, tick_seconds=0.2)
    await scheduler.start()
    try:
        scheduler.run_soon(team_id=TEAM, kind="recognition", week=WEEK)
        await wait_until(lambda: bool(slack(app_on_file).sent))
    finally:
        await scheduler.stop()
    [run] = await runs(app_on_file)
    assert (run.status, run.attempts, len(slack(app_on_file).sent)) == ("posted", 2, 1)


def test_worker_command_runs_until_sigterm(tmp_path):
    url = f"sqlite:///{tmp_path}/worker.db"
    db.upgrade(url)
    exe = Path(sys.executable).parent / "storybot"
    proc = subprocess.Popen([str(exe), "scheduler", "--database-url", url], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, cwd=tmp_path,
                            env={**os.environ, "SLACK_BOT_TOKEN": "", "TELEGRAM_BOT_TOKEN": ""})
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 20
        seen = ""
        while "running" not in seen and time.monotonic() < deadline:
            seen += proc.stdout.readline()
        assert "storybot scheduler running" in seen, seen
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and "scheduler stopped" in out


# --- end to end: the scheduled post lands on the fake Slack Web API, once ---------------------------


async def test_scheduled_post_lands_on_fake_slack_once(tmp_path):
    fake_api = pytest.importorskip("devkit.fakes.slack_api")
    fake = fake_api.FakeSlackApi(token="xoxb-test")
    await fake.start()
    url = f"sqlite:///{tmp_path}/e2e.db"
    settings = make_settings(url, SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET="secret",
                             SLACK_API_URL=fake.api_url, STORYBOT_SCHEDULER_TICK_SECONDS=0.2,
                             STORYBOT_RUN_SCHEDULER=True)
    app = build_app(settings)
    try:
        await reset_schema(app)
        await add_team(app)
        await set_team_settings(app, recognition_prompt_when_empty=True)
        await app.start()  # adapters and the App.background scheduler, as the web process does
        [scheduler] = [s for s in app.background if isinstance(s, Scheduler)]
        assert scheduler.running and {j.id for j in scheduler.jobs()} >= {RECOGNITION_JOB}
        for _ in range(2):
            scheduler.run_soon(team_id=TEAM, kind="recognition", week=WEEK, delay=0.2)
        await fake.wait_for("chat.postMessage", channel="C1")
        await asyncio.sleep(0.6)
        [post] = fake.posts("C1")
        assert "A quiet week for stories at Riverside Clinic" in post["text"] and "/mot story" in post["text"]
        assert [(r.status, r.content["delivered"]) for r in await runs(app)] == [("posted", ["slack:C1:"])]
    finally:
        await app.aclose()
        await fake.stop()
