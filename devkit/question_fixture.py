"""Reading tests/fixtures/questions.yaml: shared by tests/nlp/test_question.py and bench/question.py."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.cycle import load_cycle
from bot.nlp.question import MotRef, Question, parse_question
from bot.nlp.question_model import IntentReader

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "questions.yaml"  # the 262-row regression fixture
DEV_FIXTURE = ROOT / "tests" / "fixtures" / "questions_dev.yaml"  # issue 14's intents: tuned on
HELDOUT_FIXTURE = ROOT / "tests" / "fixtures" / "questions_heldout.yaml"  # written first, never tuned on
CYCLES = ROOT / "data" / "cycles"


@lru_cache(maxsize=None)
def cycle_mots(cycle_id: str) -> tuple[MotRef, ...]:
    cycle = load_cycle(CYCLES / f"{cycle_id}.yaml")
    return tuple(MotRef(m.id, m.name, m.aliases) for m in cycle.mots)


def load_fixture(path: Path = FIXTURE) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return raw["defaults"], raw["cases"]


def moment(value: Any, zone: ZoneInfo) -> datetime:
    """A fixture time: a date is local midnight, a naive datetime is local time in `zone`."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=zone)
    else:
        parsed = datetime.fromisoformat(str(value))
    return parsed.replace(tzinfo=zone) if parsed.tzinfo is None else parsed


def parse_case(defaults: dict[str, Any], case: dict[str, Any],
               reader: IntentReader | None = None) -> tuple[Question, ZoneInfo]:
    """parse_question on one fixture row, with the row's (or the defaults') now, zone, cycle, people."""
    tz = case.get("tz", defaults["tz"])
    zone = ZoneInfo(tz)
    question = parse_question(
        case["text"],
        now=moment(case.get("now", defaults["now"]), zone),
        tz=tz,
        mots=cycle_mots(case.get("cycle", defaults["cycle"])),
        people=tuple(case.get("people", defaults["people"])),
        reader=reader,
    )
    return question, zone
