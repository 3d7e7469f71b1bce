"""bot.insight and bot.store.stats against hand-built ratings with hand-computed numbers (SQLite, and
PostgreSQL when set).

The fixture (`seed_ratings`), team "riverside" in Europe/London (UTC+0 in November); the clock says
Friday 20 Nov 2026, so this week is Mon 16 – Sun 22 Nov and last week Mon 9 – Sun 15 Nov:

    this week       n   irritating  shining  dull        last week   n   irr  sh  dull
    call-appointment 10     6          2      2           call        3    1   1   1
    waiting-room    10      6          1      3           waiting    10    4   3   3
    read-signs      20     10          5      5           check-in    8    2   4   2
    check-in        10      1          8      1
    find-parking     4      3          1      0   (too few to rank)

Wilson lower bounds of the irritating share: 6/10 -> 0.3127 (a tie, broken by cycle order),
10/20 -> 0.2993, 1/10 -> 0.0179. One waiting-room rating sits at Mon 16 Nov 00:00:00 (in this
week) and one at Sun 15 Nov 23:59:59 (in last week)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot import insight, store
from bot.insight import MotStat
from bot.models import MotRating, StoryCreate
from bot.visibility import managers_of, team_audience, viewer_of

DANA = viewer_of("console:dana", team_id="riverside", role="manager")

THIS_WEEK = datetime(2026, 11, 17, 12, 0, tzinfo=UTC)
LAST_WEEK = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)
WEEK = (datetime(2026, 11, 16, tzinfo=UTC), datetime(2026, 11, 23, tzinfo=UTC))
PREV = (datetime(2026, 11, 9, tzinfo=UTC), datetime(2026, 11, 16, tzinfo=UTC))
COMMENTS = {
    ("waiting-room", "irritating"): ["Waited ninety minutes with no update", "Nowhere to sit", "Too hot in there"],
    ("find-parking", "irritating"): ["No spaces at all, call me on 07700 900123"],
    ("find-parking", "shining"): ["Lovely big car park"],
    ("check-in", "shining"): ["Receptionist remembered my name", "Quick and friendly"],
}


def _rows(mot: str, when: datetime, irritating: int, shining: int, dull: int) -> list[tuple[str, str, datetime]]:
    ratings = ["irritating"] * irritating + ["shining"] * shining + ["dull"] * dull
    return [(mot, r, when + timedelta(minutes=i)) for i, r in enumerate(ratings)]


def fixture_rows() -> list[tuple[str, str, datetime, str]]:
    rows = [
        *_rows("call-appointment", THIS_WEEK, 6, 2, 2),
        *_rows("waiting-room", THIS_WEEK, 5, 1, 3),
        ("waiting-room", "irritating", WEEK[0], ""),  # Monday 00:00:00 belongs to this week
        *_rows("read-signs", THIS_WEEK, 10, 5, 5),
        *_rows("check-in", THIS_WEEK, 1, 8, 1),
        *_rows("find-parking", THIS_WEEK, 3, 1, 0),
        *_rows("call-appointment", LAST_WEEK, 1, 1, 1),
        *_rows("waiting-room", LAST_WEEK, 3, 3, 3),
        ("waiting-room", "irritating", PREV[1] - timedelta(seconds=1), ""),  # Sunday 23:59:59: last week
        *_rows("check-in", LAST_WEEK, 2, 4, 2),
    ]
    used: dict[tuple[str, str], int] = {}
    out = []
    for mot, rating, when in (r[:3] for r in rows):
        texts = COMMENTS.get((mot, rating), []) if when >= WEEK[0] and when != WEEK[0] else []
        i = used.get((mot, rating), 0)
        used[(mot, rating)] = i + 1
        out.append((mot, rating, when, texts[i] if i < len(texts) else ""))
    return out


async def seed_ratings(app, rows=None, team_id: str = "riverside") -> None:  # type: ignore[no-untyped-def]
    async with app.sessionmaker() as session, session.begin():
        for mot, rating, when, comment in rows if rows is not None else fixture_rows():
            session.add(MotRating(team_id=team_id, mot_id=mot, rating=rating, comment=comment, created_at=when))
        await session.flush()  # rows added behind the store's back: the daily roll-up is recomputed, as after an import
        await store.rebuild_rollups(session=session, team_id=team_id)


async def _stats(app, start, end, team_id="riverside", **kw):  # type: ignore[no-untyped-def]
    async with app.sessionmaker() as session:
        return await store.mot_stats(session=session, team_id=team_id, start=start, end=end, **kw)


# --- pure maths -----------------------------------------------------------------------------------


def test_wilson_lower_bound_hand_computed():
    assert insight.wilson_lower_bound(6, 10) == pytest.approx(0.31267, abs=1e-4)
    assert insight.wilson_lower_bound(10, 20) == pytest.approx(0.29929, abs=1e-4)
    assert insight.wilson_lower_bound(1, 10) == pytest.approx(0.01788, abs=1e-4)
    assert insight.wilson_lower_bound(8, 10) == pytest.approx(0.49016, abs=1e-4)
    assert insight.wilson_lower_bound(0, 0) == 0.0 and insight.wilson_lower_bound(0, 7) == 0.0
    assert insight.wilson_lower_bound(3, 4) < insight.wilson_lower_bound(60, 100)


def test_percent_rounds_half_up_and_change_uses_shown_numbers():
    assert [insight.percent(*x) for x in ((1, 8), (1, 3), (2, 3), (0, 0), (5, 5), (3, 8))] == [13, 33, 67, 0, 100, 38]
    now, then = MotStat("m", 10, 2, 6, 2), MotStat("m", 3, 1, 1, 1)
    assert insight.change(now, then, "irritating") == 60 - 33
    assert insight.change(now, None, "irritating") is None
    assert insight.change(now, MotStat("m", 0, 0, 0, 0), "shining") is None


def test_rank_ties_small_samples_and_order():
    stats = {s.mot_id: s for s in (
        MotStat("waiting-room", 10, 1, 6, 3), MotStat("call-appointment", 10, 2, 6, 2),
        MotStat("read-signs", 20, 5, 10, 5), MotStat("find-parking", 4, 1, 3, 0), MotStat("drive-out", 2, 0, 2, 0),
    )}
    ranked, few = insight.rank(stats, by="weakness", order=["call-appointment", "find-parking", "waiting-room"])
    assert [s.mot_id for s in ranked] == ["call-appointment", "waiting-room", "read-signs"]
    assert [s.mot_id for s in few] == ["find-parking", "drive-out"]
    ranked, few = insight.rank(stats, by="strength", min_n=1)
    assert [s.mot_id for s in ranked][:2] == ["read-signs", "call-appointment"] and not few
    assert insight.rank({}, by="weakness") == ([], [])


def test_names_match_and_standard_key():
    assert insight.names_match("Sam", "Sam Patel") and insight.names_match("sam patel", "Sam")
    assert not insight.names_match("Sam", "Samantha") and not insight.names_match("", "Sam")
    assert insight.standard_key("Offer tea & explain the delay!") == "offer-tea-explain-the-delay"


# --- queries --------------------------------------------------------------------------------------


async def test_mot_stats_hand_computed(app):
    await seed_ratings(app)
    stats = await _stats(app, *WEEK)
    assert stats == {
        "call-appointment": MotStat("call-appointment", 10, 2, 6, 2),
        "waiting-room": MotStat("waiting-room", 10, 1, 6, 3),
        "read-signs": MotStat("read-signs", 20, 5, 10, 5),
        "check-in": MotStat("check-in", 10, 8, 1, 1),
        "find-parking": MotStat("find-parking", 4, 1, 3, 0),
    }
    before = await _stats(app, *PREV)
    assert before["waiting-room"] == MotStat("waiting-room", 10, 3, 4, 3)
    assert sum(s.n for s in before.values()) == 21
    assert await _stats(app, *WEEK, mot_ids=["check-in"]) == {"check-in": stats["check-in"]}
    assert await _stats(app, datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 8, tzinfo=UTC)) == {}
    assert await _stats(app, *WEEK, team_id="elsewhere") == {}


async def test_week_edges_in_new_york_and_across_dst(app):
    """A Sunday-night rating belongs to the team's local week, whatever its UTC date."""
    from bot.dialogs.ask import period_from_days

    async with app.sessionmaker() as session, session.begin():
        await store.upsert_team(session=session, team_id="ny", name="NY", cycle_id="healthcare-visit",
                                timezone="America/New_York")
    edges = [
        datetime(2026, 11, 16, 4, 59, 59, tzinfo=UTC),  # Sun 15 Nov 23:59:59 EST: previous week
        datetime(2026, 11, 16, 5, 0, tzinfo=UTC),  # Mon 16 Nov 00:00 EST: in
        datetime(2026, 11, 23, 4, 59, tzinfo=UTC),  # Sun 22 Nov 23:59 EST (Monday in UTC): in
        datetime(2026, 11, 23, 5, 0, tzinfo=UTC),  # Mon 23 Nov 00:00 EST: next week
    ]
    await seed_ratings(app, [("check-in", "dull", when, "") for when in edges], team_id="ny")
    now = datetime(2026, 11, 20, 10, tzinfo=UTC)
    week = period_from_days(date(2026, 11, 16), date(2026, 11, 23), now=now, tz="America/New_York")
    assert week.label.startswith("this week")
    assert (await _stats(app, week.start, week.end, team_id="ny"))["check-in"].n == 2
    assert (await _stats(app, *WEEK, team_id="ny"))["check-in"].n == 2  # London-midnight week: the other two

    london_edges = [
        datetime(2026, 10, 18, 22, 59, 59, tzinfo=UTC),  # Sun 18 Oct 23:59:59 BST: previous week
        datetime(2026, 10, 18, 23, 0, tzinfo=UTC),  # Mon 19 Oct 00:00 BST: in
        datetime(2026, 10, 25, 23, 59, 59, tzinfo=UTC),  # Sun 25 Oct 23:59:59 GMT (after DST ends): in
        datetime(2026, 10, 26, 0, 0, tzinfo=UTC),  # Mon 26 Oct 00:00 GMT: next week
    ]
    await seed_ratings(app, [("check-in", "shining", when, "") for when in london_edges])
    october = period_from_days(date(2026, 10, 19), date(2026, 10, 26), now=now, tz="Europe/London")
    assert october.end.astimezone(UTC) - october.start.astimezone(UTC) == timedelta(hours=169)
    assert (await _stats(app, october.start, october.end))["check-in"] == MotStat("check-in", 2, 2, 0, 0)


async def test_rating_quotes_latest_per_mot_and_rating(app):
    await seed_ratings(app)
    async with app.sessionmaker() as session:
        quotes = await store.rating_quotes(session=session, team_id="riverside", start=WEEK[0], end=WEEK[1],
                                           mot_ids=["waiting-room", "find-parking"], ratings=("irritating",))
        everything = await store.rating_quotes(session=session, team_id="riverside", start=WEEK[0], end=WEEK[1],
                                               per_group=5)
        none = await store.rating_quotes(session=session, team_id="riverside", start=PREV[0], end=PREV[1])
    assert [(q.mot_id, q.text) for q in quotes] == [
        ("waiting-room", "Too hot in there"),  # newest first: the two latest per MOT
        ("waiting-room", "Nowhere to sit"),
        ("find-parking", "No spaces at all, call me on 07700 900123"),
    ]
    assert {q.text for q in everything} == {t for texts in COMMENTS.values() for t in texts}
    assert all(q.created_at.tzinfo is not None for q in everything)
    assert none == []


async def test_story_quotes_and_counts(app):
    async with app.sessionmaker() as session, session.begin():
        for i, mot in enumerate(["check-in", "check-in", "parking", "check-in"]):
            when = THIS_WEEK + timedelta(hours=i) if i < 3 else LAST_WEEK
            await store.create_story(session=session, data=StoryCreate(
                team_id="riverside", author_id="console:alice", mot_id=mot, text=f"story {i}", created_at=when))
    async with app.sessionmaker() as session:
        quotes = await store.story_quotes(session=session, team_id="riverside", viewer=DANA, start=WEEK[0],
                                          end=WEEK[1], mot_ids=["check-in", "parking"], per_mot=1)
        counts = await store.story_counts(session=session, team_id="riverside", viewer=DANA, start=WEEK[0],
                                          end=WEEK[1])
        assert await store.story_quotes(session=session, team_id="riverside", viewer=DANA, start=WEEK[0],
                                        end=WEEK[1], mot_ids=[]) == {}
    assert {m: [s.text for s in v] for m, v in quotes.items()} == {"check-in": ["story 1"], "parking": ["story 2"]}
    assert counts == {"check-in": 2, "parking": 1}


async def test_stories_and_practice_evidence_only_what_the_viewer_may_see(app):
    made = {}
    async with app.sessionmaker() as session, session.begin():
        for author, shareable in (("console:alice", False), ("console:sam", True)):
            story = await store.create_story(session=session, data=StoryCreate(
                team_id="riverside", author_id=author, mot_id="waiting-room", text=f"{author} at the desk.",
                action="I offered tea and water to everyone waiting.", shareable=shareable, created_at=THIS_WEEK))
            made[author] = f"s{story.id}"
    team, managers = team_audience("riverside"), managers_of("riverside")
    async with app.sessionmaker() as session:
        for_team, _ = await store.practice_sources(session=session, team_id="riverside", viewer=team, start=WEEK[0],
                                                   end=WEEK[1], praise=False)
        for_managers, _ = await store.practice_sources(session=session, team_id="riverside", viewer=managers,
                                                       start=WEEK[0], end=WEEK[1], praise=False)
        to_team = await insight.practice_evidence(stories=for_team, praise=())
        to_managers = await insight.practice_evidence(stories=for_managers, praise=())
        quoted = await store.story_quotes(session=session, team_id="riverside", viewer=team, start=WEEK[0],
                                          end=WEEK[1], mot_ids=["waiting-room"], per_mot=5)
        counted = await store.story_counts(session=session, team_id="riverside", viewer=team, start=WEEK[0],
                                           end=WEEK[1])
    assert (to_team.stories, set(to_team.sources)) == (1, {made["console:sam"]})
    [card] = to_team.cards
    assert card.behaviour == "offered tea and water to everyone waiting" and not card.spreadable
    assert to_managers.stories == 2 and set(to_managers.sources) == set(made.values())
    assert [(c.people_count, c.spreadable) for c in to_managers.cards] == [(2, True)]
    assert [s.text for s in quoted["waiting-room"]] == ["console:sam at the desk."] and counted == {"waiting-room": 1}


async def test_accept_standard_once_and_before_after(app):
    accepted = datetime(2026, 11, 2, tzinfo=UTC)
    rows = [("check-in", r, accepted - timedelta(days=d), "") for d, r in
            ((1, "irritating"), (5, "irritating"), (10, "shining"), (27, "dull"), (29, "irritating"))]
    rows += [("check-in", r, accepted + timedelta(days=d), "") for d, r in
             ((0, "shining"), (3, "irritating"), (6, "shining"), (9, "shining"))]
    await seed_ratings(app, rows)
    async with app.sessionmaker() as session, session.begin():
        row, created = await store.accept_standard(
            session=session, team_id="riverside", mot_id="check-in", behaviour="Greet patients by name",
            effect="they feel expected", story_ids=[1, 2], accepted_by="console:dana", accepted_at=accepted)
        again, created_again = await store.accept_standard(
            session=session, team_id="riverside", mot_id="check-in", behaviour="greet patients by name!",
            effect="", story_ids=[], accepted_by="console:dana", accepted_at=accepted + timedelta(days=1))
        assert created and not created_again and again.id == row.id
        before, after = await store.before_after(session=session, team_id="riverside", mot_id="check-in",
                                                 since=accepted, now=accepted + timedelta(days=10))
        standards = await store.list_standards(session=session, team_id="riverside")
    # 28 days before: 2 irritating, 1 shining, 1 dull (the 29-days-ago one is outside); since: 1 of 4.
    assert before == MotStat("check-in", 4, 1, 2, 1) and after == MotStat("check-in", 4, 3, 1, 0)
    assert (before.pct("irritating"), after.pct("irritating")) == (50, 25)
    assert [s.key for s in standards] == ["greet-patients-by-name"] and standards[0].story_ids == [1, 2]


# --- issue 14: counts, series and trends, people ------------------------------------------------


def test_trend_test_hand_computed():
    # irritating 2, 4, 6, 8 of 10 in four buckets: p̄ = 0.5, weights 0..3 (mean 1.5);
    # T = Σ k·x − p̄·Σ k·n = 40 − 30 = 10; Var = p̄(1−p̄)·Σ n(k − 1.5)² = 0.25 · 50 = 12.5;
    # z = 10 / √12.5 = 2.8284, p = erfc(z/√2) = 0.00468; slope = 100·T / Σ n(k − 1.5)² = 20 pp per bucket
    rising = [MotStat("*", 10, 0, x, 10 - x) for x in (2, 4, 6, 8)]
    result = insight.trend_test(rising)
    assert result.verdict == "worse" and result.n == 40
    assert result.z == pytest.approx(2.8284, abs=1e-4) and result.p_value == pytest.approx(0.00468, abs=1e-5)
    assert result.slope_pp == pytest.approx(20.0)
    assert insight.trend_test(list(reversed(rising))).verdict == "better"
    assert insight.trend_test(rising, "shining").verdict == "no clear change"  # 0 shining throughout
    flat = [MotStat("*", 10, 3, 5, 2)] * 4
    assert insight.trend_test(flat).verdict == "no clear change" and insight.trend_test(flat).z == 0.0
    # an empty bucket carries no weight: same z as without it, the other buckets keep their positions
    gap = [rising[0], MotStat("*", 0, 0, 0, 0), rising[2], rising[3]]
    assert insight.trend_test(gap).verdict == "worse"
    few = [MotStat("*", 2, 0, 1, 1)] * 4
    assert insight.trend_test(few).verdict == "too few ratings"
    assert insight.trend_test(rising[:2]).verdict == "too few ratings"  # two points are not a trend


def test_sparkline_and_plural():
    assert insight.sparkline([0.0, 0.5, 1.0, None, 0.2]) == "▁▅█·▂"
    assert insight.sparkline([]) == ""
    assert [insight.plural(n, "rating") for n in (0, 1, 2)] == ["0 ratings", "1 rating", "2 ratings"]
    assert insight.plural(1, "story", "stories") == "1 story" and insight.plural(3, "story", "stories") == "3 stories"


def test_series_edges_are_local_weeks_or_months_across_dst():
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    start, end = datetime(2026, 10, 1, tzinfo=london), datetime(2026, 11, 23, tzinfo=london)
    edges, unit = insight.series_edges(start, end)
    assert unit == "week" and edges[0] == start and edges[-1] == end
    assert [e.date().isoformat() for e in edges[1:-1]] == [
        "2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"]
    assert all(e.hour == 0 and e.minute == 0 for e in edges)  # local midnights on both sides of 25 Oct
    assert edges[4].astimezone(UTC) - edges[3].astimezone(UTC) == timedelta(hours=169)  # clocks went back 25 Oct
    year, unit = insight.series_edges(datetime(2026, 1, 1, tzinfo=london), datetime(2026, 11, 23, tzinfo=london))
    assert unit == "month" and len(year) == 12 and year[3].date() == date(2026, 4, 1) and year[3].utcoffset()


def test_credits_and_top_n_keep_ties():
    lists = [["Sam"], ["Sam Patel", "Dana"], [], ["sam", "Sam Patel"], ["Bob"]]
    assert insight.credits(lists, ["Sam Patel", "Dana", "Will"]) == {"Sam Patel": 3, "Dana": 1}
    counts = {"Dana": 3, "Sam": 2, "Aisha": 2, "Will": 1}
    assert insight.top_n(counts, 2) == [("Dana", 3), ("Aisha", 2), ("Sam", 2)]  # the tie at the cut stays
    assert insight.top_n(counts, 10) == [("Dana", 3), ("Aisha", 2), ("Sam", 2), ("Will", 1)]
    assert insight.top_n({}, 3) == []


async def test_count_ratings_series_and_first_rating(app):
    from bot.models import VisitFeedback

    async with app.sessionmaker() as session:
        assert await store.first_rating_at(session=session, team_id="riverside") is None
        empty, customers = await store.count_ratings(session=session, team_id="riverside", start=WEEK[0], end=WEEK[1])
        assert (empty.n, customers) == (0, 0)
    await seed_ratings(app)
    async with app.sessionmaker() as session, session.begin():
        feedback = VisitFeedback(team_id="riverside", created_at=THIS_WEEK)
        session.add(feedback)
        await session.flush()
        for mot, rating in (("check-in", "shining"), ("waiting-room", "irritating")):  # one customer, two ratings
            session.add(MotRating(team_id="riverside", mot_id=mot, rating=rating, feedback_id=feedback.id,
                                  created_at=THIS_WEEK + timedelta(hours=2)))
        await session.flush()
        await store.rebuild_rollups(session=session, team_id="riverside")
    async with app.sessionmaker() as session:
        # this week: the fixture's 54 (17 shining, 26 irritating, 11 dull) + the two above; the Monday
        # 00:00:00 rating is in, the Sunday 23:59:59 one is not
        week, customers = await store.count_ratings(session=session, team_id="riverside", start=WEEK[0], end=WEEK[1])
        assert (week.n, week.shining, week.irritating, week.dull, customers) == (56, 18, 27, 11, 55)
        waiting, _ = await store.count_ratings(session=session, team_id="riverside", start=PREV[0], end=PREV[1],
                                               mot_ids=["waiting-room"])
        assert (waiting.mot_id, waiting.n, waiting.irritating) == ("waiting-room", 10, 4)
        series = await store.rating_series(session=session, team_id="riverside",
                                           bounds=[PREV[0] - timedelta(days=7), PREV[0], WEEK[0], WEEK[1]])
        assert [(s.n, s.irritating) for s in series] == [(0, 0), (21, 7), (56, 27)]
        one = await store.rating_series(session=session, team_id="riverside", bounds=[PREV[0], WEEK[0], WEEK[1]],
                                        mot_ids=["check-in"])
        assert [(s.mot_id, s.n, s.shining) for s in one] == [("check-in", 8, 4), ("check-in", 11, 9)]
        assert await store.rating_series(session=session, team_id="riverside", bounds=[WEEK[0]]) == []
        first = await store.first_rating_at(session=session, team_id="riverside")
        assert (first.astimezone(UTC) if first.tzinfo else first.replace(tzinfo=UTC)) == LAST_WEEK  # the earliest


async def test_stories_per_author_and_colleagues_only_what_the_viewer_may_see(app):
    async with app.sessionmaker() as session, session.begin():
        for author, colleagues, shareable, when in (
            ("console:alice", ["Sam"], True, THIS_WEEK), ("console:alice", ["Sam Patel", "Dana"], False, THIS_WEEK),
            ("console:sam", [], True, THIS_WEEK), ("console:sam", ["Dana"], True, LAST_WEEK),
        ):
            await store.create_story(session=session, data=StoryCreate(
                team_id="riverside", author_id=author, mot_id="check-in", text="A story.", colleagues=colleagues,
                shareable=shareable, created_at=when))
    staff = viewer_of("console:will", team_id="riverside", role="staff")
    async with app.sessionmaker() as session:
        told = await store.stories_per_author(session=session, team_id="riverside", viewer=DANA, start=WEEK[0],
                                              end=WEEK[1])
        assert told == {"console:alice": 2, "console:sam": 1}
        seen_by_staff = await store.stories_per_author(session=session, team_id="riverside", viewer=staff,
                                                       start=WEEK[0], end=WEEK[1])
        assert seen_by_staff == {"console:alice": 1, "console:sam": 1}  # the private one is not counted
        lists = await store.story_colleagues(session=session, team_id="riverside", viewer=DANA, start=WEEK[0],
                                             end=WEEK[1])
        assert sorted(map(tuple, lists)) == [(), ("Sam",), ("Sam Patel", "Dana")]


def test_series_edges_in_the_unit_asked_for():
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    start, end = datetime(2026, 6, 1, tzinfo=london), datetime(2026, 11, 23, tzinfo=london)
    assert insight.series_edges(start, end)[1] == "month"
    weeks, unit = insight.series_edges(start, end, "week")
    assert unit == "week" and len(weeks) == 26 and weeks[1] == datetime(2026, 6, 8, tzinfo=london)  # 25 weeks
    short = datetime(2026, 10, 1, tzinfo=london)
    assert insight.series_edges(short, end, "month")[1] == "week"  # under two months: no series of months
    assert insight.series_edges(datetime(2026, 8, 1, tzinfo=london), end, "month")[1] == "month"
