"""`storybot nlp ...`: train and evaluate topic/sentiment models.

Mount with `app.add_typer(build_nlp_cli(), name="nlp")`.

    storybot nlp train --data train.jsonl [--dev dev.jsonl] --out data/models/mine [--seed 0]
    storybot nlp evaluate --model data/models/mine --data test.jsonl
        -> {"topic_macro_f1": ..., "topic_micro_f1": ..., "sentiment_macro_f1": ...,
            "sentiment_accuracy": ..., "n": ...}   (one line)
"""

from __future__ import annotations

import json
from pathlib import Path

import typer


def build_nlp_cli() -> typer.Typer:
    app = typer.Typer(help="Train and evaluate the topic/sentiment classifier.", no_args_is_help=True,
                      add_completion=False)

    @app.command("train")
    def train_command(
        data: Path = typer.Option(..., "--data", exists=True, dir_okay=False, help="training JSONL"),
        out: Path = typer.Option(..., "--out", file_okay=False, help="model directory to write"),
        dev: Path | None = typer.Option(None, "--dev", exists=True, dir_okay=False, help="dev JSONL to score"),
        seed: int = typer.Option(0, "--seed", help="random seed (same seed + data = same model)"),
    ) -> None:
        """Train a model; metrics, data hash, seed and versions go to OUT/metadata.json."""
        from tqdm import tqdm

        from bot.nlp.classifier import count_fits
        from bot.nlp.dataset import DatasetError, read_examples
        from bot.nlp.trainer import train

        try:
            steps = count_fits(read_examples(data))
            with tqdm(total=steps, desc="training", unit="fit") as bar:
                model = train(data, out, dev_path=dev, seed=seed, progress=bar.update)
        except DatasetError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(code=2) from exc
        meta = model.metadata
        typer.echo(f"saved {out} ({len(model.labels)} labels, {meta.get('train_seconds')} s, "
                   f"{meta.get('size_bytes', 0) / 1e6:.1f} MB)")
        typer.echo(f"cross-validation on train: {json.dumps(meta['cv_metrics'])}")
        if "dev_metrics" in meta:
            typer.echo(f"dev: {json.dumps(meta['dev_metrics'])}")

    @app.command("evaluate")
    def evaluate_command(
        model: Path = typer.Option(..., "--model", exists=True, file_okay=False, help="model directory"),
        data: Path = typer.Option(..., "--data", exists=True, dir_okay=False, help="labelled JSONL"),
    ) -> None:
        """Print one JSON line: topic_macro_f1, topic_micro_f1, sentiment_macro_f1, sentiment_accuracy, n."""
        from bot.nlp.classifier import load_model
        from bot.nlp.dataset import DatasetError, read_examples
        from bot.nlp.metric import evaluate

        try:
            examples = read_examples(data)
        except DatasetError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(code=2) from exc
        typer.echo(json.dumps(evaluate(load_model(model), examples)))

    return app


def main() -> None:
    build_nlp_cli()(prog_name="python -m bot.nlp")
