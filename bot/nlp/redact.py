"""Remove personal details before a text is stored: `redact(text, names=False) -> Redaction`.

    redact("call me on 07700 900123 or a@b.com").text == "call me on [phone] or [email]"

- e-mail addresses -> `[email]`, also spelled out: `john dot smith at gmail dot com`, `jo (at) nhs (dot) net`,
  `jsmith at gmail.com` (a plain "at" before a plain domain only with a mail provider's domain, a local part
  that is not a plain word, or "e-mail" just before: "look at nhs.uk" is not an address)
- payment-card numbers: 13-19 digits, optionally grouped by single spaces or dashes, with a card network's
  prefix and passing the Luhn check -> `[card]`
- NHS numbers: 10 digits (`943 476 5919`, `9434765919`) passing the NHS mod-11 check -> `[nhs-number]`
  when written with spaces or none, or after the word "NHS"
- phone numbers -> `[phone]`: international (`+44 20 7946 0958`, `+44 (0)20 ...`, `0044 ...`), UK with a
  leading 0 and 10-11 digits in any grouping (`07700 900123`, `07 700 900 123`, `(020) 7946 0958`),
  North American (`(555) 123-4567`, `202-555-0143`, `1-800-555-0199`, a bare `2025550143`), and a
  7-digit local number right after "call"/"phone"/"ring"...
- UK postcodes (`SW1A 1AA`, `m1 1ae`; known postcode areas only; without the space only in capitals, or
  in any case right after "postcode", "address", "I live at/in": `postcode ls62ab`, `i live at b33 8th`) ->
  `[postcode]`
- with `names=True` (a team's `redact_customer_names` setting, for customers' comments): person names ->
  `[name]`: the capitalised name after an honorific or role ("Dr [name]", "nurse [name]", "Mr. [name]",
  "Dr van der [name]", "the bartender, [name], ..."), after "my name is", "called"/"named" (after a noun),
  "thanks to"/"thank you"/"ask for", common first names (bot/nlp/forename.py, accents folded: "Seán") with the
  capitalised surname that follows, and a word that is no English word starting a clause, in any case, placed
  by where its person works or what they do ("kwame at the front desk", "giovanni the chef").

Numbers are read as a whole: digit groups joined by single spaces, dashes, dots or brackets, then the
longest run of groups that has a phone/NHS shape. The words just before a number decide the ambiguous
10-digit ones: "NHS" -> NHS number, "call"/"mobile"/... -> phone, "ref"/"order"/"invoice"/... -> neither.

What survives on purpose: dates (`21/09/2021`, `2026-11-22`, `22.11.2026`, `12 03 2024`), times (`10am`,
`14:30`), money (`£20`, `$1,250.00`), ages, room, bed and ward numbers (`ward 7B`), MOT ids (`check-in`),
visit references (`visit_123`, `ref 12345678`, `ref 2025550143`), emergency and service numbers (`111`,
`999`) and other short numbers. No NER model is available offline, so the name rules are deliberately
narrow: a name said without any of those cues ("thanks Priya") stays.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from bot.nlp.forename import FORENAMES

KINDS = ("email", "card", "nhs-number", "phone", "postcode", "name")

# --- e-mail ---------------------------------------------------------------------------------------
_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9])?"
_SAY_AT = r"(?:\s*[(\[{<]\s*at\s*[)\]}>]\s*|\s+at\s+|\s*@\s*)"
_SAY_DOT = r"(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+|\.)"
_TLDS = ("com|net|org|co|uk|gov|edu|ac|nhs|io|ie|info|biz|me|us|ca|au|nz|de|fr|es|it|nl|be|eu|in|pk|ng|za|pl|"
         "ro|scot|wales|cymru|online|email")
_SPOKEN_EMAIL = re.compile(
    rf"(?<![\w.@-])(?P<local>{_LABEL}(?:(?:{_SAY_DOT}|\s+underscore\s+|\s+dash\s+|\s+hyphen\s+){_LABEL}){{0,3}})"
    rf"(?P<at>{_SAY_AT})(?P<domain>{_LABEL}(?:{_SAY_DOT}{_LABEL}){{0,3}}{_SAY_DOT}(?:{_TLDS}))(?![\w@-]|\.\w)",
    re.IGNORECASE,
)
_MAIL_PROVIDERS = frozenset("""gmail googlemail hotmail outlook live msn yahoo ymail icloud me mac aol btinternet
btopenworld sky virginmedia ntlworld blueyonder talktalk tiscali proton protonmail gmx mail""".split())
# Words seen before "at <website>" in feedback: "look at nhs.uk" is not an address.
_NOT_LOCAL = frozenset("""look looked looking arrived available online found find site website web page info information
details help advice listed posted published registered book booked apply applied check checked go went search
searched see seen saw read booking form forms it us them me here there him her this that""".split())
_MAIL_CUE = re.compile(r"\b(?:e-?mail|mail|address)\b[^.!?]{0,20}$", re.IGNORECASE)
_SPELLED = re.compile(r"\bdot\b|[(\[{<]\s*(?:at|dot)\s*[)\]}>]|@", re.IGNORECASE)

# --- cards ----------------------------------------------------------------------------------------
_CARD = re.compile(r"(?<![\w+#])\d(?:[ -]?\d){12,18}(?![\w])")
_CARD_PREFIX = re.compile(r"^(?:4|5[1-5]|2[2-7]|3[47]|3[0689]|35|6(?:011|5|4[4-9]|2))")
_DIGITS = re.compile(r"\d")

# --- phone and NHS numbers -------------------------------------------------------------------------
_GROUP = r"(?:\(\s?\d{1,5}\s?\)|\d+)"
_NUMBER = re.compile(
    rf"(?:(?<=[Nn][Hh][Ss]#)|(?<![\w£$€¥#/@+]))(?<!\d[.,:/-])(?:\+\s?|\(\+\d{{1,3}}\)\s?)?{_GROUP}"
    rf"(?:(?:[ \t]?[.-][ \t]?|[ \t]|(?<=\))(?=\d)|(?<=\d)(?=\())(?:{_GROUP}))*"
    r"(?![\w£$€%/:@]|[.,]\d)"
)
_GROUP_RE = re.compile(_GROUP)
_MAX_GROUPS = 6
_NHS_CUES = frozenset({"nhs", "chi"})
_PHONE_CUES = frozenset("""call calls called calling ring rang phone phoned tel telephone telephoned mobile mob cell
text texted txt whatsapp fax landline dial contact reach""".split())
_REF_CUES = frozenset("""ref reference order invoice visit id case ticket policy claim receipt transaction
confirmation tracking account acct serial batch lot code mrn""".split())
_CUE_WORDS = re.compile(r"[a-z]+")
_SENTENCE_END = re.compile(r"(?<!\bno)(?<!\btel)(?<!\bmob)(?<!\bref)(?<!\bnr)[.!?;\n]\s")

# --- postcodes ------------------------------------------------------------------------------------
_AREAS = """AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC
EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE
NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW
UB W WA WC WD WF WN WR WS WV YO ZE""".split()
_POSTCODE = re.compile(
    r"(?<![\w-])(?:GIR ?0AA|(?:" + "|".join(sorted(_AREAS, key=len, reverse=True)) + r")(?:\d[A-Z]|\d{1,2})"
    r"(?P<space>[ \t]?)\d[ABD-HJLNP-UW-Z]{2})(?![\w-])",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"(?:1st|2nd|3rd|[04-9]th)$")
# Words just before that say an address follows: then a lower-case or run-together postcode is one too
# ("postcode ls62ab", "i live at b33 8th"), even when it reads like an ordinal ("8th").
_POSTCODE_CUE = re.compile(r"(?i)\b(?:post[ \t-]?code|postal[ \t]+code|address|li(?:ve|ves|ved|ving)[ \t]+(?:at|in)"
                           r"|moved[ \t]+to|based[ \t]+(?:at|in))\b(?:[ \t]+(?:is|was|of|:))?[ \t:,]*$")

# --- names ----------------------------------------------------------------------------------------
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"  # Latin letters with accents too: "Seán", "Zoë", "Björn"
_NAME_WORD = rf"(?:Mc|Mac|O['’])?[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
# Surname particles between a title and the surname: "Dr van der Merwe", "Mr de la Cruz", "Dr bin Salleh".
_PARTICLES = frozenset("van von der den de da di du del della la le al el bin ibn ter".split())
_PARTICLE = r"(?:(?:" + "|".join(sorted(_PARTICLES, key=len, reverse=True)) + r")[ \t]+){0,2}"
_ROLES = ("nurse|doctor|sister|matron|midwife|consultant|surgeon|porter|paramedic|receptionist|physio|carer|"
          "pharmacist|radiographer|sonographer|phlebotomist|technician|therapist|dentist|hygienist|optician|volunteer|"
          "cleaner|guard|driver|waiter|waitress|server|bartender|barman|barmaid|chef|cook|host|hostess|sommelier|"
          "manager|supervisor")
_HONORIFIC = re.compile(
    r"\b(?P<title>(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Rev|Revd|Fr)\.?|(?i:" + _ROLES +
    r"|auntie|aunt|uncle|nan|nana|nanny|grandad|grandma|brother|cousin|colleague|friend|husband|wife|son|daughter|"
    r"partner))"
    # "nurse Priya", a role's name between commas or in brackets: "The bartender, Dmitri, was rude", "the physio
    # (Kwame Asante)"; a title there is read on its own ("the dentist, Dr Zhang Wei,": Dr's rule)
    rf"(?P<sep>[ \t]+|[ \t]*,[ \t]*(?=(?!(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\b)[{_UPPER}][^,]*,)"
    rf"|[ \t]*\([ \t]*(?=(?!(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\b)[{_UPPER}][^()]*\)))"
    rf"(?P<name>(?:[A-Z]\.?[ \t]+)?{_PARTICLE}{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)"
)
_WORD = rf"(?:Mc|Mac|O['’])?[A-Za-z{_UPPER}{_LOWER}][{_LOWER}]+(?:-[A-Za-z{_UPPER}][{_LOWER}]+)?"
# A name, in any case, placed by where its person works or what they do: "kwame at the front desk", "siobhan on
# reception", "Giovanni the chef", "oluwaseun in the pharmacy". Read only when the word is no English word and
# starts a clause.
_PLACES = ("reception|front[ \t]+desk|desk|pharmacy|bar|door|entrance|till|counter|ward|lab|x-?ray|radiology|"
           "outpatients|security|car[ \t]+park|checkout|check-?in|phlebotomy|kitchen|triage|admissions|booking")
_CLAUSE_START = re.compile(r"(?:^|[.!?;:,(]\s*|\b(?i:and|but|then|so|thanks|thank you)[ \t]+)$")
_PLACED_NAME = re.compile(
    rf"(?<![\w'’-])(?P<name>{_WORD})(?=[ \t]+(?:(?:on|at|in|from|behind|by)[ \t]+(?:the[ \t]+)?(?:{_PLACES})"
    rf"|(?:the|our)[ \t]+(?i:{_ROLES}))\b)"
)
_CUE_NAME = re.compile(
    r"(?P<cue>\b(?i:my[ \t]+name[ \t]+(?:is|was)|my[ \t]+name's|name[ \t]+(?:is|was)|thanks[ \t]+to|thank[ \t]+you"
    r"|ask(?:ed)?[ \t]+for|(?P<noun>\w+)[ \t]+(?:called|named)))[ \t]+"
    rf"(?P<name>{_WORD}(?:[ \t]+{_WORD})?)(?![\w-])"
)
_CAPITALISED = re.compile(rf"(?<![\w'’-]){_NAME_WORD}(?![\w-])")
# Capitalised words that are not names: function words, pronouns, roles, places and things in a visit.
_NOT_NAME = frozenset("""
a about after all also am an and any are as at be because been before but by can could did do does for from had
has have he her here hers him his how i if in into is it its just me more most my no not now of on or our out over
she so some than that the their them then there these they this those to too up us very was we were what when
where which while who why will with would yes you your
team staff everyone everybody everything anyone someone nobody nothing thanks thank hello hi dear god nhs gp ae
reception receptionist nurse nurses doctor doctors dr ward wards unit clinic department hospital surgery practice
practitioner manager assistant associate specialist consultant registrar sister matron midwife porter paramedic
paramedics ambulance service services trust centre center health care emergency accident physio team's
monday tuesday wednesday thursday friday saturday sunday january february march april june july august september
october november december mum dad mother father husband wife son daughter brother nan grandad grandma
english british welsh scottish irish polish indian christmas easter covid please sorry great good excellent
lovely kind brilliant amazing nice friendly helpful well ok okay
""".split())
_PRONOUN_BEFORE = frozenset("i we you he she they who then and also just have had has was were been be get got "
                            "it that this which".split())


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


def nhs_number_ok(digits: str) -> bool:
    """The NHS number check digit: weights 10..2 on the first nine digits, 11 - (sum mod 11), 11 -> 0, 10 invalid."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    check = 11 - sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def redact(text: str, *, names: bool = False) -> Redaction:
    """Replace e-mails, card, NHS and phone numbers, postcodes (and with `names=True` person names);
    everything else is returned unchanged."""
    counts = dict.fromkeys(KINDS, 0)
    if not text:
        return Redaction(text or "", counts)
    text, counts["email"] = _substitute(_EMAIL, text, lambda m: "[email]")
    text, spoken = _substitute(_SPOKEN_EMAIL, text, _spoken_email)
    counts["email"] += spoken
    text, counts["card"] = _substitute(_CARD, text, _card)
    text = _replace_numbers(text, counts)
    text, counts["postcode"] = _substitute(_POSTCODE, text, _postcode)
    if names:
        text, counts["name"] = _redact_names(text)
    return Redaction(text, counts)


def redact_text(text: str) -> str:
    """Just the redacted text (the `Callable[[str], str]` the router's `redact` service expects)."""
    return redact(text).text


def redact_names(text: str) -> str:
    """`redact(text, names=True).text`: for customers' comments when their team redacts names."""
    return redact(text, names=True).text


# --- rules ------------------------------------------------------------------------------------------

def _substitute(pattern: re.Pattern[str], text: str, replace: Callable[[re.Match[str]], str | None]) -> tuple[str, int]:
    count = 0

    def sub(match: re.Match[str]) -> str:
        nonlocal count
        out = replace(match)
        if out is None:
            return match.group()
        count += 1
        return out

    return pattern.sub(sub, text), count


def _spoken_email(match: re.Match[str]) -> str | None:
    local, at, domain = match.group("local"), match.group("at"), match.group("domain")
    if domain.lower().startswith("www"):
        return None
    spelled = _SPELLED.search(f"{local}{at}{domain}") is not None
    provider = re.split(r"\.|\s", domain.strip().lower())[0] in _MAIL_PROVIDERS
    plain_word = local.isalpha() and local.lower() in _NOT_LOCAL | _NOT_NAME
    cued = _MAIL_CUE.search(match.string[max(0, match.start() - 40):match.start()]) is not None
    if spelled or provider or not plain_word or cued:
        return "[email]"
    return None


def _card(match: re.Match[str]) -> str | None:
    digits = "".join(_DIGITS.findall(match.group()))
    ok = 13 <= len(digits) <= 19 and _CARD_PREFIX.match(digits) is not None and luhn_ok(digits)
    return "[card]" if ok else None


def _postcode(match: re.Match[str]) -> str | None:
    code = match.group()
    if _POSTCODE_CUE.search(match.string, 0, match.start()):
        return "[postcode]"  # "postcode ls62ab", "i live at b33 8th"
    if not match.group("space") and not code.isupper():
        return None  # "ab12cd" in lower case is more often a code or a typo than a postcode
    if _ORDINAL.search(code.lower()) and not code.isupper():
        return None  # "ward b2 3rd floor"
    return "[postcode]"


def _replace_numbers(text: str, counts: dict[str, int]) -> str:
    spans = list(_number_spans(text))
    if not spans:
        return text
    out, last = [], 0
    for start, end, kind in spans:
        out.append(text[last:start])
        out.append(f"[{kind}]")
        counts[kind] += 1
        last = end
    out.append(text[last:])
    return "".join(out)


def _number_spans(text: str) -> Iterator[tuple[int, int, str]]:
    for match in _NUMBER.finditer(text):
        plus = match.group().startswith(("+", "(+"))
        groups = [(match.start() + g.start(), match.start() + g.end()) for g in _GROUP_RE.finditer(match.group())]
        parts = ["".join(_DIGITS.findall(text[a:b])) for a, b in groups]
        spaced = [text[groups[k][1]:groups[k + 1][0]].isspace() for k in range(len(groups) - 1)]
        i = 0
        while i < len(groups):
            found = None
            if i == 0 or spaced[i - 1]:  # a number starts after a space only
                for j in range(min(len(groups), i + _MAX_GROUPS), i, -1):
                    if j < len(groups) and not spaced[j - 1]:
                        continue  # "07700 900123-45": a number is not cut inside "-" or "."
                    start = match.start() if i == 0 else groups[i][0]
                    kind = _number_kind(text, parts[i:j], spaced[i:j - 1], start, plus and i == 0)
                    if kind:
                        found = j, start, kind
                        break
            if found is None:
                i += 1
                continue
            j, start, kind = found
            yield start, groups[j - 1][1], kind
            i = j


def _number_kind(text: str, parts: list[str], spaced: list[bool], start: int, plus: bool) -> str | None:
    digits = "".join(parts)
    n = len(digits)
    if not 7 <= n <= 17:
        return None
    lengths = [len(p) for p in parts]
    if plus or digits.startswith("00"):
        national = digits if plus else digits[2:]
        return "phone" if 8 <= len(national) <= 15 and (len(parts) == 1 or len(parts[0]) <= (3 if plus else 5)) else None
    cue = _cue(text, start)
    if cue == "ref":
        return None
    if n == 10 and lengths in ([3, 3, 4], [10]) and nhs_number_ok(digits):
        if cue == "nhs" or (cue != "phone" and all(spaced)):
            return "nhs-number"
    if cue == "nhs":
        return None
    if digits[0] == "0" and n in (10, 11) and min(lengths) >= 2 and len(parts) <= 5:
        return "phone"  # UK: 07700 900123, 07 700 900 123, (020) 7946 0958, 0161-496-0000
    if n == 11 and digits[0] == "1" and lengths in ([1, 3, 3, 4], [1, 10], [1, 3, 7], [11]) and _nanp(digits[1:]):
        return "phone" if lengths != [11] or cue == "phone" else None  # 1-800-555-0199
    separated = not all(spaced) or text[start] == "("
    if n == 10 and lengths in ([3, 3, 4], [10], [3, 7]) and (_nanp(digits) or separated and digits[0] not in "01"):
        return "phone"  # (202) 555-0143, 202.555.0143, 555-123-4567, 2025550143
    if n == 7 and lengths in ([3, 4], [7]) and cue == "phone" and digits[0] not in "01":
        return "phone"  # "call 555-0143"
    return None


def _nanp(digits: str) -> bool:
    """A North American number: area code and exchange both start with 2-9."""
    return len(digits) == 10 and digits[0] in "23456789" and digits[3] in "23456789"


def _cue(text: str, start: int) -> str | None:
    """What the few words before a number say it is: "nhs", "phone", "ref" or nothing."""
    before = text[max(0, start - 40):start].lower()
    words = _CUE_WORDS.findall(_SENTENCE_END.split(before)[-1])[-4:]
    if any(w in _NHS_CUES for w in words):
        return "nhs"
    for word in reversed(words):
        if word in _PHONE_CUES:
            return "phone"
        if word in _REF_CUES:
            return "ref"
    return None


def _redact_names(text: str) -> tuple[str, int]:
    text, titled = _substitute(_HONORIFIC, text, _titled_name)
    text, cued = _substitute(_CUE_NAME, text, _cued_name)
    text, listed = _listed_names(text)  # first: "Sarah Jones on reception" is one name
    text, placed = _substitute(_PLACED_NAME, text, _placed_name)
    return text, titled + cued + placed + listed


def _titled_name(match: re.Match[str]) -> str | None:
    name, rest = _split_name(match.group("name").split(), capitals=True)
    if not name:
        return None
    return f"{match.group('title')}{match.group('sep')}[name]{rest}"


def _placed_name(match: re.Match[str]) -> str | None:
    word = match.group("name")
    lower = word.lower()
    if lower in _NOT_NAME or lower in _PARTICLES or not _CLAUSE_START.search(match.string, 0, match.start()):
        return None  # only a clause's subject: "Very efficient at the desk", "a right faff at the desk" stay
    if _folded(lower) not in FORENAMES and (_is_english(lower) or _is_english(lower.split("-")[0])):
        return None  # "Lady at the front desk", "someone on reception"
    return "[name]"


def _is_english(word: str) -> bool:
    from bot.nlp.analyzer import build_analyzer, english_words  # spaCy's lemma table: loaded only when names are read

    return word in english_words() or build_analyzer().lemma(word) != word


def _cued_name(match: re.Match[str]) -> str | None:
    noun = match.group("noun")
    if noun is not None and noun.lower() in _PRONOUN_BEFORE:
        return None  # "I called Reception": a verb, not "a nurse called Jane"
    cue = match.group("cue").lower()
    first = match.group("name").split()[0]
    lower_name = first.islower() and first not in _NOT_NAME and (_folded(first) in FORENAMES or not _is_english(first))
    strong = "name" in cue  # "my name is john smith": lower case too
    if strong and first.islower() and not lower_name:
        return None  # "my name was called across the room", "my name was spelt wrong"
    if cue.startswith("thank") and lower_name:  # "thank you ngozi for staying late": the one word
        return f"{match.group('cue')} [name]" + match.group("name")[len(first):]
    name, rest = _split_name(match.group("name").split(), capitals=not strong)
    if not name:
        return None
    return f"{match.group('cue')} [name]{rest}"


def _split_name(words: list[str], *, capitals: bool) -> tuple[list[str], str]:
    """The leading words that are a name (an initial, then at most two name words) and what follows."""
    name: list[str] = []
    for k, word in enumerate(words):
        initial = k == 0 and len(words) > 1 and len(word.rstrip(".")) == 1 and word[:1].isupper()
        particle = word in _PARTICLES and k + 1 < len(words)  # "van der Merwe"
        ok = particle or word.lower() not in _NOT_NAME and (word[:1].isupper() or not capitals)
        if not (initial or ok):
            break
        name.append(word)
    if name and len(name[-1].rstrip(".")) == 1:
        name.pop()
    rest = words[len(name):]
    return name, (" " + " ".join(rest)) if rest else ""


def _folded(word: str) -> str:
    """Without accents: "seán" -> "sean", "zoë" -> "zoe" (the forename list is unaccented)."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode() if not word.isascii() else word


def _listed_names(text: str) -> tuple[str, int]:
    """Common first names (and the capitalised surname after one) anywhere in the text."""
    words = list(_CAPITALISED.finditer(text))
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(words):
        word = words[k]
        folded = _folded(word.group().lower())
        if folded not in FORENAMES and folded.split("-")[0] not in FORENAMES:  # "Jean-Luc": by its first name
            k += 1
            continue
        end = word.end()
        if k + 1 < len(words):
            nxt = words[k + 1]
            if text[end:nxt.start()] in {" ", "\t"} and nxt.group().lower() not in _NOT_NAME:
                end = nxt.end()
                k += 1
        spans.append((word.start(), end))
        k += 1
    if not spans:
        return text, 0
    out, last = [], 0
    for a, b in spans:
        out += [text[last:a], "[name]"]
        last = b
    out.append(text[last:])
    return "".join(out), len(spans)
