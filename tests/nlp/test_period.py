"""Period parsing: calendar edges, DST, midnight Sunday/Monday, leap years, ranges."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.nlp.period import (
    Period,
    current_period_like,
    find_periods,
    named_period,
    parse_period,
    previous_period,
    unread_periods,
)

LONDON = "Europe/London"
NEW_YORK = "America/New_York"
SUNDAY = datetime(2026, 11, 22, 15, 0)  # Sunday 22 November 2026


def local(tz: str, *args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(tz))


def span(tz: str, first: date, stop: date) -> tuple[datetime, datetime]:
    zone = ZoneInfo(tz)
    return datetime.combine(first, datetime.min.time(), zone), datetime.combine(stop, datetime.min.time(), zone)


def parse(text: str, now: datetime = SUNDAY, tz: str = LONDON) -> Period:
    period = parse_period(text, now=now, tz=tz, default=None)
    assert period is not None, f"{text!r} not recognised"
    return period


def elapsed(period: Period) -> timedelta:
    """Real duration: subtracting two datetimes that share a tzinfo ignores DST, so go via UTC."""
    return period.end.astimezone(timezone.utc) - period.start.astimezone(timezone.utc)


def dates(period: Period) -> tuple[date, date]:
    """Local first day and exclusive last day; asserts both ends are local midnights."""
    assert period.start.time() == datetime.min.time() and period.end.time() == datetime.min.time(), period
    return period.start.date(), period.end.date()


# ---------------------------------------------------------------------------------------------
# The vocabulary, at a fixed Sunday


@pytest.mark.parametrize(
    ("text", "first", "stop"),
    [
        ("today", date(2026, 11, 22), date(2026, 11, 23)),
        ("yesterday", date(2026, 11, 21), date(2026, 11, 22)),
        ("this week", date(2026, 11, 16), date(2026, 11, 23)),
        ("last week", date(2026, 11, 9), date(2026, 11, 16)),
        ("previous week", date(2026, 11, 9), date(2026, 11, 16)),
        ("the week before last", date(2026, 11, 2), date(2026, 11, 9)),
        ("this month", date(2026, 11, 1), date(2026, 12, 1)),
        ("last month", date(2026, 10, 1), date(2026, 11, 1)),
        ("this year", date(2026, 1, 1), date(2027, 1, 1)),
        ("last year", date(2025, 1, 1), date(2026, 1, 1)),
        ("this quarter", date(2026, 10, 1), date(2027, 1, 1)),
        ("last quarter", date(2026, 7, 1), date(2026, 10, 1)),
        ("last 14 days", date(2026, 11, 9), date(2026, 11, 23)),
        ("the past 7 days", date(2026, 11, 16), date(2026, 11, 23)),
        ("last two weeks", date(2026, 11, 9), date(2026, 11, 23)),
        ("past fortnight", date(2026, 11, 9), date(2026, 11, 23)),
        ("last 3 months", date(2026, 8, 23), date(2026, 11, 23)),
        ("since Monday", date(2026, 11, 16), date(2026, 11, 23)),
        ("since Friday", date(2026, 11, 20), date(2026, 11, 23)),
        ("since 1 Oct", date(2026, 10, 1), date(2026, 11, 23)),
        ("since last week", date(2026, 11, 9), date(2026, 11, 23)),
        ("between 1 Oct and 15 Oct", date(2026, 10, 1), date(2026, 10, 16)),
        ("between 1 and 15 October", date(2026, 10, 1), date(2026, 10, 16)),
        ("October 1-15", date(2026, 10, 1), date(2026, 10, 16)),
        ("from 1 October to 5 November", date(2026, 10, 1), date(2026, 11, 6)),
        ("from Monday to Wednesday", date(2026, 11, 16), date(2026, 11, 19)),
        ("from August to October", date(2026, 8, 1), date(2026, 11, 1)),
        ("in October", date(2026, 10, 1), date(2026, 11, 1)),
        ("in October 2025", date(2025, 10, 1), date(2025, 11, 1)),
        ("in December", date(2025, 12, 1), date(2026, 1, 1)),  # no year: the most recent December
        ("in 2025", date(2025, 1, 1), date(2026, 1, 1)),
        ("2026-W47", date(2026, 11, 16), date(2026, 11, 23)),
        ("2026W01", date(2025, 12, 29), date(2026, 1, 5)),
        ("week 45", date(2026, 11, 2), date(2026, 11, 9)),
        ("1 Oct", date(2026, 10, 1), date(2026, 10, 2)),
        ("on the 1st of October", date(2026, 10, 1), date(2026, 10, 2)),
        ("October 1st, 2025", date(2025, 10, 1), date(2025, 10, 2)),
        ("1/10/2026", date(2026, 10, 1), date(2026, 10, 2)),  # UK: day first
        ("1/10/26", date(2026, 10, 1), date(2026, 10, 2)),
        ("1.10.2026", date(2026, 10, 1), date(2026, 10, 2)),
        ("10/25/2026", date(2026, 10, 25), date(2026, 10, 26)),  # day-first impossible: month first
        ("10/1/2026", date(2026, 10, 1), date(2026, 10, 2)),  # one reading is a month's first: that one
        ("since 10/1", date(2026, 10, 1), date(2026, 11, 23)),
        ("since 1/10", date(2026, 10, 1), date(2026, 11, 23)),
        ("3/4/2026", date(2026, 4, 3), date(2026, 4, 4)),  # neither: the team's clock decides (UK)
        ("2026-10-01", date(2026, 10, 1), date(2026, 10, 2)),
        ("this weekend", date(2026, 11, 21), date(2026, 11, 23)),
        ("last weekend", date(2026, 11, 14), date(2026, 11, 16)),
        ("month to date", date(2026, 11, 1), date(2026, 12, 1)),
        ("ytd", date(2026, 1, 1), date(2027, 1, 1)),
        ("on Tuesday", date(2026, 11, 17), date(2026, 11, 18)),
        ("this Monday", date(2026, 11, 16), date(2026, 11, 17)),
        ("THIS WEEK", date(2026, 11, 16), date(2026, 11, 23)),
        ("over the summer", date(2026, 6, 1), date(2026, 9, 1)),  # meteorological seasons
        ("last spring", date(2026, 3, 1), date(2026, 6, 1)),
        ("this autumn", date(2026, 9, 1), date(2026, 12, 1)),  # the season we are in
        ("last autumn", date(2025, 9, 1), date(2025, 12, 1)),  # the latest one that has ended
        ("last winter", date(2025, 12, 1), date(2026, 3, 1)),
        ("winter 2025", date(2024, 12, 1), date(2025, 3, 1)),
        ("this fortnight", date(2026, 11, 9), date(2026, 11, 23)),
        ("wk before last", date(2026, 11, 2), date(2026, 11, 9)),
        ("over the last quarter", date(2026, 7, 1), date(2026, 10, 1)),  # a calendar quarter, as managers mean it
        # the month before this one: outside authors label "in the last month" so 32 times to 1 (rolling: "the past month")
        ("in the last month", date(2026, 10, 1), date(2026, 11, 1)),
        ("in the past month", date(2026, 10, 23), date(2026, 11, 23)),
        ("last month or so", date(2026, 10, 23), date(2026, 11, 23)),
        ("w/c 9 Nov", date(2026, 11, 9), date(2026, 11, 16)),  # week commencing: Monday to Sunday
        ("the week beginning the 4th of November", date(2026, 11, 2), date(2026, 11, 9)),  # the week that day is in
        ("wc mon 16th nov", date(2026, 11, 16), date(2026, 11, 23)),
        ("this mths", date(2026, 11, 1), date(2026, 12, 1)),
        ("last wks", date(2026, 11, 9), date(2026, 11, 16)),
    ],
)
def test_vocabulary(text: str, first: date, stop: date) -> None:
    period = parse(text)
    assert dates(period) == (first, stop)
    assert period.start.tzinfo == ZoneInfo(LONDON)


def test_labels_are_human() -> None:
    assert parse("this week").label == "this week (Mon 16 Nov – Sun 22 Nov)"
    assert parse("last month").label == "last month (October 2026)"
    assert parse("yesterday").label == "yesterday (Sat 21 Nov)"
    assert parse("between 1 and 15 October").label == "Thu 1 Oct – Thu 15 Oct"
    assert parse("in October 2025").label == "October 2025"
    assert parse("last 14 days").label == "last 14 days (Mon 9 Nov – Sun 22 Nov)"
    assert parse("since Monday").label == "since Monday (Mon 16 Nov – Sun 22 Nov)"


def test_period_is_frozen_half_open() -> None:
    period = parse("yesterday")
    with pytest.raises(dataclasses.FrozenInstanceError):
        period.label = "x"  # type: ignore[misc]
    assert period.start in period
    assert period.end not in period
    assert period.end - timedelta(microseconds=1) in period


def test_last_24_hours_is_exact() -> None:
    period = parse("last 24 hours")
    assert period.end == local(LONDON, 2026, 11, 22, 15, 0)
    assert elapsed(period) == timedelta(hours=24)
    across_dst = parse("last 24 hours", datetime(2026, 10, 25, 12, 0))  # clocks went back at 02:00
    assert elapsed(across_dst) == timedelta(hours=24)
    assert across_dst.start == local(LONDON, 2026, 10, 24, 13, 0)


# ---------------------------------------------------------------------------------------------
# Defaults and failures


def test_default_when_nothing_is_named() -> None:
    assert dates(parse_period("how are we doing", now=SUNDAY, tz=LONDON)) == (date(2026, 11, 16), date(2026, 11, 23))
    period = parse_period("how are we doing", now=SUNDAY, tz=LONDON, default="this_month")
    assert period is not None and dates(period) == (date(2026, 11, 1), date(2026, 12, 1))
    assert parse_period("how are we doing", now=SUNDAY, tz=LONDON, default=None) is None
    with pytest.raises(ValueError):
        parse_period("nothing", now=SUNDAY, tz=LONDON, default="fortnight_after_next")


@pytest.mark.parametrize(
    "text",
    ["31/02/2026", "2026-02-30", "2027-W53", "week 60", "13/13/2026", "since 1 December 2026", "may I ask",
     "people sat in the waiting room", "2025 stories", "jan said hi", "", "🙂", "next monday", "next week",
     "between 31/02/2026 and 5/03/2026", "where do we fall down", "next summer"],
)  # fmt: skip
def test_not_periods(text: str) -> None:
    assert parse_period(text, now=SUNDAY, tz=LONDON, default=None) is None


def test_named_periods() -> None:
    assert dates(named_period("last_14_days", now=SUNDAY, tz=LONDON)) == (date(2026, 11, 9), date(2026, 11, 23))
    assert dates(named_period("this_week", now=SUNDAY, tz=LONDON)) == (date(2026, 11, 16), date(2026, 11, 23))
    with pytest.raises(ValueError):
        named_period("this week and last week", now=SUNDAY, tz=LONDON)


# ---------------------------------------------------------------------------------------------
# Midnight Sunday/Monday, naive and aware `now`


@pytest.mark.parametrize("tz", [LONDON, NEW_YORK])
def test_week_flips_exactly_at_local_midnight(tz: str) -> None:
    before = datetime(2026, 11, 22, 23, 59, 59)
    after = datetime(2026, 11, 23, 0, 0, 0)
    assert dates(parse("this week", before, tz)) == (date(2026, 11, 16), date(2026, 11, 23))
    assert dates(parse("this week", after, tz)) == (date(2026, 11, 23), date(2026, 11, 30))
    assert dates(parse("last week", after, tz)) == (date(2026, 11, 16), date(2026, 11, 23))
    assert dates(parse("today", after, tz)) == (date(2026, 11, 23), date(2026, 11, 24))
    assert dates(parse("yesterday", after, tz)) == (date(2026, 11, 22), date(2026, 11, 23))


def test_aware_now_is_converted_to_team_zone() -> None:
    utc = datetime(2026, 11, 23, 4, 30, tzinfo=timezone.utc)  # Monday in London, Sunday 23:30 in New York
    assert dates(parse("this week", utc, NEW_YORK)) == (date(2026, 11, 16), date(2026, 11, 23))
    assert dates(parse("this week", utc, LONDON)) == (date(2026, 11, 23), date(2026, 11, 30))
    assert parse("today", utc, NEW_YORK).start == local(NEW_YORK, 2026, 11, 22)


def test_since_monday_said_on_a_monday_means_a_week_ago() -> None:
    monday = datetime(2026, 11, 23, 9, 0)
    assert dates(parse("since Monday", monday)) == (date(2026, 11, 16), date(2026, 11, 24))
    assert dates(parse("since Sunday", monday)) == (date(2026, 11, 22), date(2026, 11, 24))
    tuesday = datetime(2026, 11, 24, 9, 0)
    assert dates(parse("since Monday", tuesday)) == (date(2026, 11, 23), date(2026, 11, 25))
    assert dates(parse("since today", monday)) == (date(2026, 11, 23), date(2026, 11, 24))


# ---------------------------------------------------------------------------------------------
# DST


def test_london_autumn_week_is_169_hours() -> None:
    now = datetime(2026, 10, 25, 12, 0)  # the Sunday clocks go back
    week = parse("this week", now)
    assert week.start == local(LONDON, 2026, 10, 19) and week.start.utcoffset() == timedelta(hours=1)
    assert week.end == local(LONDON, 2026, 10, 26) and week.end.utcoffset() == timedelta(0)
    assert elapsed(week) == timedelta(days=7, hours=1)
    today = parse("today", now)
    assert elapsed(today) == timedelta(hours=25)


def test_london_spring_week_is_167_hours() -> None:
    week = parse("this week", datetime(2026, 3, 29, 12, 0))
    assert dates(week) == (date(2026, 3, 23), date(2026, 3, 30))
    assert elapsed(week) == timedelta(days=7, hours=-1)
    assert dates(previous_period(week)) == (date(2026, 3, 16), date(2026, 3, 23))


def test_new_york_week_after_clocks_go_back() -> None:
    monday = datetime(2026, 11, 2, 0, 15)  # New York left DST on Sunday 1 November
    last = parse("last week", monday, NEW_YORK)
    assert last.start == local(NEW_YORK, 2026, 10, 26) and last.start.utcoffset() == timedelta(hours=-4)
    assert last.end == local(NEW_YORK, 2026, 11, 2) and last.end.utcoffset() == timedelta(hours=-5)
    previous = previous_period(parse("this week", monday, NEW_YORK))
    assert (previous.start, previous.end) == (last.start, last.end)


def test_new_york_spring_forward_day() -> None:
    day = parse("today", datetime(2026, 3, 8, 12, 0), NEW_YORK)
    assert elapsed(day) == timedelta(hours=23)
    assert dates(parse("last 7 days", datetime(2026, 3, 10, 12, 0), NEW_YORK)) == (date(2026, 3, 4), date(2026, 3, 11))


def test_zone_that_skips_midnight_starts_the_day_at_one() -> None:
    # Chile moves its clocks forward at 24:00: 6 September 2026 starts at 01:00.
    day = parse("today", datetime(2026, 9, 6, 12, 0), "America/Santiago")
    assert day.start.hour == 1 and day.start.date() == date(2026, 9, 6)
    assert previous_period(day).end == day.start


# ---------------------------------------------------------------------------------------------
# Month ends and leap years


def test_last_month_from_the_31st() -> None:
    assert dates(parse("last month", datetime(2026, 3, 31, 12))) == (date(2026, 2, 1), date(2026, 3, 1))
    assert dates(parse("last month", datetime(2026, 1, 31, 12))) == (date(2025, 12, 1), date(2026, 1, 1))
    assert dates(parse("last 1 month", datetime(2026, 3, 31, 12))) == (date(2026, 3, 1), date(2026, 4, 1))


def test_leap_years() -> None:
    assert dates(parse("29/02/2028")) == (date(2028, 2, 29), date(2028, 3, 1))
    assert parse_period("29/02/2027", now=SUNDAY, tz=LONDON, default=None) is None
    assert dates(parse("in February 2028")) == (date(2028, 2, 1), date(2028, 3, 1))
    assert dates(parse("29 Feb", datetime(2027, 3, 1, 12))) == (date(2024, 2, 29), date(2024, 3, 1))
    march_2028 = parse("this month", datetime(2028, 3, 15, 12))
    assert dates(previous_period(march_2028)) == (date(2028, 2, 1), date(2028, 3, 1))
    assert dates(previous_period(parse("this year", datetime(2028, 6, 1)))) == (date(2027, 1, 1), date(2028, 1, 1))
    assert dates(parse("last 3 months", datetime(2028, 5, 31, 12))) == (date(2028, 3, 1), date(2028, 6, 1))


# ---------------------------------------------------------------------------------------------
# previous_period


@pytest.mark.parametrize(
    ("text", "first", "stop", "label_start"),
    [
        ("this week", date(2026, 11, 9), date(2026, 11, 16), "previous week (Mon 9 Nov – Sun 15 Nov)"),
        ("this month", date(2026, 10, 1), date(2026, 11, 1), "previous month (October 2026)"),
        ("in March", date(2026, 2, 1), date(2026, 3, 1), "previous month (February 2026)"),
        ("this year", date(2025, 1, 1), date(2026, 1, 1), "previous year (2025)"),
        ("this quarter", date(2026, 7, 1), date(2026, 10, 1), "previous quarter"),
        ("last 14 days", date(2026, 10, 26), date(2026, 11, 9), "previous 14 days"),
        ("yesterday", date(2026, 11, 20), date(2026, 11, 21), "previous day (Fri 20 Nov)"),
        ("from August to October", date(2026, 5, 1), date(2026, 8, 1), "previous 3 months"),
    ],
)
def test_previous_period(text: str, first: date, stop: date, label_start: str) -> None:
    previous = previous_period(parse(text))
    assert dates(previous) == (first, stop)
    assert previous.label.startswith(label_start)


def test_previous_of_a_calendar_month_is_the_calendar_month() -> None:
    march = parse("in March 2026")
    assert dates(previous_period(march)) == (date(2026, 2, 1), date(2026, 3, 1))  # 28 days, not 31
    january = parse("in January 2026")
    assert dates(previous_period(january)) == (date(2025, 12, 1), date(2026, 1, 1))


def test_previous_of_an_exact_duration() -> None:
    hours = parse("last 24 hours")
    previous = previous_period(hours)
    assert previous.end == hours.start and elapsed(previous) == timedelta(hours=24)


def test_current_period_like() -> None:
    assert dates(current_period_like(parse("last week"), now=SUNDAY, tz=LONDON)) == (date(2026, 11, 16), date(2026, 11, 23))
    assert dates(current_period_like(parse("in September"), now=SUNDAY, tz=LONDON)) == (date(2026, 11, 1), date(2026, 12, 1))
    assert dates(current_period_like(parse("last year"), now=SUNDAY, tz=LONDON)) == (date(2026, 1, 1), date(2027, 1, 1))
    assert dates(current_period_like(parse("yesterday"), now=SUNDAY, tz=LONDON)) == (date(2026, 11, 22), date(2026, 11, 23))


# ---------------------------------------------------------------------------------------------
# Ranges


def test_between_reversed_dates_are_swapped() -> None:
    assert dates(parse("between 15 October and 1 October")) == (date(2026, 10, 1), date(2026, 10, 16))
    assert dates(parse("between 15 and 1 October")) == (date(2026, 10, 1), date(2026, 10, 16))
    assert dates(parse("from 2026-10-15 to 2026-10-01")) == (date(2026, 10, 1), date(2026, 10, 16))
    assert dates(parse("between 15/10/2026 and 1/10/2026")) == (date(2026, 10, 1), date(2026, 10, 16))


def test_range_across_new_year_without_years() -> None:
    now = datetime(2027, 2, 10, 12)
    assert dates(parse("from 20 Dec to 5 Jan", now)) == (date(2026, 12, 20), date(2027, 1, 6))
    assert dates(parse("between 20 December 2026 and 5 January")) == (date(2026, 12, 20), date(2027, 1, 6))


def test_range_takes_year_from_the_other_end() -> None:
    assert dates(parse("between 1 Oct and 15 Oct 2025")) == (date(2025, 10, 1), date(2025, 10, 16))


def test_two_relative_periods_in_reverse_are_two_matches() -> None:
    matches = find_periods("between this week and last week", now=SUNDAY, tz=LONDON)
    assert [dates(m.period) for m in matches] == [
        (date(2026, 11, 16), date(2026, 11, 23)),
        (date(2026, 11, 9), date(2026, 11, 16)),
    ]


def test_matches_report_spans_and_parts() -> None:
    text = "how was parking between 1 and 15 October?"
    (match,) = find_periods(text, now=SUNDAY, tz=LONDON)
    assert text[match.start : match.end] == "between 1 and 15 October"
    assert [dates(p) for p in match.parts] == [
        (date(2026, 10, 1), date(2026, 10, 2)),
        (date(2026, 10, 15), date(2026, 10, 16)),
    ]
    (since,) = find_periods("since last week", now=SUNDAY, tz=LONDON)
    assert [dates(p) for p in since.parts] == [(date(2026, 11, 9), date(2026, 11, 16))]


def test_bare_date_range_and_compare_pairs() -> None:
    assert dates(parse("1/10/2026 - 7/10/2026")) == (date(2026, 10, 1), date(2026, 10, 8))
    matches = find_periods("this week vs last week", now=SUNDAY, tz=LONDON)
    assert len(matches) == 2


def test_since_a_season_is_from_its_first_day_to_today() -> None:
    now = datetime(2026, 11, 25, 10)
    spans = {text: [(m.period.start.date(), m.period.end.date(), m.period.label.split(" (")[0])
                    for m in find_periods(text, now=now, tz="Europe/London")]
             for text in ("since spring", "since the start of the summer", "since winter", "over the summer")}
    assert spans["since spring"] == [(date(2026, 3, 1), date(2026, 11, 26), "since spring")]
    assert spans["since the start of the summer"] == [(date(2026, 6, 1), date(2026, 11, 26), "since summer")]
    assert spans["since winter"][0][:2] == (date(2025, 12, 1), date(2026, 11, 26))
    assert spans["over the summer"] == [(date(2026, 6, 1), date(2026, 9, 1), "summer")]  # a season, not since


def test_a_week_commencing_in_the_future_is_no_period() -> None:
    assert parse_period("w/c 30 Nov 2026", now=SUNDAY, tz=LONDON, default=None) is None  # not begun
    assert parse("stories w/c 16 Nov").label == "week of Mon 16 Nov (Mon 16 Nov – Sun 22 Nov)"


def test_slashed_dates_on_an_american_clock_are_month_first_unless_a_month_start_says_otherwise() -> None:
    now = datetime(2026, 11, 22, 12, 0)
    assert dates(parse("on 3/4/2026", now, NEW_YORK)) == (date(2026, 3, 4), date(2026, 3, 5))
    assert dates(parse("since 10/1", now, NEW_YORK)) == (date(2026, 10, 1), date(2026, 11, 23))
    assert dates(parse("since 1/10", now, NEW_YORK)) == (date(2026, 10, 1), date(2026, 11, 23))


@pytest.mark.parametrize(("text", "unread"), [
    ("stories from 31 feb", ("from 31 feb",)), ("weakest since 31st april", ("since 31st april",)),
    ("ratings on 2026-02-30", ("on 2026-02-30",)), ("in the last 9999 days", ("in the last 9999 days",)),
    ("last 50000 weeks", ("last 50000 weeks",)), ("how many stories tomorrow", ("tomorrow",)),
    ("weakest next month", ("next month",)), ("weakest this week", ()), ("last 400 days", ()),
    ("top 3 worst", ()), ("since 1 november", ()),
])
def test_what_is_written_like_a_period_but_names_none(text: str, unread: tuple[str, ...]) -> None:
    now = datetime(2026, 11, 29, 12, 0)
    assert unread_periods(text, now=now, tz=LONDON) == unread
    if unread:
        assert find_periods(text, now=now, tz=LONDON) == ()
