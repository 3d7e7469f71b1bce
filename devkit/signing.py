"""Signing requests like Slack does (moved from devkit/fakes/slack_api.py, which re-exports it, so
bench/ can sign without importing tests/)."""

from __future__ import annotations

import hashlib
import hmac
import time

from slack_sdk.signature import SignatureVerifier


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def sign(secret: str, body: str | bytes, *, timestamp: int | None = None) -> dict[str, str]:
    """The headers Slack adds to a request: X-Slack-Request-Timestamp and X-Slack-Signature."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    if isinstance(body, bytes) and not _is_utf8(body):  # Slack never sends these; tests do, signed alike
        digest = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
        return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    assert signature is not None
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}
