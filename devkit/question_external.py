"""Scoring a question fixture in the external held-back format: a YAML list of rows
{text, intent, period, mot?, mot2?, compare_to?, limit?, rating?, person?} with named periods
("default", "this_month", "last_30_days", "month:2026-10", "quarter:2026-Q3", "since:2026-09-01",
"between:2026-11-01:2026-11-16", "all_time"), said on Wednesday 25 Nov 2026, 10:00 London, to the
demo clinic (cycle healthcare-visit, the demo team's people). Used by bench/question.py --external;
nothing here is tuned on the rows it reads."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.nlp.period import ALL_TIME_LABEL, Period, named_period
from bot.nlp.question import Question, parse_question
from devkit.question_fixture import cycle_mots

NOW = datetime(2026, 11, 25, 10, 0)
TZ = "Europe/London"
PEOPLE = ("Dana", "Alice", "Sam", "Priya", "Tom", "Maria")
INTENT_NAMES = {"people_ranking": "people", "unclear": "unknown"}


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=ZoneInfo(TZ))


def expected_span(name: str | None) -> tuple[datetime, datetime] | None | str:
    """[start, end) of a named period; "default" and "all_time" are returned as such."""
    if name is None:
        return None
    if name in ("default", "all_time"):
        return name
    kind, _, value = name.partition(":")
    tomorrow = NOW.date() + timedelta(days=1)
    if kind == "month":
        year, month = map(int, value.split("-"))
        first = date(year, month, 1)
        return _midnight(first), _midnight((first + timedelta(days=32)).replace(day=1))
    if kind == "quarter":
        year, q = int(value[:4]), int(value[-1])
        first = date(year, 3 * q - 2, 1)
        stop = date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
        return _midnight(first), _midnight(stop)
    if kind == "since":
        return _midnight(date.fromisoformat(value)), _midnight(tomorrow)
    if kind == "between":
        a, b = value.split(":")
        return _midnight(date.fromisoformat(a)), _midnight(date.fromisoformat(b))
    period = named_period(name, now=NOW, tz=TZ)
    return period.start, period.end


def _period_right(got: Period | None, want: Any, q: Question) -> bool:
    if want == "default":
        return not q.period_named
    if want == "all_time":
        return got is not None and got.label == ALL_TIME_LABEL
    return (None if got is None else (got.start, got.end)) == want


def score(path: Path) -> list[dict[str, Any]]:
    """One dict per row: the Question and which fields are right."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    mots = cycle_mots("healthcare-visit")
    out = []
    for row in rows:
        q = parse_question(row["text"], now=NOW, tz=TZ, mots=mots, people=PEOPLE)
        want_intent = INTENT_NAMES.get(row["intent"], row["intent"])
        right = {
            "intent": q.intent == want_intent,
            "period": _period_right(q.period, expected_span(row.get("period")), q),
            "mot_id": q.mot_id == row.get("mot"),
            "compare": "compare_to" not in row or _period_right(q.compare, expected_span(row["compare_to"]), q),
            "person": "person" not in row or q.person == row["person"],
            "rating": "rating" not in row or q.rating == row["rating"],
            "limit": "limit" not in row or q.limit == row["limit"],
        }
        right["fully"] = right["intent"] and right["period"] and right["mot_id"]
        out.append({"row": row, "question": q, "right": right, "want_intent": want_intent})
    return out
