"""`storybot nlp …`: the NLP engineer's train/evaluate commands, plus the ones that need the app:
`ensure-model` (used by `make demo`), `retrain --team T` (learn from confirmed examples),
`evaluate-mots --data FILE` (how right the MOT suggestions are) and `redact` (stdin lines ->
redacted lines, for audits)."""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
import json
from pathlib import Path
from typing import Annotated

import typer

from bot.nlp.cli import build_nlp_cli
from bot.nlp.dataset import SENTIMENTS


def register(app: typer.Typer) -> None:
    nlp = build_nlp_cli()
    app.add_typer(nlp, name="nlp", help="Train, evaluate and retrain the MOT/topic/sentiment models.")

    @nlp.command("ensure-model")
    def ensure_model() -> None:
        """Train the shipped topic/sentiment model from data/nhs-fft (train + dev) if STORYBOT_MODEL_DIR has none,
        and fit the message-kind model there (kept for every process that starts after)."""
        from bot.config import DATA_DIR, load_settings
        from bot.nlp.message_kind import prepare_kind_model
        from bot.nlp.trainer import train_default_model

        settings = load_settings()
        if not (settings.model_dir / "model.joblib").exists():
            typer.echo(f"Training the topic/sentiment model into {settings.model_dir} (about a minute)…")
            train_default_model([DATA_DIR / "nhs-fft" / name for name in ("v6-train.jsonl", "v6-dev.jsonl")],
                                settings.model_dir)
        prepare_kind_model(settings.model_dir)  # the message-kind model, fitted once for every process
        typer.echo(f"Model ready: {settings.model_dir}")

    @nlp.command("redact")
    def redact_lines(
        names: Annotated[bool, typer.Option("--names", help="Also redact person names (as for customers' "
                                            "comments of teams with redact_customer_names).")] = False,
        summary: Annotated[bool, typer.Option("--summary", help="Count what was redacted, per kind, on stderr.")]
        = False,
    ) -> None:
        """Read lines on stdin, write each line redacted on stdout (phones, e-mails, cards, NHS numbers,
        postcodes; names with --names): `storybot nlp redact < export.txt > audit.txt`."""
        from bot.nlp.redact import redact

        counts: Counter[str] = Counter()
        for line in sys.stdin:
            body = line.rstrip("\r\n")
            result = redact(body, names=names)
            counts.update(result.counts)
            sys.stdout.write(result.text + line[len(body):])
        sys.stdout.flush()
        if summary:
            typer.echo(" ".join(f"{kind}={n}" for kind, n in counts.items()), err=True)

    @nlp.command("retrain")
    def retrain(
        team: Annotated[str, typer.Option(help="Team id: retrain its cycle's MOT classifier.")],
        database_url: Annotated[str | None, typer.Option("--database-url", help="Overrides DATABASE_URL.")] = None,
    ) -> None:
        """Retrain a team's MOT classifier from the stories staff confirmed or corrected and the
        customers' rated comments, and show how much that helps on a held-out fifth of them.
        The running bot retrains by itself every STORYBOT_RETRAIN_SECONDS (default 300)."""
        asyncio.run(_retrain(team, database_url))

    @nlp.command("evaluate-mots")
    def evaluate_mots(
        data: Annotated[Path, typer.Option("--data", exists=True, dir_okay=False,
                                           help='JSONL: {"text", "cycle", "mot"[, "kind": "story"|"comment"][, "sentiment"]}')],
        database_url: Annotated[str | None, typer.Option(
            "--database-url", help="Learn from this database's confirmed examples first (else: day one).")] = None,
    ) -> None:
        """How right the MOT suggestions are, as the dialogs get them: staff stories through the story
        dialog's suggestion, customers' comments through the survey's reading. "mot": null marks a text
        that fits no MOT (it should get none). Prints one JSON line: n, top1, top3, abstain,
        precision_when_suggested, ms per text, and the same per kind and cycle; comments labelled with a
        "sentiment" (positive, neutral, negative) also get the survey's stored sentiment: the share stored and
        its precision."""
        asyncio.run(_evaluate_mots(data, database_url))


async def _retrain(team_id: str, database_url: str | None) -> None:
    from bot import store
    from bot.app import build_app
    from bot.cli.core import _settings

    settings = _settings(database_url)  # checked, and the database brought up to date (bot/startup.py)
    app = build_app(settings)
    try:
        async with app.sessionmaker() as session:
            team = await store.get_team(session=session, team_id=team_id)
        if team is None:
            typer.secho(f"No team '{team_id}'. See: storybot team list", fg=typer.colors.RED, err=True)
            raise typer.Exit(2)
        cycle = app.cycles[team.cycle_id]
        learner = app.services.learner
        counts = await learner.refresh(force=True)
        report = await learner.evaluate_retrain(cycle)
        typer.echo(f"{cycle.name}: retrained on {counts.get(cycle.id, 0)} confirmed examples.")
        if report.accuracy_before is None:
            typer.echo("Too few examples to hold some out for a check yet.")
        else:
            typer.echo(f"On {report.holdout} held-out examples: top-1 accuracy {report.accuracy_before:.0%} "
                       f"from descriptions alone, {report.accuracy_after:.0%} after learning from the rest.")
    finally:
        await app.aclose()


def _read_rows(path: Path, cycles: dict) -> list[dict]:  # type: ignore[type-arg]
    by_name = {c.name.lower(): c for c in cycles.values()}
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text, cycle_ref = row["text"], str(row["cycle"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: expected a JSON object with 'text', 'cycle' and 'mot' ({exc})") from exc
        cycle = cycles.get(cycle_ref) or by_name.get(cycle_ref.lower())
        if cycle is None:
            raise ValueError(f"{path}:{number}: unknown cycle {cycle_ref!r} (known: {', '.join(cycles)})")
        mot = row.get("mot") or None
        if mot is not None and cycle.mot(mot) is None:
            raise ValueError(f"{path}:{number}: unknown MOT {mot!r} in cycle {cycle.id}")
        kind = row.get("kind") or "story"
        if kind not in ("story", "comment"):
            raise ValueError(f"{path}:{number}: kind must be 'story' or 'comment', not {kind!r}")
        sentiment = row.get("sentiment") or None
        if sentiment is not None and sentiment not in SENTIMENTS:
            raise ValueError(f"{path}:{number}: sentiment must be one of {', '.join(SENTIMENTS)}, not {sentiment!r}")
        rows.append({"text": str(text), "cycle": cycle, "mot": mot, "kind": kind, "sentiment": sentiment})
    return rows


async def _evaluate_mots(data: Path, database_url: str | None) -> None:
    from bot import db
    from bot.cli.core import _settings
    from bot.cycle import load_cycles
    from bot.learning import MotLearner, evaluate_mots

    settings = _settings(database_url, prepare=database_url is not None)
    cycles = load_cycles(settings.cycles_dir)
    try:
        rows = _read_rows(data, cycles)
    except ValueError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from exc
    engine = db.make_engine(settings.database_url) if database_url else None
    learner = MotLearner(cycles=cycles, model_dir=settings.model_dir,
                         sessionmaker=db.make_sessionmaker(engine) if engine else None, interval_seconds=0)
    try:
        await learner.warm_up()
        examples = await learner.refresh(force=True) if engine else {}
        result = evaluate_mots(learner, rows)
    finally:
        if engine is not None:
            await engine.dispose()
    typer.echo(json.dumps({**result, "confirmed_examples": examples}))
