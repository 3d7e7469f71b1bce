"""Telegram commands: `storybot visit-link REF` prints the deep link a receipt carries for a visit
and writes it as a QR code PNG."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from bot.adapters.telegram.render import start_payload, visit_link


def register(app: typer.Typer) -> None:
    @app.command("visit-link")
    def visit_link_command(
        ref: Annotated[str, typer.Argument(help="The visit reference, as in `storybot visit create REF`.")],
        bot_username: Annotated[str | None, typer.Option(
            "--bot-username", help="The bot's @username (default: asked from Telegram with getMe).")] = None,
        out: Annotated[Path | None, typer.Option(
            "--out", help="Where to write the QR code PNG (default: visit_<REF>.qr.png).")] = None,
    ) -> None:
        """Print https://t.me/<bot>?start=visit_<REF> and write it as a QR code for the receipt."""
        try:
            start_payload("visit", ref)  # check REF before asking Telegram anything
        except ValueError as exc:
            _fail(str(exc))
        username = bot_username or _username_from_telegram()
        try:
            link = visit_link(username, ref)
        except ValueError as exc:
            _fail(str(exc))
        path = out or Path(f"visit_{ref}.qr.png")
        write_qr_png(link, path)
        typer.echo(link)
        typer.echo(f"QR code written to {path}", err=True)


def write_qr_png(data: str, path: Path) -> Path:
    """`data` as a QR code PNG (medium error correction survives a creased receipt)."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=10, border=4)
    code.add_data(data)
    code.make(fit=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    code.make_image().save(str(path))
    return path


def _username_from_telegram() -> str:
    from bot.adapters.telegram.adapter import fetch_bot_username
    from bot.config import load_settings

    try:
        settings = load_settings(TELEGRAM_MODE="polling")  # the mode is irrelevant for one getMe call
    except Exception as exc:  # pydantic ValidationError: say it plainly
        _fail(f"Configuration error: {exc}")
    if settings.telegram is None:
        _fail("Pass --bot-username, or set TELEGRAM_BOT_TOKEN so I can ask Telegram for it.")
    try:
        return asyncio.run(fetch_bot_username(settings.telegram))  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - any failure: explain and stop
        _fail(f"Could not ask Telegram for the bot's username ({type(exc).__name__}: {exc}). "
              "Check TELEGRAM_BOT_TOKEN / TELEGRAM_API_BASE_URL, or pass --bot-username.")
    raise AssertionError("unreachable")


def _fail(message: str) -> None:
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise typer.Exit(2)
