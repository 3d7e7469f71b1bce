"""bot.nlp.fitted: the fits that ship with the code are today's, and are what a fresh fit gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlp import comment_sentiment, fitted
from bot.nlp import message_kind_model as kinds
from bot.nlp import question_model


def test_the_shipped_fits_are_current() -> None:
    """A fresh clone, the demo and every test worker read these instead of fitting at start-up (tens of seconds
    of CPU); after a change to bot/nlp or its corpora they must be written again. With other library versions
    than they were made with (recorded beside them) they are not read, only a start-up cost: nothing to check."""
    import json

    made_with = json.loads((fitted.SHIPPED / "versions.json").read_text(encoding="utf-8"))
    if made_with != fitted.library_versions():
        pytest.skip(f"shipped fits made with {made_with}, running {fitted.library_versions()}")
    for name, digest in (("question-intent", question_model._shipped_digest()),
                         ("message-kind", kinds._shipped_digest()),
                         ("comment-sentiment", comment_sentiment.shipped_digest())):
        assert fitted.shipped_fit(name, digest).is_file(), f"{name}: run devkit/prefit.py"
    assert len(list(fitted.SHIPPED.glob("*.pkl"))) == 3  # no stale ones left behind


def test_a_shipped_fit_is_read_when_the_model_directory_has_none(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = tmp_path / "shipped"
    fitted._write(shipped / "thing-abc.pkl", "thing", {"fitted": "shipped"})
    fits: list[str] = []

    def fit() -> dict[str, str]:
        fits.append("fit")
        return {"fitted": "here"}

    assert fitted.fitted_once(tmp_path / "models", "thing", "abc", fit, dict, shipped=shipped) == {"fitted": "shipped"}
    assert fits == [] and not (tmp_path / "models").exists()  # read, not copied
    # another digest (changed code or inputs): fitted and kept in the model directory, the shipped one ignored
    assert fitted.fitted_once(tmp_path / "models", "thing", "def", fit, dict, shipped=shipped) == {"fitted": "here"}
    assert fits == ["fit"] and (tmp_path / "models" / "thing-def.pkl").is_file()
    # the model directory's own file comes first; a torn shipped file only costs the fit
    (shipped / "thing-ghi.pkl").write_bytes(b"\x80\x05torn")
    assert fitted.fitted_once(None, "thing", "ghi", fit, dict, shipped=shipped) == {"fitted": "here"}

