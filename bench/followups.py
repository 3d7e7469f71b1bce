"""Managers' follow-ups ("and last week?", "what about parking?", "same for October", "the month before?"), through the
real router on the seeded demo database: each conversation's messages are sent in turn and the question the bot
answered last (what `bot.dialogs.ask.context` kept for that conversation) is judged against what the last message
meant: its kind, moment, period and person. A last message answered with "did you mean" (nothing kept for it)
is a miss.

bench/data/followups-dev.jsonl: 20 conversations written alongside the rules (development);
followups-second.jsonl: 100 by an author who never saw the code, written blind from a brief, then read: its misses
shaped the rules (development; 66 / 100 when it arrived, after the first rules); followups-blind.jsonl: 80 by
another such author from the same brief, held out (figures only, its misses are never printed): 54 / 80 when it
arrived (the first rules, written on the dev set), 78 / 80 after the second author's misses were read. One JSON object a line: `team` ("clinic": Dana asks; "restaurant": Leo),
`turns` (the messages), `expect` {`intent`, `moment` (a moment's name or null), `period` (this_week, last_week,
week_before_last, this_month, last_month, month_before_last, october_2026, september_2026 or default: any),
`person`} and `followup` (false: a whole new question, to be read on its own).

    .venv/bin/python bench/followups.py [--data FILE ...]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.demo_app import ASKER, say, seeded_demo  # noqa: E402
from bot.events import ConversationKey, Platform  # noqa: E402
from bot.models import AskedQuestion  # noqa: E402
from bot.nlp.period import named_period, previous_period  # noqa: E402

HELD_OUT = ("blind",)  # figures only
CYCLE = {"clinic": "healthcare-visit", "restaurant": "restaurant-visit"}
TZ = "Europe/London"


def first_days(now: datetime) -> dict[str, date]:
    """The first local day of each period name a line may expect."""
    week, month = named_period("last_week", now=now, tz=TZ), named_period("last_month", now=now, tz=TZ)
    return {
        "this_week": named_period("this_week", now=now, tz=TZ).start.date(), "last_week": week.start.date(),
        "week_before_last": previous_period(week).start.date(),
        "this_month": named_period("this_month", now=now, tz=TZ).start.date(), "last_month": month.start.date(),
        "month_before_last": previous_period(month).start.date(),
        "october_2026": date(2026, 10, 1), "september_2026": date(2026, 9, 1),
    }


def judge(row: dict[str, Any], kept: dict[str, Any] | None, names: dict[str, str], days: dict[str, date]) -> list[str]:
    """What the kept question gets wrong (empty: right)."""
    if kept is None:
        return ["not answered"]
    want, wrong = row["expect"], []
    intent = "problems" if kept.get("problems") else kept["intent"]
    if intent in ("weakest", "strongest") and kept.get("mot_id"):
        intent = "moment"  # a ranking asked of one moment shows that moment
    if intent == "mot_detail":
        intent = "moment"
    if intent != want["intent"]:
        wrong.append(f"intent {intent}")
    moment = names.get(want["moment"] or "", want["moment"])
    if (kept.get("mot_id") or None) != moment:
        wrong.append(f"moment {kept.get('mot_id')}")
    period = want.get("period") or "default"
    if period != "default" and datetime.fromisoformat(kept["period"][0]).date() != days[period]:
        wrong.append(f"period {kept['period'][2]}")
    person = (want.get("person") or "").lower()
    if person and not str(kept.get("person") or "").lower().startswith(person):
        wrong.append(f"person {kept.get('person')}")
    return wrong


async def run(rows: list[dict[str, Any]], workdir: Path) -> list[dict[str, Any]]:
    async with seeded_demo(workdir) as core:
        names = {m.name: m.id for cycle in core.cycles.values() for m in cycle.mots}
        results = []
        for i, row in enumerate(rows):
            key = ConversationKey(Platform.CONSOLE, f"follow{i}", ASKER[row["team"]])
            for text in row["turns"][:-1]:
                await say(core, key, text)
            before = await _kept(core, str(key))
            reply = await say(core, key, row["turns"][-1])
            after = await _kept(core, str(key))
            kept = after if after is not None and (before is None or after[1] != before[1]) else None
            days = first_days(datetime.now().astimezone())
            wrong = judge(row, kept[0] if kept else None, names, days)
            results.append({**row, "wrong": wrong, "reply": reply.splitlines()[0][:100] if reply else ""})
        return results


async def _kept(core: Any, conversation: str) -> tuple[dict[str, Any], datetime] | None:
    async with core.sessionmaker() as session:
        row = await session.get(AskedQuestion, conversation)
        return (dict(row.question), row.asked_at) if row is not None else None


def report(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        results = asyncio.run(run(rows, Path(tmp)))
    held_out = any(path.name == f"followups-{h}.jsonl" for h in HELD_OUT)
    right = [r for r in results if not r["wrong"]]
    print(f"{path.name}{' (held out)' if held_out else ''}: {len(right)} / {len(results)} read as meant")
    for followup, label in ((True, "follow-ups"), (False, "new questions")):
        part = [r for r in results if r.get("followup", True) == followup]
        if part:
            print(f"  {label:15s} {sum(not r['wrong'] for r in part):3d} / {len(part):3d}")
    by_intent = Counter(r["expect"]["intent"] for r in results)
    right_by = Counter(r["expect"]["intent"] for r in right)
    print("  by intent: " + ", ".join(f"{k} {right_by[k]}/{n}" for k, n in sorted(by_intent.items())))
    if not held_out:
        for r in results:
            if r["wrong"]:
                print(f"    {r['turns']} -> {', '.join(r['wrong'])} | {r['reply']}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, nargs="*", default=[ROOT / "bench" / "data" / f"followups-{name}.jsonl"
                                                                  for name in ("dev", "second", *HELD_OUT)])
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    for path in args.data:
        if path.exists():
            report(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
