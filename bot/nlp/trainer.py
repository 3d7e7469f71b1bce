"""Train a topic/sentiment model from JSONL files and write it, with its metrics, to a directory.

`train_default_model()` builds the model the demo ships with: NHS Friends and Family Test comments
(v6 topic scheme, MIT licensed, copied to `data/nhs-fft/v6-{train,dev}.jsonl`) -> `data/models/nhs-fft-v6/`.
Like the project owners' protocol it trains on train + dev: dev is for choosing settings (bench/nlp.py
trains on train alone and scores dev), not for holding back from the shipped model.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.nlp.classifier import ModelConfig, TopicModel, fit_model, save_model
from bot.nlp.dataset import file_sha256, read_examples
from bot.nlp.metric import evaluate

DEFAULT_TRAIN = (Path("data/nhs-fft/v6-train.jsonl"), Path("data/nhs-fft/v6-dev.jsonl"))
DEFAULT_MODEL_DIR = Path("data/models/nhs-fft-v6")


def train(
    train_path: Path | Sequence[Path],
    out_dir: Path,
    *,
    dev_path: Path | None = None,
    seed: int = 0,
    config: ModelConfig | None = None,
    progress: Callable[[int], None] | None = None,
) -> TopicModel:
    """Fit on `train_path` (one file or several, concatenated), score on `dev_path` (if given), save to
    `out_dir`; returns the model."""
    paths = [Path(train_path)] if isinstance(train_path, (str, Path)) else [Path(p) for p in train_path]
    examples = [e for path in paths for e in read_examples(path)]
    started = time.perf_counter()
    model = fit_model(examples, seed=seed, config=config, progress=progress)
    model.metadata["train_seconds"] = round(time.perf_counter() - started, 2)
    files = [{"file": p.name, "sha256": file_sha256(p), "rows": len(read_examples(p))} for p in paths]
    model.metadata["data"] = {"train": files[0] if len(files) == 1 else files}
    if dev_path is not None:
        dev = read_examples(dev_path)
        model.metadata["data"]["dev"] = {"file": Path(dev_path).name, "sha256": file_sha256(dev_path),
                                         "rows": len(dev)}
        model.metadata["dev_metrics"] = evaluate(model, dev)
    save_model(model, out_dir)
    return model


def train_default_model(train_paths: Sequence[Path] = DEFAULT_TRAIN, out_dir: Path = DEFAULT_MODEL_DIR, *,
                        seed: int = 0) -> Path:
    """The shipped model (about a minute on 2 cores); returns its directory."""
    train(list(train_paths), out_dir, seed=seed)
    return Path(out_dir)
