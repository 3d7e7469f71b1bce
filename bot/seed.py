"""Sample data for the demo: weeks of staff stories and anonymous customer ratings, deterministic.

Customer comments come from `data/demo/comments.jsonl` (built by `scripts/build_demo_comments.py` from
the hand-checked `comment_sources.yaml`: real NHS Friends-and-Family-Test comments that fit a clinic
visit, MIT licensed, and comments written for the demo, for both shipped cycles); staff stories from
`data/demo/stories.yaml`. Each comment and each story is used once, spread over the weeks (newest
weeks first), so a manager's answer never quotes the same words twice."""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo


from bot import store
from bot.config import DATA_DIR
from bot.cycle import Cycle
from bot.nlp.dataset import load_yaml
from bot.models import RatingCreate, StoryCreate, utcnow
from bot.store import AsyncSession
from bot.team_config import TeamConfig
from bot.visibility import managers_of

DEMO_DIR = DATA_DIR / "demo"
# Irritating / shining weights per MOT for the healthcare demo: some moments are clearly weaker.
PROFILE = {
    "call-appointment": (0.45, 0.20), "find-parking": (0.40, 0.15), "waiting-room": (0.42, 0.18),
    "read-signs": (0.25, 0.25), "wait-results": (0.35, 0.25), "drive-out": (0.30, 0.20),
    "check-in": (0.08, 0.65), "physician": (0.10, 0.70), "vital-signs": (0.07, 0.60),
    "escort-exam": (0.10, 0.55), "ask-directions": (0.10, 0.55), "receive-results": (0.18, 0.50),
}
DEFAULT_PROFILE = (0.18, 0.45)
VISITS = {"123": ["check-in", "waiting-room", "physician", "checkout-pay"], "456": []}


# Mojibake found in exported survey text: UTF-8 read as Windows-1252 once ("â€™") or twice
# ("Ã¢â‚¬â„¢"). Longest first, so a doubly broken sequence is not half-repaired.
MOJIBAKE = {
    "Ã¢â‚¬â„¢": "’", "Ã¢â‚¬Ëœ": "‘", "Ã¢â‚¬Å“": "“", "Ã¢â‚¬\x9d": "”", "Ã¢â‚¬â€œ": "–", "Ã¢â‚¬â€\x9d": "—",
    "Ã¢â‚¬Â¦": "…", "â€™": "’", "â€˜": "‘", "â€œ": "“", "â€\x9d": "”", "â€“": "–", "â€”": "—", "â€¦": "…",
    "Â£": "£", "Â€": "€", "Â°": "°", "Â½": "½", "Â\xa0": " ", "Ã©": "é", "Ã¨": "è", "Ã¶": "ö", "Ã¼": "ü",
}
_MOJIBAKE = re.compile("|".join(re.escape(k) for k in sorted(MOJIBAKE, key=len, reverse=True)))
_SUSPECT = re.compile("[ÂÃ]|â€")


def repair_text(text: str) -> str:
    """A comment as its author typed it: known mojibake sequences replaced (`MOJIBAKE`), then, if any
    trace is left, one Windows-1252 -> UTF-8 round trip when that decodes cleanly; whitespace (line
    breaks and double spaces from the export) collapsed."""
    text = _MOJIBAKE.sub(lambda m: MOJIBAKE[m.group(0)], text)
    if _SUSPECT.search(text):
        try:
            text = text.encode("cp1252").decode("utf-8")
        except UnicodeError:
            pass
    return " ".join(text.split())


def load_comments(path: Path = DEMO_DIR / "comments.jsonl") -> dict[tuple[str, str], list[str]]:
    """(mot_id, rating) -> the comments for it, repaired, each text once (MOT ids are unique across the
    shipped cycles)."""
    pool: dict[tuple[str, str], list[str]] = defaultdict(list)
    if not path.exists():
        return pool
    seen: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            text = repair_text(row["text"])
            if text and text.lower() not in seen:
                seen.add(text.lower())
                pool[(row["mot"], row["rating"])].append(text)
    return pool


def load_stories(path: Path = DEMO_DIR / "stories.yaml") -> list[dict]:
    return load_yaml(path.read_text(encoding="utf-8")) if path.exists() else []


def _week_start(now: datetime, tz: str) -> datetime:
    local = now.astimezone(ZoneInfo(tz))
    monday = (local - timedelta(days=local.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    return monday.astimezone(now.tzinfo)


def _moment(rng: random.Random, start: datetime, end: datetime) -> datetime:
    span = max((end - start).total_seconds(), 60.0)
    return start + timedelta(seconds=rng.uniform(0, span))


def _rating(rng: random.Random, mot_id: str, this_week: bool) -> str:
    irritating, shining = PROFILE.get(mot_id, DEFAULT_PROFILE)
    if this_week and mot_id == "waiting-room":  # a visible dip this week, for "compare" and trends
        irritating, shining = 0.60, 0.10
    if this_week and mot_id == "check-in":
        irritating, shining = 0.03, 0.80
    roll = rng.random()
    return "irritating" if roll < irritating else "shining" if roll < irritating + shining else "dull"


async def _has_data(session: AsyncSession, team_id: str) -> bool:
    """Feedback or stories already there (a manager of the team sees every story of it)."""
    if await store.count_feedback(session=session, team_id=team_id):
        return True
    return bool(await store.count_stories(session=session, team_id=team_id, viewer=managers_of(team_id)))


def spread(count: int, slots: int) -> list[int]:
    """`count` positions out of `slots` (0 = oldest), evenly spread and always including the newest,
    so this week and this month get their share of the comments."""
    count = min(count, slots)
    step = slots / count if count else 0
    return sorted({slots - 1 - int(i * step) for i in range(count)})


def _attach_comments(visits: list[tuple[datetime, list[list[str]]]], comments: dict[tuple[str, str], list[str]],
                     rng: random.Random) -> None:
    """Give each comment of the pool to one rating of its MOT and rating, spread over the weeks."""
    slots: dict[tuple[str, str], list[list[str]]] = defaultdict(list)
    for _, ratings in visits:  # visits are in time order
        for row in ratings:
            slots[(row[0], row[1])].append(row)
    for key, rows in slots.items():
        pool = rng.sample(comments.get(key, []), len(comments.get(key, [])))
        for text, position in zip(pool, spread(len(pool), len(rows)), strict=False):
            rows[position][2] = text


def _deal(items: list[dict], weeks: int, rng: random.Random) -> list[list[dict]]:
    """Each story once, shuffled and dealt over the weeks as evenly as possible."""
    deck = rng.sample(items, len(items))
    return [deck[week::weeks] for week in range(weeks)]


async def seed_demo(
    *, session: AsyncSession, teams: list[TeamConfig], cycles: dict[str, Cycle], weeks: int = 8,
    force: bool = False, now: datetime | None = None, seed: int = 7, per_week: int = 60,
) -> str:
    """Seed every team in `teams` that has no data yet; returns a one-line summary per team."""
    now = now or utcnow()
    comments, stories = load_comments(), load_stories()
    lines = []
    for team in teams:
        if not force and await _has_data(session, team.id):
            lines.append(f"{team.name}: already has data, left as it is.")
            continue
        rng = random.Random(f"{seed}:{team.id}")
        cycle = cycles[team.cycle]
        staff = [p for p in team.people if p.id.startswith("console:")] or team.people
        this_week = _week_start(now, team.timezone)
        start = this_week - timedelta(weeks=weeks - 1)
        for ref, mot_ids in VISITS.items():
            if all(cycle.mot(m) for m in mot_ids):
                visit_ref = ref if cycle.id == "healthcare-visit" else f"{team.id}-{ref}"
                await store.create_visit(session=session, ref=visit_ref, team_id=team.id, mot_ids=mot_ids)
        visits: list[tuple[datetime, list[list[str]]]] = []
        told = _deal([s for s in stories if cycle.mot(s["mot"])], weeks, rng)
        n_stories = 0
        for week in range(weeks):
            week_start = start + timedelta(weeks=week)
            week_end = min(week_start + timedelta(weeks=1), now)
            current = week_start >= this_week
            for _ in range(per_week if cycle.id == "healthcare-visit" else per_week // 4):
                count = rng.randint(3, min(7, len(cycle.mots)))
                chosen = sorted(rng.sample(list(cycle.mots), count), key=lambda m: m.position)
                visits.append((_moment(rng, week_start, week_end),
                               [[mot.id, _rating(rng, mot.id, current), ""] for mot in chosen]))
            for item in told[week]:
                author = rng.choice(staff)
                helpers = [p.name for p in rng.sample(staff, k=min(len(staff), rng.randint(0, 2))) if p is not author]
                when = _moment(rng, week_start, week_end)
                await store.create_story(session=session, data=StoryCreate(
                    team_id=team.id, author_id=author.id, suggested_mot_id=item["mot"], mot_id=item["mot"],
                    text=item["text"], action=item["action"], effect=item.get("effect", ""), colleagues=helpers,
                    shareable=rng.random() < 0.85, created_at=when))
                # the whole telling, as staff type it when they start a story in a sentence or two
                await store.add_training_example(session=session, team_id=team.id, cycle_id=cycle.id,
                                                 text=f"{item['text']} {item['action']}", mot_id=item["mot"],
                                                 origin="story_confirmed", created_at=when)
                n_stories += 1
        visits.sort(key=lambda v: v[0])
        _attach_comments(visits, comments, rng)
        for when, ratings in visits:
            await store.create_feedback(session=session, team_id=team.id, visit_ref=None, created_at=when,
                                        ratings=[RatingCreate(mot_id=m, rating=r, comment=c) for m, r, c in ratings])
        n_ratings = sum(len(r) for _, r in visits)
        n_comments = sum(1 for _, r in visits for row in r if row[2])
        lines.append(f"{team.name}: seeded {n_stories} stories and {len(visits)} visits with {n_ratings} ratings "
                     f"({n_comments} with a comment) over {weeks} weeks.")
    return "\n".join(lines)
