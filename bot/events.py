"""The engine's own message types, and the plain data adapters show (a home screen, a form's questions).
Adapters translate platform payloads to and from these."""

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
    thread_id: str | None = None  # where the replies go within the conversation (a Slack thread), if anywhere
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


def to_record(message: OutgoingMessage) -> dict[str, Any]:
    """A reply as JSON, as the router keeps a turn's replies until the outbox has them (`from_record`).
    Without its conversation key: a turn's replies all go to the conversation the message came from,
    and that key holds the platform's ids of a customer, who is stored only under a pseudonym."""
    return {"text": message.text, "choices": [[c.id, c.label] for c in message.choices],
            "image_path": message.image_path, "thread_id": message.thread_id, "markdown": message.markdown,
            "post_id": message.post_id, "private": message.private}


def from_record(record: Mapping[str, Any], key: ConversationKey) -> OutgoingMessage:
    """The reply `to_record` made, to the conversation `key` (the replayed message's)."""
    return OutgoingMessage(key, record["text"],
                           tuple(Choice(choice, label) for choice, label in record.get("choices", [])),
                           record.get("image_path"), record.get("thread_id"), record.get("markdown", True),
                           record.get("post_id"), record.get("private", False))


@dataclass(frozen=True, slots=True)
class FormField:
    """One free-text question of a form (e.g. Slack's "Tell a story" modal), taken from a dialog's
    spec where the app is wired: `slot` is where the answer goes, `label` the question."""

    slot: str
    label: str
    required: bool = True


# --- a person's home screen (Slack's App Home tab): plain data, built by bot.home, shown by adapters ---


@dataclass(frozen=True, slots=True)
class StoryLine:
    id: int
    mot_name: str
    text: str
    created_at: datetime
    author_name: str = ""


@dataclass(frozen=True, slots=True)
class MotLine:
    mot_id: str
    name: str
    n: int
    share: float  # irritating share for the weakest list, shining share for the strongest


@dataclass(frozen=True, slots=True)
class Home:
    """`role` is "staff", "manager" or "unknown" (not registered: a customer, or not added yet)."""

    person_id: str
    display_name: str
    role: str
    team_name: str = ""
    story_count: int = 0
    stories: tuple[StoryLine, ...] = ()
    thanks: tuple[StoryLine, ...] = ()
    period_label: str = ""
    ratings: int = 0
    weakest: tuple[MotLine, ...] = ()
    strongest: tuple[MotLine, ...] = ()
    too_few: tuple[str, ...] = ()  # MOT names with ratings, but fewer than MIN_SAMPLE (bot.insight)

    @property
    def can_tell_stories(self) -> bool:
        return self.role in ("staff", "manager")
