"""The storybot reply markup: what dialogs, the router and weekly posts write in `OutgoingMessage.text`,
and what each adapter renders (Slack mrkdwn, Telegram HTML, console plain text). A leaf: no other bot
imports.

The product's own formatting, which only templates write:
- `*bold*`, `_italic_`, `~strike~`, `` `code` `` (formatting needs a word boundary: `a_b`, `2*3` stay text);
- a line starting with `> ` is a quote; `• ` starts a bullet (just a character);
- `<https://url|label>` (or `<https://url>`) is a link;
- `mention(person_ids, name)` -> `<@person:slack:U0SAM,console:sam|Sam>`: a person, shown by each adapter
  its own way (Slack `<@U0SAM>` where they have a Slack id, else the name in bold; Telegram the name in
  bold, never a `tg://user` link, so no account id leaks; console `@Sam`); renderers get it as a `Mention`.

Person-typed text (a story, a customer's comment, a display name) goes through `escape(text)`, once, at
the line that writes it (clip before, never after): it then shows the characters that were typed and
never becomes formatting, a quote, a link or a mention. `escape` writes:
- `\\` + the character for `\\ < >` always, for `* _ ~` where they could format (at a word boundary),
  every backtick, and `&` where it could start an entity (`&amp;`, `&lt`, `&gt`);
- a soft hyphen before the `\\>` of a line that starts with a typed `>` (so no renderer's quote rule
  sees it, even one that looks at line starts before reading escapes);
- `@name` -> `@`, word joiner, `name`: invisible, and Telegram no longer makes it a live mention;
- a URL -> the URL in inline code (see `_URL`): shown, not a link;
- Slack markup (`<@U1>`, `<!here>`, `<https://x|label>`) and Slack's entities (`&amp;`, `&lt;`, `&gt;`)
  -> the words and characters they stand for, then all of the above. Text typed on Slack arrives that
  way, and stories stored so far keep that form (legacy: read here, never written).

Renderers call `render(text, typed=..., mention=..., product=...)`: mentions are replaced first (by
more markup), each typed character becomes the platform's literal form, the rest is the product's
markup for `product` to convert. Drafts stored before this format (Slack's `<!date^…|c>` typed
characters, see `LEGACY_LITERAL`) are read as typed characters too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# A URL someone typed is shown as itself, in inline code, never as a link: no disguised label, and
# code is what stops auto-linking. Telegram documents it (`code` can't contain other entities, so no
# url entity is made inside); Slack documents no way to stop linkifying, and shows code spans
# verbatim (not checked against a live workspace from here). A bare domain (`evil.example/x`) is
# left as text: a platform may linkify it, but what is shown is then where it goes.
_URL = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]{1,15}://|www\.)[^\s<>|`\"]+")
_URL_TAIL = ".,;:!?)]}'*_~"
# Slack's own markup inside typed text (<@U1>, <#C1|general>, <!here>, <https://x|label>).
_SLACK_MARKUP = re.compile(r"<([@#!][^<>|\s]*|(?:https?|mailto|tel|ftp|slack):[^<>|\s]+)(?:\|([^<>]*))?>", re.I)
_SPECIAL = re.compile(r"[&<>*_~`@\\]")
_ENTITY = re.compile(r"&(amp|lt|gt);")
_ENTITY_START = re.compile(r"&(?=amp|lt|gt)")  # no `;` needed: the text after `escape`'s may add it
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}
_QUOTE_START = re.compile(r"(^|\n)(?=\\>)")
_USERNAME_CHAR = re.compile(r"[A-Za-z0-9_]")
SOFT_HYPHEN, WORD_JOINER = "\u00ad", "\u2060"
# The typed-character form Slack-era drafts were stored with (an unparseable Slack date, shown as its
# fallback character): read as a typed character by `render`, never written any more.
LEGACY_LITERAL = re.compile(r"<!date\^00000000\^\{_\}\|([^<>])>")
_MENTION = re.compile(r"<@person:([^|<>\s]*)\|((?:\\[\s\S]|[^\\>])*)>")
_TYPED = re.compile(r"\\([\s\S])|" + LEGACY_LITERAL.pattern)
_SLOT = "\x01{}\x01"
_SLOTS = re.compile("\x01(\\d+)\x01")


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named in a reply: their person ids (`slack:U0SAM`, ...) and their name, in this markup
    (escaped: render it like any other text)."""

    person_ids: tuple[str, ...]
    name: str

    def user_on(self, platform: str) -> str | None:
        """Their user id on `platform` (`U0SAM` for "slack"), if they have one."""
        prefix = f"{platform}:"
        return next((pid[len(prefix):] for pid in self.person_ids if pid.startswith(prefix)), None)


def mention(person_ids: Iterable[str], name: str) -> str:
    """The one way a reply names a person: a token each adapter renders (see the module docstring).
    Person ids hold no `,`, `|`, `<`, `>` or spaces (they are `platform:user id`)."""
    return f"<@person:{','.join(person_ids)}|{escape(name)}>"


def _mention(match: re.Match[str]) -> Mention:
    return Mention(tuple(pid for pid in match.group(1).split(",") if pid), match.group(2))


def render(
    text: str,
    *,
    typed: Callable[[str], str],
    mention: Callable[[Mention], str],
    product: Callable[[str], str],
) -> str:
    """Reply markup -> a platform's text. `mention(m)` returns markup that stands for the person (it is
    rendered like the rest); `typed(c)` the platform's form of one typed character (final: nothing
    converts it further); `product(text)` converts the product's markup, in which each typed character
    is a placeholder (`\\x01<n>\\x01`: no word character, no space) that it must pass through."""
    text = _MENTION.sub(lambda m: mention(_mention(m)), text.replace("\x01", ""))
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(typed(match.group(1) if match.group(1) is not None else match.group(2)))
        return _SLOT.format(len(kept) - 1)

    out = product(_TYPED.sub(keep, text))
    return _SLOTS.sub(lambda m: kept[int(m.group(1))], out)


def unescape(text: str, *, mention: Callable[[Mention], str] | None = None) -> str:
    """Reply markup -> the same markup with typed characters as typed and mentions as `mention` writes
    them (default `@Name`; `mention` returns markup, like for `render`): a preview for people reading
    the source (the CLI's dry run). Keeps the invisible word joiner after a typed `@`."""
    shown = mention or (lambda m: "@" + m.name)
    return render(text.replace(SOFT_HYPHEN + "\\>", "\\>"), typed=lambda c: c, mention=shown, product=from_entities)


def from_entities(text: str) -> str:
    """Slack's entities (`&amp;`, `&lt;`, `&gt;`) -> characters: raw Slack text that reached a reply
    without `escape` (legacy, as stored) reads as typed."""
    return _decode(text.replace(SOFT_HYPHEN + "&gt;", "&gt;"))


def _decode(text: str) -> str:
    return _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], text)


def escape(text: str) -> str:
    """Person-typed text -> inert reply markup (see the module docstring). Escape once, at the line
    that renders the text, and clip before escaping, never after (a cut could split an escape)."""
    out: list[str] = []
    for kind, piece in _pieces(text):
        out.append(f"`{_code(piece)}`" if kind == "url" else _plain(piece))
    return _QUOTE_START.sub(lambda m: m.group(1) + SOFT_HYPHEN, "".join(out))


# --- pieces ---------------------------------------------------------------------------------------


def _pieces(text: str) -> list[tuple[str, str]]:
    """("text" | "url", piece): Slack markup made readable, then bare URLs set apart."""
    pieces: list[tuple[str, str]] = []
    last = 0
    for match in _SLACK_MARKUP.finditer(text):
        pieces.append(("text", text[last : match.start()]))
        pieces.extend(_readable(match.group(1), match.group(2)))
        last = match.end()
    pieces.append(("text", text[last:]))
    out: list[tuple[str, str]] = []
    for kind, piece in pieces:
        if kind == "url":
            out.append((kind, piece))
            continue
        start = 0
        for match in _URL.finditer(piece):
            url = match.group(0).rstrip(_URL_TAIL)
            out.append(("text", piece[start : match.start()]))
            out.append(("url", url))
            start = match.start() + len(url)
        out.append(("text", piece[start:]))
    return [(kind, piece) for kind, piece in out if piece]


def _readable(target: str, label: str | None) -> list[tuple[str, str]]:
    """One piece of Slack markup as the words it stands for."""
    label = (label or "").strip()
    if target[0] in "@#":
        return [("text", target[0] + (label.lstrip(target[0]) or target[1:]))]
    if target[0] == "!":  # <!here>, <!channel>, <!subteam^S1|@team>, <!date^…|fallback>
        name = target[1:].split("^", 1)[0]
        if name == "date":
            return [("text", label)]
        return [("text", label if label.startswith("@") else "@" + (label or name))]
    bare = target.split(":", 1)[1].lstrip("/")
    if not label or label in (target, bare):
        return [("url", target)]
    return [("text", f"{label} ("), ("url", target), ("text", ")")]


def _plain(text: str) -> str:
    text = _decode(text)  # typed on Slack: `&amp;` is how Slack delivers `&`

    def one(match: re.Match[str]) -> str:
        char, at = match.group(0), match.start()
        before, after = text[at - 1 : at], text[at + 1 : at + 2]
        if char == "&":
            return "\\&" if _ENTITY_START.match(text, at) else "&"
        if char == "@":
            typed_mention = not (before.isalnum() or before == "_") and _USERNAME_CHAR.match(after)
            return "@" + WORD_JOINER if typed_mention else "@"
        if char in "*_~" and before.isalnum() and after.isalnum():
            return char  # inside a word (a_b, 2*3): never formatting, on Slack or in our Telegram rules
        return "\\" + char

    return _SPECIAL.sub(one, text)


def _code(url: str) -> str:
    """A typed URL inside the code span `escape` puts it in: nothing in it may read as markup."""
    url = _decode(url)
    return re.sub(r"[\\<>]|&(?=amp|lt|gt)", lambda m: "\\" + m.group(0), url)
