"""Secrets never reach a log line: a rejected Telegram token at start-up is printed masked."""

from __future__ import annotations

import asyncio
import logging
import os
import sys

from bot.secret_mask import SecretMask, mask
from tests.conftest import ANON_KEY, ROOT
from devkit.run_local import free_port
from devkit.fakes.telegram_api import FakeTelegramAPI

WRONG = "987654321:AAH-wrong-token-nobody-should-ever-see"


def test_mask_replaces_every_secret_longest_first():
    assert mask("token abc:defghij and defghij", ["abc:defghij", "defghij"]) == "token *** and ***"
    assert mask("short ab stays", ["ab"]) == "short ab stays"


def test_filter_masks_arguments_and_tracebacks():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed with %s", (WRONG,), None)
    try:
        raise RuntimeError(f"The token `{WRONG}` was rejected")
    except RuntimeError:
        record.exc_info = sys.exc_info()
    SecretMask([WRONG]).filter(record)
    text = logging.Formatter().format(record)
    assert WRONG not in text and "***" in text and "RuntimeError" in text


def test_records_without_a_secret_keep_their_arguments():
    """uvicorn's access-log formatter unpacks `record.args` itself: they must survive the filter."""
    args = ("127.0.0.1:5000", "POST", "/slack/events", "1.1", 200)
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d', args, None)
    SecretMask([WRONG]).filter(record)
    assert record.args == args
    tokened = logging.LogRecord("x", logging.INFO, __file__, 1, "%s %s", ("POST", f"/bot{WRONG}/getMe"), None)
    SecretMask([WRONG]).filter(tokened)
    assert tokened.args == ("POST", "/bot***/getMe") and WRONG not in tokened.getMessage()


async def test_rejected_telegram_token_is_not_printed(tmp_path):
    fake = FakeTelegramAPI()
    base = await fake.start()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "TELEGRAM_", "DATABASE_URL", "STORYBOT_"))}
    env.update(PYTHONPATH=str(ROOT), TELEGRAM_BOT_TOKEN=WRONG, TELEGRAM_API_BASE_URL=base,
               TELEGRAM_API_FILE_URL=fake.file_url, TELEGRAM_MODE="polling", STORYBOT_ANON_KEY=ANON_KEY,
               STORYBOT_RUN_SCHEDULER="false")
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "web", "--port", str(free_port()), "--database-url",
            f"sqlite:///{tmp_path}/x.db", env=env, cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    finally:
        await fake.stop()
    printed = out.decode() + err.decode()
    assert process.returncode != 0 and "Telegram refused our setup" in printed, printed
    assert WRONG not in printed and WRONG.split(":")[1] not in printed
