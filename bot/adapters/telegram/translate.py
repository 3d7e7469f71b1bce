"""Pure translation between Telegram Bot API payloads and our events (no network, no state).

`to_incoming(raw_update)` -> `IncomingMessage | None`; `to_outgoing(message)` -> the Bot API calls
that deliver it (`TelegramSend`). The adapter glue in `bot.adapters.telegram.adapter` runs them.

What counts as a message for us (everything else is an explicit skip, see `SKIPPED_KINDS`):
* private chats: every text (or captioned media) message and every inline-button click;
* groups/supergroups: only when addressed: `/command` or `/command@ourbot` (not `@otherbot`),
  a `@ourbot` mention, or a reply to one of our messages. Clicks in groups count for the person
  whose message the keyboard answered (others get a polite "not yours").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from pydantic import Field, StrictBool, ValidationError
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters

from bot.adapters.payload import (
    ChoiceId,
    Malformed,
    Name,
    Shape,
    ShortId,
    TelegramInt,
    Text,
    problem_of,
)

from bot.adapters.telegram.render import (
    CAPTION_LIMIT,
    HASHED_PREFIX,
    MESSAGE_LIMIT,
    button_label,
    callback_data_for,
    keyboard_layout,
    split_text,
    strip_markdown,
    to_html,
)
from bot.events import ConversationKey, IncomingMessage, OutgoingMessage, Platform

Raw = Mapping[str, Any]
PRIVATE, GROUP_TYPES = "private", frozenset({"group", "supergroup"})
HANDLED_KINDS = ("message", "callback_query")
SKIPPED_KINDS = frozenset({
    "edited_message",  # the dialog already moved on; re-answering an edit would confuse it
    "channel_post", "edited_channel_post", "business_message", "edited_business_message",
    "inline_query", "chosen_inline_result", "my_chat_member", "chat_member", "chat_join_request",
    "message_reaction", "message_reaction_count", "poll", "poll_answer", "shipping_query",
    "pre_checkout_query", "chat_boost", "removed_chat_boost", "deleted_business_messages",
})
MEDIA_KEYS = ("sticker", "photo", "voice", "video", "video_note", "audio", "document", "animation",
              "location", "contact", "venue", "poll", "dice")
_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]+))?(?:\s+(.*))?$", re.S)


# --- the updates we accept: validated once, at the edge (see bot.adapters.payload) ----------------
# The fields we read, and what PTB needs to build an Update from them (message: message_id, date,
# chat; user: id, is_bot, first_name; callback query: id, from, chat_instance). Media are only
# looked at for being there (`is_unreadable_dm`), so they pass as objects, unread.


class _User(Shape):
    id: TelegramInt
    is_bot: StrictBool
    first_name: Text
    last_name: Text | None = None
    username: Text | None = None


class _Chat(Shape):
    id: TelegramInt
    type: Name


class _Button(Shape):
    text: Text
    callback_data: ChoiceId | None = None


class _Keyboard(Shape):
    inline_keyboard: list[list[_Button]]


class _Message(Shape):
    message_id: TelegramInt
    date: TelegramInt
    chat: _Chat
    from_: _User | None = Field(None, alias="from")
    text: Text | None = None
    caption: Text | None = None
    reply_to_message: _Message | None = None
    message_thread_id: TelegramInt | None = None
    is_topic_message: StrictBool | None = None
    reply_markup: _Keyboard | None = None
    photo: list[dict[str, Any]] | None = None
    sticker: dict[str, Any] | None = None
    voice: dict[str, Any] | None = None
    video: dict[str, Any] | None = None
    video_note: dict[str, Any] | None = None
    audio: dict[str, Any] | None = None
    document: dict[str, Any] | None = None
    animation: dict[str, Any] | None = None
    location: dict[str, Any] | None = None
    contact: dict[str, Any] | None = None
    venue: dict[str, Any] | None = None
    poll: dict[str, Any] | None = None
    dice: dict[str, Any] | None = None


class _CallbackQuery(Shape):
    id: ShortId  # in `<bot>:cb:<id>:click:<user>` when the query has no message
    from_: _User = Field(alias="from")
    chat_instance: ShortId
    message: _Message | None = None
    data: ChoiceId | None = None


class _Update(Shape):
    update_id: TelegramInt
    message: _Message | None = None
    callback_query: _CallbackQuery | None = None


def validated_update(raw: Any) -> dict[str, Any] | None:
    """The validated copy of an Update: `update_id` and the message or callback query, only the
    fields we (and PTB) read, ids checked, text cleaned (see bot.adapters.payload). None for the
    kinds we do not handle (`update_kind` is not message or callback_query). Raises Malformed for
    anything Telegram does not send, e.g. a chat id that is a list, a float or a string."""
    if not isinstance(raw, dict):
        raise Malformed("not a JSON object")
    try:
        update = _Update.model_validate(raw)
    except ValidationError as exc:
        raise Malformed(problem_of(exc)) from exc
    kind = update_kind(raw)
    body = getattr(update, kind) if kind in HANDLED_KINDS else None
    return {"update_id": update.update_id, kind: body.dump()} if body is not None else None


@dataclass(frozen=True, slots=True)
class BotIdentity:
    """Who we are on Telegram: `id` from the token (`<id>:<secret>`), `username` from getMe."""

    id: str
    username: str | None = None

    def is_us(self, user: Raw | None) -> bool:
        return bool(user) and str(user.get("id")) == self.id  # type: ignore[union-attr]

    def mentioned_in(self, text: str) -> bool:
        return bool(self.username) and re.search(rf"(?i)@{re.escape(self.username or '')}\b", text) is not None

    def strip_mention(self, text: str) -> str:
        if not self.username:
            return text
        return re.sub(rf"(?i)@{re.escape(self.username)}\b", " ", text).strip()


@dataclass(frozen=True, slots=True)
class Click:
    """What the glue must do about a button press, whatever the dialog makes of it."""

    callback_query_id: str
    chat_id: str | None
    message_id: int | None
    remove_keyboard: bool  # the keyboard was ours to answer: take it away so it can't be pressed twice
    foreign: bool  # someone else's keyboard in a group


@dataclass(frozen=True, slots=True)
class TelegramSend:
    """One Bot API call: `sendMessage` (text) or `sendPhoto` (caption)."""

    method: str
    chat_id: str
    text: str  # message text or caption, rendered for `parse_mode`
    plain_text: str  # the same without markup, in case Telegram rejects our HTML
    parse_mode: str | None = "HTML"
    reply_markup: InlineKeyboardMarkup | None = None
    photo: str | None = None
    message_thread_id: int | None = None
    reply_parameters: ReplyParameters | None = None


def update_kind(raw: Raw) -> str:
    """`message`, `callback_query`, `edited_message`, ... (`unknown` if no known key)."""
    for key in raw:
        if key != "update_id":
            return str(key)
    return "unknown"


def chat_id_of(raw: Raw) -> str | None:
    """The chat an update belongs to (used to keep each chat's replies in order)."""
    body = raw.get("message") or raw.get("edited_message") or raw.get("channel_post")
    if isinstance(body, Mapping):
        return _chat_id(body)
    click = raw.get("callback_query")
    if isinstance(click, Mapping):
        message = click.get("message")
        if isinstance(message, Mapping) and isinstance(message.get("chat"), Mapping):
            return _chat_id(message)
        sender = click.get("from") or {}
        return str(sender["id"]) if "id" in sender else None
    return None


def to_incoming(raw: Raw, *, bot: BotIdentity, long_choice_ids: Mapping[str, str] | None = None,
                now: datetime | None = None) -> IncomingMessage | None:
    """A raw Update (the JSON Telegram posts) -> our message, or None when it is not for us.
    `long_choice_ids` maps hashed callback_data back to choice ids; `now` stamps clicks (no date)."""
    kind = update_kind(raw)
    body = raw.get(kind)
    if kind not in HANDLED_KINDS or not isinstance(body, Mapping):
        return None
    if kind == "message":
        return _from_message(raw, body, bot)
    return _from_click(raw, body, bot, long_choice_ids or {}, now or datetime.now(UTC))


def _from_message(raw: Raw, message: Raw, bot: BotIdentity) -> IncomingMessage | None:
    chat, sender = message.get("chat") or {}, message.get("from") or {}
    chat_type = chat.get("type")
    if chat_type != PRIVATE and chat_type not in GROUP_TYPES:
        return None
    if not sender or sender.get("is_bot") or "id" not in chat or "id" not in sender:
        return None
    text = str(message.get("text") or message.get("caption") or "").strip()
    if not text:
        return None
    command, args = None, text
    match = _COMMAND.match(text)
    if match:
        target = match.group(2)
        if target and (not bot.username or target.lower() != bot.username.lower()):
            return None  # /command@otherbot
        command, args = match.group(1).lower(), (match.group(3) or "").strip()
    if chat_type in GROUP_TYPES:
        replied_to = message.get("reply_to_message") or {}
        addressed = command is not None or bot.mentioned_in(text) or bot.is_us(replied_to.get("from"))
        if not addressed:
            return None
    if command is None:
        args = bot.strip_mention(args)
    key = ConversationKey(Platform.TELEGRAM, _chat_id(message), str(sender["id"]))
    return IncomingMessage(
        key, text=args, command=command, message_id=f"{bot.id}:{key.channel_id}:{message.get('message_id')}",
        public=chat_type in GROUP_TYPES, thread_id=_topic(raw), user_name=_name(sender),
        received_at=_when(message.get("date")), raw=raw,
    )


def _from_click(raw: Raw, query: Raw, bot: BotIdentity, long_choice_ids: Mapping[str, str],
                now: datetime) -> IncomingMessage | None:
    info = click_of(raw)
    sender, data = query.get("from") or {}, query.get("data")
    if info is None or info.foreign or not isinstance(data, str) or not data or "id" not in sender:
        return None
    message = query.get("message") or {}
    chat_id = info.chat_id or str(sender["id"])
    label = _label_of(message.get("reply_markup"), data)
    choice_id: str | None = data
    if data.startswith(HASHED_PREFIX):
        choice_id = long_choice_ids.get(data)
        if choice_id is None and not label:
            return None
    # One click per keyboard and person: a double tap (or a re-delivered update) is processed once.
    where = f"{chat_id}:{info.message_id}" if info.message_id else f"cb:{info.callback_query_id}"
    key = ConversationKey(Platform.TELEGRAM, chat_id, str(sender["id"]))
    return IncomingMessage(
        key, text=label or "", choice_id=choice_id, message_id=f"{bot.id}:{where}:click:{sender['id']}",
        public=chat_id != str(sender["id"]), thread_id=_topic(raw), user_name=_name(sender), received_at=now, raw=raw,
    )


def click_of(raw: Raw) -> Click | None:
    """The button press in an update, if any, with what to do about its keyboard."""
    query = raw.get("callback_query")
    if not isinstance(query, Mapping) or not query.get("id"):
        return None
    message = query.get("message") if isinstance(query.get("message"), Mapping) else {}
    chat = message.get("chat") or {}
    sender = query.get("from") or {}
    if message and chat.get("type") not in GROUP_TYPES | {PRIVATE}:
        return Click(str(query["id"]), None, None, remove_keyboard=False, foreign=True)
    owner = ((message.get("reply_to_message") or {}).get("from") or {}).get("id")
    in_group = chat.get("type") in GROUP_TYPES
    foreign = in_group and owner is not None and owner != sender.get("id")
    # In a group, a keyboard that answered nobody in particular (a proactive post) stays for everyone.
    remove = bool(message.get("message_id")) and (not in_group or (owner is not None and not foreign))
    return Click(
        str(query["id"]), _chat_id(message) if chat else None, message.get("message_id"),
        remove_keyboard=remove, foreign=foreign,
    )


def reply_context(raw: Raw) -> tuple[int | None, int | None]:
    """(message_thread_id, message id to reply to) for the replies to this update: in groups we
    reply to the person's message (so a keyboard shows whose it is) and stay in its forum topic."""
    message = raw.get("message")
    if not isinstance(message, Mapping):
        query = raw.get("callback_query") or {}
        original = query.get("message") or {}
        message = original.get("reply_to_message") if original.get("reply_to_message") else None
        thread = original.get("message_thread_id") if original.get("is_topic_message") else None
        if not isinstance(message, Mapping):
            return thread, None
    chat = message.get("chat") or {}
    thread = message.get("message_thread_id") if message.get("is_topic_message") else None
    reply_to = message.get("message_id") if chat.get("type") in GROUP_TYPES else None
    return thread, reply_to


def _topic(raw: Raw) -> str | None:
    """The forum topic the replies to this update stay in (`reply_context`), as `thread_id`."""
    thread, _ = reply_context(raw)
    return str(thread) if thread is not None else None


def is_unreadable_dm(raw: Raw) -> bool:
    """A private message we can't read (sticker, voice, photo without caption...): worth a hint."""
    message = raw.get("message")
    if not isinstance(message, Mapping) or (message.get("chat") or {}).get("type") != PRIVATE:
        return False
    if (message.get("from") or {}).get("is_bot") or message.get("text") or message.get("caption"):
        return False
    return any(key in message for key in MEDIA_KEYS)


def to_outgoing(out: OutgoingMessage, *, reply_to: int | None = None) -> list[TelegramSend]:
    """Our reply -> Bot API calls. Text is rendered to HTML (unless `markdown=False`) and split at
    4096 characters; with `image_path` it's a photo with the text as caption, or the photo and then
    the text when the caption would pass 1024 characters. Choices become an inline keyboard on the
    last call. A DM key may carry the user id only (`channel_id=""`)."""
    chat_id = out.key.user_id if out.private else (out.key.channel_id or out.key.user_id)
    thread = int(out.thread_id) if out.thread_id and out.thread_id.lstrip("-").isdigit() else None
    if out.private:  # to the person's private chat: nothing to reply to there
        thread, reply_to = None, None
    html_mode = out.markdown
    render = to_html if html_mode else (lambda s: s)
    parse_mode = "HTML" if html_mode else None
    sends: list[TelegramSend] = []
    text = out.text.strip()
    if out.image_path:
        caption_fits = len(render(text)) <= CAPTION_LIMIT
        caption = text if caption_fits else ""
        sends.append(TelegramSend("sendPhoto", chat_id, render(caption), _plain(caption, html_mode), parse_mode,
                                  photo=out.image_path, message_thread_id=thread))
        if not caption_fits:
            text_pieces = split_text(text, limit=MESSAGE_LIMIT, html_mode=html_mode)
            sends.extend(_message(chat_id, p, render, html_mode, parse_mode, thread) for p in text_pieces)
    else:
        pieces = split_text(text or "…", limit=MESSAGE_LIMIT, html_mode=html_mode)
        sends.extend(_message(chat_id, p, render, html_mode, parse_mode, thread) for p in pieces)
    if reply_to is not None:
        sends[0] = replace(sends[0], reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True))
    if out.choices:
        sends[-1] = replace(sends[-1], reply_markup=keyboard(out))
    return sends


def keyboard(out: OutgoingMessage) -> InlineKeyboardMarkup:
    labels = [c.label for c in out.choices]
    rows = [
        [InlineKeyboardButton(button_label(labels[i]), callback_data=callback_data_for(out.choices[i].id)) for i in row]
        for row in keyboard_layout(labels)
    ]
    return InlineKeyboardMarkup(rows)


def _message(chat_id: str, piece: str, render: Any, html_mode: bool, parse_mode: str | None,
             thread: int | None) -> TelegramSend:
    return TelegramSend("sendMessage", chat_id, render(piece), _plain(piece, html_mode), parse_mode,
                        message_thread_id=thread)


def _plain(text: str, html_mode: bool) -> str:
    return strip_markdown(text) if html_mode else text


def _chat_id(message: Raw) -> str:
    return str((message.get("chat") or {}).get("id"))


def _name(user: Raw) -> str | None:
    name = " ".join(str(user[k]) for k in ("first_name", "last_name") if user.get(k))
    return name or (str(user["username"]) if user.get("username") else None)


def _when(timestamp: Any) -> datetime:
    if isinstance(timestamp, int | float) and timestamp > 0:
        return datetime.fromtimestamp(timestamp, UTC)
    return datetime.now(UTC)


def _label_of(markup: Any, data: str) -> str | None:
    if not isinstance(markup, Mapping):
        return None
    for row in markup.get("inline_keyboard") or []:
        for button in row if isinstance(row, list) else []:
            if isinstance(button, Mapping) and button.get("callback_data") == data:
                return str(button.get("text") or "") or None
    return None
