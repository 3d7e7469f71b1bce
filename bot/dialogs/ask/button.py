"""The ask dialog's buttons: "go:ask:<verb>:<mot>:<first day>:<day after>" payloads and the periods
they carry, so a button works after the conversation ended and after a restart."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.events import Choice
from bot.nlp.period import Period, named_period
from bot.nlp.question import DEFAULT_PERIODS, Question

_VERB = {"mot_detail": "detail", "story_count": "count", "rating_count": "ratings"}  # intent -> shorter button verb
_INTENT = {v: k for k, v in _VERB.items()}
MAX_CHOICE_ID = 64  # Telegram's callback_data limit, in bytes


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone).astimezone(timezone.utc).astimezone(zone)


def period_days(period: Period, tz: str) -> tuple[date, date]:
    """[first day, day after the last day) in `tz`; a period ending mid-day counts that day whole."""
    zone = ZoneInfo(tz)
    start, end = period.start.astimezone(zone), period.end.astimezone(zone)
    stop = end.date() if end == _midnight(end.date(), zone) else end.date() + timedelta(days=1)
    return start.date(), max(stop, start.date() + timedelta(days=1))


def period_from_days(first: date, stop: date, *, now: datetime, tz: str) -> Period:
    """The Period of whole local days [first, stop) in the team's zone, named like parse_question would."""
    zone = ZoneInfo(tz)
    start, end = _midnight(first, zone), _midnight(stop, zone)
    for name in ("this_week", "last_week", "this_month", "last_month", "today", "yesterday"):
        try:
            named = named_period(name, now=now, tz=tz)
        except ValueError:
            continue
        if (named.start, named.end) == (start, end):
            return named
    last = stop - timedelta(days=1)
    label = f"{last:%a} {last.day} {last:%b %Y}" if first == last else (
        f"{first:%a} {first.day} {first:%b} – {last:%a} {last.day} {last:%b %Y}")
    return Period(start, end, label)


def button(verb: str, label: str, *, mot: str | None = None, period: Period | None = None, tz: str = "UTC") -> Choice:
    """A "go:ask:…" button that re-asks a question, keeping the period when it fits in 64 bytes
    (ISO days, else compact days, else the intent's default period). See `buttons` for the rest."""
    base = f"go:ask:{_VERB.get(verb, verb)}:{mot or ''}"
    if period is not None:
        first, stop = period_days(period, tz)
        for fmt in ("%Y-%m-%d", "%Y%m%d"):
            long = f"{base}:{first.strftime(fmt)}:{stop.strftime(fmt)}"
            if len(long.encode()) <= MAX_CHOICE_ID:
                return Choice(long, label)
    return Choice(base, label)


def buttons(*choices: Choice) -> tuple[Choice, ...]:
    """Only the buttons a platform can carry (a very long MOT id cannot fit in 64 bytes)."""
    return tuple(c for c in choices if len(c.id.encode()) <= MAX_CHOICE_ID)


def _day(text: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def question_from_payload(payload: str, *, now: datetime, tz: str) -> Question | None:
    """"detail:check-in:2026-11-16:2026-11-23" -> Question(mot_detail, that week, check-in)."""
    verb, _, rest = payload.partition(":")
    intent = _INTENT.get(verb, verb)
    if intent not in DEFAULT_PERIODS or intent == "unknown":
        return None
    parts = rest.split(":") if rest else []
    days = [_day(p) for p in parts[1:3]]
    period = None
    if len(days) == 2 and days[0] and days[1] and days[0] < days[1] and (days[1] - days[0]).days <= 3700:
        period = period_from_days(days[0], days[1], now=now, tz=tz)
    period = period or named_period(DEFAULT_PERIODS[intent], now=now, tz=tz)
    return Question(intent=intent, period=period, mot_id=(parts[0] or None) if parts else None)
