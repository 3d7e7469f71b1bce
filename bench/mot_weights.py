"""Measure `bot.nlp.cycle.WEIGHTS`: how much each evidence source is worth on each kind of text.

On our own labelled development sets (bench/data/mot-stories-dev.jsonl, mot-comments-dev.jsonl; never
the held-out files), per kind (staff story, customer comment):

0. the learned model's shape (`EMBEDDING_WEIGHT`: the sentence embedding beside the TF-IDF blocks, 0 =
   none; `LEARNED_C`: its regularisation): the pair with the lowest 5-fold out-of-fold log-loss of step 1's
   day-one model (words + chars + learned), stories and comments together;
1. the prior's weights (descriptions by lemmas, by character n-grams, the log-probability of a
   logistic regression trained on the descriptions, the NHS topic model mapped to MOTs with a bias for
   MOTs that have topics) by a conditional logistic regression over the MOTs of each text's cycle, on
   day-one classifiers (no confirmed examples). A source is kept only if it lowers the 5-fold
   out-of-fold log-loss by MIN_GAIN (each costs time on every text);
2. how confirmed examples count (`prior_strength`, `kernel`, `other_kind`, and the learned model's
   weight once it also learns from them): 5-fold, the other folds' stories and comments become
   confirmed examples (none, a fifth as a young team would have, or all), grid search on the held-out
   fold's log-loss;
3. the calibration: logistic regression of "the top MOT is right" on the confidence features, on the
   out-of-fold readings of steps 1 and 2 (comments that fit no MOT count as wrong whatever is said).

Prints EMBEDDING_WEIGHT, LEARNED_C and the `WEIGHTS = {...}` literal for bot/nlp/mot.py and the
out-of-fold figures.

    .venv/bin/python bench/mot_weights.py
"""

from __future__ import annotations

import itertools
import json
import random
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.cycle import load_cycles  # noqa: E402
from bot.learning import _load_topic_model, with_stories  # noqa: E402
from bot.nlp.mot import (  # noqa: E402
    EMBEDDING_WEIGHT,
    KINDS,
    LEARNED_C,
    WEIGHTS,
    KindWeights,
    build_cycle_classifier,
    confidence_features,
)

DATA = ROOT / "bench" / "data"
FOLDS = 5
# A source must lower the out-of-fold log-loss by this much to be used: each costs time on every text.
MIN_GAIN = 0.01
# Step 0's candidates: (embedding weight, C) of the learned model.
SHAPES = tuple((e, c) for e in (0.0, 0.5, 1.0) for c in (1.0, 3.0))


def load_rows() -> list[dict]:
    rows = []
    for name in ("mot-stories-dev.jsonl", "mot-comments-dev.jsonl"):
        rows += [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]
    rng = random.Random(0)
    for row in rows:
        row["fold"] = rng.randrange(FOLDS)
    return rows


def build(cycle, examples, topic_model, weights=None, shape=None):
    embedding_weight, learned_c = shape or SHAPE
    return build_cycle_classifier(cycle.mots, with_stories(cycle, examples), topic_model=topic_model,
                                  topic_map={m.id: m.topics for m in cycle.mots if m.topics}, weights=weights,
                                  embedding_weight=embedding_weight, learned_c=learned_c)


SHAPE = [EMBEDDING_WEIGHT, LEARNED_C]  # the learned model's shape: step 0 sets it for the later steps


def subset(ev, idx):
    pick = lambda a: None if a is None else a[idx]  # noqa: E731
    return type(ev)(*(pick(getattr(ev, f)) for f in ev.__dataclass_fields__))


def source_matrices(ev, classifier) -> dict[str, np.ndarray]:
    topic = ev.topic if ev.topic is not None else np.zeros_like(ev.words)
    return {"words": ev.words, "chars": ev.chars, "topic": topic, "learned": ev.learned,
            "topic_bias": np.tile(classifier._has_topic, (len(ev.words), 1))}


def fit_logit(blocks, names, l2=1e-3):
    """Conditional logit: blocks = [(features {name: (n, m)}, gold (n,))], one per cycle."""
    def loss(w):
        total, grad, n = 0.0, np.zeros(len(w)), 0
        for feats, gold in blocks:
            z = sum(w[k] * feats[name] for k, name in enumerate(names))
            z = z - z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            rows = np.arange(len(gold))
            total -= np.log(p[rows, gold] + 1e-12).sum()
            for k, name in enumerate(names):
                grad[k] -= (feats[name][rows, gold] - (p * feats[name]).sum(axis=1)).sum()
            n += len(gold)
        return total / n + l2 * w @ w, grad / n + 2 * l2 * w
    return minimize(loss, np.ones(len(names)), jac=True, method="L-BFGS-B",
                    bounds=[(None, None) if name == "topic_bias" else (0.0, None) for name in names]).x


def logloss(blocks, names, w) -> float:
    total, n = 0.0, 0
    for feats, gold in blocks:
        z = sum(w[k] * feats[name] for k, name in enumerate(names))
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        total -= logp[np.arange(len(gold)), gold].sum()
        n += len(gold)
    return total / n


def day_one_sources(rows, kind, cycles, topic_model, *, shape=None, with_topics=True):
    """Per cycle: (each source's evidence, gold, fold) of the kind's labelled rows, day-one classifiers."""
    per_cycle = []
    for cycle_id, cycle in cycles.items():
        sub = [r for r in rows if r["kind"] == kind and r["cycle"] == cycle_id and r["mot"]]
        if not sub:
            continue
        classifier = build(cycle, (), topic_model, {k: replace(w, learned=1.0) for k, w in WEIGHTS.items()}, shape)
        ev = classifier.evidence([r["text"] for r in sub], with_topics=with_topics)
        gold = np.array([classifier.ids.index(r["mot"]) for r in sub])
        per_cycle.append((source_matrices(ev, classifier), gold, np.array([r["fold"] for r in sub])))
    return per_cycle


def cv_loss(per_cycle, names) -> float:
    losses = []
    for fold in range(FOLDS):
        train = [({k: v[f != fold] for k, v in s.items()}, g[f != fold]) for s, g, f in per_cycle]
        test = [({k: v[f == fold] for k, v in s.items()}, g[f == fold]) for s, g, f in per_cycle]
        losses.append(logloss(test, names, fit_logit(train, names)))
    return float(np.mean(losses))


def learned_shape(rows, cycles):
    """Step 0: the (embedding weight, C) of the learned model with the lowest out-of-fold log-loss,
    averaged over the kinds' rows."""
    scored = []
    for shape in SHAPES:
        total = n = 0.0
        for kind in KINDS:
            per_cycle = day_one_sources(rows, kind, cycles, None, shape=shape, with_topics=False)
            rows_of_kind = sum(len(g) for _, g, _ in per_cycle)
            total += cv_loss(per_cycle, ["words", "chars", "learned"]) * rows_of_kind
            n += rows_of_kind
        scored.append((round(total / n, 4), shape))
        print(f"  embedding weight {shape[0]}, C {shape[1]}: out-of-fold log-loss {total / n:.4f}")
    return min(scored)[1]


def prior_weights(rows, kind, cycles, topic_model):
    """Step 1: per source weights; a source stays only if it lowers the out-of-fold log-loss."""
    per_cycle = day_one_sources(rows, kind, cycles, topic_model)
    cv = lambda names: cv_loss(per_cycle, names)  # noqa: E731

    names = ["words", "chars"]
    for extra in (["learned"], ["topic", "topic_bias"]):
        if extra[0] == "topic" and topic_model is None:
            continue
        base, more = cv(names), cv(names + extra)
        print(f"  {kind}: out-of-fold log-loss {'+'.join(names)} {base:.3f}, + {extra[0]} {more:.3f}")
        if more < base - MIN_GAIN:
            names += extra
    w = fit_logit([(s, g) for s, g, _ in per_cycle], names)
    return dict(zip(names, (round(float(x), 2) for x in w), strict=True))


def readings(rows, cycles, topic_model, weights, *, share=1.0, seed=0):
    """Out-of-fold: for each fold, classifiers whose confirmed examples are (a share of) the other folds'
    rows; yields (row, classifier, evidence-of-row) per held-out row."""
    rng = random.Random(seed)
    for fold in range(FOLDS):
        for cycle_id, cycle in cycles.items():
            test = [r for r in rows if r["fold"] == fold and r["cycle"] == cycle_id]
            pool = [(r["text"], r["mot"], r["kind"]) for r in rows
                    if r["fold"] != fold and r["cycle"] == cycle_id and r["mot"]]
            examples = rng.sample(pool, int(len(pool) * share)) if share > 0 else []
            if not test:
                continue
            classifier = build(cycle, examples, topic_model, weights)
            ev = classifier.evidence([r["text"] for r in test])
            yield test, classifier, ev


def example_weights(rows, cycles, topic_model, weights):
    """Step 2: grid search of prior_strength, kernel, other_kind on out-of-fold log-loss."""
    cache = {share: list(readings(rows, cycles, topic_model, weights, share=share)) for share in (0.0, 0.2, 1.0)}
    best = {}
    for kind in KINDS:
        scored = []
        learned = weights[kind].learned
        # prior_strength >= 1 by design, not measured: one click never holds more than half the votes
        grid = itertools.product((1.0, 2.0), (0.05, 0.1), (0.25, 1.0),
                                 sorted({round(learned * f, 2) for f in (1.0, 2.0, 4.0, 6.0)}), (0.0, 2.0, 4.0, 8.0))
        for strength, kernel, other, learned, examples in grid:
            w = replace(weights[kind], prior_strength=strength, kernel=kernel, other_kind=other, learned=learned,
                        examples=examples)
            loss, n = 0.0, 0
            for share, runs in cache.items():
                for test, classifier, ev in runs:
                    agreement = classifier.agreements({kind: w})[kind]
                    probs, _ = classifier.combine(ev, kind, w, agreement)
                    for i, row in enumerate(test):
                        if row["kind"] == kind and row["mot"]:
                            loss -= np.log(probs[i, classifier.ids.index(row["mot"])] + 1e-12)
                            n += 1
            scored.append((round(loss / n, 4), strength, kernel, other, learned, examples))
        scored.sort()
        print(f"  {kind}: best (log-loss, prior_strength, kernel, other_kind, learned, examples) {scored[:3]}")
        _, strength, kernel, other, learned, examples = scored[0]
        best[kind] = replace(weights[kind], prior_strength=strength, kernel=kernel, other_kind=other, learned=learned,
                             examples=examples)
    return best


def calibration(rows, cycles, topic_model, weights):
    """Step 3: P(top is right) from the confidence features, on out-of-fold readings."""
    out = {}
    collected = {kind: ([], []) for kind in KINDS}
    summary: dict[tuple[str, float], list[int]] = {}
    for share in (0.0, 0.2, 1.0):
        for test, classifier, ev in readings(rows, cycles, topic_model, weights, share=share):
            for kind in KINDS:
                idx = [i for i, r in enumerate(test) if r["kind"] == kind]
                if not idx:
                    continue
                w = weights[kind]
                sub = subset(ev, idx)
                agreement = classifier.agreements({kind: w})[kind]
                prior, strength = classifier._prior(sub, w, classifier._like(sub, w, kind, agreement))
                votes = classifier._votes(sub, w, kind, agreement)
                total = votes.sum(axis=1, keepdims=True)
                probs = (w.prior_strength * prior + votes) / (w.prior_strength + total)
                feats = confidence_features(probs, strength, total[:, 0] / (w.prior_strength + total[:, 0]))
                top = probs.argmax(axis=1)
                top3 = np.argsort(-probs, axis=1)[:, :3]
                for k, i in enumerate(idx):
                    gold = test[i]["mot"]
                    if gold is not None:
                        tally = summary.setdefault((kind, share), [0, 0, 0])
                        tally[0] += 1
                        tally[1] += classifier.ids[top[k]] == gold
                        tally[2] += gold in [classifier.ids[j] for j in top3[k]]
                    collected[kind][0].append(feats[k])
                    collected[kind][1].append(int(gold is not None and classifier.ids[top[k]] == gold))
    for (kind, share), (n, top1, top3) in sorted(summary.items()):
        print(f"  {kind}, examples: {share:.0%} of the other folds: top-1 {top1 / n:.3f}, top-3 {top3 / n:.3f} (n={n})")
    for kind, (X, y) in collected.items():
        model = LogisticRegression(C=10.0).fit(np.array(X), np.array(y))
        c = (round(float(model.intercept_[0]), 2), *(round(float(x), 2) for x in model.coef_[0]))
        p = model.predict_proba(np.array(X))[:, 1]
        y = np.array(y)
        sure = p >= weights[kind].sure_at
        print(f"  {kind}: calibration {c}; out-of-fold: top-1 {y.mean():.3f}, suggested {sure.mean():.3f}, "
              f"right when suggested {y[sure].mean() if sure.any() else float('nan'):.3f} (n={len(y)})")
        out[kind] = replace(weights[kind], calibration=c)
    return out


def main() -> None:
    cycles = load_cycles(ROOT / "data" / "cycles")
    topic_model = _load_topic_model(str(ROOT / "data" / "models" / "nhs-fft-v6"))
    rows = load_rows()
    print("0. the learned model's shape (day one)")
    SHAPE[:] = learned_shape(rows, cycles)
    print("1. prior weights (day one)")
    weights = dict(WEIGHTS)
    for kind in KINDS:
        measured = prior_weights(rows, kind, cycles, topic_model)
        weights[kind] = replace(KindWeights(words=measured["words"], chars=measured["chars"]),
                                topic=measured.get("topic", 0.0), topic_bias=measured.get("topic_bias", 0.0),
                                learned=measured.get("learned", 0.0), sure_at=WEIGHTS[kind].sure_at)
    print("2. confirmed examples")
    weights = example_weights(rows, cycles, topic_model, weights)
    print("3. calibration")
    weights = calibration(rows, cycles, topic_model, weights)
    print(f"\nEMBEDDING_WEIGHT = {SHAPE[0]}\nLEARNED_C = {SHAPE[1]}")
    print("WEIGHTS: dict[str, KindWeights] = {")
    for kind, w in weights.items():
        print(f'    "{kind}": {w!r},')
    print("}")


if __name__ == "__main__":
    main()
