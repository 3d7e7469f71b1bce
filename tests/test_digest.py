"""The manager digest (bot/weekly/digest.py) is read by the team's managers: its counts and practices may rest
on private stories, which the team's shout-out never uses."""

from __future__ import annotations

from bot import store
from bot.weekly.digest import collect_digest, render_digest
from bot.models import Standard
from tests.conftest import TEAM
from tests.test_recognition import CYCLE, END, START, collect
from tests.test_weekly import IN_WEEK, add_story

TEA = "I offered tea and water to everyone waiting."


async def test_the_digest_may_show_what_private_stories_teach(app):
    for author in ("console:alice", "console:sam"):
        await add_story(app, author, mot="waiting-room", shareable=False, action=TEA,
                        text="The clinic was running late and the waiting room was tense.")
    walk = await add_story(app, "console:alice", shareable=False, action="I walked her to radiology myself.")
    await add_story(app, "console:dana", action="I greeted her by name.")
    async with app.sessionmaker() as session, session.begin():
        session.add(Standard(team_id=TEAM, mot_id="check-in", key="walk", behaviour="walked her to radiology myself",
                             story_ids=[walk], accepted_by="console:dana", accepted_at=IN_WEEK))
    async with app.sessionmaker() as session:
        team = await store.get_team(session=session, team_id=TEAM)
        digest = await collect_digest(session=session, chart_dir=app.settings.chart_dir, team=team, cycle=CYCLE,
                                      start=START, end=END, with_chart=False)
    assert (digest.stories, digest.shareable) == (4, 1)
    assert [(p.mot_name, p.text) for p in digest.practices] == [
        ("Check in", "walked her to radiology myself"),
        ("Sit in the waiting room", "offered tea and water to everyone waiting (2 people do this)")]
    text = render_digest(digest, "Dana")
    assert "4 staff stories (1 shareable)" in text and "• *Sit in the waiting room*: offered tea" in text

    post = await collect(app)  # the same week, as the team channel sees it
    assert post.practices == () and [s.quote for s in post.stories] == ["I greeted her by name."]
