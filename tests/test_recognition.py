"""What the shout-out celebrates and how it reads: shareable stories only, opt-outs never named,
mentions per platform, customer praise naming staff, helpers, practices, the most improved MOT;
and the privacy command through the router."""

from __future__ import annotations

from datetime import timedelta

from bot import store
from bot.config import DATA_DIR
from bot.cycle import load_cycles
from bot.events import Platform
from bot.insight import MotStat
from bot.models import Person, Standard
from bot.adapters.slack.render import mention_mrkdwn
from bot.markup import unescape
from bot.weekly.recognition import collect_recognition, most_improved, render_recognition
from bot.weekly.roster import build_roster, mask, mention
from tests.conftest import TEAM
from tests.test_weekly import IN_WEEK, NOW, WEEK, add_ratings, add_story


def written_for(text: str, platform: Platform) -> str:
    """A post's markup as written for `platform`: a Slack mention where the person has a Slack id (on Slack),
    else the name in bold."""
    return unescape(text, mention=mention_mrkdwn if platform == Platform.SLACK else lambda m: f"*{m.name}*")

START, END = NOW - timedelta(days=7, hours=1), NOW - timedelta(hours=1)
CYCLE = load_cycles(DATA_DIR / "cycles")["healthcare-visit"]


async def add_person(app, person_id: str, name: str, role: str = "staff") -> None:
    async with app.sessionmaker() as session, session.begin():
        await store.upsert_person(session=session, person_id=person_id, team_id=TEAM, display_name=name, role=role)


async def opt_out(app, person_id: str) -> None:
    async with app.sessionmaker() as session, session.begin():
        await store.set_mention_opt_out(session=session, person_id=person_id, opt_out=True)


async def collect(app):  # type: ignore[no-untyped-def]
    async with app.sessionmaker() as session:
        team = await store.get_team(session=session, team_id=TEAM)
        return await collect_recognition(session=session, team=team, cycle=CYCLE, start=START, end=END, week=WEEK)


def test_roster_merges_platform_accounts_and_mentions_per_platform():
    roster = build_roster([
        Person(id="console:alice", team_id=TEAM, display_name="Alice"),
        Person(id="slack:U0ALICE", team_id=TEAM, display_name="alice "),
        Person(id="telegram:42", team_id=TEAM, display_name="Sam", mention_opt_out=True),
        Person(id="console:dana", team_id=TEAM, display_name="Dana", role="manager"),
    ])
    alice = roster.find("<@U0ALICE|alice>")
    assert alice is not None and alice.ids == ("console:alice", "slack:U0ALICE") and roster.find("@alice") == alice
    assert written_for(mention(alice), Platform.SLACK) == "<@U0ALICE>"
    assert written_for(mention(alice), Platform.TELEGRAM) == "*Alice*"
    sam = roster.find("sam")
    assert mention(sam) == "a colleague" and mention(None, capital=True) == "A colleague"
    assert mask("Sam and Alice were lovely, thanks SAM", roster) == "a colleague and Alice were lovely, thanks a colleague"
    assert [m.name for m in roster.managers] == ["Dana"] and roster.find("Nobody") is None


async def test_only_shareable_stories_with_mentions_per_platform(app):
    await add_person(app, "slack:U0ALICE", "Alice")
    await add_story(app, "console:alice", colleagues=("Sam", "Someone Else", "<@U0ALICE>"), action="I sat with her.")
    await add_story(app, "console:sam", shareable=False, action="A private one.")
    rec = await collect(app)
    assert [s.author.name for s in rec.stories] == ["Alice"]
    slack = written_for(render_recognition(rec, Platform.SLACK), Platform.SLACK)
    telegram = written_for(render_recognition(rec, Platform.TELEGRAM), Platform.TELEGRAM)
    assert "• <@U0ALICE> at *Check in* with *Sam*:" in slack and "> I sat with her." in slack
    assert "• *Alice* at *Check in* with *Sam*:" in telegram and "<@" not in telegram
    assert "A private one" not in slack + telegram and "Someone Else" not in slack
    assert "*Thanks for helping out* 🤝\n*Sam*" in slack  # the author is not thanked for helping herself
    assert slack.endswith("*/mot story*") and telegram.endswith("/story")


async def test_opted_out_people_are_never_named(app):
    await add_person(app, "slack:U0SAM", "Sam")
    await opt_out(app, "console:sam")
    await add_story(app, "console:sam", action="Sam walked her to the clinic.", effect="Sam made her day.")
    await add_story(app, "console:alice", colleagues=("Sam", "<@U0SAM>"), action="Sam and I helped.")
    await add_ratings(app, "check-in", "shining", 1, comment="Sam and Alice at the desk were so kind")
    rec = await collect(app)
    for platform in Platform:
        text = render_recognition(rec, platform)
        assert "Sam" not in text and "U0SAM" not in text
        assert "A colleague at *Check in*" in text and "a colleague walked her" in text
    assert all(not s.helpers for s in rec.stories) and rec.helpers == ()
    assert [p.member.name for p in rec.praise] == ["Alice"]
    assert rec.praise[0].quote == "a colleague and Alice at the desk were so kind"


async def test_customer_praise_names_staff_newest_first_one_each(app):
    await add_ratings(app, "check-in", "shining", 1, when=IN_WEEK, comment="Alice was wonderful")
    await add_ratings(app, "physician", "shining", 1, when=IN_WEEK + timedelta(hours=1), comment="Thanks to Alice!")
    await add_ratings(app, "waiting-room", "irritating", 1, comment="Sam ignored me")  # not praise
    await add_ratings(app, "checkout-pay", "shining", 1, comment="samples were quick")  # not a name
    rec = await collect(app)
    assert [(p.member.name, p.mot_name, p.quote) for p in rec.praise] == [("Alice", "Seen by the physician", "Thanks to Alice!")]
    text = written_for(render_recognition(rec, Platform.TELEGRAM), Platform.TELEGRAM)
    assert "*Customers named you* 💬\n• *Alice* (Seen by the physician): “Thanks to Alice!”" in text


def test_most_improved_needs_enough_ratings_and_a_real_gain():
    now = {"check-in": MotStat("check-in", 10, 8, 1, 1), "physician": MotStat("physician", 4, 4, 0, 0),
           "waiting-room": MotStat("waiting-room", 10, 5, 3, 2)}
    before = {"check-in": MotStat("check-in", 10, 5, 3, 2), "physician": MotStat("physician", 10, 0, 10, 0),
              "waiting-room": MotStat("waiting-room", 10, 5, 2, 3)}
    up = most_improved(now, before, CYCLE)
    assert up is not None and (up.mot_id, up.shining_now, up.shining_before, up.gain) == ("check-in", 80, 50, 50)
    assert (up.irritating_now, up.irritating_before, up.n_now, up.n_before) == (10, 30, 10, 10)
    assert most_improved(before, before, CYCLE) is None


async def test_most_improved_and_practices_from_the_database(app):
    await add_ratings(app, "check-in", "irritating", 5, when=START - timedelta(days=2))
    await add_ratings(app, "check-in", "shining", 6, when=IN_WEEK)
    async with app.sessionmaker() as session, session.begin():
        session.add(Standard(team_id=TEAM, mot_id="check-in", key="greet", behaviour="Greet regulars by name",
                             accepted_by="console:dana", accepted_at=IN_WEEK))
        session.add(Standard(team_id=TEAM, mot_id="physician", key="old", behaviour="Old news",
                             accepted_by="console:dana", accepted_at=START - timedelta(days=3)))
    rec = await collect(app)
    assert rec.improved is not None and rec.improved.mot_id == "check-in"
    assert [p.text for p in rec.practices] == ["Greet regulars by name"]
    text = render_recognition(rec, Platform.SLACK)
    assert ("*Most improved moment* 📈\n*Check in*: 100% shining (was 0%), 0% irritating (was 100%); "
            "n=6, the week before n=5.") in text
    assert "*Practices that are spreading* 🌱\n• *Check in*: Greet regulars by name" in text
    assert "Moments that made" not in text and "Customers named" not in text  # no empty sections


async def test_a_standard_drawn_from_a_private_story_is_not_announced_to_the_team(app):
    private = await add_story(app, "console:alice", shareable=False, action="I walked her to radiology myself.")
    shared = await add_story(app, "console:sam", action="I greeted her by name.")
    async with app.sessionmaker() as session, session.begin():
        for key, behaviour, story_ids in (("walk", "walked her to radiology myself", [private]),
                                          ("greet", "Greet regulars by name", [shared]),
                                          ("both", "Walk and greet", [shared, private])):
            session.add(Standard(team_id=TEAM, mot_id="check-in", key=key, behaviour=behaviour, story_ids=story_ids,
                                 accepted_by="console:dana", accepted_at=IN_WEEK))
    rec = await collect(app)
    assert [p.text for p in rec.practices] == ["Greet regulars by name"]
    assert [s.quote for s in rec.stories] == ["I greeted her by name."]
    assert "radiology" not in render_recognition(rec, Platform.SLACK)


async def test_nothing_to_celebrate_is_empty(app):
    await add_story(app, shareable=False)
    await add_ratings(app, "check-in", "shining", 3, comment="lovely")
    assert (await collect(app)).is_empty


async def test_story_outside_the_week_is_not_celebrated(app):
    await add_story(app, when=START - timedelta(minutes=1))
    await add_story(app, "console:sam", when=END)
    assert (await collect(app)).stories == ()


# --- consent through the router -----------------------------------------------------------------


async def _opted_out(app) -> dict[str, bool]:
    async with app.sessionmaker() as session:
        return {p.id: p.mention_opt_out for p in await store.list_people(session=session, team_id=TEAM)}


async def test_privacy_command_toggles_and_phrases_set(app, chat):
    await add_person(app, "slack:U0ALICE", "Alice")
    alice = chat("alice")
    reply = "\n".join(await alice.send("privacy", command="mot"))  # /mot privacy
    assert "won't name you" in reply and "mention me again" in reply
    assert (await _opted_out(app))["console:alice"] and (await _opted_out(app))["slack:U0ALICE"]
    reply = await alice.say("Mention me again!")
    assert "mention you by name again" in reply and "don't mention me" in reply
    assert not any((await _opted_out(app)).values())
    assert "won't name you" in await alice.say("don’t mention me")
    assert "won't name you" in "\n".join(await alice.send("on", command="privacy"))
    assert "mention you by name again" in "\n".join(await alice.send("off", command="privacy"))
    assert "anonymous" in await chat("guest").say("don't mention me")
    assert (await _opted_out(app))["console:sam"] is False


async def test_spreading_practice_needs_two_staff_and_shareable_stories(app):
    for author, shareable in (("console:alice", True), ("console:sam", True), ("console:dana", False)):
        await add_story(app, author, mot="waiting-room", shareable=shareable,
                        text="The clinic was running late and the waiting room was tense.",
                        action="I offered tea and water to everyone waiting.")
    rec = await collect(app)
    spreading = [p for p in rec.practices if "tea" in p.text]
    assert len(spreading) == 1 and "(2 people do this)" in spreading[0].text
    assert spreading[0].mot_name == "Sit in the waiting room"
