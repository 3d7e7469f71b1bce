"""The sentiment the visit survey stores for a customer's comment: `bot.nlp.comment_sentiment` against the NHS FFT
model it replaced (`likely_sentiment` of data/models/nhs-fft-v6, the baseline), on the same comments in one run.

For each set: n, the most likely sentiment right (accuracy), and what would be stored (precision and coverage of
the sentiments called likely right; the rest are stored as "not sure").

- development (each author's comments are in bot/nlp/data/comment_sentiments.jsonl, the model's training data):
  every author left out of the fit in turn and scored on the model fitted without them (`--no-dev` skips these
  fits, about ten seconds each);
- held out (never in the training data, never read by whoever wrote the model): bench/data/mot-comments-heldout.jsonl
  and the outside authors' sets in HELD_OUT, scored on the shipped fit.

    PYTHONPATH=$PWD .venv/bin/python bench/comment_sentiment.py [--no-dev]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.nlp import comment_sentiment as cs  # noqa: E402
from bot.nlp.classifier import load_model  # noqa: E402

DATA = ROOT / "bench" / "data"
HELD_OUT = ("mot-comments-heldout.jsonl", "mot-comments-second-author.jsonl", "mot-comments-fifth-author.jsonl")


def figures(gold: Sequence[str], top: Sequence[str], stored: Sequence[str | None]) -> str:
    kept = [(g, s) for g, s in zip(gold, stored, strict=True) if s]
    right = sum(1 for g, s in kept if g == s)
    accuracy = sum(1 for g, t in zip(gold, top, strict=True) if g == t) / len(gold)
    precision = right / len(kept) if kept else 0.0
    return f"{accuracy:>6.3f}{precision:>8.3f}{len(kept) / len(gold):>7.2f}"


Pair = tuple[str, str, str | None, str, str | None]  # gold; ours: most likely, stored; the NHS model's: the same


def line(name: str, pairs: Sequence[Pair]) -> str:
    gold = [p[0] for p in pairs]
    return (f"  {name:<34}{len(pairs):>5}{figures(gold, [p[1] for p in pairs], [p[2] for p in pairs])}   |"
            f"{figures(gold, [p[3] for p in pairs], [p[4] for p in pairs])}")


HEADER = (f"  {'set':<34}{'n':>5}{'acc':>6}{'prec':>8}{'cover':>7}   |{'acc':>6}{'prec':>8}{'cover':>7}\n"
          f"  {'':<39}{'ours (stored when likely right)':<24}|  NHS FFT model (the baseline)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-dev", action="store_true", help="skip the leave-one-author-out development figures")
    parser.add_argument("--dev-only", action="store_true", help="skip the held-out sets (while choosing settings)")
    args = parser.parse_args()
    nhs = load_model(ROOT / "data" / "models" / "nhs-fft-v6")
    rows = cs.training_rows()
    started = time.perf_counter()
    model = cs.fit_comment_sentiment(rows)
    fit_s = time.perf_counter() - started
    print(f"comment sentiment: {len(rows):,} training rows, fitted in {fit_s:.1f} s; stored when the top probability "
          f">= {model.sure_above:.3f} (out of fold by author: {model.metrics})")
    totals: dict[str, list[Pair]] = {"dev": [], "held out": []}
    if not args.no_dev:
        print("\ndevelopment authors, each left out of the fit in turn:")
        print(HEADER)
        for author in sorted({r.group for r in rows if r.kind == "comment"}):
            mine = [r for r in rows if r.group == author]
            pairs = _pairs(mine, cs.fit_comment_sentiment([r for r in rows if r.group != author]), nhs)
            print(line(author, pairs))
            totals["dev"] += pairs
    print("\nheld out (shipped fit):")
    print(HEADER)
    for name in () if args.dev_only else HELD_OUT:
        if not (DATA / name).is_file():
            print(f"  {name}: missing")
            continue
        held = [json.loads(x) for x in (DATA / name).read_text(encoding="utf-8").splitlines() if x.strip()]
        held = [r for r in held if r.get("sentiment")]
        pairs = _pairs([cs.Row(r["text"], r["sentiment"], "comment", name) for r in held], model, nhs)
        print(line(name.removesuffix(".jsonl"), pairs))
        totals["held out"] += pairs
    print("\npooled:")
    for name, pairs in totals.items():
        if pairs:
            print(line(name, pairs))
    started = time.perf_counter()
    texts = [r.text for r in rows if r.kind == "comment"][:200]
    for text in texts:
        model.read_one(text)
    print(f"\nread one comment: {(time.perf_counter() - started) / len(texts) * 1000:.2f} ms on average")


def _pairs(rows, model, nhs) -> list[Pair]:
    texts = [r.text for r in rows]
    ours, theirs = model.read(texts), nhs.classify(texts)
    return [(r.sentiment, o.sentiment, o.likely, t.sentiment, t.likely_sentiment)
            for r, o, t in zip(rows, ours, theirs, strict=True)]


if __name__ == "__main__":
    main()
