"""What a chat message is, outside a dialog: `read_message(text, *, role) -> MessageReading`.

One place decides, for every role, whether a message is

    story       a great customer moment told by staff or a manager
    problem     an irritating or dull moment reported by staff or a manager
    question    a question for numbers, trends or quotes (only managers get them; the router tells
                others, politely, what they can do instead)
    feedback    a customer's comment on their visit, good or bad
    smalltalk   greetings, thanks, goodbyes, "what can you do?", "ok", emoji: answer warmly, briefly
    command     a request to start or stop something: "story", "/feedback", "cancel", "I have a question"
    unclear     none of these: offer "did you mean …" with `alternatives`

and `switched(text, *, role, asked)` tells, inside a dialog, a person who clearly changed the subject
("actually, how was parking this week?") from an answer to the question asked.

How it decides (the `reason` of every reading says which path and why):

1. Rules, for what is certain: empty text; a slash command, a dialog's trigger word, a global command
   or a privacy phrase ("story", "/mot weakest", "cancel", "don't mention me", "start visit_12");
   emoji only; punctuation only; a message made only of small-talk phrases in a handful of languages
   ("hi", "thx!", "ok thanks", "merci", "bye 👋").
2. A small trained model for everything else (bot/nlp/message_kind_model.py: logistic regression over
   lemmas, character n-grams and signs such as the role, tense, tone words and what the managers'
   question parser finds), trained lazily on first use from bot/nlp/data/message_kinds*.yaml (our two authors, and a sample of the
   development question and story authors' messages: devkit/message_kind_corpus.py). It reads
   a great moment as a story and an irritating or dull one as a problem, whoever tells it.
3. The role: a customer's story or problem is `feedback`; staff and managers never give `feedback`.
   A best kind below `UNSURE` makes the reading `unclear`, with the likely kinds as alternatives.

`confidence` is the probability of `kind` (rules: 0.95–1.0). `alternatives` are the next most likely
kinds, best first (2–3 of them; for `unclear`, the actions the role can take: story, problem,
question for staff and managers; feedback, question for customers). `detail` is the small-talk
sub-kind (`greeting`, `thanks`, `bye`, `capabilities`, `apology`, `chat`, `ack`), `suggestion` for a problem that is an idea
for the team ("we should put a sign at the barrier") or what a command asks for (`story`,
`problem`, `feedback`, `ask`, `help`, `cancel`, `back`, `restart`, `menu`, `start`, `privacy`, or a
slash command's own word); otherwise None.

Pure: no I/O after the phrasings are read once, nothing imported from outside bot.nlp. Never raises
on odd input (empty, 10,000 characters, emoji only, other languages); roles other than staff and
manager are read as a customer's.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path

from bot.nlp import message_kind_lexicon as lex
from bot.nlp.analyzer import build_analyzer
from bot.nlp.message_kind_model import (LABELS, MAX_CHARS, KindModel, default_kind_model, question_reading,
                                       shipped_kind_model)
from bot.nlp.question import asks_for_problems
from bot.nlp.question_model import shipped_reader

log = logging.getLogger(__name__)

STORY, PROBLEM, QUESTION, FEEDBACK = "story", "problem", "question", "feedback"
SMALLTALK, COMMAND, UNCLEAR = "smalltalk", "command", "unclear"
KINDS = (STORY, PROBLEM, QUESTION, FEEDBACK, SMALLTALK, COMMAND, UNCLEAR)
STAFF, MANAGER, CUSTOMER = "staff", "manager", "customer"
CALLBACK = "callback"  # a command's detail: "can you call me back" (a customer wants to be contacted)
SUGGESTION = lex.SUGGESTION  # a problem's detail: an idea for the team, filed with the idea as its fix
ASKED = ("free_text", "choice", "yes_no", "rating")

UNSURE = 0.45  # below this, the best kind is offered as "did you mean", not acted on
_ACTIONS = {STAFF: (STORY, PROBLEM, QUESTION), MANAGER: (QUESTION, STORY, PROBLEM), CUSTOMER: (FEEDBACK, QUESTION)}


@dataclass(frozen=True, slots=True)
class MessageReading:
    """What a message is (`kind`, one of `KINDS`), how sure (`confidence`), why (`reason`: "rule: …" or
    "model: …", safe to log: it names phrases and features, never the person's own unusual words),
    the next most likely kinds (`alternatives`) and the small-talk sub-kind or command (`detail`)."""

    kind: str
    confidence: float
    reason: str
    alternatives: tuple[str, ...] = ()
    detail: str | None = None


def read_message(text: str, *, role: str, model: KindModel | None = None) -> MessageReading:
    """What `text` is, from a person with this `role` (staff, manager, customer). `model` defaults to
    the one trained from the shipped phrasings (trained on first use, about a second or two)."""
    role = role if role in (STAFF, MANAGER) else CUSTOMER
    text = text[:MAX_CHARS] if isinstance(text, str) else ""
    reading = _by_rule(text, role) or _suggested(text, role) or _short_question(
        text, role, _by_model(text, role, model or default_kind_model()))
    if log.isEnabledFor(logging.DEBUG):
        log.debug("message read as %s (%.2f, %s): %s", reading.kind, reading.confidence, role, reading.reason)
    return reading


def prepare_kind_model(directory: Path) -> None:
    """Read or fit the model `read_message` uses by default now (start-up), keeping a fitted copy in
    `directory` (the app's model directory) for the next process: `shipped_kind_model`. The question
    parser's intent model, which the message-kind model reads through, is prepared the same way first."""
    shipped_reader(directory)
    shipped_kind_model(directory)


# ---------------------------------------------------------------------------------------------
# Rules

_SLASH = re.compile(r"^/([^\W_][\w-]*)(?:@\w+)?\b")
_VISIT = re.compile(r"^/?start\s+visit_\S+")
_PRIVACY = re.compile(r"\b(?:don'?t|do not|stop|never) (?:mention|mentioning|name|naming) me\b")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_SEPARATORS = re.compile(r"[,.;!?&+]+|\s-\s|\band\b")
# "top 3 things patients hate", "worst 5 moments this month", "show me the best three practices": a
# ranking asked for, whoever asks (a staff member is then told the numbers are for managers)
_TOP_N = re.compile(r"^(?:(?:what are|which are|show me|give me|list|tell me)\s+)?(?:the\s+|our\s+)?"
                    r"(?:top|bottom|best|worst)\s+(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\b"
                    r"(?!\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b)")  # "best 2 hours"


# Banter with the bot itself, in a sentence: "do u like pizza", "can you keep a secret", "I need a coffee so bad"
_CHAT = re.compile(
    r"^\W*(?:(?:hey|so|ok|lol|haha)\W+)*(?:(?:do|can|could|are|r|will)\s+(?:you|u|ya)\s+(?:even\s+|ever\s+|actually\s+)?"
    r"(?:like|love|hate|enjoy|eat|drink|dream|sleep|dance|sing|cook|laugh|cry|get\s+(?:bored|tired|lonely|sad)|"
    r"have\s+(?:feelings|emotions|a\s+(?:name|family|girlfriend|boyfriend|favou?rite|soul|body))|keep\s+a\s+secret|"
    r"believe\s+in|feel\b|think\s+(?:you'?re|you\s+are)\s+(?:alive|real|smart|clever|funny))|"
    r"i\s+(?:really\s+|so\s+|badly\s+)?(?:need|want|could\s+(?:do\s+with|use))\s+(?:a|an|some|my|another)\s+"
    r"(?:coffee|tea|cuppa|nap|holiday|vacation|break|drink|beer|wine|sleep|rest|hug|snack|biscuit|weekend)|"
    r"(?:write|compose|make\s+up)\s+(?:me\s+)?(?:a|an)\s+(?:haiku|poem|song|limerick|rap|joke|story\s+about\s+(?:a|yourself)))\b")


_REACTIONS = frozenset({"really", "seriously", "sure", "right", "okay", "indeed", "honestly", "what", "when", "where",
                        "which", "whose", "wait", "again", "sorry", "pardon", "hello", "anyone", "there"})


def _by_rule(text: str, role: str) -> MessageReading | None:
    folded = lex.fold(text)
    if not folded:
        return MessageReading(UNCLEAR, 1.0, "rule: empty message", _ACTIONS[role])
    if _VISIT.match(folded):
        return MessageReading(COMMAND, 1.0, "rule: visit link", (), lex.START)
    slash = _SLASH.match(folded)
    if slash:
        word = slash.group(1)
        detail = lex.SLASH_DETAILS.get(word, lex.COMMAND_PHRASES.get(word, word))
        return MessageReading(COMMAND, 1.0, f"rule: slash command /{word}", (), detail)
    said = lex.edge_trim(folded)
    command = _command_phrase(said)
    if command:
        return MessageReading(COMMAND, 0.97, f"rule: command phrase {said!r}", (), command)
    if _PRIVACY.search(said) and len(said.split()) <= 12:
        return MessageReading(COMMAND, 0.95, "rule: asks not to be mentioned", (), lex.PRIVACY)
    if lex.only_emoji(folded):
        sub = next((s for e, s in lex.EMOJI_SUBKINDS.items() if e in folded), lex.ACK)
        return MessageReading(SMALLTALK, 0.97, "rule: emoji only", (), sub)
    if lex.only_punctuation(folded):
        return MessageReading(UNCLEAR, 0.95, "rule: punctuation only", _ACTIONS[role])
    subs = _smalltalk_phrases(folded)
    if subs:
        return MessageReading(SMALLTALK, 0.97, f"rule: small-talk phrases ({', '.join(subs)})", (),
                              _first_by_priority(subs))
    if _TOP_N.match(said):
        return MessageReading(QUESTION, 0.9, "rule: asks for a top or bottom N", ())
    if _CHAT.match(said) and len(said.split()) <= 10:
        return MessageReading(SMALLTALK, 0.9, "rule: banter with the bot", (), lex.CHAT)
    words = lex.WORD.findall(lex.strip_emoji(folded))
    if " ".join(words) in lex.HEDGES or _URL.fullmatch(said):
        return MessageReading(UNCLEAR, 0.9, "rule: says nothing yet (a hedge or a link)", _ACTIONS[role])
    if words and len(words) <= 4 and all(w in lex.FRAGMENT_WORDS for w in words):
        return MessageReading(UNCLEAR, 0.9, "rule: only function words", _ACTIONS[role])
    return None


# An idea for the team, not a question for numbers nor a story: "we should put a sign at the barrier", "idea: a water
# cooler in the waiting room", "it would help if the kiosk had a bigger screen", "could we get more chairs"
_SUGGESTION = re.compile(
    r"^\W*(?:(?:i\s+think|i\s+reckon|i\s+feel|maybe|perhaps|honestly|tbh|just\s+a\s+thought|so)[\s,:-]+)*"
    r"(?:(?:we|you\s+guys|the\s+team|the\s+clinic|the\s+practice|management|someone)\s+(?:really\s+)?(?:should|could|"
    r"ought\s+to|need\s+to|must)\s+(?!(?:see|look|check|know|find\s+out|talk|meet|catch\s+up|have\s+a\s+(?:chat|talk|"
    r"meeting|word))\b)|"
    r"(?:an?\s+)?(?:idea|suggestion|proposal|thought)\s*(?:for\s+the\s+team\s*)?[:\-–—]|"
    r"(?:how|what)\s+about\s+(?:we\s+|adding|putting|getting|having|a|an|some|more)\b|what\s+if\s+we\b|"
    r"it\s+(?:would|'d)\s+(?:really\s+)?(?:help|be\s+(?:good|great|nice|better|helpful))\s+(?:if|to)\b|"
    r"(?:could|can)\s+we\s+(?:please\s+)?(?:get|have|add|put|try|start|install|buy|order|make|change|move|fix|"
    r"train|hire)\b|i\s+(?:would\s+)?(?:suggest|propose|recommend)\b)", re.IGNORECASE)


_LABELLED_IDEA = re.compile(r"^\W*(?:an?\s+)?(?:idea|suggestion|proposal)\s*(?:for\s+the\s+team\s*)?[:\-–—]")


def _suggested(text: str, role: str) -> MessageReading | None:
    """An idea for the team from staff or a manager: filed as a problem report with the idea as its fix."""
    if role not in (STAFF, MANAGER) or not _SUGGESTION.match(lex.fold(text)) or len(text.split()) < 4:
        return None
    if role == MANAGER and not _LABELLED_IDEA.match(lex.fold(text)):  # "idea: …" is one, whatever it names
        question = question_reading(lex.fold(text))
        if question.intent not in ("unknown", "off_topic", "help") and question.confidence >= 0.9:
            return None  # "could we get the weakest moments for this month?"
    return MessageReading(PROBLEM, 0.8, "rule: an idea for the team", (STORY, QUESTION), lex.SUGGESTION)


def _short_question(text: str, role: str, reading: MessageReading) -> MessageReading:
    """A manager's question the model (fitted on longer messages) does not see as one:
    - "hmm parking?", "check-in?": a word or two asked, which the model may find unclear (the question parser
      offers what it could mean);
    - "weakest", "trends", "overview", "parking": a word or two the question parser reads (or offers readings
      of), asked without a question mark;
    - "what's our NPS?": a question the model took for small talk, which the parser reads (and answers, if only
      with what it can't do).
    Below the confidence that switches a dialog, so a reply inside one ("done?", "Priya?") stays the dialog's."""
    if role != MANAGER or reading.reason.startswith("rule"):
        return reading
    if reading.kind in (PROBLEM, COMMAND, UNCLEAR) and asks_for_problems(text) and not _PROBLEM_TOLD.search(text):
        return MessageReading(QUESTION, 0.7, f"rule: a manager asks for the problem reports ({reading.reason})",
                              (reading.kind,))
    if reading.kind not in (UNCLEAR, COMMAND, SMALLTALK):
        return reading
    folded = lex.fold(text)
    words = lex.WORD.findall(lex.strip_emoji(folded))
    asked = folded.rstrip().endswith("?")
    if (reading.kind == UNCLEAR and asked and 0 < len(words) <= 3
            and any(len(w) >= 4 and w not in lex.FRAGMENT_WORDS and w not in _REACTIONS for w in words)):
        return MessageReading(QUESTION, 0.7, f"rule: a manager's question in a word or two ({reading.reason})",
                              (UNCLEAR,))
    if reading.kind != SMALLTALK and reading.detail is None and 0 < len(words) <= 3:
        question = question_reading(folded)
        if (question.intent not in _NOT_ASKED and question.confidence >= 0.6) or (
                question.intent == "unknown" and (question.mot_id and question.alternatives  # "parking"
                                                  or set(question.alternative_intents) - _NOT_ASKED)):  # "rankings"
            return MessageReading(QUESTION, 0.7, f"rule: a manager's request in a word or two ({reading.reason})",
                                  (UNCLEAR,))
    if reading.kind == SMALLTALK and reading.detail in (lex.ACK, lex.CHAT) and len(words) >= 3 and (
            asked or words[0] in _WH):
        question = question_reading(folded)
        if question.intent not in ("unknown", "help"):
            return MessageReading(QUESTION, 0.7, f"rule: a manager's question, not small talk ({reading.reason})",
                                  (SMALLTALK,))
    return reading


_NOT_ASKED = frozenset({"unknown", "off_topic", "help"})
_WH_ASKED = frozenset({"what", "whats", "what's", "which", "how", "hows", "how's", "who", "whos", "who's"})
# A problem being told, not asked about: "I need to report a problem", "there's an issue with the card machine"
_PROBLEM_TOLD = re.compile(r"\b(?:i|we)(?:'?ve|\s+have|\s+need\s+to|\s+want\s+to|'?d\s+like\s+to)?\s+(?:report|flag|log|raise|"
                           r"file)\s+(?:a|an|another)\b|\bthere\s+(?:is|was|'s)\s+(?:a|an)\s+(?:problem|issue)\b",
                           re.IGNORECASE)
_WH = frozenset({"what", "whats", "what's", "which", "how", "hows", "how's", "who", "whos", "who's", "when", "where",
                 "why", "is", "are", "did", "do", "does", "can", "could", "show", "give", "tell", "list"})


def _command_phrase(said: str) -> str | None:
    words = said.split()
    while words and words[0] in lex.COMMAND_PADDING:
        words = words[1:]
    while words and words[-1] in lex.COMMAND_PADDING:
        words = words[:-1]
    phrase = " ".join(words)
    if phrase in lex.COMMAND_PHRASES:
        return lex.COMMAND_PHRASES[phrase]
    return lex.COMMAND_PHRASES.get(said)


def _smalltalk_phrases(folded: str) -> list[str]:
    """The sub-kinds of a short message made only of small-talk phrases (and padding), else [].
    Elongated and mistyped words count ("hellooo", "thnaks") when the message is short; a word said
    twice counts once ("ok ok")."""
    subs: list[str] = []
    parts = [lex.WORD.findall(part) for part in _SEPARATORS.split(lex.plain(lex.strip_emoji(folded)))]
    loose = sum(len(words) for words in parts) <= 4
    for words in parts:
        words = [w for k, w in enumerate(words) if k == 0 or w != words[k - 1]]
        found = _phrases_in(words)
        if found is None and loose:
            found = _phrases_in([next((f for f in lex.smalltalk_forms(w, _is_english) if f in lex.SMALLTALK_PHRASES
                                       or f in lex.SMALLTALK_PADDING), w) for w in words])
        if found is None:
            return []
        subs += found
    return subs


def _phrases_in(words: list[str]) -> list[str] | None:
    """The sub-kinds of the small-talk phrases `words` are made of (longest first), or None if a word is
    neither in a phrase nor padding."""
    subs: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(9, len(words) - i), 0, -1):
            sub = lex.SMALLTALK_PHRASES.get(" ".join(words[i:i + size]))
            if sub:
                subs.append(sub)
                i += size
                break
        else:
            if words[i] not in lex.SMALLTALK_PADDING:
                return None
            i += 1
    return subs


def _is_english(word: str) -> bool:
    """An inflected English word form ("thinks", "helped"): the lemma table knows it."""
    return build_analyzer().lemma(word) != word


def _first_by_priority(subs: list[str]) -> str:
    return min(subs, key=lex.SMALLTALK_PRIORITY.index)


def smalltalk_kind(text: str) -> str:
    """The sub-kind of small talk: the first by priority of the phrases found anywhere, else of the
    telling words, else from an emoji; `ack` when nothing says more."""
    folded = lex.fold(text)
    words = lex.WORD.findall(lex.strip_emoji(folded))
    said = [lex.SMALLTALK_PHRASES[p] for size in range(9, 0, -1) for i in range(len(words) - size + 1)
            if (p := " ".join(words[i:i + size])) in lex.SMALLTALK_PHRASES]
    found = [s for s in said if s != lex.ACK]
    if not found:
        found = [sub for sub, keys in lex.SMALLTALK_KEYWORDS if keys & set(words)]
    if found:
        return _first_by_priority(found)
    emoji = next((s for e, s in lex.EMOJI_SUBKINDS.items() if e in folded), None)
    if emoji is None and not said and len(words) >= 3:  # a sentence with no "ok" in it is no nod: chat
        return lex.CHAT
    return emoji or lex.ACK


def command_kind(text: str, role: str = STAFF) -> str | None:
    """What a command in plain words asks for ("I'd like to log a great moment" -> story); a
    customer's complaint is feedback."""
    if _CALL_BACK.search(lex.fold(text)):
        return CALLBACK  # "can you call me back": no *back* to an earlier question
    words = set(lex.WORD.findall(lex.fold(text)))
    detail = next((detail for detail, keys in lex.COMMAND_KEYWORDS if words & keys), None)
    return lex.FEEDBACK if detail == lex.PROBLEM and role == CUSTOMER else detail


_CALL_BACK = re.compile(r"\b(?:call|ring|phone|get|contact)\s+(?:me|us)\s+back\b|\bcall\s*-?\s*back\b")


# ---------------------------------------------------------------------------------------------
# The model and the role


def _by_model(text: str, role: str, model: KindModel) -> MessageReading:
    probs, pushes = model.scores(text, role)
    by_kind = dict(zip(LABELS, (float(p) for p in probs), strict=True))
    if role == CUSTOMER:
        by_kind[FEEDBACK] = by_kind.pop(STORY) + by_kind.pop(PROBLEM)
    ranked = sorted(by_kind, key=lambda k: -by_kind[k])
    best = ranked[0]
    why = ", ".join(name for name, _ in pushes[:4]) or "no known words"
    reason = f"model: {best} {by_kind[best]:.2f} ({why}); role {role}"
    if best == UNCLEAR or by_kind[best] < UNSURE:
        actions = sorted(_ACTIONS[role], key=lambda k: -by_kind.get(k, 0.0))
        if best != UNCLEAR:
            reason = f"model: unsure, {best} only {by_kind[best]:.2f} ({why}); role {role}"
            actions = [best, *(k for k in ranked[1:] if k != UNCLEAR)][:3]
        return MessageReading(UNCLEAR, round(max(by_kind[UNCLEAR], 1 - by_kind[best]), 2), reason, tuple(actions))
    alternatives = tuple(k for k in ranked[1:] if by_kind[k] >= 0.01)[:3]
    if len(alternatives) < 2:
        alternatives = tuple(ranked[1:3])
    detail = smalltalk_kind(text) if best == SMALLTALK else command_kind(text, role) if best == COMMAND else None
    return MessageReading(best, round(by_kind[best], 2), reason, alternatives, detail)


# ---------------------------------------------------------------------------------------------
# Inside a dialog

# "what can you do?" asked where free text was: as a question or a call for help
_ASKS_HOW = re.compile(r"\?|\b(?:help|what\s+(?:can|do)\s+you|how\s+(?:do(?:es)?|can)\s+(?:this|it|you|i)|"
                       r"what\s+is\s+this|who\s+are\s+you|commands?|options|menu)\b", re.IGNORECASE)
_MARKERS = re.compile(r"\b(?:" + "|".join(re.escape(m) for m in lex.SWITCH_MARKERS) + r")\b")
# A new story or problem announced in so many words ("I need to report a problem", "let me log an issue")
_NEW_SUBJECT_SAID = re.compile(r"\b(?:report|log|flag|raise|file|tell\s+you\s+about|share)\s+(?:a|an|another|one\s+more)\s+"
                               r"(?:new\s+)?(?:problem|issue|complaint|incident|story)\b")
# An instruction or a correction, not a question for numbers, whatever the words after it: "check the barrier every
# morning" (what would fix it), "call the parking company", "no wait, change the moment" (on the story's card)
_INSTRUCTION = re.compile(r"^\W*(?:(?:no|nope|wait|oops|sorry|hang\s+on|hmm)\W+)*(?:check|call|ring|phone|put|get|make|ask|send|"
                          r"fix|add|move|open|close|train|remind|email|e-mail|text|order|book|clean|change|keep|let|try|"
                          r"use|have|hire|buy|install|replace|repair|tell\s+(?!me\b|us\b)|give\s+(?!me\b|us\b)|edit|"
                          r"swap|correct)\b(?![^?]*\?\s*$)")
_SWITCH_SURE = 0.75  # a question or a command this sure is a new subject, marker or not
_SWITCH_MARKED = 0.5  # after "actually", "btw", "never mind", …
_NARRATIVE = (STORY, PROBLEM, FEEDBACK)


def switched(text: str, *, role: str, asked: str, model: KindModel | None = None,
             reading: MessageReading | None = None) -> MessageReading | None:
    """Inside a dialog that asked for `asked` ("free_text", "choice", "yes_no", "rating"): the
    reading of a message that clearly changes the subject, or None for an answer (or anything the
    dialog itself handles: help, cancel, back, restart, a yes, a number).

    A new subject is a question or a command to start something else (at least `_SWITCH_SURE`
    confident, or `_SWITCH_MARKED` after a marker such as "actually" or "by the way"), "what can you
    do?" (where free text is asked, only as a question or a call for help), or, only after such a marker, a new story or problem. Call it for text that matched none
    of the step's own choices; for free text, before taking the text as the answer. `reading`: the
    message's `read_message` reading when the caller has it already (it is not read twice).
    """
    reading = reading or read_message(text, role=role, model=model)
    folded = lex.fold(text if isinstance(text, str) else "")
    marker = _MARKERS.search(folded)
    kind = reading.kind
    if kind == COMMAND:
        if reading.detail in lex.GLOBAL_DETAILS or reading.detail == CALLBACK or (
                asked == "yes_no" and reading.detail is None):
            return None  # a call back asked for in a dialog is the dialog's (the survey's contact question)
        return _switch(reading, marker)
    if kind == SMALLTALK:  # where free text is asked, only as a question or a call for help: "keep up the good work!"
        asks = asked != "free_text" or _ASKS_HOW.search(folded) is not None  # (read as small talk) is the answer
        return _switch(reading, marker) if reading.detail == lex.CAPABILITIES and asks else None
    if kind == QUESTION:
        short_reply = asked in ("choice", "rating", "yes_no") and len(folded.split()) <= 2
        if short_reply and not folded.rstrip().endswith("?"):
            return None  # "parking" as the choice of a moment is an answer
        if _INSTRUCTION.match(folded[marker.end():] if marker else folded):
            return None  # "no wait, change the moment", "check the barrier every morning": the answer, or about it
        if reading.confidence >= _SWITCH_SURE or (marker and reading.confidence >= _SWITCH_MARKED):
            return _switch(reading, marker)
        words = folded.split()
        if (asked == "free_text" and reading.confidence >= _SWITCH_MARKED and 0 < len(words) <= 6
                and words[0] in _WH_ASKED and question_reading(folded).intent not in _NOT_ASKED):
            return _switch(reading, marker)  # "how did we do" typed at "What went wrong?": a short question
        return None
    if kind in _NARRATIVE and marker and role != CUSTOMER and (
            reading.confidence >= _SWITCH_MARKED or _NEW_SUBJECT_SAID.search(folded)):
        return _switch(reading, marker)  # "actually I need to report a problem, the hand gel ...": said outright
    return None


def _switch(reading: MessageReading, marker: re.Match[str] | None) -> MessageReading:
    said = f" after {marker.group(0)!r}" if marker else ""
    return replace(reading, reason=f"switched{said}: {reading.reason}")

