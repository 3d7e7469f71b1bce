"""Train a topic/sentiment model from JSONL files and write it, with its metrics, to a directory.

`train_default_model()` builds the model the demo ships with: NHS Friends and Family Test comments
(v6 topic scheme, MIT licensed, copied to `data/nhs-fft/v6-train.jsonl`) -> `data/models/nhs-fft-v6/`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from bot.nlp.classifier import ModelConfig, TopicModel, fit_model, save_model
from bot.nlp.dataset import file_sha256, read_examples
from bot.nlp.metric import evaluate

DEFAULT_TRAIN = Path("data/nhs-fft/v6-train.jsonl")
DEFAULT_MODEL_DIR = Path("data/models/nhs-fft-v6")


def train(
    train_path: Path,
    out_dir: Path,
    *,
    dev_path: Path | None = None,
    seed: int = 0,
    config: ModelConfig | None = None,
    progress: Callable[[int], None] | None = None,
) -> TopicModel:
    """Fit on `train_path`, score on `dev_path` (if given), save to `out_dir`; returns the model."""
    examples = read_examples(train_path)
    started = time.perf_counter()
    model = fit_model(examples, seed=seed, config=config, progress=progress)
    model.metadata["train_seconds"] = round(time.perf_counter() - started, 2)
    model.metadata["data"] = {"train": {"file": Path(train_path).name, "sha256": file_sha256(train_path),
                                        "rows": len(examples)}}
    if dev_path is not None:
        dev = read_examples(dev_path)
        model.metadata["data"]["dev"] = {"file": Path(dev_path).name, "sha256": file_sha256(dev_path),
                                         "rows": len(dev)}
        model.metadata["dev_metrics"] = evaluate(model, dev)
    save_model(model, out_dir)
    return model


def train_default_model(train_path: Path = DEFAULT_TRAIN, out_dir: Path = DEFAULT_MODEL_DIR, *,
                        seed: int = 0) -> Path:
    """The shipped model (about 30 s on 2 cores); returns its directory."""
    train(train_path, out_dir, seed=seed)
    return Path(out_dir)
