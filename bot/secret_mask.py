"""Secrets never reach a log line or an error message: tokens, signing secrets, the pseudonym key and
the database password are replaced by `***` in every record, its arguments and its traceback text.

A rejected Telegram token, for instance, comes back in PTB's error ("The token `123:AA…` was
rejected by the server.") and would otherwise be printed by the start-up error."""

from __future__ import annotations

import logging
from collections.abc import Iterable

MASK = "***"
MIN_SECRET_CHARS = 6  # shorter values are too likely to appear by chance in ordinary text


def mask(text: str, secrets: Iterable[str]) -> str:
    for secret in sorted({s for s in secrets if s and len(s) >= MIN_SECRET_CHARS}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


class SecretMask(logging.Filter):
    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s and len(s) >= MIN_SECRET_CHARS)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record: leave it to the formatter
            return True
        if any(secret in message for secret in self.secrets):
            # Records without a secret stay as they are: some formatters read `args` themselves
            # (uvicorn's access log unpacks them). With one, mask the parts, else the whole message.
            if isinstance(record.msg, str):
                record.msg = mask(record.msg, self.secrets)
            if isinstance(record.args, tuple):
                record.args = tuple(mask(a, self.secrets) if isinstance(a, str) else a for a in record.args)
            if any(secret in record.getMessage() for secret in self.secrets):
                record.msg, record.args = mask(message, self.secrets), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text, self.secrets)
        return True


def install(secrets: Iterable[str]) -> SecretMask:
    """Attach one mask to every handler configured so far (the root's, uvicorn's…)."""
    secret_filter = SecretMask(secrets)
    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in logging.Logger.manager.loggerDict)]
    for logger in loggers:
        for handler in getattr(logger, "handlers", ()):
            if not any(isinstance(f, SecretMask) for f in handler.filters):
                handler.addFilter(secret_filter)
    return secret_filter
