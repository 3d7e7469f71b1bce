"""The one visibility rule (bot/visibility.py): the rule on one story, the same rule as a SQL filter
(bot.store.visible_to) giving the same answers on SQLite and PostgreSQL, and the reported case end to
end through the router: Alice keeps a story private and names Sam as helper."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from bot import store
from bot.config import DATA_DIR
from bot.cycle import load_cycles
from bot.home import build_home
from bot.markup import unescape
from bot.models import StoryCreate, utcnow
from bot.weekly.recognition import collect_recognition, render_recognition
from bot.visibility import Grant, Viewer, can_see, grant, managers_of, team_audience, viewer_of
from tests.conftest import TEAM, Chat

OTHER = "harbour"
CYCLE = load_cycles(DATA_DIR / "cycles")["healthcare-visit"]
WAITING = ("A lady had been sitting in the waiting room for an hour and was upset about the long wait, "
           "so I explained the delay and offered her tea.")  # suggested at >= 0.9 confidence (issue 13)

ALICE = viewer_of("console:alice", team_id=TEAM, role="staff")
SAM = viewer_of("console:sam", team_id=TEAM, role="staff")
DANA = viewer_of("console:dana", team_id=TEAM, role="manager")
OTHER_STAFF = viewer_of("console:olly", team_id=OTHER, role="staff")
OTHER_MANAGER = viewer_of("console:mo", team_id=OTHER, role="manager")
CUSTOMER = viewer_of(None, team_id=TEAM, role="customer")  # customers are routed to a team, still see nothing
STRANGER = viewer_of("console:who", team_id=None, role="unknown")
VIEWERS = {"alice": ALICE, "sam": SAM, "dana": DANA, "other staff": OTHER_STAFF, "other manager": OTHER_MANAGER,
           "customer": CUSTOMER, "stranger": STRANGER, "team channel": team_audience(TEAM),
           "managers": managers_of(TEAM)}


def story(author: str = "console:alice", *, team: str = TEAM, shareable: bool) -> SimpleNamespace:
    return SimpleNamespace(author_id=author, team_id=team, shareable=shareable)


@pytest.mark.parametrize(("viewer", "private", "shared"), [
    ("alice", True, True),  # the author always sees their own
    ("sam", False, True),  # a colleague: shareable only
    ("dana", True, True),  # the team's manager: everything of the team
    ("other staff", False, False), ("other manager", False, False),  # another team: nothing
    ("customer", False, False), ("stranger", False, False),
    ("team channel", False, True),  # a broadcast to the team = what any staff member may see
    ("managers", True, True),  # the digest
])
def test_the_rule(viewer: str, private: bool, shared: bool):
    alices = (story(shareable=False), story(shareable=True))
    assert [can_see(s, VIEWERS[viewer]) for s in alices] == [private, shared]


def test_the_author_sees_their_story_wherever_they_are_now():
    moved = viewer_of("console:alice", team_id=OTHER, role="staff")
    assert can_see(story(shareable=False), moved) and not can_see(story("console:sam", shareable=False), moved)
    assert grant(moved) == grant(Viewer(frozenset({"console:alice"}), OTHER, "staff"))
    assert not can_see(story("console:sam", shareable=True), moved)
    assert grant(CUSTOMER) == Grant(frozenset(), None, private=False)  # a customer: nothing at all


async def _two_teams(app) -> list:  # type: ignore[no-untyped-def]
    async with app.sessionmaker() as session, session.begin():
        await store.upsert_team(session=session, team_id=OTHER, name="Harbour", cycle_id="healthcare-visit")
        await store.upsert_person(session=session, person_id="console:olly", team_id=OTHER, display_name="Olly")
        made = []
        for author, team in (("console:alice", TEAM), ("console:sam", TEAM), ("console:dana", TEAM),
                             ("console:olly", OTHER), ("console:alice", OTHER)):
            for shareable in (True, False):
                made.append(await store.create_story(session=session, data=StoryCreate(
                    team_id=team, author_id=author, mot_id="check-in", text=f"{author} {shareable}",
                    shareable=shareable)))
        return [SimpleNamespace(id=s.id, author_id=s.author_id, team_id=s.team_id, shareable=s.shareable)
                for s in made]


async def test_the_sql_filter_is_the_same_rule(app):
    stories = await _two_teams(app)
    async with app.sessionmaker() as session:
        for name, viewer in VIEWERS.items():
            for team in (TEAM, OTHER):
                listed = {s.id for s in await store.list_stories(session=session, team_id=team, viewer=viewer)}
                expected = {s.id for s in stories if s.team_id == team and can_see(s, viewer)}
                assert listed == expected, (name, team)
                assert await store.count_stories(session=session, team_id=team, viewer=viewer) == len(expected)
    def seen(viewer: Viewer) -> set[str]:
        return {f"{s.team_id} {s.author_id.split(':')[1]} {s.shareable}" for s in stories if can_see(s, viewer)}
    assert seen(SAM) == {"riverside sam True", "riverside sam False", "riverside alice True", "riverside dana True"}
    assert seen(DANA) == {f"riverside {who} {shared}" for who in ("alice", "sam", "dana") for shared in (True, False)}
    assert seen(team_audience(TEAM)) == {"riverside alice True", "riverside sam True", "riverside dana True"}
    assert seen(ALICE) == seen(DANA) - {"riverside sam False", "riverside dana False"} | {
        "harbour alice True", "harbour alice False"}  # her own, in the team she was in before too
    assert seen(OTHER_STAFF) == {"harbour olly True", "harbour olly False", "harbour alice True"}
    assert seen(CUSTOMER) == seen(STRANGER) == set()


async def tell(chat: Chat, *, action: str, helpers: str, share: bool, text: str = WAITING) -> str:
    """Tell a story through the router as a platform would: story, MOT confirmed, action (asked only when the
    story doesn't say it), helpers, effect skipped, the answer to "May I share this story with the team?",
    then Save on the confirmation card."""
    await chat.say("story")
    await chat.say(text)
    assert "confirm" in chat.choices
    asked = await chat.click("confirm")
    typed = "What did you do" in asked
    if typed:
        asked = await chat.say(action)
    assert "Who helped" in asked
    assert "difference" in await chat.say(helpers)
    assert "share" in await chat.say("skip")
    assert "Does it look right" in await chat.say("yes" if share else "no")
    if not typed:  # the story said what was done: put it in the teller's own words on the card
        assert "What did you do" in await chat.click("edit_action")
        assert action in await chat.say(action)
    return await chat.click("save")


async def test_a_private_story_stays_with_its_author_and_the_managers(app, chat, clock):
    """Issue 10.4: Alice says no to sharing and names Sam as helper; the story was on Sam's App Home."""
    done = await tell(chat("alice"), action="I offered tea and water to everyone waiting.", helpers="Sam",
                      share=False)
    assert "I'll keep it private (managers only)" in done
    await tell(chat("sam"), action="I offered tea and water to everyone waiting.", helpers="nobody", share=True,
               # issue 13: "The clinic ran an hour late and the waiting room was tense, so I went round with
               # drinks." is now offered among three guesses (0.45: the escort from the waiting room competes)
               text="Everyone had waited over an hour past their appointment time, so I explained the delay and "
                    "went round with drinks.")
    clock.now = utcnow()  # stories are dated by the real clock; ask about "this week" around them

    async with app.sessionmaker() as session:
        sams = await build_home(session=session, person_id="console:sam", cycles={CYCLE.id: CYCLE})
        alices = await build_home(session=session, person_id="console:alice", cycles={CYCLE.id: CYCLE})
    assert sams.thanks == () and sams.story_count == 1
    assert [line.text for line in alices.stories] == [WAITING] and alices.story_count == 1

    about_sam = await chat("dana").say("stories about Sam")
    assert about_sam.splitlines()[0].startswith("*2 stories about Sam") and "offered her tea" in about_sam
    practices = await chat("dana").say("best practices for the waiting room this week")
    assert "offered tea and water to everyone waiting" in practices and "2 people do this" in practices
    assert "📖 Alice:" in practices  # the manager may be shown the private story behind a card

    now = utcnow()
    async with app.sessionmaker() as session:
        team = await store.get_team(session=session, team_id=TEAM)
        rec = await collect_recognition(session=session, team=team, cycle=CYCLE, start=now - timedelta(days=1),
                                        end=now + timedelta(minutes=1), week="2026-W48")
    post = unescape(render_recognition(rec, "console"), mention=lambda m: f"*{m.name}*")  # names as markup
    assert [s.author.name for s in rec.stories if s.author] == ["Sam"]
    assert "• *Sam* at *Sit in the waiting room*" in post
    assert "I offered tea and water to everyone waiting." in post and "offered her tea" not in post
    assert "Alice" not in post
    assert rec.helpers == ()  # Sam was named only in the private story
    assert not any("tea" in p.text for p in rec.practices)  # one shareable teller: not a spreading practice

