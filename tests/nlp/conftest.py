"""Small models trained once per test session on the fixture rows (a second or two each)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlp.classifier import TopicModel, fit_model
from bot.nlp.dataset import read_examples

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "nlp"


@pytest.fixture(scope="session")
def v6_path() -> Path:
    return FIXTURES / "v6_small.jsonl"


@pytest.fixture(scope="session")
def phase1_path() -> Path:
    return FIXTURES / "phase1_small.jsonl"


@pytest.fixture(scope="session")
def v6_model(v6_path: Path) -> TopicModel:
    return fit_model(read_examples(v6_path), seed=0)


@pytest.fixture(scope="session")
def phase1_model(phase1_path: Path) -> TopicModel:
    return fit_model(read_examples(phase1_path), seed=0)
