"""Slack, full stack, under network faults: the fake Web API accepts a post and then drops the
connection, answers after the client's timeout, refuses connections or answers 429. We count what
the channel shows (`fake.posted`): every post exactly once, or a "may have been posted" report to
the managers; never two."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.request import HttpRequest

from bot import store
from bot.adapters.slack.adapter import NotSentRetryHandler, maybe_sent
from bot.weekly.week import last_fire, team_slot
from tests.adapters.conftest import SlackStack, start_stack
from tests.conftest import TEAM, RealClock
from devkit.fakes.slack_api import FakeSlackApi
from tests.test_weekly import add_story

TIMEOUT = 0.5  # STORYBOT_SEND_TIMEOUT_SECONDS here; a "slow" answer takes longer
SLOW = 1.5


Clock = RealClock


@pytest.fixture
async def stack(db_url: str, slack_api: FakeSlackApi) -> AsyncIterator[SlackStack]:
    running = await start_stack(db_url, slack_api, STORYBOT_SEND_TIMEOUT_SECONDS=TIMEOUT,
                                STORYBOT_WEEKLY_RETRY_SECONDS=[60, 300])
    yield running
    await running.stop()


async def weekly(stack: SlackStack) -> tuple[object, Clock]:
    """The weekly service on a movable clock, with a story to celebrate in this week's shout-out."""
    service = stack.core.weekly
    clock = Clock()
    service.clock = clock
    async with stack.core.sessionmaker() as session:
        team = await store.get_team(session=session, team_id=TEAM)
    await add_story(stack.core, when=last_fire(team_slot(team, "recognition", stack.core.settings), clock()) -
                    timedelta(hours=1))
    return service, clock


def tags(fake: FakeSlackApi, channel: str) -> list[str]:
    return [m.get("metadata", {}).get("event_payload", {}).get("post_id") for m in fake.posted(channel)]


def reports(fake: FakeSlackApi) -> list[dict]:
    return [p for p in fake.posts("DU0DANA") if "may have been posted" in p["text"] or "couldn't" in p["text"]]


# --- which failures may be retried --------------------------------------------------------------


async def test_only_calls_that_never_reached_slack_are_retried_blindly():
    refused = socket.socket()
    refused.bind(("127.0.0.1", 0))  # bound, not listening: connecting is refused
    port = refused.getsockname()[1]
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientConnectorError) as caught:
            await session.post(f"http://127.0.0.1:{port}/api/chat.postMessage")
    refused.close()
    handler = NotSentRetryHandler()

    async def retried(error: Exception, method: str = "chat.postMessage") -> bool:
        request = HttpRequest(method="POST", url=f"http://127.0.0.1:{port}/api/{method}", headers={})
        return await handler._can_retry_async(state=None, request=request, error=error)  # type: ignore[arg-type]

    dropped = aiohttp.ServerDisconnectedError()
    assert not maybe_sent(caught.value) and await retried(caught.value)  # refused: Slack never saw it
    assert maybe_sent(dropped) and not await retried(dropped)  # dropped after sending: may be posted
    assert await retried(dropped, "conversations.open")  # ... but harmless to repeat
    assert maybe_sent(asyncio.TimeoutError()) and not await retried(asyncio.TimeoutError())
    assert maybe_sent(aiohttp.ClientPayloadError("cut")) and not maybe_sent(SlackApiError("no", {"ok": False}))


# --- conversation replies -----------------------------------------------------------------------


@pytest.mark.parametrize("fault", [{"drop": "after"}, {"slow": SLOW}], ids=["accepted-then-dropped", "slow"])
async def test_reply_whose_answer_is_lost_is_not_posted_twice(stack, caplog, fault):
    caplog.set_level(logging.ERROR, logger="bot.adapters.slack.adapter")
    stack.fake.fail_next("chat.postMessage", **fault)
    await stack.say("U0ALICE", "hello")
    await stack.fake.wait_for("chat.postMessage", 2, timeout=5)  # the welcome (answer lost) and the menu
    await asyncio.sleep(0.2)
    await stack.idle()
    texts = [m["text"] for m in stack.fake.posted("DU0ALICE")]
    assert len(texts) == 2 and len(set(texts)) == 2  # each reply once
    assert len(stack.fake.posts("DU0ALICE")) == 2  # and asked for once
    assert any("may have gone through" in r.getMessage() for r in caplog.records)


# --- the weekly shout-out ---------------------------------------------------------------------------


@pytest.mark.parametrize("fault", [{"drop": "after"}, {"slow": SLOW}], ids=["accepted-then-dropped", "slow"])
async def test_shout_out_whose_answer_is_lost_is_found_by_its_metadata(stack, fault):
    service, clock = await weekly(stack)
    stack.fake.fail_next("chat.postMessage", **fault)
    result = await service.run(team_id=TEAM, kind="recognition")
    assert result.status == "posted", result.detail
    assert tags(stack.fake, "C1") == [f"{result.run_id}:slack:C1:"]  # one post, tagged with its run and target
    [history] = stack.fake.of("conversations.history")
    assert history["channel"] == "C1" and history["include_all_metadata"] in ("1", "true")
    clock.advance(hours=1)
    assert await service.sweep() == []
    assert (await service.reopen(team_id=TEAM, kind="recognition", week=result.week)).status == "posted"
    assert len(stack.fake.posted("C1")) == 1 and reports(stack.fake) == []


async def test_shout_out_that_could_not_be_looked_up_is_looked_up_on_the_retry(stack):
    service, clock = await weekly(stack)
    stack.fake.fail_next("chat.postMessage", drop="after")
    stack.fake.fail_next("conversations.history", error="ratelimited")
    first = await service.run(team_id=TEAM, kind="recognition")
    assert first.status == "retrying" and "looked for there" in first.detail
    clock.advance(minutes=2)
    [second] = await service.sweep()
    assert second.status == "posted"
    assert len(stack.fake.posted("C1")) == 1 and len(stack.fake.posts("C1")) == 1 and reports(stack.fake) == []


async def test_shout_out_lost_before_slack_got_it_is_sent_again_once_slack_says_so(stack):
    service, clock = await weekly(stack)
    stack.fake.fail_next("chat.postMessage", drop="before")  # the connection broke: same to us as "after"
    first = await service.run(team_id=TEAM, kind="recognition")
    assert first.status == "retrying" and stack.fake.posted("C1") == []
    clock.advance(minutes=2)
    [second] = await service.sweep()  # not in the channel's history: safe to send
    assert second.status == "posted"
    assert tags(stack.fake, "C1") == [f"{first.run_id}:slack:C1:"] and reports(stack.fake) == []


async def test_shout_out_in_flight_when_the_process_died_is_not_reposted(stack):
    service, clock = await weekly(stack)
    stack.fake.fail_next("chat.postMessage", slow=SLOW)
    sending = asyncio.create_task(service.run(team_id=TEAM, kind="recognition"))
    while not stack.fake.posted("C1"):
        await asyncio.sleep(0.01)
    sending.cancel()  # Slack has it; the process dies before the answer
    with pytest.raises(asyncio.CancelledError):
        await sending
    clock.advance(minutes=16)
    [result] = await service.sweep()  # the interrupted attempt: looked up, found
    assert result.status == "posted"
    assert len(stack.fake.posted("C1")) == 1 and reports(stack.fake) == []


async def test_shout_out_left_unsure_is_looked_up_by_retry(stack):
    """No attempts left while unsure: the managers are told; `--retry` (reopen) looks it up, never re-posts."""
    stack.core.settings.weekly_retry_seconds = []
    service, _ = await weekly(stack)
    stack.fake.fail_next("chat.postMessage", drop="after")
    stack.fake.fail_next("conversations.history", error="ratelimited")
    first = await service.run(team_id=TEAM, kind="recognition")
    assert first.status == "unsure"
    [report] = reports(stack.fake)
    assert "may have been posted to Slack C1" in report["text"]
    assert f"go:recognition_review:{first.run_id}:again" in str(report["blocks"])
    for _ in range(4):  # the first looks it up and finds it; the others find the run posted
        assert (await service.reopen(team_id=TEAM, kind="recognition", week=first.week)).status == "posted"
    assert len(stack.fake.posted("C1")) == 1 and len(stack.fake.posts("C1")) == 1


async def test_refused_connection_or_429_is_retried_and_posted_once(stack):
    service, clock = await weekly(stack)
    await stack.fake.go_offline()
    first = await service.run(team_id=TEAM, kind="recognition")
    assert first.status == "retrying" and "may have been" not in first.detail
    await stack.fake.go_online()
    stack.fake.fail_next("chat.postMessage", status=429, retry_after=0)
    clock.advance(minutes=2)
    [second] = await service.sweep()
    assert second.status == "posted"
    assert len(stack.fake.posted("C1")) == 1 and stack.fake.of("conversations.history") == []
    assert reports(stack.fake) == []


async def test_refused_connection_is_retried_at_once_by_the_client(stack):
    service, _ = await weekly(stack)
    await stack.fake.go_offline()
    sending = asyncio.create_task(service.run(team_id=TEAM, kind="recognition"))
    await asyncio.sleep(0.1)  # refused once; the client tries again after 0.5-1.5 s
    await stack.fake.go_online()
    result = await sending
    assert result.status == "posted"
    assert len(stack.fake.posted("C1")) == 1 and reports(stack.fake) == []
