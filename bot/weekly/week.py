"""When weekly things happen, in the team's time zone: a `Slot` per (team, kind) from the team's
settings (`recognition_weekday: fri`, `recognition_time: "16:00"`, likewise `digest_*`, `nudge_*`),
ISO week labels ("2026-W47"), the 7-day window a run covers (the week up to its scheduled time,
so every story falls in exactly one shout-out) and how that window reads in a post ("14–20 Nov")."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.models import Team

log = logging.getLogger(__name__)

KINDS = ("recognition", "digest", "nudge")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULTS = {"recognition": ("fri", "16:00"), "digest": ("mon", "09:00"), "nudge": ("mon", "10:00")}
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class Slot:
    kind: str
    weekday: int  # 0 = Monday
    hour: int
    minute: int
    tz: str
    enabled: bool

    def cron_fields(self) -> dict[str, Any]:
        """CronTrigger arguments (add `timezone=slot.tz`)."""
        return {"day_of_week": WEEKDAYS[self.weekday], "hour": self.hour, "minute": self.minute}


def _weekday(value: Any) -> int:
    if isinstance(value, int) and 0 <= value <= 6:
        return value
    text = str(value).strip().lower()[:3]
    if text not in WEEKDAYS:
        raise ValueError(f"weekday {value!r}: use mon, tue, wed, thu, fri, sat or sun")
    return WEEKDAYS.index(text)


def _clock_time(value: Any) -> tuple[int, int]:
    match = _TIME.match(str(value).strip())
    hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 99)
    if hour > 23 or minute > 59:
        raise ValueError(f"time {value!r}: use HH:MM, e.g. \"16:00\"")
    return hour, minute


def nudge_after_weeks(team: Team, settings: Settings) -> int:
    """`nudge_after_weeks` team setting (default STORYBOT_NUDGE_WEEKS, 0 = no nudges)."""
    value = team.settings.get("nudge_after_weeks", settings.nudge_weeks)
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


def approval_required(team: Team, settings: Settings) -> bool:
    return bool(team.settings.get("recognition_approval", settings.recognition_approval))


def team_slot(team: Team, kind: str, settings: Settings) -> Slot:
    """The team's slot for `kind`; a malformed setting is logged and the default used."""
    day, at = DEFAULTS[kind]
    try:
        weekday = _weekday(team.settings.get(f"{kind}_weekday", day))
    except ValueError as exc:
        log.warning("team %s: %s_weekday: %s; using %s", team.id, kind, exc, day)
        weekday = _weekday(day)
    try:
        hour, minute = _clock_time(team.settings.get(f"{kind}_time", at))
    except ValueError as exc:
        log.warning("team %s: %s_time: %s; using %s", team.id, kind, exc, at)
        hour, minute = _clock_time(at)
    if kind == "recognition":
        enabled = bool(team.channels) and bool(team.settings.get("recognition_enabled", True))
    elif kind == "digest":
        enabled = bool(team.settings.get("digest_enabled", True))
    else:
        enabled = nudge_after_weeks(team, settings) > 0
    return Slot(kind, weekday, hour, minute, team.timezone or "UTC", enabled)


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(week: str) -> tuple[int, int]:
    """"2026-W47" -> (2026, 47); ValueError for anything else (or a week the year does not have)."""
    match = _WEEK.match(week.strip())
    if not match:
        raise ValueError(f"week {week!r}: use the ISO form, e.g. 2026-W47")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        date.fromisocalendar(year, number, 1)
    except ValueError as exc:  # W00, W54, or W53 in a 52-week year
        raise ValueError(f"week {week!r}: {year} has no week {number}") from exc
    return year, number


def _at(slot: Slot, day: date) -> datetime:
    return datetime.combine(day, time(slot.hour, slot.minute), tzinfo=ZoneInfo(slot.tz)).astimezone(UTC)


def fire_time(slot: Slot, week: str) -> datetime:
    """When `slot` falls in ISO `week` (UTC)."""
    year, number = parse_week(week)
    return _at(slot, date.fromisocalendar(year, number, slot.weekday + 1))


def last_fire(slot: Slot, now: datetime) -> datetime:
    """The latest scheduled time at or before `now` (UTC)."""
    local = now.astimezone(ZoneInfo(slot.tz))
    day = local.date() - timedelta(days=(local.weekday() - slot.weekday) % 7)
    fire = _at(slot, day)
    return fire if fire <= now else _at(slot, day - timedelta(days=7))


def due_week(slot: Slot, now: datetime) -> str:
    """The ISO week a run starting `now` belongs to: the week of the latest scheduled time, so a
    catch-up after a missed Sunday-evening run still counts for the right week."""
    return iso_week(last_fire(slot, now).astimezone(ZoneInfo(slot.tz)).date())


def window(slot: Slot, week: str, now: datetime) -> tuple[datetime, datetime]:
    """[start, end) covered by the run of `week`: the 7 days up to its scheduled time, cut at `now`
    for a run made early by hand. ValueError when the week has not started yet."""
    end = fire_time(slot, week)
    local_end = end.astimezone(ZoneInfo(slot.tz))
    start = _at(slot, local_end.date() - timedelta(days=7))
    if start >= now:
        raise ValueError(f"week {week} has not started yet")
    return start, min(end, now)


def week_label(start: datetime, end: datetime, tz: str) -> str:
    """[start, end) as a post names it in the team's time zone: "14–20 Nov", "28 Nov – 4 Dec"."""
    zone = ZoneInfo(tz)
    first, last = start.astimezone(zone), (end - timedelta(seconds=1)).astimezone(zone)
    if first.month == last.month:
        return f"{first.day}–{last.day} {last:%b}"
    return f"{first.day} {first:%b} – {last.day} {last:%b}"
