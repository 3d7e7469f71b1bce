"""What every inbound payload goes through before an SDK or the database sees it: a body of at most
`MAX_BODY_BYTES` (`read_body`: one limit for every platform), JSON parsed with a bound on nesting,
then validated by pydantic models of just the fields the bot (and the SDK behind it) reads, built
from the field types below (`slack.translate.validated_payload`, `telegram.translate.validated_update`).
A payload that fails is answered at once (Slack: 400; Telegram: 200, or it would be re-sent again
and again), logged in one line (`log_rejected`), and nothing of it is processed or stored. The
models ignore every field they do not declare, so what passes on is the validated copy only.

Per field, the payload is either rejected or the value cleaned:

* **Ids are rejected** when of the wrong type (Slack ids are strings, Telegram ids integers), too
  long, empty, or carrying control characters or lone surrogates. An id is compared, keyed on and
  stored: a "cleaned" id would be another id, maybe someone else's conversation or an event already
  handled; and neither platform sends such ids, so the payload is not theirs. Lengths are bounded so
  that what we store from them fits our 255-character id columns, composites included
  (`slack:<channel>:<user>`, `click:<channel>:<ts>`, `<bot>:<chat>:<message>:click:<user>`).
* **Free text is cleaned** (`Text`: messages, captions, form answers, names, button labels): lone
  surrogates become U+FFFD and NUL characters are dropped. A person wrote it, and one stray code
  unit should not cost them their answer; neither can be stored (UTF-8, PostgreSQL text) or sent on
  as it is. Its length is not limited here: the body is at most 1 MB, and the router clips long
  messages with a notice.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Annotated, Any

from starlette.requests import Request

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
)

__all__ = ["MAX_BODY_BYTES", "MAX_DEPTH", "MAX_ID", "ChoiceId", "Key", "Malformed", "Name", "Shape", "ShortId", "TelegramInt", "Text",
           "clean_text", "load_json", "log_rejected", "problem_of", "read_body", "too_deep"]

log = logging.getLogger(__name__)

# Real payloads nest about 10 deep (Block Kit rich text inside a Slack message; a Telegram reply
# inside a callback query); pydantic, bolt and PTB all recurse over what they are given.
MAX_DEPTH = 32
MAX_BODY_BYTES = 1024 * 1024  # of one request, for every platform (Slack's own payloads stay far below)
MAX_ID = 255  # turn.message_id, turn.choice_id, processed_event.event_id, dialog_state.conversation


class Malformed(ValueError):
    """Not a payload the platform sends; `str()` is the reason, one short line."""


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes | None:
    """The request body, or None when it is larger than `limit` (checked before and while reading)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


# --- JSON with bounded nesting -----------------------------------------------------------------

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether the JSON text nests arrays/objects deeper than `limit`, found without recursion: drop
    the strings, keep the brackets, and peel the innermost pairs `limit` times. Whatever is left is
    deeper (or unbalanced, which is not JSON either)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    for _ in range(limit):
        if not brackets:
            return False
        brackets = _INNERMOST.sub("", brackets)
    return bool(brackets)


def _nested_deeper(value: Any, limit: int) -> bool:
    """The same question for parsed JSON, without recursion."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


_FEW_BRACKETS = 500  # json.loads recurses once per level: this few cannot reach the recursion limit


def load_json(text: str) -> Any:
    """`json.loads` that never recurses past MAX_DEPTH (a 1,000-deep nest is Malformed, not a
    RecursionError) and refuses NaN and Infinity, which JSON does not have. Payloads with few
    brackets (all real ones) are parsed first and measured after; the others are measured first
    (`too_deep`, slower), so the parser never meets a deep nest."""
    opening = text.count("{") + text.count("[")
    if opening > _FEW_BRACKETS and too_deep(text):
        raise Malformed(f"JSON nested deeper than {MAX_DEPTH}")
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except ValueError as exc:  # JSONDecodeError, NaN, an integer of over 4,300 digits
        raise Malformed("not JSON") from exc
    if MAX_DEPTH < opening <= _FEW_BRACKETS and _nested_deeper(value, MAX_DEPTH):
        raise Malformed(f"JSON nested deeper than {MAX_DEPTH}")
    return value


# --- field types ----------------------------------------------------------------------------------

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_NOT_IN_IDS = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Lone surrogates -> U+FFFD, NUL dropped (a surrogate *pair* arrives from JSON as one character)."""
    if not _UNSTORABLE.search(value):
        return value
    return _UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", value)


def _printable(value: str) -> str:
    if _NOT_IN_IDS.search(value):
        raise ValueError("an id with a control character or a lone surrogate")
    return value


Text = Annotated[StrictStr, AfterValidator(clean_text)]
"""Free text: cleaned, never rejected for its content."""

ChoiceId = Annotated[StrictStr, StringConstraints(min_length=1, max_length=MAX_ID), AfterValidator(_printable)]
"""An id the bot made up and gets back (button values, callback data, action and block ids): exact or rejected."""

Key = Annotated[StrictStr, StringConstraints(max_length=MAX_ID), AfterValidator(_printable)]
"""Like ChoiceId, but may be empty (a Slack view's `callback_id`)."""

ShortId = Annotated[StrictStr, StringConstraints(min_length=1, max_length=64), AfterValidator(_printable)]
"""An opaque id the platform made up that goes into a key we store (a Telegram callback query id)."""

Name = Annotated[StrictStr, StringConstraints(min_length=1, max_length=64), AfterValidator(_printable)]
"""A platform's name for a kind of thing: `message`, `block_actions`, `private`, `static_select`…"""

TelegramInt = Annotated[StrictInt, Field(ge=-(2**63), lt=2**63)]
"""Telegram ids and dates: integers (not floats, strings or booleans) that fit 64 bits."""


class Shape(BaseModel):
    """Base of the payload models: strict types, undeclared fields dropped, read-only."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True, populate_by_name=True)

    def dump(self) -> dict[str, Any]:
        """The validated payload as the platform's JSON (aliases, and no fields it did not send)."""
        return self.model_dump(by_alias=True, exclude_unset=True)


# --- saying no ------------------------------------------------------------------------------------


def problem_of(exc: ValidationError) -> str:
    """The first thing wrong, e.g. `event.user: Input should be a valid string` (no values: they
    may be huge or personal)."""
    first = exc.errors(include_url=False, include_input=False, include_context=False)[0]
    where = ".".join(str(part) for part in first["loc"]) or "payload"
    more = exc.error_count() - 1
    return f"{where}: {first['msg']}" + (f" (and {more} more)" if more else "")


def log_rejected(platform: str, problem: str) -> None:
    """The one log line for a rejected payload. Field names come from the sender, so the reason is
    shortened and escaped like a JSON string: no line breaks to forge log lines with, no lone
    surrogate to break the log handler's UTF-8 encoding."""
    log.warning("%s: malformed payload ignored (%s)", platform, json.dumps(problem[:200])[1:-1])
