"""Manager approval of the weekly shout-out, through the router as manager "dana": the draft DM,
Approve / Edit / Skip, only the team's managers, and only once."""

from __future__ import annotations

import pytest

from bot import store
from bot.events import Platform
from tests.conftest import Chat
from tests.test_weekly import NOW, WEEK, add_story, fixed, install_fakes, runs, set_team_settings


@pytest.fixture
async def draft(app):  # type: ignore[no-untyped-def]
    """A shout-out waiting for approval; returns (fakes, run id, the DM dana got)."""
    service = app.weekly
    service.clock = fixed(NOW)
    fakes = install_fakes(app)
    await set_team_settings(app, recognition_approval=True)
    await add_story(app, action="I walked her to the clinic.")
    result = await service.run(team_id=TEAM_ID, kind="recognition", week=WEEK)
    assert result.status == "awaiting_approval"
    [dm] = fakes[Platform.CONSOLE].dms("dana")
    return fakes, result.run_id, dm


TEAM_ID = "riverside"


async def test_draft_goes_to_managers_only_with_three_buttons(app, draft):
    fakes, run_id, dm = draft
    assert "posted only once you approve" in dm.text and "I walked her to the clinic." in dm.text
    assert [c.id for c in dm.choices] == [f"go:recognition_review:{run_id}:{a}" for a in ("approve", "edit", "skip")]
    assert fakes[Platform.SLACK].sent == [] and fakes[Platform.CONSOLE].dms("alice") == []


async def test_approve_posts_once(app, chat, draft):
    fakes, run_id, _ = draft
    dana = chat("dana")
    reply = await dana.click(f"go:recognition_review:{run_id}:approve")
    assert "Thanks, Dana" in reply and "Slack C1" in reply
    await app.weekly.drain()
    [post] = fakes[Platform.SLACK].to("C1")
    assert "I walked her to the clinic." in post.text
    [run] = await runs(app)
    assert run.status == "posted" and run.content["decided_by"] == "Dana"
    again = await dana.click(f"go:recognition_review:{run_id}:skip")
    assert "was posted" in again and "Dana decided" in again
    assert len(fakes[Platform.SLACK].sent) == 1


async def test_edit_asks_for_text_then_posts_it_verbatim(app, chat, draft):
    fakes, run_id, _ = draft
    dana = chat("dana")
    prompt = await dana.click(f"go:recognition_review:{run_id}:edit")
    assert "exactly as you write it" in prompt and "I walked her to the clinic." in prompt
    reply = await dana.say("🎉 *Great week, team!* Thank you for every kind word.")
    assert "Posting your text" in reply
    await app.weekly.drain()
    assert [m.text for m in fakes[Platform.SLACK].sent] == ["🎉 *Great week, team!* Thank you for every kind word."]
    assert [m.text for m in fakes[Platform.TELEGRAM].sent] == ["🎉 *Great week, team!* Thank you for every kind word."]


async def test_edit_can_be_cancelled_and_the_draft_keeps_waiting(app, chat, draft):
    fakes, run_id, _ = draft
    dana = chat("dana")
    await dana.click(f"go:recognition_review:{run_id}:edit")
    assert "still waiting" in await dana.say("cancel")
    assert (await runs(app))[0].status == "awaiting_approval" and fakes[Platform.SLACK].sent == []


async def test_skip_posts_nothing(app, chat, draft):
    fakes, run_id, _ = draft
    assert "skipped" in await chat("dana").click(f"go:recognition_review:{run_id}:skip")
    await app.weekly.drain()
    assert (await runs(app))[0].status == "skipped" and fakes[Platform.SLACK].sent == []


async def test_only_managers_of_that_team_may_decide(app, chat, draft):
    fakes, run_id, _ = draft
    assert "Only the team's managers" in await chat("alice").click(f"go:recognition_review:{run_id}:approve")
    async with app.sessionmaker() as session, session.begin():
        await store.upsert_team(session=session, team_id="other", name="Other", cycle_id="healthcare-visit")
        await store.upsert_person(session=session, person_id="console:olga", team_id="other", display_name="Olga",
                                  role="manager")
    assert "Only the team's managers" in await chat("olga").click(f"go:recognition_review:{run_id}:approve")
    assert "can't find" in await chat("dana").click("go:recognition_review:9999:approve")
    assert "doesn't look right" in await chat("dana").click("go:recognition_review:oops")
    # "Post again" is for what may have been posted, not for a draft
    assert "is waiting for approval" in await chat("dana").click(f"go:recognition_review:{run_id}:again")
    await app.weekly.drain()
    assert (await runs(app))[0].status == "awaiting_approval" and fakes[Platform.SLACK].sent == []


async def test_two_managers_click_approve_posts_once(app, draft):
    fakes, run_id, _ = draft
    async with app.sessionmaker() as session, session.begin():
        await store.upsert_person(session=session, person_id="console:lee", team_id=TEAM_ID, display_name="Lee",
                                  role="manager")
    first = await Chat(app, "dana").click(f"go:recognition_review:{run_id}:approve")
    await app.weekly.drain()  # in-memory SQLite: one shared connection, so no overlap here
    second = await Chat(app, "lee").click(f"go:recognition_review:{run_id}:approve")
    assert "Thanks, Dana" in first and "was posted — Dana decided" in second
    assert len(fakes[Platform.SLACK].sent) == 1
