"""Person-typed text in a reply: `escape(text)` makes it inert in the internal reply format (Slack-style
mrkdwn: `*bold*`, `_italic_`, `> ` quotes, `<@U1>` mentions, `<url|label>` links), so a story, a
customer's comment or a typed name shows the characters that were typed and never becomes a mention,
a link, a quote or formatting. Only the product's own markup (`bot.roster.mention`, the templates
around the text) stays live. A leaf: no other bot imports.

Each form below is one Slack itself displays literally, so the Slack renderer sends the text as it
is; the console and the Telegram renderer turn them back into the typed characters (`unescape`,
and `LITERAL` for the formatting characters).

- `&`, `<`, `>` -> `&amp;`, `&lt;`, `&gt;`: Slack's own escaping. An existing `&amp;`/`&lt;`/`&gt;` is
  kept as it is, because Slack delivers typed text that way.
- `*`, `_`, `~` that could open or close formatting, and every backtick -> `literal(c)`, a date token
  with an invalid format: Slack shows its fallback `c` as plain, unformatted text (the trick behind
  jsx-slack's `<Escape>`). Inside a word (`a_b`, `2*3`) they stay: formatting needs a word boundary.
- `>` starting a line -> soft hyphen + `&gt;`: Slack would quote a line starting with `&gt;` too.
- `@name` -> `@`, word joiner, `name`: invisible, and Telegram no longer makes it a live mention (Slack
  pings for a plain `@name` only with `link_names`, which our posts never set).
- a URL -> the URL in inline code (see `_URL`): shown, not a link.
- Slack markup in text typed on Slack (`<@U1>`, `<!here>`, `<https://x|label>`) -> the words it stands
  for (`@U1`, `@here`, ``label (`https://x`)``), then all of the above.

A later step replaces the mrkdwn string with neutral spans; `escape` marks exactly the text that
would become a plain-text span."""

from __future__ import annotations

import re

# A URL someone typed is shown as itself, in inline code, never as a link: no disguised label, and
# code is what stops auto-linking. Telegram documents it (`code` can't contain other entities, so no
# url entity is made inside); Slack documents no way to stop linkifying, and shows code spans
# verbatim (not checked against a live workspace from here). A bare domain (`evil.example/x`) is
# left as text: a platform may linkify it, but what is shown is then where it goes.
_URL = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]{1,15}://|www\.)[^\s<>|`\"]+")
_URL_TAIL = ".,;:!?)]}'*_~"
# Slack's own markup inside typed text (<@U1>, <#C1|general>, <!here>, <https://x|label>).
_SLACK_MARKUP = re.compile(r"<([@#!][^<>|\s]*|(?:https?|mailto|tel|ftp|slack):[^<>|\s]+)(?:\|([^<>]*))?>", re.I)
_SPECIAL = re.compile(r"[&<>*_~`@]")
_ENTITY = re.compile(r"&(amp|lt|gt);")
_BARE_AMP = re.compile(r"&(?!(?:amp|lt|gt);)")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}
_QUOTE_START = re.compile(r"(^|\n)(?=&gt;)")
_USERNAME_CHAR = re.compile(r"[A-Za-z0-9_]")
SOFT_HYPHEN, WORD_JOINER = "\u00ad", "\u2060"
LITERAL = re.compile(r"<!date\^00000000\^\{_\}\|([^<>])>")  # group 1: the character as typed


def literal(char: str) -> str:
    """One character Slack shows as itself, unformatted (the fallback of an unparseable date)."""
    return f"<!date^00000000^{{_}}|{char}>"


def escape(text: str) -> str:
    """Person-typed text -> inert internal-format text. Escape once, at the line that renders the
    text, and clip before escaping, never after (a cut could split an entity)."""
    out: list[str] = []
    for kind, piece in _pieces(text):
        out.append(f"`{_BARE_AMP.sub('&amp;', piece)}`" if kind == "url" else _plain(piece))
    return _QUOTE_START.sub(lambda m: m.group(1) + SOFT_HYPHEN, "".join(out))


def unescape(text: str) -> str:
    """Internal-format text -> the characters as typed (for renderers that print text as is). The
    product's own markup (`*bold*`, code spans, `<@U1>`) is left alone, and so is the invisible word
    joiner after a typed `@` (it keeps Telegram from making a mention of it)."""
    text = LITERAL.sub(lambda m: m.group(1), text).replace(SOFT_HYPHEN + "&gt;", "&gt;")
    return _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], text)


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
    def one(match: re.Match[str]) -> str:
        char, at = match.group(0), match.start()
        before, after = text[at - 1 : at], text[at + 1 : at + 2]
        if char == "&":
            return "&amp;" if _BARE_AMP.match(text, at) else "&"
        if char == "<":
            return "&lt;"
        if char == ">":
            return "&gt;"
        if char == "@":
            typed_mention = not (before.isalnum() or before == "_") and _USERNAME_CHAR.match(after)
            return "@" + WORD_JOINER if typed_mention else "@"
        if char != "`" and before.isalnum() and after.isalnum():
            return char  # inside a word (a_b, 2*3): never formatting, on Slack or in our Telegram rules
        return literal(char)

    return _SPECIAL.sub(one, text)
