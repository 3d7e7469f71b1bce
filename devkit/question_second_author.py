"""Scoring tests/fixtures/questions_second_author.jsonl: 200 managers' questions from a second author
who never saw the rules (issue 14), one JSON object a line ('#' lines are the header) with fields
q, intent, mot, mot2, period, limit, rating, person. Shared by tests/nlp/test_question.py and
bench/question.py.

The author's intent names map to the parser's (quotes -> comments, best_practice -> practices,
person_stories -> stories, the rest as named). Periods are plain words, turned into spans here:
"default" (nothing named: `period_named` is False), "all time", "2026-10", "2026-Q3", "2026",
"this week" / "last week" / "yesterday" / "last 30 days" / "last 6 weeks" (the parser's own
named periods), "week before last", "a..b" (inclusive days), "since a", and "X vs Y" (period X,
compare Y; "previous 2 weeks" = the stretch just before X). A span that runs past today is cut at
tomorrow's midnight before comparing: "October so far" and "October" ask for the same stories.
"Fully right" = intent, period and MOT (the issue's measure); `mot2` (the second MOT of a
comparison) must be among the offered alternative MOTs. A limit of 1 and no limit both read as the
answer's default ("who told the most" leads with the one who did).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.nlp.period import ALL_TIME_LABEL, Period, named_period, previous_period
from bot.nlp.question import Question, parse_question
from bot.nlp.question_model import IntentReader
from devkit.question_fixture import ROOT, cycle_mots

SECOND_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_second_author.jsonl"
NOW = datetime(2026, 11, 25, 10, 0)
TZ = "Europe/London"
PEOPLE = ("Dana", "Alice", "Sam", "Priya", "Tom", "Maria")
INTENT_NAMES = {"quotes": "comments", "best_practice": "practices", "person_stories": "stories"}
_ZONE = ZoneInfo(TZ)
TOMORROW = NOW.date() + timedelta(days=1)

Span = tuple[datetime, datetime]


def load_rows(path: Path = SECOND_AUTHOR_FIXTURE) -> list[dict[str, Any]]:
    """One JSON object a line ("#" lines and blank lines skipped): the second, third and fourth authors' files."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.lstrip().startswith("#")]


def midnight(day: date) -> datetime:
    """Local midnight of `day` in the sets' time zone (Europe/London)."""
    return datetime.combine(day, datetime.min.time(), tzinfo=_ZONE)


def month_after(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _span(text: str) -> Span | str:
    """One plain-words period as [start, end), or "default" / "all time" as such."""
    text = text.strip()
    if text in ("default", "all time"):
        return text
    if ".." in text:
        a, b = text.split("..")
        return midnight(date.fromisoformat(a)), midnight(date.fromisoformat(b) + timedelta(days=1))
    if text.startswith("since "):
        return midnight(date.fromisoformat(text[6:])), midnight(TOMORROW)
    if len(text) == 4 and text.isdigit():
        return midnight(date(int(text), 1, 1)), midnight(date(int(text) + 1, 1, 1))
    if len(text) == 7 and text[4] == "-" and text[5] == "Q":
        first = date(int(text[:4]), 3 * int(text[6]) - 2, 1)
        return midnight(first), midnight(month_after(first, 3))
    if len(text) == 7 and text[4] == "-":
        first = date(int(text[:4]), int(text[5:]), 1)
        return midnight(first), midnight(month_after(first, 1))
    if text == "week before last":
        last = named_period("last_week", now=NOW, tz=TZ)
        return last.start - timedelta(days=7), last.start
    period = named_period(text.replace(" ", "_"), now=NOW, tz=TZ)
    return period.start, period.end


def expected_periods(text: str) -> tuple[Span | str, Span | str | None]:
    main, _, other = text.partition(" vs ")
    want = _span(main)
    if not other:
        return want, None
    if other.startswith("previous ") and isinstance(want, tuple):
        before = previous_period(Period(want[0], want[1], main))
        return want, (before.start, before.end)
    return want, _span(other)


def _cut(span: Span) -> Span:
    tomorrow = midnight(TOMORROW)
    return span[0], min(span[1], tomorrow)


def _period_right(got: Period | None, want: Span | str | None, q: Question, *, main: bool) -> bool:
    if want is None:
        return True
    if want == "default":
        return main and not q.period_named
    if got is None:
        return False
    if want == "all time":
        return got.label == ALL_TIME_LABEL
    assert isinstance(want, tuple)
    return q.period_named and _cut((got.start, got.end)) == _cut(want)


def parse_row(row: dict[str, Any], reader: IntentReader | None = None) -> Question:
    return parse_question(row["q"], now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit"), people=PEOPLE, reader=reader)


def score(path: Path = SECOND_AUTHOR_FIXTURE, reader: IntentReader | None = None) -> list[dict[str, Any]]:
    """One dict per row: the row, the Question, the parser's name for the intent wanted, what is right."""
    out = []
    for row in load_rows(path):
        q = parse_row(row, reader)
        want_intent = INTENT_NAMES.get(row["intent"], row["intent"])
        want, compare = expected_periods(row["period"])
        limit = row.get("limit")
        right = {
            "intent": q.intent == want_intent,
            "period": _period_right(q.period, want, q, main=True),
            # two moments set side by side ("parking vs drive out") are answered as a pair, the first named first:
            # the author's first moment is the pair's first, the second its second
            "mot_id": q.mot_id == row.get("mot") or (len(q.versus) == 2 and q.versus[0] == row.get("mot")),
            "compare": _period_right(q.compare, compare, q, main=False),
            "mot2": row.get("mot2") is None or row["mot2"] in q.alternative_mots or row["mot2"] in q.versus[1:],
            "person": q.person == row.get("person"),
            "rating": q.rating == row.get("rating"),
            "limit": q.limit in ((None, 1) if limit in (None, 1) else (limit,)),
        }
        right["fully"] = right["intent"] and right["period"] and right["mot_id"]
        right["row"] = all(right.values())
        out.append({"row": row, "question": q, "right": right, "want_intent": want_intent})
    return out
