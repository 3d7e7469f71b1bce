"""Pure rendering helpers for Telegram (no SDK, no I/O): our reply markup to Telegram HTML,
splitting long texts, inline keyboard layout, 64-byte `callback_data`, and deep links.

Reply texts use the reply markup of `bot.markup` (`*bold*`, `_italic_`, `~strike~`, `` `code` ``, `> `
quote lines, `<https://url|label>` links, `• ` bullets, mention tokens). Telegram's HTML parse mode is
the safest target: only `<`, `>` and `&` need escaping (MarkdownV2 would need ~18 characters escaped,
`!` and `.` included). Text people typed arrives marked inert by `bot.markup.escape`: each typed
character is set aside and HTML-escaped, never formatted, so only the product's own markup formats or
links. A mention is the person's name in bold, never a `tg://user` link (that would expose an account).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence

from bot.markup import SOFT_HYPHEN, Mention, from_entities, render

MESSAGE_LIMIT = 4096  # characters of a sendMessage text, after entity parsing
CAPTION_LIMIT = 1024  # characters of a sendPhoto caption
CALLBACK_DATA_LIMIT = 64  # bytes of an inline button's callback_data
BUTTON_LABEL_LIMIT = 60  # longer labels are cut on the button (Telegram would wrap or cut them anyway)
MAX_BUTTONS = 100  # Telegram's limit per inline keyboard
HASHED_PREFIX = "#"  # callback_data of a choice id that does not fit (see `callback_data_for`)

_START_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
_LINK = re.compile(r"<(https?://[^|>\s]+)(?:\|([^>\n]+))?>")
_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(?=\S)([^_\n]*?\S)_(?![\w_])")
_STRIKE = re.compile(r"(?<![\w~])~(?=\S)([^~\n]*?\S)~(?![\w~])")
_PLACEHOLDER = "\x00{}\x00"


# --- markdown -> HTML ----------------------------------------------------------------------------


def _escape(text: str) -> str:
    """Product text (and raw Slack entities, legacy) -> HTML text."""
    return html.escape(from_entities(text), quote=False)


def _bold_name(person: Mention) -> str:
    return f"*{person.name}*"


def _typed_html(char: str) -> str:
    return html.escape(char, quote=False)


def _without_quote_guard(text: str) -> str:
    """The soft hyphen `escape` puts before a typed line-leading `>` is not needed here (a typed `>`
    never starts a quote): drop it, as before."""
    return text.replace(SOFT_HYPHEN + "\\>", "\\>")


def _inline_html(line: str) -> str:
    """One line of product markup -> Telegram HTML (typed characters are placeholders by now, see
    `bot.markup.render`). Code spans and links are set aside first so their contents are escaped but
    never formatted. Only raw `<url|label>` markup makes a link, and only the product writes it raw."""
    kept: list[str] = []

    def keep(fragment: str) -> str:
        kept.append(fragment)
        return _PLACEHOLDER.format(len(kept) - 1)

    def restore(text: str) -> str:
        return re.sub("\x00(\\d+)\x00", lambda m: restore(kept[int(m.group(1))]), text)

    line = line.replace("\x00", "")
    line = _CODE.sub(lambda m: keep(f"<code>{_escape(m.group(1))}</code>"), line)
    line = _LINK.sub(
        lambda m: keep(f'<a href="{html.escape(from_entities(m.group(1)))}">{_escape(m.group(2) or m.group(1))}</a>'),
        line,
    )
    line = _escape(line)
    line = _BOLD.sub(r"<b>\1</b>", line)
    line = _ITALIC.sub(r"<i>\1</i>", line)
    line = _STRIKE.sub(r"<s>\1</s>", line)
    return restore(line)


def to_html(text: str) -> str:
    """Reply markup -> Telegram HTML (parse_mode="HTML"). Consecutive `> ` lines become one
    `<blockquote>`; everything else is escaped, so user-typed `<b>` shows up literally."""
    return render(_without_quote_guard(text), typed=_typed_html, mention=_bold_name, product=_product_html)


def _product_html(text: str) -> str:
    out: list[str] = []
    quote: list[str] = []
    for line in text.split("\n"):
        if line.startswith(">"):
            quote.append(_inline_html(line[1:].removeprefix(" ")))
            continue
        if quote:
            out.append("<blockquote>" + "\n".join(quote) + "</blockquote>")
            quote = []
        out.append(_inline_html(line))
    if quote:
        out.append("<blockquote>" + "\n".join(quote) + "</blockquote>")
    return "\n".join(out)


def split_text(text: str, *, limit: int = MESSAGE_LIMIT, html_mode: bool = True) -> list[str]:
    """Cut `text` (reply markup) into pieces whose rendered form fits `limit`, at line breaks,
    else at spaces, else anywhere. Returns the *source* pieces; render each with `to_html`."""
    size = (lambda s: len(to_html(s))) if html_mode else len
    pieces: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        candidate = "\n".join([*current, line])
        if size(candidate) <= limit:
            current.append(line)
            continue
        if current:
            pieces.append("\n".join(current))
            current = []
        while size(line) > limit:  # one line longer than a whole message
            cut = _cut_point(line, limit, size)
            pieces.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        current = [line]
    if current:
        pieces.append("\n".join(current))
    return [p for p in pieces if p.strip()] or [text[:limit]]


def _cut_point(line: str, limit: int, size) -> int:  # type: ignore[no-untyped-def]
    cut = min(len(line), limit)
    while cut > 1 and size(line[:cut]) > limit:  # escaping (&amp;) can grow the text
        cut -= max(1, cut // 20)
    space = line.rfind(" ", 0, cut)
    return space if space > cut // 2 else cut


def strip_markdown(text: str) -> str:
    """A readable plain-text fallback (used if Telegram ever rejects our HTML)."""
    return render(_without_quote_guard(text), typed=lambda char: char, mention=_bold_name, product=_strip_product)


def _strip_product(text: str) -> str:
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})" if m.group(2) else m.group(1), text.replace("\x00", ""))
    for pattern in (_BOLD, _ITALIC, _STRIKE, _CODE):
        text = pattern.sub(r"\1", text)
    return from_entities(text)


# --- inline keyboards ------------------------------------------------------------------------------


def callback_data_for(choice_id: str) -> str:
    """The `callback_data` for a choice id. Telegram allows at most 64 bytes: an id that does not fit
    (or that starts with `#`) is sent as `#` + 40 hex chars of its SHA-256. The adapter remembers
    hash -> id for the ids it rendered (`hashed_choice_ids`), and when it has forgotten (a restart),
    the clicked button's label is passed on as typed text, which the dialogs also accept."""
    if len(choice_id.encode()) <= CALLBACK_DATA_LIMIT and not choice_id.startswith(HASHED_PREFIX):
        return choice_id
    return HASHED_PREFIX + hashlib.sha256(choice_id.encode()).hexdigest()[:40]


def hashed_choice_ids(choice_ids: Sequence[str]) -> dict[str, str]:
    """callback_data -> choice id for the ids that had to be hashed."""
    return {data: cid for cid in choice_ids if (data := callback_data_for(cid)) != cid}


def button_label(label: str) -> str:
    label = " ".join(label.split()) or "…"
    return label if len(label) <= BUTTON_LABEL_LIMIT else label[: BUTTON_LABEL_LIMIT - 1].rstrip() + "…"


def keyboard_layout(labels: Sequence[str]) -> list[list[int]]:
    """Rows of indexes into `labels`: short labels side by side (Yes | No; a 2x2 rating grid),
    long ones (moment names) one per row so they are not cut."""
    count = min(len(labels), MAX_BUTTONS)
    if count == 0:
        return []
    widest = max(len(button_label(label)) for label in labels[:count])
    if count <= 3 and widest <= 12:
        per_row = count
    elif widest <= 16:
        per_row = 2
    else:
        per_row = 1
    return [list(range(i, min(i + per_row, count))) for i in range(0, count, per_row)]


# --- deep links ------------------------------------------------------------------------------------


def start_payload(kind: str, ref: str) -> str:
    """`visit`, `123` -> `visit_123`: the `start` parameter of a deep link (1-64 of A-Z a-z 0-9 _ -)."""
    payload = f"{kind}_{ref}"
    if not _START_PAYLOAD.match(payload):
        raise ValueError(
            f"{payload!r} can't be a Telegram deep link: use at most {64 - len(kind) - 1} letters, digits, _ or -"
        )
    return payload


def deep_link(bot_username: str, payload: str) -> str:
    """`https://t.me/<bot>?start=<payload>`: opens the bot and sends `/start <payload>` when tapped."""
    username = bot_username.strip().removeprefix("@")
    if not _USERNAME.match(username):
        raise ValueError(f"{bot_username!r} is not a Telegram bot username")
    if not _START_PAYLOAD.match(payload):
        raise ValueError(f"{payload!r} is not a valid deep link payload")
    return f"https://t.me/{username}?start={payload}"


def visit_link(bot_username: str, ref: str) -> str:
    """The link printed (as a QR code) on a receipt: `https://t.me/<bot>?start=visit_<ref>`."""
    return deep_link(bot_username, start_payload("visit", ref))
