"""Does MOT suggestion improve as confirmed examples accumulate, and does it survive wrong ones?

Our labelled development stories and comments (bench/data/mot-*-dev.jsonl, both shipped cycles) are
split: two fifths are the test set, the rest the pool that staff and customers "confirm" one by one.
For N = 0, 10, 25, 50, 100 and all confirmed examples (random draws, averaged over 3 seeds), with 0 %,
10 % and 30 % of them filed under a wrong MOT (a random other MOT of the cycle), print what the story
dialog and the survey would do on the test set: top-1, top-3, how often they abstain and how often a
suggestion is right. Then the one-click cases of issue 13: one person files a text under a MOT its
descriptions disagree with ("the card machine is broken" under *Drive out of the parking lot*, as in
the issue, and under *Leave* in the restaurant); what is suggested for a similar text afterwards, and
after two more people agree?

    .venv/bin/python bench/learning_curve.py
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.cycle import load_cycles  # noqa: E402
from bot.learning import _build, _load_topic_model  # noqa: E402

STEPS = (0, 10, 25, 50, 100, None)
WRONG = (0.0, 0.1, 0.3)
SEEDS = (0, 1, 2)
DATA = ROOT / "bench" / "data"


def rows() -> list[dict]:
    out = []
    for name in ("mot-stories-dev.jsonl", "mot-comments-dev.jsonl"):
        out += [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]
    return out


def measure(classifiers, test) -> dict[str, tuple[float, float, float, float]]:
    """Per kind: top-1, top-3, abstain, right when suggested (what `propose` / `read` would give)."""
    out = {}
    for kind in ("story", "comment"):
        top1 = top3 = abstained = right = n = 0
        for cycle_id, classifier in classifiers.items():
            sub = [r for r in test if r["kind"] == kind and r["cycle"] == cycle_id and r["mot"]]
            for row, s in zip(sub, classifier.suggest_many([r["text"] for r in sub], k=4, kind=kind), strict=True):
                ids = [m for m, _ in s.ranked]
                n += 1
                top1 += ids[0] == row["mot"]
                top3 += row["mot"] in ids[:3]
                abstained += s.abstained
                right += (not s.abstained) and ids[0] == row["mot"]
        out[kind] = (top1 / n, top3 / n, abstained / n, right / max(n - abstained, 1))
    return out


def main() -> None:
    cycles = load_cycles(ROOT / "data" / "cycles")
    topic_model = _load_topic_model(str(ROOT / "data" / "models" / "nhs-fft-v6"))
    labelled = [r for r in rows() if r["mot"]]
    split = random.Random(13)
    test, pool = [], []
    for row in labelled:
        (test if split.random() < 0.4 else pool).append(row)
    print(f"test: {sum(r['kind'] == 'story' for r in test)} stories, {sum(r['kind'] == 'comment' for r in test)} "
          f"comments; pool: {len(pool)} confirmed examples to draw from (both cycles, both kinds)")
    print(f"{'confirmed':>9} {'wrong':>5} | {'story top1':>10} {'top3':>5} {'abstain':>7} {'right@sugg':>10} | "
          f"{'comment top1':>12} {'top3':>5} {'abstain':>7} {'right@sugg':>10}")
    for wrong in WRONG:
        for step in STEPS:
            runs = []
            for seed in SEEDS:
                rng = random.Random(seed)
                drawn = rng.sample(pool, len(pool) if step is None else min(step, len(pool)))
                examples: dict[str, list[tuple[str, str, str]]] = {c: [] for c in cycles}
                for row in drawn:
                    mot = row["mot"]
                    if rng.random() < wrong:
                        mot = rng.choice([m.id for m in cycles[row["cycle"]].mots if m.id != mot])
                    examples[row["cycle"]].append((row["text"], mot, row["kind"]))
                classifiers = {c: _build(cycle, examples[c], topic_model) for c, cycle in cycles.items()}
                runs.append(measure(classifiers, test))
            avg = {k: [sum(r[k][i] for r in runs) / len(runs) for i in range(4)] for k in ("story", "comment")}
            s, c = avg["story"], avg["comment"]
            label = "all" if step is None else str(step)
            print(f"{label:>9} {wrong:>5.0%} | {s[0]:>10.3f} {s[1]:>5.3f} {s[2]:>7.3f} {s[3]:>10.3f} | "
                  f"{c[0]:>12.3f} {c[1]:>5.3f} {c[2]:>7.3f} {c[3]:>10.3f}")

    print("\none click (issue 13): what is suggested for a similar text after one wrong click, and after "
          "three people agree")
    cases = (
        ("healthcare-visit", "the card machine is broken again", "drive-out",
         ["the card machine is broken", "card machine broken at the desk so the patient could not pay",
          "the card machine was broken, I took the payment by phone"]),
        ("restaurant-visit", "the card machine is broken again", "leave",
         ["the card machine is broken", "card machine broken so the guests could not pay",
          "the card machine was broken, they paid by transfer"]),
        ("healthcare-visit", "the receptionist checked a patient in at the front desk quickly", "drive-out",
         ["the receptionist checked the patient in at the front desk",
          "a receptionist checked the patient in at the desk", "checked the patient in at the front desk, then drove"]),
    )
    for cycle_id, probe, filed, texts in cases:
        print(f"  {cycle_id}: '{probe}' after '{texts[0]}' is filed under {filed}")
        for label, n in (("day one", 0), ("after 1 click", 1), ("after 3 agreeing clicks", 3)):
            examples = [(t, filed, "story") for t in texts[:n]]
            s = _build(cycles[cycle_id], examples, topic_model).suggest(probe, k=3, kind="story")
            shown = ", ".join(f"{m} {p:.2f}" for m, p in s.ranked)
            verdict = "not sure" if s.abstained else f"suggests {s.ranked[0][0]}"
            print(f"    {label:>24}: {verdict} (confidence {s.confidence:.2f}); ranked {shown}")

if __name__ == "__main__":
    main()
