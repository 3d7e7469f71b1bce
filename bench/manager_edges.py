"""Managers' messages at the edges of what the bot does, through the real router on the seeded demo database, each
judged by what the reply does: a question answered (a word or two: "weakest", "trends"), the problem reports staff
flagged ("how many problems did staff report this month"), a period that can't be read said so ("31 feb", "the last
9999 days", "next month"), a moment the team's cycle doesn't have said so (a restaurant asked about parking), a score
kept elsewhere answered as off-topic (NPS, CSAT), banter answered as chat ("tell me a joke").

bench/data/manager-edges-first-author.jsonl: 90 lines (15 a kind) by an author who never saw the code (written
blind; 14 / 90 at 250c68f, before this work; its misses were then read: a development set);
manager-edges-second-author.jsonl: 90 more by a second such author, held out (figures only, its misses are never
printed; 15 / 90 at 250c68f, 59 / 90 when it arrived at f7654b1). One JSON object a line: `text`, `team`
("clinic": Dana asks; "restaurant": Leo) and `expect`. Each message opens a conversation of its own (then
*cancel*), so none is read as a follow-up of the one before (bench/followups.py measures those).

    .venv/bin/python bench/manager_edges.py [--data FILE ...]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.demo_app import ASKER, say, seeded_demo  # noqa: E402
from bot.events import ConversationKey, Platform  # noqa: E402

KINDS = ("question", "problems", "bad_period", "no_such_moment", "off_topic", "chat")
HELD_OUT = ("second-author",)  # figures only


def judge(reply: str) -> str:
    """What the reply did, by its wording."""
    if "not much of a chatter" in reply:
        return "chat"
    if "not something I can answer" in reply:
        return "off_topic"
    if "has no moment like" in reply:
        return "no_such_moment"
    if "couldn't read" in reply:
        return "bad_period"
    if "Staff flagged" in reply or "No problems flagged" in reply:
        return "problems"
    if "not sure what you mean" in reply or "not sure what you're asking" in reply:
        return "did you mean"
    return "question"


async def run(rows: list[dict], workdir: Path) -> list[dict]:
    async with seeded_demo(workdir) as core:
        results = []
        for i, row in enumerate(rows):  # each line opens a conversation of its own: none is a follow-up of the last
            key = ConversationKey(Platform.CONSOLE, f"edge{i}", ASKER[row["team"]])
            reply = await say(core, key, row["text"])
            await say(core, key, "cancel")
            results.append({**row, "got": judge(reply), "reply": reply.splitlines()[0][:120] if reply else ""})
        return results


def report(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        results = asyncio.run(run(rows, Path(tmp)))
    held_out = any(path.name == f"manager-edges-{h}.jsonl" for h in HELD_OUT)
    right = Counter(r["expect"] for r in results if r["got"] == r["expect"])
    total = Counter(r["expect"] for r in results)
    print(f"{path.name}{' (held out)' if held_out else ''}: {sum(right.values())} / {len(results)} as expected")
    for kind in KINDS:
        if total[kind]:
            print(f"  {kind:15s} {right[kind]:3d} / {total[kind]:3d}")
    if not held_out:
        for r in results:
            if r["got"] != r["expect"]:
                print(f"    {r['expect']} -> {r['got']}: {r['text']!r} | {r['reply']}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, nargs="*", default=[ROOT / "bench" / "data" / f"manager-edges-{name}.jsonl"
                                                                  for name in ("first-author", *HELD_OUT)])
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    for path in args.data:
        report(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
