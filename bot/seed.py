"""Sample data for the demo: weeks of staff stories and anonymous customer ratings, deterministic.

Customer comments come from `data/demo/comments.jsonl` (real NHS Friends-and-Family-Test feedback,
MIT licensed, mapped to MOTs); staff stories from `data/demo/stories.yaml`."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from bot import store
from bot.config import DATA_DIR
from bot.cycle import Cycle
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


@dataclass(frozen=True, slots=True)
class Comment:
    text: str
    mot_id: str
    rating: str


def load_comments(path: Path = DEMO_DIR / "comments.jsonl") -> dict[tuple[str, str], list[str]]:
    pool: dict[tuple[str, str], list[str]] = defaultdict(list)
    if not path.exists():
        return pool
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            pool[(row["mot"], row["rating"])].append(row["text"])
    return pool


def load_stories(path: Path = DEMO_DIR / "stories.yaml") -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []


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
        n_feedback = n_ratings = n_stories = 0
        for ref, mot_ids in VISITS.items():
            if all(cycle.mot(m) for m in mot_ids):
                await store.create_visit(session=session, ref=ref if cycle.id == "healthcare-visit" else f"{team.id}-{ref}",
                                         team_id=team.id, mot_ids=mot_ids)
        usable = [s for s in stories if cycle.mot(s["mot"])]
        deck: list[dict] = []
        for week in range(weeks):
            week_start = start + timedelta(weeks=week)
            week_end = min(week_start + timedelta(weeks=1), now)
            current = week_start >= this_week
            for _ in range(per_week if cycle.id == "healthcare-visit" else per_week // 4):
                when = _moment(rng, week_start, week_end)
                count = rng.randint(3, min(7, len(cycle.mots)))
                chosen = sorted(rng.sample(list(cycle.mots), count), key=lambda m: m.position)
                ratings = []
                for mot in chosen:
                    rating = _rating(rng, mot.id, current)
                    pool = comments.get((mot.id, rating), [])
                    comment = rng.choice(pool) if pool and rng.random() < 0.35 else ""
                    ratings.append(RatingCreate(mot_id=mot.id, rating=rating, comment=comment))
                await store.create_feedback(session=session, team_id=team.id, visit_ref=None, ratings=ratings,
                                            created_at=when)
                n_feedback += 1
                n_ratings += len(ratings)
            for _ in range(rng.randint(5, 9) if usable else 0):
                if not deck:  # each story is told once before any is told again
                    deck = rng.sample(usable, len(usable))
                item = deck.pop()
                author = rng.choice(staff)
                helpers = [p.name for p in rng.sample(staff, k=min(len(staff), rng.randint(0, 2))) if p is not author]
                when = _moment(rng, week_start, week_end)
                await store.create_story(session=session, data=StoryCreate(
                    team_id=team.id, author_id=author.id, suggested_mot_id=item["mot"], mot_id=item["mot"],
                    text=item["text"], action=item["action"], effect=item.get("effect", ""), colleagues=helpers,
                    shareable=rng.random() < 0.85, created_at=when))
                await store.add_training_example(session=session, team_id=team.id, cycle_id=cycle.id,
                                                 text=item["text"], mot_id=item["mot"], origin="story_confirmed",
                                                 created_at=when)
                n_stories += 1
        lines.append(f"{team.name}: seeded {n_stories} stories and {n_feedback} visits with {n_ratings} ratings "
                     f"over {weeks} weeks.")
    return "\n".join(lines)
