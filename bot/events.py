"""The engine's own message types. Adapters translate platform payloads to and from these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Mapping


class Platform(StrEnum):
    SLACK = "slack"
    TELEGRAM = "telegram"
    CONSOLE = "console"


@dataclass(frozen=True, slots=True)
class ConversationKey:
    """Who is talking where: one dialog runs per key. `str(key) == "slack:C1:U2"`."""

    platform: Platform
    channel_id: str
    user_id: str

    def __str__(self) -> str:
        return f"{self.platform}:{self.channel_id}:{self.user_id}"

    @property
    def person_id(self) -> str:
        """The platform identity of the speaker, e.g. `slack:U123`."""
        return f"{self.platform}:{self.user_id}"

    @classmethod
    def parse(cls, text: str) -> "ConversationKey":
        platform, channel_id, user_id = text.split(":", 2)
        return cls(Platform(platform), channel_id, user_id)


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    """One thing a person did: typed text, a command (`start`, with `text` as its argument), a click
    (`choice_id`), or a submitted form (`form`: slot -> value, with `command` naming the dialog)."""

    key: ConversationKey
    text: str = ""
    command: str | None = None
    choice_id: str | None = None
    message_id: str | None = None
    user_name: str | None = None
    form: Mapping[str, Any] | None = None
    # Written where others read the replies (a Slack channel, a Telegram group), not in a direct chat.
    public: bool = False
    received_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    raw: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """One reply. `choices` become buttons (Slack), an inline keyboard (Telegram) or numbered lines (console)."""

    key: ConversationKey
    text: str
    choices: tuple[Choice, ...] = ()
    image_path: str | None = None
    thread_id: str | None = None
    markdown: bool = True  # `text` is in the reply markup of `bot.markup`; False: plain text, sent as is
    post_id: str | None = None  # stored with a proactive post where the platform keeps one (Slack metadata)
    # For key.user_id's eyes only, though the conversation is in a channel: Slack shows it as an
    # ephemeral message in the same place; Telegram sends it to the person's private chat.
    private: bool = False
