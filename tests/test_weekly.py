"""Weekly runs: the schedule math, exactly-once claims (also two apps on one database, concurrently),
retries with back-off then a report to the managers, interrupted attempts, digest, nudges, CLI."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from bot import store
from bot.adapters.base import MaybeSent
from bot.app import App, build_app
from bot.events import ConversationKey, OutgoingMessage, Platform
from bot.models import RatingCreate, StoryCreate, WeeklyRun, utcnow
from bot.weekly.service import to_message
from bot.weekly.week import DEFAULTS, Slot, due_week, fire_time, last_fire, parse_week, team_slot, window
from bot.store.weekly_run import update_weekly_run
from tests.conftest import TEAM, add_team, backends, make_settings, reset_schema

WEEK = "2026-W47"
NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)  # Friday, an hour after the shout-out time in London
IN_WEEK = datetime(2026, 11, 18, 11, 0, tzinfo=UTC)


# --- a fake platform adapter of our own: records what is sent, fails on demand ----------------------


@dataclass
class FakeAdapter:
    platform: Platform
    sent: list[OutgoingMessage] = field(default_factory=list)
    fail_next: int = 0
    fail_always: bool = False
    delay: float = 0.0
    unanswered: int = 0  # the next sends lose their answer (MaybeSent) ...
    lost: bool = False  # ... and never arrived (else: posted, then the answer was lost)

    def routes(self) -> list:
        return []

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def send(self, message: OutgoingMessage) -> None:
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.fail_always or self.fail_next > 0:
            self.fail_next = max(0, self.fail_next - 1)
            raise RuntimeError(f"{self.platform} is down")
        if self.unanswered > 0:
            self.unanswered -= 1
            if not self.lost:
                self.sent.append(message)
            raise MaybeSent(f"no answer from {self.platform}")
        self.sent.append(message)

    def to(self, channel: str) -> list[OutgoingMessage]:
        return [m for m in self.sent if m.key.channel_id == channel]

    def dms(self, user: str) -> list[OutgoingMessage]:
        return [m for m in self.sent if m.key.user_id == user]


@dataclass
class FindingAdapter(FakeAdapter):
    """A platform that can be asked whether a tagged post is there (like Slack's message metadata)."""

    checks: int = 0

    async def find_post(self, message: OutgoingMessage, since: datetime) -> bool | None:
        self.checks += 1
        return any(m.post_id == message.post_id for m in self.sent)


def install_fakes(app: App) -> dict[Platform, FakeAdapter]:
    fakes = {p: FakeAdapter(p) for p in Platform}
    app.adapters.update(fakes)
    return fakes


def fixed(now: datetime):  # type: ignore[no-untyped-def]
    return lambda: now


async def add_story(app: App, author: str = "console:alice", *, mot: str = "check-in", shareable: bool = True,
                    colleagues: tuple[str, ...] = (), when: datetime = IN_WEEK, action: str = "I greeted her by name.",
                    effect: str = "She smiled all the way in.", text: str = "A regular came in for her check.") -> int:
    async with app.sessionmaker() as session, session.begin():
        story = await store.create_story(session=session, data=StoryCreate(
            team_id=TEAM, author_id=author, mot_id=mot, text=text, action=action, effect=effect,
            colleagues=list(colleagues), shareable=shareable, created_at=when))
        return story.id  # type: ignore[return-value]


async def add_ratings(app: App, mot: str, rating: str, n: int, *, when: datetime = IN_WEEK, comment: str = "") -> None:
    async with app.sessionmaker() as session, session.begin():
        for _ in range(n):
            await store.create_feedback(session=session, team_id=TEAM, visit_ref=None, created_at=when,
                                        ratings=[RatingCreate(mot_id=mot, rating=rating, comment=comment)])


async def set_team_settings(app: App, **values: object) -> None:
    async with app.sessionmaker() as session, session.begin():
        team = await store.get_team(session=session, team_id=TEAM)
        assert team is not None
        team.settings = {**team.settings, **values}
        session.add(team)


async def runs(app: App) -> list[WeeklyRun]:
    async with app.sessionmaker() as session:
        return list((await session.exec(select(WeeklyRun).order_by(WeeklyRun.id))).all())


@pytest.fixture
def fakes(app: App) -> dict[Platform, FakeAdapter]:
    app.weekly.clock = fixed(NOW)
    return install_fakes(app)


# --- when ---------------------------------------------------------------------------------------


def test_week_math_in_the_team_time_zone():
    slot = Slot("recognition", 4, 16, 0, "Europe/London", True)
    assert fire_time(slot, WEEK) == datetime(2026, 11, 20, 16, 0, tzinfo=UTC)
    assert last_fire(slot, NOW) == datetime(2026, 11, 20, 16, 0, tzinfo=UTC)
    assert due_week(slot, datetime(2026, 11, 20, 15, 59, tzinfo=UTC)) == "2026-W46"
    assert due_week(slot, datetime(2026, 11, 22, 23, 0, tzinfo=UTC)) == WEEK
    assert window(slot, WEEK, NOW) == (datetime(2026, 11, 13, 16, 0, tzinfo=UTC), datetime(2026, 11, 20, 16, 0, tzinfo=UTC))
    early = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)  # by hand, before Friday: the window ends now
    assert window(slot, WEEK, early)[1] == early
    with pytest.raises(ValueError, match="not started"):
        window(slot, "2026-W49", NOW)
    ny = Slot("recognition", 4, 16, 0, "America/New_York", True)  # 16:00 local, across the DST change
    assert fire_time(ny, "2026-W44") == datetime(2026, 10, 30, 20, 0, tzinfo=UTC)
    assert fire_time(ny, "2026-W45") == datetime(2026, 11, 6, 21, 0, tzinfo=UTC)
    late_sunday = Slot("recognition", 6, 22, 0, "Europe/London", True)  # caught up on Monday 02:00
    assert due_week(late_sunday, datetime(2026, 11, 23, 2, 0, tzinfo=UTC)) == WEEK


@pytest.mark.parametrize("bad", ["2026-47", "2026-W00", "2026-W54", "W47", ""])
def test_bad_week_is_refused(bad):
    with pytest.raises(ValueError):
        parse_week(bad)


async def test_team_slot_reads_settings_and_falls_back(app):
    await set_team_settings(app, recognition_weekday="Thursday", recognition_time="9:30", digest_time="25:00")
    async with app.sessionmaker() as session:
        team = await store.get_team(session=session, team_id=TEAM)
    slot = team_slot(team, "recognition", app.settings)
    assert (slot.weekday, slot.hour, slot.minute, slot.tz, slot.enabled) == (3, 9, 30, "Europe/London", True)
    assert team_slot(team, "digest", app.settings).hour == int(DEFAULTS["digest"][1][:2])  # invalid: default
    assert team_slot(team, "nudge", app.settings).enabled is False  # off by default


# --- exactly once -------------------------------------------------------------------------------


async def test_run_posts_once_to_each_channel(app, fakes):
    await add_story(app)
    service = app.weekly
    first = await service.run(team_id=TEAM, kind="recognition", week=WEEK)
    again = await service.run(team_id=TEAM, kind="recognition", week=WEEK)
    assert (first.status, again.status) == ("posted", "taken")
    [slack] = fakes[Platform.SLACK].to("C1")
    [telegram] = fakes[Platform.TELEGRAM].to("-100")
    assert "Alice" in telegram.text and "shout-outs" in slack.text
    [run] = await runs(app)
    assert (run.kind, run.week, run.status, run.attempts) == ("recognition", WEEK, "posted", 1)
    assert sorted(run.content["delivered"]) == ["slack:C1:", "telegram:-100:"]


async def test_scheduled_run_uses_the_week_of_the_latest_slot(app, fakes):
    await add_story(app)
    result = await app.weekly.run(team_id=TEAM, kind="recognition")
    assert (result.status, result.week) == ("posted", WEEK)


async def test_empty_week_posts_nothing_or_a_gentle_prompt(app, fakes):
    service = app.weekly
    await add_story(app, shareable=False)  # private stories are never celebrated
    result = await service.run(team_id=TEAM, kind="recognition", week=WEEK)
    assert result.status == "empty" and fakes[Platform.SLACK].sent == []
    await set_team_settings(app, recognition_prompt_when_empty=True)
    result = await service.run(team_id=TEAM, kind="recognition", week="2026-W46")
    [post] = fakes[Platform.SLACK].sent
    assert result.status == "posted" and "quiet week" in post.text and "/mot story" in post.text
    assert "Moments that made" not in post.text


async def test_disabled_or_unreachable_weeks_are_not_claimed(app, fakes):
    service = app.weekly
    assert (await service.run(team_id=TEAM, kind="nudge", week=WEEK)).status == "disabled"
    app.adapters.clear()
    assert (await service.run(team_id=TEAM, kind="recognition", week=WEEK)).status == "no-platform"
    assert await runs(app) == []


@pytest.fixture(params=backends())
def shared_url(request, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if request.param == "postgres":
        return os.environ["TEST_DATABASE_URL"]
    return f"sqlite:///{tmp_path}/shared.db"


async def two_apps(url: str) -> tuple[App, App]:
    first, second = build_app(make_settings(url)), build_app(make_settings(url))
    await reset_schema(first)
    await add_team(first)
    for app in (first, second):
        app.weekly.clock = fixed(NOW)
        install_fakes(app)
    return first, second


async def test_two_apps_on_one_database_claim_concurrently_and_post_once(shared_url):
    first, second = await two_apps(shared_url)
    try:
        await add_story(first)
        calls = [app.weekly.run(team_id=TEAM, kind="recognition", week=WEEK)
                 for app in (first, second, first, second, second)]
        results = await asyncio.gather(*calls)
        assert sorted(r.status for r in results) == ["posted", "taken", "taken", "taken", "taken"]
        posts = [m for app in (first, second) for m in app.adapters[Platform.SLACK].sent]  # type: ignore[attr-defined]
        assert len(posts) == 1
        [run] = await runs(first)
        assert run.status == "posted" and run.attempts == 1
    finally:
        await first.aclose()
        await second.aclose()


async def test_two_apps_race_for_the_same_retry_only_one_sends(shared_url):
    first, second = await two_apps(shared_url)
    try:
        await add_story(first)
        for app in (first, second):
            app.settings.weekly_retry_seconds = [0, 0]
        first.adapters[Platform.SLACK].fail_next = 1  # type: ignore[attr-defined]
        assert (await first.weekly.run(team_id=TEAM, kind="recognition", week=WEEK)).status == "retrying"
        results = await asyncio.gather(first.weekly.sweep(), second.weekly.sweep())
        assert "posted" in [r.status for batch in results for r in batch]
        slack = [m for app in (first, second) for m in app.adapters[Platform.SLACK].sent]  # type: ignore[attr-defined]
        telegram = [m for app in (first, second) for m in app.adapters[Platform.TELEGRAM].sent]  # type: ignore[attr-defined]
        assert len(slack) == 1 and len(telegram) == 1
    finally:
        await first.aclose()
        await second.aclose()


async def test_a_scheduler_that_dies_mid_post_loses_its_attempt_after_a_lease_and_the_other_posts_once(shared_url):
    """Two schedulers on one database; the one that claimed the shout-out dies (its task is cancelled, as
    a SIGKILL would stop it) while its post is in flight. The other takes the attempt up one lease later,
    not before, and asks the platform first: posted once."""
    first, second = await two_apps(shared_url)
    try:
        await add_story(first)
        dying, living = FindingAdapter(Platform.SLACK, delay=30), FindingAdapter(Platform.SLACK)
        first.adapters[Platform.SLACK], second.adapters[Platform.SLACK] = dying, living
        sent = living.sent = dying.sent  # one platform: both processes see the same channel
        sending = asyncio.create_task(first.weekly.run(team_id=TEAM, kind="recognition", week=WEEK))
        while not [r for r in await runs(second) if "slack:C1:" in r.content.get("unsure", {})]:
            await asyncio.sleep(0.01)
        sent.append(to_message({"key": "slack:C1:", "text": "posted"}, post_id=f"{(await runs(second))[0].id}:slack:C1:"))
        sending.cancel()  # the first scheduler dies here
        with pytest.raises(asyncio.CancelledError):
            await sending
        lease = timedelta(seconds=second.settings.weekly_lease_seconds)
        second.weekly.clock = fixed(NOW + lease - timedelta(seconds=1))
        assert await second.weekly.sweep() == []  # its lease is not over yet: it may still be sending
        second.weekly.clock = fixed(NOW + lease)
        [result] = await second.weekly.sweep()
        assert result.status == "posted" and living.checks == 1
        assert len([m for m in sent if m.key.channel_id == "C1"]) == 1
        assert len(first.adapters[Platform.TELEGRAM].sent) + len(second.adapters[Platform.TELEGRAM].sent) == 1
        [run] = await runs(second)
        assert (run.status, run.attempts) == ("posted", 2)
    finally:
        await first.aclose()
        await second.aclose()


async def test_a_slow_post_keeps_its_attempt_while_its_process_lives(shared_url):
    """A post slower than the lease: the process renews its attempt, so the other scheduler's sweeps
    (every 50 ms, on the real clock) never take it over; posted once."""
    first, second = await two_apps(shared_url)
    try:
        await add_story(first)
        for app in (first, second):
            app.settings.weekly_lease_seconds = 0.6
            app.weekly.clock = utcnow
        first.adapters[Platform.SLACK].delay = 2.0  # type: ignore[attr-defined]
        sending = asyncio.create_task(first.weekly.run(team_id=TEAM, kind="recognition", week=WEEK))
        swept = []
        while not sending.done():
            swept += await second.weekly.sweep()
            await asyncio.sleep(0.05)
        assert sending.result().status == "posted" and swept == []
        slack = [m for app in (first, second) for m in app.adapters[Platform.SLACK].sent]  # type: ignore[attr-defined]
        assert len(slack) == 1
        [run] = await runs(first)
        assert (run.status, run.attempts) == ("posted", 1)
    finally:
        await first.aclose()
        await second.aclose()


async def test_an_attempt_taken_over_sends_nothing_more(shared_url):
    """A process whose attempt was taken over (here its renewals were not seen: its clock is an hour
    behind) stops before its next send and writes nothing: the other channel is posted once, by the
    process that took over."""
    first, second = await two_apps(shared_url)
    try:
        await add_story(first)
        first.adapters[Platform.SLACK].delay = 0.5  # type: ignore[attr-defined]
        second.weekly.clock = fixed(NOW + timedelta(hours=1))
        sending = asyncio.create_task(first.weekly.run(team_id=TEAM, kind="recognition", week=WEEK))
        while not [r for r in await runs(second) if "slack:C1:" in r.content.get("unsure", {})]:
            await asyncio.sleep(0.01)
        [taken_over] = await second.weekly.sweep()
        result = await sending
        assert result.status == "taken" and "taken over" in result.detail
        assert taken_over.status == "unsure"  # the Slack post in flight may be there: the managers are asked
        telegram = [m for app in (first, second) for m in app.adapters[Platform.TELEGRAM].sent]  # type: ignore[attr-defined]
        assert len(telegram) == 1
        [run] = await runs(first)
        assert run.status == "failed" and run.attempts == 2
    finally:
        await first.aclose()
        await second.aclose()


# --- failures -----------------------------------------------------------------------------------


async def test_failed_post_is_retried_with_backoff_then_reported(app, fakes):
    await add_story(app)
    service = app.weekly
    app.settings.weekly_retry_seconds = [60, 300]
    fakes[Platform.SLACK].fail_always = True
    first = await service.run(team_id=TEAM, kind="recognition", week=WEEK)
    assert first.status == "retrying" and "next try in 60s" in first.detail
    assert len(fakes[Platform.TELEGRAM].sent) == 1  # the other channel is not held up
    assert await service.sweep() == []  # back-off not over yet
    service.clock = fixed(NOW + timedelta(minutes=2))
    [second] = await service.sweep()
    assert second.status == "retrying"
    service.clock = fixed(NOW + timedelta(minutes=8))
    [third] = await service.sweep()
    assert third.status == "failed"
    [run] = await runs(app)
    assert (run.status, run.attempts) == ("failed", 3) and "slack is down" in (run.error or "")
    [report] = fakes[Platform.CONSOLE].dms("dana")
    assert "couldn't post the weekly shout-out" in report.text and "--retry" in report.text
    assert len(fakes[Platform.TELEGRAM].sent) == 1  # never re-sent
    assert await service.sweep() == []
    fakes[Platform.SLACK].fail_always = False  # the manager fixes Slack and retries by hand
    reopened = await service.reopen(team_id=TEAM, kind="recognition", week=WEEK)
    assert reopened.status == "posted"
    assert len(fakes[Platform.SLACK].sent) == 1 and len(fakes[Platform.TELEGRAM].sent) == 1


async def test_attempt_interrupted_mid_send_is_reported_not_reposted(app, fakes):
    service = app.weekly
    async with app.sessionmaker() as session, session.begin():
        session.add(WeeklyRun(kind="recognition", team_id=TEAM, week=WEEK, status="claimed", attempts=1,
                              content={"targets": [{"key": "slack:C1:", "text": "hi"}], "delivered": []},
                              created_at=NOW - timedelta(hours=1), updated_at=NOW - timedelta(hours=1)))
    [result] = await service.sweep()  # the target was in flight: it may be there, and this platform can't tell
    assert result.status == "unsure" and fakes[Platform.SLACK].sent == []
    [report] = fakes[Platform.CONSOLE].dms("dana")
    assert "interrupted" in report.text and "may have been posted to slack:C1:" in report.text
    assert [c.id for c in report.choices] == [f"go:recognition_review:{result.run_id}:again"]


async def test_attempt_interrupted_mid_send_is_looked_for_where_the_platform_can_tell(app, fakes):
    service = app.weekly
    slack = app.adapters[Platform.SLACK] = FindingAdapter(Platform.SLACK)
    async with app.sessionmaker() as session, session.begin():
        run = WeeklyRun(kind="recognition", team_id=TEAM, week=WEEK, status="claimed", attempts=1,
                        content={"targets": [{"key": "slack:C1:", "text": "hi"}, {"key": "telegram:-100:", "text": "hi"}],
                                 "delivered": [], "unsure": {"slack:C1:": {"since": NOW.isoformat()}}},
                        created_at=NOW - timedelta(hours=1), updated_at=NOW - timedelta(hours=1))
        session.add(run)
        await session.flush()
        run_id = run.id
    slack.sent.append(OutgoingMessage(ConversationKey.parse("slack:C1:"), "hi", post_id=f"{run_id}:slack:C1:"))
    [result] = await service.sweep()  # Slack has it: not sent again; Telegram was never tried: sent
    assert result.status == "posted" and slack.checks == 1
    assert len(slack.sent) == 1 and len(fakes[Platform.TELEGRAM].to("-100")) == 1


async def test_claim_never_attempted_is_resumed_by_the_sweep(app, fakes):
    await add_story(app)
    service = app.weekly
    async with app.sessionmaker() as session, session.begin():
        session.add(WeeklyRun(kind="recognition", team_id=TEAM, week=WEEK, status="claimed",
                              created_at=NOW - timedelta(hours=1), updated_at=NOW - timedelta(hours=1)))
    [result] = await service.sweep()
    assert result.status == "posted" and len(fakes[Platform.SLACK].sent) == 1


async def test_resumed_run_needing_approval_is_never_posted_unapproved(app, fakes):
    service = app.weekly
    async with app.sessionmaker() as session, session.begin():  # drafted, then the attempt failed
        session.add(WeeklyRun(kind="recognition", team_id=TEAM, week=WEEK, status="claimed", attempts=1,
                              error="database went away", content={
                                  "targets": [{"key": "slack:C1:", "label": "Slack C1", "text": "draft"}],
                                  "delivered": [], "approval": True},
                              created_at=NOW - timedelta(hours=1), updated_at=NOW - timedelta(hours=1)))
    [result] = await service.sweep()
    assert result.status == "awaiting_approval" and fakes[Platform.SLACK].sent == []
    [ask] = fakes[Platform.CONSOLE].dms("dana")
    assert "draft" in ask.text and len(ask.choices) == 3


# --- posts that may have gone through -----------------------------------------------------------------


async def test_post_whose_answer_was_lost_is_never_sent_again_by_a_retry(app, fakes):
    await add_story(app)
    service = app.weekly
    app.settings.weekly_retry_seconds = [0, 0]
    fakes[Platform.TELEGRAM].unanswered = 1  # posted, but the platform's answer was lost
    result = await service.run(team_id=TEAM, kind="recognition", week=WEEK)
    assert result.status == "unsure" and "may have been posted to Telegram -100" in result.detail
    assert len(fakes[Platform.TELEGRAM].to("-100")) == 1 and len(fakes[Platform.SLACK].to("C1")) == 1
    [report] = fakes[Platform.CONSOLE].dms("dana")
    assert "may have been posted to Telegram -100" in report.text and "Post again" in report.text
    assert [c.id for c in report.choices] == [f"go:recognition_review:{result.run_id}:again"]
    service.clock = fixed(NOW + timedelta(hours=1))
    assert await service.sweep() == []
    assert (await service.reopen(team_id=TEAM, kind="recognition", week=WEEK)).status == "unsure"  # --retry
    assert len(fakes[Platform.TELEGRAM].to("-100")) == 1 and len(fakes[Platform.SLACK].to("C1")) == 1
    [run] = await runs(app)
    assert run.status == "failed" and run.content["delivered"] == ["slack:C1:"]
    assert list(run.content["unsure"]) == ["telegram:-100:"]


async def test_post_again_sends_what_may_not_have_been_posted_once(app, fakes, chat):
    await add_story(app)
    service = app.weekly
    fakes[Platform.TELEGRAM].unanswered, fakes[Platform.TELEGRAM].lost = 1, True  # it never arrived
    result = await service.run(team_id=TEAM, kind="recognition", week=WEEK)
    assert result.status == "unsure" and fakes[Platform.TELEGRAM].to("-100") == []
    assert "Only the team's managers" in await chat("alice").click(f"go:recognition_review:{result.run_id}:again")
    dana = chat("dana")
    assert "Posting it to Telegram -100 again now" in await dana.click(f"go:recognition_review:{result.run_id}:again")
    await service.drain()
    assert len(fakes[Platform.TELEGRAM].to("-100")) == 1 and len(fakes[Platform.SLACK].to("C1")) == 1
    [run] = await runs(app)
    assert run.status == "posted" and run.content["again"] == [] and run.content["again_by"] == "Dana"
    later = await dana.click(f"go:recognition_review:{result.run_id}:again")
    assert "was posted — Dana pressed Post again" in later
    assert len(fakes[Platform.TELEGRAM].to("-100")) == 1


@pytest.mark.parametrize("lost", [False, True], ids=["posted", "lost"])
async def test_platform_that_can_tell_is_asked_before_anything_is_sent_again(app, fakes, lost):
    await add_story(app)
    service = app.weekly
    app.settings.weekly_retry_seconds = [60, 300]
    slack = app.adapters[Platform.SLACK] = FindingAdapter(Platform.SLACK, unanswered=1, lost=lost)
    first = await service.run(team_id=TEAM, kind="recognition", week=WEEK)
    if not lost:  # found at once
        assert first.status == "posted" and slack.checks == 1
    else:  # not there: looked for again on the retry, then sent
        assert first.status == "retrying" and slack.sent == []
        service.clock = fixed(NOW + timedelta(minutes=2))
        [second] = await service.sweep()
        assert second.status == "posted" and slack.checks == 2
    [post] = slack.to("C1")
    assert post.post_id == f"{first.run_id}:slack:C1:"
    assert fakes[Platform.CONSOLE].dms("dana") == []


async def test_compare_and_set_guards_status(app):
    async with app.sessionmaker() as session, session.begin():
        session.add(WeeklyRun(kind="digest", team_id=TEAM, week=WEEK, status="posted"))
    [run] = await runs(app)
    async with app.sessionmaker() as session, session.begin():
        assert not await update_weekly_run(session=session, run_id=run.id, now=NOW, expect_status="claimed",
                                           status="failed")


# --- digest and nudges ----------------------------------------------------------------------------


async def test_digest_goes_to_each_manager_with_numbers_and_chart(app, fakes, tmp_path):
    app.settings.chart_dir = tmp_path
    digest_now = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)  # Monday after the 09:00 digest
    app.weekly.clock = fixed(digest_now)
    when = datetime(2026, 11, 12, 12, 0, tzinfo=UTC)
    await add_ratings(app, "waiting-room", "irritating", 6, when=when)
    await add_ratings(app, "check-in", "shining", 5, when=when)
    await add_ratings(app, "physician", "dull", 2, when=when)
    result = await app.weekly.run(team_id=TEAM, kind="digest")
    assert (result.status, result.week) == ("posted", WEEK)
    [dm] = fakes[Platform.CONSOLE].dms("dana")
    assert "Needs attention" in dm.text and "Sit in the waiting room* — 100% irritating (n=6)" in dm.text
    assert "Going well" in dm.text and "Check in* — 100% shining (n=5)" in dm.text
    assert "fewer than 5 ratings" in dm.text
    assert dm.image_path and os.path.exists(dm.image_path)
    assert fakes[Platform.CONSOLE].dms("alice") == []  # staff get no digest


async def test_nudges_quiet_staff_once_when_switched_on(app, fakes):
    service = app.weekly
    await set_team_settings(app, nudge_after_weeks=2)
    monday = datetime(2026, 11, 16, 11, 0, tzinfo=UTC)
    service.clock = fixed(monday)
    await add_story(app, "console:alice", when=monday - timedelta(days=5))
    result = await service.run(team_id=TEAM, kind="nudge")
    assert result.status == "posted"
    [nudge] = fakes[Platform.CONSOLE].dms("sam")
    assert "Hi Sam" in nudge.text and "2 weeks" in nudge.text and nudge.choices[0].id == "go:story"
    assert fakes[Platform.CONSOLE].dms("alice") == [] and fakes[Platform.CONSOLE].dms("dana") == []
    service.clock = fixed(monday + timedelta(weeks=1))  # a week later Sam is not nudged again
    assert (await service.run(team_id=TEAM, kind="nudge")).status == "empty"
    assert len(fakes[Platform.CONSOLE].dms("sam")) == 1


# --- the command line ---------------------------------------------------------------------------


def test_cli_dry_run_prints_the_post_and_claims_nothing(tmp_path):
    from bot.cli import build_cli

    url = f"sqlite:///{tmp_path}/cli.db"
    runner = CliRunner()
    seeded = runner.invoke(build_cli(), ["seed", "--database-url", url, "--weeks", "2"])
    assert seeded.exit_code == 0, seeded.output
    slot = Slot("recognition", 4, 16, 0, "Europe/London", True)
    now = datetime.now(UTC)
    week = due_week(slot, now)

    async def prepare() -> None:  # one story we know is in the window, by Alice (also slack:U0ALICE)
        app = build_app(make_settings(url))
        try:
            async with app.sessionmaker() as session, session.begin():
                await store.create_story(session=session, data=StoryCreate(
                    team_id="riverside-clinic", author_id="console:alice", mot_id="check-in", text="A regular. " * 40,
                    action="I greeted her by name.", effect="She smiled.", colleagues=["Sam"],
                    created_at=last_fire(slot, now) - timedelta(hours=1)))
        finally:
            await app.aclose()

    async def count_runs() -> int:
        app = build_app(make_settings(url))
        try:
            async with app.sessionmaker() as session:
                return len((await session.exec(select(WeeklyRun))).all())
        finally:
            await app.aclose()

    asyncio.run(prepare())
    dry = ["recognition", "run", "--team", "riverside-clinic", "--week", week, "--dry-run", "--database-url", url]
    out = runner.invoke(build_cli(), dry)
    assert out.exit_code == 0, out.output
    assert "Nothing is claimed or sent" in out.output and "Slack C0RIVERSIDE" in out.output
    assert "shout-outs — Riverside Clinic" in out.output and "<@U0ALICE> at *Check in*" in out.output
    refused = runner.invoke(build_cli(), ["recognition", "run", "--team", "riverside-clinic", "--database-url", url])
    assert refused.exit_code == 2 and "nothing was claimed" in refused.output
    privacy = runner.invoke(build_cli(), ["privacy", "--person", "slack:U0ALICE", "--on", "--database-url", url])
    assert privacy.exit_code == 0 and "never named" in privacy.output
    out = runner.invoke(build_cli(), dry)
    assert "A colleague at *Check in*" in out.output
    assert "<@U0ALICE>" not in out.output and "*Alice*" not in out.output
    assert asyncio.run(count_runs()) == 0
