"""The terminal as a chat platform: `storybot console --as alice`. Works interactively and with
piped stdin (one message per line), so conversations can be scripted."""

from __future__ import annotations

import asyncio
import re
import sys
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TextIO

from bot.events import Choice, ConversationKey, IncomingMessage, OutgoingMessage, Platform
from bot.markup import SOFT_HYPHEN, Mention, from_entities, render

Handler = Callable[[IncomingMessage], Awaitable[list[OutgoingMessage]]]
_COMMAND = re.compile(r"^/(\w+)\s*(.*)$", re.S)
# The product's formatting (bot.markup), shown as the words it marks: `*bold*` -> bold. Code spans keep
# their backticks (they set typed URLs apart); links show label and address.
_CODE = re.compile(r"(`[^`\n]+`)")
_LINK = re.compile(r"<(https?://[^|>\s]+)(?:\|([^>\n]+))?>")
_EMPHASIS = re.compile(r"(?<![\w*_~])([*_~])(?=\S)((?:(?!\1)[^\n])*?\S)\1(?![\w*_~])")


def console_key(user: str) -> ConversationKey:
    return ConversationKey(Platform.CONSOLE, "console", user)


def to_incoming(line: str, *, user: str, last_choices: tuple[Choice, ...] = ()) -> IncomingMessage:
    """A typed line -> message. `/cmd args` is a command; a number or label of the choices just
    shown is a click on that choice."""
    text = line.rstrip("\r\n")
    key = console_key(user)
    message_id = f"console:{uuid.uuid4().hex}"
    match = _COMMAND.match(text.strip())
    if match:
        return IncomingMessage(key, text=match.group(2).strip(), command=match.group(1).lower(),
                               message_id=message_id, user_name=user)
    said = text.strip().lower()
    for index, choice in enumerate(last_choices, 1):
        if said == str(index) or said == choice.label.lower():
            return IncomingMessage(key, text=choice.label, choice_id=choice.id, message_id=message_id, user_name=user)
    return IncomingMessage(key, text=text, message_id=message_id, user_name=user)


def to_text(text: str) -> str:
    """Reply markup (`bot.markup`) -> readable plain text: formatting markers dropped (`*Check in*` shows
    as `Check in`), quotes as `> `, mentions as `@Name`, typed characters as typed."""
    return render(text.replace(SOFT_HYPHEN + "\\>", "\\>"), typed=lambda char: char, mention=_at_name,
                  product=_plain)


def _at_name(person: Mention) -> str:
    return "@" + person.name


def _plain(text: str) -> str:
    pieces = _CODE.split(text)  # odd pieces are code spans: shown as they are
    for i in range(0, len(pieces), 2):
        piece = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})" if m.group(2) else m.group(1), pieces[i])
        while (stripped := _EMPHASIS.sub(r"\2", piece)) != piece:  # *_nested_*
            piece = stripped
        pieces[i] = piece
    return from_entities("".join(pieces))


def to_lines(message: OutgoingMessage) -> list[str]:
    """Render a reply: text (what people typed shown as they typed it, the product's formatting as plain
    words), numbered choices, and where an image was written."""
    text = to_text(message.text) if message.markdown else message.text
    lines = [f"bot> {line}" if i == 0 else f"     {line}" for i, line in enumerate(text.splitlines() or [""])]
    lines.extend(f"     {i}) {choice.label}" for i, choice in enumerate(message.choices, 1))
    if message.image_path:
        lines.append(f"     [picture saved to {message.image_path}]")
    return lines


@dataclass(slots=True)
class ConsoleAdapter:
    handler: Handler
    user: str
    out: TextIO = field(default_factory=lambda: sys.stdout)
    echo: bool = False
    last_choices: tuple[Choice, ...] = ()

    def _print(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    async def send(self, message: OutgoingMessage) -> None:
        for line in to_lines(message):
            self._print(line)
        if message.choices:
            self.last_choices = message.choices

    async def handle_line(self, line: str) -> bool:
        """Process one typed line; False when the user asked to quit."""
        stripped = line.strip()
        if self.echo:
            self._print(f"{self.user}> {stripped}")
        if stripped in ("/quit", "/exit"):
            return False
        if stripped.startswith("/as "):
            self.user = stripped[4:].strip().lower() or self.user
            self.last_choices = ()
            self._print(f"(you are now talking as console:{self.user})")
            return True
        if not stripped:
            return True
        message = to_incoming(line, user=self.user, last_choices=self.last_choices)
        self.last_choices = ()
        try:
            replies = await self.handler(message)
        except Exception as exc:  # noqa: BLE001 - the console must survive anything the bot does
            self._print(f"bot> Sorry, something went wrong on my side ({type(exc).__name__}). Please try again.")
            return True
        for reply in replies:
            await self.send(reply)
        return True

    async def run(self, stream: TextIO | None = None) -> None:
        """Read lines until EOF or /quit."""
        stream = stream or sys.stdin
        interactive = stream.isatty()
        while True:
            if interactive:
                print(f"{self.user}> ", end="", file=self.out, flush=True)
            line = await asyncio.to_thread(stream.readline)
            if not line:
                break
            if not await self.handle_line(line):
                break
        if interactive:
            self._print("bye!")
