"""One-vs-rest linear classifiers with calibrated probabilities and decision rules tuned by cross-validation.

`fit_task(X, Y, multilabel=...)`:

1. k-fold cross-validation on the training rows gives out-of-fold decision scores for every label from
   each member (class-balanced LinearSVC and/or LogisticRegression, one binary model per label);
2. a per-label, per-member Platt sigmoid fitted on those scores turns scores into probabilities; the
   members' probabilities are averaged;
3. the decision rule is tuned on the same out-of-fold probabilities (never on dev or test data):
   multi-label: a per-label threshold maximising that label's F1 (the most likely label is always kept);
   single-label: per-class weights maximising macro-F1 (rare classes get a fair share);
   abstention: the top probability at which the top label is right half of the time;
   single-label: `sure_above`, the lowest top probability from which on the top class is right at least
   92% of the time out of fold (SURE_PRECISION), e.g. to store a comment's sentiment only when it is likely right;
4. every member is refitted on all rows; only its weights (float32) are kept, so inference is one
   sparse matrix product.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from joblib import Parallel, delayed
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.svm import LinearSVC

MEMBERS = ("svc", "lr")
_GRID = np.round(np.arange(0.05, 0.951, 0.025), 3)
SURE_PRECISION = 0.92  # out of fold; on dev (bench/nlp.py) that keeps precision >= 0.9 for v6 and phase 1
_WEIGHTS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)


@dataclass(frozen=True, slots=True)
class TaskConfig:
    members: tuple[str, ...] = ("svc",)
    svc_c: float = 0.1
    lr_c: float = 3.0
    folds: int = 5


@dataclass(slots=True)
class LinearTask:
    """A fitted task: `probabilities(X)` and `decide(P)`; plain arrays only, cheap to pickle."""

    classes: tuple[str, ...]
    multilabel: bool
    weights: list[np.ndarray]  # per member: (n_features, n_classes) float32
    intercepts: list[np.ndarray]  # per member: (n_classes,)
    slopes: list[np.ndarray]  # per member: Platt slope per class
    offsets: list[np.ndarray]  # per member: Platt offset per class
    thresholds: np.ndarray  # multi-label: per-class threshold
    class_weights: np.ndarray  # single-label: per-class multiplicative weight
    abstain_below: float = 0.0
    oof_metrics: dict[str, float] = field(default_factory=dict)
    sure_above: float = 0.0  # single-label: top probability from which on the top class is likely right

    def probabilities(self, X: sparse.spmatrix) -> np.ndarray:
        total = np.zeros((X.shape[0], len(self.classes)), dtype=np.float64)
        for w, b, a, c in zip(self.weights, self.intercepts, self.slopes, self.offsets, strict=True):
            scores = np.asarray(X @ w, dtype=np.float64) + b
            total += _sigmoid(a * scores + c)
        return self._finish(total / len(self.weights))

    def _finish(self, probs: np.ndarray) -> np.ndarray:
        if self.multilabel:
            return probs
        weighted = probs * self.class_weights
        return weighted / np.maximum(weighted.sum(axis=1, keepdims=True), 1e-12)

    def decide(self, probs: np.ndarray) -> list[tuple[int, ...]]:
        """Indices of the chosen classes per row, most likely first (never empty)."""
        chosen: list[tuple[int, ...]] = []
        for row in probs:
            order = np.argsort(-row, kind="stable")
            if self.multilabel:
                picked = [int(j) for j in order if row[j] >= self.thresholds[j]]
                top = int(order[0])
                chosen.append(tuple([top] + [j for j in picked if j != top]))
            else:
                chosen.append((int(order[0]),))
        return chosen


def fit_task(
    X: sparse.csr_matrix,
    Y: np.ndarray,
    classes: Sequence[str],
    *,
    multilabel: bool,
    config: TaskConfig | None = None,
    seed: int = 0,
    n_jobs: int = 2,
    progress: Callable[[int], None] | None = None,
) -> LinearTask:
    """Fit on X (n, f) and Y (n, k) 0/1 (single-label: exactly one 1 per row)."""
    config = config or TaskConfig()
    Y = np.asarray(Y, dtype=np.int8)
    splits = _splits(Y, multilabel=multilabel, folds=config.folds, seed=seed)
    jobs: list[tuple[str, np.ndarray, np.ndarray | None]] = [
        (member, train, test) for member in config.members for train, test in splits]
    jobs += [(member, np.arange(X.shape[0]), None) for member in config.members]

    # Processes, not threads: liblinear draws from one process-wide random generator, so two fits in
    # threads of one process would interleave its draws and the model would depend on timing.
    small = X.shape[0] * len(classes) < 20_000  # not worth starting worker processes
    parallel = Parallel(n_jobs=1 if small else n_jobs, backend="loky", max_nbytes=None, return_as="generator")
    results = []
    for result in parallel(delayed(_run_job)(member, X, Y, train, test, config, seed)
                           for member, train, test in jobs):
        results.append(result)
        if progress:
            progress(1)
    weights, intercepts, slopes, offsets, member_probs = [], [], [], [], []
    for m in range(len(config.members)):
        oof = np.zeros(Y.shape, dtype=np.float64)
        for f, (_, test) in enumerate(splits):
            oof[test] = results[m * len(splits) + f][1]
        a, c = _platt(oof, Y) if splits else (np.ones(Y.shape[1]), np.zeros(Y.shape[1]))
        w, b = results[len(config.members) * len(splits) + m]
        weights.append(w)
        intercepts.append(b)
        slopes.append(a)
        offsets.append(c)
        member_probs.append(_sigmoid(a * (oof if splits else np.asarray(X @ w) + b) + c))
    task = LinearTask(
        classes=tuple(classes), multilabel=multilabel, weights=weights, intercepts=intercepts, slopes=slopes,
        offsets=offsets, thresholds=np.full(Y.shape[1], 0.5), class_weights=np.ones(Y.shape[1]),
    )
    raw = np.mean(member_probs, axis=0)
    if multilabel:
        task.thresholds = _tune_thresholds(raw, Y)
    else:
        task.class_weights = _tune_class_weights(raw / np.maximum(raw.sum(1, keepdims=True), 1e-12), Y)
    probs = task._finish(raw)
    task.abstain_below = _abstention_point(probs, Y)
    task.oof_metrics = _oof_metrics(task, probs, Y)
    if not multilabel:
        task.sure_above, sure_precision, sure_coverage = sure_point(probs, Y)
        task.oof_metrics.update(sure_precision=round(sure_precision, 4), sure_coverage=round(sure_coverage, 4))
    return task


def _run_job(member: str, X: sparse.csr_matrix, Y: np.ndarray, train: np.ndarray, test: np.ndarray | None,
             config: TaskConfig, seed: int) -> tuple[np.ndarray | None, np.ndarray]:
    w, b = _fit_member(member, X[train], Y[train], config, seed)
    return (w, b) if test is None else (None, np.asarray(X[test] @ w) + b)


def _splits(Y: np.ndarray, *, multilabel: bool, folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    n = Y.shape[0]
    if n < 6:
        return []
    if not multilabel:
        y = Y.argmax(axis=1)
        smallest = np.bincount(y)[np.bincount(y) > 0].min()
        if smallest >= 2:
            k = int(min(folds, smallest))
            return list(StratifiedKFold(k, shuffle=True, random_state=seed).split(np.zeros(n), y))
    return list(KFold(min(folds, n // 2), shuffle=True, random_state=seed).split(np.zeros(n)))


def _fit_member(member: str, X: sparse.spmatrix, Y: np.ndarray, config: TaskConfig, seed: int):
    k = Y.shape[1]
    w = np.zeros((X.shape[1], k), dtype=np.float32)
    b = np.zeros(k, dtype=np.float32)
    for j in range(k):
        y = Y[:, j]
        if y.min() == y.max():  # constant in this fold: a fixed, confident score
            b[j] = 3.0 if y[0] else -3.0
            continue
        if member == "svc":
            model = LinearSVC(C=config.svc_c, class_weight="balanced", random_state=seed)
        elif member == "lr":
            model = LogisticRegression(C=config.lr_c, class_weight="balanced", solver="liblinear", random_state=seed)
        else:
            raise ValueError(f"unknown ensemble member {member!r} (known: {MEMBERS})")
        model.fit(X, y)
        w[:, j] = model.coef_.ravel()
        b[j] = float(model.intercept_[0])
    return w, b


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def _platt(scores: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-class sigmoid(a*s + c) fitted by (lightly regularised) logistic regression."""
    a = np.ones(Y.shape[1])
    c = np.zeros(Y.shape[1])
    for j in range(Y.shape[1]):
        y = Y[:, j]
        if y.min() == y.max():
            prior = (y.sum() + 0.5) / (len(y) + 1.0)
            a[j], c[j] = 0.0, float(np.log(prior / (1 - prior)))
            continue
        fit = LogisticRegression(C=100.0).fit(scores[:, [j]], y)
        a[j], c[j] = float(fit.coef_[0, 0]), float(fit.intercept_[0])
    return a, c


def _f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = float(np.sum(pred & gold))
    denom = float(pred.sum() + gold.sum())
    return 2 * tp / denom if denom else 0.0


def _tune_thresholds(probs: np.ndarray, Y: np.ndarray) -> np.ndarray:
    thresholds = np.full(Y.shape[1], 0.5)
    for j in range(Y.shape[1]):
        gold = Y[:, j].astype(bool)
        if gold.sum() < 2:
            continue
        scores = [_f1(probs[:, j] >= t, gold) for t in _GRID]
        best = max(scores)
        plateau = [t for t, s in zip(_GRID, scores, strict=True) if s >= best - 1e-9]
        thresholds[j] = float(np.median(plateau))
    return thresholds


def _macro_f1(pred: np.ndarray, gold: np.ndarray, k: int) -> float:
    scores = [_f1(pred == j, gold == j) for j in range(k) if np.any(gold == j) or np.any(pred == j)]
    return float(np.mean(scores)) if scores else 0.0


def _tune_class_weights(probs: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Coordinate ascent on per-class multiplicative weights for out-of-fold macro-F1."""
    gold = Y.argmax(axis=1)
    k = Y.shape[1]
    weights = np.ones(k)
    best = _macro_f1((probs * weights).argmax(1), gold, k)
    for _ in range(3):
        improved = False
        for j in range(k):
            for value in _WEIGHTS:
                trial = weights.copy()
                trial[j] = value
                score = _macro_f1((probs * trial).argmax(1), gold, k)
                if score > best + 1e-6:
                    best, weights, improved = score, trial, True
        if not improved:
            break
    return weights


def _abstention_point(probs: np.ndarray, Y: np.ndarray) -> float:
    """The top probability at which the top label is right half the time (clipped to [0.05, 0.5])."""
    top = probs.max(axis=1)
    right = Y[np.arange(len(Y)), probs.argmax(axis=1)].astype(int)
    if len(top) < 10 or right.min() == right.max():
        return 0.05
    fit = LogisticRegression(C=100.0).fit(top.reshape(-1, 1), right)
    slope, offset = float(fit.coef_[0, 0]), float(fit.intercept_[0])
    point = -offset / slope if slope > 0 else 0.05
    return float(np.clip(point, 0.05, 0.5))


def sure_point(probs: np.ndarray, Y: np.ndarray, precision: float = SURE_PRECISION) -> tuple[float, float, float]:
    """(threshold, precision, coverage): the lowest top probability t such that the top class is right for
    at least `precision` of the rows whose top probability is >= t (1.0, ., 0 when no such t exists)."""
    top = probs.max(axis=1)
    right = Y[np.arange(len(Y)), probs.argmax(axis=1)].astype(bool)
    order = np.argsort(-top, kind="stable")
    hits = np.cumsum(right[order])
    kept = np.arange(1, len(order) + 1)
    ok = np.nonzero(hits / kept >= precision)[0]
    ok = ok[ok >= min(19, len(order) - 1)] if len(ok) else ok  # not on the strength of a handful of rows
    if not len(ok):
        return 1.0, 0.0, 0.0
    last = int(ok[-1])
    return float(top[order][last]), float(hits[last] / kept[last]), float(kept[last] / len(order))


def _oof_metrics(task: LinearTask, probs: np.ndarray, Y: np.ndarray) -> dict[str, float]:
    chosen = task.decide(probs)
    pred = np.zeros_like(Y)
    for i, picked in enumerate(chosen):
        pred[i, list(picked)] = 1
    cols = [j for j in range(Y.shape[1]) if Y[:, j].any() or pred[:, j].any()]
    macro = float(np.mean([_f1(pred[:, j].astype(bool), Y[:, j].astype(bool)) for j in cols])) if cols else 0.0
    return {"cv_macro_f1": round(macro, 4), "cv_micro_f1": round(_f1(pred.astype(bool), Y.astype(bool)), 4)}
