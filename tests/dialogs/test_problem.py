"""The problem dialog (issue 12, point 3) through the router, on SQLite (and PostgreSQL when configured):
staff report an irritating or dull moment; it is stored apart from customers' ratings, counted in a
manager's per-MOT answer, its text read only by the reporter and (when shared) the team's managers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot import store
from bot.dialogs.problem import parse_severity
from bot.models import MotRating, ProblemReport, ProblemReportCreate, TrainingExample
from bot.visibility import managers_of, team_audience, viewer_of
from tests.test_insight import LAST_WEEK, THIS_WEEK, seed_ratings

# Phrasings here are written for the tests; none of them is one of the dialog's phrases or synonyms lists.
REPORT = "The payment terminal at reception froze twice this morning and a man waited ten minutes to pay."
THIS_WEEK_LABEL = "this week (Mon 16 Nov – Sun 22 Nov)"


async def _reports(app) -> list[ProblemReport]:  # type: ignore[no-untyped-def]
    async with app.sessionmaker() as session:
        return list((await session.exec(select(ProblemReport).order_by(ProblemReport.id))).all())


async def test_report_with_a_typed_moment_and_an_emoji_for_how_bad(app, chat):
    alice = chat("alice")
    assert "What went wrong" in await alice.say("report a problem")
    offered = await alice.say(REPORT)
    assert "moment" in offered and alice.choices[-1] == "other"
    assert "file it as a problem" in offered and "Thanks!" not in offered  # not a story's opening
    assert "How bad" in await alice.say("check out and pay")
    assert alice.choices == ["irritating", "dull"]
    assert "What would fix it" in await alice.say("😡")
    assert "share this with your managers" in await alice.say("A second card reader behind the desk")
    done = await alice.say("yes")
    assert "Thank you for flagging this, Alice" in done and "*Check out and pay*" in done
    assert "irritating" in done and "managers will see it" in done
    assert "great" not in done.lower() and "Stories like this" not in done
    [report] = await _reports(app)
    assert (report.team_id, report.cycle_id, report.reporter_id) == ("riverside", "healthcare-visit", "console:alice")
    assert report.mot_id == "checkout-pay" and report.severity == "irritating" and report.status == "open"
    assert report.shared is True and report.fix == "A second card reader behind the desk"
    assert report.text == REPORT
    async with app.sessionmaker() as session:
        assert (await session.exec(select(MotRating))).all() == []  # never mixed into customers' ratings
        [example] = (await session.exec(select(TrainingExample))).all()
    assert example.origin.startswith("problem_") and example.mot_id == "checkout-pay"


async def test_command_prefix_and_phrase_all_start_it(app, chat):
    alice, sam = chat("alice"), chat("sam")
    assert "What went wrong" in "\n".join(await alice.send("", command="problem"))
    assert "/problem" not in await alice.say("cancel")
    assert "What went wrong" in await alice.say("report")
    await alice.say("cancel")
    assert "What went wrong" in await sam.say("something went wrong")
    await sam.say("cancel")
    typed = await sam.say("report a problem: nobody answered the phone line for the whole lunch hour")
    assert "What went wrong" not in typed and "moment" in typed


async def test_dull_in_words_skip_the_fix_and_keep_it_from_managers(app, chat):
    sam = chat("sam")
    await sam.say("problem")
    await sam.say("The forms on the clipboard are confusing and people give up halfway, it takes ages")
    await sam.say("insurance card and forms")
    assert "How bad" in sam.last[0].text
    assert "What would fix it" in await sam.say("just a bit boring really")
    await sam.say("skip")
    done = await sam.say("no")
    assert "keep your words to myself" in done and "without your name" in done
    [report] = await _reports(app)
    assert report.severity == "dull" and report.fix == "" and report.shared is False
    assert report.mot_id == "insurance-forms"


async def test_unreadable_severity_is_asked_again_with_its_choices(app, chat):
    alice = chat("alice")
    await alice.say("problem")
    await alice.say(REPORT)
    await alice.say("check out and pay")
    again = await alice.say("purple")
    assert "How bad" in again and alice.choices == ["irritating", "dull"]
    assert "What would fix it" in await alice.say("2")
    await alice.say("cancel")
    assert await _reports(app) == []


@pytest.mark.parametrize("said, severity", [
    ("not too bad really", "dull"), ("not that bad", "dull"), ("it was not serious", "dull"), ("meh", "dull"),
    ("pretty bad", "irritating"), ("they were furious", "irritating"), ("😠", "irritating"), ("purple", None),
])
def test_how_bad_in_words(said, severity):
    assert parse_severity(None, {}, said) == severity  # type: ignore[arg-type]


async def test_menu_offers_it_to_staff_and_managers_and_customers_are_refused(app, chat):
    alice = chat("alice")
    await alice.say("hi")
    assert "go:problem" in alice.choices
    dana = chat("dana")
    await dana.say("menu")
    assert "go:problem" in dana.choices
    customer = chat("visitor42")
    await customer.say("hi")
    assert "go:problem" not in customer.choices
    refused = await customer.say("report a problem")
    assert "for staff members" in refused and "feedback" in refused


async def test_managers_mot_detail_counts_flagged_problems_apart_from_ratings(app, chat, tmp_path):
    app.settings.chart_dir = tmp_path / "charts"
    await seed_ratings(app)
    dana = chat("dana")
    before = await dana.say("how was check-in this week?")
    assert "Staff flagged" not in before
    async with app.sessionmaker() as session, session.begin():
        for when, mot in ((THIS_WEEK, "check-in"), (THIS_WEEK + timedelta(hours=2), "check-in"),
                          (LAST_WEEK, "check-in"), (THIS_WEEK, "waiting-room")):
            await store.create_problem_report(session=session, data=ProblemReportCreate(
                team_id="riverside", cycle_id="healthcare-visit", reporter_id="console:sam", mot_id=mot,
                severity="irritating", text="The queue at the desk went out of the door.", created_at=when))
    after = await dana.say("how was check-in this week?")
    assert f"Staff flagged 2 problems here in {THIS_WEEK_LABEL}" in after
    # the customers' numbers are the same lines as before the reports
    assert [line for line in after.splitlines() if not line.startswith("Staff flagged")] == before.splitlines()
    last_week = await dana.say("how did check-in do last week")
    assert "Staff flagged 1 problem here in last week" in last_week


async def test_who_may_read_a_problems_text(app):
    async with app.sessionmaker() as session, session.begin():
        for reporter, shared in (("console:alice", False), ("console:sam", True)):
            await store.create_problem_report(session=session, data=ProblemReportCreate(
                team_id="riverside", cycle_id="healthcare-visit", reporter_id=reporter, mot_id="check-in",
                severity="dull", text=f"reported by {reporter}", shared=shared))

    async def texts(viewer, team_id: str = "riverside") -> list[str]:  # type: ignore[no-untyped-def]
        async with app.sessionmaker() as session:
            found = await store.list_problem_reports(session=session, team_id=team_id, viewer=viewer)
        return sorted(r.text for r in found)

    assert await texts(viewer_of("console:dana", team_id="riverside", role="manager")) == [
        "reported by console:sam"]
    assert await texts(managers_of("riverside")) == ["reported by console:sam"]
    assert await texts(viewer_of("console:alice", team_id="riverside", role="staff")) == [
        "reported by console:alice"]
    assert await texts(viewer_of("console:tess", team_id="riverside", role="staff")) == []
    assert await texts(team_audience("riverside")) == []
    assert await texts(viewer_of("console:mo", team_id="harbour", role="manager")) == []
    assert await texts(viewer_of(None, team_id="riverside", role="customer")) == []
    async with app.sessionmaker() as session:
        counts = await store.count_problem_reports(session=session, team_id="riverside")
    assert counts == {"check-in": 2}  # a number carries no words and no name: every report counts


async def test_confirmed_suggestion_back_and_mot_prefix(app, chat):
    alice = chat("alice")
    first = "\n".join(await alice.send("problem", command="mot"))
    assert "What went wrong" in first
    offered = await alice.say("A man sat in the waiting room for over an hour and got upset about the long wait, "
                              "nobody told him why.")
    assert "*Sit in the waiting room*" in offered and alice.choices[0] == "confirm"
    assert "How bad" in await alice.click("confirm")
    assert "Is that right" in await alice.say("back")  # the suggestion again, not the story
    await alice.click("confirm")
    await alice.say("angry")
    await alice.say("Tell people at check-in how long the wait is")
    assert "Thank you for flagging this" in await alice.say("no")
    [report] = await _reports(app)
    assert report.mot_id == report.suggested_mot_id == "waiting-room" and report.severity == "irritating"
    async with app.sessionmaker() as session:
        [example] = (await session.exec(select(TrainingExample))).all()
    assert example.origin == "problem_confirmed"


async def _report(app, *, reporter: str, mot: str, shared: bool, text: str, when=THIS_WEEK, fix: str = "") -> None:  # type: ignore[no-untyped-def]
    async with app.sessionmaker() as session, session.begin():
        await store.create_problem_report(session=session, data=ProblemReportCreate(
            team_id="riverside", cycle_id="healthcare-visit", reporter_id=reporter, mot_id=mot,
            severity="irritating", text=text, fix=fix, shared=shared, created_at=when))


async def test_managers_read_shared_problems_with_who_and_the_fix(app, chat):
    await _report(app, reporter="console:sam", mot="check-in", shared=True, text="The queue went out of the door.",
                  fix="Open the second desk at 9")
    await _report(app, reporter="console:alice", mot="waiting-room", shared=False, text="Private words of alice.")
    await _report(app, reporter="console:sam", mot="check-in", shared=True, text="Too old to show.",
                  when=THIS_WEEK - timedelta(days=45))
    reply = await chat("dana").say("problems")
    assert reply.startswith("Staff flagged 2 problems in the last 30 days")
    assert "1 shared with managers" in reply
    assert "*Check in*, irritating — Sam: “The queue went out of the door.” Fix: Open the second desk at 9" in reply
    assert "Private words" not in reply and "Too old" not in reply
    only = "\n".join(await chat("dana").send("problems waiting room", command="mot"))
    assert "Staff flagged 1 problem at *Sit in the waiting room*" in only and "0 shared" in only
    assert "Private words" not in only


async def test_staff_read_only_their_own_problems_and_customers_none(app, chat):
    await _report(app, reporter="console:sam", mot="check-in", shared=True, text="Sam's report.")
    await _report(app, reporter="console:alice", mot="waiting-room", shared=False, text="Alice's report.")
    mine = await chat("alice").say("my reports")
    assert "You flagged 1 problem" in mine and "Alice's report." in mine and "Sam's" not in mine
    assert "Problem reports are for the team's staff" in await chat("guest").say("problems")


async def test_problems_for_an_unknown_moment_and_none_yet(app, chat):
    assert "No problems flagged in the last 30 days" in await chat("dana").say("problems")
    assert "You haven't flagged any problems" in await chat("alice").say("problems")
    reply = "\n".join(await chat("dana").send("problems the moon 🌙", command="mot"))
    assert "I don't know the moment" in reply and "Traceback" not in reply


async def test_a_report_from_last_year_says_its_year(app, chat, clock):
    clock.now = datetime(2027, 1, 10, 10, 0, tzinfo=UTC)
    await _report(app, reporter="console:sam", mot="check-in", shared=True, text="Queue at new year.",
                  when=datetime(2026, 12, 28, 9, 0, tzinfo=UTC))
    await _report(app, reporter="console:sam", mot="check-in", shared=True, text="Queue this year.",
                  when=datetime(2027, 1, 4, 9, 0, tzinfo=UTC))
    reply = await chat("dana").say("problems")
    assert "(since Fri 11 Dec 2026)" in reply
    assert "Mon 28 Dec 2026, *Check in*" in reply and "Mon 4 Jan, *Check in*" in reply


async def _asked_what_would_fix_it(person):  # type: ignore[no-untyped-def]
    """`person` has reported REPORT at *Check out and pay* as irritating and is asked what would fix it."""
    await person.say("report a problem")
    await person.say(REPORT)
    await person.say("check out and pay")
    assert "What would fix it" in await person.say("😡")
    return person


@pytest.mark.parametrize(("said", "shared"), [("managers only", True), ("keep it private", False)])
async def test_sharing_a_report_answered_in_words(app, chat, said, shared):
    alice = await _asked_what_would_fix_it(chat("alice"))
    assert "share this with your managers" in await alice.say("skip")
    await alice.say(said)
    [report] = await _reports(app)
    assert report.shared is shared


async def test_an_idea_for_the_team_is_filed_with_the_idea_as_its_fix(app, chat):
    alice = chat("alice")
    idea = "we should put a sign at the exit barrier so people know to pay first"
    offered = await alice.say(idea)
    assert offered.startswith("Thanks for the idea!") and "Drive out of the parking lot" in offered
    asked = await alice.click("confirm")  # nothing went wrong to rate "how bad": how it goes today
    assert asked.startswith("How does that moment go for customers today, without your idea?"), asked
    assert "share this with your managers" in await alice.say("dull")  # "what would fix it" is not asked
    thanked = await alice.say("yes")
    assert thanked.startswith("Thank you for the idea, Alice. I've noted it as #"), thanked
    assert "*Drive out of the parking lot* (today: dull)" in thanked
    [report] = await _reports(app)
    assert report.text == report.fix == idea and report.mot_id == "drive-out"


async def test_what_would_fix_it_in_the_imperative_is_the_fix(app, chat):
    sam = await _asked_what_would_fix_it(chat("sam"))
    assert "share this with your managers" in await sam.say("call the card machine company and check it every morning")
    await sam.say("yes")
    [report] = await _reports(app)
    assert report.fix == "call the card machine company and check it every morning"
