"""Does MOT suggestion on a cycle improve as confirmed examples accumulate?

NHS FFT v6 comments whose topic labels all map to one healthcare-visit MOT (via the `topics:` lists in
data/cycles/healthcare-visit.yaml) stand in for stories: v6-dev rows are the test set, v6-train rows the
pool that staff "confirm" one by one. For N = 0, 10, 25, 50, 100, 200 confirmed examples (random draws,
averaged over 3 seeds), print top-1 accuracy, accuracy when not abstaining, and coverage; then the same
with the NHS topic model (trained on v6-train) blended in through the topic map.

    .venv/bin/python bench/learning_curve.py [--data ../shared/data/nhs-fft]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.cycle import load_cycle  # noqa: E402
from bot.nlp.classifier import fit_model  # noqa: E402
from bot.nlp.cycle import build_cycle_classifier  # noqa: E402
from bot.nlp.dataset import Example, read_examples  # noqa: E402

STEPS = (0, 10, 25, 50, 100, 200)
SEEDS = (0, 1, 2)


def single_mot_rows(examples: list[Example], topic_to_mots: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    rows = []
    for e in examples:
        mots = {m for label in e.labels for m in topic_to_mots.get(label, ())}
        unmapped = [label for label in e.labels if label not in topic_to_mots]
        if len(mots) == 1 and len(unmapped) == 0:
            rows.append((e.text, mots.pop()))
    return rows


def measure(classifier, test: list[tuple[str, str]]) -> tuple[float, float, float]:
    suggestions = classifier.suggest_many([t for t, _ in test])
    right = [s.ranked[0][0] == gold for s, (_, gold) in zip(suggestions, test, strict=True)]
    answered = [r for r, s in zip(right, suggestions, strict=True) if not s.abstained]
    return (sum(right) / len(right), sum(answered) / max(len(answered), 1), len(answered) / len(test))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "nhs-fft")
    args = parser.parse_args()
    cycle = load_cycle(ROOT / "data" / "cycles" / "healthcare-visit.yaml")
    topic_to_mots = cycle.topic_map()
    mot_topics = {m.id: m.topics for m in cycle.mots}
    train = read_examples(args.data / "v6-train.jsonl")
    pool = single_mot_rows(train, topic_to_mots)
    test = single_mot_rows(read_examples(args.data / "v6-dev.jsonl"), topic_to_mots)
    counts: dict[str, int] = {}
    for _, mot in test:
        counts[mot] = counts.get(mot, 0) + 1
    print(f"test: {len(test)} v6-dev comments about one MOT; pool: {len(pool)} v6-train comments")
    print("test MOTs: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))
    started = time.perf_counter()
    topic_model = fit_model(train, seed=0)
    print(f"topic model trained in {time.perf_counter() - started:.1f} s")
    for label, extra in (("cycle classifier", {}),
                         ("+ NHS topic model", {"topic_model": topic_model, "topic_map": mot_topics})):
        print(f"\n{label}")
        print(f"{'confirmed':>9}  {'accuracy':>8}  {'acc@answered':>12}  {'coverage':>8}")
        for n in STEPS:
            runs = []
            for seed in SEEDS:
                confirmed = random.Random(seed).sample(pool, n)
                runs.append(measure(build_cycle_classifier(cycle.mots, confirmed, **extra), test))
            acc, acc_answered, coverage = (sum(r[i] for r in runs) / len(runs) for i in range(3))
            print(f"{n:>9}  {acc:>8.3f}  {acc_answered:>12.3f}  {coverage:>8.3f}")


if __name__ == "__main__":
    main()
