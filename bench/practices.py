"""Best-practice extraction and grouping against hand-labelled sentences.

tests/fixtures/nlp/practice_sentences.jsonl: NHS FFT praise sentences (v6-dev / phase1-dev, lightly
trimmed) plus a few staff-story sentences, each with the behaviour a person would put on a practice card
(or null) and a group id for behaviours that are the same practice.

- extraction precision: sentences where something was extracted and it matches the labelled behaviour
  (content-lemma F1 >= 0.5) / sentences where something was extracted
- extraction recall: sentences whose labelled behaviour was extracted / sentences with a labelled behaviour
- grouping precision (recall): of the pairs of matched behaviours put in one group, the share that have the
  same gold group (of the gold same-group pairs, the share put together)

    .venv/bin/python bench/practices.py [--threshold 0.75]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.nlp.analyzer import build_analyzer  # noqa: E402
from bot.nlp.practice import extract_behaviours, group_behaviours, normalise  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "nlp" / "practice_sentences.jsonl"


def overlap_f1(a: str, b: str) -> float:
    x, y = set(a.split()), set(b.split())
    if not x or not y:
        return 0.0
    common = len(x & y)
    return 2 * common / (len(x) + len(y))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, default=0.75)
    parser.add_argument("--show", action="store_true", help="print every sentence's result")
    args = parser.parse_args()
    analyzer = build_analyzer()
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    extracted_n = correct = labelled = found = 0
    matched = []  # (behaviour, gold group)
    for row in rows:
        behaviours = extract_behaviours(row["text"], source_id=row["id"], author=row["id"])
        gold = normalise(analyzer.tokens(row["behaviour"])) if row["behaviour"] else None
        hit = next((b for b in behaviours if gold and overlap_f1(b.normalised, gold) >= 0.5), None)
        if behaviours:
            extracted_n += 1
            correct += hit is not None
        if gold:
            labelled += 1
            found += hit is not None
        if hit is not None:
            matched.append((hit, row["group"]))
        if args.show:
            mark = "ok " if (hit is not None) or (not gold and not behaviours) else "BAD"
            print(f"{mark} {row['text'][:70]!r:75} -> {[b.text for b in behaviours]} (gold: {row['behaviour']})")
    groups = group_behaviours([b for b, _ in matched], threshold=args.threshold)
    cluster = {id(b): k for k, g in enumerate(groups) for b in g}
    together = same = gold_pairs = recovered = 0
    for (b1, g1), (b2, g2) in itertools.combinations(matched, 2):
        pred = cluster[id(b1)] == cluster[id(b2)]
        together += pred
        same += pred and g1 == g2
        gold_pairs += g1 == g2
        recovered += pred and g1 == g2
    print(f"sentences: {len(rows)} ({labelled} with a behaviour, {len(rows) - labelled} without)")
    print(f"extraction precision: {correct / max(extracted_n, 1):.3f} ({correct}/{extracted_n})")
    print(f"extraction recall:    {found / max(labelled, 1):.3f} ({found}/{labelled})")
    print(f"grouping (threshold {args.threshold}): {len(groups)} groups from {len(matched)} behaviours, "
          f"{len({g for _, g in matched})} gold groups")
    print(f"grouping precision:   {same / max(together, 1):.3f} ({same}/{together} pairs)")
    print(f"grouping recall:      {recovered / max(gold_pairs, 1):.3f} ({recovered}/{gold_pairs} pairs)")


if __name__ == "__main__":
    main()
