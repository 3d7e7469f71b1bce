"""Slack payloads -> the engine's `IncomingMessage`, as pure functions: a table from payload type to
a builder, and an explicit skip (None) for everything else (opsdroid's `create_events` pattern).

Every message gets a stable `message_id`, so the router's database claim processes a re-delivery
once: `<channel>:<ts>` for a message (the same id whether it came as `message.im` or `app_mention`),
`click:<channel>:<message ts>` for a click (one answer per question message, even on a double click),
`command:<trigger id>` for a slash command and `view:<view id>` for a submitted form."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from bot.adapters.slack_blocks import CHOICE_ACTION, STORY_FORM, story_form, to_outgoing
from bot.events import ConversationKey, IncomingMessage, Platform

__all__ = ["EVENT_TYPES", "reply_thread", "shape_problem", "slack_key", "to_incoming", "to_outgoing"]

ACCEPTED_SUBTYPES = frozenset({"file_share", "thread_broadcast"})  # besides plain messages (no subtype)


def slack_key(channel: str, user: str) -> ConversationKey:
    return ConversationKey(Platform.SLACK, channel, user)


def _when(ts: Any) -> datetime:
    try:
        return datetime.fromtimestamp(float(ts), UTC)
    except (TypeError, ValueError, OverflowError):
        return datetime.now(UTC)


def as_dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _from_dm(
    envelope: Mapping[str, Any], event: Mapping[str, Any], bot_user_id: str | None
) -> IncomingMessage | None:
    if event.get("channel_type") != "im":
        return None  # channel messages reach us as app_mention
    return _from_user_message(envelope, event, bot_user_id, text=str(event.get("text") or ""))


def _from_mention(
    envelope: Mapping[str, Any], event: Mapping[str, Any], bot_user_id: str | None
) -> IncomingMessage | None:
    text = str(event.get("text") or "")
    mention = rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>" if bot_user_id else r"^\s*<@[A-Z0-9]+(?:\|[^>]*)?>"
    return _from_user_message(envelope, event, bot_user_id, text=re.sub(mention, "", text).strip())


def _from_user_message(
    envelope: Mapping[str, Any], event: Mapping[str, Any], bot_user_id: str | None, *, text: str
) -> IncomingMessage | None:
    subtype = event.get("subtype")
    if subtype is not None and not (isinstance(subtype, str) and subtype in ACCEPTED_SUBTYPES):
        return None  # edits, deletions, joins, bot_message…
    if event.get("bot_id") or event.get("bot_profile"):
        return None  # anything a bot wrote, us included
    user, channel, ts = event.get("user"), event.get("channel"), event.get("ts")
    if not (isinstance(user, str) and isinstance(channel, str) and isinstance(ts, str)) or user == bot_user_id:
        return None
    return IncomingMessage(slack_key(channel, user), text=text, message_id=f"{channel}:{ts}",
                           received_at=_when(ts), raw=envelope)


EVENT_TYPES: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any], str | None], IncomingMessage | None]] = {
    "message": _from_dm,
    "app_mention": _from_mention,
}


def _from_block_actions(raw: Mapping[str, Any]) -> IncomingMessage | None:
    actions = raw.get("actions") if isinstance(raw.get("actions"), list) else []
    action = next((as_dict(a) for a in actions if str(as_dict(a).get("action_id", "")).startswith(CHOICE_ACTION + ":")),
                  None)
    container, user = as_dict(raw.get("container")), as_dict(raw.get("user"))
    channel = as_dict(raw.get("channel")).get("id") or container.get("channel_id")
    message_ts = container.get("message_ts") or as_dict(raw.get("message")).get("ts")
    if action is None or not isinstance(user.get("id"), str) or not isinstance(channel, str):
        return None
    if action.get("type") == "static_select":
        chosen = as_dict(action.get("selected_option"))
        choice_id, label = chosen.get("value"), as_dict(chosen.get("text")).get("text")
    else:
        choice_id, label = action.get("value"), as_dict(action.get("text")).get("text")
    if not isinstance(choice_id, str) or not choice_id:
        return None
    return IncomingMessage(
        slack_key(channel, user["id"]), text=str(label or choice_id), choice_id=choice_id,
        message_id=f"click:{channel}:{message_ts}" if message_ts else None,
        user_name=user.get("username") or user.get("name"), received_at=_when(action.get("action_ts")), raw=raw,
    )


def _from_command(raw: Mapping[str, Any], dm_channel: str | None) -> IncomingMessage | None:
    user, channel = raw.get("user_id"), dm_channel or raw.get("channel_id")
    if not isinstance(user, str) or not isinstance(channel, str) or not user:
        return None
    trigger = raw.get("trigger_id")
    return IncomingMessage(slack_key(channel, user), text=str(raw.get("text") or "").strip(), command="mot",
                           message_id=f"command:{trigger}" if trigger else None, user_name=raw.get("user_name"),
                           raw=raw)


def _from_view_submission(raw: Mapping[str, Any], dm_channel: str | None) -> IncomingMessage | None:
    view, user = as_dict(raw.get("view")), as_dict(raw.get("user"))
    if view.get("callback_id") != STORY_FORM or not isinstance(user.get("id"), str):
        return None
    return IncomingMessage(slack_key(dm_channel or "", user["id"]), command="story", form=story_form(view),
                           message_id=f"view:{view['id']}" if view.get("id") else None,
                           user_name=user.get("username") or user.get("name"), raw=raw)


def to_incoming(
    raw: Mapping[str, Any], *, bot_user_id: str | None = None, dm_channel: str | None = None
) -> IncomingMessage | None:
    """A Slack payload (Events API envelope, block_actions, slash command form, view_submission) as
    the engine's message; None for everything the bot ignores. `dm_channel` is the person's direct
    message channel, where commands and forms continue (it is where their replies go)."""
    if not isinstance(raw, Mapping):
        return None
    try:
        return _translate(raw, bot_user_id=bot_user_id, dm_channel=dm_channel)
    except (TypeError, ValueError, AttributeError, KeyError):  # a field of an unexpected type: not for us
        return None


def _translate(raw: Mapping[str, Any], *, bot_user_id: str | None, dm_channel: str | None) -> IncomingMessage | None:
    kind = raw.get("type")
    if kind == "event_callback":
        event = as_dict(raw.get("event"))
        builder = EVENT_TYPES.get(str(event.get("type")))
        return builder(raw, event, bot_user_id) if builder else None
    if kind == "block_actions":
        return _from_block_actions(raw)
    if kind == "view_submission":
        return _from_view_submission(raw, dm_channel)
    if isinstance(raw.get("command"), str):
        return _from_command(raw, dm_channel)
    return None


def reply_thread(raw: Mapping[str, Any]) -> str | None:
    """Where replies to `raw` go: an @mention is answered in its thread; a message in a thread stays there."""
    if raw.get("type") == "event_callback":
        event = as_dict(raw.get("event"))
        if event.get("type") == "app_mention":
            return event.get("thread_ts") or event.get("ts")
        return event.get("thread_ts")
    if raw.get("type") == "block_actions":
        return as_dict(raw.get("message")).get("thread_ts") or as_dict(raw.get("container")).get("thread_ts")
    return None


_OBJECT_FIELDS = ("event", "team", "user", "channel", "container", "view", "message", "enterprise")
_LIST_FIELDS = ("actions", "authorizations")


def shape_problem(body: Any) -> str | None:
    """Why a (signed) payload cannot be a Slack payload, or None: objects where Slack sends objects,
    lists where it sends lists. Checked before bolt, whose middleware assumes these shapes."""
    if not isinstance(body, dict) or not body:
        return "not a JSON object"
    for name in _OBJECT_FIELDS:
        if body.get(name) is not None and not isinstance(body[name], dict):
            return f"{name} is not an object"
    for name in _LIST_FIELDS:
        value = body.get(name)
        if value is not None and not (isinstance(value, list) and all(isinstance(x, dict) for x in value)):
            return f"{name} is not a list of objects"
    kind = body.get("type", "")
    if not isinstance(kind, str) or not isinstance((body.get("event") or {}).get("type", ""), str):
        return "type is not a string"
    if kind == "event_callback" and not isinstance(as_dict(body.get("event")).get("type"), str):
        return "an event without a type"
    if kind in ("block_actions", "interactive_message") and not body.get("actions"):
        return "an action payload without actions"
    view = as_dict(body.get("view"))
    if kind in ("view_submission", "view_closed") and not all(isinstance(view.get(k), str) for k in ("type", "id")):
        return "a view without a type or id"
    return None
