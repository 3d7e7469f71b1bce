"""`storybot visit-link REF`: the deep link and its QR code, with the bot's username given or
asked from (the fake) Telegram."""

import asyncio

import pytest
from PIL import Image
from typer.testing import CliRunner

from bot.cli import build_cli
from devkit.fakes.telegram_api import FakeTelegramAPI


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "TELEGRAM_MODE", "TELEGRAM_WEBHOOK_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env; the QR code lands here
    return tmp_path


def _run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(build_cli(), list(args), env=env)


def test_link_and_qr_with_given_username(clean_env):
    result = _run("visit-link", "123", "--bot-username", "@storybot_test_bot")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "https://t.me/storybot_test_bot?start=visit_123"
    with Image.open(clean_env / "visit_123.qr.png") as image:
        assert image.size[0] == image.size[1] > 100


def test_username_from_getme(clean_env):
    async def main() -> tuple:
        fake = FakeTelegramAPI()
        base = await fake.start()
        try:
            env = {"TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": base, "TELEGRAM_MODE": "webhook"}
            out = str(clean_env / "receipts" / "v7.png")
            result = await asyncio.to_thread(_run, "visit-link", "A-7", "--out", out, env=env)
            return result, [c["method"] for c in fake.calls]
        finally:
            await fake.stop()

    result, methods = asyncio.run(main())
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "https://t.me/storybot_test_bot?start=visit_A-7"
    assert methods == ["getMe"] and (clean_env / "receipts" / "v7.png").is_file()


def test_clear_errors(clean_env):
    bad_ref = _run("visit-link", "12 3", "--bot-username", "storybot_test_bot")
    assert bad_ref.exit_code == 2 and "deep link" in bad_ref.output
    no_token = _run("visit-link", "123")
    assert no_token.exit_code == 2 and "--bot-username" in no_token.output
    assert not list(clean_env.glob("*.png"))
