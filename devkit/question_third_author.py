"""Scoring tests/fixtures/questions_third_author.jsonl: 200 managers' questions from a third author who
never read the parser (issue 14; tests/fixtures/questions_fourth_author.jsonl, 150 by a fourth, is in the
same format and labels), one JSON object a line with fields q, intent, period, mot, n, rating,
person (the author's notes: /work/tools/questions_third_author_notes.md, summarised here). The text is
the author's; only their names are mapped to ours, in code:

- intents: mot_summary -> mot_detail, count_ratings -> rating_count, count_stories -> story_count,
  quotes -> comments, people_ranking -> people, person_stories and list_stories -> stories,
  offtopic -> off_topic (weakest, strongest, compare, trend, practices as named);
- periods: "default" (nothing named: `period_named` False), "all_time", our named periods
  ("this_month", "last_30_days", ...), "2026-10" (a month), "2026-Q3", "since:2026-09-01" (to
  tomorrow's midnight), "2026-summer" (meteorological: Jun-Aug, like bot/nlp/period_rule.py). For a
  comparison the author labelled the focal (first or more recent) period only, so that one is
  checked, against either of the two periods compared ("compare Q1 and Q2" labelled Q2, "improved
  from june to july" labelled July: the answer shows both side by side).
  A span past today is cut at tomorrow's midnight, as for the second author;
- MOTs of both demo cycles: a row whose MOT is a restaurant one, or naming no MOT but the restaurant
  ("restaurant stories from the waiting staff"), is asked by a restaurant team (cycle restaurant-visit),
  every other row by the clinic (healthcare-visit);
- `n` is our `limit` (1 and none both read as the answer's default), `rating` as ours, `person` the
  name as the answer should say it (a team member's name, or the name as typed for anyone else);
- an off-topic request read as off-topic is right whatever period, MOT and person the row gives: the
  answer (what the bot can do instead) is the same, and authors label those two ways (22 authors
  "default", the 24th, 30th and 31st the period said: "how many prescriptions last month").

Said on Wednesday 25 Nov 2026, 10:00, Europe/London (as the second author's set), by a team whose
people are the second author's (Dana, Alice, Sam, Priya, Tom, Maria). Shared by bench/question.py and
tests/nlp/test_question.py."""

from __future__ import annotations

from functools import lru_cache
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bot.nlp.period import ALL_TIME_LABEL, Period, named_period
from bot.nlp.question import Question, parse_question
from bot.nlp.question_model import IntentReader
from devkit.question_fixture import ROOT, cycle_mots
from devkit.question_second_author import NOW, PEOPLE, TOMORROW, TZ, Span, midnight, month_after
from devkit.question_second_author import load_rows as _load_jsonl

THIRD_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_third_author.jsonl"
# 150 rows by a fourth author in the same format and labels (measured once before any change: 130/150)
FOURTH_AUTHOR_FIXTURE = ROOT / "tests" / "fixtures" / "questions_fourth_author.jsonl"
INTENT_NAMES = {
    "mot_summary": "mot_detail", "count_ratings": "rating_count", "count_stories": "story_count",
    "quotes": "comments", "people_ranking": "people", "person_stories": "stories", "list_stories": "stories",
    "offtopic": "off_topic",
}
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def load_rows(path: Path = THIRD_AUTHOR_FIXTURE) -> list[dict[str, Any]]:
    return _load_jsonl(path)


def expected_period(text: str) -> Span | str:
    """The author's period label as [start, end), or "default" / "all time"."""
    if text == "default":
        return "default"
    if text == "all_time":
        return "all time"
    if text.startswith("since:"):
        return midnight(date.fromisoformat(text[6:])), midnight(TOMORROW)
    year, _, rest = text.partition("-")
    if year.isdigit() and len(year) == 4:
        if rest.startswith("Q"):
            first = date(int(year), 3 * int(rest[1]) - 2, 1)
            return midnight(first), midnight(month_after(first, 3))
        if rest in _SEASON_START:
            first = date(int(year), _SEASON_START[rest], 1)
            return midnight(first), midnight(month_after(first, 3))
        first = date(int(year), int(rest), 1)
        return midnight(first), midnight(month_after(first, 1))
    period = named_period(text, now=NOW, tz=TZ)
    return period.start, period.end


_DAYS_LABEL = re.compile(r"last_(\d+)_days")
_MONTHS_SAID = re.compile(r"\b(?:\d+|one|a|two|three|four|five|six|couple(?:\s+of)?)\s+(?:months?|mths?|mnths?)\b",
                          re.IGNORECASE)


def months_span(label: str, text: str) -> Span | None:
    """The author wrote "last_90_days" for "the last 3 months": the parser reads the months as months
    (25 Aug - 25 Nov, not 27 Aug - 25 Nov), the honest reading of the words. When the question says
    months and the label is a multiple of 30 days, that span is right too (one month too: "since one month",
    Indian English for the past month, labelled last_30_days, is 26 Oct - 25 Nov)."""
    m = _DAYS_LABEL.fullmatch(label)
    if m is None or int(m[1]) % 30 or not _MONTHS_SAID.search(text):
        return None
    months = int(m[1]) // 30
    index = NOW.year * 12 + NOW.month - 1 - months
    year, month = divmod(index, 12)
    start = date(year, month + 1, min(NOW.day, 28)) + timedelta(days=1)
    return midnight(start), midnight(TOMORROW)


def _cut(span: Span) -> Span:
    return span[0], min(span[1], midnight(TOMORROW))


def _period_right(got: Period, want: Span | str, q: Question) -> bool:
    if want == "default":
        return not q.period_named
    if want == "all time":
        return got.label == ALL_TIME_LABEL
    assert isinstance(want, tuple)
    return q.period_named and _cut((got.start, got.end)) == _cut(want)


@lru_cache(maxsize=4)
def _mots(cycle_id: str) -> tuple[Any, ...]:
    return cycle_mots(cycle_id)


# the restaurant said by its kind (the authors' restaurants: a tea room, a chippy, a pizzeria, a steakhouse "grill", a
# brunch café): asked by that team, whose cycle is the restaurant's
_RESTAURANT_SAID = re.compile(r"\b(?:restaurant|diners?|dining\s+room|tea\s*room|caf[eé]|chippy|pizzeria|steakhouse|"
                              r"grill|brunch|bistro)\b", re.IGNORECASE)


def cycle_of(row: dict[str, Any]) -> str:
    """The restaurant's cycle when the row's MOT is one of its moments or, naming none, the question says
    it is the restaurant's ("restaurant stories from the waiting staff", "the tea room's weakest moments");
    else the clinic's."""
    restaurant = {m.id for m in _mots("restaurant-visit")}
    if row.get("mot") in restaurant or (row.get("mot") is None and _RESTAURANT_SAID.search(row["q"])):
        return "restaurant-visit"
    return "healthcare-visit"


def parse_row(row: dict[str, Any], reader: IntentReader | None = None) -> Question:
    return parse_question(row["q"], now=NOW, tz=TZ, mots=_mots(cycle_of(row)), people=PEOPLE, reader=reader)


def _same_name(got: str | None, want: str | None) -> bool:
    return got == want or (got is not None and want is not None and got.casefold() == want.casefold())


def score(path: Path = THIRD_AUTHOR_FIXTURE, reader: IntentReader | None = None) -> list[dict[str, Any]]:
    """One dict per row: the row, the Question, the parser's name for the intent wanted, what is right."""
    out = []
    for row in load_rows(path):
        q = parse_row(row, reader)
        want_intent = INTENT_NAMES.get(row["intent"], row["intent"])
        limit = row.get("n")
        right = {
            "intent": q.intent == want_intent,
            "period": _period_right(q.period, expected_period(row["period"]), q) or (
                (months := months_span(row["period"], row["q"])) is not None and _period_right(q.period, months, q)
            ) or (
                want_intent == "compare" and q.compare is not None
                and _period_right(q.compare, expected_period(row["period"]), q)),
            # two moments side by side: no one moment (labelled none) or the pair's first named (as the second author)
            "mot_id": q.mot_id == row.get("mot") or (len(q.versus) == 2 and q.versus[0] == row.get("mot")),
            # "my own stories": the asker's, and the briefs make the manager asking Dana
            # (a name written in lower case by the author is the same team member: "stories where maria is mentioned")
            "person": _same_name(q.person, row.get("person")) or (q.mine and row.get("person") == "Dana"),
            "rating": q.rating == row.get("rating"),
            "limit": q.limit in ((None, 1) if limit in (None, 1) else (limit,)),
        }
        if want_intent == q.intent == "off_topic":  # the same answer whatever window, moment or person it names
            right.update(period=True, mot_id=True, person=True)
        right["fully"] = right["intent"] and right["period"] and right["mot_id"]
        right["row"] = all(right.values())
        out.append({"row": row, "question": q, "right": right, "want_intent": want_intent})
    return out
