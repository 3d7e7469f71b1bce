"""Keyed pseudonyms for identifiers that must not be stored or logged as they are.

A customer's platform identity (a Telegram chat id, a Slack DM channel) and every platform
message id are turned into an HMAC-SHA256 under `STORYBOT_ANON_KEY` before they reach the database
or a log line. A plain or salted hash would not do: Telegram ids are few enough to try them all;
without the key, an HMAC can't be reversed or recomputed. Same input and key -> same pseudonym, so
conversations and de-duplication still work across restarts and processes."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pseudonymiser:
    key: bytes

    @classmethod
    def from_secret(cls, secret: str) -> Pseudonymiser:
        return cls(secret.encode())

    def __call__(self, value: str, *, purpose: str) -> str:
        """32 hex characters (128 bits) of HMAC-SHA256(key, purpose + value). `purpose` keeps the
        pseudonyms of different kinds of id apart ("conversation", "event")."""
        digest = hmac.new(self.key, f"{purpose}\x1f{value}".encode("utf-8", "surrogatepass"), hashlib.sha256)
        return digest.hexdigest()[:32]
