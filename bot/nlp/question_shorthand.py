"""Private to bot.nlp.question: how managers write periods and counts in shorthand, rewritten before the
rules read a question ("ppl" -> people, "this weeks" -> this week's, "last to last month" -> the month
before last, "30d" -> last 30 days, "the third quarter" -> q3, "n stories" -> number of stories), and the
series unit a trend asks for ("month on month" -> months)."""

from __future__ import annotations

import re

from bot.nlp.period_calendar import _MONTH_NAMES
from bot.nlp.period_point import _MONTHS
from bot.nlp.period_rule import UNIT_IN_FULL
from bot.nlp.forename import FORENAMES
from bot.nlp.question_spelling import _common_word, _lexicon, _osa
from bot.nlp.question_vocabulary import _ABBREVIATIONS, _NUMBER_OF


# "how much stories" (a count noun after "how much") is "how many"; "the passed 30 days" is "past".
_HOW_MUCH_COUNT = re.compile(
    r"\bhow\s+much(?=\s+of\s+(?:them|those|dem)\s+(?:\w+\s+)?(?:rate|rated)\b|"  # "how much ah dem rate di food"
    r"\s+(?:of\s+(?:them|those|dem)\s+)?(?:\w+\s+)?(?:stories|storys|story|ratings|votes|responses|reviews|comments|complaints|"
    r"compliments|people|patients|customers|guests|diners|visitors|times|answers|replies|surveys|mentions)\b)"
)
# "dis week", "dis month" (Caribbean and South London speech, texting): this, before a period only
_DIS = re.compile(r"\bdis(?=\s+(?:week|wk|month|mth|mnth|quarter|qtr|year|yr|morning|afternoon|evening|weekend)\b)",
                  re.IGNORECASE)
# dictation's homophones of waiting: "the weighting room", "the weight for their results", "weight times"
_WEIGHT_FOR_WAIT = re.compile(r"\bweighting(?=\s+(?:room|rooms|area|areas|list|lists|times?)\b)|\bweight(?=\s+(?:times?\b|"
                              r"(?:for|on)\s+(?:the\s+|their\s+|there\s+|his\s+|her\s+|my\s+|your\s+)?(?:test\s+|lab\s+|blood\s+)?"
                              r"(?:results?|reports?|doctors?|gp|appointments?|a\s+slot)\b))", re.IGNORECASE)
_PASSED = re.compile(r"\bpassed(?=\s+(?:\d+|few|couple|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|"
                     r"twenty(?:[\s-]+(?:one|eight))?|thirty|sixty|ninety)?\s*"
                     r"(?:days?|weeks?|months?|years?|quarters?|fortnights?|hours?)\b)")


# "wait is check in better this wk", "ok so wait what did sam write": a pause, not the waiting room
_WAIT_INTERJECTION = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|hmm+|oh)\W+)*wait\b(?:\s*[,.!:-]+)?(?=\s+(?:is|are|was|were|did|does|"
                                r"do|has|have|how|hows|what|whats|which|who|where|when|why|can|could|so|ok|i|we)\b)",
                                re.IGNORECASE)
# "ok, how many shining ratings ...", "okay so which moments ...": the asker's "ok" opening the message, no dull rating
# (not "ok ratings this week", the dull ones counted)
_OK_OPENING = re.compile(r"^\W*(?:ok(?:ay)?|k|okie|okey)(?:\s*[,.!:;–—-]+\s*|\s+(?=(?:so|then|now|and|thanks?|great|cool|"
                         r"next|also)\b))", re.IGNORECASE)
# "this weeks stories", "last months numbers": a possessive typed without its apostrophe.
_PERIOD_POSSESSIVE = re.compile(
    r"\b(?P<lead>this|last|previous)\s+(?P<unit>week|month|quarter|year|fortnight)s(?=\s+[a-z])"
    r"(?!\s+(?:of|and|or|to|ago|in|at|on|for|i|we|you|they|there|it|is|are|was|were|have|has|had)\b)",
    re.IGNORECASE,
)


# "this mo vs last mo": a month after a word that says which; "last 90", "past 30" (no unit): days.
_MONTH_MO = re.compile(r"\b(?P<lead>this|last|next|per|a|each|every|the|prev|previous|(?:last|past|previous)\s+\d{1,2})\s+mos?\b",
                       re.IGNORECASE)  # "last 6 mo": months too
_DAYS_UNSAID = re.compile(
    r"\b(?P<lead>last|past|previous|prior|rolling|trailing)\s+(?P<n>7|14|28|30|60|90|120|180|365)\b"
    r"(?!\s*(?:days?|weeks?|wks?|months?|mths?|years?|yrs?|quarters?|hours?|hrs?|[a-z]))",
    re.IGNORECASE,
)


# "the third quarter", "the 2nd quarter of 2025": Q3, Q2 2025.
_NTH_QUARTER = re.compile(r"\b(?:the\s+)?(?P<nth>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b(?:\s+of)?",
                          re.IGNORECASE)
_QUARTER_OF = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# a quarter as dictation writes it: "Q three", "quarter four", "q 3"
_SPOKEN_QUARTER = re.compile(r"\b(?:q|quarter)\s+(?P<n>one|two|three|four|[1-4])\b(?!\s*(?:%|percent|per\s+cent|times|of\s+(?:the|an?|our)\b))"
                             r"(?:\s+of(?=\s+(?:last|this|20\d\d)\b))?",
                             re.IGNORECASE)
_QUARTER_SAID = {"one": 1, "two": 2, "three": 3, "four": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# A dropped g ("parkin", "irritatin", "what's botherin diners", "how's it lookin"): the -ing word when the
# clipped one is no English word and the -ing one is. "checkin", "signin", "walkin" are also nouns (check-in,
# sign-in, a walk-in clinic): only before a word that makes them verbs ("checkin back on tables", "walkin folks").
_G_DROPPED = re.compile(r"\b(?P<stem>[a-z]{3,})in'?(?=$|[^\w'])", re.IGNORECASE)
# A dropped h, marked ("wot do ppl 'ate most", "'ow's the 'ospital parkin", "are they 'appy"): the h-word when the
# clipped one is no English word, or is one but opens no quote ("'ate"), and the h-word is ("'check in'" stays quoted)
# Yorkshire and Lancashire "t'" / "th'" for "the": "since t'start", "over t'year", "t'Sunday dinners"
_T_ARTICLE = re.compile(r"(?<![\w'’])[Tt]h?['’](?=[A-Za-z])")
_H_DROPPED = re.compile(r"(?<![\w'])['’](?P<rest>[a-z]{2,})\b", re.IGNORECASE)


def _h_dropped(m: re.Match[str]) -> str:
    rest = m["rest"]
    quoted = re.search(r"\w['’](?!\w)", m.string[m.end():]) is not None  # "'waiting room'": a quote opens
    if f"h{rest.lower()}" in _lexicon() and (rest.lower() not in _lexicon() or not quoted):  # "'ate": hate
        return ("H" if rest[0].isupper() else "h") + rest
    return m.group(0)


# "histories" for stories (Spanish historias, Italian storie, French histoires): not a patient's history, taken
_HISTORIES = re.compile(r"(?<!medical\s)(?<!patient\s)(?<!patients\s)(?<!patient's\s)(?<!patients'\s)(?<!taking\s)"
                        r"(?<!their\s)(?<!past\s)\bhistor(?:ies|y)\b(?=\s+(?:about|of\s+the\s+team|from|by|told|shared|"
                        r"in\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|"
                        r"the\s+restaurant|the\s+clinic)|of\s+(?:the\s+)?staff|(?:this|last)\s+(?:week|month|year|quarter))\b)|"
                        r"(?<=\bnumber\sof\s)histories\b|(?<=\bhow\smany\s)histories\b|(?<=\bnew\s)histories\b",
                        re.IGNORECASE)


# what is said not to be wanted: "no need for the trend", "don't need the chart", "skip the quotes"
_NOT_WANTED = re.compile(r"\b(?:no\s+need\s+(?:for|of)|(?:i|we)\s+don'?t\s+need|don'?t\s+need|skip|leave\s+out|never\s+mind)\s+"
                         r"(?:the\s+|a\s+|any\s+)?(?:trend|trends|chart|charts|graph|graphs|comparison|breakdown|quotes|comments|"
                         r"verbatims|sparkline)\b", re.IGNORECASE)
# "what patients don't like most", "dont enjoy": a dislike, said the way the rules read it (not "I don't like to bother you",
# "don't like asking")
_NOT_LIKED = re.compile(r"\b(?:don'?t|do\s+not|doesn'?t|does\s+not|didn'?t|did\s+not)\s+(?:really\s+)?(?:like|enjoy|love)"
                        r"(?!\s+(?:to\b|\w+ing\b))\b", re.IGNORECASE)
# "I don't like to bother you but ...", "sorry to trouble you": the asker's manners, no customer's feeling
_BOTHER_YOU = re.compile(r"\b(?:(?:i\s+)?(?:don'?t|do\s+not|hate|would\s+hate|'d\s+hate)\s+(?:like\s+|want\s+)?)?(?:to\s+)?"
                         r"(?:bother|trouble|pester|disturb)(?:ing)?\s+you(?:\s+again)?\b", re.IGNORECASE)
_GS_DROPPED = re.compile(r"\b(?P<stem>[a-z]{3,})ins(?=$|[^\w'])", re.IGNORECASE)
_VERB_ONLY_BEFORE = re.compile(r"\s+(?:back|on|out|oot|up|over|around|round|through|them|him|her|folks|people|patients|guests|"
                               r"diners|customers|everyone|somebody|someone)\b", re.IGNORECASE)
_IN_NOUNS = frozenset({"check", "sign", "walk", "log", "plug", "drive", "fill", "stand", "lock", "break", "sit", "kick"})


# Office English: "till date" / "to date" is up to today (all time, or since a date said with "from");
# "last to last month" is the month before last; "the first of september" is 1 September; "before and
# after 1st Nov" is since then against before; "the practice" (a GP practice) is the clinic, not a practice.
# what "from ... till date" starts at must be a time ("from the stories till date" is where the practices come from)
_A_TIME = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b(?:beginning|start|outset|"
                     r"launch|day|week|month|quarter|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                     r"yesterday|first|q[1-4]|spring|summer|autumn|fall|winter|christmas|easter|then)\b", re.IGNORECASE)
_FROM_TILL_DATE = re.compile(
    r"\bfrom\s+(?P<when>(?:the\s+)?[\w./-]+(?:\s+[\w./-]+){0,4}?)\s+(?:till|til|until|upto|up\s+to|to|up\s+until|up\s+till)\s+"
    r"(?:date|now|today|the\s+present)\b",
    re.IGNORECASE)
# "from the start of the year", "from the beginning of October" with no end said: since then
_FROM_START = re.compile(r"\bfrom(?=\s+(?:the\s+)?(?:very\s+)?(?:start|beginning|begining)\s+of\s+(?:the\s+|this\s+)?"
                         r"(?:year|month|quarter|week|january|february|march|april|may|june|july|august|september|october|"
                         r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|q[1-4]|summer|autumn|spring|"
                         r"winter|20\d\d)\b(?!\s*(?:-|–|to|till|til|until|through|thru|and)\b))", re.IGNORECASE)
_TILL_DATE = re.compile(r"\b(?:till|til|until|upto|up\s+to)\s+date\b|\bsince\s+(?:always|ever)\b", re.IGNORECASE)
# a term of endearment said to the bot ("what's the worst bit at the minute love"): no word of the question
_TILL_NOW = re.compile(r"\btill\s+(?=now\b)", re.IGNORECASE)
_DEAR = r"(?:love|luv|pet|hun|hon|darling|chuck|babe)"
_ENDEARMENT = re.compile(rf"(?:,\s*|(?<=\bminute)\s+|(?<=\bmoment)\s+|(?<=\bplease)\s+|(?<=\bpls)\s+|(?<=\bta)\s+)"
                         rf"{_DEAR}\s*(?=[?!.]*\s*$)|^\s*(?P<greeting>hi|hiya|morning|evening|ta|thanks|cheers)\s+{_DEAR}\b",
                         re.IGNORECASE)
# "this month next to last month": beside it, a comparison
_NEXT_TO_LAST = re.compile(r"(?<!\bthe\s)\bnext\s+to\s+(?=(?:last|the\s+previous|previous|the\s+last)\s+(?:week|month|quarter|year)\b)",
                           re.IGNORECASE)
_FRENCH_FIRST = re.compile(r"\b1(?:er|re|ère)\b", re.IGNORECASE)  # "since 1er septembre": the first
# "today till now", "this month till now": so far; "since one month" (Indian English): for the past month
_UNIT_TILL_NOW = re.compile(r"\b(?P<lead>today|this\s+(?:morning|week|month|quarter|year))\s+(?:till|til|until|upto|up\s+to)\s+"
                            r"(?:now|date)\b", re.IGNORECASE)
_SINCE_LENGTH = re.compile(r"\bsince\s+(?:the\s+)?(?:last\s+|past\s+)?(?P<n>one|a|1|two|2|three|3|four|4|five|5|six|6)\s+"
                           r"(?:(?P<unit>days?)\b(?!\s+(?:ago|back|before|after|earlier|last|this|next|or)\b)|"
                           r"(?P<long>weeks?|months?)(?:\s+(?:ago|back))?\b)(?!\s+(?:before|after|of|or|earlier|last|this|next)\b)",
                           re.IGNORECASE)  # "since 3 days ago" is a day, "since 2 weeks ago" the last two weeks


def since_as_length(text: str) -> str:
    """"since 2 weeks", "since one month" (the calque of German, Dutch, French, Portuguese): the past 2 weeks."""
    return _SINCE_LENGTH.sub(lambda m: f"the past {'one' if m['n'].lower() == 'a' else m['n']} {m['unit'] or m['long']}",
                             text)


_LAST_TO_LAST = re.compile(r"\blast\s+to\s+last\s+(?P<unit>week|month|quarter|year)\b", re.IGNORECASE)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20}
# every day of a month said as a word, for a date dictated month first ("since october fifteenth", "on
# november ninth", "october twenty-first")
_DAY_WORDS = {**_ORDINALS, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "sixteenth": 16,
              "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "thirtieth": 30,
              **{f"{tens}{sep}{unit}": base + n for tens, base in (("twenty", 20), ("thirty", 30))
                 for sep in (" ", "-") for unit, n in (("first", 1), ("second", 2), ("third", 3), ("fourth", 4),
                                                        ("fifth", 5), ("sixth", 6), ("seventh", 7), ("eighth", 8),
                                                        ("ninth", 9)) if base + n <= 31}}
_DAY_WORD = "|".join(sorted((re.escape(k) for k in _DAY_WORDS), key=len, reverse=True))  # longest first
_MONTH_AHEAD = r"(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"  # a month's name comes next
_MONTH_DAY_WORD = re.compile(
    r"\b(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|"
    rf"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\s+(?:the\s+)?(?P<nth>{_DAY_WORD})\b"
    r"(?!\s+(?:half|week|weekend|quarter|fortnight|time|thing|place|of)\b)", re.IGNORECASE)
_NTH_OF_MONTH = re.compile(
    rf"\b(?:the\s+)?(?P<nth>{'|'.join(_ORDINALS)})\s+of\s+{_MONTH_AHEAD}",
    re.IGNORECASE)
# ... and day first ("since tenth november", "from the twenty-first of october"), after a word that dates it
_DAY_WORD_MONTH = re.compile(
    rf"\b(?P<lead>since|from|on|after|before|until|till|by|starting|commencing)\s+(?:the\s+)?(?P<nth>{_DAY_WORD})\s+"
    rf"(?:of\s+)?{_MONTH_AHEAD}", re.IGNORECASE)
_BEFORE_AND_AFTER = re.compile(r"\b(?:before\s+and\s+after|pre\s+and\s+post|pre\s*/\s*post)\s+(?P<when>[\w.]+(?:\s+[\w.]+)?)",
                               re.IGNORECASE)
# "trend over the quarter", "across the month": this quarter, this month (the one we are in).
_ALL_UNIT = re.compile(r"\ball\s+(?:the\s+|this\s+)?(?P<unit>week|month|quarter|year)\b(?!\s+(?:before|after|of|to)\b)|"
                       # "..., whole year" (not "the whole year last year", "my whole week was spent on ...")
                       r"\b(?:the\s+)?(?:whole|entire)\s+(?P<unit2>week|month|quarter|year)\b(?=\s*(?:[,.;:!?]|$))",
                       re.IGNORECASE)  # "flat all quarter", "all the month": this one
_OVER_THE_UNIT = re.compile(r"\b(?:(?P<lead>over|across|through|throughout|during|in)\s+the\s+(?P<unit>month|quarter|year)|"
                            r"(?P<for>for)\s+the\s+(?P<unit2>week|month|quarter|year))\b"  # "story count for the quarter"
                            r"(?!\s+(?:before|after|of|to|ending|ended|just|gone|so\s+far|when|that|where|we|they|i|"
                            r"starting|beginning|commencing|prior|ahead|leading|in\s+which)\b|\s+\d)", re.IGNORECASE)
# "the year so far", "for the month so far": this year, this month (up to today, as "this year" is).
_UNIT_SO_FAR = re.compile(r"\b(?:for\s+)?the\s+(?P<unit>week|month|quarter|year)\s+so\s+far\b", re.IGNORECASE)
# "the three most scathing comments of the year", "best moment of the month": this year, this month (said of what the
# bot counts: not "the rest of the year", "employee of the month", "the cocktail of the week", "nights of the week")
_OF_THE_UNIT_SAID = re.compile(r"\b(?P<what>comments?|stor(?:y|ies)|ratings?|moments?|feedback|complaints?|compliments?|"
                               r"reviews?|quotes?|things|bits|steps?|stages?|touchpoints?|mots?)\s+of\s+the\s+"
                               r"(?P<unit>week|month|quarter|year)\b(?!\s*(?:before|so\s+far|to\s+date|ending|starting|"
                               r"commencing|beginning|of|in|'s|’s)\b)", re.IGNORECASE)
# "direction of travel" is which way a figure goes (a trend), not the directions MOT.
_DIRECTION_OF_TRAVEL = re.compile(r"\bdirection\s+of\s+travel\b", re.IGNORECASE)
# "a thank-you card", "a birthday card": a card for a person, not the insurance card MOT.
_GREETING_CARD = re.compile(r"\b(?P<kind>thank[\s-]*you|thankyou|birthday|gift|greetings?|christmas|xmas|leaving|farewell|"
                            r"goodbye|retirement|sympathy|welcome|get[\s-]+well|congratulations|congrats|well[\s-]+done)\s+cards?\b",
                            re.IGNORECASE)
# Doric "fit" asks what ("fit's gaun weel", "fit part o the meal", "fit dae the best servers dae"), "fit like" how
# ("fit like's the parkin daein"); the English word stays ("does it fit the criteria", "keep fit")
_FIT_LIKE = re.compile(r"\bfit\s+like\b", re.IGNORECASE)
_FIT_ASKS = re.compile(r"\bfit(?=(?:'s|s)\b|\s+(?:wye|way|part|parts|bits?|moments?|are|is|was|wis|dae|do|did|does|aboot|"
                       r"o|kind|sort|ones?|things?)\b)", re.IGNORECASE)
# French and Spanish word order: "the 3 last months", "the 6 last weeks" are the last three months, six weeks
_N_LAST = re.compile(r"\bthe\s+(?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                     r"(?P<last>last|past|previous)\s+(?P<unit>days|weeks|months|quarters|years)\b", re.IGNORECASE)
# ... and "the 3 first" (les 3 premiers): the top three
_N_FIRST = re.compile(r"\bthe\s+(?P<n>\d{1,2}|two|three|four|five|ten)\s+first\b(?=\s*(?:[,.;:!?)]|$|for\b|this\b|last\b|"
                      r"in\s+(?:q[1-4]|20\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))",
                      re.IGNORECASE)
# a finance team's "rolling 12" ("on a rolling 12 basis", "rolling 12 trend"): the last twelve months
_ROLLING_12 = re.compile(r"(?:\bon\s+a\s+)?\brolling\s+(?:12|twelve)(?:[\s-]*(?:months?|mths?|mo|m))?(?:\s+basis)?\b"
                         r"(?![\s-]*(?:weeks?|wks?|w|days?|d)\b)", re.IGNORECASE)
# "did parking improve after we added the bays?", "has check-in improved": a change asked, not how to improve
_DID_IMPROVE = re.compile(r"\b(?P<aux>did|has|have|had)\s+(?!(?:we|i|you|they|the\s+team|staff)\s)(?P<what>(?:[\w'-]+\s+){1,4}?)"
                          r"improve\b(?!\s+(?:it|them|things|this|that|on|by|the|our|their)\b)", re.IGNORECASE)
# "the follow up calls, do they improve since september?": a change asked of them
_THEY_IMPROVE = re.compile(r"\b(?P<aux>do|does|did|has|have|is|are)\s+(?P<who>they|it)\s+improv(?P<form>e|ed|ing)\b(?!\s+if\b)",
                           re.IGNORECASE)
# in the same aspect: "are they improving" is "are they getting better" (a trend), "has it improved" "has it got better"
_BETTER_SAID = {"e": "get better", "ed": "got better", "ing": "getting better"}
# "where do we get the most praise": the moments doing best
_WHERE_PRAISED = re.compile(r"\bwhere\s+(?:do|did|are|have)\s+we\s+(?:get|getting|got|receive|receiving|received|draw|drawing)\s+"
                            r"(?:the\s+)?most\s+(?:praise|compliments|love|kudos|thanks)\b", re.IGNORECASE)
# "over the last half year": the last six months
_LAST_HALF_YEAR = re.compile(r"\b(?P<lead>last|past|previous)\s+half[\s-]+(?:a\s+)?year\b", re.IGNORECASE)
# "2 good stories about checking back on tables, any time": whenever, so all time
_ANY_TIME = re.compile(r"[,–—-]\s*any\s*time\s*(?=[.!?]*\s*$)", re.IGNORECASE)
# "what does the data actually say is bottom": what the figures show, not what people said
_DATA_SAY = re.compile(r"\b(?:the\s+)?(?:data|numbers|figures|stats|scores)\s+(?:actually\s+|really\s+)?(?:say|says|said)\b",
                       re.IGNORECASE)
# "trend for waiting on results over 6 months": the last six months
_OVER_N_UNITS = re.compile(r"\bover\s+(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(?P<unit>days|weeks|months)\b"
                           r"(?!\s+(?:ago|before|after|old))", re.IGNORECASE)
# "the areas pts praised the most in Q3": the moments doing best
_AREAS_PRAISED = re.compile(r"\b(?:the\s+)?(?:areas|moments|steps|stages|parts|bits|touchpoints)\s+(?:[\w'-]+\s+){0,2}?(?:praised|"
                            r"complimented|loved|liked)\s+(?:the\s+)?most\b", re.IGNORECASE)
# "What's the feedback like on the signage": how it is doing
_FEEDBACK_LIKE = re.compile(r"\bwhat(?:'?s|\s+is)\s+(?:the\s+)?feedback\s+like\s+(?=on|for|about|at)\b", re.IGNORECASE)
# "situation of signage?", "the situation with the car park": how that moment is doing (East African English), said
# as the message's opening (not "given the situation of the car park, which moments ...")
_SITUATION_OF = re.compile(r"^\W*(?:(?:what(?:'?s|\s+is)|how(?:'?s|\s+is))\s+)?(?:the\s+)?(?:current\s+)?situation\s+"
                           r"(?:of|with|at|on|for)\s+", re.IGNORECASE)
# "pull the stories bout Jolene": about (not "a bout of complaints", a boxing bout)
_BOUT = re.compile(r"(?<!\ba\s)(?<!\bthe\s)\bbout\b(?!\s+(?:of|last|on|tonight)\b)", re.IGNORECASE)
# a search's field: "stories:Jess", "comments:parking"
_FIELD = re.compile(r"\b(?P<what>stories|story|comments|feedback|quotes):(?=\s*[A-Za-z])", re.IGNORECASE)
# a search's excluded word ("stories -parking this quarter", '"check in" -kiosk'): not asked about
_EXCLUDED_TERM = re.compile(r"(?:(?<=\s)|^)-(?=[a-z])[\w'-]+", re.IGNORECASE)
# "did the new signs help?", "has the new kiosk helped check-in", "we put signs up. Did it help?": a change asked, not
# a request for help
_DID_HELP = re.compile(r"\b(?P<aux>did|has|have|had)\s+(?P<what>(?:it|that|this|they|those|these)\s+(?:really\s+|actually\s+)?|"
                       r"(?:the|our|that|this|those|these|their)\s+(?:[\w'-]+\s+){0,3}?)"
                       r"help(?:ed)?\b(?!\s+(?:me|us|you|them|him|her)\b)", re.IGNORECASE)
# "the waiting of results" (French l'attente des résultats): waiting for them
_WAITING_OF = re.compile(r"\bwaiting\s+of\s+(?=(?:the\s+)?(?:results?|tests?|bloods?|scans?)\b)", re.IGNORECASE)
# "the last trimester" (French trimestre, Spanish/Italian trimestre): a quarter of the year
_TRIMESTER = re.compile(r"\btrimest(?:er|re)(?P<s>s?)\b", re.IGNORECASE)
# "since the start o september" (Scots, and typed fast): of
_O_OF = re.compile(r"\b(?P<part>start|beginning|end|middle|rest|top|bottom|one|some|most|all|which|any|none|count|number|"
                   r"part|parts|bit|bits|lot|lots|loads|kind|sort|list|total)\s+o\s+(?=\w)",
                   re.IGNORECASE)
# "any comments to day", "vitals hows that going to day" (dictated): today
_TO_DAY = re.compile(r"(?<!\bday\s)\bto\s+day\b(?=\s*(?:[?.!,]|$|so\s+far|please|pls))", re.IGNORECASE)
# "scores moving which direction since July": which way, not asking for directions; "what she does that the rest can
# follow": copy, not the follow-up call
_WHICH_DIRECTION = re.compile(r"\b(?P<which>which|what)\s+direction\b", re.IGNORECASE)
# (the staff who would follow it said: "are the signs easy to follow" is about the signs)
_CAN_FOLLOW = re.compile(r"\b(?P<modal>(?:the\s+rest|the\s+others|others|everyone|everybody|the\s+team|staff|colleagues|"
                         r"the\s+new\s+starters|new\s+starters|we)\s+(?:can|could|should|will|would|must|might)|"
                         r"for\s+(?:the\s+rest|the\s+others|others|everyone|everybody|the\s+team|staff|colleagues)\s+to)"
                         r"\s+follow\b(?!\s*-?\s*ups?\b|\s+(?:them|it|the\s+signs?|signs?|directions?|the\s+directions?|the\s+map)\b)",
                         re.IGNORECASE)
# "wanna give her a tims card", "buy him a coffee card": a present, not an insurance card
_CARD_GIVEN = re.compile(r"\b(?P<give>(?:give|buy)\s+(?:him|her|them)\s+an?\s+(?!(?:parking|car\s*park|insurance|id|"
                         r"loyalty|appointment|membership|access|key|bank|credit|debit|health)\b)[\w'’-]+\s+)cards?\b",
                         re.IGNORECASE)
# "the review is preponed to Friday", "I need it by Friday": a day something is due, not the window asked about
_WEEKDAY_SAID = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_DUE_DAY = re.compile(r"\b(?P<lead>(?:by|nlt|no\s+later\s+than|due\s+by|(?:for|before|ahead\s+of)\s+(?:the\s+|our\s+|my\s+)?"
                      r"(?:[\w-]+\s+)?(?:meeting|mtg|huddle|appraisal|inspection|audit|deadline|presentation)(?:\s+on)?|(?:preponed|postponed|moved|pushed|brought\s+forward|"
                      r"rescheduled|shifted|put\s+back)(?:\s+(?:back|forward|up))?\s+(?:to|till|until))\s+"
                      rf"(?:this\s+|next\s+|coming\s+|the\s+coming\s+)?){_WEEKDAY_SAID}\b(?!\s*(?:'s|’s))", re.IGNORECASE)
# "over the sumer", "since the start of the wintr": a season with a letter dropped, doubled or two swapped after a
# word that leads a period, when the word typed is no common English word (the speller keeps "sumer", a rare one;
# no letter changed: "the winner", "this sprint")
_SEASONS = ("summer", "winter", "spring", "autumn")
_SEASON_SLIP = re.compile(r"\b(?P<lead>the|this|last|next|of|in|over|during|since|from|past)\s+(?P<word>[a-z]{4,8})\b",
                          re.IGNORECASE)


def _slipped(typed: str, word: str) -> bool:
    """`typed` is `word` with one letter left out or added, or two neighbours swapped: one edit, and no letter
    changed (the speller's 4-letter rule)."""
    return _osa(typed, word) == 1 and (len(typed) != len(word) or sorted(typed) == sorted(word))


def _season_slip(m: re.Match[str]) -> str:
    typed = m["word"].lower()
    if typed in _SEASONS or _common_word(typed):  # "the summery menu", "the springs", "a sprig of rosemary"
        return m.group(0)
    season = next((s for s in _SEASONS if _slipped(typed, s)), None)
    return f"{m['lead']} {season}" if season else m.group(0)


# "maria got a card from a patient": a card someone was sent (a thank-you), not an insurance card
_CARD_FROM = re.compile(r"\b(?P<a>an?\s+(?:(?:lovely|nice|little|sweet|beautiful|big|thank\s*you)\s+)?)cards?\s+"
                        r"(?=from\s+(?!(?:the\s+|their\s+|an?\s+)?(?:insur|nhs|bank|dvla|council))\w)", re.IGNORECASE)
# "best rated moment at the GP", "votes in total, GP side": the practice, a place, not the physician
_GP_PLACE = re.compile(r"\b(?:(?P<at>at|down)\s+the\s+gp(?:'?s)?|gp\s+side)\b(?!\s+(?:was|is|were|said|says|told|did|"
                       r"explained|listened|rushed|saw|sees|appointments?|consultations?|visits?|slots?)\b)", re.IGNORECASE)
# "the practice cards", "best-practice cards": the practices the bot keeps, not an insurance card
_PRACTICE_CARDS = re.compile(r"\b(?:best[\s-]+)?practi[cs]e\s+cards?\b", re.IGNORECASE)
_THE_PRACTICE = re.compile(r"\b(?P<lead>the|our|this|my)\s+practice\b(?!\s+(?:of|for|is\s+to)\b)", re.IGNORECASE)
# "the other GP practices in the PCN", "GP surgeries nearby": other clinics, not the physician
_GP_PRACTICES = re.compile(r"\bgp\s+(?P<what>practices|practises|surgeries|surgery|practice|practise)\b(?!\s+(?:of|for)\b)",
                           re.IGNORECASE)


_SERIES_UNIT = re.compile(
    r"\b(?:(?P<month>month\s+(?:on|over|by|to|after)\s+month|monthly|each\s+month|every\s+month|per\s+month|"
    r"by\s+month|mom)"
    r"|(?P<week>week\s+(?:on|over|by|to|after)\s+week|weekly|each\s+week|every\s+week|per\s+week|by\s+week|wow))\b",
    re.IGNORECASE,
)


def series_asked(text: str) -> str | None:
    """"month on month", "monthly" -> "month"; "week by week", "weekly" -> "week"; None if not said."""
    m = _SERIES_UNIT.search(text)
    return None if m is None else "month" if m["month"] else "week"


# "past 30d", "90d", "trend 6 mths" (no "last"): the last N days / months; "n stories" is how many
_N_DAYS = re.compile(r"\b(?:(?P<lead>last|past|previous|prior|rolling|trailing)\s+)?(?P<n>\d{1,3})\s*d\b", re.IGNORECASE)
_N_UNITS_BARE = re.compile(
    r"(?<!\blast\s)(?<!\bpast\s)(?<!\bnext\s)(?<!\bprior\s)(?<!\bfirst\s)(?<!\bthe\s)(?<!\bover\s)(?<!\bprevious\s)"
    # how long something takes ("the wait is 2 weeks", "patients wait 3 weeks"): no window
    + "".join(rf"(?<!\b{verb}\s)" for verb in ("is", "are", "was", "were", "wait", "waits", "waited", "waiting", "took", "take",
                                              "takes", "taking", "lasted", "about", "around", "nearly", "almost"))
    + r"\b(?P<n>\d{1,2})\s*(?P<unit>mths|mnths|months|wks|weeks|wk|mth)\b(?!\s+(?:ago|before|after|from|later|earlier|of|"
    r"in|on|off|late|early|behind|running|waits?|wait\w+|old)\b)(?!\s*[-/]\d)",
    re.IGNORECASE,
)
_N_FOR_NUMBER = re.compile(r"^\s*n\s+(?=[a-z])", re.IGNORECASE)
# A sample size: "what's our n for follow-up calls" is how many ratings it has
_N_SAMPLE = re.compile(r"(?:\b(?:our|the)\s+|^\s*)n\s+(?=(?:for|on)\b)", re.IGNORECASE)  # "n for ask-directions last 2 weeks"
# ... and the whole sample: "total n since launch", "overall n this year?"
_N_TOTAL = re.compile(r"\b(?P<lead>total|overall)\s+n(?=\s*(?:[?!.,;]|$|\s+(?:since|this|last|in|for|on|all|ever|so\s+far|"
                      r"to\s+date|ytd|mtd|qtd|from|over|across)\b))", re.IGNORECASE)
_STORIES_NAMED = re.compile(r"\bstor(?:y|ies|ys)\b", re.IGNORECASE)
# "irritatings on parking": irritating ratings (the rating said as a noun)
_RATING_NOUNED = re.compile(r"\b(?P<rating>irritating|shining)s\b", re.IGNORECASE)
# "number of ratings the day?", "what's on the day": today, in Scots, ending what is asked ("on the day of
# the outage", "all the day", "per day" are not)
_THE_DAY = re.compile(r"(?<!\bon\s)(?<!\bof\s)(?<!\bfor\s)(?<!\bin\s)(?<!\ball\s)(?<!\bby\s)(?<!\bthat\s)"
                      r"(?<!\bwhole\s)(?<!\bduring\s)(?<!\bthrough\s)(?<!\bover\s)(?<!\bend\s)(?<!\bto\s)"
                      r"\bthe\s+day(?=\s*(?:[?!.]|$))", re.IGNORECASE)
# ... but not "saved the day", "made the day", "how did patients find the day"
_DAY_DONE = re.compile(r"\b(?:save|saved|saves|saving|make|made|makes|making|find|found|finds|seize|seized|carry|carried|win|won|"
                       r"ruin|ruined|brighten|brightened|enjoy|enjoyed|spend|spent|spoil|spoiled|spoilt|start|started|end|"
                       r"ended|finish|finished|rest\s+of|during|throughout|end\s+of|start\s+of)\s*$", re.IGNORECASE)
# The days a clinic, a shift or a crew is named by ("the Saturday clinic", "the new Saturday lads")
_WORK_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|evening|night"
# "stories by Funmi, she does the Saturday clinic": a clinic she works, no window
_WORKS_THE_DAY = re.compile(r"\b(?P<verb>does|runs|run|ran|works|work|worked|covers|cover|covered|leads|lead|led|"
                            r"takes|take|took|staffs|staff|manages|manage|is\s+on|was\s+on)\s+(?:the|our|a|her|his|their)\s+"
                            rf"(?:{_WORK_DAYS}|morning)\s+"
                            r"(?P<what>clinics?|shifts?|sessions?|lists?|rotas?|surgery|surgeries|service|brunch|lunch|"
                            r"dinners?|breakfasts?|team|crew|desk)\b", re.IGNORECASE)
# "what could the new Saturday lads learn": people who work that day, no window
_DAY_CREW = re.compile(rf"\b(?P<lead>the|our|the\s+new|our\s+new)\s+(?:{_WORK_DAYS})\s+"
                       r"(?P<who>lads|girls|staff|team|crew|people|folk|cover|nurses|"
                       r"receptionists|starters|temps|locums|volunteers|waiters|servers)\b", re.IGNORECASE)
# "where are we knocking it out of the park": where we do best (no car park in it)
_OUT_OF_THE_PARK = re.compile(r"\b(?:knock|knocks|knocking|knocked|hit|hits|hitting)\s+(?:(?:it|them|this|that)\s+)?"
                              r"out\s*(?:of|ta|a)\s+the\s+(?:ball\s*)?park\b", re.IGNORECASE)
# "who's the mvp this week", "who was our MVP": the people ranking's top ("which moment is our MVP" stays a moment)
_WHO_MVP = re.compile(r"\bwho(?:'?s|\s+is|\s+was|\s+are|\s+were)\s+(?:the|our|my|this\s+week'?s|this\s+month'?s)\s+mvps?\b",
                      re.IGNORECASE)
# "gets bragged on most", "bragging about": praised
_BRAGGED = re.compile(r"\bbrag(?:ged|ging|s)?\s+(?:on|about)\b", re.IGNORECASE)
# "my mom says ...": a mother, not month on month; "wow, ..." opening a message: surprise, not week on week
_MOTHER = re.compile(r"\b(?P<whose>my|your|his|her|their|our|a|the|patient'?s|patients'?)\s+mom\b", re.IGNORECASE)
_WOW_SAID = re.compile(r"^\W*wow+\b[\s,!.]+", re.IGNORECASE)
# "MoM on insurance forms", "WoW for check-in" with no window said: this month (week) against the last
_MOM_WOW = re.compile(r"\b(?P<unit>mom|wow)\b", re.IGNORECASE)
# a span of several of those units: "since Jan", "last 6 months", "YTD", "this year"
_SPAN_OF_UNITS = re.compile(r"\bsince\b(?!\s+(?:the\s+)?(?:start|beginning)\s+of\s+(?:the|this)\s+month\b|\s+last\s+month\b)|\b(?:last|past|previous)\s+(?:\d+|two|three|four|five|six|eight|nine|ten|twelve)\s+"
                            r"(?:months|weeks|mths|wks|mos)\b|\bytd\b|\bthis\s+year\b|\ball\s+time\b|\bso\s+far\b",
                            re.IGNORECASE)
_WINDOW_SAID = re.compile(r"\b(?:this|last|previous|since|vs|versus|against|ytd|mtd|qtd|q[1-4]|jan\w*|feb\w*|mar\w*|apr\w*|"
                          r"may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|\d+\s*(?:days?|weeks?|months?)|trend\w*)\b",
                          re.IGNORECASE)
# "pulling their weight": doing their share, not a patient weighed
_OWN_WEIGHT = re.compile(r"\bpull(?:s|ed|ing)?\s+(?:their|his|her|your|our|my|its)\s+(?:own\s+)?weight\b", re.IGNORECASE)
# "this last 3 months", "this past two weeks": the last so many
_THIS_LAST = re.compile(r"\bthis\s+(?=(?:last|past)\s+(?:\d+|few|couple|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+)",
                        re.IGNORECASE)
# "T30", "T90D": the trailing 30 (90) days
_TRAILING_DAYS = re.compile(r"\bt(?P<n>7|14|28|30|60|90|180|365)d?\b", re.IGNORECASE)
# "reg counter", "the reg desk": registration
_REG_DESK = re.compile(r"\breg\s+(?=(?:counter|desk|area|window|queue)\b)", re.IGNORECASE)
# "the new starters", "our new starter": people who just joined, not the first course
_STAFF_CONTEXT = re.compile(r"\b(?:train\w*|induct\w*|onboard\w*|copy|learn\w*|shar\w*|teach\w*|shadow\w*|practi[cs]es?|"
                            r"tips?|habits?|welcome|rota|standardi[sz]\w*|roll\w*\s+out|spread)\b", re.IGNORECASE)
_NEW_STARTERS = re.compile(r"\b(?P<lead>new|newest|latest)\s+starters?\b", re.IGNORECASE)
# "where are we hitting home runs", "which steps are home runs": where we do best
_HOME_RUNS = re.compile(r"\b(?:(?:hit|hits|hitting|knock|knocks|knocking|knocked)\s+)?(?:(?:a|the)\s+)?home\s*runs?\b",
                        re.IGNORECASE)
# "before his review", "ready for her annual review": someone's appraisal meeting, not a customer's review
_HIS_REVIEW = re.compile(r"\b(?P<lead>(?:before|for|at|ahead\s+of|after|prep\s+for|prepare\s+for)\s+(?:his|her|their|my|your)"
                         r"(?:\s+annual|\s+yearly|\s+quarterly|\s+performance|\s+mid-year)?)\s+review\b", re.IGNORECASE)
# "the day so far": today so far; "the star of the week", "employee of the month": this week / month
_DAY_SO_FAR = re.compile(r"\bthe\s+day\s+(?=so\s+far\b)", re.IGNORECASE)
_OF_THE_UNIT = re.compile(r"\b(?P<lead>(?:star|stars|hero|heroes|mvp|champion|champ)\s+(?:of|for)\s+)the\s+(?P<unit>week|month)\b(?!\s+(?:before|after|of|"
                          r"beginning|commencing|starting|ending)\b)", re.IGNORECASE)
_OTHER_WINDOW = re.compile(r"\b(?:last|previous|past|this)\s+(?:week|month|wk|mth)\b", re.IGNORECASE)
# "need something for the summer staff", "the christmas temps": who they are, not a window
_SEASONAL_STAFF = re.compile(r"\b(?:summer|winter|christmas|xmas|holiday|weekend|seasonal|easter|"
                             r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|night|late|early|morning|evening)\s+(?=(?:staff|temps?|starters?|"
                             r"team|crew|hires?|workers?|students?|casuals?|hosts?|hostess|waiters?|waitress|servers?|"
                             r"receptionists?|porters?|chefs?|cooks?|bartenders?|manager|supervisor)\b)",
                             re.IGNORECASE)
# "giving patients maximum trouble": the most; SMS "4 check in", "4 the doctor": for; "better then in october": than
_MAXIMUM = re.compile(r"\bmaximum(?=\s+(?:trouble|problems?|complaints?|praise|issues?|irritation|stories|ratings|mentions|"
                      r"shining|irritating|grief|hassle)\b)", re.IGNORECASE)
_FOUR_FOR = re.compile(r"(?<![\d/.:-])\b4\s+(?=(?:the|check|checking|parking|results?|reception|a|an|our|u|me|us|gp|doctors?|dr|"
                       r"booking|signs|waiting|paying|vitals?|tests?|forms?|follow)\b)", re.IGNORECASE)
_THEN_THAN = re.compile(r"\b(?P<more>better|worse|more|less|higher|lower|busier|quieter)\s+then\b", re.IGNORECASE)
# "which moments get the most praise", "any moments getting real praise": the strongest (who gets it is people)
_COMPLAINTS_TOO = re.compile(r"\bcomplain\w*|\bmoan\w*|\bgripes?\b|\bcriticism\b", re.IGNORECASE)
_MOMENTS_PRAISED = re.compile(r"\b(?P<which>(?:which|what|any)\s+(?:\d\s+|two\s+|three\s+|five\s+)?(?:of\s+the\s+)?(?:moments?|mots?|steps?|stages?|touchpoints?|"
                              r"parts?|bits?|areas?)(?:\s+of\s+the\s+visit)?)\s+(?:are\s+|is\s+)?(?:get|gets|getting|got|"
                              r"receive|receives|receiving|received|draw|draws|drawing|drew|attract\w*)\s+(?:the\s+)?(?:most\s+|real\s+|"
                              r"maist\s+|lots\s+of\s+|loads\s+of\s+|any\s+|genuine\s+|actual\s+)?(?:praise|compliments|love|kudos|plaudits)\b",
                              re.IGNORECASE)
# "on a winning streak or in a slump", "in a slump": which way things are going
_STREAK = re.compile(r"\b(?:on\s+a\s+(?:winning|losing|hot|cold|good|bad)\s+(?:streak|run)|in\s+a\s+slump|slumping)\b",
                     re.IGNORECASE)
# "which of the café team", "which of the front-of-house lot": which of our people
_WHICH_OF_CREW = re.compile(r"\bwhich\s+(?:one\s+)?of\s+(?:the|our|my)\s+(?:(?!(?:moments?|steps?|stages?|touchpoints?|parts?|bits?|"
                            r"do|does|did|are|is|was|were|get|gets|got)\b)[\w'-]+\s+){1,2}?(?:team|staff|crew|lot|squad|"
                            r"gang|people|folks)\b", re.IGNORECASE)
# "which of them / you lot" with stories told: which of our people (with moments, "which of them is worst" is a moment)
_WHICH_OF_THEM = re.compile(r"\bwhich\s+(?:one\s+)?of\s+(?:them|you|us|you\s+lot|yous|youse|y'?all)\b", re.IGNORECASE)
_RATINGS_OR_LIST = re.compile(r"\b(?:shining|irritating|dull|or)\b", re.IGNORECASE)
_TELLING = re.compile(r"\b(?:stor(?:y|ies|ys)|told|tells?|telling|contribut\w*|shared|sharing|posted|posting|written|wrote|"
                      r"submitted|logged)\b", re.IGNORECASE)
# "... say the last 30 days?", "how are we doing, let's say since October": "say" as "for example" before a window,
# not what people say ("what did patients say last month")
_SAY_FOR_INSTANCE = re.compile(r"(?:(?<=[,.…;:!?-])\s*|\b(?:let'?s|lets|shall\s+we|we'?ll)\s+)say\b\s*,?(?=\s*(?:(?:the|over|"
                               r"for|in|since|from)\s+){0,2}(?:last|past|previous|this|\d|q[1-4]\b|jan|feb|mar|apr|may|"
                               r"jun|jul|aug|sep|oct|nov|dec|summer|spring|autumn|winter|ytd|mtd|all\s+time))", re.IGNORECASE)
# "the back half of the year / of October": its second half ("front half": the first)
_BACK_HALF = re.compile(r"\b(?P<which>back|front)\s+half\b", re.IGNORECASE)
# "has not improved in the least": not at all, no ranking's "least"
_IN_THE_LEAST = re.compile(r"\bin\s+the\s+(?:least|slightest)\b", re.IGNORECASE)
# "people filling out the survey on the iPad": answering it, not the moment's forms
_SURVEY_FILLED = re.compile(r"\b(?:fill(?:ing|ed|s)?)\s+(?:out|in)\s+(?=(?:(?:the|a|our|their|this|that)\s+)?(?:feedback\s+|fft\s+)?"
                            r"(?:survey|surveys|feedback|rating|ratings|review|reviews|fft)\b)", re.IGNORECASE)
# "the signs in the hallway": signposts somewhere, not signing in
# ("signs in the corridors... how r they rated", "signs in the lobby by the doors": a place after it, no determiner before)
_SIGNS_IN = re.compile(r"(?:\b(?P<det>(?:the|those|these|our|your|any|some|new|old|all\s+the|wayfinding)(?:\s+[\w-]+){0,2}?)\s+"
                       r"|(?P<bare>^|(?<=[.!?,;:]\s)|(?<=\n)))signs\s+in\b"
                       r"(?(bare)(?=\s+(?:(?:the|our|this|that|each|every|all\s+the)\s+)?(?:[\w-]+\s+){0,2}?"
                       r"(?:corridors?|hallways?|halls?|lobby|lobbies|foyer|building|car\s*park|parking|lot|wing|entrance|"
                       r"stair\w*|lifts?|elevators?|site|campus|basement|outpatients?|hospital|department)\b)|)",
                       re.IGNORECASE)
# "who's getting called out the most for great moments": named, praised (no phone call in it)
_CALLED_OUT = re.compile(r"\b(?<!to\s)called\s+out\b", re.IGNORECASE)
# "stick it up on the staff room wall": a room of the staff's, not the waiting room
_STAFF_ROOM = re.compile(r"\b(?P<whose>staff|break|tea|common|locker|changing)\s+room\b", re.IGNORECASE)
# "the average rating last month", "QTD average please": the ratings' overall figures (the ratings are shining,
# dull or irritating, so their mix), not an average of something else ("average spend", "avg turn time")
_AVERAGE_SCORE = re.compile(r"\b(?:average|avg|mean)\s+(?:rating|ratings|score|scores|mark|marks)\b|"
                            r"\b(?:average|avg)\b(?=\s*(?:[?.!,;:)-]|$|please|pls|score|for|this|last|in|since|so\s+far|over|"
                            r"across|ytd|qtd|mtd|been|like|been\s+like))", re.IGNORECASE)
# "for her band 6 interview ref", "his job interview": a job's interview, not the patient's about their condition
_JOB_INTERVIEW = re.compile(r"\b(?:(?:his|her|their|my|your|a|the)\s+)?(?:job|band\s*\d|promotion|recruitment|"
                            r"appraisal|exit|panel)\s+interviews?\b", re.IGNORECASE)
# "Kemi's stories - she's one of our phlebotomists": who the person is, not the moment that role does
_ROLE_TOLD = re.compile(r"\b(?P<who>she|he|who|they)\s*(?:'s|'re|\s+is|\s+are|\s+was|\s+works?\s+as)\s+(?:one\s+of\s+)?"
                        r"(?:our|the|a|an)\s+(?:new\s+|senior\s+|junior\s+|lead\s+|head\s+)?(?:phlebotomists?|nurses?|"
                        r"receptionists?|hcas?|porters?|doctors?|gps?|waiters?|waitress(?:es)?|servers?|hosts?|hostess|chefs?|"
                        r"cashiers?|volunteers?|radiographers?|sonographers?|assistants?|mas|medical\s+assistants?|"
                        r"car\s+park\s+attendants?|security\s+guards?|guards?|bartenders?|baristas?)\b", re.IGNORECASE)
# Letters left out: "chk-in", "chkout", "call-appt", "appts" (beside a hyphen or a slash too)
_CHK = re.compile(r"\bchk(?=[\s/-]*(?:in|out)\b)|\bchk\b", re.IGNORECASE)
_APPT = re.compile(r"\bappt(?P<s>s?)\b", re.IGNORECASE)
# "trend chk-in 3m", "last 6m": months (not minutes after a wait, not millions of anything)
_N_M = re.compile(r"(?<![\w.$£€])(?:(?:last|past|previous|over\s+the\s+last)\s+)?(?P<n>\d{1,2})\s?m\b(?![\w%])"
                  r"(?![\s-]*(?:wait|waits|walk|drive|queue|queues|delay|delays|hold|holds|late)\b)",
                  re.IGNORECASE)
_A_WAIT_BEFORE = re.compile(r"\b(?:over|under|than|wait\w*|about|around|took|takes|for)\s*$", re.IGNORECASE)
# Quarter on quarter: this quarter against the last unless a quarter is named ("QoQ on the waiting room vs Q3")
_QOQ = re.compile(r"\bq[\s/-]?o[\s/-]?q\b(?!.*\b(?:q[1-4]|quarters?)\b)", re.IGNORECASE)
_STORY_TELLERS = re.compile(r"\bstory[\s-]+(?:tellers?|submitters?|contributors?|posters?|senders?|writers?)\b",
                            re.IGNORECASE)
# "which part customers most happy", "the most bad step": a superlative built the way many languages build it
_MOST_PLAIN = re.compile(r"\b(?:the\s+)?most\s+(?P<adj>happy|unhappy|good|bad|nice)\b", re.IGNORECASE)
_SUPERLATIVE = {"happy": "happiest", "unhappy": "unhappiest", "good": "best", "bad": "worst", "nice": "nicest"}
# The end of a ranking said by the share it ranks: "the lowest top-box share", "fewest complaints" (the best),
# "the highest irritating share" (the worst); not who ("who got the fewest complaints")
_GOOD_SHARE = r"shining|top[\s-]*box|positive|compliments?|praise|satisfaction|happiness|promoters?"
_BAD_SHARE = r"irritating|bottom[\s-]*box|negative|complaints?|moans?|gripes?|grumbles?|detractors?"
_EXTREME_SHARE = re.compile(
    rf"\b(?:(?P<low>lowest|least|fewest|smallest|min|minimum)|(?P<high>highest|max|maximum))\s+"
    rf"(?:(?:percent|percentage|pct|share|proportion|rate|number|count|amount|level|score|scores)\s+(?:of\s+)?)?"
    rf"(?:(?P<good>{_GOOD_SHARE})|(?P<bad>{_BAD_SHARE}))\b(?:\s+(?:share|rate|scores?|ratings?|percentage|pct))?",
    re.IGNORECASE)
_WHO_ASKED = re.compile(r"\bwho\b|\bwhich\s+(?:staff|members?|colleagues?|person|people|nurses?|doctors?|receptionists?|"
                        r"waiters?|waitress|servers?|hosts?)\b", re.IGNORECASE)


def _extreme_share(m: re.Match[str]) -> str:
    if m["high"]:  # "the highest shining share" reads as it is; "the highest irritating share" is the worst
        return m.group(0) if m["good"] else "weakest"
    return "strongest" if m["bad"] else "weakest"


# "which part of the appointment", "which bits of a meal": the whole visit, not the booking or serving moment
_PART_OF_VISIT = re.compile(r"\b(?P<lead>parts?|stages?|steps?|bits?|moments?|points?)\s+of\s+(?:the|an|their|a|our)\s+"
                            r"(?:appointment|meal|dinner|lunch|breakfast|brunch)\b", re.IGNORECASE)


# "H2", "H1 2025": half years; "november so far v october": versus; "driving our detractors": causing;
# "would you say", "do you reckon": fillers, not a request for what people say.
_HALF = re.compile(r"\bh(?P<half>[12])\s+(?P<year>20\d\d)\b", re.IGNORECASE)  # without a year: name_the_spans
# "the front" alone is the front desk ("how's the front been", "most praised at the front"), not its door
_THE_FRONT = re.compile(r"\bthe\s+front\b(?!\s*-?\s*(?:door|doors|entrance|entrances|gate|of|desk|counter|office|"
                        r"line|lines|page|row|seat|seats|car|garden|cover|end|runner|room|steps|window)\b)",
                        re.IGNORECASE)
# "v" before a word of degree or quality is "very" ("doing v good", "v slow"), never "versus"
_VERY = re.compile(r"(?<=\w)\s+v\s+(?=(?:good|well|bad|badly|poor|poorly|slow|quick|fast|busy|nice|happy|unhappy|"
                   r"long|low|high|few|many|much|little|strong|weak|positive|negative|pleased|kind|rude|helpful|"
                   r"friendly|clean|quiet|late|early|impressed|disappointed|annoyed|annoying|irritating|shining)\b)",
                   re.IGNORECASE)
_VERSUS = re.compile(r"(?<=\w)\s+v\.?\s+(?=\w)", re.IGNORECASE)
_DRIVING = re.compile(r"\bdriv(?:ing|e|es)\s+(?=(?:our|the|these|those|all|most|more)\s+(?!cars?\b|car\s+park)|"
                      r"(?:(?:positive|negative|good|bad|great|poor|high|higher|low|lower|better|worse)\s+)?"
                      r"(?:sentiment|scores?|ratings?|satisfaction|dissatisfaction|complaints?|praise|feedback|nps|"
                      r"loyalty)\b)", re.IGNORECASE)
# "the whole history", "everything we have": all time
_WHOLE_HISTORY = re.compile(r"\b(?:the\s+)?(?:whole|entire|full|complete)\s+history\b|"
                            r"\bno\s+(?:date|time)\s+(?:limits?|ranges?|filters?|restrictions?|cut-?offs?)\b|"
                            r"\ball\s+(?:of\s+)?(?:the\s+|our\s+)?history\b|"
                            r"\beverything\s+(?:we\s+have|we\s*'?ve\s+got|we\s+got|you\s+have|you\s*'?ve\s+got)\b",
                            re.IGNORECASE)
_ASKING_FILLER = re.compile(r",?\s*\b(?:would\s+you\s+say|do\s+you\s+(?:think|reckon|know)|would\s+you\s+reckon|"
                            r"in\s+your\s+(?:view|opinion)|like(?=\s+(?:the\s+)?(?:bottom|top)\s+(?:\d+|two|three|four|"
                            r"five|six|seven|eight|nine|ten)\b))\b", re.IGNORECASE)


# Dictated or typed homophones: "last weak", "this weak", "weak on weak" are weeks; "week spots", "the week
# points" are weak ones; "the for worst moments" is four of them.
_WEAK_AS_WEEK = re.compile(
    r"\b(?P<lead>this|last|next|past|previous|prev|prior|per|each|every|a|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|twelve|couple\s+of|few|\d{1,2})\s+weak(?P<s>s)?\b(?!\s+(?:spots?|points?|areas?|links?|moments?|stages?|"
    r"steps?|bits?|parts?|ones?|touch\s*points?|performers?|results?|scores?|ratings?|and|or|sides?)\b)"
    r"|\bweak(?=\s+(?:on|over|by|to)\s+weak\b)|(?<=\bweek\s(?:on|by|to)\s)weak\b|(?<=\bweek\sover\s)weak\b",
    re.IGNORECASE)
_WEEK_AS_WEAK = re.compile(r"\bweek(?=\s+(?:spots?|points?|areas?|links?|performers?)\b)|\bweekest\b", re.IGNORECASE)
_FOR_AS_FOUR = re.compile(r"\b(?P<lead>the|our|my|your)\s+for\s+(?=(?:worst|best|weakest|strongest|lowest|highest|"
                          r"top|bottom|most|least)\b)", re.IGNORECASE)


# A swipe keyboard's real-word slips in a window ("this moth", "last mouth", "this weed", "this quartet", "lost quarter",
# "lady quarter"): after a word that opens a window, a word one letter from a unit (its first letter kept) is that
# unit; before a unit, a word starting with l within two letters of "last" is "last". "weak" is left to `_WEAK_AS_WEEK`
# ("this weak spot"), plurals and possessives stand.
_SLIPPED_UNITS = ("week", "month", "quarter", "year")
_UNIT_SLIP = re.compile(r"\b(?P<lead>this|last|past|previous|next)\s+(?P<word>[a-z]{4,8})\b(?!['’])", re.IGNORECASE)
_LEAD_SLIP = re.compile(r"\b(?P<word>l[a-z]{2,3})(?=\s+(?:week|month|quarter|year)\b(?!\s+(?:off|out|ago)\b))",
                        re.IGNORECASE)
_NOT_SLIPS = frozenset({"weak", "less", "like", "list", "lots"})


def _unit_slip(m: re.Match[str]) -> str:
    word = m["word"].lower()
    if word in _SLIPPED_UNITS or word in _NOT_SLIPS or any(word == u + "s" for u in _SLIPPED_UNITS):
        return m.group(0)
    near = [u for u in _SLIPPED_UNITS if u[0] == word[0] and _osa(word, u) == 1]
    return f"{m['lead']} {near[0]}" if len(near) == 1 else m.group(0)


def _lead_slip(m: re.Match[str]) -> str:
    word = m["word"].lower()
    if word in ("last", "this") or word in _NOT_SLIPS:
        return m.group(0)
    if _osa(word, "last") <= (1 if len(word) == 3 else 2):
        return "last"
    return m.group(0)


# ... and in a rating's name before what is counted ("the most irrigating votes", "doll ratings"): within one letter
# (two, from eight letters), the first letter kept
_RATING_NAMES = ("shining", "dull", "irritating")
_RATING_SLIP = re.compile(r"\b(?P<word>[a-z]{4,11})(?=\s+(?:votes?|ratings?|ones|scores?)\b)", re.IGNORECASE)


def _rating_slip(m: re.Match[str]) -> str:
    word = m["word"].lower()
    if word in _RATING_NAMES:
        return m.group(0)
    near = [r for r in _RATING_NAMES if r[0] == word[0] and _osa(word, r) <= (2 if len(word) >= 8 else 1)]
    return near[0] if len(near) == 1 else m.group(0)


def _weak_as_week(m: re.Match[str]) -> str:
    if m["lead"] is None:
        return "week"
    return f"{m['lead']} week{m['s'] or ''}"


_UNIT_NAMED = {"quarter": re.compile(r"\bq[1-4]\b|\bquarter\b", re.IGNORECASE),
               "month": re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\bmonth\b", re.IGNORECASE),
               "year": re.compile(r"\b20\d\d\b|\byear\b", re.IGNORECASE),
               "week": re.compile(r"\bweek\s+(?:of|ending|beginning|commencing)\b|\bw/[ce]\b", re.IGNORECASE)}


def _over_this_unit(m: re.Match[str]) -> str:
    """"over the quarter" is this quarter, unless a quarter was named before it ("roadworks all through Q3 - did
    parking get worse over the quarter?": that one)."""
    lead, unit = m["lead"] or m["for"], m["unit"] or m["unit2"]
    if _UNIT_NAMED[unit.lower()].search(m.string, 0, m.start()):
        return m.group(0)
    return f"{lead} this {unit}"


# "since the end of the summer", "since october ended": from the first day after it
_AFTER_SEASON = {"spring": "june", "summer": "september", "autumn": "december", "fall": "december", "winter": "march"}
_ENDED_PART = r"summer|spring|autumn|fall|winter|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|" \
              r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_SINCE_ENDED = re.compile(
    rf"\b(?:since|from\s+when|since\s+when|ever\s+since)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?P<a>{_ENDED_PART})|"
    rf"(?P<b>{_ENDED_PART})\s+(?:ended|finished|"
    rf"was\s+over|came\s+to\s+an\s+end))\b", re.IGNORECASE)


def _since_ended(m: re.Match[str]) -> str:
    part = (m["a"] or m["b"]).lower()
    if part in _AFTER_SEASON:
        return f"since 1 {_AFTER_SEASON[part]}"
    return f"since 1 {_MONTH_NAMES[_MONTHS[part[:3]] % 12].lower()}"  # the month after it ("sepember": sep)


def _half_year(m: re.Match[str]) -> str:
    year = m["year"]
    return f"between 1 jan {year} and 30 jun {year}" if m["half"] == "1" else f"between 1 jul {year} and 31 dec {year}"


def _n_months(m: re.Match[str]) -> str:
    """"3m" as the last three months, unless it is how long something took ("waits over 10m")."""
    if int(m["n"]) > 24 or _A_WAIT_BEFORE.search(m.string, 0, m.start()):
        return m.group(0)
    return f"last {m['n']} months"


def _g_dropped(m: re.Match[str]) -> str:
    word, stem = m.group(0), m["stem"].lower()
    full = f"{stem}ing"
    if stem in ("park", "tak"):  # parkin is also a cake, a takin a goat, but nobody rates one here
        return full
    if (stem + "in") in _lexicon() or full not in _lexicon() or (stem + "in") in FORENAMES:
        return word
    if stem in _IN_NOUNS and not _VERB_ONLY_BEFORE.match(m.string, m.end()):
        return word
    return full


# Jamaican patois, read only when the message says its words twice or more (one "di" may be someone called Di):
# "which moment dem nuh like at all dis year", "how much ah dem rate di food", "compare since den wid before"
_PATOIS_WORDS = {"di": "the", "dem": "them", "nuh": "not", "wid": "with", "pon": "on", "fi": "to", "den": "then",
                 "dat": "that", "nuff": "lots of", "mi": "me", "yuh": "you", "gwaan": "going on", "wah": "what",
                 "wha": "what", "seh": "say", "bout": "about", "dis": "this"}
_PATOIS = re.compile(r"\b(?:di|dem|bout|nuh|wid|pon|fi|den|dat|nuff|mi|yuh|gwaan|wah|wha|seh|dis)\b")
_PATOIS_OF = re.compile(r"\bah(?=\s+(?:di|dem|the|them|january|february|march|april|may|june|july|august|september|"
                        r"october|november|december)\b)")  # "from di start ah di year", "di 1st ah June": of
_PATOIS_THEIR = re.compile(r"\b(?<=to\s|in\s|on\s|of\s)dem(?=\s+(?:car|cars|results|appointment|appointments|food|table|"
                           r"bill|doctor|name|names)\b)")  # "back to dem car": their


def _patois(text: str) -> str:
    if len(_PATOIS.findall(text)) + bool(_PATOIS_OF.search(text)) < 2:
        return text
    text = _PATOIS_THEIR.sub("their", _PATOIS_OF.sub("of", text))
    return re.sub(r"\b[a-z]+\b", lambda m: _PATOIS_WORDS.get(m.group(0), m.group(0)), text)


# Hinglish (Hindi in Latin letters mixed with English), read only when two or more of its words come: "kitne ratings aaye
# is hafte", "sabse zyada kya irritate kar raha hai pichle 30 din mein", "parking ka kya haal hai". Phrases first (longest
# first), then words; the grammar words that English says by order ("ka", "ne", "hai") are dropped.
_HINDI_MARKERS = frozenset("""hai hain kya kaisa kaise kaisi kitne kitni kitna mein sabse zyada jyada pichle pichhle mahine
    mahina hafte hafta saal aaj batao dikhao kaun kaunsa kaunse kahan wala wali wale yaar raha rahi rha rhi nahi abhi baare
    kuch ne ko ka ki ke pe aaye aayi aaya kiya karna karke kar kisko kiska kiski likha likhi bheji bheja hui hua gaya
    gayi diya liye kal jahan kis sab kharab naam thi tha hote hota hoti chal""".split())
# words no English message says (a name aside): one is enough to read the message so ("this month kitni staff stories",
# "count of votes on parking aaj")
_HINDI_ALONE = frozenset("""kitne kitni kitna kya kaun kaunsa kaunse kahan jahan sabse zyada jyada pichle pichhle mahine
    hafte aaj batao dikhao kaisa kaise kaisi pareshan tareef kharab kahaniyan khana""".split())
_HINDI_UNITS = {"din": "days", "dino": "days", "hafte": "weeks", "hafton": "weeks", "mahine": "months", "saal": "years"}
_HINDI_PHRASES = tuple((re.compile(rf"\b{k}\b", re.IGNORECASE), v) for k, v in (
    (r"(?:pichle|pichhle|last)\s+(\d+)\s+(din|dino|hafte|hafton|mahine|saal)(?:\s+(?:mein|me|se))?", None),
    (r"mahine\s+dar\s+mahine", "month on month"), (r"hafte\s+dar\s+hafte", "week on week"),
    (r"usse\s+pehle\s+wale\s+mahine", "the month before"), (r"usse\s+pehle\s+wala\s+hafta", "the week before"),
    (r"usse\s+pehle", "the one before"), (r"pehle\s+ke\s+mukabl?e", "compared with before"),
    (r"uske\s+baad", "since then"), (r"ke\s+baad", "after"), (r"ke\s+baare\s+mein", "about"),
    (r"is\s+mahine", "this month"), (r"(?:pichle|pichhle)\s+mahine", "last month"), (r"is\s+hafte", "this week"),
    (r"(?:pichle|pichhle)\s+hafte", "last week"), (r"is\s+saal", "this year"), (r"(?:pichle|pichhle)\s+saal", "last year"),
    (r"is\s+(week|month|quarter|year)", r"this \1"),
    (r"ab\s+tak", "so far"), (r"time\s+ke\s+saath", "over time"), (r"pura\s+saal", "the whole year"),
    (r"^(?P<who>.*?)\s*(?P<what>appointment|table)\s+book\s+kar\s+do", r"book a \g<what> for \g<who>"),
    (r"ke\s+liye", "for"),
    (r"(receive|pay|book|share|fill|wait|order)\s+(?:karne|karna|karte|kiya)", r"\1 GERUND"),
    (r"(?:move|change)\s+(?:hua|hui|kar\s+raha|kar\s+rahi|ho\s+raha|ho\s+rahi)", "moved"),
    (r"(?:lagi|laga|lagaya|lagayi)\s+(?:thi|tha|the)", "went up"),
    (r"^(?P<x>.+?)\s+kya\s+(?:hai|he|hain)\s*(?P<q>\?*)$", r"what is \g<x>\g<q>"),  # "aaj ka special menu kya hai"
    (r"sab\s*se\s+(?:zyada|jyada)", "most"), (r"sab\s*se\s+kam", "least"), (r"sab\s*se\s+(?:bura|bure|buri|kharab)", "worst"),
    (r"sab\s*se\s+(?:accha|acche|achha|achhe|acchi|badhiya)", "best"), (r"sab\s*se", "most"),
    (r"kaun\s+(?:sa|si|se)", "which"), (r"kis\s+(?:ka|ki|ke|ko)", "whose"), (r"chal\s+(?:raha|rha|rahi|rhi|rahe)", ""),
    (r"(?:kaisa|kaisi|kaise)\s+(?:chal|ja)\s+(?:raha|rha|rahi|rhi)\s+(?:hai|he)", "how is it going"),
    (r"kya\s+(?:haal|scene)\s+(?:hai|he)", "how is it going"), (r"(?:kaisa|kaisi|kaise)\s+(?:hai|he|hain)", "how is it"),
    (r"kaise\s+ho", "how are you"), (r"(?:as+alam+|sal+am+)\s+(?:o\s+|u\s+|-\s*)?(?:alaikum|alaykum|alekum)", "hello"), (r"badh\s+rahi\s+hai\s+ya\s+kam\s+ho\s+rahi\s+hai", "going up or down"),
    (r"pasand\s+(?:aa|aaya|aayi|aa\s+rahi|aa\s+raha)", "liked"), (r"book\s+kar\s+do", "book"),
    (r"kitne\s+(?:logo|logon|log)\s+ne\s+rate\s+kiya", "how many people rated"),
))
_HINDI_WORDS = {
    "kitne": "how many", "kitni": "how many", "kitna": "how much", "kya": "what", "kaunsa": "which", "kaunse": "which",
    "kaunsi": "which", "kaun": "who", "kisko": "who", "kiska": "whose", "kiski": "whose", "kise": "who", "kahan": "where",
    "kaisa": "how", "kaisi": "how", "kaise": "how", "batao": "show me", "dikhao": "show me", "aaj": "today",
    "kal": "yesterday", "abhi": "now", "pasand": "like", "pareshan": "unhappy", "tareef": "praise",
    "kahaniyan": "stories", "kahaniya": "stories", "kahani": "story", "likha": "wrote", "likhi": "wrote",
    "likhe": "wrote", "bheji": "sent", "bheja": "sent", "bheje": "sent", "bhejta": "sends", "aaye": "came",
    "aayi": "came", "aaya": "came", "mila": "got", "mili": "got", "mile": "got", "logo": "people", "logon": "people",
    "khana": "food", "khane": "food", "farak": "difference", "fark": "difference", "mausam": "weather",
    "nayi": "new", "naya": "new", "alag": "differently", "sikha": "teach", "dusro": "others", "aage": "ahead",
    "badal": "changing", "mein": "in", "pe": "on", "par": "on", "aur": "and", "ya": "or", "bhi": "also",
    "nahi": "not", "koi": "any", "jahan": "where", "kharab": "bad", "bura": "bad", "buri": "bad", "bure": "bad",
    "naam": "name", "zyada": "most", "jyada": "most",
}
_GERUND = {"receive": "receiving", "pay": "paying", "book": "booking", "share": "sharing", "fill": "filling",
           "wait": "waiting", "order": "ordering"}
_HINDI_DROPPED = frozenset("""ka ki ke ko ne hai hain he tha thi raha rahi rha rhi ho kar karna karke karo wala wali wale yaar
    accha achha na toh thoda kuch se do diya kiya gaya gayi hua hui thi tha hote hota hoti""".split())


# a Hindi window needs no other Hindi word to be read ("top 3 shining moments is mahine", "pichle 6 weeks"); English
# "is" only before a Hindi unit ("the wait is 2 weeks" is no window)
_HINDI_WINDOW = re.compile(r"\b(?:(?P<which>is|pichle|pichhle)\s+(?P<unit>mahine|hafte|saal)|(?P<last>pichle|pichhle)\s+"
                           r"(?P<count>\d+\s+(?:weeks|months|days|years)))\b", re.IGNORECASE)
_HINDI_WINDOW_UNIT = {"mahine": "month", "hafte": "week", "saal": "year"}


# Welsh, Irish, Tamil and Turkish words a manager mixes into English ("worst 5 moments llynedd", "how many ratings did we get
# inné", "least liked moments an bhliain seo", "compare Hydref with Medi", "faint o straeon", "worst 2 MOTs pona maasam",
# "no of responses nethu"): none is an English word, so they are read wherever they come; longest first
_MIXED_IN_WORDS = (
    # Welsh
    (r"(?:yr\s+)?(?:wythnos|wsnos)\s+(?:dwytha|diwethaf|dwetha)", "last week"), (r"(?:yr\s+)?(?:wythnos|wsnos)\s+(?:yma|hon)",
     "this week"), (r"(?:y\s+)?mis\s+(?:dwytha|diwethaf|dwetha)", "last month"), (r"(?:y\s+)?mis\s+(?:yma|hwn)", "this month"),
    (r"llynedd", "last year"), (r"(?-i:eleni)", "this year"), (r"heddiw", "today"), (r"ddoe", "yesterday"), (r"fory|yfory", "tomorrow"),
    (r"faint\s+o", "how many"), (r"straeon", "stories"), (r"sut\s+mae['’]?r", "how is the"), (r"sut\s+mae", "how is"),
    (r"pwy\s+sy", "who is"), (r"ar\s+y\s+top", "on top"), (r"pwy", "who"), (r"be\s+di['’]?r", "what is the"), (r"tywydd", "weather"), (r"caffi", "cafe"),
    (r"ionawr", "january"), (r"chwefror", "february"), (r"ebrill", "april"), (r"mehefin", "june"), (r"gorffennaf", "july"),
    (r"awst", "august"), (r"medi", "september"), (r"hydref", "october"), (r"tachwedd", "november"), (r"rhagfyr", "december"),
    (r"diolch(?:\s+yn\s+fawr)?", "thanks"),
    # Irish
    (r"an\s+tseachtain\s+seo\s+caite", "last week"), (r"an\s+tseachtain\s+seo", "this week"),
    (r"an\s+mh[ií]\s+seo\s+caite", "last month"), (r"an\s+mh[ií]\s+seo", "this month"),
    (r"an\s+bhliain\s+seo\s+caite|anuraidh", "last year"), (r"an\s+bhliain\s+seo", "this year"), (r"inniu", "today"),
    (r"inn[ée]", "yesterday"), (r"amárach|amarach", "tomorrow"), (r"p[áa]irce[áa]il", "parking"),
    (r"seomra\s+feithimh", "waiting room"), (r"docht[úu]ir", "doctor"), (r"l[úu]nasa", "august"),
    (r"me[áa]n\s+f[óo]mhair", "september"), (r"deireadh\s+f[óo]mhair", "october"),
    (r"go\s+raibh\s+maith\s+agat|grma", "thanks"),
    # Tamil in Latin letters (Tanglish)
    (r"pona\s+(?:maasam|masam)", "last month"), (r"indha\s+(?:maasam|masam)", "this month"),
    (r"pona\s+(?:vaaram|varam)", "last week"), (r"indha\s+(?:vaaram|varam)", "this week"),
    (r"pona\s+(?:varusham|varudam)", "last year"), (r"indha\s+(?:varusham|varudam)", "this year"),
    (r"nethu|netru", "yesterday"), (r"inniki|innaiku|indru", "today"), (r"evlo|evvalavu|ethana", "how many"),
    (r"eppadi\s+(?:irukku|iruku|pogudhu|poguthu)", "how is it"), (r"eppadi", "how"), (r"nalla", "good"),
    # Turkish
    (r"ka[çc]\s+tane|ka[çc]", "how many"), (r"merhaba", "hello"), (r"nas[ıi]ls[ıi]n", "how are you"),
    (r"te[şs]ekk[üu]rler|te[şs]ekk[üu]r\s+ederim", "thanks"),
    # Portuguese
    (r"melhores\s+momentos", "best moments"), (r"piores\s+momentos", "worst moments"), (r"melhor\s+momento", "best moment"),
    (r"pior\s+momento", "worst moment"), (r"melhores", "best"), (r"piores", "worst"),
    (r"quant[ao]s", "how many"), (r"hist[óo]rias", "stories"), (r"coment[áa]rios", "comments"),
    (r"avalia[çc](?:[õo]es|[ãa]o)", "ratings"), (r"reclama[çc](?:[õo]es|[ãa]o)", "complaints"), (r"elogios", "compliments"),
    (r"quem\s+[ée]\s+o\s+mais\s+elogiad[oa]", "who is the most praised"), (r"elogiad[oa]s?", "praised"),
    (r"boas\s+pr[áa]ticas", "best practices"), (r"hoje", "today"), (r"ontem", "yesterday"),
    (r"(?:este|esse|neste|nesse)\s+m[êe]s", "this month"), (r"(?:o\s+)?m[êe]s\s+passado", "last month"),
    (r"(?:esta|essa|nesta|nessa)\s+semana", "this week"), (r"(?:a\s+)?semana\s+passada", "last week"),
    (r"(?:este|esse|neste|nesse)\s+ano", "this year"), (r"(?:o\s+)?ano\s+passado", "last year"),
    (r"bom\s+dia|boa\s+tarde|boa\s+noite|ol[áa]", "hello"), (r"tudo\s+bem", "how are you"),
    (r"como\s+(?:t[áa]|est[áa]|vai)", "how is"), (r"vai\s+chover", "will it rain"), (r"obrigad[oa]", "thanks"), (r"estacionamento", "parking"),
    (r"sala\s+de\s+espera", "waiting room"), (r"recep[çc][ãa]o", "reception"), (r"gar[çc]o(?:m|ns)", "waiters"),
    # Greek in Latin letters
    (r"p[oó]so\s+kal[aá]", "how well"), (r"p[oó]s[ao]|p[oó]ses|p[oó]soi", "how many"), (r"ti\s+k[aá]n(?:eis|ete|is)", "how are you"),
    (r"kalim[eé]ra|kalisp[eé]ra", "good morning"), (r"efh?arist[oó](?:\s+pol[ií])?|efcharist[oó](?:\s+pol[ií])?", "thanks"),
    # Lithuanian (a greeting, thanks, "fine" and goodbye: small talk; "labas rytas" is no test)
    (r"labas\s+(?:rytas|vakaras)|labas\s+r[yi]tas|labas|sveiki|laba\s+diena", "hello"), (r"a[čc]i[ūu](?:\s+labai)?", "thanks"),
    (r"gerai", "ok"), (r"viso\s+gero", "bye"), (r"kaip\s+(?:sekasi|gyveni|gyvenate|laikaisi|laikotės|laikotes)", "how are you"),
    # Slovak and Czech (a window, a day, a greeting, please and thanks)
    (r"(?:tento|tenhle)\s+t[ýy](?:ž|z)de[ňn]|(?:tento|tenhle)\s+t[ýy]den", "this week"),
    (r"minul[ýy]\s+t[ýy](?:ž|z)de[ňn]|minul[ýy]\s+t[ýy]den", "last week"),
    (r"(?:tento|tenhle)\s+(?:mesiac|m[ěe]s[íi]c)", "this month"), (r"minul[ýy]\s+(?:mesiac|m[ěe]s[íi]c)", "last month"),
    (r"(?:tento|tenhle)\s+rok|tohto\s+roku|letos", "this year"), (r"minul[ýy]\s+rok|vlani|loni", "last year"),
    (r"dnes", "today"), (r"v[čc]era", "yesterday"), (r"zajtra|z[íi]tra", "tomorrow"),
    (r"ahoj|dobr[ýy]\s+de[ňn]|dobr[ýy]\s+den|dobr[ée]\s+r[áa]no", "hello"),
    (r"[ďd]akujem(?:\s+pekne)?|[ďd]akujeme|d[ěe]kuji|d[ěe]kujeme|v[ďd]aka|d[íi]ky", "thanks"), (r"pros[íi]m", "please"),
    # Swahili (windows, days, greetings, thanks; "leo" and "jana" only in lower case: Leo and Jana are names)
    (r"wiki\s+hii", "this week"), (r"wiki\s+(?:iliyopita|jana)", "last week"), (r"mwezi\s+huu", "this month"),
    (r"mwezi\s+(?:uliopita|jana)", "last month"), (r"mwaka\s+huu", "this year"), (r"mwaka\s+(?:jana|uliopita)", "last year"),
    (r"(?-i:leo)", "today"), (r"(?-i:jana)", "yesterday"), (r"(?-i:kesho)", "tomorrow"),
    (r"habari\s+(?:yako|zako|gani)|u?hali\s+gani|hujambo|mambo\s+vipi", "how are you"),
    (r"habari\s+(?:ya|za)\s+(?:asubuhi|mchana|jioni|leo|kazi)|habari|jambo|mambo", "hello"),
    (r"asante(?:\s+sana)?|ahsante(?:\s+sana)?", "thanks"), (r"tafadhali", "please"), (r"sawa(?:\s+sawa)?", "ok"),
    # Bulgarian, in Latin letters and in Cyrillic
    (r"tazi\s+sedmi(?:ts|c)a|тази\s+седмица", "this week"), (r"minalata\s+sedmi(?:ts|c)a|миналата\s+седмица", "last week"),
    (r"tozi\s+mese(?:ts|c)|този\s+месец", "this month"), (r"minaliya\s+mese(?:ts|c)|миналия\s+месец", "last month"),
    (r"tazi\s+godina|тази\s+година", "this year"), (r"minalata\s+godina|миналата\s+година", "last year"),
    (r"днес", "today"), (r"vchera|вчера", "yesterday"), (r"utre|утре", "tomorrow"),
    (r"blagodar(?:ya|ia|q)|благодаря|мерси", "thanks"), (r"zdravei|zdraveite|zdrasti|здравей|здравейте|здрасти", "hello"),
    # Croatian, with or without its letters ("danas" only in lower case and not before what it could own: "danas
    # stories" is Dana's)
    (r"ovaj\s+tjedan|ovog\s+tjedna", "this week"), (r"pro[šs]li\s+tjedan|pro[šs]log\s+tjedna", "last week"),
    (r"ovaj\s+mjesec|ovog\s+mjeseca", "this month"), (r"pro[šs]li\s+mjesec|pro[šs]log\s+mjeseca", "last month"),
    (r"ovaj\s+kvartal", "this quarter"), (r"pro[šs]li\s+kvartal", "last quarter"),
    (r"ova\s+godina|ove\s+godine", "this year"), (r"pro[šs]la\s+godina|pro[šs]le\s+godine", "last year"),
    (r"(?-i:danas)(?!\s+(?:stories|story|storys|comments?|ratings?|practices|numbers|figures|team)\b)", "today"),
    (r"ju[čc]er", "yesterday"), (r"sutra", "tomorrow"), (r"kako\s+si|kako\s+ste", "how are you"), (r"koliko", "how many"),
    (r"kakvo\s+(?:je\s+)?vrijeme", "what weather"), (r"hvala(?:\s+lijepa)?", "thanks"), (r"molim(?:\s+te|\s+vas)?", "please"), (r"bok|pozdrav", "hello"),
    # Sinhala in Latin letters ("ada", "iye" only in lower case)
    (r"me\s+sathiye", "this week"), (r"giya\s+sathiye", "last week"), (r"me\s+masaye|me\s+maase", "this month"),
    (r"giya\s+masaye|giya\s+maase", "last month"), (r"me\s+awurudde|me\s+avurudde", "this year"),
    (r"giya\s+awurudde|giya\s+avurudde", "last year"), (r"(?-i:ada)", "today"), (r"(?-i:iye)", "yesterday"),
    (r"(?-i:heta)", "tomorrow"), (r"sthuthi(?:yi)?|sthuti(?:yi)?|istuti", "thanks"), (r"ayubowan|aayubowan", "hello"),
)
# one pass for the whole table (a pattern each cost a tenth of a millisecond a call): at each place the first entry
# that matches as whole words wins, so the longer phrases listed first ("melhores momentos") beat their words
_MIXED_IN = re.compile(r"(?<![\w'’])(?:" + "|".join(f"(?P<w{i}>{k})" for i, (k, _) in enumerate(_MIXED_IN_WORDS))
                       + r")(?![\w'’])", re.IGNORECASE)


def mixed_in_words(text: str) -> str:
    """Welsh, Irish, Tamil, Turkish, Portuguese, Greek, Lithuanian, Slovak, Czech, Swahili, Bulgarian, Croatian and Sinhala words read as their English (see `_MIXED_IN_WORDS`);
    `parse_question` reads them first, as typed ("eleni", this year, only in lower case: Eleni is a name)."""
    return _MIXED_IN.sub(lambda m: _MIXED_IN_WORDS[int(str(m.lastgroup)[1:])][1], text)


# A Lithuanian (or Polish) keyboard's letters slipped into an English word ("receiving rėsults", "waitįng"): the
# word without them, when that is an English word; names keep theirs ("Jūratė")
_SLIPPED_LETTERS = str.maketrans("ėąęįųūĖĄĘĮŲŪ", "eaeiuuEAEIUU")
_WITH_SLIPPED = re.compile(r"[^\W\d_]*[ėąęįųūĖĄĘĮŲŪ][^\W\d_]*")


def _slipped_letters(text: str) -> str:
    def folded(m: re.Match[str]) -> str:
        plain = m.group(0).translate(_SLIPPED_LETTERS)
        return plain if plain.lower() in _lexicon() else m.group(0)
    return _WITH_SLIPPED.sub(folded, text) if _WITH_SLIPPED.search(text) else text


def in_english(text: str) -> str:
    """What a question says in the English the rules read: Welsh, Irish, Tamil, Turkish, Portuguese, Greek and
    Lithuanian words and a Lithuanian keyboard's letters, then Bangla, then Hinglish. The one first step of
    `parse_question` and of the intent model's texts, so the model learns what it is asked."""
    return hinglish(bangla(mixed_in_words(_slipped_letters(text))))


# Bangla in Latin letters mixed into English ("koto gulo rating peyechi ei mash?", "kon MOT shobcheye kharap", "Priya er
# story gulo dekhao"), read only when two of its words come, or one no English or Hindi message says; phrases first,
# then words; the particles English says by order ("er", "ta", "gulo", "e") are dropped
_BANGLA_MARKERS = frozenset("""ei mash mashe gelo goto gotokal gatokal kon konta konti kon kon koto koyta koita kotogulo
    shobcheye sobcheye shobtheke beshi kharap bhalo valo khushi kemon jacche jache cholche hocche hoise hoyeche dekhao dekhan
    bolo bolen dao likhse likheche korse koreche korche dise diyeche ashche asche esheche peyechi paisi er der gulo ta te
    theke porjonto jonno niye ache keno kothay jaygay amra amader amar tumi apni shoptah bochor bochhor golpo
    chilo gese geche jhamela pochondo obostha bolche bolse shunchi khub ektu kichu""".split())  # not Hindi's too (ke, ki, aaj, din)
_BANGLA_ALONE = frozenset("""shobcheye sobcheye shobtheke kotogulo koyta koita gotokal gatokal dekhao dekhan kemon jacche
    hocche likhse likheche korse koreche korche peyechi porjonto pochondo jhamela shoptah bochor bochhor golpo obostha
    bolche bolse konta""".split())
_BANGLA_PHRASES = tuple((re.compile(rf"(?<![\w'’]){k}(?![\w'’])", re.IGNORECASE), v) for k, v in (
    (r"(?:last|gelo|goto|shesh)\s+(\d+)\s+(?:din|dine|diner|din\s+er)", r"last \1 days"),
    (r"(?:last|gelo|goto|shesh)\s+(\d+)\s+(?:shoptah|shoptaho|soptaho)(?:\s+er)?", r"last \1 weeks"),
    (r"(?:gelo|goto|ager)\s+(?:mash|mashe|mas|masher)", "last month"), (r"ei\s+(?:mash|mashe|mas|masher)", "this month"),
    (r"(?:gelo|goto|ager)\s+(?:shoptah|shoptahe|soptaho|week)(?:\s+e)?", "last week"),
    (r"ei\s+(?:shoptah|shoptahe|soptaho)", "this week"),
    (r"(?:gelo|goto|ager)\s+(?:bochor|bochhor|bochore|year)", "last year"), (r"ei\s+(?:bochor|bochhor|bochore)", "this year"),
    (r"ei\s+(week|month|quarter|year)(?:\s+e|\s+er)?", r"this \1"),
    (r"(?:gotokal|gatokal|gotokaal)(?:\s+er)?", "yesterday"), (r"(?:aaj|aj)\s+porjonto", "today"),
    (r"(?:aaj|aj|ajke|aajke)(?:\s+er)?", "today"),
    (r"shuru\s+theke|prothom\s+theke|start\s+theke|from\s+the\s+beginning", "since the start"),
    (r"din\s+din|dine\s+dine", "over time"), (r"mash\s+(?:by|dhore)\s+mash", "month by month"),
    (r"kharap\s+(?:hocche|hoye\s+jacche|hoise|hoyeche)", "getting worse"),
    (r"(?:bhalo|valo)\s+(?:hocche|hoye\s+jacche|hoise|hoyeche)", "getting better"),
    (r"improve\s+(?:hocche|hoise|hoyeche|korse|koreche)", "improving"),
    (r"(?:shobcheye|sobcheye|shobtheke|shob\s+theke)\s+(?:beshi\s+)?(?:kharap|baje)", "worst"),
    (r"(?:shobcheye|sobcheye|shobtheke|shob\s+theke)\s+(?:beshi\s+)?(?:bhalo|valo)", "best"),
    (r"(?:shobcheye|sobcheye|shobtheke|shob\s+theke)\s+kom", "least"),
    (r"(?:shobcheye|sobcheye|shobtheke|shob\s+theke)(?:\s+beshi)?", "most"),
    (r"koto\s*gulo|koto\s+jon|koyta|koita|koto\s+ta", "how many"),
    (r"kon\s+kon|kon\s+jaygay|kon\s+jaygae|kon\s+jon", "which"), (r"kon(?:ta|ti)?", "which"),
    (r"kemon\s+(?:jacche|jache|cholche|achhe|ache)", "how is it going"), (r"kemon\s+(?:acho|achen)", "how are you"),
    (r"kemon", "how"), (r"ki\s+(?:obostha|abostha)", "how is it"),
    (r"(?:beshi|most)\s+story\s+(?:likhse|likheche|share\s+korse|share\s+koreche|dise|diyeche)",
     "told the most stories"),
    (r"((?:dr\.?\s+)?\w+)\s+(?:ke\s+)?niye", r"about \1"), (r"ki\s+ki", "what"),
    (r"(\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9})\s+theke", r"since \1"),
    (r"(?:rate|feedback|vote)\s+(?:korse|koreche|dise|diyeche)", "rated"),
    (r"share\s+(?:korse|koreche|korte\s+chai)", "shared"),
    (r"^(?P<who>.*?)\s+(?:er\s+)?(?P<what>appointment|table)\s+(?:ta\s+)?(?:\w+\s+(?:te\s+|e\s+)?)?book\s+kore\s+dao",
     r"book a \g<what> for \g<who>"),
    (r"book\s+kore\s+dao", "book"), (r"(?:kharap|baje)\s+(?:jacche|jache|cholche)", "doing badly"),
    (r"(?:bhalo|valo)\s+(?:jacche|jache|cholche)", "doing well"), (r"(\w+)\s+er\s+jonno\s+wait", r"wait for \1"),
    (r"(?P<for>[\w\s]+?)\s+e?r\s+jonno\s+(?P<what>.+?)\s+dao\b", r"give me \g<what> for \g<for>"),
    (r"r\s+jonno|er\s+jonno", "for the"),
    (r"ki\s+(?:ki\s+)?ache\s*(\?*)$", r"what is there\1"), (r"compare\s+kore\s+dekhao|compare\s+koro", "compare"),
))
_BANGLA_WORDS = {
    "dekhao": "show me", "dekhan": "show me", "bolo": "tell me", "bolen": "tell me", "dao": "give me",
    "ke": "who", "kar": "whose", "ki": "what", "keno": "why", "kothay": "where", "kharap": "bad", "bhalo": "good",
    "valo": "good", "khushi": "happy", "pochondo": "like", "jhamela": "problem", "beshi": "most", "kom": "least",
    "likhse": "wrote", "likheche": "wrote", "golpo": "story", "amra": "we", "amader": "our", "ache": "is there",
    "nai": "not", "kono": "any", "bolche": "say", "bolse": "said", "chilo": "was", "dhonnobad": "thanks",
    "dhonyobad": "thanks", "salam": "hello", "ashche": "came", "asche": "came", "esheche": "came", "peyechi": "got",
    "paisi": "got", "mash": "month", "din": "days", "shoptah": "week", "bochor": "year", "tin": "three",
    "naam": "name", "onek": "a lot", "kichu": "some", "lagano": "put up", "dise": "gave", "diyeche": "gave",
}
_BANGLA_DROPPED = frozenset("""er der ra ta ti gulo e te r o na to korche korse koreche kore hoy hoise hoyeche hocche gese geche
    jacche theke porjonto jonno khub ektu bhai apa kache kora holo""".split())


# a Bangla window needs no other Bangla word to be read ("top 5 most loved moments ei quarter e")
_BANGLA_WINDOW = re.compile(r"\bei\s+(?P<unit>week|month|quarter|year|mash|mashe|bochor|bochhor|shoptah)(?:\s+e\b)?",
                            re.IGNORECASE)
_BANGLA_UNIT = {"mash": "month", "mashe": "month", "bochor": "year", "bochhor": "year", "shoptah": "week"}


def bangla(text: str) -> str:
    text = _BANGLA_WINDOW.sub(lambda m: f"this {_BANGLA_UNIT.get(m['unit'].lower(), m['unit'].lower())}", text)
    said = set(re.findall(r"[a-z]+", text.lower()))
    if len(_BANGLA_MARKERS & said) < 2 and not _BANGLA_ALONE & said:
        return text
    for pattern, english in _BANGLA_PHRASES:
        text = pattern.sub(english, text)
    return _word_for_word(text, _BANGLA_WORDS, _BANGLA_DROPPED)


# "kal" closing the message or before a postposition ("irritating ratings kal", "kal ki stories"): yesterday; not a
# name ("Kal wrote a story")
_KAL_ALONE = re.compile(r"\bkal(?=\s*[?.!]*\s*$|\s+(?:ki|ka|ke|se|wali|wala|wale|tak)\b)", re.IGNORECASE)


def _word_for_word(text: str, words: dict[str, str], dropped: frozenset[str]) -> str:
    """Each word of a mixed-in language as its English (`words`), its particles (`dropped`) left out, spaces closed."""
    read = re.sub(r"\b[a-z]+\b", lambda m: words.get(m.group(0).lower(), m.group(0))
                  if m.group(0).lower() not in dropped else "", text, flags=re.IGNORECASE)
    return re.sub(r"[ \t]{2,}", " ", read).strip()


def hinglish(text: str) -> str:
    text = _HINDI_WINDOW.sub(lambda m: f"last {m['count']}" if m["count"] else
                             f"{'this' if m['which'].lower() == 'is' else 'last'} {_HINDI_WINDOW_UNIT[m['unit'].lower()]}",
                             text)
    said = set(re.findall(r"[a-z]+", text.lower()))
    if len(_HINDI_MARKERS & said) < 2 and not _HINDI_ALONE & said and not _KAL_ALONE.search(text):
        return text
    for pattern, english in _HINDI_PHRASES:
        if english is None:  # "pichle 30 din mein": the last 30 days
            text = pattern.sub(lambda m: f"last {m.group(1)} {_HINDI_UNITS[m.group(2).lower()]}", text)
        else:
            text = pattern.sub(english, text)
    text = re.sub(r"\b(\w+) GERUND\b", lambda m: _GERUND.get(m.group(1).lower(), m.group(1)), text)
    return _word_for_word(text, _HINDI_WORDS, _HINDI_DROPPED)


# "wk to date", "mth to date": the unit said in full, so the window reads ("stories logged wk to date")
_UNIT_TO_DATE = re.compile(r"\b(?P<unit>wk|mth|mnth|qtr|yr)(?=\s+to\s+date\b)", re.IGNORECASE)


# "since 1. september", "we did it 9. november": a day with the ordinal dot of Norwegian, German, Danish, Czech
_DOTTED_DAY = re.compile(r"(?<![\d.])\b(?P<day>[0-3]?\d)\.\s*(?P<month>[a-zäö]{3,})\b", re.IGNORECASE)
_OTHER_MONTH_STEMS = frozenset({"okt", "dez", "mai", "mär", "mrz"})


def _dotted_day(m: re.Match[str]) -> str:
    stem = m["month"].lower()[:3]
    if 1 <= int(m["day"]) <= 31 and (stem in _MONTHS or stem in _OTHER_MONTH_STEMS):
        return f"{m['day']} {m['month']}"
    return m.group(0)


# "total stories so far", "how many ratings in total till now": all to date (not "so far this month")
_TOTAL_SO_FAR = re.compile(r"\b(?P<lead>(?:total|overall|altogether|in\s+all)\b[^.?!]*?)\b(?:so\s+far|till\s+now|until\s+now|up\s*to\s+now)\b"
                           r"(?!\s+(?:this|in|for|during|over)\b)", re.IGNORECASE)

# "this ear", "last ear": year with its "y" dropped (Black Country), only after a word that names a window
_EAR = re.compile(r"\b(?P<which>this|last|next|previous|the\s+whole|all|per|a|each|the\s+past)\s+(?:ear|yer|yaer|yeer)\b",
                  re.IGNORECASE)  # and "this yer": a letter dropped


def expand_abbreviations(text: str) -> str:
    """"how many ppl rated us rn" -> "how many people rated us now"; "no. of", "# stories" -> "number of";
    "how much stories" -> "how many stories"; "the passed 30 days" -> "the past 30 days"; "this weeks
    stories" -> "this week's stories"."""
    text = _UNIT_TO_DATE.sub(lambda m: UNIT_IN_FULL[m["unit"].lower()], _patois(hinglish(text)))
    text = _EAR.sub(lambda m: f"{m['which']} year", text)
    text = _DOTTED_DAY.sub(_dotted_day, text)
    text = _TOTAL_SO_FAR.sub(lambda m: f"{m['lead']}to date", text)
    text = _G_DROPPED.sub(_g_dropped, _H_DROPPED.sub(_h_dropped, _T_ARTICLE.sub("the ", text)))
    text = _HISTORIES.sub(lambda m: "stories" if m.group(0).lower().endswith("ies") else "story", text)
    text = _NOT_WANTED.sub(lambda m: " " * len(m.group(0)), text)
    text = _NOT_LIKED.sub("dislike", _BOTHER_YOU.sub(" ", text))
    text = _GS_DROPPED.sub(lambda m: f"{m['stem']}ings" if f"{m['stem'].lower()}ings" in _lexicon()
                           and m.group(0).lower() not in _lexicon() else m.group(0), text)  # "ratins": ratings
    text = _RATING_SLIP.sub(_rating_slip, _UNIT_SLIP.sub(_unit_slip, _LEAD_SLIP.sub(_lead_slip, text)))
    text = _WEEK_AS_WEAK.sub(lambda m: "weakest" if m.group(0).lower() == "weekest" else "weak", text)
    text = _WEAK_AS_WEEK.sub(_weak_as_week, text)
    text = _FOR_AS_FOUR.sub(lambda m: f"{m['lead']} four ", text)
    text = _OK_OPENING.sub("", _WAIT_INTERJECTION.sub(" ", text))
    text = _PERIOD_POSSESSIVE.sub(lambda m: f"{m['lead']} {m['unit']}'s", text)
    text = _MONTH_MO.sub(lambda m: f"{m['lead']} month", text)
    text = _NTH_QUARTER.sub(lambda m: f"q{_QUARTER_OF[m['nth'].lower()]}", text)
    text = _SPOKEN_QUARTER.sub(lambda m: f"q{_QUARTER_SAID[m['n'].lower()]}", text)
    text = _MONTH_DAY_WORD.sub(lambda m: f"{m['month']} {_DAY_WORDS[m['nth'].lower()]}", text)
    text = _DAY_WORD_MONTH.sub(lambda m: f"{m['lead']} {_DAY_WORDS[m['nth'].lower()]} ", text)
    text = _FROM_START.sub("since", text)
    text = _FROM_TILL_DATE.sub(lambda m: f"since {m['when']}" if _A_TIME.search(m["when"]) else m.group(0), text)
    text = _FRENCH_FIRST.sub("1st", text)
    text = _ENDEARMENT.sub(lambda m: m["greeting"] or "", text)
    text = _NEXT_TO_LAST.sub("vs ", text)
    text = _UNIT_TILL_NOW.sub(lambda m: f"{m['lead']} so far", text)
    text = _TILL_DATE.sub("to date", text)
    text = _TILL_NOW.sub("until ", text)  # "feedback till now": no cash till
    text = since_as_length(text)
    text = _LAST_TO_LAST.sub(lambda m: f"the {m['unit']} before last", text)
    text = _NTH_OF_MONTH.sub(lambda m: f"{_ORDINALS[m['nth'].lower()]} ", text)
    text = _BEFORE_AND_AFTER.sub(lambda m: f"since {m['when']} compared to before", text)
    text = _PRACTICE_CARDS.sub("best practices", text)
    text = _THE_PRACTICE.sub(lambda m: f"{m['lead']} clinic", text)
    text = _GP_PRACTICES.sub(lambda m: "clinics" if m["what"].lower().endswith(("es", "ies")) else "clinic", text)
    text = _SINCE_ENDED.sub(_since_ended, text)
    text = _UNIT_SO_FAR.sub(lambda m: f"this {m['unit']}", text)
    text = _OF_THE_UNIT_SAID.sub(lambda m: f"{m['what']} of this {m['unit']}", text)
    text = _OVER_THE_UNIT.sub(_over_this_unit, text)
    text = _ALL_UNIT.sub(lambda m: f"this {m['unit'] or m['unit2']}", text)
    text = _DIRECTION_OF_TRAVEL.sub("trajectory", text)
    text = _GREETING_CARD.sub(lambda m: f"{m['kind']} note", text)
    text = _CARD_FROM.sub(lambda m: f"{m['a']}note ", text)
    text = _DUE_DAY.sub(lambda m: f"{m['lead']} the deadline", text)
    text = _SEASON_SLIP.sub(_season_slip, text)
    text = _TO_DAY.sub("today", text)
    text = _WHICH_DIRECTION.sub(lambda m: f"{m['which']} way", text)
    text = _CAN_FOLLOW.sub(lambda m: f"{m['modal']} copy", text)
    text = _O_OF.sub(lambda m: f"{m['part']} of ", text)
    text = _FIT_ASKS.sub("what", _FIT_LIKE.sub("how", text))
    text = _N_LAST.sub(lambda m: f"the {m['last']} {m['n']} {m['unit']}", text)
    text = _N_FIRST.sub(lambda m: f"the top {m['n']}", text)
    text = _DID_IMPROVE.sub(lambda m: f"{m['aux']} {m['what']}get better", text)
    text = _THEY_IMPROVE.sub(lambda m: f"{m['aux']} {m['who']} {_BETTER_SAID[m['form'].lower()]}", text)
    text = _WHERE_PRAISED.sub("where are we doing best", text)
    text = _LAST_HALF_YEAR.sub(lambda m: f"{m['lead']} 6 months", text)
    text = _ANY_TIME.sub(" all time", text)
    text = _DATA_SAY.sub("the figures show", _BOUT.sub("about", text))
    text = _EXCLUDED_TERM.sub(" ", _FIELD.sub(lambda m: f"{m['what']} about ", text))
    text = _OVER_N_UNITS.sub(lambda m: f"over the last {m['n']} {m['unit']}", text)
    text = _AREAS_PRAISED.sub("the moments doing best", text)
    text = _FEEDBACK_LIKE.sub("how are we doing ", text)
    text = _SITUATION_OF.sub("how is ", text)
    text = _DID_HELP.sub(lambda m: f"{m['aux']} {m['what']}made a difference to", text)
    text = _WAITING_OF.sub("waiting for ", text)
    text = _ROLLING_12.sub("over the last 12 months", text)
    text = _TRIMESTER.sub(lambda m: f"quarter{m['s']}", text)
    text = _CARD_GIVEN.sub(lambda m: f"{m['give']}gift", text)
    text = _GP_PLACE.sub(lambda m: f"{m['at']} the clinic" if m["at"] else "clinic side", text)
    text = _N_DAYS.sub(lambda m: f"{m['lead'] or 'last'} {m['n']} days", text)
    text = _N_UNITS_BARE.sub(lambda m: f"last {m['n']} {m['unit']}", text)
    if not _STORIES_NAMED.search(text):  # "n for stories" counts stories (below)
        text = _N_TOTAL.sub(lambda m: f"{m['lead']} number of ratings", _N_SAMPLE.sub("number of ratings ", text))
    text = _N_FOR_NUMBER.sub("number of ", text)
    text = _RATING_NOUNED.sub(lambda m: f"{m['rating']} ratings", text)
    text = _THE_DAY.sub(lambda m: m.group(0) if _DAY_DONE.search(m.string, 0, m.start()) else "today", text)
    text = _WORKS_THE_DAY.sub(lambda m: f"{m['verb']} the regular {m['what']}", text)
    text = _DAY_CREW.sub(lambda m: f"{m['lead']} regular {m['who']}", text)
    text = _N_SAMPLE.sub("number of ratings ", text)
    text = _OUT_OF_THE_PARK.sub("doing best", text)
    text = _OWN_WEIGHT.sub("doing their share", _THIS_LAST.sub("", text))
    text = _TRAILING_DAYS.sub(lambda m: f"last {m['n']} days", text)
    text = _REG_DESK.sub("registration ", text)
    text = _WOW_SAID.sub("", _MOTHER.sub(lambda m: f"{m['whose']} mum", text))
    if not _WINDOW_SAID.search(text):
        text = _MOM_WOW.sub(lambda m: f"this {'month' if m['unit'].lower() == 'mom' else 'week'} vs last "
                                      f"{'month' if m['unit'].lower() == 'mom' else 'week'}", text, count=1)
    elif _SPAN_OF_UNITS.search(text):  # "MoM for the booking line since Jan": the series over that span
        text = _MOM_WOW.sub(lambda m: f"{'month on month' if m['unit'].lower() == 'mom' else 'week on week'} trend", text,
                            count=1)
    text = _HIS_REVIEW.sub(lambda m: f"{m['lead']} appraisal", text)
    text = _THEN_THAN.sub(lambda m: f"{m['more']} than", _FOUR_FOR.sub("for ", _MAXIMUM.sub("most", text)))
    text = _OF_THE_UNIT.sub(lambda m: m.group(0) if _OTHER_WINDOW.search(m.string) else f"{m['lead']}this {m['unit']}",
                            _DAY_SO_FAR.sub("today ", text))  # "the star of the week last week": last week's
    text = _SEASONAL_STAFF.sub("", text)
    text = _HOME_RUNS.sub("doing best", text)
    if not _COMPLAINTS_TOO.search(text):  # "what moments get praise and which get complaints?": what people say
        text = _MOMENTS_PRAISED.sub(lambda m: f"{m['which']} doing best", text)
    if _STAFF_CONTEXT.search(text):  # "tips to share with the new starters"; "are the new starters selling" is food
        text = _NEW_STARTERS.sub(lambda m: f"{m['lead']} staff", text)
    text = _WHO_MVP.sub("who is top", text)
    text = _BRAGGED.sub("praised", text)
    text = _SAY_FOR_INSTANCE.sub(" ", text)
    text = _STREAK.sub("trending", text)
    text = _WHICH_OF_CREW.sub("which of the team", text)
    if _TELLING.search(text) and not _RATINGS_OR_LIST.search(text):  # "which of them has bothered contributing stories"
        text = _WHICH_OF_THEM.sub("which of the team", text)
    text = _CALLED_OUT.sub("mentioned", text)
    text = _SIGNS_IN.sub(lambda m: f"{m['det']} signage in" if m["det"] else "signage in", text)
    text = _SURVEY_FILLED.sub("answering ", text)
    text = _IN_THE_LEAST.sub("at all", text)
    text = _BACK_HALF.sub(lambda m: "second half" if m["which"].lower() == "back" else "first half", text)
    text = _APPT.sub(lambda m: f"appointment{m['s']}", _CHK.sub("check", text))
    text = _N_M.sub(_n_months, text)
    text = _STAFF_ROOM.sub(lambda m: f"{m['whose']}room", text)
    text = _JOB_INTERVIEW.sub("jobinterview", text)
    text = _AVERAGE_SCORE.sub("overall picture", text)
    text = _ROLE_TOLD.sub(lambda m: f"{m['who']} is staff", text)
    text = _QOQ.sub("this quarter vs last quarter", text)
    text = _STORY_TELLERS.sub("storytellers", text)
    text = _MOST_PLAIN.sub(lambda m: _SUPERLATIVE[m["adj"].lower()], text)
    if not _WHO_ASKED.search(text):
        text = _EXTREME_SHARE.sub(_extreme_share, text)
    text = _PART_OF_VISIT.sub(lambda m: f"{m['lead']} of the visit", text)
    text = _HALF.sub(_half_year, text)
    text = _VERSUS.sub(" vs ", _VERY.sub(" very ", text))
    text = _THE_FRONT.sub("the front desk", text)
    text = _DRIVING.sub("causing ", text)
    text = _WHOLE_HISTORY.sub("all time", text)
    text = _ASKING_FILLER.sub(" ", text)
    text = _DAYS_UNSAID.sub(lambda m: f"{m['lead']} {m['n']} days", text)
    text = _NUMBER_OF.sub(lambda m: "number " if m.string.startswith("of", m.end()) else "number of ", text)
    text = _DIS.sub("this", _PASSED.sub("past  ", _HOW_MUCH_COUNT.sub("how many", text)))
    text = _WEIGHT_FOR_WAIT.sub(lambda m: "waiting" if m.group(0).lower() == "weighting" else "wait", text)
    return re.sub(r"(?<![\w/'-])[^\W\d_]+(?![\w/-])", lambda m: _ABBREVIATIONS.get(m.group(0), m.group(0)), text)
