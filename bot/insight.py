"""The arithmetic behind the numbers managers ask for, on what `bot.store.stats` counts in SQL: no
SQL here, so the store, the dialogs and the weekly posts share one definition.

Shares are whole percentages rounded half up; a change is the difference of the two shares *as
shown* (so "40% → 55%" always reads "▲ 15 pp"). "Weakest" ranks MOTs with at least `min_sample`
ratings by the lower bound of the 95% Wilson interval of their irritating share."""

from __future__ import annotations

import asyncio
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, NamedTuple

MIN_SAMPLE = 5
Z_95 = 1.959964
STANDARD_WINDOW = timedelta(weeks=4)


def wilson_lower_bound(successes: int, n: int, z: float = Z_95) -> float:
    """Lower bound of the Wilson score interval: a share we are ~95% sure is at least this high.
    Ranks "3 of 4 irritating" below "60 of 100 irritating", as it should."""
    if n <= 0:
        return 0.0
    p = successes / n
    denominator = 1 + z * z / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, (centre - margin) / denominator)


def percent(part: int, whole: int) -> int:
    """100 * part / whole rounded half up (12.5 -> 13, never banker's rounding); 0 when whole is 0."""
    return (200 * part + whole) // (2 * whole) if whole > 0 else 0


@dataclass(frozen=True, slots=True)
class MotStat:
    mot_id: str
    n: int
    shining: int
    irritating: int
    dull: int

    def share(self, rating: str) -> float:
        return getattr(self, rating) / self.n if self.n else 0.0

    def pct(self, rating: str) -> int:
        return percent(getattr(self, rating), self.n)

    @property
    def weakness(self) -> float:
        return wilson_lower_bound(self.irritating, self.n)

    @property
    def strength(self) -> float:
        return wilson_lower_bound(self.shining, self.n)

    @property
    def dullness(self) -> float:
        return wilson_lower_bound(self.dull, self.n)


def empty_stat(mot_id: str) -> MotStat:
    return MotStat(mot_id, 0, 0, 0, 0)


def change(current: MotStat | None, previous: MotStat | None, rating: str) -> int | None:
    """Change of the shown share of `rating` in percentage points; None when either side has no ratings."""
    if current is None or previous is None or not current.n or not previous.n:
        return None
    return current.pct(rating) - previous.pct(rating)


def rank(
    stats: dict[str, MotStat], *, by: str, min_n: int = MIN_SAMPLE, order: Sequence[str] = ()
) -> tuple[list[MotStat], list[MotStat]]:
    """(ranked, too_few): MOTs with at least `min_n` ratings ranked by the Wilson bound of the
    irritating (`by="weakness"`), shining (`by="strength"`) or dull (`by="dullness"`) share; the rest set aside, most rated
    first. Ties: more ratings first, then the cycle `order`, then the id."""
    position = {mot_id: i for i, mot_id in enumerate(order)}

    def where(s: MotStat) -> tuple[int, str]:
        return position.get(s.mot_id, len(position)), s.mot_id

    enough = sorted((s for s in stats.values() if s.n >= min_n), key=lambda s: (-getattr(s, by), -s.n, where(s)))
    too_few = sorted((s for s in stats.values() if s.n < min_n), key=lambda s: (-s.n, where(s)))
    return enough, too_few


@dataclass(frozen=True, slots=True)
class Quote:
    mot_id: str
    rating: str
    text: str
    created_at: datetime
    own: bool = False  # a customer's own comment at the end of the survey, not one given with a rating


def _words(name: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", name.casefold()))


def names_match(person: str, name: str) -> bool:
    """"Sam" matches "Sam Patel" and the other way round; "Sam" does not match "Samantha"."""
    a, b = _words(person), _words(name)
    return bool(a and b) and (a <= b or b <= a)


# --- standards (accepted best practices) -------------------------------------------------------


def standard_key(behaviour: str) -> str:
    """A stable key for a behaviour: its words, lower-case, dash-joined (the unique team/MOT/key)."""
    return "-".join(re.findall(r"[^\W_]+", behaviour.casefold()))[:255] or "practice"


# --- best practices: praise and stories -> practice cards (bot/nlp/practice.py) ---------------

@dataclass(frozen=True, slots=True)
class PracticeEvidence:
    """Practice cards and what they were found in: source id ("s12" story, "r34" rating) -> (who, text)."""

    cards: list[Any]  # bot.nlp.practice.PracticeCard, most widely supported first
    sources: dict[str, tuple[str, str]] = field(default_factory=dict)
    effects: dict[str, str] = field(default_factory=dict)  # story source id -> the effect its teller gave
    stories: int = 0
    praise: int = 0


class PraiseRow(NamedTuple):
    """A customer's shining comment, as `bot.store.stats.practice_sources` reads it."""

    rating_id: int
    feedback_id: int | None
    mot_id: str
    comment: str


async def practice_evidence(
    *, stories: Sequence[Any], praise: Sequence[PraiseRow], min_people: int = 2
) -> PracticeEvidence:
    """Practice cards from staff stories (what they did) and customers' shining comments (both as
    `bot.store.stats.practice_sources` reads them: only stories the viewer may see, so a card shown to
    the team never rests on a private story), built by bot.nlp.practice in a worker thread."""
    from bot.nlp.practice import build_practice_cards  # spaCy + scikit-learn: loaded on first use only

    praise_unique, seen = [], set()  # the same comment twice is one customer's words, not two people
    for row in praise:
        words = " ".join(row.comment.lower().split())
        if words not in seen:
            seen.add(words)
            praise_unique.append(row)
    items, sources, effects = [], {}, {}
    for story in stories:
        key = f"s{story.id}"
        # told by staff: "I"/"we" is the teller, "she"/"he" usually the customer; the effect is the one told
        told = " ".join(p if p.rstrip()[-1:] in ".!?" else f"{p.rstrip()}." for p in (story.text, story.action) if p)
        items.append((key, told, story.author_id, story.mot_id, "staff", story.effect or None))
        sources[key] = (story.author_id, f"{story.text} {story.action}".strip())
        if story.effect:
            effects[key] = story.effect
    for rating_id, feedback_id, mot, comment in praise_unique:
        key = f"r{rating_id}"
        items.append((key, comment, f"customer:{feedback_id or rating_id}", mot))
        sources[key] = ("customer", comment)
    cards = await asyncio.to_thread(build_practice_cards, items, min_people=min_people) if items else []
    return PracticeEvidence(cards, sources, effects, len(stories), len(praise_unique))


# --- trends: series of local weeks or months, a sparkline, a test for a linear trend -------------

_BARS = "▁▂▃▄▅▆▇█"
WEEKLY_UP_TO_DAYS = 16 * 7  # longer windows are shown month by month


def series_edges(start: datetime, end: datetime, unit: str | None = None) -> tuple[list[datetime], str]:
    """Bucket edges over [start, end) in the zone of `start`: local Monday weeks ("week"), or calendar
    months ("month") when the window is longer than 16 weeks, or the `unit` asked for ("month on month":
    months, when the window holds more than two; "week by week": weeks, up to a year of them). Edges are local midnights (a week across a
    summer-time change is 167 or 169 hours), the first and last buckets clipped to the window."""
    from zoneinfo import ZoneInfo  # the zone is the one the Period carries

    zone = start.tzinfo if isinstance(start.tzinfo, ZoneInfo) else ZoneInfo("UTC")
    first, stop = start.astimezone(zone).date(), end.astimezone(zone).date()
    days_long = (stop - first).days
    if unit not in ("week", "month") or (unit == "week" and days_long > 366) or (unit == "month" and days_long < 62):
        unit = "week" if days_long <= WEEKLY_UP_TO_DAYS else "month"  # months over a few weeks: weeks
    days = []
    day = first
    while day < stop:
        days.append(day)
        if unit == "week":
            day = day + timedelta(days=7 - day.weekday())
        else:
            day = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    edges = [datetime.combine(d, datetime.min.time(), tzinfo=zone) for d in days]
    return [start, *edges[1:], end], unit


def halves(series: Sequence[MotStat]) -> tuple[MotStat, MotStat] | None:
    """The buckets with ratings, pooled into a first and a second half (the middle one of an odd number
    left out): what a trend's lead line compares, steadier than the first and the last bucket alone."""
    rated = [s for s in series if s.n]
    if len(rated) < 2:
        return None
    k = len(rated) // 2

    def pool(part: Sequence[MotStat]) -> MotStat:
        return MotStat(part[0].mot_id, sum(s.n for s in part), sum(s.shining for s in part),
                       sum(s.irritating for s in part), sum(s.dull for s in part))
    return pool(rated[:k]), pool(rated[-k:])


def sparkline(values: Sequence[float | None]) -> str:
    """"▁▃▅█" from shares 0..1 (absolute, so two sparklines compare); "·" where there is no data."""
    return "".join("·" if v is None else _BARS[min(len(_BARS) - 1, int(v * len(_BARS)))] for v in values)


@dataclass(frozen=True, slots=True)
class Trend:
    """A linear trend in a rating's share across buckets: the Cochran–Armitage test for trend."""

    verdict: str  # "better" / "worse" / "no clear change" / "too few ratings"
    z: float
    p_value: float
    slope_pp: float  # least-squares change of the share per bucket, percentage points
    n: int


def trend_test(series: Sequence[MotStat], rating: str = "irritating", *, min_n: int = MIN_SAMPLE,
               alpha: float = 0.05) -> Trend:
    """Cochran–Armitage test for a linear trend in the `rating` share over equally spaced buckets
    (empty buckets carry no weight). Rising irritating (or falling shining) share = "worse"."""
    points = [(k, s.n, getattr(s, rating)) for k, s in enumerate(series) if s.n]
    total = sum(n for _, n, _ in points)
    if len(points) < 3 or total < 3 * min_n:
        return Trend("too few ratings", 0.0, 1.0, 0.0, total)
    p_bar = sum(x for _, _, x in points) / total
    mean_k = sum(k * n for k, n, _ in points) / total
    t = sum(k * (x - n * p_bar) for k, n, x in points)
    var = p_bar * (1 - p_bar) * sum(n * (k - mean_k) ** 2 for k, n, _ in points)
    z = t / math.sqrt(var) if var > 0 else 0.0
    p_value = math.erfc(abs(z) / math.sqrt(2))
    sxx = sum(n * (k - mean_k) ** 2 for k, n, _ in points)
    slope = 100 * t / sxx if sxx else 0.0
    if p_value >= alpha:
        verdict = "no clear change"
    else:
        rising_bad = rating in ("irritating", "dull")
        verdict = "worse" if (z > 0) == rising_bad else "better"
    return Trend(verdict, z, p_value, slope, total)


def share_gap_p(a: MotStat, b: MotStat, rating: str = "irritating") -> float:
    """Two-sided p-value of the pooled two-proportion z-test: is `rating`'s share different between `a` and `b`
    (two moments in one window)? 1.0 when either has no ratings or the pooled share is 0 or 1."""
    if not a.n or not b.n:
        return 1.0
    pooled = (getattr(a, rating) + getattr(b, rating)) / (a.n + b.n)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n))
    if spread == 0:
        return 1.0
    z = (a.share(rating) - b.share(rating)) / spread
    return math.erfc(abs(z) / math.sqrt(2))


# --- people -------------------------------------------------------------------------------------


def credits(colleague_lists: Sequence[Sequence[str]], names: Sequence[str]) -> dict[str, int]:
    """How many stories name each person in `names` as a colleague ("Sam" credits "Sam Patel"); a story
    counts once per person however often it names them."""
    counted: dict[str, int] = {}
    for colleagues in colleague_lists:
        for name in {n for n in names if any(names_match(c, n) for c in colleagues)}:
            counted[name] = counted.get(name, 0) + 1
    return counted


def top_n(counts: dict[str, int], n: int) -> list[tuple[str, int]]:
    """The `n` largest counts; ties keep every tied entry at the cut (so no one is silently dropped),
    then alphabetical."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    if len(ranked) <= n:
        return ranked
    cut = ranked[n - 1][1]
    return [kv for kv in ranked if kv[1] > cut] + [kv for kv in ranked if kv[1] == cut]


def plural(n: int, one: str, many: str | None = None) -> str:
    """"1 rating", "2 ratings", "1 story", "3 stories"."""
    return f"{n} {one if n == 1 else many or one + 's'}"
