"""Labelled texts for training and evaluation: JSONL lines `{"text", "labels": [...], "sentiment"}`.

`sentiment` is "positive", "neutral", "negative" or null (null rows are used for topics only). `question`
(optional) is the question the text answers ("What could we do better?"): the model reads it too. Other
keys (`id`, `service`, ...) are ignored. Rows with an empty text or no labels and no sentiment are skipped.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SENTIMENTS = ("negative", "neutral", "positive")


def load_yaml(text: str) -> Any:
    """`yaml.safe_load` through libyaml when PyYAML has it (ten times faster on the cycle files, which every
    app start reads), else the pure-Python loader; both raise `yaml.YAMLError` alike. The one YAML reader of
    bot's data files (cycles, teams, demo data, message-kind phrasings)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader

class DatasetError(ValueError):
    """A training or evaluation file is missing or malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    labels: tuple[str, ...] = ()
    sentiment: str | None = None
    question: str = ""  # the question the text answers, when known


def to_example(row: dict) -> Example | None:
    """One JSON object -> Example, or None when it carries nothing to learn from."""
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    labels = row.get("labels") or ()
    if isinstance(labels, str):
        labels = (labels,)
    sentiment = row.get("sentiment")
    if sentiment is not None:
        sentiment = str(sentiment).strip().lower() or None
        if sentiment not in SENTIMENTS:
            raise DatasetError(f"unknown sentiment {row.get('sentiment')!r} (expected one of {SENTIMENTS} or null)")
    clean = tuple(dict.fromkeys(str(label).strip() for label in labels if str(label).strip()))
    if not clean and sentiment is None:
        return None
    question = row.get("question")
    return Example(text=text, labels=clean, sentiment=sentiment,
                   question=question.strip() if isinstance(question, str) else "")


def read_examples(path: Path) -> list[Example]:
    examples: list[Example] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DatasetError(f"{path}: cannot read: {exc.strerror}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            example = to_example(row) if isinstance(row, dict) else None
        except (json.JSONDecodeError, DatasetError) as exc:
            raise DatasetError(f"{path}:{number}: {exc}") from exc
        if example is not None:
            examples.append(example)
    if not examples:
        raise DatasetError(f"{path}: no usable rows (need 'text' and 'labels' and/or 'sentiment')")
    return examples


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def is_single_label(examples: Sequence[Example]) -> bool:
    labelled = [e for e in examples if e.labels]
    return bool(labelled) and all(len(e.labels) == 1 for e in labelled)
