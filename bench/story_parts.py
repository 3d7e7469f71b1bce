"""What `bot.nlp.story_parts` reads from staff stories (issue 12, point 5): precision per part on a labelled dev
set, and how often each part is read on the blind held-out stories (no labels there: counts only).

- dev (tests/fixtures/nlp/story_parts.yaml, written for this benchmark after the rules): per part, precision =
  reads that are right / reads; recall = right reads / stories that state the part.
  action: right when it contains the labelled phrase (case-insensitive); a read where the label is null is wrong.
  colleagues: per name read, right when it is among the labelled names (a role "the porter" counts when labelled).
  effect: as action.  about a colleague: right when the story is labelled as a colleague's (hero not null);
  the named hero must match too when the label names one.
- held-out (tests/fixtures/heldout/stories.jsonl, kind "story"): how many stories get an action / colleagues /
  an effect / are read as about a colleague. Never tuned on.

    .venv/bin/python bench/story_parts.py [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.nlp.analyzer import build_analyzer  # noqa: E402
from bot.nlp.story_parts import StoryParts, read_story_parts  # noqa: E402

DEV = ROOT / "tests" / "fixtures" / "nlp" / "story_parts.yaml"
HELDOUT = ROOT / "tests" / "fixtures" / "heldout" / "stories.jsonl"
PARTS = ("action", "colleagues", "effect", "about a colleague")


def score(rows: list[dict], read: list[StoryParts]) -> dict[str, tuple[int, int, int]]:
    """part -> (right reads, reads, stories that state it)."""
    tally = {part: [0, 0, 0] for part in PARTS}
    for row, parts in zip(rows, read, strict=True):
        for part, got, want in (("action", parts.action, row.get("action")), ("effect", parts.effect, row.get("effect"))):
            tally[part][2] += want is not None
            if got:
                tally[part][1] += 1
                tally[part][0] += want is not None and str(want).lower() in got.lower()
        wanted = {str(n).lower() for n in row.get("colleagues") or []}
        tally["colleagues"][2] += len(wanted)
        for name in parts.colleagues:
            tally["colleagues"][1] += 1
            tally["colleagues"][0] += name.lower() in wanted
        hero = row.get("hero")
        tally["about a colleague"][2] += hero is not None
        if parts.about_colleague:
            tally["about a colleague"][1] += 1
            tally["about a colleague"][0] += hero is not None and (not hero or not parts.hero
                                                                   or hero.lower() == parts.hero.lower())
    return {part: (r, n, s) for part, (r, n, s) in tally.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print every dev story's reading")
    args = parser.parse_args()
    analyzer = build_analyzer()
    rows = yaml.safe_load(DEV.read_text(encoding="utf-8"))
    read = [read_story_parts(row["text"], analyzer=analyzer) for row in rows]
    if args.show:
        for row, parts in zip(rows, read, strict=True):
            print(f"- {row['text'][:90]}\n    {parts}")
    print(f"dev: {len(rows)} labelled stories ({DEV.relative_to(ROOT)})")
    print(f"  {'part':18} {'precision':>14} {'recall':>14}")
    for part, (right, reads, stated) in score(rows, read).items():
        precision = f"{right}/{reads} = {right / reads:.0%}" if reads else "-"
        recall = f"{right}/{stated} = {right / stated:.0%}" if stated else "-"
        print(f"  {part:18} {precision:>14} {recall:>14}")
    stories = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    stories = [s for s in stories if s.get("kind", "story") == "story"]
    held = [read_story_parts(s["text"], analyzer=analyzer) for s in stories]
    counts = {"action": sum(bool(p.action) for p in held), "colleagues": sum(bool(p.colleagues) for p in held),
              "effect": sum(bool(p.effect) for p in held), "about a colleague": sum(p.about_colleague for p in held),
              "nothing": sum(not (p.action or p.colleagues or p.effect) for p in held)}
    print(f"held-out: {len(stories)} stories ({HELDOUT.relative_to(ROOT)}), read with (no labels: counts only)")
    for part, n in counts.items():
        print(f"  {part:18} {n:4} ({n / len(stories):.0%})")


if __name__ == "__main__":
    main()
