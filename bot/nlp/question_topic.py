"""What a story search is about when it is no moment and no person: "any stories mentioning christmas?",
"stories about the fire alarm last week", "how many stories involve interpreters", "stories with the word
umbrella" -> the words to look for ("christmas", "fire alarm", "interpreters", "umbrella").

`find_topic` reads the words of a question after one of the search words (about, mentioning, involving,
regarding, containing, "to do with", "the word" ...) that the rules have not used for a moment, a cue, a
period or a person: the first one to three of them, none generic ("stories about great service",
"stories about patients" search nothing). `topic_matches` says whether a text says those words, each in
any of its plain forms ("wheelchair" finds "wheelchairs", "interpreters" finds "interpreter")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.nlp.question_vocabulary import _STOPWORDS

MAX_TOPIC_WORDS = 3
_LEADS = frozenset("""about mentioning mention mentions mentioned involving involve involves involved regarding
    concerning featuring re containing contain contains word words keyword keywords""".split())
# between the search word and what is searched: "about the", "on the subject of", "with the word"
_SKIP = frozenset("the a an any our some those these that this his her their of with my your its new old who have has had having".split())
# words that say what every story is, not what one is about
_GENERIC = frozenset("""story stories storys shoutout shoutouts anything something everything nothing stuff things
    thing patients patient customers customer guests guest people person visitors visitor clients client folks
    users user staff team colleague colleagues someone anyone everyone somebody anybody everybody them service services
    experience experiences feedback great good bad positive negative nice lovely brilliant amazing excellent
    poor terrible kind kindness help helping helped helpful going above beyond extra mile care caring moments
    moment times time week month year day today yesterday recently lately latest recent last best worst
    most more all else other others ones one day their there here what which who where when how why""".split())
_WORD = re.compile(r"[^\W\d_][\w'-]*")


def find_topic(words: Sequence[str], used: Sequence[bool]) -> str | None:
    """The searched words after the first search word, as typed (lower case); None when there are none.
    `words` are the question's words in order and `used[i]` whether the rules took `words[i]` for a
    moment, a cue, a period or a person."""
    for i, word in enumerate(words):
        lead = word in _LEADS or (word == "with" and tuple(words[max(0, i - 2):i]) == ("to", "do"))
        if not lead:  # (a search word may be a cue too: "mentioning")
            continue
        j = i + 1
        while j < len(words) and ((words[j] in _SKIP and not used[j]) or (  # "about patients with dementia"
                words[j] in _GENERIC and j + 1 < len(words) and words[j + 1] in ("with", "who", "having"))):
            j += 1
        found: list[str] = []
        while j < len(words) and len(found) < MAX_TOPIC_WORDS:
            w = words[j]
            if used[j] or w in _STOPWORDS or w in _GENERIC or w in _LEADS or len(w) < 3 or not _WORD.fullmatch(w):
                break
            found.append(w)
            j += 1
        if found:
            return " ".join(found)
    return None


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ys") and len(word) > 3:  # "holidays", "keys", "toys"
        return word[:-1]
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _y_to_ies(stem: str) -> bool:
    """"allergy" -> "allergies", but "holiday" -> "holidays", "key" -> "keys"."""
    return stem.endswith("y") and len(stem) > 2 and stem[-2] not in "aeiou"


def topic_stems(topic: str) -> list[str]:
    """What every form of each word of `topic` contains ("allergies" -> "allerg"): for a first cut in SQL."""
    return [(w[:-1] if _y_to_ies(w) else w) for w in (_singular(x) for x in topic.casefold().split())]


def _forms(word: str) -> str:
    """A pattern for a word in its plain forms: the singular and plural of a noun ("ies"/"y", "es", "s")."""
    stem = _singular(word)
    if _y_to_ies(stem):
        return rf"{re.escape(stem[:-1])}(?:y|ies|y's)"
    return rf"{re.escape(stem)}(?:s|es|'s|s')?"


def topic_matches(text: str, topic: str) -> bool:
    """Whether `text` says every word of `topic` (in any order, each in one of its plain forms; a hyphen
    joins words, so "bake off" is said in "bake-off")."""
    said = text.casefold()
    return all(re.search(rf"(?<!\w){_forms(w)}(?!\w)", said) is not None for w in topic.casefold().split())
