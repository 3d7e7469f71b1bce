"""bot.nlp.message_kind_model: the shipped model is fitted once per machine, kept in the model directory.

The fit itself is the real one (shared with tests/nlp/test_message_kind.py through the process's cache);
each test here starts from an empty per-process cache so that what is read from disk is what is used."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from bot.nlp import fitted as fits_shipped
from bot.nlp import message_kind_model as kinds
from bot.nlp import question_model
from bot.nlp.message_kind import prepare_kind_model, read_message


@pytest.fixture
def fitted() -> kinds.KindModel:
    return kinds.default_kind_model()


@pytest.fixture
def fresh_process(monkeypatch: pytest.MonkeyPatch, fitted: kinds.KindModel) -> list[str]:
    """An empty per-process cache; a fit returns the fitted model and is recorded. The question parser's intent
    model (prepared first, the kind model reads through it) is this process's: fitting it again is a minute of
    CPU that tests/nlp/test_question_model.py covers."""
    fits: list[str] = []
    reader = question_model.shipped_reader(None)
    monkeypatch.setattr(question_model, "fit_reader", lambda: reader)

    def fit(phrasings, config=None):  # type: ignore[no-untyped-def]
        fits.append("fit")
        return fitted

    monkeypatch.setattr(fits_shipped, "_this_process", lambda: models)
    models: dict[tuple[str, str], kinds.KindModel] = {}
    monkeypatch.setattr(kinds, "fit_kind_model", fit)
    monkeypatch.setattr(fits_shipped, "SHIPPED", None)  # as if no fit shipped with the code
    return fits


def test_fitted_once_then_read_from_the_model_directory(tmp_path: Path, fresh_process: list[str],
                                                         fitted: kinds.KindModel,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    prepare_kind_model(tmp_path)
    kept = list(tmp_path.glob("message-kind-*.pkl"))
    assert fresh_process == ["fit"] and len(kept) == 1
    assert oct(kept[0].stat().st_mode & 0o777) == "0o644"
    assert not list(tmp_path.glob(".message-kind-*"))  # no temporary file left

    monkeypatch.setattr(fits_shipped, "_this_process", lambda: models)  # "the next process"
    models: dict[tuple[str, str], kinds.KindModel] = {}
    read = kinds.shipped_kind_model(tmp_path)
    assert fresh_process == ["fit"]  # read, not fitted again
    for text, role in (("which MOTs are weakest this week?", "manager"), ("thanks!", "staff"),
                       ("A patient was lost and I walked her to the clinic", "staff")):
        want, _ = fitted.scores(text, role)
        got, _ = read.scores(text, role)
        assert np.allclose(want, got)
    assert read_message("hello there", role="staff", model=read).kind == "smalltalk"


def test_a_file_for_other_phrasings_or_code_is_replaced(tmp_path: Path, fresh_process: list[str]) -> None:
    stale = tmp_path / "message-kind-0000000000000000.pkl"
    stale.write_bytes(b"old")
    kinds.shipped_kind_model(tmp_path)
    assert not stale.exists() and len(list(tmp_path.glob("message-kind-*.pkl"))) == 1


def test_a_torn_or_foreign_file_is_fitted_again(tmp_path: Path, fresh_process: list[str]) -> None:
    path = tmp_path / f"message-kind-{kinds._shipped_digest()}.pkl"
    for content in (b"\x80\x05torn", b"\x80\x04K\x01."):  # a cut pickle; a pickle of the number 1
        path.write_bytes(content)
        fits_shipped._this_process().clear()
        assert isinstance(kinds.shipped_kind_model(tmp_path), kinds.KindModel)
    assert fresh_process == ["fit", "fit"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only directories")
def test_a_directory_that_cannot_be_written_only_costs_the_fit(tmp_path: Path, fresh_process: list[str]) -> None:
    tmp_path.chmod(0o500)
    try:
        assert isinstance(kinds.shipped_kind_model(tmp_path / "models"), kinds.KindModel)
    finally:
        tmp_path.chmod(0o700)
    assert fresh_process == ["fit"]


def test_a_path_that_is_a_file_only_costs_the_fit(tmp_path: Path, fresh_process: list[str]) -> None:
    blocker = tmp_path / "models"
    blocker.write_text("not a directory")
    assert isinstance(kinds.shipped_kind_model(blocker), kinds.KindModel)
    assert fresh_process == ["fit"] and blocker.read_text() == "not a directory"


def test_the_development_authors_phrasings_are_current() -> None:
    """bot/nlp/data/message_kinds_authors.yaml is what devkit/message_kind_corpus.py writes from the
    development authors' files (regenerate after adding one); the held-out authors are never in it."""
    from devkit import message_kind_corpus as corpus

    rows = kinds.load_phrasings(corpus.OUT)
    questions = [p.text for p in rows if p.kind == "question" and p.role == "manager"]
    told = [p.text for p in rows if p.kind == "story"]
    assert questions == corpus.questions() and len(questions) >= 500
    assert {p.role for p in rows if p.kind == "question"} == {"manager", "staff"}
    assert set(told) <= set(corpus.picked_stories()) and len(told) >= 100
    assert {p.kind for p in rows} == {"question", "story"} and {p.role for p in rows if p.kind == "story"} == {"manager"}
    held_out = {" ".join(json.loads(line)["q"].split()) for path in corpus.HELD_OUT_QUESTIONS.glob("questions-*-author.jsonl")
                for line in path.read_text(encoding="utf-8").splitlines()}
    assert len(held_out) >= 2_000 and not held_out & set(questions)
