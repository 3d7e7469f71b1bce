from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bot.nlp.cli import build_nlp_cli

KEYS = {"topic_macro_f1", "topic_macro_f1_all_labels", "topic_micro_f1", "sentiment_macro_f1", "sentiment_accuracy",
        "sentiment_sure_precision", "sentiment_sure_coverage", "n"}


def test_train_then_evaluate_prints_one_json_line(tmp_path: Path, v6_path: Path, phase1_path: Path):
    runner = CliRunner()
    app = build_nlp_cli()
    out = tmp_path / "model"
    result = runner.invoke(app, ["train", "--data", str(v6_path), "--dev", str(v6_path), "--out", str(out),
                                 "--seed", "1"])
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "metadata.json").read_text())
    assert meta["seed"] == 1 and len(meta["data"]["train"]["sha256"]) == 64
    assert KEYS <= set(meta["dev_metrics"])
    result = runner.invoke(app, ["evaluate", "--model", str(out), "--data", str(v6_path)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    scores = json.loads(lines[0])
    assert set(scores) == KEYS and scores["n"] == 49
    assert 0.0 <= scores["topic_macro_f1"] <= 1.0


def test_train_single_label_without_dev(tmp_path: Path, phase1_path: Path):
    result = CliRunner().invoke(build_nlp_cli(), ["train", "--data", str(phase1_path), "--out", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "p" / "metadata.json").read_text())["multilabel"] is False


def test_train_rejects_unusable_data(tmp_path: Path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text('{"text": ""}\n')
    result = CliRunner().invoke(build_nlp_cli(), ["train", "--data", str(empty), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2
