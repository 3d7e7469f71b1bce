"""Remove contact and payment details before a text is stored: `redact(text) -> Redaction`.

    redact("call me on 07700 900123 or a@b.com").text == "call me on [phone] or [email]"

- e-mail addresses -> `[email]`
- payment-card numbers: 13-19 digits, optionally grouped by single spaces or dashes, passing the Luhn
  check -> `[card]` (a number that fails the check is not a card and is left to the phone rule)
- phone numbers -> `[phone]`: international (`+44 20 7946 0958`, `+1 (555) 123-4567`, `0044 ...`), UK
  national with a leading 0 (`07700 900123`, `(020) 7946 0958`, `0161-496-0000`) and North American
  (`(555) 123-4567`, `555-123-4567`, `555.123.4567`).

What survives on purpose: dates (`21/09/2021`, `2026-11-22`, `22.11.2026`), times (`10am`, `14:30`),
money (`£20`, `$1,250.00`), ages, room and bed numbers, MOT ids (`check-in`), visit references
(`visit_123`, `ref 12345678`) and other short numbers. Plain regular expressions are enough here:
the spaCy tokenizer's `like_email`/`like_num` flags would find the same spans, less precisely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])")
# 13-19 digits in groups separated by at most one space or dash (no letters or word chars around them)
_CARD = re.compile(r"(?<![\w+])\d(?:[ -]?\d){12,18}(?![\w])")
_PHONE = re.compile(
    r"""(?<![\w/:£$€+-])(?<!\d[.,])(?:
        (?:\+|00)\d{1,3}[ .-]?(?:\(0\)[ .-]?)?(?:\(\d{1,5}\)|\d{1,5})(?:[ .-]?\d{2,5}){1,4}   # international
      | \(0\d{1,4}\)[ .-]?\d{3,4}[ .-]?\d{3,4}                                            # (020) 7946 0958
      | 0\d{2,4}(?:[ .-]?\d{3,4}){1,2}(?:[ .-]?\d{2,4})?                                  # 07700 900123
      | \(\d{3}\)[ .-]?\d{3}[ .-]\d{4}                                                    # (555) 123-4567
      | \d{3}[.-]\d{3}[.-]\d{4}                                                           # 555-123-4567
    )(?![\w/:£$€]|[.,-]\d)""",
    re.VERBOSE,
)
_DATE_LIKE = re.compile(r"^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4})$")
_DIGITS = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text and how many of each kind were replaced."""

    text: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.counts.values())


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card(match: re.Match[str]) -> str | None:
    digits = "".join(_DIGITS.findall(match.group()))
    return "[card]" if 13 <= len(digits) <= 19 and luhn_ok(digits) else None


def _phone(match: re.Match[str]) -> str | None:
    span = match.group()
    digits = len(_DIGITS.findall(span))
    international = span.startswith(("+", "00"))
    if _DATE_LIKE.match(span) or digits > 15 or digits < (8 if international else 10):
        return None
    return "[phone]"


def _substitute(pattern: re.Pattern[str], text: str, replace) -> tuple[str, int]:
    count = 0

    def sub(match: re.Match[str]) -> str:
        nonlocal count
        out = replace(match)
        if out is None:
            return match.group()
        count += 1
        return out

    return pattern.sub(sub, text), count


def redact(text: str) -> Redaction:
    """Replace e-mails, card numbers and phone numbers; everything else is returned unchanged."""
    if not text:
        return Redaction(text or "", {"email": 0, "card": 0, "phone": 0})
    text, emails = _substitute(_EMAIL, text, lambda m: "[email]")
    text, cards = _substitute(_CARD, text, _card)
    text, phones = _substitute(_PHONE, text, _phone)
    return Redaction(text, {"email": emails, "card": cards, "phone": phones})


def redact_text(text: str) -> str:
    """Just the redacted text (the `Callable[[str], str]` the router's `redact` service expects)."""
    return redact(text).text
