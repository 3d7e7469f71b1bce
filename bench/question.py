"""Benchmark for bot.nlp.question: fixture accuracy (intent, period, MOT, person) and parse time.

Run from the project root:

    .venv/bin/python bench/question.py            # accuracy + timing, misses listed
    .venv/bin/python bench/question.py --rounds 50

Accuracy is measured on tests/fixtures/questions.yaml, the same rows the tests assert on.
Timing is per parse_question call after one warm-up pass (which builds the cached tables).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time as clock
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.nlp.question import parse_question  # noqa: E402
from devkit.question_fixture import FIXTURE, cycle_mots, load_fixture, moment, parse_case  # noqa: E402


def span(value: Any, zone: ZoneInfo) -> tuple[datetime, datetime] | None:
    return None if value is None else (moment(value[0], zone), moment(value[1], zone))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="timed passes over the fixture")
    args = parser.parse_args()

    defaults, cases = load_fixture()

    started = clock.perf_counter()
    parse_case(defaults, cases[0])
    first_call_ms = (clock.perf_counter() - started) * 1000
    for case in cases:  # warm-up
        parse_case(defaults, case)

    totals = {"intent": 0, "period": 0, "compare": 0, "mot_id": 0, "person": 0, "row": 0}
    mot_rows = mot_right = 0
    misses: list[str] = []
    for case in cases:
        question, zone = parse_case(defaults, case)
        right = {
            "intent": question.intent == case["intent"],
            "period": (question.period.start, question.period.end) == span(case["period"], zone),
            "compare": (None if question.compare is None else (question.compare.start, question.compare.end))
            == span(case.get("compare"), zone),
            "mot_id": question.mot_id == case.get("mot_id"),
            "person": question.person == case.get("person"),
        }
        right["row"] = all(right.values())
        for key, ok in right.items():
            totals[key] += ok
        if case.get("mot_id"):
            mot_rows += 1
            mot_right += right["mot_id"]
        if not right["row"]:
            wrong = ", ".join(k for k, ok in right.items() if not ok and k != "row")
            flag = " (known miss)" if case.get("known_miss") else ""
            misses.append(f"  {case['text']!r}: {wrong}{flag} -> {question.intent}, {question.mot_id}, {question.period.label}")

    timings: list[float] = []
    for _ in range(args.rounds):
        for case in cases:
            tz = case.get("tz", defaults["tz"])
            zone = ZoneInfo(tz)
            now = moment(case.get("now", defaults["now"]), zone)
            mots = cycle_mots(case.get("cycle", defaults["cycle"]))
            people = tuple(case.get("people", defaults["people"]))
            t0 = clock.perf_counter()
            parse_question(case["text"], now=now, tz=tz, mots=mots, people=people)
            timings.append((clock.perf_counter() - t0) * 1000)
    timings.sort()

    n = len(cases)
    print(f"fixture: {FIXTURE.relative_to(ROOT)} ({n} rows, {sum(1 for c in cases if c.get('known_miss'))} known misses)")
    for key in ("intent", "period", "compare", "mot_id", "person", "row"):
        label = {"row": "whole row", "mot_id": "MOT (all rows)"}.get(key, key)
        print(f"  {label:<16} {totals[key]:>4}/{n}  {totals[key] / n:6.1%}")
    if mot_rows:
        print(f"  {'MOT (named rows)':<16} {mot_right:>4}/{mot_rows}  {mot_right / mot_rows:6.1%}")
    print(
        f"parse time over {len(timings)} calls: p50 {statistics.median(timings):.3f} ms, "
        f"p99 {timings[int(0.99 * (len(timings) - 1))]:.3f} ms, max {timings[-1]:.3f} ms "
        f"(first call, building tables: {first_call_ms:.0f} ms)"
    )
    if misses:
        print("misses:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
