"""What a staff member's story already says, so the story dialog need not ask it again (issue 12, point 5).

    parts = read_story_parts("It was pouring, so I fetched the big umbrella and walked her to her car. "
                             "She was so grateful.")
    parts.action        # "fetched the big umbrella and walked her to her car"
    parts.colleagues    # ()  -- nobody named
    parts.effect        # "She was so grateful"
    read_story_parts("My colleague Sam spotted a dad struggling with the forms and offered to fill them in.")
                        # action "offered to fill them in", colleagues ("Sam",), hero "Sam" (about a colleague)

- **action**: what the teller did: the staff behaviours `bot.nlp.practice.extract_behaviours` finds with the
  teller as subject ("I", "we", "Sam and I"), up to three, joined. When the teller did nothing the story names
  but a colleague did, the story is *about a colleague*: `hero` names them ("Sam", or "" for "they") and
  `action` is what they did.
- **colleagues**: members of staff the story names: `<@U123>` mentions, names after a staff word ("my
  colleague Sam", "porter Dave", "Dr Shah") or in a staff phrase ("Sam and I", "Jen from reception", "Sam
  helped"), and known first names (`bot.nlp.forename`) that are not customers ("Mrs Patel", "her daughter
  Jane", "a lady called Jean" are customers).
- **effect**: what it did for the customer: `practice.effect_of` ("made her smile", "she felt safe"), else a
  clause after the first action whose subject is not the teller and which says how it ended for them ("she
  calmed down", "he was so relieved", "they thanked us", "she made her appointment on time").

Each part is None (or empty) when the story does not say it: the dialog then asks. Pure: no other `bot` imports
than bot.nlp. Measured by `bench/story_parts.py` on tests/fixtures/nlp/story_parts.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlp.analyzer import Analyzer, build_analyzer
from bot.nlp.forename import FORENAMES
from bot.nlp.practice import STAFF_WORDS, Behaviour, effect_of, extract_behaviours

MAX_ACTS = 3
_PERCEIVED = ("spotted ", "noticed ", "saw ", "heard ", "realised ", "realized ", "overheard ", "found out ")
MAX_CHARS = 3_000  # a story longer than this is read up to here: the parts of a story are in its first lines
_MENTION = re.compile(r"<@[A-Z0-9]+>")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Words before a name that make it a colleague's ("my colleague Sam", "porter Dave", "Dr Shah").
_STAFF_BEFORE = (STAFF_WORDS - {"everyone", "everybody", "someone", "team", "crew", "member", "members", "staff",
                                "reception", "ambulance", "workers", "worker"}) | {
    "colleague", "colleagues", "mate", "dr", "dr.", "prof", "cleaner", "chef", "waiter", "waitress", "barista",
    "housekeeper", "guard", "hca", "to", "thanks", "me"}  # "shout out to Marcus", "thanks Jo", "me and Jo"
# Words after a name that make it a colleague's ("Sam and I", "Jen from reception", "Sam helped").
_STAFF_AFTER = re.compile(
    r"^(?:and\s+(?:I|me|myself)\b|,?\s*(?:from|on|in|at)\s+(?:the\s+)?(?:reception|front desk|desk|pharmacy|ward|"
    r"triage|x-ray|radiology|admin|the office|switchboard|security|outpatients|bar|kitchen|floor)\b|"
    r",?\s*(?:our|the|my)\s+(?:\w+\s+)?(?:" + "|".join(sorted(STAFF_WORDS)) + r")\b|"
    r"(?:helped|came to help|gave me a hand|covered|jumped in|stepped in)\b)",
    re.IGNORECASE,
)
# Words before a name that make it a customer's ("Mrs Patel", "her daughter Jane", "a lady called Jean").
_CUSTOMER_BEFORE = frozenset("""mr mr. mrs mrs. ms ms. miss mx called named patient customer guest daughter son
husband wife mum mom dad mother father brother sister grandson granddaughter grandma grandad nan partner
friend baby boy girl gentleman lady man woman""".split())
_NOT_NAMES = frozenset("""i i'm i'd i've i'll monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december christmas easter nhs gp a&e ae mri ct ecg
english polish urdu spanish french arabic god ok""".split())
_THANKS_TO = re.compile(r"\b(?:shout[- ]?out|thanks|thank you|kudos|credit|props|hats off|well done)\s+(?:to\s+)?$",
                        re.IGNORECASE)
_TELLER_ANYWHERE = re.compile(r"\b(?:I|we|I'd|I've|we'd)\b")
_TELLER = re.compile(r"^\s*(?:I|we|me|myself|us)\b", re.IGNORECASE)
_NEGATED = re.compile(r"(?:n't|\bnot|\bnever|\bcannot)\s+(?:\w+\s+)?$", re.IGNORECASE)
# How it ended for the customer: said by a clause whose subject is the customer (or "it"/"which").
_OUTCOME = re.compile(
    r"\b(?:calm(?:ed)?\s+down|calmer|settled|relax(?:ed)?|relieved|reassured|grateful|thankful|thanked|"
    r"thanks|smil(?:ed|ing|e)|laugh(?:ed|ing)|beaming|happ(?:y|ier)|delighted|pleased|chuffed|over the moon|"
    r"lit up|cheered up|perked up|stopped crying|didn'?t (?:even )?(?:cry|flinch|notice)|in tears of|hugg?ed|made (?:it|her|his|their) (?:\w+\s+)?"
    r"(?:on time|in time|appointment|train|bus|flight)|made (?:her|his|their|my) day|on time|in time|"
    r"didn'?t miss|never missed|comfortable|safe|at ease|came back to (?:say|thank)|wrote (?:in|to)|"
    r"left (?:a )?(?:lovely|great|glowing|five[- ]star|5[- ]star) (?:review|feedback|comment)|compliment|"
    r"went home|got home|out in (?:a|two|a couple)|no (?:fine|complaint)|sorted)\b",
    re.IGNORECASE,
)
_CLAUSES = re.compile(r"(?<=[.!?;])\s+|\s*[,;:–—-]\s*(?:and\s+)?(?:so|then)\s+|\s+(?:and\s+)?so\s+(?=(?:she|he|they|"
                      r"the|it|her|his|which|everyone)\b)|\s*,\s*(?=(?:and\s+)?(?:she|he|they|which|it)\b)|"
                      r"\s+and\s+(?=(?:she|he|they)\b)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StoryParts:
    action: str | None = None  # what the teller (or, about a colleague, the colleague) did
    colleagues: tuple[str, ...] = ()  # staff named in the story, besides the teller
    effect: str | None = None  # what it did for the customer
    hero: str | None = None  # about a colleague: their name ("" when not named); None: the teller's own story

    @property
    def about_colleague(self) -> bool:
        return self.hero is not None


def read_story_parts(text: str, *, analyzer: Analyzer | None = None) -> StoryParts:
    """The action, colleagues, effect and hero a story states (see the module's docstring)."""
    text = (text or "")[:MAX_CHARS]
    if not any(ch.isalpha() for ch in text):
        return StoryParts()
    analyzer = analyzer or build_analyzer()
    mentions = {f"Mention{chr(65 + i)}": m for i, m in enumerate(dict.fromkeys(_MENTION.findall(text))) if i < 26}
    plain = text
    for placeholder, mention in mentions.items():  # the tokenizer would split "<@U1>"; a name reads as staff
        plain = plain.replace(mention, placeholder)
    behaviours = [_restore(b, mentions) for b in extract_behaviours(plain, voice="staff", analyzer=analyzer)
                  if not _negated(plain, b)]
    colleagues = colleagues_of(text)
    for b in behaviours:  # "our porter took her down": a colleague by their role, when they did something
        if b.by.lower() in STAFF_WORDS and re.search(rf"\b(?:our|my) (?:\w+ )?{re.escape(b.by)}\b", text, re.I):
            role = f"the {b.by.lower()}"
            if role not in colleagues and not any(b.by.lower() in c.lower() for c in colleagues):
                colleagues = (*colleagues, role)
    own = [b for b in behaviours if b.by == "teller" or _with_teller(text, b.by)]
    hero: str | None = None
    acts = own
    if not own:
        others = [b for b in behaviours if b.by.lower() not in {"everyone", "everybody", "team", "staff"}]
        named = [b.by for b in others if b.by in colleagues]
        if others or (colleagues and not _TELLER_ANYWHERE.search(text)):
            hero = named[0] if named else (colleagues[0] if len(colleagues) == 1 and colleagues[0][:1].isupper() else "")
            acts = [b for b in others if b.by in (hero, "") or b.by.lower() in STAFF_WORDS] or others
    done = [b for b in acts if not b.text.lower().startswith(_PERCEIVED)] or acts  # "spotted a dad…" is not a deed
    action = _join([b.text for b in done[:MAX_ACTS]]) if done else None
    return StoryParts(action=action, colleagues=colleagues, effect=_effect(text, acts), hero=hero)


def _with_teller(text: str, name: str) -> bool:
    """"me and Jo showed him…": a colleague's name said together with the teller is the teller's act too."""
    return bool(name) and bool(re.search(rf"\b(?:me|I) and {re.escape(name)}\b|\b{re.escape(name)} and (?:I|me)\b",
                                         text, re.IGNORECASE))


def _restore(behaviour: Behaviour, mentions: dict[str, str]) -> Behaviour:
    text, by = behaviour.text, behaviour.by
    for placeholder, mention in mentions.items():
        text, by = text.replace(placeholder, mention), by.replace(placeholder, mention)
    return Behaviour(text, behaviour.normalised, behaviour.source_id, behaviour.author, by)


def colleagues_of(text: str) -> tuple[str, ...]:
    """The members of staff a story names, in order, each once: mentions and names in a staff context or known
    first names that are not customers'."""
    found: list[str] = [m.group() for m in _MENTION.finditer(text)]
    plain = _MENTION.sub(" ", text)
    words = list(_WORD.finditer(plain))
    for k, match in enumerate(words):
        word = match.group().rstrip("'’")
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if not word[:1].isupper() or word.lower() in _NOT_NAMES or word.lower() in STAFF_WORDS or len(word) < 2:
            continue
        before = words[k - 1].group().lower() if k else ""
        between = plain[words[k - 1].end():match.start()] if k else ""
        start_of_sentence = k == 0 or bool(re.search(r"[.!?\n]", between))
        if before in _CUSTOMER_BEFORE and not start_of_sentence:
            continue
        staff_before = before in _STAFF_BEFORE and not start_of_sentence and (
            before not in {"to", "thanks"} or bool(_THANKS_TO.search(plain[:match.start()])))
        if before == "and" and k > 1 and words[k - 2].group().lower() == "me":  # "me and Jo"
            staff_before = True
        staff_after = bool(_STAFF_AFTER.match(plain[match.end():]))
        known = word.lower() in FORENAMES
        if word.isupper() and not (staff_before or staff_after):  # "MRI", "A&E"
            continue
        if (staff_before or staff_after or known) and word not in found:
            found.append(word)
    return tuple(found[:10])


def _negated(text: str, behaviour: Behaviour) -> bool:
    """"who couldn't read the forms": a behaviour after a negation is not one."""
    at = text.find(behaviour.text)
    return at > 0 and bool(_NEGATED.search(text[max(0, at - 20):at]))


def _join(acts: list[str]) -> str:
    return acts[0] if len(acts) == 1 else ", ".join(acts[:-1]) + " and " + acts[-1]


def _effect(text: str, acts: list[Behaviour]) -> str | None:
    said = effect_of(text)
    if said:
        return said
    first = min((i for b in acts if (i := text.find(b.text)) >= 0), default=None)
    if first is None:
        return None
    for clause in _CLAUSES.split(text[first:])[1:]:
        clause = clause.strip(" ,.;!?")
        if not clause or _TELLER.match(clause) or not _OUTCOME.search(clause):
            continue
        return clause[:300]
    return None
